// File: ledger/domain/procedure.h
// -----------------------------------------------------------------------------
// The procedure rules at admission (docs/rules.md): whether a case event may
// follow the case's past, and which flags it raises. Depends only on the
// registry (officers, master data), the case's folded state and the statement,
// so admission replays exactly (invariant 4, docs/design/invariants.md).
#ifndef LAWTRAIL_LEDGER_DOMAIN_PROCEDURE_H_
#define LAWTRAIL_LEDGER_DOMAIN_PROCEDURE_H_

#include <vector>

#include "ledger/domain/case_state.h"
#include "ledger/domain/registry.h"
#include "ledger/domain/rules.h"

namespace lawtrail::domain {

// True for events that belong to a case and follow its procedure (every
// payload but registry events and CaseMemo).
bool IsCaseEvent(fb::Payload type);

// A refusal (a Status whose rule() names the rule) or the flags raised by
// `st`, which the log records at `recorded_ms`.
Result<std::vector<Flag>> CheckProcedure(const Registry& registry, const CaseProcedureState& state,
                                         const fb::Statement& st, int64_t recorded_ms);

}  // namespace lawtrail::domain

#endif  // LAWTRAIL_LEDGER_DOMAIN_PROCEDURE_H_
