// The one replay step (ledger/replay/log_state.h), seen from its three users: the
// sequencer that writes records, a replica that mirrors them, and verify. One
// stream of records — a demo year — must bring all three to the same state,
// and each kind of rule breaker must be refused by all three at the same
// index by the same rule: the sequencer at intake, the replica and verify
// when a forger puts the statement into the stream as a record.
#include <map>
#include <set>

#include <catch2/catch.hpp>

#include "ledger/core/case_head.h"
#include "ledger/core/record.h"
#include "ledger/core/submission.h"
#include "ledger/log/data_dir.h"
#include "ledger/log/log.h"
#include "ledger/log/replica.h"
#include "tests/support/tamper.h"
#include "tests/support/test_log.h"
#include "tools/town_year.h"

namespace lawtrail::testing {
namespace {

// A rule breaker the sequencer refused: where it would have gone, and why.
struct Refusal {
  std::string rule;
  uint64_t index = 0;
  Bytes signed_statement;
  std::string case_id;
};

// The record the sequencer would have written for `r` had it admitted it.
Bytes ForgedRecord(const LogReader& log, const Refusal& r, int64_t time_ms) {
  RecordFields f;
  f.index = r.index;
  f.time_recorded_ms = time_ms;
  auto head = log.CaseHeadBefore(r.case_id, r.index);
  REQUIRE(head.ok());
  f.case_version = *head ? (*head)->second.version + 1 : 1;
  if (*head) f.prev_case_leaf_hash = (*head)->second.leaf_hash;
  f.signed_statement = r.signed_statement;
  return BuildRecord(f);
}

// Puts `record` into the store in `dir` as its next record, with the tree
// hashes and indexes the sequencer would write, past every check of its own.
void PutPastAdmission(const std::string& dir, const Bytes& record, const std::string& case_id) {
  auto view = ParseRecord(record);
  REQUIRE(view.ok());
  const uint64_t index = view->record->index();
  const Hash leaf = merkle::LeafHash(record);
  auto parsed = ParseSignedStatement(Bytes(view->signed_statement.begin(), view->signed_statement.end()));
  REQUIRE(parsed.ok());
  std::vector<std::pair<merkle::NodeId, Hash>> nodes;
  {
    auto store = OpenStore(dir);
    auto tree = merkle::CompactRange::Load(index, store->NodeReader());
    REQUIRE(tree.ok());
    tree->Append(leaf, [&](merkle::NodeId id, const Hash& h) { nodes.emplace_back(id, h); });
  }
  PutRaw(dir, Cf::kRecords, keys::Index(index), std::string(AsChars(record)));
  for (const auto& [id, hash] : nodes) PutRaw(dir, Cf::kTree, keys::Node(id), std::string(AsChars(hash)));
  PutRaw(dir, Cf::kEventIds, std::string(AsChars(parsed->event_id)), keys::Index(index));
  PutRaw(dir, Cf::kCases, keys::CaseIndex(case_id, index), EncodeCaseHead({view->record->case_version(), leaf}));
  PutRaw(dir, Cf::kMeta, std::string(keys::kMetaSize), keys::Index(index + 1));
}

TEST_CASE("the sequencer, a replica and verify replay one stream to one state, and refuse each rule breaker alike",
          "[replay]") {
  TempDir dir;
  auto created = Log::Create(dir.path(), kTestOrigin, {"青山镇人民政府", "11411500MB1234567X"});
  REQUIRE(created.ok());
  const int64_t now = NowMs();
  LogOptions options;
  options.clock = [now] { return now; };  // one recorded time: a forged record can claim it exactly
  // 120 cases, every second one with a rule-breaking attempt: every kind of
  // attempt the generator makes, court enforcement's included.
  const demo::Year year = demo::GenerateYear({kTestOrigin, created->root, 120, 11, 50});
  std::set<std::string> generated;
  for (const demo::YearItem& item : year.items) {
    if (!item.expected_rule.empty()) generated.insert(item.expected_rule);
  }
  std::map<std::string, Refusal> kinds;  // one attempt of each rule
  size_t refused = 0;
  {
    auto log = Log::Open(dir.path(), options);
    REQUIRE(log.ok());
    for (const auto& r : (*log)->Append(year.registry)) REQUIRE(r.ok());
    for (const demo::YearItem& item : year.items) {
      const uint64_t index = (*log)->size();
      AppendResult r = std::move((*log)->Append({item.submission})[0]);
      INFO(item.case_id << " expected " << (item.expected_rule.empty() ? "admitted" : item.expected_rule));
      REQUIRE(r.ok() == item.expected_rule.empty());
      if (r.ok()) continue;
      ++refused;
      CHECK(r.status().rule() == item.expected_rule);
      auto submission = ParseSubmission(item.submission);
      REQUIRE(submission.ok());
      kinds.emplace(r.status().rule(), Refusal{r.status().rule(), index, submission->signed_statement, item.case_id});
    }
  }
  REQUIRE(generated.size() >= 7);
  REQUIRE(kinds.size() == generated.size());
  auto primary_log = Log::Open(dir.path(), options);
  REQUIRE(primary_log.ok());
  const Hash primary = (*primary_log)->StateDigest();
  std::vector<Bytes> records;
  REQUIRE((*primary_log)
              ->reader()
              .ScanRecords(0, (*primary_log)->size(),
                           [&](uint64_t, ByteView b) {
                             records.emplace_back(b.begin(), b.end());
                             return Status::Ok();
                           })
              .ok());
  primary_log->reset();

  SECTION("the same state") {
    const auto replayed = ReplayedDigest(created->verifier_key, records);
    REQUIRE(replayed.ok());
    CHECK(*replayed == primary);
    const VerifyReport report = VerifyDir(dir.path(), created->verifier_key);
    INFO(report.status.ToString());
    REQUIRE(report.status.ok());
    CHECK(report.state_digest == primary);
    CHECK(refused >= kinds.size());
  }

  SECTION("the same refusal, at the same index, by the same rule") {
    auto store = OpenStore(dir.path());
    LogReader reader(*store);
    auto key = note::ParseVerifier(created->verifier_key);
    REQUIRE(key.ok());
    for (const auto& [rule, refusal] : kinds) {
      INFO("rule " << rule << " at index " << refusal.index);
      // Compared with the case's openings, which only the primary holds: nothing to replay elsewhere.
      if (rule == "P-SEALED-TEXT") continue;
      const Bytes forged = ForgedRecord(reader, refusal, now);
      // A replica given the records before it and then the forged one.
      TempDir mirror;
      {
        auto replica = Replica::Open(mirror.path(), *key);
        REQUIRE(replica.ok());
        std::vector<Bytes> stream(records.begin(), records.begin() + static_cast<ptrdiff_t>(refusal.index));
        stream.push_back(forged);
        CHECK_FALSE((*replica)->AddRecords(stream).ok());
        REQUIRE((*replica)->problem());
        CHECK((*replica)->problem()->index == refusal.index);
        CHECK((*replica)->problem()->reason.rule() == rule);
        CHECK((*replica)->size() == refusal.index);
      }
      // Verify, given the replica's records with the forged one past admission.
      PutPastAdmission(mirror.path(), forged, refusal.case_id);
      const VerifyReport report = VerifyDir(mirror.path(), created->verifier_key);
      INFO(report.status.ToString());
      CHECK_FALSE(report.status.ok());
      CHECK(report.bad_index == refusal.index);
      CHECK(report.status.rule() == rule);
    }
  }
}

}  // namespace
}  // namespace lawtrail::testing
