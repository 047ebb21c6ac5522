// File: projectors/internal/projector.h
// -----------------------------------------------------------------------------
// A projector folds the record stream, strictly in index order, into one view:
// a set of keys and values in its own RocksDB column family. It is a pure
// function of the records (invariant 6, docs/design/invariants.md): deleting the view and
// replaying gives identical bytes, and it has no side effects beyond the
// writes it makes through ViewTxn — which the runner commits together with
// the projector's cursor, so a crash never applies a record twice or skips one.
//
// A projector has a name (what readers ask for) and a version: a new version
// builds beside the old one and takes over when it has caught up.
#ifndef LAWTRAIL_PROJECTORS_INTERNAL_PROJECTOR_H_
#define LAWTRAIL_PROJECTORS_INTERNAL_PROJECTOR_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/core/bytes.h"
#include "ledger/core/status.h"
#include "projectors/view_txn.h"
#include "schemas/record_generated.h"

namespace lawtrail::projectors {

// One record as projectors see it. Views point into the runner's buffers and
// are valid only during Apply.
struct ProjectedRecord {
  // A record whose bytes were not 8-aligned is parsed from an aligned copy;
  // `statement` and `statement_bytes` point into it, so it lives as long as
  // this record does.
  std::shared_ptr<const Bytes> aligned_copy;
  uint64_t index = 0;
  int64_t time_recorded_ms = 0;
  uint64_t case_version = 0;
  const fb::Statement* statement = nullptr;
  ByteView statement_bytes;
  ByteView record_bytes;
  std::string_view flags;  // "rule\tmessage\n" lines admission raised
};

// The record at `index` with its bytes and flags, as projectors see it.
Result<ProjectedRecord> ProjectRecord(uint64_t index, ByteView bytes, std::string_view flags);

struct CaseKeys {
  std::vector<std::string> keys;      // exact keys
  std::vector<std::string> prefixes;  // and every key under these
  bool empty() const { return keys.empty() && prefixes.empty(); }
  bool Holds(std::string_view key) const;
};

class Projector {
 public:
  virtual ~Projector() = default;
  virtual std::string_view name() const = 0;
  virtual uint32_t version() const = 0;
  // Folds record `r` into the view. An error stops the runner at `r` with
  // nothing of `r` committed.
  virtual Status Apply(const ProjectedRecord& r, ViewTxn& view) = 0;
  // Where case `case_id`'s own entries are: nothing another case adds to.
  // Rebuilding one case clears these and folds the case's records again with
  // every other write (aggregates, indexes) suppressed. Empty: the view keeps
  // nothing per case.
  virtual CaseKeys CaseKeysOf(std::string_view case_id) const {
    (void)case_id;
    return {};
  }
};

}  // namespace lawtrail::projectors

#endif  // LAWTRAIL_PROJECTORS_INTERNAL_PROJECTOR_H_
