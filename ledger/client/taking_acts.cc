#include "ledger/client/taking_acts.h"

#include "ledger/client/internal/act_maker.h"
#include "ledger/domain/taking.h"

namespace lawtrail::domain {
namespace {

using Builder = flatbuffers::FlatBufferBuilder;

std::vector<flatbuffers::Offset<fb::RequisitionItem>> Lines(Builder& b, const std::vector<RequisitionLine>& items) {
  std::vector<flatbuffers::Offset<fb::RequisitionItem>> out;
  for (const RequisitionLine& l : items) {
    out.push_back(fb::CreateRequisitionItemDirect(b, l.name.c_str(), l.quantity.c_str(), l.condition, l.note.c_str()));
  }
  return out;
}

}  // namespace

Bytes PostTakingNotice(const Act& a, const TakingNotice& n) {
  return Make(
      WithDocNo(a, n.notice_no), fb::Payload::TakingNoticePosted,
      [&](Draft&, Builder& b) {
        std::vector<flatbuffers::Offset<flatbuffers::String>> places;
        for (const std::string& p : n.places) places.push_back(b.CreateString(p));
        return fb::CreateTakingNoticePostedDirect(b, n.kind, n.notice_no.c_str(), n.issuer.c_str(), n.project.c_str(),
                                                  n.village.c_str(), &places, n.posted_from.c_str(),
                                                  n.posted_until.c_str(), n.states_remedies)
            .Union();
      },
      TakingNoticeName(n.kind));
}

Bytes RecordTakingApproval(const Act& a, const std::string& approval_no, const std::string& approved_by,
                           const std::string& approved_on) {
  return Make(WithDocNo(a, approval_no), fb::Payload::TakingApproved, [&](Draft&, Builder& b) {
    return fb::CreateTakingApprovedDirect(b, approval_no.c_str(), approved_by.c_str(), approved_on.c_str()).Union();
  });
}

Bytes SignTakingAgreement(const Act& a, const TakingAgreement& t) {
  return Make(
      WithDocNo(a, t.agreement_no), fb::Payload::TakingAgreed,
      [&](Draft& d, Builder& b) {
        auto owner = BuildParty(d, a, t.owner);
        return fb::CreateTakingAgreedDirect(b, t.household.c_str(), owner, t.agreement_no.c_str(), t.compensation_fen,
                                            t.resettlement.c_str(), t.owner_signed)
            .Union();
      },
      t.house ? "房屋征收补偿协议" : "征地补偿安置协议");
}

Bytes DecideCompensation(const Act& a, const CompensationDecision& d, const std::string& document) {
  return Make(
      WithDocNo(a, d.decision_no), fb::Payload::CompensationDecided,
      [&](Draft&, Builder& b) {
        return fb::CreateCompensationDecidedDirect(b, d.household.c_str(), d.decision_no.c_str(), d.issuer.c_str(),
                                                   d.compensation_fen, d.basis.c_str(), d.remedies)
            .Union();
      },
      document);
}

Bytes PayCompensation(const Act& a, const std::string& household, int64_t amount_fen, const std::string& paid_on,
                      const std::string& voucher_no) {
  return Make(WithDocNo(a, voucher_no), fb::Payload::CompensationPaid, [&](Draft&, Builder& b) {
    return fb::CreateCompensationPaidDirect(b, household.c_str(), amount_fen, paid_on.c_str(), voucher_no.c_str())
        .Union();
  });
}

Bytes RecordVacated(const Act& a, const std::string& household, const std::string& vacated_on, bool house) {
  return Make(
      a, fb::Payload::TakingVacated,
      [&](Draft&, Builder& b) {
        return fb::CreateTakingVacatedDirect(b, household.c_str(), vacated_on.c_str()).Union();
      },
      house ? "搬迁确认书" : "交地确认书");
}

Bytes OrderRequisition(const Act& a, const Requisition& r) {
  return Make(WithDocNo(a, r.notice_no), fb::Payload::RequisitionOrdered, [&](Draft& d, Builder& b) {
    auto owner = BuildParty(d, a, r.owner);
    auto items = Lines(b, r.items);
    return fb::CreateRequisitionOrderedDirect(b, r.notice_no.c_str(), r.ordered_by.c_str(), r.emergency.c_str(),
                                              r.purpose.c_str(), owner, r.village.c_str(), &items, r.owner_signed,
                                              r.taken_on.c_str())
        .Union();
  });
}

Bytes ReturnRequisitioned(const Act& a, const std::vector<RequisitionLine>& items, const std::string& returned_on,
                          bool owner_signed) {
  return Make(a, fb::Payload::RequisitionReturned, [&](Draft&, Builder& b) {
    auto lines = Lines(b, items);
    return fb::CreateRequisitionReturnedDirect(b, &lines, returned_on.c_str(), owner_signed).Union();
  });
}

}  // namespace lawtrail::domain
