// Checkpoints and signed notes from outside (a follower's stream, an
// inspector's saved file, a bundle), and the key encodings: a note that opens
// gives back its text, a checkpoint that parses prints back to its body, and
// a key that parses encodes back to its text.
#include "ledger/core/checkpoint.h"
#include "ledger/core/note.h"
#include "tests/fuzz/fuzz_support.h"

using namespace lawtrail;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto body = note::Open(text, fuzz::LogVerifier()); body.ok()) {
    LAWTRAIL_FUZZ_CHECK(text.starts_with(*body), "an opened note's text is its beginning");
    auto cp = OpenCheckpoint(text, fuzz::LogVerifier());
    if (cp.ok()) LAWTRAIL_FUZZ_CHECK(cp->Body() == *body, "an opened checkpoint prints back to its signed text");
  }
  if (auto cp = ParseCheckpointBody(text); cp.ok()) {
    LAWTRAIL_FUZZ_CHECK(cp->Body() == text, "a checkpoint body that parses prints back to itself");
    (void)cp->CaseHeadsRoot();
  }
  (void)ParseCheckpointNoteUnverified(text);
  if (auto vkey = note::ParseVerifier(text); vkey.ok()) {
    LAWTRAIL_FUZZ_CHECK(note::EncodeVerifier(vkey->name, vkey->public_key) == text,
                        "a verifier key encodes back to its text");
  }
  if (auto skey = note::ParseSigner(text); skey.ok()) {
    LAWTRAIL_FUZZ_CHECK(note::EncodeSigner(skey->name, skey->key) == text, "a signer key encodes back to its text");
  }
  return 0;
}
