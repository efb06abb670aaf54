#ifndef KANGFU_CLI_SERVE_COMMAND_HPP_
#define KANGFU_CLI_SERVE_COMMAND_HPP_

#include <CLI/CLI.hpp>

namespace kangfu::cli {

// `kangfu serve [--config FILE] [--listen HOST:PORT] [--db URL] [--static-dir DIR]`: starts the
// HTTP server and runs until SIGTERM or SIGINT, then stops gracefully. Settings come from the
// built-in defaults, the TOML file, KANGFU_* environment variables and these options, the later
// winning. Exit status in `exit_status`: 0 after a clean stop, 2 for bad settings, 1 when the
// server cannot listen.
void AddServeCommand(CLI::App& app, int& exit_status);

}  // namespace kangfu::cli

#endif  // KANGFU_CLI_SERVE_COMMAND_HPP_
