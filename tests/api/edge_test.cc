// The server's edges tried as an attacker would, each with the lowest role
// that reaches it: bodies that are empty, truncated, oversized, nested or
// duplicated; slow and greedy clients; paths and headers with two meanings.
// Every answer is a 4xx naming what is wrong, the server keeps serving, and
// every refusal is in the access log and the metrics.
#include <csignal>
#include <fstream>
#include <mutex>
#include <regex>
#include <thread>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "api/tile_routes.h"
#include "ledger/core/submission.h"
#include "tests/api/http_client.h"
#include "tests/api/test_server.h"
#include "tests/support/case_fixture.h"
#include "tests/support/process.h"
#include "tests/support/sanitizers.h"
#include "tests/support/temp_dir.h"

namespace lawtrail::testing {
namespace {

using nlohmann::json;

std::string ErrorCode(const Reply& r) {
  const json body = json::parse(r.body, nullptr, false);
  return body.is_object() && body.contains("error") ? body["error"].value("code", "") : "";
}

// A route's pattern with its parameters filled in.
std::string Filled(const std::string& pattern) {
  std::string out = std::regex_replace(pattern, std::regex(R"(\{rest\.\.\.\})"), "0/000");
  out = std::regex_replace(out, std::regex(R"(\{(index|size|year)\})"), "0");
  return std::regex_replace(out, std::regex(R"(\{[a-z]+\})"), "C1");
}

TEST_CASE("an empty body posted to a supervisor's retrieval or export is refused and the server keeps serving") {
  CaseFixture f;
  f.Open("C1", 0);
  Served s(f.t(), {}, f.supervisor.certificate_no);
  const uint64_t before = *f.t().log().reader().Size();
  for (const char* act : {"retrievals", "exports"}) {
    for (const char* type : {"application/octet-stream", "application/json"}) {
      INFO(act << " " << type);
      const Reply r = Http(s.port(), "POST", std::string("/v1/cases/C1/") + act, "", type, kSupervisorToken);
      CHECK(r.status == 400);
      CHECK_THAT(r.body, Catch::Contains("the body is empty"));
    }
  }
  CHECK(Http(s.port(), "GET", "/healthz").status == 200);
  CHECK(*f.t().log().reader().Size() == before);
  // The server still records a real retrieval.
  CHECK(Http(s.port(), "POST", "/v1/cases/C1/retrievals", Framed(Retrieval(f.supervisor, "C1")),
             "application/octet-stream", kSupervisorToken)
            .status == 200);
}

TEST_CASE("every route answers empty, truncated, garbage, oversized and doubled bodies with a 4xx and stays up") {
  CaseFixture f;
  f.Open("C1", 0);
  api::HttpServerOptions http;
  http.max_body_bytes = 64 << 10;
  auto store = evidence::EvidenceStore::Open({f.t().dir() + "/evidence"});
  REQUIRE(store.ok());
  Served s(f.t(), http, f.supervisor.certificate_no, [&](api::ApiServerOptions& o) { o.evidence = store->get(); });
  const uint64_t before = *f.t().log().reader().Size();
  const std::string retrieval = Framed(Retrieval(f.supervisor, "C1"));
  const std::string submission_json = json{{"submissions", {ToBase64(Retrieval(f.supervisor, "C1"))}}}.dump();
  const std::vector<std::pair<std::string, std::string>> bodies = {
      {"empty", ""},
      {"truncated statement", retrieval.substr(0, retrieval.size() / 2)},
      {"statement with a byte cut", retrieval.substr(0, retrieval.size() - 1)},
      {"garbage", std::string("\x00\xff\x13\x37 not a statement", 20)},
      {"truncated JSON", submission_json.substr(0, submission_json.size() - 3)},
      {"JSON with a name twice", R"({"submissions": [], "submissions": ["AAAA"]})"},
      {"JSON array", "[1,2,3]"},
      {"oversized", std::string((64 << 10) + 1, 'a')},
  };
  size_t tried = 0;
  for (const auto& [method, pattern] : s.server->router().Routes()) {
    const std::string target = Filled(pattern);
    for (const auto& [what, body] : bodies) {
      for (const char* type : {"application/octet-stream", "application/json"}) {
        INFO(method << " " << target << " with a " << what << " body as " << type);
        const Reply r = Http(s.port(), method, target, body, type, kAdminToken);
        if (body.empty() && method == "GET") {  // a GET has no body: this is a plain read
          CHECK(r.status < 500);
          continue;
        }
        CHECK(r.status >= 400);
        CHECK(r.status < 500);
        CHECK(!ErrorCode(r).empty());
        ++tried;
      }
    }
  }
  CHECK(tried > 150);
  CHECK(Http(s.port(), "GET", "/healthz").status == 200);
  CHECK(*f.t().log().reader().Size() == before);
}

TEST_CASE("deeply nested or huge JSON is refused before it is parsed, and four at once leave memory where it was") {
  TestLog t;
  Served s(t);
  const size_t depth = 900'000;
  const std::string nested = std::string(depth, '[') + std::string(depth, ']');        // 1.8 MB
  const std::string in_limit = std::string(500'000, '[') + std::string(500'000, ']');  // under the size limit
  std::string zeros = "{\"submissions\": [0";
  while (zeros.size() < (1 << 20) - 100) zeros += ",0";
  zeros += "]}";
  // Growth is measured on this process, which runs the server.
  const size_t resident_before = ResidentBytes();
  std::vector<std::thread> clients;
  std::mutex mu;
  std::vector<Reply> replies;
  for (int i = 0; i < 4; ++i) {
    clients.emplace_back([&, i] {
      const std::string& body = i == 0 ? nested : i == 1 ? in_limit : zeros;
      Reply r = Http(s.port(), "POST", "/v1/statements", body, "application/json", kOfficerToken);
      std::lock_guard lock(mu);
      replies.push_back(std::move(r));
    });
  }
  for (auto& c : clients) c.join();
  const size_t grown = ResidentBytes() - std::min(ResidentBytes(), resident_before);
  for (const Reply& r : replies) {
    CHECK(r.status == 400);
    CHECK_THAT(r.body, Catch::Contains("the body is not valid JSON"));
  }
  const std::string all = replies[0].body + replies[1].body + replies[2].body + replies[3].body;
  CHECK_THAT(all, Catch::Contains("bytes; the limit is 1048576"));
  CHECK_THAT(all, Catch::Contains("nested deeper than 32 levels"));
  CHECK_THAT(all, Catch::Contains("more than 65536 values"));
  // Without the check, nlohmann's tree of these bodies takes about 25 times
  // their size (over 100 MB for these four).
  INFO("resident set grew by " << grown << " bytes");
  if (!kHeapIsSanitized) CHECK(grown < 40u << 20);
  CHECK(Http(s.port(), "GET", "/healthz").status == 200);
}

TEST_CASE("a JSON member given twice, even re-encoded with escapes, is refused rather than resolved") {
  CaseFixture f;
  f.Open("C1", 0);
  Served s(f.t(), {}, f.supervisor.certificate_no);
  for (const char* body : {R"({"credit_code": "91411500MA1234567X", "credit_code": "x"})",
                           R"({"credit_code": "91411500MA1234567X", "\u0063redit_code": "x"})"}) {
    const Reply r = Http(s.port(), "POST", "/v1/parties/lookup", body, "application/json", kSupervisorToken);
    CHECK(r.status == 400);
    CHECK_THAT(r.body, Catch::Contains("a member name is given twice in one object"));
  }
}

TEST_CASE("refusals at every layer are in the access log and counted in /metrics by code") {
  TestLog t;
  std::mutex mu;
  std::vector<std::string> lines;
  api::HttpServerOptions http;
  http.max_body_bytes = 4096;
  http.max_header_bytes = 2048;
  // Long enough that three held connections are still open when the fourth
  // comes, on a loaded host and under a sanitizer.
  const std::chrono::milliseconds read_timeout(400 * kSanitizerSlowdown);
  http.read_timeout = read_timeout;
  http.max_connections = 3;
  Served s(t, http, "S-1", [&](api::ApiServerOptions& o) {
    o.access_log = true;
    o.access_log_sink = [&](std::string_view line) {
      std::lock_guard lock(mu);
      lines.emplace_back(line);
    };
  });
  const uint16_t port = s.port();
  CHECK(Http(port, "POST", "/v1/statements", std::string(10'000, 'x'), "application/octet-stream", kOfficerToken)
            .status == 413);
  CHECK(RawExchange(port, "GET /v1/log HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(4000, 'a') + "\r\n\r\n")
            .find("HTTP/1.1 431") == 0);
  CHECK(RawExchange(port, "GARBAGE\r\n\r\n").find("HTTP/1.1 400") == 0);
  CHECK(RawExchange(port, "POST /v1/statements HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nab")
            .find("HTTP/1.1 408") == 0);
  CHECK(RawExchange(port, "").find("HTTP/1.1 408") == 0);  // connected and never sent a byte
  CHECK(Http(port, "GET", "/v1/log", "", "", "not-a-token").status == 401);
  {
    // The exchanges above have closed (a keep-alive connection the server has
    // not yet seen close would take one of the three places)…
    for (int i = 0; i < 500 && s.server->open_connections() > 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    REQUIRE(s.server->open_connections() == 0);
    const HeldConnections held(port, 3);
    // …and the server has taken all three before the fourth is tried (on a
    // busy host, accepting them can take longer than any fixed pause).
    for (int i = 0; i < 500 && s.server->open_connections() < 3; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    REQUIRE(s.server->open_connections() >= 3);
    const std::string refused = RawExchange(port, "", 2000 * kSanitizerSlowdown);
    CHECK(refused.find("HTTP/1.1 503") == 0);
    CHECK(refused.find("Retry-After: 1\r\n") != std::string::npos);
  }
  std::this_thread::sleep_for(read_timeout + std::chrono::milliseconds(200));  // the held connections time out
  const std::string metrics = Http(port, "GET", "/metrics").body;
  for (const char* sample : {R"(lawtrail_http_refusals_total{code="413",reason="body_too_large"} 1)",
                             R"(lawtrail_http_refusals_total{code="431",reason="header_too_large"} 1)",
                             R"(lawtrail_http_refusals_total{code="400",reason="bad_request"} 1)",
                             R"(lawtrail_http_refusals_total{code="401",reason="unauthorized"} 1)",
                             R"(lawtrail_http_refusals_total{code="503",reason="too_many_connections"} 1)",
                             R"m(lawtrail_http_requests_total{route="(http)",code="413"} 1)m"}) {
    CHECK_THAT(metrics, Catch::Contains(sample));
  }
  CHECK_THAT(metrics, Catch::Contains(R"(lawtrail_http_refusals_total{code="408",reason="request_timeout"} 2)"));
  std::string log;
  {
    std::lock_guard lock(mu);
    for (const std::string& l : lines) log += l + "\n";
  }
  INFO(log);
  CHECK(std::regex_search(log, std::regex(R"(127\.0\.0\.1 POST /v1/statements 413 \d+ [\d.]+ms body_too_large)")));
  CHECK(std::regex_search(log, std::regex(R"(127\.0\.0\.1 GET /v1/log 431 \d+ [\d.]+ms header_too_large)")));
  CHECK(std::regex_search(log, std::regex(R"(127\.0\.0\.1 - - 400 \d+ [\d.]+ms bad_request)")));
  CHECK(std::regex_search(log, std::regex(R"(127\.0\.0\.1 POST /v1/statements 408 \d+ [\d.]+ms request_timeout)")));
  CHECK(std::regex_search(log, std::regex(R"(127\.0\.0\.1 - - 408 \d+ [\d.]+ms request_timeout)")));
  CHECK(std::regex_search(log, std::regex(R"(127\.0\.0\.1 GET /v1/log 401 \d+ [\d.]+ms unauthorized)")));
  CHECK(std::regex_search(log, std::regex(R"(127\.0\.0\.1 - - 503 \d+ [\d.]+ms too_many_connections)")));
  CHECK(log.find("not-a-token") == std::string::npos);
}

TEST_CASE("an access log line shows a hostile path as printable text that cannot forge another line") {
  api::HttpRequest request;
  request.method = "GET";
  request.raw_path = "/v1/records/1\x1b[2J\x7f 200 0 0.1ms";
  const std::string line = api::AccessLogLine({request, 404, 10, std::chrono::nanoseconds(1000), "127.0.0.1", "x"});
  CHECK(line == "127.0.0.1 GET /v1/records/1%1B[2J%7F%20200%200%200.1ms 404 10 0.0ms x");
}

TEST_CASE("one client holding its share of connections is refused more while another client is served") {
  TestLog t;
  api::HttpServerOptions http;
  http.max_connections = 16;
  http.max_connections_per_client = 3;
  http.read_timeout = std::chrono::milliseconds(3000);
  Served s(t, http);
  auto held = std::make_unique<HeldConnections>(s.port(), 3);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const std::string greedy = RawExchange(s.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 2000);
  CHECK(greedy.find("HTTP/1.1 503") == 0);
  CHECK_THAT(greedy, Catch::Contains("too_many_connections_from_client"));
  const std::string other =
      RawExchange(s.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 5000, "127.0.0.2");
  CHECK(other.find("HTTP/1.1 200") == 0);
  held.reset();
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  CHECK(Http(s.port(), "GET", "/healthz").status == 200);
}

TEST_CASE("one resource has one path: tiles with leading zero groups, doubled slashes and trailing slashes are 404") {
  TestLog t;
  const TestOfficer officer = t.AddOfficer("O-1");
  for (int i = 0; i < 6; ++i) REQUIRE(t.AppendOne(t.Memo(officer, "C" + std::to_string(i))).ok());
  Served s(t);
  CHECK(Http(s.port(), "GET", "/tile/0/000.p/5").status == 200);
  for (const char* alias : {"/tile/0/x000/000.p/5", "/tile/0/x000/x000/000.p/5", "/tile/0//000.p/5", "/tile/0/000.p/05",
                            "/tile//0/000.p/5", "/v1/log/", "//v1/log", "/v1/./log", "/v1/records/../log"}) {
    INFO(alias);
    CHECK(Http(s.port(), "GET", alias).status == 404);
  }
  CHECK(Http(s.port(), "GET", "/v1/log").status == 200);
  CHECK(api::ParseTilePath("x001/234").ok());
  CHECK(!api::ParseTilePath("x000/234").ok());
  CHECK(api::ParseTilePath("x001/x000/234").ok());  // tile 1000234, written as the spec writes it
}

TEST_CASE("a request with two Authorization or Content-Type headers is refused, not resolved") {
  TestLog t;
  Served s(t);
  const std::string two_tokens = std::string("GET /v1/log HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ") +
                                 kAuditorToken + "\r\nAuthorization: Bearer nobody\r\nConnection: close\r\n\r\n";
  const std::string reply = RawExchange(s.port(), two_tokens, 3000);
  CHECK(reply.find("HTTP/1.1 400") == 0);
  CHECK_THAT(reply, Catch::Contains("2 authorization headers"));
  const std::string two_types = "POST /v1/statements HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                                std::string(kOfficerToken) +
                                "\r\nContent-Type: application/json\r\nContent-Type: application/octet-stream\r\n"
                                "Content-Length: 2\r\nConnection: close\r\n\r\n{}";
  CHECK(RawExchange(s.port(), two_types, 3000).find("HTTP/1.1 400") == 0);
}

TEST_CASE("a statement sent again is answered with its index but not counted as accepted") {
  TestLog t;
  const TestOfficer officer = t.AddOfficer("O-1");
  Served s(t);
  const Bytes memo = t.Memo(officer, "C1");
  const Reply first = Http(s.port(), "POST", "/v1/statements", Framed(memo), "application/octet-stream", kOfficerToken);
  REQUIRE(first.status == 200);
  CHECK(json::parse(first.body)["accepted"] == 1);
  CHECK(json::parse(first.body)["duplicates"] == 0);
  const Reply again = Http(s.port(), "POST", "/v1/statements?receipt=checkpoint", Framed(memo) + Framed(memo),
                           "application/octet-stream", kOfficerToken);
  REQUIRE(again.status == 200);
  const json body = json::parse(again.body);
  CHECK(body["accepted"] == 0);
  CHECK(body["duplicates"] == 2);
  CHECK(body["refused"] == 0);
  CHECK(body["results"][1]["index"] == json::parse(first.body)["results"][0]["index"]);
  CHECK(body.contains("checkpoint"));  // the receipt still proves where the statement is
  CHECK_THAT(Http(s.port(), "GET", "/metrics").body, Catch::Contains("lawtrail_appended_records_total 1\n"));
}

TEST_CASE("lawtrail serve gives back the memory of large requests once they are answered") {
  TempDir dir;
  const std::string data = dir.path() + "/log";
  REQUIRE(RunLawtrail({"init", "--data", data, "--origin", kTestOrigin, "--agency", "青山镇人民政府"}).exit_code == 0);
  const std::string port_file = dir.path() + "/port";
  const pid_t pid =
      Spawn({LAWTRAIL_BINARY, "serve", "--data", data, "--listen", "127.0.0.1:0", "--port-file", port_file}, "",
            dir.path() + "/serve.out", dir.path() + "/serve.err");
  const uint16_t port = WaitForPortFile(port_file);
  REQUIRE(port != 0);
  for (int i = 0; i < 20; ++i) REQUIRE(Http(port, "GET", "/v1/log").status == 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  const size_t baseline = ResidentBytes(pid);
  // Four clients at once, each with a 15 MiB body the server reads in full
  // before it refuses it (no token may submit).
  const std::string body(15 << 20, 'x');
  std::vector<std::thread> clients;
  std::vector<int> statuses(4);  // checked here: Catch's assertions are for one thread
  for (int i = 0; i < 4; ++i) {
    clients.emplace_back(
        [&, i] { statuses[i] = Http(port, "POST", "/v1/statements", body, "application/octet-stream").status; });
  }
  for (auto& c : clients) c.join();
  CHECK(statuses == std::vector<int>(4, 403));
  size_t after = ResidentBytes(pid);
  for (int i = 0; i < 50 && after > baseline + (24u << 20); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    after = ResidentBytes(pid);
  }
  INFO("resident: " << baseline / 1024 << " KiB before, " << after / 1024 << " KiB after");
  if (!kHeapIsSanitized) CHECK(after < baseline + (24u << 20));
  kill(pid, SIGTERM);
  CHECK(Wait(pid) == 0);
}

}  // namespace
}  // namespace lawtrail::testing
