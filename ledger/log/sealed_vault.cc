#include "ledger/log/sealed_vault.h"

#include <sodium.h>

#include "ledger/log/data_dir.h"
#include "ledger/log/files.h"

namespace lawtrail {
namespace {

constexpr char kKdfContext[crypto_kdf_CONTEXTBYTES + 1] = "ltsealed";
constexpr uint64_t kBoxSubkey = 1;
constexpr uint64_t kTagSubkey = 2;

}  // namespace

SealedVault SealedVault::FromMasterKey(const std::array<uint8_t, 32>& master) {
  SealedVault v;
  crypto_kdf_derive_from_key(v.box_key_.data(), v.box_key_.size(), kBoxSubkey, kKdfContext, master.data());
  crypto_kdf_derive_from_key(v.tag_key_.data(), v.tag_key_.size(), kTagSubkey, kKdfContext, master.data());
  return v;
}

Result<SealedVault> SealedVault::LoadOrCreate(const std::string& dir) {
  const std::string path = data_dir::SealedKeyPath(dir);
  std::array<uint8_t, 32> master{};
  auto text = ReadFile(path);
  if (!text.ok()) {
    if (text.status().code() != StatusCode::kNotFound) return text.status();
    crypto_kdf_keygen(master.data());
    Status saved = WriteFileDurably(path, ToHex(master) + "\n", 0600, true);
    if (saved.code() == StatusCode::kAlreadyExists) return LoadOrCreate(dir);  // another opener won
    LAWTRAIL_RETURN_IF_ERROR(saved);
  } else {
    std::string hex = *text;
    while (!hex.empty() && (hex.back() == '\n' || hex.back() == '\r')) hex.pop_back();
    auto bytes = FromHex(hex);
    if (!bytes.ok() || bytes->size() != master.size()) {
      return Status::InvalidArgument(path + " does not hold a 32-byte hex key");
    }
    std::copy(bytes->begin(), bytes->end(), master.begin());
  }
  SealedVault v = FromMasterKey(master);
  sodium_memzero(master.data(), master.size());
  return v;
}

Bytes SealedVault::Encrypt(ByteView plaintext) const {
  Bytes out(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plaintext.size());
  randombytes_buf(out.data(), crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(out.data() + crypto_secretbox_NONCEBYTES, plaintext.data(), plaintext.size(), out.data(),
                        box_key_.data());
  return out;
}

Result<Bytes> SealedVault::Decrypt(ByteView sealed) const {
  if (sealed.size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
    return Status::Corruption("sealed opening is too short");
  }
  Bytes out(sealed.size() - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES);
  if (crypto_secretbox_open_easy(out.data(), sealed.data() + crypto_secretbox_NONCEBYTES,
                                 sealed.size() - crypto_secretbox_NONCEBYTES, sealed.data(), box_key_.data()) != 0) {
    return Status::Corruption("sealed opening fails authentication (wrong key or altered)");
  }
  return out;
}

Hash SealedVault::PartyTag(std::string_view kind, std::string_view value) const {
  Hash tag{};
  crypto_generichash_state st;
  crypto_generichash_init(&st, tag_key_.data(), tag_key_.size(), tag.size());
  crypto_generichash_update(&st, reinterpret_cast<const uint8_t*>(kind.data()), kind.size());
  const uint8_t zero = 0;
  crypto_generichash_update(&st, &zero, 1);
  crypto_generichash_update(&st, reinterpret_cast<const uint8_t*>(value.data()), value.size());
  crypto_generichash_final(&st, tag.data(), tag.size());
  return tag;
}

}  // namespace lawtrail
