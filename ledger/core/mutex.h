// File: ledger/core/mutex.h
// -----------------------------------------------------------------------------
// Locks the compiler can check: std::mutex and std::shared_mutex wrapped with
// clang's thread-safety annotations (ledger/core/internal/thread_annotations.h), their
// scoped holders, and a condition variable that waits on them. State that a
// lock guards is declared LAWTRAIL_GUARDED_BY it; a reader of such state
// without the lock is a compile error in the clang build.
//
// Example:
//   Mutex mu_;
//   CondVar ready_;
//   bool done_ LAWTRAIL_GUARDED_BY(mu_) = false;
//   void Wait() {
//     MutexLock lock(mu_);
//     ready_.Wait(mu_, [this]() LAWTRAIL_REQUIRES(mu_) { return done_; });
//   }
#ifndef LAWTRAIL_LEDGER_CORE_MUTEX_H_
#define LAWTRAIL_LEDGER_CORE_MUTEX_H_

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <shared_mutex>

#include "ledger/core/internal/thread_annotations.h"

namespace lawtrail {

class LAWTRAIL_CAPABILITY("mutex") Mutex {
 public:
  void Lock() LAWTRAIL_ACQUIRE() { mu_.lock(); }
  void Unlock() LAWTRAIL_RELEASE() { mu_.unlock(); }
  // For CondVar only: the lock it waits with.
  std::mutex& native() { return mu_; }

 private:
  std::mutex mu_;
};

// Holds a Mutex for its scope.
class LAWTRAIL_SCOPED_CAPABILITY MutexLock {
 public:
  explicit MutexLock(Mutex& mu) LAWTRAIL_ACQUIRE(mu) : mu_(mu) { mu_.Lock(); }
  ~MutexLock() LAWTRAIL_RELEASE() { mu_.Unlock(); }
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;

 private:
  Mutex& mu_;
};

class LAWTRAIL_CAPABILITY("shared mutex") SharedMutex {
 public:
  void Lock() LAWTRAIL_ACQUIRE() { mu_.lock(); }
  void Unlock() LAWTRAIL_RELEASE() { mu_.unlock(); }
  void LockShared() LAWTRAIL_ACQUIRE_SHARED() { mu_.lock_shared(); }
  void UnlockShared() LAWTRAIL_RELEASE_SHARED() { mu_.unlock_shared(); }

 private:
  std::shared_mutex mu_;
};

// Holds a SharedMutex exclusively for its scope.
class LAWTRAIL_SCOPED_CAPABILITY WriterLock {
 public:
  explicit WriterLock(SharedMutex& mu) LAWTRAIL_ACQUIRE(mu) : mu_(mu) { mu_.Lock(); }
  ~WriterLock() LAWTRAIL_RELEASE() { mu_.Unlock(); }
  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;

 private:
  SharedMutex& mu_;
};

// Holds a SharedMutex shared for its scope.
class LAWTRAIL_SCOPED_CAPABILITY ReaderLock {
 public:
  explicit ReaderLock(SharedMutex& mu) LAWTRAIL_ACQUIRE_SHARED(mu) : mu_(mu) { mu_.LockShared(); }
  ~ReaderLock() LAWTRAIL_RELEASE() { mu_.UnlockShared(); }
  ReaderLock(const ReaderLock&) = delete;
  ReaderLock& operator=(const ReaderLock&) = delete;

 private:
  SharedMutex& mu_;
};

// A condition variable waiting on a Mutex the caller holds. The predicate
// runs with the Mutex held (annotate it LAWTRAIL_REQUIRES(mu)).
class CondVar {
 public:
  template <typename Predicate>
  void Wait(Mutex& mu, Predicate ready) LAWTRAIL_REQUIRES(mu) {
    std::unique_lock<std::mutex> held(mu.native(), std::adopt_lock);
    cv_.wait(held, ready);
    held.release();  // still held: the caller's scope releases it
  }
  // Returns the predicate's last value (false if it timed out unready).
  template <typename Rep, typename Period, typename Predicate>
  bool WaitFor(Mutex& mu, std::chrono::duration<Rep, Period> timeout, Predicate ready) LAWTRAIL_REQUIRES(mu) {
    std::unique_lock<std::mutex> held(mu.native(), std::adopt_lock);
    const bool met = cv_.wait_for(held, timeout, ready);
    held.release();
    return met;
  }
  void NotifyOne() { cv_.notify_one(); }
  void NotifyAll() { cv_.notify_all(); }

 private:
  std::condition_variable cv_;
};

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_CORE_MUTEX_H_
