#include "ledger/core/bytes.h"

#include <sodium.h>

namespace lawtrail {

std::string ToHex(ByteView bytes) {
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes.data(), bytes.size());
  out.pop_back();
  return out;
}

Result<Bytes> FromHex(std::string_view hex) {
  if (hex.size() % 2 != 0) return Status::InvalidArgument("hex string has odd length");
  if (hex.empty()) return Bytes();  // libsodium takes no null buffer, which an empty vector's is
  Bytes out(hex.size() / 2);
  size_t len = 0;
  const char* end = nullptr;
  if (sodium_hex2bin(out.data(), out.size(), hex.data(), hex.size(), nullptr, &len, &end) != 0 ||
      end != hex.data() + hex.size()) {
    return Status::InvalidArgument("not a hex string: '" + std::string(hex.substr(0, 40)) + "'");
  }
  out.resize(len);
  return out;
}

std::string ToBase64(ByteView bytes) {
  const size_t n = sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  std::string out(n, '\0');
  sodium_bin2base64(out.data(), n, bytes.data(), bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(n - 1);  // drop the terminating NUL
  return out;
}

Result<Bytes> FromBase64(std::string_view text) {
  Bytes out(text.size() / 4 * 3 + 3);
  size_t len = 0;
  const char* end = nullptr;
  const auto refuse = [&] {
    return Status::InvalidArgument("not standard base64: '" + std::string(text.substr(0, 60)) + "'");
  };
  if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &len, &end,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != text.data() + text.size()) {
    return refuse();
  }
  out.resize(len);
  // libsodium 1.0.18 reads every byte from 0x80 up as '/' (found by fuzzing
  // checkpoints), so one value had 129 spellings at each position. Only the
  // text that encodes back to itself is the value's one spelling.
  if (ToBase64(out) != text) return refuse();
  return out;
}

Result<Hash> HashFromBase64(std::string_view text) {
  LAWTRAIL_ASSIGN_OR_RETURN(Bytes b, FromBase64(text));
  if (b.size() != 32) {
    return Status::InvalidArgument("hash has " + std::to_string(b.size()) + " bytes, want 32");
  }
  Hash h;
  std::copy(b.begin(), b.end(), h.begin());
  return h;
}

void AppendBigEndian64(std::string& out, uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<char>((v >> shift) & 0xff));
}

uint64_t ReadBigEndian64(const uint8_t* p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | p[i];
  return v;
}

bool ConstantTimeEqual(ByteView a, ByteView b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

ByteView AlignedForFlatBuffers(ByteView bytes, Bytes& storage) {
  if (reinterpret_cast<uintptr_t>(bytes.data()) % 8 == 0) return bytes;
  storage.assign(bytes.begin(), bytes.end());
  return storage;
}

}  // namespace lawtrail
