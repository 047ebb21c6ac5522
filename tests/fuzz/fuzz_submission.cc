// Submissions and signed statements as a client sends them (HTTP, `append`):
// whatever parses as a canonical signed statement re-encodes to its own bytes,
// and its JSON view reads back to the same statement.
#include "ledger/client/json_codec.h"
#include "ledger/core/canonical.h"
#include "ledger/core/statement.h"
#include "ledger/core/submission.h"
#include "tests/fuzz/fuzz_support.h"

using namespace lawtrail;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto sub = ParseSubmission(Bytes(data, data + size));
  if (!sub.ok()) return 0;
  const bool bare = sub->signed_statement.size() == size;
  LAWTRAIL_FUZZ_CHECK(bare || BuildSubmission(sub->signed_statement, sub->openings) == Bytes(data, data + size),
                      "an accepted submission is its parts' one encoding");
  auto parsed = ParseSignedStatement(sub->signed_statement);
  if (!parsed.ok()) return 0;
  if (!CheckCanonicalSignedStatement(*parsed).ok()) return 0;
  const ByteView st = parsed->statement_bytes();
  const ByteView sig(parsed->signed_statement->signature()->data(), parsed->signed_statement->signature()->size());
  LAWTRAIL_FUZZ_CHECK(EncodeSignedStatement(st, sig) == parsed->signed_bytes,
                      "a canonical wrapper re-encodes to itself");
  LAWTRAIL_FUZZ_CHECK(CanonicalStatement(st) == Bytes(st.begin(), st.end()),
                      "a canonical statement re-encodes to itself");
  (void)VerifyStatementSignature(*parsed);
  thread_local JsonCodec codec;
  auto json = codec.StatementToJson(st);
  LAWTRAIL_FUZZ_CHECK(json.ok(), "every canonical statement has a JSON view");
  auto back = codec.StatementFromJson(*json);
  LAWTRAIL_FUZZ_CHECK(back.ok(), "a statement's JSON view reads back");
  LAWTRAIL_FUZZ_CHECK(*back == Bytes(st.begin(), st.end()), "the JSON view reads back to the same bytes");
  return 0;
}
