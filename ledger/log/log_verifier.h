// File: ledger/log/log_verifier.h
// -----------------------------------------------------------------------------
// Re-checks a whole log from its stored bytes, trusting nothing stored:
//  - every record: structure, index, time order, signature, and admission
//    replayed from the registry as it stood (invariant 4, docs/design/invariants.md);
//  - every per-case chain: versions 1, 2, 3 … and previous leaf hashes;
//  - every stored tree hash against the hash recomputed from the records;
//  - the event-id and case indexes;
//  - every checkpoint: its signature by the log key and its root against the
//    recomputed tree (so no two roots for one size, and each is consistent
//    with every earlier one);
//  - optionally a checkpoint saved earlier by an inspector: a log rewritten
//    or truncated after it fails.
// The first problem found is reported with the index it concerns and why
// (invariant 8, docs/design/invariants.md).
#ifndef LAWTRAIL_LEDGER_LOG_LOG_VERIFIER_H_
#define LAWTRAIL_LEDGER_LOG_LOG_VERIFIER_H_

#include <functional>
#include <optional>

#include "ledger/core/note.h"
#include "ledger/log/store.h"
#include "ledger/log/thread_pool.h"

namespace lawtrail {

struct VerifyOptions {
  note::Verifier log_key;                         // the key the inspector trusts
  std::optional<std::string> trusted_checkpoint;  // a signed note saved earlier
  ThreadPool* pool = nullptr;                     // parallel signature checks; null = inline
  std::function<void(uint64_t done, uint64_t total)> progress;
};

struct VerifyReport {
  Status status;                      // OK iff everything holds
  std::optional<uint64_t> bad_index;  // the first record index concerned, when one is
  uint64_t records = 0;               // records checked
  uint64_t checkpoints = 0;           // checkpoints checked
  uint64_t cases = 0;
  Hash state_digest{};  // LogState::Digest after the last record, when everything holds
};

VerifyReport VerifyLog(Store& store, const VerifyOptions& options);

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_LOG_LOG_VERIFIER_H_
