// Every string a statement holds is UTF-8, at any depth: a statement whose
// text is cut inside a character is refused at intake, naming the field, and
// nothing is stored. (Found by fuzzing: such a statement was stored, and then
// its JSON view, case file and portal page could not be printed.)
#include <catch2/catch.hpp>

#include "ledger/client/json_codec.h"
#include "ledger/client/registry_statements.h"
#include "ledger/client/statement_builder.h"
#include "tests/support/test_log.h"

namespace lawtrail::testing {
namespace {

// A case memo holding `text` byte for byte (the builders take C strings, which
// end at a NUL).
Bytes RawMemo(const TestOfficer& officer, const std::string& text) {
  flatbuffers::FlatBufferBuilder b;
  const auto title = b.CreateString("记录");
  const auto body = b.CreateString(text.data(), text.size());
  const auto payload = fb::CreateCaseMemo(b, title, body);
  return SignStatement(FinishStatement(b, TestLog::HeaderFor(officer, "C3"), fb::Payload::CaseMemo, payload.Union()),
                       officer.key);
}

// "巡查" with its last byte cut: the start of a character and no end.
const std::string kCutCharacter = std::string("巡查").substr(0, 5);

TEST_CASE("a statement whose payload text is cut inside a character is refused, naming the field",
          "[statement][utf8]") {
  TestLog t;
  const TestOfficer officer = t.AddOfficer("41010001");
  const uint64_t before = *t.log().reader().Size();
  StatementHeader h = TestLog::HeaderFor(officer, "C1");
  const AppendResult r = t.AppendOne(SignStatement(CaseMemoStatement(h, "现场检查", kCutCharacter), officer.key));
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == StatusCode::kInvalidArgument);
  CHECK_THAT(r.status().message(), Catch::Contains("payload.text is not valid UTF-8"));
  CHECK(*t.log().reader().Size() == before);
}

TEST_CASE("text in a list inside a payload's table is checked too", "[statement][utf8]") {
  TestLog t;
  const uint64_t before = *t.log().reader().Size();
  OfficerInfo info{"41010002", "李四", "执法队员", KeyPair::Generate().public_key(), {fb::Role::Officer}, 0, 0};
  info.categories = {"市场监管", kCutCharacter};
  const AppendResult r =
      t.AppendOne(t.SignedRegistryEvent([&](const StatementHeader& h) { return OfficerRegisteredStatement(h, info); }));
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.status().message(), Catch::Contains("categories[1] is not valid UTF-8"));
  CHECK(*t.log().reader().Size() == before);
}

TEST_CASE("text holding a control character is refused, but tab, line feed and carriage return are text",
          "[statement][utf8]") {
  // The NULs were found by fuzzing: the JSON printer wrote them raw and the view was not JSON.
  TestLog t;
  const TestOfficer officer = t.AddOfficer("41010004");
  const std::vector<std::pair<std::string, std::string>> refused = {{std::string("当场\0处罚", 13), "U+0000"},
                                                                    {"铃\a声", "U+0007"},
                                                                    {"退格\x1b", "U+001B"},
                                                                    {"删除\x7f", "U+007F"},
                                                                    {"换行\xc2\x85", "U+0085"},
                                                                    {"\xc2\x9f", "U+009F"}};
  for (const auto& [text, code] : refused) {
    INFO(code);
    const AppendResult r = t.AppendOne(RawMemo(officer, text));
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.status().message(), Catch::Contains("payload.text holds a control character (" + code + ")"));
  }
  for (const char* text : {"第一行\n第二行", "金额\t500 元", "行尾\r\n", "\xc2\xa0不间断空格", "¥500"}) {
    INFO(text);
    CHECK(t.AppendOne(RawMemo(officer, text)).ok());
  }
}

TEST_CASE("every statement the log's builders write has a JSON view that reads back", "[statement][utf8]") {
  TestLog t;
  const TestOfficer officer = t.AddOfficer("41010003");
  JsonCodec codec;
  const Bytes signed_statement = t.Memo(officer, "C2", "现场检查：门店无证经营，已制作笔录。");
  auto parsed = ParseSignedStatement(signed_statement);
  REQUIRE(parsed.ok());
  auto json = codec.StatementToJson(parsed->statement_bytes());
  REQUIRE(json.ok());
  auto back = codec.StatementFromJson(*json);
  REQUIRE(back.ok());
  const ByteView st = parsed->statement_bytes();
  CHECK(*back == Bytes(st.begin(), st.end()));
}

}  // namespace
}  // namespace lawtrail::testing
