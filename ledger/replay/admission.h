// File: ledger/replay/admission.h
// -----------------------------------------------------------------------------
// The admission rule: whether a signed statement (whose signature has already
// been verified) may become record `index`. It depends only on the log before
// that index (the registry and the case's head), the statement and the time
// recorded, so every verifier can replay it (invariant 4, docs/design/invariants.md).
#ifndef LAWTRAIL_LEDGER_REPLAY_ADMISSION_H_
#define LAWTRAIL_LEDGER_REPLAY_ADMISSION_H_

#include <string_view>

#include "ledger/core/case_head.h"
#include "ledger/core/statement.h"
#include "ledger/domain/procedure.h"
#include "ledger/domain/registry.h"

namespace lawtrail {

struct AdmissionInput {
  std::string_view log_origin;
  uint64_t index = 0;
  int64_t time_recorded_ms = 0;
  CaseHead head;
  // The case's procedure state; REQUIRED for case events (domain::IsCaseEvent).
  const domain::CaseProcedureState* case_state = nullptr;
};

// The flags raised by an admitted statement (accepted, reported later), or
// the refusal. Checks, in order: origin, the genesis-first rule, reserved case
// ids, the time claimed, the expected case version, the signer's registration
// and role, registry-event sense, sealed-field structure and the procedure
// rules (docs/rules.md).
Result<std::vector<domain::Flag>> Admit(const Registry& registry, const ParsedStatement& s, const AdmissionInput& in);

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_REPLAY_ADMISSION_H_
