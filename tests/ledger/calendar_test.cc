// Chinese working days: the published vectors, the yearly totals, and a
// provisional deadline past the last published notice.
#include "ledger/domain/calendar.h"

#include <catch2/catch.hpp>

namespace lawtrail::domain {
namespace {

Date D(const char* s) {
  auto d = ParseDate(s);
  REQUIRE(d.ok());
  return *d;
}

TEST_CASE("working-day deadlines match the published vectors", "[calendar]") {
  const auto& cal = WorkdayCalendar::China();
  struct Vector {
    const char* start;
    int n;
    const char* deadline;
  };
  const Vector vectors[] = {
      {"2025-09-26", 7, "2025-10-13"},  // counts 09-28 (Sun) and 10-11 (Sat), both 调休 workdays
      {"2025-09-26", 20, "2025-10-30"}, {"2025-01-24", 5, "2025-02-07"},
      {"2025-12-31", 3, "2026-01-06"},  // 2026-01-04 (Sun) is a workday
      {"2026-02-12", 7, "2026-02-28"},  // a Saturday make-up workday
      {"2026-02-12", 20, "2026-03-18"}, {"2026-09-24", 7, "2026-10-12"},
  };
  for (const auto& v : vectors) {
    INFO(v.start << " + " << v.n << " working days");
    const Deadline d = cal.AddWorkingDays(D(v.start), v.n);
    CHECK(FormatDate(d.date) == v.deadline);
    CHECK_FALSE(d.provisional);
  }
}

TEST_CASE("2025 and 2026 each have 248 working days", "[calendar]") {
  const auto& cal = WorkdayCalendar::China();
  CHECK(cal.WorkingDaysBetween(D("2024-12-31"), D("2025-12-31")) == 248);
  CHECK(cal.WorkingDaysBetween(D("2025-12-31"), D("2026-12-31")) == 248);
}

TEST_CASE("holidays, make-up days and plain weekends are told apart", "[calendar]") {
  const auto& cal = WorkdayCalendar::China();
  CHECK_FALSE(cal.IsWorkday(D("2026-02-17")));  // 春节, a Tuesday
  CHECK(cal.IsWorkday(D("2026-02-14")));        // Saturday, 调休上班
  CHECK_FALSE(cal.IsWorkday(D("2026-03-07")));  // an ordinary Saturday
  CHECK(cal.IsWorkday(D("2026-03-09")));        // an ordinary Monday
}

TEST_CASE("a deadline reaching past the last published year is provisional", "[calendar]") {
  const auto& cal = WorkdayCalendar::China();
  REQUIRE(int(cal.LastPublishedYear()) == 2026);
  const Deadline d = cal.AddWorkingDays(D("2026-12-28"), 7);
  CHECK(d.provisional);
  CHECK(FormatDate(d.date) == "2027-01-06");  // by the weekday rule alone
  CHECK_FALSE(cal.AddWorkingDays(D("2026-12-01"), 7).provisional);
  CHECK(FormatDate(cal.AddCalendarDays(D("2026-02-12"), 90).date) == "2026-05-13");
}

TEST_CASE("a period in calendar days whose last day is a rest day ends on the next working day", "[calendar]") {
  // Worked out by hand from the State Council's holiday notices for 2025 (国庆 10-01 … 10-08 off,
  // 10-11 worked) and 2026 (春节 02-15 … 02-23 off, 02-14 and 02-28 worked); start day not counted.
  const auto& cal = WorkdayCalendar::China();
  const struct {
    const char* start;
    int days;
    const char* end;
  } rows[] = {
      {"2025-09-26", 30, "2025-10-27"},  // raw 10-26, a Sunday
      {"2026-01-20", 30, "2026-02-24"},  // raw 02-19, 春节
      {"2025-12-19", 60, "2026-02-24"},  // raw 02-17, 春节 (a 复议 period)
      {"2025-08-02", 60, "2025-10-09"},  // raw 10-01, 国庆 through 10-08
      {"2025-12-15", 60, "2026-02-13"},  // a Friday: not moved
      {"2026-01-29", 30, "2026-02-28"},  // a Saturday worked (调休): not moved
  };
  for (const auto& row : rows) {
    INFO(row.start << " + " << row.days);
    const Deadline d = cal.AddCalendarDays(D(row.start), row.days);
    CHECK(FormatDate(d.date) == row.end);
    CHECK_FALSE(d.provisional);
  }
  // Past the last published year only the weekday rule is known: provisional.
  CHECK(cal.AddCalendarDays(D("2026-12-20"), 30).provisional);
}

TEST_CASE("bad dates and bad data are refused with the reason", "[calendar]") {
  CHECK_FALSE(ParseDate("2026-02-30").ok());
  CHECK_FALSE(ParseDate("26-2-3").ok());
  auto bad = WorkdayCalendar::Parse("year\t2026\n2026-01-01\tmaybe\t元旦\n");
  REQUIRE_FALSE(bad.ok());
  CHECK_THAT(bad.status().message(), Catch::Contains("line 2"));
}

}  // namespace
}  // namespace lawtrail::domain
