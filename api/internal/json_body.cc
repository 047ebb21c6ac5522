#include "api/internal/json_body.h"

#include <algorithm>

namespace lawtrail::api {

Result<uint64_t> ParseIndex(std::string_view text, std::string_view what) {
  const bool digits = !text.empty() && text.size() <= 20 &&
                      std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits || (text.size() > 1 && text[0] == '0')) {
    return Status::InvalidArgument(std::string(what) + " must be a non-negative decimal integer, not '" +
                                   std::string(text) + "'");
  }
  uint64_t v = 0;
  for (char c : text) {
    const auto digit = static_cast<uint64_t>(c - '0');
    if (v > (UINT64_MAX - digit) / 10) return Status::InvalidArgument(std::string(what) + " is out of range");
    v = v * 10 + digit;
  }
  return v;
}

Result<nlohmann::json> ParseJsonBody(const HttpRequest& request, const JsonLimits& limits) {
  if (request.ContentType() != "application/json") {
    return Status::InvalidArgument("Content-Type must be application/json, not '" + request.ContentType() + "'");
  }
  if (request.body.empty()) return Status::InvalidArgument("the body is empty: it must be a JSON object");
  if (Status s = CheckJsonText(request.body, limits); !s.ok()) {
    return Status::InvalidArgument("the body is not valid JSON: " + s.message());
  }
  nlohmann::json body = nlohmann::json::parse(request.body, nullptr, false);
  if (body.is_discarded()) return Status::InvalidArgument("the body is not valid JSON");
  return body;
}

nlohmann::json HashesJson(const std::vector<Hash>& hashes) {
  nlohmann::json a = nlohmann::json::array();
  for (const Hash& h : hashes) a.push_back(ToBase64(h));
  return a;
}

std::string JsonCompact(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string JsonText(const nlohmann::json& j) { return JsonCompact(j) + "\n"; }

}  // namespace lawtrail::api
