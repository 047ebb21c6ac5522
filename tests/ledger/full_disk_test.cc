// A full disk loses no acknowledged event: appends fail with a clear I/O
// error, the log refuses work until reopened, and after space is freed the
// reopened log holds every acknowledged record and verifies.
//
// Needs a small filesystem of its own: the test mounts a tmpfs (root only);
// where mounting is not allowed it says so and checks nothing.
#include <filesystem>

#include <catch2/catch.hpp>
#include <sys/mount.h>

#include "ledger/core/record.h"
#include "tests/support/tamper.h"
#include "tests/support/test_log.h"

namespace lawtrail {
namespace {

using testing::TempDir;

class SmallDisk {
 public:
  explicit SmallDisk(const std::string& path) : path_(path) {
    std::filesystem::create_directories(path);
    mounted_ = ::mount("tmpfs", path.c_str(), "tmpfs", 0, "size=6m") == 0;
  }
  ~SmallDisk() {
    if (mounted_) ::umount2(path_.c_str(), MNT_DETACH);
  }
  bool mounted() const { return mounted_; }
  bool Grow() { return ::mount("tmpfs", path_.c_str(), "tmpfs", MS_REMOUNT, "size=256m") == 0; }

 private:
  std::string path_;
  bool mounted_ = false;
};

TEST_CASE("a full disk loses no acknowledged event", "[durability][disk]") {
  TempDir base;
  SmallDisk disk(base / "disk");
  if (!disk.mounted()) {
    WARN("cannot mount a tmpfs here (not root?): the full-disk test checks nothing");
    return;
  }
  const std::string dir = base / "disk/log";
  auto created = Log::Create(dir, testing::kTestOrigin, {"青山镇人民政府", ""});
  REQUIRE(created.ok());
  const note::Signer root = created->root;

  auto log = Log::Open(dir);
  REQUIRE(log.ok());
  const KeyPair key = KeyPair::Generate();
  OfficerInfo info{"41150001", "王伟", "执法队员", key.public_key(), {fb::Role::Officer}, 0, 0};
  REQUIRE((*log)
              ->Append({SignStatement(
                  OfficerRegisteredStatement(RegistryHeader(testing::kTestOrigin, root.key.public_key()), info),
                  root.key)})[0]
              .ok());

  std::vector<Bytes> submitted;
  std::vector<std::pair<uint64_t, EventId>> acknowledged;
  Status failure;
  for (int batch = 0; batch < 400 && failure.ok(); ++batch) {
    std::vector<Bytes> statements;
    for (int i = 0; i < 64; ++i) {
      StatementHeader h;
      h.event_id = RandomEventId();
      h.origin = testing::kTestOrigin;
      h.case_id = "case-" + std::to_string(i);
      h.certificate_no = "41150001";
      h.key = key.public_key();
      h.occurred_at_ms = NowMs();
      statements.push_back(SignStatement(CaseMemoStatement(h, "记录", std::string(2000, 'x')), key));
    }
    submitted.insert(submitted.end(), statements.begin(), statements.end());
    for (const auto& r : (*log)->Append(std::move(statements))) {
      if (r.ok()) {
        acknowledged.emplace_back(r->index, r->event_id);
      } else if (failure.ok()) {
        failure = r.status();
      }
    }
  }
  INFO(failure.ToString());
  REQUIRE_FALSE(failure.ok());
  CHECK(failure.code() == StatusCode::kIOError);
  CHECK_THAT(failure.message(), Catch::Contains("No space left") || Catch::Contains("space"));
  // Until reopened, the log refuses everything rather than risk a gap.
  const AppendResult after = (*log)->Append({submitted.front()})[0];
  CHECK_FALSE(after.ok());

  log->reset();
  REQUIRE(disk.Grow());
  auto reopened = Log::Open(dir);
  REQUIRE(reopened.ok());
  for (const auto& [index, id] : acknowledged) {
    auto bytes = (*reopened)->reader().RecordBytes(index);
    REQUIRE(bytes.ok());
    auto rv = ParseRecord(*bytes);
    REQUIRE(rv.ok());
    const auto* got = rv->record->signed_statement_nested_root()->statement_nested_root()->event_id();
    REQUIRE(std::equal(got->begin(), got->end(), id.begin()));
  }
  // Resubmitting everything appends what was not recorded and returns the
  // original index for what was.
  for (size_t begin = 0; begin < submitted.size(); begin += 256) {
    std::vector<Bytes> chunk(submitted.begin() + begin, submitted.begin() + std::min(submitted.size(), begin + 256));
    for (const auto& r : (*reopened)->Append(std::move(chunk))) REQUIRE(r.ok());
  }
  CHECK((*reopened)->size() == submitted.size() + 2);
  reopened->reset();
  const VerifyReport report = testing::VerifyDir(dir, created->verifier_key);
  INFO(report.status.ToString());
  CHECK(report.status.ok());
}

}  // namespace
}  // namespace lawtrail
