// File: ledger/cosigning/witness_client.h
// -----------------------------------------------------------------------------
// The log's side of C2SP tlog-witness v1.0.0 for one witness: submits a
// checkpoint with the consistency proof from the size the witness last
// cosigned, learns that size from a 409 (on first contact, after a restart,
// or when another of the log's processes moved it), and returns the
// witness's verified cosignature line. Lines from other keys are ignored, as
// the spec says. Not thread-safe: one client per witness, used by one thread.
#ifndef LAWTRAIL_LEDGER_COSIGNING_WITNESS_CLIENT_H_
#define LAWTRAIL_LEDGER_COSIGNING_WITNESS_CLIENT_H_

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ledger/core/note.h"
#include "ledger/core/sha256.h"
#include "ledger/cosigning/http_post.h"

namespace lawtrail::cosigning {

// A consistency proof from `old_size` to `size` of the log being witnessed.
using ConsistencyProofFn = std::function<Result<std::vector<Hash>>(uint64_t old_size, uint64_t size)>;

struct Cosigned {
  std::string line;        // "— <name> <base64>\n"
  uint64_t timestamp = 0;  // the time the witness put in it
};

class WitnessClient {
 public:
  // `submission_prefix` is the witness's URL from the policy file.
  static Result<WitnessClient> Make(std::string name, note::Verifier key, std::string_view submission_prefix,
                                    std::chrono::milliseconds timeout);

  // Submits `signed_note` (a checkpoint of `size`). Errors: Unavailable (no
  // answer in time, a 5xx, a 429), FailedPrecondition (the witness refuses
  // the log: 403, 404), Corruption (422: the witness has cosigned a tree this
  // checkpoint is not consistent with — a split view or a rewrite — or it
  // returned no valid cosignature), InvalidArgument (400).
  Result<Cosigned> Submit(std::string_view signed_note, uint64_t size, const ConsistencyProofFn& prove);

  const std::string& name() const { return name_; }
  const note::Verifier& key() const { return key_; }
  // The size the witness last cosigned, as far as this client knows.
  std::optional<uint64_t> known_size() const { return known_size_; }

 private:
  WitnessClient() = default;
  Result<HttpReply> Send(uint64_t old_size, std::vector<Hash> proof, std::string_view signed_note);

  std::string name_;
  note::Verifier key_;
  HttpUrl url_;
  std::chrono::milliseconds timeout_{};
  std::optional<uint64_t> known_size_;
};

}  // namespace lawtrail::cosigning

#endif  // LAWTRAIL_LEDGER_COSIGNING_WITNESS_CLIENT_H_
