// lawtrail_follow_bench: how fast a follower verifies what it receives,
// against the limit of Ed25519 verification of the same records' signatures
// on all cores of this machine.
//
//   lawtrail_follow_bench [--cases N] [--dir PATH] [--repeat K] [--only replica|follower]
//
// Two figures, each over the whole log:
//  - the replica alone (ledger/log/replica.h): records handed over in the
//    follower's batches, every signature, chain, admission replay, tree and
//    checkpoint checked and written durably;
//  - the follower end to end through librdkafka's mock cluster (or
//    LAWTRAIL_KAFKA_BROKERS), catching up on the whole log in backlogs of
//    10,000 records (the mock's ~5 MiB of retention per partition holds no
//    more). Each backlog is produced with the clock stopped, then timed from
//    the moment the follower takes its first message, so neither the
//    producer, the group join (~3 s on the mock) nor the brokers' fetch wait
//    is counted.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "bench/demo_fill.h"
#include "bench/limits.h"
#include "ledger/core/record.h"
#include "ledger/log/replica.h"
#include "ledger/stream/follower.h"
#include "ledger/stream/relay.h"
#include "tests/support/kafka/test_cluster.h"

namespace lawtrail::bench {
namespace {

int Fail(const Status& s) {
  std::fprintf(stderr, "%s\n", s.ToString().c_str());
  return 1;
}

struct Source {
  std::vector<Bytes> records;
  std::vector<std::string> checkpoints;
  note::Verifier key;
  uint64_t bytes = 0;
};

Result<Source> Load(const std::string& dir) {
  Source s;
  LAWTRAIL_ASSIGN_OR_RETURN(s.key, data_dir::LoadVerifier(dir));
  LAWTRAIL_ASSIGN_OR_RETURN(auto store, Store::Open(data_dir::DbPath(dir), OpenMode::kReadOnly));
  LogReader reader(*store);
  LAWTRAIL_ASSIGN_OR_RETURN(const uint64_t size, reader.Size());
  LAWTRAIL_RETURN_IF_ERROR(reader.ScanRecords(0, size, [&](uint64_t, ByteView b) {
    s.records.emplace_back(b.begin(), b.end());
    s.bytes += b.size();
    return Status::Ok();
  }));
  LAWTRAIL_RETURN_IF_ERROR(reader.ScanCheckpoints(0, [&](uint64_t, std::string_view note) {
    s.checkpoints.emplace_back(note);
    return Status::Ok();
  }));
  return s;
}

// The replica alone: batches of the follower's size, each with the checkpoints
// that fall within it.
Result<double> ReplicaOnly(const Source& src, const std::string& dir, ThreadPool& pool) {
  std::filesystem::remove_all(dir);
  LAWTRAIL_ASSIGN_OR_RETURN(auto replica, Replica::Open(dir, src.key, {.pool = &pool}));
  const size_t batch = kafka::FollowerOptions{}.max_batch;
  size_t next_checkpoint = 0;
  const auto t0 = Clock::now();
  for (size_t begin = 0; begin < src.records.size(); begin += batch) {
    const size_t end = std::min(src.records.size(), begin + batch);
    std::vector<Bytes> records(src.records.begin() + static_cast<ptrdiff_t>(begin),
                               src.records.begin() + static_cast<ptrdiff_t>(end));
    // As the follower takes them: a checkpoint that comes with its records first.
    while (next_checkpoint < src.checkpoints.size() &&
           ParseCheckpointNoteUnverified(src.checkpoints[next_checkpoint])->size <= end) {
      LAWTRAIL_RETURN_IF_ERROR(replica->AddCheckpoint(src.checkpoints[next_checkpoint++]).status());
    }
    LAWTRAIL_RETURN_IF_ERROR(replica->AddRecords(std::move(records)).status());
  }
  const double seconds = Seconds(Clock::now() - t0);
  if (replica->size() != src.records.size()) return Status::Internal("the replica did not take every record");
  replica.reset();
  std::filesystem::remove_all(dir);
  return seconds;
}

// The follower end to end, catching up on backlogs of `segment` records: each
// is produced while the follower waits (the clock stopped), then timed from
// the follower's first message to its last record verified.
Result<double> EndToEnd(const Source& src, size_t segment, const std::string& dir, kafka::TestCluster& cluster,
                        ThreadPool& pool) {
  std::filesystem::remove_all(dir);
  const std::string prefix = cluster.UniqueTopicPrefix("follow-bench");
  const auto topics = kafka::Topics::WithPrefix(prefix);
  LAWTRAIL_RETURN_IF_ERROR(cluster.CreateTopics(topics));
  kafka::RelayOptions producer_options;
  producer_options.bootstraps = cluster.bootstraps();
  LAWTRAIL_ASSIGN_OR_RETURN(kafka::Handle producer,
                            kafka::NewClient(RD_KAFKA_PRODUCER, kafka::ProducerSettings(producer_options)));
  kafka::LearnTopics(producer.get(), {topics.records, topics.checkpoints});
  LAWTRAIL_ASSIGN_OR_RETURN(auto replica, Replica::Open(dir, src.key, {.pool = &pool}));
  kafka::FollowerOptions options;
  options.bootstraps = cluster.bootstraps();
  options.topics = topics;
  options.group = prefix + ".bench";
  // The mock cluster holds a fetch that finds nothing for the whole wait,
  // even when records arrive meanwhile (a real broker answers at once).
  options.extra["fetch.wait.max.ms"] = "10";
  LAWTRAIL_ASSIGN_OR_RETURN(auto follower, kafka::Follower::Open(*replica, options));
  const size_t n = src.records.size();
  size_t next_checkpoint = 0;
  double seconds = 0;
  for (size_t begin = 0; begin < n; begin += segment) {
    const size_t end = std::min(n, begin + segment);
    for (size_t i = begin; i < end; ++i) {
      const kafka::RecordHeaders headers(i, src.records[i]);
      const kafka::Message m = headers.For(topics.records, src.key.name, src.records[i], nullptr);
      LAWTRAIL_RETURN_IF_ERROR(kafka::FromKafka(kafka::ProduceWhenRoom(producer.get(), m, 10), "producing a record"));
    }
    uint64_t checkpoint_due = 0;  // the largest checkpoint of this backlog
    for (; next_checkpoint < src.checkpoints.size(); ++next_checkpoint) {
      const auto& note = src.checkpoints[next_checkpoint];
      const uint64_t size = ParseCheckpointNoteUnverified(note)->size;
      if (size > end) break;
      checkpoint_due = size;
      LAWTRAIL_RETURN_IF_ERROR(kafka::FromKafka(
          kafka::ProduceWhenRoom(producer.get(),
                                 {topics.checkpoints.c_str(), AsBytes(src.key.name), AsBytes(note), {}, nullptr}, 10),
          "producing a checkpoint"));
    }
    if (rd_kafka_flush(producer.get(), 120'000) != RD_KAFKA_RESP_ERR_NO_ERROR) {
      return Status::Unavailable("a backlog was not delivered");
    }
    std::optional<Clock::time_point> t0;
    // The checkpoints travel on their own topic and may come a fetch after
    // the records they cover: the backlog is done when they are verified too.
    const auto deadline = Clock::now() + std::chrono::minutes(2);
    while (replica->size() < end || replica->verified_checkpoint_size() < checkpoint_due) {
      if (Clock::now() > deadline) return Status::Unavailable("the follower did not take a backlog in 2 minutes");
      LAWTRAIL_ASSIGN_OR_RETURN(const uint64_t added, follower->Poll(100));
      // From the first record in hand: not the group join, nor the brokers'
      // fetch wait; the first batch's checks count.
      if (added > 0 && !t0) t0 = follower->last_poll_first_message();
    }
    seconds += Seconds(Clock::now() - *t0);
  }
  if (replica->verified_checkpoint_size() != ParseCheckpointNoteUnverified(src.checkpoints.back())->size) {
    return Status::Internal("the follower did not verify every checkpoint");
  }
  follower.reset();
  replica.reset();
  std::filesystem::remove_all(dir);
  return seconds;
}

// The signed statements inside `records`, for the Ed25519 limit.
std::vector<Bytes> SignedStatementsOf(const std::vector<Bytes>& records) {
  std::vector<Bytes> statements;
  for (const Bytes& r : records) {
    auto view = ParseRecord(r);
    statements.emplace_back(view->signed_statement.begin(), view->signed_statement.end());
  }
  return statements;
}

int Run(uint64_t cases, const std::string& dir, int repeat, const std::string& only) {
  if (!data_dir::HoldsLog(dir)) {
    auto created = Log::Create(dir, "bench.lawtrail.local/enforcement", {"青山镇人民政府", "11411500MB1234567X"});
    if (!created.ok()) return Fail(created.status());
    if (Status s = Fill(dir, 0, cases); !s.ok()) return Fail(s);
  }
  auto src = Load(dir);
  if (!src.ok()) return Fail(src.status());
  const size_t n = src->records.size();
  ThreadPool pool;
  const std::vector<Bytes> statements = SignedStatementsOf(src->records);
  auto cluster = kafka::TestCluster::Start(3);
  if (!cluster.ok()) return Fail(cluster.status());
  // The mock keeps ~5 MiB of a partition: a backlog of 10,000 records fits.
  const size_t segment = (*cluster)->is_mock() ? 10'000 : n;

  // Interleaved, so that the host's drifting speed touches each measure alike:
  // the limit is taken before and after each measure, and the measure's ratio
  // is to the mean of the two (the host's speed drifts within a minute).
  const std::vector<ParsedStatement> parsed = ParseSample(statements);
  std::vector<double> limit, limit_alone, limit_end_to_end, alone, end_to_end;
  for (int k = 0; k < repeat; ++k) {
    if (only == "replica") {  // for a profiler: the replica alone
      (void)ReplicaOnly(*src, dir + "/replica-bench", pool);
      continue;
    }
    if (only == "follower") {  // for a profiler: the follower alone
      (void)EndToEnd(*src, segment, dir + "/follow-bench", **cluster, pool);
      continue;
    }
    const double before = Ed25519AllCores(parsed, pool, 1);
    const double cpu0 = CpuSeconds();
    auto a = ReplicaOnly(*src, dir + "/replica-bench", pool);
    if (!a.ok()) return Fail(a.status());
    std::fprintf(stderr, "replica: %.2f s wall, %.2f s CPU (both cores busy: CPU-bound)\n", *a, CpuSeconds() - cpu0);
    alone.push_back(static_cast<double>(n) / *a);
    const double between = Ed25519AllCores(parsed, pool, 1);
    auto e = EndToEnd(*src, segment, dir + "/follow-bench", **cluster, pool);
    if (!e.ok()) return Fail(e.status());
    end_to_end.push_back(static_cast<double>(n) / *e);
    const double after = Ed25519AllCores(parsed, pool, 1);
    limit_alone.push_back((before + between) / 2);
    limit_end_to_end.push_back((between + after) / 2);
    limit.push_back((before + between + after) / 3);
    std::fprintf(stderr, "round %d: limit %.0f/%.0f/%.0f per s, replica %.0f/s (%.3f), follower %.0f/s (%.3f)\n", k + 1,
                 before, between, after, alone.back(), alone.back() / limit_alone.back(), end_to_end.back(),
                 end_to_end.back() / limit_end_to_end.back());
  }
  if (limit.empty()) return 0;
  auto best = [](std::vector<double> v) { return *std::max_element(v.begin(), v.end()); };
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  // Ratios are taken measure by measure, to the limit taken just before and after it.
  auto ratios = [](const std::vector<double>& measure, const std::vector<double>& limits) {
    std::vector<double> r;
    for (size_t k = 0; k < measure.size(); ++k) r.push_back(measure[k] / limits[k]);
    return r;
  };
  std::printf("## Follower verification (%zu records, %.0f bytes each on average, %zu checkpoints; %s)\n\n", n,
              static_cast<double>(src->bytes) / static_cast<double>(n), src->checkpoints.size(),
              (*cluster)->is_mock() ? "librdkafka mock cluster, 3 brokers" : "LAWTRAIL_KAFKA_BROKERS");
  std::printf(
      "| measure (%d rounds) | best | median | ratio to the limit taken just before and after it, best / median |\n"
      "|---|---:|---:|---:|\n",
      repeat);
  std::printf("| Ed25519 verify of the same signatures, all cores (the limit) | %.0f /s | %.0f /s | 1.00 |\n",
              best(limit), median(limit));
  std::printf("| replica: verify + replay + write | %.0f /s | %.0f /s | %.2f / %.2f |\n", best(alone), median(alone),
              best(ratios(alone, limit_alone)), median(ratios(alone, limit_alone)));
  std::printf("| follower end to end through Kafka, backlogs of %zu records | %.0f /s | %.0f /s | %.2f / %.2f |\n",
              segment, best(end_to_end), median(end_to_end), best(ratios(end_to_end, limit_end_to_end)),
              median(ratios(end_to_end, limit_end_to_end)));
  std::printf("\ngoal: follower / limit >= 0.70\n");
  return 0;
}

}  // namespace
}  // namespace lawtrail::bench

int main(int argc, char** argv) {
  uint64_t cases = 10'000;
  std::string dir = "/tmp/lawtrail-follow-bench";
  int repeat = 3;
  std::string only;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--cases") == 0) cases = std::strtoull(argv[i + 1], nullptr, 10);
    if (std::strcmp(argv[i], "--dir") == 0) dir = argv[i + 1];
    if (std::strcmp(argv[i], "--repeat") == 0) repeat = std::max(1, std::atoi(argv[i + 1]));
    if (std::strcmp(argv[i], "--only") == 0) only = argv[i + 1];
  }
  return lawtrail::bench::Run(cases, dir, repeat, only);
}
