// What every fuzz harness shares: a property check that stops the run (so
// that libFuzzer keeps the input that broke it, and a replay names it), and
// the fixed log key the harnesses' inputs are signed with.
#ifndef LAWTRAIL_TESTS_FUZZ_FUZZ_SUPPORT_H_
#define LAWTRAIL_TESTS_FUZZ_FUZZ_SUPPORT_H_

#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "ledger/core/bytes.h"
#include "ledger/core/ed25519.h"
#include "ledger/core/note.h"

// A property every input must keep; on failure the harness aborts with the message.
#define LAWTRAIL_FUZZ_CHECK(condition, message)                                                 \
  do {                                                                                          \
    if (!(condition)) {                                                                         \
      std::fprintf(stderr, "fuzz property broken at %s:%d: %s\n", __FILE__, __LINE__, message); \
      std::abort();                                                                             \
    }                                                                                           \
  } while (0)

namespace lawtrail::fuzz {

inline constexpr std::string_view kOrigin = "fuzz.lawtrail.example/enforcement";

// The same key in every run, so that seeds signed by it stay valid.
inline const KeyPair& FixedKey(uint8_t which) {
  static const KeyPair keys[3] = {KeyPair::FromSeed(Seed{1}), KeyPair::FromSeed(Seed{2}), KeyPair::FromSeed(Seed{3})};
  return keys[which % 3];
}
inline note::Verifier LogVerifier() {
  const PublicKey key = FixedKey(0).public_key();
  return {std::string(kOrigin), note::KeyId(kOrigin, key), key};
}

inline ByteView AsView(const uint8_t* data, size_t size) { return {data, size}; }

}  // namespace lawtrail::fuzz

#endif  // LAWTRAIL_TESTS_FUZZ_FUZZ_SUPPORT_H_
