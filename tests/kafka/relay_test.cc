// The relay, against librdkafka's mock cluster (or LAWTRAIL_KAFKA_BROKERS),
// read back by kcat — a Kafka client lawtrail did not write.
#include "ledger/stream/relay.h"

#include <atomic>
#include <chrono>
#include <csignal>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <signal.h>

#include "api/access.h"
#include "ledger/client/statement_stream.h"
#include "ledger/core/bytes.h"
#include "ledger/core/merkle.h"
#include "ledger/core/record.h"
#include "ledger/log/log_reader.h"
#include "ledger/stream/topics.h"
#include "tests/api/http_client.h"
#include "tests/kafka/kafka_support.h"
#include "tests/projectors/demo_log.h"
#include "tests/support/kafka/test_cluster.h"
#include "tests/support/process.h"

namespace lawtrail::kafka {
namespace {

using projectors::DemoLog;

struct RelayFixture {
  DemoLog log{20, testing::CheckpointEvery(100)};
  std::unique_ptr<TestCluster> cluster;
  Topics topics;
  RelayFixture() {
    auto started = TestCluster::Start(3);
    REQUIRE(started.ok());
    cluster = std::move(*started);
    topics = Topics::WithPrefix(cluster->UniqueTopicPrefix("lawtrail-test"));
    const Status created = cluster->CreateTopics(topics);
    INFO(created.ToString());
    REQUIRE(created.ok());
  }
  Result<uint64_t> RelayOnce() {
    auto store = testing::OpenStore(log.dir.path());
    LogReader reader(*store);
    RelayOptions options;
    options.bootstraps = cluster->bootstraps();
    options.topics = topics;
    LAWTRAIL_ASSIGN_OR_RETURN(auto relay, Relay::Open(testing::kTestOrigin, log.dir / "relay", options));
    return relay->CatchUp(reader);
  }
};

TEST_CASE("every record reaches the records topic byte for byte and keyed by the origin as kcat reads it",
          "[kafka][relay]") {
  RelayFixture f;
  auto sent = f.RelayOnce();
  REQUIRE(sent.ok());
  auto store = testing::OpenStore(f.log.dir.path());
  LogReader reader(*store);
  const uint64_t size = *reader.Size();
  CHECK(*sent == size);

  const auto messages = ReadWithKcat(*f.cluster, f.topics.records, f.log.dir.path());
  REQUIRE(messages.size() == size);
  for (uint64_t i = 0; i < size; ++i) {
    INFO("record " << i);
    CHECK(messages[i].key == testing::kTestOrigin);
    const auto bytes = reader.RecordBytes(i);
    REQUIRE(bytes.ok());
    CHECK(messages[i].value == std::string(AsChars(ByteView(*bytes))));
  }
  // And what kcat read is what `lawtrail get` serves: the same leaf hash, and
  // the same index and case version inside.
  for (uint64_t i : {uint64_t{0}, size / 2, size - 1}) {
    const auto got = testing::RunLawtrail({"get", "--data", f.log.dir.path(), "--index", std::to_string(i)});
    REQUIRE(got.exit_code == 0);
    const auto json = nlohmann::json::parse(got.out);
    const std::string& consumed = messages[i].value;
    CHECK(json["leaf_hash"] == ToBase64(merkle::LeafHash(AsBytes(consumed))));
    auto view = ParseRecord(AsBytes(consumed));
    REQUIRE(view.ok());
    CHECK(json["index"] == view->record->index());
    CHECK(json["case_version"] == view->record->case_version());
  }
  // Then every checkpoint, smallest first.
  const auto checkpoints = ReadWithKcat(*f.cluster, f.topics.checkpoints, f.log.dir.path());
  std::vector<std::string> stored;
  REQUIRE(reader
              .ScanCheckpoints(0,
                               [&](uint64_t, std::string_view note) {
                                 stored.emplace_back(note);
                                 return Status::Ok();
                               })
              .ok());
  REQUIRE(stored.size() > 1);
  REQUIRE(checkpoints.size() == stored.size());
  for (size_t i = 0; i < stored.size(); ++i) CHECK(checkpoints[i].value == stored[i]);
}

TEST_CASE("a relay started again resumes from its cursor and sends nothing the brokers acknowledged",
          "[kafka][relay]") {
  RelayFixture f;
  auto first = f.RelayOnce();
  REQUIRE(first.ok());
  REQUIRE(*first > 0);
  auto second = f.RelayOnce();
  REQUIRE(second.ok());
  CHECK(*second == 0);
  CHECK(ReadWithKcat(*f.cluster, f.topics.records, f.log.dir.path()).size() == *first);
  CHECK(ReadWithKcat(*f.cluster, f.topics.checkpoints, f.log.dir.path()).size() > 1);
  // Each checkpoint once: the second relay sent none again.
  auto store = testing::OpenStore(f.log.dir.path());
  size_t stored = 0;
  REQUIRE(LogReader(*store)
              .ScanCheckpoints(0,
                               [&](uint64_t, std::string_view) {
                                 ++stored;
                                 return Status::Ok();
                               })
              .ok());
  CHECK(ReadWithKcat(*f.cluster, f.topics.checkpoints, f.log.dir.path()).size() == stored);
}

TEST_CASE("brokers down mid-stream and back: the relay waits, then delivers every record once and in order",
          "[kafka][relay]") {
  RelayFixture f;
  if (!f.cluster->is_mock()) {
    WARN("a real cluster's brokers are not ours to take down: not run");
    return;
  }
  for (int id = 1; id <= 3; ++id) REQUIRE(f.cluster->SetBrokerDown(id, true).ok());
  Result<uint64_t> sent = Status::Internal("not run");
  std::atomic<bool> finished = false;
  std::thread relay([&] {
    sent = f.RelayOnce();
    finished = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  CHECK_FALSE(finished);  // nothing acknowledged while the brokers are away
  for (int id = 1; id <= 3; ++id) REQUIRE(f.cluster->SetBrokerDown(id, false).ok());
  relay.join();
  INFO(sent.status().ToString());
  REQUIRE(sent.ok());

  auto store = testing::OpenStore(f.log.dir.path());
  LogReader reader(*store);
  const auto messages = ReadWithKcat(*f.cluster, f.topics.records, f.log.dir.path());
  REQUIRE(messages.size() == *reader.Size());
  for (uint64_t i = 0; i < messages.size(); ++i) {
    const auto bytes = reader.RecordBytes(i);
    REQUIRE(bytes.ok());
    REQUIRE(messages[i].value == std::string(AsChars(ByteView(*bytes))));
  }
}

TEST_CASE("lawtrail relay --once streams a log to topics made with lawtrail topics", "[kafka][relay][cli]") {
  DemoLog log(10);
  auto cluster = TestCluster::Start(3);
  REQUIRE(cluster.ok());
  const std::string prefix = (*cluster)->UniqueTopicPrefix("lawtrail-cli");
  if ((*cluster)->is_mock()) {
    // The mock cluster has no Admin API: its topics are made directly.
    REQUIRE((*cluster)->CreateTopics(Topics::WithPrefix(prefix)).ok());
  } else {
    const auto made = testing::RunLawtrail({"topics", "--brokers", (*cluster)->bootstraps(), "--topic-prefix", prefix,
                                            "--replication", std::to_string((*cluster)->replication_factor())});
    REQUIRE(made.exit_code == 0);
  }
  const std::string metrics = log.dir / "relay.prom";
  const auto relayed = testing::RunLawtrail({"relay", "--data", log.dir.path(), "--brokers", (*cluster)->bootstraps(),
                                             "--topic-prefix", prefix, "--once", "--metrics", metrics});
  INFO(relayed.err);
  REQUIRE(relayed.exit_code == 0);
  auto store = testing::OpenStore(log.dir.path());
  LogReader reader(*store);
  CHECK(ReadWithKcat(**cluster, prefix + ".records", log.dir.path()).size() == *reader.Size());
  // Its lag, as a scraper reads it.
  const std::string labels = std::string("{origin=\"") + testing::kTestOrigin + "\"}";
  CHECK_THAT(testing::ReadAll(metrics),
             Catch::Contains("lawtrail_relay_cursor" + labels + " " + std::to_string(*reader.Size()) + "\n") &&
                 Catch::Contains("lawtrail_relay_lag_records" + labels + " 0\n"));
  // Again: nothing left to send.
  const auto again = testing::RunLawtrail(
      {"relay", "--data", log.dir.path(), "--brokers", (*cluster)->bootstraps(), "--topic-prefix", prefix, "--once"});
  REQUIRE(again.exit_code == 0);
  CHECK(again.err.empty());
  CHECK(ReadWithKcat(**cluster, prefix + ".records", log.dir.path()).size() == *reader.Size());
}

TEST_CASE("lawtrail relay tails the log until SIGTERM, then stops cleanly with its cursor at the end",
          "[kafka][relay][cli]") {
  DemoLog log(10);
  auto cluster = TestCluster::Start(3);
  REQUIRE(cluster.ok());
  const std::string prefix = MadeTopics(**cluster, "lawtrail-term");
  auto store = testing::OpenStore(log.dir.path());
  const uint64_t size = *LogReader(*store).Size();

  const pid_t relay =
      testing::Spawn(RelayArgs(log.dir.path(), **cluster, prefix), "", log.dir / "relay.out", log.dir / "relay.err");
  size_t seen = 0;
  for (int tries = 0; tries < 100 && seen < size; ++tries) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    seen = ReadWithKcat(**cluster, prefix + ".records", log.dir.path()).size();
  }
  CHECK(seen == size);
  ::kill(relay, SIGTERM);
  CHECK(testing::Wait(relay) == 0);
  // The cursor was committed: a new pass has nothing to send.
  std::vector<std::string> once = RelayArgs(log.dir.path(), **cluster, prefix);
  once.erase(once.begin());
  once.push_back("--once");
  const auto again = testing::RunLawtrail(once);
  REQUIRE(again.exit_code == 0);
  CHECK(again.err.empty());
  CHECK(ReadWithKcat(**cluster, prefix + ".records", log.dir.path()).size() == size);
}

TEST_CASE(
    "a relay SIGKILLed at random moments and restarted delivers every record and a follower mirrors each exactly once",
    "[kafka][relay][follow][cli][crash]") {
  DemoLog log(300);  // ~3,000 records, ~2 MB: under the mock's ~5 MiB per partition
  auto cluster = TestCluster::Start(3);
  REQUIRE(cluster.ok());
  const std::string prefix = MadeTopics(**cluster, "lawtrail-kill");
  std::vector<std::string> once = RelayArgs(log.dir.path(), **cluster, prefix);
  once.push_back("--once");
  // A short queue makes a pass take a while, so the kills land mid-stream.
  once.insert(once.end(), {"--max-queued", "50"});
  std::mt19937 rng(5);
  for (int round = 0; round < 6; ++round) {
    const pid_t relay = testing::Spawn(once, "", "", "");
    std::this_thread::sleep_for(std::chrono::milliseconds(50 + rng() % 250));
    ::kill(relay, SIGKILL);
    testing::Wait(relay);
  }
  REQUIRE(testing::Wait(testing::Spawn(once, "", "", log.dir / "last.err")) == 0);

  auto store = testing::OpenStore(log.dir.path());
  LogReader reader(*store);
  const uint64_t size = *reader.Size();
  const auto messages = ReadWithKcat(**cluster, prefix + ".records", log.dir.path());
  CHECK(messages.size() >= size);  // at-least-once: a kill may come between delivery and cursor
  std::set<std::string> delivered;
  for (const auto& m : messages) delivered.insert(m.value);
  for (uint64_t i = 0; i < size; ++i) {
    const auto bytes = reader.RecordBytes(i);
    REQUIRE(bytes.ok());
    INFO("record " << i);
    REQUIRE(delivered.count(std::string(AsChars(ByteView(*bytes)))) == 1);
  }
  // Records arrive in index order: each message is the record after the one before, or a repeat
  // of an earlier one sent again after a restart.
  size_t next = 0;
  for (const auto& m : messages) {
    const auto expected = reader.RecordBytes(next);
    if (next < size && expected.ok() && m.value == std::string(AsChars(ByteView(*expected)))) ++next;
  }
  CHECK(next == size);

  // A follower takes the repeats in its stride: the mirror holds each record
  // once, byte for byte, and the views it folds on the way are the primary's.
  const std::string mirror = log.dir / "mirror";
  const auto followed = testing::RunLawtrail(
      {"follow", "--data", mirror, "--brokers", (*cluster)->bootstraps(), "--origin", testing::kTestOrigin, "--vkey",
       log.dir / "log.vkey", "--topic-prefix", prefix, "--once", "--project", "--metrics", log.dir / "follow.prom"});
  INFO(followed.err);
  REQUIRE(followed.exit_code == 0);
  CHECK_THAT(followed.out, Catch::Contains(std::to_string(messages.size() - size) + " repeats dropped"));
  const std::string labels = std::string("{origin=\"") + testing::kTestOrigin + "\"}";
  const std::string follower_metrics = testing::ReadAll(log.dir / "follow.prom");
  CHECK_THAT(follower_metrics,
             Catch::Contains("lawtrail_follower_records" + labels + " " + std::to_string(size) + "\n") &&
                 Catch::Contains("lawtrail_follower_lag_messages" + labels + " 0\n") &&
                 Catch::Contains("lawtrail_follower_duplicates" + labels + " " +
                                 std::to_string(messages.size() - size) + "\n") &&
                 Catch::Contains("lawtrail_follower_stopped" + labels + " 0\n"));
  {
    auto mirrored = testing::OpenStore(mirror);
    LogReader copy(*mirrored);
    REQUIRE(*copy.Size() == size);
    for (uint64_t i = 0; i < size; ++i) REQUIRE(*copy.RecordBytes(i) == *reader.RecordBytes(i));
  }
  testing::TempDir primary_views;
  auto theirs = projectors::FoldAll(log.dir.path(), primary_views.path());
  auto ours = projectors::ViewStore::Open(projectors::ViewsPath(mirror), /*read_only=*/true);
  REQUIRE(ours.ok());
  for (const auto& projector : projectors::AllProjectors()) {
    INFO("view " << projector->name());
    const auto a = projectors::Dump(**ours, projector->name());
    const auto b = projectors::Dump(*theirs, projector->name());
    INFO(projectors::FirstDifferences(a, b));
    CHECK(a == b);
  }
}

}  // namespace
}  // namespace lawtrail::kafka

namespace lawtrail::kafka {
namespace {

TEST_CASE("lawtrail serve takes statements over HTTP and relays them to Kafka, then stops cleanly on SIGTERM",
          "[kafka][relay][serve]") {
  DemoLog log(12, {}, /*append_cases=*/false);
  auto cluster = TestCluster::Start(3);
  REQUIRE(cluster.ok());
  const std::string prefix = (*cluster)->UniqueTopicPrefix("serve");
  REQUIRE((*cluster)->CreateTopics(Topics::WithPrefix(prefix)).ok());
  // The config holds an officer token's hash only.
  testing::WriteAll(
      log.dir / "serve.json",
      nlohmann::json{
          {"tokens",
           {{{"name", "client"}, {"role", "officer"}, {"sha256", api::TokenHashHex("officer-client-token")}}}}}
          .dump());
  const std::string port_file = log.dir / "port";
  const pid_t serve = testing::Spawn(
      {LAWTRAIL_BINARY, "serve", "--data", log.dir.path(), "--listen", "127.0.0.1:0", "--port-file", port_file,
       "--brokers", (*cluster)->bootstraps(), "--topic-prefix", prefix, "--config", log.dir / "serve.json"},
      "", log.dir / "serve.out", log.dir / "serve.err");
  const uint16_t port = testing::WaitForPortFile(port_file, 300);
  INFO(testing::ReadAll(log.dir / "serve.err"));
  REQUIRE(port != 0);
  // Every lawful act of the year, in batches, through the write API.
  for (size_t first = 0; first < log.year.items.size(); first += 100) {
    std::string body;
    for (size_t i = first; i < std::min(log.year.items.size(), first + 100); ++i) {
      AppendFramedStatement(body, log.year.items[i].submission);
    }
    const auto reply =
        testing::Http(port, "POST", "/v1/statements", body, "application/octet-stream", "officer-client-token");
    REQUIRE((reply.status == 200 || reply.status == 422));
  }
  const uint64_t size = nlohmann::json::parse(testing::Http(port, "GET", "/v1/log").body)["size"];
  REQUIRE(size > log.year.registry.size() + 100);
  // The relay inside serve catches up: /metrics shows its cursor at the log's size.
  const std::string cursor_line =
      "lawtrail_relay_cursor{origin=\"" + std::string(testing::kTestOrigin) + "\"} " + std::to_string(size) + "\n";
  std::string metrics;
  for (int i = 0; i < 600 && metrics.find(cursor_line) == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    metrics = testing::Http(port, "GET", "/metrics").body;
  }
  CHECK_THAT(metrics, Catch::Contains(cursor_line));
  CHECK(ReadWithKcat(**cluster, prefix + ".records", log.dir.path()).size() == size);
  kill(serve, SIGTERM);
  CHECK(testing::Wait(serve) == 0);
  const std::string access_log = testing::ReadAll(log.dir / "serve.err");
  CHECK_THAT(access_log, Catch::Contains("POST /v1/statements 200") && Catch::Contains("lawtrail serve: stopped"));
  CHECK(access_log.find("officer-client-token") == std::string::npos);  // a token is never logged
}

}  // namespace
}  // namespace lawtrail::kafka
