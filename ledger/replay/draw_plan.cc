// DrawBook's yearly plan (年度抽查工作计划), the batches and frequency caps it
// sets, and the entry scans (扫码入企): rules D-DRAW-PLAN, D-DRAW-SCAN and
// flags F-DRAW-PLAN-LATE, F-INSPECT-CAP, F-SCAN-LATE, F-SCAN-MISSING.
#include <set>

#include "ledger/core/fb_string.h"
#include "ledger/domain/calendar.h"
#include "ledger/replay/draw_book.h"

namespace lawtrail {
namespace {

using domain::Refuse;

constexpr int64_t kHourMs = 3'600'000;
// 深府规〔2025〕6号: an entry scan the network stopped is recorded within 10 natural days, with the reason.
constexpr int64_t kLateScanMs = 10 * domain::kDayMs;

bool IsCreditClass(const std::string& c) { return c == "A" || c == "B" || c == "C" || c == "D"; }

// One planned item well formed: published, batches, caps by distinct classes.
Status CheckPlannedItem(const fb::PlannedItem& item, const Registry& registry, std::set<std::string>& seen) {
  const std::string code = Str(item.item_code());
  const auto* listed = registry.master_data().Find(fb::MasterItemKind::RandomInspectionItem, code);
  if (listed == nullptr || listed->retired) {
    return Refuse("D-DRAW-PLAN", "'" + code + "' is not a published item of the 随机抽查事项清单");
  }
  if (!seen.insert(code).second) return Refuse("D-DRAW-PLAN", "item '" + code + "' is planned twice");
  if (item.batches() == 0) return Refuse("D-DRAW-PLAN", "item '" + code + "' plans no batch");
  std::set<std::string> classes;
  if (item.caps() != nullptr) {
    for (const fb::FrequencyCap* cap : *item.caps()) {
      const std::string cls = Str(cap->credit_class());
      if (!cls.empty() && !IsCreditClass(cls)) {
        return Refuse("D-DRAW-PLAN", "item '" + code + "': credit class '" + cls + "' is not A, B, C or D");
      }
      if (!classes.insert(cls).second) {
        return Refuse("D-DRAW-PLAN", "item '" + code + "' caps class '" + cls + "' twice");
      }
      if (cap->per_year() == 0) return Refuse("D-DRAW-PLAN", "item '" + code + "': a cap of 0 checks a year");
    }
  }
  return Status::Ok();
}

}  // namespace

int DrawBook::YearOf(const std::string& yyyy_mm_dd) {
  const auto d = domain::ParseDate(yyyy_mm_dd);
  return d.ok() ? int(d->year()) : 0;
}

const DrawBook::Plan* DrawBook::PlanFor(int year) const {
  auto it = plans_.find(year);
  return it == plans_.end() ? nullptr : &it->second;
}

Result<std::vector<domain::Flag>> DrawBook::CheckPlan(const fb::InspectionPlanPublished& p, const Registry& registry,
                                                      int64_t at) const {
  if (p.year() < 2000 || p.year() > 2100) {
    return Refuse("D-DRAW-PLAN", "year " + std::to_string(p.year()) + " is not a plan's year");
  }
  if (Str(p.plan_no()).empty()) return Refuse("D-DRAW-PLAN", "the plan has no 文号");
  if (p.items() == nullptr || p.items()->size() == 0) return Refuse("D-DRAW-PLAN", "the plan names no item");
  std::set<std::string> seen;
  for (const fb::PlannedItem* item : *p.items()) LAWTRAIL_RETURN_IF_ERROR(CheckPlannedItem(*item, registry, seen));
  std::vector<domain::Flag> flags;
  // Published by 31 March (国市监信〔2019〕38号 as Beijing's and Shanghai's rules fix it); a revision later in the
  // year replaces a plan that was on time.
  const std::string deadline = std::to_string(p.year()) + "-03-31";
  if (PlanFor(p.year()) == nullptr && domain::FormatDate(domain::ChinaDateOf(at)) > deadline) {
    flags.push_back(domain::Raise("F-DRAW-PLAN-LATE", "the " + std::to_string(p.year()) + " plan is published " +
                                                          domain::FormatDate(domain::ChinaDateOf(at)) + ", after " +
                                                          deadline));
  }
  return flags;
}

Status DrawBook::CheckPlanned(const draw::DrawTerms& t, int year) const {
  const Plan* plan = PlanFor(year);
  if (plan == nullptr) return Refuse("D-DRAW-PLAN", "no 抽查工作计划 is published for " + std::to_string(year));
  auto item = plan->items.find(t.item_code);
  if (item == plan->items.end()) {
    return Refuse("D-DRAW-PLAN", "item '" + t.item_code + "' is not in the " + std::to_string(year) + " plan");
  }
  unsigned drawn = 0;
  for (const auto& [no, task] : tasks())
    drawn += task.year == year && task.terms.item_code == t.item_code && !task.cancelled_index;
  if (drawn >= item->second.batches) {
    return Refuse("D-DRAW-PLAN", "the " + std::to_string(year) + " plan draws item '" + t.item_code + "' in " +
                                     std::to_string(item->second.batches) + " batches, and " + std::to_string(drawn) +
                                     " are drawn");
  }
  return Status::Ok();
}

Result<std::vector<domain::Flag>> DrawBook::CheckScan(const fb::Statement& st, const Registry& registry,
                                                      int64_t recorded_ms) const {
  const fb::EntryScanned& s = *st.payload_as_EntryScanned();
  const std::string_view signer = st.actor()->certificate_no()->string_view();
  // History entered inside a declared backfill (补录 of the whole system) counts from the time it claims.
  const int64_t entered = registry.InBackfill(st.occurred_at_ms()) ? st.occurred_at_ms() : recorded_ms;
  const std::string task_no = Str(s.task_no()), object = Str(s.object_id());
  const Task* task = Find(task_no);
  if (task == nullptr || !task->recorded_index) {
    return Refuse("D-DRAW-SCAN", "draw '" + task_no + "' has no recorded result");
  }
  if (task->cancelled_index) return Refuse("D-DRAW-SCAN", "draw '" + task_no + "' was cancelled");
  const std::set<std::string> officers = Named(s.officers());
  if (officers.empty()) return Refuse("D-DRAW-SCAN", "the scan names nobody entering");
  LAWTRAIL_RETURN_IF_ERROR(CheckTeam(*task, object, officers, signer, "D-DRAW-SCAN"));
  if (Str(s.location()).empty()) return Refuse("D-DRAW-SCAN", "the scan has no location");
  const int64_t late = entered - s.scanned_at_ms();
  if (late < -kHourMs) {
    return Refuse("D-DRAW-SCAN",
                  "the scan claims " + domain::FormatChinaTime(s.scanned_at_ms()) + ", after the log recorded it");
  }
  if (late > domain::kDayMs && Str(s.late_reason()).empty()) {
    return Refuse("D-DRAW-SCAN",
                  "a scan recorded " + std::to_string(late / kHourMs) + " hours after the entry states why (补录事由)");
  }
  std::vector<domain::Flag> flags;
  if (late > kLateScanMs) {
    flags.push_back(domain::Raise("F-SCAN-LATE", "the entry of " + domain::FormatChinaTime(s.scanned_at_ms()) +
                                                     " is recorded " + std::to_string(late / domain::kDayMs) +
                                                     " days later; 补录 is due within 10"));
  }
  return flags;
}

std::vector<domain::Flag> DrawBook::CapFlags(const Task& task, const std::string& object,
                                             const std::string& ended) const {
  const int year = YearOf(ended);
  const Plan* plan = PlanFor(year);
  if (plan == nullptr) return {};
  auto item = plan->items.find(task.terms.item_code);
  if (item == plan->items.end()) return {};
  std::string credit_class;
  if (task.objects != nullptr) {
    for (const draw::PoolEntry& e : task.objects->entries) {
      if (e.id == object) credit_class = e.credit_class;
    }
  }
  const auto& caps = item->second.caps;
  auto cap = caps.find(credit_class);
  if (cap == caps.end()) cap = caps.find("");
  if (cap == caps.end()) return {};
  auto done = checks_per_year_.find({year, task.terms.item_code, object});
  const unsigned nth = (done == checks_per_year_.end() ? 0 : done->second) + 1;
  if (nth <= cap->second) return {};
  return {domain::Raise("F-INSPECT-CAP", "check " + std::to_string(nth) + " of '" + object + "' under item '" +
                                             task.terms.item_code + "' in " + std::to_string(year) +
                                             "; the plan allows " + std::to_string(cap->second) + " for class " +
                                             (credit_class.empty() ? "any" : credit_class))};
}

std::vector<domain::Flag> DrawBook::ScanFlags(const Task& task, const std::string& object) const {
  const Plan* plan = PlanFor(task.year);
  if (plan == nullptr || !plan->scan_on_entry || scans_.contains(std::pair{task.terms.task_no, object})) return {};
  return {domain::Raise("F-SCAN-MISSING", "the result of '" + object + "' in '" + task.terms.task_no +
                                              "' is published with no entry scan (扫码入企) on record")};
}

void DrawBook::ApplyPlanAndScans(const fb::Statement& st) {
  if (const auto* p = st.payload_as_InspectionPlanPublished()) {
    Plan plan;
    plan.scan_on_entry = p->scan_on_entry();
    for (const fb::PlannedItem* item : *p->items()) {
      Plan::Item& planned = plan.items[Str(item->item_code())];
      planned.batches = item->batches();
      if (item->caps() == nullptr) continue;
      for (const fb::FrequencyCap* cap : *item->caps()) planned.caps[Str(cap->credit_class())] = cap->per_year();
    }
    plans_[p->year()] = std::move(plan);
  }
  if (const auto* s = st.payload_as_EntryScanned()) scans_.insert({Str(s->task_no()), Str(s->object_id())});
}

}  // namespace lawtrail
