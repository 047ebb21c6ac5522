// File: ledger/log/store.h
// -----------------------------------------------------------------------------
// The log's RocksDB database: column families, key encodings and the few
// primitive operations the rest of the ledger builds on. Keys are big-endian
// so that RocksDB's byte order is numeric order.
//
//   records      index                  → record bytes
//   tree         last leaf ‖ level      → 32-byte perfect-subtree hash
//   checkpoints  tree size              → signed checkpoint note
//   event_ids    event id (16)          → index
//   cases        case id ‖ 0x00 ‖ index → the case's head after that record
//                                         (ledger/core/case_head.h); the last entry
//                                         of a case is its current head
//   meta         name                   → value ("origin", "size", "published-checkpoint")
//   sealed       commitment (32)        → encrypted opening (ledger/log/sealed_vault.h)
//   parties      party tag (32) ‖ index → case id: every record naming a party
//   flags        index                  → flags the record raised ("id\tmessage\n"…)
//   cosigned     tree size              → the checkpoint note with the witnesses' cosignatures
//                                         gathered so far (rewritten as more arrive; ledger/cosigning)
//                tree size ‖ 't'        → an RFC 3161 time-stamp token over its body (ledger/timestamp)
//
// Nothing in lawtrail ever deletes or overwrites a key of records, tree or
// checkpoints (invariant 1, docs/design/invariants.md). Only an erasure event deletes from sealed
// and parties, and then purges the deleted values from disk. Thread-safe as RocksDB is.
#ifndef LAWTRAIL_LEDGER_LOG_STORE_H_
#define LAWTRAIL_LEDGER_LOG_STORE_H_

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <rocksdb/db.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>

#include "ledger/core/bytes.h"
#include "ledger/core/merkle.h"
#include "ledger/core/mutex.h"

namespace lawtrail {

enum class Cf {
  kRecords = 0,
  kTree,
  kCheckpoints,
  kEventIds,
  kCases,
  kMeta,
  kSealed,
  kParties,
  kFlags,
  kCosigned,
  kCount
};

enum class OpenMode {
  kCreate,     // read-write; creates the database if it does not exist
  kReadWrite,  // read-write; the database must exist
  kReadOnly,   // a consistent view as of opening; works while a writer runs
};

namespace keys {
std::string Index(uint64_t index);
std::string Node(merkle::NodeId id);
std::string CaseIndex(std::string_view case_id, uint64_t index);
std::string CasePrefix(std::string_view case_id);
std::string PartyIndex(const Hash& tag, uint64_t index);
inline constexpr std::string_view kMetaOrigin = "origin";
inline constexpr std::string_view kMetaSize = "size";
// The tree size of the checkpoint the log publishes, when witnesses cosign
// its checkpoints (ledger/cosigning); absent: the newest checkpoint is published.
inline constexpr std::string_view kMetaPublished = "published-checkpoint";
// In the cosigned family: the RFC 3161 token over the checkpoint of `size`'s body.
std::string CosignedTimestamp(uint64_t size);
// In the meta family: the checkpoint of `size` is a draw's seed (empty value);
// the collector has every witness cosign it, whatever the log has grown to.
inline constexpr std::string_view kMetaSeedPrefix = "seed-checkpoint/";
std::string SeedCheckpoint(uint64_t size);
}  // namespace keys

class Store {
 public:
  // Opens the database at `path`. A read-write open fails with kUnavailable
  // while another process holds the database open for writing. `env` (null:
  // RocksDB's default) is for tests whose disk fails on demand; it must
  // outlive the store.
  static Result<std::unique_ptr<Store>> Open(const std::string& path, OpenMode mode, rocksdb::Env* env = nullptr);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  rocksdb::DB* db() { return db_.get(); }
  rocksdb::ColumnFamilyHandle* cf(Cf which) { return handles_[static_cast<size_t>(which)]; }
  bool read_only() const { return read_only_; }

  // Writes `batch` atomically with the WAL synced to disk before returning.
  Status WriteDurably(rocksdb::WriteBatch& batch);
  // Writes `batch` atomically without waiting for the disk: for what a crash
  // may lose because it can be found again (a follower's stream offsets). The
  // next durable write makes it durable too.
  Status WriteLazily(rocksdb::WriteBatch& batch);
  // Makes every write so far durable.
  Status SyncWal();

  Result<std::optional<std::string>> Get(Cf which, std::string_view key);

  // Makes values deleted from `families` leave the disk: flushes every
  // family (releasing the WAL files) and compacts `families` to the bottom.
  Status PurgeDeleted(std::initializer_list<Cf> families);
  // Reads stored perfect-subtree hashes (the merkle::NodeReader contract).
  // Nodes of kCachedLevel and above are kept in memory once read: a stored
  // node never changes, so the cache needs no invalidation, and proofs then
  // read only their few lowest nodes from RocksDB.
  Status ReadNodes(std::span<const merkle::NodeId> ids, std::span<Hash> out);
  // ReadNodes as a merkle::NodeReader. The store must outlive it.
  merkle::NodeReader NodeReader() {
    return [this](std::span<const merkle::NodeId> ids, std::span<Hash> out) { return ReadNodes(ids, out); };
  }

  static constexpr uint8_t kCachedLevel = 4;
  static constexpr size_t kMaxCachedNodes = 1 << 20;  // ≤ 32 MiB: every such node of a 16M-record log

 private:
  Store() = default;
  Status Write(const rocksdb::WriteOptions& options, rocksdb::WriteBatch& batch);
  static uint64_t CacheKey(merkle::NodeId id) { return uint64_t{id.level} << 58 | id.index; }
  SharedMutex cache_mu_;
  std::unordered_map<uint64_t, Hash> node_cache_ LAWTRAIL_GUARDED_BY(cache_mu_);
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  std::unique_ptr<rocksdb::DB> db_;
  bool read_only_ = false;
};

// Block-based tables with 10-bit bloom filters, index and filter blocks kept
// in `cache`: for column families read mostly by point lookups.
std::shared_ptr<rocksdb::TableFactory> BloomFilteredTables(const std::shared_ptr<rocksdb::Cache>& cache);

// Maps a RocksDB status to ours, naming the operation.
Status FromRocks(const rocksdb::Status& s, std::string_view what);

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_LOG_STORE_H_
