#include "api/api_server.h"

#include <cstdio>

#include "api/json_body.h"
#include "api/ledger_routes.h"
#include "api/portal_routes.h"
#include "api/tile_routes.h"
#include "api/view_routes.h"
#include "ledger/checkpoint.h"
#include "ledger/statement_builder.h"
#include "projectors/all.h"

namespace lawtrail::api {

ApiServer::ApiServer(Store& store, ApiServerOptions options)
    : options_(std::move(options)), reader_(store), router_(options_.tokens) {}

Result<std::unique_ptr<ApiServer>> ApiServer::Start(Log* log, Store& store, projectors::ViewStore* views,
                                                    std::string verifier_key, ApiServerOptions options) {
  std::unique_ptr<ApiServer> s(new ApiServer(store, std::move(options)));
  s->context_ = ApiContext{log, &s->reader_, &store, views, &s->metrics_, std::move(verifier_key),
                           s->options_.max_statements_per_request};
  if (views != nullptr) {
    s->runner_ = std::make_unique<projectors::ProjectionRunner>(s->reader_, *views, projectors::AllProjectors());
  }
  AddLedgerRoutes(s->router_, s->context_);
  AddTileRoutes(s->router_, s->context_);
  AddPortalRoutes(s->router_);
  AddViewRoutes(s->router_, s->context_, {&s->views_mu_, s->runner_.get()});
  ApiServer* self = s.get();
  s->router_.Add("GET", "/healthz", 0, [self](HttpRequest&, const Caller&) { return self->Health(); });
  s->router_.Add("GET", "/metrics", 0, [self](HttpRequest&, const Caller&) {
    return HttpResponse::Text(self->RenderMetrics(), "text/plain; version=0.0.4; charset=utf-8");
  });
  auto served = [self](const Served& done) {
    self->metrics_.CountRequest(done.request.route, done.status, done.latency, done.request.method == "POST");
    if (!self->options_.access_log) return;
    // The path and status only: never a header, so never a token.
    std::lock_guard lock(self->access_log_mu_);
    std::fprintf(stderr, "%s %s %u %zu %.1fms\n", done.request.method.c_str(), done.request.raw_path.c_str(),
                 done.status, done.response_bytes, std::chrono::duration<double, std::milli>(done.latency).count());
  };
  ASSIGN_OR_RETURN(s->http_, HttpServer::Listen(s->options_.http,
                                                [self](HttpRequest& r) { return self->router_.Handle(r); }, served));
  if (s->runner_) s->projector_ = std::thread([self] { self->ProjectLoop(); });
  s->http_->Start();
  return s;
}

ApiServer::~ApiServer() { Stop(); }

void ApiServer::Stop() {
  if (stopped_.exchange(true)) return;
  if (http_) http_->Stop();
  {
    std::lock_guard lock(stop_mu_);
    stopping_ = true;
  }
  stop_cv_.notify_all();
  if (projector_.joinable()) projector_.join();
}

void ApiServer::ProjectLoop() {
  // Folds in windows of bounded size so that view reads, which wait for the
  // exclusive lock, wait at most one window.
  constexpr uint64_t kWindow = 20'000;
  for (;;) {
    uint64_t folded = 0;
    {
      std::unique_lock views(views_mu_);
      auto r = runner_->CatchUp(kWindow);
      std::lock_guard lock(stop_mu_);
      projector_status_ = r.ok() ? Status::Ok() : r.status();
      folded = r.ok() ? *r : 0;
    }
    if (auto latest = reader_.LatestCheckpoint(); latest.ok() && *latest) {
      if (auto cp = ParseCheckpointNoteUnverified(**latest); cp.ok() && cp->size != checkpoint_size_seen_) {
        checkpoint_size_seen_ = cp->size;
        checkpoint_seen_ms_ = NowMs();
      }
    }
    std::unique_lock lock(stop_mu_);
    if (stopping_) return;
    if (folded < kWindow) stop_cv_.wait_for(lock, options_.project_interval, [this] { return stopping_; });
    if (stopping_) return;
  }
}

HttpResponse ApiServer::Health() {
  auto size = reader_.Size();
  if (!size.ok()) return HttpResponse::Error(503, "unhealthy", size.status().message());
  nlohmann::json body = {{"status", "ok"}, {"size", *size}, {"accepts_statements", context_.log != nullptr}};
  {
    std::lock_guard lock(stop_mu_);
    if (!projector_status_.ok()) body["projectors"] = projector_status_.ToString();
  }
  if (context_.log != nullptr) body["queued_statements"] = context_.log->pending_statements();
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
    out += PrometheusGauge("lawtrail_records_after_checkpoint", "Records not yet covered by a checkpoint.", "",
                           static_cast<long long>(size.ok() && *size > checkpoint_size_seen_ ? *size - checkpoint_size_seen_ : 0));
  }
  if (runner_) {
    std::shared_lock views(views_mu_);
    if (auto lag = runner_->Lag(); lag.ok()) {
      out += "# HELP lawtrail_projector_lag_records Records the view has not folded yet.\n"
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
  if (options_.extra_metrics) out += options_.extra_metrics();
  return out;
}

}  // namespace lawtrail::api
