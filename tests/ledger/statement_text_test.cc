// Every string a statement holds is UTF-8, at any depth: a statement whose
// text is cut inside a character is refused at intake, naming the field, and
// nothing is stored. (Found by fuzzing: such a statement was stored, and then
// its JSON view, case file and portal page could not be printed.)
#include <catch2/catch.hpp>

#include "ledger/json_codec.h"
#include "ledger/registry_statements.h"
#include "tests/support/test_log.h"

namespace lawtrail::testing {
namespace {

// "巡查" with its last byte cut: the start of a character and no end.
const std::string kCutCharacter = std::string("巡查").substr(0, 5);

TEST_CASE("a statement whose payload text is cut inside a character is refused, naming the field", "[statement][utf8]") {
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
  const AppendResult r = t.AppendOne(
      t.SignedRegistryEvent([&](const StatementHeader& h) { return OfficerRegisteredStatement(h, info); }));
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.status().message(), Catch::Contains("categories[1] is not valid UTF-8"));
  CHECK(*t.log().reader().Size() == before);
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
