#include "ledger/draw/draw.h"

#include <algorithm>

#include "ledger/core/fb_string.h"
#include "ledger/core/sha256.h"

namespace lawtrail::draw {
namespace {

Hash Rank(std::string_view domain, const Hash& seed, std::string_view what) {
  return Sha256({AsBytes(domain), seed, AsBytes(what)});
}

// `ids` ordered by their rank, lowest first (ties, never seen in SHA-256, by id).
template <typename RankOf>
std::vector<std::string> Ordered(std::vector<std::string> ids, RankOf rank_of) {
  std::vector<std::pair<Hash, std::string>> ranked;
  ranked.reserve(ids.size());
  for (std::string& id : ids) {
    Hash r = rank_of(id);
    ranked.emplace_back(r, std::move(id));
  }
  std::sort(ranked.begin(), ranked.end());
  std::vector<std::string> out;
  out.reserve(ranked.size());
  for (auto& [rank, id] : ranked) out.push_back(std::move(id));
  return out;
}

std::vector<std::string> InspectorOrder(const Hash& seed, std::string_view object_id, const Pool& inspectors) {
  std::vector<std::string> ids;
  for (const PoolEntry& e : inspectors.entries) ids.push_back(e.id);
  const std::string prefix = std::string(object_id) + "\n";
  return Ordered(std::move(ids),
                 [&](const std::string& id) { return Rank("lawtrail-draw/v1 inspector\n", seed, prefix + id); });
}

Result<Hash> HashField(const flatbuffers::Vector<uint8_t>* bytes, std::string_view what) {
  if (bytes == nullptr || bytes->size() != 32) {
    return Status::InvalidArgument(std::string(what) + " is not a 32-byte SHA-256");
  }
  Hash h{};
  std::copy(bytes->begin(), bytes->end(), h.begin());
  return h;
}

}  // namespace

std::string JoinTeam(const std::vector<std::string>& inspectors) {
  std::string out;
  for (const std::string& i : inspectors) out += (out.empty() ? "" : "、") + i;
  return out;
}

DrawTerms CommitTo(std::string task_no, std::string item_code, std::string list_version, const Pool& objects,
                   const Pool& inspectors, std::map<std::string, uint16_t> ratios, unsigned team_size, SeedTerms seed) {
  DrawTerms t;
  t.task_no = std::move(task_no);
  t.item_code = std::move(item_code);
  t.list_version = std::move(list_version);
  t.object_pool_id = objects.id;
  t.object_pool_hash = PoolHash(objects);
  t.object_count = static_cast<uint32_t>(objects.entries.size());
  t.inspector_pool_id = inspectors.id;
  t.inspector_pool_hash = PoolHash(inspectors);
  t.inspector_count = static_cast<uint32_t>(inspectors.entries.size());
  t.ratios = std::move(ratios);
  t.team_size = team_size;
  t.algorithm = std::string(kAlgorithm);
  t.seed = std::move(seed);
  return t;
}

bool IsDrawEvent(fb::Payload type) {
  switch (type) {
    case fb::Payload::DrawAnnounced:
    case fb::Payload::DrawRecorded:
    case fb::Payload::InspectorRecused:
    case fb::Payload::DrawCancelled:
    case fb::Payload::InspectionResultRecorded:
    case fb::Payload::InspectionResultPublished:
    case fb::Payload::InspectionPlanPublished:
    case fb::Payload::EntryScanned: return true;
    default: return false;
  }
}

Result<DrawTerms> TermsOf(const fb::DrawAnnounced& a) {
  DrawTerms t;
  t.task_no = Str(a.task_no());
  t.item_code = Str(a.item_code());
  t.list_version = Str(a.list_version());
  t.object_pool_id = Str(a.object_pool_id());
  LAWTRAIL_ASSIGN_OR_RETURN(t.object_pool_hash, HashField(a.object_pool_hash(), "the object pool's hash"));
  t.object_count = a.object_count();
  t.inspector_pool_id = Str(a.inspector_pool_id());
  LAWTRAIL_ASSIGN_OR_RETURN(t.inspector_pool_hash, HashField(a.inspector_pool_hash(), "the inspector pool's hash"));
  t.inspector_count = a.inspector_count();
  if (a.ratios() != nullptr) {
    for (const fb::ClassRatio* r : *a.ratios()) {
      if (!t.ratios.emplace(Str(r->credit_class()), r->per_mille()).second) {
        return Status::InvalidArgument("credit class '" + Str(r->credit_class()) + "' has two ratios");
      }
    }
  }
  t.team_size = a.team_size();
  t.algorithm = Str(a.algorithm());
  t.seed.log_vkey = Str(a.log_vkey());
  if (a.witness_vkeys() != nullptr) {
    for (const flatbuffers::String* w : *a.witness_vkeys()) t.seed.witness_vkeys.push_back(w->str());
  }
  t.seed.tree_size = a.seed_tree_size();
  return t;
}

std::vector<DrawnCheck> ChecksOf(const fb::DrawRecorded& r) {
  std::vector<DrawnCheck> checks;
  if (r.checks() == nullptr) return checks;
  for (const fb::DrawnCheck* c : *r.checks()) {
    DrawnCheck check{Str(c->object_id()), {}};
    if (c->inspectors() != nullptr) {
      for (const flatbuffers::String* i : *c->inspectors()) check.inspectors.push_back(i->str());
    }
    checks.push_back(std::move(check));
  }
  return checks;
}

std::vector<DrawnCheck> RunDraw(const Hash& seed, const Pool& objects, const Pool& inspectors, unsigned team_size,
                                const std::map<std::string, uint16_t>& ratios) {
  auto object_rank = [&](const std::string& id) { return Rank("lawtrail-draw/v1 object\n", seed, id); };
  std::vector<std::string> drawn;
  for (const auto& [cls, per_mille] : ratios) {
    std::vector<std::string> members;
    for (const PoolEntry& e : objects.entries) {
      if (e.credit_class == cls) members.push_back(e.id);
    }
    const size_t take = (members.size() * per_mille + 999) / 1000;
    std::vector<std::string> ordered = Ordered(std::move(members), object_rank);
    drawn.insert(drawn.end(), ordered.begin(), ordered.begin() + static_cast<std::ptrdiff_t>(take));
  }
  std::vector<DrawnCheck> checks;
  for (std::string& id : Ordered(std::move(drawn), object_rank)) {
    std::vector<std::string> order = InspectorOrder(seed, id, inspectors);
    order.resize(std::min<size_t>(team_size, order.size()));
    checks.push_back({std::move(id), std::move(order)});
  }
  return checks;
}

std::optional<std::string> NextInspector(const Hash& seed, std::string_view object_id, const Pool& inspectors,
                                         const std::vector<std::string>& team, const std::set<std::string>& recused) {
  for (const std::string& id : InspectorOrder(seed, object_id, inspectors)) {
    if (std::find(team.begin(), team.end(), id) == team.end() && !recused.contains(id)) return id;
  }
  return std::nullopt;
}

std::string DescribeDifference(const std::vector<DrawnCheck>& recorded, const std::vector<DrawnCheck>& rerun) {
  const size_t common = std::min(recorded.size(), rerun.size());
  for (size_t i = 0; i < common; ++i) {
    if (recorded[i].object_id != rerun[i].object_id) {
      return "check " + std::to_string(i + 1) + " is object '" + recorded[i].object_id + "', the draw gives '" +
             rerun[i].object_id + "'";
    }
    if (recorded[i].inspectors != rerun[i].inspectors) {
      return "object '" + recorded[i].object_id + "' has inspectors " + JoinTeam(recorded[i].inspectors) +
             ", the draw gives " + JoinTeam(rerun[i].inspectors);
    }
  }
  if (recorded.size() != rerun.size()) {
    return std::to_string(recorded.size()) + " checks recorded, the draw gives " + std::to_string(rerun.size());
  }
  return "";
}

}  // namespace lawtrail::draw
