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

struct Sha256Stream::State {
  crypto_hash_sha256_state sha;
};

Sha256Stream::Sha256Stream() : state_(std::make_unique<State>()) { crypto_hash_sha256_init(&state_->sha); }
Sha256Stream::~Sha256Stream() = default;

void Sha256Stream::Update(ByteView data) { crypto_hash_sha256_update(&state_->sha, data.data(), data.size()); }

Hash Sha256Stream::Final() {
  Hash out;
  crypto_hash_sha256_final(&state_->sha, out.data());
  crypto_hash_sha256_init(&state_->sha);
  return out;
}

}  // namespace lawtrail
