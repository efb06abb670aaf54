#ifndef KANGFU_CLI_AUTH_COMMANDS_HPP_
#define KANGFU_CLI_AUTH_COMMANDS_HPP_

// `kangfu admin init --db URL --username U [--display-name N]`: creates the first 系统管理员. The
// password comes from $KANGFU_ADMIN_PASSWORD, else from the first line of standard input (never
// from the command line, which other users can see in the process list).
//
// `kangfu audit verify --db URL [--checkpoint SEQ:HASH]`: checks the audit log's SM3 chain.
// Prints "审计日志完整…" and the checkpoint to keep elsewhere, exit 0; or the first altered,
// inserted or removed entry (with its seq), exit 3.

#include <CLI/CLI.hpp>

namespace kangfu::cli {

void AddAuthCommands(CLI::App& app, int& exit_status);

}  // namespace kangfu::cli

#endif  // KANGFU_CLI_AUTH_COMMANDS_HPP_
