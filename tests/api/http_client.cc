#include "tests/api/http_client.h"

#include <chrono>
#include <thread>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

namespace lawtrail::testing {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

Reply Http(uint16_t port, const std::string& method, const std::string& target, const std::string& body,
           const std::string& content_type, const std::string& token) {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
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
  stream.socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
  return r;
}

std::string RawExchange(uint16_t port, const std::string& bytes, int wait_ms, const std::string& source) {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.socket().open(net::ip::tcp::v4());
  stream.socket().bind({net::ip::make_address(source), 0});
  stream.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  if (!bytes.empty()) net::write(stream.socket(), net::buffer(bytes));
  std::string out;
  char buf[4096];
  stream.expires_after(std::chrono::milliseconds(wait_ms));
  for (;;) {
    beast::error_code ec;
    const size_t n = stream.read_some(net::buffer(buf), ec);
    out.append(buf, n);
    if (ec) break;
  }
  return out;
}

struct HeldConnections::Sockets {
  net::io_context ioc;
  std::vector<net::ip::tcp::socket> held;
};

HeldConnections::HeldConnections(uint16_t port, int n) : sockets_(std::make_unique<Sockets>()) {
  for (int i = 0; i < n; ++i) {
    sockets_->held.emplace_back(sockets_->ioc);
    sockets_->held.back().connect({net::ip::make_address("127.0.0.1"), port});
  }
}

HeldConnections::~HeldConnections() = default;

bool WaitForViews(uint16_t port, int tries) {
  for (int i = 0; i < tries; ++i) {
    const nlohmann::json lag = nlohmann::json::parse(Http(port, "GET", "/v1/projectors").body, nullptr, false);
    bool caught_up = lag.contains("projectors") && !lag["projectors"].empty();
    for (const auto& p : lag.value("projectors", nlohmann::json::array())) caught_up = caught_up && p["lag"] == 0;
    if (caught_up) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

}  // namespace lawtrail::testing
