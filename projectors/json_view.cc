#include "projectors/json_view.h"

#include <cstdio>

namespace lawtrail::projectors {

Result<nlohmann::json> LoadJson(ViewTxn& view, const std::string& key) { return view.LoadDoc(key); }

void StoreJson(ViewTxn& view, const std::string& key, nlohmann::json value) { view.StoreDoc(key, std::move(value)); }

nlohmann::json Dated(const ProjectedRecord& r) {
  return {{"index", r.index}, {"occurred_at_ms", r.statement->occurred_at_ms()},
          {"recorded_at_ms", r.time_recorded_ms}};
}

std::string IndexKey(uint64_t index) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%020llu", static_cast<unsigned long long>(index));
  return buf;
}

}  // namespace lawtrail::projectors
