// lawtrail witness init
// A witness for the bodies that supervise the agency (司法局, 司法厅, a court):
// its key, kept apart from any log's (docs/witnesses.md).
#include <cstdio>
#include <filesystem>

#include "ledger/core/cosignature.h"
#include "ledger/log/files.h"
#include "tools/cli_support.h"

namespace lawtrail::cli {
namespace {

struct WitnessOptions {
  std::string dir, name;
};

std::string KeyPath(const std::string& dir) { return dir + "/witness.key"; }

int Init(const WitnessOptions& o) {
  const std::string command = "witness init";
  if (Status name = note::CheckKeyName(o.name); !name.ok()) return Report(command, name.WithContext("--name"));
  std::error_code ec;
  std::filesystem::create_directories(o.dir, ec);
  if (ec) return Report(command, Status::IOError("cannot create " + o.dir + ": " + ec.message()));
  const KeyPair key = KeyPair::Generate();
  // Exclusive: an existing witness key is never replaced (its cosignatures would stop verifying).
  if (Status s = WriteFileDurably(KeyPath(o.dir), cosig::EncodeSigner(o.name, key) + "\n", 0600, true); !s.ok()) {
    return Report(command, s);
  }
  std::printf("witness key: %s (mode 0600)\n%s\n", KeyPath(o.dir).c_str(),
              cosig::EncodeVerifier(o.name, key.public_key()).c_str());
  return 0;
}

}  // namespace

void AddWitnessCommands(CLI::App& app, int& exit_code) {
  CLI::App* witness = app.add_subcommand("witness", "A witness that cosigns logs' checkpoints (C2SP tlog-witness).");
  witness->require_subcommand(1);
  auto o = std::make_shared<WitnessOptions>();
  CLI::App* init = witness->add_subcommand(
      "init", "Create the witness key in WDIR (mode 0600); print its verifier key (type 0x04) as the last line.");
  init->add_option("--data", o->dir, "The witness's folder")->required();
  init->add_option("--name", o->name, "The witness's name, e.g. sifaju.pingqiao.example/w1")->required();
  init->callback([o, &exit_code] { exit_code = Init(*o); });
}

}  // namespace lawtrail::cli
