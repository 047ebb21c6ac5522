#include "ledger/core/note.h"

#include <cstdio>
#include <vector>

#include "ledger/core/sha256.h"
#include "ledger/core/utf8.h"

namespace lawtrail::note {
namespace {

constexpr uint8_t kAlgEd25519 = 0x01;
constexpr std::string_view kSigPrefix = "\xE2\x80\x94 ";  // "— " (U+2014 EM DASH, space)
constexpr size_t kMaxSignatures = 100;

// Splits at the first `max_parts - 1` '+' signs: the last part is base64,
// which may itself contain '+'.
std::vector<std::string_view> SplitPlus(std::string_view s, size_t max_parts) {
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < max_parts) {
    const size_t plus = s.find('+');
    if (plus == std::string_view::npos) break;
    parts.push_back(s.substr(0, plus));
    s.remove_prefix(plus + 1);
  }
  parts.push_back(s);
  return parts;
}

std::string HexId(uint32_t id) {
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", id);
  return buf;
}

Result<uint32_t> ParseHexId(std::string_view hex) {
  // C2SP signed-note: "the fixed length lowercase Base 16 encoding". An upper
  // case id would be a second spelling of the same key (found by fuzzing).
  if (hex.size() != 8 || hex.find_first_not_of("0123456789abcdef") != std::string_view::npos) {
    return Status::InvalidArgument("key id must be 8 lowercase hex digits");
  }
  LAWTRAIL_ASSIGN_OR_RETURN(Bytes b, FromHex(hex));
  return static_cast<uint32_t>(b[0]) << 24 | static_cast<uint32_t>(b[1]) << 16 | static_cast<uint32_t>(b[2]) << 8 |
         b[3];
}

// What a key of each type is called in errors.
std::string KindOf(uint8_t type) { return type == kAlgEd25519 ? "note" : "cosigner"; }

Result<Bytes> ParseAlgKey(std::string_view b64, uint8_t type) {
  LAWTRAIL_ASSIGN_OR_RETURN(Bytes b, FromBase64(b64));
  if (b.size() != 33 || b[0] != type) {
    char want[5];
    std::snprintf(want, sizeof want, "0x%02x", type);
    return Status::InvalidArgument(KindOf(type) + " key is not an Ed25519 key of type " + want + " (want base64 of " +
                                   want + " and 32 bytes)");
  }
  return Bytes(b.begin() + 1, b.end());
}

Bytes AlgKey(ByteView key, uint8_t type) {
  Bytes out(1 + key.size());
  out[0] = type;
  std::copy(key.begin(), key.end(), out.begin() + 1);
  return out;
}

}  // namespace

Status CheckKeyName(std::string_view name) {
  if (name.empty()) return Status::InvalidArgument("key name is empty");
  if (!IsValidUtf8(name)) return Status::InvalidArgument("key name is not valid UTF-8");
  if (name.find('+') != std::string_view::npos) {
    return Status::InvalidArgument("key name '" + std::string(name) + "' contains '+'");
  }
  if (ContainsSpace(name)) {
    return Status::InvalidArgument("key name '" + std::string(name) + "' contains white space");
  }
  return Status::Ok();
}

uint32_t KeyIdOfType(std::string_view name, uint8_t type, const PublicKey& key) {
  const uint8_t sep[2] = {'\n', type};
  const Hash h = Sha256({AsBytes(name), ByteView(sep, 2), key});
  return static_cast<uint32_t>(h[0]) << 24 | static_cast<uint32_t>(h[1]) << 16 | static_cast<uint32_t>(h[2]) << 8 |
         h[3];
}

std::string EncodeVerifierOfType(std::string_view name, uint8_t type, const PublicKey& key) {
  return std::string(name) + "+" + HexId(KeyIdOfType(name, type, key)) + "+" + ToBase64(AlgKey(key, type));
}

Result<Verifier> ParseVerifierOfType(std::string_view vkey, uint8_t type) {
  const auto parts = SplitPlus(vkey, 3);
  if (parts.size() != 3) return Status::InvalidArgument(KindOf(type) + " verifier key must be name+id+key");
  LAWTRAIL_RETURN_IF_ERROR(CheckKeyName(parts[0]));
  LAWTRAIL_ASSIGN_OR_RETURN(uint32_t id, ParseHexId(parts[1]));
  LAWTRAIL_ASSIGN_OR_RETURN(Bytes raw, ParseAlgKey(parts[2], type));
  LAWTRAIL_ASSIGN_OR_RETURN(PublicKey key, PublicKeyFrom(raw));
  if (KeyIdOfType(parts[0], type, key) != id) {
    return Status::InvalidArgument(KindOf(type) + " verifier key id does not match its name and key");
  }
  return Verifier{std::string(parts[0]), id, key};
}

std::string EncodeSignerOfType(std::string_view name, uint8_t type, const KeyPair& key) {
  return "PRIVATE+KEY+" + std::string(name) + "+" + HexId(KeyIdOfType(name, type, key.public_key())) + "+" +
         ToBase64(AlgKey(key.seed(), type));
}

Result<Signer> ParseSignerOfType(std::string_view skey, uint8_t type) {
  const auto parts = SplitPlus(skey, 5);
  if (parts.size() != 5 || parts[0] != "PRIVATE" || parts[1] != "KEY") {
    return Status::InvalidArgument(KindOf(type) + " signer key must be PRIVATE+KEY+name+id+key");
  }
  LAWTRAIL_RETURN_IF_ERROR(CheckKeyName(parts[2]));
  LAWTRAIL_ASSIGN_OR_RETURN(uint32_t id, ParseHexId(parts[3]));
  LAWTRAIL_ASSIGN_OR_RETURN(Bytes raw, ParseAlgKey(parts[4], type));
  Seed seed;
  std::copy(raw.begin(), raw.end(), seed.begin());
  KeyPair key = KeyPair::FromSeed(seed);
  if (KeyIdOfType(parts[2], type, key.public_key()) != id) {
    return Status::InvalidArgument(KindOf(type) + " signer key id does not match its name and key");
  }
  return Signer{std::string(parts[2]), key};
}

uint32_t KeyId(std::string_view name, const PublicKey& key) { return KeyIdOfType(name, kAlgEd25519, key); }
std::string EncodeVerifier(std::string_view name, const PublicKey& key) {
  return EncodeVerifierOfType(name, kAlgEd25519, key);
}
Result<Verifier> ParseVerifier(std::string_view vkey) { return ParseVerifierOfType(vkey, kAlgEd25519); }
std::string EncodeSigner(std::string_view name, const KeyPair& key) {
  return EncodeSignerOfType(name, kAlgEd25519, key);
}
Result<Signer> ParseSigner(std::string_view skey) { return ParseSignerOfType(skey, kAlgEd25519); }

Result<std::string> Sign(std::string_view text, const Signer& signer) {
  LAWTRAIL_RETURN_IF_ERROR(CheckKeyName(signer.name));
  if (text.empty() || text.back() != '\n') {
    return Status::InvalidArgument("note text must end in a newline");
  }
  if (text.size() >= 2 && text.substr(text.size() - 2) == "\n\n") {
    return Status::InvalidArgument("note text must not end in a blank line");
  }
  if (!IsValidUtf8(text)) return Status::InvalidArgument("note text is not valid UTF-8");
  for (char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 && c != '\n') {
      return Status::InvalidArgument("note text holds a control character");
    }
  }
  const Signature sig = signer.key.Sign(AsBytes(text));
  const uint32_t id = KeyId(signer.name, signer.key.public_key());
  Bytes blob = {static_cast<uint8_t>(id >> 24), static_cast<uint8_t>(id >> 16), static_cast<uint8_t>(id >> 8),
                static_cast<uint8_t>(id)};
  blob.insert(blob.end(), sig.begin(), sig.end());
  std::string out(text);
  out += "\n";
  out += kSigPrefix;
  out += signer.name;
  out += " ";
  out += ToBase64(blob);
  out += "\n";
  return out;
}

Result<std::string> Open(std::string_view note, const Verifier& verifier) {
  const size_t split = note.rfind("\n\n");
  if (split == std::string_view::npos) return Status::InvalidArgument("note has no signature block");
  const std::string_view text = note.substr(0, split + 1);
  std::string_view sigs = note.substr(split + 2);
  if (sigs.empty() || sigs.back() != '\n') {
    return Status::InvalidArgument("note signature block must end in a newline");
  }
  if (!IsValidUtf8(note)) return Status::InvalidArgument("note is not valid UTF-8");
  size_t count = 0;
  bool verified = false;
  while (!sigs.empty()) {
    const size_t nl = sigs.find('\n');
    std::string_view line = sigs.substr(0, nl);
    sigs.remove_prefix(nl + 1);
    if (++count > kMaxSignatures) return Status::InvalidArgument("note has too many signatures");
    if (line.substr(0, kSigPrefix.size()) != kSigPrefix) {
      return Status::InvalidArgument("malformed signature line: '" + std::string(line) + "'");
    }
    line.remove_prefix(kSigPrefix.size());
    const size_t space = line.find(' ');
    if (space == std::string_view::npos) {
      return Status::InvalidArgument("signature line has no key name");
    }
    const std::string_view name = line.substr(0, space);
    auto blob = FromBase64(line.substr(space + 1));
    if (!blob.ok() || blob->size() < 5) {
      return Status::InvalidArgument("malformed signature for key '" + std::string(name) + "'");
    }
    const uint32_t id = static_cast<uint32_t>((*blob)[0]) << 24 | static_cast<uint32_t>((*blob)[1]) << 16 |
                        static_cast<uint32_t>((*blob)[2]) << 8 | (*blob)[3];
    if (name != verifier.name || id != verifier.key_id) continue;
    if (!VerifySignature(verifier.public_key, AsBytes(text), ByteView(*blob).subspan(4))) {
      return Status::Corruption("invalid signature by '" + verifier.name + "'");
    }
    verified = true;
  }
  if (!verified) return Status::NotFound("note has no signature by '" + verifier.name + "'");
  return std::string(text);
}

}  // namespace lawtrail::note
