#include "api/internal/http_server.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "ledger/core/mutex.h"

namespace lawtrail::api {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

void SplitTarget(std::string_view target, HttpRequest& r) {
  const size_t q = target.find('?');
  r.raw_path = std::string(target.substr(0, q));
  r.path = PercentDecode(r.raw_path);
  if (q == std::string_view::npos) return;
  std::string_view rest = target.substr(q + 1);
  while (!rest.empty()) {
    const size_t amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    const size_t eq = pair.find('=');
    std::string name = PercentDecode(pair.substr(0, eq), true);
    std::string value = eq == std::string_view::npos ? "" : PercentDecode(pair.substr(eq + 1), true);
    if (!name.empty() && !r.query.try_emplace(name, std::move(value)).second && r.repeated_query.empty()) {
      r.repeated_query = std::move(name);
    }
    if (amp == std::string_view::npos) break;
    rest = rest.substr(amp + 1);
  }
}

// The request a handler sees, from what Beast parsed.
HttpRequest ToHttpRequest(http::request<http::string_body>&& message) {
  HttpRequest request;
  request.method = std::string(message.method_string().data(), message.method_string().size());
  SplitTarget(std::string_view(message.target().data(), message.target().size()), request);
  for (const auto& field : message) {
    std::string name(field.name_string().data(), field.name_string().size());
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    request.headers.emplace_back(std::move(name), std::string(field.value().data(), field.value().size()));
  }
  request.body = std::move(message.body());
  return request;
}

HttpResponse BodyTooLarge(size_t limit) {
  return HttpResponse::Error(413, "body_too_large",
                             "the body is over the limit of " + std::to_string(limit) + " bytes");
}
HttpResponse HeaderTooLarge(size_t limit) {
  return HttpResponse::Error(431, "header_too_large",
                             "the header is over the limit of " + std::to_string(limit) + " bytes");
}
HttpResponse Malformed(const beast::error_code& ec) {
  return HttpResponse::Error(400, "bad_request", "malformed HTTP request: " + ec.message());
}

}  // namespace

std::variant<HttpRequest, HttpResponse> ParseHttpRequest(std::string_view bytes, const HttpServerOptions& limits) {
  http::request_parser<http::string_body> parser;
  parser.body_limit(limits.max_body_bytes);
  parser.header_limit(static_cast<std::uint32_t>(limits.max_header_bytes));
  parser.eager(true);
  beast::error_code ec;
  size_t used = 0;
  while (!ec && used < bytes.size() && !parser.is_done()) {
    const size_t taken = parser.put(net::buffer(bytes.data() + used, bytes.size() - used), ec);
    used += taken;
    if (ec == http::error::need_more) ec = {};
    // Nothing taken: the parser waits for the rest of a line these bytes do
    // not hold (found by fuzzing: a header cut after its name looped forever).
    if (!ec && taken == 0) break;
  }
  if (!ec && !parser.is_done()) {
    parser.put_eof(ec);
    if (!ec && !parser.is_done()) ec = http::error::partial_message;
  }
  if (ec == http::error::body_limit) return BodyTooLarge(limits.max_body_bytes);
  if (ec == http::error::header_limit) return HeaderTooLarge(limits.max_header_bytes);
  if (ec) return Malformed(ec);
  return ToHttpRequest(parser.release());
}

class Session;

struct HttpServer::Impl {
  Impl(HttpServerOptions o, HttpHandler h, ServedHook s)
      : options(std::move(o)),
        handler(std::move(h)),
        served(std::move(s)),
        workers(std::max(1u, options.worker_threads)) {}

  HttpServerOptions options;
  HttpHandler handler;
  ServedHook served;
  // Declared before the io_context: sessions still queued in it when it is
  // destroyed unregister themselves here.
  std::atomic<size_t> open{0};
  std::atomic<uint64_t> refused{0};
  std::atomic<bool> stopping{false};
  std::atomic<size_t> busy{0};  // requests read and not yet answered
  Mutex sessions_mu;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions LAWTRAIL_GUARDED_BY(sessions_mu);
  Mutex clients_mu;
  // Open connections by address.
  std::unordered_map<std::string, size_t> per_client LAWTRAIL_GUARDED_BY(clients_mu);
  bool started = false;
  bool stopped = false;
  uint16_t bound_port = 0;
  net::io_context ioc;
  tcp::acceptor acceptor{ioc};
  net::thread_pool workers;
  std::vector<std::thread> io_threads;
  std::optional<net::executor_work_guard<net::io_context::executor_type>> work;

  void Accept();
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, HttpServer::Impl& server)
      : stream_(std::move(socket)), timer_(stream_.get_executor()), server_(server) {
    beast::error_code ec;
    const auto remote = stream_.socket().remote_endpoint(ec);
    peer_ = ec ? "-" : remote.address().to_string();
  }

  ~Session() {
    if (registered_) {
      MutexLock lock(server_.sessions_mu);
      server_.sessions.erase(this);
      server_.open--;
    }
    if (holds_client_slot_) {
      MutexLock lock(server_.clients_mu);
      if (auto it = server_.per_client.find(peer_); it != server_.per_client.end() && --it->second == 0) {
        server_.per_client.erase(it);
      }
    }
  }

  // One of the connections its address may have open, if any is left.
  bool TakeClientSlot() {
    MutexLock lock(server_.clients_mu);
    size_t& n = server_.per_client[peer_];
    if (n >= server_.options.max_connections_per_client) {
      if (n == 0) server_.per_client.erase(peer_);
      return false;
    }
    ++n;
    holds_client_slot_ = true;
    return true;
  }

  void Start() {
    {
      MutexLock lock(server_.sessions_mu);
      server_.sessions.emplace(this, weak_from_this());
    }
    registered_ = true;
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->Read(); });
  }

  // Beyond a connection limit: a 503 saying when to retry, and the
  // connection closed.
  void Refuse(HttpResponse answer) {
    answer.headers.emplace_back("Retry-After", "1");
    net::dispatch(stream_.get_executor(), [self = shared_from_this(), r = std::move(answer)]() mutable {
      self->Respond(std::move(r), false, nullptr, true);
    });
  }

  void Close() {
    net::post(stream_.get_executor(), [self = shared_from_this()] { self->Shutdown(); });
  }

 private:
  void Read() {
    if (server_.stopping) return Shutdown();
    parser_.emplace();
    parser_->body_limit(server_.options.max_body_bytes);
    parser_->header_limit(static_cast<std::uint32_t>(server_.options.max_header_bytes));
    timed_out_ = false;
    stream_.expires_never();
    timer_.expires_after(server_.options.read_timeout);
    timer_.async_wait([weak = weak_from_this()](beast::error_code ec) {
      if (ec) return;
      if (auto self = weak.lock()) {
        self->timed_out_ = true;
        beast::error_code ignored;
        self->stream_.socket().cancel(ignored);
      }
    });
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, size_t) { self->OnRead(ec); });
  }

  void OnRead(beast::error_code ec) {
    timer_.cancel();
    if (ec == http::error::end_of_stream) return Shutdown();
    if (timed_out_) {
      // Nothing of a next request yet: an idle keep-alive connection, closed
      // quietly; a new connection that never sent a byte is answered 408.
      if (!parser_->got_some() && answered_ > 0) return Shutdown();
      return Respond(HttpResponse::Error(408, "request_timeout",
                                         "the request was not received in full within " +
                                             std::to_string(server_.options.read_timeout.count()) + " ms"),
                     false, nullptr, true);
    }
    if (ec == http::error::body_limit)
      return Respond(BodyTooLarge(server_.options.max_body_bytes), false, nullptr, true);
    if (ec == http::error::header_limit) {
      return Respond(HeaderTooLarge(server_.options.max_header_bytes), false, nullptr, true);
    }
    if (ec && ec.category() == http::make_error_code(http::error::end_of_stream).category()) {
      return Respond(Malformed(ec), false, nullptr, true);
    }
    if (ec) return Shutdown();

    auto message = parser_->release();
    const bool keep_alive = message.keep_alive();
    auto request = std::make_shared<HttpRequest>(ToHttpRequest(std::move(message)));
    const auto started = std::chrono::steady_clock::now();
    server_.busy++;
    net::post(server_.workers, [self = shared_from_this(), request, keep_alive, started] {
      HttpResponse response;
      try {
        response =
            request->repeated_query.empty()
                ? self->server_.handler(*request)
                : HttpResponse::Error(400, "invalid_argument",
                                      "query parameter '" + request->repeated_query + "' is given more than once");
      } catch (const std::exception& e) {
        response = HttpResponse::Error(500, "internal", std::string("the handler failed: ") + e.what());
      }
      net::post(self->stream_.get_executor(), [self, request, keep_alive, started, r = std::move(response)]() mutable {
        self->Respond(std::move(r), keep_alive, request, false, started);
      });
    });
  }

  // What of a refused request was read, for the access log: its request
  // line if that was parsed, else nothing.
  std::shared_ptr<HttpRequest> RefusedRequest() const {
    auto r = std::make_shared<HttpRequest>();
    r->route = "(http)";
    // The request line is set as soon as it is parsed, before the header's
    // checks (a body over the limit is refused once its Content-Length is read).
    if (parser_ && !parser_->get().method_string().empty()) {
      const auto& m = parser_->get();
      r->method = std::string(m.method_string());
      SplitTarget(std::string_view(m.target().data(), m.target().size()), *r);
    } else {
      r->method = r->raw_path = r->path = "-";
    }
    return r;
  }

  void Respond(HttpResponse r, bool keep_alive, std::shared_ptr<HttpRequest> request, bool close_after,
               std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now()) {
    const bool handled = request != nullptr;
    if (!handled) request = RefusedRequest();
    ++answered_;
    std::string error_code = std::move(r.error_code);
    auto res = std::make_shared<http::response<http::string_body>>(static_cast<http::status>(r.status), 11);
    res->set(http::field::server, "lawtrail");
    res->set(http::field::content_type, r.content_type);
    for (const auto& [name, value] : r.headers) res->set(name, value);
    res->body() = std::move(r.body);
    const bool keep = keep_alive && !close_after && !server_.stopping;
    res->keep_alive(keep);
    res->prepare_payload();
    stream_.expires_after(server_.options.write_timeout);
    http::async_write(
        stream_, *res,
        [self = shared_from_this(), res, request, keep, handled, started, error_code = std::move(error_code)](
            beast::error_code ec, size_t) {
          if (self->server_.served) {
            self->server_.served(Served{*request, res->result_int(), res->body().size(),
                                        std::chrono::steady_clock::now() - started, self->peer_, error_code});
          }
          if (handled) self->server_.busy--;
          if (ec || !keep) return self->Shutdown();
          self->Read();
        });
  }

  void Shutdown() {
    timer_.cancel();
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.socket().close(ignored);
  }

  beast::tcp_stream stream_;
  net::steady_timer timer_;
  HttpServer::Impl& server_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  bool timed_out_ = false;
  bool registered_ = false;
  bool holds_client_slot_ = false;
  uint64_t answered_ = 0;  // answers written on this connection
  std::string peer_;
};

void HttpServer::Impl::Accept() {
  acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (ec == net::error::operation_aborted || !acceptor.is_open()) return;
      return Accept();  // e.g. out of file descriptors for a moment: keep serving the others
    }
    if (stopping) return;
    auto session = std::make_shared<Session>(std::move(socket), *this);
    if (open >= options.max_connections) {
      refused++;
      session->Refuse(
          HttpResponse::Error(503, "too_many_connections", "the server has too many open connections; retry shortly"));
    } else if (!session->TakeClientSlot()) {
      refused++;
      session->Refuse(HttpResponse::Error(503, "too_many_connections_from_client",
                                          "this address already has " +
                                              std::to_string(options.max_connections_per_client) +
                                              " connections open; close one or retry shortly"));
    } else {
      open++;
      session->Start();
    }
    Accept();
  });
}

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HttpServer::~HttpServer() { Stop(std::chrono::milliseconds(0)); }

Result<std::unique_ptr<HttpServer>> HttpServer::Listen(HttpServerOptions options, HttpHandler handler,
                                                       ServedHook served) {
  auto impl = std::make_unique<Impl>(std::move(options), std::move(handler), std::move(served));
  beast::error_code ec;
  const auto address = net::ip::make_address(impl->options.address, ec);
  if (ec) return Status::InvalidArgument("listen address '" + impl->options.address + "': " + ec.message());
  const tcp::endpoint endpoint(address, impl->options.port);
  const std::string where = impl->options.address + ":" + std::to_string(impl->options.port);
  impl->acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl->acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) impl->acceptor.bind(endpoint, ec);
  if (!ec) impl->acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) return Status::Unavailable("cannot listen on " + where + ": " + ec.message());
  impl->bound_port = impl->acceptor.local_endpoint().port();
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

void HttpServer::Start() {
  if (impl_->started) return;
  impl_->started = true;
  impl_->work.emplace(impl_->ioc.get_executor());
  impl_->Accept();
  for (unsigned i = 0; i < std::max(1u, impl_->options.io_threads); ++i) {
    impl_->io_threads.emplace_back([this] { impl_->ioc.run(); });
  }
}

void HttpServer::Stop(std::chrono::milliseconds grace) {
  Impl& s = *impl_;
  if (s.stopped) return;
  s.stopped = true;
  s.stopping = true;
  net::post(s.ioc, [&s] {
    beast::error_code ignored;
    s.acceptor.close(ignored);
  });
  // Requests already read are answered; their appends finish.
  const auto deadline = std::chrono::steady_clock::now() + grace;
  while (s.busy > 0 && std::chrono::steady_clock::now() < deadline && s.started) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  std::vector<std::shared_ptr<Session>> open;
  {
    MutexLock lock(s.sessions_mu);
    for (auto& [ptr, weak] : s.sessions) {
      if (auto session = weak.lock()) open.push_back(std::move(session));
    }
  }
  for (auto& session : open) session->Close();
  open.clear();
  s.work.reset();
  const auto closing = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  while (s.open > 0 && std::chrono::steady_clock::now() < closing && s.started) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  s.ioc.stop();
  for (auto& t : s.io_threads) t.join();
  s.io_threads.clear();
  s.workers.join();
}

uint16_t HttpServer::port() const { return impl_->bound_port; }

size_t HttpServer::open_connections() const { return impl_->open; }
uint64_t HttpServer::refused_connections() const { return impl_->refused; }

}  // namespace lawtrail::api
