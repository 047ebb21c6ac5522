#include "api/witness_server.h"

#include <array>
#include <atomic>
#include <chrono>
#include <map>

#include "ledger/core/checkpoint.h"
#include "ledger/core/mutex.h"
#include "ledger/witness/add_checkpoint.h"

namespace lawtrail::api {
namespace {

using Clock = std::chrono::steady_clock;

struct Bucket {
  double tokens = 0;
  Clock::time_point refilled{};
};

// The statuses the witness answers, for the metrics.
constexpr std::array<unsigned, 9> kStatuses = {200, 400, 403, 404, 409, 422, 429, 500, 503};

HttpResponse FromReply(const witness::Reply& r) {
  HttpResponse out;
  out.status = static_cast<unsigned>(r.status);
  out.content_type = r.content_type;
  out.body = r.body;
  return out;
}

}  // namespace

struct WitnessServer::State {
  witness::Witness& witness;
  WitnessServerOptions options;
  std::unique_ptr<HttpServer> http;
  Mutex mu;
  std::map<std::string, Bucket, std::less<>> buckets LAWTRAIL_GUARDED_BY(mu);
  std::array<std::atomic<uint64_t>, kStatuses.size()> answered{};

  State(witness::Witness& w, WitnessServerOptions o) : witness(w), options(std::move(o)) {}

  // False if `origin` (a log the witness follows) is over its rate.
  bool Admit(std::string_view origin) {
    MutexLock lock(mu);
    const auto now = Clock::now();
    auto it = buckets.find(origin);
    if (it == buckets.end()) it = buckets.emplace(std::string(origin), Bucket{options.per_log_burst, now}).first;
    Bucket& b = it->second;
    const double elapsed = std::chrono::duration<double>(now - b.refilled).count();
    b.tokens = std::min(options.per_log_burst, b.tokens + elapsed * options.per_log_rate);
    b.refilled = now;
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  void Count(unsigned status) {
    for (size_t i = 0; i < kStatuses.size(); ++i) {
      if (kStatuses[i] == status) answered[i].fetch_add(1, std::memory_order_relaxed);
    }
  }

  HttpResponse AddCheckpoint(const HttpRequest& request) {
    auto parsed = witness::ParseAddCheckpoint(request.body);
    if (!parsed.ok()) return FromReply(witness.AddCheckpoint(request.body));  // the witness's own 400
    // The origin, to meter the log before any signature is checked.
    if (auto cp = ParseCheckpointNoteUnverified(parsed->checkpoint); cp.ok() && witness.Follows(cp->origin)) {
      if (!Admit(cp->origin)) {
        HttpResponse slow = HttpResponse::Text("too many requests for log '" + cp->origin + "'\n");
        slow.status = 429;
        slow.headers.emplace_back("Retry-After", "1");
        return slow;
      }
    }
    return FromReply(witness.AddCheckpoint(*parsed));
  }

  std::string Metrics() const {
    std::string out =
        "# HELP lawtrail_witness_requests_total add-checkpoint and checkpoint requests answered, by status.\n"
        "# TYPE lawtrail_witness_requests_total counter\n";
    for (size_t i = 0; i < kStatuses.size(); ++i) {
      out += "lawtrail_witness_requests_total{status=\"" + std::to_string(kStatuses[i]) + "\"} " +
             std::to_string(answered[i].load(std::memory_order_relaxed)) + "\n";
    }
    return out;
  }
};

WitnessServer::WitnessServer(std::unique_ptr<State> state) : state_(std::move(state)) {}
WitnessServer::~WitnessServer() { Stop(); }

Result<std::unique_ptr<WitnessServer>> WitnessServer::Listen(witness::Witness& witness, WitnessServerOptions options) {
  options.http.max_body_bytes = std::min(options.http.max_body_bytes, kMaxAddCheckpointBytes);
  auto state = std::make_unique<State>(witness, std::move(options));
  std::unique_ptr<WitnessServer> server(new WitnessServer(std::move(state)));
  WitnessServer* self = server.get();
  LAWTRAIL_ASSIGN_OR_RETURN(
      self->state_->http,
      HttpServer::Listen(self->state_->options.http, [self](HttpRequest& request) { return self->Handle(request); }));
  return server;
}

void WitnessServer::Start() { state_->http->Start(); }

void WitnessServer::Stop() {
  if (state_ != nullptr && state_->http != nullptr) state_->http->Stop();
}

uint16_t WitnessServer::port() const { return state_->http->port(); }

HttpResponse WitnessServer::Handle(HttpRequest& request) {
  HttpResponse out;
  if (request.path == "/add-checkpoint") {
    out = request.method == "POST" ? state_->AddCheckpoint(request)
                                   : HttpResponse::Error(405, "method_not_allowed", "POST /add-checkpoint");
  } else if (request.path == "/checkpoint" && request.method == "GET") {
    const std::string origin = request.Query("origin");
    out = origin.empty() ? HttpResponse::Error(400, "bad_request", "give the log's origin: /checkpoint?origin=…")
                         : FromReply(state_->witness.Latest(origin));
  } else if (request.path == "/metrics" && request.method == "GET") {
    return HttpResponse::Text(state_->Metrics(), "text/plain; version=0.0.4");
  } else {
    out = HttpResponse::Error(404, "not_found", "no such route: " + request.method + " " + request.path);
  }
  state_->Count(out.status);
  return out;
}

}  // namespace lawtrail::api
