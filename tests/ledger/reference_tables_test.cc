// Reference tables adopted into the log (ReferenceTableAdopted): the rules
// read the tables in force at each record's time, so a later calendar never
// changes the verdict on an earlier record — in admission, in `verify` and in
// a follower replaying the stream.
#include "ledger/domain/reference_tables.h"

#include <catch2/catch.hpp>

#include "ledger/log/log.h"
#include "tests/support/case_fixture.h"
#include "tests/support/tamper.h"

namespace lawtrail::testing {
namespace {

using Kind = fb::ReferenceTableKind;

const std::string& ShippedCalendar() { return domain::ReferenceTables::Builtin()->text(Kind::HolidayCalendar); }

// The shipped calendar publishes years up to 2026; 2027 is counted by the
// weekday rule alone. A 2027 notice for the test (hypothetical: it only
// makes 元旦, Friday 1 January 2027, a holiday).
std::string Calendar2027() { return ShippedCalendar() + "year\t2027\t测试用通知\n2027-01-01\toff\t元旦\n"; }

Bytes Adopt(CaseFixture& f, Kind kind, const std::string& content, const std::string& from = "2018-01-01",
            const std::string& until = "2027-12-31", const std::string& source = "国务院办公厅通知") {
  return f.t().SignedRegistryEvent(
      [&](const StatementHeader& h) { return ReferenceTableAdoptedStatement(h, kind, content, from, until, source); });
}

TEST_CASE("adopting a 2027 calendar governs the records after it and changes no verdict before it",
          "[reference][time]") {
  // Day(n) is 2026-03-02 plus n days: 302 is Tue 2026-12-29, 308 is Mon 2027-01-04.
  CaseFixture f(CaseFixture::Recording::kAsActed);
  for (const char* id : {"E1", "E2"}) {
    f.Open(id, 295);
    f.Investigate(id, 296);
    f.Conclude(id, 297, 50000);
    f.Review(id, 298);
    f.Notice(id, 302, 50000);  // the 3-working-day statement period starts
  }
  // Without the 2027 notice, 30 and 31 December and Friday 1 January are working days: the period's last day is
  // 1 January, and a decision on Monday 4 January comes after it.
  f.Admit(f.Decision("E1", 308, 50000));

  const Appended adopted = f.Admit(Adopt(f, Kind::HolidayCalendar, Calendar2027()));
  // With it, 1 January is 元旦: the last day is 4 January itself, and a decision that day is refused.
  f.Refused(f.Decision("E2", 308, 50000), "P-DEFENCE");
  f.Admit(f.Decision("E2", 309, 50000));  // Tue 5 January
  CHECK(f.t().log().size() == adopted.index + 2);

  // `verify` replays every record against the tables in force when it was recorded: E1's decision still passes.
  const uint64_t size = f.t().log().size();
  const Hash primary = f.t().log().StateDigest();
  std::vector<Bytes> records;
  REQUIRE(f.t()
              .log()
              .reader()
              .ScanRecords(0, size,
                           [&](uint64_t, ByteView b) {
                             records.emplace_back(b.begin(), b.end());
                             return Status::Ok();
                           })
              .ok());
  f.t().Close();
  const VerifyReport report = VerifyDir(f.t().dir(), f.t().vkey());
  INFO(report.status.ToString());
  REQUIRE(report.status.ok());
  CHECK(report.records == size);
  CHECK(report.state_digest == primary);

  // A follower replaying the stream reaches the same state.
  const auto replayed = ReplayedDigest(f.t().vkey(), records);
  INFO(replayed.status().ToString());
  REQUIRE(replayed.ok());
  CHECK(*replayed == primary);

  // And the primary, reopened, folds the cases again with the same tables.
  f.t().Reopen();
  CHECK(f.t().log().StateDigest() == primary);
}

}  // namespace
}  // namespace lawtrail::testing
