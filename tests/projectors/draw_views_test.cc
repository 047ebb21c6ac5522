// The 双随机 draws in the views: each drawn check counts as one inspection in
// the annual tables, and its result's 20 working days to publication is a
// deadline of case @draws in the warnings.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "projectors/statistics_view.h"
#include "projectors/warnings_view.h"
#include "tests/projectors/demo_log.h"
#include "tests/support/draw_fixture.h"

namespace lawtrail::projectors {
namespace {

using nlohmann::json;

TEST_CASE("drawn checks count as inspections, and a result published late or never is a warning", "[projectors]") {
  testing::DrawFixture f;
  const testing::TestOfficer discloser = f.log.AddOfficer("41150003", {fb::Role::Discloser}, "公示员");
  const auto drawn = f.RecordedDraw("SJ-V");
  const draw::DrawTerms& t = drawn.first;
  const std::vector<draw::DrawnCheck>& checks = drawn.second;
  REQUIRE(checks.size() >= 3);
  // Each ended Fri 2026-01-30: 20 working days run to Thu 2026-03-05 (春节 02-15 … 02-23 off; Sat 02-14 and
  // Sat 02-28 worked). The first is published on the last day, the second a day late, the third never.
  for (size_t i = 0; i < 3; ++i) {
    const draw::DrawnCheck& c = checks[i];
    REQUIRE(f.Signed(f.OfficerOf(c.inspectors[0]), [&](const StatementHeader& h) {
               return InspectionResultStatement(h, t.task_no, c.object_id, c.inspectors, "2026-01-30",
                                                fb::CheckOutcome::NoProblem, "未发现问题", "检查笔录");
             }).ok());
  }
  for (const std::pair<size_t, const char*>& p : {std::pair<size_t, const char*>{0, "2026-03-05"}, {1, "2026-03-06"}}) {
    REQUIRE(f.Signed(discloser, [&](const StatementHeader& h) {
               return InspectionResultPublishedStatement(h, t.task_no, checks[p.first].object_id, p.second);
             }).ok());
  }
  const std::string year = domain::FormatDate(domain::ChinaDateOf(NowMs())).substr(0, 4);
  f.log.Close();
  TempDir v;
  auto views = FoldAll(f.log.dir(), v.path());

  const auto stats = Dump(*views, StatisticsView::kName);
  const json y = json::parse(stats.at("year/" + year));
  CHECK(y["其他执法行为"]["行政检查"] == 3);
  CHECK(y["其他执法行为"]["双随机抽查"] == 3);

  auto warnings = ComputeWarnings(*views, "2026-12-31");
  REQUIRE(warnings.ok());
  std::map<std::string, json> by_object;
  for (const json& w : *warnings) {
    if (w["case_id"] != "@draws" || !w.contains("deadline")) continue;
    const std::string kind = w["deadline"];
    by_object[kind.substr(kind.rfind('/') + 1)] = w;
  }
  CHECK_FALSE(by_object.count(checks[0].object_id));
  REQUIRE(by_object.count(checks[1].object_id));
  CHECK(by_object[checks[1].object_id]["kind"] == "met late");
  CHECK(by_object[checks[1].object_id]["due_on"] == "2026-03-05");
  CHECK(by_object[checks[1].object_id]["rule"] == "F-DRAW-RESULT-20WD");
  REQUIRE(by_object.count(checks[2].object_id));
  CHECK(by_object[checks[2].object_id]["kind"] == "deadline missed");
  CHECK(by_object[checks[2].object_id]["deadline"] == "draw-result-20-working-days/SJ-V/" + checks[2].object_id);
}

}  // namespace
}  // namespace lawtrail::projectors
