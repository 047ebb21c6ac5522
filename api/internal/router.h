// File: api/internal/router.h
// -----------------------------------------------------------------------------
// Maps a method and path to a handler and the permission it needs. Patterns
// are literal segments, `{name}` (one segment, percent-decoded, into
// request.params) and a final `{name...}` (the rest of the path, raw).
// Unknown paths get 404, a known path with another method 405, a missing or
// unknown token 401, a caller without the permission 403 — each as a JSON
// error with a stable code.
#ifndef LAWTRAIL_API_INTERNAL_ROUTER_H_
#define LAWTRAIL_API_INTERNAL_ROUTER_H_

#include <functional>
#include <string>
#include <vector>

#include "api/access.h"
#include "api/internal/http_types.h"

namespace lawtrail::api {

// A handler answers with a response, or with the Status that refuses the
// request: the router turns that into the error response (ErrorResponse), so
// that every route maps errors to HTTP the same way.
using RouteHandler = std::function<Result<HttpResponse>(HttpRequest&, const Caller&)>;

class Router {
 public:
  explicit Router(const TokenTable& tokens) : tokens_(tokens) {}

  // `permission` 0: anyone, even with no token.
  void Add(std::string method, std::string pattern, uint32_t permission, RouteHandler handler);
  // Sets request.route to the pattern whose path matched, then answers.
  HttpResponse Handle(HttpRequest& request) const;
  // Every route as (method, pattern), in the order added: for tests that
  // send every route the same hostile input.
  std::vector<std::pair<std::string, std::string>> Routes() const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    uint32_t permission;
    RouteHandler handler;
  };
  static bool Match(const Route& route, const std::vector<std::string_view>& raw, HttpRequest* request);

  const TokenTable& tokens_;
  std::vector<Route> routes_;
};

}  // namespace lawtrail::api

#endif  // LAWTRAIL_API_INTERNAL_ROUTER_H_
