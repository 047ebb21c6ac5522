// File: ledger/core/note.h
// -----------------------------------------------------------------------------
// C2SP signed-note (https://c2sp.org/signed-note) with Ed25519 keys, and the
// key encodings of golang.org/x/mod/sumdb/note, so that standard tooling and
// witnesses can check what lawtrail signs.
//
//   verifier key: <name>+<8 hex key id>+<base64(0x01 ‖ public key)>
//   signer key:   PRIVATE+KEY+<name>+<8 hex key id>+<base64(0x01 ‖ seed)>
//   key id:       first 4 bytes, big-endian, of SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key)
//   note:         <text ending in \n>\n— <name> <base64(key id ‖ signature)>\n …
#ifndef LAWTRAIL_LEDGER_CORE_NOTE_H_
#define LAWTRAIL_LEDGER_CORE_NOTE_H_

#include <string>
#include <string_view>

#include "ledger/core/ed25519.h"

namespace lawtrail::note {

struct Verifier {
  std::string name;
  uint32_t key_id = 0;
  PublicKey public_key{};
};

struct Signer {
  std::string name;
  KeyPair key;
};

// A key name must be non-empty UTF-8 with no '+' and no white space.
Status CheckKeyName(std::string_view name);
// Keys of any Ed25519 signature type: 0x01 for notes (below), 0x04 for
// cosignatures (ledger/core/cosignature.h). The key id is
// SHA-256(name ‖ "\n" ‖ type ‖ key)[:4], written as 8 lowercase hex digits.
uint32_t KeyIdOfType(std::string_view name, uint8_t type, const PublicKey& key);
std::string EncodeVerifierOfType(std::string_view name, uint8_t type, const PublicKey& key);
Result<Verifier> ParseVerifierOfType(std::string_view vkey, uint8_t type);
std::string EncodeSignerOfType(std::string_view name, uint8_t type, const KeyPair& key);
Result<Signer> ParseSignerOfType(std::string_view skey, uint8_t type);

// Signature type 0x01 (Ed25519 notes).
uint32_t KeyId(std::string_view name, const PublicKey& key);

std::string EncodeVerifier(std::string_view name, const PublicKey& key);
Result<Verifier> ParseVerifier(std::string_view vkey);

std::string EncodeSigner(std::string_view name, const KeyPair& key);
Result<Signer> ParseSigner(std::string_view skey);

// Signs `text` (which must end in a newline and hold no blank line at its end).
Result<std::string> Sign(std::string_view text, const Signer& signer);

// Checks `note` for a valid signature by `verifier`; returns the signed text.
// Signatures by other keys are ignored, as the spec requires.
Result<std::string> Open(std::string_view note, const Verifier& verifier);

}  // namespace lawtrail::note

#endif  // LAWTRAIL_LEDGER_CORE_NOTE_H_
