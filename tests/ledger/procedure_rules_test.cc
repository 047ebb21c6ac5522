// One test per procedure rule (docs/rules.md): a lawful sequence is admitted,
// the act that breaks the rule is refused with the rule's id (or accepted with
// its flag), and a refusal leaves the log unchanged.
#include <catch2/catch.hpp>

#include "ledger/client/case_acts.h"
#include "ledger/client/master_data_statements.h"
#include "ledger/client/registry_statements.h"
#include "ledger/core/log_format.h"
#include "ledger/domain/certificate_scope.h"
#include "ledger/domain/private_text.h"
#include "ledger/domain/reference_tables.h"
#include "ledger/domain/rules.h"
#include "tests/support/case_fixture.h"

namespace lawtrail::testing {
namespace {

using domain::AvInfo;
using domain::Penalty;

const std::vector<Penalty> kFine500{{fb::PenaltyType::Fine, 50000, ""}};

AvInfo ContinuousAv(int day) {
  return AvInfo{"av-" + std::to_string(day), CaseFixture::Day(day, 9), CaseFixture::Day(day, 11)};
}

TEST_CASE("P-SIGNER: a suspended officer can sign nothing", "[rules]") {
  CaseFixture f;
  f.Open("C1", 0);
  f.Refused(domain::RecordInspection(f.By(f.suspended, "C1", 1), {f.suspended.certificate_no, f.a.certificate_no},
                                     "现场", "检查"),
            "P-SIGNER");
  f.Investigate("C1", 1);
}

TEST_CASE("P-CASE-OPEN: a case act needs an opened case that is not closed", "[rules]") {
  CaseFixture f;
  f.Refused(domain::RecordInspection(f.By(f.a, "C1", 1), {f.a.certificate_no, f.b.certificate_no}, "现场", "检查"),
            "P-CASE-OPEN");
  f.Open("C1", 0);
  f.Investigate("C1", 1);
  f.Admit(domain::CloseCase(f.By(f.a, "C1", 2), fb::CloseReason::Other, "违法事实不能成立"));
  f.Refused(domain::RecordInspection(f.By(f.a, "C1", 3), {f.a.certificate_no, f.b.certificate_no}, "现场", "检查"),
            "P-CASE-OPEN");
}

TEST_CASE("P-STAGE: payment cannot be recorded before a decision", "[rules]") {
  CaseFixture f;
  f.Open("C1", 0);
  f.Refused(domain::RecordPayment(f.By(f.a, "C1", 1), 50000, "RCPT-1"), "P-STAGE");
  f.Refused(domain::OpenCase(f.By(f.a, "C1", 1), {}), "P-STAGE");  // opened twice
}

TEST_CASE("P-POWER-ITEM: a case opens only under a published power item of its category", "[rules]") {
  CaseFixture f;
  domain::CaseOpening o;
  o.power_item_code = "999999999";
  o.party.name = "信阳市青山商贸有限公司";
  o.party.credit_code = "91411500MA44XY0B1N";
  f.Refused(domain::OpenCase(f.ApprovedBy(f.a, "C1", 0, fb::Payload::CaseOpened), o), "P-POWER-ITEM");
  o.power_item_code = kCoercionItem;  // a 行政强制 item for a 行政处罚 case
  f.Refused(domain::OpenCase(f.ApprovedBy(f.a, "C1", 0, fb::Payload::CaseOpened), o), "P-POWER-ITEM");
  o.power_item_code = kPenaltyItem;
  f.Admit(domain::OpenCase(f.ApprovedBy(f.a, "C1", 0, fb::Payload::CaseOpened), o));

  // A retired item opens no new case; retiring twice, or an unknown item, is refused.
  auto retire = [&](const std::string& code) {
    return f.t().AppendOne(f.t().SignedRegistryEvent([&](const StatementHeader& h) {
      return domain::MasterItemRetiredStatement(h, fb::MasterItemKind::PowerItem, code, "职能划转");
    }));
  };
  REQUIRE(retire(kPenaltyItem).ok());
  CHECK_FALSE(retire(kPenaltyItem).ok());
  CHECK_FALSE(retire("000000000").ok());
  f.Refused(domain::OpenCase(f.ApprovedBy(f.a, "C2", 1, fb::Payload::CaseOpened), o), "P-POWER-ITEM");
  // Republishing the code changes the item and brings it back.
  REQUIRE(f.t()
              .AppendOne(f.t().SignedRegistryEvent([&](const StatementHeader& h) {
                domain::PowerItem item;
                item.code = kPenaltyItem;
                item.name = "对擅自占用城市道路经营的处罚（修订）";
                item.category = fb::PowerCategory::Penalty;
                item.basis = "《城市道路管理条例》第四十二条";
                return domain::PowerItemStatement(h, item);
              }))
              .ok());
  f.Admit(domain::OpenCase(f.ApprovedBy(f.a, "C2", 1, fb::Payload::CaseOpened), o));
}

TEST_CASE("P-TWO-OFFICERS: an inspection needs two officers with valid certificates", "[rules]") {
  CaseFixture f;
  f.Open("C1", 0);
  f.Refused(domain::RecordInspection(f.By(f.a, "C1", 1), {f.a.certificate_no}, "现场", "检查"), "P-TWO-OFFICERS");
  f.Refused(
      domain::RecordInspection(f.By(f.a, "C1", 1), {f.a.certificate_no, f.suspended.certificate_no}, "现场", "检查"),
      "P-TWO-OFFICERS");
  f.Refused(domain::RecordInspection(f.By(f.a, "C1", 1), {f.b.certificate_no, f.c.certificate_no}, "现场", "检查"),
            "P-TWO-OFFICERS");  // the signer was not there
  f.Refused(domain::RecordInquiry(f.By(f.a, "C1", 1), {f.a.certificate_no, f.a.certificate_no}, "证人", "李四", "询问"),
            "P-TWO-OFFICERS");
  f.Admit(domain::RecordInquiry(f.By(f.a, "C1", 1), {f.a.certificate_no, f.b.certificate_no}, "证人", "李四", "询问"));
}

TEST_CASE("P-AV-REQUIRED: a seizure and a forced demolition need a continuous AV recording", "[rules]") {
  CaseFixture f;
  f.Open("C1", 0, kCoercionItem);
  const domain::Officers two{f.a.certificate_no, f.b.certificate_no};
  f.Refused(domain::TakeCoerciveMeasure(f.ApprovedBy(f.a, "C1", 1, fb::Payload::CoerciveMeasureTaken), "扣1", two,
                                        "货物", 30, {}),
            "P-AV-REQUIRED");
  AvInfo broken = ContinuousAv(1);
  broken.continuous = false;  // interrupted, and no reason given
  f.Refused(domain::TakeCoerciveMeasure(f.ApprovedBy(f.a, "C1", 1, fb::Payload::CoerciveMeasureTaken), "扣1", two,
                                        "货物", 30, {broken}),
            "P-AV-REQUIRED");
  broken.interruption_reasons = {"执法记录仪电量耗尽，更换设备"};
  f.Admit(domain::TakeCoerciveMeasure(f.ApprovedBy(f.a, "C1", 1, fb::Payload::CoerciveMeasureTaken), "扣1", two, "货物",
                                      30, {broken}));

  f.DecidedCase("C2", 0, 50000);
  f.Refused(domain::ExecuteEnforcement(f.By(f.a, "C2", 20), fb::ExecutionKind::Demolition, two, "拆除违建", {}),
            "P-AV-REQUIRED");  // a lawful demolition, with its recording: the agency's enforcement test below
}

TEST_CASE("P-SEIZURE-TERM: the term is counted in calendar days and its last day moves past rest days",
          "[rules][time]") {
  // 行政强制法 第25条: 30 days; 第69条 makes only periods of ten days or less working days. The start day is
  // not counted, and a last day that is a rest day moves to the next working day (2026 holidays:
  // 国务院办公厅关于2026年部分节假日安排的通知, 春节 02-15 … 02-23 off, 02-14 and 02-28 worked).
  struct Row {
    int taken_day;    // CaseFixture::Day
    int extend_day;   // extended on this day…
    int extend_hour;  // …at this hour
    bool lawful;
    const char* why;
  };
  const Row rows[] = {
      {1, 31, 15, true, "taken Tue 03-03 10:00: the 30th day is Thu 04-02, lawful all day"},
      {1, 32, 9, false, "Fri 04-03 is the 31st day: expired"},
      {-41, -6, 10, true, "taken Tue 01-20: the 30th day Thu 02-19 is 春节, so the term ends Tue 02-24"},
      {-41, -5, 10, false, "Wed 02-25 is after the rolled last day"},
  };
  int n = 0;
  for (const Row& row : rows) {
    INFO(row.why);
    CaseFixture f;
    const std::string case_id = "S" + std::to_string(++n);
    f.Open(case_id, row.taken_day - 1, kCoercionItem);
    f.Admit(domain::TakeCoerciveMeasure(f.ApprovedBy(f.a, case_id, row.taken_day, fb::Payload::CoerciveMeasureTaken),
                                        "扣1", {f.a.certificate_no, f.b.certificate_no}, "货物", 30,
                                        {ContinuousAv(row.taken_day)}));
    Bytes extension = domain::ExtendCoerciveMeasure(
        f.ApprovedBy(f.a, case_id, row.extend_day, fb::Payload::CoerciveMeasureExtended, row.extend_hour), "扣1", 30,
        "需检测");
    if (row.lawful) {
      f.Admit(std::move(extension));
    } else {
      f.Refused(std::move(extension), "P-SEIZURE-TERM");
    }
  }
}

TEST_CASE("P-AV-REQUIRED: the recording covers the time the act claims", "[rules]") {
  CaseFixture f;
  f.Open("C1", 0, kCoercionItem);
  AvInfo later = ContinuousAv(1);  // 09:00 – 11:00 on day 1
  later.started_at_ms = CaseFixture::Day(1, 12);
  later.ended_at_ms = CaseFixture::Day(1, 13);
  const domain::Officers two{f.a.certificate_no, f.b.certificate_no};
  f.Refused(domain::TakeCoerciveMeasure(f.ApprovedBy(f.a, "C1", 1, fb::Payload::CoerciveMeasureTaken), "扣1", two,
                                        "货物", 30, {later}),
            "P-AV-REQUIRED");  // the seizure at 10:00 is not in a recording of 12:00 – 13:00
  f.Admit(domain::TakeCoerciveMeasure(f.ApprovedBy(f.a, "C1", 1, fb::Payload::CoerciveMeasureTaken), "扣1", two, "货物",
                                      30, {ContinuousAv(1)}));
}

TEST_CASE("P-SEIZURE-TERM: 30 days, extended once by at most 30 before it expires", "[rules]") {
  CaseFixture f;
  f.Open("C1", 0, kCoercionItem);
  const domain::Officers two{f.a.certificate_no, f.b.certificate_no};
  f.Refused(domain::TakeCoerciveMeasure(f.ApprovedBy(f.a, "C1", 1, fb::Payload::CoerciveMeasureTaken), "扣1", two,
                                        "货物", 45, {ContinuousAv(1)}),
            "P-SEIZURE-TERM");
  f.Admit(domain::TakeCoerciveMeasure(f.ApprovedBy(f.a, "C1", 1, fb::Payload::CoerciveMeasureTaken), "扣1", two, "货物",
                                      30, {ContinuousAv(1)}));
  f.Refused(domain::ExtendCoerciveMeasure(f.ApprovedBy(f.a, "C1", 20, fb::Payload::CoerciveMeasureExtended), "扣1", 40,
                                          "需检测"),
            "P-SEIZURE-TERM");
  f.Admit(domain::ExtendCoerciveMeasure(f.ApprovedBy(f.a, "C1", 20, fb::Payload::CoerciveMeasureExtended), "扣1", 30,
                                        "需检测"));
  f.Refused(domain::ExtendCoerciveMeasure(f.ApprovedBy(f.a, "C1", 40, fb::Payload::CoerciveMeasureExtended), "扣1", 10,
                                          "再延长"),
            "P-SEIZURE-TERM");
  f.Admit(domain::LiftCoerciveMeasure(f.By(f.a, "C1", 50), "扣1", "检测完毕"));
}

TEST_CASE("P-DOCUMENT: an act carries its 文书 with 文号 and content hash", "[rules]") {
  CaseFixture f;
  f.Open("C1", 0);
  f.Investigate("C1", 1);
  auto act = f.By(f.a, "C1", 2);
  act.attach_document = false;
  f.Refused(domain::ConcludeInvestigation(act, fb::Conclusion::Penalise, kFine500, "事实"), "P-DOCUMENT");
  f.Conclude("C1", 2, 50000);
}

TEST_CASE("P-CONCLUSION: a general-procedure decision follows the end of the investigation", "[rules]") {
  CaseFixture f;
  f.Open("C1", 0);
  f.Investigate("C1", 1);
  f.Refused(f.Decision("C1", 2, 50000), "P-CONCLUSION");
}

TEST_CASE("P-NOTICE: no penalty decision without the prior notice", "[rules]") {
  CaseFixture f;
  f.Concluded("C1", 50000);
  f.Review("C1", 3);
  f.Refused(f.Decision("C1", 4, 50000), "P-NOTICE");
  f.Notice("C1", 4, 50000);
  f.Waive("C1", 5);
  f.Admit(f.Decision("C1", 6, 50000));
}

TEST_CASE("P-DEFENCE: the party is heard, or waives, or the statement period runs", "[rules]") {
  CaseFixture f;
  f.Concluded("C1", 50000);
  f.Review("C1", 3);
  f.Notice("C1", 4, 50000);                            // Friday 2026-03-06
  f.Refused(f.Decision("C1", 7, 50000), "P-DEFENCE");  // Mon 03-09: the 1st working day of 3
  f.Refused(f.Decision("C1", 9, 50000), "P-DEFENCE");  // Wed 03-11: the 3rd, the period's last day
  f.Admit(f.Decision("C1", 10, 50000));                // Thu 03-12: the period has run
}

TEST_CASE("a waiver of the statement is not a waiver of the hearing, nor the other way round", "[rules]") {
  CaseFixture f;
  f.Concluded("C1", 6'000'000);
  f.Review("C1", 3);
  f.Notice("C1", 4, 6'000'000, true);  // Fri 2026-03-06, with the right to a hearing
  f.Waive("C1", 5);                    // the statement and defence only
  f.Collective("C1", 5);               // a penalty at the hearing level is a major one
  // Thu 03-12 is the 4th working day of the 5 the party has to ask for a hearing; Fri 03-13 is the 5th, its last.
  f.Refused(f.Decision("C1", 10, 6'000'000), "P-HEARING-PERIOD");
  f.Refused(f.Decision("C1", 11, 6'000'000), "P-HEARING-PERIOD");
  // The party waives the hearing in writing: the decision may follow at once.
  f.Admit(domain::ReceiveStatement(f.By(f.a, "C1", 11), fb::PartyResponse::Statement, "书面放弃听证", false,
                                   /*hearing_waived=*/true));
  f.Admit(f.Decision("C1", 11, 6'000'000));

  CaseFixture g;
  g.Concluded("C2", 50000);
  g.Review("C2", 3);
  g.Notice("C2", 4, 50000);
  g.Admit(domain::ReceiveStatement(g.By(g.a, "C2", 5), fb::PartyResponse::Statement, "放弃听证", false, true));
  // Waiving a hearing it was not offered says nothing about the statement: a statement was received, so it is heard.
  g.Admit(g.Decision("C2", 6, 50000));
}

TEST_CASE("P-HEAVIER: the decision is no heavier than the notice served", "[rules]") {
  CaseFixture f;
  f.ReadyToDecide("C1", 50000);                         // notified at 500 元
  f.Refused(f.Decision("C1", 6, 490000), "P-HEAVIER");  // 4,900 元
  f.Refused(domain::IssueDecision(f.By(f.head, "C1", 6), fb::DecisionOutcome::Penalty, CaseFixture::DecisionNo("C1"),
                                  {{fb::PenaltyType::Fine, 50000, ""}, {fb::PenaltyType::Criticism, 0, ""}}, "占道经营",
                                  "占道经营属实", "第36条"),
            "P-HEAVIER");                              // a penalty type the notice did not name
  f.Refused(f.Decision("C1", 6, 50001), "P-HEAVIER");  // one fen more
  f.Admit(f.Decision("C1", 6, 50000));
}

TEST_CASE("P-HEAVIER: a heavier penalty needs a new notice whose periods have run", "[rules]") {
  CaseFixture f;
  f.ReadyToDecide("C1", 50000);
  // New facts: a new conclusion, reviewed again, notified again on Mon 03-09.
  f.Conclude("C1", 7, 90000);
  f.Review("C1", 7);
  f.Notice("C1", 7, 90000);
  f.Refused(f.Decision("C1", 9, 90000), "P-DEFENCE");  // Wed 03-11: 2nd working day of the new period
  f.Admit(f.Decision("C1", 11, 90000));                // Fri 03-13: the 4th, after the new period
}

TEST_CASE("P-REVIEWED: the decision is the one the legal review approved", "[rules]") {
  CaseFixture f;
  f.Concluded("C1", 80000);  // 800 元 proposed and reviewed
  f.Review("C1", 3);
  f.Notice("C1", 4, 80000);
  f.Admit(domain::ReceiveStatement(f.By(f.a, "C1", 5), fb::PartyResponse::Defence, "初次违法，请求从轻", true));
  // The defence was adopted: 500 元 is lighter than notified, but not what was reviewed.
  f.Refused(f.Decision("C1", 6, 50000), "P-REVIEWED");
  f.Admit(domain::RequestLegalReview(f.By(f.a, "C1", 6), "采纳申辩意见后重新送审"));
  f.Refused(f.Decision("C1", 6, 50000), "P-LEGAL-REVIEW");  // sent, not yet approved
  f.Admit(domain::GiveLegalReviewOpinion(f.By(f.reviewer, "C1", 6), true, {"同意从轻处罚"}));
  f.Refused(f.Decision("C1", 6, 50000), "P-REVIEWED");  // the review reviewed the notice's 800 元
  // The lighter proposal is put on record and reviewed; it is no heavier than the notice, so no new notice.
  f.Conclude("C1", 7, 50000);
  f.Review("C1", 7);
  f.Admit(f.Decision("C1", 7, 50000));
}

TEST_CASE("P-DISCRETION: the cited standard is the case's, and the decided fine lies in its level", "[rules]") {
  CaseFixture f;
  // The standard CL-330217001 belongs to the penalty item; level 一般 is 100 – 1,000 元.
  f.ReadyToDecide("C1", 50000);
  f.Admit(f.Decision("C1", 6, 50000));
  // A case under the catalogued item citing the penalty item's standard.
  f.Open("C2", 0, kCataloguedItem);
  f.Investigate("C2", 1);
  f.Conclude("C2", 2, 50000);
  f.Review("C2", 3);
  f.Notice("C2", 4, 50000);
  f.Waive("C2", 5);
  f.Refused(f.Decision("C2", 6, 50000), "P-DISCRETION");
  // A fine outside the cited level (flagged when proposed, refused when decided): 1,000.01 元.
  f.Open("C3", 0);
  f.Investigate("C3", 1);
  f.Flagged(domain::ConcludeInvestigation(f.By(f.a, "C3", 2), fb::Conclusion::Penalise,
                                          {Penalty{fb::PenaltyType::Fine, 100001, ""}}, "占道经营属实", kDiscretionCode,
                                          "一般"),
            "F-DISCRETION");
  f.Review("C3", 3);
  f.Notice("C3", 4, 100001);
  f.Waive("C3", 5);
  f.Refused(f.Decision("C3", 6, 100001), "P-DISCRETION");
}

TEST_CASE("P-HEARING-RIGHT: a fine reaching the Henan threshold needs a hearing notice", "[rules]") {
  CaseFixture f;
  f.Open("C1", 0);  // an organisation: 50,000 元 threshold
  f.Investigate("C1", 1);
  f.Conclude("C1", 2, 6'000'000);
  f.Review("C1", 3);
  f.Refused(domain::ServePriorNotice(f.By(f.a, "C1", 4), {{fb::PenaltyType::Fine, 6'000'000, ""}}, false),
            "P-HEARING-RIGHT");
  f.Refused(domain::ServePriorNotice(f.By(f.a, "C1", 4), {{fb::PenaltyType::RevokeLicence, 0, "营业执照"}}, false),
            "P-HEARING-RIGHT");
  f.Notice("C1", 4, 6'000'000, true);
}

TEST_CASE("P-HEARING-PERIOD: no decision in the request period, nor before a requested hearing", "[rules]") {
  CaseFixture f;
  f.Concluded("C1", 6'000'000);
  f.Review("C1", 3);
  f.Notice("C1", 4, 6'000'000, true);  // Fri 03-06
  f.Admit(domain::ReceiveStatement(f.By(f.a, "C1", 5), fb::PartyResponse::Defence, "申辩", false));
  f.Refused(f.Decision("C1", 8, 6'000'000), "P-HEARING-PERIOD");  // Tue 03-10: 2 working days
  f.Admit(domain::RequestHearing(f.By(f.a, "C1", 8)));
  f.Refused(f.Decision("C1", 16, 6'000'000), "P-HEARING-PERIOD");  // requested, not held
}

TEST_CASE("P-HEARING-7WD: the hearing is notified seven working days ahead", "[rules]") {
  CaseFixture f;
  f.HearingRequested("C1");
  f.Refused(domain::NotifyHearing(f.By(f.a, "C1", 7), CaseFixture::Day(12), f.c.certificate_no, "会议室"),
            "P-HEARING-7WD");
  f.Admit(domain::NotifyHearing(f.By(f.a, "C1", 7), CaseFixture::Day(17), f.c.certificate_no, "会议室"));
}

TEST_CASE("P-HEARING-PRESIDER: an investigator may not preside over the hearing", "[rules]") {
  CaseFixture f;
  f.HearingRequested("C1");  // a and b investigated
  f.Refused(domain::NotifyHearing(f.By(f.a, "C1", 7), CaseFixture::Day(17), f.b.certificate_no, "会议室"),
            "P-HEARING-PRESIDER");
  f.Admit(domain::NotifyHearing(f.By(f.a, "C1", 7), CaseFixture::Day(17), f.c.certificate_no, "会议室"));
  f.Refused(domain::HoldHearing(f.By(f.a, "C1", 17), f.b.certificate_no, true, {ContinuousAv(17)}),
            "P-HEARING-PRESIDER");
}

TEST_CASE("P-LEGAL-REVIEW: penalties, catalogue items and heard cases need an approving review", "[rules]") {
  CaseFixture f;
  f.Concluded("C1", 50000);
  f.Notice("C1", 3, 50000);
  f.Waive("C1", 4);
  f.Refused(f.Decision("C1", 5, 50000), "P-LEGAL-REVIEW");  // no review
  f.Admit(domain::RequestLegalReview(f.By(f.a, "C1", 5), "送审"));
  f.Admit(domain::GiveLegalReviewOpinion(f.By(f.reviewer, "C1", 5), false, {"证据不足"}));
  f.Refused(f.Decision("C1", 6, 50000), "P-LEGAL-REVIEW");  // review found problems
  f.Review("C1", 6);
  f.Admit(f.Decision("C1", 7, 50000));

  // A no-penalty decision under a catalogued power item still needs review.
  f.Open("C2", 0, kCataloguedItem);
  f.Investigate("C2", 1);
  f.Admit(domain::ConcludeInvestigation(f.By(f.a, "C2", 2), fb::Conclusion::NoPenaltyMinor, {}, "情节轻微"));
  f.Refused(domain::IssueDecision(f.By(f.head, "C2", 3), fb::DecisionOutcome::NoPenalty, "不罚1", {}, "占道", "轻微",
                                  "第33条"),
            "P-LEGAL-REVIEW");
}

TEST_CASE("P-REVIEWER-QUALIFIED: a reviewer needs a registered 法律职业资格", "[rules]") {
  CaseFixture f;
  f.Concluded("C1", 50000);
  f.Admit(domain::RequestLegalReview(f.By(f.a, "C1", 3), "送审"));
  f.Refused(domain::GiveLegalReviewOpinion(f.By(f.unqualified, "C1", 3), true, {"同意"}), "P-REVIEWER-QUALIFIED");
  f.Admit(domain::GiveLegalReviewOpinion(f.By(f.reviewer, "C1", 3), true, {"同意"}));
}

TEST_CASE("P-SELF-REVIEW: nobody reviews a case they took part in", "[rules]") {
  CaseFixture f;
  // A reviewer who also holds the officer role and investigated the case.
  TestOfficer both{"41159003", KeyPair::Generate()};
  OfficerInfo info{
      both.certificate_no, "周杰", "执法队员", both.key.public_key(), {fb::Role::Officer, fb::Role::Reviewer}, 0, 0};
  info.legal_qualification_no = "A20204100000001";
  REQUIRE(f.t()
              .AppendOne(f.t().SignedRegistryEvent(
                  [&](const StatementHeader& h) { return OfficerRegisteredStatement(h, info); }))
              .ok());
  f.Open("C1", 0);
  f.Admit(domain::RecordInspection(f.By(both, "C1", 1), {both.certificate_no, f.a.certificate_no}, "现场", "检查"));
  f.Conclude("C1", 2, 50000);
  f.Admit(domain::RequestLegalReview(f.By(f.a, "C1", 3), "送审"));
  f.Refused(domain::GiveLegalReviewOpinion(f.By(both, "C1", 3), true, {"同意"}), "P-SELF-REVIEW");
  f.Admit(domain::GiveLegalReviewOpinion(f.By(f.reviewer, "C1", 3), true, {"同意"}));
}

TEST_CASE("P-COLLECTIVE: a complex case needs the heads' collective discussion", "[rules]") {
  CaseFixture f;
  f.Concluded("C1", 50000, /*complex=*/true);
  f.Review("C1", 3);
  f.Notice("C1", 4, 50000);
  f.Waive("C1", 5);
  f.Refused(f.Decision("C1", 6, 50000), "P-COLLECTIVE");
  f.Admit(domain::GiveCollectiveOpinion(f.By(f.head, "C1", 6), "青综集讨〔2026〕1号", "同意罚款五百元"));
  f.Admit(domain::GiveCollectiveOpinion(f.By(f.deputy, "C1", 6), "青综集讨〔2026〕1号", "同意"));
  f.Admit(domain::HoldCollectiveDiscussion(f.By(f.head, "C1", 6), {f.head.certificate_no, f.deputy.certificate_no},
                                           "同意处罚", "青综集讨〔2026〕1号"));
  f.Admit(f.Decision("C1", 7, 50000));
}

TEST_CASE("P-COLLECTIVE: a penalty at the hearing level is major by its facts, whatever the case declared", "[rules]") {
  CaseFixture f;
  // 60,000 元 for an organisation reaches the province's hearing level (procedure-thresholds.tsv); the case
  // declared neither complex nor major.
  f.Concluded("C1", 6'000'000, /*complex=*/false);
  f.Review("C1", 3);
  f.Notice("C1", 4, 6'000'000, /*hearing_right=*/true);  // Fri 03-06
  f.Waive("C1", 5);
  // Wed 03-18: the five working days to ask for a hearing ran out on Fri 03-13.
  f.Refused(f.Decision("C1", 16, 6'000'000), "P-COLLECTIVE");
  f.Collective("C1", 16);
  f.Admit(f.Decision("C1", 16, 6'000'000));
  // 500 元 is below it: no discussion needed.
  f.DecidedCase("C2", 0, 50000);
}

TEST_CASE("P-HEAD: a decision signed by an officer who is not a head is refused", "[rules]") {
  CaseFixture f;
  f.ReadyToDecide("C1", 50000);
  auto decision = [&](const domain::Act& act) {
    return domain::IssueDecision(act, fb::DecisionOutcome::Penalty, CaseFixture::DecisionNo("C1"),
                                 {domain::Penalty{fb::PenaltyType::Fine, 50000, ""}}, "占道经营", "占道经营属实",
                                 "第36条");
  };
  f.Refused(decision(f.By(f.a, "C1", 9)), "P-HEAD");  // an officer alone
  // An approval that is not the head's, of another act, refused, or used already: each refused.
  domain::Act forged = f.By(f.a, "C1", 9);
  forged.approval = f.By(f.a, "C1", 9).event_id;  // names no approval in the log
  f.Refused(decision(forged), "P-HEAD");
  domain::Act other = f.By(f.a, "C1", 9);
  other.approval = f.Approve("C1", 9, fb::Payload::PaymentDeferred);
  f.Refused(decision(other), "P-HEAD");
  domain::Act refused = f.By(f.a, "C1", 9);
  domain::Act no = f.By(f.head, "C1", 9, 9);
  f.Admit(domain::ApproveAsHead(no, fb::Payload::DecisionIssued, "", false, "事实不清，退回补充调查"));
  refused.approval = no.event_id;
  f.Refused(decision(refused), "P-HEAD");
  // A HeadApproved signed by an officer is refused at the signature (the role), not admitted.
  f.Refused(domain::ApproveAsHead(f.By(f.a, "C1", 9), fb::Payload::DecisionIssued, "", true, "同意"), "P-SIGNER");
  // The head's approval, referenced once, lets the officer record the decision.
  const domain::Act approved = f.ApprovedBy(f.a, "C1", 9, fb::Payload::DecisionIssued);
  f.Admit(decision(approved));
  // A head who holds only the Head role may not sign an officer's act the head does not own.
  f.Refused(domain::RecordPayment(f.By(f.deputy, "C1", 10), 50000, "罚没收据0001"), "P-SIGNER");
}

TEST_CASE("P-HEAD: 立案, seizures and their extension, preservation and court applications need the head", "[rules]") {
  CaseFixture f;
  domain::CaseOpening o;
  o.power_item_code = kPenaltyItem;
  o.cause = "占道经营案";
  o.party.name = "信阳市青山商贸有限公司";
  o.party.credit_code = "91411500MA44XY0B1N";
  f.Refused(domain::OpenCase(f.By(f.a, "C1", 0), o), "P-HEAD");
  f.Admit(domain::OpenCase(f.By(f.head, "C1", 0), o));  // the head opens it: no approval needed
  const domain::Officers two{f.a.certificate_no, f.b.certificate_no};
  f.Refused(domain::TakeCoerciveMeasure(f.By(f.a, "C1", 1), "扣1", two, "货物", 30, {ContinuousAv(1)}), "P-HEAD");
  f.Refused(domain::PreserveEvidence(f.By(f.a, "C1", 1), two, "账册三本"), "P-HEAD");
  f.Admit(domain::TakeCoerciveMeasure(f.ApprovedBy(f.a, "C1", 1, fb::Payload::CoerciveMeasureTaken), "扣1", two, "货物",
                                      30, {ContinuousAv(1)}));
  f.Refused(domain::ExtendCoerciveMeasure(f.By(f.a, "C1", 20), "扣1", 30, "需检测"), "P-HEAD");
  f.Admit(domain::ExtendCoerciveMeasure(f.ApprovedBy(f.a, "C1", 20, fb::Payload::CoerciveMeasureExtended), "扣1", 30,
                                        "需检测"));
  // A simple-procedure case is opened and decided on the spot by the officer (第51条, 第52条).
  o.procedure = fb::Procedure::Simple;
  f.Admit(domain::OpenCase(f.By(f.a, "C2", 0), o));
}

TEST_CASE("P-COLLECTIVE-SIGNED: each head signs an opinion and the conclusion is a participating head's", "[rules]") {
  CaseFixture f;
  f.Concluded("C1", 50000, /*complex=*/true);
  const std::string no = "青综集讨〔2026〕2号";
  const std::vector<std::string> heads{f.head.certificate_no, f.deputy.certificate_no};
  // An officer may not give an opinion as a head, nor sign the conclusion.
  f.Refused(domain::GiveCollectiveOpinion(f.By(f.a, "C1", 3), no, "同意"), "P-SIGNER");
  f.Refused(domain::HoldCollectiveDiscussion(f.By(f.a, "C1", 3), heads, "同意处罚", no), "P-SIGNER");
  f.Admit(domain::GiveCollectiveOpinion(f.By(f.head, "C1", 3), no, "同意"));
  // The deputy signed nothing yet; a list of names is not a discussion.
  f.Refused(domain::HoldCollectiveDiscussion(f.By(f.head, "C1", 3), heads, "同意处罚", no), "P-COLLECTIVE-SIGNED");
  f.Refused(domain::HoldCollectiveDiscussion(f.By(f.head, "C1", 3), {"镇长", "副镇长"}, "同意处罚", no),
            "P-COLLECTIVE-SIGNED");
  f.Refused(domain::HoldCollectiveDiscussion(f.By(f.head, "C1", 3), {f.head.certificate_no}, "同意处罚", no),
            "P-COLLECTIVE-SIGNED");  // one head is not a collective
  f.Admit(domain::GiveCollectiveOpinion(f.By(f.deputy, "C1", 3), no, "同意，建议从轻"));
  f.Refused(domain::HoldCollectiveDiscussion(f.By(f.head, "C1", 3), heads, "同意处罚", ""), "P-COLLECTIVE-SIGNED");
  f.Admit(domain::HoldCollectiveDiscussion(f.By(f.head, "C1", 3), heads, "同意处罚", no));
}

TEST_CASE("P-BACKFILL: only a head declares backfilled history, and only a period already past", "[rules]") {
  CaseFixture f;
  auto declare = [&](const TestOfficer& who, int64_t from, int64_t until) {
    StatementHeader h = TestLog::HeaderFor(who, std::string(kRegistryCaseId));
    return SignStatement(BackfillDeclaredStatement(h, from, until, "2025 年纸质案卷补录", "纸质案卷"), who.key);
  };
  const int64_t now = NowMs();
  f.Refused(declare(f.head, now - 86'400'000, now + 86'400'000), "P-BACKFILL");             // covers the future
  f.Refused(declare(f.a, CaseFixture::Day(-400), CaseFixture::Day(-30)), "P-SIGNER");       // an officer is not a head
  f.Refused(declare(f.head, CaseFixture::Day(-30), CaseFixture::Day(-30)), "P-BACKFILL");   // an empty period
  f.Refused(declare(f.head, CaseFixture::Day(-30), CaseFixture::Day(-400)), "P-BACKFILL");  // ends before it starts
  StatementHeader h = TestLog::HeaderFor(f.head, std::string(kRegistryCaseId));
  f.Refused(SignStatement(BackfillDeclaredStatement(h, CaseFixture::Day(-400), CaseFixture::Day(-30), "", "纸质案卷"),
                          f.head.key),
            "P-BACKFILL");  // no reason given
  f.Admit(declare(f.deputy, CaseFixture::Day(-400), CaseFixture::Day(-30)));
}

TEST_CASE("P-PRIVATE-TEXT: an ID or mobile number written into the facts is refused", "[rules]") {
  const struct {
    const char* facts;
    bool refused;
  } rows[] = {
      {"当事人张三丰（身份证号11010519491231002X）占道经营", true},  // the party's ID, valid check character
      {"当事人联系电话13812345678，占道经营", true},
      {"当事人身份证号110105194912310021", false},       // wrong check character: not an ID number
      {"罚没收据号1381234567890123456，已缴纳", false},  // a longer run of digits
      {"缴款书编号138123456789", false},                 // twelve digits
      {"当事人于2026年3月2日10时占道经营，罚款500元", false},
  };
  int n = 0;
  for (const auto& row : rows) {
    INFO(row.facts);
    CaseFixture f;
    const std::string case_id = "T" + std::to_string(++n);
    f.Open(case_id, 0);
    f.Investigate(case_id, 1);
    Bytes conclusion =
        domain::ConcludeInvestigation(f.By(f.a, case_id, 2), fb::Conclusion::Penalise, kFine500, row.facts);
    if (row.refused) {
      f.Refused(std::move(conclusion), "P-PRIVATE-TEXT");
    } else {
      f.Admit(std::move(conclusion));
    }
  }
  CHECK(domain::FindPrivateNumber("身份证11010519491231002X") == "a resident ID number 1101…002X");
}

TEST_CASE("P-SEALED-TEXT: free text repeating the case's own sealed name, ID, phone or address is refused",
          "[rules][privacy]") {
  domain::CaseOpening o;
  o.power_item_code = kPenaltyItem;
  o.cause = "占道经营案";
  o.party.kind = fb::PartyKind::NaturalPerson;
  o.party.name = "张小明";
  o.party.id_no = "11010519491231002X";
  o.party.phone = "0376-6221234";  // a landline: no pattern would catch it
  o.party.address = "青山镇解放路18号";
  o.place = "青山镇解放路";

  SECTION("the statement's own openings") {
    CaseFixture f;
    domain::CaseOpening named = o;
    named.summary = "张小明在解放路占道经营";
    f.Refused(domain::OpenCase(f.ApprovedBy(f.a, "S1", 0, fb::Payload::CaseOpened), named), "P-SEALED-TEXT");
    named.summary = "当事人在解放路占道经营";
    f.Admit(domain::OpenCase(f.ApprovedBy(f.a, "S1", 0, fb::Payload::CaseOpened), named));
  }

  SECTION("the case's earlier openings, in later acts") {
    const struct {
      const char* facts;
      bool refused;
    } rows[] = {
        {"当事人张小明占道经营", true},                // the name
        {"当事人（电话0376-6221234）占道经营", true},  // the landline
        {"当事人住青山镇解放路18号，占道经营", true},  // the home address
        {"当事人在青山镇解放路占道经营", false},       // the place of the act is not sealed
        {"当事人张小占道经营", false},                 // a prefix of the name is not the name
        {"当事人张某明占道经营", false},
    };
    int n = 0;
    for (const auto& row : rows) {
      INFO(row.facts);
      CaseFixture f;
      const std::string case_id = "S" + std::to_string(++n);
      f.Admit(domain::OpenCase(f.ApprovedBy(f.a, case_id, 0, fb::Payload::CaseOpened), o));
      f.Investigate(case_id, 1);
      Bytes conclusion =
          domain::ConcludeInvestigation(f.By(f.a, case_id, 2), fb::Conclusion::Penalise, kFine500, row.facts);
      if (row.refused) {
        f.Refused(std::move(conclusion), "P-SEALED-TEXT");
      } else {
        f.Admit(std::move(conclusion));
      }
    }
  }

  SECTION("the name of a witness questioned earlier") {
    CaseFixture f;
    f.Admit(domain::OpenCase(f.ApprovedBy(f.a, "W1", 0, fb::Payload::CaseOpened), o));
    const domain::Officers two{f.a.certificate_no, f.b.certificate_no};
    f.Admit(domain::RecordInquiry(f.By(f.a, "W1", 1), two, "证人", "李四海", "证人称当事人占道经营属实"));
    f.Refused(domain::ConcludeInvestigation(f.By(f.a, "W1", 2), fb::Conclusion::Penalise, kFine500,
                                            "经证人李四海证实，当事人占道经营"),
              "P-SEALED-TEXT");
    f.Admit(domain::ConcludeInvestigation(f.By(f.a, "W1", 2), fb::Conclusion::Penalise, kFine500,
                                          "经证人李*海证实，当事人占道经营"));
  }

  SECTION("an opening admitted earlier in the same batch") {
    CaseFixture f;
    auto results =
        f.t().log().Append({domain::OpenCase(f.ApprovedBy(f.a, "B1", 0, fb::Payload::CaseOpened), o),
                            domain::RecordInspection(f.By(f.a, "B1", 1), {f.a.certificate_no, f.b.certificate_no},
                                                     "解放路", "张小明在场")});
    REQUIRE(results.size() == 2);
    CHECK(results[0].ok());
    REQUIRE_FALSE(results[1].ok());
    CHECK(results[1].status().rule() == "P-SEALED-TEXT");
  }
}

TEST_CASE("P-CERT-SCOPE: an officer acts only within the 执法类别 and 执法区域 on the certificate", "[rules]") {
  // Area rows: the place is the agency's 行政区划 followed by the case's 村/社区.
  const struct {
    const char* area;
    const char* place;
    bool covers;
  } areas[] = {
      {"青山镇", "河南省信阳市平桥区青山镇李庄村", true},
      {"平桥区", "河南省信阳市平桥区青山镇李庄村", true},
      {"信阳市平桥区", "河南省信阳市平桥区青山镇李庄村", true},
      {"李庄村", "河南省信阳市平桥区青山镇李庄村", true},
      {"", "河南省信阳市平桥区青山镇李庄村", true},  // the certificate states no area: not checked
      {"明港镇", "河南省信阳市平桥区青山镇李庄村", false},
      {"王湾村", "河南省信阳市平桥区青山镇李庄村", false},
      {"浉河区", "河南省信阳市平桥区青山镇", false},
  };
  for (const auto& row : areas) {
    INFO(row.area << " / " << row.place);
    CHECK(domain::AreaCovers(row.area, row.place) == row.covers);
  }

  CaseFixture f;
  auto root = [&](const std::function<Bytes(const StatementHeader&)>& build) {
    REQUIRE(f.t().AppendOne(f.t().SignedRegistryEvent(build)).ok());
  };
  root([](const StatementHeader& h) {
    domain::AgencyProfile p = CaseFixture::Profile();
    p.region = "河南省信阳市平桥区青山镇";
    return domain::AgencyProfileStatement(h, p);
  });
  root([](const StatementHeader& h) {
    domain::PowerItem item;
    item.code = kPenaltyItem;
    item.name = "对擅自占用城市道路经营的处罚";
    item.basis = "《城市道路管理条例》第四十二条";
    item.field = "城市管理";
    return domain::PowerItemStatement(h, item);
  });
  auto officer = [&](const std::string& cert, std::vector<std::string> categories, const std::string& area) {
    TestOfficer o{cert, KeyPair::Generate()};
    OfficerInfo info{cert, "王五", "综合执法队员", o.key.public_key(), {fb::Role::Officer}, 0, 0};
    info.categories = std::move(categories);
    info.area = area;
    root([&](const StatementHeader& h) { return OfficerRegisteredStatement(h, info); });
    return o;
  };
  const TestOfficer market1 = officer("41150020001", {"市场监管"}, "青山镇");
  const TestOfficer market2 = officer("41150020002", {"市场监管"}, "青山镇");
  const TestOfficer elsewhere = officer("41150020003", {"城市管理"}, "明港镇");
  const TestOfficer county1 = officer("41150020004", {"城市管理", "规划建设"}, "平桥区");
  const TestOfficer county2 = officer("41150020005", {"规划建设", "城市管理"}, "信阳市平桥区");
  const TestOfficer village = officer("41150020006", {"城市管理"}, "李庄村");

  auto open = [&](const std::string& case_id, const std::string& village_name) {
    domain::CaseOpening o;
    o.power_item_code = kPenaltyItem;
    o.cause = "占道经营案";
    o.party.name = "信阳市青山商贸有限公司";
    o.party.credit_code = "91411500MA44XY0B1N";
    o.place = village_name + "村口";
    o.village = village_name;
    f.Admit(domain::OpenCase(f.ApprovedBy(f.a, case_id, 0, fb::Payload::CaseOpened), o));
  };
  auto inspect = [&](const TestOfficer& signer, const TestOfficer& other, const std::string& case_id) {
    return domain::RecordInspection(f.By(signer, case_id, 1), {signer.certificate_no, other.certificate_no}, "村口",
                                    "占道经营");
  };
  open("L1", "李庄村");
  f.Refused(inspect(market1, market2, "L1"), "P-CERT-SCOPE");    // the wrong 执法类别, signer and all
  f.Refused(inspect(county1, market1, "L1"), "P-CERT-SCOPE");    // one officer present outside it is enough
  f.Refused(inspect(elsewhere, county1, "L1"), "P-CERT-SCOPE");  // another town
  f.Admit(inspect(county1, village, "L1"));                      // the county, and this village
  open("W1", "王湾村");
  f.Refused(inspect(county1, village, "W1"), "P-CERT-SCOPE");  // 李庄村's certificate in 王湾村
  f.Admit(inspect(county1, county2, "W1"));
  // The case's opening is checked too: its signer acts on it.
  domain::CaseOpening o;
  o.power_item_code = kPenaltyItem;
  o.party.name = "信阳市青山商贸有限公司";
  o.party.credit_code = "91411500MA44XY0B1N";
  o.village = "李庄村";
  f.Refused(domain::OpenCase(f.ApprovedBy(market1, "L2", 0, fb::Payload::CaseOpened), o), "P-CERT-SCOPE");

  // A profile change widens the certificate, and admission follows it at once.
  root([&](const StatementHeader& h) {
    flatbuffers::FlatBufferBuilder b;
    auto categories = b.CreateVectorOfStrings(std::vector<std::string>{"市场监管", "城市管理"});
    auto payload =
        fb::CreateOfficerProfileChanged(b, b.CreateString(market1.certificate_no), b.CreateString("王五"),
                                        b.CreateString("综合执法队员"), categories, b.CreateString("青山镇"));
    return FinishStatement(b, h, fb::Payload::OfficerProfileChanged, payload.Union());
  });
  f.Refused(inspect(market1, market2, "L1"), "P-CERT-SCOPE");  // the other is still 市场监管 only
  f.Admit(inspect(market1, county1, "L1"));
}

TEST_CASE(
    "P-REFERENCE: a reference table is adopted only whole, hashed, parsed, dated, sourced, and a calendar only grows",
    "[rules][reference]") {
  using Kind = fb::ReferenceTableKind;
  CaseFixture f;
  const std::string shipped = domain::ReferenceTables::Builtin()->text(Kind::HolidayCalendar);
  auto adopt = [&](Kind kind, const std::string& content, const std::string& from, const std::string& until,
                   const std::string& source, bool bad_hash = false) {
    return f.t().SignedRegistryEvent([&](const StatementHeader& h) {
      if (!bad_hash) return ReferenceTableAdoptedStatement(h, kind, content, from, until, source);
      flatbuffers::FlatBufferBuilder b;
      const std::vector<uint8_t> wrong(32, 0xab);
      auto payload = fb::CreateReferenceTableAdoptedDirect(b, kind, content.c_str(), &wrong, from.c_str(),
                                                           until.c_str(), source.c_str());
      return FinishStatement(b, h, fb::Payload::ReferenceTableAdopted, payload.Union());
    });
  };
  const std::string with2027 = shipped + "year\t2027\t测试用通知\n2027-01-01\toff\t元旦\n";
  // Saturday 2026-10-10 is a make-up working day (the 2026 notice); a table calling it a rest day rewrites history.
  std::string rewritten = with2027;
  const size_t at = rewritten.find("2026-10-10\twork");
  REQUIRE(at != std::string::npos);
  rewritten.replace(at, std::string("2026-10-10\twork").size(), "2026-10-10\toff");
  const auto kCal = Kind::HolidayCalendar;
  f.Refused(adopt(kCal, rewritten, "2018-01-01", "2027-12-31", "国办发明电"), "P-REFERENCE");
  f.Refused(adopt(kCal, with2027, "2018-01-01", "2027-12-31", "国办发明电", true), "P-REFERENCE");       // wrong hash
  f.Refused(adopt(kCal, "", "2018-01-01", "2027-12-31", "国办发明电"), "P-REFERENCE");                   // empty
  f.Refused(adopt(kCal, "2027-01-01\toff\n", "2027-01-01", "2027-12-31", "国办发明电"), "P-REFERENCE");  // no year line
  f.Refused(adopt(kCal, with2027, "2027-12-31", "2018-01-01", "国办发明电"), "P-REFERENCE");  // reversed period
  f.Refused(adopt(kCal, with2027, "2018-01-01", "二〇二七年", "国办发明电"), "P-REFERENCE");  // not a date
  f.Refused(adopt(kCal, with2027, "2018-01-01", "2027-12-31", ""), "P-REFERENCE");            // no source
  f.Refused(adopt(static_cast<Kind>(9), with2027, "2018-01-01", "2027-12-31", "国办发明电"), "P-REFERENCE");
  f.Refused(adopt(Kind::CaseStages, "CaseOpened\tnowhere\n", "2026-01-01", "2026-12-31", "本机关规定"),
            "P-REFERENCE");  // a stage table that does not parse
  // Dropping a published year is a rewrite too.
  f.Refused(adopt(kCal, shipped.substr(0, shipped.find("year\t2026")), "2018-01-01", "2025-12-31", "国办发明电"),
            "P-REFERENCE");
  f.Admit(adopt(kCal, with2027, "2018-01-01", "2027-12-31", "国办发明电"));
  f.Admit(adopt(Kind::CaseStages, domain::ReferenceTables::Builtin()->text(Kind::CaseStages), "2026-01-01",
                "2026-12-31", "本机关规定"));
}

TEST_CASE("P-TIME-ORDER: an act dated before the act it follows is refused", "[rules][time]") {
  CaseFixture f(CaseFixture::Recording::kAsActed);
  f.Open("C1", 0);
  f.Investigate("C1", 3);
  const domain::Officers two{f.a.certificate_no, f.b.certificate_no};
  // Day 3 at 10:00 is the last act; 09:59 the same day is before it, 10:00 is not.
  f.Refused(domain::RecordInspection(f.By(f.a, "C1", 2), two, "解放路", "复查"), "P-TIME-ORDER");
  domain::Act just_before = f.By(f.a, "C1", 3);
  just_before.at_ms -= 60'000;
  f.Refused(domain::RecordInspection(just_before, two, "解放路", "复查"), "P-TIME-ORDER");
  f.Admit(domain::RecordInspection(f.By(f.a, "C1", 3), two, "解放路", "复查"));
  // Looking at the file is not an act of the procedure: a retrieval now does not move the case's clock.
  f.Admit(domain::RetrieveCaseFile(f.By(f.supervisor, "C1", 30), "执法监督", "全部"));
  f.Admit(domain::RecordInspection(f.By(f.a, "C1", 4), two, "解放路", "复查"));
}

TEST_CASE("F-LATE-RECORDING: an act recorded more than 24 hours after the time it claims is flagged", "[rules][time]") {
  CaseFixture f(CaseFixture::Recording::kAsActed);
  f.Open("C1", 0);
  const domain::Officers two{f.a.certificate_no, f.b.certificate_no};
  // Claimed 2026-03-03 10:00; recorded exactly 24 hours later: within the limit.
  Bytes on_time = domain::RecordInspection(f.By(f.a, "C1", 1), two, "解放路", "检查");
  f.RecordAt(CaseFixture::Day(2));
  REQUIRE(f.Admit(std::move(on_time)).flags.empty());
  // Claimed 2026-03-04 10:00; recorded 2026-03-05 10:01: flagged, naming both times.
  Bytes late = domain::RecordInspection(f.By(f.a, "C1", 2), two, "解放路", "检查");
  f.RecordAt(CaseFixture::Day(3) + 60'000);
  const Appended flagged = f.Admit(std::move(late));
  REQUIRE(flagged.flags.size() == 1);
  CHECK(flagged.flags[0].rule_id == "F-LATE-RECORDING");
  CHECK_THAT(flagged.flags[0].message,
             Catch::Contains("2026-03-04 10:00") && Catch::Contains("2026-03-05 10:01") && Catch::Contains("24 hours"));
  // Inside a head's declared backfill, months late is not flagged.
  CaseFixture backfilled;
  backfilled.Open("C1", 0);
  CHECK(backfilled.Admit(domain::RecordInspection(backfilled.By(backfilled.a, "C1", 1), two, "解放路", "检查"))
            .flags.empty());
}

TEST_CASE("a backdated prior notice or hearing notice never shortens the party's period", "[rules][time]") {
  SECTION("the statement period runs from the notice's recording, not the date it claims") {
    CaseFixture f(CaseFixture::Recording::kAsActed);
    f.Concluded("C1", 50000);
    f.Review("C1", 3);
    // Claims Fri 2026-03-06 but recorded Fri 2026-03-13: five working days backdated.
    Bytes notice = domain::ServePriorNotice(f.By(f.a, "C1", 4), {{fb::PenaltyType::Fine, 50000, ""}}, false);
    f.RecordAt(CaseFixture::Day(11));
    f.Flagged(std::move(notice), "F-LATE-RECORDING");
    // Mon 03-16 is the 6th working day after the date claimed, but the 1st after the recording.
    f.Refused(f.Decision("C1", 14, 50000), "P-DEFENCE");
    // Thu 03-19 is the 4th working day after the recording (13 → 16, 17, 18, 19): the 3-day period has run.
    f.Admit(f.Decision("C1", 17, 50000));
  }
  SECTION("the hearing is notified seven working days ahead of the time the notice was recorded") {
    CaseFixture f(CaseFixture::Recording::kAsActed);
    f.HearingRequested("C1");  // requested Mon 2026-03-09
    // Claims Tue 03-10 for a hearing on Thu 03-19 (7 working days), but recorded Thu 03-12 (5 working days ahead).
    Bytes notified =
        domain::NotifyHearing(f.By(f.a, "C1", 8), CaseFixture::Day(17, 9), f.c.certificate_no, "镇政府三楼会议室");
    f.RecordAt(CaseFixture::Day(10));
    f.Refused(std::move(notified), "P-HEARING-7WD");
    f.Admit(
        domain::NotifyHearing(f.By(f.a, "C1", 10), CaseFixture::Day(21, 9), f.c.certificate_no, "镇政府三楼会议室"));
  }
}

TEST_CASE("F-EMERGENCY-24H and P-EMERGENCY-LIFT: an emergency seizure is approved within 24 hours or lifted",
          "[rules]") {
  CaseFixture f;
  f.Open("C1", 0);
  const domain::Officers two{f.a.certificate_no, f.b.certificate_no};
  // Taken on day 1 at 10:00 without approval, as 第19条 allows in an emergency.
  auto seize = [&](const std::string& no, int day) {
    domain::Act act = f.By(f.a, "C1", day);
    return domain::TakeCoerciveMeasure(act, no, two, "货物", 30, {ContinuousAv(day)}, /*emergency=*/true);
  };
  f.Admit(seize("扣1", 1));
  // Approved on day 2 at 09:00 (23 hours): no flag.
  f.Admit(domain::ApproveAsHead(f.By(f.head, "C1", 2, 9), fb::Payload::CoerciveMeasureTaken, "扣1", true, "同意"));
  f.Refused(domain::ApproveAsHead(f.By(f.head, "C1", 2, 9), fb::Payload::CoerciveMeasureTaken, "扣1", true, "同意"),
            "P-HEAD");  // decided once
  // Taken on day 3; the next act comes on day 4 at 11:00 (25 hours) with no approval: flagged once.
  f.Admit(seize("扣2", 3));
  f.Flagged(domain::RecordInspection(f.By(f.a, "C1", 4, 11), two, "仓库", "清点扣押物品"), "F-EMERGENCY-24H");
  f.Admit(domain::RecordInspection(f.By(f.a, "C1", 4, 12), two, "仓库", "再次清点"));
  // The head disagrees: until it is lifted, nothing else is recorded in the case.
  f.Admit(domain::ApproveAsHead(f.By(f.head, "C1", 5), fb::Payload::CoerciveMeasureTaken, "扣2", false, "不同意"));
  f.Refused(domain::RecordInspection(f.By(f.a, "C1", 5, 11), two, "仓库", "清点"), "P-EMERGENCY-LIFT");
  f.Admit(domain::LiftCoerciveMeasure(f.By(f.a, "C1", 5, 11), "扣2", "负责人不同意，立即解除"));
  f.Admit(domain::RecordInspection(f.By(f.a, "C1", 5, 12), two, "仓库", "已返还"));
}

TEST_CASE("P-SIMPLE-LIMIT: simple procedure only within the fine limits of 第51条", "[rules]") {
  CaseFixture f;
  f.Open("C1", 0, kPenaltyItem, fb::Procedure::Simple, fb::PartyKind::NaturalPerson);
  auto on_the_spot = [&](int64_t fen) {
    return domain::IssueDecision(f.By(f.a, "C1", 0, 11), fb::DecisionOutcome::Penalty, "当场1",
                                 {{fb::PenaltyType::Fine, fen, ""}}, "占道", "占道", "第36条", true);
  };
  f.Refused(on_the_spot(30000), "P-SIMPLE-LIMIT");  // 300 元 > 200 元 for a citizen
  // 通报批评 is not among the penalties 第51条 lets an officer give on the spot.
  f.Refused(domain::IssueDecision(f.By(f.a, "C1", 0, 11), fb::DecisionOutcome::Penalty, "当场1",
                                  {{fb::PenaltyType::Criticism, 0, ""}}, "占道", "占道", "第36条", true),
            "P-SIMPLE-LIMIT");
  f.Admit(on_the_spot(20000));
}

TEST_CASE("P-E-SERVICE-CONSENT: electronic service needs the party's consent", "[rules]") {
  CaseFixture f;
  f.DecidedCase("C1", 0, 50000);
  const std::string no = CaseFixture::DecisionNo("C1");
  f.Refused(domain::ServeDocument(f.By(f.a, "C1", 7), no, "行政处罚决定书", fb::ServiceMethod::Electronic,
                                  CaseFixture::Day(7), false),
            "P-E-SERVICE-CONSENT");
  f.Admit(domain::ServeDocument(f.By(f.a, "C1", 7), no, "行政处罚决定书", fb::ServiceMethod::Electronic,
                                CaseFixture::Day(7), true));
}

TEST_CASE("P-LATE-FEE-CAP: late fees never exceed the fine", "[rules]") {
  CaseFixture f;
  f.DecidedCase("C1", 0, 50000);
  f.Admit(domain::ImposeLateFee(f.By(f.a, "C1", 30), 30000, 20));
  f.Refused(domain::ImposeLateFee(f.By(f.a, "C1", 40), 30000, 20), "P-LATE-FEE-CAP");
  f.Admit(domain::ImposeLateFee(f.By(f.a, "C1", 40), 20000, 14));
}

// A penalty decided on Sun 2026-01-04 (a worked day, 国务院办公厅 2026 notice) and served Mon 2026-01-05, so that
// the party's six months to sue end on Sun 07-05, moved to Mon 2026-07-06 (行政诉讼法 第46条).
void ServedOnJan5(CaseFixture& f, const std::string& case_id) {
  f.DecidedCase(case_id, -63, 50000);
  f.Admit(domain::ServeDocument(f.By(f.a, case_id, -56), CaseFixture::DecisionNo(case_id), "行政处罚决定书",
                                fb::ServiceMethod::Direct, CaseFixture::Day(-56)));
}

TEST_CASE(
    "P-COURT-DEMAND, P-COURT-PERIOD and F-COURT-LATE: ten working days after the 催告, after the suit period, "
    "within three months",
    "[rules][time]") {
  CaseFixture f;
  ServedOnJan5(f, "C1");
  auto apply = [&](int day) {
    return domain::ApplyToCourt(f.ApprovedBy(f.a, "C1", day, fb::Payload::CourtEnforcementApplied), "平桥区人民法院");
  };
  f.Refused(apply(100), "P-COURT-DEMAND");  // no 催告 yet
  // 催告 served Wed 06-17. Working days after it: 06-18 (1); 06-19 … 06-21 端午; 06-22 … 06-26 (2–6);
  // 06-29 … 07-02 (7–10); 07-03 (11).
  f.Admit(domain::ServeDemandNotice(f.By(f.a, "C1", 107), 50000, "2026-06-27"));
  f.Refused(apply(122), "P-COURT-DEMAND");  // Thu 07-02: only ten working days have passed
  f.Refused(apply(123), "P-COURT-PERIOD");  // Fri 07-03: the party may still sue
  f.Refused(apply(126), "P-COURT-PERIOD");  // Mon 07-06: the suit period's last day
  f.Admit(apply(127));                      // Tue 07-07
  // Three months after 07-06 is 10-06, inside 国庆 (10-01 … 10-07): the window ends Thu 10-08.
  CaseFixture g;
  ServedOnJan5(g, "C2");
  g.Admit(domain::ServeDemandNotice(g.By(g.a, "C2", 107), 50000, "2026-06-27"));
  CHECK(g.Admit(
             domain::ApplyToCourt(g.ApprovedBy(g.a, "C2", 220, fb::Payload::CourtEnforcementApplied), "平桥区人民法院"))
            .flags.empty());  // Thu 10-08
  CaseFixture h;
  ServedOnJan5(h, "C3");
  h.Admit(domain::ServeDemandNotice(h.By(h.a, "C3", 107), 50000, "2026-06-27"));
  h.Flagged(domain::ApplyToCourt(h.ApprovedBy(h.a, "C3", 221, fb::Payload::CourtEnforcementApplied), "平桥区人民法院"),
            "F-COURT-LATE");  // Fri 10-09
}

TEST_CASE("P-ENFORCE-DEMAND, P-ENFORCE-DECISION, P-ENFORCE-HOURS and P-DEMOLITION: the agency's own enforcement",
          "[rules][time]") {
  CaseFixture f;
  ServedOnJan5(f, "D1");
  const domain::Officers two{f.a.certificate_no, f.b.certificate_no};
  auto demolish = [&](int day, int hour, bool emergency = false) {
    domain::Act act = f.By(f.a, "D1", day, hour);
    domain::AvInfo av{"demolition", act.at_ms - 3'600'000, act.at_ms + 3'600'000};
    return domain::ExecuteEnforcement(act, fb::ExecutionKind::Demolition, two, "拆除违法建筑", {av}, emergency);
  };
  auto decide = [&](int day) {
    return domain::DecideEnforcement(f.ApprovedBy(f.a, "D1", day, fb::Payload::EnforcementDecided), "强制拆除",
                                     "2026-07-07");
  };
  f.Refused(decide(100), "P-ENFORCE-DEMAND");          // no 催告
  f.Refused(demolish(100, 10), "P-ENFORCE-DECISION");  // no 强制执行决定
  f.Admit(domain::ServeDemandNotice(f.By(f.a, "D1", 107), 0, "2026-06-27"));
  f.Refused(decide(117), "P-ENFORCE-DEMAND");    // Sat 06-27: the 催告's deadline itself
  f.Admit(decide(118));                          // Sun 06-28
  f.Refused(demolish(120, 10), "P-DEMOLITION");  // no 限期拆除公告
  f.Admit(domain::AnnounceDemolition(f.ApprovedBy(f.a, "D1", 120, fb::Payload::DemolitionAnnounced, 11), "2026-07-03"));
  f.Refused(demolish(123, 10), "P-DEMOLITION");     // Fri 07-03: the 公告's deadline
  f.Refused(demolish(126, 10), "P-DEMOLITION");     // Mon 07-06: the party may still sue
  f.Refused(demolish(131, 10), "P-ENFORCE-HOURS");  // Sat 07-11
  f.Refused(demolish(133, 23), "P-ENFORCE-HOURS");  // Mon 07-13 at 23:00
  f.Refused(demolish(134, 5), "P-ENFORCE-HOURS");   // Tue 07-14 at 05:00
  f.Refused(domain::ExecuteEnforcement(f.By(f.a, "D1", 134, 6), fb::ExecutionKind::Demolition, two, "拆除违法建筑", {}),
            "P-AV-REQUIRED");  // a demolition is recorded from start to end
  f.Admit(demolish(134, 6));   // Tue 07-14 at 06:00
}

TEST_CASE("P-ENFORCE-HOURS: an emergency may be enforced at night", "[rules]") {
  CaseFixture f;
  ServedOnJan5(f, "D2");
  f.Admit(domain::ServeDemandNotice(f.By(f.a, "D2", 107), 0, "2026-06-27"));
  f.Admit(domain::DecideEnforcement(f.ApprovedBy(f.a, "D2", 118, fb::Payload::EnforcementDecided), "排除妨碍",
                                    "2026-06-29"));
  const domain::Act act = f.By(f.a, "D2", 131, 23);  // Sat 07-11 at 23:00
  f.Admit(domain::ExecuteEnforcement(act, fb::ExecutionKind::Other, {f.a.certificate_no, f.b.certificate_no},
                                     "清除阻塞河道的障碍物", {}, /*emergency=*/true));
}

TEST_CASE("P-PUBLICATION: only issued decisions are published, never a minor's", "[rules]") {
  CaseFixture f;
  f.DecidedCase("C1", 0, 50000);
  const std::string no = CaseFixture::DecisionNo("C1");
  f.Refused(
      domain::PublishDecision(f.By(f.discloser, "C1", 8), "PUB-1", "别的文号", "2026-03-17", "2029-03-08", "罚款"),
      "P-PUBLICATION");
  f.Refused(domain::WithdrawPublication(f.By(f.discloser, "C1", 8), "PUB-1", "未公示"), "P-PUBLICATION");
  f.Admit(domain::PublishDecision(f.By(f.discloser, "C1", 8), "PUB-1", no, "2026-03-17", "2029-03-08", "罚款500元"));
  f.Admit(domain::CorrectPublication(f.By(f.discloser, "C1", 9), "PUB-1", "金额笔误", "罚款500元整"));

  f.Open("C2", 0, kPenaltyItem, fb::Procedure::Simple, fb::PartyKind::NaturalPerson, /*minor=*/true);
  f.Admit(domain::IssueDecision(f.By(f.a, "C2", 0, 11), fb::DecisionOutcome::Penalty, "当场2",
                                {{fb::PenaltyType::Warning, 0, ""}}, "占道", "占道", "第36条", true));
  f.Refused(domain::PublishDecision(f.By(f.discloser, "C2", 2), "PUB-2", "当场2", "2026-03-11", "2026-06-02", "警告"),
            "P-PUBLICATION");
}

TEST_CASE("P-DISPLAY-PERIOD: the 公示截止期 is three months to three years from the decision", "[rules]") {
  CaseFixture f;
  f.DecidedCase("C1", 0, 50000);   // decided Sun 2026-03-08
  f.DecidedCase("C2", 23, 50000);  // decided Tue 2026-03-31: June has no 31st
  // Worked out by hand: 2026-03-08 + 3 months = 2026-06-08, + 36 months = 2029-03-08;
  // 2026-03-31 + 3 months = 2026-06-30 (the month's last day), + 36 months = 2029-03-31.
  // A span, not a period's last day: a Saturday or holiday end is not moved.
  struct Row {
    const char* case_id;
    const char* until;
    bool admitted;
  };
  const Row rows[] = {
      {"C1", "2026-06-07", false}, {"C1", "2026-06-08", true}, {"C1", "2029-03-08", true},  {"C1", "2029-03-09", false},
      {"C1", "", false},           {"C1", "2026-6-8", false},  {"C1", "永久", false},       {"C2", "2026-06-29", false},
      {"C2", "2026-06-30", true},  {"C2", "2029-03-31", true}, {"C2", "2029-04-01", false},
  };
  int n = 0;
  for (const Row& row : rows) {
    INFO(row.case_id << " until '" << row.until << "'");
    const std::string id = "PUB-" + std::to_string(++n);
    const int day = std::string_view(row.case_id) == "C1" ? 10 : 33;  // within 7 working days
    const Bytes publish = domain::PublishDecision(f.By(f.discloser, row.case_id, day), id,
                                                  CaseFixture::DecisionNo(row.case_id), "", row.until, "罚款500元");
    if (row.admitted) {
      f.Admit(publish);
    } else {
      f.Refused(publish, "P-DISPLAY-PERIOD");
    }
  }
}

TEST_CASE("P-SEALED: the person questioned is named only by a sealed name", "[rules]") {
  CaseFixture f;
  f.Open("C1", 0);
  const domain::Act act = f.By(f.a, "C1", 1);
  auto inquiry = [&](bool seal, const std::string& shown) {
    flatbuffers::FlatBufferBuilder b;
    StatementHeader h = TestLog::HeaderFor(f.a, "C1");
    h.occurred_at_ms = act.at_ms;
    auto officers = b.CreateVectorOfStrings({f.a.certificate_no, f.b.certificate_no});
    auto payload = fb::CreateInquiryRecorded(b, officers, b.CreateString("证人"), b.CreateString(shown),
                                             b.CreateString("询问"), b.CreateString("C1/询问笔录"));
    StatementExtras extras;
    extras.attachments.push_back({Hash{1}, 1, "application/pdf", "询问笔录", "询问笔录", "C1/询问笔录", ""});
    if (seal) extras.sealed.push_back({"inquiry.name", Hash{2}, "李*"});
    return SignStatement(FinishStatement(b, h, fb::Payload::InquiryRecorded, payload.Union(), extras), f.a.key);
  };
  f.Refused(inquiry(false, "李四"), "P-SEALED");  // the witness's name in clear, nothing sealed
  f.Refused(inquiry(true, "李四"), "P-SEALED");   // sealed, but shown in clear beside it
  f.Admit(domain::RecordInquiry(act, {f.a.certificate_no, f.b.certificate_no}, "证人", "李四", "询问"));
}

TEST_CASE("P-AGE: the party's age comes from the sealed ID at intake, and under 14 is never punished", "[rules]") {
  // The case is opened on Mon 2026-03-02 (the fixture's day 0). Ages worked out by hand from the birth dates.
  struct Row {
    const char* id_no;
    const char* born;
    bool minor, under_14;  // true on 2026-03-02
  };
  const Row rows[] = {
      {"110105201203020014", "2012-03-02", true, false},   // 14 that very day
      {"11010520120303001X", "2012-03-03", true, true},    // 13: 14 tomorrow
      {"110105200803020013", "2008-03-02", false, false},  // 18 that very day
      {"110105200803030019", "2008-03-03", true, false},   // 17: 18 tomorrow
      {"110105200802290011", "2008-02-29", false, false},  // 18 on 03-01, in a year without a 29 February
  };
  int n = 0;
  for (const Row& row : rows) {
    INFO(row.born);
    CaseFixture f;
    const std::string case_id = "A" + std::to_string(++n);
    domain::CaseOpening o;
    o.power_item_code = kPenaltyItem;
    o.cause = "占道经营案";
    o.party.kind = fb::PartyKind::NaturalPerson;
    o.party.name = "张小明";
    o.party.id_no = row.id_no;
    o.place = "青山镇解放路";
    // A client that claims the other way on either flag is refused; the truth is admitted.
    for (const bool lie_minor : {true, false}) {
      domain::CaseOpening claimed = o;
      if (lie_minor)
        claimed.party.declared_minor = !row.minor;
      else
        claimed.party.declared_under_14 = !row.under_14;
      f.Refused(domain::OpenCase(f.ApprovedBy(f.a, case_id, 0, fb::Payload::CaseOpened), claimed), "P-AGE");
    }
    f.Admit(domain::OpenCase(f.ApprovedBy(f.a, case_id, 0, fb::Payload::CaseOpened), o));
    f.Investigate(case_id, 1);
    if (!row.under_14) continue;
    // 第30条: no penalty, whatever the procedure so far; 不予处罚 is the decision.
    f.Conclude(case_id, 2, 50000);
    f.Review(case_id, 3);
    f.Notice(case_id, 4, 50000);
    f.Waive(case_id, 5);
    f.Refused(f.Decision(case_id, 6, 50000), "P-AGE");
  }
}

TEST_CASE("P-SEALED: a natural person's name and ID are sealed and every opening matches", "[rules]") {
  CaseFixture f;
  domain::CaseOpening o;
  o.power_item_code = kPenaltyItem;
  o.party.kind = fb::PartyKind::NaturalPerson;
  o.party.name = "张三丰";
  o.party.id_no = "110105194912310021";  // wrong check character
  f.Refused(domain::OpenCase(f.ApprovedBy(f.a, "C1", 0, fb::Payload::CaseOpened), o), "P-SEALED");
  o.party.id_no.clear();  // the ID is not sealed at all
  f.Refused(domain::OpenCase(f.ApprovedBy(f.a, "C1", 0, fb::Payload::CaseOpened), o), "P-SEALED");
  o.party.id_no = "11010519491231002X";
  Bytes good = domain::OpenCase(f.ApprovedBy(f.a, "C1", 0, fb::Payload::CaseOpened), o);
  // The same statement without its openings: bare signed bytes.
  auto sub = ParseSubmission(good);
  REQUIRE(sub.ok());
  f.Refused(sub->signed_statement, "P-SEALED");
  // An opening that does not match its commitment.
  auto altered = sub->openings;
  altered[0].value = "李四";
  f.Refused(BuildSubmission(sub->signed_statement, altered), "P-SEALED");
  f.Admit(std::move(good));
}

TEST_CASE("P-EXPORT: an export acts on a recorded approval of its case and reveals only what it lists", "[rules]") {
  CaseFixture f;
  f.Open("C1", 0);
  f.Open("C2", 0);
  const domain::Act approval = f.By(f.supervisor, "C1", 3);
  const domain::Act elsewhere = f.By(f.supervisor, "C2", 3);
  // No approval yet, or one of another case.
  f.Refused(domain::RecordExport(f.By(f.supervisor, "C1", 4), approval.event_id, "某区人民法院", {}), "P-EXPORT");
  f.Admit(domain::ApproveExport(elsewhere, "某区人民法院", "行政诉讼举证", {"party.name"}));
  f.Refused(domain::RecordExport(f.By(f.supervisor, "C1", 4), elsewhere.event_id, "某区人民法院", {}), "P-EXPORT");
  f.Admit(domain::ApproveExport(approval, "某区人民法院", "行政诉讼举证", {"party.name"}));
  // A field the approval does not list.
  f.Refused(domain::RecordExport(f.By(f.supervisor, "C1", 4), approval.event_id, "某区人民法院",
                                 {"party.name", "party.id_no"}),
            "P-EXPORT");
  // With the original files: only naming a recorded approval to release originals of this case (R4).
  f.Refused(domain::RecordExport(f.By(f.supervisor, "C1", 4), approval.event_id, "某区人民法院", {"party.name"},
                                 approval.event_id),
            "P-EXPORT");
  f.Admit(domain::RecordExport(f.By(f.supervisor, "C1", 4), approval.event_id, "某区人民法院", {"party.name"}));
  const domain::Act originals = f.By(f.supervisor, "C1", 5);
  const domain::Act other_originals = f.By(f.supervisor, "C2", 5);
  f.Admit(domain::ApproveOriginalsRelease(other_originals, "某区人民法院", "行政诉讼举证", {}));
  f.Refused(domain::RecordExport(f.By(f.supervisor, "C1", 5), approval.event_id, "某区人民法院", {"party.name"},
                                 other_originals.event_id),
            "P-EXPORT");
  f.Admit(domain::ApproveOriginalsRelease(originals, "某区人民法院", "行政诉讼举证", {}));
  f.Admit(domain::RecordExport(f.By(f.supervisor, "C1", 5), approval.event_id, "某区人民法院", {"party.name"},
                               originals.event_id));
}

TEST_CASE("F-DECISION-90: a decision after day 90 is accepted and flagged", "[rules]") {
  CaseFixture f;
  f.Open("C1", 0);
  f.Investigate("C1", 1);
  f.Conclude("C1", 80, 50000);
  f.Review("C1", 81);
  f.Notice("C1", 82, 50000);
  f.Waive("C1", 83);
  f.Flagged(f.Decision("C1", 95, 50000), "F-DECISION-90");
}

TEST_CASE("F-SERVICE-7WD: a decision served after 7 working days is flagged", "[rules]") {
  CaseFixture f;
  f.DecidedCase("C1", 0, 50000);  // decided Sunday 03-08
  f.Flagged(domain::ServeDocument(f.By(f.a, "C1", 20), CaseFixture::DecisionNo("C1"), "行政处罚决定书",
                                  fb::ServiceMethod::Post, CaseFixture::Day(20)),
            "F-SERVICE-7WD");
}

TEST_CASE("F-SEIZURE-30: a seizure past its term without extension is flagged", "[rules]") {
  CaseFixture f;
  f.Open("C1", 0, kCoercionItem);
  f.Admit(domain::TakeCoerciveMeasure(f.ApprovedBy(f.a, "C1", 1, fb::Payload::CoerciveMeasureTaken), "扣1",
                                      {f.a.certificate_no, f.b.certificate_no}, "货物", 30, {ContinuousAv(1)}));
  f.Flagged(domain::LiftCoerciveMeasure(f.By(f.a, "C1", 35), "扣1", "解除"), "F-SEIZURE-30");
}

TEST_CASE("F-PRESERVATION-7WD: preserved evidence disposed after 7 working days is flagged", "[rules]") {
  CaseFixture f;
  f.Open("C1", 0);
  f.Admit(domain::PreserveEvidence(f.ApprovedBy(f.a, "C1", 1, fb::Payload::EvidencePreserved),
                                   {f.a.certificate_no, f.b.certificate_no}, "账册三本"));
  f.Flagged(domain::DisposePreserved(f.By(f.a, "C1", 15), "解除先行登记保存"), "F-PRESERVATION-7WD");
}

TEST_CASE("F-DISCLOSURE-LATE and F-WITHDRAW-3WD: late publication and late withdrawal are flagged", "[rules]") {
  CaseFixture f;
  f.DecidedCase("C1", 0, 50000);  // decided 03-08
  const std::string no = CaseFixture::DecisionNo("C1");
  f.Flagged(domain::PublishDecision(f.By(f.discloser, "C1", 20), "PUB-1", no, "2026-03-17", "2029-03-08", "罚款"),
            "F-DISCLOSURE-LATE");
  f.Admit(domain::ChangeDecision(f.By(f.a, "C1", 30), no, fb::DecisionChange::Revoked, fb::ChangeAuthority::Self,
                                 "青综执纠字〔2026〕3号", "事实不清"));
  f.Flagged(domain::WithdrawPublication(f.By(f.discloser, "C1", 40), "PUB-1", "决定已自行撤销"), "F-WITHDRAW-3WD");
}

TEST_CASE("F-AV-SERVICE: service by leaving the document without AV is flagged", "[rules]") {
  CaseFixture f;
  f.DecidedCase("C1", 0, 50000);
  f.Flagged(domain::ServeDocument(f.By(f.a, "C1", 7), CaseFixture::DecisionNo("C1"), "行政处罚决定书",
                                  fb::ServiceMethod::LeftAtDomicile, CaseFixture::Day(7)),
            "F-AV-SERVICE");
}

TEST_CASE("F-DISCRETION: a proposed fine outside the cited discretion level is flagged", "[rules]") {
  CaseFixture f;
  f.Open("C1", 0);
  f.Investigate("C1", 1);
  f.Flagged(domain::ConcludeInvestigation(f.By(f.a, "C1", 2), fb::Conclusion::Penalise,
                                          {{fb::PenaltyType::Fine, 500000, ""}}, "事实", kDiscretionCode, "一般"),
            "F-DISCRETION");
}

TEST_CASE("every rule in the catalogue has a test in this file", "[rules]") {
  // Keeps the table and the tests together: a new rule needs a TEST_CASE
  // whose name starts with its id.
  const auto& tests = Catch::getAllTestCasesSorted(*Catch::getCurrentContext().getConfig());
  for (const auto& rule : domain::AllRules()) {
    bool found = false;
    for (const auto& t : tests) {
      if (t.name.find(std::string(rule.id)) != std::string::npos) found = true;
    }
    INFO(rule.id);
    CHECK(found);
  }
}

TEST_CASE("flags stored beside a record decode to the flags raised, in order", "[rules]") {
  const std::vector<domain::Flag> raised = {domain::Raise("F-SEIZURE-30", "查封 30 日期满"),
                                            domain::Raise("F-DISCLOSURE-LATE", "公示逾期 2 个工作日")};
  CHECK(domain::DecodeFlags(domain::EncodeFlags(raised)) == raised);
  CHECK(domain::DecodeFlags("").empty());
}

}  // namespace
}  // namespace lawtrail::testing
