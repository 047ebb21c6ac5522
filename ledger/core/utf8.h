// File: ledger/core/utf8.h
// -----------------------------------------------------------------------------
// UTF-8 checks for text that lawtrail signs or stores: names, notes, origins.
#ifndef LAWTRAIL_LEDGER_CORE_UTF8_H_
#define LAWTRAIL_LEDGER_CORE_UTF8_H_

#include <string_view>

namespace lawtrail {

// True iff `s` is well-formed UTF-8 (no overlongs, surrogates or > U+10FFFF).
bool IsValidUtf8(std::string_view s);

// True iff `s` (valid UTF-8) holds a Unicode white-space code point.
bool ContainsSpace(std::string_view s);

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_CORE_UTF8_H_
