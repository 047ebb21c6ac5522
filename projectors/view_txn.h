// File: projectors/view_txn.h
// -----------------------------------------------------------------------------
// A projector's window onto its view: reads see the view as the records folded
// so far have left it, writes wait in memory until the runner commits them
// with the cursor. The window also caches what it read across commits — a
// case's documents are touched again and again over the weeks the case runs,
// and re-reading and re-parsing them per record is what made folding slow.
//
// Keys are either plain text values (Put/Get) or JSON documents (EditDoc and
// friends), never both: a document is parsed once when first touched and
// serialised once per commit in which it changed.
#ifndef LAWTRAIL_PROJECTORS_VIEW_TXN_H_
#define LAWTRAIL_PROJECTORS_VIEW_TXN_H_

#include <rocksdb/db.h>

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ledger/status.h"

namespace lawtrail::projectors {

// One write of a commit: a value, or a deletion when `value` is null.
struct ViewWrite {
  std::string_view key;
  const std::string* value;
};

class ViewTxn {
 public:
  ViewTxn(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf) : db_(db), cf_(cf) {}

  void Put(std::string_view key, std::string value);
  // A write-only value: a key this projector writes once and never reads or
  // writes again (a version kept for history). It skips the cache.
  void Append(std::string key, std::string value);
  void Delete(std::string_view key);
  // The value at `key`, or null if there is none. Valid until the next write
  // to `key` or the next commit.
  Result<const std::string*> Find(std::string_view key);
  Result<std::optional<std::string>> Get(std::string_view key);

  // The document at `key` to change in place (null if absent; assigning to
  // it creates the key). Valid until the next commit.
  Result<nlohmann::json*> EditDoc(std::string_view key);
  // The document at `key` for reading; a null document if absent.
  Result<const nlohmann::json*> PeekDoc(std::string_view key);
  Result<nlohmann::json> LoadDoc(std::string_view key);
  void StoreDoc(std::string_view key, nlohmann::json doc);

  // While set, writes to keys it refuses are dropped (rebuilding one case
  // must not add that case to the aggregates a second time).
  void RestrictWrites(std::function<bool(std::string_view)> allowed) { allowed_ = std::move(allowed); }

  // For the runner. The pending writes in key order, documents serialised;
  // valid until MarkCommitted.
  std::vector<ViewWrite> PendingWrites();
  // The pending writes are durable in the view: they become the cached state,
  // and cached entries not read in the last few windows are let go.
  void MarkCommitted();

 private:
  struct Slot {
    bool exists = false;
    bool is_doc = false;
    bool dirty = false;
    uint64_t used = 0;  // the commit generation that last read it
    std::string text;   // the value; for a document, its serialised form at commit
    nlohmann::json doc;
  };
  using Entry = std::pair<const std::string, Slot>;
  Result<Entry*> Load(std::string_view key, bool as_doc);
  Slot& Touch(std::string_view key);
  Slot& MarkDirty(Entry& entry);
  bool Allowed(std::string_view key) const { return !allowed_ || allowed_(key); }

  // Looks keys up by string_view, without building a string per lookup.
  struct KeyHash {
    using is_transparent = void;
    size_t operator()(std::string_view key) const { return std::hash<std::string_view>()(key); }
  };
  rocksdb::DB* db_;
  rocksdb::ColumnFamilyHandle* cf_;
  std::unordered_map<std::string, Slot, KeyHash, std::equal_to<>> slots_;
  std::vector<Entry*> dirty_;  // entries of slots_ (nodes stay put)
  std::vector<std::pair<std::string, std::string>> appended_;
  uint64_t generation_ = 1;
  std::function<bool(std::string_view)> allowed_;
  nlohmann::json scratch_;  // where refused document edits go
};

}  // namespace lawtrail::projectors

#endif  // LAWTRAIL_PROJECTORS_VIEW_TXN_H_
