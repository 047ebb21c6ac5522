// File: projectors/projector.h
// -----------------------------------------------------------------------------
// A projector folds the record stream, strictly in index order, into one view:
// a set of keys and values in its own RocksDB column family. It is a pure
// function of the records (design invariant 6): deleting the view and
// replaying gives identical bytes, and it has no side effects beyond the
// writes it makes through ViewTxn — which the runner commits together with
// the projector's cursor, so a crash never applies a record twice or skips one.
//
// A projector has a name (what readers ask for) and a version: a new version
// builds beside the old one and takes over when it has caught up.
#ifndef LAWTRAIL_PROJECTORS_PROJECTOR_H_
#define LAWTRAIL_PROJECTORS_PROJECTOR_H_

#include <rocksdb/db.h>
#include <rocksdb/utilities/write_batch_with_index.h>

#include <nlohmann/json.hpp>

#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <string>
#include <string_view>

#include "ledger/bytes.h"
#include "ledger/status.h"
#include "schemas/record_generated.h"

namespace lawtrail::projectors {

// One record as projectors see it. Views point into the runner's buffers and
// are valid only during Apply.
struct ProjectedRecord {
  uint64_t index = 0;
  int64_t time_recorded_ms = 0;
  uint64_t case_version = 0;
  const fb::Statement* statement = nullptr;
  ByteView statement_bytes;
  ByteView record_bytes;
  std::string_view flags;  // "rule\tmessage\n" lines admission raised
};

// The pending writes of one commit, readable back before they are written.
class ViewTxn {
 public:
  ViewTxn(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf, rocksdb::WriteBatchWithIndex* batch)
      : db_(db), cf_(cf), batch_(batch) {}
  void Put(std::string_view key, std::string_view value);
  void Delete(std::string_view key);
  Result<std::optional<std::string>> Get(std::string_view key) const;

  // JSON documents, parsed once and serialised once per commit: a projector
  // that updates the same document for many records (a year's statistics, a
  // case file) pays for the text only at commit. Keys used as documents must
  // not also be written with Put.
  Result<nlohmann::json> LoadDoc(const std::string& key);  // null if absent
  void StoreDoc(const std::string& key, nlohmann::json doc);
  // The cached document at `key` (null if absent), to change in place; it is
  // written at the next flush. Valid until then.
  Result<nlohmann::json*> EditDoc(const std::string& key);
  // Writes every changed document into the batch (the runner calls it before
  // each commit) and forgets the parsed copies.
  void FlushDocs();

 private:
  rocksdb::DB* db_;
  rocksdb::ColumnFamilyHandle* cf_;
  rocksdb::WriteBatchWithIndex* batch_;
  std::unordered_map<std::string, nlohmann::json> docs_;
  std::unordered_set<std::string> dirty_;
};

class Projector {
 public:
  virtual ~Projector() = default;
  virtual std::string_view name() const = 0;
  virtual uint32_t version() const = 0;
  // Folds record `r` into the view. An error stops the runner at `r` with
  // nothing of `r` committed.
  virtual Status Apply(const ProjectedRecord& r, ViewTxn& view) = 0;
};

}  // namespace lawtrail::projectors

#endif  // LAWTRAIL_PROJECTORS_PROJECTOR_H_
