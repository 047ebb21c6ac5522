// lawtrail_relay_bench: how fast the relay streams a log to Kafka, against the
// limit of a plain librdkafka producer sending the same messages (the same
// keys, values and headers, with the same producer settings) to the same
// cluster in the same run.
//
//   lawtrail_relay_bench [--cases N] [--dir PATH] [--repeat K]
//
// The cluster is librdkafka's mock (3 brokers on loopback) unless
// LAWTRAIL_KAFKA_BROKERS names a real one. Each is timed from the first
// message to the last delivery report; the relay's time also covers reading
// the log, hashing each leaf and committing its cursor.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "bench/demo_fill.h"
#include "bench/limits.h"
#include "ledger/log/log_reader.h"
#include "ledger/log/store.h"
#include "ledger/stream/client.h"
#include "ledger/stream/relay.h"
#include "ledger/stream/topics.h"
#include "tests/support/kafka/test_cluster.h"

namespace lawtrail::bench {
namespace {

struct Counted {
  uint64_t delivered = 0, failed = 0;
};

// The plain producer: the relay's settings, the messages already in memory.
Result<double> PlainProducer(const std::string& bootstraps, const std::string& topic, const std::string& origin,
                             const std::vector<Bytes>& records) {
  Counted counted;
  kafka::RelayOptions settings;
  settings.bootstraps = bootstraps;
  LAWTRAIL_ASSIGN_OR_RETURN(kafka::Handle producer,
                            kafka::NewClient(
                                RD_KAFKA_PRODUCER, kafka::ProducerSettings(settings),
                                [](rd_kafka_conf_t* conf, void* c) {
                                  rd_kafka_conf_set_dr_msg_cb(
                                      conf, [](rd_kafka_t*, const rd_kafka_message_t* m, void* opaque) {
                                        auto* n = static_cast<Counted*>(opaque);
                                        ++(m->err == RD_KAFKA_RESP_ERR_NO_ERROR ? n->delivered : n->failed);
                                      });
                                  rd_kafka_conf_set_opaque(conf, c);
                                },
                                &counted));
  // Headers computed up front: the limit does no work of its own.
  std::vector<kafka::RecordHeaders> headers;
  headers.reserve(records.size());
  for (size_t i = 0; i < records.size(); ++i) headers.emplace_back(i, records[i]);
  kafka::LearnTopics(producer.get(), {topic});  // as the relay does when it opens
  const auto t0 = Clock::now();
  for (size_t i = 0; i < records.size(); ++i) {
    const kafka::Message m = headers[i].For(topic, origin, records[i], nullptr);
    LAWTRAIL_RETURN_IF_ERROR(kafka::FromKafka(kafka::ProduceWhenRoom(producer.get(), m, 10), "plain producer"));
    rd_kafka_poll(producer.get(), 0);
  }
  rd_kafka_flush(producer.get(), 120'000);
  const double seconds = Seconds(Clock::now() - t0);
  if (counted.delivered != records.size()) return Status::Unavailable("plain producer: not every message delivered");
  return seconds;
}

int Run(uint64_t cases, const std::string& dir, int repeat) {
  if (!data_dir::HoldsLog(dir)) {
    auto created = Log::Create(dir, "bench.lawtrail.local/enforcement", {"青山镇人民政府", "11411500MB1234567X"});
    if (!created.ok()) return std::fprintf(stderr, "%s\n", created.status().ToString().c_str()), 1;
    if (Status s = Fill(dir, 0, cases); !s.ok()) return std::fprintf(stderr, "%s\n", s.ToString().c_str()), 1;
  }
  auto store = Store::Open(data_dir::DbPath(dir), OpenMode::kReadOnly);
  if (!store.ok()) return std::fprintf(stderr, "%s\n", store.status().ToString().c_str()), 1;
  LogReader reader(**store);
  const uint64_t size = *reader.Size();
  const std::string origin = *reader.Origin();
  std::vector<Bytes> records;
  uint64_t bytes = 0;
  Status read = reader.ScanRecords(0, size, [&](uint64_t, ByteView b) {
    records.emplace_back(b.begin(), b.end());
    bytes += b.size();
    return Status::Ok();
  });
  if (!read.ok()) return std::fprintf(stderr, "%s\n", read.ToString().c_str()), 1;
  auto cluster = kafka::TestCluster::Start(3);
  if (!cluster.ok()) return std::fprintf(stderr, "%s\n", cluster.status().ToString().c_str()), 1;

  std::vector<double> plain, relayed;
  for (int k = 0; k < repeat; ++k) {
    const auto topics = kafka::Topics::WithPrefix((*cluster)->UniqueTopicPrefix("bench"));
    if (Status s = (*cluster)->CreateTopics(topics); !s.ok())
      return std::fprintf(stderr, "%s\n", s.ToString().c_str()), 1;
    auto p = PlainProducer((*cluster)->bootstraps(), topics.records, origin, records);
    if (!p.ok()) return std::fprintf(stderr, "%s\n", p.status().ToString().c_str()), 1;
    plain.push_back(*p);

    const std::string state = dir + "/relay-bench-" + std::to_string(k);
    std::filesystem::remove_all(state);
    kafka::RelayOptions options;
    options.bootstraps = (*cluster)->bootstraps();
    options.topics = kafka::Topics::WithPrefix((*cluster)->UniqueTopicPrefix("bench"));
    if (Status s = (*cluster)->CreateTopics(options.topics); !s.ok()) return 1;
    auto relay = kafka::Relay::Open(origin, state, options);
    if (!relay.ok()) return std::fprintf(stderr, "%s\n", relay.status().ToString().c_str()), 1;
    const auto t0 = Clock::now();
    auto sent = (*relay)->CatchUp(reader);
    if (!sent.ok() || *sent != size) return std::fprintf(stderr, "relay: %s\n", sent.status().ToString().c_str()), 1;
    relayed.push_back(Seconds(Clock::now() - t0));
    relay->reset();
    std::filesystem::remove_all(state);
  }
  std::sort(plain.begin(), plain.end());
  std::sort(relayed.begin(), relayed.end());
  std::printf("## Relay throughput (%s, %llu records, %.0f bytes each on average)\n\n",
              (*cluster)->is_mock() ? "librdkafka mock cluster, 3 brokers" : "LAWTRAIL_KAFKA_BROKERS",
              static_cast<unsigned long long>(size), double(bytes) / double(size));
  std::printf("| producer | best of %d | median | records/s (best) |\n|---|---:|---:|---:|\n", repeat);
  std::printf("| plain librdkafka producer, same messages (the limit) | %.2f s | %.2f s | %.0f |\n", plain.front(),
              plain[plain.size() / 2], size / plain.front());
  std::printf("| lawtrail relay (reads the log, hashes, commits its cursor) | %.2f s | %.2f s | %.0f |\n",
              relayed.front(), relayed[relayed.size() / 2], size / relayed.front());
  std::printf("\nrelay / limit: %.2f (goal >= 0.80)\n", plain.front() / relayed.front());
  return 0;
}

}  // namespace
}  // namespace lawtrail::bench

int main(int argc, char** argv) {
  uint64_t cases = 2000;
  std::string dir = "/tmp/lawtrail-relay-bench";
  int repeat = 3;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--cases") == 0) cases = std::strtoull(argv[i + 1], nullptr, 10);
    if (std::strcmp(argv[i], "--dir") == 0) dir = argv[i + 1];
    if (std::strcmp(argv[i], "--repeat") == 0) repeat = std::max(1, std::atoi(argv[i + 1]));
  }
  return lawtrail::bench::Run(cases, dir, repeat);
}
