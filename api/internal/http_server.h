// File: api/internal/http_server.h
// -----------------------------------------------------------------------------
// An HTTP/1.1 server on Boost.Beast that hands each parsed request to a
// handler on a pool of worker threads and writes back what it returns.
//
// Network I/O runs on a few threads that never block; handlers (which may
// wait for a durable append or read RocksDB) run on the worker pool, so a
// slow handler never stalls other connections' reads and writes.
//
// A route may take its body as a stream (StreamRoutes): the header is read
// first, and the body then goes piece by piece to the route's sink, so an
// upload of several GB holds one piece in memory. A response may name a file
// (HttpResponse::file_path), sent in pieces the same way.
//
// Defences, each with its own answer: a body over max_body_bytes → 413; a
// header over max_header_bytes → 431; a request not fully received within
// read_timeout (a slowloris client) → 408 and the connection closed; beyond
// max_connections, or beyond max_connections_per_client from one address,
// new connections get 503 and are closed; a malformed request → 400. Every
// answer, these refusals included, reaches the ServedHook (the access log and
// the metrics), so an attack on the server's limits is seen by its operator.
// Stop() stops accepting, lets requests already being handled finish and
// answer, then closes every connection.
#ifndef LAWTRAIL_API_INTERNAL_HTTP_SERVER_H_
#define LAWTRAIL_API_INTERNAL_HTTP_SERVER_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <variant>

#include "api/internal/http_types.h"
#include "ledger/core/status.h"

namespace lawtrail::api {

struct HttpServerOptions {
  std::string address = "127.0.0.1";
  uint16_t port = 8080;  // 0: any free port (see HttpServer::port)
  size_t max_connections = 512;
  // From one client address: one client cannot take every slot.
  size_t max_connections_per_client = 64;
  size_t max_body_bytes = 16 << 20;
  size_t max_header_bytes = 16 << 10;
  std::chrono::milliseconds read_timeout{10'000};  // whole request, from its first byte or the last response
  std::chrono::milliseconds idle_timeout{60'000};  // a kept-alive connection waiting for its next request
  std::chrono::milliseconds write_timeout{30'000};
  // A streamed body (an evidence upload): at most this many bytes, taken in
  // pieces of stream_chunk_bytes, each within read_timeout of the last.
  uint64_t max_stream_body_bytes = uint64_t{1} << 40;
  size_t stream_chunk_bytes = 1 << 20;
  unsigned io_threads = 1;
  unsigned worker_threads = 16;
};

// Called once per answer, after it is written: for access logs and metrics.
// An answer the server gave before any handler ran (408, 413, 431, 400, 503)
// has request.route "(http)" and whatever of the request line was read
// ("-" where nothing was).
struct Served {
  const HttpRequest& request;
  unsigned status;
  size_t response_bytes;
  std::chrono::nanoseconds latency;
  std::string_view peer;        // the client's address
  std::string_view error_code;  // the stable code of an error answer, else ""
};

// One HTTP/1.1 request parsed from `bytes` exactly as a session parses what it
// reads, with the same limits: the request its handler sees, or the answer
// the server gives instead (400, 413, 431). For tests and fuzzing, which take
// the router without a socket.
std::variant<HttpRequest, HttpResponse> ParseHttpRequest(std::string_view bytes, const HttpServerOptions& limits);

using HttpHandler = std::function<HttpResponse(HttpRequest&)>;

// Which requests stream their body, and how. `streams` is asked on the I/O
// thread and must be cheap (a method and path match); `open` runs on a worker.
struct StreamRoutes {
  std::function<bool(const HttpRequest& head)> streams;
  std::function<StreamStart(HttpRequest& head)> open;
};
using ServedHook = std::function<void(const Served&)>;

class HttpServer {
 public:
  // Binds and listens; serving starts with Start().
  static Result<std::unique_ptr<HttpServer>> Listen(HttpServerOptions options, HttpHandler handler,
                                                    ServedHook served = nullptr, StreamRoutes streamed = {});
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  void Start();
  // Stops accepting, waits (up to `grace`) for requests being handled to be
  // answered, then closes every connection and joins the threads.
  void Stop(std::chrono::milliseconds grace = std::chrono::milliseconds(10'000));

  uint16_t port() const;
  size_t open_connections() const;
  uint64_t refused_connections() const;

  struct Impl;  // the sessions (in the .cc) share it

 private:
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace lawtrail::api

#endif  // LAWTRAIL_API_INTERNAL_HTTP_SERVER_H_
