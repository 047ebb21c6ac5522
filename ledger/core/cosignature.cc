#include "ledger/core/cosignature.h"

#include <algorithm>

namespace lawtrail::cosig {
namespace {

constexpr std::string_view kSigPrefix = "\xE2\x80\x94 ";  // "— " (U+2014 EM DASH, space)
constexpr uint64_t kMaxTimestamp = (uint64_t{1} << 63) - 1;

uint32_t ReadId(const uint8_t* p) {
  return static_cast<uint32_t>(p[0]) << 24 | static_cast<uint32_t>(p[1]) << 16 | static_cast<uint32_t>(p[2]) << 8 |
         p[3];
}

}  // namespace

uint32_t KeyId(std::string_view name, const PublicKey& key) {
  return note::KeyIdOfType(name, kEd25519CosignatureType, key);
}

std::string EncodeVerifier(std::string_view name, const PublicKey& key) {
  return note::EncodeVerifierOfType(name, kEd25519CosignatureType, key);
}

Result<note::Verifier> ParseVerifier(std::string_view vkey) {
  return note::ParseVerifierOfType(vkey, kEd25519CosignatureType);
}

std::string EncodeSigner(std::string_view name, const KeyPair& key) {
  return note::EncodeSignerOfType(name, kEd25519CosignatureType, key);
}

Result<note::Signer> ParseSigner(std::string_view skey) {
  return note::ParseSignerOfType(skey, kEd25519CosignatureType);
}

std::string SignedMessage(std::string_view checkpoint_body, uint64_t timestamp) {
  return "cosignature/v1\ntime " + std::to_string(timestamp) + "\n" + std::string(checkpoint_body);
}

std::string Cosign(std::string_view name, const KeyPair& key, std::string_view checkpoint_body, uint64_t timestamp) {
  const Signature sig = key.Sign(AsBytes(SignedMessage(checkpoint_body, timestamp)));
  const uint32_t id = KeyId(name, key.public_key());
  std::string blob;
  for (int shift = 24; shift >= 0; shift -= 8) blob.push_back(static_cast<char>(id >> shift));
  AppendBigEndian64(blob, timestamp);
  blob.append(AsChars(sig));
  return std::string(kSigPrefix) + std::string(name) + " " + ToBase64(AsBytes(blob)) + "\n";
}

Result<uint64_t> VerifyCosignature(std::string_view signed_note, const note::Verifier& cosigner) {
  LAWTRAIL_ASSIGN_OR_RETURN(const Cosignature found, VerifiedCosignature(signed_note, cosigner));
  return found.timestamp;
}

Result<Cosignature> VerifiedCosignature(std::string_view signed_note, const note::Verifier& cosigner) {
  const size_t split = signed_note.rfind("\n\n");
  if (split == std::string_view::npos) return Status::InvalidArgument("note has no signature block");
  const std::string_view body = signed_note.substr(0, split + 1);
  std::string_view sigs = signed_note.substr(split + 2);
  while (!sigs.empty()) {
    const size_t nl = sigs.find('\n');
    if (nl == std::string_view::npos) return Status::InvalidArgument("signature line without a newline");
    std::string_view line = sigs.substr(0, nl);
    sigs.remove_prefix(nl + 1);
    if (line.substr(0, kSigPrefix.size()) != kSigPrefix) return Status::InvalidArgument("malformed signature line");
    line.remove_prefix(kSigPrefix.size());
    const size_t space = line.find(' ');
    if (space == std::string_view::npos || line.substr(0, space) != cosigner.name) continue;
    auto blob = FromBase64(line.substr(space + 1));
    if (!blob.ok() || blob->size() < 4 || ReadId(blob->data()) != cosigner.key_id) continue;
    if (blob->size() != 4 + 8 + 64) return Status::Corruption("cosignature by '" + cosigner.name + "' is malformed");
    const uint64_t timestamp = ReadBigEndian64(blob->data() + 4);
    if (timestamp > kMaxTimestamp ||
        !VerifySignature(cosigner.public_key, AsBytes(SignedMessage(body, timestamp)), ByteView(*blob).subspan(12))) {
      return Status::Corruption("invalid cosignature by '" + cosigner.name + "'");
    }
    Cosignature found{timestamp, {}};
    std::copy(blob->begin() + 12, blob->end(), found.signature.begin());
    return found;
  }
  return Status::NotFound("no cosignature by '" + cosigner.name + "'");
}

}  // namespace lawtrail::cosig
