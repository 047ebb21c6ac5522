#include "api/internal/view_routes.h"

#include <algorithm>
#include <mutex>

#include <rocksdb/db.h>

#include "api/internal/json_body.h"
#include "ledger/casefile/labels.h"
#include "ledger/client/statement_builder.h"
#include "projectors/annual_report.h"
#include "projectors/disclosure_view.h"
#include "projectors/registry_view.h"
#include "projectors/statistics_view.h"
#include "projectors/warnings_view.h"

namespace lawtrail::api {
namespace {

using projectors::ViewHandle;
using projectors::ViewStore;

// Each stored document under `prefix` whose key has no further '/' (so not
// its versions, "…/v/<index>"), in key order, after `after`.
Status ScanDocuments(ViewStore& views, const ViewHandle& cf, const std::string& prefix,
                     const std::function<bool(std::string_view key, std::string_view value)>& visit) {
  std::unique_ptr<rocksdb::Iterator> it(views.db()->NewIterator(rocksdb::ReadOptions(), cf.get()));
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    const std::string_view key(it->key().data(), it->key().size());
    if (key.find('/', prefix.size()) != std::string_view::npos) continue;
    if (!visit(key, std::string_view(it->value().data(), it->value().size()))) break;
  }
  return FromRocks(it->status(), "reading a view");
}

// A server started without views (lawtrail serve --no-views): never a 503,
// since asking again will not help.
HttpResponse NoViews() { return HttpResponse::Error(501, "no_views", "this server keeps no views"); }

Result<ViewHandle> Active(ApiContext& ctx, std::string_view name) { return ctx.views->ActiveView(name); }

nlohmann::json ParseStored(std::string_view text) { return nlohmann::json::parse(text, nullptr, false); }

// A search matches the fields the public form shows (a withdrawn decision
// shows its number only).
bool Matches(const nlohmann::json& d, const std::string& q) {
  if (q.empty()) return true;
  auto has = [&q](const nlohmann::json& o, const char* field) {
    return o.contains(field) && o[field].is_string() && o[field].get<std::string>().find(q) != std::string::npos;
  };
  for (const char* field : {"decision_no", "party_name", "violation_type", "facts", "penalty_content", "agency"}) {
    if (has(d, field)) return true;
  }
  if (!d.contains("licence")) return false;
  for (const char* field : {"matter", "content", "certificate_no"}) {
    if (has(d["licence"], field)) return true;
  }
  return false;
}

// The 征收 notices the town posted, newest first: public as posted (土地管理法实施条例 第26–31条).
Result<HttpResponse> Notices(ApiContext& ctx, HttpRequest& request) {
  LAWTRAIL_ASSIGN_OR_RETURN(const uint64_t page, ParseIndex(request.Query("page", "1"), "page"));
  LAWTRAIL_ASSIGN_OR_RETURN(const uint64_t per_page, ParseIndex(request.Query("per_page", "20"), "per_page"));
  if (page == 0 || per_page == 0 || per_page > 100) {
    return HttpResponse::Error(400, "invalid_argument", "page starts at 1 and per_page is 1–100");
  }
  LAWTRAIL_ASSIGN_OR_RETURN(std::vector<nlohmann::json> notices, projectors::TakingNotices(*ctx.views));
  // One case's notices only, when asked.
  if (const std::string only = request.Query("case"); !only.empty()) {
    std::erase_if(notices, [&](const nlohmann::json& n) { return n.value("case_id", "") != only; });
  }
  nlohmann::json items = nlohmann::json::array();
  for (uint64_t i = (page - 1) * per_page; i < notices.size() && i < page * per_page; ++i) {
    items.push_back(std::move(notices[i]));
  }
  return HttpResponse::Json(JsonText({{"items", std::move(items)}, {"total", notices.size()}, {"page", page}}));
}

// Decisions shown today, newest first; withdrawn ones by their withdrawal
// notice only, those whose display period ended not at all (domain.md §7.3).
Result<HttpResponse> Disclosures(ApiContext& ctx, HttpRequest& request) {
  LAWTRAIL_ASSIGN_OR_RETURN(auto cf, Active(ctx, projectors::DisclosureView::kName));
  LAWTRAIL_ASSIGN_OR_RETURN(const uint64_t page, ParseIndex(request.Query("page", "1"), "page"));
  LAWTRAIL_ASSIGN_OR_RETURN(const uint64_t per_page, ParseIndex(request.Query("per_page", "20"), "per_page"));
  if (page == 0 || per_page == 0 || per_page > 100) {
    return HttpResponse::Error(400, "invalid_argument", "page starts at 1 and per_page is 1–100");
  }
  const std::string q = request.Query("q");
  // One kind of decision only: 行政处罚, 行政许可 or 行政强制 (the public record's "act").
  const std::string act = request.Query("act");
  if (!act.empty() && act != "行政处罚" && act != "行政许可" && act != "行政强制") {
    return HttpResponse::Error(400, "invalid_argument", "act is 行政处罚, 行政许可 or 行政强制, or absent for all");
  }
  const std::string today = ChinaDay(NowMs());
  std::vector<nlohmann::json> found;
  LAWTRAIL_RETURN_IF_ERROR(ScanDocuments(*ctx.views, cf, "decision/", [&](std::string_view, std::string_view value) {
    nlohmann::json shown = projectors::PublicDisclosure(ParseStored(value), today);
    if (!shown.is_object() || (!act.empty() && shown["act"] != act)) return true;
    if (Matches(shown, q)) found.push_back(std::move(shown));
    return true;
  }));
  // A withdrawn decision's notice sorts by its withdrawal.
  auto when = [](const nlohmann::json& d) {
    return d.contains("withdrawn") ? d["withdrawn"].value("on", "") : d.value("decided_on", "");
  };
  std::stable_sort(found.begin(), found.end(),
                   [&when](const nlohmann::json& a, const nlohmann::json& b) { return when(a) > when(b); });
  nlohmann::json items = nlohmann::json::array();
  const uint64_t begin = (page - 1) * per_page;
  for (uint64_t i = begin; i < found.size() && i < begin + per_page; ++i) items.push_back(std::move(found[i]));
  return HttpResponse::Json(
      JsonText({{"total", found.size()}, {"page", page}, {"per_page", per_page}, {"items", items}}));
}

// One decision as the public may see it today: 404 if it was never
// published, 410 once its display period is over; never its earlier versions.
Result<HttpResponse> Disclosure(ApiContext& ctx, HttpRequest& request) {
  LAWTRAIL_ASSIGN_OR_RETURN(auto cf, Active(ctx, projectors::DisclosureView::kName));
  const std::string case_id = request.params["case"];
  LAWTRAIL_ASSIGN_OR_RETURN(auto stored, ctx.views->Get(cf, "decision/" + case_id));
  const nlohmann::json record = stored ? ParseStored(*stored) : nlohmann::json();
  const std::string today = ChinaDay(NowMs());
  const nlohmann::json shown = projectors::PublicDisclosure(record, today);
  if (shown.is_object()) return HttpResponse::Json(JsonText({{"case_id", case_id}, {"decision", shown}}));
  // Shown once, its display period (a withdrawal notice's too) now over.
  if (const std::string ends =
          record.is_object() && record.contains("published_on") ? projectors::DisplayEnds(record) : std::string();
      !ends.empty() && today > ends) {
    return HttpResponse::Error(
        410, "display_period_ended",
        "the decision in case '" + case_id + "' was shown until " + ends + " and is no longer public");
  }
  return HttpResponse::Error(404, "not_found", "no published decision for case '" + case_id + "'");
}

Result<HttpResponse> Document(ApiContext& ctx, std::string_view view, const std::string& key, const std::string& what) {
  LAWTRAIL_ASSIGN_OR_RETURN(auto cf, Active(ctx, view));
  LAWTRAIL_ASSIGN_OR_RETURN(auto stored, ctx.views->Get(cf, key));
  if (!stored) return HttpResponse::Error(404, "not_found", "no " + what);
  return HttpResponse::Json(*stored + "\n");
}

Result<HttpResponse> Certificate(ApiContext& ctx, HttpRequest& request) {
  LAWTRAIL_ASSIGN_OR_RETURN(auto cf, Active(ctx, projectors::RegistryView::kName));
  const std::string cert = request.params["cert"];
  LAWTRAIL_ASSIGN_OR_RETURN(auto entry, ctx.views->Get(cf, "officer/" + cert));
  if (!entry) {
    return HttpResponse::Json(JsonText({{"certificate", cert}, {"status", "unknown"}}), 404);
  }
  return HttpResponse::Json(JsonText({{"certificate", cert},
                                      {"status", projectors::CertificateStatus(*entry, NowMs())},
                                      {"officer", ParseStored(*entry)}}));
}

Result<HttpResponse> Listing(ApiContext& ctx, std::string_view view, const std::string& prefix) {
  LAWTRAIL_ASSIGN_OR_RETURN(auto cf, Active(ctx, view));
  nlohmann::json items = nlohmann::json::array();
  LAWTRAIL_RETURN_IF_ERROR(ScanDocuments(*ctx.views, cf, prefix, [&](std::string_view key, std::string_view value) {
    nlohmann::json d = ParseStored(value);
    d["key"] = std::string(key.substr(prefix.size()));
    items.push_back(std::move(d));
    return true;
  }));
  return HttpResponse::Json(JsonText({{"items", items}}));
}

Result<HttpResponse> AnnualReport(ApiContext& ctx, HttpRequest& request) {
  auto year = ParseIndex(request.params["year"], "year");
  if (!year.ok() || *year < 2000 || *year > 2100)
    return HttpResponse::Error(400, "invalid_argument", "year must be 2000–2100");
  LAWTRAIL_ASSIGN_OR_RETURN(auto registry, Active(ctx, projectors::RegistryView::kName));
  LAWTRAIL_ASSIGN_OR_RETURN(auto profile, ctx.views->Get(registry, "agency"));
  const nlohmann::json a = ParseStored(profile.value_or("{}"));
  LAWTRAIL_ASSIGN_OR_RETURN(auto report, projectors::BuildAnnualReport(*ctx.views, static_cast<int>(*year),
                                                                       a.is_object() ? a.value("name", "") : ""));
  return HttpResponse::Json(JsonText(report));
}

}  // namespace

void AddViewRoutes(Router& router, ApiContext& ctx, ViewAccess access) {
  ctx.disclosure_record_public = [&ctx, access](std::string_view case_id, uint64_t index) -> Result<bool> {
    if (ctx.views == nullptr) return false;
    ReaderLock lock(*access.lock);
    return projectors::IsPublicDisclosureRecord(*ctx.views, case_id, index, ChinaDay(NowMs()));
  };
  // Every view route: 503 without views, and the shared lock while it reads.
  auto reading = [&ctx, access](auto handler) {
    return [&ctx, access, handler](HttpRequest& r, const Caller& c) -> Result<HttpResponse> {
      if (ctx.views == nullptr) return NoViews();
      ReaderLock lock(*access.lock);
      return handler(r, c);
    };
  };
  router.Add("GET", "/v1/registry/agency", kReadPublic, reading([&ctx](HttpRequest&, const Caller&) {
               return Document(ctx, projectors::RegistryView::kName, "agency", "agency profile yet");
             }));
  router.Add("GET", "/v1/registry/officers", kReadPublic, reading([&ctx](HttpRequest&, const Caller&) {
               return Listing(ctx, projectors::RegistryView::kName, "officer/");
             }));
  router.Add("GET", "/v1/registry/officers/{cert}", kReadPublic,
             reading([&ctx](HttpRequest& r, const Caller&) { return Certificate(ctx, r); }));
  router.Add("GET", "/v1/registry/items/{kind}", kReadPublic,
             reading([&ctx](HttpRequest& r, const Caller&) -> Result<HttpResponse> {
               return Listing(ctx, projectors::RegistryView::kName, "item/" + r.params["kind"] + "/");
             }));
  router.Add("GET", "/v1/disclosures", kReadPublic,
             reading([&ctx](HttpRequest& r, const Caller&) { return Disclosures(ctx, r); }));
  router.Add("GET", "/v1/disclosures/{case}", kReadPublic,
             reading([&ctx](HttpRequest& r, const Caller&) { return Disclosure(ctx, r); }));
  router.Add("GET", "/v1/notices", kReadPublic,
             reading([&ctx](HttpRequest& r, const Caller&) { return Notices(ctx, r); }));
  router.Add("GET", "/v1/statistics/{year}", kReadPublic,
             reading([&ctx](HttpRequest& r, const Caller&) -> Result<HttpResponse> {
               return Document(ctx, projectors::StatisticsView::kName, "year/" + r.params["year"],
                               "statistics for year " + r.params["year"]);
             }));
  router.Add("GET", "/v1/reports/annual/{year}", kReadPublic,
             reading([&ctx](HttpRequest& r, const Caller&) { return AnnualReport(ctx, r); }));
  router.Add("GET", "/v1/warnings", kRetrieve, reading([&ctx](HttpRequest& r, const Caller&) -> Result<HttpResponse> {
               LAWTRAIL_ASSIGN_OR_RETURN(auto list,
                                         projectors::ComputeWarnings(*ctx.views, r.Query("today", ChinaDay(NowMs()))));
               return HttpResponse::Json(JsonText({{"warnings", list}}));
             }));
  router.Add("GET", "/v1/projectors", kReadPublic, [access](HttpRequest&, const Caller&) -> Result<HttpResponse> {
    if (access.lock == nullptr) return NoViews();
    ReaderLock hold(*access.lock);
    if (access.runner == nullptr) return NoViews();
    LAWTRAIL_ASSIGN_OR_RETURN(auto lag, access.runner->Lag());
    nlohmann::json items = nlohmann::json::array();
    for (const auto& l : lag) {
      items.push_back(
          {{"name", l.name}, {"version", l.version}, {"cursor", l.cursor}, {"lag", l.lag}, {"active", l.active}});
    }
    return HttpResponse::Json(JsonText({{"projectors", items}}));
  });
}

}  // namespace lawtrail::api
