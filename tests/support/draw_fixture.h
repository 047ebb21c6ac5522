// A log with a published random-inspection item, an object pool and an
// inspector pool, officers (a head, an operator, six inspectors) and two
// witnesses' keys: the setting of every 双随机 draw test.
#ifndef LAWTRAIL_TESTS_SUPPORT_DRAW_FIXTURE_H_
#define LAWTRAIL_TESTS_SUPPORT_DRAW_FIXTURE_H_

#include <catch2/catch.hpp>

#include "ledger/client/draw_statements.h"
#include "ledger/client/master_data_statements.h"
#include "ledger/core/checkpoint.h"
#include "ledger/core/cosignature.h"
#include "ledger/core/log_format.h"
#include "ledger/domain/calendar.h"
#include "tests/support/test_log.h"

namespace lawtrail::testing {

// REQUIREs that `r` was refused by `rule`, with `words` in the message.
inline void RequireRefused(const AppendResult& r, std::string_view rule, std::string_view words) {
  INFO(r.status().ToString());
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().rule() == rule);
  CHECK_THAT(r.status().message(), Catch::Contains(std::string(words)));
}

struct TestWitness {
  std::string name;
  KeyPair key = KeyPair::Generate();
  std::string vkey() const { return cosig::EncodeVerifier(name, key.public_key()); }
};

inline draw::Pool ObjectPool(const std::string& version, int count) {
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

  // With `plan`, this year's 抽查工作计划 draws SJ-001 in up to 50 batches, with no caps and no entry scans.
  explicit DrawFixture(bool plan = true) {
    Admit(log.SignedRegistryEvent([](const StatementHeader& h) {
      return domain::RandomInspectionItemStatement(h, "SJ-001", "食品经营者监督检查", "食品经营者", "食品安全法 第87条",
                                                   "现场检查");
    }));
    REQUIRE(PublishPool(objects).ok());
    REQUIRE(PublishPool(inspector_pool).ok());
    if (plan) REQUIRE(PublishPlan(ThisYear(), {{"SJ-001", 50, {}}}, false).ok());
  }

  static int ThisYear() { return int(domain::ChinaDateOf(NowMs()).year()); }
  // The head publishes the plan of `year`, at `at_ms` (now if 0).
  AppendResult PublishPlan(int year, const std::vector<PlanItem>& items, bool scan_on_entry, int64_t at_ms = 0) {
    StatementHeader h = TestLog::HeaderFor(head, std::string(kDrawsCaseId));
    if (at_ms != 0) h.occurred_at_ms = at_ms;
    return log.AppendOne(SignStatement(
        InspectionPlanStatement(h, year, "青政抽计〔" + std::to_string(year) + "〕1号", items, scan_on_entry),
        head.key));
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
    return draw::CommitTo(task, "SJ-001", "2026版", objects, inspector_pool,
                          {{"A", 50}, {"B", 200}, {"C", 400}, {"D", 1000}}, 2,
                          {log.vkey(), {w1.vkey(), w2.vkey()}, seed_size});
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
  // Announces `t`, seeded two records on (its seed size set here), grows the log past the seed and records what
  // the draw gives.
  std::vector<draw::DrawnCheck> RecordedDraw(draw::DrawTerms& t) {
    t.seed.tree_size = log.log().size() + 2;
    REQUIRE(Announce(t).ok());
    GrowTo(t.seed.tree_size + 1);
    const std::string seed = Cosigned(t.seed.tree_size, {&w1, &w2});
    auto checks = Rerun(t, seed);
    REQUIRE(Record(t.task_no, seed, checks).ok());
    return checks;
  }
  // A recorded draw of the fixture's terms: its terms and what it drew.
  std::pair<draw::DrawTerms, std::vector<draw::DrawnCheck>> RecordedDraw(const std::string& task) {
    draw::DrawTerms t = Terms(task, 0);
    auto checks = RecordedDraw(t);
    return {t, checks};
  }
  const TestOfficer& OfficerOf(const std::string& certificate_no) const {
    for (const TestOfficer& o : inspectors) {
      if (o.certificate_no == certificate_no) return o;
    }
    FAIL("no inspector " << certificate_no);
    throw std::logic_error("unreachable");
  }
};

}  // namespace lawtrail::testing

#endif  // LAWTRAIL_TESTS_SUPPORT_DRAW_FIXTURE_H_
