// A log in a temporary folder with an agency genesis, plus factories for
// officers and signed statements, for tests that exercise the real stack.
#ifndef LAWTRAIL_TESTS_SUPPORT_TEST_LOG_H_
#define LAWTRAIL_TESTS_SUPPORT_TEST_LOG_H_

#include <memory>
#include <optional>
#include <string>

#include "ledger/client/registry_statements.h"
#include "ledger/log/log.h"
#include "tests/support/temp_dir.h"

namespace lawtrail::testing {

inline constexpr const char* kTestOrigin = "test.lawtrail.example/enforcement";

struct TestOfficer {
  std::string certificate_no;
  KeyPair key;
};

class TestLog {
 public:
  explicit TestLog(LogOptions options = {});

  Log& log() { return *log_; }
  const std::string& dir() const { return dir_.path(); }
  const note::Signer& root() const { return root_; }
  const std::string& vkey() const { return vkey_; }

  // Registers an officer with the given roles (signed by the root key).
  TestOfficer AddOfficer(const std::string& certificate_no, std::vector<fb::Role> roles = {fb::Role::Officer},
                         const std::string& name = "张三");
  // A signed registry event built by `build` from a root-signed header.
  Bytes SignedRegistryEvent(const std::function<Bytes(const StatementHeader&)>& build) const;
  // The header of a statement `officer` makes now on `case_id`.
  static StatementHeader HeaderFor(const TestOfficer& officer, const std::string& case_id);
  // A signed case memo by `officer`.
  Bytes Memo(const TestOfficer& officer, const std::string& case_id, const std::string& text = "现场检查记录",
             std::optional<uint64_t> expected_version = std::nullopt) const;

  // Appends one statement; returns its result.
  AppendResult AppendOne(Bytes signed_statement);
  // Closes and reopens the log (e.g. after editing the store underneath).
  void Close() { log_.reset(); }
  void Reopen(LogOptions options = {});

 private:
  TempDir dir_;
  Clock clock_;       // the log's clock, if not the system's
  std::string vkey_;  // set while root_ is initialised: declared before it
  note::Signer root_;
  std::unique_ptr<Log> log_;
};

// Opens the log's store read-only (a second process's view).
std::unique_ptr<Store> OpenStore(const std::string& dir, OpenMode mode = OpenMode::kReadOnly);

}  // namespace lawtrail::testing

#endif  // LAWTRAIL_TESTS_SUPPORT_TEST_LOG_H_
