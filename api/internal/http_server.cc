#include "api/internal/http_server.h"

#include <algorithm>
#include <cctype>
#include <limits>
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
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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

// The request a handler sees, from the header Beast parsed (the body apart).
HttpRequest HeadOf(const http::request_header<>& head) {
  HttpRequest request;
  request.method = std::string(head.method_string().data(), head.method_string().size());
  SplitTarget(std::string_view(head.target().data(), head.target().size()), request);
  for (const auto& field : head) {
    std::string name(field.name_string().data(), field.name_string().size());
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    request.headers.emplace_back(std::move(name), std::string(field.value().data(), field.value().size()));
  }
  return request;
}

HttpRequest ToHttpRequest(http::request<http::string_body>&& message) {
  HttpRequest request = HeadOf(message.base());
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
  Impl(HttpServerOptions o, HttpHandler h, ServedHook s, StreamRoutes st)
      : options(std::move(o)),
        handler(std::move(h)),
        served(std::move(s)),
        streamed(std::move(st)),
        workers(std::max(1u, options.worker_threads)) {}

  HttpServerOptions options;
  HttpHandler handler;
  ServedHook served;
  StreamRoutes streamed;
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
    parser_.reset();
    stream_parser_.reset();
    head_.emplace();
    head_->header_limit(static_cast<std::uint32_t>(server_.options.max_header_bytes));
    // The body's limit depends on the route, known once the header is read:
    // checked there, and by the parser that then reads the body. (Not
    // boost::none: Beast 1.74 compares a length with it as greater.)
    head_->body_limit(std::numeric_limits<std::uint64_t>::max());
    timed_out_ = false;
    stream_.expires_never();
    ArmReadTimer();
    http::async_read_header(stream_, buffer_, *head_,
                            [self = shared_from_this()](beast::error_code ec, size_t) { self->OnHeader(ec); });
  }

  // The read timeout: the whole of a request read at once, or each piece of a streamed body.
  void ArmReadTimer() {
    timed_out_ = false;
    timer_.expires_after(server_.options.read_timeout);
    timer_.async_wait([weak = weak_from_this()](beast::error_code ec) {
      if (ec) return;
      if (auto self = weak.lock()) {
        self->timed_out_ = true;
        beast::error_code ignored;
        self->stream_.socket().cancel(ignored);
      }
    });
  }

  void OnHeader(beast::error_code ec) {
    if (ec) {
      timer_.cancel();
      return ReadFailed(ec, head_->got_some(), server_.options.max_body_bytes);
    }
    auto head = std::make_shared<HttpRequest>(HeadOf(head_->get()));
    if (server_.streamed.streams && head->repeated_query.empty() && server_.streamed.streams(*head)) {
      return OpenStream(std::move(head));
    }
    // Not streamed: the body is read whole, within what is left of the read timeout.
    if (head_->content_length().value_or(0) > server_.options.max_body_bytes) {
      timer_.cancel();
      return Respond(BodyTooLarge(server_.options.max_body_bytes), false, nullptr, true);
    }
    parser_.emplace(std::move(*head_));
    parser_->body_limit(server_.options.max_body_bytes);
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code e, size_t) { self->OnRead(e); });
  }

  // A read that failed: the answer it deserves, or a quiet close.
  void ReadFailed(beast::error_code ec, bool got_some, uint64_t body_limit) {
    if (ec == http::error::end_of_stream) return Shutdown();
    if (timed_out_) {
      // Nothing of a next request yet: an idle keep-alive connection, closed
      // quietly; a new connection that never sent a byte is answered 408.
      if (!got_some && answered_ > 0) return Shutdown();
      return Respond(HttpResponse::Error(408, "request_timeout",
                                         "the request was not received in full within " +
                                             std::to_string(server_.options.read_timeout.count()) + " ms"),
                     false, nullptr, true);
    }
    if (ec == http::error::body_limit) return Respond(BodyTooLarge(body_limit), false, nullptr, true);
    if (ec == http::error::header_limit) {
      return Respond(HeaderTooLarge(server_.options.max_header_bytes), false, nullptr, true);
    }
    if (ec && ec.category() == http::make_error_code(http::error::end_of_stream).category()) {
      return Respond(Malformed(ec), false, nullptr, true);
    }
    Shutdown();
  }

  void OnRead(beast::error_code ec) {
    timer_.cancel();
    if (ec) return ReadFailed(ec, true, server_.options.max_body_bytes);
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

  // ---- A streamed body: the route opens a sink from the header, then each piece goes to it on a worker.

  void OpenStream(std::shared_ptr<HttpRequest> head) {
    stream_request_ = std::move(head);
    stream_keep_alive_ = head_->get().keep_alive();
    stream_started_ = std::chrono::steady_clock::now();
    server_.busy++;
    net::post(server_.workers, [self = shared_from_this()] {
      StreamStart start;
      try {
        start = self->server_.streamed.open(*self->stream_request_);
      } catch (const std::exception& e) {
        start.answer = HttpResponse::Error(500, "internal", std::string("the handler failed: ") + e.what());
      }
      net::post(self->stream_.get_executor(),
                [self, start = std::move(start)]() mutable { self->OnStreamOpened(std::move(start)); });
    });
  }

  void OnStreamOpened(StreamStart start) {
    if (!start.sink) {
      timer_.cancel();
      // Answered from the header: a body still on its way is not read, so the connection cannot carry another request.
      const bool body_follows = head_->chunked() || head_->content_length().value_or(0) > 0;
      return Respond(std::move(start.answer), stream_keep_alive_ && !body_follows, stream_request_, body_follows,
                     stream_started_);
    }
    sink_ = std::move(start.sink);
    const bool expects_continue = beast::iequals(head_->get()[http::field::expect], "100-continue");
    stream_parser_.emplace(std::move(*head_));
    stream_parser_->body_limit(server_.options.max_stream_body_bytes);
    for (auto& p : pieces_) p.resize(server_.options.stream_chunk_bytes);
    stream_answered_ = writing_ = reading_ = false;
    ready_.reset();
    read_error_ = {};
    if (!expects_continue) return ReadPiece(0);
    // A client that asked (curl does, for large bodies) is told to send the body now.
    auto go_on = std::make_shared<http::response<http::empty_body>>(http::status::continue_, 11);
    stream_.expires_after(server_.options.write_timeout);
    http::async_write(stream_, *go_on, [self = shared_from_this(), go_on](beast::error_code ec, size_t) {
      self->stream_.expires_never();
      if (ec) return self->StreamFailed(ec);
      self->ReadPiece(0);
    });
  }

  // Two pieces in flight at most: while a worker hands one to the sink (hash
  // and write), the next is read into the other buffer, so that the network,
  // the hash and the disk overlap. The sink still sees one call at a time, in order.
  void ReadPiece(int slot) {
    ArmReadTimer();  // each piece within read_timeout of the last: slow is fine, stalled is not
    reading_ = true;
    auto& body = stream_parser_->get().body();
    body.data = pieces_[slot].data();
    body.size = pieces_[slot].size();
    http::async_read(stream_, buffer_, *stream_parser_,
                     [self = shared_from_this(), slot](beast::error_code ec, size_t) { self->OnPiece(slot, ec); });
  }

  void OnPiece(int slot, beast::error_code ec) {
    timer_.cancel();
    reading_ = false;
    if (stream_answered_) return;
    if (ec == http::error::need_buffer) ec = {};
    if (ec) {
      read_error_ = ec;
      if (!writing_) StreamFailed(ec);
      return;  // else answered once the piece being written is done with
    }
    const Piece piece{slot, pieces_[slot].size() - stream_parser_->get().body().size, stream_parser_->is_done()};
    if (writing_) {
      ready_ = piece;  // both buffers are busy: the next read waits for the write
      return;
    }
    WritePiece(piece);
  }

  struct Piece {
    int slot = 0;
    size_t bytes = 0;
    bool last = false;
  };

  void WritePiece(Piece piece) {
    writing_ = true;
    if (!piece.last) ReadPiece(1 - piece.slot);
    net::post(server_.workers, [self = shared_from_this(), piece] {
      std::optional<HttpResponse> answer;
      bool failed = false;
      try {
        const std::string_view bytes(self->pieces_[piece.slot].data(), piece.bytes);
        const Status s = piece.bytes > 0 ? self->sink_->Write(bytes) : Status::Ok();
        if (!s.ok()) {
          answer = ErrorResponse(s);
          failed = true;
        } else if (piece.last) {
          answer = self->sink_->Finish();
        }
      } catch (const std::exception& e) {
        answer = HttpResponse::Error(500, "internal", std::string("the handler failed: ") + e.what());
        failed = true;
      }
      net::post(self->stream_.get_executor(), [self, answer = std::move(answer), failed]() mutable {
        self->OnPieceWritten(std::move(answer), failed);
      });
    });
  }

  void OnPieceWritten(std::optional<HttpResponse> answer, bool failed) {
    writing_ = false;
    if (answer) {
      stream_answered_ = true;
      sink_.reset();
      if (reading_) {
        // A read is still pending into the other buffer: stop it; this answer closes the connection.
        beast::error_code ignored;
        stream_.socket().cancel(ignored);
        failed = true;
      }
      return Respond(std::move(*answer), stream_keep_alive_ && !failed, stream_request_, failed, stream_started_);
    }
    if (ready_) {
      const Piece next = *ready_;
      ready_.reset();
      return WritePiece(next);
    }
    if (read_error_) StreamFailed(read_error_);
  }

  // The streamed body stopped coming: answered (and closed) with why, which
  // also ends the request the server was counting as busy.
  void StreamFailed(beast::error_code ec) {
    stream_answered_ = true;
    sink_.reset();  // the sink keeps what arrived for a resume
    HttpResponse answer = timed_out_
                              ? HttpResponse::Error(408, "request_timeout",
                                                    "no part of the body arrived within " +
                                                        std::to_string(server_.options.read_timeout.count()) + " ms")
                          : ec == http::error::body_limit ? BodyTooLarge(server_.options.max_stream_body_bytes)
                                                          : Malformed(ec);
    Respond(std::move(answer), false, stream_request_, true, stream_started_);
  }

  // What of a refused request was read, for the access log: its request
  // line if that was parsed, else nothing.
  std::shared_ptr<HttpRequest> RefusedRequest() const {
    auto r = std::make_shared<HttpRequest>();
    r->route = "(http)";
    // The request line is set as soon as it is parsed, before the header's
    // checks (a body over the limit is refused once its Content-Length is read).
    const http::request_header<>* head = parser_ ? &parser_->get().base() : head_ ? &head_->get().base() : nullptr;
    if (head != nullptr && !head->method_string().empty()) {
      r->method = std::string(head->method_string());
      SplitTarget(std::string_view(head->target().data(), head->target().size()), *r);
    } else {
      r->method = r->raw_path = r->path = "-";
    }
    return r;
  }

  void Respond(HttpResponse r, bool keep_alive, std::shared_ptr<HttpRequest> request, bool close_after,
               std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now()) {
    const bool handled = request != nullptr;
    if (handled && !r.file_path.empty()) return RespondFile(std::move(r), keep_alive && !close_after, request, started);
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

  // ---- A file answer, sent piece by piece: read on a worker, written here.

  struct FileSend {
    int fd = -1;
    uint64_t size = 0, sent = 0;
    std::vector<char> piece;
    http::response<http::buffer_body> res;
    std::optional<http::response_serializer<http::buffer_body>> sr;
    std::string error_code;
    ~FileSend() {
      if (fd >= 0) ::close(fd);
    }
  };

  void RespondFile(HttpResponse r, bool keep_alive, std::shared_ptr<HttpRequest> request,
                   std::chrono::steady_clock::time_point started) {
    auto f = std::make_shared<FileSend>();
    f->fd = ::open(r.file_path.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat st {};
    if (f->fd < 0 || ::fstat(f->fd, &st) != 0) {
      return Respond(HttpResponse::Error(500, "io_error", "the file to send cannot be read: " + r.file_path),
                     keep_alive, request, false, started);
    }
    ::posix_fadvise(f->fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    f->size = static_cast<uint64_t>(st.st_size);
    f->piece.resize(server_.options.stream_chunk_bytes);
    f->res.result(static_cast<http::status>(r.status));
    f->res.version(11);
    f->res.set(http::field::server, "lawtrail");
    f->res.set(http::field::content_type, r.content_type);
    for (const auto& [name, value] : r.headers) f->res.set(name, value);
    f->res.content_length(f->size);
    const bool keep = keep_alive && !server_.stopping;
    f->res.keep_alive(keep);
    f->res.body().data = nullptr;
    f->res.body().more = f->size > 0;
    f->sr.emplace(f->res);
    stream_.expires_after(server_.options.write_timeout);
    http::async_write_header(stream_, *f->sr,
                             [self = shared_from_this(), f, request, keep, started](beast::error_code ec, size_t) {
                               if (ec) return self->FileSent(f, request, false, started, ec);
                               self->NextFilePiece(f, request, keep, started);
                             });
  }

  void NextFilePiece(std::shared_ptr<FileSend> f, std::shared_ptr<HttpRequest> request, bool keep,
                     std::chrono::steady_clock::time_point started) {
    net::post(server_.workers, [self = shared_from_this(), f, request, keep, started] {
      ssize_t n = 0;
      const uint64_t want = std::min<uint64_t>(f->piece.size(), f->size - f->sent);
      if (want > 0) {
        do {
          n = ::pread(f->fd, f->piece.data(), want, static_cast<off_t>(f->sent));
        } while (n < 0 && errno == EINTR);
      }
      net::post(self->stream_.get_executor(), [self, f, request, keep, started, want, n] {
        if (want > 0 && n <= 0) {
          // The file shrank or failed under us: the length promised cannot be kept.
          return self->FileSent(f, request, false, started, net::error::make_error_code(net::error::eof));
        }
        f->res.body().data = want > 0 ? f->piece.data() : nullptr;
        f->res.body().size = static_cast<size_t>(n);
        f->res.body().more = f->sent + static_cast<uint64_t>(n) < f->size;
        self->stream_.expires_after(self->server_.options.write_timeout);
        http::async_write(self->stream_, *f->sr, [self, f, request, keep, started, n](beast::error_code ec, size_t) {
          if (ec == http::error::need_buffer) ec = {};
          f->sent += static_cast<uint64_t>(n);
          if (ec || f->sr->is_done()) return self->FileSent(f, request, keep, started, ec);
          self->NextFilePiece(f, request, keep, started);
        });
      });
    });
  }

  void FileSent(const std::shared_ptr<FileSend>& f, const std::shared_ptr<HttpRequest>& request, bool keep,
                std::chrono::steady_clock::time_point started, beast::error_code ec) {
    ++answered_;
    if (server_.served) {
      server_.served(Served{*request, f->res.result_int(), static_cast<size_t>(f->sent),
                            std::chrono::steady_clock::now() - started, peer_, f->error_code});
    }
    server_.busy--;
    if (ec || !keep) return Shutdown();
    Read();
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
  std::optional<http::request_parser<http::empty_body>> head_;            // every request's header first
  std::optional<http::request_parser<http::string_body>> parser_;         // then a body read whole
  std::optional<http::request_parser<http::buffer_body>> stream_parser_;  // or a body streamed
  std::shared_ptr<BodySink> sink_;
  std::shared_ptr<HttpRequest> stream_request_;
  bool stream_keep_alive_ = false;
  std::chrono::steady_clock::time_point stream_started_;
  std::vector<char> pieces_[2];  // the two pieces of a streamed body in memory
  bool reading_ = false, writing_ = false, stream_answered_ = false;
  std::optional<Piece> ready_;  // read, waiting for the piece before it to be written
  beast::error_code read_error_;
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
                                                       ServedHook served, StreamRoutes streamed) {
  auto impl = std::make_unique<Impl>(std::move(options), std::move(handler), std::move(served), std::move(streamed));
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
