// lawtrail_bench: the write and read paths measured against the machine's
// physical limit, Ed25519 verification on all cores. Prints a Markdown report.
//
//   lawtrail_bench [--records N] [--statements M] [--dir PATH] [--reuse] [--proofs-only] [--map-only]
//
// --reuse keeps the 10^6-record log of an earlier run; --proofs-only measures
// only the proofs on it; --map-only only the case-head map.
//
// Durability: every append figure is for batches written with a synced WAL
// (WriteOptions::sync = true) before any caller is told its index.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <deque>
#include <filesystem>
#include <random>
#include <string>
#include <thread>

#include <sodium.h>
#include <sys/resource.h>
#include <unistd.h>

#include "bench/limits.h"
#include "bench/signed_log.h"
#include "ledger/client/registry_statements.h"
#include "ledger/core/case_head_map.h"
#include "ledger/core/merkle.h"
#include "ledger/core/sha256.h"
#include "ledger/log/data_dir.h"
#include "ledger/log/log.h"
#include "ledger/log/log_verifier.h"
#include "ledger/log/thread_pool.h"

namespace lawtrail::bench {
namespace {

// Open loop: batches of 16 statements submitted at `rate` statements/s; the
// latency of a statement is from its submission to its durable index.
std::pair<double, double> Latency(Log& log, std::vector<Bytes> statements, double rate) {
  constexpr size_t kBatch = 16;
  const auto interval = std::chrono::duration<double>(kBatch / rate);
  std::deque<std::pair<Clock::time_point, std::future<std::vector<AppendResult>>>> inflight;
  std::mutex mu;
  std::condition_variable cv;
  std::vector<double> latencies_ms;
  std::atomic<bool> done{false};
  std::thread collector([&] {
    for (;;) {
      std::unique_lock lock(mu);
      cv.wait(lock, [&] { return !inflight.empty() || done; });
      if (inflight.empty()) return;
      auto [submitted, future] = std::move(inflight.front());
      inflight.pop_front();
      lock.unlock();
      future.get();
      const double ms = Seconds(Clock::now() - submitted) * 1000;
      for (size_t i = 0; i < kBatch; ++i) latencies_ms.push_back(ms);
    }
  });
  const auto start = Clock::now();
  for (size_t b = 0; b * kBatch + kBatch <= statements.size(); ++b) {
    std::this_thread::sleep_until(start + std::chrono::duration_cast<Clock::duration>(interval * b));
    std::vector<Bytes> batch(std::make_move_iterator(statements.begin() + b * kBatch),
                             std::make_move_iterator(statements.begin() + (b + 1) * kBatch));
    auto submitted = Clock::now();
    auto future = log.AppendAsync(std::move(batch));
    {
      std::lock_guard lock(mu);
      inflight.emplace_back(submitted, std::move(future));
    }
    cv.notify_one();
  }
  done = true;
  cv.notify_one();
  collector.join();
  std::sort(latencies_ms.begin(), latencies_ms.end());
  return {latencies_ms[latencies_ms.size() / 2], latencies_ms[latencies_ms.size() * 99 / 100]};
}

void Sha256Costs(double& sodium_rate, double& openssl_rate) {
  uint8_t node[65] = {1};
  uint8_t out[32];
  constexpr int kN = 2'000'000;
  sodium_rate = Rate(kN, [&] {
    for (int i = 0; i < kN; ++i) {
      crypto_hash_sha256(out, node, sizeof node);
      node[1] = out[0];
    }
  });
  openssl_rate = Rate(kN, [&] {
    for (int i = 0; i < kN; ++i) {
      const Hash h = Sha256(ByteView(node, sizeof node));
      node[1] = h[0];
    }
  });
}

// The sequencer's work for the case-head map, per record: the key and leaf
// hashes of each record and, once per batch of 1,024 records over random
// cases of a map of `cases`, the root (what a checkpoint after every batch
// costs; checkpoints are rarer, so this is the most it costs).
double MapMicrosPerRecord(uint64_t cases) {
  CaseHeadMap map;
  auto key_of = [](uint64_t c) { return case_map::KeyOf("441502-2026-" + std::to_string(c)); };
  Hash leaf{};
  for (uint64_t c = 0; c < cases; ++c) {
    const Hash key = key_of(c);
    map.Set(key, case_map::LeafOf(key, c, leaf, 1));
  }
  map.Root();
  std::mt19937_64 rng(3);
  constexpr int kBatches = 300, kBatch = 1024;
  const double rate = Rate(kBatches * kBatch, [&] {
    for (int b = 0; b < kBatches; ++b) {
      for (int i = 0; i < kBatch; ++i) {
        const Hash key = key_of(rng() % cases);
        map.Set(key, case_map::LeafOf(key, cases + b * kBatch + i, leaf, 2));
      }
      map.Root();
    }
  });
  return 1e6 / rate;
}

// A log of `records` records for proofs and verification in `big_dir`.
// `reuse_big` keeps a proofs log of the right size from an earlier run.
void EnsureProofsLog(const std::string& big_dir, uint64_t records, bool reuse_big, ThreadPool& pool) {
  const bool reuse = reuse_big && data_dir::HoldsLog(big_dir) && [&] {
    auto s = Store::Open(data_dir::DbPath(big_dir), OpenMode::kReadOnly);
    return s.ok() && *LogReader(**s).Size() >= records;
  }();
  if (!reuse) {
    Fixture big = MakeLog(big_dir, 64);
    auto log = *Log::Open(big.dir);
    uint64_t left = records - log->size();
    while (left > 0) {
      const uint64_t n = std::min<uint64_t>(left, 100'000);
      DurableIngest(*log, MakeStatements(big, n, pool, left));
      left -= n;
    }
  }
}

// Inclusion and consistency proofs per second over random pairs in the top
// half of the tree: [0] with RocksDB's block cache cold (right after opening),
// [1] over the same pairs again, as a server that has been running.
struct ProofRates {
  double inclusion[2], consistency[2];
};
ProofRates MeasureProofs(const LogReader& reader, uint64_t size) {
  std::mt19937_64 rng(1);
  constexpr int kProofs = 20'000;
  std::vector<std::pair<uint64_t, uint64_t>> pairs;
  for (int i = 0; i < kProofs; ++i) {
    const uint64_t n = std::uniform_int_distribution<uint64_t>(size / 2, size)(rng);
    pairs.emplace_back(std::uniform_int_distribution<uint64_t>(1, n - 1)(rng), n);
  }
  ProofRates r{};
  for (int pass = 0; pass < 2; ++pass) {
    r.inclusion[pass] = Rate(kProofs, [&] {
      for (auto [i, n] : pairs) (void)reader.InclusionProof(i, n);
    });
    r.consistency[pass] = Rate(kProofs, [&] {
      for (auto [m, n] : pairs) (void)reader.ConsistencyProof(m, n);
    });
  }
  return r;
}

struct BenchArgs {
  uint64_t records = 1'000'000, statements = 200'000;
  std::string dir = "/tmp/lawtrail-bench";
  bool reuse_big = false, proofs_only = false, map_only = false;
};
BenchArgs ParseArgs(int argc, char** argv) {
  BenchArgs a;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--map-only")) a.map_only = true;
    if (!std::strcmp(argv[i], "--reuse")) a.reuse_big = true;
    if (!std::strcmp(argv[i], "--proofs-only")) a.proofs_only = a.reuse_big = true;
  }
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--records")) a.records = std::stoull(argv[i + 1]);
    if (!std::strcmp(argv[i], "--statements")) a.statements = std::stoull(argv[i + 1]);
    if (!std::strcmp(argv[i], "--dir")) a.dir = argv[i + 1];
  }
  return a;
}

int Main(int argc, char** argv) {
  const auto [records, statements, dir, reuse_big, proofs_only, map_only] = ParseArgs(argc, argv);
  if (sodium_init() < 0) return 1;
  const double map_1e4 = MapMicrosPerRecord(10'000), map_1e5 = MapMicrosPerRecord(100'000),
               map_1e6 = MapMicrosPerRecord(1'000'000);
  auto print_map = [&] {
    std::printf(
        "| case-head map upkeep per record, batches of 1,024, at 10^4 / 10^5 / 10^6 cases | %.2f / %.2f / %.2f µs | "
        "|\n",
        map_1e4, map_1e5, map_1e6);
  };
  if (map_only) {
    std::printf("| measure | figure | ratio to the limit |\n|---|---|---|\n");
    print_map();
    return 0;
  }
  ThreadPool pool;
  std::printf(
      "# lawtrail_bench\n\n%u hardware threads; synced WAL on every batch; %llu statements for ingest; "
      "proofs and verify at %llu records.\n\n",
      std::thread::hardware_concurrency(), static_cast<unsigned long long>(statements),
      static_cast<unsigned long long>(records));

  Fixture f = MakeLog(dir + "/ingest", 64);
  double v1 = 0, vall = 0;
  Ed25519Limit(MakeStatements(f, 20'000, pool, 0), pool, v1, vall);
  double sodium_sha = 0, openssl_sha = 0;
  Sha256Costs(sodium_sha, openssl_sha);

  double ingest = 0, cores_used = 0;
  std::pair<double, double> lat;
  if (!proofs_only) {
    {
      auto log = *Log::Open(f.dir);
      ingest = DurableIngest(*log, MakeStatements(f, statements, pool, 1), &cores_used);
    }
    auto log = *Log::Open(f.dir);
    const double half = ingest / 2;
    lat = Latency(*log, MakeStatements(f, static_cast<uint64_t>(half * 8), pool, 2), half);
  }

  const std::string big_dir = dir + "/proofs";
  EnsureProofsLog(big_dir, records, reuse_big, pool);
  auto store = *Store::Open(data_dir::DbPath(big_dir), OpenMode::kReadOnly);
  LogReader reader(*store);
  const uint64_t size = *reader.Size();
  const ProofRates proofs = MeasureProofs(reader, size);
  auto vkey = data_dir::LoadVerifier(big_dir);
  VerifyOptions vo{*vkey, std::nullopt, &pool, nullptr};
  VerifyReport report;
  const double verify = proofs_only ? 0 : Rate(size, [&] { report = VerifyLog(*store, vo); });
  if (!proofs_only && !report.status.ok())
    std::fprintf(stderr, "verify failed: %s\n", report.status.ToString().c_str());

  std::printf("| measure | figure | ratio to the limit |\n|---|---|---|\n");
  std::printf("| Ed25519 verify, 1 core | %.0f /s | |\n", v1);
  std::printf("| Ed25519 verify, all cores (the ingest limit) | %.0f /s | 1.00 |\n", vall);
  if (!proofs_only) {
    std::printf("| durable ingest, full pipeline | %.0f statements/s | %.2f |\n", ingest, ingest / vall);
    std::printf("| CPU busy during ingest | %.2f cores | |\n", cores_used);
    std::printf("| append latency at %.0f/s (half load), p50 | %.2f ms | |\n", ingest / 2, lat.first);
    std::printf("| append latency at half load, p99 | %.2f ms | |\n", lat.second);
  }
  for (int pass = 0; pass < 2; ++pass) {
    const char* cache = pass == 0 ? "cold" : "warm";
    std::printf("| inclusion proof at %llu records, %s cache | %.1f µs | |\n", static_cast<unsigned long long>(size),
                cache, 1e6 / proofs.inclusion[pass]);
    std::printf("| consistency proof at %llu records, %s cache | %.1f µs | |\n", static_cast<unsigned long long>(size),
                cache, 1e6 / proofs.consistency[pass]);
  }
  std::printf("| verify (everything), all cores | %.0f records/s | %.2f |\n", verify, verify / vall);
  print_map();
  std::printf("| SHA-256 of a 65-byte node: libsodium / OpenSSL | %.2fM/s / %.2fM/s | |\n", sodium_sha / 1e6,
              openssl_sha / 1e6);
  return 0;
}

}  // namespace
}  // namespace lawtrail::bench

int main(int argc, char** argv) { return lawtrail::bench::Main(argc, argv); }
