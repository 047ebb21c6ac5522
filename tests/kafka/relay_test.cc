// The relay, against librdkafka's mock cluster (or LAWTRAIL_KAFKA_BROKERS),
// read back by kcat — a Kafka client lawtrail did not write.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <csignal>
#include <random>
#include <set>
#include <string>
#include <thread>

#include <signal.h>
#include <vector>

#include "ledger/bytes.h"
#include "ledger/kafka/relay.h"
#include "ledger/kafka/test_cluster.h"
#include "ledger/kafka/topics.h"
#include "ledger/log_reader.h"
#include "tests/projectors/demo_log.h"
#include "tests/support/process.h"

namespace lawtrail::kafka {
namespace {

using projectors::DemoLog;

struct Consumed {
  std::string key;
  std::string value;
};

// Every message of `topic` from the beginning, as kcat prints them.
std::vector<Consumed> ReadWithKcat(const TestCluster& cluster, const std::string& topic, const std::string& dir) {
  const std::string out = dir + "/kcat.out", err = dir + "/kcat.err";
  const pid_t pid = testing::Spawn({"/usr/bin/kcat", "-C", "-q", "-e", "-b", cluster.bootstraps(), "-t", topic, "-o",
                                    "beginning", "-f", "%K\n%k%R%s"},
                                   "", out, err);
  REQUIRE(testing::Wait(pid) == 0);
  const std::string bytes = testing::ReadAll(out);
  std::vector<Consumed> messages;
  size_t at = 0;
  // The key's length is printed as text, the value's as 32 big-endian bits.
  auto take = [&](std::string& into, size_t n) {
    REQUIRE(at + n <= bytes.size());
    into = bytes.substr(at, n);
    at += n;
  };
  while (at < bytes.size()) {
    Consumed& c = messages.emplace_back();
    const size_t eol = bytes.find('\n', at);
    REQUIRE(eol != std::string::npos);
    const size_t key_size = std::stoul(bytes.substr(at, eol - at));
    at = eol + 1;
    take(c.key, key_size);
    std::string length;
    take(length, 4);
    const auto* p = reinterpret_cast<const uint8_t*>(length.data());
    take(c.value, (size_t{p[0]} << 24) | (size_t{p[1]} << 16) | (size_t{p[2]} << 8) | p[3]);
  }
  return messages;
}

struct RelayFixture {
  DemoLog log{20};
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
    ASSIGN_OR_RETURN(auto relay, Relay::Open(testing::kTestOrigin, log.dir / "relay", options));
    return relay->CatchUp(reader);
  }
};

TEST_CASE("every record reaches the records topic byte for byte, keyed by the origin, as kcat reads it",
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
  // Then the newest checkpoint, which covers them.
  const auto checkpoints = ReadWithKcat(*f.cluster, f.topics.checkpoints, f.log.dir.path());
  const auto latest = reader.LatestCheckpoint();
  REQUIRE(latest.ok());
  REQUIRE(latest->has_value());
  REQUIRE(checkpoints.size() == 1);
  CHECK(checkpoints[0].value == **latest);
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
  CHECK(ReadWithKcat(*f.cluster, f.topics.checkpoints, f.log.dir.path()).size() == 1);
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
  const auto relayed = testing::RunLawtrail(
      {"relay", "--data", log.dir.path(), "--brokers", (*cluster)->bootstraps(), "--topic-prefix", prefix, "--once"});
  INFO(relayed.err);
  REQUIRE(relayed.exit_code == 0);
  auto store = testing::OpenStore(log.dir.path());
  LogReader reader(*store);
  CHECK(ReadWithKcat(**cluster, prefix + ".records", log.dir.path()).size() == *reader.Size());
  // Again: nothing left to send.
  const auto again = testing::RunLawtrail(
      {"relay", "--data", log.dir.path(), "--brokers", (*cluster)->bootstraps(), "--topic-prefix", prefix, "--once"});
  REQUIRE(again.exit_code == 0);
  CHECK(again.err.empty());
  CHECK(ReadWithKcat(**cluster, prefix + ".records", log.dir.path()).size() == *reader.Size());
}

// A topic prefix on `cluster` with its topics made.
std::string MadeTopics(TestCluster& cluster, const std::string& base) {
  const std::string prefix = cluster.UniqueTopicPrefix(base);
  REQUIRE(cluster.CreateTopics(Topics::WithPrefix(prefix)).ok());
  return prefix;
}

std::vector<std::string> RelayArgs(const std::string& dir, const TestCluster& cluster, const std::string& prefix) {
  return {LAWTRAIL_BINARY, "relay", "--data", dir, "--brokers", cluster.bootstraps(), "--topic-prefix", prefix};
}

TEST_CASE("lawtrail relay tails the log until SIGTERM, then stops cleanly with its cursor at the end",
          "[kafka][relay][cli]") {
  DemoLog log(10);
  auto cluster = TestCluster::Start(3);
  REQUIRE(cluster.ok());
  const std::string prefix = MadeTopics(**cluster, "lawtrail-term");
  auto store = testing::OpenStore(log.dir.path());
  const uint64_t size = *LogReader(*store).Size();

  const pid_t relay = testing::Spawn(RelayArgs(log.dir.path(), **cluster, prefix), "", log.dir / "relay.out",
                                     log.dir / "relay.err");
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

TEST_CASE("a relay SIGKILLed at random moments and restarted delivers every record, none lost",
          "[kafka][relay][cli][crash]") {
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
}

}  // namespace
}  // namespace lawtrail::kafka
