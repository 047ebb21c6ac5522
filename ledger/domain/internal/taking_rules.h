// File: ledger/domain/internal/taking_rules.h
// -----------------------------------------------------------------------------
// Internal to ledger/domain: the rules of a 行政征收 or 征用 case (P-TAKING-*,
// P-REQUISITION, F-TAKING-NOTICE-LATE): which acts such a case holds and how
// it starts, the notices' order and minimum periods, agreements and
// compensation decisions, 先补偿、后搬迁, and the 财产清单 given back and
// compensated before a 征用 is closed. procedure.cc calls it; nothing outside
// the library does.
#ifndef LAWTRAIL_LEDGER_DOMAIN_INTERNAL_TAKING_RULES_H_
#define LAWTRAIL_LEDGER_DOMAIN_INTERNAL_TAKING_RULES_H_

#include <vector>

#include "ledger/domain/case_state.h"
#include "ledger/domain/registry.h"
#include "ledger/domain/rules.h"

namespace lawtrail::domain {

// Refusals are returned; flags are added to `flags`. `at` is the time the act claims.
Status CheckTaking(const Registry& registry, const CaseProcedureState& c, const fb::Statement& st, int64_t at,
                   std::vector<Flag>& flags);

}  // namespace lawtrail::domain

#endif  // LAWTRAIL_LEDGER_DOMAIN_INTERNAL_TAKING_RULES_H_
