#include "projectors/internal/json_view.h"

#include <cstdio>

namespace lawtrail::projectors {

Result<nlohmann::json> ParseViewValue(std::string_view text, std::string_view key) {
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_discarded()) return Status::Corruption("view value at '" + std::string(key) + "' is not JSON");
  return doc;
}

nlohmann::json Dated(const ProjectedRecord& r) {
  return {
      {"index", r.index}, {"occurred_at_ms", r.statement->occurred_at_ms()}, {"recorded_at_ms", r.time_recorded_ms}};
}

std::string IndexKey(uint64_t index) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%020llu", static_cast<unsigned long long>(index));
  return buf;
}

}  // namespace lawtrail::projectors
