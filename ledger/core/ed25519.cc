#include "ledger/core/ed25519.h"

#include <cstdlib>

#include <sodium.h>

namespace lawtrail {
namespace {

// sodium_init is idempotent and thread-safe; calling it here keeps every user
// of the library from having to remember.
void EnsureSodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) std::abort();
}

}  // namespace

KeyPair KeyPair::Generate() {
  EnsureSodium();
  Seed seed;
  randombytes_buf(seed.data(), seed.size());
  KeyPair k = FromSeed(seed);
  sodium_memzero(seed.data(), seed.size());
  return k;
}

KeyPair KeyPair::FromSeed(const Seed& seed) {
  EnsureSodium();
  KeyPair k;
  k.seed_ = seed;
  crypto_sign_seed_keypair(k.public_key_.data(), k.secret_key_.data(), seed.data());
  return k;
}

KeyPair::~KeyPair() {
  sodium_memzero(seed_.data(), seed_.size());
  sodium_memzero(secret_key_.data(), secret_key_.size());
}

Signature KeyPair::Sign(ByteView message) const {
  Signature sig;
  crypto_sign_detached(sig.data(), nullptr, message.data(), message.size(), secret_key_.data());
  return sig;
}

bool VerifySignature(const PublicKey& key, ByteView message, ByteView signature) {
  EnsureSodium();
  return signature.size() == crypto_sign_BYTES &&
         crypto_sign_verify_detached(signature.data(), message.data(), message.size(), key.data()) == 0;
}

Result<PublicKey> PublicKeyFrom(ByteView bytes) {
  if (bytes.size() != 32) {
    return Status::InvalidArgument("public key has " + std::to_string(bytes.size()) + " bytes, want 32");
  }
  PublicKey k;
  std::copy(bytes.begin(), bytes.end(), k.begin());
  return k;
}

}  // namespace lawtrail
