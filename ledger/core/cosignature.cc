#include "ledger/core/cosignature.h"

#include <cstdio>

#include "ledger/core/sha256.h"

namespace lawtrail::cosig {
namespace {

constexpr std::string_view kSigPrefix = "\xE2\x80\x94 ";  // "— " (U+2014 EM DASH, space)
constexpr uint64_t kMaxTimestamp = (uint64_t{1} << 63) - 1;

uint32_t ReadId(const uint8_t* p) {
  return static_cast<uint32_t>(p[0]) << 24 | static_cast<uint32_t>(p[1]) << 16 | static_cast<uint32_t>(p[2]) << 8 |
         p[3];
}

std::string HexId(uint32_t id) {
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", id);
  return buf;
}

}  // namespace

uint32_t KeyId(std::string_view name, const PublicKey& key) {
  const uint8_t sep[2] = {'\n', kEd25519CosignatureType};
  const Hash h = Sha256({AsBytes(name), ByteView(sep, 2), key});
  return ReadId(h.data());
}

std::string EncodeVerifier(std::string_view name, const PublicKey& key) {
  Bytes typed{kEd25519CosignatureType};
  typed.insert(typed.end(), key.begin(), key.end());
  return std::string(name) + "+" + HexId(KeyId(name, key)) + "+" + ToBase64(typed);
}

Result<note::Verifier> ParseVerifier(std::string_view vkey) {
  const size_t first = vkey.find('+');
  const size_t second = first == std::string_view::npos ? first : vkey.find('+', first + 1);
  if (second == std::string_view::npos) return Status::InvalidArgument("cosigner key must be name+id+key");
  const std::string_view name = vkey.substr(0, first);
  LAWTRAIL_RETURN_IF_ERROR(note::CheckKeyName(name));
  const std::string_view hex = vkey.substr(first + 1, second - first - 1);
  if (hex.size() != 8 || hex.find_first_not_of("0123456789abcdef") != std::string_view::npos) {
    return Status::InvalidArgument("cosigner key id must be 8 lowercase hex digits");
  }
  LAWTRAIL_ASSIGN_OR_RETURN(Bytes id, FromHex(hex));
  LAWTRAIL_ASSIGN_OR_RETURN(Bytes typed, FromBase64(vkey.substr(second + 1)));
  if (typed.size() != 33 || typed[0] != kEd25519CosignatureType) {
    return Status::InvalidArgument("not an Ed25519 cosigner key (want base64 of 0x04 and 32 bytes)");
  }
  LAWTRAIL_ASSIGN_OR_RETURN(PublicKey key, PublicKeyFrom(ByteView(typed).subspan(1)));
  if (KeyId(name, key) != ReadId(id.data())) {
    return Status::InvalidArgument("cosigner key id does not match its name and key");
  }
  return note::Verifier{std::string(name), ReadId(id.data()), key};
}

std::string EncodeSigner(std::string_view name, const KeyPair& key) {
  Bytes typed{kEd25519CosignatureType};
  typed.insert(typed.end(), key.seed().begin(), key.seed().end());
  return "PRIVATE+KEY+" + std::string(name) + "+" + HexId(KeyId(name, key.public_key())) + "+" + ToBase64(typed);
}

Result<note::Signer> ParseSigner(std::string_view skey) {
  constexpr std::string_view kPrefix = "PRIVATE+KEY+";
  if (skey.substr(0, kPrefix.size()) != kPrefix) return Status::InvalidArgument("cosigner key must be PRIVATE+KEY+…");
  skey.remove_prefix(kPrefix.size());
  const size_t first = skey.find('+');
  const size_t second = first == std::string_view::npos ? first : skey.find('+', first + 1);
  if (second == std::string_view::npos) return Status::InvalidArgument("cosigner key must be PRIVATE+KEY+name+id+key");
  const std::string_view name = skey.substr(0, first);
  LAWTRAIL_RETURN_IF_ERROR(note::CheckKeyName(name));
  LAWTRAIL_ASSIGN_OR_RETURN(Bytes typed, FromBase64(skey.substr(second + 1)));
  if (typed.size() != 33 || typed[0] != kEd25519CosignatureType) {
    return Status::InvalidArgument("not an Ed25519 cosigner key (want base64 of 0x04 and a 32-byte seed)");
  }
  Seed seed;
  std::copy(typed.begin() + 1, typed.end(), seed.begin());
  KeyPair key = KeyPair::FromSeed(seed);
  if (HexId(KeyId(name, key.public_key())) != skey.substr(first + 1, second - first - 1)) {
    return Status::InvalidArgument("cosigner key id does not match its name and key");
  }
  return note::Signer{std::string(name), key};
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
    return timestamp;
  }
  return Status::NotFound("no cosignature by '" + cosigner.name + "'");
}

}  // namespace lawtrail::cosig
