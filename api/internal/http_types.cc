#include "api/internal/http_types.h"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

#include "api/internal/json_body.h"

namespace lawtrail::api {

std::string_view HttpRequest::Header(std::string_view name) const {
  for (const auto& [n, v] : headers) {
    if (n == name) return v;
  }
  return {};
}

size_t HttpRequest::HeaderCount(std::string_view name) const {
  return static_cast<size_t>(
      std::count_if(headers.begin(), headers.end(), [&](const auto& h) { return h.first == name; }));
}

std::string HttpRequest::ContentType() const {
  std::string t(Header("content-type"));
  t = t.substr(0, t.find(';'));
  while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.pop_back();
  std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::tolower(c); });
  return t;
}

std::string HttpRequest::Query(const std::string& name, const std::string& fallback) const {
  auto it = query.find(name);
  return it == query.end() ? fallback : it->second;
}

HttpResponse HttpResponse::Json(std::string body, unsigned status) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

HttpResponse HttpResponse::Text(std::string body, std::string content_type) {
  HttpResponse r;
  r.content_type = std::move(content_type);
  r.body = std::move(body);
  return r;
}

HttpResponse HttpResponse::Error(unsigned status, std::string_view code, std::string_view message,
                                 std::string_view rule) {
  nlohmann::json e = {{"code", code}, {"message", message}};
  if (!rule.empty()) e["rule"] = rule;
  HttpResponse r = Json(JsonText({{"error", e}}), status);
  r.error_code = std::string(code);
  return r;
}

std::pair<unsigned, std::string_view> HttpStatusOf(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return {200, "ok"};
    case StatusCode::kInvalidArgument: return {400, "invalid_argument"};
    case StatusCode::kNotFound: return {404, "not_found"};
    case StatusCode::kAlreadyExists: return {409, "conflict"};
    case StatusCode::kFailedPrecondition: return {422, "refused"};
    case StatusCode::kPermissionDenied: return {403, "forbidden"};
    case StatusCode::kUnavailable: return {503, "unavailable"};
    case StatusCode::kCorruption: return {500, "corruption"};
    case StatusCode::kIOError: return {500, "io_error"};
    default: return {500, "internal"};
  }
}

HttpResponse ErrorResponse(const Status& s) {
  const auto [status, code] = HttpStatusOf(s.code());
  HttpResponse r = HttpResponse::Error(status, code, s.message(), s.rule());
  if (s.code() == StatusCode::kUnavailable) r.headers.emplace_back("Retry-After", "1");
  return r;
}

HttpResponse MirrorRefuses(std::string_view what) {
  HttpResponse r = HttpResponse::Error(
      405, "mirror", "this server is a mirror of the log: " + std::string(what) + " only at the primary");
  r.headers.emplace_back("Allow", "");
  return r;
}

std::string PercentDecode(std::string_view s, bool plus_is_space) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2])));
      i += 2;
    } else if (plus_is_space && s[i] == '+') {
      out.push_back(' ');
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

}  // namespace lawtrail::api
