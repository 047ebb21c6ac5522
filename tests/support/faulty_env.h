// A disk that fails when told to: RocksDB's file system wrapped so that every
// write, or every sync, of a file opened for writing returns an I/O error
// while the fault is on. The log on top must stop taking work, acknowledge
// nothing it did not persist, and recover when reopened on a good disk.
#ifndef LAWTRAIL_TESTS_SUPPORT_FAULTY_ENV_H_
#define LAWTRAIL_TESTS_SUPPORT_FAULTY_ENV_H_

#include <rocksdb/env.h>
#include <rocksdb/file_system.h>

#include <atomic>
#include <memory>

namespace lawtrail::testing {

enum class DiskFault { kNone, kWrites, kSyncs };

class FaultyDisk {
 public:
  FaultyDisk();
  rocksdb::Env* env() { return env_.get(); }
  void Set(DiskFault fault) { fault_->store(fault); }
  DiskFault fault() const { return fault_->load(); }
  // I/O calls refused since the start.
  uint64_t refused() const { return refused_->load(); }

 private:
  std::shared_ptr<std::atomic<DiskFault>> fault_;
  std::shared_ptr<std::atomic<uint64_t>> refused_;
  std::unique_ptr<rocksdb::Env> env_;
};

}  // namespace lawtrail::testing

#endif  // LAWTRAIL_TESTS_SUPPORT_FAULTY_ENV_H_
