// verify re-checks everything and names the first bad index and why.
#include <filesystem>

#include <catch2/catch.hpp>

#include "ledger/log/data_dir.h"
#include "ledger/log/sequencer.h"
#include "tests/support/tamper.h"
#include "tests/support/test_log.h"

namespace lawtrail {
namespace {

using testing::TestLog;
using testing::TestOfficer;

// A closed log of about 300 records over 12 cases, with checkpoints.
struct ClosedLog {
  TestLog t;
  uint64_t size = 0;
  std::string checkpoint;

  ClosedLog() {
    LogOptions o;
    o.checkpoints.every_records = 64;
    t.Reopen(o);
    const TestOfficer a = t.AddOfficer("41010001");
    const TestOfficer b = t.AddOfficer("41010002");
    for (int batch = 0; batch < 10; ++batch) {
      std::vector<Bytes> statements;
      for (int i = 0; i < 30; ++i) {
        statements.push_back(t.Memo(i % 2 ? a : b, "case-" + std::to_string(i % 12), "记录"));
      }
      for (const auto& r : t.log().Append(std::move(statements))) REQUIRE(r.ok());
    }
    checkpoint = *t.log().CurrentCheckpoint();
    size = t.log().size();
    t.Close();
  }
};

TEST_CASE("an untouched log verifies", "[verify]") {
  ClosedLog l;
  const VerifyReport report = testing::VerifyDir(l.t.dir(), l.t.vkey(), l.checkpoint);
  INFO(report.status.ToString());
  CHECK(report.status.ok());
  CHECK(report.records == l.size);
  CHECK(report.checkpoints >= 4);
  CHECK(report.cases == 13);  // twelve cases and the registry
}

TEST_CASE("a one-byte change in a stored record is found at its index", "[verify][tamper]") {
  ClosedLog l;
  for (uint64_t index : {uint64_t{0}, uint64_t{1}, uint64_t{137}, l.size - 1}) {
    for (size_t offset : {size_t{0}, size_t{20}, size_t{100}, size_t{1000}}) {
      const std::string original = testing::FlipByte(l.t.dir(), Cf::kRecords, keys::Index(index), offset);
      const VerifyReport report = testing::VerifyDir(l.t.dir(), l.t.vkey());
      INFO("index " << index << " offset " << offset << ": " << report.status.ToString());
      CHECK(report.status.code() == StatusCode::kCorruption);
      CHECK(report.bad_index == index);
      CHECK_THAT(report.status.message(), Catch::StartsWith("index " + std::to_string(index) + ":"));
      testing::PutRaw(l.t.dir(), Cf::kRecords, keys::Index(index), original);
    }
  }
  CHECK(testing::VerifyDir(l.t.dir(), l.t.vkey()).status.ok());
}

TEST_CASE("a one-byte change in a stored tree hash is found", "[verify][tamper]") {
  ClosedLog l;
  const merkle::NodeId nodes[] = {{0, 5}, {1, 20}, {4, 3}, {8, 0}};
  for (const auto& id : nodes) {
    const std::string original = testing::FlipByte(l.t.dir(), Cf::kTree, keys::Node(id), 9);
    const VerifyReport report = testing::VerifyDir(l.t.dir(), l.t.vkey());
    INFO(report.status.ToString());
    CHECK(report.status.code() == StatusCode::kCorruption);
    CHECK(report.bad_index == id.end() - 1);
    CHECK_THAT(report.status.message(), Catch::Contains("stored tree hash"));
    testing::PutRaw(l.t.dir(), Cf::kTree, keys::Node(id), original);
  }
}

TEST_CASE("a one-byte change in a stored checkpoint is found", "[verify][tamper]") {
  ClosedLog l;
  testing::FlipByte(l.t.dir(), Cf::kCheckpoints, keys::Index(l.size), 40);
  const VerifyReport report = testing::VerifyDir(l.t.dir(), l.t.vkey());
  INFO(report.status.ToString());
  CHECK(report.status.code() == StatusCode::kCorruption);
  CHECK_THAT(report.status.message(), Catch::Contains("checkpoint at size " + std::to_string(l.size)));
}

TEST_CASE("a checkpoint signed by the log key whose case-head map hides a case's last record is refuted",
          "[verify][tamper]") {
  // The dishonest log signs the right tree but the map of one record earlier:
  // the last record's case would seem to end before it.
  ClosedLog l;
  std::string forged;
  {
    auto store = testing::OpenStore(l.t.dir(), OpenMode::kReadWrite);
    auto sequencer = Sequencer::LoadReplica(*store);
    REQUIRE(sequencer.ok());
    auto stale = (*sequencer)->CaseHeadsRootAt(l.size - 1);
    auto honest = (*sequencer)->CaseHeadsRootAt(l.size);
    REQUIRE(stale.ok());
    REQUIRE(*stale != *honest);
    Checkpoint cp = *ParseCheckpointNoteUnverified(l.checkpoint);
    REQUIRE(cp.CaseHeadsRoot().ok());
    CHECK(*cp.CaseHeadsRoot() == *honest);
    cp.extensions = {CaseHeadsExtensionLine(*stale)};
    auto log_key = data_dir::LoadSigner(data_dir::LogKeyPath(l.t.dir()));
    REQUIRE(log_key.ok());
    forged = *note::Sign(cp.Body(), *log_key);
  }
  testing::PutRaw(l.t.dir(), Cf::kCheckpoints, keys::Index(l.size), forged);
  const VerifyReport report = testing::VerifyDir(l.t.dir(), l.t.vkey());
  INFO(report.status.ToString());
  CHECK(report.status.code() == StatusCode::kCorruption);
  CHECK(report.bad_index == l.size - 1);
  CHECK_THAT(report.status.message(), Catch::Contains("case-head map root"));
}

TEST_CASE("of two problems, the one at the lower index is named", "[verify][tamper]") {
  ClosedLog l;
  testing::DeleteRaw(l.t.dir(), Cf::kRecords, keys::Index(200));
  testing::FlipByte(l.t.dir(), Cf::kRecords, keys::Index(10), 30);
  const VerifyReport report = testing::VerifyDir(l.t.dir(), l.t.vkey());
  INFO(report.status.ToString());
  CHECK(report.bad_index == 10);
}

TEST_CASE("a deleted last record is found", "[verify][tamper]") {
  ClosedLog l;
  testing::DeleteRaw(l.t.dir(), Cf::kRecords, keys::Index(l.size - 1));
  const VerifyReport report = testing::VerifyDir(l.t.dir(), l.t.vkey());
  INFO(report.status.ToString());
  CHECK(report.status.code() == StatusCode::kCorruption);
  CHECK(report.bad_index == l.size - 1);
  CHECK_THAT(report.status.message(), Catch::Contains("record is missing"));
}

TEST_CASE("a log rewritten after an inspector's checkpoint fails against it", "[verify][trusted]") {
  // The attacker holds every key and forks the log from an earlier copy; the
  // fork is internally consistent and its checkpoints are properly signed.
  TestLog t;
  const TestOfficer a = t.AddOfficer("41010001");
  for (int i = 0; i < 5; ++i) REQUIRE(t.AppendOne(t.Memo(a, "case-1")).ok());
  const std::string shared = *t.log().CurrentCheckpoint();
  t.Close();
  testing::TempDir fork_root;
  const std::string fork = fork_root / "log";
  std::filesystem::copy(t.dir(), fork, std::filesystem::copy_options::recursive);

  t.Reopen();
  for (int i = 0; i < 5; ++i) REQUIRE(t.AppendOne(t.Memo(a, "case-1", "history A")).ok());
  const std::string inspector_saved = *t.log().CurrentCheckpoint();
  t.Close();
  {
    auto b = Log::Open(fork);
    REQUIRE(b.ok());
    for (int i = 0; i < 7; ++i) REQUIRE((*b)->Append({t.Memo(a, "case-1", "history B")})[0].ok());
  }

  CHECK(testing::VerifyDir(fork, t.vkey()).status.ok());
  CHECK(testing::VerifyDir(fork, t.vkey(), shared).status.ok());
  const VerifyReport report = testing::VerifyDir(fork, t.vkey(), inspector_saved);
  INFO(report.status.ToString());
  CHECK(report.status.code() == StatusCode::kCorruption);
  CHECK_THAT(report.status.message(), Catch::Contains("differ from the trusted checkpoint"));
}

TEST_CASE("a log cut back below an inspector's checkpoint fails against it", "[verify][trusted]") {
  ClosedLog l;
  testing::PutRaw(l.t.dir(), Cf::kMeta, std::string(keys::kMetaSize), keys::Index(l.size - 3));
  const VerifyReport report = testing::VerifyDir(l.t.dir(), l.t.vkey(), l.checkpoint);
  INFO(report.status.ToString());
  CHECK(report.status.code() == StatusCode::kCorruption);
  CHECK_THAT(report.status.message(), Catch::Contains("records were removed"));
}

}  // namespace
}  // namespace lawtrail
