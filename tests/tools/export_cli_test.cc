// A court export made and checked with the command lines a supervisor and a
// court's expert would use: lawtrail export, lawtrail verify-export, and the
// standalone lawtrail-verify-export.
#include <catch2/catch.hpp>

#include "ledger/bundle/bundle.h"
#include "ledger/core/cosignature.h"
#include "tests/support/forge.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace lawtrail {
namespace {

using testing::RunLawtrail;
using testing::RunProgram;

constexpr char kOrigin[] = "demo.lawtrail.local/enforcement";
constexpr char kCase[] = "2025-QS-00007";

std::string LastLine(const std::string& text) {
  const size_t end = text.find_last_not_of('\n');
  const size_t start = text.rfind('\n', end);
  return text.substr(start == std::string::npos ? 0 : start + 1,
                     end - (start == std::string::npos ? 0 : start + 1) + 1);
}

TEST_CASE("a demo case exported on the command line verifies with both verifiers, and a change is named", "[cli]") {
  testing::TempDir tmp;
  const std::string d = tmp / "d";
  REQUIRE(RunLawtrail({"demo", "--data", d, "--cases", "30"}).exit_code == 0);
  const std::string key = d + "/demo-supervisor.key";
  const std::string bundle = tmp / "case.ltex";

  const auto refused = RunLawtrail({"export", "--data", d, "--case", kCase, "--out", bundle, "--key", key});
  CHECK(refused.exit_code == 1);
  CHECK_THAT(refused.err, Catch::Contains("no recorded ExportApproved"));

  testing::WriteAll(tmp / "approval.json",
                    std::string(R"({"case_id":")") + kCase +
                        R"(","payload_type":"ExportApproved","payload":{"recipient":"青山区人民法院",)"
                        R"("purpose":"行政诉讼举证","reveal_fields":["party.name"]}})");
  const auto signed_approval = RunLawtrail({"sign", "--key", key, "--origin", kOrigin, tmp / "approval.json"});
  REQUIRE(signed_approval.exit_code == 0);
  testing::WriteAll(tmp / "approval.bin", signed_approval.out);
  REQUIRE(RunLawtrail({"append", "--data", d, tmp / "approval.bin"}).exit_code == 0);
  const std::string earlier = RunLawtrail({"checkpoint", "--data", d}).out;
  testing::WriteAll(tmp / "earlier.cp", earlier);

  const auto exported = RunLawtrail({"export", "--data", d, "--case", kCase, "--out", bundle, "--key", key, "--trusted",
                                     tmp / "earlier.cp", "--pdf", tmp / "case.pdf"});
  INFO(exported.err);
  REQUIRE(exported.exit_code == 0);
  CHECK(testing::ReadAll(tmp / "case.pdf").starts_with("%PDF-"));
  CHECK_THAT(exported.out, Catch::Contains("exported case 2025-QS-00007"));
  testing::WriteAll(tmp / "vkey", RunLawtrail({"vkey", "--data", d}).out);

  const auto checked = RunLawtrail({"verify-export", bundle, "--vkey", tmp / "vkey", "--trusted", tmp / "earlier.cp"});
  INFO(checked.out << checked.err);
  CHECK(checked.exit_code == 0);
  CHECK_THAT(checked.out, Catch::Contains("VERIFIED"));
  CHECK_THAT(checked.out, Catch::Contains("exported to 青山区人民法院"));
  const auto standalone =
      RunProgram({LAWTRAIL_VERIFY_EXPORT_BINARY, bundle, "--vkey", tmp / "vkey", "--trusted", tmp / "earlier.cp"});
  CHECK(standalone.exit_code == 0);
  CHECK(standalone.out == checked.out);

  // A checkpoint the court obtained later, and the proof to it.
  const std::string bundle_size = LastLine(exported.out).substr(LastLine(exported.out).rfind("of ") + 3);
  REQUIRE(RunLawtrail({"append", "--data", d, tmp / "approval.bin"}).exit_code == 0);  // a repeat: nothing new
  const auto resigned = RunLawtrail({"sign", "--key", key, "--origin", kOrigin, tmp / "approval.json"});
  testing::WriteAll(tmp / "approval2.bin", resigned.out);
  REQUIRE(RunLawtrail({"append", "--data", d, tmp / "approval2.bin"}).exit_code == 0);
  testing::WriteAll(tmp / "later.cp", RunLawtrail({"checkpoint", "--data", d}).out);
  const auto proof =
      RunLawtrail({"prove", "consistency", "--data", d, "--old", bundle_size.substr(0, bundle_size.find(' '))});
  REQUIRE(proof.exit_code == 0);
  testing::WriteAll(tmp / "later.proof", proof.out);
  const auto later = RunProgram({LAWTRAIL_VERIFY_EXPORT_BINARY, bundle, "--vkey", tmp / "vkey", "--trusted",
                                 tmp / "later.cp", "--consistency", tmp / "later.proof"});
  INFO(later.out << later.err);
  CHECK(later.exit_code == 0);
  const auto unproven =
      RunProgram({LAWTRAIL_VERIFY_EXPORT_BINARY, bundle, "--vkey", tmp / "vkey", "--trusted", tmp / "later.cp"});
  CHECK(unproven.exit_code == 1);
  CHECK_THAT(unproven.err, Catch::Contains("FAILED at consistency"));

  // One record's text changed: exit 1, naming it.
  auto parts = bundle::Unpack(AsBytes(testing::ReadAll(bundle)));
  REQUIRE(parts.ok());
  parts->records[2].bytes = testing::AlterRecordText(parts->records[2].bytes);
  testing::WriteAll(tmp / "altered.ltex", std::string(AsChars(bundle::Pack(*parts))));
  const auto altered = RunProgram({LAWTRAIL_VERIFY_EXPORT_BINARY, tmp / "altered.ltex", "--vkey", tmp / "vkey"});
  CHECK(altered.exit_code == 1);
  CHECK_THAT(altered.err, Catch::Contains("FAILED at records[2]"));
  CHECK_THAT(altered.out, Catch::Contains("signature"));

  // A court holding a witness policy refuses a bundle its witnesses did not cosign (a log's
  // own export, made without them), naming the group; a policy it cannot read is bad use.
  const KeyPair court = KeyPair::Generate();
  const std::string log_vkey = RunLawtrail({"vkey", "--data", d}).out;
  testing::WriteAll(tmp / "policy.txt", "log " + log_vkey.substr(0, log_vkey.find('\n')) + "\nwitness 法院 " +
                                            cosig::EncodeVerifier("court.pingqiao.example/w1", court.public_key()) +
                                            "\ngroup 监督机关 all 法院\nquorum 监督机关\n");
  const auto unwitnessed =
      RunProgram({LAWTRAIL_VERIFY_EXPORT_BINARY, bundle, "--vkey", tmp / "vkey", "--policy", tmp / "policy.txt"});
  CHECK(unwitnessed.exit_code == 1);
  CHECK_THAT(unwitnessed.err, Catch::Contains("FAILED at witnesses"));
  CHECK_THAT(unwitnessed.out + unwitnessed.err, Catch::Contains("监督机关"));
  const auto same = RunLawtrail({"verify-export", bundle, "--vkey", tmp / "vkey", "--policy", tmp / "policy.txt"});
  CHECK(same.exit_code == 1);
  CHECK(same.out == unwitnessed.out);
  testing::WriteAll(tmp / "bad-policy.txt", "quorum 监督机关\n");
  const auto bad_policy =
      RunProgram({LAWTRAIL_VERIFY_EXPORT_BINARY, bundle, "--vkey", tmp / "vkey", "--policy", tmp / "bad-policy.txt"});
  CHECK(bad_policy.exit_code == 2);
  CHECK_THAT(bad_policy.err, Catch::Contains("bad-policy.txt"));

  CHECK(RunProgram({LAWTRAIL_VERIFY_EXPORT_BINARY, bundle}).exit_code == 2);
  CHECK(RunProgram({LAWTRAIL_VERIFY_EXPORT_BINARY, bundle, "--vkey", "not a key"}).exit_code == 2);
}

}  // namespace
}  // namespace lawtrail
