// Typed view documents print the canonical JSON the views promise, without a
// JSON library in between, and read back what they printed.
#include "projectors/view_doc.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "projectors/json_writer.h"

namespace lawtrail::projectors {
namespace {

TEST_CASE("a printed string is byte for byte what the JSON library prints, escapes included", "[projectors][json]") {
  const std::string control_chars = [] {
    std::string s;
    for (char c = 1; c < 0x20; ++c) s += c;
    return s + '\x7f';
  }();
  for (const std::string& s :
       {std::string(""), std::string("青山镇人民政府"), std::string("say \"hi\" \\ back"),
        std::string("line\nbreak\ttab\r\b\f"), control_chars, std::string("王*（𠮷）"), std::string("a\0b", 3)}) {
    INFO(nlohmann::json(s).dump());
    CHECK(JsonString(s) == nlohmann::json(s).dump());
  }
}

TEST_CASE("a character needing an escape is found wherever it falls in a long string", "[projectors][json]") {
  const std::string text = "青山镇人民政府行政执法公示 plain ASCII too";
  for (const char special : {'"', '\\', '\n', '\x01', '\x1f'}) {
    for (size_t at = 0; at <= text.size(); ++at) {
      if (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) continue;  // inside a character
      std::string s = text;
      s.insert(at, 1, special);
      INFO(int(special) << " at " << at);
      CHECK(JsonString(s) == nlohmann::json(s).dump());
    }
  }
}

TEST_CASE("numbers, booleans and nesting print as the JSON library prints them", "[projectors][json]") {
  std::string out;
  JsonWriter w(out);
  w.BeginObject().Field("a", int64_t{-9'223'372'036'854'775'807} - 1).Field("b", uint64_t{18'446'744'073'709'551'615u});
  w.Key("c").BeginArray().Bool(true).Bool(false).Null().BeginObject().EndObject().BeginArray().EndArray().EndArray();
  w.Field("d", "x").EndObject();
  CHECK(out == nlohmann::json::parse(out).dump());
  CHECK(out == R"({"a":-9223372036854775808,"b":18446744073709551615,"c":[true,false,null,{},[]],"d":"x"})");
}

struct Inner : Fielded {
  uint64_t index = 0;
  std::string on;
  template <typename V>
  void Fields(V& v) {
    v("index", index), v("on", on);
  }
};

struct Sample final : FieldsDoc<Sample> {
  std::optional<std::vector<Inner>> corrections;
  int64_t count = 0;
  std::vector<uint64_t> evidence;
  std::optional<Inner> last;
  std::optional<std::string> met_on;
  std::string name;
  bool open = false;
  template <typename V>
  void Fields(V& v) {
    v("corrections", corrections), v("count", count), v("evidence", evidence), v("last", last), v("met_on", met_on);
    v("name", name), v("open", open);
  }
};

TEST_CASE("a typed document leaves out unset optional fields and reads back to the same bytes", "[projectors][json]") {
  Sample empty;
  std::string printed;
  empty.Print(printed);
  CHECK(printed == R"({"count":0,"evidence":[],"name":"","open":false})");

  Sample full;
  full.corrections = std::vector<Inner>{{{}, 7, "2026-03-01"}, {{}, 9, "2026-03-02"}};
  full.count = -3;
  full.evidence = {1, 2, 30000000000};
  full.last = Inner{{}, 9, "2026-03-02"};
  full.met_on = "2026-03-04";
  full.name = "张*（\"个体\"）";
  full.open = true;
  std::string text;
  full.Print(text);
  CHECK(text == nlohmann::json::parse(text).dump());  // canonical: keys sorted, no spaces
  auto back = Sample::Parse(text, "k");
  REQUIRE(back.ok());
  std::string again;
  back->Print(again);
  CHECK(again == text);
  CHECK(back->corrections->size() == 2);
  CHECK(back->last->on == "2026-03-02");

  CHECK_FALSE(Sample::Parse("{not json", "some/key").ok());
}

}  // namespace
}  // namespace lawtrail::projectors
