// File: ledger/domain/internal/licence_rules.h
// -----------------------------------------------------------------------------
// Internal to ledger/domain: the rules of a 行政许可 case (P-LICENCE-*,
// F-LICENCE-*): what its acts must carry, the intake and its five working
// days, the decision's twenty (and ten) with the excluded time, the hearing,
// the certificate, renewal and the licence's end; and which acts a licensing
// case may hold at all. procedure.cc calls it; nothing outside the library does.
#ifndef LAWTRAIL_LEDGER_DOMAIN_INTERNAL_LICENCE_RULES_H_
#define LAWTRAIL_LEDGER_DOMAIN_INTERNAL_LICENCE_RULES_H_

#include <vector>

#include "ledger/domain/case_state.h"
#include "ledger/domain/registry.h"
#include "ledger/domain/rules.h"

namespace lawtrail::domain {

// Refusals are returned; flags are added to `flags`. `at` is the time the act claims.
Status CheckLicensing(const Registry& registry, const CaseProcedureState& c, const fb::Statement& st, int64_t at,
                      std::vector<Flag>& flags);

}  // namespace lawtrail::domain

#endif  // LAWTRAIL_LEDGER_DOMAIN_INTERNAL_LICENCE_RULES_H_
