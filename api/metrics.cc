#include "api/metrics.h"

#include <cstdio>

namespace lawtrail::api {
namespace {

std::string Number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

std::string LabelValue(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace

std::string PrometheusGauge(std::string_view name, std::string_view help, std::string_view labels, long long value) {
  const std::string n(name);
  return "# HELP " + n + " " + std::string(help) + "\n# TYPE " + n + " gauge\n" + n + std::string(labels) + " " +
         std::to_string(value) + "\n";
}

std::string PrometheusGauge(std::string_view name, std::string_view help, std::string_view labels, double value) {
  const std::string n(name);
  return "# HELP " + n + " " + std::string(help) + "\n# TYPE " + n + " gauge\n" + n + std::string(labels) + " " +
         Number(value) + "\n";
}

void Metrics::CountRequest(const std::string& route, unsigned status, std::chrono::nanoseconds latency, bool write) {
  const double seconds = std::chrono::duration<double>(latency).count();
  MutexLock lock(mu_);
  requests_[{route, status}]++;
  Histogram& h = write ? write_ : read_;
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) h.counts[i]++;
  }
  h.count++;
  h.sum += seconds;
}

void Metrics::CountRefusal(unsigned status, std::string_view error_code) {
  MutexLock lock(mu_);
  refusals_[{status, std::string(error_code.empty() ? "none" : error_code)}]++;
}

std::string Metrics::Render() const {
  std::string out;
  out += "# HELP lawtrail_http_requests_total Requests answered, by route pattern and status.\n";
  out += "# TYPE lawtrail_http_requests_total counter\n";
  MutexLock lock(mu_);
  for (const auto& [key, n] : requests_) {
    out += "lawtrail_http_requests_total{route=\"" + LabelValue(key.first.empty() ? "unknown" : key.first) +
           "\",code=\"" + std::to_string(key.second) + "\"} " + std::to_string(n) + "\n";
  }
  out +=
      "# HELP lawtrail_http_refusals_total Error answers at any layer (limits, timeouts, malformed requests, "
      "tokens, routes), by status and stable error code.\n";
  out += "# TYPE lawtrail_http_refusals_total counter\n";
  for (const auto& [key, n] : refusals_) {
    out += "lawtrail_http_refusals_total{code=\"" + std::to_string(key.first) + "\",reason=\"" +
           LabelValue(key.second) + "\"} " + std::to_string(n) + "\n";
  }
  out += "# HELP lawtrail_http_request_seconds Time from a request read to its response written.\n";
  out += "# TYPE lawtrail_http_request_seconds histogram\n";
  for (const auto& [kind, h] : {std::pair<const char*, const Histogram&>{"read", read_}, {"write", write_}}) {
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      out += "lawtrail_http_request_seconds_bucket{kind=\"" + std::string(kind) + "\",le=\"" + Number(kBuckets[i]) +
             "\"} " + std::to_string(h.counts[i]) + "\n";
    }
    out += "lawtrail_http_request_seconds_bucket{kind=\"" + std::string(kind) + "\",le=\"+Inf\"} " +
           std::to_string(h.count) + "\n";
    out += "lawtrail_http_request_seconds_sum{kind=\"" + std::string(kind) + "\"} " + Number(h.sum) + "\n";
    out += "lawtrail_http_request_seconds_count{kind=\"" + std::string(kind) + "\"} " + std::to_string(h.count) + "\n";
  }
  out += "# HELP lawtrail_appended_records_total Statements appended through the API (durable).\n";
  out += "# TYPE lawtrail_appended_records_total counter\nlawtrail_appended_records_total " +
         std::to_string(appended_.load()) + "\n";
  out += "# HELP lawtrail_refused_statements_total Statements the API refused (rules, signatures, format).\n";
  out += "# TYPE lawtrail_refused_statements_total counter\nlawtrail_refused_statements_total " +
         std::to_string(refused_.load()) + "\n";
  out += "# HELP lawtrail_case_retrievals_total Case retrievals recorded before their data was returned (R6).\n";
  out += "# TYPE lawtrail_case_retrievals_total counter\nlawtrail_case_retrievals_total " +
         std::to_string(retrievals_.load()) + "\n";
  return out;
}

}  // namespace lawtrail::api
