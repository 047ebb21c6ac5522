#include "ledger/domain/internal/taking_rules.h"

#include "ledger/core/fb_string.h"
#include "ledger/domain/internal/act_fields.h"
#include "ledger/domain/money.h"
#include "ledger/domain/taking.h"

namespace lawtrail::domain {
namespace {

using fb::Payload;
using fb::TakingNoticeKind;

// The acts a 征收 or 征用 case holds besides its own: the survey (现状调查) and
// what it gathers, service, the head's approvals, closing and supervision.
bool TakingCaseMayHold(Payload type) {
  if (IsTakingAct(type) || IsSupervisionAct(type)) return true;
  switch (type) {
    case Payload::InspectionRecorded:
    case Payload::InquiryRecorded:
    case Payload::EvidenceRecorded:
    case Payload::AvRecordingAttached:
    case Payload::DocumentServed:
    case Payload::HeadApproved:
    case Payload::CaseClosed: return true;
    default: return false;
  }
}

bool RequisitionAct(Payload type) {
  return type == Payload::RequisitionOrdered || type == Payload::RequisitionReturned;
}

// The acts both kinds share: compensation decided and paid.
bool SharedAct(Payload type) { return type == Payload::CompensationDecided || type == Payload::CompensationPaid; }

// P-TAKING-CASE: how such a case starts, and that it holds nothing of another kind's.
Status CheckCaseKind(const CaseProcedureState& c, const fb::Statement& st) {
  const Payload type = st.payload_type();
  const std::string name = fb::EnumNamePayload(type);
  if (const auto* o = st.payload_as_CaseOpened(); o != nullptr && o->category() == fb::CaseCategory::Expropriation) {
    return Refuse("P-TAKING-CASE",
                  "a 征收 starts with its first notice (TakingNoticePosted), a 征用 with the "
                  "征用通知书 (RequisitionOrdered), not with 立案 (CaseOpened)");
  }
  const TakingKind kind = c.taking.kind;
  if (c.stage == Stage::kNone) {
    if (!IsTakingAct(type)) return Status::Ok();
    const auto* n = st.payload_as_TakingNoticePosted();
    const bool opens =
        type == Payload::RequisitionOrdered ||
        (n != nullptr && (n->kind() == TakingNoticeKind::LandPreNotice || n->kind() == TakingNoticeKind::HousePlan));
    if (opens) return Status::Ok();
    return Refuse("P-TAKING-CASE", name +
                                       " cannot start a case: a 土地征收 starts with the 预公告, a 房屋征收 with "
                                       "its plan put out for comment, a 征用 with the 征用通知书");
  }
  if (IsTakingAct(type) && kind == TakingKind::kNone) {
    return Refuse("P-TAKING-CASE",
                  name + " belongs to a 征收 or 征用 case; case '" + Str(st.case_id()) + "' did not start as one");
  }
  if (kind == TakingKind::kNone) return Status::Ok();
  if (!TakingCaseMayHold(type)) {
    return Refuse("P-TAKING-CASE", name + " is not an act of a " + TakingKindName(kind) + " case ('" +
                                       Str(st.case_id()) + "': " + c.taking.project + ")");
  }
  const bool requisition = kind == TakingKind::kRequisition;
  if (IsTakingAct(type) && !SharedAct(type) && RequisitionAct(type) != requisition) {
    return Refuse("P-TAKING-CASE", name + " is not an act of a " + TakingKindName(kind) + " case");
  }
  if (type == Payload::RequisitionOrdered) {
    return Refuse("P-TAKING-CASE", "the case has its 征用通知书; another requisition is another case");
  }
  return Status::Ok();
}

// Every enum of a 征收 or 征用 act is one the schema names.
Status CheckEnums(const fb::Statement& st) {
  bool known = true;
  auto items_known = [&](const flatbuffers::Vector<flatbuffers::Offset<fb::RequisitionItem>>* items) {
    if (items == nullptr) return;
    for (const auto* i : *items) known = known && Known(i->condition());
  };
  if (const auto* n = st.payload_as_TakingNoticePosted()) known = Known(n->kind());
  if (const auto* d = st.payload_as_CompensationDecided()) known = Known(d->remedies());
  if (const auto* o = st.payload_as_RequisitionOrdered()) items_known(o->items());
  if (const auto* r = st.payload_as_RequisitionReturned()) items_known(r->items());
  if (const auto* a = st.payload_as_TakingAgreed(); a != nullptr && a->owner() != nullptr) {
    known = Known(a->owner()->kind());
  }
  if (const auto* o = st.payload_as_RequisitionOrdered(); o != nullptr && o->owner() != nullptr) {
    known = known && Known(o->owner()->kind());
  }
  if (known) return Status::Ok();
  return Refuse("P-TAKING-CASE",
                std::string(fb::EnumNamePayload(st.payload_type())) + " carries a value its schema does not name");
}

// The notice that must come before `kind`, or nothing for a case's first.
std::optional<TakingNoticeKind> NoticeBefore(TakingNoticeKind kind) {
  switch (kind) {
    case TakingNoticeKind::LandPlan: return TakingNoticeKind::LandPreNotice;
    case TakingNoticeKind::HouseDecision: return TakingNoticeKind::HousePlan;
    case TakingNoticeKind::HouseholdResults: return TakingNoticeKind::HouseDecision;
    default: return std::nullopt;
  }
}

// The last day a notice must still be shown: ten working days for the 预公告, thirty days for a plan.
std::optional<Deadline> ShownAtLeastUntil(const WorkdayCalendar& calendar, TakingNoticeKind kind, const Date& from) {
  switch (kind) {
    case TakingNoticeKind::LandPreNotice: return calendar.AddWorkingDays(from, kLandPreNoticeWorkingDays);
    case TakingNoticeKind::LandPlan:
    case TakingNoticeKind::HousePlan: return calendar.AddCalendarDays(from, kPlanNoticeDays);
    default: return std::nullopt;
  }
}

// P-TAKING-NOTICE: what a notice says, where it is posted, its order and the period it stays up.
Status CheckNoticeText(const TakingFile& f, const fb::TakingNoticePosted& n) {
  const char* what = TakingNoticeName(n.kind());
  if (Str(n.notice_no()).empty() || Str(n.issuer()).empty() || Str(n.project()).empty()) {
    return Refuse("P-TAKING-NOTICE", std::string(what) + " needs its 文号, the government issuing it and the project");
  }
  if (Empty(n.places())) {
    return Refuse("P-TAKING-NOTICE", std::string(what) + " names no place it is posted (乡（镇）、村、村民小组)");
  }
  const bool house = n.kind() >= TakingNoticeKind::HousePlan;
  if (f.kind != TakingKind::kNone && house != (f.kind == TakingKind::kHouse)) {
    return Refuse("P-TAKING-NOTICE", std::string(what) + " is not a notice of a " + TakingKindName(f.kind));
  }
  if (f.Posted(n.kind())) return Refuse("P-TAKING-NOTICE", std::string(what) + " was already posted in this case");
  if (n.kind() == TakingNoticeKind::HouseDecision && !n.states_remedies()) {
    return Refuse("P-TAKING-NOTICE",
                  "房屋征收决定公告 states the 复议 and suit rights (国有土地上房屋征收与补偿条例 第13条)");
  }
  return Status::Ok();
}

Status CheckNotice(const Registry& registry, const TakingFile& f, const fb::TakingNoticePosted& n, int64_t at,
                   std::vector<Flag>& flags) {
  LAWTRAIL_RETURN_IF_ERROR(CheckNoticeText(f, n));
  const char* what = TakingNoticeName(n.kind());
  LAWTRAIL_ASSIGN_OR_RETURN(const Date from, DateField("P-TAKING-NOTICE", "posted_from", n.posted_from()));
  LAWTRAIL_ASSIGN_OR_RETURN(const Date until, DateField("P-TAKING-NOTICE", "posted_until", n.posted_until()));
  if (from > ChinaDateOf(at) || until < from) {
    return Refuse("P-TAKING-NOTICE", std::string(what) + " shown " + FormatDate(from) + "…" + FormatDate(until) +
                                         ": it is recorded once posted, and ends after it starts");
  }
  if (const auto before = NoticeBefore(n.kind())) {
    const auto it = f.notices.find(*before);
    if (it == f.notices.end()) {
      return Refuse("P-TAKING-NOTICE", std::string(what) + " comes after the " + TakingNoticeName(*before));
    }
    if (n.kind() == TakingNoticeKind::HouseDecision && from <= it->second.until) {
      return Refuse("P-TAKING-NOTICE", "the plan is open for comment until " + FormatDate(it->second.until) +
                                           "; the 征收决定 follows it (条例 第10条, 第13条)");
    }
  }
  if (const auto least = ShownAtLeastUntil(registry.tables().calendar(), n.kind(), from);
      least && until < least->date) {
    return Refuse("P-TAKING-NOTICE", std::string(what) + " posted " + FormatDate(from) + " must stay up until " +
                                         FormatDate(least->date) + " at least, not " + FormatDate(until) +
                                         (n.kind() == TakingNoticeKind::LandPreNotice
                                              ? " (ten working days, 土地管理法实施条例 第26条)"
                                              : " (thirty days, 实施条例 第27条 / 房屋征收与补偿条例 第10条)"));
  }
  if (n.kind() != TakingNoticeKind::LandTaking) return Status::Ok();
  if (!f.approved_on) {
    return Refuse("P-TAKING-NOTICE",
                  "征收土地公告 follows the approval of the 征收 (TakingApproved, 土地管理法 第47条)");
  }
  if (from < *f.approved_on) {
    return Refuse("P-TAKING-NOTICE",
                  "征收土地公告 posted " + FormatDate(from) + ", before the approval of " + FormatDate(*f.approved_on));
  }
  const Date by = registry.tables().calendar().AddWorkingDays(*f.approved_on, periods::kLandTakingNotice.days).date;
  if (from > by) {
    flags.push_back(Raise(periods::kLandTakingNotice.rule_id, "征收土地公告 posted " + FormatDate(from) + ", after " +
                                                                  FormatDate(by) +
                                                                  " (fifteen working days from the approval of " +
                                                                  FormatDate(*f.approved_on) + ", 实施条例 第31条)"));
  }
  return Status::Ok();
}

// P-TAKING-NOTICE: the approval comes after the plan's thirty days (实施条例 第27–28条).
Status CheckApproved(const TakingFile& f, const fb::TakingApproved& a, int64_t at) {
  if (f.kind != TakingKind::kLand) return Refuse("P-TAKING-NOTICE", "only a 土地征收 is approved this way");
  if (f.approved_on) return Refuse("P-TAKING-NOTICE", "the 征收 was already approved on " + FormatDate(*f.approved_on));
  if (Str(a.approval_no()).empty() || Str(a.approved_by()).empty()) {
    return Refuse("P-TAKING-NOTICE", "the approval names its 文号 and the government that gave it");
  }
  LAWTRAIL_ASSIGN_OR_RETURN(const Date on, DateField("P-TAKING-NOTICE", "approved_on", a.approved_on()));
  const auto plan = f.notices.find(TakingNoticeKind::LandPlan);
  if (plan == f.notices.end() || on <= plan->second.until) {
    return Refuse("P-TAKING-NOTICE",
                  "the 征收 is approved after the 征地补偿安置方案 has been posted for its thirty days");
  }
  if (on > ChinaDateOf(at)) return Refuse("P-TAKING-NOTICE", "approved on " + FormatDate(on) + ", after the record");
  return Status::Ok();
}

// P-TAKING-COMPENSATION: an owner's agreement, signed, once the plan (or the 征收决定) is out.
Status CheckAgreed(const TakingFile& f, const fb::TakingAgreed& a) {
  const std::string household = Str(a.household());
  if (household.empty()) return Refuse("P-TAKING-COMPENSATION", "the agreement names no 户号 / 地块编号 (household)");
  if (a.owner() == nullptr || Str(a.owner()->name()).empty()) {
    return Refuse("P-TAKING-COMPENSATION", "the agreement names no owner");
  }
  if (!a.owner_signed()) return Refuse("P-TAKING-COMPENSATION", "an agreement binds once the owner has signed it");
  if (Str(a.agreement_no()).empty() || a.compensation_fen() < 0) {
    return Refuse("P-TAKING-COMPENSATION", "the agreement needs its number and a compensation of zero or more");
  }
  const TakingNoticeKind after =
      f.kind == TakingKind::kLand ? TakingNoticeKind::LandPlan : TakingNoticeKind::HouseDecision;
  if (!f.Posted(after)) {
    return Refuse("P-TAKING-COMPENSATION", std::string("agreements follow the ") + TakingNoticeName(after));
  }
  if (const auto it = f.households.find(household);
      it != f.households.end() && (it->second.agreed || it->second.decided)) {
    return Refuse("P-TAKING-COMPENSATION", "household '" + household + "' already has its compensation settled");
  }
  return Status::Ok();
}

// P-TAKING-COMPENSATION / P-REQUISITION: a compensation decision, for an owner who did not agree, or for a 征用.
Status CheckDecided(const TakingFile& f, const fb::CompensationDecided& d) {
  const bool requisition = f.kind == TakingKind::kRequisition;
  const char* rule = requisition ? "P-REQUISITION" : "P-TAKING-COMPENSATION";
  if (Str(d.decision_no()).empty() || Str(d.issuer()).empty() || Str(d.basis()).empty()) {
    return Refuse(rule, "a 补偿决定 names its 文号, the government issuing it and its basis");
  }
  if (d.compensation_fen() < 0) return Refuse(rule, "compensation cannot be negative");
  if (d.remedies() == fb::RemedyNotice::Unrecorded) {
    return Refuse(rule, "the 补偿决定 records whether it stated the 复议 and suit rights (remedies)");
  }
  if (requisition) {
    if (f.compensation_decided) return Refuse(rule, "the requisition's compensation was already decided");
    return Status::Ok();
  }
  const TakingNoticeKind after =
      f.kind == TakingKind::kLand ? TakingNoticeKind::LandTaking : TakingNoticeKind::HouseDecision;
  if (!f.Posted(after)) return Refuse(rule, std::string("a 补偿决定 follows the ") + TakingNoticeName(after));
  const std::string household = Str(d.household());
  const auto it = f.households.find(household);
  if (household.empty()) return Refuse(rule, "the 补偿决定 names no 户号 / 地块编号 (household)");
  if (it != f.households.end() && it->second.agreed) {
    return Refuse(rule, "household '" + household + "' signed an agreement; a 补偿决定 is for an owner who did not");
  }
  if (it != f.households.end() && it->second.decided) {
    return Refuse(rule, "household '" + household + "' already has its 补偿决定");
  }
  return Status::Ok();
}

Status CheckPaid(const TakingFile& f, const fb::CompensationPaid& p, int64_t at) {
  const bool requisition = f.kind == TakingKind::kRequisition;
  const char* rule = requisition ? "P-REQUISITION" : "P-TAKING-COMPENSATION";
  LAWTRAIL_ASSIGN_OR_RETURN(const Date on, DateField(rule, "paid_on", p.paid_on()));
  if (on > ChinaDateOf(at)) return Refuse(rule, "paid on " + FormatDate(on) + ", after the record");
  if (p.amount_fen() <= 0 || Str(p.voucher_no()).empty()) {
    return Refuse(rule, "a payment has a positive amount and its 支付凭证 number");
  }
  int64_t due = f.compensation_fen, paid = f.compensation_paid_fen;
  if (requisition) {
    if (!f.compensation_decided) return Refuse(rule, "nothing is paid before the 征用补偿决定");
  } else {
    const std::string household = Str(p.household());
    const auto it = f.households.find(household);
    if (it == f.households.end() || !(it->second.agreed || it->second.decided)) {
      return Refuse(rule, "household '" + household + "' has no agreement or 补偿决定 to pay");
    }
    due = it->second.due_fen;
    paid = it->second.paid_fen;
  }
  if (paid + p.amount_fen() > due) {
    return Refuse(rule, "paying " + FormatYuan(p.amount_fen()) + " 元 would exceed the " + FormatYuan(due) +
                            " 元 due (" + FormatYuan(paid) + " 元 paid already)");
  }
  return Status::Ok();
}

// P-TAKING-VACATE: 先补偿、后搬迁 (国有土地上房屋征收与补偿条例 第27条; 土地管理法 第48条).
Status CheckVacated(const TakingFile& f, const fb::TakingVacated& v, int64_t at) {
  LAWTRAIL_ASSIGN_OR_RETURN(const Date on, DateField("P-TAKING-VACATE", "vacated_on", v.vacated_on()));
  if (on > ChinaDateOf(at)) return Refuse("P-TAKING-VACATE", "vacated on " + FormatDate(on) + ", after the record");
  const std::string household = Str(v.household());
  const auto it = f.households.find(household);
  if (it == f.households.end() || !(it->second.agreed || it->second.decided)) {
    return Refuse("P-TAKING-VACATE", "household '" + household +
                                         "' has no agreement or 补偿决定: nobody moves out "
                                         "before the compensation is settled");
  }
  if (it->second.paid_fen < it->second.due_fen) {
    return Refuse("P-TAKING-VACATE", "household '" + household + "' is paid " + FormatYuan(it->second.paid_fen) +
                                         " 元 of " + FormatYuan(it->second.due_fen) +
                                         " 元: 先补偿、后搬迁 (条例 第27条)");
  }
  if (it->second.vacated) return Refuse("P-TAKING-VACATE", "household '" + household + "' has already moved out");
  return Status::Ok();
}

// P-REQUISITION: the 征用通知书 and its 财产清单, each line named and counted, signed by the owner.
Status CheckOrdered(const fb::RequisitionOrdered& o, int64_t at) {
  if (Str(o.notice_no()).empty() || Str(o.ordered_by()).empty() || Str(o.emergency()).empty()) {
    return Refuse("P-REQUISITION",
                  "the 征用通知书 names its 文号, the government leading the response and the 突发事件 "
                  "(突发事件应对法 第12条, 第76条)");
  }
  if (o.owner() == nullptr || Str(o.owner()->name()).empty()) return Refuse("P-REQUISITION", "no owner is named");
  if (Empty(o.items())) return Refuse("P-REQUISITION", "the 财产清单 lists nothing");
  std::set<std::string> names;
  for (const auto* item : *o.items()) {
    if (Str(item->name()).empty() || Str(item->quantity()).empty()) {
      return Refuse("P-REQUISITION", "every line of the 财产清单 names the property and its quantity");
    }
    if (!names.insert(Str(item->name())).second) {
      return Refuse("P-REQUISITION", "'" + Str(item->name()) + "' is listed twice; count it on one line");
    }
  }
  if (!o.owner_signed()) return Refuse("P-REQUISITION", "the 财产清单 is signed by the owner");
  LAWTRAIL_ASSIGN_OR_RETURN(const Date on, DateField("P-REQUISITION", "taken_on", o.taken_on()));
  if (on > ChinaDateOf(at)) return Refuse("P-REQUISITION", "taken on " + FormatDate(on) + ", after the record");
  return Status::Ok();
}

// P-REQUISITION: what comes back was on the list and has not come back before (民法典 第245条).
Status CheckReturned(const TakingFile& f, const fb::RequisitionReturned& r, int64_t at) {
  if (Empty(r.items())) return Refuse("P-REQUISITION", "the 返还记录 lists nothing");
  for (const auto* item : *r.items()) {
    const auto it = f.items.find(Str(item->name()));
    if (it == f.items.end()) {
      return Refuse("P-REQUISITION", "'" + Str(item->name()) + "' is not on the 财产清单");
    }
    if (it->second.returned) return Refuse("P-REQUISITION", "'" + Str(item->name()) + "' was already given back");
  }
  if (!r.owner_signed()) return Refuse("P-REQUISITION", "the 返还记录 is signed by the owner");
  LAWTRAIL_ASSIGN_OR_RETURN(const Date on, DateField("P-REQUISITION", "returned_on", r.returned_on()));
  if (on < f.taken_on || on > ChinaDateOf(at)) {
    return Refuse("P-REQUISITION", "returned on " + FormatDate(on) + ", not between the taking on " +
                                       FormatDate(f.taken_on) + " and the record");
  }
  return Status::Ok();
}

// Closing: a 征用 once everything came back (or was found lost) and is compensated and paid; a 征收 once its
// 公告 is out and every owner is paid and has moved out.
Status CheckClosed(const TakingFile& f) {
  if (f.kind == TakingKind::kRequisition) {
    for (const auto& [name, item] : f.items) {
      if (!item.returned) return Refuse("P-REQUISITION", "'" + name + "' has not been given back (民法典 第245条)");
    }
    if (!f.compensation_decided || f.compensation_paid_fen < f.compensation_fen) {
      return Refuse("P-REQUISITION",
                    "the requisition is compensated and paid before it is closed "
                    "(突发事件应对法 第12条: 给予公平、合理的补偿)");
    }
    return Status::Ok();
  }
  const TakingNoticeKind last =
      f.kind == TakingKind::kLand ? TakingNoticeKind::LandTaking : TakingNoticeKind::HouseDecision;
  if (!f.Posted(last)) return Refuse("P-TAKING-COMPENSATION", std::string("no ") + TakingNoticeName(last) + " yet");
  for (const auto& [household, h] : f.households) {
    if (!(h.agreed || h.decided) || h.paid_fen < h.due_fen || !h.vacated) {
      return Refuse("P-TAKING-COMPENSATION",
                    "household '" + household + "' is not yet compensated, paid and moved out");
    }
  }
  return Status::Ok();
}

}  // namespace

Status CheckTaking(const Registry& registry, const CaseProcedureState& c, const fb::Statement& st, int64_t at,
                   std::vector<Flag>& flags) {
  LAWTRAIL_RETURN_IF_ERROR(CheckCaseKind(c, st));
  if (IsTakingAct(st.payload_type())) LAWTRAIL_RETURN_IF_ERROR(CheckEnums(st));
  const TakingFile& f = c.taking;
  switch (st.payload_type()) {
    case Payload::TakingNoticePosted: return CheckNotice(registry, f, *st.payload_as_TakingNoticePosted(), at, flags);
    case Payload::TakingApproved: return CheckApproved(f, *st.payload_as_TakingApproved(), at);
    case Payload::TakingAgreed: return CheckAgreed(f, *st.payload_as_TakingAgreed());
    case Payload::CompensationDecided: return CheckDecided(f, *st.payload_as_CompensationDecided());
    case Payload::CompensationPaid: return CheckPaid(f, *st.payload_as_CompensationPaid(), at);
    case Payload::TakingVacated: return CheckVacated(f, *st.payload_as_TakingVacated(), at);
    case Payload::RequisitionOrdered: return CheckOrdered(*st.payload_as_RequisitionOrdered(), at);
    case Payload::RequisitionReturned: return CheckReturned(f, *st.payload_as_RequisitionReturned(), at);
    case Payload::CaseClosed: return f.kind == TakingKind::kNone ? Status::Ok() : CheckClosed(f);
    default: return Status::Ok();
  }
}

}  // namespace lawtrail::domain
