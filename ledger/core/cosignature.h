// File: ledger/core/cosignature.h
// -----------------------------------------------------------------------------
// C2SP tlog-cosignature v1 with Ed25519 (https://c2sp.org/tlog-cosignature):
// a witness's statement that, at time T, the largest consistent tree it has
// seen for the checkpoint's origin has the checkpoint's root.
//
//   key id:     SHA-256(name ‖ "\n" ‖ 0x04 ‖ public key)[:4]
//   vkey:       <name>+<8 hex key id>+<base64(0x04 ‖ public key)>
//   signed:     "cosignature/v1\n" "time <T>\n" ‖ checkpoint body
//   line:       — <name> base64(key id ‖ u64 big-endian T ‖ Ed25519 signature)
//
// T is seconds since the epoch, at most 2^63 - 1, written without leading
// zeroes. The body is the whole checkpoint text (extension lines included)
// without its signature lines.
#ifndef LAWTRAIL_LEDGER_CORE_COSIGNATURE_H_
#define LAWTRAIL_LEDGER_CORE_COSIGNATURE_H_

#include <string>
#include <string_view>

#include "ledger/core/ed25519.h"
#include "ledger/core/note.h"

namespace lawtrail::cosig {

inline constexpr uint8_t kEd25519CosignatureType = 0x04;

uint32_t KeyId(std::string_view name, const PublicKey& key);
std::string EncodeVerifier(std::string_view name, const PublicKey& key);
// A cosigner vkey (type 0x04); key_id is checked against name and key.
Result<note::Verifier> ParseVerifier(std::string_view vkey);

// A cosigner's secret key as text, in the signed-note style with type 0x04:
// PRIVATE+KEY+<name>+<8 hex key id>+<base64(0x04 ‖ 32-byte seed)>.
std::string EncodeSigner(std::string_view name, const KeyPair& key);
Result<note::Signer> ParseSigner(std::string_view skey);

// The message a cosignature signs.
std::string SignedMessage(std::string_view checkpoint_body, uint64_t timestamp);

// One signature line, newline included, ready to append to the checkpoint.
std::string Cosign(std::string_view name, const KeyPair& key, std::string_view checkpoint_body, uint64_t timestamp);

// Finds `cosigner`'s line in the signature block of `signed_note` and checks
// it; returns its timestamp. NotFound if the note carries none by it,
// Corruption if one by it fails to verify.
Result<uint64_t> VerifyCosignature(std::string_view signed_note, const note::Verifier& cosigner);

// The same check, returning the cosignature itself: its time and its
// signature bytes (what a random-inspection draw's seed is made of).
struct Cosignature {
  uint64_t timestamp = 0;
  Signature signature{};
};
Result<Cosignature> VerifiedCosignature(std::string_view signed_note, const note::Verifier& cosigner);

}  // namespace lawtrail::cosig

#endif  // LAWTRAIL_LEDGER_CORE_COSIGNATURE_H_
