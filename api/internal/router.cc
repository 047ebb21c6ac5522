#include "api/internal/router.h"

namespace lawtrail::api {
namespace {

std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    const size_t end = path.find('/', i);
    out.push_back(path.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i));
    if (end == std::string_view::npos) break;
    i = end;
  }
  return out;
}

bool IsParam(const std::string& s) { return s.size() > 2 && s.front() == '{' && s.back() == '}'; }
bool IsRest(const std::string& s) { return IsParam(s) && s.size() > 5 && s.compare(s.size() - 4, 4, "...}") == 0; }

}  // namespace

void Router::Add(std::string method, std::string pattern, uint32_t permission, RouteHandler handler) {
  std::vector<std::string> segments;
  for (std::string_view s : Segments(pattern)) segments.emplace_back(s);
  routes_.push_back({std::move(method), std::move(pattern), std::move(segments), permission, std::move(handler), {}});
}

void Router::AddStream(std::string method, std::string pattern, uint32_t permission, StreamHandler handler) {
  std::vector<std::string> segments;
  for (std::string_view s : Segments(pattern)) segments.emplace_back(s);
  routes_.push_back({std::move(method), std::move(pattern), std::move(segments), permission, {}, std::move(handler)});
}

bool Router::Match(const Route& route, const std::vector<std::string_view>& raw, HttpRequest* request) {
  const auto& pattern = route.segments;
  const bool rest = !pattern.empty() && IsRest(pattern.back());
  if (rest ? raw.size() < pattern.size() : raw.size() != pattern.size()) return false;
  std::map<std::string, std::string> params;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const std::string& p = pattern[i];
    if (rest && i + 1 == pattern.size()) {
      std::string tail;
      for (size_t j = i; j < raw.size(); ++j) tail += (j > i ? "/" : "") + std::string(raw[j]);
      params[p.substr(1, p.size() - 5)] = tail;
    } else if (IsParam(p)) {
      params[p.substr(1, p.size() - 2)] = PercentDecode(raw[i]);
    } else if (p != raw[i]) {
      return false;
    }
  }
  if (request != nullptr) request->params = std::move(params);
  return true;
}

namespace {

// One resource, one path: "/" or "/a/b", with no empty, "." or ".." segment
// and no trailing slash, so that "/tile/0//000" or "/v1/log/" is not a second
// name for what "/tile/0/000" or "/v1/log" names.
bool IsCanonicalPath(std::string_view path) {
  if (path == "/") return true;
  if (path.empty() || path.front() != '/' || path.back() == '/') return false;
  for (std::string_view s : Segments(path)) {
    if (s == "." || s == "..") return false;
  }
  return path.find("//") == std::string_view::npos;
}

}  // namespace

std::variant<std::pair<const Router::Route*, Caller>, HttpResponse> Router::Resolve(HttpRequest& request) const {
  if (!IsCanonicalPath(request.raw_path)) {
    return HttpResponse::Error(404, "unknown_path",
                               "not a path this server names (empty, '.' or '..' segments, "
                               "or a trailing slash): " +
                                   request.raw_path);
  }
  // A header given twice is ambiguous: which token, which body type? Refused,
  // not resolved by picking one.
  for (const char* name : {"authorization", "content-type", "content-range"}) {
    if (const size_t n = request.HeaderCount(name); n > 1) {
      return HttpResponse::Error(400, "bad_request",
                                 "the request has " + std::to_string(n) + " " + name + " headers; send one");
    }
  }
  if ((request.method == "GET" || request.method == "HEAD") && !request.body.empty()) {
    return HttpResponse::Error(400, "bad_request", "a " + request.method + " request carries no body");
  }
  const auto raw = Segments(request.raw_path);
  const Route* path_match = nullptr;
  for (const Route& route : routes_) {
    if (!Match(route, raw, nullptr)) continue;
    path_match = &route;
    request.route = route.pattern;
    if (route.method != request.method && !(route.method == "GET" && request.method == "HEAD")) continue;
    auto caller = tokens_.Identify(request.Header("authorization"));
    if (!caller.ok()) {
      HttpResponse r = HttpResponse::Error(401, "unauthorized", caller.status().message());
      r.headers.emplace_back("WWW-Authenticate", "Bearer");
      return r;
    }
    if (route.permission != 0 && !caller->Can(route.permission)) {
      return HttpResponse::Error(
          403, "forbidden",
          "the " + std::string(RoleName(caller->role)) + " role may not " + request.method + " " + route.pattern);
    }
    Match(route, raw, &request);
    request.route = route.pattern;
    return std::make_pair(&route, std::move(*caller));
  }
  if (path_match != nullptr) {
    HttpResponse r =
        HttpResponse::Error(405, "method_not_allowed", request.method + " is not allowed on " + path_match->pattern);
    std::string allow;
    for (const Route& route : routes_) {
      if (route.pattern == path_match->pattern) allow += (allow.empty() ? "" : ", ") + route.method;
    }
    r.headers.emplace_back("Allow", allow);
    return r;
  }
  return HttpResponse::Error(404, "unknown_path", "no such path: " + request.path);
}

HttpResponse Router::Handle(HttpRequest& request) const {
  auto resolved = Resolve(request);
  if (auto* refused = std::get_if<HttpResponse>(&resolved)) return std::move(*refused);
  auto& [route, caller] = std::get<0>(resolved);
  HttpResponse response;
  if (route->stream) {
    // A streamed route reached with its body already read (tests, small bodies): the same sink, all at once.
    Result<StreamStart> start = route->stream(request, caller);
    if (!start.ok()) return ErrorResponse(start.status());
    if (!start->sink) return std::move(start->answer);
    const Status wrote = start->sink->Write(request.body);
    return wrote.ok() ? start->sink->Finish() : ErrorResponse(wrote);
  }
  Result<HttpResponse> answered = route->handler(request, caller);
  response = answered.ok() ? std::move(*answered) : ErrorResponse(answered.status());
  if (request.method == "HEAD") response.body.clear();
  return response;
}

bool Router::Streams(const HttpRequest& head) const {
  if (!IsCanonicalPath(head.raw_path)) return false;
  const auto raw = Segments(head.raw_path);
  for (const Route& route : routes_) {
    if (route.stream && route.method == head.method && Match(route, raw, nullptr)) return true;
  }
  return false;
}

StreamStart Router::OpenStream(HttpRequest& head) const {
  auto resolved = Resolve(head);
  if (auto* refused = std::get_if<HttpResponse>(&resolved)) return StreamStart{nullptr, std::move(*refused)};
  auto& [route, caller] = std::get<0>(resolved);
  if (!route->stream) return StreamStart{nullptr, HttpResponse::Error(500, "internal", "not a streamed route")};
  Result<StreamStart> start = route->stream(head, caller);
  if (!start.ok()) return StreamStart{nullptr, ErrorResponse(start.status())};
  return std::move(*start);
}

std::vector<std::pair<std::string, std::string>> Router::Routes() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const Route& r : routes_) out.emplace_back(r.method, r.pattern);
  return out;
}

}  // namespace lawtrail::api
