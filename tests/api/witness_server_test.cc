// `lawtrail witness serve`'s HTTP face: the tlog-witness answers over a real
// socket (status, content type, body), the monitor's view, per-log rate
// limits that do not touch other logs, metrics, and two racing submissions.
#include "api/witness_server.h"

#include <csignal>
#include <thread>

#include <catch2/catch.hpp>

#include "ledger/core/cosignature.h"
#include "tests/api/http_client.h"
#include "tests/support/fake_log.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace lawtrail::testing {
namespace {

struct Served {
  TempDir dir;
  std::unique_ptr<witness::WitnessState> state = *witness::WitnessState::Open(dir.path() + "/state");
  FakeLog log;
  witness::Witness w{"sifaju.pingqiao.example/w1", KeyPair::Generate(), {log.verifier()}, *state, [] { return kNow; }};
  std::unique_ptr<api::WitnessServer> server;

  explicit Served(double rate = 100, double burst = 100) {
    api::WitnessServerOptions o;
    o.http.port = 0;
    o.per_log_rate = rate;
    o.per_log_burst = burst;
    server = *api::WitnessServer::Listen(w, o);
    server->Start();
  }
  Reply Add(const std::string& body) { return Http(server->port(), "POST", "/add-checkpoint", body); }
};

std::string Encoded(std::string_view origin) {
  std::string out;
  for (char c : origin) out += c == '/' ? std::string("%2F") : std::string(1, c);
  return out;
}

TEST_CASE("witness serve answers add-checkpoint over HTTP exactly as tlog-witness says", "[witness][http]") {
  Served s;
  const Reply conflict = s.Add(s.log.Request(4, 8));
  CHECK(conflict.status == 409);
  CHECK(conflict.headers.at("Content-Type") == "text/x.tlog.size");
  CHECK(conflict.body == "0\n");
  const Reply ok = s.Add(s.log.Request(0, 8));
  REQUIRE(ok.status == 200);
  const auto vkey = cosig::ParseVerifier(s.w.vkey());
  REQUIRE(vkey.ok());
  CHECK(cosig::VerifyCosignature(s.log.Checkpoint(8) + ok.body, *vkey).ok());
  CHECK(s.Add(s.log.Request(8, 13)).status == 200);
  CHECK(s.Add("old 0\n").status == 400);
  CHECK(s.Add(std::string()).status == 400);
  CHECK(Http(s.server->port(), "GET", "/add-checkpoint").status == 405);
  CHECK(Http(s.server->port(), "GET", "/nothing").status == 404);

  // A monitor reads the latest cosigned checkpoint, with the witness's cosignature on it.
  const Reply latest = Http(s.server->port(), "GET", "/checkpoint?origin=" + Encoded(kOrigin));
  REQUIRE(latest.status == 200);
  CHECK(latest.body.starts_with(s.log.Checkpoint(13)));
  CHECK(cosig::VerifyCosignature(latest.body, *vkey).ok());
  CHECK(Http(s.server->port(), "GET", "/checkpoint?origin=nobody.example%2Flog").status == 404);
  CHECK(Http(s.server->port(), "GET", "/checkpoint").status == 400);

  const Reply metrics = Http(s.server->port(), "GET", "/metrics");
  CHECK_THAT(metrics.body, Catch::Contains("lawtrail_witness_requests_total{status=\"200\"} 3") &&
                               Catch::Contains("lawtrail_witness_requests_total{status=\"409\"} 1"));
}

TEST_CASE("a log over its rate gets 429 with Retry-After, and no other log is slowed", "[witness][http]") {
  Served s(/*rate=*/0.001, /*burst=*/2);
  CHECK(s.Add(s.log.Request(0, 8)).status == 200);
  CHECK(s.Add(s.log.Request(8, 13)).status == 200);
  const Reply slowed = s.Add(s.log.Request(13, 20));
  CHECK(slowed.status == 429);
  CHECK(slowed.headers.at("Retry-After") == "1");
  // Unknown origins are answered, not metered (nothing is kept for them).
  FakeLog stranger;
  stranger.signer.name = "stranger.example/log";
  lawtrail::Checkpoint c{"stranger.example/log", 3, stranger.Root(3), {}};
  for (int i = 0; i < 5; ++i) CHECK(s.Add("old 0\n\n" + *note::Sign(c.Body(), stranger.signer)).status == 404);
}

TEST_CASE("two logs' worth of racing submissions over HTTP never roll a log back", "[witness][http][race]") {
  Served s;
  REQUIRE(s.Add(s.log.Request(0, 8)).status == 200);
  Reply a, b;
  std::thread ta([&] { a = s.Add(s.log.Request(8, 20)); });
  std::thread tb([&] { b = s.Add(s.log.Request(8, 13)); });
  ta.join();
  tb.join();
  REQUIRE(((a.status == 200 && b.status == 409) || (a.status == 409 && b.status == 200)));
  const std::string winner = a.status == 200 ? "20\n" : "13\n";
  CHECK((a.status == 409 ? a.body : b.body) == winner);
}

}  // namespace
}  // namespace lawtrail::testing

namespace lawtrail::testing {
namespace {

TEST_CASE("lawtrail witness serve cosigns a real log's checkpoint and stops cleanly on SIGTERM", "[witness][cli]") {
  TempDir dir;
  const std::string data = dir.path() + "/log";
  REQUIRE(RunLawtrail({"init", "--data", data, "--origin", "qingshan.example.gov.cn/log", "--agency", "青山镇人民政府"})
              .exit_code == 0);
  REQUIRE(RunLawtrail({"demo", "--data", data, "--load-events", "50"}).exit_code == 0);
  const auto vkey = RunLawtrail({"vkey", "--data", data});
  REQUIRE(vkey.exit_code == 0);
  const std::string log_vkey = vkey.out.substr(0, vkey.out.find('\n'));
  const auto checkpoint = RunLawtrail({"checkpoint", "--data", data});
  REQUIRE(checkpoint.exit_code == 0);

  const auto init = RunLawtrail({"witness", "init", "--data", dir.path() + "/w", "--name", "sifaju.example/w1"});
  REQUIRE(init.exit_code == 0);
  const std::string witness_vkey = init.out.substr(init.out.rfind('\n', init.out.size() - 2) + 1);
  const std::string port_file = dir.path() + "/port";
  const pid_t pid = Spawn({LAWTRAIL_BINARY, "witness", "serve", "--data", dir.path() + "/w", "--listen", "127.0.0.1:0",
                           "--port-file", port_file, "--log", log_vkey},
                          "", dir.path() + "/serve.out", dir.path() + "/serve.err");
  const uint16_t port = WaitForPortFile(port_file);
  REQUIRE(port != 0);
  const Reply reply = Http(port, "POST", "/add-checkpoint", "old 0\n\n" + checkpoint.out);
  INFO(reply.body);
  REQUIRE(reply.status == 200);
  const auto cosigner = cosig::ParseVerifier(witness_vkey.substr(0, witness_vkey.size() - 1));
  REQUIRE(cosigner.ok());
  CHECK(cosig::VerifyCosignature(checkpoint.out + reply.body, *cosigner).ok());
  // Sent again from 0: the witness now knows the size.
  CHECK(Http(port, "POST", "/add-checkpoint", "old 0\n\n" + checkpoint.out).status == 409);
  ::kill(pid, SIGTERM);
  CHECK(Wait(pid) == 0);
  CHECK_THAT(ReadAll(dir.path() + "/serve.err"), Catch::Contains("stopped"));
}

}  // namespace
}  // namespace lawtrail::testing
