// File: ledger/domain/internal/challenge_rules.h
// -----------------------------------------------------------------------------
// Internal to ledger/domain: the rules on the decision's remedies and the
// party's challenges (P-DECISION-REMEDIES, F-REMEDIES-NOT-STATED,
// P-CHALLENGE, P-LATE-FEE-PAUSED), and the end of the window in which the
// decision may still be challenged, which P-COURT-PERIOD and P-DEMOLITION
// wait for. procedure.cc calls these; nothing outside the library does.
#ifndef LAWTRAIL_LEDGER_DOMAIN_INTERNAL_CHALLENGE_RULES_H_
#define LAWTRAIL_LEDGER_DOMAIN_INTERNAL_CHALLENGE_RULES_H_

#include <string>
#include <string_view>
#include <vector>

#include "ledger/domain/case_state.h"
#include "ledger/domain/registry.h"
#include "ledger/domain/rules.h"

namespace lawtrail::domain {

// Which enforcement waits for the window: the application to the court
// (行政强制法 第53条) or the agency's own demolition (第44条).
enum class EnforcementRoute { kCourt, kDemolition };

// The last day on which the party may still apply for 复议 or sue, counting
// every challenge it brought; or a refusal under `rule_id` while a challenge is
// pending, when the decision was corrected, or (for the court) when a court
// already judged the suit and its judgment is what is enforced.
struct ChallengeWindow {
  Date last_day{};
  std::string why;  // how last_day was reached, for messages
};
Result<ChallengeWindow> ChallengeWindowOf(const Registry& registry, const CaseProcedureState& c,
                                          std::string_view rule_id, EnforcementRoute route);

// The remedies a decision states, the challenges themselves and the late fee
// they pause. Refusals are returned; flags are added to `flags`.
Status CheckRemediesAndChallenges(const CaseProcedureState& c, const fb::Statement& st, int64_t at,
                                  std::vector<Flag>& flags);

}  // namespace lawtrail::domain

#endif  // LAWTRAIL_LEDGER_DOMAIN_INTERNAL_CHALLENGE_RULES_H_
