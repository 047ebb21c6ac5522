#include "ledger/domain/challenge.h"

#include <utility>

#include "ledger/core/fb_string.h"
#include "ledger/domain/legal_periods.h"

namespace lawtrail::domain {
namespace {

// A date the act states, or (admission refuses a malformed one) the day it happened.
Date DateOr(const std::string& yyyy_mm_dd, int64_t at) {
  const auto d = ParseDate(yyyy_mm_dd);
  return d.ok() ? *d : ChinaDateOf(at);
}

}  // namespace

RemedyPeriods RemedyPeriodsAfter(const WorkdayCalendar& calendar, const Date& served, fb::RemedyNotice remedies) {
  if (remedies != fb::RemedyNotice::Stated) {
    const Deadline year = calendar.AddMonths(served, periods::kRemediesUntold.months);
    return {year, year};
  }
  return {calendar.AddCalendarDays(served, periods::kReviewApplication.days),
          calendar.AddMonths(served, periods::kSuit.months)};
}

const Challenge* PendingChallenge(const std::vector<Challenge>& challenges) {
  for (const Challenge& c : challenges) {
    if (c.pending) return &c;
  }
  return nullptr;
}

const Challenge* FindPending(const std::vector<Challenge>& challenges, fb::ChallengeKind kind,
                             const std::string& case_no) {
  for (const Challenge& c : challenges) {
    if (c.pending && c.kind == kind && c.case_no == case_no) return &c;
  }
  return nullptr;
}

Challenge* FindPending(std::vector<Challenge>& challenges, fb::ChallengeKind kind, const std::string& case_no) {
  return const_cast<Challenge*>(FindPending(std::as_const(challenges), kind, case_no));
}

fb::ChallengeKind ChallengeKindOf(fb::ChangeAuthority by) {
  return by == fb::ChangeAuthority::Court ? fb::ChallengeKind::Suit : fb::ChallengeKind::Review;
}

void FoldChallenge(std::vector<Challenge>& challenges, const fb::Statement& st, int64_t at) {
  switch (st.payload_type()) {
    case fb::Payload::DecisionChanged: {
      const fb::ChangeAuthority by = st.payload_as_DecisionChanged()->by();
      const fb::ChallengeKind kind = ChallengeKindOf(by);
      for (Challenge& ch : challenges) {
        if (by != fb::ChangeAuthority::Self && ch.pending && ch.kind == kind) {
          ch.pending = false;
          ch.corrected = true;
          ch.ended = ChinaDateOf(at);
        }
      }
      break;
    }
    case fb::Payload::ChallengeFiled: {
      const auto* f = st.payload_as_ChallengeFiled();
      Challenge& ch = challenges.emplace_back();
      ch.kind = f->kind();
      ch.body = Str(f->body());
      ch.case_no = Str(f->case_no());
      ch.filed = DateOr(Str(f->filed_date()), at);
      break;
    }
    case fb::Payload::ChallengeConcluded: {
      const auto* e = st.payload_as_ChallengeConcluded();
      if (Challenge* ch = FindPending(challenges, e->kind(), Str(e->case_no()))) {
        ch->pending = false;
        ch->result = e->result();
        ch->ended = DateOr(Str(e->received_date()), at);
      }
      break;
    }
    default: break;
  }
}

const char* ChallengeKindName(fb::ChallengeKind kind) {
  return kind == fb::ChallengeKind::Suit ? "行政诉讼" : "行政复议";
}

const char* ChallengeStateName(const Challenge& c) {
  if (c.pending) return "审理中";
  if (c.corrected) return "纠错";
  return ChallengeResultName(c.result);
}

const char* ChallengeResultName(fb::ChallengeResult result) {
  switch (result) {
    case fb::ChallengeResult::Upheld: return "维持";
    case fb::ChallengeResult::Dismissed: return "驳回";
    case fb::ChallengeResult::Withdrawn: return "撤回";
  }
  return "已结";
}

}  // namespace lawtrail::domain
