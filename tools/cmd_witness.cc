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
#include "ledger/stream/verifying_mirror.h"
#include "ledger/witness/witness.h"
#include "tools/cli_support.h"

namespace lawtrail::cli {
namespace {

struct WitnessOptions {
  std::string dir, name, listen = "127.0.0.1:8081", port_file;
  std::vector<std::string> logs;
  double rate = 10, burst = 20;
  // A verifying witness: follow the log's Kafka topics and cosign only what the mirror verified.
  std::string verify_brokers, topic_prefix = "lawtrail";
  std::vector<std::string> kafka_settings;
  double verify_wait = 5;  // seconds a request waits for the mirror to catch up
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

// The verifying witness's mirror of its one log, in WDIR/mirror.
Result<std::unique_ptr<kafka::VerifyingMirror>> StartMirror(const WitnessOptions& o,
                                                            const std::vector<note::Verifier>& logs) {
  if (logs.size() != 1) {
    return Status::InvalidArgument(
        "--verify-brokers verifies one log: give exactly one --log (run one witness "
        "process per verified log)");
  }
  kafka::FollowerOptions options;
  options.bootstraps = o.verify_brokers;
  options.topics = kafka::Topics::WithPrefix(o.topic_prefix);
  options.group = "lawtrail-witness." + logs[0].name;
  LAWTRAIL_ASSIGN_OR_RETURN(options.extra, ParseKafkaSettings(o.kafka_settings));
  auto mirror = kafka::VerifyingMirror::Start(o.dir + "/mirror", logs[0], std::move(options));
  if (!mirror.ok()) return mirror.status().WithContext("the verifying witness's mirror");
  return mirror;
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
  std::unique_ptr<kafka::VerifyingMirror> mirror;
  if (!o.verify_brokers.empty()) {
    auto started = StartMirror(o, *logs);
    if (!started.ok()) return Report(command, started.status());
    mirror = std::move(*started);
    const auto wait = std::chrono::milliseconds(static_cast<int64_t>(o.verify_wait * 1000));
    w.set_vouch([m = mirror.get(), wait](const Checkpoint& cp) { return m->Vouch(cp, wait); });
  }
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
  mirror.reset();
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
  serve->add_option("--verify-brokers", o->verify_brokers,
                    "A verifying witness: follow the log's Kafka topics into WDIR/mirror (every record checked as\n"
                    "`lawtrail follow` does) and cosign a checkpoint only when the verified records give its root\n"
                    "and case-head map root (503 until they do; 422, with evidence, when they differ)");
  serve->add_option("--topic-prefix", o->topic_prefix, "With --verify-brokers: the topics' prefix")
      ->capture_default_str();
  AddKafkaSettingsOption(serve, o->kafka_settings);
  serve->add_option("--verify-wait", o->verify_wait, "Seconds a request waits for the mirror to catch up (default 5)")
      ->check(CLI::NonNegativeNumber);
  serve->callback([o, &exit_code] { exit_code = Serve(*o); });
}

}  // namespace lawtrail::cli
