// Text encodings of bytes (base64, hex) are accepted in one spelling only: a
// value that could be written two ways could be relayed in a way its signer
// never wrote, and a checkpoint or note would not print back to itself.
#include <cctype>

#include <catch2/catch.hpp>

#include "ledger/core/bytes.h"
#include "ledger/core/checkpoint.h"
#include "ledger/core/note.h"

namespace lawtrail {
namespace {

TEST_CASE("base64 is read only in its one spelling: no byte from 0x80 up stands for '/'", "[encoding]") {
  // libsodium 1.0.18 decodes each of these 128 bytes as '/' (found by fuzzing checkpoints).
  const std::string canonical = "AAA/";
  REQUIRE(FromBase64(canonical).ok());
  for (int c = 0x80; c <= 0xff; ++c) {
    std::string spelled = canonical;
    spelled[3] = static_cast<char>(c);
    INFO("byte " << c);
    CHECK_FALSE(FromBase64(spelled).ok());
  }
  // Padding is the value's own: trailing bits set, or padding missing, are other spellings.
  CHECK(FromBase64("QQ==").ok());
  CHECK_FALSE(FromBase64("QR==").ok());
  CHECK_FALSE(FromBase64("QQ").ok());
  CHECK_FALSE(FromBase64("Q Q==").ok());
  CHECK(FromBase64("").ok());
}

TEST_CASE("a checkpoint whose root is spelled with a byte from 0x80 up does not parse", "[encoding][checkpoint]") {
  const std::string root = ToBase64(Hash{0xfc, 0xff});  // "/P8AAAAA...": a '/' to respell
  REQUIRE(root.find('/') != std::string::npos);
  const std::string body = "example.org/log\n7\n" + root + "\n";
  auto parsed = ParseCheckpointBody(body);
  REQUIRE(parsed.ok());
  CHECK(parsed->Body() == body);
  std::string respelled = body;
  respelled[respelled.find('/', body.find('\n'))] = '\xe8';
  CHECK_FALSE(ParseCheckpointBody(respelled).ok());
}

TEST_CASE("a note signature respelled with a byte from 0x80 up is not a signature", "[encoding][note]") {
  const note::Signer signer{"example.org/log", KeyPair::FromSeed(Seed{7})};
  const note::Verifier verifier{signer.name, note::KeyId(signer.name, signer.key.public_key()),
                                signer.key.public_key()};
  std::string signed_note;
  // A signature whose base64 has a '/' to respell (the text varies until one does).
  std::string signature;
  for (int n = 0; signature.find('/') == std::string::npos; ++n) {
    auto made = note::Sign("example.org/log\n" + std::to_string(n) + "\n", signer);
    REQUIRE(made.ok());
    signed_note = *made;
    signature = signed_note.substr(signed_note.rfind(' ') + 1);
  }
  REQUIRE(note::Open(signed_note, verifier).ok());
  std::string respelled = signed_note;
  respelled[signed_note.rfind(' ') + 1 + signature.find('/')] = '\x80';
  CHECK_FALSE(note::Open(respelled, verifier).ok());
}

TEST_CASE("a key's id is read only as lowercase hex, as the signed-note spec writes it", "[encoding][note]") {
  const KeyPair key = KeyPair::FromSeed(Seed{9});
  const std::string vkey = note::EncodeVerifier("example.org/log", key.public_key());
  REQUIRE(note::ParseVerifier(vkey).ok());
  const size_t id = vkey.find('+') + 1;
  std::string upper = vkey;
  for (size_t i = id; i < id + 8; ++i) upper[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(upper[i])));
  if (upper == vkey) upper[id] = 'A';  // an id of digits alone: make one letter (the id no longer matches either)
  const auto parsed = note::ParseVerifier(upper);
  REQUIRE_FALSE(parsed.ok());
  CHECK_THAT(parsed.status().message(), Catch::Contains("lowercase hex"));
}

}  // namespace
}  // namespace lawtrail
