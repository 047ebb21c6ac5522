// File: ledger/domain/taking.h
// -----------------------------------------------------------------------------
// A 行政征收 or 征用 case as its rules and views need it (schemas/taking.fbs):
// which notices were posted and for how long, the approval, each owner's
// agreement or compensation decision, payment and hand-over, and for a 征用
// the 财产清单 and what came back. Admission folds it from the case's records.
//
// The town decides neither; it posts, signs, pays and gives back, so the rules
// here are the ones it can break: a notice shown for less than the law's
// minimum, a 征收土地公告 later than fifteen working days after the approval, a
// compensation decision for an owner who agreed, moving anyone out before they
// are paid (先补偿、后搬迁), and a requisition closed with something not given
// back or not compensated.
//
// Periods (domain-acts.md §1, §6; 民法典 第201条: the first day is not counted):
//   预公告 posted Mon 2026-04-27 → shown at least until Wed 05-13 (ten working
//   days: 劳动节 05-01…05-05 off, Sat 05-09 worked);
//   a plan posted Tue 2026-09-01 → at least until Thu 10-08 (30 days end on
//   10-01, inside 国庆节; 民法典 第203条 moves it past the holiday);
//   approved Fri 2026-09-18 → 征收土地公告 by Thu 10-15 (periods::kLandTakingNotice).
#ifndef LAWTRAIL_LEDGER_DOMAIN_TAKING_H_
#define LAWTRAIL_LEDGER_DOMAIN_TAKING_H_

#include <map>
#include <optional>
#include <string>

#include "ledger/domain/calendar.h"
#include "ledger/domain/legal_periods.h"
#include "schemas/statement_generated.h"

namespace lawtrail::domain {

inline constexpr int kLandPreNoticeWorkingDays = 10;  // 土地管理法实施条例 第26条
inline constexpr int kPlanNoticeDays = 30;            // 实施条例 第27条; 房屋征收与补偿条例 第10条

enum class TakingKind { kNone, kLand, kHouse, kRequisition };

struct Posting {
  Date from{}, until{};  // both shown
};

// One owner's compensation, keyed by 户号 / 地块编号.
struct Household {
  bool agreed = false;   // 补偿协议 signed
  bool decided = false;  // 补偿决定 issued
  int64_t due_fen = 0;   // what the agreement or the decision gives
  int64_t paid_fen = 0;
  bool vacated = false;
};

// One line of the 财产清单: what was taken and whether it came back.
struct RequisitionedItem {
  std::string quantity;
  bool returned = false;
  fb::RequisitionCondition condition = fb::RequisitionCondition::Intact;  // as given back
};

struct TakingFile {
  TakingKind kind = TakingKind::kNone;
  std::string project;  // 征收项目, or the 突发事件 of a 征用
  std::map<fb::TakingNoticeKind, Posting> notices;
  std::optional<Date> approved_on;  // 土地征收 approved
  std::map<std::string, Household> households;
  // 征用
  Date taken_on{};
  std::map<std::string, RequisitionedItem> items;  // by name
  bool compensation_decided = false;
  int64_t compensation_fen = 0, compensation_paid_fen = 0;

  bool Posted(fb::TakingNoticeKind k) const { return notices.count(k) != 0; }
};

// The acts of schemas/taking.fbs (appended together to the Payload union).
constexpr bool IsTakingAct(fb::Payload type) {
  return type >= fb::Payload::TakingNoticePosted && type <= fb::Payload::RequisitionReturned;
}

// Folds one admitted act of a 征收 or 征用 case; other cases' acts leave it untouched.
void FoldTaking(TakingFile& f, const fb::Statement& st);

// For people: 征收土地预公告 …; 完好 / 毁损 / 灭失; 土地征收 / 房屋征收 / 征用.
const char* TakingNoticeName(fb::TakingNoticeKind v);
const char* RequisitionConditionName(fb::RequisitionCondition v);
const char* TakingKindName(TakingKind v);

}  // namespace lawtrail::domain

#endif  // LAWTRAIL_LEDGER_DOMAIN_TAKING_H_
