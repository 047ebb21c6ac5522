// File: ledger/core/checkpoint.h
// -----------------------------------------------------------------------------
// C2SP tlog-checkpoint bodies (https://c2sp.org/tlog-checkpoint):
//   <origin>\n<tree size, decimal>\n<base64 root hash>\n[extension lines]
// signed as a C2SP signed-note by the log key whose name is the origin.
#ifndef LAWTRAIL_LEDGER_CORE_CHECKPOINT_H_
#define LAWTRAIL_LEDGER_CORE_CHECKPOINT_H_

#include <string>
#include <vector>

#include "ledger/core/bytes.h"
#include "ledger/core/note.h"

namespace lawtrail {

struct Checkpoint {
  std::string origin;
  uint64_t size = 0;
  Hash root{};
  std::vector<std::string> extensions;

  std::string Body() const;
  // The case-head map's root (ledger/core/case_head_map.h), from the extension
  // line "lawtrail-case-heads <base64>"; an error if the line is missing or
  // malformed: every lawtrail checkpoint carries it.
  Result<Hash> CaseHeadsRoot() const;
};

inline constexpr std::string_view kCaseHeadsExtension = "lawtrail-case-heads ";
std::string CaseHeadsExtensionLine(const Hash& map_root);

Result<Checkpoint> ParseCheckpointBody(std::string_view body);

// Parses the body of a signed checkpoint note WITHOUT checking its signature:
// only for notes this process itself stored or already verified.
Result<Checkpoint> ParseCheckpointNoteUnverified(std::string_view signed_note);

// Verifies the note's signature by `log_key` and parses the body; the body's
// origin must be the key's name.
Result<Checkpoint> OpenCheckpoint(std::string_view signed_note, const note::Verifier& log_key);

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_CORE_CHECKPOINT_H_
