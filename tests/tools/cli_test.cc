// The `lawtrail` command line, run as a separate process the way inspectors
// and operators script it.
#include <sstream>

#include <catch2/catch.hpp>
#include <fcntl.h>
#include <nlohmann/json.hpp>
#include <sys/stat.h>
#include <unistd.h>

#include "ledger/core/checkpoint.h"
#include "ledger/core/cosignature.h"
#include "ledger/core/merkle.h"
#include "ledger/core/sha256.h"
#include "ledger/domain/reference_tables.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace lawtrail {
namespace {

using testing::RunLawtrail;
constexpr const char* kOrigin = "qingshan.xinyang.gov.cn/enforcement";

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string Init(const testing::TempDir& tmp) {
  const auto r = RunLawtrail({"init", "--data", tmp / "log", "--origin", kOrigin, "--agency", "青山镇人民政府"});
  REQUIRE(r.exit_code == 0);
  return Lines(r.out).back();
}

TEST_CASE("init writes secret keys with mode 0600 and prints the verifier key last", "[cli]") {
  testing::TempDir tmp;
  const std::string vkey = Init(tmp);
  CHECK_THAT(vkey, Catch::StartsWith(std::string(kOrigin) + "+"));
  struct stat st;
  for (const char* f : {"log.key", "root.key"}) {
    REQUIRE(::stat((tmp / "log/" + f).c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
  }
  CHECK(RunLawtrail({"vkey", "--data", tmp / "log"}).out == vkey + "\n");
  const auto again = RunLawtrail({"init", "--data", tmp / "log", "--origin", kOrigin});
  CHECK(again.exit_code != 0);
  CHECK_THAT(again.err, Catch::Contains("already holds a log"));
}

TEST_CASE("a statement written as JSON round-trips Chinese text through sign, append and get", "[cli][utf8]") {
  testing::TempDir tmp;
  Init(tmp);
  const auto keygen = RunLawtrail({"keygen", "--name", "豫执41150001", "--out", tmp / "officer.key"});
  REQUIRE(keygen.exit_code == 0);
  const std::string officer_vkey = Lines(keygen.out).back();
  const auto reg =
      RunLawtrail({"register", "officer", "--data", tmp / "log", "--cert", "豫执41150001", "--name", "欧阳娜娜",
                   "--post", "综合执法队员", "--key", officer_vkey, "--roles", "officer,reviewer"});
  REQUIRE(reg.exit_code == 0);

  const std::string text = "当事人王某某在青山镇东街12号无证经营；《责令改正通知书》青市监责改〔2026〕9号。";
  testing::WriteAll(tmp / "statement.json",
                    R"({"case_id": "青山镇〔2026〕第3号", "payload_type": "CaseMemo",
                        "payload": {"title": "现场检查笔录", "text": ")" +
                        text + R"("}})");
  const auto sign = RunLawtrail({"sign", "--key", tmp / "officer.key", "--origin", kOrigin, tmp / "statement.json"});
  REQUIRE(sign.exit_code == 0);
  testing::WriteAll(tmp / "signed.bin", sign.out);
  const auto append = RunLawtrail({"append", "--data", tmp / "log", tmp / "signed.bin"});
  REQUIRE(append.exit_code == 0);
  const auto fields = Lines(append.out);
  REQUIRE(fields.size() == 1);
  const std::string index = fields[0].substr(0, fields[0].find(' '));
  const std::string event_id = fields[0].substr(fields[0].find(' ') + 1);

  const auto get = RunLawtrail({"get", "--data", tmp / "log", "--index", index});
  REQUIRE(get.exit_code == 0);
  const auto record = nlohmann::json::parse(get.out);
  const auto& statement = record["signed_statement"]["statement"];
  CHECK(statement["payload"]["text"].get<std::string>() == text);
  CHECK(statement["case_id"].get<std::string>() == "青山镇〔2026〕第3号");
  CHECK(statement["actor"]["certificate_no"].get<std::string>() == "豫执41150001");
  CHECK(statement["event_id"].get<std::string>() == event_id);
  CHECK(record["index"].get<uint64_t>() == std::stoull(index));

  const auto history = RunLawtrail({"history", "--data", tmp / "log", "--case", "青山镇〔2026〕第3号"});
  REQUIRE(history.exit_code == 0);
  CHECK(Lines(history.out).size() == 1);

  SECTION("a statement whose JSON names a member twice is not signed, nor anything after it") {
    testing::WriteAll(tmp / "twice.json",
                      R"({"case_id": "C1", "payload_type": "CaseMemo", "payload": {"title": "a", "text": "b"},
                          "case_id": "C2"}
                         {"case_id": "C3", "payload_type": "CaseMemo", "payload": {"title": "a", "text": "b"}})");
    const auto twice = RunLawtrail({"sign", "--key", tmp / "officer.key", "--origin", kOrigin, tmp / "twice.json"});
    CHECK(twice.exit_code != 0);
    CHECK_THAT(twice.err, Catch::Contains("statement 0") && Catch::Contains("a member name is given twice"));
    CHECK(twice.out.empty());  // where one value ends is no longer trusted
  }
  SECTION("appending the same signed statement again reports the same index") {
    const auto again = RunLawtrail({"append", "--data", tmp / "log", tmp / "signed.bin"});
    CHECK(again.exit_code == 0);
    CHECK(again.out == append.out);
  }
}

TEST_CASE("demo --emit piped into append appends everything, and verify passes", "[cli]") {
  testing::TempDir tmp;
  Init(tmp);
  const auto emit = RunLawtrail({"demo", "--data", tmp / "log", "--load-events", "500", "--seed", "7", "--emit"});
  REQUIRE(emit.exit_code == 0);
  testing::WriteAll(tmp / "demo.bin", emit.out);
  const auto append = RunLawtrail({"append", "--data", tmp / "log"}, tmp / "demo.bin");
  REQUIRE(append.exit_code == 0);
  CHECK(Lines(append.out).size() == 512);  // 12 officers and 500 events
  const auto verify = RunLawtrail({"verify", "--data", tmp / "log"});
  CHECK(verify.exit_code == 0);
  CHECK_THAT(verify.out, Catch::StartsWith("ok: 513 records"));
  // The same seed emits byte-identical statements.
  CHECK(RunLawtrail({"demo", "--data", tmp / "log", "--load-events", "500", "--seed", "7", "--emit"}).out == emit.out);
}

TEST_CASE("the demo year refuses its rule breakers, is idempotent, and its parties are found", "[cli][demo]") {
  testing::TempDir tmp;
  const auto first = RunLawtrail({"demo", "--data", tmp / "log", "--cases", "200", "--seed", "3"});
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  CHECK_THAT(first.out, Catch::Contains("34 officers, 200 cases") && Catch::Contains("refused as expected"));
  // The same seed again: every act is already there, nothing new is appended.
  const auto again = RunLawtrail({"demo", "--data", tmp / "log", "--cases", "200", "--seed", "3"});
  REQUIRE(again.exit_code == 0);
  CHECK_THAT(again.out, Catch::Contains(": 0 appended"));
  CHECK(RunLawtrail({"verify", "--data", tmp / "log"}).exit_code == 0);
  // The agency's own code is no party; an invalid code is refused before any lookup.
  const auto none = RunLawtrail({"party", "--data", tmp / "log", "--credit-code", "11411500MB1234567X"});
  CHECK(none.exit_code == 0);
  CHECK(none.out.empty());
  const auto bad = RunLawtrail({"party", "--data", tmp / "log", "--id-no", "110105194912310021"});
  CHECK(bad.exit_code == 1);
  CHECK_THAT(bad.err, Catch::Contains("check"));
  // Every rule is listed, with its law.
  const auto rules = RunLawtrail({"rules"});
  CHECK_THAT(rules.out, Catch::Contains("P-LEGAL-REVIEW") && Catch::Contains("行政处罚法 第58条"));
}

TEST_CASE("lawtrail tables shows the tables in force and adopts a calendar that only adds a year", "[cli][reference]") {
  testing::TempDir tmp;
  REQUIRE(RunLawtrail({"demo", "--data", tmp / "log", "--cases", "30", "--seed", "5"}).exit_code == 0);
  const auto shown = RunLawtrail({"tables", "show", "--data", tmp / "log"});
  REQUIRE(shown.exit_code == 0);
  const std::string shipped = domain::ReferenceTables::Builtin()->text(fb::ReferenceTableKind::HolidayCalendar);
  // The demo adopts the shipped tables before any case: each is in force from the log, with its hash.
  CHECK_THAT(shown.out, Catch::Contains(ToHex(Sha256(AsBytes(shipped)))) && Catch::Contains("adopted by record"));
  CHECK_THAT(shown.out, !Catch::Contains("shipped with lawtrail"));

  auto adopt = [&](const std::string& file, const std::string& kind) {
    return RunLawtrail({"tables", "adopt", "--data", tmp / "log", "--kind", kind, "--file", file, "--from",
                        "2018-01-01", "--until", "2027-12-31", "--source", "国务院办公厅通知（测试）"});
  };
  // Rewriting a published day (Saturday 2026-10-10, a make-up working day) is refused and names the day.
  std::string rewritten = shipped;
  const size_t at = rewritten.find("2026-10-10\twork");
  REQUIRE(at != std::string::npos);
  rewritten.replace(at, std::string("2026-10-10\twork").size(), "2026-10-10\toff");
  testing::WriteAll(tmp / "rewritten.tsv", rewritten);
  const auto refused = adopt(tmp / "rewritten.tsv", "holidays");
  CHECK(refused.exit_code == 1);
  CHECK_THAT(refused.err, Catch::Contains("P-REFERENCE") && Catch::Contains("2026-10-10"));
  CHECK(adopt(tmp / "missing.tsv", "holidays").exit_code != 0);
  testing::WriteAll(tmp / "2027.tsv", shipped + "year\t2027\t测试用通知\n2027-01-01\toff\t元旦\n");
  const auto bad_kind = adopt(tmp / "2027.tsv", "calendar");
  CHECK(bad_kind.exit_code != 0);
  CHECK_THAT(bad_kind.err, Catch::Contains("holidays"));
  const auto adopted = adopt(tmp / "2027.tsv", "holidays");
  INFO(adopted.err);
  REQUIRE(adopted.exit_code == 0);
  const auto after = RunLawtrail({"tables", "show", "--data", tmp / "log"});
  CHECK_THAT(after.out, !Catch::Contains(ToHex(Sha256(AsBytes(shipped)))));
  // Every earlier record keeps its verdict.
  CHECK(RunLawtrail({"verify", "--data", tmp / "log"}).exit_code == 0);
}

TEST_CASE("lawtrail witness init makes one key, mode 0600, and prints its cosigner vkey last", "[cli][witness]") {
  testing::TempDir tmp;
  const auto init = RunLawtrail({"witness", "init", "--data", tmp / "w", "--name", "sifaju.pingqiao.example/w1"});
  INFO(init.err);
  REQUIRE(init.exit_code == 0);
  const auto lines = Lines(init.out);
  REQUIRE_FALSE(lines.empty());
  const auto vkey = cosig::ParseVerifier(lines.back());
  REQUIRE(vkey.ok());
  CHECK(vkey->name == "sifaju.pingqiao.example/w1");
  struct stat st {};
  REQUIRE(::stat((tmp / "w/witness.key").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  const std::string key_before = testing::ReadAll(tmp / "w/witness.key");
  const auto signer = cosig::ParseSigner(key_before.substr(0, key_before.size() - 1));
  REQUIRE(signer.ok());
  CHECK(signer->key.public_key() == vkey->public_key);
  // A second init never replaces the key its cosignatures depend on.
  const auto again = RunLawtrail({"witness", "init", "--data", tmp / "w", "--name", "sifaju.pingqiao.example/w1"});
  CHECK(again.exit_code != 0);
  CHECK(testing::ReadAll(tmp / "w/witness.key") == key_before);
  const auto bad = RunLawtrail({"witness", "init", "--data", tmp / "w2", "--name", "has space"});
  CHECK(bad.exit_code != 0);
  CHECK_THAT(bad.err, Catch::Contains("--name"));
  // A verifying witness mirrors one log: two are refused before anything starts.
  const std::string a = note::EncodeVerifier("a.example/log", KeyPair::Generate().public_key());
  const std::string b = note::EncodeVerifier("b.example/log", KeyPair::Generate().public_key());
  const auto two =
      RunLawtrail({"witness", "serve", "--data", tmp / "w", "--log", a, "--log", b, "--verify-brokers", "127.0.0.1:9"});
  CHECK(two.exit_code != 0);
  CHECK_THAT(two.err, Catch::Contains("exactly one --log"));
}

TEST_CASE("verify --policy believes a trusted checkpoint only with the witnesses' quorum, and names who is missing",
          "[cli][witness]") {
  testing::TempDir tmp;
  const std::string vkey = Init(tmp);
  REQUIRE(RunLawtrail({"demo", "--data", tmp / "log", "--load-events", "40"}).exit_code == 0);
  const auto cp = RunLawtrail({"checkpoint", "--data", tmp / "log"});
  REQUIRE(cp.exit_code == 0);
  const KeyPair sifaju = KeyPair::Generate(), court = KeyPair::Generate();
  testing::WriteAll(tmp / "policy.txt", "log " + vkey + "\nwitness 司法局 " +
                                            cosig::EncodeVerifier("sifaju.example/w1", sifaju.public_key()) +
                                            "\nwitness 法院 " +
                                            cosig::EncodeVerifier("court.example/w1", court.public_key()) +
                                            "\ngroup 监督机关 all 司法局 法院\nquorum 监督机关\n");
  const std::string body = cp.out.substr(0, cp.out.find("\n\n") + 1);
  auto verify = [&](const std::string& note) {
    testing::WriteAll(tmp / "trusted.txt", note);
    return RunLawtrail(
        {"verify", "--data", tmp / "log", "--trusted", tmp / "trusted.txt", "--policy", tmp / "policy.txt"});
  };
  const auto one = verify(cp.out + cosig::Cosign("sifaju.example/w1", sifaju, body, 1700000000));
  CHECK(one.exit_code == 1);
  CHECK_THAT(one.err, Catch::Contains("quorum") && Catch::Contains("监督机关") && Catch::Contains("1 of the 2"));
  const auto both = verify(cp.out + cosig::Cosign("sifaju.example/w1", sifaju, body, 1700000000) +
                           cosig::Cosign("court.example/w1", court, body, 1700000001));
  INFO(both.err);
  CHECK(both.exit_code == 0);
  CHECK_THAT(both.out, Catch::Contains("司法局 at 20") && Catch::Contains("法院 at 20"));
  const auto no_trusted = RunLawtrail({"verify", "--data", tmp / "log", "--policy", tmp / "policy.txt"});
  CHECK(no_trusted.exit_code == 1);
  CHECK_THAT(no_trusted.err, Catch::Contains("--trusted"));
}

TEST_CASE("checkpoints, leaf hashes and proofs printed by the CLI verify", "[cli][proofs]") {
  testing::TempDir tmp;
  const std::string vkey = Init(tmp);
  REQUIRE(RunLawtrail({"demo", "--data", tmp / "log", "--load-events", "300"}).exit_code == 0);
  const auto old_cp = RunLawtrail({"checkpoint", "--data", tmp / "log"});
  REQUIRE(old_cp.exit_code == 0);
  REQUIRE(RunLawtrail({"demo", "--data", tmp / "log", "--load-events", "200", "--seed", "2"}).exit_code == 0);
  const auto new_cp = RunLawtrail({"checkpoint", "--data", tmp / "log"});
  REQUIRE(new_cp.exit_code == 0);
  const auto key = note::ParseVerifier(vkey);
  REQUIRE(key.ok());
  const auto before = OpenCheckpoint(old_cp.out, *key);
  const auto after = OpenCheckpoint(new_cp.out, *key);
  REQUIRE(before.ok());
  REQUIRE(after.ok());
  REQUIRE(after->size > before->size);

  auto hashes = [](const std::string& out) {
    std::vector<Bytes> list;
    for (const auto& line : Lines(out)) list.push_back(*FromBase64(line));
    return list;
  };
  for (uint64_t index : {uint64_t{0}, uint64_t{17}, before->size - 1, after->size - 1}) {
    const auto leaf = RunLawtrail({"leaf-hash", "--data", tmp / "log", "--index", std::to_string(index)});
    const auto proof = RunLawtrail({"prove", "inclusion", "--data", tmp / "log", "--index", std::to_string(index)});
    REQUIRE(leaf.exit_code == 0);
    REQUIRE(proof.exit_code == 0);
    CHECK(merkle::VerifyInclusion(index, after->size, *FromBase64(Lines(leaf.out)[0]), hashes(proof.out), after->root)
              .ok());
  }
  const auto consistency =
      RunLawtrail({"prove", "consistency", "--data", tmp / "log", "--old", std::to_string(before->size)});
  REQUIRE(consistency.exit_code == 0);
  CHECK(merkle::VerifyConsistency(before->size, after->size, before->root, after->root, hashes(consistency.out)).ok());
  testing::WriteAll(tmp / "trusted.note", old_cp.out);
  CHECK(RunLawtrail({"verify", "--data", tmp / "log", "--trusted", tmp / "trusted.note", "--vkey", vkey}).exit_code ==
        0);
}

TEST_CASE("errors go to stderr with a non-zero exit and lose nothing accepted", "[cli][errors]") {
  testing::TempDir tmp;
  Init(tmp);
  const auto emit = RunLawtrail({"demo", "--data", tmp / "log", "--load-events", "20", "--emit"});
  REQUIRE(emit.exit_code == 0);

  SECTION("a record that does not exist") {
    const auto r = RunLawtrail({"get", "--data", tmp / "log", "--index", "999"});
    CHECK(r.exit_code != 0);
    CHECK(r.out.empty());
    CHECK_THAT(r.err, Catch::Contains("no record at index 999"));
  }
  SECTION("a folder without a log") {
    const auto r = RunLawtrail({"verify", "--data", tmp / "nothing"});
    CHECK(r.exit_code != 0);
    CHECK_THAT(r.err, Catch::Contains("holds no log"));
  }
  SECTION("a truncated stream keeps the statements before the cut") {
    testing::WriteAll(tmp / "cut.bin", emit.out.substr(0, emit.out.size() - 100));
    const auto r = RunLawtrail({"append", "--data", tmp / "log", tmp / "cut.bin"});
    CHECK(r.exit_code != 0);
    CHECK_THAT(r.err, Catch::Contains("truncated"));
    CHECK(Lines(r.out).size() == 31);  // 12 officers and 19 of the 20 events
    CHECK(RunLawtrail({"verify", "--data", tmp / "log"}).exit_code == 0);
  }
  SECTION("garbage between good statements is refused alone") {
    std::string garbage = std::string("\x20\x00\x00\x00", 4) + std::string(32, '\x5a');
    testing::WriteAll(tmp / "mixed.bin", emit.out + garbage + emit.out);
    const auto r = RunLawtrail({"append", "--data", tmp / "log", tmp / "mixed.bin"});
    CHECK(r.exit_code != 0);
    CHECK_THAT(r.err, Catch::Contains("statement 32") && Catch::Contains("not a lawtrail SignedStatement"));
    CHECK(Lines(r.out).size() == 64);
  }
  SECTION("unknown options are usage errors") {
    const auto r = RunLawtrail({"get", "--data", tmp / "log", "--index", "1", "--bogus"});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("--bogus"));
  }
}

TEST_CASE("read commands work while another process holds the log for writing", "[cli][readers]") {
  testing::TempDir tmp;
  Init(tmp);
  REQUIRE(RunLawtrail({"demo", "--data", tmp / "log", "--load-events", "100"}).exit_code == 0);
  const std::string fifo = tmp / "feed";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const pid_t writer = testing::Spawn({LAWTRAIL_BINARY, "append", "--data", tmp / "log", fifo}, "", tmp / "writer.out",
                                      tmp / "writer.err");
  const int feed = ::open(fifo.c_str(), O_WRONLY);  // the writer now holds the log open
  REQUIRE(feed >= 0);
  // Wait until the writer holds the log: a second writer is then refused.
  int second_writer = 0;
  for (int attempt = 0; attempt < 100 && second_writer != 3; ++attempt) {
    second_writer = RunLawtrail({"append", "--data", tmp / "log"}, "").exit_code;
    if (second_writer != 3) ::usleep(100'000);
  }
  CHECK(second_writer == 3);  // locked: unusable
  CHECK(RunLawtrail({"get", "--data", tmp / "log", "--index", "5"}).exit_code == 0);
  CHECK(RunLawtrail({"history", "--data", tmp / "log", "--case", "青山镇〔2026〕000001号"}).exit_code == 0);
  CHECK(RunLawtrail({"checkpoint", "--data", tmp / "log"}).exit_code == 0);
  CHECK(RunLawtrail({"prove", "inclusion", "--data", tmp / "log", "--index", "3"}).exit_code == 0);
  CHECK(RunLawtrail({"verify", "--data", tmp / "log"}).exit_code == 0);
  ::close(feed);
  CHECK(testing::Wait(writer) == 0);
}

}  // namespace
}  // namespace lawtrail
