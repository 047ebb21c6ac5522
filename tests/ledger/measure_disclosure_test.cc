// A 行政强制 case's decision is its 查封/扣押决定: it is published like any other
// decision, within twenty working days (国办发〔2018〕118号, D3), never about a
// minor, once. A measure taken while a penalty is investigated is a step of that
// case: the penalty decision is what it publishes. Dates are worked out by hand:
// the fixture's Day(0) is Mon 2026-03-02; March 2026 has no holiday.
#include <catch2/catch.hpp>

#include "tests/support/case_fixture.h"

namespace lawtrail::testing {
namespace {

// A 扣押 on Tue 2026-03-03 (Day 1), recorded from start to end.
void Seized(CaseFixture& f, const std::string& id, const std::string& measure_no, int day = 1) {
  const domain::AvInfo av{"av-" + id + measure_no, CaseFixture::Day(day, 9), CaseFixture::Day(day, 11)};
  f.Admit(domain::TakeCoerciveMeasure(f.ApprovedBy(f.a, id, day, fb::Payload::CoerciveMeasureTaken), measure_no,
                                      {f.a.certificate_no, f.b.certificate_no}, "三轮车一辆", 30, {av}));
}

Bytes Publish(CaseFixture& f, const std::string& id, const std::string& no, int day, const std::string& pub = "") {
  return domain::PublishDecision(f.By(f.discloser, id, day), pub.empty() ? "PUB-" + id : pub, no, "2026-03-31",
                                 "2027-03-03", "扣押三轮车一辆，期限三十日");
}

TEST_CASE(
    "F-DISCLOSURE-LATE: a 扣押决定 of Tue 2026-03-03 is public by Tue 03-31, twenty working days on, and late on "
    "04-01",
    "[rules][time]") {
  // 03-04 … 03-06 (3), 03-09 … 03-13 (8), 03-16 … 03-20 (13), 03-23 … 03-27 (18), 03-30, 03-31 (20).
  CaseFixture f;
  f.Open("Q1", 0, kCoercionItem);
  Seized(f, "Q1", "青综执扣〔2026〕1号");
  f.Refused(Publish(f, "Q1", "青综执扣〔2026〕9号", 29), "P-PUBLICATION");  // not this case's measure
  CHECK(f.Admit(Publish(f, "Q1", "青综执扣〔2026〕1号", 29)).flags.empty());
  f.Open("Q2", 0, kCoercionItem);
  Seized(f, "Q2", "青综执扣〔2026〕2号");
  f.Flagged(Publish(f, "Q2", "青综执扣〔2026〕2号", 30), "F-DISCLOSURE-LATE");
}

TEST_CASE("P-PUBLICATION: a 行政强制 case publishes its measure once, never a minor's, and a penalty case none",
          "[rules]") {
  CaseFixture f;
  f.Open("Q3", 0, kCoercionItem);
  Seized(f, "Q3", "扣3-1");
  Seized(f, "Q3", "扣3-2", 2);
  f.Admit(Publish(f, "Q3", "扣3-1", 5));
  f.Refused(Publish(f, "Q3", "扣3-2", 6, "PUB-Q3-2"), "P-PUBLICATION");  // the case's decision is out already
  f.Admit(domain::WithdrawPublication(f.By(f.discloser, "Q3", 7), "PUB-Q3", "措施已依复议决定撤销"));

  f.Open("Q4", 0, kCoercionItem, fb::Procedure::General, fb::PartyKind::NaturalPerson, /*minor=*/true);
  Seized(f, "Q4", "扣4");
  f.Refused(Publish(f, "Q4", "扣4", 5), "P-PUBLICATION");

  // A seizure while a penalty is investigated: the case publishes its penalty decision, not the measure.
  f.Open("Q5", 0);
  Seized(f, "Q5", "扣5");
  f.Refused(Publish(f, "Q5", "扣5", 5), "P-PUBLICATION");
}

}  // namespace
}  // namespace lawtrail::testing
