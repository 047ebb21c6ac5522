// File: ledger/client/case_acts.h
// -----------------------------------------------------------------------------
// Typed builders for the case acts of schemas/case_events.fbs and
// oversight.fbs: each returns the signed submission of one act, with its 文书
// attached (the document type ledger/domain/required-documents.tsv asks for)
// and the private values sealed. The demo generator, the tests and the
// benchmarks speak to the ledger through these, as an officer's device would.
#ifndef LAWTRAIL_LEDGER_CLIENT_CASE_ACTS_H_
#define LAWTRAIL_LEDGER_CLIENT_CASE_ACTS_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ledger/client/internal/draft.h"

namespace lawtrail::domain {

// Who acts, on which case, when.
struct Act {
  std::string origin;
  std::string case_id;
  std::string certificate_no;
  const KeyPair* key = nullptr;
  int64_t at_ms = 0;
  EventId event_id{};
  std::function<void(Bytes&)> salt_source;  // deterministic salts (demo); random if empty
  bool attach_document = true;              // false: leave the 文书 out (tests of P-DOCUMENT)
  std::string doc_no;                       // 文号 of the attached 文书; derived if empty
  std::optional<EventId> approval;          // the head's approval (HeadApproved) the act rests on
};

struct PartyInfo {
  fb::PartyKind kind = fb::PartyKind::Organisation;
  std::string name;         // clear; sealed for natural persons
  std::string credit_code;  // organisations and 个体工商户
  std::string id_no;        // natural persons (sealed)
  std::string phone;        // sealed
  std::string address;      // sealed for natural persons
  // 未成年人 / 不满十四周岁 on the day the case is opened: worked out from id_no; set only to send a claim
  // that admission will check against the ID (and refuse when it is untrue, P-AGE).
  std::optional<bool> declared_minor, declared_under_14;
};

struct CaseOpening {
  fb::CaseCategory category = fb::CaseCategory::Penalty;
  fb::Procedure procedure = fb::Procedure::General;
  std::string power_item_code;
  std::string cause;
  PartyInfo party;
  std::string place;
  std::string village;
  std::string summary;
  bool complex = false;
  bool major = false;
};

struct Penalty {
  fb::PenaltyType type = fb::PenaltyType::Fine;
  int64_t amount_fen = 0;
  std::string licence;
};

struct AvInfo {
  std::string content;  // stands for the recording's bytes (hashed)
  int64_t started_at_ms = 0;
  int64_t ended_at_ms = 0;
  std::string device_id = "ZFJLY-0001";
  bool continuous = true;
  std::vector<std::string> interruption_reasons = {};  // one interruption each
};

using Officers = std::vector<std::string>;

Bytes RegisterCaseSource(const Act& a, fb::CaseSource source, const std::string& summary, const std::string& place,
                         const std::string& informant_name = "");
Bytes OpenCase(const Act& a, const CaseOpening& o);
Bytes RecordInspection(const Act& a, const Officers& officers, const std::string& place, const std::string& findings);
Bytes RecordInquiry(const Act& a, const Officers& officers, const std::string& subject_role,
                    const std::string& subject_name, const std::string& summary);
Bytes RecordEvidence(const Act& a, const Officers& officers, fb::EvidenceKind kind, const std::string& description,
                     const std::string& content);
Bytes AttachAv(const Act& a, const AvInfo& av, const std::string& scene);
Bytes PreserveEvidence(const Act& a, const Officers& officers, const std::string& items);
Bytes DisposePreserved(const Act& a, const std::string& disposal);
Bytes TakeCoerciveMeasure(const Act& a, const std::string& measure_no, const Officers& officers,
                          const std::string& items, int days, const std::vector<AvInfo>& av,
                          bool emergency = false);  // 第19条: taken before the head's approval
Bytes ExtendCoerciveMeasure(const Act& a, const std::string& measure_no, int days, const std::string& reason);
Bytes LiftCoerciveMeasure(const Act& a, const std::string& measure_no, const std::string& reason);
Bytes OrderCorrection(const Act& a, const std::string& content, const std::string& deadline_date);
Bytes ConcludeInvestigation(const Act& a, fb::Conclusion conclusion, const std::vector<Penalty>& proposed,
                            const std::string& facts, const std::string& discretion_code = "",
                            const std::string& discretion_level = "", bool complex = false, bool major = false);
Bytes RequestLegalReview(const Act& a, const std::string& summary);
Bytes GiveLegalReviewOpinion(const Act& a, bool approved, const std::vector<std::string>& reasons);
// The head's conclusion of discussion `discussion_no`, in which each of
// `participants` (heads' certificate numbers) gave a signed opinion first.
Bytes HoldCollectiveDiscussion(const Act& a, const std::vector<std::string>& participants,
                               const std::string& conclusion, const std::string& discussion_no);
Bytes GiveCollectiveOpinion(const Act& a, const std::string& discussion_no, const std::string& opinion);
// The head approves (or refuses) an act of kind `act` about `subject`.
Bytes ApproveAsHead(const Act& a, fb::Payload act, const std::string& subject, bool approved,
                    const std::string& opinion);
Bytes DecideEnforcement(const Act& a, const std::string& manner, const std::string& execute_from_date,
                        bool immediate = false);
Bytes AnnounceDemolition(const Act& a, const std::string& deadline_date);
Bytes ServePriorNotice(const Act& a, const std::vector<Penalty>& proposed, bool hearing_right);
Bytes ReceiveStatement(const Act& a, fb::PartyResponse response, const std::string& summary, bool adopted,
                       bool hearing_waived = false);
Bytes RequestHearing(const Act& a);
Bytes NotifyHearing(const Act& a, int64_t hearing_at_ms, const std::string& presider, const std::string& place);
Bytes HoldHearing(const Act& a, const std::string& presider, bool party_present, const std::vector<AvInfo>& av);
Bytes IssueDecision(const Act& a, fb::DecisionOutcome outcome, const std::string& decision_no,
                    const std::vector<Penalty>& penalties, const std::string& violation_type, const std::string& facts,
                    const std::string& basis, bool on_the_spot = false, int pay_within_days = 15,
                    fb::RemedyNotice remedies = fb::RemedyNotice::Stated);
// A 案件移送函: to the judicial organs when a crime is suspected (行政处罚法 第27条), otherwise to the
// agency with jurisdiction (第57条第1款第4项). IssueDecision's Referral is the first, to 县公安局.
Bytes ReferCase(const Act& a, const std::string& letter_no, const std::string& referred_to, bool suspected_crime,
                const std::string& violation_type, const std::string& facts, const std::string& basis);
Bytes ServeDocument(const Act& a, const std::string& doc_no, const std::string& doc_type, fb::ServiceMethod method,
                    int64_t received_at_ms, bool electronic_consent = false, const std::vector<AvInfo>& av = {});
Bytes RecordPayment(const Act& a, int64_t amount_fen, const std::string& receipt_no);
Bytes DeferPayment(const Act& a, const std::string& until_date, int instalments, const std::string& reason);
Bytes ImposeLateFee(const Act& a, int64_t amount_fen, int days_late);
Bytes ServeDemandNotice(const Act& a, int64_t amount_fen, const std::string& deadline_date);
// The 行政复议答复通知书 or 应诉通知书 the agency received: the party challenged `decision_no`.
Bytes FileChallenge(const Act& a, fb::ChallengeKind kind, const std::string& decision_no, const std::string& body,
                    const std::string& case_no, const std::string& filed_date);
// The 复议决定书, judgment or ruling that ended the challenge `case_no` without correcting the decision.
Bytes ConcludeChallenge(const Act& a, fb::ChallengeKind kind, const std::string& case_no, fb::ChallengeResult result,
                        const std::string& ruling_no, const std::string& received_date);
Bytes ApplyToCourt(const Act& a, const std::string& court);
Bytes ExecuteEnforcement(const Act& a, fb::ExecutionKind kind, const Officers& officers, const std::string& description,
                         const std::vector<AvInfo>& av, bool emergency = false);
// 代履行决定书 (行政强制法 第51条): what is done for the party, how, on which day,
// by whom and at what estimated cost; `immediate` is 第52条's clearing at once.
struct SubstituteExecution {
  std::string decision_no, reason, manner, target, execute_date, performer;
  int64_t cost_estimate_fen = 0;
  bool immediate = false;
};
Bytes DecideSubstituteExecution(const Act& a, const SubstituteExecution& d);
// The 代履行 carried out by `officers` under `supervisor`, its 执行文书 signed as 第51条 asks.
struct SubstituteDone {
  Officers officers;
  std::string supervisor, description;
  int64_t cost_fen = 0;
  bool performer_signed = true, party_or_witness_signed = true;
  std::vector<AvInfo> av;
};
Bytes CarryOutSubstitute(const Act& a, const SubstituteDone& done);
Bytes CloseCase(const Act& a, fb::CloseReason reason, const std::string& summary);
Bytes ChangeDecision(const Act& a, const std::string& decision_no, fb::DecisionChange change, fb::ChangeAuthority by,
                     const std::string& ruling_no, const std::string& reason);
Bytes PublishDecision(const Act& a, const std::string& publication_id, const std::string& decision_no,
                      const std::string& due_date, const std::string& display_until, const std::string& summary);
Bytes CorrectPublication(const Act& a, const std::string& publication_id, const std::string& reason,
                         const std::string& summary);
Bytes WithdrawPublication(const Act& a, const std::string& publication_id, const std::string& reason);
Bytes RetrieveCaseFile(const Act& a, const std::string& purpose, const std::string& scope);
// Approval to release originals (AV, documents: content hashes in hex) outside (R4).
Bytes ApproveOriginalsRelease(const Act& a, const std::string& recipient, const std::string& purpose,
                              const std::vector<std::string>& items);
Bytes ApproveExport(const Act& a, const std::string& recipient, const std::string& purpose,
                    const std::vector<std::string>& reveal_fields);
// The export of the case, acting on the ExportApproved `approval`; with the
// original files when `originals` names the OriginalsReleaseApproved that releases them.
Bytes RecordExport(const Act& a, const EventId& approval, const std::string& recipient,
                   const std::vector<std::string>& reveal_fields,
                   const std::optional<EventId>& originals = std::nullopt);
// 保管期限届满: the head disposes of the originals `hashes_hex` of a closed
// 30-year file (rule P-RETENTION), naming the 销毁清册, the 鉴定意见 and the two 监销人.
Bytes DisposeOriginals(const Act& a, const std::vector<std::string>& hashes_hex, const std::string& register_no,
                       const std::string& appraisal, const std::vector<std::string>& supervised_by);
Bytes EraseOpenings(const Act& a, const std::vector<Hash>& commitments, const std::string& legal_basis,
                    const std::string& reason);

}  // namespace lawtrail::domain

#endif  // LAWTRAIL_LEDGER_CLIENT_CASE_ACTS_H_
