#include "tests/support/test_tsa.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <catch2/catch.hpp>

#include "tests/support/process.h"

namespace lawtrail::testing {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

struct TestTsa::Acceptor {
  net::io_context ioc;
  net::ip::tcp::acceptor acceptor{ioc, {net::ip::make_address("127.0.0.1"), 0}};
};

namespace {

void Openssl(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"/usr/bin/openssl"};
  argv.insert(argv.end(), args.begin(), args.end());
  const ProcessResult r = RunProgram(argv);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
}

// A CA, and a TSA certificate it issues with the critical timeStamping usage RFC 3161 requires.
void MakeCertificates(const std::string& d) {
  Openssl({"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", d + "/ca.key",
           "-out", d + "/ca.crt", "-subj", "/CN=测试时间戳根证书", "-days", "3650", "-addext",
           "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign"});
  Openssl({"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
           d + "/other-ca.key", "-out", d + "/other-ca.crt", "-subj", "/CN=Another CA", "-days", "3650"});
  Openssl({"req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", d + "/tsa.key", "-out",
           d + "/tsa.csr", "-subj", "/CN=Test TSA"});
  WriteAll(d + "/tsa.ext", "extendedKeyUsage=critical,timeStamping\nkeyUsage=critical,digitalSignature\n");
  Openssl({"x509", "-req", "-in", d + "/tsa.csr", "-CA", d + "/ca.crt", "-CAkey", d + "/ca.key", "-CAcreateserial",
           "-out", d + "/tsa.crt", "-days", "365", "-extfile", d + "/tsa.ext"});
  WriteAll(d + "/serial", "01\n");
  WriteAll(d + "/ts.cnf",
           "[ tsa ]\ndefault_tsa = tsa_config\n[ tsa_config ]\n"
           "serial = " +
               d +
               "/serial\n"
               "signer_cert = " +
               d +
               "/tsa.crt\n"
               "certs = " +
               d +
               "/ca.crt\n"
               "signer_key = " +
               d +
               "/tsa.key\n"
               "signer_digest = sha256\ndefault_policy = 1.2.3.4.1\ndigests = sha256\naccuracy = secs:1\n"
               "ordering = yes\ntsa_name = yes\ness_cert_id_chain = no\ness_cert_id_alg = sha256\n");
}

}  // namespace

TestTsa::TestTsa() : acceptor_(std::make_unique<Acceptor>()) {
  MakeCertificates(dir_.path());
  port_ = acceptor_->acceptor.local_endpoint().port();
  thread_ = std::thread([this] { Serve(); });
}

TestTsa::~TestTsa() {
  stopping_ = true;
  // Wake the blocking accept with one last connection.
  net::io_context ioc;
  net::ip::tcp::socket s(ioc);
  beast::error_code ignored;
  s.connect({net::ip::make_address("127.0.0.1"), port_}, ignored);
  thread_.join();
}

std::string TestTsa::url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/tsa"; }

void TestTsa::Serve() {
  for (int n = 0; !stopping_; ++n) {
    net::ip::tcp::socket socket(acceptor_->ioc);
    beast::error_code ec;
    acceptor_->acceptor.accept(socket, ec);
    if (ec || stopping_) return;
    beast::flat_buffer buffer;
    http::request<http::string_body> request;
    http::read(socket, buffer, request, ec);
    if (ec) continue;
    ++requests_;
    const std::string query = dir_.path() + "/q" + std::to_string(n) + ".tsq";
    const std::string reply = dir_.path() + "/r" + std::to_string(n) + ".tsr";
    WriteAll(query, request.body());
    const ProcessResult r = RunProgram(
        {"/usr/bin/openssl", "ts", "-reply", "-config", dir_.path() + "/ts.cnf", "-queryfile", query, "-out", reply});
    http::response<http::string_body> response(r.exit_code == 0 ? http::status::ok : http::status::bad_request, 11);
    response.set(http::field::content_type, r.exit_code == 0 ? "application/timestamp-reply" : "text/plain");
    response.body() = r.exit_code == 0 ? ReadAll(reply) : r.err;
    response.prepare_payload();
    http::write(socket, response, ec);
    socket.shutdown(net::ip::tcp::socket::shutdown_both, ec);
  }
}

}  // namespace lawtrail::testing
