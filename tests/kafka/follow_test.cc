// The follower, against librdkafka's mock cluster (or LAWTRAIL_KAFKA_BROKERS):
// what the relay streams comes out as a verified mirror of the primary, and
// what the stream gets wrong — a gap, a forgery, a conflicting copy — stops
// the follower at that index with the evidence.
#include <atomic>
#include <chrono>
#include <random>
#include <thread>

#include <catch2/catch.hpp>
#include <signal.h>

#include "ledger/core/cosignature.h"
#include "ledger/log/data_dir.h"
#include "ledger/log/files.h"
#include "ledger/log/log.h"
#include "ledger/log/replica.h"
#include "ledger/stream/client.h"
#include "ledger/stream/follower.h"
#include "ledger/stream/relay.h"
#include "tests/kafka/kafka_support.h"
#include "tests/support/demo_log.h"
#include "tests/support/forge.h"
#include "tests/support/process.h"

namespace lawtrail::kafka {
namespace {

using testing::DemoLog;
using testing::TempDir;

std::string Text(ByteView b) { return std::string(AsChars(b)); }

// A primary that grows step by step, relayed in process to fresh topics.
struct Stream {
  static constexpr uint64_t kCheckpointEvery = 1000;
  DemoLog demo;
  std::unique_ptr<Log> primary;
  std::unique_ptr<TestCluster> cluster;
  Topics topics;
  std::string prefix;
  std::unique_ptr<Relay> relay;
  note::Verifier key;
  size_t appended = 0;  // generated items appended so far

  explicit Stream(uint64_t cases) : demo(cases, testing::CheckpointEvery(kCheckpointEvery), false) {
    auto log = Log::Open(demo.dir.path(), testing::CheckpointEvery(kCheckpointEvery));
    REQUIRE(log.ok());
    primary = std::move(*log);
    auto started = TestCluster::Start(3);
    REQUIRE(started.ok());
    cluster = std::move(*started);
    prefix = MadeTopics(*cluster, "lawtrail-follow");
    topics = Topics::WithPrefix(prefix);
    RelayOptions options;
    options.bootstraps = cluster->bootstraps();
    options.topics = topics;
    auto r = Relay::Open(testing::kTestOrigin, demo.dir / "relay", options);
    REQUIRE(r.ok());
    relay = std::move(*r);
    auto k = data_dir::LoadVerifier(demo.dir.path());
    REQUIRE(k.ok());
    key = *k;
  }
  ~Stream() {
    relay.reset();  // clients before the mock cluster
  }
  size_t items() const { return demo.year.items.size(); }
  // Appends generated items up to `end`, with a checkpoint covering them.
  void AppendTo(size_t end) {
    demo.AppendCases(*primary, appended, end, kCheckpointEvery / 2);
    appended = end;
    REQUIRE(primary->CurrentCheckpoint().ok());
  }
  void RelayAll() {
    auto sent = relay->CatchUp(primary->reader());
    INFO(sent.status().ToString());
    REQUIRE(sent.ok());
  }
  uint64_t size() { return primary->size(); }
  std::vector<std::string> FollowArgs(const std::string& mirror) const {
    return {"follow",
            "--data",
            mirror,
            "--brokers",
            cluster->bootstraps(),
            "--origin",
            testing::kTestOrigin,
            "--vkey",
            demo.dir / "log.vkey",
            "--topic-prefix",
            prefix,
            "--group",
            prefix + ".followers",
            "--once"};
  }
};

// A follower in this process, mirroring into a folder of its own.
struct Mirror {
  TempDir dir;
  std::unique_ptr<Replica> replica;
  std::unique_ptr<Follower> follower;
  explicit Mirror(const Stream& s) {
    auto r = Replica::Open(dir.path(), s.key);
    REQUIRE(r.ok());
    replica = std::move(*r);
    FollowerOptions options;
    options.bootstraps = s.cluster->bootstraps();
    options.topics = s.topics;
    options.group = s.prefix + ".followers";
    auto f = Follower::Open(*replica, options);
    REQUIRE(f.ok());
    follower = std::move(*f);
  }
  ~Mirror() { follower.reset(); }
  // Polls until the mirror holds `size` records and has verified a
  // checkpoint of that size; fails after 60 s without progress.
  void FollowTo(uint64_t size) {
    auto last_progress = std::chrono::steady_clock::now();
    while (replica->size() < size || replica->verified_checkpoint_size() < size) {
      auto added = follower->Poll(200);
      INFO(added.status().ToString());
      REQUIRE(added.ok());
      if (*added > 0) last_progress = std::chrono::steady_clock::now();
      REQUIRE(std::chrono::steady_clock::now() - last_progress < std::chrono::seconds(60));
    }
  }
};

// Every record of the primary is in the mirror, byte for byte, and nothing else.
void RequireSameRecords(Log& primary, Store& mirror) {
  LogReader theirs(mirror);
  const uint64_t size = primary.size();
  REQUIRE(*theirs.Size() == size);
  uint64_t compared = 0;
  REQUIRE(primary.reader()
              .ScanRecords(0, size,
                           [&](uint64_t index, ByteView ours) -> Status {
                             auto held = theirs.RecordBytes(index);
                             if (!held.ok() || *held != Bytes(ours.begin(), ours.end())) {
                               return Status::Corruption("record " + std::to_string(index) + " differs");
                             }
                             ++compared;
                             return Status::Ok();
                           })
              .ok());
  CHECK(compared == size);
}

TEST_CASE("a 100000-record log relays completely to a follower consuming as it goes and the mirror is the primary's",
          "[kafka][follow]") {
  Stream s(10'300);
  Mirror m(s);
  // Steps of ~4,000 records (~3 MB) keep the topic under the mock's ~5 MiB per partition.
  const size_t step = 4000;
  for (size_t end = 0; end < s.items();) {
    end = std::min(s.items(), end + step);
    s.AppendTo(end);
    s.RelayAll();
    m.FollowTo(s.size());
  }
  REQUIRE(s.size() >= 100'000);
  RequireSameRecords(*s.primary, m.replica->store());
  CHECK(m.follower->Lag().messages_behind == 0);
  CHECK(m.follower->Lag().duplicates == 0);
  const std::string mirror = m.dir.path();
  const uint64_t size = s.size();
  m.follower.reset();
  m.replica.reset();

  // The standby: `lawtrail verify` accepts it, and it answers reads and proofs as the primary does.
  const auto verified = testing::RunLawtrail({"verify", "--data", mirror});
  INFO(verified.err);
  REQUIRE(verified.exit_code == 0);
  CHECK_THAT(verified.out, Catch::Contains("ok: " + std::to_string(size) + " records"));
  s.primary.reset();  // the primary's folder, read by the commands below
  for (uint64_t index : {uint64_t{1}, size / 2, size - 1}) {
    const std::string i = std::to_string(index);
    CHECK(testing::RunLawtrail({"get", "--data", mirror, "--index", i}).out ==
          testing::RunLawtrail({"get", "--data", s.demo.dir.path(), "--index", i}).out);
    CHECK(testing::RunLawtrail({"prove", "inclusion", "--data", mirror, "--index", i}).out ==
          testing::RunLawtrail({"prove", "inclusion", "--data", s.demo.dir.path(), "--index", i}).out);
  }
  CHECK(testing::RunLawtrail({"checkpoint", "--data", mirror}).out ==
        testing::RunLawtrail({"checkpoint", "--data", s.demo.dir.path()}).out);
}

TEST_CASE("brokers down mid-stream and back: the follower loses nothing and reorders nothing", "[kafka][follow]") {
  Stream s(300);
  if (!s.cluster->is_mock()) {
    WARN("a real cluster's brokers are not ours to take down: not run");
    return;
  }
  Mirror m(s);
  s.AppendTo(s.items() / 2);
  s.RelayAll();
  m.FollowTo(s.size());
  const uint64_t half = s.size();

  for (int id = 1; id <= 3; ++id) REQUIRE(s.cluster->SetBrokerDown(id, true).ok());
  s.AppendTo(s.items());
  std::atomic<bool> relayed = false;
  Result<uint64_t> sent = Status::Internal("not run");  // checked here: Catch's assertions are for one thread
  std::thread relay([&] {
    sent = s.relay->CatchUp(s.primary->reader());
    relayed = true;
  });
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(1500);
  while (std::chrono::steady_clock::now() < until) {
    auto added = m.follower->Poll(100);
    REQUIRE(added.ok());
  }
  CHECK_FALSE(relayed);
  CHECK(m.replica->size() == half);
  for (int id = 1; id <= 3; ++id) REQUIRE(s.cluster->SetBrokerDown(id, false).ok());
  relay.join();
  INFO(sent.status().ToString());
  REQUIRE(sent.ok());
  m.FollowTo(s.size());
  RequireSameRecords(*s.primary, m.replica->store());
}

TEST_CASE("a follower that starts after retention dropped the oldest records reports the gap and stops",
          "[kafka][follow][cli]") {
  // ~25,000 records, ~18 MB (a few MB after LZ4): well over what the mock keeps of a partition.
  Stream s(2'500);
  if (!s.cluster->is_mock()) {
    WARN("a real cluster's records topic keeps everything (retention -1): the gap cannot be made");
    return;
  }
  TempDir dir;
  const std::string late = dir / "late", early = dir / "early";

  SECTION("a new follower: the first record it is given is not record 0") {
    s.AppendTo(s.items());
    s.RelayAll();
    const auto followed = testing::RunLawtrail(s.FollowArgs(late));
    INFO(followed.err);
    CHECK(followed.exit_code == 1);
    CHECK_THAT(followed.err, Catch::Contains("STOPPED at index 0") && Catch::Contains("are missing"));
    auto reason = ReadFile(late + "/evidence/gap-0/reason.txt");
    REQUIRE(reason.ok());
    CHECK_THAT(*reason, Catch::Contains("kind: gap"));
  }
  SECTION("a follower that was away: its next offset is gone") {
    s.AppendTo(1'000);
    s.RelayAll();
    const auto first = testing::RunLawtrail(s.FollowArgs(early));
    INFO(first.err);
    INFO(first.out);
    REQUIRE(first.exit_code == 0);
    CHECK_THAT(first.out, Catch::Contains("checkpoint " + std::to_string(s.size()) + " verified"));
    const uint64_t mirrored = s.size();
    s.AppendTo(s.items());
    s.RelayAll();
    const auto again = testing::RunLawtrail(s.FollowArgs(early));
    INFO(again.err);
    CHECK(again.exit_code == 1);
    CHECK_THAT(again.err, Catch::Contains("no longer hold offset") &&
                              Catch::Contains("STOPPED at index " + std::to_string(mirrored)));
    // What it had verified stays, and still verifies.
    const auto verified = testing::RunLawtrail({"verify", "--data", early});
    CHECK(verified.exit_code == 0);
    CHECK_THAT(verified.out, Catch::Contains("ok: " + std::to_string(mirrored) + " records"));
  }
}

TEST_CASE("lawtrail follow --policy stops at a checkpoint its witnesses' quorum did not cosign, naming the group",
          "[kafka][follow][cli][witness]") {
  Stream s(20);
  s.AppendTo(s.items());
  s.RelayAll();  // no witnesses: the relay streams checkpoints the log alone signed
  TempDir dir;
  const std::string vkey = ReadFile(s.demo.dir / "log.vkey").value();
  testing::WriteAll(dir / "policy.txt",
                    "log " + vkey.substr(0, vkey.find('\n')) + "\nwitness 平桥区司法局 " +
                        cosig::EncodeVerifier("sifaju.pingqiao.example/w1", KeyPair::Generate().public_key()) +
                        "\ngroup 监督机关 all 平桥区司法局\nquorum 监督机关\n");
  auto args = s.FollowArgs(dir / "mirror");
  args.insert(args.end(), {"--policy", dir / "policy.txt"});
  const auto followed = testing::RunLawtrail(args);
  INFO(followed.err);
  CHECK(followed.exit_code == 1);
  CHECK_THAT(followed.err, Catch::Contains("STOPPED") && Catch::Contains("监督机关"));
  // Without the policy the same stream is followed to its end.
  const auto plain = testing::RunLawtrail(s.FollowArgs(dir / "plain"));
  CHECK(plain.exit_code == 0);
  testing::WriteAll(dir / "crlf.txt", "quorum none\r\n");
  auto bad = s.FollowArgs(dir / "bad");
  bad.insert(bad.end(), {"--policy", dir / "crlf.txt"});
  const auto refused = testing::RunLawtrail(bad);
  CHECK(refused.exit_code != 0);
  CHECK_THAT(refused.err, Catch::Contains("crlf.txt") && Catch::Contains("carriage return"));
}

// Produces `record` to the records topic as a foreign producer would: same
// key and headers as the relay's, from a client that is not the relay.
void Inject(const Stream& s, const Bytes& record, uint64_t index) {
  Settings settings{{"bootstrap.servers", s.cluster->bootstraps()}};
  auto producer = NewClient(RD_KAFKA_PRODUCER, settings);
  REQUIRE(producer.ok());
  const RecordHeaders headers(index, record);
  REQUIRE(Produce(producer->get(), headers.For(s.topics.records, testing::kTestOrigin, record, nullptr)) ==
          RD_KAFKA_RESP_ERR_NO_ERROR);
  REQUIRE(rd_kafka_flush(producer->get(), 30'000) == RD_KAFKA_RESP_ERR_NO_ERROR);
}

TEST_CASE("a record forged or altered by a foreign producer is refused and reported with its index",
          "[kafka][follow][cli]") {
  Stream s(60);
  TempDir dir;
  const std::string mirror = dir / "mirror";
  s.AppendTo(s.items() / 2);
  s.RelayAll();
  const uint64_t next = s.size();
  s.AppendTo(s.items());
  auto genuine = s.primary->reader().RecordBytes(next);
  REQUIRE(genuine.ok());

  Bytes forged;
  std::string why;
  SECTION("altered: the signature no longer holds") {
    forged = testing::AlterRecordText(*genuine);
    why = "bad signature";
  }
  SECTION("re-signed by a key of the forger's own: the registry does not know it") {
    forged = testing::ResignRecord(*genuine, KeyPair::Generate());
    why = "would not have been admitted";
  }
  // The forgery goes in ahead of the genuine record, which follows it.
  Inject(s, forged, next);
  s.RelayAll();
  const auto followed = testing::RunLawtrail(s.FollowArgs(mirror));
  INFO(followed.err);
  CHECK(followed.exit_code == 1);
  CHECK_THAT(followed.err, Catch::Contains("STOPPED at index " + std::to_string(next)) && Catch::Contains(why));
  auto received = ReadFile(mirror + "/evidence/refused-record-" + std::to_string(next) + "/received.bin");
  REQUIRE(received.ok());
  CHECK(*received == Text(forged));
  // It keeps every record before the forgery, verified.
  const auto verified = testing::RunLawtrail({"verify", "--data", mirror});
  CHECK(verified.exit_code == 0);
  CHECK_THAT(verified.out, Catch::Contains("ok: " + std::to_string(next) + " records"));
}

TEST_CASE("a different copy of a record the follower already holds is a conflict and both copies are kept as evidence",
          "[kafka][follow][cli]") {
  Stream s(30);
  TempDir dir;
  const std::string mirror = dir / "mirror";
  s.AppendTo(s.items());
  s.RelayAll();
  const uint64_t held = 5;
  auto genuine = s.primary->reader().RecordBytes(held);
  REQUIRE(genuine.ok());
  Inject(s, testing::AlterRecordText(*genuine), held);
  const auto followed = testing::RunLawtrail(s.FollowArgs(mirror));
  INFO(followed.err);
  CHECK(followed.exit_code == 1);
  const std::string evidence = mirror + "/evidence/conflict-" + std::to_string(held);
  auto conflicting = ReadFile(evidence + "/conflicting.bin");
  auto received = ReadFile(evidence + "/received.bin");
  REQUIRE(conflicting.ok());
  REQUIRE(received.ok());
  CHECK(*conflicting == Text(*genuine));
  CHECK(*received == Text(testing::AlterRecordText(*genuine)));
  auto reason = ReadFile(evidence + "/reason.txt");
  REQUIRE(reason.ok());
  CHECK_THAT(*reason, Catch::Contains("topic " + s.topics.records));
}

TEST_CASE("a follower SIGKILLed mid-stream and restarted ends with every record once and a mirror that verifies",
          "[kafka][follow][cli][crash]") {
  Stream s(500);  // ~5,000 records: under the mock's retention, so every restart can read from its offsets
  s.AppendTo(s.items());
  s.RelayAll();
  TempDir dir;
  const std::string mirror = dir / "mirror";
  std::vector<std::string> args = s.FollowArgs(mirror);
  args.insert(args.begin(), LAWTRAIL_BINARY);
  // Small batches keep it mid-stream for longer; a short session lets each
  // restart rejoin the group soon after the killed member is given up.
  args.insert(args.end(), {"--max-batch", "64", "--kafka", "session.timeout.ms=6000"});
  auto mirrored = [&]() -> uint64_t {
    if (!data_dir::HoldsLog(mirror)) return 0;
    auto store = Store::Open(data_dir::DbPath(mirror), OpenMode::kReadOnly);  // beside the follower
    if (!store.ok()) return 0;
    auto size = LogReader(**store).Size();
    return size.ok() ? *size : 0;
  };
  std::mt19937 rng(11);
  uint64_t before = 0;
  for (int round = 0; round < 2; ++round) {
    const pid_t follower = testing::Spawn(args, "", "", "");
    // Killed soon after it starts writing, while most of the stream is still to come.
    for (int tries = 0; tries < 400 && mirrored() <= before; ++tries) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(rng() % 60));
    ::kill(follower, SIGKILL);
    testing::Wait(follower);
    const uint64_t now = mirrored();
    INFO("round " << round << ": " << now << " records mirrored");
    CHECK(now > before);    // it made progress, and nothing written durably was lost
    CHECK(now < s.size());  // killed mid-stream
    before = now;
  }
  args.erase(args.begin());
  const auto finished = testing::RunLawtrail(args);
  INFO(finished.err);
  REQUIRE(finished.exit_code == 0);
  RequireSameRecords(*s.primary, *testing::OpenStore(mirror));
  const auto verified = testing::RunLawtrail({"verify", "--data", mirror});
  CHECK(verified.exit_code == 0);
}

TEST_CASE("a standby that followed the stream takes over with lawtrail promote and carries the log on",
          "[kafka][follow][cli]") {
  Stream s(40);
  TempDir dir;
  const std::string standby = dir / "standby";
  s.AppendTo(s.items() / 2);
  s.RelayAll();
  const auto followed = testing::RunLawtrail(s.FollowArgs(standby));
  INFO(followed.err);
  REQUIRE(followed.exit_code == 0);
  const uint64_t size = s.size();
  auto checkpoint = s.primary->CurrentCheckpoint();
  REQUIRE(checkpoint.ok());
  REQUIRE(WriteFileDurably(dir / "trusted.checkpoint", *checkpoint, 0644, false).ok());
  s.relay.reset();
  s.primary.reset();  // the primary goes down for good

  const auto promoted = testing::RunLawtrail(
      {"promote", "--data", standby, "--log-key", s.demo.dir / "log.key", "--sealed-key", s.demo.dir / "sealed.key"});
  INFO(promoted.err);
  REQUIRE(promoted.exit_code == 0);
  CHECK_THAT(promoted.out, Catch::Contains("takes statements from index " + std::to_string(size)));
  {
    auto log = Log::Open(standby, testing::CheckpointEvery(Stream::kCheckpointEvery));
    REQUIRE(log.ok());
    s.demo.AppendCases(**log, s.appended, s.items(), 100);
    CHECK((*log)->size() > size);
  }
  // Its log extends the tree the old primary signed.
  const auto verified = testing::RunLawtrail({"verify", "--data", standby, "--trusted", dir / "trusted.checkpoint"});
  INFO(verified.err);
  CHECK(verified.exit_code == 0);
  CHECK_THAT(verified.out, Catch::Contains("consistent with the trusted checkpoint"));
}

}  // namespace
}  // namespace lawtrail::kafka
