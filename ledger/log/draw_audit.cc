#include "ledger/log/draw_audit.h"

#include <algorithm>
#include <map>
#include <set>

#include "ledger/core/fb_string.h"
#include "ledger/core/log_format.h"
#include "ledger/core/record.h"
#include "ledger/domain/registry.h"

namespace lawtrail {
namespace {

struct Audited {
  DrawAudit audit;
  draw::DrawTerms terms;
  std::shared_ptr<const draw::Pool> objects, inspectors;
  Hash seed{};
  std::map<std::string, std::set<std::string>> recused;
};

Status Fail(const std::string& what) { return Status::Corruption(what); }

Status CheckResult(const LogReader& reader, Audited& a, const fb::DrawRecorded& r, std::string_view trusted) {
  a.audit.seed_checkpoint = Str(r.seed_checkpoint());
  if (!a.objects || !a.inspectors) return Fail("a pool it committed to was never published");
  draw::SeedTerms terms = a.terms.seed;
  if (!trusted.empty()) terms.log_vkey = std::string(trusted);
  auto seed = draw::OpenSeed(Str(r.seed_checkpoint()), terms);
  if (!seed.ok()) return Fail("seed: " + seed.status().message());
  LAWTRAIL_ASSIGN_OR_RETURN(const Hash root, reader.RootAt(a.terms.seed.tree_size));
  if (seed->checkpoint.root != root) return Fail("the seed checkpoint's root is not the log's at its size");
  a.seed = seed->value;
  a.audit.cosigned = seed->cosigned;
  a.audit.checks = draw::ChecksOf(r);
  a.audit.drawn = a.audit.checks;
  const auto rerun = draw::RunDraw(a.seed, *a.objects, *a.inspectors, a.terms.team_size, a.terms.ratios);
  if (std::string diff = draw::DescribeDifference(a.audit.checks, rerun); !diff.empty()) {
    return Fail("the recorded result is not the draw's: " + diff);
  }
  return Status::Ok();
}

Status CheckRecusal(Audited& a, const fb::InspectorRecused& r, uint64_t index) {
  const std::string object = Str(r.object_id()), inspector = Str(r.inspector());
  a.audit.recusal_records.push_back({index, object, inspector, Str(r.reason()), Str(r.replacement())});
  auto check = std::find_if(a.audit.checks.begin(), a.audit.checks.end(),
                            [&](const draw::DrawnCheck& c) { return c.object_id == object; });
  if (check == a.audit.checks.end()) return Fail("a recusal for object '" + object + "', which was not drawn");
  auto& team = check->inspectors;
  if (std::find(team.begin(), team.end(), inspector) == team.end()) {
    return Fail("a recusal of '" + inspector + "', who is not on the team for '" + object + "'");
  }
  a.recused[object].insert(inspector);
  const auto next = draw::NextInspector(a.seed, object, *a.inspectors, team, a.recused[object]);
  if (!next || *next != Str(r.replacement())) {
    return Fail("the replacement for '" + inspector + "' is '" + Str(r.replacement()) + "', the re-draw gives '" +
                next.value_or("nobody") + "'");
  }
  std::replace(team.begin(), team.end(), inspector, *next);
  a.audit.recusals++;
  return Status::Ok();
}

void Visit(const LogReader& reader, const Registry& registry, std::map<std::string, Audited>& draws,
           std::vector<std::string>& order, const fb::Statement& st, uint64_t index, std::string_view trusted) {
  switch (st.payload_type()) {
    case fb::Payload::DrawAnnounced: {
      auto terms = draw::TermsOf(*st.payload_as_DrawAnnounced());
      Audited a;
      a.audit.announced_index = index;
      if (!terms.ok()) {
        a.audit.task_no = Str(st.payload_as_DrawAnnounced()->task_no());
        a.audit.status = Fail("announcement: " + terms.status().message());
      } else {
        a.terms = *terms;
        a.audit.task_no = terms->task_no;
        a.audit.item_code = terms->item_code;
        a.audit.seed_tree_size = terms->seed.tree_size;
        a.objects = registry.FindPoolByHash(terms->object_pool_hash);
        a.inspectors = registry.FindPoolByHash(terms->inspector_pool_hash);
        a.audit.terms = *terms;
        a.audit.announced_at_ms = st.occurred_at_ms();
        if (a.objects) {
          a.audit.objects_text = draw::CanonicalText(*a.objects);
          a.audit.objects = a.objects->entries;
        }
        if (a.inspectors) a.audit.inspectors_text = draw::CanonicalText(*a.inspectors);
        if (terms->seed.tree_size < index + 2) a.audit.status = Fail("the seed is not after the announcement");
      }
      if (draws.contains(a.audit.task_no)) return;  // admission refuses a second: not in an honest log
      order.push_back(a.audit.task_no);
      draws.emplace(a.audit.task_no, std::move(a));
      return;
    }
    case fb::Payload::DrawRecorded: {
      auto it = draws.find(Str(st.payload_as_DrawRecorded()->task_no()));
      if (it == draws.end() || !it->second.audit.status.ok()) return;
      it->second.audit.recorded_index = index;
      it->second.audit.status = CheckResult(reader, it->second, *st.payload_as_DrawRecorded(), trusted);
      return;
    }
    case fb::Payload::InspectorRecused: {
      auto it = draws.find(Str(st.payload_as_InspectorRecused()->task_no()));
      if (it == draws.end() || !it->second.audit.status.ok()) return;
      it->second.audit.status = CheckRecusal(it->second, *st.payload_as_InspectorRecused(), index);
      return;
    }
    case fb::Payload::InspectionResultRecorded: {
      const auto* r = st.payload_as_InspectionResultRecorded();
      auto it = draws.find(Str(r->task_no()));
      if (it == draws.end()) return;
      CheckResultRecord result{Str(r->object_id()), {}, Str(r->ended_date()), Str(r->summary()), "", r->outcome()};
      if (r->officers() != nullptr) {
        for (const flatbuffers::String* o : *r->officers()) result.officers.push_back(o->str());
      }
      it->second.audit.results.push_back(std::move(result));
      return;
    }
    case fb::Payload::InspectionResultPublished: {
      const auto* p = st.payload_as_InspectionResultPublished();
      auto it = draws.find(Str(p->task_no()));
      if (it == draws.end()) return;
      for (CheckResultRecord& r : it->second.audit.results) {
        if (r.object_id == Str(p->object_id())) r.published_date = Str(p->published_date());
      }
      return;
    }
    case fb::Payload::DrawCancelled: {
      auto it = draws.find(Str(st.payload_as_DrawCancelled()->task_no()));
      if (it != draws.end()) {
        it->second.audit.cancelled_index = index;
        it->second.audit.cancel_reason = Str(st.payload_as_DrawCancelled()->reason());
      }
      return;
    }
    default: return;
  }
}

}  // namespace

Result<std::vector<DrawAudit>> AuditDraws(const LogReader& reader, std::string_view trusted_log_vkey) {
  // The registry as of each draw event: pools are found by hash, and every
  // version ever published stays findable, so the current registry serves.
  Registry registry;
  LAWTRAIL_RETURN_IF_ERROR(reader.ForEachCaseRecord(kRegistryCaseId, [&](uint64_t index, const Bytes& bytes) {
    LAWTRAIL_ASSIGN_OR_RETURN(const ParsedStatement parsed, StatementOfRecord(bytes, index));
    registry.Apply(*parsed.statement, index);
    return Status::Ok();
  }));
  std::map<std::string, Audited> draws;
  std::vector<std::string> order;
  LAWTRAIL_RETURN_IF_ERROR(reader.ForEachCaseRecord(kDrawsCaseId, [&](uint64_t index, const Bytes& bytes) {
    LAWTRAIL_ASSIGN_OR_RETURN(const ParsedStatement parsed, StatementOfRecord(bytes, index));
    Visit(reader, registry, draws, order, *parsed.statement, index, trusted_log_vkey);
    return Status::Ok();
  }));
  std::vector<DrawAudit> out;
  for (const std::string& task : order) out.push_back(std::move(draws.at(task).audit));
  return out;
}

}  // namespace lawtrail
