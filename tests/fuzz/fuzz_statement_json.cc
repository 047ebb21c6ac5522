// The JSON statement format of `lawtrail sign`: strict JSON first, then the
// schema; what it accepts is canonical and reads back through its JSON view.
#include "ledger/client/json_codec.h"
#include "ledger/client/strict_json.h"
#include "ledger/core/canonical.h"
#include "tests/fuzz/fuzz_support.h"

using namespace lawtrail;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (!CheckJsonText(text, JsonLimits{}).ok()) return 0;
  thread_local JsonCodec codec;
  auto statement = codec.StatementFromJson(text);
  if (!statement.ok()) return 0;
  LAWTRAIL_FUZZ_CHECK(CheckStatementBytes(*statement).ok(), "what sign writes is a well-formed statement");
  LAWTRAIL_FUZZ_CHECK(CheckCanonicalStatement(*statement).ok(), "what sign writes is the one encoding");
  auto json = codec.StatementToJson(*statement);
  LAWTRAIL_FUZZ_CHECK(json.ok(), "a written statement has a JSON view");
  auto again = codec.StatementFromJson(*json);
  LAWTRAIL_FUZZ_CHECK(again.ok() && *again == *statement, "its JSON view reads back to the same bytes");
  return 0;
}
