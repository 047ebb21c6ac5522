// File: ledger/core/bytes.h
// -----------------------------------------------------------------------------
// Byte strings, fixed-size hashes and their text encodings (hex, standard
// base64 as used by C2SP notes and RFC 9162 proof text).
#ifndef LAWTRAIL_LEDGER_CORE_BYTES_H_
#define LAWTRAIL_LEDGER_CORE_BYTES_H_

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/core/status.h"

namespace lawtrail {

using Bytes = std::vector<uint8_t>;
using ByteView = std::span<const uint8_t>;
using Hash = std::array<uint8_t, 32>;

inline ByteView AsBytes(std::string_view s) { return {reinterpret_cast<const uint8_t*>(s.data()), s.size()}; }
inline std::string_view AsChars(ByteView b) { return {reinterpret_cast<const char*>(b.data()), b.size()}; }

std::string ToHex(ByteView bytes);
Result<Bytes> FromHex(std::string_view hex);

// Standard base64 with padding (RFC 4648 §4).
std::string ToBase64(ByteView bytes);
Result<Bytes> FromBase64(std::string_view text);

// Decodes base64 that must hold exactly 32 bytes.
Result<Hash> HashFromBase64(std::string_view text);

// Big-endian fixed-width integers: RocksDB keys sort numerically this way.
void AppendBigEndian64(std::string& out, uint64_t v);
uint64_t ReadBigEndian64(const uint8_t* p);

// FlatBuffers reads a buffer's fields in place, so the buffer must start on
// the boundary of its widest scalar (8 bytes in our schemas). Bytes handed
// out by RocksDB, or cut from inside a larger buffer, need not: this returns
// `bytes` itself when it is aligned, else a copy of it made in `storage`
// (a vector's heap block is aligned for any scalar).
ByteView AlignedForFlatBuffers(ByteView bytes, Bytes& storage);

// Constant-time comparison (libsodium), for secrets and MACs.
bool ConstantTimeEqual(ByteView a, ByteView b);

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_CORE_BYTES_H_
