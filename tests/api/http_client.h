// A blocking HTTP/1.1 client on Beast for the API tests: one request per
// connection, and a raw socket for what a well-behaved client never sends.
#ifndef LAWTRAIL_TESTS_API_HTTP_CLIENT_H_
#define LAWTRAIL_TESTS_API_HTTP_CLIENT_H_

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace lawtrail::testing {

struct Reply {
  unsigned status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // names as sent
};

inline Reply Http(uint16_t port, const std::string& method, const std::string& target, const std::string& body = "",
                  const std::string& content_type = "", const std::string& token = "") {
  namespace beast = boost::beast;
  namespace http = beast::http;
  boost::asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
  http::request<http::string_body> req(http::string_to_verb(method), target, 11);
  req.set(http::field::host, "127.0.0.1");
  if (!content_type.empty()) req.set(http::field::content_type, content_type);
  if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
  req.body() = body;
  req.prepare_payload();
  http::write(stream, req);
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(1 << 30);
  http::read(stream, buffer, parser);
  Reply r;
  r.status = parser.get().result_int();
  r.body = parser.get().body();
  for (const auto& f : parser.get()) r.headers[std::string(f.name_string())] = std::string(f.value());
  beast::error_code ignored;
  stream.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
  return r;
}

// Sends `bytes` as they are, then reads until the server closes (or
// `wait_ms` passes) and returns everything it sent back.
inline std::string RawExchange(uint16_t port, const std::string& bytes, int wait_ms = 20'000) {
  namespace beast = boost::beast;
  boost::asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
  if (!bytes.empty()) boost::asio::write(stream.socket(), boost::asio::buffer(bytes));
  std::string out;
  char buf[4096];
  stream.expires_after(std::chrono::milliseconds(wait_ms));
  for (;;) {
    beast::error_code ec;
    const size_t n = stream.read_some(boost::asio::buffer(buf), ec);
    out.append(buf, n);
    if (ec) break;
  }
  return out;
}

// `n` connections to the server that send nothing, held open until destroyed:
// a client taking connection slots.
struct HeldConnections {
  HeldConnections(uint16_t port, int n) {
    for (int i = 0; i < n; ++i) {
      sockets.emplace_back(ioc);
      sockets.back().connect({boost::asio::ip::make_address("127.0.0.1"), port});
    }
  }
  boost::asio::io_context ioc;
  std::vector<boost::asio::ip::tcp::socket> sockets;
};

}  // namespace lawtrail::testing

#endif  // LAWTRAIL_TESTS_API_HTTP_CLIENT_H_
