#include "api/view_routes.h"

#include <rocksdb/db.h>

#include <algorithm>
#include <mutex>

#include "api/json_body.h"
#include "ledger/statement_builder.h"
#include "projectors/annual_report.h"
#include "projectors/disclosure_view.h"
#include "ledger/casefile/labels.h"
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

HttpResponse NoViews() { return HttpResponse::Error(503, "unavailable", "this server keeps no views"); }

Result<ViewHandle> Active(ApiContext& ctx, std::string_view name) {
  return ctx.views->ActiveView(name);
}

nlohmann::json ParseStored(std::string_view text) { return nlohmann::json::parse(text, nullptr, false); }

// A decision the public may see: published (or withdrawn after publication).
bool IsPublished(const nlohmann::json& d) {
  return d.is_object() && d.contains("published_on") && !d["published_on"].is_null();
}

bool Matches(const nlohmann::json& d, const std::string& q) {
  if (q.empty()) return true;
  for (const char* field : {"decision_no", "party_name", "violation_type", "facts", "penalty_content", "agency"}) {
    if (d.contains(field) && d[field].is_string() && d[field].get<std::string>().find(q) != std::string::npos) return true;
  }
  return false;
}

HttpResponse Disclosures(ApiContext& ctx, HttpRequest& request) {
  auto cf = Active(ctx, projectors::DisclosureView::kName);
  if (!cf.ok()) return HttpResponse::FromStatus(cf.status());
  auto page = ParseIndex(request.Query("page", "1"), "page");
  auto per_page = ParseIndex(request.Query("per_page", "20"), "per_page");
  if (!page.ok()) return HttpResponse::FromStatus(page.status());
  if (!per_page.ok()) return HttpResponse::FromStatus(per_page.status());
  if (*page == 0 || *per_page == 0 || *per_page > 100) {
    return HttpResponse::Error(400, "invalid_argument", "page starts at 1 and per_page is 1–100");
  }
  const std::string q = request.Query("q");
  const std::string today = ChinaDay(NowMs());
  // Newest decisions first: collect the published ones, then sort by date.
  std::vector<nlohmann::json> found;
  Status s = ScanDocuments(*ctx.views, *cf, "decision/", [&](std::string_view key, std::string_view value) {
    nlohmann::json d = ParseStored(value);
    if (!IsPublished(d) || !Matches(d, q)) return true;
    d["case_id"] = std::string(key.substr(std::string_view("decision/").size()));
    d["disclosure_status"] = projectors::DisclosureStatus(std::string(value), today);
    found.push_back(std::move(d));
    return true;
  });
  if (!s.ok()) return HttpResponse::FromStatus(s);
  std::stable_sort(found.begin(), found.end(), [](const nlohmann::json& a, const nlohmann::json& b) {
    return a.value("decided_on", "") > b.value("decided_on", "");
  });
  nlohmann::json items = nlohmann::json::array();
  const uint64_t begin = (*page - 1) * *per_page;
  for (uint64_t i = begin; i < found.size() && i < begin + *per_page; ++i) items.push_back(std::move(found[i]));
  return HttpResponse::Json(JsonText({{"total", found.size()}, {"page", *page}, {"per_page", *per_page}, {"items", items}}));
}

HttpResponse Disclosure(ApiContext& ctx, HttpRequest& request) {
  auto cf = Active(ctx, projectors::DisclosureView::kName);
  if (!cf.ok()) return HttpResponse::FromStatus(cf.status());
  const std::string case_id = request.params["case"];
  auto stored = ctx.views->Get(*cf, "decision/" + case_id);
  if (!stored.ok()) return HttpResponse::FromStatus(stored.status());
  const nlohmann::json d = *stored ? ParseStored(**stored) : nlohmann::json();
  if (!IsPublished(d)) return HttpResponse::Error(404, "not_found", "no published decision for case '" + case_id + "'");
  auto versions = projectors::DisclosureHistory(*ctx.views, case_id);
  if (!versions.ok()) return HttpResponse::FromStatus(versions.status());
  nlohmann::json body = {{"case_id", case_id},
                         {"decision", d},
                         {"disclosure_status", projectors::DisclosureStatus(**stored, ChinaDay(NowMs()))},
                         {"versions", *versions}};
  return HttpResponse::Json(JsonText(body));
}

HttpResponse Document(ApiContext& ctx, std::string_view view, const std::string& key, const std::string& what) {
  auto cf = Active(ctx, view);
  if (!cf.ok()) return HttpResponse::FromStatus(cf.status());
  auto stored = ctx.views->Get(*cf, key);
  if (!stored.ok()) return HttpResponse::FromStatus(stored.status());
  if (!*stored) return HttpResponse::Error(404, "not_found", "no " + what);
  return HttpResponse::Json(**stored + "\n");
}

HttpResponse Certificate(ApiContext& ctx, HttpRequest& request) {
  auto cf = Active(ctx, projectors::RegistryView::kName);
  if (!cf.ok()) return HttpResponse::FromStatus(cf.status());
  const std::string cert = request.params["cert"];
  auto entry = ctx.views->Get(*cf, "officer/" + cert);
  if (!entry.ok()) return HttpResponse::FromStatus(entry.status());
  if (!*entry) {
    return HttpResponse::Json(JsonText({{"certificate", cert}, {"status", "unknown"}}), 404);
  }
  return HttpResponse::Json(JsonText({{"certificate", cert},
                                      {"status", projectors::CertificateStatus(**entry, NowMs())},
                                      {"officer", ParseStored(**entry)}}));
}

HttpResponse Listing(ApiContext& ctx, std::string_view view, const std::string& prefix) {
  auto cf = Active(ctx, view);
  if (!cf.ok()) return HttpResponse::FromStatus(cf.status());
  nlohmann::json items = nlohmann::json::array();
  Status s = ScanDocuments(*ctx.views, *cf, prefix, [&](std::string_view key, std::string_view value) {
    nlohmann::json d = ParseStored(value);
    d["key"] = std::string(key.substr(prefix.size()));
    items.push_back(std::move(d));
    return true;
  });
  if (!s.ok()) return HttpResponse::FromStatus(s);
  return HttpResponse::Json(JsonText({{"items", items}}));
}

HttpResponse AnnualReport(ApiContext& ctx, HttpRequest& request) {
  auto year = ParseIndex(request.params["year"], "year");
  if (!year.ok() || *year < 2000 || *year > 2100) return HttpResponse::Error(400, "invalid_argument", "year must be 2000–2100");
  auto registry = Active(ctx, projectors::RegistryView::kName);
  if (!registry.ok()) return HttpResponse::FromStatus(registry.status());
  auto profile = ctx.views->Get(*registry, "agency");
  if (!profile.ok()) return HttpResponse::FromStatus(profile.status());
  const nlohmann::json a = ParseStored(profile->value_or("{}"));
  auto report = projectors::BuildAnnualReport(*ctx.views, static_cast<int>(*year), a.is_object() ? a.value("name", "") : "");
  if (!report.ok()) return HttpResponse::FromStatus(report.status());
  return HttpResponse::Json(JsonText(*report));
}

}  // namespace

void AddViewRoutes(Router& router, ApiContext& ctx, ViewAccess access) {
  // Every view route: 503 without views, and the shared lock while it reads.
  auto reading = [&ctx, access](auto handler) {
    return [&ctx, access, handler](HttpRequest& r, const Caller& c) -> HttpResponse {
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
  router.Add("GET", "/v1/registry/items/{kind}", kReadPublic, reading([&ctx](HttpRequest& r, const Caller&) {
               return Listing(ctx, projectors::RegistryView::kName, "item/" + r.params["kind"] + "/");
             }));
  router.Add("GET", "/v1/disclosures", kReadPublic,
             reading([&ctx](HttpRequest& r, const Caller&) { return Disclosures(ctx, r); }));
  router.Add("GET", "/v1/disclosures/{case}", kReadPublic,
             reading([&ctx](HttpRequest& r, const Caller&) { return Disclosure(ctx, r); }));
  router.Add("GET", "/v1/statistics/{year}", kReadPublic, reading([&ctx](HttpRequest& r, const Caller&) {
               return Document(ctx, projectors::StatisticsView::kName, "year/" + r.params["year"],
                               "statistics for year " + r.params["year"]);
             }));
  router.Add("GET", "/v1/reports/annual/{year}", kReadPublic,
             reading([&ctx](HttpRequest& r, const Caller&) { return AnnualReport(ctx, r); }));
  router.Add("GET", "/v1/warnings", kRetrieve, reading([&ctx](HttpRequest& r, const Caller&) {
               auto list = projectors::ComputeWarnings(*ctx.views, r.Query("today", ChinaDay(NowMs())));
               if (!list.ok()) return HttpResponse::FromStatus(list.status());
               return HttpResponse::Json(JsonText({{"warnings", *list}}));
             }));
  router.Add("GET", "/v1/projectors", kReadPublic, [access](HttpRequest&, const Caller&) {
               if (access.lock == nullptr) return NoViews();
               ReaderLock hold(*access.lock);
               if (access.runner == nullptr) return NoViews();
               auto lag = access.runner->Lag();
               if (!lag.ok()) return HttpResponse::FromStatus(lag.status());
               nlohmann::json items = nlohmann::json::array();
               for (const auto& l : *lag) {
                 items.push_back({{"name", l.name}, {"version", l.version}, {"cursor", l.cursor}, {"lag", l.lag},
                                  {"active", l.active}});
               }
               return HttpResponse::Json(JsonText({{"projectors", items}}));
             });
}

}  // namespace lawtrail::api
