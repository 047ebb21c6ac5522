#include "ledger/domain/private_text.h"

#include "ledger/domain/identifiers.h"
#include "ledger/domain/rules.h"

namespace lawtrail::domain {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string Masked(std::string_view number) {
  return std::string(number.substr(0, 4)) + "…" + std::string(number.substr(number.size() - 4));
}

size_t CodePoints(std::string_view utf8) {
  size_t n = 0;
  for (const char c : utf8) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

using Fields = std::vector<std::pair<std::string_view, std::string_view>>;

void Add(Fields& out, const char* name, const flatbuffers::String* text) {
  if (text != nullptr && text->size() > 0) out.emplace_back(name, text->string_view());
}

// Investigation and the case's opening.
void InvestigationFields(const fb::Statement& st, Fields& out) {
  if (const auto* p = st.payload_as_CaseSourceRegistered()) Add(out, "summary", p->summary());
  if (const auto* p = st.payload_as_CaseOpened()) {
    Add(out, "cause", p->cause());
    Add(out, "summary", p->summary());
  }
  if (const auto* p = st.payload_as_InspectionRecorded()) Add(out, "findings", p->findings());
  if (const auto* p = st.payload_as_InquiryRecorded()) Add(out, "summary", p->summary());
  if (const auto* p = st.payload_as_EvidenceRecorded()) Add(out, "description", p->description());
  if (const auto* p = st.payload_as_InvestigationConcluded()) Add(out, "facts", p->facts());
}

// Review, discussion, the party's answers, the decision and the close.
void DecisionFields(const fb::Statement& st, Fields& out) {
  if (const auto* p = st.payload_as_LegalReviewRequested()) Add(out, "summary", p->summary());
  if (const auto* p = st.payload_as_LegalReviewOpinion(); p != nullptr && p->reasons() != nullptr) {
    for (const auto* r : *p->reasons()) Add(out, "reasons", r);
  }
  if (const auto* p = st.payload_as_CollectiveDiscussionHeld()) {
    Add(out, "opinions", p->opinions());
    Add(out, "conclusion", p->conclusion());
  }
  if (const auto* p = st.payload_as_CollectiveOpinionGiven()) Add(out, "opinion", p->opinion());
  if (const auto* p = st.payload_as_HeadApproved()) Add(out, "opinion", p->opinion());
  if (const auto* p = st.payload_as_StatementReceived()) Add(out, "summary", p->summary());
  if (const auto* p = st.payload_as_HearingRequested()) Add(out, "summary", p->summary());
  if (const auto* p = st.payload_as_DecisionIssued()) {
    Add(out, "facts", p->facts());
    Add(out, "violation_type", p->violation_type());
  }
  if (const auto* p = st.payload_as_CaseClosed()) Add(out, "summary", p->summary());
  if (const auto* p = st.payload_as_TakingAgreed()) Add(out, "resettlement", p->resettlement());
  if (const auto* p = st.payload_as_CompensationDecided()) Add(out, "basis", p->basis());
  if (const auto* p = st.payload_as_RequisitionOrdered()) Add(out, "purpose", p->purpose());
}

// A licensing case's own texts.
void LicenceFields(const fb::Statement& st, Fields& out) {
  if (const auto* p = st.payload_as_LicenceApplied()) Add(out, "matter", p->matter());
  if (const auto* p = st.payload_as_LicenceIntake()) Add(out, "reason", p->reason());
  if (const auto* p = st.payload_as_LicenceTimeExcluded()) Add(out, "reason", p->reason());
  if (const auto* p = st.payload_as_LicenceExtended()) Add(out, "reason", p->reason());
  if (const auto* p = st.payload_as_LicenceDecided()) {
    Add(out, "content", p->content());
    Add(out, "reasons", p->reasons());
  }
  if (const auto* p = st.payload_as_LicenceEnded()) Add(out, "ground", p->ground());
}

}  // namespace

std::string FindPrivateNumber(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    if (!IsDigit(text[i])) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < text.size() && IsDigit(text[end])) ++end;
    if (end - i == 17 && end < text.size() && (text[end] == 'X' || text[end] == 'x')) ++end;
    const std::string_view run = text.substr(i, end - i);
    if (run.size() == 18 && ValidateResidentId(run).ok()) return "a resident ID number " + Masked(run);
    if (run.size() == 11 && run[0] == '1' && run[1] >= '3' && run[1] <= '9') {
      return "a mobile number " + Masked(run);
    }
    i = end;
  }
  return "";
}

std::vector<std::pair<std::string_view, std::string_view>> FreeTextFields(const fb::Statement& st) {
  Fields out;
  InvestigationFields(st, out);
  DecisionFields(st, out);
  LicenceFields(st, out);
  return out;
}

Status CheckTextAgainstSealed(const fb::Statement& st, std::span<const SealedValue> values) {
  if (values.empty()) return Status::Ok();
  return CheckTextAgainstSealed(st, FreeTextFields(st), values);
}

Status CheckTextAgainstSealed(const fb::Statement& st,
                              const std::vector<std::pair<std::string_view, std::string_view>>& fields,
                              std::span<const SealedValue> values) {
  for (const SealedValue& v : values) {
    if (CodePoints(v.value) < 2) continue;
    for (const auto& [field, text] : fields) {
      if (text.find(v.value) == std::string_view::npos) continue;
      return Refuse("P-SEALED-TEXT", std::string(fb::EnumNamePayload(st.payload_type())) + "." + std::string(field) +
                                         " carries the case's sealed " + std::string(v.field) + " (" +
                                         std::string(v.masked) + ") in clear; write 当事人 or the masked form");
    }
  }
  return Status::Ok();
}

}  // namespace lawtrail::domain
