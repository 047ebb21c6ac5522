// File: api/internal/json_body.h
// -----------------------------------------------------------------------------
// Small helpers shared by the routes: parsing numbers from paths and query
// strings, and JSON arrays of base64 hashes.
#ifndef LAWTRAIL_API_INTERNAL_JSON_BODY_H_
#define LAWTRAIL_API_INTERNAL_JSON_BODY_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/internal/http_types.h"
#include "ledger/client/strict_json.h"
#include "ledger/core/bytes.h"
#include "ledger/core/status.h"

namespace lawtrail::api {

// A decimal uint64 without sign, spaces or leading zeros (except "0"); the
// error names `what`.
Result<uint64_t> ParseIndex(std::string_view text, std::string_view what);

// The body of `request` as JSON, refused (kInvalidArgument, naming what is
// wrong) unless its Content-Type is application/json and its text passes
// CheckJsonText within `limits`: so that no body can build a tree larger than
// the limits allow (docs/reliability.md gives the bound).
Result<nlohmann::json> ParseJsonBody(const HttpRequest& request, const JsonLimits& limits);

nlohmann::json HashesJson(const std::vector<Hash>& hashes);

// Compact JSON with UTF-8 as is (never \u escapes; invalid bytes replaced).
std::string JsonCompact(const nlohmann::json& j);
// The same and a newline: a response body.
std::string JsonText(const nlohmann::json& j);

}  // namespace lawtrail::api

#endif  // LAWTRAIL_API_INTERNAL_JSON_BODY_H_
