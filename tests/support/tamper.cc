#include "tests/support/tamper.h"

#include <stdexcept>

#include "ledger/log/data_dir.h"
#include "ledger/log/replica.h"
#include "tests/support/temp_dir.h"

namespace lawtrail::testing {
namespace {

std::unique_ptr<Store> Open(const std::string& dir, OpenMode mode) {
  auto store = Store::Open(data_dir::DbPath(dir), mode);
  if (!store.ok()) throw std::runtime_error(store.status().ToString());
  return std::move(store).value();
}

void Check(const rocksdb::Status& s) {
  if (!s.ok()) throw std::runtime_error(s.ToString());
}

}  // namespace

std::string FlipByte(const std::string& dir, Cf cf, const std::string& key, size_t offset) {
  auto store = Open(dir, OpenMode::kReadWrite);
  std::string value;
  Check(store->db()->Get(rocksdb::ReadOptions(), store->cf(cf), key, &value));
  std::string changed = value;
  changed[offset % changed.size()] ^= 0x04;
  Check(store->db()->Put(rocksdb::WriteOptions(), store->cf(cf), key, changed));
  return value;
}

void PutRaw(const std::string& dir, Cf cf, const std::string& key, const std::string& value) {
  auto store = Open(dir, OpenMode::kReadWrite);
  Check(store->db()->Put(rocksdb::WriteOptions(), store->cf(cf), key, value));
}

void DeleteRaw(const std::string& dir, Cf cf, const std::string& key) {
  auto store = Open(dir, OpenMode::kReadWrite);
  Check(store->db()->Delete(rocksdb::WriteOptions(), store->cf(cf), key));
}

VerifyReport VerifyDir(const std::string& dir, const std::string& vkey, std::optional<std::string> trusted) {
  auto store = Open(dir, OpenMode::kReadOnly);
  auto key = note::ParseVerifier(vkey);
  if (!key.ok()) throw std::runtime_error(key.status().ToString());
  ThreadPool pool;
  VerifyOptions options{*key, std::move(trusted), &pool, nullptr};
  return VerifyLog(*store, options);
}

Result<Hash> ReplayedDigest(const std::string& vkey, const std::vector<Bytes>& records) {
  LAWTRAIL_ASSIGN_OR_RETURN(const note::Verifier key, note::ParseVerifier(vkey));
  TempDir mirror;
  LAWTRAIL_ASSIGN_OR_RETURN(auto replica, Replica::Open(mirror.path(), key));
  LAWTRAIL_RETURN_IF_ERROR(replica->AddRecords(records).status());
  return replica->StateDigest();
}

}  // namespace lawtrail::testing
