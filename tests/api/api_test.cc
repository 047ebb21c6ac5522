// The HTTP API against a running server on loopback, through a real HTTP
// client: every route family, every role boundary, the recorded retrieval,
// tlog tiles, and the answers to bad and hostile requests.
#include <atomic>
#include <cctype>
#include <set>
#include <thread>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "api/api_server.h"
#include "api/server_config.h"
#include "api/tile_routes.h"
#include "ledger/bundle/bundle.h"
#include "ledger/bundle/export_verifier.h"
#include "ledger/casefile/labels.h"
#include "ledger/client/case_acts.h"
#include "ledger/client/registry_statements.h"
#include "ledger/client/statement_builder.h"
#include "ledger/client/statement_stream.h"
#include "ledger/core/checkpoint.h"
#include "ledger/core/merkle.h"
#include "ledger/core/sha256.h"
#include "ledger/core/submission.h"
#include "ledger/log/data_dir.h"
#include "projectors/all.h"
#include "projectors/disclosure_view.h"
#include "tests/api/http_client.h"
#include "tests/api/test_server.h"
#include "tests/support/case_fixture.h"
#include "tests/support/demo_log.h"
#include "tests/support/test_log.h"

namespace lawtrail::testing {
namespace {

using nlohmann::json;

TEST_CASE("an officer's statement is appended over HTTP and its receipt proves it against a signed checkpoint") {
  TestLog t;
  const TestOfficer officer = t.AddOfficer("O-1");
  Served s(t);
  const Bytes memo = t.Memo(officer, "青山镇〔2026〕第1号", "现场检查：门店招牌违规设置");
  const Reply r = Http(s.port(), "POST", "/v1/statements?receipt=checkpoint", Framed(memo), "application/octet-stream",
                       kOfficerToken);
  REQUIRE(r.status == 200);
  const json body = json::parse(r.body);
  REQUIRE(body["accepted"] == 1);
  const json& item = body["results"][0];
  const uint64_t index = item["index"];
  auto vkey = note::ParseVerifier(t.vkey());
  REQUIRE(vkey.ok());
  auto cp = OpenCheckpoint(body["checkpoint"].get<std::string>(), *vkey);
  REQUIRE(cp.ok());
  REQUIRE(cp->size > index);
  std::vector<Bytes> proof;
  for (const auto& h : item["inclusion_proof"]) proof.push_back(*FromBase64(h.get<std::string>()));
  const Bytes leaf = *FromBase64(item["leaf_hash"].get<std::string>());
  CHECK(merkle::VerifyInclusion(index, cp->size, leaf, proof, ByteView(cp->root)).ok());
  // The same statement again: the same index, marked as a repeat.
  const Reply again = Http(s.port(), "POST", "/v1/statements", Framed(memo), "application/octet-stream", kOfficerToken);
  REQUIRE(again.status == 200);
  CHECK(json::parse(again.body)["results"][0]["index"] == index);
  CHECK(json::parse(again.body)["results"][0]["duplicate"] == true);
  // Chinese text round-trips byte for byte through the auditor's read.
  const Reply read = Http(s.port(), "GET", "/v1/records/" + std::to_string(index), "", "", kAuditorToken);
  REQUIRE(read.status == 200);
  CHECK(read.body.find("现场检查：门店招牌违规设置") != std::string::npos);
  const Reply raw =
      Http(s.port(), "GET", "/v1/records/" + std::to_string(index) + "?format=raw", "", "", kAuditorToken);
  CHECK(raw.body == std::string(AsChars(*t.log().reader().RecordBytes(index))));
}

TEST_CASE("a refused statement answers 422 with the rule and message and the log does not grow") {
  TestLog t;
  const TestOfficer officer = t.AddOfficer("O-1");
  Served s(t);
  const TestOfficer stranger{"X-9", KeyPair::Generate()};  // never registered
  const uint64_t before = *t.log().reader().Size();
  const std::string body = json{{"submissions", {ToBase64(t.Memo(stranger, "青山镇〔2026〕第2号"))}}}.dump();
  const Reply r = Http(s.port(), "POST", "/v1/statements", body, "application/json", kOfficerToken);
  REQUIRE(r.status == 422);
  const json e = json::parse(r.body)["results"][0]["error"];
  CHECK(e["code"] == "refused");
  CHECK(!e["message"].get<std::string>().empty());
  CHECK(*t.log().reader().Size() == before);
  (void)officer;
}

TEST_CASE("roles: the public reads registry records, proofs and checkpoints but no case record and cannot submit") {
  TestLog t;
  const TestOfficer officer = t.AddOfficer("O-1");
  Served s(t);
  const uint64_t memo_index = t.AppendOne(t.Memo(officer, "青山镇〔2026〕第3号"))->index;
  CHECK(Http(s.port(), "GET", "/v1/records/0").status == 200);  // the agency's genesis
  CHECK(Http(s.port(), "GET", "/v1/records/" + std::to_string(memo_index)).status == 403);
  CHECK(Http(s.port(), "GET", "/v1/records/" + std::to_string(memo_index), "", "", kOfficerToken).status == 403);
  CHECK(Http(s.port(), "GET", "/v1/records/" + std::to_string(memo_index), "", "", kAuditorToken).status == 200);
  CHECK(Http(s.port(), "GET",
             "/v1/records/" + std::to_string(memo_index) + "/inclusion-proof?size=" + std::to_string(memo_index + 1))
            .status == 200);
  CHECK(Http(s.port(), "POST", "/v1/statements", "x", "application/octet-stream").status == 403);
  CHECK(Http(s.port(), "POST", "/v1/statements", "x", "application/octet-stream", kAuditorToken).status == 403);
  CHECK(Http(s.port(), "GET", "/v1/log", "", "", "no-such-token").status == 401);
  CHECK(Http(s.port(), "GET", "/tile/entries/000.p/1").status == 403);
  CHECK(Http(s.port(), "GET", "/tile/entries/000.p/1", "", "", kAuditorToken).status == 200);
}

TEST_CASE("a supervisor's read of a case appends its retrieval event before the case is returned") {
  CaseFixture f;
  const std::string case_id = "C1";
  f.Open(case_id, 0);
  Served s(f.t(), {}, f.supervisor.certificate_no);
  const uint64_t before = *f.t().log().reader().Size();
  const std::string target = "/v1/cases/" + case_id + "/retrievals";

  SECTION("the retrieval is in the log, and the history returned ends with it") {
    const Reply r = Http(s.port(), "POST", target, Framed(Retrieval(f.supervisor, case_id)), "application/octet-stream",
                         kSupervisorToken);
    REQUIRE(r.status == 200);
    const json body = json::parse(r.body);
    CHECK(body["retrieval"]["index"] == before);
    CHECK(*f.t().log().reader().Size() == before + 1);
    REQUIRE(body["history"].size() == 3);  // the head's 立案 approval, 立案, the retrieval
    CHECK(body["history"][0]["signed_statement"]["statement"]["payload_type"] == "HeadApproved");
    CHECK(body["history"][1]["signed_statement"]["statement"]["payload_type"] == "CaseOpened");
    CHECK(body["history"][2]["index"] == before);
    CHECK(body["history"][2]["signed_statement"]["statement"]["payload_type"] == "CaseFileRetrieved");
  }
  SECTION("a plain GET of the history is refused: it must go through a recorded retrieval") {
    CHECK(Http(s.port(), "GET", "/v1/cases/" + case_id + "/history", "", "", kSupervisorToken).status == 428);
    CHECK(Http(s.port(), "POST", target, Framed(Retrieval(f.supervisor, case_id)), "application/octet-stream",
               kAuditorToken)
              .status == 403);
    CHECK(*f.t().log().reader().Size() == before);
  }
  SECTION("a retrieval signed by someone other than the token's officer is refused before anything is read") {
    const Reply r =
        Http(s.port(), "POST", target, Framed(Retrieval(f.a, case_id)), "application/octet-stream", kSupervisorToken);
    CHECK(r.status == 403);
    CHECK(*f.t().log().reader().Size() == before);
  }
}

TEST_CASE("a retrieval the log refuses fails the read, and nothing of the case leaves") {
  CaseFixture f;
  f.Open("C1", 0);
  Served s(f.t(), {}, "");  // a token bound to no officer: only the signature decides
  const uint64_t before = *f.t().log().reader().Size();
  // Signed by an officer who is not a supervisor: admission refuses it.
  const Reply r = Http(s.port(), "POST", "/v1/cases/C1/retrievals", Framed(Retrieval(f.a, "C1")),
                       "application/octet-stream", kSupervisorToken);
  CHECK(r.status == 422);
  CHECK(r.body.find("history") == std::string::npos);
  CHECK(r.body.find("CaseOpened") == std::string::npos);
  CHECK(*f.t().log().reader().Size() == before);
}

TEST_CASE("a supervisor's export over HTTP is recorded first and returns a bundle that verifies offline") {
  CaseFixture f;
  const std::string case_id = "青山镇〔2026〕第5号";
  f.DecidedCase(case_id, 0, 50000);
  const domain::Act approval = f.By(f.supervisor, case_id, 20);
  f.Admit(domain::ApproveExport(approval, "信阳市浉河区人民法院", "行政诉讼举证", {}));
  Served s(f.t(), {}, f.supervisor.certificate_no);
  const std::string target = "/v1/cases/" + PercentEncode(case_id) + "/exports";
  auto signed_only = [](const Bytes& submission) { return ParseSubmission(submission)->signed_statement; };
  const uint64_t before = *f.t().log().reader().Size();

  // An export naming no approval of the case: refused by its rule, nothing returned.
  EventId unknown{};
  unknown[0] = 7;
  const Reply refused = Http(
      s.port(), "POST", target,
      Framed(signed_only(domain::RecordExport(f.By(f.supervisor, case_id, 21), unknown, "信阳市浉河区人民法院", {}))),
      "application/octet-stream", kSupervisorToken);
  CHECK(refused.status == 422);
  CHECK_THAT(refused.body, Catch::Contains("P-EXPORT"));
  CHECK(*f.t().log().reader().Size() == before);

  const Reply r = Http(s.port(), "POST", target,
                       Framed(signed_only(domain::RecordExport(f.By(f.supervisor, case_id, 21), approval.event_id,
                                                               "信阳市浉河区人民法院", {}))),
                       "application/octet-stream", kSupervisorToken);
  INFO(r.body.substr(0, 300));
  REQUIRE(r.status == 200);
  CHECK(r.headers.at("x-lawtrail-export-index") == std::to_string(before));
  const ExportReport report = VerifyExport(AsBytes(r.body), {*note::ParseVerifier(f.t().vkey()), std::nullopt, {}});
  INFO(FormatExportReport(report));
  REQUIRE(report.status.ok());
  CHECK(report.case_id == case_id);
  CHECK_THAT(FormatExportReport(report), Catch::Contains("exported to 信阳市浉河区人民法院"));
  // The export event is the bundle's last record: it was recorded before the bundle left.
  auto parts = bundle::Unpack(AsBytes(r.body));
  REQUIRE(parts.ok());
  CHECK(parts->records.back().index == before);
  // An auditor cannot export.
  CHECK(Http(s.port(), "POST", target, "x", "application/octet-stream", kAuditorToken).status == 403);
}

TEST_CASE("hash tiles served over HTTP reproduce the checkpoint's root") {
  TestLog t(CheckpointEvery(100'000));
  const TestOfficer officer = t.AddOfficer("O-1");
  std::vector<Bytes> memos;
  for (int i = 0; i < 600; ++i) memos.push_back(t.Memo(officer, "青山镇〔2026〕第" + std::to_string(5 + i % 7) + "号"));
  for (const auto& r : t.log().Append(std::move(memos))) REQUIRE(r.ok());
  REQUIRE(t.log().CurrentCheckpoint().ok());
  Served s(t);
  const Reply note = Http(s.port(), "GET", "/checkpoint");
  REQUIRE(note.status == 200);
  auto cp = OpenCheckpoint(note.body, *note::ParseVerifier(t.vkey()));
  REQUIRE(cp.ok());
  // As a tlog client does: full level-0 tiles, then the partial one at the edge.
  merkle::CompactRange range;
  for (uint64_t n = 0; n * 256 < cp->size; ++n) {
    const uint64_t width = std::min<uint64_t>(256, cp->size - n * 256);
    std::string path = "/tile/0/" + api::TileIndexPath(n) + (width < 256 ? ".p/" + std::to_string(width) : "");
    const Reply tile = Http(s.port(), "GET", path);
    REQUIRE(tile.status == 200);
    REQUIRE(tile.body.size() == width * 32);
    for (uint64_t i = 0; i < width; ++i) {
      Hash h;
      std::copy(tile.body.begin() + static_cast<ptrdiff_t>(i * 32),
                tile.body.begin() + static_cast<ptrdiff_t>(i * 32 + 32), h.begin());
      range.Append(h, [](merkle::NodeId, const Hash&) {});
    }
  }
  CHECK(range.size() == cp->size);
  CHECK(range.Root() == cp->root);
  // A full tile the tree has not completed yet does not exist.
  CHECK(Http(s.port(), "GET", "/tile/0/" + api::TileIndexPath(cp->size / 256)).status == 404);
  CHECK(api::TileIndexPath(1234067) == "x001/x234/067");
  CHECK(api::ParseTilePath("x001/x234/067.p/8")->index == 1234067);
  CHECK(api::ParseTilePath("x001/x234/067.p/8")->width == 8);
}

TEST_CASE("checkpoints by size, consistency proofs and entry bundles read back what the log holds") {
  TestLog t(CheckpointEvery(100'000));
  const TestOfficer officer = t.AddOfficer("O-1");
  for (int i = 0; i < 20; ++i) REQUIRE(t.AppendOne(t.Memo(officer, "青山镇〔2026〕第9号")).ok());
  auto first = t.log().CurrentCheckpoint();
  REQUIRE(first.ok());
  for (int i = 0; i < 30; ++i) REQUIRE(t.AppendOne(t.Memo(officer, "青山镇〔2026〕第9号")).ok());
  auto second = t.log().CurrentCheckpoint();
  REQUIRE(second.ok());
  Served s(t);
  const auto vkey = *note::ParseVerifier(t.vkey());
  const Checkpoint old_cp = *OpenCheckpoint(*first, vkey);
  const Checkpoint new_cp = *OpenCheckpoint(*second, vkey);
  CHECK(Http(s.port(), "GET", "/v1/checkpoints/latest").body == *second);
  CHECK(Http(s.port(), "GET", "/v1/checkpoints/" + std::to_string(old_cp.size)).body == *first);
  CHECK(Http(s.port(), "GET", "/v1/checkpoints/7").status == 404);
  const json log = json::parse(Http(s.port(), "GET", "/v1/log").body);
  CHECK(log["verifier_key"] == t.vkey());
  CHECK(log["size"] == new_cp.size);
  // An inspector holding the old checkpoint checks the new one extends it.
  const json c = json::parse(Http(s.port(), "GET", "/v1/consistency-proof?old=" + std::to_string(old_cp.size)).body);
  CHECK(c["size"] == new_cp.size);
  std::vector<Bytes> proof;
  for (const auto& h : c["proof"]) proof.push_back(*FromBase64(h.get<std::string>()));
  CHECK(merkle::VerifyConsistency(old_cp.size, new_cp.size, ByteView(old_cp.root), ByteView(new_cp.root), proof).ok());
  // An entry bundle is every record as stored, each behind its 16-bit length.
  const Reply bundle =
      Http(s.port(), "GET", "/tile/entries/000.p/" + std::to_string(new_cp.size), "", "", kAuditorToken);
  REQUIRE(bundle.status == 200);
  size_t at = 0;
  for (uint64_t i = 0; i < new_cp.size; ++i) {
    REQUIRE(at + 2 <= bundle.body.size());
    const size_t n = static_cast<uint8_t>(bundle.body[at]) << 8 | static_cast<uint8_t>(bundle.body[at + 1]);
    CHECK(bundle.body.substr(at + 2, n) == std::string(AsChars(*t.log().reader().RecordBytes(i))));
    at += 2 + n;
  }
  CHECK(at == bundle.body.size());
  const Reply head = Http(s.port(), "HEAD", "/v1/log");
  CHECK(head.status == 200);
  CHECK(head.body.empty());
}

TEST_CASE("a submission that finds the log's queue full is answered 503 with Retry-After and nothing of it is taken") {
  LogOptions small;
  small.max_pending_statements = 64;
  TestLog t(small);
  const TestOfficer officer = t.AddOfficer("O-1");
  Served s(t);
  std::string big, second;
  for (int i = 0; i < 3000; ++i) big += Framed(t.Memo(officer, "青山镇〔2026〕第1号"));
  for (int i = 0; i < 10; ++i) second += Framed(t.Memo(officer, "青山镇〔2026〕第2号"));
  Reply first_reply;
  std::thread first(
      [&] { first_reply = Http(s.port(), "POST", "/v1/statements", big, "application/octet-stream", kOfficerToken); });
  while (t.log().pending_statements() == 0) std::this_thread::sleep_for(std::chrono::microseconds(200));
  const Reply busy = Http(s.port(), "POST", "/v1/statements", second, "application/octet-stream", kOfficerToken);
  first.join();
  REQUIRE(first_reply.status == 200);
  CHECK(busy.status == 503);
  CHECK(busy.headers.at("Retry-After") == "1");
  CHECK(json::parse(busy.body)["error"]["code"] == "unavailable");
  CHECK(*t.log().reader().Size() == 2 + 3000);  // genesis, the officer, the first batch
}

TEST_CASE("a mirror answers what only the primary does with 405 and an empty Allow, never a retryable 503") {
  TestLog t;
  const TestOfficer officer = t.AddOfficer("O-1");
  api::ApiServerOptions o;
  o.http.port = 0;
  o.access_log = false;
  o.tokens.Add(Entry(kOfficerToken, api::Role::kOfficer));
  o.tokens.Add(Entry(kSupervisorToken, api::Role::kSupervisor, "S-1"));
  auto mirror = api::ApiServer::Start(nullptr, t.log().store(), nullptr, t.vkey(), std::move(o));
  REQUIRE(mirror.ok());
  const uint16_t port = (*mirror)->port();
  const uint64_t before = *t.log().reader().Size();
  const std::vector<std::tuple<std::string, std::string, std::string>> primary_only = {
      {"/v1/statements", Framed(t.Memo(officer, "青山镇〔2026〕第1号")), kOfficerToken},
      {"/v1/cases/C1/retrievals", "{}", kSupervisorToken},
      {"/v1/cases/C1/exports", "{}", kSupervisorToken},
      {"/v1/parties/lookup", R"({"credit_code": "91411500MA1234567X"})", kSupervisorToken}};
  for (const auto& [path, body, token] : primary_only) {
    INFO(path);
    const Reply r = Http(port, "POST", path, body,
                         path == "/v1/statements" ? "application/octet-stream" : "application/json", token);
    CHECK(r.status == 405);
    CHECK(r.headers.count("Allow") == 1);
    CHECK(r.headers.count("Retry-After") == 0);
    CHECK(json::parse(r.body)["error"]["code"] == "mirror");
  }
  // What a mirror holds, it serves.
  CHECK(Http(port, "GET", "/v1/log").status == 200);
  CHECK(Http(port, "GET", "/v1/projectors").status == 501);
  (*mirror)->Stop();
  CHECK(*t.log().reader().Size() == before);
}

TEST_CASE("the config keeps tokens only as hashes and names whatever it refuses") {
  const std::string hash = api::TokenHashHex("a-token");
  auto good = api::ParseServeConfig(json{
      {"listen", "0.0.0.0:9090"},
      {"tokens", {{{"name", "li"}, {"role", "supervisor"}, {"sha256", hash}, {"certificate", "41157001"}}}},
      {"limits", {{"max_connections", 8}, {"read_timeout_ms", 2000}}},
      {"kafka", {{"brokers", "k1:9092"}, {"topic_prefix", "qs"}}},
      {"witnesses",
       {{"policy", "/etc/lawtrail/监督机关.txt"},
        {"tsa", "http://tsa.example/tsa"},
        {"fail_open_seconds", 600},
        {"timeout_seconds", 2.5}}}}.dump());
  REQUIRE(good.ok());
  CHECK(good->witnesses.policy == "/etc/lawtrail/监督机关.txt");
  CHECK(good->witnesses.tsa == "http://tsa.example/tsa");
  CHECK(good->witnesses.fail_open_seconds == 600);
  CHECK(good->witnesses.timeout_seconds == 2.5);
  CHECK(good->witnesses.export_wait_seconds == 30);
  CHECK(good->api.http.port == 9090);
  CHECK(good->api.http.max_connections == 8);
  CHECK(good->brokers == "k1:9092");
  auto caller = good->api.tokens.Identify("Bearer a-token");
  REQUIRE(caller.ok());
  CHECK(caller->role == api::Role::kSupervisor);
  CHECK(caller->certificate == "41157001");
  CHECK(!good->api.tokens.Identify("Bearer another").ok());
  CHECK(good->api.tokens.Identify("").value().role == api::Role::kPublic);
  auto clear =
      api::ParseServeConfig(json{{"tokens", {{{"name", "li"}, {"role", "admin"}, {"token", "secret"}}}}}.dump());
  REQUIRE(!clear.ok());
  CHECK_THAT(clear.status().message(), Catch::Contains("clear token"));
  CHECK_THAT(api::ParseServeConfig(R"({"limits": {"max_conections": 5}})").status().message(),
             Catch::Contains("max_conections"));
  CHECK_THAT(api::ParseServeConfig(R"({"tokens": [{"name": "x", "role": "judge", "sha256": ""}]})").status().message(),
             Catch::Contains("judge"));
  CHECK(!api::ParseServeConfig(R"({"listen": "localhost"})").ok());
}

TEST_CASE("a config value of the wrong type or an unknown member is refused by name, never thrown") {
  // The first was found by fuzzing: nlohmann threw, and `lawtrail serve` died on its config.
  const std::vector<std::pair<std::string, std::string>> refused = {
      {R"({"kafka": {"brokers": {"acks": "all"}}})", "kafka.brokers: must be a string"},
      {R"({"kafka": {"topic_prefix": 7}})", "kafka.topic_prefix: must be a string"},
      {R"({"kafka": {"broker": "k1:9092"}})", "kafka.broker: unknown setting"},
      {R"({"witnesses": "policy.txt"})", "witnesses: must be an object"},
      {R"({"witnesses": {"polcy": "policy.txt"}})", "witnesses.polcy: unknown setting"},
      {R"({"witnesses": {"policy": 1}})", "witnesses.policy: must be a string"},
      {R"({"witnesses": {"timeout_seconds": 0}})", "witnesses.timeout_seconds: must be a number of seconds above 0"},
      {R"({"witnesses": {"fail_open_seconds": -1}})", "witnesses.fail_open_seconds: must be a number"},
      {R"({"witnesses": {"export_wait_seconds": "30"}})", "witnesses.export_wait_seconds: must be a number"},
      {R"({"tokens": [{"name": ["li"], "role": "supervisor", "sha256": ""}]})", "tokens[0].name: must be a string"},
      {R"({"tokens": [{"name": "li", "role": 3, "sha256": ""}]})", "tokens[0].role: must be a string"},
      {R"({"tokens": [{"name": "li", "role": "supervisor", "sha256": null}]})", "tokens[0].sha256: must be a string"},
      {R"({"tokens": [{"name": "li", "role": "supervisor", "certificate": 41157001, "sha256": ""}]})",
       "tokens[0].certificate: must be a string"},
      {R"({"tokens": [{"name": "li", "role": "supervisor", "sha265": ""}]})", "tokens[0].sha265: unknown setting"},
  };
  for (const auto& [config, message] : refused) {
    INFO(config);
    Result<api::ServeConfig> parsed = Status::Internal("threw");
    CHECK_NOTHROW(parsed = api::ParseServeConfig(config));
    REQUIRE_FALSE(parsed.ok());
    CHECK_THAT(parsed.status().message(), Catch::Contains(message));
  }
}

TEST_CASE("bad requests get clear JSON errors with stable codes") {
  TestLog t;
  api::HttpServerOptions http;
  http.max_body_bytes = 4096;
  http.max_header_bytes = 2048;
  http.read_timeout = std::chrono::milliseconds(500);
  Served s(t, http);
  auto code = [](const Reply& r) { return json::parse(r.body)["error"]["code"].get<std::string>(); };
  const Reply big =
      Http(s.port(), "POST", "/v1/statements", std::string(10'000, 'x'), "application/octet-stream", kOfficerToken);
  CHECK(big.status == 413);
  CHECK(code(big) == "body_too_large");
  const Reply malformed =
      Http(s.port(), "POST", "/v1/statements", "{\"submissions\": [", "application/json", kOfficerToken);
  CHECK(malformed.status == 400);
  CHECK_THAT(json::parse(malformed.body)["error"]["message"].get<std::string>(),
             Catch::StartsWith("the body is not valid JSON: JSON at byte 17"));
  const Reply wrong_type = Http(s.port(), "POST", "/v1/statements", "hello", "text/plain", kOfficerToken);
  CHECK(wrong_type.status == 400);
  CHECK(code(Http(s.port(), "GET", "/v1/nowhere")) == "unknown_path");
  CHECK(Http(s.port(), "PUT", "/v1/log").status == 405);
  CHECK(Http(s.port(), "GET", "/v1/records/abc").status == 400);
  CHECK(Http(s.port(), "GET", "/v1/records/99999").status == 404);
  const std::string huge_header = "GET /v1/log HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(4000, 'a') + "\r\n\r\n";
  CHECK(RawExchange(s.port(), huge_header).find("HTTP/1.1 431") == 0);
  CHECK(RawExchange(s.port(), "GARBAGE\r\n\r\n").find("HTTP/1.1 400") == 0);
  // A slow client that never finishes its request is answered 408 and cut off.
  const auto started = std::chrono::steady_clock::now();
  const std::string slow =
      RawExchange(s.port(), "POST /v1/statements HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nab");
  CHECK(slow.find("HTTP/1.1 408") == 0);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
}

TEST_CASE("beyond the connection limit new connections are answered 503 and closed") {
  TestLog t;
  api::HttpServerOptions http;
  http.max_connections = 2;
  http.read_timeout = std::chrono::milliseconds(3000);
  Served s(t, http);
  auto held = std::make_unique<HeldConnections>(s.port(), 2);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  CHECK(RawExchange(s.port(), "", 3000).find("HTTP/1.1 503") == 0);
  held.reset();
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  CHECK(Http(s.port(), "GET", "/healthz").status == 200);
}

TEST_CASE("stopping the server answers a batch already being appended, and every statement in it is durable") {
  TestLog t;
  const TestOfficer officer = t.AddOfficer("O-1");
  const uint64_t before = *t.log().reader().Size();
  std::string body;
  for (int i = 0; i < 3000; ++i) body += Framed(t.Memo(officer, "青山镇〔2026〕第" + std::to_string(i % 50) + "号"));
  Reply reply;
  {
    Served s(t);
    std::thread client(
        [&] { reply = Http(s.port(), "POST", "/v1/statements", body, "application/octet-stream", kOfficerToken); });
    // Stop once the server has taken the request: its append is then in flight.
    for (int i = 0; i < 500 && t.log().pending_statements() == 0 && *t.log().reader().Size() == before; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    s.server->Stop();
    client.join();
  }
  REQUIRE(reply.status == 200);
  CHECK(json::parse(reply.body)["accepted"] == 3000);
  CHECK(*t.log().reader().Size() == before + 3000);
}

// A demo year of `cases` served with its views; a supervisor token.
struct DemoApi {
  DemoLog demo;
  std::unique_ptr<Log> log;
  std::unique_ptr<projectors::ViewStore> views;
  std::unique_ptr<api::ApiServer> server;
  uint16_t port = 0;
  explicit DemoApi(uint64_t cases) : demo(cases) {
    auto opened = Log::Open(demo.dir.path());
    REQUIRE(opened.ok());
    log = std::move(*opened);
    auto v = projectors::ViewStore::Open(projectors::ViewsPath(demo.dir.path()));
    REQUIRE(v.ok());
    views = std::move(*v);
    api::ApiServerOptions o;
    o.http.port = 0;
    o.access_log = false;
    o.tokens.Add(Entry(kSupervisorToken, api::Role::kSupervisor));
    auto started = api::ApiServer::Start(log.get(), log->store(), views.get(), "", std::move(o));
    REQUIRE(started.ok());
    server = std::move(*started);
    port = server->port();
  }
  ~DemoApi() {
    if (server) server->Stop();
  }
};

TEST_CASE("views are served as the projectors fold them: decisions, certificates, statistics, metrics") {
  DemoApi served(40);
  const uint16_t port = served.port;
  // The projectors catch up on their own thread.
  json list;
  for (int i = 0; i < 200; ++i) {
    list = json::parse(Http(port, "GET", "/v1/disclosures?per_page=5").body);
    if (list.contains("total") && list["total"].get<int>() > 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  REQUIRE(list["total"].get<int>() > 0);
  CHECK(list["items"].size() <= 5);
  const std::string case_id = list["items"][0]["case_id"];
  const Reply one = Http(port, "GET", "/v1/disclosures/" + case_id);
  REQUIRE(one.status == 200);
  CHECK_FALSE(json::parse(one.body).contains("versions"));  // earlier versions are never public
  // The roster: every officer's certificate answers, the suspended one as suspended.
  const json roster = json::parse(Http(port, "GET", "/v1/registry/officers").body);
  REQUIRE(roster["items"].size() > 10);
  bool saw_suspended = false;
  for (const auto& officer : roster["items"]) {
    const json check =
        json::parse(Http(port, "GET", "/v1/registry/officers/" + officer["key"].get<std::string>()).body);
    CHECK((check["status"] == "valid" || check["status"] == "suspended" || check["status"] == "expired"));
    saw_suspended = saw_suspended || check["status"] == "suspended";
  }
  CHECK(saw_suspended);
  CHECK(Http(port, "GET", "/v1/registry/officers/00000000").status == 404);
  CHECK(Http(port, "GET", "/v1/statistics/2025").status == 200);
  CHECK(json::parse(Http(port, "GET", "/v1/registry/agency").body)["name"] == "青山镇人民政府");
  CHECK(json::parse(Http(port, "GET", "/v1/registry/items/PowerItem").body)["items"].size() > 0);
  const json report = json::parse(Http(port, "GET", "/v1/reports/annual/2025").body);
  CHECK(report.contains("情况说明"));
  const json lag = json::parse(Http(port, "GET", "/v1/projectors").body);
  CHECK(lag["projectors"].size() == projectors::AllProjectors().size());
  CHECK(Http(port, "GET", "/v1/warnings").status == 403);
  const Reply warnings = Http(port, "GET", "/v1/warnings?today=2026-01-31", "", "", kSupervisorToken);
  CHECK(warnings.status == 200);
  CHECK(json::parse(warnings.body)["warnings"].is_array());
  // A supervisor looks a person up in the keyed party index: the records that name them.
  std::string id_no;
  for (const auto& item : served.demo.year.items) {
    auto sub = ParseSubmission(item.submission);
    REQUIRE(sub.ok());
    for (const auto& opening : sub->openings) {
      if (opening.field == "party.id_no") id_no = opening.value;
    }
    if (!id_no.empty()) break;
  }
  REQUIRE(!id_no.empty());
  const std::string lookup = json{{"id_no", id_no}}.dump();
  CHECK(Http(port, "POST", "/v1/parties/lookup", lookup, "application/json").status == 403);
  const Reply party = Http(port, "POST", "/v1/parties/lookup", lookup, "application/json", kSupervisorToken);
  REQUIRE(party.status == 200);
  CHECK(!json::parse(party.body)["matches"].empty());
  CHECK(party.body.find(id_no) == std::string::npos);  // indices and case ids only
  CHECK(Http(port, "POST", "/v1/parties/lookup", json{{"id_no", "123"}}.dump(), "application/json", kSupervisorToken)
            .status == 400);
  // Searching the published decisions by a decision number finds that one.
  const std::string decision_no = list["items"][0]["decision_no"];
  const json found = json::parse(Http(port, "GET", "/v1/disclosures?q=" + PercentEncode(decision_no)).body);
  REQUIRE(found["total"] == 1);
  CHECK(found["items"][0]["case_id"] == case_id);
  const std::string metrics = Http(port, "GET", "/metrics").body;
  for (const char* name :
       {"lawtrail_http_request_seconds_bucket", "lawtrail_appended_records_total", "lawtrail_append_queue_statements",
        "lawtrail_projector_lag_records", "lawtrail_checkpoint_age_seconds", "lawtrail_log_size"}) {
    CHECK(metrics.find(name) != std::string::npos);
  }
}

// The server's own clock decides what is shown: the demo year is 2025, so
// its three-month displays are over and its three-year ones still run.
TEST_CASE(
    "the public API shows a withdrawn decision only as withdrawn, a corrected one only as it now reads, and "
    "neither an ended display nor an earlier version's record") {
  DemoApi served(600);
  const DemoLog& demo = served.demo;
  auto& views = served.views;
  const uint16_t port = served.port;
  REQUIRE(WaitForViews(port));
  std::set<std::string> listed;
  for (int page = 1;; ++page) {
    const json list = json::parse(Http(port, "GET", "/v1/disclosures?per_page=100&page=" + std::to_string(page)).body);
    for (const auto& d : list["items"]) listed.insert(d["case_id"].get<std::string>());
    if (list["items"].size() < 100) break;
  }
  const std::string today = ChinaDay(NowMs());
  size_t withdrawn = 0, corrected = 0, ended = 0;
  for (const auto& c : demo.year.cases) {
    if (!c.published) continue;
    INFO(c.case_id);
    const Reply one = Http(port, "GET", "/v1/disclosures/" + c.case_id);
    if (today > c.display_until) {
      ++ended;
      CHECK_FALSE(listed.count(c.case_id));
      CHECK(one.status == 410);
      CHECK(one.body.find(c.display_until) != std::string::npos);
      CHECK(one.body.find("party") == std::string::npos);
      continue;
    }
    CHECK(listed.count(c.case_id));
    REQUIRE(one.status == 200);
    const json shown = json::parse(one.body)["decision"];
    // The record that makes what is shown is public; the ones before it are not.
    const uint64_t current = shown["record_index"];
    CHECK(Http(port, "GET", "/v1/records/" + std::to_string(current)).status == 200);
    auto stored = views->Get(views->ActiveView(projectors::DisclosureView::kName)->get(), "decision/" + c.case_id);
    REQUIRE(stored.ok());
    const json rec = json::parse(stored->value());
    const uint64_t first = rec["published"]["index"];
    if (c.withdrawn_at_ms != 0) {
      ++withdrawn;
      CHECK(shown.contains("withdrawn"));
      for (const char* hidden : {"party_name", "party_credit_code", "facts", "summary", "penalty_content", "basis"}) {
        CHECK_FALSE(shown.contains(hidden));
      }
      CHECK(one.body.find(rec["facts"].get<std::string>()) == std::string::npos);
      CHECK(one.body.find(rec["party_name"].get<std::string>()) == std::string::npos);
      CHECK(Http(port, "GET", "/v1/records/" + std::to_string(first)).status == 403);
      // A search by the party's name does not find it.
      std::string q;
      for (unsigned char ch : rec["party_name"].get<std::string>()) {
        char hex[4];
        std::snprintf(hex, sizeof hex, "%%%02X", ch);
        q += hex;
      }
      const json found = json::parse(Http(port, "GET", "/v1/disclosures?per_page=100&q=" + q).body);
      for (const auto& d : found["items"]) CHECK(d["case_id"] != c.case_id);
    } else if (c.corrected) {
      ++corrected;
      CHECK(current != first);
      CHECK(Http(port, "GET", "/v1/records/" + std::to_string(first)).status == 403);
    } else {
      CHECK(current == first);
    }
  }
  CHECK(ended > 0);
  CHECK(withdrawn > 0);
  CHECK(corrected > 0);
  // Hostile case ids on the public routes: a clear refusal, never a crash or another case's data.
  for (const std::string& id : {std::string("%00"), std::string(8000, 'A'), std::string("..%2F..%2Fdecision"),
                                std::string("2025-QS-00001%20"), std::string("%E9%9D%92%E5%B1%B1")}) {
    const Reply r = Http(port, "GET", "/v1/disclosures/" + id);
    INFO(id.substr(0, 40) << " → " << r.status);
    CHECK((r.status == 400 || r.status == 404 || r.status == 414 || r.status == 431));
  }
  CHECK(Http(port, "GET", "/v1/disclosures?page=0").status == 400);
  CHECK(Http(port, "GET", "/v1/disclosures?per_page=101").status == 400);
  // The act filter: one of three names, exactly; repeated, re-encoded, padded or oversized, a 400 naming it.
  const std::string penalty = PercentEncode("行政处罚"), licence = PercentEncode("行政许可");
  const Reply repeated = Http(port, "GET", "/v1/disclosures?act=" + licence + "&act=" + penalty);
  CHECK(repeated.status == 400);
  CHECK(repeated.body.find("'act' is given more than once") != std::string::npos);
  CHECK(Http(port, "GET", "/v1/disclosures?page=1&page=2").status == 400);
  for (const std::string& act : {PercentEncode(penalty), penalty + "%20", "%20" + penalty, penalty + "%00",
                                 std::string(2000, 'X'), PercentEncode("行政处罚 ")}) {
    INFO(act.substr(0, 40));
    CHECK(Http(port, "GET", "/v1/disclosures?act=" + act).status == 400);
  }
  // Readers of different acts at once each get only their own.
  std::vector<std::thread> filtered;
  std::atomic<int> own{0};
  for (int i = 0; i < 6; ++i) {
    filtered.emplace_back([&, i] {
      const std::string want = i % 2 == 0 ? "行政处罚" : "行政许可";
      const json list = json::parse(Http(port, "GET", "/v1/disclosures?per_page=100&act=" + PercentEncode(want)).body);
      bool all_own = !list["items"].empty();
      for (const auto& d : list["items"]) all_own = all_own && d["act"] == want;
      if (all_own) ++own;
    });
  }
  for (auto& t : filtered) t.join();
  CHECK(own == 6);
  // Many readers at once, while nothing changes: every one gets the same list.
  const std::string once = Http(port, "GET", "/v1/disclosures?per_page=100").body;
  std::vector<std::thread> readers;
  std::atomic<int> same{0};
  for (int i = 0; i < 8; ++i) {
    readers.emplace_back([&] {
      if (Http(port, "GET", "/v1/disclosures?per_page=100").body == once) ++same;
    });
  }
  for (auto& r : readers) r.join();
  CHECK(same == 8);
  CHECK(Http(port, "GET", "/v1/log").status == 200);
}

}  // namespace
}  // namespace lawtrail::testing
