#include "ledger/replay/draw_book.h"

#include <algorithm>

#include "ledger/core/fb_string.h"
#include "ledger/domain/calendar.h"
#include "ledger/domain/rules.h"

namespace lawtrail {
namespace {

using domain::Refuse;

Status CheckSnapshot(const Registry& registry, fb::PoolKind kind, const std::string& pool_id, const Hash& hash,
                     uint32_t count) {
  const std::string name(draw::KindNameZh(kind));
  const std::shared_ptr<const draw::Pool> current = registry.FindPool(kind, pool_id);
  if (current == nullptr) return Refuse("D-DRAW-ANNOUNCE", name + " '" + pool_id + "' is not published");
  if (draw::PoolHash(*current) != hash) {
    return Refuse("D-DRAW-ANNOUNCE", name + " '" + pool_id + "' is not the committed snapshot: its current version " +
                                         current->version + " has hash " + ToHex(draw::PoolHash(*current)) +
                                         ", the announcement commits to " + ToHex(hash));
  }
  if (current->entries.size() != count) {
    return Refuse("D-DRAW-ANNOUNCE", name + " '" + pool_id + "' has " + std::to_string(current->entries.size()) +
                                         " entries, the announcement says " + std::to_string(count));
  }
  return Status::Ok();
}

draw::DrawnCheck* FindCheck(std::vector<draw::DrawnCheck>& checks, std::string_view object_id) {
  auto it = std::find_if(checks.begin(), checks.end(), [&](const auto& c) { return c.object_id == object_id; });
  return it == checks.end() ? nullptr : &*it;
}

}  // namespace

Result<std::vector<domain::Flag>> DrawBook::Check(const fb::Statement& st, const Registry& registry,
                                                  std::string_view origin, uint64_t index, int64_t recorded_ms) const {
  using Flags = std::vector<domain::Flag>;
  auto none = [](const Status& s) -> Result<Flags> {
    if (!s.ok()) return s;
    return Flags();
  };
  switch (st.payload_type()) {
    case fb::Payload::DrawAnnounced:
      return none(CheckAnnounced(*st.payload_as_DrawAnnounced(), registry, origin, index,
                                 int(domain::ChinaDateOf(st.occurred_at_ms()).year())));
    case fb::Payload::InspectionPlanPublished:
      return CheckPlan(*st.payload_as_InspectionPlanPublished(), registry, st.occurred_at_ms());
    case fb::Payload::EntryScanned: return CheckScan(st, registry, recorded_ms);
    case fb::Payload::DrawRecorded: return none(CheckRecorded(*st.payload_as_DrawRecorded()));
    case fb::Payload::InspectorRecused: return none(CheckRecused(*st.payload_as_InspectorRecused()));
    case fb::Payload::InspectionResultRecorded:
      return CheckResultRecorded(*st.payload_as_InspectionResultRecorded(),
                                 st.actor()->certificate_no()->string_view());
    case fb::Payload::InspectionResultPublished:
      return CheckResultPublished(*st.payload_as_InspectionResultPublished(), registry);
    case fb::Payload::DrawCancelled: {
      const auto* c = st.payload_as_DrawCancelled();
      const Task* task = Find(Str(c->task_no()));
      if (task == nullptr) return Refuse("D-DRAW-RESULT", "no draw '" + Str(c->task_no()) + "' was announced");
      if (task->cancelled_index)
        return Refuse("D-DRAW-RESULT", "draw '" + Str(c->task_no()) + "' is already cancelled");
      if (Str(c->reason()).empty()) return Refuse("D-DRAW-RESULT", "a cancellation needs its reason");
      return Flags();
    }
    default: return Status::Internal("not a draw event");
  }
}

Status DrawBook::CheckAnnounced(const fb::DrawAnnounced& a, const Registry& registry, std::string_view origin,
                                uint64_t index, int year) const {
  auto parsed = draw::TermsOf(a);
  if (!parsed.ok()) return Refuse("D-DRAW-ANNOUNCE", parsed.status().message());
  const draw::DrawTerms& t = *parsed;
  if (t.task_no.empty()) return Refuse("D-DRAW-ANNOUNCE", "the draw has no task number (抽查任务编号)");
  if (tasks_.contains(t.task_no)) return Refuse("D-DRAW-ANNOUNCE", "draw '" + t.task_no + "' was already announced");
  const auto* item = registry.master_data().Find(fb::MasterItemKind::RandomInspectionItem, t.item_code);
  if (item == nullptr || item->retired) {
    return Refuse("D-DRAW-ANNOUNCE", "'" + t.item_code + "' is not a published item of the 随机抽查事项清单");
  }
  if (t.list_version.empty()) return Refuse("D-DRAW-ANNOUNCE", "the list version (清单版本) is missing");
  LAWTRAIL_RETURN_IF_ERROR(
      CheckSnapshot(registry, fb::PoolKind::Objects, t.object_pool_id, t.object_pool_hash, t.object_count));
  LAWTRAIL_RETURN_IF_ERROR(
      CheckSnapshot(registry, fb::PoolKind::Inspectors, t.inspector_pool_id, t.inspector_pool_hash, t.inspector_count));
  if (t.ratios.empty()) return Refuse("D-DRAW-ANNOUNCE", "no ratio (抽查比例) is given");
  for (const auto& [cls, per_mille] : t.ratios) {
    if (cls != "A" && cls != "B" && cls != "C" && cls != "D") {
      return Refuse("D-DRAW-ANNOUNCE", "credit class '" + cls + "' is not A, B, C or D");
    }
    if (per_mille > 1000) return Refuse("D-DRAW-ANNOUNCE", "class " + cls + "'s ratio is above 1000‰");
  }
  if (t.team_size < draw::kMinTeamSize) {
    return Refuse("D-DRAW-TEAM", "each check needs at least " + std::to_string(draw::kMinTeamSize) +
                                     " drawn inspectors, the announcement draws " + std::to_string(t.team_size));
  }
  if (t.team_size > t.inspector_count) {
    return Refuse("D-DRAW-TEAM", "teams of " + std::to_string(t.team_size) + " from a pool of " +
                                     std::to_string(t.inspector_count) + " inspectors");
  }
  if (t.algorithm != draw::kAlgorithm) {
    return Refuse("D-DRAW-ANNOUNCE",
                  "unknown algorithm '" + t.algorithm + "' (known: " + std::string(draw::kAlgorithm) + ")");
  }
  if (Status terms = draw::CheckSeedTerms(t.seed); !terms.ok()) return Refuse("D-DRAW-SEED", terms.message());
  if (note::ParseVerifier(t.seed.log_vkey)->name != origin) {
    return Refuse("D-DRAW-SEED", "the log key named is not this log's ('" + std::string(origin) + "')");
  }
  // The announcement is record `index`; the tree of size index+1 already holds
  // it, and its root is the log's alone to choose: the seed must come later.
  if (t.seed.tree_size < index + 2) {
    return Refuse("D-DRAW-SEED", "the seed's tree size " + std::to_string(t.seed.tree_size) +
                                     " is not after the announcement (record " + std::to_string(index) +
                                     "): it must be at least " + std::to_string(index + 2));
  }
  return CheckPlanned(t, year);
}

Status DrawBook::CheckRecorded(const fb::DrawRecorded& r) const {
  const std::string task_no = Str(r.task_no());
  const Task* task = Find(task_no);
  if (task == nullptr) return Refuse("D-DRAW-RESULT", "no draw '" + task_no + "' was announced");
  if (task->cancelled_index) return Refuse("D-DRAW-RESULT", "draw '" + task_no + "' was cancelled");
  if (task->recorded_index) return Refuse("D-DRAW-RESULT", "draw '" + task_no + "' is already recorded");
  const auto root = roots_.find(task->terms.seed.tree_size);
  if (root == roots_.end() || !root->second) {
    return Refuse("D-DRAW-SEED", "the log has not reached the seed's tree size " +
                                     std::to_string(task->terms.seed.tree_size) + " yet");
  }
  auto seed = draw::OpenSeed(Str(r.seed_checkpoint()), task->terms.seed);
  if (!seed.ok()) return Refuse("D-DRAW-SEED", seed.status().message());
  if (seed->checkpoint.root != *root->second) {
    return Refuse("D-DRAW-SEED", "the seed checkpoint's root is not this log's root at size " +
                                     std::to_string(task->terms.seed.tree_size));
  }
  const auto rerun =
      draw::RunDraw(seed->value, *task->objects, *task->inspectors, task->terms.team_size, task->terms.ratios);
  const std::string difference = draw::DescribeDifference(draw::ChecksOf(r), rerun);
  if (!difference.empty()) return Refuse("D-DRAW-RESULT", "the recorded result is not the draw's: " + difference);
  return Status::Ok();
}

Status DrawBook::CheckRecused(const fb::InspectorRecused& r) const {
  const std::string task_no = Str(r.task_no()), object = Str(r.object_id()), inspector = Str(r.inspector());
  const Task* task = Find(task_no);
  if (task == nullptr || !task->recorded_index) {
    return Refuse("D-DRAW-RECUSAL", "draw '" + task_no + "' has no recorded result");
  }
  if (task->cancelled_index) return Refuse("D-DRAW-RECUSAL", "draw '" + task_no + "' was cancelled");
  auto checks = task->checks;
  const draw::DrawnCheck* check = FindCheck(checks, object);
  if (check == nullptr) return Refuse("D-DRAW-RECUSAL", "object '" + object + "' was not drawn in '" + task_no + "'");
  if (std::find(check->inspectors.begin(), check->inspectors.end(), inspector) == check->inspectors.end()) {
    return Refuse("D-DRAW-RECUSAL", "'" + inspector + "' is not on the team for '" + object + "'");
  }
  if (Str(r.reason()).empty()) return Refuse("D-DRAW-RECUSAL", "a recusal needs its reason (回避事由)");
  if (task->results.contains(object)) {
    return Refuse("D-DRAW-RECUSAL", "the check of '" + object + "' is already done: a recusal comes before it");
  }
  std::set<std::string> recused;
  if (auto it = task->recused.find(object); it != task->recused.end()) recused = it->second;
  recused.insert(inspector);
  const auto next = draw::NextInspector(task->seed, object, *task->inspectors, check->inspectors, recused);
  if (!next) return Refuse("D-DRAW-RECUSAL", "no inspector is left in the pool to replace '" + inspector + "'");
  if (*next != Str(r.replacement())) {
    return Refuse("D-DRAW-RECUSAL",
                  "the replacement is '" + Str(r.replacement()) + "'; the re-draw gives '" + *next + "'");
  }
  return Status::Ok();
}

Result<std::vector<domain::Flag>> DrawBook::CheckResultRecorded(const fb::InspectionResultRecorded& r,
                                                                std::string_view signer) const {
  const std::string task_no = Str(r.task_no()), object = Str(r.object_id());
  const Task* task = Find(task_no);
  if (task == nullptr || !task->recorded_index) {
    return Refuse("D-DRAW-CHECK", "draw '" + task_no + "' has no recorded result");
  }
  if (task->cancelled_index) return Refuse("D-DRAW-CHECK", "draw '" + task_no + "' was cancelled");
  if (task->results.contains(object)) return Refuse("D-DRAW-CHECK", "object '" + object + "' already has its result");
  const std::set<std::string> officers = Named(r.officers());
  if (officers.size() < draw::kMinTeamSize) {
    return Refuse("D-DRAW-CHECK", "a check needs at least " + std::to_string(draw::kMinTeamSize) +
                                      " inspectors, the result names " + std::to_string(officers.size()));
  }
  LAWTRAIL_RETURN_IF_ERROR(CheckTeam(*task, object, officers, signer, "D-DRAW-CHECK"));
  if (!domain::ParseDate(Str(r.ended_date())).ok()) {
    return Refuse("D-DRAW-CHECK", "the check's end date '" + Str(r.ended_date()) + "' is not YYYY-MM-DD");
  }
  return CapFlags(*task, object, Str(r.ended_date()));
}

std::set<std::string> DrawBook::Named(const flatbuffers::Vector<flatbuffers::Offset<flatbuffers::String>>* list) {
  std::set<std::string> out;
  if (list != nullptr) {
    for (const flatbuffers::String* o : *list) out.insert(o->str());
  }
  return out;
}

Status DrawBook::CheckTeam(const Task& task, const std::string& object, const std::set<std::string>& officers,
                           std::string_view signer, std::string_view rule) const {
  auto check = std::find_if(task.checks.begin(), task.checks.end(),
                            [&](const draw::DrawnCheck& c) { return c.object_id == object; });
  if (check == task.checks.end()) {
    return Refuse(rule, "object '" + object + "' was not drawn in '" + task.terms.task_no + "'");
  }
  for (const std::string& o : officers) {
    if (std::find(check->inspectors.begin(), check->inspectors.end(), o) == check->inspectors.end()) {
      return Refuse(rule, "'" + o + "' was not drawn for '" + object + "'");
    }
  }
  if (!officers.contains(std::string(signer))) {
    return Refuse(rule, "the signer '" + std::string(signer) + "' is not among the inspectors named");
  }
  return Status::Ok();
}

Result<std::vector<domain::Flag>> DrawBook::CheckResultPublished(const fb::InspectionResultPublished& p,
                                                                 const Registry& registry) const {
  const std::string task_no = Str(p.task_no()), object = Str(p.object_id());
  const Task* task = Find(task_no);
  if (task == nullptr || !task->results.contains(object)) {
    return Refuse("D-DRAW-CHECK", "no result of '" + object + "' in draw '" + task_no + "' to publish");
  }
  const Task::CheckResult& result = task->results.at(object);
  if (result.published) return Refuse("D-DRAW-CHECK", "the result of '" + object + "' is already published");
  auto published = domain::ParseDate(Str(p.published_date()));
  if (!published.ok()) return Refuse("D-DRAW-CHECK", "the publication date is not YYYY-MM-DD");
  std::vector<domain::Flag> flags = ScanFlags(*task, object);
  const domain::Date ended = *domain::ParseDate(result.ended_date);
  const domain::Deadline due = registry.tables().calendar().AddWorkingDays(ended, 20);
  if (*published > due.date) {
    flags.push_back(domain::Raise("F-DRAW-RESULT-20WD", "the check ended " + result.ended_date +
                                                            "; its result was due by " + domain::FormatDate(due.date) +
                                                            " and was published " + Str(p.published_date())));
  }
  return flags;
}

void DrawBook::Apply(const fb::Statement& st, const Registry& registry, uint64_t index) {
  ApplyPlanAndScans(st);
  switch (st.payload_type()) {
    case fb::Payload::InspectionResultRecorded: {
      const auto* r = st.payload_as_InspectionResultRecorded();
      Task& task = tasks_.find(Str(r->task_no()))->second;
      task.results[Str(r->object_id())] = {Str(r->ended_date()), false};
      ++checks_per_year_[{YearOf(Str(r->ended_date())), task.terms.item_code, Str(r->object_id())}];
      break;
    }
    case fb::Payload::InspectionResultPublished: {
      const auto* p = st.payload_as_InspectionResultPublished();
      tasks_.find(Str(p->task_no()))->second.results[Str(p->object_id())].published = true;
      break;
    }
    case fb::Payload::DrawAnnounced: {
      auto terms = draw::TermsOf(*st.payload_as_DrawAnnounced());
      if (!terms.ok()) return;
      Task task;
      task.terms = std::move(*terms);
      task.announced_index = index;
      task.year = int(domain::ChinaDateOf(st.occurred_at_ms()).year());
      task.objects = registry.FindPoolByHash(task.terms.object_pool_hash);
      task.inspectors = registry.FindPoolByHash(task.terms.inspector_pool_hash);
      roots_.emplace(task.terms.seed.tree_size, std::nullopt);
      tasks_.emplace(task.terms.task_no, std::move(task));
      break;
    }
    case fb::Payload::DrawRecorded: {
      const auto* r = st.payload_as_DrawRecorded();
      Task& task = tasks_.find(Str(r->task_no()))->second;
      task.recorded_index = index;
      task.checks = draw::ChecksOf(*r);
      if (auto seed = draw::OpenSeed(Str(r->seed_checkpoint()), task.terms.seed); seed.ok()) task.seed = seed->value;
      break;
    }
    case fb::Payload::InspectorRecused: {
      const auto* r = st.payload_as_InspectorRecused();
      Task& task = tasks_.find(Str(r->task_no()))->second;
      const std::string object = Str(r->object_id());
      task.recused[object].insert(Str(r->inspector()));
      if (draw::DrawnCheck* check = FindCheck(task.checks, object)) {
        std::replace(check->inspectors.begin(), check->inspectors.end(), Str(r->inspector()), Str(r->replacement()));
      }
      break;
    }
    case fb::Payload::DrawCancelled:
      tasks_.find(Str(st.payload_as_DrawCancelled()->task_no()))->second.cancelled_index = index;
      break;
    default: break;
  }
}

std::vector<uint64_t> DrawBook::SizesWithoutRoot() const {
  std::vector<uint64_t> sizes;
  for (const auto& [size, root] : roots_) {
    if (!root) sizes.push_back(size);
  }
  return sizes;
}

void DrawBook::SetRootAt(uint64_t size, const Hash& root) {
  if (auto it = roots_.find(size); it != roots_.end()) it->second = root;
}

const DrawBook::Task* DrawBook::Find(std::string_view task_no) const {
  auto it = tasks_.find(task_no);
  return it == tasks_.end() ? nullptr : &it->second;
}

}  // namespace lawtrail
