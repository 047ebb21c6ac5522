// File: ledger/client/strict_json.h
// -----------------------------------------------------------------------------
// A strict check of JSON text from outside (HTTP bodies, the server config,
// statements given to `sign`) before any parser builds a tree from it.
//
// A JSON tree costs far more memory than its text: nlohmann::json spends 16
// bytes on every value and a map node on every member, so a body of nested
// brackets or of a million zeros grows the process by tens of times its size.
// This scanner walks the text once, keeping only a stack of the open objects'
// member names, and refuses what the limits forbid before a tree exists:
//  - more nesting than `max_depth`;
//  - more values than `max_values` (which, with the text's size, bounds the
//    tree: see docs/reliability.md);
//  - a member name given twice in one object, compared after unescaping, so
//    "a" and "\u0061" are the same name: a second value would silently win;
//  - anything RFC 8259 does not allow (trailing commas, comments, leading
//    zeros, unpaired surrogates, control characters, invalid UTF-8).
//
// Example:
//   if (Status s = CheckJsonText(body, JsonLimits{}); !s.ok()) return Refuse(s);
//   auto tree = nlohmann::json::parse(body);  // now bounded
#ifndef LAWTRAIL_LEDGER_CLIENT_STRICT_JSON_H_
#define LAWTRAIL_LEDGER_CLIENT_STRICT_JSON_H_

#include <cstddef>
#include <string_view>

#include "ledger/core/status.h"

namespace lawtrail {

struct JsonLimits {
  size_t max_bytes = 1 << 20;
  size_t max_depth = 32;
  size_t max_values = 65'536;
};

// OK iff `text` is exactly one JSON value (with surrounding whitespace) within
// `limits`. Errors are kInvalidArgument and give the byte offset.
Status CheckJsonText(std::string_view text, const JsonLimits& limits);

// The end (offset in `text`) of the first JSON value after leading whitespace,
// for streams of values one after another; the value is checked as
// CheckJsonText checks, `max_bytes` applying to it alone.
Result<size_t> ScanJsonValue(std::string_view text, const JsonLimits& limits);

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_CLIENT_STRICT_JSON_H_
