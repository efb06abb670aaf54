#include "cli/cli.hpp"

#include <CLI/CLI.hpp>

#include "cli/db_commands.hpp"

namespace kangfu::cli {

int Run(int argc, char** argv) {
  CLI::App app{"康复（Kangfu）— 处分影响期与回访帮带管理系统", "kangfu"};
  app.require_subcommand(1);
  int exit_status = 0;
  AddDbCommands(app, exit_status);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  return exit_status;
}

}  // namespace kangfu::cli
