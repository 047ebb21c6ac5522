// File: projectors/view_store.h
// -----------------------------------------------------------------------------
// The database of views, beside the log (DIR/views): one column family per
// view version ("<name>@<version>") and `meta` with each version's cursor
// (the next record index it will fold) and each name's active version.
// Views are derived data: writes are atomic but not synced — after a crash a
// view and its cursor roll back together, and the runner folds again.
#ifndef LAWTRAIL_PROJECTORS_VIEW_STORE_H_
#define LAWTRAIL_PROJECTORS_VIEW_STORE_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include "ledger/core/mutex.h"
#include "ledger/core/status.h"
#include "projectors/view_txn.h"

namespace lawtrail::projectors {

// A view version's column family, kept alive while anyone holds it: a reader
// that took the active view reads it to the end even if a newer version takes
// over and this one is dropped meanwhile (RocksDB deletes a dropped family's
// data when its last handle goes).
using ViewHandle = std::shared_ptr<rocksdb::ColumnFamilyHandle>;

class ViewStore {
 public:
  // Opens (creating if needed) the view database at `path`. Read-only opens
  // see the views as of opening and work while a runner writes.
  static Result<std::unique_ptr<ViewStore>> Open(const std::string& path, bool read_only = false);
  ~ViewStore();

  rocksdb::DB* db() { return db_.get(); }
  static std::string ViewId(std::string_view name, uint32_t version);

  // The column family of a view version, created if missing (read-write only).
  Result<ViewHandle> View(std::string_view name, uint32_t version);
  // Empty if that version has no column family.
  ViewHandle FindView(std::string_view name, uint32_t version);
  // The column family readers should use for `name`: its active version,
  // alive for as long as the caller holds it. Thread-safe.
  Result<ViewHandle> ActiveView(std::string_view name);

  Result<uint64_t> Cursor(std::string_view name, uint32_t version);
  Result<std::optional<uint32_t>> ActiveVersion(std::string_view name);
  void PutCursor(rocksdb::WriteBatchBase& batch, std::string_view name, uint32_t version, uint64_t next);
  void PutActive(rocksdb::WriteBatchBase& batch, std::string_view name, uint32_t version);
  void DeleteActive(rocksdb::WriteBatchBase& batch, std::string_view name);
  rocksdb::ColumnFamilyHandle* meta() { return meta_; }

  Status Write(rocksdb::WriteBatch& batch);
  // Writes a projector's pending view writes (sorted by key) and its new
  // cursor atomically. Many writes (a rebuild's) go in as a sorted table file
  // ingested beside the cursor's, bypassing the memtable; few go in a batch.
  Status Commit(rocksdb::ColumnFamilyHandle* view, const std::vector<ViewWrite>& writes, std::string_view name,
                uint32_t version, uint64_t next, size_t ingest_from);
  // Drops a view version and its cursor; its data goes when the last reader
  // holding it lets go.
  Status Drop(std::string_view name, uint32_t version);
  // Whether a view holds no key.
  Result<bool> Empty(rocksdb::ColumnFamilyHandle* view);

  Result<std::optional<std::string>> Get(rocksdb::ColumnFamilyHandle* cf, std::string_view key);
  Result<std::optional<std::string>> Get(const ViewHandle& view, std::string_view key) { return Get(view.get(), key); }

 private:
  ViewStore() = default;
  Status Ingest(rocksdb::ColumnFamilyHandle* view, const std::vector<ViewWrite>& writes, std::string_view id,
                const std::string& cursor);
  std::string path_;
  std::unique_ptr<rocksdb::DB> db_;
  rocksdb::ColumnFamilyHandle* meta_ = nullptr;
  Mutex mu_;
  ViewHandle Hold(rocksdb::ColumnFamilyHandle* raw);  // owned from now on
  std::map<std::string, ViewHandle, std::less<>> views_ LAWTRAIL_GUARDED_BY(mu_);
  bool read_only_ = false;
};

}  // namespace lawtrail::projectors

#endif  // LAWTRAIL_PROJECTORS_VIEW_STORE_H_
