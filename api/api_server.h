// File: api/api_server.h
// -----------------------------------------------------------------------------
// `lawtrail serve` without the command line: the HTTP server with every
// route, the projectors folding the log as it grows (on their own thread),
// health and metrics. The log, views and any relay belong to the caller.
#ifndef LAWTRAIL_API_API_SERVER_H_
#define LAWTRAIL_API_API_SERVER_H_

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "api/access.h"
#include "api/internal/api_context.h"
#include "api/internal/http_server.h"
#include "api/internal/router.h"
#include "ledger/client/strict_json.h"
#include "ledger/core/mutex.h"
#include "projectors/runner.h"

namespace lawtrail::api {

struct ApiServerOptions {
  HttpServerOptions http;
  TokenTable tokens;
  size_t max_statements_per_request = 4096;
  // How often the projectors look for new records when idle.
  std::chrono::milliseconds project_interval{200};
  bool access_log = true;  // one line per answer, refusals included (never a header, so never a token)
  // Where access-log lines go (without their newline); stderr when unset.
  std::function<void(std::string_view line)> access_log_sink;
  JsonLimits json_limits;  // for every JSON body (docs/reliability.md)
  // Hands the allocator's free memory back to the system (tools/allocator.h).
  // Called, at most once a second, after an answer that moved 1 MiB or more,
  // so that one large request does not leave the server large. Unset: never.
  std::function<void()> release_memory;
  // More Prometheus text for /metrics (e.g. the relay's cursor and lag).
  std::function<std::string()> extra_metrics;
  // More for /healthz, as a JSON object under "witnesses" (ledger/cosigning).
  std::function<std::string()> witness_health;
  // The witnesses of the policy (its name for each, and the cosigner vkey),
  // listed by GET /v1/log for the portal's in-browser check.
  std::vector<std::pair<std::string, std::string>> witnesses;
  // The files records name (docs/evidence.md); null: none kept. Staged files
  // no record references are removed after staged_ttl; every
  // evidence_interval the store keeps what records now reference, removes
  // what retention decisions disposed of, and sweeps.
  evidence::EvidenceStore* evidence = nullptr;
  std::chrono::seconds staged_ttl{7 * 24 * 3600};
  std::chrono::seconds evidence_interval{600};
  // ApiContext::witnessed_checkpoint: set when witnesses cosign the log.
  std::function<Result<std::string>(uint64_t size)> witnessed_checkpoint;
};

// The access log's line for one answer.
std::string AccessLogLine(const Served& done);

class ApiServer {
 public:
  // Serves `log` (null: a read-only mirror served through `store`) and the
  // views in `views` (null: none). Everything passed must outlive the server.
  static Result<std::unique_ptr<ApiServer>> Start(Log* log, Store& store, projectors::ViewStore* views,
                                                  std::string verifier_key, ApiServerOptions options);
  ~ApiServer();

  // Stops taking connections, answers requests already read (their appends
  // finish), stops the projectors after their current window.
  void Stop();
  uint16_t port() const { return http_->port(); }
  // Connections open now (what /metrics reports as lawtrail_http_open_connections).
  size_t open_connections() const { return http_->open_connections(); }
  Metrics& metrics() { return metrics_; }
  const Router& router() const { return router_; }
  // Staged files a record now references are kept, files a retention
  // decision disposed of are removed (with their tombstone), and staged files
  // older than staged_ttl that nothing references are swept. Runs every
  // evidence_interval on the projectors' thread; callable at any time.
  Status ReconcileEvidence();

 private:
  ApiServer(Store& store, ApiServerOptions options);
  void ProjectLoop();
  void MemoryLoop();
  std::string RenderMetrics();
  HttpResponse Health();
  int64_t evidence_reconciled_ms_ = 0;  // the projectors' thread only

  ApiServerOptions options_;
  LogReader reader_;
  Metrics metrics_;
  ApiContext context_;
  Router router_;
  // Held exclusively while the projectors fold a window, shared by every
  // view read: a read sees whole windows.
  SharedMutex views_mu_;
  std::unique_ptr<projectors::ProjectionRunner> runner_ LAWTRAIL_PT_GUARDED_BY(views_mu_);
  std::unique_ptr<HttpServer> http_;
  Mutex access_log_mu_;  // one access-log line at a time

  std::thread projector_;
  std::thread memory_;  // runs options_.release_memory when an answer asks for it
  Mutex stop_mu_;
  CondVar memory_cv_;
  CondVar stop_cv_;
  bool release_wanted_ LAWTRAIL_GUARDED_BY(stop_mu_) = false;
  bool stopping_ LAWTRAIL_GUARDED_BY(stop_mu_) = false;
  std::atomic<bool> stopped_{false};
  Status projector_status_ LAWTRAIL_GUARDED_BY(stop_mu_);  // the projectors' last failure

  // When the newest checkpoint last changed, for its age.
  std::atomic<uint64_t> checkpoint_size_seen_{0};
  std::atomic<int64_t> checkpoint_seen_ms_{0};
};

}  // namespace lawtrail::api

#endif  // LAWTRAIL_API_API_SERVER_H_
