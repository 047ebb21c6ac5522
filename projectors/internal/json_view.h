// File: projectors/internal/json_view.h
// -----------------------------------------------------------------------------
// Views whose values are canonical JSON documents (sorted keys, UTF-8):
// loading, storing and the dated stamp every version carries.
#ifndef LAWTRAIL_PROJECTORS_INTERNAL_JSON_VIEW_H_
#define LAWTRAIL_PROJECTORS_INTERNAL_JSON_VIEW_H_

#include <string>

#include <nlohmann/json.hpp>

#include "ledger/core/fb_string.h"
#include "projectors/internal/projector.h"

namespace lawtrail::projectors {

// A view value parsed as JSON; a value that is not JSON is corruption,
// reported with its key.
Result<nlohmann::json> ParseViewValue(std::string_view text, std::string_view key);
// {index, occurred_at_ms, recorded_at_ms} of a record.
nlohmann::json Dated(const ProjectedRecord& r);
// Zero-padded so that keys sort by index.
std::string IndexKey(uint64_t index);
using lawtrail::Str;
using lawtrail::StrView;

}  // namespace lawtrail::projectors

#endif  // LAWTRAIL_PROJECTORS_INTERNAL_JSON_VIEW_H_
