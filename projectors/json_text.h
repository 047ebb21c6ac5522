// File: projectors/json_text.h
// -----------------------------------------------------------------------------
// Writes a JSON object's text field by field. A rebuild writes a timeline
// entry or a document entry for nearly every record; building a DOM for each
// only to print it cost more than everything else the fold does, so these
// values are written directly. Readers parse them with the JSON library.
#ifndef LAWTRAIL_PROJECTORS_JSON_TEXT_H_
#define LAWTRAIL_PROJECTORS_JSON_TEXT_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace lawtrail::projectors {

// Appends `s` as a JSON string literal. Invalid UTF-8 becomes U+FFFD, as the
// JSON library's own printer would have it.
void AppendJsonString(std::string& out, std::string_view s);

class JsonText {
 public:
  JsonText() : out_("{") {}
  JsonText& Str(std::string_view key, std::string_view value);
  JsonText& Int(std::string_view key, int64_t value);
  JsonText& Bool(std::string_view key, bool value);
  // `json` must already be JSON text (an array or object built elsewhere).
  JsonText& Raw(std::string_view key, std::string_view json);
  std::string Take();  // closes the object; the builder is left empty

 private:
  void Key(std::string_view key);
  std::string out_;
};

}  // namespace lawtrail::projectors

#endif  // LAWTRAIL_PROJECTORS_JSON_TEXT_H_
