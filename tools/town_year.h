// File: tools/town_year.h
// -----------------------------------------------------------------------------
// Generates a town's enforcement year for `lawtrail demo`: the agency profile,
// about thirty officers with certificates, two legal reviewers, the power
// list and the other ex-ante lists, then N cases across categories with
// complete, lawful lifecycles (simple and general procedure, hearings,
// seizures with AV, legal reviews, service, disclosure, payment, default and
// court enforcement, decisions revoked on review) — plus a share of acts that
// break a procedure rule, each labelled with the rule that must refuse it.
//
// Everything derives from the seed (keys, salts, event ids, times, names), so
// the same seed and root key give byte-identical submissions and re-running
// the demo is idempotent. What it generates is the ground truth later views
// are tested against (YearTruth).
#ifndef LAWTRAIL_TOOLS_TOWN_YEAR_H_
#define LAWTRAIL_TOOLS_TOWN_YEAR_H_

#include <optional>
#include <string>
#include <vector>

#include "ledger/client/case_acts.h"
#include "ledger/core/note.h"

namespace lawtrail::demo {

struct YearPlan {
  std::string origin;
  note::Signer root;
  uint64_t cases = 1000;
  uint64_t seed = 1;
  unsigned breaking_percent = 5;  // cases that also see one rule-breaking attempt
  uint64_t first_case = 0;        // number the cases from here (to add more cases to a year)
};

struct PartyTruth {
  fb::PartyKind kind = fb::PartyKind::Organisation;
  std::string name, credit_code, id_no, phone, address;
  bool minor = false;
};

// A 复议 or suit the party brought against the decision.
struct ChallengeTruth {
  fb::ChallengeKind kind = fb::ChallengeKind::Review;
  std::string filed_date;  // YYYY-MM-DD
  std::string state;       // 审理中, 维持, 驳回 or 纠错, as the views show it
  int64_t recorded_at_ms = 0;
};

// A 行政许可 application and what became of it.
struct LicenceTruth {
  std::string matter;
  bool told_to_supplement = false;  // 一次性补正告知
  bool accepted_in_writing = false, accepted_by_silence = false, not_accepted = false;
  bool heard = false, extended = false, granted = false, refused = false, revoked = false;
  std::string certificate_no;  // issued, for a grant
};

// A 征收 the town helped carry out, or a 征用 it made for an emergency.
struct TakingTruth {
  bool requisition = false;
  std::string project;                                // the 征收 project, or the emergency
  int households = 0;                                 // 征收: owners compensated (agreement or decision)
  int decisions = 0;                                  // 征收: owners who did not agree and were decided for
  std::vector<std::pair<int64_t, int64_t>> payments;  // (paid at, fen)
  int64_t completed_at_ms = 0;                        // closed
  bool late_notice = false;                           // 征收土地公告 after the fifteen working days
};

struct CaseTruth {
  std::string case_id;
  fb::CaseCategory category = fb::CaseCategory::Penalty;
  fb::Procedure procedure = fb::Procedure::General;
  std::string power_item_code;
  std::string village;
  PartyTruth party;
  std::string decision_no;  // empty if no decision
  int64_t fine_fen = 0;
  bool heard = false, seized = false, revoked = false, published = false, court = false;
  bool demolished = false;   // enforced by the agency itself (城乡规划法 第65条, 行政强制法 第44条)
  bool substituted = false;  // cleared for the party by 代履行 (行政强制法 第50–51条)
  int64_t opened_at_ms = 0, decided_at_ms = 0;
  int64_t published_at_ms = 0, changed_at_ms = 0, withdrawn_at_ms = 0;  // 0 = did not happen
  std::string display_until;                // the publication's 公示截止期, if published
  bool corrected = false;                   // the publication was corrected
  bool remedies_stated = true;              // the decision stated the 复议 and suit routes and periods
  std::optional<ChallengeTruth> challenge;  // at most one per case in the demo
  std::optional<LicenceTruth> licence;      // a 行政许可 case
  std::optional<TakingTruth> taking;        // a 行政征收征用 case
  size_t lawful_events = 0;
};

// One submission in append order: lawful (expected_rule empty) or an attempt
// that must be refused by `expected_rule`.
struct YearItem {
  Bytes submission;
  std::string expected_rule;
  std::string case_id;
};

struct Year {
  std::vector<Bytes> registry;  // root-signed profile, officers and lists, then the head's backfill declaration
  std::vector<YearItem> items;  // case acts in time order
  std::vector<CaseTruth> cases;
  size_t officers = 0;
  std::vector<std::string> officer_names;  // public on the roster (D1)
  std::vector<std::string> officer_certificates;
  std::string suspended_certificate;                // the one officer whose certificate is suspended
  std::optional<note::Signer> supervisor;           // the 法制监督 officer (retrievals, export approvals)
  std::optional<note::Signer> head;                 // 镇长: decides recusals (回避)
  std::optional<note::Signer> draw_operator;        // runs the 双随机 draws
  std::vector<std::string> inspector_certificates;  // 执法检查人员名录库: the field officers
  std::vector<note::Signer> inspectors;             // the same officers, with their keys (check results)
  std::optional<note::Signer> discloser;            // publishes the check results
  std::vector<std::string> power_item_codes;
};

Year GenerateYear(const YearPlan& plan);

// Everything the year derives from its seed: SHA-256 of the seed, a label and a number.
Hash Derive(uint64_t seed, std::string_view label, uint64_t i);

}  // namespace lawtrail::demo

#endif  // LAWTRAIL_TOOLS_TOWN_YEAR_H_
