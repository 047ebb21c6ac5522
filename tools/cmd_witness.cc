// lawtrail witness init | serve
// A witness for the bodies that supervise the agency (司法局, 司法厅, a court):
// its key, kept apart from any log's (docs/witnesses.md).
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "api/server_config.h"
#include "api/witness_server.h"
#include "ledger/core/cosignature.h"
#include "ledger/log/files.h"
#include "ledger/witness/witness.h"
#include "tools/cli_support.h"

namespace lawtrail::cli {
namespace {

struct WitnessOptions {
  std::string dir, name, listen = "127.0.0.1:8081", port_file;
  std::vector<std::string> logs;
  double rate = 10, burst = 20;
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

Result<std::vector<note::Verifier>> LogKeys(const std::vector<std::string>& vkeys) {
  std::vector<note::Verifier> out;
  for (const std::string& v : vkeys) {
    auto key = note::ParseVerifier(v);
    if (!key.ok()) return key.status().WithContext("--log '" + v + "'");
    out.push_back(*key);
  }
  return out;
}

int Serve(const WitnessOptions& o) {
  const std::string command = "witness serve";
  auto text = ReadFile(KeyPath(o.dir));
  if (!text.ok()) return Report(command, text.status().WithContext("run `lawtrail witness init` first"));
  while (!text->empty() && (text->back() == '\n' || text->back() == '\r')) text->pop_back();
  auto signer = cosig::ParseSigner(*text);
  if (!signer.ok()) return Report(command, signer.status().WithContext(KeyPath(o.dir)));
  auto logs = LogKeys(o.logs);
  if (!logs.ok()) return Report(command, logs.status());
  auto state = witness::WitnessState::Open(o.dir + "/state");
  if (!state.ok()) return Report(command, state.status());
  witness::Witness w(signer->name, signer->key, *logs, **state, [] {
    return static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
  });
  api::WitnessServerOptions options;
  options.per_log_rate = o.rate;
  options.per_log_burst = o.burst;
  if (Status s = api::ParseListen(o.listen, options.http); !s.ok()) return Report(command, s);
  CatchStopSignals();
  auto server = api::WitnessServer::Listen(w, options);
  if (!server.ok()) return Report(command, server.status());
  (*server)->Start();
  std::fprintf(stderr, "lawtrail witness serve: %s on http://%s:%u/ for %zu log(s) (SIGTERM or Ctrl-C stops)\n",
               w.name().c_str(), options.http.address.c_str(), (*server)->port(), logs->size());
  if (!o.port_file.empty()) {
    if (Status s = WriteFileDurably(o.port_file, std::to_string((*server)->port()) + "\n", 0644, false); !s.ok()) {
      return Report(command, s);
    }
  }
  while (!StopRequested()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  (*server)->Stop();
  std::fprintf(stderr, "lawtrail witness serve: stopped\n");
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
  CLI::App* serve = witness->add_subcommand(
      "serve", "Serve POST /add-checkpoint (C2SP tlog-witness), GET /checkpoint?origin=… and /metrics.");
  serve->add_option("--data", o->dir, "The witness's folder (from witness init)")->required();
  serve->add_option("--listen", o->listen, "host:port (default 127.0.0.1:8081; port 0: any free port)");
  serve->add_option("--log", o->logs, "A log's verifier key (its name is the origin); repeatable")->required();
  serve->add_option("--rate", o->rate, "Requests per second per log (default 10)");
  serve->add_option("--burst", o->burst, "Requests at once per log (default 20)");
  serve->add_option("--port-file", o->port_file, "Write the port listened on to this file");
  serve->callback([o, &exit_code] { exit_code = Serve(*o); });
}

}  // namespace lawtrail::cli
