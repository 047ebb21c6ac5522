#include "ledger/casefile/labels.h"

#include <cstdio>

#include "ledger/domain/calendar.h"

namespace lawtrail {
namespace {

template <size_t N, typename E>
const char* Pick(const char* const (&labels)[N], E v) {
  const auto i = static_cast<size_t>(v);
  return i < N ? labels[i] : "其他";
}

}  // namespace

const char* Label(fb::CaseCategory v) {
  static const char* const k[] = {"行政处罚", "行政强制", "行政检查", "行政征收征用", "行政许可", "其他"};
  return Pick(k, v);
}
const char* Label(fb::Procedure v) {
  static const char* const k[] = {"一般程序", "简易程序"};
  return Pick(k, v);
}
const char* Label(fb::PartyKind v) {
  static const char* const k[] = {"法人及非法人组织", "自然人", "个体工商户"};
  return Pick(k, v);
}
const char* Label(fb::PenaltyType v) {
  static const char* const k[] = {"警告",         "通报批评",     "罚款",
                                  "没收违法所得", "没收非法财物", "暂扣许可证件",
                                  "降低资质等级", "吊销许可证件", "限制开展生产经营活动",
                                  "责令停产停业", "责令关闭",     "限制从业",
                                  "行政拘留",     "其他"};
  return Pick(k, v);
}
const char* Label(fb::DecisionOutcome v) {
  static const char* const k[] = {"作出行政处罚", "不予行政处罚", "移送"};
  return Pick(k, v);
}
const char* Label(fb::DecisionChange v) {
  static const char* const k[] = {"变更", "撤销", "确认违法", "确认无效"};
  return Pick(k, v);
}
const char* Label(fb::ChangeAuthority v) {
  static const char* const k[] = {"自行纠正", "行政复议机关", "人民法院"};
  return Pick(k, v);
}
const char* Label(fb::ServiceMethod v) {
  static const char* const k[] = {"直接送达", "留置送达", "邮寄送达", "电子送达", "公告送达"};
  return Pick(k, v);
}
const char* Label(fb::CloseReason v) {
  static const char* const k[] = {"履行完毕", "强制执行完毕", "不予处罚", "移送", "其他"};
  return Pick(k, v);
}

const char* Label(fb::RemedyNotice v) {
  static const char* const k[] = {"未记录", "已告知", "未告知"};
  return Pick(k, v);
}

std::string ChinaDay(int64_t ms) { return domain::FormatDate(domain::ChinaDateOf(ms)); }

namespace {

// `day` moved by `add` on the China calendar; an unparsable day stays as it is.
template <typename Add>
std::string MoveDay(const std::string& day, Add add) {
  auto d = domain::ParseDate(day);
  if (!d.ok()) return day;
  return domain::FormatDate(add(domain::WorkdayCalendar::China(), *d).date);
}

}  // namespace

std::string AddWorkingDays(const std::string& day, int n) {
  return MoveDay(day, [n](const auto& cal, auto d) { return cal.AddWorkingDays(d, n); });
}

std::string AddCalendarDays(const std::string& day, int n) {
  return MoveDay(day, [n](const auto& cal, auto d) { return cal.AddCalendarDays(d, n); });
}

DueDay DueOf(const domain::LegalPeriod& period, const std::string& day) {
  auto d = domain::ParseDate(day);
  if (!d.ok()) return {day, false};
  const auto& cal = domain::WorkdayCalendar::China();
  const domain::Deadline due = period.count == domain::DayCount::kWorking ? cal.AddWorkingDays(*d, period.days)
                                                                          : cal.AddCalendarDays(*d, period.days);
  return {domain::FormatDate(due.date), due.provisional};
}

std::string DueOn(const domain::LegalPeriod& period, const std::string& day) { return DueOf(period, day).on; }

std::string ChinaHour(int64_t ms) {
  const int64_t hours = (ms + 8 * 3'600'000) / 3'600'000;
  const int hour = static_cast<int>(((hours % 24) + 24) % 24);
  return {char('0' + hour / 10), char('0' + hour % 10)};
}

}  // namespace lawtrail
