// lawtrail: the command-line interface of the ledger. Each command lives in
// its own file; this only wires them together.
#include <CLI/CLI.hpp>

#include "tools/cli_support.h"

int main(int argc, char** argv) {
  CLI::App app{
      "lawtrail — a tamper-evident audit ledger for administrative law enforcement (行政执法).\n"
      "Every enforcement action is a signed event in an append-only log covered by a Merkle tree\n"
      "and signed checkpoints. Run `lawtrail COMMAND --help` for each command."};
  app.require_subcommand(1);
  app.set_version_flag("--version", "lawtrail 0.1.0");
  int exit_code = 0;
  lawtrail::cli::AddKeyCommands(app, exit_code);
  lawtrail::cli::AddRegisterCommand(app, exit_code);
  lawtrail::cli::AddTablesCommands(app, exit_code);
  lawtrail::cli::AddDrawCommands(app, exit_code);
  lawtrail::cli::AddWitnessCommands(app, exit_code);
  lawtrail::cli::AddAppendCommands(app, exit_code);
  lawtrail::cli::AddDemoCommand(app, exit_code);
  lawtrail::cli::AddReadCommands(app, exit_code);
  lawtrail::cli::AddVerifyCommand(app, exit_code);
  lawtrail::cli::AddDomainCommands(app, exit_code);
  lawtrail::cli::AddProjectCommands(app, exit_code);
  lawtrail::cli::AddRelayCommands(app, exit_code);
  lawtrail::cli::AddFollowCommand(app, exit_code);
  lawtrail::cli::AddServeCommands(app, exit_code);
  lawtrail::cli::AddEvidenceCommands(app, exit_code);
  lawtrail::cli::AddExportCommands(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version end here with 0; every usage error exits 2.
    return app.exit(e) == 0 ? 0 : 2;  // CLI11 reports only by exception
  }
  return exit_code;
}
