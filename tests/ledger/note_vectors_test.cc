// C2SP signed-note vectors made with Go's golang.org/x/mod/sumdb/note: we must
// reproduce every signed note byte for byte and verify it.
#include <fstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "ledger/core/checkpoint.h"
#include "ledger/core/note.h"

namespace lawtrail {
namespace {

using nlohmann::json;

json Vectors() { return json::parse(std::ifstream(std::string(LAWTRAIL_TEST_VECTORS) + "/note/vectors.json")); }

Seed SeedOf(const std::string& hex) {
  Seed s;
  auto b = FromHex(hex);
  REQUIRE(b.ok());
  std::copy(b->begin(), b->end(), s.begin());
  return s;
}

TEST_CASE("every reference signed note is reproduced byte for byte and verifies", "[note][vectors]") {
  const json vectors = Vectors();
  REQUIRE(vectors.size() == 6);
  for (const auto& v : vectors) {
    INFO(v["desc"].get<std::string>());
    const note::Signer signer{v["key_name"], KeyPair::FromSeed(SeedOf(v["ed25519_seed_hex"]))};
    CHECK(ToHex(signer.key.public_key()) == v["ed25519_public_hex"].get<std::string>());
    CHECK(note::EncodeVerifier(signer.name, signer.key.public_key()) == v["vkey"].get<std::string>());

    auto signed_note = note::Sign(v["text"].get<std::string>(), signer);
    REQUIRE(signed_note.ok());
    CHECK(*signed_note == v["signed_note"].get<std::string>());

    auto verifier = note::ParseVerifier(v["vkey"].get<std::string>());
    REQUIRE(verifier.ok());
    auto text = note::Open(v["signed_note"].get<std::string>(), *verifier);
    REQUIRE(text.ok());
    CHECK(*text == v["text"].get<std::string>());
  }
}

TEST_CASE("reference checkpoints parse and a tampered one is refused", "[note][checkpoint]") {
  const json v = Vectors()[3];  // size 8
  auto verifier = note::ParseVerifier(v["vkey"].get<std::string>());
  REQUIRE(verifier.ok());
  auto cp = OpenCheckpoint(v["signed_note"].get<std::string>(), *verifier);
  REQUIRE(cp.ok());
  CHECK(cp->size == 8);
  CHECK(ToHex(cp->root) == "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

  std::string tampered = v["signed_note"].get<std::string>();
  tampered[tampered.find('\n') + 1] = '9';  // the size line
  CHECK(OpenCheckpoint(tampered, *verifier).status().code() == StatusCode::kCorruption);
}

TEST_CASE("signer keys round-trip through their text encoding", "[note]") {
  const note::Signer signer{"qingshan.example/enforcement", KeyPair::Generate()};
  auto parsed = note::ParseSigner(note::EncodeSigner(signer.name, signer.key));
  REQUIRE(parsed.ok());
  CHECK(parsed->name == signer.name);
  CHECK(parsed->key.public_key() == signer.key.public_key());
  CHECK_FALSE(note::ParseSigner("PRIVATE+KEY+bad name+00000000+AA==").ok());
  CHECK_FALSE(note::CheckKeyName("a+b").ok());
  CHECK(note::CheckKeyName("青山镇/执法").ok());
}

}  // namespace
}  // namespace lawtrail
