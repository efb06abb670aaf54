#include "cli/cli.hpp"

#include <CLI/CLI.hpp>

namespace kangfu::cli {

int Run(int argc, char** argv) {
  CLI::App app{"康复（Kangfu）— 处分影响期与回访帮带管理系统", "kangfu"};
  app.require_subcommand(1);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  return 0;
}

}  // namespace kangfu::cli
