// File: ledger/bundle/export_verifier.h
// -----------------------------------------------------------------------------
// Checks a case export (schemas/export.fbs) offline, trusting nothing in it
// but what the log's verifier key signs: the court's side of docs/court-export.md.
// It links only the core formats (lawtrail::core), libsodium and FlatBuffers.
//
// The checks run in a fixed order and stop at the first failure, which the
// report names; the order is the one docs/court-export.md gives, so that a
// failure is reported where its cause is, not where it shows up later.
#ifndef LAWTRAIL_LEDGER_BUNDLE_EXPORT_VERIFIER_H_
#define LAWTRAIL_LEDGER_BUNDLE_EXPORT_VERIFIER_H_

#include <optional>
#include <string>
#include <vector>

#include "ledger/core/bytes.h"
#include "ledger/core/note.h"
#include "ledger/core/policy.h"

namespace lawtrail {

struct ExportCheckOptions {
  note::Verifier vkey;
  // A checkpoint the court already trusts (signed note), of any size.
  std::optional<std::string> trusted_checkpoint;
  // A consistency proof given beside the bundle (one hash per entry, RFC 9162
  // order) between the bundle's checkpoint and the trusted one, for a trusted
  // checkpoint made after the bundle; the bundle's own proofs are used first.
  std::vector<Hash> consistency;
  // The court's witness policy (C2SP tlog-policy): when set, the bundle's
  // checkpoint must be signed by a log it lists and cosigned by its quorum.
  std::optional<policy::Policy> policy = std::nullopt;
};

struct ExportReport {
  Status status;                     // OK, or the first failure
  std::string failure;               // the part that failed, e.g. "records[3] (index 1207)"
  std::vector<std::string> checked;  // one line per check that passed, in order

  std::string case_id;
  std::string origin;
  uint64_t checkpoint_size = 0;
  std::optional<uint64_t> trusted_size;
  size_t records = 0, registry_records = 0, signatures = 0, proof_hashes = 0, case_head_proof_hashes = 0;
  size_t openings = 0, attachments = 0, files = 0, documents = 0;
  size_t timestamp_bytes =
      0;  // the RFC 3161 token's size, 0 without one (checked by `lawtrail verify-export --tsa-ca`)
  // The case as its records tell it.
  std::vector<std::string> summary;
};

ExportReport VerifyExport(ByteView bundle, const ExportCheckOptions& options);

// The report as the court reads it: what was checked, the counts, the case.
std::string FormatExportReport(const ExportReport& report);

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_BUNDLE_EXPORT_VERIFIER_H_
