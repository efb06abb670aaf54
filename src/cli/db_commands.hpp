#ifndef KANGFU_CLI_DB_COMMANDS_HPP_
#define KANGFU_CLI_DB_COMMANDS_HPP_

// Database commands: `kangfu db migrate|backup FILE|restore FILE`, `kangfu demo seed`,
// `kangfu gen`. Each takes `--db URL` (default: $KANGFU_DB, else sqlite://var/kangfu.db, a file
// relative to the working directory). A command's callback stores its process exit status in
// `exit_status` (0 success, 2 bad input, 1 other failure).

#include <CLI/CLI.hpp>

namespace kangfu::cli {

void AddDbCommands(CLI::App& app, int& exit_status);

}  // namespace kangfu::cli

#endif  // KANGFU_CLI_DB_COMMANDS_HPP_
