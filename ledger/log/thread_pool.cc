#include "ledger/log/thread_pool.h"

#include <algorithm>
#include <atomic>
#include <latch>

#include <sys/resource.h>
#include <unistd.h>

namespace lawtrail {

ThreadPool::ThreadPool(unsigned threads, int nice) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  for (unsigned i = 0; i < threads; ++i) {
    workers_.emplace_back([this, nice] {
      // Best effort: a pool that cannot lower its priority still works.
      if (nice > 0) (void)setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), nice);
      Work();
    });
  }
}

ThreadPool::~ThreadPool() {
  {
    MutexLock lock(mu_);
    stopping_ = true;
  }
  cv_.NotifyAll();
  for (auto& w : workers_) w.join();
}

void ThreadPool::Submit(std::function<void()> task) {
  {
    MutexLock lock(mu_);
    tasks_.push_back(std::move(task));
  }
  cv_.NotifyOne();
}

void ThreadPool::Work() {
  for (;;) {
    std::function<void()> task;
    {
      MutexLock lock(mu_);
      cv_.Wait(mu_, [this]() LAWTRAIL_REQUIRES(mu_) { return stopping_ || !tasks_.empty(); });
      if (tasks_.empty()) return;
      task = std::move(tasks_.front());
      tasks_.pop_front();
    }
    task();
  }
}

void ThreadPool::ParallelFor(size_t n, const std::function<void(size_t)>& fn) {
  if (n == 0) return;
  const size_t chunks = std::min<size_t>(n, size_t{size()} * 4);
  std::latch done(static_cast<std::ptrdiff_t>(chunks));
  std::atomic<size_t> next{0};
  for (size_t c = 0; c < chunks; ++c) {
    Submit([&] {
      for (size_t i; (i = next.fetch_add(1)) < n;) fn(i);
      done.count_down();
    });
  }
  done.wait();
}

}  // namespace lawtrail
