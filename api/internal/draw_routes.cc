#include "api/internal/draw_routes.h"

#include <nlohmann/json.hpp>

#include "api/internal/json_body.h"
#include "ledger/domain/calendar.h"
#include "ledger/log/draw_audit.h"

namespace lawtrail::api {
namespace {

using json = nlohmann::json;

json Checks(const std::vector<draw::DrawnCheck>& checks, const std::vector<draw::PoolEntry>& objects) {
  json out = json::array();
  for (const draw::DrawnCheck& c : checks) {
    json entry = {{"object_id", c.object_id}, {"inspectors", c.inspectors}};
    for (const draw::PoolEntry& e : objects) {
      if (e.id != c.object_id) continue;
      entry["name"] = e.name;
      entry["credit_class"] = e.credit_class;
      entry["village"] = e.village;
    }
    out.push_back(std::move(entry));
  }
  return out;
}

json Summary(const DrawAudit& a) {
  return {{"task_no", a.task_no},
          {"item_code", a.item_code},
          {"announced_index", a.announced_index},
          {"announced_on", domain::FormatDate(domain::ChinaDateOf(a.announced_at_ms))},
          {"seed_tree_size", a.seed_tree_size},
          {"recorded_index", a.recorded_index ? json(*a.recorded_index) : json(nullptr)},
          {"cancelled", a.cancelled_index.has_value()},
          {"objects_drawn", a.checks.size()},
          {"recusals", a.recusals},
          {"server_check", a.status.ok() ? "ok" : a.status.message()}};
}

json Detail(const DrawAudit& a) {
  json ratios = json::object();
  for (const auto& [cls, per_mille] : a.terms.ratios) ratios[cls] = per_mille;
  json out = Summary(a);
  out["terms"] = {{"list_version", a.terms.list_version},
                  {"object_pool_id", a.terms.object_pool_id},
                  {"object_pool_hash", ToHex(a.terms.object_pool_hash)},
                  {"object_count", a.terms.object_count},
                  {"inspector_pool_id", a.terms.inspector_pool_id},
                  {"inspector_pool_hash", ToHex(a.terms.inspector_pool_hash)},
                  {"inspector_count", a.terms.inspector_count},
                  {"ratios_per_mille", ratios},
                  {"team_size", a.terms.team_size},
                  {"algorithm", a.terms.algorithm},
                  {"log_vkey", a.terms.seed.log_vkey},
                  {"witness_vkeys", a.terms.seed.witness_vkeys}};
  out["pools"] = {{"objects", a.objects_text}, {"inspectors", a.inspectors_text}};
  out["seed_checkpoint"] = a.seed_checkpoint;
  out["drawn"] = Checks(a.drawn, a.objects);
  out["teams"] = Checks(a.checks, a.objects);
  json recusals = json::array();
  for (const RecusalRecord& r : a.recusal_records) {
    recusals.push_back({{"index", r.index},
                        {"object_id", r.object_id},
                        {"inspector", r.inspector},
                        {"reason", r.reason},
                        {"replacement", r.replacement}});
  }
  out["recusals_detail"] = std::move(recusals);
  out["cancel_reason"] = a.cancel_reason;
  json results = json::array();
  for (const CheckResultRecord& r : a.results) {
    results.push_back({{"object_id", r.object_id},
                       {"officers", r.officers},
                       {"ended_on", r.ended_date},
                       {"outcome", fb::EnumNameCheckOutcome(r.outcome)},
                       {"summary", r.summary},
                       {"published_on", r.published_date}});
  }
  out["results"] = std::move(results);
  return out;
}

}  // namespace

void AddDrawRoutes(Router& router, ApiContext& ctx) {
  router.Add("GET", "/v1/draws", kReadPublic, [&ctx](HttpRequest&, const Caller&) -> Result<HttpResponse> {
    LAWTRAIL_ASSIGN_OR_RETURN(auto audits, AuditDraws(*ctx.reader));
    json items = json::array();
    for (const DrawAudit& a : audits) items.push_back(Summary(a));
    return HttpResponse::Json(JsonText(json{{"items", std::move(items)}}));
  });
  router.Add("GET", "/v1/draws/{task}", kReadPublic, [&ctx](HttpRequest& r, const Caller&) -> Result<HttpResponse> {
    LAWTRAIL_ASSIGN_OR_RETURN(auto audits, AuditDraws(*ctx.reader));
    for (const DrawAudit& a : audits) {
      if (a.task_no == r.params["task"]) return HttpResponse::Json(JsonText(Detail(a)));
    }
    return HttpResponse::Error(404, "not_found", "no draw '" + r.params["task"] + "'");
  });
}

}  // namespace lawtrail::api
