// File: ledger/core/submission.h
// -----------------------------------------------------------------------------
// What a client submits: a signed statement plus the openings of its sealed
// fields (schemas/submission.fbs, identifier "LTSB"). A bare SignedStatement
// ("LTSS") is also a valid submission, with no openings.
#ifndef LAWTRAIL_LEDGER_CORE_SUBMISSION_H_
#define LAWTRAIL_LEDGER_CORE_SUBMISSION_H_

#include <string>
#include <vector>

#include "ledger/core/bytes.h"
#include "ledger/core/status.h"

namespace lawtrail {

// The opening of one sealed field: commitment = SHA-256(salt ‖ value).
struct Opening {
  std::string field;  // e.g. party.name
  Bytes salt;         // 32 bytes
  std::string value;  // clear UTF-8
};

inline constexpr size_t kSaltBytes = 32;

struct Submission {
  Bytes signed_statement;
  std::vector<Opening> openings;
};

// Accepts "LTSB" submissions and bare "LTSS" signed statements.
Result<Submission> ParseSubmission(Bytes bytes);
Bytes BuildSubmission(ByteView signed_statement, const std::vector<Opening>& openings);

// A sealed value: a fresh random salt and the commitment SHA-256(salt ‖ value).
struct Sealed {
  Opening opening;
  Hash commitment{};
};
Sealed Seal(std::string field, std::string value);
Hash CommitmentOf(ByteView salt, std::string_view value);

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_CORE_SUBMISSION_H_
