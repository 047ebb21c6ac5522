// `lawtrail witness serve`'s HTTP face: the tlog-witness answers over a real
// socket (status, content type, body), the monitor's view, per-log rate
// limits that do not touch other logs, metrics, and two racing submissions.
#include "api/witness_server.h"

#include <csignal>
#include <thread>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "ledger/core/cosignature.h"
#include "ledger/core/policy.h"
#include "tests/api/http_client.h"
#include "tests/support/fake_log.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"
#include "tests/support/witness_process.h"

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
  // A body far beyond any add-checkpoint is refused before it is read; the witness goes on answering.
  CHECK(s.Add("old 0\n\n" + std::string(api::kMaxAddCheckpointBytes + 1, 'x')).status == 413);
  CHECK(s.Add(s.log.Request(13, 13)).status == 200);
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
  CHECK_THAT(metrics.body, Catch::Contains("lawtrail_witness_requests_total{status=\"200\"} 4") &&
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

namespace lawtrail::testing {
namespace {

TEST_CASE(
    "lawtrail serve --witness-policy publishes what two running witnesses cosigned, and verify and checkpoint "
    "hand out that checkpoint",
    "[witness][cli][cosigning]") {
  TempDir dir;
  const std::string data = dir.path() + "/log";
  REQUIRE(RunLawtrail({"init", "--data", data, "--origin", "qingshan.example.gov.cn/log", "--agency", "青山镇人民政府"})
              .exit_code == 0);
  REQUIRE(RunLawtrail({"demo", "--data", data, "--load-events", "60"}).exit_code == 0);
  const auto vkey = RunLawtrail({"vkey", "--data", data});
  const std::string log_vkey = vkey.out.substr(0, vkey.out.find('\n'));
  WitnessProcess sifaju(dir, "w1", "sifaju.pingqiao.example/w1", log_vkey);
  WitnessProcess court(dir, "w2", "court.pingqiao.example/w1", log_vkey);
  const std::string policy_file = dir.path() + "/policy.txt";
  WriteAll(policy_file, "log " + log_vkey + "\nwitness 司法局 " + sifaju.vkey + " " + sifaju.url() + "\nwitness 法院 " +
                            court.vkey + " " + court.url() + "\ngroup 监督机关 all 司法局 法院\nquorum 监督机关\n");

  const std::string port_file = dir.path() + "/serve.port";
  const pid_t serve = Spawn({LAWTRAIL_BINARY, "serve", "--data", data, "--listen", "127.0.0.1:0", "--port-file",
                             port_file, "--witness-policy", policy_file},
                            "", dir.path() + "/serve.out", dir.path() + "/serve.err");
  const uint16_t port = WaitForPortFile(port_file);
  REQUIRE(port != 0);
  nlohmann::json health;
  for (int i = 0; i < 200; ++i) {
    health = nlohmann::json::parse(Http(port, "GET", "/healthz").body, nullptr, false);
    if (health.contains("witnesses") && health["witnesses"].value("published_size", 0) > 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  INFO(health.dump() << ReadAll(dir.path() + "/serve.err"));
  REQUIRE(health["witnesses"]["published_size"].get<uint64_t>() > 0);
  CHECK(health["witnesses"]["published_with_quorum"] == true);
  const Reply published = Http(port, "GET", "/checkpoint");
  REQUIRE(published.status == 200);
  CHECK_THAT(Http(port, "GET", "/metrics").body,
             Catch::Contains("lawtrail_witness_cosigned_size{witness=\"司法局\"}") &&
                 Catch::Contains("lawtrail_checkpoint_published_with_quorum 1"));
  ::kill(serve, SIGTERM);
  REQUIRE(Wait(serve) == 0);

  const auto policy = policy::Parse(ReadAll(policy_file));
  REQUIRE(policy.ok());
  CHECK(policy::OpenCheckpoint(*policy, published.body).ok());
  // With the server stopped, `lawtrail checkpoint` hands out the same cosigned checkpoint ...
  const auto printed = RunLawtrail({"checkpoint", "--data", data});
  REQUIRE(printed.exit_code == 0);
  CHECK(printed.out == published.body);
  // ... and `verify --trusted --policy` believes it.
  WriteAll(dir.path() + "/trusted.txt", published.body);
  const auto verified =
      RunLawtrail({"verify", "--data", data, "--trusted", dir.path() + "/trusted.txt", "--policy", policy_file});
  INFO(verified.err);
  CHECK(verified.exit_code == 0);
  CHECK_THAT(verified.out, Catch::Contains("司法局 at 20") && Catch::Contains("法院 at 20"));
}

}  // namespace
}  // namespace lawtrail::testing
