// Court bundles as a court receives them: a bundle the verifier passes is
// byte-identical to its parts' one encoding, and no bundle crashes it.
#include "ledger/bundle/bundle.h"
#include "ledger/bundle/export_verifier.h"
#include "tests/fuzz/fuzz_support.h"

using namespace lawtrail;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const ByteView bytes(data, size);
  auto parts = bundle::Unpack(bytes);
  if (parts.ok()) {
    const Bytes again = bundle::Pack(*parts);
    auto reparsed = bundle::Unpack(again);
    LAWTRAIL_FUZZ_CHECK(reparsed.ok() && bundle::Pack(*reparsed) == again, "packing the parts is deterministic");
  }
  // Checked against the key the bundle names itself, so that every check,
  // not only the first, meets the fuzzer's inputs.
  note::Verifier vkey = fuzz::LogVerifier();
  if (parts.ok()) {
    if (auto named = note::ParseVerifier(parts->verifier_key); named.ok()) vkey = *named;
  }
  const ExportReport report = VerifyExport(bytes, {vkey, std::nullopt, {}});
  if (report.status.ok()) {
    LAWTRAIL_FUZZ_CHECK(parts.ok() && bundle::Pack(*parts) == Bytes(bytes.begin(), bytes.end()),
                        "a bundle that verifies is its parts' one encoding");
  } else {
    LAWTRAIL_FUZZ_CHECK(!report.failure.empty(), "a failing bundle names the part that failed");
  }
  (void)FormatExportReport(report);
  return 0;
}
