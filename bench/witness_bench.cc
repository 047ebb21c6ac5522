// File: bench/witness_bench.cc
// -----------------------------------------------------------------------------
// Witnessing, both sides (docs/performance.md, "Witnesses"):
//
//  A. One witness holding 1,000 logs, each sending one checkpoint a second
//     over HTTP on loopback (a new connection per request, as the log's
//     client does): the witness's CPU per add-checkpoint — process CPU less
//     the client threads' own — against the machine's limit for the same
//     work (one Ed25519 verification of the log's signature and one Ed25519
//     signature), and the latency clients see (p50, p99).
//  B. A log with three witnesses on loopback, taking statements steadily:
//     the time from a checkpoint's appearance in the store to its
//     publication with the quorum (2 of 3), p50 and p99 (goal < 50 ms p99).
//
//   lawtrail_witness_bench [seconds]   (default 10 for each part)
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <thread>

#include <sodium.h>
#include <time.h>

#include "api/witness_server.h"
#include "bench/signed_log.h"
#include "ledger/core/checkpoint.h"
#include "ledger/core/cosignature.h"
#include "ledger/cosigning/collector.h"
#include "ledger/cosigning/http_post.h"
#include "ledger/log/data_dir.h"
#include "ledger/witness/add_checkpoint.h"

namespace lawtrail::bench {
namespace {

using namespace std::chrono_literals;

double ThreadCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
}

// One benchmarked log: its key and, for each second, the add-checkpoint body
// taking it one leaf further (with the consistency proof from the last size).
struct BenchLog {
  note::Signer signer;
  std::vector<std::string> bodies;
};

BenchLog MakeBenchLog(int i, int seconds) {
  BenchLog log{{"log" + std::to_string(i) + ".bench.example/enforcement", KeyPair::Generate()}, {}};
  std::vector<Hash> leaves;
  for (int s = 0; s <= seconds; ++s) {
    const uint8_t leaf[2] = {static_cast<uint8_t>(i), static_cast<uint8_t>(s)};
    leaves.push_back(merkle::LeafHash(ByteView(leaf, 2)));
  }
  for (int s = 0; s < seconds; ++s) {
    const uint64_t old_size = static_cast<uint64_t>(s), size = old_size + 1;
    witness::AddCheckpointRequest r;
    r.old_size = old_size;
    if (old_size > 0) {
      auto hashes = merkle::HashRanges(
          merkle::ConsistencyRanges(old_size, size), [&](std::span<const merkle::NodeId> ids, std::span<Hash> out) {
            for (size_t k = 0; k < ids.size(); ++k) {
              out[k] = merkle::RootOf({leaves.data() + ids[k].begin(), ids[k].end() - ids[k].begin()});
            }
            return Status::Ok();
          });
      for (const Hash& h : *hashes) r.proof.emplace_back(h.begin(), h.end());
    }
    Checkpoint c;
    c.origin = log.signer.name;
    c.size = size;
    c.root = merkle::RootOf({leaves.data(), size});
    r.checkpoint = *note::Sign(c.Body(), log.signer);
    log.bodies.push_back(witness::FormatAddCheckpoint(r));
  }
  return log;
}

// The limit: the Ed25519 work of one add-checkpoint (verify the log's
// signature, sign the cosignature) on one core, in microseconds.
double Ed25519VerifyAndSignMicros(const note::Signer& log, const note::Verifier& log_key) {
  const std::string body = "bench\n";
  const auto signed_note = *note::Sign(body, log);
  const int n = 4000;
  const double verify_rate = Rate(n, [&] {
    for (int i = 0; i < n; ++i) (void)note::Open(signed_note, log_key);
  });
  const KeyPair witness_key = KeyPair::Generate();
  const double sign_rate = Rate(n, [&] {
    for (int i = 0; i < n; ++i) (void)cosig::Cosign("w", witness_key, body, 1700000000);
  });
  return (1 / verify_rate + 1 / sign_rate) * 1e6;
}

void WitnessOfManyLogs(int seconds) {
  constexpr int kLogs = 1000;
  constexpr int kClients = 16;
  std::printf("## A. one witness, %d logs, one checkpoint a second each, %d s\n\n", kLogs, seconds);
  std::vector<BenchLog> logs;
  for (int i = 0; i < kLogs; ++i) logs.push_back(MakeBenchLog(i, seconds));
  std::vector<note::Verifier> keys;
  for (const auto& l : logs) {
    keys.push_back({l.signer.name, note::KeyId(l.signer.name, l.signer.key.public_key()), l.signer.key.public_key()});
  }
  const std::string dir = "/tmp/lawtrail-witness-bench";
  std::filesystem::remove_all(dir);
  auto state = witness::WitnessState::Open(dir);
  if (!state.ok()) std::exit(1);
  witness::Witness w("bench.witness.example/w1", KeyPair::Generate(), keys, **state,
                     [] { return static_cast<uint64_t>(std::time(nullptr)); });
  api::WitnessServerOptions o;
  o.http.port = 0;
  o.per_log_rate = 100;
  o.per_log_burst = 100;
  auto server = api::WitnessServer::Listen(w, o);
  if (!server.ok()) std::exit(1);
  (*server)->Start();
  const auto url =
      *cosigning::ParseHttpUrl("http://127.0.0.1:" + std::to_string((*server)->port()) + "/add-checkpoint");

  std::vector<std::vector<double>> latencies(kClients);
  std::vector<double> client_cpu(kClients);
  std::atomic<uint64_t> ok{0}, failed{0};
  const double cpu_before = CpuSeconds();
  const auto start = Clock::now();
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      const double cpu0 = ThreadCpuSeconds();
      for (int s = 0; s < seconds; ++s) {
        const auto due = start + std::chrono::seconds(s);
        std::this_thread::sleep_until(due);
        for (int i = c; i < kLogs; i += kClients) {
          // Spread each client's logs over the second, as independent logs would be.
          std::this_thread::sleep_until(due + std::chrono::microseconds(1'000'000LL * i / kLogs));
          const auto t0 = Clock::now();
          auto reply =
              cosigning::Post(url, "text/plain", logs[static_cast<size_t>(i)].bodies[static_cast<size_t>(s)], 5s);
          latencies[static_cast<size_t>(c)].push_back(Seconds(Clock::now() - t0) * 1000);
          ++((reply.ok() && reply->status == 200) ? ok : failed);
        }
      }
      client_cpu[static_cast<size_t>(c)] = ThreadCpuSeconds() - cpu0;
    });
  }
  for (auto& t : clients) t.join();
  const double wall = Seconds(Clock::now() - start);
  const double cpu = CpuSeconds() - cpu_before;
  double clients_cpu = 0;
  for (double v : client_cpu) clients_cpu += v;
  (*server)->Stop();
  std::vector<double> all;
  for (auto& v : latencies) all.insert(all.end(), v.begin(), v.end());

  const double limit_us = Ed25519VerifyAndSignMicros(logs[0].signer, keys[0]);
  const double witness_us = (cpu - clients_cpu) / static_cast<double>(ok + failed) * 1e6;
  std::printf(
      "| requests | answered 200 | failed | rate /s | witness CPU / request | Ed25519 verify + sign | ratio "
      "| p50 | p99 |\n|---|---|---|---|---|---|---|---|---|\n");
  std::printf("| %llu | %llu | %llu | %.0f | %.0f µs | %.0f µs | %.2f | %.2f ms | %.2f ms |\n\n",
              static_cast<unsigned long long>(ok + failed), static_cast<unsigned long long>(ok.load()),
              static_cast<unsigned long long>(failed.load()), static_cast<double>(ok + failed) / wall, witness_us,
              limit_us, limit_us / witness_us, Percentile(all, 0.5), Percentile(all, 0.99));
  std::filesystem::remove_all(dir);
}

void LogWithThreeWitnesses(int seconds) {
  std::printf("## B. a log and three witnesses on loopback, quorum 2 of 3, %d s\n\n", seconds);
  const std::string dir = "/tmp/lawtrail-witnessed-log-bench";
  Fixture f = MakeLog(dir, 16);
  LogOptions options;
  options.checkpoints.interval_ms = 100;
  auto log = *Log::Open(dir, options);
  const note::Verifier log_key = *data_dir::LoadVerifier(dir);
  std::vector<std::unique_ptr<witness::WitnessState>> states;
  std::vector<std::unique_ptr<witness::Witness>> witnesses;
  std::vector<std::unique_ptr<api::WitnessServer>> servers;
  std::string policy_text = "log " + note::EncodeVerifier(log_key.name, log_key.public_key) + "\n";
  for (int i = 0; i < 3; ++i) {
    const std::string wdir = dir + "-w" + std::to_string(i);
    std::filesystem::remove_all(wdir);
    states.push_back(*witness::WitnessState::Open(wdir));
    witnesses.push_back(std::make_unique<witness::Witness>(
        "w" + std::to_string(i) + ".bench.example/w", KeyPair::Generate(), std::vector<note::Verifier>{log_key},
        *states.back(), [] { return static_cast<uint64_t>(std::time(nullptr)); }));
    api::WitnessServerOptions o;
    o.http.port = 0;
    o.per_log_rate = 1000;
    o.per_log_burst = 1000;
    servers.push_back(*api::WitnessServer::Listen(*witnesses.back(), o));
    servers.back()->Start();
    policy_text += "witness w" + std::to_string(i) + " " + witnesses.back()->vkey() +
                   " http://127.0.0.1:" + std::to_string(servers.back()->port()) + "\n";
  }
  policy_text += "group g 2 w0 w1 w2\nquorum g\n";
  auto collector = cosigning::Collector::Start(log->store(), log->reader(), log_key, *policy::Parse(policy_text), {});
  if (!collector.ok()) {
    std::fprintf(stderr, "%s\n", collector.status().ToString().c_str());
    std::exit(1);
  }
  ThreadPool pool;
  const auto start = Clock::now();
  uint64_t appended = 0;
  for (int tick = 0; Seconds(Clock::now() - start) < seconds; ++tick) {
    auto statements = MakeStatements(f, 50, pool, static_cast<uint64_t>(tick));
    for (const auto& r : log->Append(std::move(statements))) appended += r.ok() ? 1 : 0;
    std::this_thread::sleep_until(start + std::chrono::milliseconds(20 * (tick + 1)));
  }
  const uint64_t size = *log->reader().Size();
  (void)log->CurrentCheckpoint();
  (*collector)->WaitPublished(size, 10s);
  const auto delays = (*collector)->publish_delays_ms();
  const auto progress = (*collector)->progress();
  std::printf("| statements | checkpoints published | p50 | p99 | max |\n|---|---|---|---|---|\n");
  std::printf("| %llu | %zu | %.2f ms | %.2f ms | %.2f ms |\n\n", static_cast<unsigned long long>(appended),
              delays.size(), Percentile(delays, 0.5), Percentile(delays, 0.99), Percentile(delays, 1.0));
  for (const auto& w : progress.witnesses) {
    std::printf("witness %s: %llu cosignatures, %llu failures\n", w.name.c_str(),
                static_cast<unsigned long long>(w.cosignatures), static_cast<unsigned long long>(w.failures));
  }
  collector->reset();
  for (auto& s : servers) s->Stop();
}

}  // namespace
}  // namespace lawtrail::bench

int main(int argc, char** argv) {
  if (sodium_init() < 0) return 1;
  const int seconds = argc > 1 ? std::max(2, std::atoi(argv[1])) : 10;
  lawtrail::bench::WitnessOfManyLogs(seconds);
  lawtrail::bench::LogWithThreeWitnesses(seconds);
  return 0;
}
