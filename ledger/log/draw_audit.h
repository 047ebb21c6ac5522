// File: ledger/log/draw_audit.h
// -----------------------------------------------------------------------------
// Re-runs every random-inspection draw in a log from its records alone
// (`lawtrail draw verify`): each announcement's pools found by the hashes it
// committed to, the seed checkpoint checked against the log's key, its size,
// every named witness and the log's own root at that size, the draw re-run
// and compared with the recorded result, and each recusal's replacement
// re-drawn. Independent of admission: it reads what was recorded and judges
// it afresh, so a log whose sequencer was wrong or altered still fails here.
#ifndef LAWTRAIL_LEDGER_LOG_DRAW_AUDIT_H_
#define LAWTRAIL_LEDGER_LOG_DRAW_AUDIT_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ledger/draw/draw.h"
#include "ledger/log/log_reader.h"

namespace lawtrail {

struct RecusalRecord {
  uint64_t index = 0;
  std::string object_id, inspector, reason, replacement;
};

struct CheckResultRecord {
  std::string object_id;
  std::vector<std::string> officers;
  std::string ended_date, summary, published_date;  // published_date "" while unpublished
  fb::CheckOutcome outcome = fb::CheckOutcome::NoProblem;
};

struct DrawAudit {
  std::string task_no;
  std::string item_code;
  uint64_t announced_index = 0;
  uint64_t seed_tree_size = 0;
  std::optional<uint64_t> recorded_index;  // none: not drawn yet (or cancelled before)
  std::optional<uint64_t> cancelled_index;
  std::vector<std::pair<std::string, uint64_t>> cosigned;  // witness, cosignature time (s)
  std::vector<draw::DrawnCheck> checks;                    // the teams, recusals applied
  size_t recusals = 0;
  Status status;  // OK iff everything recorded is what the re-run gives
  // What a reader needs to re-run it elsewhere (the portal does, in the browser).
  draw::DrawTerms terms;
  int64_t announced_at_ms = 0;
  std::string objects_text, inspectors_text;  // the committed pools' canonical text ("" if never published)
  std::vector<draw::PoolEntry> objects;       // the object pool's entries (names for pages)
  std::string seed_checkpoint;                // as recorded
  std::vector<draw::DrawnCheck> drawn;        // as recorded, before recusals
  std::vector<RecusalRecord> recusal_records;
  std::string cancel_reason;
  std::vector<CheckResultRecord> results;  // in the order recorded
};

// `trusted_log_vkey`: when given, the seed checkpoints must verify with it
// (not only with the key each announcement names).
Result<std::vector<DrawAudit>> AuditDraws(const LogReader& reader, std::string_view trusted_log_vkey = {});

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_LOG_DRAW_AUDIT_H_
