#include "tests/support/test_log.h"

#include <stdexcept>

#include "ledger/log/data_dir.h"

namespace lawtrail::testing {
namespace {

template <typename T>
T OrThrow(Result<T> r, const char* what) {
  if (!r.ok()) throw std::runtime_error(std::string(what) + ": " + r.status().ToString());
  return std::move(r).value();
}

note::Signer CreateLog(const std::string& dir, std::string& vkey, const Clock& clock) {
  auto created =
      OrThrow(Log::Create(dir, kTestOrigin, {"青山镇人民政府", "11411500MB1234567X"}, clock), "creating test log");
  vkey = created.verifier_key;
  return created.root;
}

}  // namespace

TestLog::TestLog(LogOptions options) : clock_(options.clock), root_(CreateLog(dir_.path(), vkey_, clock_)) {
  log_ = OrThrow(Log::Open(dir_.path(), std::move(options)), "opening test log");
}

void TestLog::Reopen(LogOptions options) {
  log_.reset();
  log_ = OrThrow(Log::Open(dir_.path(), std::move(options)), "reopening test log");
}

Bytes TestLog::SignedRegistryEvent(const std::function<Bytes(const StatementHeader&)>& build) const {
  StatementHeader h = RegistryHeader(kTestOrigin, root_.key.public_key());
  if (clock_) h.occurred_at_ms = clock_();
  return SignStatement(build(h), root_.key);
}

TestOfficer TestLog::AddOfficer(const std::string& certificate_no, std::vector<fb::Role> roles,
                                const std::string& name) {
  TestOfficer officer{certificate_no, KeyPair::Generate()};
  OfficerInfo info{certificate_no, name, "执法队员", officer.key.public_key(), std::move(roles), 0, 0};
  auto r =
      AppendOne(SignedRegistryEvent([&](const StatementHeader& h) { return OfficerRegisteredStatement(h, info); }));
  if (!r.ok()) throw std::runtime_error("registering officer: " + r.status().ToString());
  return officer;
}

StatementHeader TestLog::HeaderFor(const TestOfficer& officer, const std::string& case_id) {
  return HeaderNow(kTestOrigin, case_id, officer.certificate_no, officer.key.public_key());
}

Bytes TestLog::Memo(const TestOfficer& officer, const std::string& case_id, const std::string& text,
                    std::optional<uint64_t> expected_version) const {
  StatementHeader h = HeaderFor(officer, case_id);
  h.expected_case_version = expected_version;
  return SignStatement(CaseMemoStatement(h, "记录", text), officer.key);
}

AppendResult TestLog::AppendOne(Bytes signed_statement) {
  std::vector<Bytes> batch;
  batch.push_back(std::move(signed_statement));
  return std::move(log_->Append(std::move(batch))[0]);
}

std::unique_ptr<Store> OpenStore(const std::string& dir, OpenMode mode) {
  return OrThrow(Store::Open(data_dir::DbPath(dir), mode), "opening store");
}

}  // namespace lawtrail::testing
