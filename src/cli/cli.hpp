#ifndef KANGFU_CLI_CLI_HPP_
#define KANGFU_CLI_CLI_HPP_

namespace kangfu::cli {

// Parses the command line and runs the chosen subcommand. Returns the process exit status:
// 0 success, 2 bad input (the message on stderr names the field), 1 any other failure.
int Run(int argc, char** argv);

}  // namespace kangfu::cli

#endif  // KANGFU_CLI_CLI_HPP_
