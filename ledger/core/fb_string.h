// File: ledger/core/fb_string.h
// -----------------------------------------------------------------------------
// A FlatBuffers string field as std::string: empty when the field is absent.
#ifndef LAWTRAIL_LEDGER_CORE_FB_STRING_H_
#define LAWTRAIL_LEDGER_CORE_FB_STRING_H_

#include <string>
#include <string_view>

#include <flatbuffers/flatbuffers.h>

namespace lawtrail {

inline std::string Str(const flatbuffers::String* s) { return s == nullptr ? std::string() : s->str(); }
// The same without a copy, valid while the buffer is.
inline std::string_view StrView(const flatbuffers::String* s) {
  return s == nullptr ? std::string_view() : s->string_view();
}

// A FlatBuffers byte vector as a string of its bytes: empty when absent.
inline std::string ByteString(const flatbuffers::Vector<uint8_t>* v) {
  return v == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(v->data()), v->size());
}

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_CORE_FB_STRING_H_
