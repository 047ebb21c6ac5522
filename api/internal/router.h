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
#include <variant>
#include <vector>

#include "api/access.h"
#include "api/internal/http_types.h"

namespace lawtrail::api {

// A handler answers with a response, or with the Status that refuses the
// request: the router turns that into the error response (ErrorResponse), so
// that every route maps errors to HTTP the same way.
using RouteHandler = std::function<Result<HttpResponse>(HttpRequest&, const Caller&)>;
// A route whose body is streamed (HttpServer's StreamRoutes): from the header,
// the sink that takes the body, or the answer refusing it.
using StreamHandler = std::function<Result<StreamStart>(HttpRequest&, const Caller&)>;

class Router {
 public:
  explicit Router(const TokenTable& tokens) : tokens_(tokens) {}

  // `permission` 0: anyone, even with no token.
  void Add(std::string method, std::string pattern, uint32_t permission, RouteHandler handler);
  // A route whose body goes to a sink as it arrives. Through Handle (a body
  // already read whole) the body is given to the sink at once.
  void AddStream(std::string method, std::string pattern, uint32_t permission, StreamHandler handler);
  // Whether `head` is for a streamed route (its method and path): cheap.
  bool Streams(const HttpRequest& head) const;
  // The streamed route's start for `head`, after the same checks as Handle
  // (path, token, permission): a sink, or the answer.
  StreamStart OpenStream(HttpRequest& head) const;
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
    StreamHandler stream;  // set for a streamed route (then `handler` is not)
  };
  // The route `request` asks for, with its caller; or the answer refusing it
  // (404, 405, 401, 403, 400). Fills request.params and request.route.
  std::variant<std::pair<const Route*, Caller>, HttpResponse> Resolve(HttpRequest& request) const;
  static bool Match(const Route& route, const std::vector<std::string_view>& raw, HttpRequest* request);

  const TokenTable& tokens_;
  std::vector<Route> routes_;
};

}  // namespace lawtrail::api

#endif  // LAWTRAIL_API_INTERNAL_ROUTER_H_
