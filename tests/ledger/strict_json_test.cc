// The strict JSON check before any tree is built: numbers no parser can hold
// are refused with the check's other refusals, not passed on to fail (or be
// read as infinity) later.
#include "ledger/client/strict_json.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

namespace lawtrail {
namespace {

TEST_CASE("a number too large for any double is refused, and one too small reads as a number", "[json]") {
  const JsonLimits limits;
  for (const char* huge : {"5555555.5E277777755", "1e309", "-1e309", "[1E400]", R"({"fine":"1","n":2e308})"}) {
    INFO(huge);
    const Status s = CheckJsonText(huge, limits);
    CHECK_FALSE(s.ok());
    CHECK_THAT(s.message(), Catch::Contains("too large for any double"));
    CHECK(nlohmann::json::parse(huge, nullptr, false).is_discarded());  // the parser refuses it too
  }
  for (const char* held : {"1e308", "-1.7976931348623157e308", "1e-400", "0", "-0.0e0", "18446744073709551616"}) {
    INFO(held);
    CHECK(CheckJsonText(held, limits).ok());
    CHECK_FALSE(nlohmann::json::parse(held, nullptr, false).is_discarded());
  }
}

}  // namespace
}  // namespace lawtrail
