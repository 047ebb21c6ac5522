#include "ledger/cosigning/http_post.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace lawtrail::cosigning {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

Result<HttpUrl> ParseHttpUrl(std::string_view url) {
  constexpr std::string_view kScheme = "http://";
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
      return Status::InvalidArgument("URL \"" + std::string(url) + "\" contains whitespace or a control character");
    }
  }
  if (url.substr(0, kScheme.size()) != kScheme) {
    return Status::InvalidArgument("URL \"" + std::string(url) +
                                   "\" is not http://…: reach an https witness through a local TLS proxy "
                                   "or a bastion (docs/witnesses.md)");
  }
  std::string_view rest = url.substr(kScheme.size());
  const size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  HttpUrl out;
  out.path = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
  if (authority.find('@') != std::string_view::npos) {
    return Status::InvalidArgument("URL \"" + std::string(url) + "\" carries credentials; tokens go elsewhere");
  }
  const size_t colon = authority.rfind(':');
  if (colon != std::string_view::npos && authority.find(']') == std::string_view::npos) {
    std::string_view port = authority.substr(colon + 1);
    if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string_view::npos ||
        std::stoul(std::string(port)) == 0 || std::stoul(std::string(port)) > 65535) {
      return Status::InvalidArgument("URL \"" + std::string(url) + "\" has a bad port");
    }
    out.port = std::string(port);
    authority = authority.substr(0, colon);
  }
  if (authority.size() >= 2 && authority.front() == '[' && authority.back() == ']') {
    authority = authority.substr(1, authority.size() - 2);
  }
  if (authority.empty()) return Status::InvalidArgument("URL \"" + std::string(url) + "\" names no host");
  out.host = std::string(authority);
  return out;
}

HttpUrl Join(HttpUrl base, std::string_view name) {
  if (base.path.empty() || base.path.back() != '/') base.path += '/';
  base.path += name;
  return base;
}

Result<HttpReply> Post(const HttpUrl& url, std::string_view content_type, std::string_view body,
                       std::chrono::milliseconds timeout) {
  net::io_context ioc;
  tcp::resolver resolver(ioc);
  beast::tcp_stream stream(ioc);
  http::request<http::string_body> request(http::verb::post, url.path, 11);
  request.set(http::field::host, url.port == "80" ? url.host : url.host + ":" + url.port);
  request.set(http::field::user_agent, "lawtrail");
  request.set(http::field::content_type, std::string(content_type));
  request.body() = std::string(body);
  request.prepare_payload();
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(kMaxReplyBytes);
  parser.header_limit(16 << 10);

  // The handlers run on this thread inside ioc.run_until: locals stay valid.
  std::string stage = "resolving " + url.host;
  beast::error_code failure;
  bool done = false;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  stream.expires_at(deadline);
  resolver.async_resolve(url.host, url.port, [&](beast::error_code resolved, tcp::resolver::results_type endpoints) {
    if (resolved) return void(failure = resolved);
    stage = "connecting to " + url.host + ":" + url.port;
    stream.async_connect(endpoints, [&](beast::error_code connected, const tcp::endpoint&) {
      if (connected) return void(failure = connected);
      stage = "sending to " + url.host + ":" + url.port;
      http::async_write(stream, request, [&](beast::error_code written, size_t) {
        if (written) return void(failure = written);
        stage = "reading the reply of " + url.host + ":" + url.port;
        http::async_read(stream, buffer, parser, [&](beast::error_code ec, size_t) {
          failure = ec;
          done = !ec;
        });
      });
    });
  });
  ioc.run_until(deadline);
  if (!ioc.stopped()) {  // the resolver has no deadline of its own
    resolver.cancel();
    beast::error_code ignored;
    stream.socket().close(ignored);
    ioc.run();
    return Status::Unavailable(stage + ": no answer within " + std::to_string(timeout.count()) + " ms");
  }
  if (!done) {
    if (failure == beast::error::timeout) {
      return Status::Unavailable(stage + ": no answer within " + std::to_string(timeout.count()) + " ms");
    }
    return Status::Unavailable(stage + ": " + failure.message());
  }
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  HttpReply reply;
  reply.status = parser.get().result_int();
  reply.content_type = std::string(parser.get()[http::field::content_type]);
  reply.body = std::move(parser.get().body());
  return reply;
}

}  // namespace lawtrail::cosigning
