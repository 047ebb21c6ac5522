// 行政征收 / 征用 in the views: the warnings view times the 征收土地公告 from the
// approval (fifteen working days: approved Fri 2026-09-18 → due Thu 10-15, with
// Sun 09-20 and Sat 10-10 worked and 中秋、国庆 off), the statistics count each
// case once when it is completed and the compensation by the day it was paid,
// and the case file's cover speaks of the project, not of a case opened. The
// fixture's Day(0) is Mon 2026-03-02.
#include <set>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "ledger/client/taking_acts.h"
#include "ledger/log/log_reader.h"
#include "projectors/annual_report.h"
#include "projectors/case_file_view.h"
#include "projectors/disclosure_view.h"
#include "projectors/statistics_view.h"
#include "projectors/warnings_view.h"
#include "tests/projectors/demo_log.h"
#include "tests/support/case_fixture.h"

namespace lawtrail::projectors {
namespace {

using nlohmann::json;
using testing::CaseFixture;
using Kind = fb::TakingNoticeKind;

constexpr int kApr27 = 56, kJun1 = 91, kJul6 = 126, kJul20 = 140, kSep18 = 200, kOct16 = 228, kOct20 = 232;

Bytes Post(CaseFixture& f, const std::string& id, int day, Kind kind, const std::string& from,
           const std::string& until) {
  domain::TakingNotice n;
  n.kind = kind;
  n.notice_no = "青县征告〔2026〕" + id + "-" + std::to_string(static_cast<int>(kind));
  n.issuer = "青山县人民政府";
  n.project = "青山县2026年度第3批次城镇建设用地（" + id + "）";
  n.village = "李庄村";
  n.places = {"李庄村村务公开栏"};
  n.posted_from = from;
  n.posted_until = until;
  return domain::PostTakingNotice(f.By(f.a, id, day), n);
}

void Approved(CaseFixture& f, const std::string& id) {
  f.Admit(Post(f, id, kApr27, Kind::LandPreNotice, "2026-04-27", "2026-05-13"));
  f.Admit(Post(f, id, kJun1, Kind::LandPlan, "2026-06-01", "2026-07-02"));
  f.Admit(domain::RecordTakingApproval(f.By(f.a, id, kSep18), "豫政土〔2026〕218号", "河南省人民政府", "2026-09-18"));
}

struct TakingLog {
  CaseFixture f{CaseFixture::Recording::kAsActed};
  TakingLog() {
    // T1: the 公告 a day late, one owner agreed, paid, moved out, closed.
    Approved(f, "T1");
    f.Admit(Post(f, "T1", kOct16, Kind::LandTaking, "2026-10-16", "2026-10-30"));
    domain::TakingAgreement a;
    a.household = "3-07";
    a.owner.name = "信阳市青山农业发展有限公司";
    a.owner.credit_code = "91411500MA44XY0B1N";
    a.agreement_no = "青征协〔2026〕1号";
    a.compensation_fen = 18'600'000;
    f.Admit(domain::SignTakingAgreement(f.By(f.a, "T1", kOct16), a));
    f.Admit(domain::PayCompensation(f.By(f.a, "T1", kOct20), "3-07", 18'600'000, "2026-10-20", "付0001"));
    f.Admit(domain::RecordVacated(f.By(f.a, "T1", kOct20), "3-07", "2026-10-20"));
    f.Admit(domain::CloseCase(f.By(f.a, "T1", kOct20, 15), fb::CloseReason::Other, "征收完成"));
    // T2: approved, and no 公告 yet.
    Approved(f, "T2");
    // Y1: a 征用 given back, compensated, paid and closed.
    domain::Requisition r;
    r.notice_no = "青县应急征〔2026〕3号";
    r.ordered_by = "青山县人民政府";
    r.emergency = "2026年7月青山河汛情";
    r.purpose = "堤防抢险";
    r.owner.name = "信阳市青山农业发展有限公司";
    r.owner.credit_code = "91411500MA44XY0B1N";
    r.village = "河西村";
    r.items = {{"挖掘机", "1台", fb::RequisitionCondition::Intact, ""}};
    r.taken_on = "2026-07-06";
    f.Admit(domain::OrderRequisition(f.By(f.a, "Y1", kJul6), r));
    f.Admit(domain::ReturnRequisitioned(f.By(f.a, "Y1", kJul20),
                                        {{"挖掘机", "1台", fb::RequisitionCondition::Intact, ""}}, "2026-07-20"));
    domain::CompensationDecision d;
    d.decision_no = "青县征用补决〔2026〕3号";
    d.issuer = "青山县人民政府";
    d.basis = "台班费 14 天";
    d.compensation_fen = 1'400'000;
    f.Admit(domain::DecideCompensation(f.By(f.a, "Y1", kJul20), d, "征用补偿决定书"));
    f.Admit(domain::PayCompensation(f.By(f.a, "Y1", kJul20, 14), "", 1'400'000, "2026-07-20", "付0002"));
    f.Admit(domain::CloseCase(f.By(f.a, "Y1", kJul20, 16), fb::CloseReason::Other, "征用完毕"));
    f.t().Close();
  }
};

TEST_CASE("the 征收土地公告 is watched from the approval: met late on 10-16, missed when never posted",
          "[projectors][warnings]") {
  TakingLog log;
  TempDir v;
  auto views = FoldAll(log.f.t().dir(), v.path());
  auto warnings = ComputeWarnings(*views, "2026-12-31");
  REQUIRE(warnings.ok());
  std::map<std::string, json> by_case;
  for (const json& w : *warnings) {
    if (w.value("deadline", "") == "taking-notice-15-working-days") by_case[w["case_id"]] = w;
  }
  REQUIRE(by_case.count("T1"));
  CHECK(by_case["T1"]["kind"] == "met late");
  CHECK(by_case["T1"]["due_on"] == "2026-10-15");
  CHECK(by_case["T1"]["rule"] == "F-TAKING-NOTICE-LATE");
  REQUIRE(by_case.count("T2"));
  CHECK(by_case["T2"]["kind"] == "deadline missed");
  CHECK(by_case["T2"]["due_on"] == "2026-10-15");
  CHECK_FALSE(by_case.count("Y1"));
}

TEST_CASE(
    "table 六 counts a 征收 and a 征用 when completed and the compensation when paid, and a survey is no 行政检查",
    "[projectors][statistics]") {
  TakingLog log;
  TempDir v;
  auto views = FoldAll(log.f.t().dir(), v.path());
  const json y = json::parse(Dump(*views, StatisticsView::kName).at("year/2026"));
  CHECK(y["行政征收征用"]["征收"] == 1);  // T2 is not completed
  CHECK(y["行政征收征用"]["征用"] == 1);
  CHECK(y["行政征收征用"]["补偿支付_分"] == 18'600'000 + 1'400'000);
  CHECK_FALSE(y.contains("立案"));  // neither is a case the town opened
  auto report = BuildAnnualReport(*views, 2026, "青山镇人民政府");
  REQUIRE(report.ok());
  CHECK((*report)["六、行政征收征用"]["征收_件"] == 1);
  CHECK((*report)["六、行政征收征用"]["征用_件"] == 1);
  CHECK_THAT(RenderAnnualReportHtml(*report), Catch::Contains("六、行政征收征用") && Catch::Contains("一、行政许可"));
}

TEST_CASE("a 征用's case file begins with the 征用通知书 and its cover names the emergency and the owner",
          "[projectors][casefile]") {
  TakingLog log;
  TempDir v;
  auto views = FoldAll(log.f.t().dir(), v.path());
  auto store = testing::OpenStore(log.f.t().dir());
  LogReader reader(*store);
  auto file = ReadCaseFile(*views, reader, "Y1");
  REQUIRE(file.ok());
  const json& cover = (*file)["cover"];
  CHECK(cover["案件类别"] == "行政征收征用");
  CHECK(cover["类型"] == "征用");
  CHECK(cover["征收项目或征用事由"] == "2026年7月青山河汛情：堤防抢险");
  CHECK(cover["被征用人"] == "信阳市青山农业发展有限公司");
  CHECK(cover["征收公告或征用通知文号"] == "青县应急征〔2026〕3号");
  CHECK(cover["保管期限"] == "永久");
  CHECK_FALSE(cover.contains("立案日期"));
  const json& main = (*file)["正卷"];
  REQUIRE(main.size() >= 4);
  CHECK(main[0]["题名"] == "征用通知书");
  CHECK(main[1]["题名"] == "征用财产返还记录");
  CHECK(main[2]["题名"] == "征用补偿决定书");
  bool named = false;
  for (const json& step : (*file)["timeline"]) named = named || step["act"] == "征用通知及财产清单";
  CHECK(named);
}

TEST_CASE("the 征收 notices are public as posted, newest first, each with its record and nothing else of the case",
          "[projectors][disclosure]") {
  TakingLog log;
  TempDir v;
  auto views = FoldAll(log.f.t().dir(), v.path());
  auto notices = TakingNotices(*views);
  REQUIRE(notices.ok());
  REQUIRE(notices->size() == 5);  // T1's 预公告, 方案 and 征收土地公告, T2's 预公告 and 方案
  CHECK((*notices)[0]["kind"] == "征收土地公告");
  CHECK((*notices)[0]["posted_from"] == "2026-10-16");
  CHECK((*notices)[0]["act"] == "行政征收");
  CHECK((*notices)[0]["places"] == json::array({"李庄村村务公开栏"}));
  for (size_t i = 1; i < notices->size(); ++i) {
    CHECK((*notices)[i - 1]["posted_from"] >= (*notices)[i]["posted_from"]);
  }
  std::set<uint64_t> posted;
  for (const json& n : *notices) posted.insert(n["record_index"].get<uint64_t>());
  size_t private_checked = 0;
  for (const json& n : *notices) {
    const std::string case_id = n["case_id"];
    const uint64_t index = n["record_index"];
    CHECK(*IsPublicDisclosureRecord(*views, case_id, index, "2026-12-31"));
    CHECK_FALSE(*IsPublicDisclosureRecord(*views, case_id == "T1" ? "T2" : "T1", index, "2026-12-31"));
    // The case's other records (the approval, an agreement, a payment) are not public.
    if (posted.count(index + 1) == 0) {
      ++private_checked;
      CHECK_FALSE(*IsPublicDisclosureRecord(*views, case_id, index + 1, "2026-12-31"));
    }
  }
  CHECK(private_checked >= 2);
}

}  // namespace
}  // namespace lawtrail::projectors
