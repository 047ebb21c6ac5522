// The verifiable 双随机 draw: pools committed by hash, a seed that is the
// log's checkpoint at a size named in advance with its witnesses'
// cosignatures, a result admitted only if re-running the draw gives it, and
// recusals replaced by the draw's own next choice (rules D-DRAW-*).
#include <catch2/catch.hpp>

#include "ledger/client/draw_statements.h"
#include "ledger/client/master_data_statements.h"
#include "ledger/core/checkpoint.h"
#include "ledger/core/cosignature.h"
#include "ledger/core/log_format.h"
#include "ledger/log/draw_audit.h"
#include "tests/support/test_log.h"

namespace lawtrail::testing {
namespace {

struct TestWitness {
  std::string name;
  KeyPair key = KeyPair::Generate();
  std::string vkey() const { return cosig::EncodeVerifier(name, key.public_key()); }
};

draw::Pool ObjectPool(const std::string& version, int count) {
  draw::Pool pool{fb::PoolKind::Objects, "市场主体库-青山镇", version, {}};
  const char* classes[] = {"A", "B", "B", "C", "C", "D"};
  for (int i = 0; i < count; ++i) {
    pool.entries.push_back({"9141150" + std::to_string(1000000 + i) + "X", "青山镇第" + std::to_string(i + 1) + "商店",
                            classes[i % 6], i % 2 ? "王岗村" : "李庄村"});
  }
  return pool;
}

struct DrawFixture {
  TestLog log;
  TestOfficer head = log.AddOfficer("41150001", {fb::Role::Officer, fb::Role::Head}, "李局长");
  TestOfficer operator_ = log.AddOfficer("41150002", {fb::Role::Officer}, "王操作");
  std::vector<TestOfficer> inspectors = Inspectors();
  draw::Pool objects = ObjectPool("2026-03", 30);
  draw::Pool inspector_pool = InspectorPool();
  TestWitness w1{"sifaju.pingqiao.example/w1"}, w2{"scjgj.pingqiao.example/w2"};

  DrawFixture() {
    Admit(log.SignedRegistryEvent([](const StatementHeader& h) {
      return domain::RandomInspectionItemStatement(h, "SJ-001", "食品经营者监督检查", "食品经营者", "食品安全法 第87条",
                                                   "现场检查");
    }));
    REQUIRE(PublishPool(objects).ok());
    REQUIRE(PublishPool(inspector_pool).ok());
  }

  std::vector<TestOfficer> Inspectors() {
    std::vector<TestOfficer> out;
    for (int i = 0; i < 6; ++i) out.push_back(log.AddOfficer("4115010" + std::to_string(i)));
    return out;
  }
  draw::Pool InspectorPool() {
    draw::Pool pool{fb::PoolKind::Inspectors, "执法人员库-青山镇", "2026-03", {}};
    for (const TestOfficer& o : inspectors) pool.entries.push_back({o.certificate_no, "检查员", "", ""});
    return pool;
  }

  void Admit(Bytes st) {
    auto r = log.AppendOne(std::move(st));
    INFO(r.status().ToString());
    REQUIRE(r.ok());
  }
  AppendResult PublishPool(const draw::Pool& pool) {
    return log.AppendOne(
        log.SignedRegistryEvent([&](const StatementHeader& h) { return InspectionPoolStatement(h, pool); }));
  }

  draw::DrawTerms Terms(const std::string& task, uint64_t seed_size) const {
    draw::DrawTerms t;
    t.task_no = task;
    t.item_code = "SJ-001";
    t.list_version = "2026版";
    t.object_pool_id = objects.id;
    t.object_pool_hash = draw::PoolHash(objects);
    t.object_count = static_cast<uint32_t>(objects.entries.size());
    t.inspector_pool_id = inspector_pool.id;
    t.inspector_pool_hash = draw::PoolHash(inspector_pool);
    t.inspector_count = static_cast<uint32_t>(inspector_pool.entries.size());
    t.ratios = {{"A", 50}, {"B", 200}, {"C", 400}, {"D", 1000}};
    t.team_size = 2;
    t.algorithm = std::string(draw::kAlgorithm);
    t.seed = {log.vkey(), {w1.vkey(), w2.vkey()}, seed_size};
    return t;
  }

  AppendResult Signed(const TestOfficer& by, const std::function<Bytes(const StatementHeader&)>& build) {
    return log.AppendOne(SignStatement(build(TestLog::HeaderFor(by, std::string(kDrawsCaseId))), by.key));
  }
  AppendResult Announce(const draw::DrawTerms& t) {
    return Signed(operator_, [&](const StatementHeader& h) { return DrawAnnouncedStatement(h, t); });
  }
  // Grows the log to `size` with memos on an ordinary case.
  void GrowTo(uint64_t size) {
    while (log.log().size() < size) Admit(log.Memo(operator_, "QS-2026-001"));
  }
  // The log's checkpoint at `size` with each witness's cosignature, as the collector stores it.
  std::string Cosigned(uint64_t size, const std::vector<const TestWitness*>& witnesses) {
    auto note = log.log().reader().CheckpointAt(size);
    REQUIRE(note.ok());
    REQUIRE(note->has_value());
    auto cp = ParseCheckpointNoteUnverified(**note);
    REQUIRE(cp.ok());
    std::string cosigned = **note;
    for (const TestWitness* w : witnesses) cosigned += cosig::Cosign(w->name, w->key, cp->Body(), 1780000000);
    return cosigned;
  }
  // What the draw gives, from the seed checkpoint.
  std::vector<draw::DrawnCheck> Rerun(const draw::DrawTerms& t, const std::string& seed_checkpoint) {
    auto seed = draw::OpenSeed(seed_checkpoint, t.seed);
    REQUIRE(seed.ok());
    return draw::RunDraw(seed->value, objects, inspector_pool, t.team_size, t.ratios);
  }
  AppendResult Record(const std::string& task, const std::string& seed_checkpoint,
                      const std::vector<draw::DrawnCheck>& checks) {
    return Signed(operator_,
                  [&](const StatementHeader& h) { return DrawRecordedStatement(h, task, seed_checkpoint, checks); });
  }
};

void RequireRefused(const AppendResult& r, std::string_view rule, std::string_view words) {
  INFO(r.status().ToString());
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().rule() == rule);
  CHECK_THAT(r.status().message(), Catch::Contains(std::string(words)));
}

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

}  // namespace
}  // namespace lawtrail::testing
