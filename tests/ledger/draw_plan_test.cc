// The year's 抽查工作计划 around the draws: only planned items are drawn, in the
// planned batches; a check beyond the plan's yearly cap for an enterprise is
// flagged; entry scans (扫码入企) are recorded by the drawn inspectors, late
// ones with their reason (rules D-DRAW-PLAN, D-DRAW-SCAN, F-DRAW-PLAN-LATE,
// F-INSPECT-CAP, F-SCAN-LATE, F-SCAN-MISSING).
#include <catch2/catch.hpp>

#include "tests/support/draw_fixture.h"

namespace lawtrail::testing {
namespace {

std::vector<std::string> FlagsOf(const AppendResult& r) {
  INFO(r.status().ToString());
  REQUIRE(r.ok());
  std::vector<std::string> ids;
  for (const auto& f : r->flags) ids.push_back(f.rule_id);
  return ids;
}

using Ids = std::vector<std::string>;

int64_t ChinaNoon(const char* day) { return domain::ChinaMidnightMs(*domain::ParseDate(day)) + 12 * 3'600'000; }

TEST_CASE("D-DRAW-PLAN: a draw needs its item in the year's plan, within the planned batches") {
  DrawFixture f(/*plan=*/false);
  RequireRefused(f.Announce(f.Terms("SJ-A", f.log.log().size() + 5)), "D-DRAW-PLAN", "no 抽查工作计划");
  const int year = DrawFixture::ThisYear();
  RequireRefused(f.PublishPlan(year, {}, false), "D-DRAW-PLAN", "names no item");
  RequireRefused(f.PublishPlan(year, {{"SJ-999", 1, {}}}, false), "D-DRAW-PLAN", "not a published item");
  RequireRefused(f.PublishPlan(year, {{"SJ-001", 1, {}}, {"SJ-001", 2, {}}}, false), "D-DRAW-PLAN", "planned twice");
  RequireRefused(f.PublishPlan(year, {{"SJ-001", 0, {}}}, false), "D-DRAW-PLAN", "no batch");
  RequireRefused(f.PublishPlan(year, {{"SJ-001", 1, {{"E", 1}}}}, false), "D-DRAW-PLAN", "not A, B, C or D");
  RequireRefused(f.PublishPlan(year, {{"SJ-001", 1, {{"A", 0}}}}, false), "D-DRAW-PLAN", "a cap of 0");
  RequireRefused(f.PublishPlan(1999, {{"SJ-001", 1, {}}}, false), "D-DRAW-PLAN", "not a plan's year");
  // Signed by the operator, not a head.
  auto by_operator = f.Signed(f.operator_, [&](const StatementHeader& h) {
    return InspectionPlanStatement(h, year, "青政抽计〔X〕1号", {{"SJ-001", 1, {}}}, false);
  });
  REQUIRE_FALSE(by_operator.ok());
  CHECK_THAT(by_operator.status().message(), Catch::Contains("Head"));

  REQUIRE(f.PublishPlan(year, {{"SJ-001", 1, {}}}, false).ok());
  REQUIRE(f.Announce(f.Terms("SJ-A", f.log.log().size() + 5)).ok());
  RequireRefused(f.Announce(f.Terms("SJ-B", f.log.log().size() + 5)), "D-DRAW-PLAN", "in 1 batches, and 1 are drawn");
  // A cancelled batch does not count against the plan.
  REQUIRE(f.Signed(f.operator_, [](const StatementHeader& h) {
             return DrawCancelledStatement(h, "SJ-A", "见证人未到场");
           }).ok());
  REQUIRE(f.Announce(f.Terms("SJ-B", f.log.log().size() + 5)).ok());
}

TEST_CASE("F-DRAW-PLAN-LATE: a year's plan published after 31 March is flagged, its revisions are not") {
  DrawFixture f(/*plan=*/false);
  CHECK(FlagsOf(f.PublishPlan(2024, {{"SJ-001", 2, {}}}, false, ChinaNoon("2024-03-31"))).empty());
  CHECK(FlagsOf(f.PublishPlan(2025, {{"SJ-001", 2, {}}}, false, ChinaNoon("2025-04-01"))) == Ids{"F-DRAW-PLAN-LATE"});
  CHECK(FlagsOf(f.PublishPlan(2024, {{"SJ-001", 3, {}}}, false, ChinaNoon("2024-07-01"))).empty());
}

TEST_CASE("F-INSPECT-CAP: a check beyond the plan's yearly cap for the enterprise's credit class is flagged") {
  DrawFixture f(/*plan=*/false);
  const int year = DrawFixture::ThisYear();
  // Class A at most once a year; other classes uncapped. Every object is drawn in both batches.
  REQUIRE(f.PublishPlan(year, {{"SJ-001", 2, {{"A", 1}}}}, false).ok());
  const std::map<std::string, uint16_t> all{{"A", 1000}, {"B", 1000}, {"C", 1000}, {"D", 1000}};
  draw::DrawTerms first = f.Terms("SJ-C1", 0), second = f.Terms("SJ-C2", 0);
  first.ratios = second.ratios = all;
  const auto one = f.RecordedDraw(first), two = f.RecordedDraw(second);
  const std::string ended = std::to_string(year) + "-06-01";
  auto check = [&](const draw::DrawTerms& t, const std::vector<draw::DrawnCheck>& checks, const std::string& object) {
    for (const draw::DrawnCheck& c : checks) {
      if (c.object_id != object) continue;
      return f.Signed(f.OfficerOf(c.inspectors[0]), [&](const StatementHeader& h) {
        return InspectionResultStatement(h, t.task_no, object, c.inspectors, ended, fb::CheckOutcome::NoProblem,
                                         "未发现问题", "检查笔录");
      });
    }
    FAIL("not drawn: " << object);
    throw std::logic_error("unreachable");
  };
  const std::string a = f.objects.entries[0].id, b = f.objects.entries[1].id;  // classes A and B
  CHECK(FlagsOf(check(first, one, a)).empty());
  CHECK(FlagsOf(check(second, two, a)) == Ids{"F-INSPECT-CAP"});
  CHECK(FlagsOf(check(first, one, b)).empty());
  CHECK(FlagsOf(check(second, two, b)).empty());
}

TEST_CASE("D-DRAW-SCAN, F-SCAN-LATE and F-SCAN-MISSING: entry scans by the drawn inspectors, late ones with reasons") {
  DrawFixture f(/*plan=*/false);
  const TestOfficer discloser = f.log.AddOfficer("41150003", {fb::Role::Discloser}, "公示员");
  REQUIRE(f.PublishPlan(DrawFixture::ThisYear(), {{"SJ-001", 2, {}}}, /*scan_on_entry=*/true).ok());
  const auto drawn = f.RecordedDraw("SJ-S");
  const draw::DrawTerms& t = drawn.first;
  const draw::DrawnCheck& c0 = drawn.second[0];
  const draw::DrawnCheck& c1 = drawn.second[1];
  const TestOfficer& first = f.OfficerOf(c0.inspectors[0]);
  auto scan = [&](const TestOfficer& by, const std::vector<std::string>& officers, int64_t at, const std::string& where,
                  const std::string& reason) {
    return f.Signed(by, [&](const StatementHeader& h) {
      return EntryScannedStatement(h, t.task_no, c0.object_id, officers, at, where, reason);
    });
  };
  const int64_t now = NowMs();
  const std::string gps = "32.1234,114.0567";
  std::string stranger;
  for (const TestOfficer& o : f.inspectors) {
    if (o.certificate_no != c0.inspectors[0] && o.certificate_no != c0.inspectors[1]) stranger = o.certificate_no;
  }
  RequireRefused(scan(f.OfficerOf(stranger), {stranger}, now, gps, ""), "D-DRAW-SCAN", "was not drawn for");
  RequireRefused(scan(first, {c0.inspectors[1]}, now, gps, ""), "D-DRAW-SCAN", "is not among");
  RequireRefused(scan(first, c0.inspectors, now, "", ""), "D-DRAW-SCAN", "no location");
  RequireRefused(scan(first, c0.inspectors, now + 2 * 3'600'000, gps, ""), "D-DRAW-SCAN", "after the log recorded");
  RequireRefused(scan(first, c0.inspectors, now - 2 * domain::kDayMs, gps, ""), "D-DRAW-SCAN", "补录事由");
  CHECK(FlagsOf(scan(first, c0.inspectors, now - 2 * domain::kDayMs, gps, "现场无网络信号")).empty());
  CHECK(FlagsOf(scan(first, c0.inspectors, now - 11 * domain::kDayMs, gps, "设备故障")) == Ids{"F-SCAN-LATE"});
  CHECK(FlagsOf(scan(first, c0.inspectors, now, gps, "")).empty());

  const std::string today = domain::FormatDate(domain::ChinaDateOf(now));
  for (const draw::DrawnCheck* c : {&c0, &c1}) {
    REQUIRE(f.Signed(f.OfficerOf(c->inspectors[0]), [&](const StatementHeader& h) {
               return InspectionResultStatement(h, t.task_no, c->object_id, c->inspectors, today,
                                                fb::CheckOutcome::NoProblem, "未发现问题", "检查笔录");
             }).ok());
  }
  auto publish = [&](const draw::DrawnCheck& c) {
    return f.Signed(discloser, [&](const StatementHeader& h) {
      return InspectionResultPublishedStatement(h, t.task_no, c.object_id, today);
    });
  };
  CHECK(FlagsOf(publish(c0)).empty());
  CHECK(FlagsOf(publish(c1)) == Ids{"F-SCAN-MISSING"});
}

}  // namespace
}  // namespace lawtrail::testing
