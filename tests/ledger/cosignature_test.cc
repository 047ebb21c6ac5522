// C2SP tlog-cosignature v1 (Ed25519): the key id, the signed message and the
// signature line, each built here by hand from the spec with libsodium.
#include "ledger/core/cosignature.h"

#include <catch2/catch.hpp>
#include <sodium.h>

#include "ledger/core/bytes.h"

namespace lawtrail::testing {
namespace {

constexpr std::string_view kBody =
    "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";

KeyPair Witness() {
  Seed seed;
  for (size_t i = 0; i < seed.size(); ++i) seed[i] = static_cast<uint8_t>(i + 1);
  return KeyPair::FromSeed(seed);
}

TEST_CASE("a cosignature is the spec's key id, timestamp and Ed25519 signature over cosignature/v1", "[cosig]") {
  const KeyPair key = Witness();
  const std::string name = "sifaju.pingqiao.example/w1";
  // Key id: SHA-256(name ‖ "\n" ‖ 0x04 ‖ key)[:4].
  std::string id_input = name + "\n";
  id_input.push_back('\x04');
  id_input.append(AsChars(key.public_key()));
  uint8_t digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const uint8_t*>(id_input.data()), id_input.size());
  CHECK(cosig::KeyId(name, key.public_key()) ==
        (uint32_t{digest[0]} << 24 | uint32_t{digest[1]} << 16 | uint32_t{digest[2]} << 8 | digest[3]));

  // The message of the spec's example, for time 1679315147.
  const std::string message = "cosignature/v1\ntime 1679315147\n" + std::string(kBody);
  CHECK(cosig::SignedMessage(kBody, 1679315147) == message);
  uint8_t sk[crypto_sign_SECRETKEYBYTES], pk[crypto_sign_PUBLICKEYBYTES];
  crypto_sign_seed_keypair(pk, sk, key.seed().data());
  uint8_t sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const uint8_t*>(message.data()), message.size(), sk);
  Bytes blob(digest, digest + 4);
  for (int shift = 56; shift >= 0; shift -= 8) blob.push_back(static_cast<uint8_t>(uint64_t{1679315147} >> shift));
  blob.insert(blob.end(), sig, sig + sizeof sig);
  const std::string expected = "\xE2\x80\x94 " + name + " " + ToBase64(blob) + "\n";
  CHECK(cosig::Cosign(name, key, kBody, 1679315147) == expected);

  const auto verifier = cosig::ParseVerifier(cosig::EncodeVerifier(name, key.public_key()));
  REQUIRE(verifier.ok());
  const std::string note = std::string(kBody) + "\n" + expected;
  const auto when = cosig::VerifyCosignature(note, *verifier);
  REQUIRE(when.ok());
  CHECK(*when == 1679315147);
}

TEST_CASE("the spec's example cosignature line carries its time after the key id", "[cosig]") {
  // tlog-cosignature.md: "— witness.example.com/w1 jWbPPwAAAABkGFDL…", signed at time 1679315147.
  const auto blob = FromBase64(
      "jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==");
  REQUIRE(blob.ok());
  REQUIRE(blob->size() == 4 + 8 + 64);
  CHECK(ReadBigEndian64(blob->data() + 4) == 1679315147);
}

TEST_CASE("a cosignature that was altered, moved or made by another key does not verify", "[cosig]") {
  const KeyPair key = Witness();
  const auto verifier = cosig::ParseVerifier(cosig::EncodeVerifier("w.example/1", key.public_key()));
  REQUIRE(verifier.ok());
  const std::string line = cosig::Cosign("w.example/1", key, kBody, 1700000000);
  const std::string note = std::string(kBody) + "\n" + line;
  REQUIRE(cosig::VerifyCosignature(note, *verifier).ok());

  std::string other_body(kBody);
  other_body[other_body.size() - 3] = 'A';  // another root
  CHECK(cosig::VerifyCosignature(other_body + "\n" + line, *verifier).status().code() == StatusCode::kCorruption);
  // The same signature claimed for another time.
  auto blob = FromBase64(line.substr(line.rfind(' ') + 1, line.size() - line.rfind(' ') - 2));
  REQUIRE(blob.ok());
  (*blob)[11] ^= 1;
  const std::string retimed = std::string(kBody) + "\n\xE2\x80\x94 w.example/1 " + ToBase64(*blob) + "\n";
  CHECK(cosig::VerifyCosignature(retimed, *verifier).status().code() == StatusCode::kCorruption);
  // Another witness's line is ignored: none by this one.
  const std::string foreign = std::string(kBody) + "\n" + cosig::Cosign("w.example/2", KeyPair::Generate(), kBody, 1);
  CHECK(cosig::VerifyCosignature(foreign, *verifier).status().code() == StatusCode::kNotFound);
  // A log's own signature (note type 0x01) is not a cosignature by the same key.
  CHECK(cosig::ParseVerifier(note::EncodeVerifier("w.example/1", key.public_key())).status().code() ==
        StatusCode::kInvalidArgument);
  CHECK(cosig::ParseVerifier("w.example/1+00000000+" + cosig::EncodeVerifier("x", key.public_key()).substr(11))
            .status()
            .code() == StatusCode::kInvalidArgument);
  CHECK_FALSE(cosig::ParseVerifier("").ok());
  // The secret key's text form round-trips and is checked the same way.
  const auto signer = cosig::ParseSigner(cosig::EncodeSigner("w.example/1", key));
  REQUIRE(signer.ok());
  CHECK(signer->key.public_key() == key.public_key());
  CHECK_FALSE(cosig::ParseSigner(note::EncodeSigner("w.example/1", key)).ok());  // a 0x01 note key
  CHECK_FALSE(cosig::ParseSigner("PRIVATE+KEY+w.example/1+zz").ok());
  CHECK_FALSE(cosig::ParseVerifier("w.example/1+zz").ok());
}

}  // namespace
}  // namespace lawtrail::testing
