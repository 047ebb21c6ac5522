#include "ledger/domain/internal/licence_rules.h"

#include "ledger/core/fb_string.h"
#include "ledger/domain/internal/act_fields.h"
#include "ledger/domain/licence.h"
#include "ledger/domain/master_data.h"

namespace lawtrail::domain {
namespace {

using fb::Payload;

// The acts a licensing case may hold besides its own: the check (核查, 第34条)
// and the evidence it gathers, service, the case's closing, the head's
// approvals, the refusal's 复议 and suit, publication and supervision.
bool LicensingCaseMayHold(Payload type) {
  if (IsLicenceAct(type) || IsSupervisionAct(type)) return true;
  switch (type) {
    case Payload::InspectionRecorded:
    case Payload::InquiryRecorded:
    case Payload::EvidenceRecorded:
    case Payload::AvRecordingAttached:
    case Payload::DocumentServed:
    case Payload::CaseClosed:
    case Payload::HeadApproved:
    case Payload::ChallengeFiled:
    case Payload::ChallengeConcluded:
    case Payload::DecisionChanged:
    case Payload::DisclosurePublished:
    case Payload::DisclosureCorrected:
    case Payload::DisclosureWithdrawn: return true;
    default: return false;
  }
}

// P-LICENCE-CASE: licence acts live in a licensing case, and it holds nothing of a penalty's.
Status CheckCaseKind(const CaseProcedureState& c, const fb::Statement& st) {
  const Payload type = st.payload_type();
  if (const auto* o = st.payload_as_CaseOpened(); o != nullptr && o->category() == fb::CaseCategory::Licensing) {
    return Refuse("P-LICENCE-CASE",
                  "a 行政许可 starts with the application received (LicenceApplied), not with 立案 (CaseOpened)");
  }
  if (c.stage == Stage::kNone) return Status::Ok();
  const bool licensing = c.licence.applied;
  if (IsLicenceAct(type) && !licensing) {
    return Refuse("P-LICENCE-CASE", std::string(fb::EnumNamePayload(type)) + " belongs to a 行政许可 case; case '" +
                                        Str(st.case_id()) + "' did not start with an application");
  }
  if (licensing && !LicensingCaseMayHold(type)) {
    return Refuse("P-LICENCE-CASE", std::string(fb::EnumNamePayload(type)) + " is not an act of a 行政许可 case ('" +
                                        Str(st.case_id()) + "' is the application for " + c.licence.matter + ")");
  }
  return Status::Ok();
}

// Every enum of a licence act is one the schema names.
Status CheckEnums(const fb::Statement& st) {
  bool known = true;
  if (const auto* a = st.payload_as_LicenceApplied()) known = Known(a->kind()) && Known(a->channel());
  if (const auto* i = st.payload_as_LicenceIntake()) known = Known(i->outcome());
  if (const auto* e = st.payload_as_LicenceTimeExcluded()) known = Known(e->kind());
  if (const auto* h = st.payload_as_LicenceHearing()) known = Known(h->step());
  if (const auto* d = st.payload_as_LicenceDecided()) known = Known(d->remedies());
  if (const auto* e = st.payload_as_LicenceEnded()) known = Known(e->kind());
  if (known) return Status::Ok();
  return Refuse("P-LICENCE-CASE",
                std::string(fb::EnumNamePayload(st.payload_type())) + " carries a value its schema does not name");
}

// P-LICENCE-APPLY and F-LICENCE-RENEWAL-LATE (第29–31条, 第49–50条).
Status CheckApplied(const Registry& registry, const fb::LicenceApplied& a, int64_t at, std::vector<Flag>& flags) {
  const std::string code = Str(a.item_code());
  const auto* item = registry.master_data().Find(fb::MasterItemKind::PowerItem, code);
  if (item == nullptr || item->retired || item->category != fb::PowerCategory::Licensing) {
    return Refuse("P-LICENCE-APPLY", "'" + code + "' is not a 行政许可 item on the published power list (第30条)");
  }
  if (Str(a.matter()).empty()) return Refuse("P-LICENCE-APPLY", "the application names no 申请事项");
  if (a.applicant() == nullptr || Str(a.applicant()->name()).empty()) {
    return Refuse("P-LICENCE-APPLY", "the application names no applicant (申请人)");
  }
  if (Empty(a.materials())) return Refuse("P-LICENCE-APPLY", "the receipt lists no materials (申请材料目录)");
  LAWTRAIL_ASSIGN_OR_RETURN(const Date received, DateField("P-LICENCE-APPLY", "received_date", a.received_date()));
  if (received > ChinaDateOf(at)) {
    return Refuse("P-LICENCE-APPLY", "received on " + FormatDate(received) + ", after the receipt's own time");
  }
  if (a.kind() == fb::LicenceApplication::New) return Status::Ok();
  if (Str(a.licence_no()).empty()) {
    return Refuse("P-LICENCE-APPLY",
                  std::string(LicenceApplicationName(a.kind())) + " names the licence it concerns (licence_no)");
  }
  if (a.kind() == fb::LicenceApplication::Renewal) {
    LAWTRAIL_ASSIGN_OR_RETURN(const Date expires, DateField("P-LICENCE-APPLY", "expires_on", a.expires_on()));
    if (received > expires) {
      return Refuse("P-LICENCE-APPLY", "the licence expired on " + FormatDate(expires) +
                                           "; an expired licence is applied for anew, not renewed (第50条)");
    }
    const Date last = Date{std::chrono::sys_days{expires} - std::chrono::days{kLicenceRenewalDays}};
    if (received > last) {
      flags.push_back(Raise("F-LICENCE-RENEWAL-LATE", "renewal received " + FormatDate(received) + ", after " +
                                                          FormatDate(last) + " (30 days before the expiry on " +
                                                          FormatDate(expires) + ")"));
    }
  }
  return Status::Ok();
}

// P-LICENCE-INTAKE and F-LICENCE-INTAKE-LATE (第32条).
Status CheckIntake(const Registry& registry, const LicenceFile& f, const fb::LicenceIntake& i, int64_t at,
                   std::vector<Flag>& flags) {
  const WorkdayCalendar& calendar = registry.tables().calendar();
  if (f.intake != fb::LicenceIntakeOutcome::Unrecorded) {
    return Refuse("P-LICENCE-INTAKE", std::string("the application was already answered: ") +
                                          LicenceIntakeName(f.intake) + " on " + FormatDate(f.intake_on));
  }
  if (Str(i.notice_no()).empty()) {
    return Refuse("P-LICENCE-INTAKE",
                  "the notice needs its 文号: acceptance and refusal are written, sealed and "
                  "dated (第32条第2款)");
  }
  const Date today = ChinaDateOf(at);
  const Date materials = f.supplemented.value_or(f.received);
  const Deadline answer_by = calendar.AddWorkingDays(materials, kLicenceIntakeDays);
  switch (i.outcome()) {
    case fb::LicenceIntakeOutcome::Unrecorded:
      return Refuse("P-LICENCE-INTAKE", "the intake records no outcome (受理, 不予受理 or 补正)");
    case fb::LicenceIntakeOutcome::Incomplete:
      if (f.incomplete_told) {
        return Refuse("P-LICENCE-INTAKE", "补正 was already asked for on " + FormatDate(*f.incomplete_told) +
                                              ": everything missing is told at once (第32条第1款第(四)项, 第72条)");
      }
      if (Empty(i.missing())) return Refuse("P-LICENCE-INTAKE", "a 补正 notice lists what is missing");
      if (today > answer_by.date) {
        return Refuse("P-LICENCE-INTAKE", "补正 may be asked for until " + FormatDate(answer_by.date) +
                                              "; silence since the receipt on " + FormatDate(f.received) +
                                              " accepted the application as of that day (第32条第1款第(四)项)");
      }
      return Status::Ok();
    case fb::LicenceIntakeOutcome::NotAccepted:
      if (Str(i.reason()).empty()) return Refuse("P-LICENCE-INTAKE", "不予受理 gives its reason");
      break;
    case fb::LicenceIntakeOutcome::Accepted: break;
  }
  if (f.incomplete_told && !f.supplemented) {
    return Refuse("P-LICENCE-INTAKE", "补正 was asked for on " + FormatDate(*f.incomplete_told) +
                                          " and no supplemented materials are recorded");
  }
  if (today > answer_by.date) {
    flags.push_back(Raise("F-LICENCE-INTAKE-LATE", std::string(LicenceIntakeName(i.outcome())) + " on " +
                                                       FormatDate(today) + ", after " + FormatDate(answer_by.date) +
                                                       " (five working days from the materials on " +
                                                       FormatDate(materials) + ")"));
  }
  return Status::Ok();
}

// The application stands accepted on the day of `st`, or a refusal under `rule`.
Result<Date> Accepted(const Registry& registry, const LicenceFile& f, std::string_view rule, int64_t at) {
  if (f.intake == fb::LicenceIntakeOutcome::NotAccepted) {
    return Refuse(rule, "the application was not accepted (不予受理 on " + FormatDate(f.intake_on) + ")");
  }
  const auto accepted = AcceptedOn(f, registry.tables().calendar(), ChinaDateOf(at));
  if (!accepted) return Refuse(rule, "the application has not been accepted (受理) yet");
  return *accepted;
}

// P-LICENCE-EXCLUDED (第45条): a span told in writing before it begins, inside the handling.
Status CheckExcluded(const Registry& registry, const LicenceFile& f, const fb::LicenceTimeExcluded& e, int64_t at) {
  LAWTRAIL_RETURN_IF_ERROR(Accepted(registry, f, "P-LICENCE-EXCLUDED", at).status());
  LAWTRAIL_ASSIGN_OR_RETURN(const Date from, DateField("P-LICENCE-EXCLUDED", "from_date", e.from_date()));
  LAWTRAIL_ASSIGN_OR_RETURN(const Date to, DateField("P-LICENCE-EXCLUDED", "to_date", e.to_date()));
  if (to < from) return Refuse("P-LICENCE-EXCLUDED", "the span ends (" + FormatDate(to) + ") before it begins");
  if (from < ChinaDateOf(at)) {
    return Refuse("P-LICENCE-EXCLUDED", std::string(LicenceExcludedName(e.kind())) + " from " + FormatDate(from) +
                                            " is told on " + FormatDate(ChinaDateOf(at)) +
                                            ": time is excluded only once the applicant is told in writing");
  }
  if (Str(e.reason()).empty()) return Refuse("P-LICENCE-EXCLUDED", "the notice says why the time is needed");
  return Status::Ok();
}

// P-LICENCE-EXTEND (第42条第1款): once, with a reason, before the twenty working days run out.
Status CheckExtended(const Registry& registry, const LicenceFile& f, const fb::LicenceExtended& e, int64_t at) {
  LAWTRAIL_ASSIGN_OR_RETURN(const Date accepted, Accepted(registry, f, "P-LICENCE-EXTEND", at));
  if (f.extended) return Refuse("P-LICENCE-EXTEND", "the period was already extended; ten working days, once");
  if (Str(e.reason()).empty()) return Refuse("P-LICENCE-EXTEND", "the applicant is told the reason (第42条)");
  const Deadline due = LicenceDecisionDue(f, registry.tables().calendar(), accepted);
  if (ChinaDateOf(at) > due.date) {
    return Refuse("P-LICENCE-EXTEND", "the twenty working days ran out on " + FormatDate(due.date) +
                                          "; a period is extended before it ends");
  }
  return Status::Ok();
}

// P-LICENCE-HEARING on a request or waiver: the right was told, and asked for within five working days (第47条).
Status CheckHearingAnswer(const WorkdayCalendar& calendar, const LicenceFile& f, fb::LicenceHearingStep step,
                          const Date& today) {
  if (!f.hearing_offered) return Refuse("P-LICENCE-HEARING", "no right to a hearing was told (第47条)");
  if (f.hearing_requested || f.hearing_waived) {
    return Refuse("P-LICENCE-HEARING", "the applicant already answered the hearing notice");
  }
  const Date ask_by = calendar.AddWorkingDays(*f.hearing_offered, kLicenceHearingAskDays).date;
  if (step == fb::LicenceHearingStep::Requested && today > ask_by) {
    return Refuse("P-LICENCE-HEARING", "the five working days to ask for a hearing ran out on " + FormatDate(ask_by) +
                                           " (told " + FormatDate(*f.hearing_offered) + ", 第47条第1款)");
  }
  return Status::Ok();
}

// P-LICENCE-HEARING and F-LICENCE-HEARING-LATE on the notice: seven working
// days ahead, presided by someone who did not review the application (第48条).
Status CheckHearingNotice(const Registry& registry, const CaseProcedureState& c, const fb::LicenceHearing& h,
                          const Date& today, int64_t at, std::vector<Flag>& flags) {
  const LicenceFile& f = c.licence;
  const WorkdayCalendar& calendar = registry.tables().calendar();
  if (!f.hearing_announced && !f.hearing_requested) {
    return Refuse("P-LICENCE-HEARING", "no hearing was asked for or announced");
  }
  if (f.hearing_on)
    return Refuse("P-LICENCE-HEARING", "the hearing was already notified for " + FormatDate(*f.hearing_on));
  LAWTRAIL_ASSIGN_OR_RETURN(const Date day, DateField("P-LICENCE-HEARING", "hearing_date", h.hearing_date()));
  const Date earliest = calendar.AddWorkingDays(today, kLicenceHearingNoticeDays).date;
  if (day < earliest) {
    return Refuse("P-LICENCE-HEARING", "a hearing notified on " + FormatDate(today) + " is held on " +
                                           FormatDate(earliest) + " or later, not " + FormatDate(day) +
                                           " (seven working days, 第48条第1款第(一)项)");
  }
  const std::string presider = Str(h.presider());
  if (!registry.CheckCertificate(presider, fb::Role::Officer, at).ok() || c.investigators.count(presider)) {
    return Refuse("P-LICENCE-HEARING", "presiding officer '" + presider +
                                           "' must be a registered officer who did not review the application "
                                           "(第48条第1款第(三)项)");
  }
  if (f.hearing_requested) {
    const Date hold_by = calendar.AddWorkingDays(*f.hearing_requested, kLicenceHearingHoldDays).date;
    if (day > hold_by) {
      flags.push_back(Raise("F-LICENCE-HEARING-LATE", "hearing set for " + FormatDate(day) + ", after " +
                                                          FormatDate(hold_by) +
                                                          " (twenty working days from the "
                                                          "request on " +
                                                          FormatDate(*f.hearing_requested) + ")"));
    }
  }
  return Status::Ok();
}

// P-LICENCE-HEARING: each step in its order.
Status CheckHearing(const Registry& registry, const CaseProcedureState& c, const fb::LicenceHearing& h, int64_t at,
                    std::vector<Flag>& flags) {
  const LicenceFile& f = c.licence;
  LAWTRAIL_RETURN_IF_ERROR(Accepted(registry, f, "P-LICENCE-HEARING", at).status());
  const Date today = ChinaDateOf(at);
  switch (h.step()) {
    case fb::LicenceHearingStep::Offered:
    case fb::LicenceHearingStep::Announced:
      if (f.hearing_offered || f.hearing_announced) {
        return Refuse("P-LICENCE-HEARING", "a hearing was already offered or announced in this case");
      }
      return Status::Ok();
    case fb::LicenceHearingStep::Requested:
    case fb::LicenceHearingStep::Waived: return CheckHearingAnswer(registry.tables().calendar(), f, h.step(), today);
    case fb::LicenceHearingStep::Notified: return CheckHearingNotice(registry, c, h, today, at, flags);
    case fb::LicenceHearingStep::Held:
      if (!f.hearing_on || f.hearing_held) return Refuse("P-LICENCE-HEARING", "no notified hearing awaits");
      if (today < *f.hearing_on) {
        return Refuse("P-LICENCE-HEARING", "the hearing was notified for " + FormatDate(*f.hearing_on));
      }
      if (Str(h.presider()) != f.hearing_presider) {
        return Refuse("P-LICENCE-HEARING",
                      "presided by '" + Str(h.presider()) + "', not the notified '" + f.hearing_presider + "'");
      }
      if (Str(h.record_no()).empty() || !h.participants_signed()) {
        return Refuse("P-LICENCE-HEARING",
                      "the 听证笔录 is numbered and signed or sealed by the participants (第48条第1款第(五)项)");
      }
      return Status::Ok();
  }
  return Refuse("P-LICENCE-HEARING", "unknown hearing step");  // unreachable: CheckEnums refused it
}

// P-LICENCE-DECISION, P-LICENCE-RENEWAL, F-LICENCE-LATE, F-REMEDIES-NOT-STATED (第38条, 第42条, 第48条, 第50条).
Status CheckDecided(const Registry& registry, const LicenceFile& f, const fb::LicenceDecided& d, int64_t at,
                    std::vector<Flag>& flags) {
  LAWTRAIL_ASSIGN_OR_RETURN(const Date accepted, Accepted(registry, f, "P-LICENCE-DECISION", at));
  const Date today = ChinaDateOf(at);
  if (Str(d.decision_no()).empty()) return Refuse("P-LICENCE-DECISION", "the decision is written, with its 文号");
  if (f.HearingPending()) {
    return Refuse("P-LICENCE-DECISION", "a hearing was asked for or announced and has not been held (第47条)");
  }
  if (f.hearing_held && !d.on_hearing_record()) {
    return Refuse("P-LICENCE-DECISION", "after a hearing the decision rests on its 笔录 (第48条第2款)");
  }
  if (d.granted()) {
    if (Str(d.content()).empty()) return Refuse("P-LICENCE-DECISION", "a grant states what it permits (许可内容)");
    if (!Str(d.valid_until()).empty()) {
      LAWTRAIL_ASSIGN_OR_RETURN(const Date from, DateField("P-LICENCE-DECISION", "valid_from", d.valid_from()));
      LAWTRAIL_ASSIGN_OR_RETURN(const Date until, DateField("P-LICENCE-DECISION", "valid_until", d.valid_until()));
      if (until < from) return Refuse("P-LICENCE-DECISION", "the licence ends before it begins");
    }
  } else {
    if (Str(d.reasons()).empty()) return Refuse("P-LICENCE-DECISION", "a refusal gives its reasons (第38条第2款)");
    if (d.remedies() == fb::RemedyNotice::Unrecorded) {
      return Refuse("P-LICENCE-DECISION",
                    "a refusal states the right to 复议 and to sue (第38条第2款): record "
                    "remedies Stated or NotStated");
    }
    if (d.remedies() == fb::RemedyNotice::NotStated) {
      flags.push_back(Raise("F-REMEDIES-NOT-STATED", "refusal '" + Str(d.decision_no()) +
                                                         "' does not state the 复议 and suit rights; the applicant "
                                                         "has one year"));
    }
    if (f.kind == fb::LicenceApplication::Renewal && f.expires && today > *f.expires) {
      return Refuse("P-LICENCE-RENEWAL", "no decision came by the expiry on " + FormatDate(*f.expires) +
                                             ": the licence was renewed then (第50条第2款)");
    }
  }
  const Deadline due = LicenceDecisionDue(f, registry.tables().calendar(), accepted);
  if (today > due.date) {
    flags.push_back(Raise("F-LICENCE-LATE", "decided " + FormatDate(today) + ", after " + FormatDate(due.date) +
                                                " (accepted " + FormatDate(accepted) +
                                                (f.extended ? ", extended" : "") + ", 第42条)"));
  }
  return Status::Ok();
}

// P-LICENCE-CERT and F-LICENCE-CERT-LATE (第44条).
Status CheckCertificate(const Registry& registry, const LicenceFile& f, const fb::LicenceCertificateIssued& e,
                        int64_t at, std::vector<Flag>& flags) {
  if (!f.granted) return Refuse("P-LICENCE-CERT", "no licence was granted in this case");
  if (f.certificate_issued) return Refuse("P-LICENCE-CERT", "the certificate was already issued");
  if (Str(e.certificate_no()).empty() || Str(e.name()).empty()) {
    return Refuse("P-LICENCE-CERT", "the certificate needs its name and number (第39条)");
  }
  const Date by = registry.tables().calendar().AddWorkingDays(f.decided_on, kLicenceCertificateDays).date;
  if (ChinaDateOf(at) > by) {
    flags.push_back(Raise("F-LICENCE-CERT-LATE", "issued " + FormatDate(ChinaDateOf(at)) + ", after " + FormatDate(by) +
                                                     " (ten working days from the grant on " +
                                                     FormatDate(f.decided_on) + ")"));
  }
  return Status::Ok();
}

// P-LICENCE-END (第8条, 第69条, 第70条).
Status CheckEnded(const LicenceFile& f, const fb::LicenceEnded& e) {
  if (!f.granted) return Refuse("P-LICENCE-END", "no licence was granted in this case");
  if (f.ended) {
    return Refuse("P-LICENCE-END", std::string("the licence was already ") + LicenceEndingName(*f.ended) + " on " +
                                       FormatDate(f.ended_on));
  }
  if (Str(e.decision_no()).empty() || Str(e.ground()).empty()) {
    return Refuse("P-LICENCE-END", std::string(LicenceEndingName(e.kind())) + " is written, with its 文号 and ground");
  }
  if (e.compensation_fen() < 0) return Refuse("P-LICENCE-END", "compensation cannot be negative");
  if (e.compensation_fen() > 0 && e.kind() == fb::LicenceEnding::Deregistered) {
    return Refuse("P-LICENCE-END", "注销 records a licence that has ended; it compensates nothing (第70条)");
  }
  if (e.compensation_fen() > 0 && e.kind() == fb::LicenceEnding::Revoked && e.improper_means()) {
    return Refuse("P-LICENCE-END",
                  "a licence obtained by 欺骗、贿赂 gives no protected benefit: no 赔偿 (第69条第4款)");
  }
  return Status::Ok();
}

}  // namespace

Status CheckLicensing(const Registry& registry, const CaseProcedureState& c, const fb::Statement& st, int64_t at,
                      std::vector<Flag>& flags) {
  LAWTRAIL_RETURN_IF_ERROR(CheckCaseKind(c, st));
  if (IsLicenceAct(st.payload_type())) LAWTRAIL_RETURN_IF_ERROR(CheckEnums(st));
  const LicenceFile& f = c.licence;
  switch (st.payload_type()) {
    case Payload::LicenceApplied: return CheckApplied(registry, *st.payload_as_LicenceApplied(), at, flags);
    case Payload::LicenceIntake: return CheckIntake(registry, f, *st.payload_as_LicenceIntake(), at, flags);
    case Payload::LicenceMaterialsSupplemented: {
      if (!f.incomplete_told || f.supplemented) {
        return Refuse("P-LICENCE-INTAKE", "supplemented materials answer one 补正 notice, once");
      }
      const auto* m = st.payload_as_LicenceMaterialsSupplemented();
      LAWTRAIL_ASSIGN_OR_RETURN(const Date day, DateField("P-LICENCE-INTAKE", "received_date", m->received_date()));
      if (day < *f.incomplete_told || day > ChinaDateOf(at)) {
        return Refuse("P-LICENCE-INTAKE", "supplemented on " + FormatDate(day) + ", not between the notice and now");
      }
      return Status::Ok();
    }
    case Payload::LicenceTimeExcluded: return CheckExcluded(registry, f, *st.payload_as_LicenceTimeExcluded(), at);
    case Payload::LicenceExtended: return CheckExtended(registry, f, *st.payload_as_LicenceExtended(), at);
    case Payload::LicenceHearing: return CheckHearing(registry, c, *st.payload_as_LicenceHearing(), at, flags);
    case Payload::LicenceDecided: return CheckDecided(registry, f, *st.payload_as_LicenceDecided(), at, flags);
    case Payload::LicenceCertificateIssued:
      return CheckCertificate(registry, f, *st.payload_as_LicenceCertificateIssued(), at, flags);
    case Payload::LicenceEnded: return CheckEnded(f, *st.payload_as_LicenceEnded());
    default: return Status::Ok();
  }
}

}  // namespace lawtrail::domain
