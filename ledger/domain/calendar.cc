#include "ledger/domain/calendar.h"

#include <charconv>
#include <cstdio>
#include <vector>

namespace lawtrail::domain {

// The shipped data, embedded at build time (holidays_data.cc.in).
extern const std::string_view kHolidaysCnTsv;

namespace {

using std::chrono::days;
using std::chrono::sys_days;

constexpr int64_t kChinaOffsetMs = 8 * 3600 * 1000;

int DayNumber(const Date& d) { return sys_days(d).time_since_epoch().count(); }

bool IsWeekday(const Date& d) {
  const unsigned wd = std::chrono::weekday(sys_days(d)).c_encoding();  // 0 = Sunday
  return wd >= 1 && wd <= 5;
}

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t start = 0;
  for (size_t i = 0; i <= line.size(); ++i) {
    if (i == line.size() || line[i] == '\t') {
      fields.push_back(line.substr(start, i - start));
      start = i + 1;
    }
  }
  return fields;
}

}  // namespace

Result<Date> ParseDate(std::string_view s) {
  int y = 0;
  unsigned m = 0, d = 0;
  const bool shape = s.size() == 10 && s[4] == '-' && s[7] == '-';
  const char* b = s.data();
  if (!shape || std::from_chars(b, b + 4, y).ptr != b + 4 || std::from_chars(b + 5, b + 7, m).ptr != b + 7 ||
      std::from_chars(b + 8, b + 10, d).ptr != b + 10) {
    return Status::InvalidArgument("'" + std::string(s) + "' is not a date of the form YYYY-MM-DD");
  }
  const Date date{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
  if (!date.ok()) return Status::InvalidArgument("'" + std::string(s) + "' is not a valid date");
  return date;
}

std::string FormatDate(const Date& d) {
  const int year = int(d.year());
  if (year < 0 || year > 9999) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", year, unsigned(d.month()), unsigned(d.day()));
    return buf;
  }
  // Folding the log formats a date or two per record: digits by hand, not printf.
  const unsigned month = unsigned(d.month()), day = unsigned(d.day());
  const char text[10] = {char('0' + year / 1000),
                         char('0' + year / 100 % 10),
                         char('0' + year / 10 % 10),
                         char('0' + year % 10),
                         '-',
                         char('0' + month / 10),
                         char('0' + month % 10),
                         '-',
                         char('0' + day / 10),
                         char('0' + day % 10)};
  return std::string(text, sizeof text);
}

Result<WorkdayCalendar> WorkdayCalendar::Parse(std::string_view tsv) {
  WorkdayCalendar cal;
  int line_no = 0;
  while (!tsv.empty()) {
    const size_t nl = tsv.find('\n');
    const std::string_view line = tsv.substr(0, nl);
    tsv.remove_prefix(nl == std::string_view::npos ? tsv.size() : nl + 1);
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    const auto fields = SplitTabs(line);
    const std::string where = "holiday data line " + std::to_string(line_no);
    if (fields.size() >= 2 && fields[0] == "year") {
      int year = 0;
      if (std::from_chars(fields[1].data(), fields[1].data() + fields[1].size(), year).ec != std::errc()) {
        return Status::InvalidArgument(where + ": bad year");
      }
      cal.published_.insert(year);
      continue;
    }
    if (fields.size() < 2 || (fields[1] != "off" && fields[1] != "work")) {
      return Status::InvalidArgument(where + ": want DATE<TAB>off|work<TAB>name");
    }
    auto date = ParseDate(fields[0]);
    if (!date.ok()) return date.status().WithContext(where);
    if (cal.published_.count(int(date->year())) == 0) {
      return Status::InvalidArgument(where + ": date before its year's 'year' line");
    }
    cal.overrides_[DayNumber(*date)] = fields[1] == "work";
  }
  return cal;
}

const WorkdayCalendar& WorkdayCalendar::China() {
  static const WorkdayCalendar cal = [] {
    auto parsed = Parse(kHolidaysCnTsv);
    // The embedded data is checked by the tests; it cannot fail at run time.
    return parsed.ok() ? std::move(parsed).value() : WorkdayCalendar();
  }();
  return cal;
}

bool WorkdayCalendar::IsWorkday(const Date& d) const {
  if (auto it = overrides_.find(DayNumber(d)); it != overrides_.end()) return it->second;
  return IsWeekday(d);
}

std::chrono::year WorkdayCalendar::LastPublishedYear() const {
  return std::chrono::year(published_.empty() ? 0 : *published_.rbegin());
}

Deadline WorkdayCalendar::AddWorkingDays(const Date& start, int n) const {
  sys_days day(start);
  bool provisional = !Published(start.year());
  for (int counted = 0; counted < n;) {
    day += days(1);
    const Date d(day);
    provisional = provisional || !Published(d.year());
    if (IsWorkday(d)) ++counted;
  }
  return {Date(day), provisional};
}

Deadline WorkdayCalendar::AddCalendarDays(const Date& start, int n) const {
  // A period whose last day is a rest day ends on the next working day
  // (民事诉讼法 第85条, 行政诉讼法 第101条); a make-up working Saturday is a working day.
  sys_days day = sys_days(start) + days(n);
  bool provisional = !Published(Date(day).year());
  while (!IsWorkday(Date(day))) {
    day += days(1);
    provisional = provisional || !Published(Date(day).year());
  }
  return {Date(day), provisional};
}

Date MonthsLater(const Date& start, int n) {
  const std::chrono::year_month ym = std::chrono::year_month(start.year(), start.month()) + std::chrono::months(n);
  const std::chrono::day last =
      std::chrono::year_month_day_last(ym.year(), std::chrono::month_day_last(ym.month())).day();
  return Date(ym.year(), ym.month(), std::min(start.day(), last));
}

Deadline WorkdayCalendar::AddMonths(const Date& start, int n) const {
  return AddCalendarDays(MonthsLater(start, n), 0);
}

int WorkdayCalendar::WorkingDaysBetween(const Date& from, const Date& to) const {
  int count = 0;
  for (sys_days day = sys_days(from) + days(1); day <= sys_days(to); day += days(1)) {
    if (IsWorkday(Date(day))) ++count;
  }
  return count;
}

Date ChinaDateOf(int64_t ms) {
  const int64_t local = ms + kChinaOffsetMs;
  const int64_t day = local >= 0 ? local / kDayMs : (local - kDayMs + 1) / kDayMs;
  return Date(sys_days(std::chrono::days(day)));
}

int64_t ChinaMidnightMs(const Date& d) { return int64_t{DayNumber(d)} * kDayMs - kChinaOffsetMs; }

std::string FormatChinaTime(int64_t ms) {
  const Date d = ChinaDateOf(ms);
  const int64_t minutes = (ms - ChinaMidnightMs(d)) / 60'000;
  char hm[8];
  std::snprintf(hm, sizeof hm, "%02d:%02d", static_cast<int>(minutes / 60), static_cast<int>(minutes % 60));
  return FormatDate(d) + " " + hm;
}

}  // namespace lawtrail::domain
