#include "api/internal/portal_routes.h"

#include <string_view>

namespace lawtrail::api {

extern const std::string_view kPortalIndexHtml;
extern const std::string_view kPortalJs;
extern const std::string_view kPortalCss;

namespace {

HttpResponse Asset(std::string_view body, const char* type) {
  HttpResponse r = HttpResponse::Text(std::string(body), type);
  // Scripts only from here, nothing framed, no sniffing: the verify panel's
  // verdict must come from this script and no other.
  r.headers.emplace_back("Content-Security-Policy",
                         "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'");
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("Cache-Control", "no-cache");
  return r;
}

}  // namespace

void AddPortalRoutes(Router& router) {
  router.Add("GET", "/", 0,
             [](HttpRequest&, const Caller&) { return Asset(kPortalIndexHtml, "text/html; charset=utf-8"); });
  router.Add("GET", "/portal.js", 0,
             [](HttpRequest&, const Caller&) { return Asset(kPortalJs, "text/javascript; charset=utf-8"); });
  router.Add("GET", "/portal.css", 0,
             [](HttpRequest&, const Caller&) { return Asset(kPortalCss, "text/css; charset=utf-8"); });
}

}  // namespace lawtrail::api
