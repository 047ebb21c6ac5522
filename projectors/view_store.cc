#include "projectors/view_store.h"

#include <filesystem>

#include <rocksdb/sst_file_writer.h>

#include "ledger/core/bytes.h"
#include "ledger/log/store.h"

namespace lawtrail::projectors {
namespace {

constexpr const char* kMeta = "meta";

std::string CursorKey(std::string_view id) { return "cursor/" + std::string(id); }

// Projectors read a document for almost every record they fold: bloom filters
// let a read of a key not yet written skip the files, and a shared cache
// keeps the hot documents (open cases, this year's statistics) in memory.
rocksdb::ColumnFamilyOptions ViewOptions() {
  static const auto cache = rocksdb::NewLRUCache(256 << 20);
  rocksdb::ColumnFamilyOptions o;
  o.table_factory = BloomFilteredTables(cache);
  o.write_buffer_size = 64 << 20;
  o.memtable_prefix_bloom_size_ratio = 0.05;
  o.memtable_whole_key_filtering = true;
  // Views are not compressed: compressing every table a rebuild writes cost
  // a fifth of the rebuild (docs/performance.md, run K), and a view is derived
  // data about half the size of the log it comes from.
  o.compression = rocksdb::kNoCompression;
  return o;
}
std::string ActiveKey(std::string_view name) { return "active/" + std::string(name); }

}  // namespace

std::string ViewStore::ViewId(std::string_view name, uint32_t version) {
  return std::string(name) + "@" + std::to_string(version);
}

Result<std::unique_ptr<ViewStore>> ViewStore::Open(const std::string& path, bool read_only) {
  rocksdb::DBOptions options;
  options.create_if_missing = !read_only;
  options.create_missing_column_families = !read_only;
  std::vector<std::string> names;
  if (!rocksdb::DB::ListColumnFamilies(options, path, &names).ok()) {
    if (read_only) return Status::NotFound("no views at " + path + " (run `lawtrail project` first)");
    names = {rocksdb::kDefaultColumnFamilyName};
    std::error_code ec;
    std::filesystem::create_directories(path, ec);
  }
  if (std::find(names.begin(), names.end(), kMeta) == names.end()) names.push_back(kMeta);
  std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
  for (const auto& n : names) cfs.emplace_back(n, ViewOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = read_only ? rocksdb::DB::OpenForReadOnly(options, path, cfs, &handles, &raw)
                                : rocksdb::DB::Open(options, path, cfs, &handles, &raw);
  if (!s.ok()) return FromRocks(s, "opening the views at " + path);
  std::unique_ptr<ViewStore> store(new ViewStore());
  store->db_.reset(raw);
  store->path_ = path;
  if (!read_only) {
    // Table files a crash left before they were ingested.
    std::error_code ec;
    std::filesystem::remove_all(path + "/ingest", ec);
  }
  store->read_only_ = read_only;
  MutexLock lock(store->mu_);
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == kMeta) {
      store->meta_ = handles[i];
    } else {
      store->views_[names[i]] = store->Hold(handles[i]);
    }
  }
  return store;
}

ViewHandle ViewStore::Hold(rocksdb::ColumnFamilyHandle* raw) {
  rocksdb::DB* db = db_.get();
  return ViewHandle(raw,
                    [db](rocksdb::ColumnFamilyHandle* h) { db->DestroyColumnFamilyHandle(h).PermitUncheckedError(); });
}

ViewStore::~ViewStore() {
  {
    MutexLock lock(mu_);
    views_.clear();  // the last holders: every reader is done before the store goes
  }
  if (meta_ != nullptr) db_->DestroyColumnFamilyHandle(meta_);
  if (db_) db_->Close().PermitUncheckedError();
}

ViewHandle ViewStore::FindView(std::string_view name, uint32_t version) {
  MutexLock lock(mu_);
  auto it = views_.find(ViewId(name, version));
  return it == views_.end() ? nullptr : it->second;
}

Result<ViewHandle> ViewStore::View(std::string_view name, uint32_t version) {
  if (ViewHandle h = FindView(name, version)) return h;
  if (read_only_) return Status::NotFound("view " + ViewId(name, version) + " does not exist");
  MutexLock lock(mu_);
  rocksdb::ColumnFamilyHandle* raw = nullptr;
  LAWTRAIL_RETURN_IF_ERROR(FromRocks(db_->CreateColumnFamily(ViewOptions(), ViewId(name, version), &raw),
                                     "creating view " + ViewId(name, version)));
  ViewHandle h = Hold(raw);
  views_[ViewId(name, version)] = h;
  return h;
}

Result<ViewHandle> ViewStore::ActiveView(std::string_view name) {
  // A version read as active can be dropped before its handle is taken: a
  // newer version took over, or the view is being folded again. The second
  // read of the active version then finds the new one, or none yet.
  for (int attempt = 0; attempt < 3; ++attempt) {
    LAWTRAIL_ASSIGN_OR_RETURN(auto version, ActiveVersion(name));
    if (!version) return Status::NotFound("view '" + std::string(name) + "' has not caught up yet");
    if (ViewHandle h = FindView(name, *version)) return h;
  }
  return Status::Corruption("the active version of view '" + std::string(name) + "' has no column family");
}

Result<std::optional<std::string>> ViewStore::Get(rocksdb::ColumnFamilyHandle* cf, std::string_view key) {
  std::string value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), cf, key, &value);
  if (s.IsNotFound()) return std::optional<std::string>();
  LAWTRAIL_RETURN_IF_ERROR(FromRocks(s, "reading a view"));
  return std::optional<std::string>(std::move(value));
}

Result<uint64_t> ViewStore::Cursor(std::string_view name, uint32_t version) {
  LAWTRAIL_ASSIGN_OR_RETURN(auto v, Get(meta_, CursorKey(ViewId(name, version))));
  if (!v) return uint64_t{0};
  if (v->size() != 8) return Status::Corruption("malformed cursor of " + ViewId(name, version));
  return ReadBigEndian64(reinterpret_cast<const uint8_t*>(v->data()));
}

Result<std::optional<uint32_t>> ViewStore::ActiveVersion(std::string_view name) {
  LAWTRAIL_ASSIGN_OR_RETURN(auto v, Get(meta_, ActiveKey(name)));
  if (!v) return std::optional<uint32_t>();
  return std::optional<uint32_t>(static_cast<uint32_t>(std::stoul(*v)));
}

void ViewStore::PutCursor(rocksdb::WriteBatchBase& batch, std::string_view name, uint32_t version, uint64_t next) {
  std::string v;
  AppendBigEndian64(v, next);
  batch.Put(meta_, CursorKey(ViewId(name, version)), v).PermitUncheckedError();
}

void ViewStore::PutActive(rocksdb::WriteBatchBase& batch, std::string_view name, uint32_t version) {
  batch.Put(meta_, ActiveKey(name), std::to_string(version)).PermitUncheckedError();
}

void ViewStore::DeleteActive(rocksdb::WriteBatchBase& batch, std::string_view name) {
  batch.Delete(meta_, ActiveKey(name)).PermitUncheckedError();
}

Status ViewStore::Write(rocksdb::WriteBatch& batch) {
  return FromRocks(db_->Write(rocksdb::WriteOptions(), &batch), "writing views");
}

Status ViewStore::Commit(rocksdb::ColumnFamilyHandle* view, const std::vector<ViewWrite>& writes, std::string_view name,
                         uint32_t version, uint64_t next, size_t ingest_from) {
  std::string cursor;
  AppendBigEndian64(cursor, next);
  if (writes.size() >= ingest_from && !writes.empty()) return Ingest(view, writes, ViewId(name, version), cursor);
  rocksdb::WriteBatch batch;
  std::string printed;
  for (const ViewWrite& w : writes) {
    if (w.Skipped()) continue;
    if (w.erase) {
      batch.Delete(view, w.key).PermitUncheckedError();
    } else {
      batch.Put(view, w.key, w.Value(printed)).PermitUncheckedError();
    }
  }
  batch.Put(meta_, CursorKey(ViewId(name, version)), cursor).PermitUncheckedError();
  return Write(batch);
}

Status ViewStore::Ingest(rocksdb::ColumnFamilyHandle* view, const std::vector<ViewWrite>& writes, std::string_view id,
                         const std::string& cursor) {
  const std::string dir = path_ + "/ingest";
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status::IOError("creating " + dir + ": " + ec.message());
  const rocksdb::Options options(db_->GetDBOptions(), ViewOptions());
  auto write_table = [&](const std::string& file, rocksdb::ColumnFamilyHandle* cf, auto&& fill) -> Status {
    // Keep what is written in the page cache: the view's readers want it
    // next, and dropping it as the writer went cost a twentieth of the commit.
    rocksdb::SstFileWriter writer(rocksdb::EnvOptions(), options, cf, /*invalidate_page_cache=*/false);
    LAWTRAIL_RETURN_IF_ERROR(FromRocks(writer.Open(file), "opening " + file));
    LAWTRAIL_RETURN_IF_ERROR(fill(writer));
    return FromRocks(writer.Finish(), "finishing " + file);
  };
  const std::string view_file = dir + "/" + std::string(id) + ".sst";
  const std::string cursor_file = dir + "/" + std::string(id) + ".cursor.sst";
  const Status table = write_table(view_file, view, [&](rocksdb::SstFileWriter& w) -> Status {
    std::string printed;
    for (const ViewWrite& write : writes) {
      if (write.Skipped()) continue;
      LAWTRAIL_RETURN_IF_ERROR(FromRocks(write.erase ? w.Delete(write.key) : w.Put(write.key, write.Value(printed)),
                                         "writing a view table"));
    }
    return Status::Ok();
  });
  LAWTRAIL_RETURN_IF_ERROR(table);
  LAWTRAIL_RETURN_IF_ERROR(write_table(cursor_file, meta_, [&](rocksdb::SstFileWriter& w) {
    return FromRocks(w.Put(CursorKey(id), cursor), "writing a cursor table");
  }));
  // Both files join the database in one manifest edit: the view's writes and
  // its cursor are visible together or, after a crash, not at all.
  std::vector<rocksdb::IngestExternalFileArg> args(2);
  args[0].column_family = view;
  args[0].external_files = {view_file};
  args[1].column_family = meta_;
  args[1].external_files = {cursor_file};
  for (auto& a : args) a.options.move_files = true;
  return FromRocks(db_->IngestExternalFiles(args), "ingesting view " + std::string(id));
}

Result<bool> ViewStore::Empty(rocksdb::ColumnFamilyHandle* view) {
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), view));
  it->SeekToFirst();
  LAWTRAIL_RETURN_IF_ERROR(FromRocks(it->status(), "reading a view"));
  return !it->Valid();
}

Status ViewStore::Drop(std::string_view name, uint32_t version) {
  ViewHandle h;
  {
    MutexLock lock(mu_);
    auto it = views_.find(ViewId(name, version));
    if (it != views_.end()) {
      h = it->second;
      views_.erase(it);
    }
  }
  rocksdb::WriteBatch b;
  b.Delete(meta_, CursorKey(ViewId(name, version))).PermitUncheckedError();
  LAWTRAIL_RETURN_IF_ERROR(Write(b));
  if (h == nullptr) return Status::Ok();
  // Readers holding the handle keep reading the dropped family; it is
  // destroyed when the last of them lets go.
  return FromRocks(db_->DropColumnFamily(h.get()), "dropping view " + ViewId(name, version));
}

}  // namespace lawtrail::projectors
