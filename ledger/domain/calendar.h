// File: ledger/domain/calendar.h
// -----------------------------------------------------------------------------
// Chinese working days (工作日) for disclosure and procedure deadlines (D7).
//
// A day is a working day if the State Council's notice for its year lists it as
// a make-up working day (调休上班), or if it is Monday–Friday and the notice
// does not list it as a holiday. Periods in working days start counting the
// day after the start date (by analogy with 民事诉讼法 §85). A year whose notice
// is not published yet can only be computed by the weekday rule, so any result
// that reaches into it is marked provisional. Facts: domain.md §8; data:
// ledger/domain/holidays-cn.tsv (tools/import-holidays.py).
//
// Example:
//   const auto& cal = WorkdayCalendar::China();
//   auto d = cal.AddWorkingDays(ParseDate("2026-02-12").value(), 7);
//   // d.date == 2026-02-28 (a Saturday make-up working day), d.provisional == false
#ifndef LAWTRAIL_LEDGER_DOMAIN_CALENDAR_H_
#define LAWTRAIL_LEDGER_DOMAIN_CALENDAR_H_

#include <chrono>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "ledger/core/status.h"

namespace lawtrail::domain {

using Date = std::chrono::year_month_day;

inline constexpr int64_t kDayMs = 24 * 3600 * 1000;

Result<Date> ParseDate(std::string_view yyyy_mm_dd);
std::string FormatDate(const Date& d);
// The date in China (UTC+8, no daylight saving) at `ms` since the Unix epoch.
Date ChinaDateOf(int64_t ms);
// 00:00 China time of `d`, in ms since the Unix epoch.
int64_t ChinaMidnightMs(const Date& d);
// "YYYY-MM-DD HH:MM" China time, for messages a person reads.
std::string FormatChinaTime(int64_t ms);

// `start` plus n months: the same day of the month, or the month's last day
// if it has none; not moved past rest days (a span, not a period's last day).
Date MonthsLater(const Date& start, int n);

struct Deadline {
  Date date;
  bool provisional = false;  // reaches into a year with no published notice
};

class WorkdayCalendar {
 public:
  // The calendar built from the notices shipped with lawtrail. Thread-safe.
  static const WorkdayCalendar& China();
  // Parses the holidays-cn.tsv format (see the file's header).
  static Result<WorkdayCalendar> Parse(std::string_view tsv);

  bool IsWorkday(const Date& d) const;
  bool Published(std::chrono::year y) const { return published_.count(int(y)) != 0; }
  std::chrono::year LastPublishedYear() const;
  const std::set<int>& published_years() const { return published_; }

  // The n-th working day after `start` (start not counted). REQUIRES: n >= 0.
  Deadline AddWorkingDays(const Date& start, int n) const;
  // `start` plus n calendar days, for periods the law counts in days (日);
  // a last day that is not a working day moves to the next working day.
  Deadline AddCalendarDays(const Date& start, int n) const;
  // `start` plus n months (月): the same day of the month, or the month's
  // last day if it has none, moved past rest days like AddCalendarDays.
  Deadline AddMonths(const Date& start, int n) const;
  // Working days in (from, to]: how far along a working-day period is.
  int WorkingDaysBetween(const Date& from, const Date& to) const;

 private:
  std::map<int, bool> overrides_;  // days since the epoch → is a working day
  std::set<int> published_;        // years with a published notice
};

}  // namespace lawtrail::domain

#endif  // LAWTRAIL_LEDGER_DOMAIN_CALENDAR_H_
