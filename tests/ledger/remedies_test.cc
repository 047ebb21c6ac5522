// The decision's remedies and the party's challenges (行政复议, 行政诉讼):
// the periods they open, how admission holds the court application, the
// demolition and the late fee while a challenge is pending, and the rules
// on recording them. Dates are worked out by hand from the statutes and the
// State Council's holiday notices (ledger/domain/holidays-cn.tsv); the
// fixture's Day(0) is Mon 2026-03-02.
#include <catch2/catch.hpp>

#include "ledger/client/case_acts.h"
#include "ledger/domain/challenge.h"
#include "tests/support/case_fixture.h"

namespace lawtrail::testing {
namespace {

using domain::ParseDate;

std::string Last(const domain::Deadline& d) { return domain::FormatDate(d.date); }

domain::RemedyPeriods PeriodsAfter(const char* served, fb::RemedyNotice remedies) {
  return domain::RemedyPeriodsAfter(domain::WorkdayCalendar::China(), *ParseDate(served), remedies);
}

TEST_CASE(
    "the party's 复议 and suit periods match the hand-worked vectors, and a year when the remedies were not stated",
    "[rules][time]") {
  // 行政复议法 第20条: 60 days, start excluded, a last day that is a rest day moves on (domain-acts.md §7).
  CHECK(Last(PeriodsAfter("2025-12-15", fb::RemedyNotice::Stated).review) == "2026-02-13");
  CHECK(Last(PeriodsAfter("2025-12-19", fb::RemedyNotice::Stated).review) == "2026-02-24");  // raw 02-17, 春节
  CHECK(Last(PeriodsAfter("2025-08-02", fb::RemedyNotice::Stated).review) == "2025-10-09");  // raw 10-01, 国庆
  // 行政诉讼法 第46条: six months; 2026-02-28 is a Saturday worked under the 2026 notice, so it stays.
  CHECK(Last(PeriodsAfter("2025-08-31", fb::RemedyNotice::Stated).suit) == "2026-02-28");
  const auto stated = PeriodsAfter("2025-03-10", fb::RemedyNotice::Stated);
  CHECK(Last(stated.review) == "2025-05-09");
  CHECK(Last(stated.suit) == "2025-09-10");
  // Not stated (or not recorded): one year from service for both (行政复议法 第20条第2款, 行诉解释 第64条).
  for (const fb::RemedyNotice r : {fb::RemedyNotice::NotStated, fb::RemedyNotice::Unrecorded}) {
    const auto untold = PeriodsAfter("2025-03-10", r);
    CHECK(Last(untold.review) == "2026-03-10");
    CHECK(Last(untold.suit) == "2026-03-10");
  }
}

// Decided on Sun 2026-03-08 and served Mon 2026-03-09 (Day 7); a 催告 served Wed 08-19 (Day 170).
void ServedOnMar9(CaseFixture& f, const std::string& id, fb::RemedyNotice remedies = fb::RemedyNotice::Stated) {
  f.ReadyFrom(id, 0, 50000);
  if (remedies == fb::RemedyNotice::NotStated) {
    f.Flagged(f.Decision(id, 6, 50000, "", remedies), "F-REMEDIES-NOT-STATED");
  } else {
    f.Admit(f.Decision(id, 6, 50000, "", remedies));
  }
  f.Admit(domain::ServeDocument(f.By(f.a, id, 7), CaseFixture::DecisionNo(id), "行政处罚决定书",
                                fb::ServiceMethod::Direct, CaseFixture::Day(7)));
}

Bytes ApplyOn(CaseFixture& f, const std::string& id, int day) {
  return domain::ApplyToCourt(f.ApprovedBy(f.a, id, day, fb::Payload::CourtEnforcementApplied), "平桥区人民法院");
}

Bytes Review(CaseFixture& f, const std::string& id, int day, const std::string& filed,
             const std::string& case_no = "信平政复〔2026〕12号") {
  return domain::FileChallenge(f.By(f.a, id, day), fb::ChallengeKind::Review, CaseFixture::DecisionNo(id),
                               "平桥区人民政府", case_no, filed);
}

Bytes Suit(CaseFixture& f, const std::string& id, int day, const std::string& filed) {
  return domain::FileChallenge(f.By(f.a, id, day), fb::ChallengeKind::Suit, CaseFixture::DecisionNo(id),
                               "平桥区人民法院", "（2026）豫1503行初88号", filed);
}

TEST_CASE(
    "P-DECISION-REMEDIES and F-REMEDIES-NOT-STATED: the court waits a year for a decision that did not state "
    "the remedies",
    "[rules][time]") {
  CaseFixture f(CaseFixture::Recording::kAsActed);
  f.ReadyFrom("N1", 0, 50000);
  f.Refused(f.Decision("N1", 6, 50000, "", fb::RemedyNotice::Unrecorded), "P-DECISION-REMEDIES");
  f.Flagged(f.Decision("N1", 6, 50000, "", fb::RemedyNotice::NotStated), "F-REMEDIES-NOT-STATED");
  f.Admit(domain::ServeDocument(f.By(f.a, "N1", 7), CaseFixture::DecisionNo("N1"), "行政处罚决定书",
                                fb::ServiceMethod::Direct, CaseFixture::Day(7)));
  f.Admit(domain::ServeDemandNotice(f.By(f.a, "N1", 170), 50000, "2026-08-29"));

  // Stated: six months from Mon 03-09 end Wed 09-09.
  CaseFixture g(CaseFixture::Recording::kAsActed);
  ServedOnMar9(g, "S1");
  g.Admit(domain::ServeDemandNotice(g.By(g.a, "S1", 170), 50000, "2026-08-29"));
  g.Refused(ApplyOn(g, "S1", 191), "P-COURT-PERIOD");  // Wed 09-09
  g.Admit(ApplyOn(g, "S1", 192));                      // Thu 09-10
  // Not stated: a year from 03-09 ends Tue 2027-03-09.
  f.Refused(ApplyOn(f, "N1", 192), "P-COURT-PERIOD");  // Thu 2026-09-10
  f.Refused(ApplyOn(f, "N1", 372), "P-COURT-PERIOD");  // Tue 2027-03-09
  f.Admit(ApplyOn(f, "N1", 373));                      // Wed 2027-03-10
}

TEST_CASE("P-CHALLENGE: a 复议 or suit is recorded against the case's served decision, one at a time", "[rules]") {
  CaseFixture f(CaseFixture::Recording::kAsActed);
  f.DecidedCase("U1", 0, 50000);  // decided, not served
  f.Refused(Review(f, "U1", 8, "2026-03-09"), "P-CHALLENGE");
  ServedOnMar9(f, "C1");
  f.Refused(domain::FileChallenge(f.By(f.a, "C1", 20), fb::ChallengeKind::Review, "别的决定书", "平桥区人民政府",
                                  "信平政复〔2026〕12号", "2026-03-20"),
            "P-CHALLENGE");
  f.Refused(domain::FileChallenge(f.By(f.a, "C1", 20), fb::ChallengeKind::Review, CaseFixture::DecisionNo("C1"), "",
                                  "信平政复〔2026〕12号", "2026-03-20"),
            "P-CHALLENGE");                                     // no body
  f.Refused(Review(f, "C1", 20, "2026-03-08"), "P-CHALLENGE");  // before service
  f.Refused(Review(f, "C1", 20, "2026-03-23"), "P-CHALLENGE");  // after this record (Sun 03-22)
  f.Refused(Review(f, "C1", 20, "2026-3-20"), "P-CHALLENGE");   // not YYYY-MM-DD
  f.Refused(domain::ConcludeChallenge(f.By(f.a, "C1", 20), fb::ChallengeKind::Review, "信平政复〔2026〕12号",
                                      fb::ChallengeResult::Upheld, "信平政复决〔2026〕12号", "2026-03-20"),
            "P-CHALLENGE");  // nothing pending
  f.Refused(domain::ChangeDecision(f.By(f.a, "C1", 20), CaseFixture::DecisionNo("C1"), fb::DecisionChange::Revoked,
                                   fb::ChangeAuthority::Court, "（2026）豫1503行初88号", "事实不清"),
            "P-CHALLENGE");  // a court's change with no suit recorded
  f.Admit(Review(f, "C1", 20, "2026-03-20"));
  f.Refused(Suit(f, "C1", 21, "2026-03-21"), "P-CHALLENGE");  // not both at once
  f.Refused(domain::ConcludeChallenge(f.By(f.a, "C1", 30), fb::ChallengeKind::Suit, "信平政复〔2026〕12号",
                                      fb::ChallengeResult::Dismissed, "信平政复决〔2026〕12号", "2026-03-31"),
            "P-CHALLENGE");  // the pending one is a 复议, not a suit
  f.Refused(domain::ConcludeChallenge(f.By(f.a, "C1", 30), fb::ChallengeKind::Review, "信平政复〔2026〕12号",
                                      fb::ChallengeResult::Upheld, "信平政复决〔2026〕12号", "2026-03-19"),
            "P-CHALLENGE");  // received before it was filed
  f.Admit(domain::ConcludeChallenge(f.By(f.a, "C1", 30), fb::ChallengeKind::Review, "信平政复〔2026〕12号",
                                    fb::ChallengeResult::Upheld, "信平政复决〔2026〕12号", "2026-03-31"));
  f.Refused(Review(f, "C1", 31, "2026-04-01", "信平政复〔2026〕13号"), "P-CHALLENGE");  // no second 复议
  f.Admit(Suit(f, "C1", 35, "2026-04-05"));  // suit within 15 days of the 复议 decision
  f.Refused(domain::ConcludeChallenge(f.By(f.a, "C1", 60), fb::ChallengeKind::Suit, "（2026）豫1503行初88号",
                                      fb::ChallengeResult::Upheld, "（2026）豫1503行初88号", "2026-04-30"),
            "P-CHALLENGE");  // courts dismiss claims; they do not 维持
}

// Served Mon 03-09, a 复议 filed Fri 03-20 (recorded Sat 03-21), a 催告 served Wed 04-15.
void ReviewedEarlyWithDemand(CaseFixture& f, const std::string& id) {
  ServedOnMar9(f, id);
  f.Admit(Review(f, id, 19, "2026-03-20"));
  f.Admit(domain::ServeDemandNotice(f.By(f.a, id, 44), 50000, "2026-04-25"));
}

TEST_CASE("P-COURT-PERIOD and P-LATE-FEE-PAUSED: nothing while a 复议 is pending, then 15 days to sue after it",
          "[rules][time]") {
  CaseFixture f(CaseFixture::Recording::kAsActed);
  ServedOnMar9(f, "R1");
  f.Admit(Review(f, "R1", 51, "2026-04-20"));
  f.Refused(domain::ImposeLateFee(f.By(f.a, "R1", 52), 1500, 1), "P-LATE-FEE-PAUSED");
  f.Admit(domain::ServeDemandNotice(f.By(f.a, "R1", 170), 50000, "2026-08-29"));
  f.Refused(ApplyOn(f, "R1", 192), "P-COURT-PERIOD");  // Thu 09-10: six months have passed, the 复议 has not
  // Upheld, received Sun 09-20 (a worked day): 15 days end Mon 10-05, inside 国庆 (10-01 … 10-07) → Thu 10-08.
  f.Admit(domain::ConcludeChallenge(f.By(f.a, "R1", 203), fb::ChallengeKind::Review, "信平政复〔2026〕12号",
                                    fb::ChallengeResult::Upheld, "信平政复决〔2026〕12号", "2026-09-20"));
  f.Admit(domain::ImposeLateFee(f.By(f.a, "R1", 204), 1500, 1));
  f.Refused(ApplyOn(f, "R1", 220), "P-COURT-PERIOD");  // Thu 10-08
  f.Admit(ApplyOn(f, "R1", 221));                      // Fri 10-09

  // A 复议 upheld early moves the window earlier than six months: received Thu 04-30, the party may sue until
  // Fri 05-15 (行政诉讼法 第45条); the 催告 of Wed 04-15 has had ten working days by Thu 04-30.
  CaseFixture g(CaseFixture::Recording::kAsActed);
  ReviewedEarlyWithDemand(g, "R2");
  g.Admit(domain::ConcludeChallenge(g.By(g.a, "R2", 59), fb::ChallengeKind::Review, "信平政复〔2026〕12号",
                                    fb::ChallengeResult::Dismissed, "信平政复决〔2026〕12号", "2026-04-30"));
  g.Refused(ApplyOn(g, "R2", 74), "P-COURT-PERIOD");  // Fri 05-15
  g.Admit(ApplyOn(g, "R2", 75));                      // Sat 05-16

  // Corrected by the 复议机关: what stands is its decision, which the agency does not take to court.
  CaseFixture h(CaseFixture::Recording::kAsActed);
  ReviewedEarlyWithDemand(h, "R3");
  h.Admit(domain::ChangeDecision(h.By(h.a, "R3", 59), CaseFixture::DecisionNo("R3"), fb::DecisionChange::Changed,
                                 fb::ChangeAuthority::ReviewBody, "信平政复决〔2026〕12号", "罚款数额过高"));
  h.Refused(ApplyOn(h, "R3", 200), "P-COURT-PERIOD");
}

TEST_CASE(
    "P-DEMOLITION and P-COURT-PERIOD after a suit: no demolition while it is pending, then after the 15 days "
    "to appeal, and never the court",
    "[rules][time]") {
  CaseFixture f(CaseFixture::Recording::kAsActed);
  ServedOnMar9(f, "D1");
  const domain::Officers two{f.a.certificate_no, f.b.certificate_no};
  auto demolish = [&](int day) {
    domain::Act act = f.By(f.a, "D1", day, 10);
    domain::AvInfo av{"demolition", act.at_ms - 3'600'000, act.at_ms + 3'600'000};
    return domain::ExecuteEnforcement(act, fb::ExecutionKind::Demolition, two, "拆除违法建筑", {av});
  };
  f.Admit(Suit(f, "D1", 150, "2026-07-29"));
  f.Admit(domain::ServeDemandNotice(f.By(f.a, "D1", 170), 0, "2026-08-29"));
  f.Admit(domain::DecideEnforcement(f.ApprovedBy(f.a, "D1", 181, fb::Payload::EnforcementDecided), "强制拆除",
                                    "2026-09-07"));
  f.Admit(domain::AnnounceDemolition(f.ApprovedBy(f.a, "D1", 181, fb::Payload::DemolitionAnnounced, 11), "2026-09-05"));
  f.Refused(demolish(190), "P-DEMOLITION");  // Tue 09-08: the suit is pending
  // Dismissed, received Thu 09-10: 15 days to appeal end Fri 09-25, in 中秋 (09-25 … 09-27) → Mon 09-28.
  f.Admit(domain::ConcludeChallenge(f.By(f.a, "D1", 193), fb::ChallengeKind::Suit, "（2026）豫1503行初88号",
                                    fb::ChallengeResult::Dismissed, "（2026）豫1503行初88号", "2026-09-10"));
  f.Refused(demolish(210), "P-DEMOLITION");            // Mon 09-28
  f.Admit(demolish(211));                              // Tue 09-29
  f.Refused(ApplyOn(f, "D1", 212), "P-COURT-PERIOD");  // the judgment is enforced, not the decision
}

}  // namespace
}  // namespace lawtrail::testing
