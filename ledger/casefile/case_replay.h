// File: ledger/casefile/case_replay.h
// -----------------------------------------------------------------------------
// A case's records replayed as the log admitted them, with the registry's: the
// court's bundle carries exactly these two lists, so anyone holding it can
// rebuild the case file from them alone. Each record is admitted again
// (ledger/replay/admission.h) against the registry as it stood and the case's state
// before it, which gives back the rule flags the log raised; each signer is
// named as the registry named them then.
#ifndef LAWTRAIL_LEDGER_CASEFILE_CASE_REPLAY_H_
#define LAWTRAIL_LEDGER_CASEFILE_CASE_REPLAY_H_

#include <string_view>
#include <vector>

#include "ledger/casefile/case_file.h"
#include "ledger/core/bytes.h"
#include "ledger/core/statement.h"

namespace lawtrail::casefile {

// A record as the log holds it: the caller keeps the statement alive.
struct LoggedRecord {
  uint64_t index = 0;
  int64_t time_recorded_ms = 0;
  Hash leaf{};
  const ParsedStatement* statement = nullptr;
};

struct Replayed {
  Status status;  // OK, or why the record at `refused` would not have been admitted
  bool refused_in_registry = false;
  size_t refused = 0;  // its position in `registry` or in `records`
  CaseFile file;
  std::string recipient;  // of the case's last CaseExported: whom the export is for ("" if none)
};

// `registry` and `records`: every record of the registry and of the case
// before some tree size, each list in log order (the caller has checked their
// signatures and chains).
Replayed ReplayCaseFile(std::string_view origin, std::string_view case_id, const std::vector<LoggedRecord>& registry,
                        const std::vector<LoggedRecord>& records);

}  // namespace lawtrail::casefile

#endif  // LAWTRAIL_LEDGER_CASEFILE_CASE_REPLAY_H_
