// File: ledger/log/sealed_vault.h
// -----------------------------------------------------------------------------
// Keeps the openings of sealed fields encrypted at rest, and keys the party
// index (D6, R5; docs/private-data.md).
//
// One 32-byte master key (DIR/sealed.key, mode 0600) derives, with libsodium's
// KDF, a secretbox key for openings and a BLAKE2b key for party tags. A party
// tag is BLAKE2b-256 keyed over (kind ‖ 0 ‖ identifier): the same 身份证号 or
// 统一社会信用代码 always gives the same tag, so every record about a party is
// found together, yet without the key nobody can test a guessed ID number
// against the index (ID numbers have far too little entropy to hash bare).
// Thread-safe (immutable after load).
#ifndef LAWTRAIL_LEDGER_LOG_SEALED_VAULT_H_
#define LAWTRAIL_LEDGER_LOG_SEALED_VAULT_H_

#include <array>
#include <string>

#include "ledger/core/bytes.h"
#include "ledger/core/status.h"

namespace lawtrail {

class SealedVault {
 public:
  // Loads DIR/sealed.key, creating it (0600) if the folder has none yet.
  static Result<SealedVault> LoadOrCreate(const std::string& dir);
  static SealedVault FromMasterKey(const std::array<uint8_t, 32>& master);

  // nonce ‖ XSalsa20-Poly1305(plaintext).
  Bytes Encrypt(ByteView plaintext) const;
  Result<Bytes> Decrypt(ByteView sealed) const;

  // The party index key for identifier `value` of kind `kind` (id_no, credit_code).
  Hash PartyTag(std::string_view kind, std::string_view value) const;

 private:
  std::array<uint8_t, 32> box_key_{};
  std::array<uint8_t, 32> tag_key_{};
};

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_LOG_SEALED_VAULT_H_
