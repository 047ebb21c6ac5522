#include "api/api_server.h"

#include <cstdio>

#include "api/internal/draw_routes.h"
#include "api/internal/evidence_routes.h"
#include "api/internal/json_body.h"
#include "api/internal/ledger_routes.h"
#include "api/internal/portal_routes.h"
#include "api/internal/view_routes.h"
#include "api/tile_routes.h"
#include "ledger/client/statement_builder.h"
#include "ledger/core/checkpoint.h"
#include "projectors/all.h"
#include "projectors/evidence_view.h"

namespace lawtrail::api {

namespace {

// Text from the client as the log may show it: printable, and short. Bytes
// below 0x20 and 0x7f become %XX, so that no path can forge a log line or
// send a terminal escape to whoever reads it.
std::string Printable(std::string_view s, size_t max) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : s.substr(0, max)) {
    if (c < 0x20 || c == 0x7f || c == '%' || c == ' ') {
      out += {'%', kHex[c >> 4], kHex[c & 15]};
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  if (s.size() > max) out += "…";
  return out;
}

}  // namespace

// `<client> <method> <path> <status> <bytes> <ms>ms [<error code>]`: the path
// and status only, never a header (so never a token) nor the query (which may
// hold what someone searched for).
std::string AccessLogLine(const Served& done) {
  char timing[32];
  std::snprintf(timing, sizeof timing, "%.1fms", std::chrono::duration<double, std::milli>(done.latency).count());
  std::string line = Printable(done.peer, 64) + " " + Printable(done.request.method, 16) + " " +
                     Printable(done.request.raw_path, 256) + " " + std::to_string(done.status) + " " +
                     std::to_string(done.response_bytes) + " " + timing;
  if (!done.error_code.empty()) line += " " + Printable(done.error_code, 64);
  return line;
}

ApiServer::ApiServer(Store& store, ApiServerOptions options)
    : options_(std::move(options)), reader_(store), router_(options_.tokens) {}

Result<std::unique_ptr<ApiServer>> ApiServer::Start(Log* log, Store& store, projectors::ViewStore* views,
                                                    std::string verifier_key, ApiServerOptions options) {
  std::unique_ptr<ApiServer> s(new ApiServer(store, std::move(options)));
  s->context_ = ApiContext{log,
                           &s->reader_,
                           &store,
                           views,
                           &s->metrics_,
                           std::move(verifier_key),
                           s->options_.max_statements_per_request,
                           s->options_.json_limits,
                           {},
                           s->options_.witnessed_checkpoint,
                           s->options_.witnesses,
                           s->options_.evidence};
  if (views != nullptr) {
    s->runner_ = std::make_unique<projectors::ProjectionRunner>(s->reader_, *views, projectors::AllProjectors());
  }
  AddLedgerRoutes(s->router_, s->context_);
  AddDrawRoutes(s->router_, s->context_);
  AddTileRoutes(s->router_, s->context_);
  AddPortalRoutes(s->router_);
  AddViewRoutes(s->router_, s->context_, {&s->views_mu_, s->runner_.get()});
  AddEvidenceRoutes(s->router_, s->context_);
  ApiServer* self = s.get();
  s->router_.Add("GET", "/healthz", 0, [self](HttpRequest&, const Caller&) { return self->Health(); });
  s->router_.Add("GET", "/metrics", 0, [self](HttpRequest&, const Caller&) {
    return HttpResponse::Text(self->RenderMetrics(), "text/plain; version=0.0.4; charset=utf-8");
  });
  auto served = [self](const Served& done) {
    constexpr size_t kLargeAnswerBytes = 1 << 20;
    if (self->options_.release_memory && done.request.body.size() + done.response_bytes >= kLargeAnswerBytes) {
      {
        MutexLock lock(self->stop_mu_);
        self->release_wanted_ = true;
      }
      self->memory_cv_.NotifyOne();
    }
    self->metrics_.CountRequest(done.request.route, done.status, done.latency, done.request.method == "POST");
    if (done.status >= 400) self->metrics_.CountRefusal(done.status, done.error_code);
    if (!self->options_.access_log) return;
    const std::string line = AccessLogLine(done);
    MutexLock lock(self->access_log_mu_);
    if (self->options_.access_log_sink) {
      self->options_.access_log_sink(line);
    } else {
      std::fprintf(stderr, "%s\n", line.c_str());
    }
  };
  LAWTRAIL_ASSIGN_OR_RETURN(s->http_,
                            HttpServer::Listen(
                                s->options_.http, [self](HttpRequest& r) { return self->router_.Handle(r); }, served,
                                StreamRoutes{[self](const HttpRequest& h) { return self->router_.Streams(h); },
                                             [self](HttpRequest& h) { return self->router_.OpenStream(h); }}));
  if (s->runner_) s->projector_ = std::thread([self] { self->ProjectLoop(); });
  if (s->options_.release_memory) s->memory_ = std::thread([self] { self->MemoryLoop(); });
  s->http_->Start();
  return s;
}

ApiServer::~ApiServer() { Stop(); }

void ApiServer::Stop() {
  if (stopped_.exchange(true)) return;
  if (http_) http_->Stop();
  {
    MutexLock lock(stop_mu_);
    stopping_ = true;
  }
  stop_cv_.NotifyAll();
  memory_cv_.NotifyAll();
  if (projector_.joinable()) projector_.join();
  if (memory_.joinable()) memory_.join();
}

void ApiServer::MemoryLoop() {
  for (;;) {
    {
      MutexLock lock(stop_mu_);
      memory_cv_.Wait(stop_mu_, [this]() LAWTRAIL_REQUIRES(stop_mu_) { return stopping_ || release_wanted_; });
      if (stopping_) return;
      release_wanted_ = false;
    }
    options_.release_memory();
    // At most once a second: a stream of large requests reuses the memory.
    MutexLock lock(stop_mu_);
    memory_cv_.WaitFor(stop_mu_, std::chrono::seconds(1), [this]() LAWTRAIL_REQUIRES(stop_mu_) { return stopping_; });
  }
}

void ApiServer::ProjectLoop() {
  // Folds in windows of bounded size so that view reads, which wait for the
  // exclusive lock, wait at most one window.
  constexpr uint64_t kWindow = 20'000;
  for (;;) {
    uint64_t folded = 0;
    {
      WriterLock views(views_mu_);
      auto r = runner_->CatchUp(kWindow);
      MutexLock lock(stop_mu_);
      projector_status_ = r.ok() ? Status::Ok() : r.status();
      folded = r.ok() ? *r : 0;
    }
    if (options_.evidence != nullptr &&
        NowMs() - evidence_reconciled_ms_ >= std::chrono::milliseconds(options_.evidence_interval).count()) {
      evidence_reconciled_ms_ = NowMs();
      if (Status s = ReconcileEvidence(); !s.ok()) std::fprintf(stderr, "evidence store: %s\n", s.ToString().c_str());
    }
    if (auto latest = reader_.LatestCheckpoint(); latest.ok() && *latest) {
      if (auto cp = ParseCheckpointNoteUnverified(**latest); cp.ok() && cp->size != checkpoint_size_seen_) {
        checkpoint_size_seen_ = cp->size;
        checkpoint_seen_ms_ = NowMs();
      }
    }
    MutexLock lock(stop_mu_);
    if (stopping_) return;
    if (folded < kWindow) {
      stop_cv_.WaitFor(stop_mu_, options_.project_interval, [this]() LAWTRAIL_REQUIRES(stop_mu_) { return stopping_; });
    }
    if (stopping_) return;
  }
}

Status ApiServer::ReconcileEvidence() {
  evidence::EvidenceStore* store = options_.evidence;
  if (store == nullptr || context_.views == nullptr) return Status::Ok();
  ReaderLock views(views_mu_);
  // Retention decisions recorded: their files go, their tombstones stay.
  std::vector<std::pair<Hash, uint64_t>> disposed;
  LAWTRAIL_RETURN_IF_ERROR(projectors::ScanFileRefs(*context_.views, [&](const Hash& h, const projectors::FileRefs& f) {
    if (f.disposed_by && store->Info(h).state != evidence::State::kDisposed) disposed.emplace_back(h, *f.disposed_by);
    return true;
  }));
  for (const auto& [hash, index] : disposed) {
    auto refs = projectors::ReadFileRefs(*context_.views, hash);
    const std::string case_id = refs.ok() && !refs->refs.empty() ? refs->refs.front().case_id : "";
    LAWTRAIL_RETURN_IF_ERROR(store->Dispose(hash, {index, case_id, "", NowMs()}));
  }
  auto referenced = [&](const Hash& h) {
    auto refs = projectors::ReadFileRefs(*context_.views, h);
    return refs.ok() && !refs->refs.empty();
  };
  return store->SweepStaged(referenced, options_.staged_ttl).status();
}

HttpResponse ApiServer::Health() {
  auto size = reader_.Size();
  if (!size.ok()) return HttpResponse::Error(503, "unhealthy", size.status().message());
  nlohmann::json body = {{"status", "ok"}, {"size", *size}, {"accepts_statements", context_.log != nullptr}};
  {
    MutexLock lock(stop_mu_);
    if (!projector_status_.ok()) body["projectors"] = projector_status_.ToString();
  }
  if (context_.log != nullptr) body["queued_statements"] = context_.log->pending_statements();
  if (options_.witness_health) {
    body["witnesses"] = nlohmann::json::parse(options_.witness_health(), nullptr, false);
    if (body["witnesses"].value("status", "ok") != "ok") body["status"] = body["witnesses"]["status"];
  }
  return HttpResponse::Json(JsonText(body));
}

std::string ApiServer::RenderMetrics() {
  std::string out = metrics_.Render();
  const auto size = reader_.Size();
  out += PrometheusGauge("lawtrail_log_size", "Records in the log (the tree size).", "",
                         static_cast<long long>(size.ok() ? *size : 0));
  if (context_.log != nullptr) {
    out += PrometheusGauge("lawtrail_append_queue_statements", "Statements queued or being sequenced, not yet durable.",
                           "", static_cast<long long>(context_.log->pending_statements()));
  }
  if (checkpoint_seen_ms_ > 0) {
    out += PrometheusGauge("lawtrail_checkpoint_age_seconds", "Seconds since the newest checkpoint appeared.", "",
                           static_cast<double>(NowMs() - checkpoint_seen_ms_) / 1000.0);
    out += PrometheusGauge(
        "lawtrail_records_after_checkpoint", "Records not yet covered by a checkpoint.", "",
        static_cast<long long>(size.ok() && *size > checkpoint_size_seen_ ? *size - checkpoint_size_seen_ : 0));
  }
  ReaderLock views(views_mu_);
  if (runner_) {
    if (auto lag = runner_->Lag(); lag.ok()) {
      out +=
          "# HELP lawtrail_projector_lag_records Records the view has not folded yet.\n"
          "# TYPE lawtrail_projector_lag_records gauge\n";
      for (const auto& l : *lag) {
        out += "lawtrail_projector_lag_records{view=\"" + l.name + "\",version=\"" + std::to_string(l.version) +
               "\"} " + std::to_string(l.lag) + "\n";
      }
    }
  }
  out += PrometheusGauge("lawtrail_http_open_connections", "Connections open now.", "",
                         static_cast<long long>(http_->open_connections()));
  out += PrometheusGauge("lawtrail_http_refused_connections", "Connections refused beyond the limit since start.", "",
                         static_cast<long long>(http_->refused_connections()));
  if (options_.evidence != nullptr) {
    if (auto scrub = options_.evidence->LastScrub(); scrub.ok()) {
      out += PrometheusGauge("lawtrail_evidence_scrub_last_timestamp_seconds",
                             "When the evidence store's last scrub finished (Unix time).", "",
                             static_cast<double>(scrub->finished_ms) / 1000.0);
      out += PrometheusGauge("lawtrail_evidence_scrub_files", "Files the last scrub re-hashed.", "",
                             static_cast<long long>(scrub->files));
      out += PrometheusGauge("lawtrail_evidence_scrub_bytes", "Bytes the last scrub re-hashed.", "",
                             static_cast<long long>(scrub->bytes));
      out += PrometheusGauge("lawtrail_evidence_scrub_problems",
                             "Files the last scrub found changed or vanished (0 is the only good value).", "",
                             static_cast<long long>(scrub->problems.size()));
    }
  }
  if (options_.extra_metrics) out += options_.extra_metrics();
  return out;
}

}  // namespace lawtrail::api
