// lawtrail serve, lawtrail token
#include <chrono>
#include <cstdio>
#include <thread>

#include <nlohmann/json.hpp>
#include <sodium.h>

#include "api/api_server.h"
#include "api/server_config.h"
#include "ledger/core/cosignature.h"
#include "ledger/core/mutex.h"
#include "ledger/core/policy.h"
#include "ledger/cosigning/collector.h"
#include "ledger/log/data_dir.h"
#include "ledger/log/files.h"
#include "ledger/stream/relay.h"
#include "projectors/all.h"
#include "tools/allocator.h"
#include "tools/cli_support.h"

namespace lawtrail::cli {
namespace {

// The relay inside serve: tails the log in this process and streams it to
// Kafka, exactly as `lawtrail relay` does from outside.
class RelayThread {
 public:
  static Result<std::unique_ptr<RelayThread>> Start(const std::string& dir, const LogReader& reader,
                                                    const api::ServeConfig& config) {
    LAWTRAIL_ASSIGN_OR_RETURN(std::string origin, reader.Origin());
    kafka::RelayOptions options;
    options.bootstraps = config.brokers;
    options.topics = kafka::Topics::WithPrefix(config.topic_prefix);
    options.extra = config.kafka_settings;
    LAWTRAIL_ASSIGN_OR_RETURN(auto relay, kafka::Relay::Open(origin, dir + "/relay", options));
    std::unique_ptr<RelayThread> t(new RelayThread(std::move(relay), reader, origin));
    t->thread_ = std::thread([p = t.get()] { p->Loop(); });
    return t;
  }
  ~RelayThread() {
    {
      MutexLock lock(mu_);
      stopping_ = true;
    }
    cv_.NotifyAll();
    thread_.join();
  }
  std::string Metrics() {
    MutexLock lock(mu_);
    std::string text = RelayMetricsText(origin_, cursor_, lag_);
    if (!status_.ok()) text += "# relay: " + status_.ToString() + "\n";
    return text;
  }

 private:
  RelayThread(std::unique_ptr<kafka::Relay> relay, const LogReader& reader, std::string origin)
      : relay_(std::move(relay)), reader_(reader), origin_(std::move(origin)) {}
  void Loop() {
    for (;;) {
      auto sent = relay_->CatchUp(reader_);
      auto lag = relay_->Lag(reader_);
      {
        MutexLock lock(mu_);
        status_ = sent.ok() ? Status::Ok() : sent.status();
        if (!sent.ok())
          std::fprintf(stderr, "lawtrail serve: relay: %s (retrying)\n", sent.status().ToString().c_str());
        cursor_ = relay_->cursor();
        lag_ = lag.ok() ? *lag : lag_;
        cv_.WaitFor(mu_, std::chrono::milliseconds(sent.ok() ? 200 : 2000),
                    [this]() LAWTRAIL_REQUIRES(mu_) { return stopping_; });
        if (stopping_) return;
      }
    }
  }

  std::unique_ptr<kafka::Relay> relay_;
  const LogReader& reader_;
  std::string origin_;
  std::thread thread_;
  Mutex mu_;
  CondVar cv_;
  bool stopping_ LAWTRAIL_GUARDED_BY(mu_) = false;
  uint64_t cursor_ LAWTRAIL_GUARDED_BY(mu_) = 0;
  uint64_t lag_ LAWTRAIL_GUARDED_BY(mu_) = 0;
  Status status_ LAWTRAIL_GUARDED_BY(mu_);
};

// What /metrics says of the witnesses (docs/witnesses.md lists the series).
std::string WitnessMetricsText(const cosigning::Progress& p) {
  std::string out = PrometheusGauge("lawtrail_checkpoint_published_size",
                                    "The tree size of the checkpoint the log publishes (cosigned by its witnesses).",
                                    "", static_cast<long long>(p.published_size));
  out += PrometheusGauge("lawtrail_checkpoint_newest_size", "The tree size of the newest checkpoint the log signed.",
                         "", static_cast<long long>(p.newest_size));
  out += PrometheusGauge("lawtrail_checkpoint_published_with_quorum",
                         "1 if the published checkpoint meets the witness policy's quorum, 0 if it was published "
                         "without it (fail-open).",
                         "", static_cast<long long>(p.published_has_quorum ? 1 : 0));
  for (const auto& w : p.witnesses) {
    const std::string labels = "{witness=\"" + w.name + "\"}";
    out += PrometheusGauge("lawtrail_witness_cosigned_size", "The largest checkpoint the witness cosigned.", labels,
                           static_cast<long long>(w.cosigned_size));
    out += PrometheusGauge("lawtrail_witness_cosignatures_total", "Requests answered with a valid cosignature.", labels,
                           static_cast<long long>(w.cosignatures));
    out += PrometheusGauge("lawtrail_witness_failures_total", "Requests that failed (unreachable, refused, malformed).",
                           labels, static_cast<long long>(w.failures));
    out += PrometheusGauge("lawtrail_witness_refusals_total",
                           "422 answers: the witness cosigned a tree this log's checkpoint is not consistent with.",
                           labels, static_cast<long long>(w.refusals));
    out += PrometheusGauge("lawtrail_witness_request_seconds", "The last request's time.", labels, w.last_seconds);
  }
  out += PrometheusGauge("lawtrail_checkpoint_stamped_size",
                         "The newest checkpoint with an RFC 3161 time-stamp token (0 without a TSA).", "",
                         static_cast<long long>(p.stamped_size));
  out += PrometheusGauge("lawtrail_timestamp_failures_total", "Time-stamp requests that failed.", "",
                         static_cast<long long>(p.stamp_failures));
  return out;
}

std::string WitnessHealthJson(const cosigning::Progress& p) {
  nlohmann::json witnesses = nlohmann::json::object();
  for (const auto& w : p.witnesses) {
    witnesses[w.name] = {{"cosigned_size", w.cosigned_size}};
    if (!w.last_error.empty()) witnesses[w.name]["error"] = w.last_error;
  }
  nlohmann::json out = {{"status", p.published_has_quorum ? "ok" : "degraded"},
                        {"published_size", p.published_size},
                        {"newest_size", p.newest_size},
                        {"published_with_quorum", p.published_has_quorum},
                        {"witnesses", witnesses}};
  if (!p.published_has_quorum) out["note"] = "the published checkpoint lacks the witnesses' quorum (fail-open)";
  if (!p.quorum_shortfall.empty()) out["waiting_for"] = p.quorum_shortfall;
  if (p.stamped_size > 0 || p.stamp_failures > 0) {
    out["time_stamps"] = {{"stamped_size", p.stamped_size}, {"failures", p.stamp_failures}};
    if (!p.stamp_error.empty()) out["time_stamps"]["error"] = p.stamp_error;
  }
  return out.dump();
}

// Starts the witnessing of checkpoints (ledger/cosigning) when the options
// name a policy. Without one, a log whose publication witnesses gated goes
// back to publishing its newest checkpoint, and says so.
// The witness settings of the config file, where the command line left its
// defaults (a flag given a value other than its default wins).
ServeOptions WithConfigWitnesses(ServeOptions o, const api::ServeConfig::Witnesses& c) {
  const ServeOptions defaults;
  if (o.witness_policy.empty()) o.witness_policy = c.policy;
  if (o.tsa_url.empty()) o.tsa_url = c.tsa;
  if (o.witness_fail_open == defaults.witness_fail_open) o.witness_fail_open = c.fail_open_seconds;
  if (o.witness_timeout == defaults.witness_timeout) o.witness_timeout = c.timeout_seconds;
  if (o.export_wait == defaults.export_wait) o.export_wait = c.export_wait_seconds;
  return o;
}

// `named` receives the policy's witnesses (name, cosigner vkey) for /v1/log.
Result<std::unique_ptr<cosigning::Collector>> StartWitnessing(const ServeOptions& o, Log& log, const std::string& vkey,
                                                              std::vector<std::pair<std::string, std::string>>& named) {
  if (o.witness_policy.empty()) {
    LAWTRAIL_ASSIGN_OR_RETURN(auto gated, log.reader().PublishedSize());
    if (gated) {
      std::fprintf(stderr,
                   "lawtrail serve: WARNING: this log published checkpoints its witnesses cosigned; without "
                   "--witness-policy it now publishes each checkpoint as it signs it, unwitnessed\n");
      rocksdb::WriteBatch batch;
      batch.Delete(log.store().cf(Cf::kMeta), keys::kMetaPublished).PermitUncheckedError();
      LAWTRAIL_RETURN_IF_ERROR(log.store().WriteDurably(batch));
    }
    return std::unique_ptr<cosigning::Collector>();
  }
  LAWTRAIL_ASSIGN_OR_RETURN(auto parsed, LoadPolicy(o.witness_policy));
  LAWTRAIL_ASSIGN_OR_RETURN(const note::Verifier log_key, note::ParseVerifier(vkey));
  cosigning::CollectorOptions options;
  options.request_timeout = std::chrono::milliseconds(static_cast<int64_t>(o.witness_timeout * 1000));
  options.fail_open = o.witness_fail_open >= 0;
  options.tsa_url = o.tsa_url;
  if (options.fail_open) {
    options.fail_open_after = std::chrono::milliseconds(static_cast<int64_t>(o.witness_fail_open * 1000));
  }
  for (const auto& w : parsed.witnesses)
    named.emplace_back(w.name, cosig::EncodeVerifier(w.key.name, w.key.public_key));
  auto started = cosigning::Collector::Start(log.store(), log.reader(), log_key, std::move(parsed), options);
  if (!started.ok()) return started.status().WithContext(o.witness_policy);
  return started;
}

int Token(const std::string& name, const std::string& role, const std::string& certificate) {
  if (auto r = api::ParseRole(role); !r.ok()) return Report("token", r.status());
  uint8_t secret[32];
  randombytes_buf(secret, sizeof secret);
  const std::string token = "lt_" + ToHex(ByteView(secret, sizeof secret));
  sodium_memzero(secret, sizeof secret);
  nlohmann::json entry = {{"name", name}, {"role", role}, {"sha256", api::TokenHashHex(token)}};
  if (!certificate.empty()) entry["certificate"] = certificate;
  std::printf("%s\n%s\n", token.c_str(), entry.dump(-1, ' ', false).c_str());
  std::fprintf(stderr,
               "the first line is the token: give it to %s and keep no copy; "
               "the second goes into the config's \"tokens\"\n",
               name.c_str());
  return 0;
}

}  // namespace

std::string RelayMetricsText(const std::string& origin, uint64_t cursor, uint64_t lag) {
  const std::string labels = "{origin=\"" + origin + "\"}";
  return PrometheusGauge("lawtrail_relay_cursor", "Records the brokers have acknowledged (the relay's cursor).", labels,
                         static_cast<long long>(cursor)) +
         PrometheusGauge("lawtrail_relay_lag_records", "Records in the log not yet acknowledged by the brokers.",
                         labels, static_cast<long long>(lag));
}

int RunServe(const ServeOptions& o) {
  api::ServeConfig config;
  if (!o.config.empty()) {
    auto text = ReadFile(o.config);
    if (!text.ok()) return Report("serve", text.status());
    auto parsed = api::ParseServeConfig(*text);
    if (!parsed.ok()) return Report("serve", parsed.status().WithContext(o.config));
    config = std::move(*parsed);
  }
  if (!o.listen.empty()) {
    if (Status s = api::ParseListen(o.listen, config.api.http); !s.ok()) return Report("serve", s);
  }
  if (!o.brokers.empty()) config.brokers = o.brokers;
  if (!o.topic_prefix.empty()) config.topic_prefix = o.topic_prefix;
  auto vkey = ReadFile(data_dir::VerifierKeyPath(o.dir));
  if (!vkey.ok()) return Report("serve", vkey.status());
  while (!vkey->empty() && (vkey->back() == '\n' || vkey->back() == '\r')) vkey->pop_back();
  auto log = Log::Open(o.dir);
  if (!log.ok()) return Report("serve", log.status());
  auto views = projectors::ViewStore::Open(projectors::ViewsPath(o.dir));
  if (!views.ok()) return Report("serve", views.status());
  std::unique_ptr<RelayThread> relay;
  if (!config.brokers.empty()) {
    auto started = RelayThread::Start(o.dir, (*log)->reader(), config);
    if (!started.ok()) return Report("serve", started.status().WithContext("starting the relay"));
    relay = std::move(*started);
    config.api.extra_metrics = [r = relay.get()] { return r->Metrics(); };
  }
  const ServeOptions witnessed = WithConfigWitnesses(o, config.witnesses);
  auto witnessing = StartWitnessing(witnessed, **log, *vkey, config.api.witnesses);
  if (!witnessing.ok()) return Report("serve", witnessing.status());
  if (cosigning::Collector* c = witnessing->get()) {
    config.api.extra_metrics = [c, relay_metrics = std::move(config.api.extra_metrics)] {
      return (relay_metrics ? relay_metrics() : std::string()) + WitnessMetricsText(c->progress());
    };
    config.api.witness_health = [c] { return WitnessHealthJson(c->progress()); };
    const auto wait = std::chrono::milliseconds(static_cast<int64_t>(witnessed.export_wait * 1000));
    config.api.witnessed_checkpoint = [c, wait, l = log->get()](uint64_t size) {
      return cosigning::WitnessedCheckpoint(*l, *c, size, wait);
    };
    std::fprintf(stderr, "lawtrail serve: checkpoints are published once the witnesses of %s cosign them%s\n",
                 witnessed.witness_policy.c_str(), witnessed.witness_fail_open >= 0 ? " (fail-open)" : "");
  }
  auto evidence = evidence::EvidenceStore::Open(EvidenceStoreOptions(o.dir, config.evidence));
  if (!evidence.ok()) return Report("serve", evidence.status());
  config.api.evidence = evidence->get();
  config.api.staged_ttl = std::chrono::seconds(static_cast<int64_t>(config.evidence.staged_ttl_hours * 3600));
  config.api.evidence_interval = std::chrono::seconds(static_cast<int64_t>(config.evidence.interval_seconds));
  config.api.http.max_stream_body_bytes = (*evidence)->options().max_file_bytes;
  CatchStopSignals();
  config.api.release_memory = ReleaseFreeMemory;
  auto server = api::ApiServer::Start(log->get(), (*log)->store(), views->get(), *vkey, std::move(config.api));
  if (!server.ok()) return Report("serve", server.status());
  std::fprintf(stderr, "lawtrail serve: listening on http://%s:%u/ (SIGTERM or Ctrl-C stops)\n",
               config.api.http.address.c_str(), (*server)->port());
  if (!o.port_file.empty()) {
    if (Status s = WriteFileDurably(o.port_file, std::to_string((*server)->port()) + "\n", 0644, false); !s.ok()) {
      return Report("serve", s);
    }
  }
  while (!StopRequested()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::fprintf(stderr, "lawtrail serve: stopping: answering requests in flight\n");
  (*server)->Stop();
  server->reset();
  relay.reset();
  witnessing->reset();
  log->reset();  // finishes queued statements and writes the last checkpoint
  std::fprintf(stderr, "lawtrail serve: stopped\n");
  return 0;
}

void AddServeCommands(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<ServeOptions>();
  CLI::App* serve =
      app.add_subcommand("serve",
                         "Serve the log over HTTP (docs/api.md): statements in, records, proofs, checkpoints,\n"
                         "tlog tiles, the views and the portal out; fold the views as the log grows; relay\n"
                         "to Kafka when brokers are configured. Stops cleanly on SIGTERM.");
  AddDataOption(serve, o->dir);
  AddServeOptions(serve, *o);
  serve->callback([o, &exit_code] { exit_code = RunServe(*o); });

  auto name = std::make_shared<std::string>();
  auto role = std::make_shared<std::string>();
  auto certificate = std::make_shared<std::string>();
  CLI::App* token = app.add_subcommand(
      "token", "Make an API token: prints the token, then the config entry that holds only its hash.");
  token->add_option("--name", *name, "Who holds the token")->required();
  token->add_option("--role", *role, "public, officer, reviewer, supervisor, auditor or admin")->required();
  token->add_option("--certificate", *certificate, "The officer's certificate number the token belongs to");
  token->callback([=, &exit_code] { exit_code = Token(*name, *role, *certificate); });
}

void AddServeOptions(CLI::App* command, ServeOptions& o) {
  command->add_option("--listen", o.listen, "host:port to listen on (default 127.0.0.1:8080, or the config's)");
  command->add_option("--config", o.config, "The config file (JSON; docs/api.md): tokens, limits, Kafka");
  command->add_option("--brokers", o.brokers, "Relay to these Kafka brokers (overrides the config)");
  command->add_option("--topic-prefix", o.topic_prefix,
                      "Topics <prefix>.records and <prefix>.checkpoints (default lawtrail)");
  command->add_option("--port-file", o.port_file, "Write the port listened on to this file (with --listen …:0)");
  command->add_option("--witness-policy", o.witness_policy,
                      "A C2SP tlog-policy file (docs/witnesses.md): each new checkpoint goes to its witnesses, and\n"
                      "the newest one their cosignatures meet the quorum for is the one published");
  command
      ->add_option("--witness-fail-open", o.witness_fail_open,
                   "Publish a checkpoint without the quorum once it has waited this many seconds (said in\n"
                   "/metrics and /healthz); default: never")
      ->check(CLI::NonNegativeNumber);
  command->add_option("--tsa", o.tsa_url,
                      "An RFC 3161 time-stamping authority (http://…): each checkpoint published with the\n"
                      "quorum is stamped, and court exports carry the token (with --witness-policy)");
  command->add_option("--witness-timeout", o.witness_timeout, "Seconds for one witness request (default 5)")
      ->check(CLI::PositiveNumber);
  command
      ->add_option("--export-wait", o.export_wait,
                   "Seconds an export waits for a cosigned checkpoint covering it (default 30)")
      ->check(CLI::PositiveNumber);
}

}  // namespace lawtrail::cli
