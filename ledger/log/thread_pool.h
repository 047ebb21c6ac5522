// File: ledger/log/thread_pool.h
// -----------------------------------------------------------------------------
// A fixed set of worker threads running submitted tasks in FIFO order. Used
// for the CPU-bound work that parallelises: signature verification.
// Thread-safe. The destructor finishes queued tasks, then joins.
#ifndef LAWTRAIL_LEDGER_LOG_THREAD_POOL_H_
#define LAWTRAIL_LEDGER_LOG_THREAD_POOL_H_

#include <deque>
#include <functional>
#include <thread>
#include <vector>

#include "ledger/core/mutex.h"

namespace lawtrail {

class ThreadPool {
 public:
  // threads == 0 means one per hardware thread. A positive `nice` lowers the
  // workers' scheduling priority by that much (Linux nice values are per thread).
  explicit ThreadPool(unsigned threads = 0, int nice = 0);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  void Submit(std::function<void()> task);
  unsigned size() const { return static_cast<unsigned>(workers_.size()); }

  // Runs fn(i) for i in [0, n) on the pool, in chunks, and waits for all.
  void ParallelFor(size_t n, const std::function<void(size_t)>& fn);

 private:
  void Work();
  Mutex mu_;
  CondVar cv_;
  std::deque<std::function<void()>> tasks_ LAWTRAIL_GUARDED_BY(mu_);
  bool stopping_ LAWTRAIL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> workers_;
};

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_LOG_THREAD_POOL_H_
