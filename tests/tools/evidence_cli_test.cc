// The evidence store from the command line, as the operator and the archivist
// on the server use it: a file a record names is listed as missing until put,
// put keeps it, verify and scrub name the records behind a file, a changed
// byte is found, and get appends the supervisor's retrieval before copying.
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "ledger/core/bytes.h"
#include "ledger/core/sha256.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace lawtrail {
namespace {

using testing::RunLawtrail;

constexpr char kOrigin[] = "demo.lawtrail.local/enforcement";
constexpr char kCase[] = "2025-QS-00007";

TEST_CASE("the evidence commands: missing, put, verify, get after its retrieval, and scrub finding a changed byte",
          "[cli]") {
  testing::TempDir tmp;
  const std::string d = tmp / "d";
  REQUIRE(RunLawtrail({"demo", "--data", d, "--cases", "30"}).exit_code == 0);
  const std::string key = d + "/demo-supervisor.key";
  // The scan of the release approval, named by the approval itself.
  const std::string scan = "原始记录对外提供审批表（扫描件）" + std::string(5000, 'x');
  testing::WriteAll(tmp / "scan.pdf", scan);
  const std::string hex = ToHex(Sha256(AsBytes(scan)));
  testing::WriteAll(tmp / "release.json",
                    std::string(R"({"case_id":")") + kCase +
                        R"(","payload_type":"OriginalsReleaseApproved","payload":{"recipient":"青山区人民法院",)"
                        R"("purpose":"行政诉讼举证","items":[]},"attachments":[{"content_hash":")" +
                        hex + R"(","size":)" + std::to_string(scan.size()) +
                        R"(,"media_type":"application/pdf","title":"原始记录对外提供审批表"}]})");
  const auto signed_release = RunLawtrail({"sign", "--key", key, "--origin", kOrigin, tmp / "release.json"});
  REQUIRE(signed_release.exit_code == 0);
  testing::WriteAll(tmp / "release.bin", signed_release.out);
  REQUIRE(RunLawtrail({"append", "--data", d, tmp / "release.bin"}).exit_code == 0);
  REQUIRE(RunLawtrail({"project", "--data", d}).exit_code == 0);

  const auto missing = RunLawtrail({"evidence", "missing", "--data", d});
  INFO(missing.out << missing.err);
  REQUIRE(missing.exit_code == 0);
  CHECK_THAT(missing.out, Catch::Contains(hex));
  CHECK_THAT(missing.out, Catch::Contains(std::string("case ") + kCase + "  原始记录对外提供审批"));

  const auto put = RunLawtrail({"evidence", "put", "--data", d, tmp / "scan.pdf"});
  INFO(put.out << put.err);
  REQUIRE(put.exit_code == 0);
  CHECK_THAT(put.out, Catch::Contains(hex + "  " + (tmp / "scan.pdf") + "  kept, 5048 bytes"));
  CHECK_THAT(RunLawtrail({"evidence", "missing", "--data", d}).out, !Catch::Contains(hex));
  // A file no record names is staged, not kept.
  testing::WriteAll(tmp / "other.jpg", "现场照片");
  CHECK_THAT(RunLawtrail({"evidence", "put", "--data", d, tmp / "other.jpg"}).out,
             Catch::Contains("staged, 12 bytes (no record names it yet)"));

  const auto verified = RunLawtrail({"evidence", "verify", "--data", d, hex});
  CHECK(verified.exit_code == 0);
  CHECK_THAT(verified.out, Catch::Contains(hex + "  intact, 5048 bytes"));
  CHECK_THAT(verified.out, Catch::Contains(std::string("case ") + kCase));

  const std::string size_before = RunLawtrail({"checkpoint", "--data", d}).out;
  const auto got = RunLawtrail({"evidence", "get", "--data", d, hex, "--case", kCase, "--key", key, "--purpose",
                                "行政诉讼举证", "--out", tmp / "copy.pdf"});
  INFO(got.out << got.err);
  REQUIRE(got.exit_code == 0);
  CHECK(testing::ReadAll(tmp / "copy.pdf") == scan);
  CHECK_THAT(got.out, Catch::Contains("the retrieval is record"));
  const std::string index = got.out.substr(got.out.rfind(' ') + 1, got.out.find_last_not_of("\n") - got.out.rfind(' '));
  const auto record = RunLawtrail({"get", "--data", d, "--index", index});
  CHECK_THAT(record.out, Catch::Contains("CaseFileRetrieved"));
  CHECK_THAT(record.out, Catch::Contains("原件 " + hex));
  // A retrieval that cannot be recorded copies nothing.
  const auto refused = RunLawtrail({"evidence", "get", "--data", d, hex, "--case", "no-such-case", "--key", key,
                                    "--purpose", "调阅", "--out", tmp / "none.pdf"});
  CHECK(refused.exit_code != 0);
  CHECK_FALSE(std::filesystem::exists(tmp / "none.pdf"));

  // One byte of the kept file changes: scrub finds it, with the record that names it.
  const std::string stored = d + "/evidence/objects/" + hex.substr(0, 2) + "/" + hex.substr(2, 2) + "/" + hex;
  std::filesystem::permissions(stored, std::filesystem::perms::owner_write, std::filesystem::perm_options::add);
  {
    std::fstream f(stored, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(100);
    f.put('y');
  }
  const auto scrub = RunLawtrail({"evidence", "scrub", "--data", d});
  INFO(scrub.out);
  CHECK(scrub.exit_code == 1);
  CHECK_THAT(scrub.out, Catch::Contains("2 files"));
  CHECK_THAT(scrub.out, Catch::Contains("1 problem"));
  CHECK_THAT(scrub.out, Catch::Contains(hex + "  changed"));
  CHECK_THAT(scrub.out, Catch::Contains(std::string("case ") + kCase));
  CHECK(RunLawtrail({"evidence", "verify", "--data", d, hex}).exit_code == 1);
}

}  // namespace
}  // namespace lawtrail
