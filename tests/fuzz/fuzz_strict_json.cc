// The strict JSON check that guards every JSON body and the config: what it
// accepts, nlohmann's parser accepts too (with no member name twice), and
// what that parser refuses, it refuses.
#include <set>

#include <nlohmann/json.hpp>

#include "ledger/client/strict_json.h"
#include "tests/fuzz/fuzz_support.h"

using namespace lawtrail;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const JsonLimits limits{1 << 16, 16, 4096};
  const bool ours = CheckJsonText(text, limits).ok();
  // Repeated names, counted by the parser itself (it keeps only the last).
  size_t keys = 0, members = 0;
  nlohmann::json::parser_callback_t count = [&](int, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    if (event == nlohmann::json::parse_event_t::key) ++keys;
    if (event == nlohmann::json::parse_event_t::object_end) members += parsed.size();
    return true;
  };
  const nlohmann::json j = nlohmann::json::parse(text.begin(), text.end(), count, false);
  if (ours) {
    LAWTRAIL_FUZZ_CHECK(!j.is_discarded(), "what the strict check accepts is JSON");
    LAWTRAIL_FUZZ_CHECK(keys == members, "what the strict check accepts names no member twice");
  }
  if (j.is_discarded()) LAWTRAIL_FUZZ_CHECK(!ours, "what is not JSON the strict check refuses");
  if (auto end = ScanJsonValue(text, limits); end.ok())
    LAWTRAIL_FUZZ_CHECK(*end <= size, "a value ends inside the text");
  return 0;
}
