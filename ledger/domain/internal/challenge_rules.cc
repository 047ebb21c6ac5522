#include "ledger/domain/internal/challenge_rules.h"

#include <algorithm>

#include "ledger/core/fb_string.h"
#include "ledger/domain/challenge.h"
#include "ledger/domain/legal_periods.h"

namespace lawtrail::domain {
namespace {

std::string Describe(const Challenge& ch) {
  return std::string(ChallengeKindName(ch.kind)) + " (" + ch.body + ", " + ch.case_no + ")";
}

// The window's last day moves to `day` if that is later.
void ExtendTo(ChallengeWindow& w, const Date& day, const std::string& why) {
  if (day > w.last_day) {
    w.last_day = day;
    w.why = why;
  }
}

// ChallengeFiled: against this case's served decision, dated between its
// service and now, and not while another is pending or after one of its kind.
Status CheckFiled(const CaseProcedureState& c, const fb::ChallengeFiled& f, int64_t at) {
  if (Str(f.decision_no()) != c.decision_no || c.decision_no.empty()) {
    return Refuse("P-CHALLENGE", "decision '" + Str(f.decision_no()) + "' was not issued in this case");
  }
  if (Str(f.body()).empty() || Str(f.case_no()).empty()) {
    return Refuse("P-CHALLENGE", std::string(ChallengeKindName(f.kind())) + " needs its body and case number");
  }
  if (c.decision_served_at_ms == 0) return Refuse("P-CHALLENGE", "the decision has not been served");
  const auto filed = ParseDate(Str(f.filed_date()));
  if (!filed.ok()) return Refuse("P-CHALLENGE", "filed_date '" + Str(f.filed_date()) + "' is not a YYYY-MM-DD date");
  if (*filed < ChinaDateOf(c.decision_served_at_ms) || *filed > ChinaDateOf(at)) {
    return Refuse("P-CHALLENGE", "filed on " + FormatDate(*filed) + ", not between the decision's service on " +
                                     FormatDate(ChinaDateOf(c.decision_served_at_ms)) + " and this record");
  }
  if (const Challenge* p = PendingChallenge(c.challenges)) {
    return Refuse("P-CHALLENGE", "the decision is already under " + Describe(*p) +
                                     ": 复议 and a suit are not pending at once (行政诉讼法 第44条)");
  }
  for (const Challenge& ch : c.challenges) {
    if (ch.kind == f.kind() || ch.kind == fb::ChallengeKind::Suit) {
      return Refuse("P-CHALLENGE", "the decision was already challenged by " + Describe(ch) + ", which ended " +
                                       ChallengeStateName(ch) + "; no second " + ChallengeKindName(f.kind()) +
                                       " against it is recorded here");
    }
  }
  return Status::Ok();
}

// ChallengeConcluded: ends a pending challenge by its case number; a court
// dismisses a claim (行政诉讼法 第69条), it does not 维持 the act.
Status CheckConcluded(const CaseProcedureState& c, const fb::ChallengeConcluded& e) {
  const Challenge* pending = FindPending(c.challenges, e.kind(), Str(e.case_no()));
  if (pending == nullptr) {
    return Refuse("P-CHALLENGE", "no pending " + std::string(ChallengeKindName(e.kind())) + " has case number '" +
                                     Str(e.case_no()) + "'");
  }
  if (e.kind() == fb::ChallengeKind::Suit && e.result() == fb::ChallengeResult::Upheld) {
    return Refuse("P-CHALLENGE",
                  "a court does not 维持 the decision; it dismisses the claim (判决驳回诉讼请求, "
                  "行政诉讼法 第69条): record Dismissed");
  }
  if (Str(e.ruling_no()).empty()) return Refuse("P-CHALLENGE", "the ruling needs its 文号");
  const auto received = ParseDate(Str(e.received_date()));
  if (!received.ok() || *received < pending->filed) {
    return Refuse("P-CHALLENGE", "received_date '" + Str(e.received_date()) +
                                     "' is not a date on or after the filing (" + FormatDate(pending->filed) + ")");
  }
  return Status::Ok();
}

// DecisionChanged by a 复议机关 or a court is that body's ruling on a challenge
// the agency recorded.
Status CheckChangedByBody(const CaseProcedureState& c, const fb::DecisionChanged& d) {
  if (d.by() == fb::ChangeAuthority::Self) return Status::Ok();
  const fb::ChallengeKind kind = ChallengeKindOf(d.by());
  const Challenge* p = PendingChallenge(c.challenges);
  if (p == nullptr || p->kind != kind) {
    return Refuse("P-CHALLENGE", std::string("the decision is changed by the ") +
                                     (kind == fb::ChallengeKind::Suit ? "court" : "复议机关") + " but no " +
                                     ChallengeKindName(kind) + " against it is pending (record ChallengeFiled first)");
  }
  return Status::Ok();
}

}  // namespace

Result<ChallengeWindow> ChallengeWindowOf(const Registry& registry, const CaseProcedureState& c,
                                          std::string_view rule_id, EnforcementRoute route) {
  if (c.decision_served_at_ms == 0) return Refuse(rule_id, "the decision has not been served");
  const WorkdayCalendar& calendar = registry.tables().calendar();
  const RemedyPeriods periods = RemedyPeriodsAfter(calendar, ChinaDateOf(c.decision_served_at_ms), c.remedies);
  ChallengeWindow w{periods.suit.date, c.remedies == fb::RemedyNotice::Stated
                                           ? "six months to sue after service (行政诉讼法 第46条)"
                                           : "the decision did not state the remedies: one year after service "
                                             "(行政复议法 第20条第2款, 行诉解释 第64条)"};
  for (const Challenge& ch : c.challenges) {
    if (ch.pending) {
      return Refuse(rule_id, "the decision is under " + Describe(ch) + " since " + FormatDate(ch.filed) +
                                 "; the agency waits for its outcome");
    }
    if (ch.corrected) {
      return Refuse(rule_id, "the decision was corrected by " + Describe(ch) +
                                 "; what stands now is that body's ruling (行政复议法 第78条, 行政诉讼法 第95条)");
    }
    if (ch.result == fb::ChallengeResult::Withdrawn) {
      // The decision stands as before; the party's own period runs on.
      ExtendTo(w, ch.ended, std::string(ChallengeKindName(ch.kind)) + " withdrawn on " + FormatDate(ch.ended));
    } else if (ch.kind == fb::ChallengeKind::Review) {
      // 复议法 第78条: upheld, the decision is the agency's to enforce once the 15 days to sue have passed.
      w = {calendar.AddCalendarDays(ch.ended, periods::kSuitAfterReview.days).date,
           "15 days to sue after the 复议 decision was received on " + FormatDate(ch.ended) + " (行政诉讼法 第45条)"};
    } else if (route == EnforcementRoute::kCourt) {
      return Refuse(rule_id, "the party sued and the court dismissed the claim (" + ch.case_no +
                                 "): the judgment is enforced, not the decision (行政诉讼法 第95条)");
    } else {
      w = {calendar.AddCalendarDays(ch.ended, periods::kAppeal.days).date,
           "15 days to appeal the judgment received on " + FormatDate(ch.ended) + " (行政诉讼法 第85条)"};
    }
  }
  return w;
}

Status CheckRemediesAndChallenges(const CaseProcedureState& c, const fb::Statement& st, int64_t at,
                                  std::vector<Flag>& flags) {
  switch (st.payload_type()) {
    case fb::Payload::DecisionIssued: {
      const auto* d = st.payload_as_DecisionIssued();
      if (d->outcome() == fb::DecisionOutcome::Referral) break;
      if (d->remedies() == fb::RemedyNotice::Unrecorded) {
        return Refuse("P-DECISION-REMEDIES", "decision '" + Str(d->decision_no()) +
                                                 "' does not record whether it states the 复议 and suit routes and "
                                                 "periods (remedies: Stated or NotStated)");
      }
      if (d->remedies() == fb::RemedyNotice::NotStated) {
        flags.push_back(Raise("F-REMEDIES-NOT-STATED",
                              "decision '" + Str(d->decision_no()) +
                                  "' does not state the 复议 and suit routes and periods; the party has one year"));
      }
      break;
    }
    case fb::Payload::ChallengeFiled: return CheckFiled(c, *st.payload_as_ChallengeFiled(), at);
    case fb::Payload::ChallengeConcluded: return CheckConcluded(c, *st.payload_as_ChallengeConcluded());
    case fb::Payload::DecisionChanged: return CheckChangedByBody(c, *st.payload_as_DecisionChanged());
    case fb::Payload::LateFeeImposed:
      if (const Challenge* p = PendingChallenge(c.challenges)) {
        return Refuse("P-LATE-FEE-PAUSED", "the decision is under " + Describe(*p) +
                                               ": no late fee accrues while it is pending (行政处罚法 第73条第3款)");
      }
      break;
    default: break;
  }
  return Status::Ok();
}

}  // namespace lawtrail::domain
