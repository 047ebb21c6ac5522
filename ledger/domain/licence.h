// File: ledger/domain/licence.h
// -----------------------------------------------------------------------------
// A 行政许可 case as its rules need it: when the materials came in, how the
// agency answered (受理, 不予受理, the one-time 补正 notice), the time it may not
// count, its extension and hearing, the decision and what became of the
// licence. Admission folds it from the case's records; the views fold the
// same records to show the case and count it.
//
// Every period here is the agency's and counted in working days (行政许可法
// 第82条). The decision clock starts at acceptance; an application the agency
// left unanswered for five working days is accepted as of its receipt
// (第32条), and so is one it accepted late — the applicant never loses time
// to the agency's delay.
//
// Example (hand-worked in domain-acts.md §2): received and accepted
// 2025-09-26 → decide by 2025-10-30; extended → 2025-11-13; with 专家评审
// 2025-10-13…17 told in writing → 2025-11-06.
#ifndef LAWTRAIL_LEDGER_DOMAIN_LICENCE_H_
#define LAWTRAIL_LEDGER_DOMAIN_LICENCE_H_

#include <optional>
#include <string>
#include <vector>

#include "ledger/domain/calendar.h"
#include "schemas/statement_generated.h"

namespace lawtrail::domain {

// The statute's figures, in working days.
inline constexpr int kLicenceIntakeDays = 5;         // 第32条: answer or ask for 补正
inline constexpr int kLicenceDecisionDays = 20;      // 第42条第1款
inline constexpr int kLicenceExtensionDays = 10;     // 第42条第1款, the head's approval
inline constexpr int kLicenceCertificateDays = 10;   // 第44条
inline constexpr int kLicenceHearingAskDays = 5;     // 第47条第1款
inline constexpr int kLicenceHearingHoldDays = 20;   // 第47条第2款, from the request
inline constexpr int kLicenceHearingNoticeDays = 7;  // 第48条第1款第(一)项
inline constexpr int kLicenceRenewalDays = 30;       // 第50条: calendar days before expiry

struct LicenceSpan {
  Date from{}, to{};  // both included
};

struct LicenceFile {
  bool applied = false;
  fb::LicenceApplication kind = fb::LicenceApplication::New;
  std::string matter;
  Date received{};                   // the application
  std::optional<Date> supplemented;  // the 补正 materials
  std::optional<Date> incomplete_told;
  fb::LicenceIntakeOutcome intake = fb::LicenceIntakeOutcome::Unrecorded;  // Accepted or NotAccepted once answered
  Date intake_on{};
  std::optional<Date> expires;  // 延续: the licence's expiry
  std::vector<LicenceSpan> excluded;
  bool extended = false;
  // The hearing (第46–48条).
  std::optional<Date> hearing_offered, hearing_requested;
  bool hearing_announced = false, hearing_waived = false, hearing_held = false;
  std::optional<Date> hearing_on;  // the day notified
  std::string hearing_presider;
  // The decision and the licence.
  bool decided = false, granted = false;
  Date decided_on{};
  bool certificate_issued = false;
  std::optional<fb::LicenceEnding> ended;
  Date ended_on{};

  // A hearing was asked for or announced and has not been held.
  bool HearingPending() const {
    return (hearing_announced || hearing_requested.has_value()) && !hearing_held && !hearing_waived;
  }
};

// The acts of schemas/licensing.fbs (appended together to the Payload union).
constexpr bool IsLicenceAct(fb::Payload type) {
  return type >= fb::Payload::LicenceApplied && type <= fb::Payload::LicenceEnded;
}

// Folds one admitted act of a licensing case; other cases' acts leave it untouched.
void FoldLicence(LicenceFile& f, const fb::Statement& st);

// The day the decision clock starts, or nothing while the agency may still
// answer (and has not accepted): after `today`'s answer or silence.
// 第32条: silence for five working days after the (supplemented) materials
// came in accepts them as of that day; a 受理 within the five counts from
// itself.
std::optional<Date> AcceptedOn(const LicenceFile& f, const WorkdayCalendar& calendar, const Date& today);

// The last day to decide (第42条, 第45条): twenty working days from
// acceptance, ten more when extended, and the excluded days told in writing
// added back. `accepted` from AcceptedOn.
Deadline LicenceDecisionDue(const LicenceFile& f, const WorkdayCalendar& calendar, const Date& accepted);

// For people: 受理 / 不予受理 / 补正; 准予 / 不予; 撤回 / 撤销 / 注销; the licence's state.
const char* LicenceIntakeName(fb::LicenceIntakeOutcome v);
const char* LicenceEndingName(fb::LicenceEnding v);
const char* LicenceExcludedName(fb::LicenceExcludedTime v);
const char* LicenceApplicationName(fb::LicenceApplication v);
std::string LicenceStateName(const LicenceFile& f);

}  // namespace lawtrail::domain

#endif  // LAWTRAIL_LEDGER_DOMAIN_LICENCE_H_
