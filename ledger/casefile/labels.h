// File: ledger/casefile/labels.h
// -----------------------------------------------------------------------------
// The Chinese labels views show for the schema's enums (行政处罚, 自然人, 罚款 …),
// and dates as China sees them.
#ifndef LAWTRAIL_LEDGER_CASEFILE_LABELS_H_
#define LAWTRAIL_LEDGER_CASEFILE_LABELS_H_

#include <string>

#include "ledger/domain/legal_periods.h"
#include "schemas/statement_generated.h"

namespace lawtrail {

const char* Label(fb::CaseCategory v);
const char* Label(fb::Procedure v);
const char* Label(fb::PartyKind v);
const char* Label(fb::PenaltyType v);
const char* Label(fb::DecisionOutcome v);
const char* Label(fb::DecisionChange v);
const char* Label(fb::ChangeAuthority v);
const char* Label(fb::ServiceMethod v);
const char* Label(fb::CloseReason v);
const char* Label(fb::RemedyNotice v);  // 已告知 / 未告知 / 未记录

// YYYY-MM-DD in China (UTC+8) of `ms` since the epoch.
std::string ChinaDay(int64_t ms);
// "HH", the hour of day in China time.
std::string ChinaHour(int64_t ms);
// `day` plus `n` working days (start not counted), YYYY-MM-DD.
std::string AddWorkingDays(const std::string& day, int n);
// `day` plus `n` calendar days, for periods the law counts in days (日).
std::string AddCalendarDays(const std::string& day, int n);
// The day `period` (legal_periods.h) runs out when it starts on `day`.
std::string DueOn(const domain::LegalPeriod& period, const std::string& day);
// The same day, and whether it reaches into a year whose holiday notice is not
// published yet (computed by the weekday rule alone, so it may still move).
struct DueDay {
  std::string on;
  bool provisional = false;
};
DueDay DueOf(const domain::LegalPeriod& period, const std::string& day);

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_CASEFILE_LABELS_H_
