#include "ledger/client/case_acts.h"

#include "ledger/client/internal/act_maker.h"
#include "ledger/core/sha256.h"
#include "ledger/domain/calendar.h"
#include "ledger/domain/identifiers.h"
#include "ledger/domain/procedure_tables.h"

namespace lawtrail::domain {
namespace {

using flatbuffers::Offset;
using Builder = flatbuffers::FlatBufferBuilder;

Offset<flatbuffers::Vector<Offset<flatbuffers::String>>> Strings(Builder& b, const std::vector<std::string>& v) {
  return b.CreateVectorOfStrings(v);
}

Offset<flatbuffers::Vector<Offset<fb::PenaltyItem>>> Penalties(Builder& b, const std::vector<Penalty>& ps) {
  std::vector<Offset<fb::PenaltyItem>> list;
  for (const Penalty& p : ps) {
    list.push_back(fb::CreatePenaltyItem(b, p.type, p.amount_fen, p.licence.empty() ? 0 : b.CreateString(p.licence)));
  }
  return b.CreateVector(list);
}

Offset<fb::AvRecording> Recording(Builder& b, const AvInfo& av) {
  std::vector<Offset<fb::AvInterruption>> cuts;
  int64_t t = av.started_at_ms;
  for (const std::string& reason : av.interruption_reasons) {
    t += 60'000;
    cuts.push_back(fb::CreateAvInterruption(b, t, t + 30'000, b.CreateString(reason)));
  }
  const Hash h = Sha256(AsBytes(av.content));
  return fb::CreateAvRecording(b, b.CreateVector(h.data(), h.size()), av.content.size(), av.started_at_ms,
                               av.ended_at_ms, b.CreateString(av.device_id), av.continuous,
                               cuts.empty() ? 0 : b.CreateVector(cuts));
}

Offset<flatbuffers::Vector<Offset<fb::AvRecording>>> Recordings(Builder& b, const std::vector<AvInfo>& avs) {
  std::vector<Offset<fb::AvRecording>> list;
  for (const AvInfo& av : avs) list.push_back(Recording(b, av));
  return b.CreateVector(list);
}

}  // namespace

Bytes RegisterCaseSource(const Act& a, fb::CaseSource source, const std::string& summary, const std::string& place,
                         const std::string& informant_name) {
  return Make(a, fb::Payload::CaseSourceRegistered, [&](Draft& d, Builder& b) {
    if (!informant_name.empty()) d.Seal("informant.name", informant_name);
    return fb::CreateCaseSourceRegisteredDirect(b, source, summary.c_str(), place.c_str()).Union();
  });
}

StatementHeader HeaderOf(const Act& a) {
  StatementHeader h;
  h.event_id = a.event_id;
  h.origin = a.origin;
  h.case_id = a.case_id;
  h.certificate_no = a.certificate_no;
  h.key = a.key->public_key();
  h.occurred_at_ms = a.at_ms;
  h.approval = a.approval;
  return h;
}

Offset<fb::Party> BuildParty(Draft& d, const Act& a, const PartyInfo& p) {
  std::string shown = p.name;
  if (p.kind == fb::PartyKind::NaturalPerson) {
    shown = d.Seal("party.name", p.name);
    if (!p.id_no.empty()) d.Seal("party.id_no", p.id_no);
    if (!p.address.empty()) d.Seal("party.address", p.address);
  }
  if (!p.phone.empty()) d.Seal("party.phone", p.phone);
  int age = 99;
  if (auto birth = BirthDateOf(p.id_no); p.kind == fb::PartyKind::NaturalPerson && birth.ok()) {
    age = AgeOn(*birth, ChinaDateOf(a.at_ms != 0 ? a.at_ms : NowMs()));
  }
  const bool minor = p.declared_minor.value_or(age < 18), under_14 = p.declared_under_14.value_or(age < 14);
  return fb::CreatePartyDirect(d.b(), p.kind, shown.c_str(), p.credit_code.empty() ? nullptr : p.credit_code.c_str(),
                               minor, under_14);
}

Bytes OpenCase(const Act& a, const CaseOpening& o) {
  return Make(a, fb::Payload::CaseOpened, [&](Draft& d, Builder& b) {
    auto party = BuildParty(d, a, o.party);
    return fb::CreateCaseOpenedDirect(b, o.category, o.procedure, o.power_item_code.c_str(), o.cause.c_str(), party,
                                      o.place.c_str(), o.village.c_str(), o.summary.c_str(), "机关负责人", o.complex,
                                      o.major)
        .Union();
  });
}

Bytes RecordInspection(const Act& a, const Officers& officers, const std::string& place, const std::string& findings) {
  return Make(a, fb::Payload::InspectionRecorded, [&](Draft&, Builder& b) {
    auto list = Strings(b, officers);
    return fb::CreateInspectionRecorded(b, list, b.CreateString(place), b.CreateString(findings),
                                        b.CreateString(a.case_id + "/检查笔录"))
        .Union();
  });
}

Bytes RecordInquiry(const Act& a, const Officers& officers, const std::string& subject_role,
                    const std::string& subject_name, const std::string& summary) {
  return Make(a, fb::Payload::InquiryRecorded, [&](Draft& d, Builder& b) {
    const std::string masked = d.Seal("inquiry.name", subject_name);
    auto list = Strings(b, officers);
    return fb::CreateInquiryRecorded(b, list, b.CreateString(subject_role), b.CreateString(masked),
                                     b.CreateString(summary), b.CreateString(a.case_id + "/询问笔录"))
        .Union();
  });
}

Bytes RecordEvidence(const Act& a, const Officers& officers, fb::EvidenceKind kind, const std::string& description,
                     const std::string& content) {
  return Make(a, fb::Payload::EvidenceRecorded, [&](Draft&, Builder& b) {
    auto list = Strings(b, officers);
    const Hash h = Sha256(AsBytes(content));
    return fb::CreateEvidenceRecorded(b, list, kind, b.CreateString(description), b.CreateVector(h.data(), h.size()),
                                      b.CreateString("证据保管室"), b.CreateString("现场提取"))
        .Union();
  });
}

Bytes AttachAv(const Act& a, const AvInfo& av, const std::string& scene) {
  return Make(a, fb::Payload::AvRecordingAttached, [&](Draft&, Builder& b) {
    auto recording = Recording(b, av);
    return fb::CreateAvRecordingAttached(b, recording, b.CreateString(scene)).Union();
  });
}

Bytes PreserveEvidence(const Act& a, const Officers& officers, const std::string& items) {
  return Make(a, fb::Payload::EvidencePreserved, [&](Draft&, Builder& b) {
    auto list = Strings(b, officers);
    return fb::CreateEvidencePreserved(b, list, b.CreateString(items), b.CreateString("机关负责人"),
                                       b.CreateString(a.case_id + "/先行登记保存"))
        .Union();
  });
}

Bytes DisposePreserved(const Act& a, const std::string& disposal) {
  return Make(a, fb::Payload::PreservationDisposed, [&](Draft&, Builder& b) {
    return fb::CreatePreservationDisposedDirect(b, disposal.c_str(), (a.case_id + "/处理通知").c_str()).Union();
  });
}

Bytes TakeCoerciveMeasure(const Act& a, const std::string& measure_no, const Officers& officers,
                          const std::string& items, int days, const std::vector<AvInfo>& av, bool emergency) {
  return Make(a, fb::Payload::CoerciveMeasureTaken, [&](Draft&, Builder& b) {
    auto list = Strings(b, officers);
    auto recordings = av.empty() ? 0 : Recordings(b, av);
    return fb::CreateCoerciveMeasureTaken(b, b.CreateString(measure_no), fb::CoerciveKind::Seize, b.CreateString(items),
                                          list, static_cast<uint16_t>(days), emergency, recordings)
        .Union();
  });
}

Bytes ExtendCoerciveMeasure(const Act& a, const std::string& measure_no, int days, const std::string& reason) {
  return Make(a, fb::Payload::CoerciveMeasureExtended, [&](Draft&, Builder& b) {
    return fb::CreateCoerciveMeasureExtendedDirect(b, measure_no.c_str(), static_cast<uint16_t>(days), "机关负责人",
                                                   reason.c_str())
        .Union();
  });
}

Bytes LiftCoerciveMeasure(const Act& a, const std::string& measure_no, const std::string& reason) {
  return Make(a, fb::Payload::CoerciveMeasureLifted, [&](Draft&, Builder& b) {
    return fb::CreateCoerciveMeasureLiftedDirect(b, measure_no.c_str(), reason.c_str()).Union();
  });
}

Bytes OrderCorrection(const Act& a, const std::string& content, const std::string& deadline_date) {
  return Make(a, fb::Payload::CorrectionOrdered, [&](Draft&, Builder& b) {
    return fb::CreateCorrectionOrderedDirect(b, content.c_str(), deadline_date.c_str()).Union();
  });
}

Bytes ConcludeInvestigation(const Act& a, fb::Conclusion conclusion, const std::vector<Penalty>& proposed,
                            const std::string& facts, const std::string& discretion_code,
                            const std::string& discretion_level, bool complex, bool major) {
  return Make(a, fb::Payload::InvestigationConcluded, [&](Draft&, Builder& b) {
    auto list = Penalties(b, proposed);
    return fb::CreateInvestigationConcluded(b, conclusion, b.CreateString(facts), list, b.CreateString(discretion_code),
                                            b.CreateString(discretion_level), complex, major)
        .Union();
  });
}

Bytes RequestLegalReview(const Act& a, const std::string& summary) {
  return Make(a, fb::Payload::LegalReviewRequested,
              [&](Draft&, Builder& b) { return fb::CreateLegalReviewRequestedDirect(b, summary.c_str()).Union(); });
}

Bytes GiveLegalReviewOpinion(const Act& a, bool approved, const std::vector<std::string>& reasons) {
  return Make(a, fb::Payload::LegalReviewOpinion, [&](Draft&, Builder& b) {
    auto list = Strings(b, reasons);
    return fb::CreateLegalReviewOpinion(b, approved ? fb::ReviewOutcome::Approved : fb::ReviewOutcome::Problems, list,
                                        b.CreateString(a.case_id + "/法制审核"))
        .Union();
  });
}

Bytes HoldCollectiveDiscussion(const Act& a, const std::vector<std::string>& participants,
                               const std::string& conclusion, const std::string& discussion_no) {
  return Make(a, fb::Payload::CollectiveDiscussionHeld, [&](Draft&, Builder& b) {
    auto list = Strings(b, participants);
    return fb::CreateCollectiveDiscussionHeld(b, list, b.CreateString("一致同意"), b.CreateString(conclusion),
                                              b.CreateString(discussion_no))
        .Union();
  });
}

Bytes GiveCollectiveOpinion(const Act& a, const std::string& discussion_no, const std::string& opinion) {
  return Make(a, fb::Payload::CollectiveOpinionGiven, [&](Draft&, Builder& b) {
    return fb::CreateCollectiveOpinionGivenDirect(b, discussion_no.c_str(), opinion.c_str()).Union();
  });
}

Bytes ApproveAsHead(const Act& a, fb::Payload act, const std::string& subject, bool approved,
                    const std::string& opinion) {
  return Make(a, fb::Payload::HeadApproved, [&](Draft&, Builder& b) {
    return fb::CreateHeadApprovedDirect(b, fb::EnumNamePayload(act), subject.c_str(), approved, opinion.c_str())
        .Union();
  });
}

// The 决定书 and the payload carry one 文号: the caller's, or the case's number and the document's name.
Bytes DecideEnforcement(const Act& a, const std::string& manner, const std::string& execute_from_date, bool immediate) {
  const Act numbered = WithDocNo(a, a.case_id + " 强制执行决定书");
  return Make(numbered, fb::Payload::EnforcementDecided, [&](Draft&, Builder& b) {
    return fb::CreateEnforcementDecidedDirect(b, numbered.doc_no.c_str(), manner.c_str(), execute_from_date.c_str(),
                                              immediate)
        .Union();
  });
}

Bytes AnnounceDemolition(const Act& a, const std::string& deadline_date) {
  const Act numbered = WithDocNo(a, a.case_id + " 限期拆除公告");
  return Make(numbered, fb::Payload::DemolitionAnnounced, [&](Draft&, Builder& b) {
    return fb::CreateDemolitionAnnouncedDirect(b, numbered.doc_no.c_str(), deadline_date.c_str()).Union();
  });
}

Bytes ServePriorNotice(const Act& a, const std::vector<Penalty>& proposed, bool hearing_right) {
  return Make(
      a, fb::Payload::PriorNoticeServed,
      [&](Draft&, Builder& b) {
        auto list = Penalties(b, proposed);
        return fb::CreatePriorNoticeServed(b, b.CreateString(a.case_id + "/告知"), list, hearing_right).Union();
      },
      hearing_right ? "行政处罚听证告知书" : "行政处罚事先告知书");
}

Bytes ReceiveStatement(const Act& a, fb::PartyResponse response, const std::string& summary, bool adopted,
                       bool hearing_waived) {
  return Make(a, fb::Payload::StatementReceived, [&](Draft&, Builder& b) {
    return fb::CreateStatementReceivedDirect(b, response, summary.c_str(), adopted, hearing_waived).Union();
  });
}

Bytes RequestHearing(const Act& a) {
  return Make(a, fb::Payload::HearingRequested,
              [&](Draft&, Builder& b) { return fb::CreateHearingRequestedDirect(b, "当事人申请听证").Union(); });
}

Bytes NotifyHearing(const Act& a, int64_t hearing_at_ms, const std::string& presider, const std::string& place) {
  return Make(a, fb::Payload::HearingNotified, [&](Draft&, Builder& b) {
    return fb::CreateHearingNotifiedDirect(b, hearing_at_ms, place.c_str(), presider.c_str(), true).Union();
  });
}

Bytes HoldHearing(const Act& a, const std::string& presider, bool party_present, const std::vector<AvInfo>& av) {
  return Make(a, fb::Payload::HearingHeld, [&](Draft&, Builder& b) {
    auto recordings = av.empty() ? 0 : Recordings(b, av);
    return fb::CreateHearingHeld(b, b.CreateString(presider), party_present, b.CreateString(a.case_id + "/听证笔录"),
                                 recordings)
        .Union();
  });
}

Bytes IssueDecision(const Act& a, fb::DecisionOutcome outcome, const std::string& decision_no,
                    const std::vector<Penalty>& penalties, const std::string& violation_type, const std::string& facts,
                    const std::string& basis, bool on_the_spot, int pay_within_days, fb::RemedyNotice remedies) {
  if (outcome == fb::DecisionOutcome::Referral) {
    return ReferCase(a, decision_no, "县公安局", /*suspected_crime=*/true, violation_type, facts, basis);
  }
  const char* doc = outcome == fb::DecisionOutcome::NoPenalty ? "不予行政处罚决定书"
                    : on_the_spot                             ? "当场行政处罚决定书"
                                                              : "行政处罚决定书";
  return Make(
      WithDocNo(a, decision_no), fb::Payload::DecisionIssued,
      [&](Draft&, Builder& b) {
        auto list = Penalties(b, penalties);
        return fb::CreateDecisionIssued(b, outcome, b.CreateString(decision_no), list, b.CreateString(violation_type),
                                        b.CreateString(facts), b.CreateString(basis),
                                        static_cast<uint16_t>(pay_within_days), 0, false, remedies)
            .Union();
      },
      doc);
}

Bytes ReferCase(const Act& a, const std::string& letter_no, const std::string& referred_to, bool suspected_crime,
                const std::string& violation_type, const std::string& facts, const std::string& basis) {
  return Make(
      WithDocNo(a, letter_no), fb::Payload::DecisionIssued,
      [&](Draft&, Builder& b) {
        return fb::CreateDecisionIssued(b, fb::DecisionOutcome::Referral, b.CreateString(letter_no), 0,
                                        b.CreateString(violation_type), b.CreateString(facts), b.CreateString(basis), 0,
                                        b.CreateString(referred_to), suspected_crime)
            .Union();
      },
      "案件移送函");
}

Bytes ServeDocument(const Act& a, const std::string& doc_no, const std::string& doc_type, fb::ServiceMethod method,
                    int64_t received_at_ms, bool electronic_consent, const std::vector<AvInfo>& av) {
  return Make(a, fb::Payload::DocumentServed, [&](Draft&, Builder& b) {
    auto recordings = av.empty() ? 0 : Recordings(b, av);
    return fb::CreateDocumentServed(b, b.CreateString(doc_no), b.CreateString(doc_type), method, received_at_ms,
                                    electronic_consent, true, recordings)
        .Union();
  });
}

Bytes RecordPayment(const Act& a, int64_t amount_fen, const std::string& receipt_no) {
  return Make(a, fb::Payload::PaymentRecorded, [&](Draft&, Builder& b) {
    return fb::CreatePaymentRecordedDirect(b, amount_fen, receipt_no.c_str(), "银行代收").Union();
  });
}

Bytes DeferPayment(const Act& a, const std::string& until_date, int instalments, const std::string& reason) {
  return Make(a, fb::Payload::PaymentDeferred, [&](Draft&, Builder& b) {
    return fb::CreatePaymentDeferredDirect(b, until_date.c_str(), static_cast<uint16_t>(instalments), reason.c_str())
        .Union();
  });
}

Bytes ImposeLateFee(const Act& a, int64_t amount_fen, int days_late) {
  return Make(a, fb::Payload::LateFeeImposed, [&](Draft&, Builder& b) {
    return fb::CreateLateFeeImposed(b, amount_fen, static_cast<uint32_t>(days_late)).Union();
  });
}

Bytes ServeDemandNotice(const Act& a, int64_t amount_fen, const std::string& deadline_date) {
  return Make(a, fb::Payload::DemandNoticeServed, [&](Draft&, Builder& b) {
    return fb::CreateDemandNoticeServedDirect(b, (a.case_id + "/催告").c_str(), amount_fen, deadline_date.c_str())
        .Union();
  });
}

Bytes FileChallenge(const Act& a, fb::ChallengeKind kind, const std::string& decision_no, const std::string& body,
                    const std::string& case_no, const std::string& filed_date) {
  return Make(
      a, fb::Payload::ChallengeFiled,
      [&](Draft&, Builder& b) {
        return fb::CreateChallengeFiledDirect(b, kind, decision_no.c_str(), body.c_str(), case_no.c_str(),
                                              filed_date.c_str())
            .Union();
      },
      kind == fb::ChallengeKind::Suit ? "应诉通知书" : "行政复议答复通知书");
}

Bytes ConcludeChallenge(const Act& a, fb::ChallengeKind kind, const std::string& case_no, fb::ChallengeResult result,
                        const std::string& ruling_no, const std::string& received_date) {
  const char* doc = kind == fb::ChallengeKind::Review
                        ? (result == fb::ChallengeResult::Withdrawn ? "终止行政复议决定书" : "行政复议决定书")
                        : (result == fb::ChallengeResult::Withdrawn ? "行政裁定书" : "行政判决书");
  return Make(
      WithDocNo(a, ruling_no), fb::Payload::ChallengeConcluded,
      [&](Draft&, Builder& b) {
        return fb::CreateChallengeConcludedDirect(b, kind, case_no.c_str(), result, ruling_no.c_str(),
                                                  received_date.c_str())
            .Union();
      },
      doc);
}

Bytes ApplyToCourt(const Act& a, const std::string& court) {
  return Make(a, fb::Payload::CourtEnforcementApplied, [&](Draft&, Builder& b) {
    return fb::CreateCourtEnforcementAppliedDirect(b, court.c_str(), (a.case_id + "/申请").c_str()).Union();
  });
}

Bytes ExecuteEnforcement(const Act& a, fb::ExecutionKind kind, const Officers& officers, const std::string& description,
                         const std::vector<AvInfo>& av, bool emergency) {
  return Make(a, fb::Payload::EnforcementExecuted, [&](Draft&, Builder& b) {
    auto list = Strings(b, officers);
    auto recordings = av.empty() ? 0 : Recordings(b, av);
    return fb::CreateEnforcementExecuted(b, kind, list, b.CreateString(description), recordings, emergency).Union();
  });
}

Bytes DecideSubstituteExecution(const Act& a, const SubstituteExecution& d) {
  const Act numbered = WithDocNo(a, d.decision_no);
  return Make(numbered, fb::Payload::SubstituteExecutionDecided, [&](Draft&, Builder& b) {
    return fb::CreateSubstituteExecutionDecidedDirect(b, numbered.doc_no.c_str(), d.reason.c_str(), d.manner.c_str(),
                                                      d.target.c_str(), d.execute_date.c_str(), d.cost_estimate_fen,
                                                      d.performer.c_str(), d.immediate)
        .Union();
  });
}

Bytes CarryOutSubstitute(const Act& a, const SubstituteDone& done) {
  return Make(a, fb::Payload::EnforcementExecuted, [&](Draft&, Builder& b) {
    auto list = Strings(b, done.officers);
    auto recordings = done.av.empty() ? 0 : Recordings(b, done.av);
    return fb::CreateEnforcementExecuted(b, fb::ExecutionKind::Substitute, list, b.CreateString(done.description),
                                         recordings, false, b.CreateString(done.supervisor), done.performer_signed,
                                         done.party_or_witness_signed, done.cost_fen)
        .Union();
  });
}

Bytes CloseCase(const Act& a, fb::CloseReason reason, const std::string& summary) {
  return Make(a, fb::Payload::CaseClosed,
              [&](Draft&, Builder& b) { return fb::CreateCaseClosedDirect(b, reason, summary.c_str()).Union(); });
}

Bytes ChangeDecision(const Act& a, const std::string& decision_no, fb::DecisionChange change, fb::ChangeAuthority by,
                     const std::string& ruling_no, const std::string& reason) {
  return Make(a, fb::Payload::DecisionChanged, [&](Draft&, Builder& b) {
    return fb::CreateDecisionChangedDirect(b, decision_no.c_str(), change, by, ruling_no.c_str(), reason.c_str())
        .Union();
  });
}

Bytes PublishDecision(const Act& a, const std::string& publication_id, const std::string& decision_no,
                      const std::string& due_date, const std::string& display_until, const std::string& summary) {
  return Make(a, fb::Payload::DisclosurePublished, [&](Draft&, Builder& b) {
    return fb::CreateDisclosurePublishedDirect(b, publication_id.c_str(), fb::DisclosureSubject::Decision,
                                               decision_no.c_str(), "行政执法信息公示平台", due_date.c_str(),
                                               display_until.c_str(), summary.c_str())
        .Union();
  });
}

Bytes CorrectPublication(const Act& a, const std::string& publication_id, const std::string& reason,
                         const std::string& summary) {
  return Make(a, fb::Payload::DisclosureCorrected, [&](Draft&, Builder& b) {
    return fb::CreateDisclosureCorrectedDirect(b, publication_id.c_str(), reason.c_str(), summary.c_str()).Union();
  });
}

Bytes WithdrawPublication(const Act& a, const std::string& publication_id, const std::string& reason) {
  return Make(a, fb::Payload::DisclosureWithdrawn, [&](Draft&, Builder& b) {
    return fb::CreateDisclosureWithdrawnDirect(b, publication_id.c_str(), reason.c_str()).Union();
  });
}

Bytes RetrieveCaseFile(const Act& a, const std::string& purpose, const std::string& scope) {
  return Make(a, fb::Payload::CaseFileRetrieved, [&](Draft&, Builder& b) {
    return fb::CreateCaseFileRetrievedDirect(b, purpose.c_str(), scope.c_str()).Union();
  });
}

Bytes ApproveOriginalsRelease(const Act& a, const std::string& recipient, const std::string& purpose,
                              const std::vector<std::string>& items) {
  return Make(a, fb::Payload::OriginalsReleaseApproved, [&](Draft&, Builder& b) {
    auto list = Strings(b, items);
    return fb::CreateOriginalsReleaseApproved(b, b.CreateString(recipient), b.CreateString(purpose), list).Union();
  });
}

Bytes ApproveExport(const Act& a, const std::string& recipient, const std::string& purpose,
                    const std::vector<std::string>& reveal_fields) {
  return Make(a, fb::Payload::ExportApproved, [&](Draft&, Builder& b) {
    auto list = Strings(b, reveal_fields);
    return fb::CreateExportApproved(b, b.CreateString(recipient), b.CreateString(purpose), list).Union();
  });
}

Bytes RecordExport(const Act& a, const EventId& approval, const std::string& recipient,
                   const std::vector<std::string>& reveal_fields, const std::optional<EventId>& originals) {
  return Make(a, fb::Payload::CaseExported, [&](Draft&, Builder& b) {
    auto id = b.CreateVector(approval.data(), approval.size());
    auto list = Strings(b, reveal_fields);
    auto originals_id = originals ? b.CreateVector(originals->data(), originals->size()) : 0;
    return fb::CreateCaseExported(b, id, b.CreateString(recipient), list, originals.has_value(), originals_id).Union();
  });
}

Bytes DisposeOriginals(const Act& a, const std::vector<std::string>& hashes_hex, const std::string& register_no,
                       const std::string& appraisal, const std::vector<std::string>& supervised_by) {
  return Make(a, fb::Payload::EvidenceDisposed, [&](Draft&, Builder& b) {
    auto items = Strings(b, hashes_hex);
    auto supervisors = Strings(b, supervised_by);
    return fb::CreateEvidenceDisposed(b, items, b.CreateString(register_no), b.CreateString(appraisal), supervisors)
        .Union();
  });
}

Bytes EraseOpenings(const Act& a, const std::vector<Hash>& commitments, const std::string& legal_basis,
                    const std::string& reason) {
  return Make(a, fb::Payload::OpeningsErased, [&](Draft&, Builder& b) {
    std::vector<fb::Commitment> list;
    for (const Hash& h : commitments) list.emplace_back(flatbuffers::span<const uint8_t, 32>(h.data(), 32));
    return fb::CreateOpeningsErased(b, b.CreateVectorOfStructs(list), b.CreateString(legal_basis),
                                    b.CreateString(reason))
        .Union();
  });
}

}  // namespace lawtrail::domain
