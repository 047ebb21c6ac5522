// 行政征收 / 征用 as a town takes part: the notices and their minimum periods,
// the approval and the fifteen working days to the 征收土地公告, agreements and
// compensation decisions, 先补偿、后搬迁, and a 征用's 财产清单 given back and
// compensated. Dates are worked out by hand from the statute and the State
// Council's holiday notices (ledger/domain/holidays-cn.tsv); the fixture's
// Day(0) is Mon 2026-03-02.
//
//   预公告 posted Mon 04-27: ten working days after it are 04-28, 29, 30 (劳动节
//   05-01…05-05 off), 05-06, 07, 08, Sat 05-09 (worked), 11, 12, 13 → shown
//   until Wed 05-13 at least.
//   A plan posted Tue 09-01: thirty days end Thu 10-01, inside 国庆节 (10-01…
//   10-07); 民法典 第203条 makes the day after the holiday, Thu 10-08, the last.
//   Approved Fri 09-18: Sun 09-20 (worked) 1, 21–24 2–5, 中秋 09-25…27 off,
//   28–30 6–8, 国庆 off, 10-08 9, 10-09 10, Sat 10-10 (worked) 11, 10-12…15
//   12–15 → the 征收土地公告 by Thu 10-15.
#include "ledger/domain/taking.h"

#include <catch2/catch.hpp>

#include "ledger/client/taking_acts.h"
#include "ledger/core/record.h"
#include "tests/support/case_fixture.h"

namespace lawtrail::testing {
namespace {

using Kind = fb::TakingNoticeKind;
using Condition = fb::RequisitionCondition;

constexpr int kApr27 = 56, kMay13 = 72, kJun1 = 91, kJul6 = 126, kJul20 = 140, kSep1 = 183, kSep18 = 200, kOct15 = 227,
              kOct16 = 228, kOct20 = 232;

domain::TakingNotice Notice(Kind kind, const std::string& from, const std::string& until) {
  domain::TakingNotice n;
  n.kind = kind;
  n.notice_no = std::string("青县征告〔2026〕") + std::to_string(static_cast<int>(kind) + 1) + "号";
  n.issuer = "青山县人民政府";
  n.project = "青山县2026年度第3批次城镇建设用地 (李庄村三组)";
  n.village = "李庄村";
  n.places = {"青石镇人民政府公告栏", "李庄村村务公开栏", "李庄村三组"};
  n.posted_from = from;
  n.posted_until = until;
  return n;
}

Bytes Post(CaseFixture& f, const std::string& id, int day, const domain::TakingNotice& n) {
  return domain::PostTakingNotice(f.By(f.a, id, day), n);
}

// A land case: 预公告 Apr 27–May 13, plan Jun 1–Jul 2, approved Fri Sep 18.
void LandApprovedSep18(CaseFixture& f, const std::string& id) {
  f.Admit(Post(f, id, kApr27, Notice(Kind::LandPreNotice, "2026-04-27", "2026-05-13")));
  f.Admit(Post(f, id, kJun1, Notice(Kind::LandPlan, "2026-06-01", "2026-07-02")));
  f.Admit(domain::RecordTakingApproval(f.By(f.a, id, kSep18), "豫政土〔2026〕218号", "河南省人民政府", "2026-09-18"));
}

domain::TakingAgreement Agreement(const std::string& household, int64_t fen) {
  domain::TakingAgreement t;
  t.household = household;
  t.owner.kind = fb::PartyKind::NaturalPerson;
  t.owner.name = "李长顺";
  t.owner.id_no = "411503196505120018";
  t.agreement_no = "青征协〔2026〕" + household;
  t.compensation_fen = fen;
  t.resettlement = "货币补偿";
  return t;
}

domain::CompensationDecision Decision(const std::string& household, int64_t fen) {
  domain::CompensationDecision d;
  d.household = household;
  d.decision_no = "青县征补决〔2026〕" + household;
  d.issuer = "青山县人民政府";
  d.basis = "征地补偿安置方案 (青县征告〔2026〕2号) 所定区片综合地价";
  d.compensation_fen = fen;
  return d;
}

// A land case with its 征收土地公告 posted on Thu Oct 15.
void LandAnnounced(CaseFixture& f, const std::string& id) {
  LandApprovedSep18(f, id);
  f.Admit(Post(f, id, kOct15, Notice(Kind::LandTaking, "2026-10-15", "2026-10-30")));
}

domain::RequisitionLine Line(const std::string& name, const std::string& quantity,
                             Condition condition = Condition::Intact, const std::string& note = "") {
  return {name, quantity, condition, note};
}

domain::Requisition Excavator() {
  domain::Requisition r;
  r.notice_no = "青县应急征〔2026〕3号";
  r.ordered_by = "青山县人民政府 (县防汛抗旱指挥部)";
  r.emergency = "2026年7月青山河汛情";
  r.purpose = "李庄段堤防抢险";
  r.owner.kind = fb::PartyKind::NaturalPerson;
  r.owner.name = "赵德明";
  r.owner.id_no = "41150319720315003X";
  r.village = "李庄村";
  r.items = {Line("挖掘机", "1台", Condition::Intact, "小松PC200, 机况良好"), Line("编织袋", "2000条")};
  r.taken_on = "2026-07-06";
  return r;
}

}  // namespace

TEST_CASE(
    "P-TAKING-NOTICE: a 预公告 posted Mon 2026-04-27 stays up until Wed 05-13, across 劳动节 and the worked "
    "Saturday") {
  CaseFixture f;
  f.Refused(Post(f, "ZS-1", kApr27, Notice(Kind::LandPreNotice, "2026-04-27", "2026-05-12")), "P-TAKING-NOTICE");
  const auto ok = f.Admit(Post(f, "ZS-1", kApr27, Notice(Kind::LandPreNotice, "2026-04-27", "2026-05-13")));
  CHECK(ok.flags.empty());
}

TEST_CASE("P-TAKING-NOTICE: a plan posted Tue 2026-09-01 for thirty days stays up until Thu 10-08, past 国庆节") {
  CaseFixture f;
  f.Refused(Post(f, "FW-1", kSep1, Notice(Kind::HousePlan, "2026-09-01", "2026-10-07")), "P-TAKING-NOTICE");
  f.Admit(Post(f, "FW-1", kSep1, Notice(Kind::HousePlan, "2026-09-01", "2026-10-08")));
  // The 征收决定 follows the comment period, and states the 复议 and suit rights.
  f.Refused(Post(f, "FW-1", kSep18, Notice(Kind::HouseDecision, "2026-09-18", "2026-10-30")), "P-TAKING-NOTICE");
  domain::TakingNotice silent = Notice(Kind::HouseDecision, "2026-10-15", "2026-10-30");
  silent.states_remedies = false;
  f.Refused(Post(f, "FW-1", kOct15, silent), "P-TAKING-NOTICE");
  f.Admit(Post(f, "FW-1", kOct15, Notice(Kind::HouseDecision, "2026-10-15", "2026-10-30")));
}

TEST_CASE("F-TAKING-NOTICE-LATE: approved Fri 2026-09-18, the 征收土地公告 is on time on Thu 10-15 and late on 10-16") {
  CaseFixture f;
  LandApprovedSep18(f, "ZS-2");
  LandApprovedSep18(f, "ZS-3");
  CHECK(f.Admit(Post(f, "ZS-2", kOct15, Notice(Kind::LandTaking, "2026-10-15", "2026-10-30"))).flags.empty());
  f.Flagged(Post(f, "ZS-3", kOct16, Notice(Kind::LandTaking, "2026-10-16", "2026-10-30")), "F-TAKING-NOTICE-LATE");
}

TEST_CASE("P-TAKING-NOTICE: notices come in order, posted somewhere, once, and the approval follows the plan") {
  CaseFixture f;
  f.Admit(Post(f, "ZS-4", kApr27, Notice(Kind::LandPreNotice, "2026-04-27", "2026-05-13")));
  // The 征收土地公告 before any approval; a second 预公告; a house notice in a land case; posted nowhere.
  f.Refused(Post(f, "ZS-4", kMay13, Notice(Kind::LandTaking, "2026-05-13", "2026-05-30")), "P-TAKING-NOTICE");
  f.Refused(Post(f, "ZS-4", kMay13, Notice(Kind::LandPreNotice, "2026-05-13", "2026-05-30")), "P-TAKING-NOTICE");
  f.Refused(Post(f, "ZS-4", kMay13, Notice(Kind::HousePlan, "2026-05-13", "2026-06-30")), "P-TAKING-NOTICE");
  domain::TakingNotice nowhere = Notice(Kind::LandPlan, "2026-06-01", "2026-07-02");
  nowhere.places.clear();
  f.Refused(Post(f, "ZS-4", kJun1, nowhere), "P-TAKING-NOTICE");
  // Shown from a day after the record, or ending before it starts.
  f.Refused(Post(f, "ZS-4", kJun1, Notice(Kind::LandPlan, "2026-06-02", "2026-07-03")), "P-TAKING-NOTICE");
  f.Refused(Post(f, "ZS-4", kJun1, Notice(Kind::LandPlan, "2026-06-01", "2026-05-31")), "P-TAKING-NOTICE");
  f.Refused(Post(f, "ZS-4", kJun1, Notice(Kind::LandPlan, "2026-06-01", "2026-06-3O")), "P-TAKING-NOTICE");
  f.Admit(Post(f, "ZS-4", kJun1, Notice(Kind::LandPlan, "2026-06-01", "2026-07-02")));
  // Approved while the plan was still up (it shows until Jul 2).
  f.Refused(domain::RecordTakingApproval(f.By(f.a, "ZS-4", kJul6), "豫政土〔2026〕9号", "河南省人民政府", "2026-07-02"),
            "P-TAKING-NOTICE");
  f.Admit(domain::RecordTakingApproval(f.By(f.a, "ZS-4", kJul6), "豫政土〔2026〕9号", "河南省人民政府", "2026-07-03"));
  // The 征收土地公告 is not posted before the approval it announces.
  f.Refused(Post(f, "ZS-4", kJul6, Notice(Kind::LandTaking, "2026-07-02", "2026-07-20")), "P-TAKING-NOTICE");
  f.Admit(Post(f, "ZS-4", kJul6, Notice(Kind::LandTaking, "2026-07-06", "2026-07-20")));
}

TEST_CASE("P-TAKING-CASE: a 征收 starts with its first notice, never 立案, and holds only its own kind's acts") {
  CaseFixture f;
  domain::CaseOpening opening;
  opening.category = fb::CaseCategory::Expropriation;
  opening.power_item_code = kPenaltyItem;
  opening.cause = "土地征收";
  opening.party.name = "青山县自然资源局";
  opening.party.credit_code = "11411500MB1234567X";
  f.Refused(domain::OpenCase(f.By(f.head, "ZS-5", 0), opening), "P-TAKING-CASE");
  // The plan or the 征收土地公告 cannot start a land case; the 预公告 can.
  f.Refused(Post(f, "ZS-5", kJun1, Notice(Kind::LandPlan, "2026-06-01", "2026-07-02")), "P-TAKING-CASE");
  f.Admit(Post(f, "ZS-5", kApr27 + 30, Notice(Kind::LandPreNotice, "2026-05-27", "2026-06-10")));
  // A penalty's act, or a requisition's, is not an act of a land case.
  f.Refused(domain::OrderCorrection(f.By(f.a, "ZS-5", kJun1), "停止施工", "2026-06-05"), "P-TAKING-CASE");
  f.Refused(domain::ReturnRequisitioned(f.By(f.a, "ZS-5", kJun1), {Line("挖掘机", "1台")}, "2026-06-01"),
            "P-TAKING-CASE");
  // And a 征收 act is not one of a penalty case.
  f.Open("CF-1", 0);
  f.Refused(domain::RecordVacated(f.By(f.a, "CF-1", 1), "3-07", "2026-03-03"), "P-TAKING-CASE");
}

TEST_CASE("P-TAKING-COMPENSATION: agreements signed by the owner, a 补偿决定 only for one who did not agree") {
  CaseFixture f;
  LandApprovedSep18(f, "ZS-7");
  domain::TakingAgreement unsigned_one = Agreement("3-07", 18'600'000);
  unsigned_one.owner_signed = false;
  f.Refused(domain::SignTakingAgreement(f.By(f.a, "ZS-7", kSep18), unsigned_one), "P-TAKING-COMPENSATION");
  f.Admit(domain::SignTakingAgreement(f.By(f.a, "ZS-7", kSep18), Agreement("3-07", 18'600'000)));
  f.Refused(domain::SignTakingAgreement(f.By(f.a, "ZS-7", kSep18), Agreement("3-07", 19'000'000)),
            "P-TAKING-COMPENSATION");
  // A 补偿决定 comes after the 征收土地公告, never for a household that agreed, and says the remedies.
  f.Refused(domain::DecideCompensation(f.By(f.a, "ZS-7", kSep18), Decision("3-09", 9'000'000)),
            "P-TAKING-COMPENSATION");
  f.Admit(Post(f, "ZS-7", kOct15, Notice(Kind::LandTaking, "2026-10-15", "2026-10-30")));
  f.Refused(domain::DecideCompensation(f.By(f.a, "ZS-7", kOct15), Decision("3-07", 9'000'000)),
            "P-TAKING-COMPENSATION");
  domain::CompensationDecision silent = Decision("3-09", 9'000'000);
  silent.remedies = fb::RemedyNotice::Unrecorded;
  f.Refused(domain::DecideCompensation(f.By(f.a, "ZS-7", kOct15), silent), "P-TAKING-COMPENSATION");
  f.Admit(domain::DecideCompensation(f.By(f.a, "ZS-7", kOct15), Decision("3-09", 9'000'000)));
  // Nothing beyond what is due, nothing to a household with nothing settled.
  f.Refused(domain::PayCompensation(f.By(f.a, "ZS-7", kOct16), "3-07", 18'600'001, "2026-10-16", "付0001"),
            "P-TAKING-COMPENSATION");
  f.Refused(domain::PayCompensation(f.By(f.a, "ZS-7", kOct16), "3-11", 100, "2026-10-16", "付0002"),
            "P-TAKING-COMPENSATION");
}

TEST_CASE("P-TAKING-VACATE: nobody moves out before the compensation is paid in full (先补偿、后搬迁)") {
  CaseFixture f;
  LandAnnounced(f, "ZS-8");
  f.Admit(domain::SignTakingAgreement(f.By(f.a, "ZS-8", kOct15), Agreement("3-07", 18'600'000)));
  f.Refused(domain::RecordVacated(f.By(f.a, "ZS-8", kOct16), "3-07", "2026-10-16"), "P-TAKING-VACATE");
  f.Admit(domain::PayCompensation(f.By(f.a, "ZS-8", kOct16), "3-07", 10'000'000, "2026-10-16", "付0001"));
  f.Refused(domain::RecordVacated(f.By(f.a, "ZS-8", kOct16), "3-07", "2026-10-16"), "P-TAKING-VACATE");
  // Closing with a household not yet paid and moved out is refused too.
  f.Refused(domain::CloseCase(f.By(f.a, "ZS-8", kOct16), fb::CloseReason::Other, "征收完成"), "P-TAKING-COMPENSATION");
  f.Admit(domain::PayCompensation(f.By(f.a, "ZS-8", kOct20), "3-07", 8'600'000, "2026-10-20", "付0002"));
  f.Admit(domain::RecordVacated(f.By(f.a, "ZS-8", kOct20), "3-07", "2026-10-20"));
  f.Refused(domain::RecordVacated(f.By(f.a, "ZS-8", kOct20), "3-07", "2026-10-20"), "P-TAKING-VACATE");
  f.Admit(domain::CloseCase(f.By(f.a, "ZS-8", kOct20), fb::CloseReason::Other, "征收完成"));
}

TEST_CASE("P-REQUISITION: the 财产清单 signed by the owner, everything given back and compensated before closing") {
  CaseFixture f;
  domain::Requisition unsigned_list = Excavator();
  unsigned_list.owner_signed = false;
  f.Refused(domain::OrderRequisition(f.By(f.a, "ZY-1", kJul6), unsigned_list), "P-REQUISITION");
  domain::Requisition twice = Excavator();
  twice.items.push_back(Line("挖掘机", "1台"));
  f.Refused(domain::OrderRequisition(f.By(f.a, "ZY-1", kJul6), twice), "P-REQUISITION");
  domain::Requisition nobody_ordered = Excavator();
  nobody_ordered.ordered_by.clear();
  f.Refused(domain::OrderRequisition(f.By(f.a, "ZY-1", kJul6), nobody_ordered), "P-REQUISITION");
  f.Admit(domain::OrderRequisition(f.By(f.a, "ZY-1", kJul6), Excavator()));
  f.Refused(domain::OrderRequisition(f.By(f.a, "ZY-1", kJul6), Excavator()), "P-STAGE");  // another is another case
  // What comes back was on the list, once, signed for, not before it was taken.
  f.Refused(domain::ReturnRequisitioned(f.By(f.a, "ZY-1", kJul20), {Line("推土机", "1台")}, "2026-07-20"),
            "P-REQUISITION");
  f.Refused(domain::ReturnRequisitioned(f.By(f.a, "ZY-1", kJul20), {Line("挖掘机", "1台")}, "2026-07-20", false),
            "P-REQUISITION");
  f.Refused(domain::ReturnRequisitioned(f.By(f.a, "ZY-1", kJul20), {Line("挖掘机", "1台")}, "2026-07-02"),
            "P-REQUISITION");
  // A condition the schema does not name.
  f.Refused(domain::ReturnRequisitioned(f.By(f.a, "ZY-1", kJul20), {Line("挖掘机", "1台", static_cast<Condition>(7))},
                                        "2026-07-20"),
            "P-TAKING-CASE");
  f.Admit(domain::ReturnRequisitioned(f.By(f.a, "ZY-1", kJul20),
                                      {Line("挖掘机", "1台", Condition::Damaged, "左侧履带板断裂")}, "2026-07-20"));
  f.Refused(domain::ReturnRequisitioned(f.By(f.a, "ZY-1", kJul20), {Line("挖掘机", "1台")}, "2026-07-20"),
            "P-REQUISITION");
  f.Refused(domain::CloseCase(f.By(f.a, "ZY-1", kJul20), fb::CloseReason::Other, "征用完毕"), "P-REQUISITION");
  f.Admit(domain::ReturnRequisitioned(f.By(f.a, "ZY-1", kJul20),
                                      {Line("编织袋", "2000条", Condition::Lost, "用于堤防")}, "2026-07-20"));
  // Given back, but not yet compensated and paid.
  f.Refused(domain::CloseCase(f.By(f.a, "ZY-1", kJul20), fb::CloseReason::Other, "征用完毕"), "P-REQUISITION");
  f.Refused(domain::PayCompensation(f.By(f.a, "ZY-1", kJul20), "", 100, "2026-07-20", "付0001"), "P-REQUISITION");
  domain::CompensationDecision d = Decision("", 1'460'000);
  d.decision_no = "青县征用补决〔2026〕3号";
  d.basis = "挖掘机台班费 14 天及履带板修理费, 编织袋按购置价";
  f.Admit(domain::DecideCompensation(f.By(f.a, "ZY-1", kJul20), d, "征用补偿决定书"));
  f.Refused(domain::DecideCompensation(f.By(f.a, "ZY-1", kJul20), d, "征用补偿决定书"), "P-REQUISITION");
  f.Admit(domain::PayCompensation(f.By(f.a, "ZY-1", kJul20), "", 1'460'000, "2026-07-20", "付0001"));
  f.Admit(domain::CloseCase(f.By(f.a, "ZY-1", kJul20), fb::CloseReason::Other, "征用完毕, 已返还并补偿"));
}

TEST_CASE("a 征收 and a 征用 fold into what the rules need: notices, households and the 财产清单") {
  CaseFixture f;
  domain::TakingFile land, requisition;
  auto fold = [&](domain::TakingFile& file, Bytes submission) {
    const uint64_t index = f.Admit(std::move(submission)).index;
    auto bytes = f.t().log().reader().RecordBytes(index);
    REQUIRE(bytes.ok());
    auto parsed = StatementOfRecord(*bytes, index);
    REQUIRE(parsed.ok());
    domain::FoldTaking(file, *parsed->statement);
  };
  fold(land, Post(f, "ZS-9", kApr27, Notice(Kind::LandPreNotice, "2026-04-27", "2026-05-13")));
  fold(land, Post(f, "ZS-9", kJun1, Notice(Kind::LandPlan, "2026-06-01", "2026-07-02")));
  fold(land,
       domain::RecordTakingApproval(f.By(f.a, "ZS-9", kSep18), "豫政土〔2026〕218号", "河南省人民政府", "2026-09-18"));
  fold(land, Post(f, "ZS-9", kOct15, Notice(Kind::LandTaking, "2026-10-15", "2026-10-30")));
  fold(land, domain::SignTakingAgreement(f.By(f.a, "ZS-9", kOct15), Agreement("3-07", 18'600'000)));
  fold(requisition, domain::OrderRequisition(f.By(f.a, "ZY-2", kJul6), Excavator()));
  CHECK(land.kind == domain::TakingKind::kLand);
  CHECK(land.Posted(Kind::LandTaking));
  CHECK(domain::FormatDate(land.notices.at(Kind::LandPlan).until) == "2026-07-02");
  CHECK(domain::FormatDate(*land.approved_on) == "2026-09-18");
  CHECK(land.households.at("3-07").due_fen == 18'600'000);
  CHECK(requisition.kind == domain::TakingKind::kRequisition);
  CHECK(requisition.items.size() == 2);
  CHECK(requisition.items.at("编织袋").quantity == "2000条");
}

}  // namespace lawtrail::testing
