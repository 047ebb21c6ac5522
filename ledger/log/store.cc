#include "ledger/log/store.h"

#include <algorithm>
#include <chrono>
#include <cstdarg>
#include <cstdio>
#include <filesystem>
#include <set>
#include <thread>
#include <utility>

#include <rocksdb/filter_policy.h>
#include <rocksdb/perf_level.h>
#include <rocksdb/slice_transform.h>
#include <rocksdb/table.h>

namespace lawtrail {
namespace keys {

std::string Index(uint64_t index) {
  std::string k;
  AppendBigEndian64(k, index);
  return k;
}

std::string CosignedTimestamp(uint64_t size) { return Index(size) + "t"; }

std::string SeedCheckpoint(uint64_t size) { return std::string(kMetaSeedPrefix) + Index(size); }

std::string Node(merkle::NodeId id) {
  // Keyed by the last leaf the node covers, then its level: the nodes one
  // append completes sort together, right after those of the leaf before, so
  // RocksDB always inserts at the end of the tree's key space.
  std::string k;
  AppendBigEndian64(k, id.end() - 1);
  k.push_back(static_cast<char>(id.level));
  return k;
}

std::string CasePrefix(std::string_view case_id) {
  std::string k(case_id);
  k.push_back('\0');
  return k;
}

std::string CaseIndex(std::string_view case_id, uint64_t index) {
  std::string k = CasePrefix(case_id);
  AppendBigEndian64(k, index);
  return k;
}

std::string PartyIndex(const Hash& tag, uint64_t index) {
  std::string k(AsChars(tag));
  AppendBigEndian64(k, index);
  return k;
}

}  // namespace keys

namespace {

// RocksDB's own LOG file would sit on the log's disk; when that disk is full
// Debian's RocksDB (built with assertions) aborts on the next LOG write, e.g.
// while closing. Its errors go to stderr instead; routine info is dropped.
class StderrLogger : public rocksdb::Logger {
 public:
  StderrLogger() : rocksdb::Logger(rocksdb::InfoLogLevel::ERROR_LEVEL) {}
  using rocksdb::Logger::Logv;
  void Logv(const char* format, va_list ap) override {
    std::fputs("rocksdb: ", stderr);
    std::vfprintf(stderr, format, ap);
    std::fputc('\n', stderr);
  }
};

// The write-ahead log files in a store's folder.
std::set<std::string> WalFiles(const std::string& path) {
  std::set<std::string> wals;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(path, ec)) {
    if (entry.path().extension() == ".log") wals.insert(entry.path().filename().string());
  }
  return wals;
}

// A read-only open beside a process that writes the log. RocksDB reads the
// MANIFEST, then lists the WAL files, then opens the table files and WALs.
// Two things the writer does in between make that view wrong:
//   - a compaction deletes a table file the MANIFEST named: the open fails
//     with "No such file or directory";
//   - a flush of every family (or a restarted writer's recovery) moves a
//     WAL's records into table files the MANIFEST read did not name yet and
//     deletes the WAL: the open succeeds but sees neither, only a later WAL's
//     records and size above a hole (found by the soak: "record 312 is
//     missing").
// RocksDB deletes WALs by age: when one goes, every older one goes too. So if
// every WAL there before the open is still there after it, no WAL the
// MANIFEST needed was deleted while it was read; an open that cannot show
// that is tried again, for up to 10 s. (Once open, every table file is held
// open, so reads never meet a deleted one.)
rocksdb::Status OpenReadOnlyBesideWriter(const rocksdb::DBOptions& options, const std::string& path,
                                         const std::vector<rocksdb::ColumnFamilyDescriptor>& cfs,
                                         std::vector<rocksdb::ColumnFamilyHandle*>& handles, rocksdb::DB*& db) {
  // A budget of time rather than of tries: how many opens fit in it depends
  // on the machine, and a slow one (or one under a sanitizer) needs more.
  constexpr auto kBudget = std::chrono::seconds(10);
  const auto give_up = std::chrono::steady_clock::now() + kBudget;
  rocksdb::Status s;
  for (int attempt = 1;; ++attempt) {
    const std::set<std::string> before = WalFiles(path);
    s = rocksdb::DB::OpenForReadOnly(options, path, cfs, &handles, &db);
    if (s.ok()) {
      const std::set<std::string> after = WalFiles(path);
      const bool whole =
          before.empty() ? after.empty() : std::includes(after.begin(), after.end(), before.begin(), before.end());
      if (whole) return s;
      for (auto* h : handles) db->DestroyColumnFamilyHandle(h);
      handles.clear();
      delete std::exchange(db, nullptr);
      s = rocksdb::Status::Busy(
          "the writer kept moving its write-ahead log into table files while the log was "
          "opened read-only (" +
          std::to_string(attempt) + " tries in 10 s); try again");
    } else {
      const bool vanished = s.ToString().find("No such file or directory") != std::string::npos &&
                            std::filesystem::exists(path + "/CURRENT");  // not a store that is not there
      if (!vanished) return s;
      // Not damage: the writer is busy. Said so if it stays busy.
      s = rocksdb::Status::Busy(
          "the writer's compactions kept deleting table files while the log was opened "
          "read-only (" +
          std::to_string(attempt) + " tries in 10 s; the last: " + s.ToString() + "); try again");
    }
    if (std::chrono::steady_clock::now() >= give_up) return s;
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min(10 * attempt, 200)));
  }
}

constexpr const char* kCfNames[] = {"records", "tree",   "checkpoints", "event_ids", "cases",
                                    "meta",    "sealed", "parties",     "flags",     "cosigned"};
static_assert(std::size(kCfNames) == static_cast<size_t>(Cf::kCount));

// The case a case-index key belongs to: all of it but the record index at
// its end (keys::CaseIndex).
class CaseOfIndexKey : public rocksdb::SliceTransform {
 public:
  const char* Name() const override { return "lawtrail.CaseOfIndexKey"; }
  rocksdb::Slice Transform(const rocksdb::Slice& key) const override {
    return {key.data(), key.size() - sizeof(uint64_t)};
  }
  bool InDomain(const rocksdb::Slice& key) const override { return key.size() > sizeof(uint64_t); }
};

rocksdb::ColumnFamilyOptions CfOptions(Cf which, const std::shared_ptr<rocksdb::Cache>& cache) {
  rocksdb::ColumnFamilyOptions o;
  // Point lookups (event ids, tree nodes) dominate: bloom filters let a miss
  // skip the disk, and the memtable filter keeps duplicate checks cheap.
  o.table_factory = BloomFilteredTables(cache);
  // Append-ordered families take big memtables; the randomly keyed ones
  // (event ids, cases) stay small so their inserts stay in cache.
  const bool append_ordered = which == Cf::kRecords || which == Cf::kTree;
  o.write_buffer_size = append_ordered ? (64 << 20) : (16 << 20);
  if (which == Cf::kEventIds || which == Cf::kTree) {
    o.memtable_prefix_bloom_size_ratio = 0.1;
    o.memtable_whole_key_filtering = true;
  }
  // Event ids lead with the time they were made (StampEventId), so the
  // event-id family keeps RocksDB's skiplist memtable: its inserts land near
  // the end and it flushes in the order it holds. A hash memtable inserted
  // faster but had to sort every entry into a new skiplist at each flush,
  // 4.6% of a follower's CPU (docs/performance.md, run Q).
  //
  // A case's records are spread over the log, so its index entries land all
  // over the memtable; RocksDB keeps, per case, where the last one went and
  // inserts the next beside it instead of searching the skiplist from the top.
  if (which == Cf::kCases) {
    o.memtable_insert_with_hint_prefix_extractor = std::make_shared<CaseOfIndexKey>();
  }
  // Hashes and signatures do not compress.
  o.compression = (which == Cf::kTree || which == Cf::kEventIds) ? rocksdb::kNoCompression : rocksdb::kLZ4Compression;
  return o;
}

}  // namespace

std::shared_ptr<rocksdb::TableFactory> BloomFilteredTables(const std::shared_ptr<rocksdb::Cache>& cache) {
  rocksdb::BlockBasedTableOptions t;
  t.block_cache = cache;
  t.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  t.cache_index_and_filter_blocks = true;
  return std::shared_ptr<rocksdb::TableFactory>(rocksdb::NewBlockBasedTableFactory(t));
}

Status FromRocks(const rocksdb::Status& s, std::string_view what) {
  if (s.ok()) return Status::Ok();
  std::string m = std::string(what) + ": " + s.ToString();
  if (s.IsIOError() && s.ToString().find("lock") != std::string::npos) {
    return Status::Unavailable(m + " (is another lawtrail process writing this log?)");
  }
  if (s.IsBusy()) return Status::Unavailable(m);
  if (s.IsCorruption()) return Status::Corruption(m);
  if (s.IsNotFound()) return Status::NotFound(m);
  if (s.IsInvalidArgument()) return Status::InvalidArgument(m);
  return Status::IOError(m);
}

Result<std::unique_ptr<Store>> Store::Open(const std::string& path, OpenMode mode, rocksdb::Env* env) {
  // Flushes and compactions yield the CPU to signature checks and the
  // sequencer, which callers are waiting on; they only need to keep up on
  // average. (Process-wide, set once.)
  static const bool lowered = [] {
    rocksdb::Env::Default()
        ->LowerThreadPoolCPUPriority(rocksdb::Env::Priority::LOW, rocksdb::CpuPriority::kLow)
        .PermitUncheckedError();
    rocksdb::Env::Default()
        ->LowerThreadPoolCPUPriority(rocksdb::Env::Priority::HIGH, rocksdb::CpuPriority::kLow)
        .PermitUncheckedError();
    return true;
  }();
  (void)lowered;
  auto cache = rocksdb::NewLRUCache(256 << 20);
  rocksdb::DBOptions db_options;
  db_options.create_if_missing = mode == OpenMode::kCreate;
  // A log made by an older version gains the newer families on its next
  // read-write open.
  db_options.create_missing_column_families = mode != OpenMode::kReadOnly;
  db_options.paranoid_checks = true;
  if (env != nullptr) db_options.env = env;
  static const auto logger = std::make_shared<StderrLogger>();
  db_options.info_log = logger;
  // Stop replay at the first torn WAL record: everything before it was
  // acknowledged only after a sync, so nothing acknowledged is lost.
  db_options.wal_recovery_mode = rocksdb::WALRecoveryMode::kPointInTimeRecovery;
  db_options.max_background_jobs = 2;
  db_options.allow_concurrent_memtable_write = false;  // one writer: no concurrent-insert overhead
  // Bounds the WAL that every open (and every read-only open) replays.
  db_options.max_total_wal_size = 128 << 20;
  // Write SST files back to disk as they are built, so that a flush never
  // leaves a burst of dirty pages for the next WAL fsync to wait behind.
  db_options.bytes_per_sync = 1 << 20;
  std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
  cfs.emplace_back(rocksdb::kDefaultColumnFamilyName, rocksdb::ColumnFamilyOptions());
  for (size_t i = 0; i < std::size(kCfNames); ++i) {
    cfs.emplace_back(kCfNames[i], CfOptions(static_cast<Cf>(i), cache));
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  const rocksdb::Status s = mode == OpenMode::kReadOnly ? OpenReadOnlyBesideWriter(db_options, path, cfs, handles, raw)
                                                        : rocksdb::DB::Open(db_options, path, cfs, &handles, &raw);
  if (!s.ok()) return FromRocks(s, "opening the log database at " + path);
  std::unique_ptr<Store> store(new Store());
  store->db_.reset(raw);
  store->read_only_ = mode == OpenMode::kReadOnly;
  // Drop the default family's handle; ours follow it in order.
  store->handles_.assign(handles.begin() + 1, handles.end());
  delete handles[0];
  return store;
}

Store::~Store() {
  if (!read_only_ && db_) {
    // Flushing on a clean close leaves no WAL for the next open, or for every
    // read-only open, to replay. Everything was already durable in the WAL.
    rocksdb::FlushOptions fo;
    fo.wait = true;
    db_->Flush(fo, handles_).PermitUncheckedError();
  }
  for (auto* h : handles_) db_->DestroyColumnFamilyHandle(h);
  if (db_) db_->Close().PermitUncheckedError();
}

Status Store::PurgeDeleted(std::initializer_list<Cf> families) {
  rocksdb::FlushOptions fo;
  fo.wait = true;
  // Every family: the WAL files holding the deleted values are released only
  // when no family still needs them.
  LAWTRAIL_RETURN_IF_ERROR(FromRocks(db_->Flush(fo, handles_), "flushing before a purge"));
  rocksdb::CompactRangeOptions co;
  co.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
  for (Cf which : families) {
    LAWTRAIL_RETURN_IF_ERROR(FromRocks(db_->CompactRange(co, cf(which), nullptr, nullptr), "compacting a purge"));
  }
  return Status::Ok();
}

Status Store::WriteDurably(rocksdb::WriteBatch& batch) {
  rocksdb::WriteOptions wo;
  wo.sync = true;
  return Write(wo, batch);
}

Status Store::WriteLazily(rocksdb::WriteBatch& batch) { return Write(rocksdb::WriteOptions(), batch); }

Status Store::SyncWal() { return FromRocks(db_->SyncWAL(), "syncing the log's write-ahead log"); }

Status Store::Write(const rocksdb::WriteOptions& options, rocksdb::WriteBatch& batch) {
  // RocksDB counts, per thread, statistics lawtrail never reads, by default
  // on every key comparison: a thread-local lookup each time, 1.2% of a
  // follower's CPU (docs/performance.md, run R). The thread that writes also
  // does the writer's reads, so turning it off here covers those too.
  rocksdb::SetPerfLevel(rocksdb::PerfLevel::kDisable);
  return FromRocks(db_->Write(options, &batch), "writing a batch to the log");
}

Result<std::optional<std::string>> Store::Get(Cf which, std::string_view key) {
  std::string value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), cf(which), key, &value);
  if (s.IsNotFound()) return std::optional<std::string>();
  if (!s.ok()) return FromRocks(s, "reading the log");
  return std::optional<std::string>(std::move(value));
}

Status Store::ReadNodes(std::span<const merkle::NodeId> ids, std::span<Hash> out) {
  std::vector<size_t> missing;
  {
    ReaderLock lock(cache_mu_);
    for (size_t i = 0; i < ids.size(); ++i) {
      auto it = ids[i].level >= kCachedLevel ? node_cache_.find(CacheKey(ids[i])) : node_cache_.end();
      if (it != node_cache_.end()) {
        out[i] = it->second;
      } else {
        missing.push_back(i);
      }
    }
  }
  if (missing.empty()) return Status::Ok();
  std::vector<std::string> key_storage;
  key_storage.reserve(missing.size());
  for (size_t i : missing) key_storage.push_back(keys::Node(ids[i]));
  std::vector<rocksdb::Slice> key_slices(key_storage.begin(), key_storage.end());
  std::vector<rocksdb::PinnableSlice> values(missing.size());
  std::vector<rocksdb::Status> statuses(missing.size());
  db_->MultiGet(rocksdb::ReadOptions(), cf(Cf::kTree), missing.size(), key_slices.data(), values.data(),
                statuses.data());
  WriterLock lock(cache_mu_);
  for (size_t m = 0; m < missing.size(); ++m) {
    const merkle::NodeId id = ids[missing[m]];
    const std::string where =
        "tree node (level " + std::to_string(id.level) + ", index " + std::to_string(id.index) + ")";
    if (statuses[m].IsNotFound()) return Status::Corruption(where + " is missing");
    LAWTRAIL_RETURN_IF_ERROR(FromRocks(statuses[m], "reading " + where));
    if (values[m].size() != 32) return Status::Corruption(where + " is not 32 bytes");
    Hash& h = out[missing[m]];
    std::copy_n(reinterpret_cast<const uint8_t*>(values[m].data()), 32, h.begin());
    if (id.level >= kCachedLevel && node_cache_.size() < kMaxCachedNodes) {
      node_cache_.emplace(CacheKey(id), h);
    }
  }
  return Status::Ok();
}

}  // namespace lawtrail
