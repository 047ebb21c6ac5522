// The verifiable 双随机 draw: pools committed by hash, a seed that is the
// log's checkpoint at a size named in advance with its witnesses'
// cosignatures, a result admitted only if re-running the draw gives it, and
// recusals replaced by the draw's own next choice (rules D-DRAW-*).
#include <set>

#include <catch2/catch.hpp>

#include "ledger/log/draw_audit.h"
#include "tests/support/draw_fixture.h"
#include "tests/support/tamper.h"
#include "tools/demo_draws.h"

namespace lawtrail::testing {
namespace {

TEST_CASE(
    "D-DRAW-RESULT and D-DRAW-RECUSAL: a draw whose result is what re-running it gives is admitted, and survives a "
    "restart") {
  DrawFixture f;
  const uint64_t seed_size = f.log.log().size() + 3;
  const draw::DrawTerms t = f.Terms("2026-SJ-01", seed_size);
  f.Admit(SignStatement(DrawAnnouncedStatement(TestLog::HeaderFor(f.operator_, "@draws"), t), f.operator_.key));
  // Records after the seed size in one batch: the log still signs the checkpoint of exactly that size.
  std::vector<Bytes> batch;
  for (int i = 0; i < 5; ++i) batch.push_back(f.log.Memo(f.operator_, "QS-2026-002", "巡查记录" + std::to_string(i)));
  for (auto& r : f.log.log().Append(std::move(batch))) REQUIRE(r.ok());
  const std::string seed = f.Cosigned(seed_size, {&f.w1, &f.w2});
  const auto checks = f.Rerun(t, seed);
  // 5 A × 5% → 1, 10 B × 20% → 2, 10 C × 40% → 4, 5 D × 100% → 5.
  REQUIRE(checks.size() == 12);
  for (const auto& c : checks) CHECK(c.inspectors.size() == 2);
  REQUIRE(f.Record(t.task_no, seed, checks).ok());
  RequireRefused(f.Record(t.task_no, seed, checks), "D-DRAW-RESULT", "already recorded");

  // After a restart the log knows the draw (its result, its seed): a recusal re-draws from it.
  f.log.Reopen();
  const draw::DrawnCheck& first = checks.front();
  auto seed_value = draw::OpenSeed(seed, t.seed)->value;
  const auto next =
      draw::NextInspector(seed_value, first.object_id, f.inspector_pool, first.inspectors, {first.inspectors[0]});
  REQUIRE(next.has_value());
  auto recuse = [&](const TestOfficer& by, const std::string& replacement) {
    return f.Signed(by, [&](const StatementHeader& h) {
      return InspectorRecusedStatement(h, t.task_no, first.object_id, first.inspectors[0], "与该商户经营者系近亲属",
                                       replacement);
    });
  };
  RequireRefused(recuse(f.head, first.inspectors[1]), "D-DRAW-RECUSAL", "the re-draw gives '" + *next + "'");
  // 回避 is the head's decision (河南省行政执法条例 第23条).
  auto by_operator = recuse(f.operator_, *next);
  REQUIRE_FALSE(by_operator.ok());
  CHECK(by_operator.status().rule() == kSignerRule);
  REQUIRE(recuse(f.head, *next).ok());
  // The inspector who stepped down is off the team; recusing them again is refused.
  RequireRefused(recuse(f.head, *next), "D-DRAW-RECUSAL", "is not on the team");

  // draw verify: the log's records alone give the same draw and the same re-draw.
  const draw::DrawTerms pending = f.Terms("2026-SJ-01B", f.log.log().size() + 5);
  REQUIRE(f.Announce(pending).ok());
  auto audits = AuditDraws(f.log.log().reader());
  REQUIRE(audits.ok());
  REQUIRE(audits->size() == 2);
  const DrawAudit& audited = (*audits)[0];
  INFO(audited.status.ToString());
  CHECK(audited.status.ok());
  CHECK(audited.recusals == 1);
  REQUIRE(audited.checks.size() == checks.size());
  CHECK(audited.checks[0].inspectors ==
        std::vector<std::string>{*next, first.inspectors[1]});  // in the seat of the one recused
  CHECK(audited.cosigned.size() == 2);
  CHECK_FALSE((*audits)[1].recorded_index.has_value());
  CHECK((*audits)[1].status.ok());
  // Against a log key other than this log's, the seed does not verify.
  auto other = AuditDraws(f.log.log().reader(), note::EncodeVerifier(kTestOrigin, KeyPair::Generate().public_key()));
  REQUIRE(other.ok());
  CHECK_FALSE((*other)[0].status.ok());
  CHECK_THAT((*other)[0].status.message(), Catch::Contains("seed"));
}

TEST_CASE("D-DRAW-SEED: a draw whose seed is not after its announcement is refused") {
  DrawFixture f;
  const uint64_t index = f.log.log().size();  // the announcement's own index
  RequireRefused(f.Announce(f.Terms("2026-SJ-02", index + 1)), "D-DRAW-SEED",
                 "must be at least " + std::to_string(index + 2));
  RequireRefused(f.Announce(f.Terms("2026-SJ-02", index)), "D-DRAW-SEED", "is not after the announcement");
  REQUIRE(f.Announce(f.Terms("2026-SJ-02", index + 2)).ok());
}

TEST_CASE("D-DRAW-RESULT: a draw result that differs from the re-run is refused, naming where") {
  DrawFixture f;
  const draw::DrawTerms t = f.Terms("2026-SJ-03", f.log.log().size() + 2);
  REQUIRE(f.Announce(t).ok());
  RequireRefused(f.Record(t.task_no, "", {}), "D-DRAW-SEED", "has not reached");
  f.GrowTo(t.seed.tree_size + 1);
  const std::string seed = f.Cosigned(t.seed.tree_size, {&f.w1, &f.w2});
  auto checks = f.Rerun(t, seed);

  auto swapped = checks;
  std::swap(swapped[0].inspectors[0], swapped[0].inspectors[1]);
  RequireRefused(f.Record(t.task_no, seed, swapped), "D-DRAW-RESULT", "object '" + checks[0].object_id + "' has");
  auto other_object = checks;
  other_object[1].object_id =
      f.objects.entries[0].id == checks[1].object_id ? f.objects.entries[1].id : f.objects.entries[0].id;
  RequireRefused(f.Record(t.task_no, seed, other_object), "D-DRAW-RESULT", "check 2 is object");
  auto one_less = checks;
  one_less.pop_back();
  RequireRefused(f.Record(t.task_no, seed, one_less), "D-DRAW-RESULT", "11 checks recorded, the draw gives 12");
  REQUIRE(f.Record(t.task_no, seed, checks).ok());
}

TEST_CASE("D-DRAW-SEED: a draw seeded without every named witness, or from another size, is refused") {
  DrawFixture f;
  const draw::DrawTerms t = f.Terms("2026-SJ-04", f.log.log().size() + 2);
  REQUIRE(f.Announce(t).ok());
  f.GrowTo(t.seed.tree_size + 2);
  const std::string one_witness = f.Cosigned(t.seed.tree_size, {&f.w1});
  RequireRefused(f.Record(t.task_no, one_witness, {}), "D-DRAW-SEED", "no cosignature by 'scjgj.pingqiao.example/w2'");
  REQUIRE(f.log.log().CurrentCheckpoint().ok());  // a checkpoint of the whole, later tree
  const std::string later = f.Cosigned(f.log.log().size(), {&f.w1, &f.w2});
  RequireRefused(f.Record(t.task_no, later, {}), "D-DRAW-SEED",
                 "the draw named size " + std::to_string(t.seed.tree_size));
  TestWitness stranger{"scjgj.pingqiao.example/w2"};  // the same name, another key
  const std::string forged = f.Cosigned(t.seed.tree_size, {&f.w1, &stranger});
  RequireRefused(f.Record(t.task_no, forged, {}), "D-DRAW-SEED", "scjgj.pingqiao.example/w2");
  // A checkpoint the log never signed, with a forged root, fails on the log's signature.
  std::string tampered = f.Cosigned(t.seed.tree_size, {&f.w1, &f.w2});
  tampered[tampered.find('\n') + 3] ^= 1;
  CHECK_FALSE(f.Record(t.task_no, tampered, {}).ok());
}

TEST_CASE("D-DRAW-ANNOUNCE and D-DRAW-TEAM: a draw whose pools differ from the published snapshot is refused") {
  DrawFixture f;
  draw::DrawTerms t = f.Terms("2026-SJ-05", f.log.log().size() + 2);
  draw::Pool altered = f.objects;
  altered.entries[3].credit_class = "D";  // one object moved to the class drawn in full
  t.object_pool_hash = draw::PoolHash(altered);
  RequireRefused(f.Announce(t), "D-DRAW-ANNOUNCE", "is not the committed snapshot");
  t = f.Terms("2026-SJ-05", f.log.log().size() + 2);
  t.object_count = 29;
  RequireRefused(f.Announce(t), "D-DRAW-ANNOUNCE", "has 30 entries, the announcement says 29");
  t = f.Terms("2026-SJ-05", f.log.log().size() + 2);
  t.team_size = 1;
  RequireRefused(f.Announce(t), "D-DRAW-TEAM", "at least 2");
  t = f.Terms("2026-SJ-05", f.log.log().size() + 2);
  t.seed.witness_vkeys.clear();
  RequireRefused(f.Announce(t), "D-DRAW-SEED", "no witness is named");
  t = f.Terms("2026-SJ-05", f.log.log().size() + 2);
  t.item_code = "SJ-404";
  RequireRefused(f.Announce(t), "D-DRAW-ANNOUNCE", "随机抽查事项清单");

  // A new pool version after the announcement does not change the draw: it runs on the committed snapshot.
  t = f.Terms("2026-SJ-05", f.log.log().size() + 3);
  REQUIRE(f.Announce(t).ok());
  draw::Pool next_version = ObjectPool("2026-04", 36);
  REQUIRE(f.PublishPool(next_version).ok());
  f.GrowTo(t.seed.tree_size + 1);
  const std::string seed = f.Cosigned(t.seed.tree_size, {&f.w1, &f.w2});
  const auto on_snapshot = f.Rerun(t, seed);
  auto seed_value = draw::OpenSeed(seed, t.seed)->value;
  const auto on_new_pool = draw::RunDraw(seed_value, next_version, f.inspector_pool, t.team_size, t.ratios);
  RequireRefused(f.Record(t.task_no, seed, on_new_pool), "D-DRAW-RESULT", "not the draw's");
  REQUIRE(f.Record(t.task_no, seed, on_snapshot).ok());
}

TEST_CASE("draw events outside case @draws are refused") {
  DrawFixture f;
  const draw::DrawTerms t = f.Terms("2026-SJ-06", f.log.log().size() + 2);
  auto r = f.log.AppendOne(
      SignStatement(DrawAnnouncedStatement(TestLog::HeaderFor(f.operator_, "QS-2026-009"), t), f.operator_.key));
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.status().message(), Catch::Contains("draw events belong to case '@draws'"));
}

TEST_CASE("every draw of a demo year re-runs from the log alone to the recorded result, and a rewritten pool fails") {
  TempDir dir;
  const std::string origin = "qingshan.pingqiao.example/enforcement";
  auto created = Log::Create(dir.path(), origin, {"青山镇人民政府", "11411500MB1234567X"});
  REQUIRE(created.ok());
  const demo::YearPlan plan{origin, created->root, 30, 7, 5};
  const demo::Year year = demo::GenerateYear(plan);
  uint64_t pool_index = 0;
  {
    auto log = Log::Open(dir.path());
    REQUIRE(log.ok());
    for (const auto& r : (*log)->Append(year.registry)) REQUIRE(r.ok());
    std::vector<Bytes> items;
    for (const auto& item : year.items) items.push_back(item.submission);
    (void)(*log)->Append(std::move(items));
    pool_index = (*log)->size() + 1;  // the year's plan, then the object pool
    demo::DrawTally tally;
    REQUIRE(demo::RunDemoDraws(**log, created->verifier_key, plan, year, tally).ok());
    CHECK(tally.draws == 3);
    CHECK(tally.recusals == 1);
    CHECK(tally.mismatches.empty());
    CHECK(tally.flags["F-DRAW-RESULT-20WD"] >= 3);  // every seventh result of each batch published late
    for (const char* rule : {"D-DRAW-ANNOUNCE", "D-DRAW-TEAM", "D-DRAW-SEED", "D-DRAW-RESULT", "D-DRAW-RECUSAL",
                             "D-DRAW-CHECK", "D-DRAW-PLAN", "D-DRAW-SCAN"}) {
      INFO(rule);
      CHECK(tally.refusals[rule] >= 1);
    }
    CHECK(tally.flags["F-DRAW-PLAN-LATE"] == 0);
    demo::DrawTally again;
    REQUIRE(demo::RunDemoDraws(**log, created->verifier_key, plan, year, again).ok());
    CHECK(again.already == 1);

    auto audits = AuditDraws((*log)->reader(), created->verifier_key);
    REQUIRE(audits.ok());
    REQUIRE(audits->size() == 3);
    for (const DrawAudit& a : *audits) {
      INFO(a.task_no << ": " << a.status.ToString());
      CHECK(a.status.ok());
      CHECK(a.recorded_index.has_value());
      CHECK(a.checks.size() >= 2);
      REQUIRE(a.cosigned.size() == 2);
      CHECK(a.cosigned[0].first == "sifaju.pingqiao.example/w1");
    }
    CHECK((*audits)[0].recusals == 1);
    // The plan caps a shop at one SJ-01 check a year: each shop drawn in both SJ-01 batches (April and October) is
    // flagged once, and no other (SJ-02 allows two, and is drawn once).
    std::set<std::string> april;
    size_t twice = 0;
    for (const auto& c : (*audits)[0].checks) april.insert(c.object_id);
    REQUIRE((*audits)[2].item_code == "SJ-01");
    for (const auto& c : (*audits)[2].checks) twice += april.count(c.object_id);
    CHECK(tally.flags["F-INSPECT-CAP"] == twice);
    // Entry scans at work: the demo never scans the fifth check of each eleven in a batch.
    size_t unscanned = 0;
    for (const DrawAudit& a : *audits) {
      for (size_t i = 0; i < a.checks.size(); ++i) unscanned += i % 11 == 4;
    }
    CHECK(unscanned >= 3);
    CHECK(tally.flags["F-SCAN-MISSING"] == unscanned);
  }
  // `lawtrail verify` replays admission, the draws' included.
  const VerifyReport verified = VerifyDir(dir.path(), created->verifier_key);
  INFO(verified.status.ToString());
  CHECK(verified.status.ok());

  // Someone holding the root key and the disk rewrites the object pool the April draw committed to: one
  // shop moves to class D. The record re-signed is valid on its own; the draw no longer re-runs.
  auto store = OpenStore(dir.path(), OpenMode::kReadWrite);
  auto bytes = LogReader(*store).RecordBytes(pool_index);
  REQUIRE(bytes.ok());
  auto record = ParseRecord(*bytes);
  REQUIRE(record.ok());
  auto statement = StatementOfRecord(*bytes, pool_index);
  REQUIRE(statement.ok());
  REQUIRE(statement->statement->payload_type() == fb::Payload::InspectionPoolPublished);
  draw::Pool altered = draw::PoolOf(*statement->statement->payload_as_InspectionPoolPublished());
  altered.entries[0].credit_class = altered.entries[0].credit_class == "D" ? "C" : "D";
  StatementHeader h = RegistryHeader(origin, created->root.key.public_key());
  h.occurred_at_ms = statement->statement->occurred_at_ms();
  const Bytes resigned = SignStatement(InspectionPoolStatement(h, altered), created->root.key);
  RecordFields fields{pool_index, record->record->time_recorded_ms(), record->record->case_version(), std::nullopt,
                      resigned};
  if (record->record->prev_case_leaf_hash() != nullptr) {
    Hash prev{};
    std::copy(record->record->prev_case_leaf_hash()->begin(), record->record->prev_case_leaf_hash()->end(),
              prev.begin());
    fields.prev_case_leaf_hash = prev;
  }
  const Bytes rewritten = BuildRecord(fields);
  store.reset();
  PutRaw(dir.path(), Cf::kRecords, keys::Index(pool_index), std::string(AsChars(rewritten)));
  store = OpenStore(dir.path());
  auto audits = AuditDraws(LogReader(*store), created->verifier_key);
  REQUIRE(audits.ok());
  CHECK_FALSE((*audits)[0].status.ok());
  CHECK_THAT((*audits)[0].status.message(), Catch::Contains("never published"));
}

TEST_CASE("D-DRAW-CHECK: a check's result needs two of the object's drawn inspectors, the signer among them") {
  DrawFixture f;
  const auto drawn = f.RecordedDraw("2026-SJ-20");
  const draw::DrawTerms& t = drawn.first;  // a plain reference: clang 14 cannot capture structured bindings
  const std::vector<draw::DrawnCheck>& checks = drawn.second;
  const draw::DrawnCheck& c = checks[0];
  const TestOfficer& first = f.OfficerOf(c.inspectors[0]);
  auto result = [&](const TestOfficer& by, const std::vector<std::string>& officers, const std::string& object) {
    return f.Signed(by, [&](const StatementHeader& h) {
      return InspectionResultStatement(h, t.task_no, object, officers, "2026-03-10", fb::CheckOutcome::NoProblem,
                                       "未发现问题", "检查笔录-001");
    });
  };
  RequireRefused(result(first, {c.inspectors[0]}, c.object_id), "D-DRAW-CHECK", "at least 2 inspectors");
  std::string stranger;
  for (const TestOfficer& o : f.inspectors) {
    if (o.certificate_no != c.inspectors[0] && o.certificate_no != c.inspectors[1]) stranger = o.certificate_no;
  }
  RequireRefused(result(first, {c.inspectors[0], stranger}, c.object_id), "D-DRAW-CHECK", "was not drawn for");
  RequireRefused(result(f.OfficerOf(stranger), c.inspectors, c.object_id), "D-DRAW-CHECK", "is not among");
  RequireRefused(result(first, c.inspectors, "91411500NOTDRAWN0X"), "D-DRAW-CHECK", "was not drawn in");
  REQUIRE(result(first, c.inspectors, c.object_id).ok());
  RequireRefused(result(first, c.inspectors, c.object_id), "D-DRAW-CHECK", "already has its result");
}

TEST_CASE("F-DRAW-RESULT-20WD: a result published after 20 working days from the check's end is flagged") {
  // Hand-worked (domain-acts.md §5, and our own): ended 2025-12-31 → due 2026-01-29 (元旦 01-01…03 off, Sun 01-04 调休
  // works); ended 2026-01-30 → due 2026-03-05 (春节 02-15…23 off, Sat 02-14 and 02-28 调休 work).
  const TestOfficer* discloser = nullptr;
  DrawFixture f;
  const TestOfficer publisher = f.log.AddOfficer("41150003", {fb::Role::Discloser}, "公示员");
  discloser = &publisher;
  const auto drawn = f.RecordedDraw("2026-SJ-21");
  const draw::DrawTerms& t = drawn.first;  // a plain reference: clang 14 cannot capture structured bindings
  const std::vector<draw::DrawnCheck>& checks = drawn.second;
  auto record = [&](const draw::DrawnCheck& c, const std::string& ended) {
    REQUIRE(f.Signed(f.OfficerOf(c.inspectors[1]), [&](const StatementHeader& h) {
               return InspectionResultStatement(h, t.task_no, c.object_id, c.inspectors, ended,
                                                fb::CheckOutcome::OrderedToCorrect, "责令整改", "检查笔录");
             }).ok());
  };
  auto publish = [&](const draw::DrawnCheck& c, const std::string& on) {
    return f.Signed(*discloser, [&](const StatementHeader& h) {
      return InspectionResultPublishedStatement(h, t.task_no, c.object_id, on);
    });
  };
  auto flagged = [](const AppendResult& r) {
    REQUIRE(r.ok());
    return !r->flags.empty() && r->flags[0].rule_id == "F-DRAW-RESULT-20WD";
  };
  record(checks[0], "2025-12-31");
  record(checks[1], "2025-12-31");
  record(checks[2], "2026-01-30");
  record(checks[3], "2026-01-30");
  CHECK_FALSE(flagged(publish(checks[0], "2026-01-29")));
  CHECK(flagged(publish(checks[1], "2026-01-30")));
  CHECK_FALSE(flagged(publish(checks[2], "2026-03-05")));
  CHECK(flagged(publish(checks[3], "2026-03-06")));
  // Ended 2025-04-25 → due 2025-05-27 (劳动节 05-01…05 off, Sun 04-27 调休 works).
  record(checks[6], "2025-04-25");
  record(checks[7], "2025-04-25");
  CHECK_FALSE(flagged(publish(checks[6], "2025-05-27")));
  CHECK(flagged(publish(checks[7], "2025-05-28")));
  RequireRefused(publish(checks[3], "2026-03-06"), "D-DRAW-CHECK", "already published");
  RequireRefused(publish(checks[4], "2026-03-06"), "D-DRAW-CHECK", "no result of");
  // Only a discloser publishes.
  auto by_inspector = f.Signed(f.OfficerOf(checks[4].inspectors[0]), [&](const StatementHeader& h) {
    return InspectionResultPublishedStatement(h, t.task_no, checks[4].object_id, "2026-03-06");
  });
  REQUIRE_FALSE(by_inspector.ok());
  CHECK(by_inspector.status().rule() == kSignerRule);
}

}  // namespace
}  // namespace lawtrail::testing
