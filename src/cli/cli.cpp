#include "cli/cli.hpp"

#include <CLI/CLI.hpp>

#include "cli/auth_commands.hpp"
#include "cli/commands.hpp"
#include "cli/db_commands.hpp"
#include "cli/ledger_commands.hpp"
#include "cli/serve_command.hpp"
#include "cli/stats_command.hpp"

namespace kangfu::cli {

int Run(int argc, char** argv) {
  CLI::App app{"康复（Kangfu）— 处分影响期、回访帮带与干部监督管理系统", "kangfu"};
  app.require_subcommand(1);
  int exit_status = 0;
  AddRulesCommands(app, exit_status);
  AddDbCommands(app, exit_status);
  AddServeCommand(app, exit_status);
  AddAuthCommands(app, exit_status);
  AddStatsCommand(app, exit_status);
  AddLedgerCommands(app, exit_status);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int status = app.exit(e);
    return status == 0 ? 0 : 2;
  }
  return exit_status;
}

}  // namespace kangfu::cli
