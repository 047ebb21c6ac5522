#include "tests/support/faulty_env.h"

#include <thread>

namespace lawtrail::testing {
namespace {

using rocksdb::IODebugContext;
using rocksdb::IOOptions;
using rocksdb::IOStatus;
using rocksdb::Slice;

struct Faults {
  std::shared_ptr<DiskState> state;
  IOStatus Check(DiskFault when) const {
    if (state->fault != when) return IOStatus::OK();
    ++state->refused;
    return IOStatus::IOError(when == DiskFault::kWrites ? "injected: the disk refuses writes"
                                                        : "injected: the disk refuses to sync");
  }
};

class FaultyFile : public rocksdb::FSWritableFileOwnerWrapper {
 public:
  FaultyFile(std::unique_ptr<rocksdb::FSWritableFile> f, Faults faults)
      : FSWritableFileOwnerWrapper(std::move(f)), faults_(std::move(faults)) {}
  IOStatus Append(const Slice& data, const IOOptions& o, IODebugContext* d) override {
    if (IOStatus s = faults_.Check(DiskFault::kWrites); !s.ok()) return s;
    return FSWritableFileOwnerWrapper::Append(data, o, d);
  }
  IOStatus Append(const Slice& data, const IOOptions& o, const rocksdb::DataVerificationInfo& v,
                  IODebugContext* d) override {
    if (IOStatus s = faults_.Check(DiskFault::kWrites); !s.ok()) return s;
    return FSWritableFileOwnerWrapper::Append(data, o, v, d);
  }
  IOStatus PositionedAppend(const Slice& data, uint64_t at, const IOOptions& o, IODebugContext* d) override {
    if (IOStatus s = faults_.Check(DiskFault::kWrites); !s.ok()) return s;
    return FSWritableFileOwnerWrapper::PositionedAppend(data, at, o, d);
  }
  IOStatus Sync(const IOOptions& o, IODebugContext* d) override {
    if (IOStatus s = faults_.Check(DiskFault::kSyncs); !s.ok()) return s;
    return FSWritableFileOwnerWrapper::Sync(o, d);
  }
  IOStatus Fsync(const IOOptions& o, IODebugContext* d) override {
    if (IOStatus s = faults_.Check(DiskFault::kSyncs); !s.ok()) return s;
    return FSWritableFileOwnerWrapper::Fsync(o, d);
  }
  IOStatus RangeSync(uint64_t offset, uint64_t n, const IOOptions& o, IODebugContext* d) override {
    if (IOStatus s = faults_.Check(DiskFault::kSyncs); !s.ok()) return s;
    return FSWritableFileOwnerWrapper::RangeSync(offset, n, o, d);
  }

 private:
  Faults faults_;
};

class FaultyFileSystem : public rocksdb::FileSystemWrapper {
 public:
  FaultyFileSystem(std::shared_ptr<rocksdb::FileSystem> base, Faults faults)
      : FileSystemWrapper(std::move(base)), faults_(std::move(faults)) {}
  const char* Name() const override { return "LawtrailFaultyFileSystem"; }
  IOStatus NewWritableFile(const std::string& f, const rocksdb::FileOptions& o,
                           std::unique_ptr<rocksdb::FSWritableFile>* r, IODebugContext* d) override {
    return Wrap(target()->NewWritableFile(f, o, r, d), r);
  }
  IOStatus ReopenWritableFile(const std::string& f, const rocksdb::FileOptions& o,
                              std::unique_ptr<rocksdb::FSWritableFile>* r, IODebugContext* d) override {
    return Wrap(target()->ReopenWritableFile(f, o, r, d), r);
  }
  IOStatus ReuseWritableFile(const std::string& f, const std::string& old, const rocksdb::FileOptions& o,
                             std::unique_ptr<rocksdb::FSWritableFile>* r, IODebugContext* d) override {
    return Wrap(target()->ReuseWritableFile(f, old, o, r, d), r);
  }

 private:
  IOStatus Wrap(IOStatus s, std::unique_ptr<rocksdb::FSWritableFile>* r) {
    if (s.ok()) *r = std::make_unique<FaultyFile>(std::move(*r), faults_);
    return s;
  }
  Faults faults_;
};

class SlowListingFileSystem : public rocksdb::FileSystemWrapper {
 public:
  SlowListingFileSystem(std::shared_ptr<rocksdb::FileSystem> base, std::chrono::milliseconds delay)
      : FileSystemWrapper(std::move(base)), delay_(delay) {}
  const char* Name() const override { return "LawtrailSlowListingFileSystem"; }
  IOStatus NewSequentialFile(const std::string& f, const rocksdb::FileOptions& o,
                             std::unique_ptr<rocksdb::FSSequentialFile>* r, IODebugContext* d) override {
    if (f.find("MANIFEST-") != std::string::npos) manifest_read_ = true;
    return target()->NewSequentialFile(f, o, r, d);
  }
  IOStatus GetChildren(const std::string& dir, const IOOptions& o, std::vector<std::string>* r,
                       IODebugContext* d) override {
    if (manifest_read_.exchange(false)) std::this_thread::sleep_for(delay_);
    return target()->GetChildren(dir, o, r, d);
  }

 private:
  std::chrono::milliseconds delay_;
  std::atomic<bool> manifest_read_{false};
};

}  // namespace

SlowListingDisk::SlowListingDisk(std::chrono::milliseconds delay)
    : env_(rocksdb::NewCompositeEnv(std::make_shared<SlowListingFileSystem>(rocksdb::FileSystem::Default(), delay))) {}

FaultyDisk::FaultyDisk() : state_(std::make_shared<DiskState>()) {
  env_ = rocksdb::NewCompositeEnv(std::make_shared<FaultyFileSystem>(rocksdb::FileSystem::Default(), Faults{state_}));
}

}  // namespace lawtrail::testing
