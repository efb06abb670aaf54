#ifndef KANGFU_CLI_COMMANDS_HPP_
#define KANGFU_CLI_COMMANDS_HPP_

// Each command group registers its subcommands on the application. A command's callback stores
// its process exit status in `exit_status` (0 success, 2 bad input, 1 other failure).

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "app/demo_accounts.hpp"
#include "core/status.hpp"

namespace kangfu::cli {

void AddRulesCommands(CLI::App& app, int& exit_status);

// Reads a whole file ("-" is standard input). Errors are invalid_argument with the path named.
Result<std::string> ReadInputFile(const std::string& path);

// Prints a Status for a person at a terminal: "错误：measures[0].effective：日期…" and returns the
// exit status for it (2 for errors the user can fix, 1 otherwise).
int ReportError(const Status& status);

// Prints the demo accounts as a table (username, role, jurisdiction) with their shared password.
void PrintDemoAccounts(const std::vector<app::DemoAccount>& accounts);

}  // namespace kangfu::cli

#endif  // KANGFU_CLI_COMMANDS_HPP_
