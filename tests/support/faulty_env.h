// A disk that fails when told to: RocksDB's file system wrapped so that every
// write, or every sync, of a file opened for writing returns an I/O error
// while the fault is on. The log on top must stop taking work, acknowledge
// nothing it did not persist, and recover when reopened on a good disk.
#ifndef LAWTRAIL_TESTS_SUPPORT_FAULTY_ENV_H_
#define LAWTRAIL_TESTS_SUPPORT_FAULTY_ENV_H_

#include <atomic>
#include <chrono>
#include <memory>

#include <rocksdb/env.h>
#include <rocksdb/file_system.h>

namespace lawtrail::testing {

enum class DiskFault { kNone, kWrites, kSyncs };

// What the disk does now, shared by the disk and every file it opened.
struct DiskState {
  std::atomic<DiskFault> fault{DiskFault::kNone};
  std::atomic<uint64_t> refused{0};  // I/O calls refused since the start
};

class FaultyDisk {
 public:
  FaultyDisk();
  rocksdb::Env* env() { return env_.get(); }
  void Set(DiskFault fault) { state_->fault = fault; }
  DiskFault fault() const { return state_->fault; }
  uint64_t refused() const { return state_->refused; }

 private:
  std::shared_ptr<DiskState> state_;
  std::unique_ptr<rocksdb::Env> env_;
};

// A disk that lists a folder slowly right after a MANIFEST was read: the
// first GetChildren after opening a MANIFEST waits `delay`. A read-only open
// reads the MANIFEST and then lists the WAL files; the wait holds that window
// open, so that a writer's flush, WAL deletion and next write can fall inside
// it on many opens instead of by chance.
class SlowListingDisk {
 public:
  explicit SlowListingDisk(std::chrono::milliseconds delay);
  rocksdb::Env* env() { return env_.get(); }

 private:
  std::unique_ptr<rocksdb::Env> env_;
};

}  // namespace lawtrail::testing

#endif  // LAWTRAIL_TESTS_SUPPORT_FAULTY_ENV_H_
