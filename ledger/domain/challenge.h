// File: ledger/domain/challenge.h
// -----------------------------------------------------------------------------
// The party's remedies against a case's decision: how long it may apply for
// 行政复议 or sue (which depends on whether the decision told it how), the
// challenges it brought, and how they ended. Admission uses these to hold the
// court application and demolition until the decision stands unchallenged;
// the views use them to show a decision as under review or suit.
//
// Example (hand-worked in domain-acts.md §3): served 2025-03-10 with the
// remedies stated → 复议 until 2025-05-09, suit until 2025-09-10; not stated →
// both until 2026-03-10.
#ifndef LAWTRAIL_LEDGER_DOMAIN_CHALLENGE_H_
#define LAWTRAIL_LEDGER_DOMAIN_CHALLENGE_H_

#include <string>
#include <vector>

#include "ledger/domain/calendar.h"
#include "schemas/statement_generated.h"

namespace lawtrail::domain {

// The last days of the party's two periods after the decision was served.
struct RemedyPeriods {
  Deadline review;  // 行政复议法 第20条: 60 days; one year when not stated
  Deadline suit;    // 行政诉讼法 第46条: six months; one year when not stated
};
// Unrecorded counts as not stated: the longer period protects the party.
RemedyPeriods RemedyPeriodsAfter(const WorkdayCalendar& calendar, const Date& served, fb::RemedyNotice remedies);

// One 复议 or suit against the decision.
struct Challenge {
  fb::ChallengeKind kind = fb::ChallengeKind::Review;
  std::string body, case_no;
  Date filed{};
  bool pending = true;
  // When it ended: a result, or the decision corrected (DecisionChanged by
  // the 复议机关 or the court).
  bool corrected = false;
  fb::ChallengeResult result = fb::ChallengeResult::Upheld;
  Date ended{};
};

// Folds a ChallengeFiled, ChallengeConcluded or DecisionChanged (by the
// 复议机关 or a court: it ends the pending challenge of its kind) of the case
// into `challenges`; other acts leave them as they are.
void FoldChallenge(std::vector<Challenge>& challenges, const fb::Statement& st, int64_t at);

// The challenge still pending, or null.
const Challenge* PendingChallenge(const std::vector<Challenge>& challenges);
// The pending challenge of `kind` with `case_no`, or null.
Challenge* FindPending(std::vector<Challenge>& challenges, fb::ChallengeKind kind, const std::string& case_no);
const Challenge* FindPending(const std::vector<Challenge>& challenges, fb::ChallengeKind kind,
                             const std::string& case_no);
// The challenge a change by `by` rules on: a court's on a suit, a 复议机关's on a 复议 (none for Self).
fb::ChallengeKind ChallengeKindOf(fb::ChangeAuthority by);

// For people: 行政复议 / 行政诉讼; an outcome (维持, 驳回, 撤回); a challenge's
// state (审理中, 纠错 or its outcome).
const char* ChallengeKindName(fb::ChallengeKind kind);
const char* ChallengeResultName(fb::ChallengeResult result);
const char* ChallengeStateName(const Challenge& c);

}  // namespace lawtrail::domain

#endif  // LAWTRAIL_LEDGER_DOMAIN_CHALLENGE_H_
