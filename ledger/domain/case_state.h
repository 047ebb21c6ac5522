// File: ledger/domain/case_state.h
// -----------------------------------------------------------------------------
// What the procedure rules need to know about a case's past, folded from its
// records in order. Pure: the same records always give the same state, so the
// sequencer (which rebuilds a case's state from its records when it is not
// cached) and every verifier agree (invariant 4, docs/design/invariants.md).
#ifndef LAWTRAIL_LEDGER_DOMAIN_CASE_STATE_H_
#define LAWTRAIL_LEDGER_DOMAIN_CASE_STATE_H_

#include <map>
#include <set>
#include <string>
#include <vector>

#include "ledger/domain/calendar.h"
#include "ledger/domain/challenge.h"
#include "ledger/domain/licence.h"
#include "ledger/domain/procedure_tables.h"
#include "ledger/domain/reference_tables.h"
#include "ledger/domain/taking.h"
#include "schemas/statement_generated.h"

namespace lawtrail::domain {

struct Seizure {
  std::string measure_no;
  int64_t taken_at_ms = 0;
  int days = 0;     // the term in calendar days, including an extension
  Date last_day{};  // LastDay(), by the calendar in force when the term was set
  bool extended = false;
  bool lifted = false;
  bool flagged = false;  // F-SEIZURE-30 already raised
  // 行政强制法 第19条: taken in an emergency without the head's approval first.
  bool emergency = false;
  bool head_approved = false;      // approved afterwards
  bool head_refused = false;       // the head disagreed: lift at once
  bool emergency_flagged = false;  // F-EMERGENCY-24H already raised

  bool AwaitsApprovalAt(int64_t at_ms) const {
    return emergency && !head_approved && !head_refused && !lifted && at_ms > taken_at_ms + kDayMs;
  }

  // The term's last day: `days` calendar days after the day it was taken,
  // moved past rest days (行政强制法 第25条; 第69条 makes only periods of ten
  // days or less working days).
  Date LastDay() const { return last_day; }
  // Still in force after its term has run out.
  bool OverdueAt(int64_t at_ms) const { return !lifted && ChinaDateOf(at_ms) > LastDay(); }
};

// Penalties by type → amount (fen), for comparing what was proposed,
// notified, reviewed and decided.
using PenaltySet = std::map<fb::PenaltyType, int64_t>;
PenaltySet PenaltySetOf(const flatbuffers::Vector<flatbuffers::Offset<fb::PenaltyItem>>* items);
// The first way `decided` is heavier than `baseline` (a type not in it, or a
// larger amount), or "" if it is not.
std::string HeavierThan(const PenaltySet& decided, const PenaltySet& baseline);
std::string DescribePenalties(const PenaltySet& set);

// A head's approval (HeadApproved) recorded in the case.
struct HeadApproval {
  std::string act;      // the payload type it approves
  std::string subject;  // what it approves (a 文号)
  bool approved = false;
  bool used = false;  // an act has rested on it
};

// What the procedure rules know of a case at admission: its stage, kind,
// procedure, party, amounts and the times of its decisive acts, folded from
// its records (FoldCaseEvent). Not stored: rebuilt from the records.
struct CaseProcedureState {
  Stage stage = Stage::kNone;
  fb::CaseCategory category = fb::CaseCategory::Penalty;
  fb::Procedure procedure = fb::Procedure::General;
  fb::PartyKind party_kind = fb::PartyKind::Organisation;
  bool minor = false;
  bool under_14 = false;  // 不满十四周岁 when the case was opened (第30条), checked against the sealed ID
  std::string power_item_code;
  std::string village;  // 村/社区 where the case lies, under the agency's 行政区划
  int64_t opened_at_ms = 0;
  bool complex = false;
  bool major = false;
  // Everyone who signed a case act or took part in an investigative one.
  std::set<std::string> participants;
  std::set<std::string> investigators;  // took part in investigative acts

  int64_t concluded_at_ms = 0;
  std::string discretion_code, discretion_level;  // cited by the last conclusion
  // Penalties by type (amounts summed): the latest proposal (the conclusion's
  // or the notice's, whichever came last), what the last notice notified, and
  // what the approving review reviewed (第44条, 第45条第2款, 第58条).
  PenaltySet proposal, notified, reviewed;
  int64_t proposed_fine_fen = 0;
  int64_t proposed_confiscation_fen = 0;
  uint32_t proposed_types = 0;  // bit (1 << PenaltyType)

  bool review_requested = false;
  int64_t review_approved_at_ms = 0;  // 0: none since the last conclusion or hearing
  int64_t collective_at_ms = 0;

  // The latest time an act of the case claims (P-TIME-ORDER); supervision acts do not count.
  int64_t last_act_ms = 0;

  int64_t notice_at_ms = 0;  // prior notice served
  int64_t notice_recorded_ms = 0;
  bool hearing_right = false;
  bool responded = false;       // stated, defended or waived the statement
  bool hearing_waived = false;  // waived the hearing (a separate right)
  bool hearing_requested = false;
  int64_t hearing_at_ms = 0;
  std::string hearing_presider;
  bool hearing_held = false;

  int64_t decision_at_ms = 0;
  std::string decision_no;
  fb::DecisionOutcome outcome = fb::DecisionOutcome::Penalty;
  int64_t fine_fen = 0;
  int64_t decision_served_at_ms = 0;
  fb::RemedyNotice remedies = fb::RemedyNotice::Unrecorded;  // whether the decision stated the 复议 and suit routes
  std::vector<Challenge> challenges;                         // 复议 and suits against the decision, in order
  LicenceFile licence;                                       // a 行政许可 case: its application to its end
  TakingFile taking;                                         // a 征收 or 征用 case: notices, owners, 财产清单
  int64_t changed_at_ms = 0;                                 // decision changed/revoked/found illegal

  int64_t preserved_at_ms = 0;
  bool preservation_open = false;
  std::vector<Seizure> seizures;
  int64_t demand_at_ms = 0;  // 催告书 served
  int64_t demand_recorded_ms = 0;
  std::string demand_deadline;            // YYYY-MM-DD the 催告 set
  int64_t enforcement_decided_at_ms = 0;  // 强制执行决定 (行政强制法 第37条)
  bool enforcement_immediate = false;     // 立即强制执行 (第37条第3款)
  std::string demolition_deadline;        // 限期拆除公告's deadline (第44条), "" if none
  // 代履行决定 (第50–52条): when, for which day, whether at once (第52条), and whether it was carried out.
  int64_t substitute_decided_at_ms = 0;
  std::string substitute_date;
  bool substitute_immediate = false, substitute_done = false;
  int64_t late_fee_fen = 0;
  // OriginalsReleaseApproved events (R4): event id bytes → the hashes (hex) released, none: every file.
  std::map<std::string, std::vector<std::string>> originals_approvals;
  int64_t closed_at_ms = 0;  // CaseClosed (结案): the 保管期限 counts from the next year
  // Every content hash (32 raw bytes) the case's acts attached, and those a
  // retention decision disposed of (P-RETENTION).
  std::set<std::string> attachment_hashes, disposed_hashes;
  std::set<std::string> shown_publications;  // published and not withdrawn
  std::set<std::string> all_publications;
  // HeadApproved events: event id bytes → the approval.
  std::map<std::string, HeadApproval> head_approvals;
  // CollectiveOpinionGiven: discussion number → the heads who signed an opinion.
  std::map<std::string, std::set<std::string>> collective_opinions;
  // The commitments (32 bytes each) of every sealed field the case's acts
  // carry: where the log that holds the openings finds the values its free
  // text must not repeat (P-SEALED-TEXT).
  std::vector<std::string> sealed_commitments;
  // ExportApproved events: event id bytes → the sealed fields they may reveal.
  std::map<std::string, std::vector<std::string>> export_approvals;
};

// Acts on the case file rather than in the procedure (retrievals, export
// approvals, exports, erasures): recorded when they happen, outside the order
// of the case's acts.
bool IsSupervisionAct(fb::Payload type);

// Folds one admitted case event (its signer's certificate and the time it
// happened are in `st`; the log recorded it at `recorded_ms`) into `state`.
// `tables` are the reference tables in force when it was admitted
// (Registry::TablesAt).
void FoldCaseEvent(CaseProcedureState& state, const fb::Statement& st, int64_t recorded_ms,
                   const ReferenceTables& tables);

// Certificate numbers listed as taking part in an investigative act, or null.
const flatbuffers::Vector<flatbuffers::Offset<flatbuffers::String>>* ActOfficers(const fb::Statement& st);

// Penalty items of an event that carries some (conclusion, notice, decision).
uint32_t PenaltyTypes(const flatbuffers::Vector<flatbuffers::Offset<fb::PenaltyItem>>* items);
int64_t SumAmount(const flatbuffers::Vector<flatbuffers::Offset<fb::PenaltyItem>>* items,
                  std::initializer_list<fb::PenaltyType> types);

}  // namespace lawtrail::domain

#endif  // LAWTRAIL_LEDGER_DOMAIN_CASE_STATE_H_
