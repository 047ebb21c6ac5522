// File: api/metrics.h
// -----------------------------------------------------------------------------
// What the server counts, in the Prometheus text format (version 0.0.4):
// requests by route and status, request latency as a histogram, records
// appended. Gauges that describe state (queue depth, projector lag,
// checkpoint age) are read when scraped, not kept here.
#ifndef LAWTRAIL_API_METRICS_H_
#define LAWTRAIL_API_METRICS_H_

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "ledger/core/mutex.h"

namespace lawtrail::api {

// One gauge sample with its HELP and TYPE lines.
std::string PrometheusGauge(std::string_view name, std::string_view help, std::string_view labels, long long value);
std::string PrometheusGauge(std::string_view name, std::string_view help, std::string_view labels, double value);

class Metrics {
 public:
  // `kind` is "read" or "write": one latency histogram each.
  void CountRequest(const std::string& route, unsigned status, std::chrono::nanoseconds latency, bool write);
  void CountAppended(uint64_t records) { appended_ += records; }
  void CountRefused(uint64_t statements) { refused_ += statements; }
  void CountRetrieval() { retrievals_++; }
  // An error answer, at any layer: by status and stable error code.
  void CountRefusal(unsigned status, std::string_view error_code);

  // Counters and histograms as Prometheus text.
  std::string Render() const;

  static constexpr std::array<double, 14> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,    0.25,  0.5,    1,     2.5,  5,     10};

 private:
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> counts{};
    uint64_t count = 0;
    double sum = 0;
  };
  mutable Mutex mu_;
  std::map<std::pair<std::string, unsigned>, uint64_t> requests_ LAWTRAIL_GUARDED_BY(mu_);
  std::map<std::pair<unsigned, std::string>, uint64_t> refusals_ LAWTRAIL_GUARDED_BY(mu_);
  Histogram read_ LAWTRAIL_GUARDED_BY(mu_);
  Histogram write_ LAWTRAIL_GUARDED_BY(mu_);
  std::atomic<uint64_t> appended_{0};
  std::atomic<uint64_t> refused_{0};
  std::atomic<uint64_t> retrievals_{0};
};

}  // namespace lawtrail::api

#endif  // LAWTRAIL_API_METRICS_H_
