// File: api/witness_server.h
// -----------------------------------------------------------------------------
// `lawtrail witness serve`: a Witness (ledger/witness) over HTTP.
//
//   POST /add-checkpoint       C2SP tlog-witness v1.0.0 (every status code of witness.h)
//   GET  /checkpoint?origin=O  the latest checkpoint cosigned for log O, with
//                              this witness's cosignature (for monitors)
//   GET  /metrics              Prometheus: requests by status, refusals by rate
//
// Each log the witness follows may send at most `per_log_rate` requests a
// second (bursts of `per_log_burst`); beyond that, 429 with Retry-After, so
// one noisy log cannot starve the others. Unknown origins are answered 404
// without keeping anything per origin. The server's own limits (body size,
// slow clients, connections) are those of api/internal/http_server.h.
#ifndef LAWTRAIL_API_WITNESS_SERVER_H_
#define LAWTRAIL_API_WITNESS_SERVER_H_

#include <memory>

#include "api/internal/http_server.h"
#include "ledger/witness/witness.h"

namespace lawtrail::api {

// The largest request a witness reads: 63 proof lines and a checkpoint with
// its signatures fit in a few KiB; anything far larger is answered 413 unread.
inline constexpr size_t kMaxAddCheckpointBytes = 64 << 10;

struct WitnessServerOptions {
  HttpServerOptions http;
  double per_log_rate = 10;   // requests per second per log
  double per_log_burst = 20;  // requests at once per log
};

class WitnessServer {
 public:
  static Result<std::unique_ptr<WitnessServer>> Listen(witness::Witness& witness, WitnessServerOptions options);
  ~WitnessServer();

  void Start();
  void Stop();
  uint16_t port() const;

  // The answer to `request`, without a socket (tests and fuzzing).
  HttpResponse Handle(HttpRequest& request);

  struct State;

 private:
  explicit WitnessServer(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace lawtrail::api

#endif  // LAWTRAIL_API_WITNESS_SERVER_H_
