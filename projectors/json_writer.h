// File: projectors/json_writer.h
// -----------------------------------------------------------------------------
// Prints JSON straight into a string, with no document in between: the views'
// hot documents are typed structs, and building a generic JSON tree only to
// print it was most of what folding cost.
//
// Views hold canonical JSON (keys sorted bytewise, UTF-8 unescaped, no spaces:
// what nlohmann::json::dump() prints). The writer does not sort: callers write
// an object's keys in sorted order, and the views' oracle test checks every
// stored value is canonical.
#ifndef LAWTRAIL_PROJECTORS_JSON_WRITER_H_
#define LAWTRAIL_PROJECTORS_JSON_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace lawtrail::projectors {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& BeginObject() { return Open('{'); }
  JsonWriter& EndObject() { return Close('}'); }
  JsonWriter& BeginArray() { return Open('['); }
  JsonWriter& EndArray() { return Close(']'); }
  // A key: one of the program's field names, written as it is (never escaped).
  JsonWriter& Key(std::string_view key);

  JsonWriter& String(std::string_view s);
  JsonWriter& Int(int64_t n);
  JsonWriter& UInt(uint64_t n);
  JsonWriter& Bool(bool b);
  JsonWriter& Null();
  // A value already printed as canonical JSON.
  JsonWriter& Raw(std::string_view json);

  // Key and value together.
  JsonWriter& Field(std::string_view key, std::string_view s) { return Key(key).String(s); }
  JsonWriter& Field(std::string_view key, const char* s) { return Key(key).String(s); }
  JsonWriter& Field(std::string_view key, const std::string& s) { return Key(key).String(s); }
  JsonWriter& Field(std::string_view key, bool b) { return Key(key).Bool(b); }
  JsonWriter& Field(std::string_view key, int n) { return Key(key).Int(n); }
  JsonWriter& Field(std::string_view key, int64_t n) { return Key(key).Int(n); }
  JsonWriter& Field(std::string_view key, uint64_t n) { return Key(key).UInt(n); }

 private:
  JsonWriter& Open(char bracket);
  JsonWriter& Close(char bracket);
  // Writes the comma a value or key needs before it.
  void Separate();

  std::string& out_;
  bool first_ = true;       // nothing yet in the innermost container
  bool after_key_ = false;  // a key was written; its value comes next
};

// The canonical JSON text of one string value ("…" with escapes).
std::string JsonString(std::string_view s);

}  // namespace lawtrail::projectors

#endif  // LAWTRAIL_PROJECTORS_JSON_WRITER_H_
