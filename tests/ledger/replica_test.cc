// A replica is built from records and checkpoints received from elsewhere,
// trusting none of them: what it accepts must be the primary's log exactly,
// and what it refuses must be named with the evidence.
#include "ledger/log/replica.h"

#include <filesystem>
#include <map>

#include <catch2/catch.hpp>

#include "ledger/log/data_dir.h"
#include "ledger/log/files.h"
#include "ledger/log/log_verifier.h"
#include "tests/support/demo_log.h"
#include "tests/support/forge.h"

namespace lawtrail::testing {
namespace {

std::map<std::string, std::string> Contents(Store& store, Cf cf) {
  std::map<std::string, std::string> out;
  std::unique_ptr<rocksdb::Iterator> it(store.db()->NewIterator(rocksdb::ReadOptions(), store.cf(cf)));
  for (it->SeekToFirst(); it->Valid(); it->Next()) out[it->key().ToString()] = it->value().ToString();
  return out;
}

// A closed demo log, its records and its checkpoints, as a relay would send them.
struct Primary {
  DemoLog demo;
  std::unique_ptr<Store> store;
  note::Verifier key;
  std::vector<Bytes> records;
  std::vector<std::pair<uint64_t, std::string>> checkpoints;

  explicit Primary(uint64_t cases) : demo(cases, CheckpointEvery(100)) {
    store = OpenStore(demo.dir.path());
    auto k = data_dir::LoadVerifier(demo.dir.path());
    REQUIRE(k.ok());
    key = *k;
    LogReader reader(*store);
    auto size = reader.Size();
    REQUIRE(size.ok());
    REQUIRE(reader
                .ScanRecords(0, *size,
                             [&](uint64_t, ByteView r) {
                               records.emplace_back(r.begin(), r.end());
                               return Status::Ok();
                             })
                .ok());
    REQUIRE(reader
                .ScanCheckpoints(0,
                                 [&](uint64_t s, std::string_view note) {
                                   checkpoints.emplace_back(s, std::string(note));
                                   return Status::Ok();
                                 })
                .ok());
  }
  std::vector<Bytes> Range(size_t begin, size_t end) const {
    return {records.begin() + static_cast<ptrdiff_t>(begin), records.begin() + static_cast<ptrdiff_t>(end)};
  }
};

std::unique_ptr<Replica> OpenReplica(const std::string& dir, const note::Verifier& key) {
  auto r = Replica::Open(dir, key);
  REQUIRE(r.ok());
  return std::move(*r);
}

TEST_CASE("a replica fed a primary's records with repeats holds the same log and proofs and checkpoints") {
  Primary p(40);
  REQUIRE(p.checkpoints.size() >= 3);
  TempDir dir;
  const std::string mirror = dir.path() + "/mirror";
  auto replica = OpenReplica(mirror, p.key);
  const size_t n = p.records.size();
  size_t next_checkpoint = 0;
  // Uneven batches, each repeating the tail of the one before it (at-least-
  // once delivery), with checkpoints arriving before the records they cover.
  for (size_t begin = 0; begin < n;) {
    const size_t end = std::min(n, begin + 37 + begin % 101);
    auto added = replica->AddRecords(p.Range(begin < 5 ? 0 : begin - 5, end));
    INFO(added.status().message());
    REQUIRE(added.ok());
    CHECK(*added == end - begin);
    while (next_checkpoint < p.checkpoints.size() && p.checkpoints[next_checkpoint].first <= end + 200) {
      REQUIRE(replica->AddCheckpoint(p.checkpoints[next_checkpoint++].second).ok());
    }
    begin = end;
  }
  CHECK(replica->size() == n);
  CHECK(replica->pending_checkpoints() == 0);
  CHECK(replica->verified_checkpoint_size() == p.checkpoints.back().first);

  for (Cf cf : {Cf::kRecords, Cf::kTree, Cf::kCheckpoints, Cf::kEventIds, Cf::kCases, Cf::kFlags, Cf::kMeta}) {
    INFO("column family " << static_cast<int>(cf));
    CHECK(Contents(replica->store(), cf) == Contents(*p.store, cf));
  }
  CHECK(Contents(replica->store(), Cf::kSealed).empty());  // openings never leave the primary
  LogReader primary(*p.store);
  for (uint64_t index : {uint64_t{0}, uint64_t{n / 3}, uint64_t{n - 1}}) {
    auto ours = replica->reader().InclusionProof(index, n);
    auto theirs = primary.InclusionProof(index, n);
    REQUIRE(ours.ok());
    REQUIRE(theirs.ok());
    CHECK(*ours == *theirs);
  }
  const VerifyReport report = VerifyLog(replica->store(), {p.key, p.checkpoints.front().second, nullptr, {}});
  INFO(report.status.message());
  CHECK(report.status.ok());
  CHECK(report.records == n);
  CHECK(report.checkpoints == p.checkpoints.size());

  replica.reset();
  replica = OpenReplica(mirror, p.key);
  CHECK(replica->size() == n);
  auto again = replica->AddRecords(p.records);
  REQUIRE(again.ok());
  CHECK(*again == 0);
}

TEST_CASE("a record altered in transit is refused with its index and the records before it are kept") {
  Primary p(10);
  TempDir dir;
  auto replica = OpenReplica(dir.path(), p.key);
  const size_t bad = p.records.size() / 2;
  std::vector<Bytes> stream = p.Range(0, p.records.size());
  stream[bad] = AlterRecordText(stream[bad]);
  auto added = replica->AddRecords(stream);
  REQUIRE_FALSE(added.ok());
  CHECK_THAT(added.status().message(), Catch::Contains("index " + std::to_string(bad)));
  CHECK_THAT(added.status().message(), Catch::Contains("signature"));
  REQUIRE(replica->problem());
  CHECK(replica->problem()->kind == ReplicaProblem::Kind::kRefusedRecord);
  CHECK(replica->problem()->index == bad);
  CHECK(replica->problem()->received == std::string(AsChars(stream[bad])));
  CHECK(replica->size() == bad);
  // Stopped: nothing more is taken, not even the genuine record.
  auto after = replica->AddRecords(p.Range(bad, bad + 1));
  CHECK(after.status().code() == StatusCode::kFailedPrecondition);

  replica.reset();
  replica = OpenReplica(dir.path(), p.key);
  CHECK(replica->size() == bad);
  CHECK(VerifyLog(replica->store(), {p.key, std::nullopt, nullptr, {}}).status.ok());
}

TEST_CASE("a record re-signed by a key the registry does not know is refused by the replayed admission rule") {
  Primary p(10);
  TempDir dir;
  auto replica = OpenReplica(dir.path(), p.key);
  const size_t bad = p.records.size() - 3;
  REQUIRE(replica->AddRecords(p.Range(0, bad)).ok());
  auto added = replica->AddRecords({ResignRecord(p.records[bad], KeyPair::Generate())});
  REQUIRE_FALSE(added.ok());
  CHECK_THAT(added.status().message(), Catch::Contains("would not have been admitted"));
  CHECK(replica->problem()->index == bad);
  CHECK(replica->size() == bad);
}

TEST_CASE("a different record for an index already held is a conflict naming both") {
  Primary p(10);
  TempDir dir;
  auto replica = OpenReplica(dir.path(), p.key);
  REQUIRE(replica->AddRecords(p.records).ok());
  const size_t held = 7;
  auto added = replica->AddRecords({AlterRecordText(p.records[held])});
  REQUIRE_FALSE(added.ok());
  const ReplicaProblem& problem = *replica->problem();
  CHECK(problem.kind == ReplicaProblem::Kind::kConflict);
  CHECK(problem.index == held);
  CHECK(problem.conflicting == std::string(AsChars(p.records[held])));
  CHECK(problem.received != problem.conflicting);

  auto saved = SaveEvidence(dir.path() + "/evidence", problem, "topic lawtrail.records, partition 0, offset 41");
  REQUIRE(saved.ok());
  auto reason = ReadFile(*saved + "/reason.txt");
  REQUIRE(reason.ok());
  CHECK_THAT(*reason, Catch::Contains("index: 7") && Catch::Contains("offset 41"));
  auto conflicting = ReadFile(*saved + "/conflicting.bin");
  REQUIRE(conflicting.ok());
  CHECK(*conflicting == problem.conflicting);
}

TEST_CASE("records that skip indexes are a gap reported from the first missing index") {
  Primary p(10);
  TempDir dir;
  auto replica = OpenReplica(dir.path(), p.key);
  std::vector<Bytes> stream = p.Range(0, 10);
  for (Bytes& r : p.Range(15, 20)) stream.push_back(std::move(r));
  auto added = replica->AddRecords(stream);
  REQUIRE_FALSE(added.ok());
  CHECK(replica->problem()->kind == ReplicaProblem::Kind::kGap);
  CHECK(replica->problem()->index == 10);
  CHECK_THAT(added.status().message(), Catch::Contains("records 10–14 are missing"));
  CHECK(replica->size() == 10);
}

TEST_CASE("a checkpoint signed by another key or by the log key over another tree is refused") {
  Primary p(10);
  TempDir dir;
  REQUIRE(p.checkpoints.size() >= 2);
  const auto& [size, note] = p.checkpoints.front();

  SECTION("another key") {
    auto replica = OpenReplica(dir.path(), p.key);
    const note::Signer stranger{p.key.name, KeyPair::Generate()};
    auto forged = note::Sign(ParseCheckpointNoteUnverified(note)->Body(), stranger);
    REQUIRE(forged.ok());
    const Status s = replica->AddCheckpoint(*forged).status();
    CHECK_FALSE(s.ok());
    CHECK(replica->problem()->kind == ReplicaProblem::Kind::kRefusedCheckpoint);
  }
  SECTION("the log key over another tree: the replica keeps both signed notes as evidence") {
    auto replica = OpenReplica(dir.path(), p.key);
    REQUIRE(replica->AddRecords(p.records).ok());
    REQUIRE(replica->AddCheckpoint(note).ok());
    auto log_key = data_dir::LoadSigner(data_dir::LogKeyPath(p.demo.dir.path()));
    REQUIRE(log_key.ok());
    Checkpoint other = *ParseCheckpointNoteUnverified(note);
    other.root[0] ^= 1;
    auto split = note::Sign(other.Body(), *log_key);
    REQUIRE(split.ok());
    const Status s = replica->AddCheckpoint(*split).status();
    CHECK_THAT(s.message(), Catch::Contains("checkpoint of size " + std::to_string(size)));
    const ReplicaProblem& problem = *replica->problem();
    CHECK(problem.kind == ReplicaProblem::Kind::kRefusedCheckpoint);
    CHECK(problem.received == *split);
    CHECK(problem.conflicting == note);
  }
  SECTION("the log key over the right tree but a case-head map that hides a record") {
    auto replica = OpenReplica(dir.path(), p.key);
    REQUIRE(replica->AddRecords(p.records).ok());
    auto log_key = data_dir::LoadSigner(data_dir::LogKeyPath(p.demo.dir.path()));
    REQUIRE(log_key.ok());
    Checkpoint other = *ParseCheckpointNoteUnverified(note);
    Hash map_root = *other.CaseHeadsRoot();
    map_root[0] ^= 1;
    other.extensions = {CaseHeadsExtensionLine(map_root)};
    const Status s = replica->AddCheckpoint(*note::Sign(other.Body(), *log_key)).status();
    CHECK_THAT(s.message(), Catch::Contains("case-head map root"));
    CHECK(replica->problem()->kind == ReplicaProblem::Kind::kRefusedCheckpoint);
    CHECK(replica->problem()->index == size);
  }
  SECTION("ahead of the records, it is checked when they arrive") {
    auto replica = OpenReplica(dir.path(), p.key);
    auto log_key = data_dir::LoadSigner(data_dir::LogKeyPath(p.demo.dir.path()));
    REQUIRE(log_key.ok());
    Checkpoint other = *ParseCheckpointNoteUnverified(note);
    other.root[5] ^= 1;
    REQUIRE(replica->AddCheckpoint(*note::Sign(other.Body(), *log_key)).ok());
    CHECK(replica->pending_checkpoints() == 1);
    auto added = replica->AddRecords(p.records);
    REQUIRE_FALSE(added.ok());
    CHECK(replica->problem()->kind == ReplicaProblem::Kind::kRefusedCheckpoint);
    CHECK(replica->problem()->index == size);
    CHECK(replica->size() == size);  // checked on reaching its size: nothing past the fork is written
  }
}

TEST_CASE(
    "a checkpoint handed over ahead of its records is held only if it is signed and ahead, and never stops the "
    "replica") {
  Primary p(10);
  TempDir dir;
  REQUIRE(p.checkpoints.size() >= 2);
  auto replica = OpenReplica(dir.path(), p.key);
  const auto& [first_size, first] = p.checkpoints.front();
  const auto& [last_size, last] = p.checkpoints.back();

  const note::Signer stranger{p.key.name, KeyPair::Generate()};
  CHECK_FALSE(replica->AddCheckpointAhead(*note::Sign(ParseCheckpointNoteUnverified(last)->Body(), stranger)));
  CHECK_FALSE(replica->AddCheckpointAhead("not a checkpoint"));
  CHECK(replica->problem() == std::nullopt);

  CHECK(replica->AddCheckpointAhead(first) == first_size);
  CHECK(replica->AddCheckpointAhead(last) == last_size);
  CHECK(replica->pending_checkpoints() == 2);
  REQUIRE(replica->AddRecords(p.Range(0, first_size + 1)).ok());
  CHECK(replica->verified_checkpoint_size() == first_size);
  CHECK_FALSE(replica->AddCheckpointAhead(first));  // behind the records now: for AddCheckpoint
  REQUIRE(replica->AddRecords(p.records).ok());
  CHECK(replica->verified_checkpoint_size() == last_size);
  CHECK(replica->pending_checkpoints() == 0);
}

TEST_CASE("a replica will not open in a primary's folder nor mirror a log other than its key's") {
  Primary p(2);
  CHECK(Replica::Open(p.demo.dir.path(), p.key).status().code() == StatusCode::kFailedPrecondition);
  TempDir dir;
  { OpenReplica(dir.path(), p.key); }
  const note::Verifier other{p.key.name, p.key.key_id, KeyPair::Generate().public_key()};
  auto refused = Replica::Open(dir.path(), other);
  CHECK(refused.status().code() == StatusCode::kFailedPrecondition);
  CHECK_THAT(refused.status().message(), Catch::Contains("mirrors the log of key"));
}

TEST_CASE("a replica promoted with the log key takes over where the primary stopped and extends its tree") {
  DemoLog demo(30, CheckpointEvery(100), /*append_cases=*/false);
  const size_t half = demo.year.items.size() / 2;
  {
    auto log = Log::Open(demo.dir.path(), CheckpointEvery(100));
    REQUIRE(log.ok());
    demo.AppendCases(**log, 0, half, 50);
  }
  auto key = data_dir::LoadVerifier(demo.dir.path());
  REQUIRE(key.ok());
  std::vector<Bytes> records;
  std::string last_checkpoint;
  {
    auto store = OpenStore(demo.dir.path());
    LogReader reader(*store);
    REQUIRE(reader
                .ScanRecords(0, *reader.Size(),
                             [&](uint64_t, ByteView r) {
                               records.emplace_back(r.begin(), r.end());
                               return Status::Ok();
                             })
                .ok());
    last_checkpoint = **reader.LatestCheckpoint();
  }
  TempDir dir;
  {
    auto replica = OpenReplica(dir.path(), *key);
    REQUIRE(replica->AddRecords(records).ok());
    REQUIRE(replica->AddCheckpoint(last_checkpoint).ok());
  }
  auto log_key = data_dir::LoadSigner(data_dir::LogKeyPath(demo.dir.path()));
  REQUIRE(log_key.ok());

  const note::Signer stranger{key->name, KeyPair::Generate()};
  CHECK(PromoteReplica(dir.path(), stranger, std::nullopt).status().code() == StatusCode::kInvalidArgument);
  auto promoted = PromoteReplica(dir.path(), *log_key, std::nullopt);
  INFO(promoted.status().ToString());
  REQUIRE(promoted.ok());
  CHECK(*promoted == records.size());
  CHECK(PromoteReplica(dir.path(), *log_key, std::nullopt).status().code() == StatusCode::kFailedPrecondition);

  // The new primary takes the rest of the year's statements.
  {
    auto log = Log::Open(dir.path(), CheckpointEvery(100));
    REQUIRE(log.ok());
    demo.AppendCases(**log, half, demo.year.items.size(), 50);
    CHECK((*log)->size() > records.size());
  }
  const VerifyReport report = VerifyLog(*OpenStore(dir.path()), {*key, last_checkpoint, nullptr, {}});
  INFO(report.status.message());
  CHECK(report.status.ok());
}

}  // namespace
}  // namespace lawtrail::testing
