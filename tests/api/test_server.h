// A server over a TestLog on a free port, with one bearer token per role,
// and the request bodies the API tests send: shared by the API test files.
#ifndef LAWTRAIL_TESTS_API_TEST_SERVER_H_
#define LAWTRAIL_TESTS_API_TEST_SERVER_H_

#include <cctype>
#include <functional>
#include <memory>
#include <string>

#include <catch2/catch.hpp>

#include "api/api_server.h"
#include "ledger/client/statement_builder.h"
#include "ledger/client/statement_stream.h"
#include "ledger/core/sha256.h"
#include "projectors/all.h"
#include "tests/support/test_log.h"

namespace lawtrail::testing {

constexpr const char* kOfficerToken = "officer-token";
constexpr const char* kSupervisorToken = "supervisor-token";
constexpr const char* kAuditorToken = "auditor-token";
constexpr const char* kAdminToken = "admin-token";  // every permission: for sending every route hostile input

inline api::TokenEntry Entry(const std::string& token, api::Role role, const std::string& certificate = "") {
  api::TokenEntry e;
  e.name = std::string(api::RoleName(role)) + "-test";
  e.role = role;
  e.certificate = certificate;
  const Hash h = Sha256(AsBytes(token));
  std::copy(h.begin(), h.end(), e.sha256.begin());
  return e;
}

// A server over a TestLog, on a free port, with one token per role.
struct Served {
  explicit Served(TestLog& t, api::HttpServerOptions http = {}, const std::string& supervisor_cert = "S-1",
                  const std::function<void(api::ApiServerOptions&)>& configure = nullptr) {
    api::ApiServerOptions o;
    http.port = 0;
    o.http = http;
    o.access_log = false;
    o.tokens.Add(Entry(kOfficerToken, api::Role::kOfficer));
    o.tokens.Add(Entry(kSupervisorToken, api::Role::kSupervisor, supervisor_cert));
    o.tokens.Add(Entry(kAuditorToken, api::Role::kAuditor));
    o.tokens.Add(Entry(kAdminToken, api::Role::kAdmin));
    if (configure) configure(o);
    auto views = projectors::ViewStore::Open(projectors::ViewsPath(t.dir()));
    REQUIRE(views.ok());
    views_ = std::move(*views);
    auto s = api::ApiServer::Start(&t.log(), t.log().store(), views_.get(), t.vkey(), std::move(o));
    REQUIRE(s.ok());
    server = std::move(*s);
  }
  ~Served() { server->Stop(); }
  uint16_t port() const { return server->port(); }
  std::unique_ptr<projectors::ViewStore> views_;
  std::unique_ptr<api::ApiServer> server;
};

inline std::string Framed(const Bytes& statement) {
  std::string out;
  AppendFramedStatement(out, statement);
  return out;
}

inline std::string PercentEncode(const std::string& s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
      out.push_back(static_cast<char>(c));
    } else {
      out += {'%', kHex[c >> 4], kHex[c & 15]};
    }
  }
  return out;
}

inline Bytes Retrieval(const TestOfficer& supervisor, const std::string& case_id,
                       const std::string& scope = "全部案卷") {
  const StatementHeader h = TestLog::HeaderFor(supervisor, case_id);
  flatbuffers::FlatBufferBuilder b;
  auto payload = fb::CreateCaseFileRetrievedDirect(b, "执法监督检查", scope.c_str());
  return SignStatement(FinishStatement(b, h, fb::Payload::CaseFileRetrieved, payload.Union()), supervisor.key);
}

}  // namespace lawtrail::testing

#endif  // LAWTRAIL_TESTS_API_TEST_SERVER_H_
