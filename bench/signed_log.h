// File: bench/signed_log.h
// -----------------------------------------------------------------------------
// The signed-log benchmark's workload, shared by the benches that compare
// against it: a log with registered officers, realistic signed statements,
// and durable ingest straight into Log (no transport in between).
#ifndef LAWTRAIL_BENCH_SIGNED_LOG_H_
#define LAWTRAIL_BENCH_SIGNED_LOG_H_

#include <cstdio>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <future>
#include <string>
#include <utility>
#include <vector>

#include "bench/limits.h"
#include "ledger/client/registry_statements.h"
#include "ledger/client/statement_builder.h"
#include "ledger/log/log.h"

namespace lawtrail::bench {

inline constexpr const char* kBenchOrigin = "bench.lawtrail.example/enforcement";

struct Fixture {
  std::string dir;
  note::Signer root{"", KeyPair::Generate()};
  std::vector<std::pair<std::string, KeyPair>> officers;
};

inline Fixture MakeLog(const std::string& dir, int officers) {
  std::filesystem::remove_all(dir);
  auto created = Log::Create(dir, kBenchOrigin, {"青山镇人民政府", ""});
  if (!created.ok()) {
    std::fprintf(stderr, "%s\n", created.status().ToString().c_str());
    std::exit(1);
  }
  Fixture f{dir, created->root, {}};
  auto log = *Log::Open(dir);
  std::vector<Bytes> regs;
  for (int i = 0; i < officers; ++i) {
    f.officers.emplace_back("4115" + std::to_string(10000 + i), KeyPair::Generate());
    OfficerInfo info{f.officers.back().first,
                     "执法队员" + std::to_string(i),
                     "执法队员",
                     f.officers.back().second.public_key(),
                     {fb::Role::Officer},
                     0,
                     0};
    regs.push_back(SignStatement(
        OfficerRegisteredStatement(RegistryHeader(kBenchOrigin, f.root.key.public_key()), info), f.root.key));
  }
  for (auto& r : log->Append(std::move(regs))) {
    if (!r.ok()) std::exit(1);
  }
  return f;
}

// Realistic statements: ~420 bytes, many officers, many cases.
inline std::vector<Bytes> MakeStatements(const Fixture& f, uint64_t n, ThreadPool& pool, uint64_t salt) {
  std::vector<Bytes> out(n);
  pool.ParallelFor(n, [&](size_t i) {
    const auto& [cert, key] = f.officers[i % f.officers.size()];
    const StatementHeader h = HeaderNow(
        kBenchOrigin, "青山镇〔2026〕" + std::to_string((i * 7919 + salt) % 50'000) + "号", cert, key.public_key());
    out[i] = SignStatement(CaseMemoStatement(h, "现场检查笔录",
                                             "执法人员出示执法证件，对青山镇东街12号经营场所进行现场检查，"
                                             "发现当事人未取得食品经营许可证从事食品经营活动。"),
                           key);
  });
  return out;
}

inline double DurableIngest(Log& log, std::vector<Bytes> statements, double* cores_used = nullptr) {
  const double cpu_before = CpuSeconds();
  const auto wall_before = Clock::now();
  const uint64_t n = statements.size();
  std::deque<std::future<std::vector<AppendResult>>> inflight;
  uint64_t failures = 0;
  const double rate = Rate(n, [&] {
    for (size_t begin = 0; begin < n; begin += 1024) {
      std::vector<Bytes> chunk(std::make_move_iterator(statements.begin() + begin),
                               std::make_move_iterator(statements.begin() + std::min<size_t>(n, begin + 1024)));
      inflight.push_back(log.AppendAsync(std::move(chunk)));
      while (inflight.size() > 4) {
        for (const auto& r : inflight.front().get()) failures += r.ok() ? 0 : 1;
        inflight.pop_front();
      }
    }
    while (!inflight.empty()) {
      for (const auto& r : inflight.front().get()) failures += r.ok() ? 0 : 1;
      inflight.pop_front();
    }
  });
  if (failures > 0) std::fprintf(stderr, "ingest: %llu refused\n", static_cast<unsigned long long>(failures));
  if (cores_used) *cores_used = (CpuSeconds() - cpu_before) / Seconds(Clock::now() - wall_before);
  return rate;
}

}  // namespace lawtrail::bench

#endif  // LAWTRAIL_BENCH_SIGNED_LOG_H_
