// The evidence store over HTTP: uploads streamed and verified against the
// hash in their path, resumable in pieces, stored once; originals read only
// by a supervisor, after the signed retrieval is in the log; never by the
// public. Then `lawtrail serve` as a process: a 2 GB recording uploaded with
// the server's memory bounded, and a kill -9 in the middle of an upload.
#include <algorithm>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <thread>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "ledger/client/case_acts.h"
#include "ledger/core/record.h"
#include "ledger/core/sha256.h"
#include "tests/api/evidence_client.h"
#include "tests/api/http_client.h"
#include "tests/api/test_server.h"
#include "tests/support/case_fixture.h"
#include "tests/support/process.h"
#include "tests/support/sanitizers.h"
#include "tests/support/temp_dir.h"

namespace lawtrail::testing {
namespace {

using nlohmann::json;

std::string Video(size_t n, char seed) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; ++i) s[i] = static_cast<char>(seed + i * 7 + (i >> 11));
  return s;
}

std::string Hex(const std::string& bytes) { return ToHex(Sha256(AsBytes(bytes))); }

std::string Code(const Reply& r) {
  const json body = json::parse(r.body, nullptr, false);
  return body.is_object() && body.contains("error") ? body["error"].value("code", "") : "";
}

// A server over the fixture's log with an evidence store in its folder.
struct EvidenceServer {
  explicit EvidenceServer(CaseFixture& f) {
    auto opened = evidence::EvidenceStore::Open({f.t().dir() + "/evidence"});
    REQUIRE(opened.ok());
    store = std::move(*opened);
    served = std::make_unique<Served>(f.t(), api::HttpServerOptions{}, f.supervisor.certificate_no,
                                      [this](api::ApiServerOptions& o) {
                                        o.evidence = store.get();
                                        o.evidence_interval = std::chrono::hours(24);  // the test reconciles
                                      });
  }
  uint16_t port() const { return served->port(); }
  Reply Put(const std::string& bytes, const std::string& hex, const std::string& token = kOfficerToken) const {
    return Http(port(), "PUT", "/v1/evidence/" + hex, bytes, "video/mp4", token);
  }
  std::unique_ptr<evidence::EvidenceStore> store;
  std::unique_ptr<Served> served;
};

// Case C1 opened, with a recording attached on day 1.
void CaseWithRecording(CaseFixture& f, const std::string& video) {
  f.Open("C1", 0);
  domain::AvInfo av{video, CaseFixture::Day(1, 9), CaseFixture::Day(1, 10)};
  f.Admit(domain::AttachAv(f.By(f.a, "C1", 1, 11), av, "现场检查"));
}

TEST_CASE("an upload whose bytes are not the file its path names is refused and nothing is kept") {
  CaseFixture f;
  EvidenceServer s(f);
  const std::string video = Video(200'000, 'a');
  std::string sent = video;
  sent[150'000] ^= 1;
  const Reply r = s.Put(sent, Hex(video));
  CHECK(r.status == 422);
  CHECK(Code(r) == "hash_mismatch");
  CHECK_THAT(r.body, Catch::Contains(Hex(sent)));
  CHECK(s.store->Info(Sha256(AsBytes(video))).state == evidence::State::kAbsent);
  CHECK(std::filesystem::is_empty(f.t().dir() + "/evidence/uploads"));
  CHECK(std::filesystem::is_empty(f.t().dir() + "/evidence/staged"));
}

TEST_CASE("the same file uploaded twice is stored once, and the second upload sends nothing") {
  CaseFixture f;
  EvidenceServer s(f);
  const std::string video = Video(100'000, 'b');
  const Reply first = s.Put(video, Hex(video));
  REQUIRE(first.status == 201);
  CHECK(json::parse(first.body)["state"] == "staged");  // no record names it yet
  CHECK(json::parse(first.body)["size"] == video.size());
  const Reply again = s.Put(video, Hex(video));
  CHECK(again.status == 200);
  CHECK(json::parse(again.body)["state"] == "staged");
  size_t files = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(f.t().dir() + "/evidence")) {
    files += e.is_regular_file() && e.path().filename() == Hex(video);
  }
  CHECK(files == 1);
}

TEST_CASE("an upload in pieces resumes exactly where the store says it stopped") {
  CaseFixture f;
  EvidenceServer s(f);
  const SyntheticFile file(5 << 20);
  const std::string hex = ToHex(file.Sha256());
  const std::string target = "/v1/evidence/" + hex;
  auto range = [&](uint64_t from, uint64_t to) {
    return "Authorization: Bearer " + std::string(kOfficerToken) + "\r\nContent-Range: bytes " + std::to_string(from) +
           "-" + std::to_string(to - 1) + "/" + std::to_string(file.size()) + "\r\n";
  };
  const StreamReply first = PutStreamed(s.port(), target, file, 0, 2 << 20, range(0, 2 << 20));
  REQUIRE(first.status == 202);
  CHECK(json::parse(first.body)["received"] == (2 << 20));
  // The client lost track: the store tells it where it stands.
  const Reply status = Http(s.port(), "GET", target, "", "", kOfficerToken);
  REQUIRE(status.status == 200);
  CHECK(json::parse(status.body)["state"] == "uploading");
  CHECK(json::parse(status.body)["received"] == (2 << 20));
  // A piece from elsewhere is refused, saying where to go on from.
  const StreamReply wrong = PutStreamed(s.port(), target, file, 3 << 20, 5 << 20, range(3 << 20, 5 << 20));
  CHECK(wrong.status == 409);
  CHECK_THAT(wrong.head, Catch::Contains("x-lawtrail-received: 2097152"));
  const StreamReply rest = PutStreamed(s.port(), target, file, 2 << 20, 5 << 20, range(2 << 20, 5 << 20));
  REQUIRE(rest.status == 201);
  CHECK(json::parse(rest.body)["size"] == file.size());
  CHECK(s.store->Info(file.Sha256()).state == evidence::State::kStaged);
}

TEST_CASE("hostile uploads are refused naming what is wrong") {
  CaseFixture f;
  EvidenceServer s(f);
  const std::string video = Video(1000, 'h');
  const std::string hex = Hex(video);
  CHECK(s.Put(video, "C1").status == 400);
  CHECK(s.Put(video, std::string(64, 'A')).status == 400);
  CHECK(s.Put(video, hex, "").status == 403);             // the public uploads nothing
  CHECK(s.Put(video, hex, kAuditorToken).status == 403);  // nor does an auditor
  CHECK(s.Put(video, hex, "not-a-token").status == 401);
  const SyntheticFile file(4096);
  auto put = [&](const std::string& headers) {
    return PutStreamed(s.port(), "/v1/evidence/" + ToHex(file.Sha256()), file, 0, 4096,
                       "Authorization: Bearer " + std::string(kOfficerToken) + "\r\n" + headers);
  };
  CHECK(put("Content-Range: bytes 0-4095\r\n").status == 400);
  CHECK(put("Content-Range: bytes 10-5/4096\r\n").status == 400);
  CHECK(put("Content-Range: bytes 0-4095/4000\r\n").status == 400);
  CHECK(put("Content-Range: bytes 0-99/4096\r\n").status == 400);  // announces 100 bytes, sends 4096
  CHECK(put("Content-Range: bytes 0-4095/4096\r\nContent-Range: bytes 0-4095/4096\r\n").status == 400);
  CHECK(put("Content-Range: bytes x-4095/4096\r\n").status == 400);
  // Nothing of these was kept, and the file still uploads whole.
  CHECK(s.store->Info(file.Sha256()).state != evidence::State::kStaged);
  CHECK(put("").status == 201);
}

TEST_CASE("a supervisor's download of an original is preceded by its retrieval in the log") {
  CaseFixture f;
  const std::string video = Video(3 << 20, 'v');
  CaseWithRecording(f, video);
  EvidenceServer s(f);
  const std::string hex = Hex(video);
  REQUIRE(WaitForViews(s.port()));
  // The view knows a record names it: the upload is kept at once.
  const Reply put = s.Put(video, hex);
  REQUIRE(put.status == 201);
  CHECK(json::parse(put.body)["state"] == "kept");
  const Reply named = Http(s.port(), "GET", "/v1/evidence/" + hex, "", "", kSupervisorToken);
  REQUIRE(json::parse(named.body)["records"].size() == 1);
  CHECK(json::parse(named.body)["records"][0]["case_id"] == "C1");

  const std::string target = "/v1/cases/C1/evidence/" + hex;
  const uint64_t before = *f.t().log().reader().Size();
  SECTION("the file comes back whole, after the signed retrieval naming it is durable") {
    const Reply r = Http(s.port(), "POST", target, Framed(Retrieval(f.supervisor, "C1", "原件 " + hex)),
                         "application/octet-stream", kSupervisorToken);
    REQUIRE(r.status == 200);
    CHECK(r.body == video);
    CHECK(r.headers.at("x-lawtrail-retrieval-index") == std::to_string(before));
    CHECK(*f.t().log().reader().Size() == before + 1);
    auto record = f.t().log().reader().RecordBytes(before);
    REQUIRE(record.ok());
    auto parsed = ParseRecord(*record);
    REQUIRE(parsed.ok());
    auto st = ParseSignedStatement(Bytes(parsed->signed_statement.begin(), parsed->signed_statement.end()));
    REQUIRE(st.ok());
    CHECK(st->statement->payload_type() == fb::Payload::CaseFileRetrieved);
    CHECK_THAT(st->statement->payload_as_CaseFileRetrieved()->scope()->str(), Catch::Contains(hex));
  }
  SECTION("nothing is sent and nothing appended when the retrieval does not name the file") {
    const Reply r = Http(s.port(), "POST", target, Framed(Retrieval(f.supervisor, "C1", "全部案卷")),
                         "application/octet-stream", kSupervisorToken);
    CHECK(r.status == 400);
    CHECK(*f.t().log().reader().Size() == before);
  }
  SECTION("a case that does not name the file gets nothing, and nothing is appended") {
    f.Open("C2", 2);
    const uint64_t now = *f.t().log().reader().Size();
    const Reply r =
        Http(s.port(), "POST", "/v1/cases/C2/evidence/" + hex, Framed(Retrieval(f.supervisor, "C2", "原件 " + hex)),
             "application/octet-stream", kSupervisorToken);
    CHECK(r.status == 404);
    CHECK(*f.t().log().reader().Size() == now);
  }
  SECTION("no officer, auditor or member of the public reads an original") {
    for (const char* token : {"", kOfficerToken, kAuditorToken}) {
      const Reply r = Http(s.port(), "POST", target, Framed(Retrieval(f.supervisor, "C1", "原件 " + hex)),
                           "application/octet-stream", token);
      CHECK((r.status == 401 || r.status == 403));
      CHECK(r.body.find(video.substr(0, 64)) == std::string::npos);
    }
    CHECK(*f.t().log().reader().Size() == before);
  }
}

TEST_CASE("a file a record names and the store lacks is listed until it arrives, then kept") {
  CaseFixture f;
  const std::string video = Video(50'000, 'm');
  EvidenceServer s(f);
  const std::string hex = Hex(video);
  // Uploaded before its record: staged.
  REQUIRE(s.Put(video, hex).status == 201);
  CHECK(s.store->Info(Sha256(AsBytes(video))).state == evidence::State::kStaged);
  const std::string paper = Video(7000, 'p');  // named by a record, never uploaded
  f.Open("C1", 0);
  f.Admit(domain::AttachAv(f.By(f.a, "C1", 1, 11), {video, CaseFixture::Day(1, 9), CaseFixture::Day(1, 10)}, "现场"));
  f.Admit(domain::AttachAv(f.By(f.a, "C1", 1, 12), {paper, CaseFixture::Day(1, 11), CaseFixture::Day(1, 12)}, "询问"));
  REQUIRE(WaitForViews(s.port()));
  REQUIRE(s.served->server->ReconcileEvidence().ok());
  CHECK(s.store->Info(Sha256(AsBytes(video))).state == evidence::State::kKept);
  // Listed: what the acts named and nobody uploaded (the recording, and the 立案审批表 the 立案 carries).
  auto missing = [&] {
    const Reply r = Http(s.port(), "GET", "/v1/evidence?state=missing", "", "", kSupervisorToken);
    REQUIRE(r.status == 200);
    std::map<std::string, json> by_hash;
    const json list = json::parse(r.body);
    for (const json& m : list["missing"]) by_hash[m["sha256"].get<std::string>()] = m;
    return by_hash;
  };
  auto listed = missing();
  REQUIRE(listed.count(Hex(paper)) == 1);
  CHECK(listed[Hex(paper)]["case_id"] == "C1");
  CHECK(listed[Hex(paper)]["kind"] == "recording");
  CHECK(listed.count(Hex(video)) == 0);
  CHECK(std::any_of(listed.begin(), listed.end(), [](const auto& m) { return m.second["kind"] == "document"; }));
  CHECK(Http(s.port(), "GET", "/v1/evidence?state=missing", "", "", kOfficerToken).status == 403);
  CHECK(Http(s.port(), "GET", "/v1/evidence", "", "", kSupervisorToken).status == 400);
  REQUIRE(s.Put(paper, Hex(paper)).status == 201);
  CHECK(missing().count(Hex(paper)) == 0);
}

// ---- lawtrail serve as a process ---------------------------------------------

struct ServeProcess {
  TempDir dir;
  std::string data = dir.path() + "/log";
  pid_t pid = -1;
  uint16_t port = 0;

  ServeProcess() {
    REQUIRE(RunLawtrail({"init", "--data", data, "--origin", kTestOrigin, "--agency", "青山镇人民政府"}).exit_code ==
            0);
    const json config = {{"tokens", json::array({{{"name", "dock"},
                                                  {"role", "officer"},
                                                  {"sha256", ToHex(Sha256(AsBytes(std::string(kOfficerToken))))}}})}};
    WriteAll(dir.path() + "/config.json", config.dump());
    Start();
  }
  void Start() {
    const std::string port_file = dir.path() + "/port";
    std::filesystem::remove(port_file);
    pid = Spawn({LAWTRAIL_BINARY, "serve", "--data", data, "--config", dir.path() + "/config.json", "--listen",
                 "127.0.0.1:0", "--port-file", port_file},
                "", dir.path() + "/serve.out", dir.path() + "/serve.err");
    port = WaitForPortFile(port_file);
    REQUIRE(port != 0);
  }
  ~ServeProcess() {
    if (pid > 0) {
      kill(pid, SIGTERM);
      Wait(pid);
    }
  }
  std::string Auth() const { return "Authorization: Bearer " + std::string(kOfficerToken) + "\r\n"; }
  size_t FilesIn(const std::string& sub) const {
    size_t n = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(data + "/evidence/" + sub))
      n += e.is_regular_file();
    return n;
  }
};

TEST_CASE("a 2 GB recording streams into the store while the server's memory stays within 64 MiB of idle") {
  ServeProcess serve;
  const SyntheticFile file(uint64_t{2} << 30);
  const Hash hash = file.Sha256();
  for (int i = 0; i < 5; ++i) REQUIRE(Http(serve.port, "GET", "/v1/log").status == 200);
  const size_t idle = ResidentBytes(serve.pid);
  size_t peak = idle;
  const StreamReply r =
      PutStreamed(serve.port, "/v1/evidence/" + ToHex(hash), file, 0, file.size(), serve.Auth(), [&](uint64_t sent) {
        if (sent % (32 << 20) == 0) peak = std::max(peak, ResidentBytes(serve.pid));
        return true;
      });
  INFO(r.head << "\n" << r.body);
  REQUIRE(r.status == 201);
  CHECK(json::parse(r.body)["size"] == file.size());
  INFO("resident: " << idle / 1024 << " KiB idle, " << peak / 1024 << " KiB at most during the upload");
  if (!kHeapIsSanitized) CHECK(peak < idle + (64u << 20));
  const std::string stored =
      serve.data + "/evidence/staged/" + ToHex(hash);  // no record names it: staged until one does
  CHECK(std::filesystem::file_size(stored) == file.size());
}

TEST_CASE("kill -9 during an upload leaves no partial file in the store, and the retried upload completes") {
  ServeProcess serve;
  const SyntheticFile file(96 << 20);
  const Hash hash = file.Sha256();
  const std::string target = "/v1/evidence/" + ToHex(hash);
  const StreamReply cut = PutStreamed(serve.port, target, file, 0, file.size(), serve.Auth(), [&](uint64_t sent) {
    if (sent < (40u << 20)) return true;
    kill(serve.pid, SIGKILL);
    return false;
  });
  CHECK(cut.status == 0);
  CHECK(Wait(serve.pid) == -SIGKILL);
  serve.pid = -1;
  CHECK(serve.FilesIn("objects") == 0);
  CHECK(serve.FilesIn("staged") == 0);
  serve.Start();
  const Reply status = Http(serve.port, "GET", target, "", "", kOfficerToken);
  REQUIRE(status.status == 200);
  const json where = json::parse(status.body);
  CHECK(where["state"] == "uploading");
  const uint64_t received = where["received"].get<uint64_t>();
  CHECK(received <= (40u << 20));
  const StreamReply rest =
      PutStreamed(serve.port, target, file, received, file.size(),
                  serve.Auth() + "Content-Range: bytes " + std::to_string(received) + "-" +
                      std::to_string(file.size() - 1) + "/" + std::to_string(file.size()) + "\r\n");
  INFO(rest.head << "\n" << rest.body);
  REQUIRE(rest.status == 201);
  // What is stored is the file, whole: re-hashed from disk.
  const std::string stored = serve.data + "/evidence/staged/" + ToHex(hash);
  std::ifstream in(stored, std::ios::binary);
  Sha256Stream sha;
  std::vector<char> buf(1 << 20);
  while (in.read(buf.data(), buf.size()) || in.gcount() > 0)
    sha.Update(AsBytes(std::string_view(buf.data(), in.gcount())));
  CHECK(sha.Final() == hash);
  CHECK(serve.FilesIn("uploads") == 0);
}

}  // namespace
}  // namespace lawtrail::testing
