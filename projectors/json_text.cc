#include "projectors/json_text.h"

#include "ledger/utf8.h"

namespace lawtrail::projectors {
namespace {

void AppendEscaped(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (u < 0x20) {
          out += "\\u00";
          out += kHex[u >> 4];
          out += kHex[u & 0xf];
        } else {
          out += c;
        }
    }
  }
}

// Length of the valid UTF-8 sequence at the start of `s`, or 0.
size_t ValidSequence(std::string_view s) {
  for (size_t n = 1; n <= 4 && n <= s.size(); ++n) {
    if (IsValidUtf8(s.substr(0, n))) return n;
  }
  return 0;
}

}  // namespace

void AppendJsonString(std::string& out, std::string_view s) {
  out += '"';
  if (IsValidUtf8(s)) {
    AppendEscaped(out, s);
  } else {
    while (!s.empty()) {
      const size_t n = ValidSequence(s);
      if (n == 0) {
        out += "\xEF\xBF\xBD";
        s.remove_prefix(1);
      } else {
        AppendEscaped(out, s.substr(0, n));
        s.remove_prefix(n);
      }
    }
  }
  out += '"';
}

void JsonText::Key(std::string_view key) {
  if (out_.size() > 1) out_ += ',';
  AppendJsonString(out_, key);
  out_ += ':';
}

JsonText& JsonText::Str(std::string_view key, std::string_view value) {
  Key(key);
  AppendJsonString(out_, value);
  return *this;
}

JsonText& JsonText::Int(std::string_view key, int64_t value) {
  Key(key);
  out_ += std::to_string(value);
  return *this;
}

JsonText& JsonText::Bool(std::string_view key, bool value) {
  Key(key);
  out_ += value ? "true" : "false";
  return *this;
}

JsonText& JsonText::Raw(std::string_view key, std::string_view json) {
  Key(key);
  out_ += json;
  return *this;
}

std::string JsonText::Take() {
  out_ += '}';
  return std::move(out_);
}

}  // namespace lawtrail::projectors
