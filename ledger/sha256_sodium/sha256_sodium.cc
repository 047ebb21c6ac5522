// SHA-256 through libsodium's portable implementation: the court's verifier
// links this one, so that it depends on libsodium and FlatBuffers alone. The
// ledger links ledger/sha256_openssl/sha256_openssl.cc (OpenSSL) instead, for speed; both give the
// same digests, which the tests check against each other.
#include <cstdlib>

#include <sodium.h>

#include "ledger/core/sha256.h"

namespace lawtrail {

Hash Sha256(std::initializer_list<ByteView> parts) {
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  for (ByteView p : parts) crypto_hash_sha256_update(&state, p.data(), p.size());
  Hash out;
  crypto_hash_sha256_final(&state, out.data());
  return out;
}

}  // namespace lawtrail
