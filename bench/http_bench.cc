// lawtrail_http_bench: the HTTP API under load, against the paths it wraps.
//
//   lawtrail_http_bench [--statements N] [--repeat K] [--connections C] [--wrk-seconds S] [--dir PATH]
//
// Writes: the same kind of signed statements (bench/signed_log.h) appended
// straight into the log (the signed-log benchmark's ingest) and posted to
// POST /v1/statements in framed batches of 1,024 over C keep-alive
// connections, round by round; the ratio of the two is HTTP's cost.
// Reads: wrk (Debian's) against public read endpoints of the same server,
// reporting requests/s and the 99th percentile latency.
#include <algorithm>
#include <atomic>
#include <cstring>
#include <thread>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>
#include <sodium.h>

#include "api/access.h"
#include "api/api_server.h"
#include "bench/signed_log.h"
#include "ledger/client/statement_stream.h"
#include "ledger/log/data_dir.h"
#include "ledger/log/files.h"

namespace lawtrail::bench {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;

constexpr const char* kToken = "bench-officer-token";
constexpr size_t kBatch = 1024;

std::string Framed(const std::vector<Bytes>& statements, size_t begin, size_t end) {
  std::string out;
  for (size_t i = begin; i < end; ++i) AppendFramedStatement(out, statements[i]);
  return out;
}

struct HttpIngestResult {
  double rate = 0;
  double p50_ms = 0, p99_ms = 0;  // per request of kBatch statements
};

// Posts every statement in batches over `connections` keep-alive connections.
HttpIngestResult HttpIngest(uint16_t port, const std::vector<Bytes>& statements, unsigned connections) {
  const size_t batches = (statements.size() + kBatch - 1) / kBatch;
  std::vector<std::string> bodies(batches);
  for (size_t b = 0; b < batches; ++b)
    bodies[b] = Framed(statements, b * kBatch, std::min(statements.size(), (b + 1) * kBatch));
  std::atomic<size_t> next{0};
  std::atomic<uint64_t> accepted{0};
  std::mutex mu;
  std::vector<double> latencies;
  HttpIngestResult out;
  out.rate = Rate(statements.size(), [&] {
    std::vector<std::thread> clients;
    for (unsigned c = 0; c < connections; ++c) {
      clients.emplace_back([&] {
        boost::asio::io_context ioc;
        beast::tcp_stream stream(ioc);
        stream.connect({boost::asio::ip::make_address("127.0.0.1"), port});
        beast::flat_buffer buffer;
        for (size_t b = next++; b < batches; b = next++) {
          http::request<http::string_body> req(http::verb::post, "/v1/statements", 11);
          req.set(http::field::host, "127.0.0.1");
          req.set(http::field::content_type, "application/octet-stream");
          req.set(http::field::authorization, std::string("Bearer ") + kToken);
          req.body() = bodies[b];
          req.prepare_payload();
          const auto sent = Clock::now();
          http::write(stream, req);
          http::response<http::string_body> res;
          http::read(stream, buffer, res);
          const double ms = Seconds(Clock::now() - sent) * 1000;
          if (res.result_int() == 200) accepted += nlohmann::json::parse(res.body())["accepted"].get<uint64_t>();
          std::lock_guard lock(mu);
          latencies.push_back(ms);
        }
      });
    }
    for (auto& t : clients) t.join();
  });
  if (accepted != statements.size()) {
    std::fprintf(stderr, "http ingest: %llu of %zu accepted\n", static_cast<unsigned long long>(accepted.load()),
                 statements.size());
  }
  std::sort(latencies.begin(), latencies.end());
  out.p50_ms = latencies[latencies.size() / 2];
  out.p99_ms = latencies[std::min(latencies.size() - 1, latencies.size() * 99 / 100)];
  return out;
}

struct WrkResult {
  double requests_per_second = 0;
  std::string p99;
};

// Runs wrk against `url`; nullopt-like empty result when wrk is missing.
WrkResult RunWrk(const std::string& url, int seconds, const std::string& dir) {
  const std::string out = dir + "/wrk.out";
  const std::string command =
      "wrk -t2 -c32 -d" + std::to_string(seconds) + "s --latency '" + url + "' > " + out + " 2>&1";
  WrkResult r;
  if (std::system(command.c_str()) != 0) return r;
  auto text = ReadFile(out);
  if (!text.ok()) return r;
  const size_t rps = text->find("Requests/sec:");
  if (rps != std::string::npos) r.requests_per_second = std::strtod(text->c_str() + rps + 13, nullptr);
  const size_t p99 = text->find("99%");
  if (p99 != std::string::npos) {
    size_t b = text->find_first_not_of(' ', p99 + 3);
    r.p99 = text->substr(b, text->find('\n', b) - b);
  }
  return r;
}

int Main(int argc, char** argv) {
  uint64_t statements = 100'000;
  int repeat = 3, wrk_seconds = 10;
  unsigned connections = 4;
  std::string dir = "/tmp/lawtrail-http-bench";
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--statements")) statements = std::stoull(argv[i + 1]);
    if (!std::strcmp(argv[i], "--repeat")) repeat = std::max(1, std::atoi(argv[i + 1]));
    if (!std::strcmp(argv[i], "--connections"))
      connections = static_cast<unsigned>(std::max(1, std::atoi(argv[i + 1])));
    if (!std::strcmp(argv[i], "--wrk-seconds")) wrk_seconds = std::max(1, std::atoi(argv[i + 1]));
    if (!std::strcmp(argv[i], "--dir")) dir = argv[i + 1];
  }
  if (sodium_init() < 0) return 1;
  ThreadPool pool;
  Fixture f = MakeLog(dir + "/log", 64);
  auto log = Log::Open(f.dir);
  if (!log.ok()) return 1;
  auto vkey = ReadFile(data_dir::VerifierKeyPath(f.dir));
  api::ApiServerOptions options;
  options.http.port = 0;
  options.access_log = false;
  api::TokenEntry officer;
  officer.name = "bench";
  officer.role = api::Role::kOfficer;
  const auto hash = *FromHex(api::TokenHashHex(kToken));
  std::copy(hash.begin(), hash.end(), officer.sha256.begin());
  options.tokens.Add(officer);
  auto server = api::ApiServer::Start(log->get(), (*log)->store(), nullptr, vkey.ok() ? *vkey : "", std::move(options));
  if (!server.ok()) {
    std::fprintf(stderr, "%s\n", server.status().ToString().c_str());
    return 1;
  }
  const uint16_t port = (*server)->port();

  std::printf(
      "# lawtrail_http_bench\n\n%u hardware threads; %llu statements per measure; %u connections; "
      "batches of %zu; synced WAL.\n\n",
      std::thread::hardware_concurrency(), static_cast<unsigned long long>(statements), connections, kBatch);
  std::printf(
      "| round | direct into Log (statements/s) | POST /v1/statements (statements/s) | HTTP / direct | request p50 / "
      "p99 (ms, %zu statements each) |\n|---|---:|---:|---:|---:|\n",
      kBatch);
  std::vector<double> ratios;
  for (int k = 0; k < repeat; ++k) {
    const double direct = DurableIngest(**log, MakeStatements(f, statements, pool, 2 * k + 1));
    const HttpIngestResult over = HttpIngest(port, MakeStatements(f, statements, pool, 2 * k + 2), connections);
    ratios.push_back(over.rate / direct);
    std::printf("| %d | %.0f | %.0f | %.2f | %.1f / %.1f |\n", k + 1, direct, over.rate, ratios.back(), over.p50_ms,
                over.p99_ms);
    std::fflush(stdout);
  }
  std::sort(ratios.begin(), ratios.end());
  std::printf("\nHTTP / direct: median %.2f (goal >= 0.80)\n\n", ratios[ratios.size() / 2]);

  const uint64_t size = *(*log)->reader().Size();
  (void)(*log)->CurrentCheckpoint();
  const std::string base = "http://127.0.0.1:" + std::to_string(port);
  std::printf("| read endpoint (wrk -t2 -c32 -d%ds) | requests/s | p99 |\n|---|---:|---:|\n", wrk_seconds);
  const std::vector<std::string> paths = {"/checkpoint", "/v1/records/0",
                                          "/v1/records/" + std::to_string(size / 2) + "/inclusion-proof", "/tile/0/000",
                                          "/v1/log"};
  for (const std::string& path : paths) {
    const WrkResult r = RunWrk(base + path, wrk_seconds, dir);
    if (r.requests_per_second == 0) {
      std::printf("| %s | (wrk not installed or failed) | |\n", path.c_str());
      continue;
    }
    std::printf("| `%s` | %.0f | %s |\n", path.c_str(), r.requests_per_second, r.p99.c_str());
    std::fflush(stdout);
  }
  (*server)->Stop();
  return 0;
}

}  // namespace
}  // namespace lawtrail::bench

int main(int argc, char** argv) { return lawtrail::bench::Main(argc, argv); }
