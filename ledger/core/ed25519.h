// File: ledger/core/ed25519.h
// -----------------------------------------------------------------------------
// Ed25519 keys, signatures and verification (libsodium). Never hand-written.
#ifndef LAWTRAIL_LEDGER_CORE_ED25519_H_
#define LAWTRAIL_LEDGER_CORE_ED25519_H_

#include <array>

#include "ledger/core/bytes.h"

namespace lawtrail {

using PublicKey = std::array<uint8_t, 32>;
using Signature = std::array<uint8_t, 64>;
using Seed = std::array<uint8_t, 32>;

// An Ed25519 key pair. Holds the secret in memory; copying is allowed because
// the CLI and tests pass keys by value, but the secret is wiped on destruction.
class KeyPair {
 public:
  static KeyPair Generate();
  static KeyPair FromSeed(const Seed& seed);
  KeyPair(const KeyPair&) = default;
  KeyPair& operator=(const KeyPair&) = default;
  ~KeyPair();

  const PublicKey& public_key() const { return public_key_; }
  const Seed& seed() const { return seed_; }
  Signature Sign(ByteView message) const;

 private:
  KeyPair() = default;
  Seed seed_{};
  PublicKey public_key_{};
  std::array<uint8_t, 64> secret_key_{};
};

bool VerifySignature(const PublicKey& key, ByteView message, ByteView signature);

Result<PublicKey> PublicKeyFrom(ByteView bytes);

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_CORE_ED25519_H_
