#include "ledger/domain/taking.h"

#include "ledger/core/fb_string.h"

namespace lawtrail::domain {
namespace {

Date DateOr(const flatbuffers::String* s, const Date& otherwise) {
  auto d = ParseDate(Str(s));
  return d.ok() ? *d : otherwise;
}

void FoldNotice(TakingFile& f, const fb::TakingNoticePosted& n, const Date& day) {
  if (f.kind == TakingKind::kNone) {
    const bool house = n.kind() >= fb::TakingNoticeKind::HousePlan;
    f.kind = house ? TakingKind::kHouse : TakingKind::kLand;
    f.project = Str(n.project());
  }
  f.notices[n.kind()] = {DateOr(n.posted_from(), day), DateOr(n.posted_until(), day)};
}

void FoldReturn(TakingFile& f, const fb::RequisitionReturned& r) {
  if (r.items() == nullptr) return;
  for (const auto* item : *r.items()) {
    auto it = f.items.find(Str(item->name()));
    if (it == f.items.end()) continue;
    it->second.returned = true;
    it->second.condition = item->condition();
  }
}

}  // namespace

void FoldTaking(TakingFile& f, const fb::Statement& st) {
  const Date day = ChinaDateOf(st.occurred_at_ms());
  switch (st.payload_type()) {
    case fb::Payload::TakingNoticePosted: FoldNotice(f, *st.payload_as_TakingNoticePosted(), day); break;
    case fb::Payload::TakingApproved: f.approved_on = DateOr(st.payload_as_TakingApproved()->approved_on(), day); break;
    case fb::Payload::TakingAgreed: {
      const auto* a = st.payload_as_TakingAgreed();
      Household& h = f.households[Str(a->household())];
      h.agreed = true;
      h.due_fen = a->compensation_fen();
      break;
    }
    case fb::Payload::CompensationDecided: {
      const auto* d = st.payload_as_CompensationDecided();
      if (f.kind == TakingKind::kRequisition) {
        f.compensation_decided = true;
        f.compensation_fen = d->compensation_fen();
        break;
      }
      Household& h = f.households[Str(d->household())];
      h.decided = true;
      h.due_fen = d->compensation_fen();
      break;
    }
    case fb::Payload::CompensationPaid: {
      const auto* p = st.payload_as_CompensationPaid();
      if (f.kind == TakingKind::kRequisition) {
        f.compensation_paid_fen += p->amount_fen();
      } else {
        f.households[Str(p->household())].paid_fen += p->amount_fen();
      }
      break;
    }
    case fb::Payload::TakingVacated:
      f.households[Str(st.payload_as_TakingVacated()->household())].vacated = true;
      break;
    case fb::Payload::RequisitionOrdered: {
      const auto* o = st.payload_as_RequisitionOrdered();
      f.kind = TakingKind::kRequisition;
      f.project = Str(o->emergency());
      f.taken_on = DateOr(o->taken_on(), day);
      if (o->items() != nullptr) {
        for (const auto* item : *o->items())
          f.items[Str(item->name())] = {Str(item->quantity()), false, item->condition()};
      }
      break;
    }
    case fb::Payload::RequisitionReturned: FoldReturn(f, *st.payload_as_RequisitionReturned()); break;
    default: break;
  }
}

const char* TakingNoticeName(fb::TakingNoticeKind v) {
  switch (v) {
    case fb::TakingNoticeKind::LandPreNotice: return "征收土地预公告";
    case fb::TakingNoticeKind::LandPlan: return "征地补偿安置方案公告";
    case fb::TakingNoticeKind::LandTaking: return "征收土地公告";
    case fb::TakingNoticeKind::HousePlan: return "征收补偿方案征求意见公告";
    case fb::TakingNoticeKind::HouseDecision: return "房屋征收决定公告";
    case fb::TakingNoticeKind::HouseholdResults: return "分户补偿情况公布";
  }
  return "征收公告";
}

const char* RequisitionConditionName(fb::RequisitionCondition v) {
  switch (v) {
    case fb::RequisitionCondition::Intact: return "完好";
    case fb::RequisitionCondition::Damaged: return "毁损";
    case fb::RequisitionCondition::Lost: return "灭失";
  }
  return "完好";
}

const char* TakingKindName(TakingKind v) {
  switch (v) {
    case TakingKind::kLand: return "土地征收";
    case TakingKind::kHouse: return "房屋征收";
    case TakingKind::kRequisition: return "征用";
    case TakingKind::kNone: break;
  }
  return "";
}

}  // namespace lawtrail::domain
