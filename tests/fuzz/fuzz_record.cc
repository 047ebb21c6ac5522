// Records as a follower reads them from Kafka (and verify from the store,
// and the court's verifier from a bundle): the first 8 bytes are the index
// the stream claims, the rest the record. A record that opens is canonical
// and its JSON view holds.
#include "ledger/client/json_codec.h"
#include "ledger/core/canonical.h"
#include "ledger/core/case_head.h"
#include "ledger/core/record_check.h"
#include "tests/fuzz/fuzz_support.h"

using namespace lawtrail;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 8) return 0;
  uint64_t index = 0;
  for (int i = 0; i < 8; ++i) index = index << 8 | data[i];
  const ByteView record(data + 8, size - 8);
  auto opened = OpenRecord(record, index);
  if (!opened.ok()) {
    LAWTRAIL_FUZZ_CHECK(opened.status().code() == StatusCode::kCorruption,
                        "a record is refused as corruption, naming why");
    return 0;
  }
  LAWTRAIL_FUZZ_CHECK(CheckCanonicalRecord(record, *opened->record).ok(),
                      "an opened record is its fields' one encoding");
  LAWTRAIL_FUZZ_CHECK(CheckCanonicalSignedStatement(opened->statement).ok(), "its statement is the one encoding");
  (void)CheckCaseLink(*opened->record, CaseHead{}, opened->statement.statement->case_id()->string_view());
  thread_local JsonCodec codec;
  LAWTRAIL_FUZZ_CHECK(codec.RecordToJson(record).ok(), "an opened record has a JSON view");
  return 0;
}
