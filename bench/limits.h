// File: bench/limits.h
// -----------------------------------------------------------------------------
// Timing helpers and the physical limit the benches report their ratios to:
// Ed25519 verification of real signed statements, on one core and on all.
#ifndef LAWTRAIL_BENCH_LIMITS_H_
#define LAWTRAIL_BENCH_LIMITS_H_

#include <chrono>
#include <vector>

#include <sys/resource.h>

#include "ledger/core/statement.h"
#include "ledger/log/thread_pool.h"

namespace lawtrail::bench {

using Clock = std::chrono::steady_clock;

inline double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

// Seconds `f` takes.
template <typename F>
double TimeOf(F&& f) {
  const auto start = Clock::now();
  f();
  return Seconds(Clock::now() - start);
}

// Items per second of `f`, which handles `n` items.
template <typename F>
double Rate(uint64_t n, F&& f) {
  const auto start = Clock::now();
  f();
  return static_cast<double>(n) / Seconds(Clock::now() - start);
}

// CPU time (user and system) this process has used so far, in seconds.
inline double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

inline std::vector<ParsedStatement> ParseSample(const std::vector<Bytes>& sample) {
  std::vector<ParsedStatement> parsed;
  for (const Bytes& b : sample) parsed.push_back(*ParseSignedStatement(b));
  return parsed;
}

// Signature verifications per second of `parsed` on every thread of `pool`.
inline double Ed25519AllCores(const std::vector<ParsedStatement>& parsed, ThreadPool& pool, int passes = 2) {
  return Rate(parsed.size() * static_cast<uint64_t>(passes), [&] {
    for (int rep = 0; rep < passes; ++rep) {
      pool.ParallelFor(parsed.size(), [&](size_t i) { (void)VerifyStatementSignature(parsed[i]); });
    }
  });
}

// Signature verifications per second of `sample` (signed statements) on one
// core and on every thread of `pool`.
inline void Ed25519Limit(const std::vector<Bytes>& sample, ThreadPool& pool, double& one_core, double& all_cores) {
  const std::vector<ParsedStatement> parsed = ParseSample(sample);
  one_core = Rate(parsed.size(), [&] {
    for (const auto& p : parsed) (void)VerifyStatementSignature(p);
  });
  all_cores = Ed25519AllCores(parsed, pool);
}

}  // namespace lawtrail::bench

#endif  // LAWTRAIL_BENCH_LIMITS_H_
