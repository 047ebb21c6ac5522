// lawtrail relay, lawtrail topics
#include <chrono>
#include <cstdio>
#include <optional>
#include <thread>

#include "ledger/log/data_dir.h"
#include "ledger/stream/relay.h"
#include "ledger/stream/topics.h"
#include "tools/cli_support.h"

namespace lawtrail::cli {
namespace {

struct RelayCommandOptions {
  std::string dir, brokers, prefix = "lawtrail", metrics;
  std::vector<std::string> kafka_settings;
  bool once = false;
  int poll_ms = 200;
  int max_queued = kafka::RelayOptions{}.max_queued;
};

// Relays until SIGTERM or SIGINT (or, with --once, until caught up). A stop
// request lets the pass under way finish: its records are flushed and the
// cursor committed, so the next start sends nothing twice that was acknowledged.
int RunRelay(const RelayCommandOptions& o) {
  auto first = OpenReadOnly(o.dir);
  if (!first.ok()) return Report("relay", first.status());
  auto origin = first->reader->Origin();
  if (!origin.ok()) return Report("relay", origin.status());
  kafka::RelayOptions options;
  options.bootstraps = o.brokers;
  options.topics = kafka::Topics::WithPrefix(o.prefix);
  options.max_queued = o.max_queued;
  auto extra = ParseKafkaSettings(o.kafka_settings);
  if (!extra.ok()) return Report("relay", extra.status());
  options.extra = std::move(*extra);
  auto relay = kafka::Relay::Open(*origin, o.dir + "/relay", options);
  if (!relay.ok()) return Report("relay", relay.status());
  CatchStopSignals();
  std::optional<ReadOnlyLog> log = std::move(*first);
  while (true) {
    if (!log) {
      auto reopened = OpenReadOnly(o.dir);  // a read-only open sees the log as of opening
      if (!reopened.ok() && reopened.status().code() == StatusCode::kUnavailable) {
        // The writer is busy moving its files; the next pass opens again.
        std::fprintf(stderr, "lawtrail relay: %s\n", reopened.status().ToString().c_str());
        std::this_thread::sleep_for(std::chrono::milliseconds(o.poll_ms));
        if (StopRequested()) return 0;
        continue;
      }
      if (!reopened.ok()) return Report("relay", reopened.status());
      log = std::move(*reopened);
    }
    auto sent = (*relay)->CatchUp(*log->reader);
    if (!sent.ok()) return Report("relay", sent.status());
    if (*sent > 0) {
      std::fprintf(stderr, "relayed %llu records to %s; cursor %llu\n", static_cast<unsigned long long>(*sent),
                   options.topics.records.c_str(), static_cast<unsigned long long>((*relay)->cursor()));
    }
    if (!o.metrics.empty()) {
      auto lag = (*relay)->Lag(*log->reader);
      if (!lag.ok()) return Report("relay", lag.status());
      const std::string text = RelayMetricsText(*origin, (*relay)->cursor(), *lag);
      if (Status s = WriteMetricsFile(o.metrics, text); !s.ok()) return Report("relay", s);
    }
    log.reset();
    if (o.once || StopRequested()) return 0;
    std::this_thread::sleep_for(std::chrono::milliseconds(o.poll_ms));
    if (StopRequested()) return 0;
  }
}

struct TopicsOptions {
  std::string brokers, prefix = "lawtrail";
  int partitions = 1, replication = 3;
};

int CreateTopics(const TopicsOptions& o) {
  const auto topics = kafka::Topics::WithPrefix(o.prefix);
  if (Status s = kafka::CreateTopics(o.brokers, topics, {o.partitions, o.replication}); !s.ok()) {
    return Report("topics", s);
  }
  std::printf("%s\n%s\n", topics.records.c_str(), topics.checkpoints.c_str());
  return 0;
}

}  // namespace

void AddRelayCommands(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<RelayCommandOptions>();
  CLI::App* relay =
      app.add_subcommand("relay",
                         "Stream the log to Kafka: every record to PREFIX.records (key: the origin; value: the\n"
                         "record's exact bytes; headers: index, leaf-hash, format) and every checkpoint to\n"
                         "PREFIX.checkpoints, through an idempotent producer. The cursor (DIR/relay) moves only\n"
                         "after the brokers acknowledge; a restarted relay resumes from it. Tails the log until\n"
                         "SIGTERM; --once stops when caught up. Create the topics first (`lawtrail topics`).");
  AddDataOption(relay, o->dir);
  relay->add_option("--brokers", o->brokers, "Bootstrap brokers, host:port,…")->required();
  relay->add_option("--topic-prefix", o->prefix, "Topic name prefix")->capture_default_str();
  relay->add_flag("--once", o->once, "Stop once the brokers hold the whole log");
  AddKafkaSettingsOption(relay, o->kafka_settings);
  relay->add_option("--metrics", o->metrics, "Write the cursor and lag here after each pass (Prometheus text format)");
  relay->add_option("--poll-ms", o->poll_ms, "Pause between passes over the log's end")->check(CLI::PositiveNumber);
  relay
      ->add_option("--max-queued", o->max_queued,
                   "Records waiting for the brokers at most; when full, the relay stops reading the log")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  relay->callback([o, &exit_code] { exit_code = RunRelay(*o); });

  auto t = std::make_shared<TopicsOptions>();
  CLI::App* topics =
      app.add_subcommand("topics",
                         "Create PREFIX.records and PREFIX.checkpoints with infinite retention (records must\n"
                         "stay readable from the first one). Existing topics are left as they are.");
  topics->add_option("--brokers", t->brokers, "Bootstrap brokers, host:port,…")->required();
  topics->add_option("--topic-prefix", t->prefix, "Topic name prefix")->capture_default_str();
  topics->add_option("--partitions", t->partitions, "Partitions per topic (one log stays in one)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  topics->add_option("--replication", t->replication, "Replicas per partition")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  topics->callback([t, &exit_code] { exit_code = CreateTopics(*t); });
}

}  // namespace lawtrail::cli
