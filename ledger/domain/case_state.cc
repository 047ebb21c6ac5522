#include "ledger/domain/case_state.h"

#include "ledger/core/bytes.h"
#include "ledger/core/fb_string.h"
#include "ledger/core/statement_files.h"
#include "ledger/domain/money.h"
#include "ledger/domain/registry.h"

namespace lawtrail::domain {

const flatbuffers::Vector<flatbuffers::Offset<flatbuffers::String>>* ActOfficers(const fb::Statement& st) {
  switch (st.payload_type()) {
    case fb::Payload::InspectionRecorded: return st.payload_as_InspectionRecorded()->officers();
    case fb::Payload::InquiryRecorded: return st.payload_as_InquiryRecorded()->officers();
    case fb::Payload::EvidenceRecorded: return st.payload_as_EvidenceRecorded()->officers();
    case fb::Payload::EvidencePreserved: return st.payload_as_EvidencePreserved()->officers();
    case fb::Payload::CoerciveMeasureTaken: return st.payload_as_CoerciveMeasureTaken()->officers();
    case fb::Payload::EnforcementExecuted: return st.payload_as_EnforcementExecuted()->officers();
    default: return nullptr;
  }
}

uint32_t PenaltyTypes(const flatbuffers::Vector<flatbuffers::Offset<fb::PenaltyItem>>* items) {
  uint32_t bits = 0;
  if (items != nullptr) {
    for (const auto* p : *items) bits |= 1u << static_cast<unsigned>(p->type());
  }
  return bits;
}

int64_t SumAmount(const flatbuffers::Vector<flatbuffers::Offset<fb::PenaltyItem>>* items,
                  std::initializer_list<fb::PenaltyType> types) {
  int64_t sum = 0;
  if (items == nullptr) return 0;
  for (const auto* p : *items) {
    for (fb::PenaltyType t : types) {
      if (p->type() == t) sum += p->amount_fen();
    }
  }
  return sum;
}

bool IsSupervisionAct(fb::Payload type) {
  switch (type) {
    case fb::Payload::CaseFileRetrieved:
    case fb::Payload::OriginalsReleaseApproved:
    case fb::Payload::ExportApproved:
    case fb::Payload::CaseExported:
    case fb::Payload::OpeningsErased:
    case fb::Payload::EvidenceDisposed: return true;
    default: return false;
  }
}

PenaltySet PenaltySetOf(const flatbuffers::Vector<flatbuffers::Offset<fb::PenaltyItem>>* items) {
  PenaltySet set;
  if (items != nullptr) {
    for (const auto* p : *items) set[p->type()] += p->amount_fen();
  }
  return set;
}

std::string DescribePenalties(const PenaltySet& set) {
  std::string out;
  for (const auto& [type, amount] : set) {
    out += (out.empty() ? "" : ", ") + std::string(fb::EnumNamePenaltyType(type));
    if (amount != 0) out += " " + FormatYuan(amount) + " 元";
  }
  return out.empty() ? "none" : out;
}

std::string HeavierThan(const PenaltySet& decided, const PenaltySet& baseline) {
  for (const auto& [type, amount] : decided) {
    auto it = baseline.find(type);
    if (it == baseline.end()) return std::string(fb::EnumNamePenaltyType(type)) + " was not proposed";
    if (amount > it->second) {
      return std::string(fb::EnumNamePenaltyType(type)) + " of " + DescribePenalties({{type, amount}}) + " exceeds " +
             DescribePenalties({{type, it->second}});
    }
  }
  return "";
}

namespace {

// 立案 to the hearing: what the case is, what was proposed, reviewed, noticed and heard.
void FoldInvestigation(CaseProcedureState& c, const fb::Statement& st, int64_t at) {
  switch (st.payload_type()) {
    case fb::Payload::CaseOpened: {
      const auto* o = st.payload_as_CaseOpened();
      c.category = o->category();
      c.procedure = o->procedure();
      c.power_item_code = Str(o->power_item_code());
      c.village = Str(o->village());
      c.opened_at_ms = at;
      c.complex = o->complex();
      c.major = o->major();
      if (o->party() != nullptr) {
        c.party_kind = o->party()->kind();
        c.minor = o->party()->minor();
        c.under_14 = o->party()->under_14();
      }
      c.investigators.insert(Str(st.actor()->certificate_no()));
      break;
    }
    case fb::Payload::InvestigationConcluded: {
      const auto* ic = st.payload_as_InvestigationConcluded();
      c.concluded_at_ms = at;
      c.discretion_code = Str(ic->discretion_code());
      c.discretion_level = Str(ic->discretion_level());
      c.proposal = PenaltySetOf(ic->proposed());
      c.proposed_types = PenaltyTypes(ic->proposed());
      c.proposed_fine_fen = SumAmount(ic->proposed(), {fb::PenaltyType::Fine});
      c.proposed_confiscation_fen =
          SumAmount(ic->proposed(), {fb::PenaltyType::ConfiscateGains, fb::PenaltyType::ConfiscateProperty});
      c.complex = c.complex || ic->complex();
      c.major = c.major || ic->major();
      c.review_approved_at_ms = 0;  // a new conclusion needs a new review
      c.investigators.insert(Str(st.actor()->certificate_no()));
      break;
    }
    case fb::Payload::LegalReviewRequested:
      c.review_requested = true;
      c.review_approved_at_ms = 0;  // what is under review is approved by the opinion to come
      break;
    case fb::Payload::LegalReviewOpinion: {
      const bool approved = st.payload_as_LegalReviewOpinion()->outcome() == fb::ReviewOutcome::Approved;
      c.review_approved_at_ms = approved ? at : 0;
      if (approved) c.reviewed = c.proposal;
      c.review_requested = false;
      break;
    }
    case fb::Payload::CollectiveDiscussionHeld: c.collective_at_ms = at; break;
    case fb::Payload::CollectiveOpinionGiven:
      c.collective_opinions[Str(st.payload_as_CollectiveOpinionGiven()->discussion_no())].insert(
          Str(st.actor()->certificate_no()));
      break;
    case fb::Payload::PriorNoticeServed: {
      const auto* n = st.payload_as_PriorNoticeServed();
      c.notice_at_ms = at;
      c.notified = c.proposal = PenaltySetOf(n->proposed());
      c.hearing_right = c.hearing_right || n->hearing_right();
      c.responded = false;
      c.hearing_waived = false;
      break;
    }
    case fb::Payload::StatementReceived: {
      c.responded = true;
      c.hearing_waived = c.hearing_waived || st.payload_as_StatementReceived()->hearing_waived();
      break;
    }
    case fb::Payload::HearingRequested: c.hearing_requested = true; break;
    case fb::Payload::HearingNotified: {
      const auto* h = st.payload_as_HearingNotified();
      c.hearing_at_ms = h->hearing_at_ms();
      c.hearing_presider = Str(h->presider());
      break;
    }
    case fb::Payload::HearingHeld:
      c.hearing_held = true;
      c.review_approved_at_ms = 0;  // 第58条(二): reviewed after the hearing
      break;
    default: break;
  }
}

// The decision and its service.
void FoldDecision(CaseProcedureState& c, const fb::Statement& st, int64_t at) {
  switch (st.payload_type()) {
    case fb::Payload::DecisionIssued: {
      const auto* d = st.payload_as_DecisionIssued();
      c.decision_at_ms = at;
      c.decision_no = Str(d->decision_no());
      c.outcome = d->outcome();
      c.fine_fen = SumAmount(d->penalties(), {fb::PenaltyType::Fine});
      c.remedies = d->remedies();
      break;
    }
    case fb::Payload::DocumentServed: {
      const auto* s = st.payload_as_DocumentServed();
      if (!c.decision_no.empty() && Str(s->doc_no()) == c.decision_no && c.decision_served_at_ms == 0) {
        c.decision_served_at_ms = s->received_at_ms() != 0 ? s->received_at_ms() : at;
      }
      break;
    }
    default: break;
  }
}

// A 行政许可 case: its application opens it, its decision is the one its
// service, publication and challenges concern.
void FoldLicensingCase(CaseProcedureState& c, const fb::Statement& st, int64_t at) {
  FoldLicence(c.licence, st);
  // Whoever received or answered the application reviewed it (第48条第1款第(三)项).
  if (st.payload_type() == fb::Payload::LicenceApplied || st.payload_type() == fb::Payload::LicenceIntake) {
    c.investigators.insert(Str(st.actor()->certificate_no()));
  }
  if (const auto* a = st.payload_as_LicenceApplied()) {
    c.category = fb::CaseCategory::Licensing;
    c.power_item_code = Str(a->item_code());
    c.village = Str(a->village());
    c.opened_at_ms = at;
    if (a->applicant() != nullptr) {
      c.party_kind = a->applicant()->kind();
      c.minor = a->applicant()->minor();
    }
  } else if (const auto* d = st.payload_as_LicenceDecided()) {
    c.decision_at_ms = at;
    c.decision_no = Str(d->decision_no());
    c.remedies = d->remedies();
  }
}

// A 征收 or 征用 case: its first notice or its 征用通知书 opens it.
void FoldTakingCase(CaseProcedureState& c, const fb::Statement& st, int64_t at) {
  if (!IsTakingAct(st.payload_type())) return;
  const bool opening = c.taking.kind == TakingKind::kNone;
  FoldTaking(c.taking, st);
  if (!opening || c.taking.kind == TakingKind::kNone) return;
  c.category = fb::CaseCategory::Expropriation;
  c.opened_at_ms = at;
  if (const auto* n = st.payload_as_TakingNoticePosted()) c.village = Str(n->village());
  if (const auto* o = st.payload_as_RequisitionOrdered()) {
    c.village = Str(o->village());
    if (o->owner() != nullptr) c.party_kind = o->owner()->kind();
  }
}

// A head's approval: of an act to come, or of an emergency measure already taken.
void FoldHeadApproval(CaseProcedureState& c, const fb::Statement& st) {
  if (const auto* id = st.approval_event_id()) {
    if (auto it = c.head_approvals.find(ByteString(id)); it != c.head_approvals.end()) it->second.used = true;
  }
  const auto* h = st.payload_as_HeadApproved();
  if (h == nullptr) return;
  c.head_approvals[ByteString(st.event_id())] = {Str(h->act()), Str(h->subject()), h->approved(), false};
  if (Str(h->act()) != fb::EnumNamePayload(fb::Payload::CoerciveMeasureTaken)) return;
  for (Seizure& s : c.seizures) {
    if (s.measure_no != Str(h->subject()) || !s.emergency || s.head_approved || s.head_refused) continue;
    (h->approved() ? s.head_approved : s.head_refused) = true;
  }
}

// Preservation, coercive measures, enforcement, change, disclosure and export.
void FoldAfterDecision(CaseProcedureState& c, const fb::Statement& st, int64_t at, const WorkdayCalendar& calendar) {
  switch (st.payload_type()) {
    case fb::Payload::EvidencePreserved:
      c.preserved_at_ms = at;
      c.preservation_open = true;
      break;
    case fb::Payload::PreservationDisposed: c.preservation_open = false; break;
    case fb::Payload::CoerciveMeasureTaken: {
      const auto* m = st.payload_as_CoerciveMeasureTaken();
      Seizure& s = c.seizures.emplace_back();
      s.measure_no = Str(m->measure_no());
      s.taken_at_ms = at;
      s.days = m->days();
      s.last_day = calendar.AddCalendarDays(ChinaDateOf(at), s.days).date;
      s.emergency = m->emergency() && st.approval_event_id() == nullptr;
      break;
    }
    case fb::Payload::CoerciveMeasureExtended: {
      const auto* m = st.payload_as_CoerciveMeasureExtended();
      for (Seizure& s : c.seizures) {
        if (s.measure_no == Str(m->measure_no())) {
          s.extended = true;
          s.days += m->days();
          s.last_day = calendar.AddCalendarDays(ChinaDateOf(s.taken_at_ms), s.days).date;
        }
      }
      break;
    }
    case fb::Payload::CoerciveMeasureLifted: {
      for (Seizure& s : c.seizures) {
        if (s.measure_no == Str(st.payload_as_CoerciveMeasureLifted()->measure_no())) s.lifted = true;
      }
      break;
    }
    case fb::Payload::DemandNoticeServed:
      c.demand_at_ms = at;
      c.demand_deadline = Str(st.payload_as_DemandNoticeServed()->deadline_date());
      break;
    case fb::Payload::EnforcementDecided:
      c.enforcement_decided_at_ms = at;
      c.enforcement_immediate = st.payload_as_EnforcementDecided()->immediate();
      break;
    case fb::Payload::SubstituteExecutionDecided: {
      const auto* d = st.payload_as_SubstituteExecutionDecided();
      c.substitute_decided_at_ms = at;
      c.substitute_date = Str(d->execute_date());
      c.substitute_immediate = d->immediate();
      c.substitute_done = false;
      break;
    }
    case fb::Payload::EnforcementExecuted:
      if (st.payload_as_EnforcementExecuted()->kind() == fb::ExecutionKind::Substitute) c.substitute_done = true;
      break;
    case fb::Payload::DemolitionAnnounced:
      c.demolition_deadline = Str(st.payload_as_DemolitionAnnounced()->deadline_date());
      break;
    case fb::Payload::LateFeeImposed: c.late_fee_fen += st.payload_as_LateFeeImposed()->amount_fen(); break;
    case fb::Payload::DecisionChanged: c.changed_at_ms = at; break;
    case fb::Payload::DisclosurePublished: {
      const std::string id = Str(st.payload_as_DisclosurePublished()->publication_id());
      c.shown_publications.insert(id);
      c.all_publications.insert(id);
      break;
    }
    case fb::Payload::DisclosureWithdrawn:
      c.shown_publications.erase(Str(st.payload_as_DisclosureWithdrawn()->publication_id()));
      break;
    case fb::Payload::ExportApproved: {
      std::vector<std::string>& fields = c.export_approvals[ByteString(st.event_id())];
      if (const auto* reveal = st.payload_as_ExportApproved()->reveal_fields()) {
        for (const auto* f : *reveal) fields.push_back(f->str());
      }
      break;
    }
    default: break;
  }
}

// What the case's acts named, which releases of originals were approved, when
// the case closed, and what a retention decision disposed of.
void FoldFiles(CaseProcedureState& c, const fb::Statement& st, int64_t at) {
  if (const auto* release = st.payload_as_OriginalsReleaseApproved()) {
    std::vector<std::string>& items = c.originals_approvals[ByteString(st.event_id())];
    if (release->items() != nullptr) {
      for (const auto* h : *release->items()) items.push_back(h->str());
    }
  }
  for (const NamedFile& f : FilesNamedBy(st)) c.attachment_hashes.emplace(f.hash.begin(), f.hash.end());
  if (st.payload_type() == fb::Payload::CaseClosed) c.closed_at_ms = at;
  if (const auto* d = st.payload_as_EvidenceDisposed(); d != nullptr && d->items() != nullptr) {
    for (const auto* item : *d->items()) {
      if (auto raw = FromHex(item->str()); raw.ok()) c.disposed_hashes.emplace(raw->begin(), raw->end());
    }
  }
}

}  // namespace

void FoldCaseEvent(CaseProcedureState& c, const fb::Statement& st, int64_t recorded_ms, const ReferenceTables& tables) {
  const int64_t at = st.occurred_at_ms();
  if (!IsSupervisionAct(st.payload_type())) c.last_act_ms = std::max(c.last_act_ms, at);
  if (st.payload_type() == fb::Payload::PriorNoticeServed) c.notice_recorded_ms = recorded_ms;
  if (st.sealed() != nullptr) {
    for (const auto* f : *st.sealed()) {
      if (f->commitment() != nullptr)
        c.sealed_commitments.emplace_back(reinterpret_cast<const char*>(f->commitment()->data()),
                                          f->commitment()->size());
    }
  }
  if (st.payload_type() == fb::Payload::DemandNoticeServed) c.demand_recorded_ms = recorded_ms;
  FoldFiles(c, st, at);
  for (Seizure& s : c.seizures) {
    // F-SEIZURE-30 and F-EMERGENCY-24H are raised once, by the first act after.
    if (s.OverdueAt(at)) s.flagged = true;
    if (s.AwaitsApprovalAt(at)) s.emergency_flagged = true;
  }
  // Handling the case makes one a participant; reviewing, disclosing and
  // supervising it do not.
  if (RequiredAuthority(st.payload_type(), tables.procedure()).role == fb::Role::Officer) {
    c.participants.insert(Str(st.actor()->certificate_no()));
  }
  if (const auto* officers = ActOfficers(st)) {
    for (const auto* o : *officers) {
      c.participants.insert(o->str());
      c.investigators.insert(o->str());
    }
    c.investigators.insert(Str(st.actor()->certificate_no()));
  }
  if (const StageRule* rule = tables.procedure().StageRuleFor(st.payload_type()); rule != nullptr && rule->next) {
    c.stage = *rule->next;
  }
  FoldInvestigation(c, st, at);
  FoldDecision(c, st, at);
  FoldAfterDecision(c, st, at, tables.calendar());
  FoldChallenge(c.challenges, st, at);
  FoldLicensingCase(c, st, at);
  FoldTakingCase(c, st, at);
  FoldHeadApproval(c, st);
}

}  // namespace lawtrail::domain
