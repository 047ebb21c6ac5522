#include "ledger/domain/licence.h"

#include "ledger/core/fb_string.h"

namespace lawtrail::domain {
namespace {

std::optional<Date> DateIn(const flatbuffers::String* s) {
  auto d = ParseDate(Str(s));
  if (!d.ok()) return std::nullopt;
  return *d;
}

void FoldHearing(LicenceFile& f, const fb::LicenceHearing& h, const Date& day) {
  switch (h.step()) {
    case fb::LicenceHearingStep::Offered: f.hearing_offered = day; break;
    case fb::LicenceHearingStep::Announced: f.hearing_announced = true; break;
    case fb::LicenceHearingStep::Requested: f.hearing_requested = day; break;
    case fb::LicenceHearingStep::Waived: f.hearing_waived = true; break;
    case fb::LicenceHearingStep::Notified:
      f.hearing_on = DateIn(h.hearing_date());
      f.hearing_presider = Str(h.presider());
      break;
    case fb::LicenceHearingStep::Held: f.hearing_held = true; break;
  }
}

}  // namespace

void FoldLicence(LicenceFile& f, const fb::Statement& st) {
  const Date day = ChinaDateOf(st.occurred_at_ms());
  switch (st.payload_type()) {
    case fb::Payload::LicenceApplied: {
      const auto* a = st.payload_as_LicenceApplied();
      f.applied = true;
      f.kind = a->kind();
      f.matter = Str(a->matter());
      f.received = DateIn(a->received_date()).value_or(day);
      f.expires = DateIn(a->expires_on());
      break;
    }
    case fb::Payload::LicenceIntake: {
      const auto* i = st.payload_as_LicenceIntake();
      if (i->outcome() == fb::LicenceIntakeOutcome::Incomplete) {
        f.incomplete_told = day;
      } else {
        f.intake = i->outcome();
        f.intake_on = day;
      }
      break;
    }
    case fb::Payload::LicenceMaterialsSupplemented:
      f.supplemented = DateIn(st.payload_as_LicenceMaterialsSupplemented()->received_date()).value_or(day);
      break;
    case fb::Payload::LicenceTimeExcluded: {
      const auto* e = st.payload_as_LicenceTimeExcluded();
      const auto from = DateIn(e->from_date()), to = DateIn(e->to_date());
      if (from && to) f.excluded.push_back({*from, *to});
      break;
    }
    case fb::Payload::LicenceExtended: f.extended = true; break;
    case fb::Payload::LicenceHearing: FoldHearing(f, *st.payload_as_LicenceHearing(), day); break;
    case fb::Payload::LicenceDecided:
      f.decided = true;
      f.granted = st.payload_as_LicenceDecided()->granted();
      f.decided_on = day;
      break;
    case fb::Payload::LicenceCertificateIssued: f.certificate_issued = true; break;
    case fb::Payload::LicenceEnded:
      f.ended = st.payload_as_LicenceEnded()->kind();
      f.ended_on = day;
      break;
    default: break;
  }
}

std::optional<Date> AcceptedOn(const LicenceFile& f, const WorkdayCalendar& calendar, const Date& today) {
  if (!f.applied || f.intake == fb::LicenceIntakeOutcome::NotAccepted) return std::nullopt;
  const Date materials = f.supplemented.value_or(f.received);
  const Date answer_by = calendar.AddWorkingDays(materials, kLicenceIntakeDays).date;
  if (f.intake == fb::LicenceIntakeOutcome::Accepted) return f.intake_on <= answer_by ? f.intake_on : materials;
  if (f.incomplete_told && !f.supplemented) return std::nullopt;  // waiting for the applicant
  if (today > answer_by) return materials;                        // 第32条: silence accepts
  return std::nullopt;
}

Deadline LicenceDecisionDue(const LicenceFile& f, const WorkdayCalendar& calendar, const Date& accepted) {
  int remaining = kLicenceDecisionDays + (f.extended ? kLicenceExtensionDays : 0);
  std::chrono::sys_days day{accepted};
  bool provisional = false;
  while (remaining > 0) {
    day += std::chrono::days{1};
    const Date d{day};
    if (!calendar.IsWorkday(d)) continue;
    bool excluded = false;
    for (const LicenceSpan& s : f.excluded) excluded = excluded || (s.from <= d && d <= s.to);
    if (excluded) continue;
    if (!calendar.Published(d.year())) provisional = true;
    --remaining;
  }
  return {Date{day}, provisional};
}

const char* LicenceIntakeName(fb::LicenceIntakeOutcome v) {
  switch (v) {
    case fb::LicenceIntakeOutcome::Accepted: return "受理";
    case fb::LicenceIntakeOutcome::NotAccepted: return "不予受理";
    case fb::LicenceIntakeOutcome::Incomplete: return "一次性告知补正";
    case fb::LicenceIntakeOutcome::Unrecorded: break;
  }
  return "未答复";
}

const char* LicenceEndingName(fb::LicenceEnding v) {
  switch (v) {
    case fb::LicenceEnding::Withdrawn: return "撤回";
    case fb::LicenceEnding::Revoked: return "撤销";
    case fb::LicenceEnding::Deregistered: return "注销";
  }
  return "终止";
}

const char* LicenceExcludedName(fb::LicenceExcludedTime v) {
  switch (v) {
    case fb::LicenceExcludedTime::Hearing: return "听证";
    case fb::LicenceExcludedTime::Tender: return "招标";
    case fb::LicenceExcludedTime::Auction: return "拍卖";
    case fb::LicenceExcludedTime::Testing: return "检验";
    case fb::LicenceExcludedTime::Measuring: return "检测";
    case fb::LicenceExcludedTime::Quarantine: return "检疫";
    case fb::LicenceExcludedTime::Appraisal: return "鉴定";
    case fb::LicenceExcludedTime::ExpertReview: return "专家评审";
  }
  return "其他";
}

const char* LicenceApplicationName(fb::LicenceApplication v) {
  switch (v) {
    case fb::LicenceApplication::New: return "申请";
    case fb::LicenceApplication::Change: return "变更";
    case fb::LicenceApplication::Renewal: return "延续";
  }
  return "申请";
}

std::string LicenceStateName(const LicenceFile& f) {
  if (f.ended) return std::string("已") + LicenceEndingName(*f.ended);
  if (f.decided) return f.granted ? "准予许可" : "不予许可";
  if (f.intake == fb::LicenceIntakeOutcome::NotAccepted) return "不予受理";
  return "办理中";
}

}  // namespace lawtrail::domain
