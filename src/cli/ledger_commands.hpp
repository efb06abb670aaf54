#ifndef KANGFU_CLI_LEDGER_COMMANDS_HPP_
#define KANGFU_CLI_LEDGER_COMMANDS_HPP_

// `kangfu import FILE` and `kangfu export persons|cases -o OUT.xlsx`: ledgers (台账) for batch
// use (app::LedgerService). The command acts as a local case manager whose jurisdiction is
// --org (default: the root of the organisation tree) and is audited like any account ("cli").

#include <CLI/CLI.hpp>

namespace kangfu::cli {

void AddLedgerCommands(CLI::App& app, int& exit_status);

}  // namespace kangfu::cli

#endif  // KANGFU_CLI_LEDGER_COMMANDS_HPP_
