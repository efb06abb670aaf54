// Wiring only: every command lives in src/cli.
#include "cli/cli.hpp"

int main(int argc, char** argv) { return kangfu::cli::Run(argc, argv); }
