// Whole HTTP requests, as bytes off a socket, through the server's own parser
// and router on a real log, with the token of every role: no request makes
// the server fail (5xx other than 503), and every error names its code.
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "api/api_server.h"
#include "ledger/core/sha256.h"
#include "ledger/log/log.h"
#include "projectors/all.h"
#include "tests/fuzz/fuzz_support.h"

using namespace lawtrail;

namespace {

api::TokenEntry Token(const std::string& token, api::Role role) {
  api::TokenEntry e;
  e.name = std::string(api::RoleName(role));
  e.role = role;
  const Hash h = Sha256(AsBytes(token));
  std::copy(h.begin(), h.end(), e.sha256.begin());
  return e;
}

// One log and one server for the whole run (the router is what is fuzzed;
// the sockets are tested elsewhere). Inputs name tokens "o", "s", "a", "x"
// for officer, supervisor, auditor and admin.
struct World {
  std::string dir;
  std::unique_ptr<Log> log;
  std::unique_ptr<projectors::ViewStore> views;
  std::unique_ptr<api::ApiServer> server;
  api::HttpServerOptions limits;

  World() {
    char tmpl[] = "/tmp/lawtrail-fuzz-http-XXXXXX";
    dir = mkdtemp(tmpl);
    auto created = Log::Create(dir + "/log", std::string(fuzz::kOrigin), {"青山镇人民政府", "11411500MB1234567X"});
    LAWTRAIL_FUZZ_CHECK(created.ok(), "the harness's log is created");
    auto opened = Log::Open(dir + "/log");
    LAWTRAIL_FUZZ_CHECK(opened.ok(), "the harness's log opens");
    log = std::move(*opened);
    auto v = projectors::ViewStore::Open(projectors::ViewsPath(dir + "/log"));
    LAWTRAIL_FUZZ_CHECK(v.ok(), "the harness's views open");
    views = std::move(*v);
    api::ApiServerOptions o;
    o.http.port = 0;
    o.http.max_body_bytes = 64 << 10;
    o.http.max_header_bytes = 8 << 10;
    limits = o.http;
    o.access_log = false;
    o.tokens.Add(Token("o", api::Role::kOfficer));
    o.tokens.Add(Token("s", api::Role::kSupervisor));
    o.tokens.Add(Token("a", api::Role::kAuditor));
    o.tokens.Add(Token("x", api::Role::kAdmin));
    auto s = api::ApiServer::Start(log.get(), log->store(), views.get(), created->verifier_key, std::move(o));
    LAWTRAIL_FUZZ_CHECK(s.ok(), "the harness's server starts");
    server = std::move(*s);
  }
  ~World() {
    server.reset();
    views.reset();
    log.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

World* world = nullptr;

// Stops the server and closes the log before the libraries' own statics are
// destroyed at exit: registered after they were made, it runs before them.
// (Left running, the server's threads met destroyed statics at exit, and a
// replay crashed after its last input now and then.)
void StopWorld() {
  delete world;
  world = nullptr;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (world == nullptr) {
    world = new World();
    std::atexit(StopWorld);
  }
  auto parsed = api::ParseHttpRequest(std::string_view(reinterpret_cast<const char*>(data), size), world->limits);
  if (auto* refused = std::get_if<api::HttpResponse>(&parsed)) {
    LAWTRAIL_FUZZ_CHECK(refused->status >= 400 && refused->status < 500, "what cannot be parsed is a 4xx");
    return 0;
  }
  api::HttpRequest& request = std::get<api::HttpRequest>(parsed);
  const api::HttpResponse response = world->server->router().Handle(request);
  LAWTRAIL_FUZZ_CHECK(response.status < 500 || response.status == 503, "no request makes the server fail");
  if (response.status >= 400) LAWTRAIL_FUZZ_CHECK(!response.error_code.empty(), "every error answer names its code");
  if (response.content_type.starts_with("application/json")) {
    LAWTRAIL_FUZZ_CHECK(!nlohmann::json::parse(response.body, nullptr, false).is_discarded(), "a JSON answer is JSON");
  }
  return 0;
}
