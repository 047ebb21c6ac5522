// 代履行 (行政强制法 第50–52条): decided after a 催告 whose deadline passed, with
// what 第51条 asks the 决定书 to say; the party reminded three working days
// before the day (第69条: working days); carried out under the agency's
// supervisor and signed by the supervisor, the performer and the party or a
// witness; at once, without all that, only for 第52条's clearing. Dates are
// worked out by hand: the fixture's Day(0) is Mon 2026-03-02; 劳动节 is
// 05-01…05-05 off and Sat 05-09 is worked (国务院办公厅 2026 holiday notice).
#include <catch2/catch.hpp>

#include "tests/support/case_fixture.h"

namespace lawtrail::testing {
namespace {

constexpr int kApr21 = 50, kApr27 = 56, kApr28 = 57, kMay7 = 66, kMay8 = 67, kMay10 = 69, kMay11 = 70, kMay12 = 71;

// A penalty decided and served on Mon 2026-01-05, then a 催告 served Tue 04-21 to perform by Mon 04-27.
void RemindedCase(CaseFixture& f, const std::string& id) {
  f.DecidedCase(id, -63, 50000);
  f.Admit(domain::ServeDocument(f.By(f.a, id, -56), CaseFixture::DecisionNo(id), "行政处罚决定书",
                                fb::ServiceMethod::Direct, CaseFixture::Day(-56)));
  f.Admit(domain::ServeDemandNotice(f.By(f.a, id, kApr21), 0, "2026-04-27"));
}

domain::SubstituteExecution Decision(const std::string& id, const std::string& on = "2026-05-11") {
  return {"青综执代〔2026〕" + id,
          "当事人逾期未清除占道堆放的建筑垃圾，经催告仍不履行，影响交通安全",
          "清运",
          "青山镇解放路 12 号门前建筑垃圾约 20 立方米",
          on,
          "青山镇环卫所",
          180000,
          false};
}

domain::SubstituteDone Done(CaseFixture& f) {
  return {
      {f.a.certificate_no, f.b.certificate_no}, f.c.certificate_no, "清运建筑垃圾 20 立方米", 176000, true, true, {}};
}

TEST_CASE("P-SUBSTITUTE: a 代履行 is decided only after a 催告 whose deadline passed, with all 第51条 asks",
          "[rules]") {
  CaseFixture f;
  RemindedCase(f, "S1");
  f.Refused(domain::DecideSubstituteExecution(f.By(f.head, "S1", kApr27), Decision("S1")),
            "P-SUBSTITUTE");  // the 催告's deadline itself
  domain::SubstituteExecution no_cost = Decision("S1");
  no_cost.cost_estimate_fen = 0;
  f.Refused(domain::DecideSubstituteExecution(f.By(f.head, "S1", kApr28), no_cost), "P-SUBSTITUTE");
  domain::SubstituteExecution no_performer = Decision("S1");
  no_performer.performer = "";
  f.Refused(domain::DecideSubstituteExecution(f.By(f.head, "S1", kApr28), no_performer), "P-SUBSTITUTE");
  f.Refused(domain::DecideSubstituteExecution(f.By(f.head, "S1", kApr28), Decision("S1", "2026-04-27")),
            "P-SUBSTITUTE");  // a day already past
  f.Refused(domain::DecideSubstituteExecution(f.By(f.head, "S1", kApr28), Decision("S1", "2026-5-11")),
            "P-SUBSTITUTE");  // not a date
  f.Refused(domain::DecideSubstituteExecution(f.By(f.a, "S1", kApr28), Decision("S1")), "P-HEAD");
  f.Admit(domain::DecideSubstituteExecution(f.By(f.head, "S1", kApr28), Decision("S1")));
  f.Refused(domain::DecideSubstituteExecution(f.By(f.head, "S1", kApr28, 11), Decision("S1-2")),
            "P-SUBSTITUTE");  // one is pending
}

TEST_CASE(
    "P-SUBSTITUTE: the party is reminded three working days before — for Mon 2026-05-11, by Thu 05-07, since Sat "
    "05-09 is worked",
    "[rules][time]") {
  // Thu 05-07 → Fri 05-08, Sat 05-09 (worked), Mon 05-11: three working days.
  CaseFixture f;
  RemindedCase(f, "S1");
  f.Admit(domain::DecideSubstituteExecution(f.By(f.head, "S1", kApr28), Decision("S1")));
  f.Refused(domain::CarryOutSubstitute(f.By(f.a, "S1", kMay11), Done(f)), "P-SUBSTITUTE");  // never reminded since
  f.Admit(domain::ServeDemandNotice(f.By(f.a, "S1", kMay7), 0, "2026-05-08"));
  f.Refused(domain::CarryOutSubstitute(f.By(f.a, "S1", kMay10), Done(f)), "P-SUBSTITUTE");  // before the set day
  domain::SubstituteDone unsupervised = Done(f);
  unsupervised.supervisor = "41150099";  // no such officer
  f.Refused(domain::CarryOutSubstitute(f.By(f.a, "S1", kMay11), unsupervised), "P-SUBSTITUTE");
  domain::SubstituteDone unsigned_by_party = Done(f);
  unsigned_by_party.party_or_witness_signed = false;
  f.Refused(domain::CarryOutSubstitute(f.By(f.a, "S1", kMay11), unsigned_by_party), "P-SUBSTITUTE");
  domain::SubstituteDone unsigned_by_performer = Done(f);
  unsigned_by_performer.performer_signed = false;
  f.Refused(domain::CarryOutSubstitute(f.By(f.a, "S1", kMay11), unsigned_by_performer), "P-SUBSTITUTE");
  f.Refused(domain::CarryOutSubstitute(f.By(f.a, "S1", kMay11, 23), Done(f)), "P-ENFORCE-HOURS");
  f.Admit(domain::CarryOutSubstitute(f.By(f.a, "S1", kMay11), Done(f)));
  f.Refused(domain::CarryOutSubstitute(f.By(f.a, "S1", kMay12), Done(f)), "P-SUBSTITUTE");  // done already

  // Reminded on Fri 05-08: Sat 05-09 and Mon 05-11 are two working days, so not on the 11th; Tue 05-12 is the third.
  CaseFixture g;
  RemindedCase(g, "S2");
  g.Admit(domain::DecideSubstituteExecution(g.By(g.head, "S2", kApr28), Decision("S2")));
  g.Admit(domain::ServeDemandNotice(g.By(g.a, "S2", kMay8), 0, "2026-05-09"));
  g.Refused(domain::CarryOutSubstitute(g.By(g.a, "S2", kMay11), Done(g)), "P-SUBSTITUTE");
  g.Admit(domain::CarryOutSubstitute(g.By(g.a, "S2", kMay12), Done(g)));
}

TEST_CASE("P-SUBSTITUTE: a road cleared at once (第52条) needs no 催告 and no set day", "[rules]") {
  CaseFixture f;
  f.DecidedCase("S3", -63, 50000);
  domain::SubstituteExecution now = Decision("S3", "2026-01-05");
  now.immediate = true;
  now.reason = "货车侧翻，散落物阻断道路，当事人无法清除";
  f.Admit(domain::DecideSubstituteExecution(f.By(f.head, "S3", -56, 15), now));
  domain::SubstituteDone cleared = Done(f);
  cleared.supervisor = "";
  cleared.party_or_witness_signed = false;  // the party was not there: told afterwards
  f.Admit(domain::CarryOutSubstitute(f.By(f.a, "S3", -56, 16), cleared));
}

}  // namespace
}  // namespace lawtrail::testing
