// File: ledger/domain/legal_periods.h
// -----------------------------------------------------------------------------
// Every statutory period the rules and views count, named once: its length,
// whether it counts calendar or working days, the law that sets it, and the
// rule (rules.h) that enforces it. Admission (procedure.cc) and the warnings
// view (projectors/warnings_view.cc) both read these, so a period can never
// be 90 days in one and 60 in the other; a test checks that each period's
// rule cites the period's law.
//
// Example:
//   if (CalendarDays(opened, decided) > periods::kDecision.days) Raise(periods::kDecision.rule_id, …);
#ifndef LAWTRAIL_LEDGER_DOMAIN_LEGAL_PERIODS_H_
#define LAWTRAIL_LEDGER_DOMAIN_LEGAL_PERIODS_H_

#include <array>
#include <string_view>

namespace lawtrail::domain {

enum class DayCount { kCalendar, kWorking };

struct LegalPeriod {
  std::string_view name;     // stable: the warnings view's deadline kind ("decision-90-days")
  std::string_view rule_id;  // the rule that enforces it (rules.h); "" when only the view watches it
  int days;
  DayCount count;
  std::string_view law;  // the article that sets it
};

namespace periods {

// 行政处罚法 第60条: decide within 90 days of 立案.
inline constexpr LegalPeriod kDecision{"decision-90-days", "F-DECISION-90", 90, DayCount::kCalendar,
                                       "行政处罚法 第60条"};
// 行政处罚法 第61条: serve the decision within 7 working days (宣告后当场交付 or 七日内送达).
inline constexpr LegalPeriod kService{"service-7-working-days", "F-SERVICE-7WD", 7, DayCount::kWorking,
                                      "行政处罚法 第61条"};
// 国办发〔2018〕118号: a penalty (or licensing) decision is public within 7 working days…
inline constexpr LegalPeriod kDisclosure{"disclosure-7-working-days", "F-DISCLOSURE-LATE", 7, DayCount::kWorking,
                                         "国办发〔2018〕118号"};
// …and other decisions within 20 working days.
inline constexpr LegalPeriod kDisclosureOther{"disclosure-20-working-days", "F-DISCLOSURE-LATE", 20, DayCount::kWorking,
                                              "国办发〔2018〕118号"};
// 行政处罚法 第48条: a changed or revoked decision's disclosure is withdrawn within 3 working days.
inline constexpr LegalPeriod kWithdrawal{"withdrawal-3-working-days", "F-WITHDRAW-3WD", 3, DayCount::kWorking,
                                         "行政处罚法 第48条"};
// 行政处罚法 第56条: preserved evidence is dealt with within 7 working days (先行登记保存).
inline constexpr LegalPeriod kPreservation{"preservation-7-working-days", "F-PRESERVATION-7WD", 7, DayCount::kWorking,
                                           "行政处罚法 第56条"};
// 行政处罚法 第67条: the fine is paid within 15 days of service.
inline constexpr LegalPeriod kPayment{"payment-15-days", "", 15, DayCount::kCalendar, "行政处罚法 第67条"};
// 行政强制法 第25条: a seizure lasts at most 30 days, and an extension at most 30 more.
inline constexpr LegalPeriod kSeizureTerm{"seizure-term", "F-SEIZURE-30", 30, DayCount::kCalendar, "行政强制法 第25条"};
// 行政处罚法 第64条: the party may ask for a hearing within 5 working days of the notice…
inline constexpr LegalPeriod kHearingRequest{"hearing-request-5-working-days", "P-HEARING-PERIOD", 5,
                                             DayCount::kWorking, "行政处罚法 第64条"};
// …and is told of the hearing 7 working days before it.
inline constexpr LegalPeriod kHearingNotice{"hearing-notice-7-working-days", "P-HEARING-7WD", 7, DayCount::kWorking,
                                            "行政处罚法 第64条"};
// 行政强制法 第54条: the court is applied to only after a 催告 has had ten days, which 第69条 makes
// working days ("十日以内期限的规定是指工作日"). The fact sheet's calendar reading was wrong.
inline constexpr LegalPeriod kCourtDemand{"court-demand-10-working-days", "P-COURT-DEMAND", 10, DayCount::kWorking,
                                          "行政强制法 第54条, 第69条"};
// 行政强制法 第51条第1款第2项, 第69条: the party is reminded three working days before a 代履行.
inline constexpr LegalPeriod kSubstituteDemand{"substitute-demand-3-working-days", "P-SUBSTITUTE", 3,
                                               DayCount::kWorking, "行政强制法 第51条"};
// 土地管理法实施条例 第31条: the 征收土地公告 within fifteen working days of the approval.
inline constexpr LegalPeriod kLandTakingNotice{"taking-notice-15-working-days", "F-TAKING-NOTICE-LATE", 15,
                                               DayCount::kWorking, "土地管理法实施条例 第31条"};
// 行政复议法 第20条: sixty days from knowing of the act to apply for 复议.
inline constexpr LegalPeriod kReviewApplication{"review-60-days", "P-COURT-PERIOD", 60, DayCount::kCalendar,
                                                "行政复议法 第20条"};
// 食品生产经营监督检查管理办法 第39条, 国发〔2019〕5号: a drawn check's result is public within 20 working days of
// the check's end.
inline constexpr LegalPeriod kDrawResult{"draw-result-20-working-days", "F-DRAW-RESULT-20WD", 20, DayCount::kWorking,
                                         "食品生产经营监督检查管理办法 第39条; 国发〔2019〕5号"};
// 行政诉讼法 第45条: after a 复议 decision the party sues within 15 days of receiving it.
inline constexpr LegalPeriod kSuitAfterReview{"suit-after-review-15-days", "P-COURT-PERIOD", 15, DayCount::kCalendar,
                                              "行政诉讼法 第45条"};
// 行政诉讼法 第85条: a first-instance judgment may be appealed within 15 days; the agency's own
// demolition waits for it to take effect.
inline constexpr LegalPeriod kAppeal{"appeal-15-days", "P-DEMOLITION", 15, DayCount::kCalendar, "行政诉讼法 第85条"};

// Periods the law counts in months (月), from the decision's service.
struct MonthPeriod {
  std::string_view name;
  std::string_view rule_id;
  int months;
  std::string_view law;
};
// 行政诉讼法 第46条: six months to sue; 行政强制法 第53条 and 第44条 wait for it to lapse.
inline constexpr MonthPeriod kSuit{"suit-6-months", "P-COURT-PERIOD", 6, "行政诉讼法 第46条; 行政强制法 第53条"};
// 行政复议法 第20条第2款 and 行诉解释 第64条: a party never told how and when to apply for 复议 or
// sue has until told, and at most one year from learning of the decision.
inline constexpr MonthPeriod kRemediesUntold{
    "remedies-not-stated-1-year", "P-COURT-PERIOD", 12,
    "行政复议法 第20条第2款; 最高人民法院关于适用《中华人民共和国行政诉讼法》的解释 第64条"};
// 行政强制法 第53条: the court is applied to within three months of that lapse.
inline constexpr MonthPeriod kCourtWindow{"court-application-3-months", "F-COURT-LATE", 3, "行政强制法 第53条"};

// 国家发展改革委令第58号 (失信行为纠正后的信用信息修复管理办法（试行）): a 行政处罚 record
// is shown for at least three months and at most three years from the day of the decision
// (domain.md §7.3).
inline constexpr MonthPeriod kDisplayShortest{"display-at-least-3-months", "P-DISPLAY-PERIOD", 3,
                                              "国家发展改革委令第58号"};
inline constexpr MonthPeriod kDisplayLongest{"display-at-most-3-years", "P-DISPLAY-PERIOD", 36,
                                             "国家发展改革委令第58号"};

inline constexpr std::array kAll{
    &kDecision,        &kService,     &kDisclosure,     &kDisclosureOther,  &kWithdrawal,      &kPreservation,
    &kPayment,         &kSeizureTerm, &kHearingRequest, &kHearingNotice,    &kCourtDemand,     &kReviewApplication,
    &kSuitAfterReview, &kAppeal,      &kDrawResult,     &kSubstituteDemand, &kLandTakingNotice};

}  // namespace periods

// 国办发〔2018〕118号: penalty and licensing decisions are public within 7
// working days, every other decision within 20. `category` is the case's.
constexpr const LegalPeriod& DisclosurePeriodFor(bool penalty_or_licensing) {
  return penalty_or_licensing ? periods::kDisclosure : periods::kDisclosureOther;
}

// D3: whether a 查封/扣押 is the decision its case publishes. A 行政强制 case decides nothing but its measures, so
// its first measure is its decision, public within twenty working days (kDisclosureOther); a measure taken while a
// penalty is investigated is a step of that case, which its penalty decision publishes. Admission and every view
// that times or shows the publication ask this, so none can count a different measure.
constexpr bool MeasureIsTheDecision(bool coercion_case, bool case_has_decision) {
  return coercion_case && !case_has_decision;
}

}  // namespace lawtrail::domain

#endif  // LAWTRAIL_LEDGER_DOMAIN_LEGAL_PERIODS_H_
