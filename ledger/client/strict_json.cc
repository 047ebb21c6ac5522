#include "ledger/client/strict_json.h"

#include <cmath>
#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include "ledger/core/utf8.h"

namespace lawtrail {
namespace {

// One pass over the text; iterative, so that its own stack never grows with
// the nesting it is there to limit.
class Scanner {
 public:
  Scanner(std::string_view text, const JsonLimits& limits) : t_(text), limits_(limits) {}

  Result<size_t> Value() {
    SkipSpace();
    if (Status s = Walk(); !s.ok()) return s;
    return pos_;
  }

 private:
  // What the innermost open container expects next.
  enum class Want { kValue, kKeyOrEnd, kKey, kColon, kCommaOrEnd };
  struct Open {
    bool object;
    std::set<std::string> names;  // objects only: the member names so far
  };

  Status Fail(const std::string& what) const {
    return Status::InvalidArgument("JSON at byte " + std::to_string(pos_) + ": " + what);
  }
  bool AtEnd() const { return pos_ >= t_.size(); }
  void SkipSpace() {
    while (!AtEnd() && (t_[pos_] == ' ' || t_[pos_] == '\t' || t_[pos_] == '\n' || t_[pos_] == '\r')) ++pos_;
  }

  Status CountValue() {
    if (++values_ > limits_.max_values) {
      return Fail("more than " + std::to_string(limits_.max_values) + " values");
    }
    return Status::Ok();
  }

  Status Walk() {
    Want want = Want::kValue;
    for (;;) {
      SkipSpace();
      if (pos_ > limits_.max_bytes) {
        return Fail("the value is longer than the limit of " + std::to_string(limits_.max_bytes) + " bytes");
      }
      if (AtEnd()) return Fail(stack_.empty() && want == Want::kValue ? "no value" : "the text ends inside a value");
      const char c = t_[pos_];
      switch (want) {
        case Want::kValue:
        case Want::kKeyOrEnd:
        case Want::kKey:
          if (want != Want::kValue) {
            if (c == '}' && want == Want::kKeyOrEnd) {
              ++pos_;
              stack_.pop_back();
              break;
            }
            if (c != '"') return Fail("a member name (a string) is expected");
            std::string name;
            if (Status s = String(&name); !s.ok()) return s;
            if (!stack_.back().names.insert(std::move(name)).second) {
              return Fail("a member name is given twice in one object");
            }
            want = Want::kColon;
            continue;
          }
          if (Status s = CountValue(); !s.ok()) return s;
          if (c == '{' || c == '[') {
            if (stack_.size() >= limits_.max_depth) {
              return Fail("nested deeper than " + std::to_string(limits_.max_depth) + " levels");
            }
            ++pos_;
            stack_.push_back({c == '{', {}});
            SkipSpace();
            if (c == '[' && !AtEnd() && t_[pos_] == ']') {
              ++pos_;
              stack_.pop_back();
              break;
            }
            want = c == '{' ? Want::kKeyOrEnd : Want::kValue;
            continue;
          }
          if (Status s = Scalar(c); !s.ok()) return s;
          break;
        case Want::kColon:
          if (c != ':') return Fail("':' is expected after a member name");
          ++pos_;
          want = Want::kValue;
          continue;
        case Want::kCommaOrEnd: {
          const bool object = stack_.back().object;
          if (c == ',') {
            ++pos_;
            want = object ? Want::kKey : Want::kValue;
            continue;
          }
          if (c != (object ? '}' : ']')) return Fail(object ? "',' or '}' is expected" : "',' or ']' is expected");
          ++pos_;
          stack_.pop_back();
          break;
        }
      }
      // A value (or a container) has just ended.
      if (stack_.empty()) return Status::Ok();
      want = Want::kCommaOrEnd;
    }
  }

  Status Scalar(char c) {
    if (c == '"') return String(nullptr);
    if (c == '-' || (c >= '0' && c <= '9')) return Number();
    for (std::string_view word : {"true", "false", "null"}) {
      if (t_.substr(pos_, word.size()) == word) {
        pos_ += word.size();
        return Status::Ok();
      }
    }
    return Fail("not a JSON value");
  }

  Status Number() {
    const size_t start = pos_;
    if (t_[pos_] == '-') ++pos_;
    auto digits = [&] {
      const size_t from = pos_;
      while (!AtEnd() && t_[pos_] >= '0' && t_[pos_] <= '9') ++pos_;
      return pos_ - from;
    };
    if (AtEnd()) return Fail("a number ends after its sign");
    if (t_[pos_] == '0') {
      ++pos_;
      if (!AtEnd() && t_[pos_] >= '0' && t_[pos_] <= '9') return Fail("a number has a leading zero");
    } else if (digits() == 0) {
      return Fail("a number has no digits");
    }
    if (!AtEnd() && t_[pos_] == '.') {
      ++pos_;
      if (digits() == 0) return Fail("a number has no digits after its point");
    }
    if (!AtEnd() && (t_[pos_] == 'e' || t_[pos_] == 'E')) {
      ++pos_;
      if (!AtEnd() && (t_[pos_] == '+' || t_[pos_] == '-')) ++pos_;
      if (digits() == 0) return Fail("a number has no digits in its exponent");
    }
    if (pos_ - start > 64) return Fail("a number is longer than 64 characters");
    // A value no double holds (found by fuzzing: 5.5E277777755): parsers
    // refuse it or read infinity. strtod reads the "C" locale's numbers, and
    // lawtrail never sets another.
    char number[65] = {};
    t_.copy(number, pos_ - start, start);
    if (!std::isfinite(std::strtod(number, nullptr))) return Fail("a number is too large for any double");
    return Status::Ok();
  }

  static void AppendUtf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xc0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xe0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else {
      out.push_back(static_cast<char>(0xf0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    }
  }

  Status Hex4(uint32_t& v) {
    if (t_.size() - pos_ < 4) return Fail("a \\u escape has fewer than 4 hex digits");
    v = 0;
    for (int i = 0; i < 4; ++i) {
      const char h = t_[pos_++];
      const int d = h >= '0' && h <= '9'   ? h - '0'
                    : h >= 'a' && h <= 'f' ? h - 'a' + 10
                    : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                           : -1;
      if (d < 0) return Fail("a \\u escape has a character that is not a hex digit");
      v = v * 16 + static_cast<uint32_t>(d);
    }
    return Status::Ok();
  }

  // A string starting at the quote; its decoded text goes to `out` if given.
  Status String(std::string* out) {
    ++pos_;
    size_t run = pos_;  // start of the bytes not yet copied to `out`
    for (;;) {
      if (AtEnd()) return Fail("a string is not closed");
      const unsigned char c = static_cast<unsigned char>(t_[pos_]);
      if (c == '"') break;
      if (c < 0x20) return Fail("a string holds a control character; escape it");
      if (c != '\\') {
        ++pos_;
        continue;
      }
      if (Status s = Unescaped(run, out); !s.ok()) return s;
      ++pos_;
      if (AtEnd()) return Fail("a string ends in an escape");
      const char e = t_[pos_++];
      static constexpr std::string_view kSimple = "\"\\/bfnrt";
      static constexpr std::string_view kMeaning = "\"\\/\b\f\n\r\t";
      if (const size_t k = kSimple.find(e); k != std::string_view::npos) {
        if (out != nullptr) out->push_back(kMeaning[k]);
      } else if (e == 'u') {
        uint32_t cp = 0;
        if (Status s = Hex4(cp); !s.ok()) return s;
        if (cp >= 0xdc00 && cp <= 0xdfff) return Fail("a string holds an unpaired low surrogate");
        if (cp >= 0xd800 && cp <= 0xdbff) {
          uint32_t low = 0;
          if (t_.substr(pos_, 2) != "\\u") return Fail("a string holds an unpaired high surrogate");
          pos_ += 2;
          if (Status s = Hex4(low); !s.ok()) return s;
          if (low < 0xdc00 || low > 0xdfff) return Fail("a string holds an unpaired high surrogate");
          cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        }
        if (out != nullptr) AppendUtf8(*out, cp);
      } else {
        return Fail(std::string("a string holds the unknown escape \\") + e);
      }
      run = pos_;
    }
    if (Status s = Unescaped(run, out); !s.ok()) return s;
    ++pos_;  // the closing quote
    return Status::Ok();
  }

  // The unescaped bytes of a string from `run` to here.
  Status Unescaped(size_t run, std::string* out) const {
    const std::string_view raw = t_.substr(run, pos_ - run);
    if (!IsValidUtf8(raw)) return Fail("a string is not valid UTF-8");
    if (out != nullptr) out->append(raw);
    return Status::Ok();
  }

  std::string_view t_;
  const JsonLimits& limits_;
  size_t pos_ = 0;
  size_t values_ = 0;
  std::vector<Open> stack_;
};

}  // namespace

Result<size_t> ScanJsonValue(std::string_view text, const JsonLimits& limits) { return Scanner(text, limits).Value(); }

Status CheckJsonText(std::string_view text, const JsonLimits& limits) {
  if (text.size() > limits.max_bytes) {
    return Status::InvalidArgument("the JSON text is " + std::to_string(text.size()) + " bytes; the limit is " +
                                   std::to_string(limits.max_bytes));
  }
  LAWTRAIL_ASSIGN_OR_RETURN(size_t end, ScanJsonValue(text, limits));
  while (end < text.size()) {
    const char c = text[end];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
      return Status::InvalidArgument("JSON at byte " + std::to_string(end) + ": more text after the value");
    }
    ++end;
  }
  return Status::Ok();
}

}  // namespace lawtrail
