#ifndef KANGFU_CLI_STATS_COMMAND_HPP_
#define KANGFU_CLI_STATS_COMMAND_HPP_

// `kangfu stats forms --db URL --org ID (--period P | --from D --to D)
//  [--by unit|month|discipline|measure|level|source]`: the four-forms statistics of a subtree
// printed as a table, for batch use on the server. Whoever runs it holds the database itself,
// so it reads as a leader whose jurisdiction is the organisation asked for; the read is recorded
// in the audit log as user "cli" like every statistics read.

#include <CLI/CLI.hpp>

namespace kangfu::cli {

void AddStatsCommand(CLI::App& app, int& exit_status);

}  // namespace kangfu::cli

#endif  // KANGFU_CLI_STATS_COMMAND_HPP_
