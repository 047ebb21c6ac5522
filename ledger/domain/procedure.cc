#include "ledger/domain/procedure.h"

#include <algorithm>

#include "ledger/core/bytes.h"
#include "ledger/core/fb_string.h"
#include "ledger/domain/calendar.h"
#include "ledger/domain/certificate_scope.h"
#include "ledger/domain/internal/challenge_rules.h"
#include "ledger/domain/internal/licence_rules.h"
#include "ledger/domain/internal/taking_rules.h"
#include "ledger/domain/legal_periods.h"
#include "ledger/domain/money.h"
#include "ledger/domain/private_text.h"
#include "ledger/domain/retention.h"
#include "ledger/draw/draw.h"

namespace lawtrail::domain {
namespace {

std::string Yuan(int64_t fen) { return FormatYuan(fen) + " 元"; }
std::string_view Name(fb::Payload type) { return fb::EnumNamePayload(type); }

// The calendar in force: the registry's adopted one, or the shipped one.
const WorkdayCalendar& CalendarOf(const Registry& registry) { return registry.tables().calendar(); }
const ProcedureTables& TablesOf(const Registry& registry) { return registry.tables().procedure(); }

int WorkingDays(const Registry& registry, int64_t from_ms, int64_t to_ms) {
  return CalendarOf(registry).WorkingDaysBetween(ChinaDateOf(from_ms), ChinaDateOf(to_ms));
}
int CalendarDays(int64_t from_ms, int64_t to_ms) {
  using std::chrono::sys_days;
  return static_cast<int>((sys_days(ChinaDateOf(to_ms)) - sys_days(ChinaDateOf(from_ms))).count());
}

// When a period that protects the party starts: the later of the time an act
// claims and the time the log recorded it, so that backdating a notice never
// shortens the party's period; an act inside a declared backfill counts from
// the time it claims.
int64_t PartyClock(const Registry& registry, int64_t claimed_ms, int64_t recorded_ms) {
  return registry.InBackfill(claimed_ms) ? claimed_ms : std::max(claimed_ms, recorded_ms);
}

Thresholds ThresholdsOf(const Registry& registry, const CaseProcedureState& c) {
  return TablesOf(registry).ThresholdsFor(registry.master_data().province(), registry.master_data().department(),
                                          c.party_kind != fb::PartyKind::Organisation);
}

// P-TIME-ORDER and F-LATE-RECORDING: the two times of an act.
Status CheckTimes(const Registry& registry, const CaseProcedureState& c, const fb::Statement& st, int64_t recorded_ms,
                  std::vector<Flag>& flags) {
  if (IsSupervisionAct(st.payload_type())) return Status::Ok();
  const int64_t at = st.occurred_at_ms();
  if (at < c.last_act_ms) {
    return Refuse("P-TIME-ORDER", std::string(Name(st.payload_type())) + " claims " + FormatChinaTime(at) +
                                      ", before the case's previous act at " + FormatChinaTime(c.last_act_ms));
  }
  if (registry.InBackfill(at)) return Status::Ok();
  const int limit_h = ThresholdsOf(registry, c).late_recording_hours;
  if (recorded_ms - at > int64_t{limit_h} * 3'600'000) {
    flags.push_back(Raise("F-LATE-RECORDING", std::string(Name(st.payload_type())) + " claims " + FormatChinaTime(at) +
                                                  " but was recorded " + FormatChinaTime(recorded_ms) + ", " +
                                                  std::to_string((recorded_ms - at) / 3'600'000) + " hours later"));
  }
  return Status::Ok();
}

// P-PRIVATE-TEXT: no ID or mobile number in clear in a free-text field.
Status CheckPrivateText(const fb::Statement& st) {
  for (const auto& [field, text] : FreeTextFields(st)) {
    if (const std::string found = FindPrivateNumber(text); !found.empty()) {
      return Refuse("P-PRIVATE-TEXT", std::string(Name(st.payload_type())) + "." + std::string(field) + " carries " +
                                          found + "; record it as a sealed field, not in the text");
    }
  }
  return Status::Ok();
}

Status CheckStage(const Registry& registry, const CaseProcedureState& c, const fb::Statement& st) {
  const StageRule* rule = TablesOf(registry).StageRuleFor(st.payload_type());
  if (rule == nullptr || rule->Allows(c.stage)) return Status::Ok();
  const std::string what = std::string(Name(st.payload_type())) + " on case '" + Str(st.case_id()) + "'";
  if (c.stage == Stage::kNone || c.stage == Stage::kRegistered) {
    return Refuse("P-CASE-OPEN", what + ": the case has not been opened (立案)");
  }
  if (c.stage == Stage::kClosed) return Refuse("P-CASE-OPEN", what + ": the case is closed (已结案)");
  return Refuse("P-STAGE", what + " is not allowed while the case is " + std::string(StageName(c.stage)));
}

Status CheckExport(const CaseProcedureState& c, const fb::Statement& st) {
  const fb::CaseExported& e = *st.payload_as_CaseExported();
  auto approval = c.export_approvals.find(ByteString(e.approval_event_id()));
  if (approval == c.export_approvals.end()) {
    return Refuse("P-EXPORT", "no ExportApproved of case '" + Str(st.case_id()) + "' has event id " +
                                  ToHex(AsBytes(ByteString(e.approval_event_id()))));
  }
  if (e.with_files() && c.originals_approvals.count(ByteString(e.originals_approval_event_id())) == 0) {
    return Refuse("P-EXPORT",
                  "an export with the original files names the recorded approval to release them "
                  "(an OriginalsReleaseApproved of case '" +
                      Str(st.case_id()) + "', by event id); " +
                      (c.originals_approvals.empty() ? "the case has none" : "it names none of the case's"));
  }
  if (e.reveal_fields() != nullptr) {
    for (const auto* field : *e.reveal_fields()) {
      const std::vector<std::string>& allowed = approval->second;
      if (std::find(allowed.begin(), allowed.end(), field->str()) == allowed.end()) {
        return Refuse("P-EXPORT", "the approval does not allow revealing '" + field->str() + "'");
      }
    }
  }
  return Status::Ok();
}

Status CheckDocuments(const Registry& registry, const fb::Statement& st) {
  const auto* needed = TablesOf(registry).RequiredDocuments(st.payload_type());
  if (needed == nullptr) return Status::Ok();
  if (st.attachments() != nullptr) {
    for (const auto* a : *st.attachments()) {
      const std::string type = Str(a->doc_type());
      if (std::find(needed->begin(), needed->end(), type) != needed->end() && a->content_hash() != nullptr &&
          a->content_hash()->size() == 32 && !Str(a->doc_no()).empty()) {
        return Status::Ok();
      }
    }
  }
  std::string list;
  for (const auto& d : *needed) list += (list.empty() ? "" : " / ") + d;
  return Refuse("P-DOCUMENT", std::string(Name(st.payload_type())) + " must carry its 文书 (" + list +
                                  ") as an attachment with 文号 and content hash");
}

Status CheckTwoOfficers(const Registry& registry, const fb::Statement& st) {
  const auto* officers = ActOfficers(st);
  if (officers == nullptr) return Status::Ok();
  std::set<std::string> distinct;
  for (const auto* o : *officers) {
    Status valid = registry.CheckCertificate(o->string_view(), fb::Role::Officer, st.occurred_at_ms());
    if (!valid.ok()) {
      return Refuse("P-TWO-OFFICERS", "officer " + valid.message() + " when the act took place");
    }
    distinct.insert(o->str());
  }
  if (distinct.size() < 2) {
    return Refuse("P-TWO-OFFICERS", std::string(Name(st.payload_type())) + " names " + std::to_string(distinct.size()) +
                                        " officer(s); at least two with valid certificates must take part");
  }
  if (!distinct.count(Str(st.actor()->certificate_no()))) {
    return Refuse("P-TWO-OFFICERS",
                  "the signer '" + Str(st.actor()->certificate_no()) + "' is not among the officers who took part");
  }
  return Status::Ok();
}

// Whole-process recording: at least one recording, each continuous or with a
// reason for every interruption (R3), and covering the time the act claims.
Status CheckContinuousAv(const flatbuffers::Vector<flatbuffers::Offset<fb::AvRecording>>* av, std::string_view what,
                         int64_t act_at_ms) {
  if (av == nullptr || av->size() == 0) {
    return Refuse("P-AV-REQUIRED", std::string(what) + " has no audio-visual recording attached");
  }
  for (const auto* r : *av) {
    if (r->content_hash() == nullptr || r->content_hash()->size() != 32) {
      return Refuse("P-AV-REQUIRED", std::string(what) + ": a recording lacks its SHA-256 content hash");
    }
    if (r->ended_at_ms() <= r->started_at_ms()) {
      return Refuse("P-AV-REQUIRED", std::string(what) + ": a recording ends before it starts");
    }
    if (act_at_ms < r->started_at_ms() || act_at_ms > r->ended_at_ms()) {
      return Refuse("P-AV-REQUIRED", std::string(what) + " at " + FormatChinaTime(act_at_ms) +
                                         " is not covered by its recording (" + FormatChinaTime(r->started_at_ms()) +
                                         " – " + FormatChinaTime(r->ended_at_ms()) + ")");
    }
    if (!r->continuous()) {
      if (r->interruptions() == nullptr || r->interruptions()->size() == 0) {
        return Refuse("P-AV-REQUIRED",
                      std::string(what) + ": the recording is not continuous and names no interruption");
      }
      for (const auto* i : *r->interruptions()) {
        if (Str(i->reason()).empty()) {
          return Refuse("P-AV-REQUIRED",
                        std::string(what) + ": an interruption of the recording has no reason announced");
        }
      }
    }
  }
  return Status::Ok();
}

bool HasAv(const flatbuffers::Vector<flatbuffers::Offset<fb::AvRecording>>* av) {
  return av != nullptr && av->size() > 0;
}

// Penalty types whose notice must offer a hearing whatever the amount (第63条).
constexpr uint32_t kHeavyTypes = 1u << static_cast<unsigned>(fb::PenaltyType::LowerQualification) |
                                 1u << static_cast<unsigned>(fb::PenaltyType::RevokeLicence) |
                                 1u << static_cast<unsigned>(fb::PenaltyType::RestrictBusiness) |
                                 1u << static_cast<unsigned>(fb::PenaltyType::SuspendProduction) |
                                 1u << static_cast<unsigned>(fb::PenaltyType::OrderClosure) |
                                 1u << static_cast<unsigned>(fb::PenaltyType::RestrictPractice);

Status CheckCaseOpened(const Registry& registry, const fb::Statement& st) {
  const auto* o = st.payload_as_CaseOpened();
  const std::string code = Str(o->power_item_code());
  const auto* item = registry.master_data().Find(fb::MasterItemKind::PowerItem, code);
  if (item == nullptr || item->retired) {
    return Refuse("P-POWER-ITEM", "power item '" + code + "' is not on the published power list");
  }
  static constexpr std::pair<fb::CaseCategory, fb::PowerCategory> kSame[] = {
      {fb::CaseCategory::Penalty, fb::PowerCategory::Penalty},
      {fb::CaseCategory::Coercion, fb::PowerCategory::Coercion},
      {fb::CaseCategory::Inspection, fb::PowerCategory::Inspection},
      {fb::CaseCategory::Licensing, fb::PowerCategory::Licensing}};
  for (auto [cc, pc] : kSame) {
    if (o->category() == cc && item->category != pc) {
      return Refuse("P-POWER-ITEM", "power item '" + code + "' is a " + fb::EnumNamePowerCategory(item->category) +
                                        " item, not a " + fb::EnumNameCaseCategory(cc) + " one");
    }
  }
  if (o->party() == nullptr) return Status::InvalidArgument("CaseOpened needs the party (当事人)");
  return Status::Ok();
}

Status CheckHearingRight(const Registry& registry, const CaseProcedureState& c,
                         const flatbuffers::Vector<flatbuffers::Offset<fb::PenaltyItem>>* proposed) {
  const Thresholds th = ThresholdsOf(registry, c);
  const int64_t fine = SumAmount(proposed, {fb::PenaltyType::Fine});
  const int64_t confiscation =
      SumAmount(proposed, {fb::PenaltyType::ConfiscateGains, fb::PenaltyType::ConfiscateProperty});
  if (fine >= th.hearing_fine_min_fen) {
    return Refuse("P-HEARING-RIGHT", "the proposed fine of " + Yuan(fine) + " reaches the " +
                                         Yuan(th.hearing_fine_min_fen) +
                                         " hearing threshold; the notice must offer a hearing");
  }
  if (confiscation >= th.hearing_confiscation_min_fen) {
    return Refuse("P-HEARING-RIGHT", "the proposed confiscation of " + Yuan(confiscation) +
                                         " reaches the hearing threshold; the notice must offer a hearing");
  }
  if (PenaltyTypes(proposed) & kHeavyTypes) {
    return Refuse("P-HEARING-RIGHT", "the proposed penalty type needs a hearing notice");
  }
  return Status::Ok();
}

Status CheckSimpleProcedure(const Registry& registry, const CaseProcedureState& c, const fb::DecisionIssued& d) {
  const Thresholds th = ThresholdsOf(registry, c);
  // 第51条 names 罚款 and 警告 only: 通报批评 and every other type take the general procedure.
  const uint32_t allowed =
      1u << static_cast<unsigned>(fb::PenaltyType::Warning) | 1u << static_cast<unsigned>(fb::PenaltyType::Fine);
  if (PenaltyTypes(d.penalties()) & ~allowed) {
    return Refuse("P-SIMPLE-LIMIT", "simple procedure allows only warnings and fines (第51条)");
  }
  const int64_t fine = SumAmount(d.penalties(), {fb::PenaltyType::Fine});
  if (fine > th.simple_fine_max_fen) {
    return Refuse("P-SIMPLE-LIMIT", "a fine of " + Yuan(fine) + " exceeds the simple-procedure limit of " +
                                        Yuan(th.simple_fine_max_fen) + " for this party");
  }
  return Status::Ok();
}

// The cited discretion standard is published, belongs to the case's power
// item, and the decided fine lies in the cited level.
Status CheckDiscretion(const Registry& registry, const CaseProcedureState& c, int64_t fine) {
  if (c.discretion_code.empty()) return Status::Ok();
  const std::string& code = c.discretion_code;
  const auto* ds = registry.master_data().Find(fb::MasterItemKind::DiscretionStandard, code);
  if (ds == nullptr || ds->retired) {
    return Refuse("P-DISCRETION", "discretion standard '" + code + "' is not published (or was retired)");
  }
  if (ds->power_item_code != c.power_item_code) {
    return Refuse("P-DISCRETION", "discretion standard '" + code + "' belongs to power item '" + ds->power_item_code +
                                      "', not the case's '" + c.power_item_code + "'");
  }
  for (size_t i = 0; i < ds->levels.size(); ++i) {
    if (ds->levels[i] != c.discretion_level) continue;
    const auto [low, high] = ds->fine_ranges[i];
    if (fine < low || fine > high) {
      return Refuse("P-DISCRETION", "a fine of " + Yuan(fine) + " lies outside level '" + ds->levels[i] + "' (" +
                                        Yuan(low) + " – " + Yuan(high) + ") of standard '" + code + "'");
    }
    return Status::Ok();
  }
  return Refuse("P-DISCRETION", "'" + c.discretion_level + "' is not a level of standard '" + code + "'");
}

// The decided penalty against the notice served, the review given and the
// discretion standard cited.
Status CheckBound(const Registry& registry, const CaseProcedureState& c, const fb::DecisionIssued& d,
                  bool review_needed) {
  const PenaltySet decided = PenaltySetOf(d.penalties());
  if (const std::string why = HeavierThan(decided, c.notified); !why.empty()) {
    return Refuse("P-HEAVIER", "the decision is heavier than the notice served (" + why +
                                   "); serve a new notice and let its periods run");
  }
  if (review_needed && decided != c.reviewed) {
    return Refuse("P-REVIEWED", "the legal review approved " + DescribePenalties(c.reviewed) + " but the decision is " +
                                    DescribePenalties(decided) + "; send it for review again");
  }
  auto fine = decided.find(fb::PenaltyType::Fine);
  return CheckDiscretion(registry, c, fine == decided.end() ? 0 : fine->second);
}

Result<std::vector<Flag>> CheckDecision(const Registry& registry, const CaseProcedureState& c,
                                        const fb::Statement& st) {
  const auto* d = st.payload_as_DecisionIssued();
  const int64_t at = st.occurred_at_ms();
  std::vector<Flag> flags;
  if (Str(d->decision_no()).empty()) return Status::InvalidArgument("a decision needs its 决定书文号");
  const bool penalty = d->outcome() == fb::DecisionOutcome::Penalty;
  if (penalty && c.under_14) {
    return Refuse("P-AGE",
                  "不满十四周岁的未成年人有违法行为的, 不予行政处罚 (第30条): the party was under 14 when the "
                  "case was opened; decide 不予处罚 and order the guardian's discipline");
  }
  if (c.procedure == fb::Procedure::Simple) {
    if (penalty) LAWTRAIL_RETURN_IF_ERROR(CheckSimpleProcedure(registry, c, *d));
    return flags;
  }
  if (c.stage != Stage::kConcluded) {
    return Refuse("P-CONCLUSION", "the investigation has not been concluded and reviewed (调查终结)");
  }
  if (penalty) {
    if (c.notice_at_ms == 0) {
      return Refuse("P-NOTICE", "no prior notice (事先告知书) was served before this penalty decision");
    }
    const int since_notice = WorkingDays(registry, PartyClock(registry, c.notice_at_ms, c.notice_recorded_ms), at);
    // A period of N working days includes its N-th day: the decision comes after it, not on it.
    if (c.hearing_right && !c.hearing_waived) {
      if (c.hearing_requested && !c.hearing_held) {
        return Refuse("P-HEARING-PERIOD", "the party requested a hearing and it has not been held");
      }
      if (!c.hearing_requested && since_notice <= periods::kHearingRequest.days) {
        return Refuse(periods::kHearingRequest.rule_id, "the 5-working-day period to request a hearing has not run (" +
                                                            std::to_string(since_notice) +
                                                            " working days since the notice)");
      }
    }
    const int period = ThresholdsOf(registry, c).statement_period_wd;
    if (!c.responded && !c.hearing_held && since_notice <= period) {
      return Refuse("P-DEFENCE", "the party has neither stated its case nor waived, and the " + std::to_string(period) +
                                     "-working-day statement period has not run");
    }
    if (!c.hearing_right) {
      Status right = CheckHearingRight(registry, c, d->penalties());
      if (!right.ok()) return right;
    }
  }
  const bool review_needed =
      penalty || c.complex || c.major || c.hearing_held || registry.master_data().InReviewCatalogue(c.power_item_code);
  if (review_needed && c.review_approved_at_ms == 0) {
    std::string why = penalty                  ? "a general-procedure penalty"
                      : c.hearing_held         ? "a decision after a hearing"
                      : (c.complex || c.major) ? "a complex or major case"
                                               : "a power item on the legal-review catalogue";
    return Refuse("P-LEGAL-REVIEW", why +
                                        " needs an approving legal review (法制审核同意) given "
                                        "after the last conclusion and hearing");
  }
  if (penalty) LAWTRAIL_RETURN_IF_ERROR(CheckBound(registry, c, *d, review_needed));
  // 第57条第2款: 情节复杂或者重大违法行为. "Major" is what the facts say, not only what the case
  // declared: a penalty at the hearing level (the province's thresholds, 第63条) or of a heavy type
  // (吊销, 责令停产停业, 责令关闭, 限制从业 …). A declared flag adds the requirement, never removes it.
  if (c.collective_at_ms == 0) {
    const bool hearing_level = penalty && !CheckHearingRight(registry, c, d->penalties()).ok();
    if (c.complex || c.major || hearing_level) {
      return Refuse("P-COLLECTIVE",
                    std::string(hearing_level ? "a penalty at the hearing level (第63条) is a major one and"
                                              : "a complex or major case") +
                        " needs the heads' collective discussion (集体讨论)");
    }
  }
  if (const int days = CalendarDays(c.opened_at_ms, at); days > periods::kDecision.days) {
    flags.push_back(
        Raise(periods::kDecision.rule_id, "decided " + std::to_string(days) + " days after the case was opened"));
  }
  return flags;
}

Status CheckReviewer(const Registry& registry, const CaseProcedureState& c, const fb::Statement& st) {
  const std::string cert = Str(st.actor()->certificate_no());
  const auto* reviewer = registry.FindOfficer(cert);
  if (reviewer == nullptr || reviewer->legal_qualification_no.empty()) {
    return Refuse("P-REVIEWER-QUALIFIED", "reviewer '" + cert + "' has no registered 法律职业资格");
  }
  if (c.participants.count(cert)) {
    return Refuse("P-SELF-REVIEW", "reviewer '" + cert + "' took part in this case and may not review it");
  }
  if (!c.review_requested) {
    return Refuse("P-STAGE", "no legal review was requested (送审) since the last opinion");
  }
  return Status::Ok();
}

Status CheckSeizureChange(const CaseProcedureState& c, const fb::Statement& st) {
  const bool extend = st.payload_type() == fb::Payload::CoerciveMeasureExtended;
  const std::string no = extend ? Str(st.payload_as_CoerciveMeasureExtended()->measure_no())
                                : Str(st.payload_as_CoerciveMeasureLifted()->measure_no());
  for (const Seizure& s : c.seizures) {
    if (s.measure_no != no || s.lifted) continue;
    if (!extend) return Status::Ok();
    if (s.extended) return Refuse("P-SEIZURE-TERM", "measure '" + no + "' was already extended once");
    const int days = st.payload_as_CoerciveMeasureExtended()->days();
    if (days <= 0 || days > periods::kSeizureTerm.days) {
      return Refuse("P-SEIZURE-TERM", "an extension is at most 30 days, not " + std::to_string(days));
    }
    if (s.OverdueAt(st.occurred_at_ms())) {
      return Refuse("P-SEIZURE-TERM", "measure '" + no + "' expired before it was extended");
    }
    return Status::Ok();
  }
  return Refuse("P-STAGE", "no coercive measure '" + no + "' is in force on this case");
}

// The 公示截止期 lies between the shortest and the longest display period,
// counted from the day of the decision: an agency can neither take a
// decision down the week after it went up nor keep it up for ever.
Status CheckDisplayPeriod(const CaseProcedureState& c, const std::string& display_until) {
  auto until = ParseDate(display_until);
  if (!until.ok()) {
    return Refuse(periods::kDisplayShortest.rule_id, "公示截止期 '" + display_until + "' is not a date (YYYY-MM-DD)");
  }
  const Date decided = ChinaDateOf(c.decision_at_ms);
  const Date earliest = MonthsLater(decided, periods::kDisplayShortest.months);
  const Date latest = MonthsLater(decided, periods::kDisplayLongest.months);
  if (*until < earliest || *until > latest) {
    return Refuse(periods::kDisplayShortest.rule_id,
                  "公示截止期 " + display_until + " is outside " + FormatDate(earliest) + " – " + FormatDate(latest) +
                      " (three months to three years from the decision of " + FormatDate(decided) + ")");
  }
  return Status::Ok();
}

// The coercive measure a 行政强制 case publishes as its decision (国办发〔2018〕118号: every decision, within
// twenty working days), or null when `decision_no` names none.
const Seizure* PublishedMeasure(const CaseProcedureState& c, const std::string& decision_no) {
  if (!MeasureIsTheDecision(c.category == fb::CaseCategory::Coercion, !c.decision_no.empty())) return nullptr;
  for (const Seizure& s : c.seizures) {
    if (s.measure_no == decision_no) return &s;
  }
  return nullptr;
}

Status CheckPublication(const CaseProcedureState& c, const fb::Statement& st) {
  switch (st.payload_type()) {
    case fb::Payload::DisclosurePublished: {
      const auto* p = st.payload_as_DisclosurePublished();
      if (c.minor) return Refuse("P-PUBLICATION", "decisions about a minor are never published");
      if (c.all_publications.count(Str(p->publication_id()))) {
        return Refuse("P-PUBLICATION", "publication '" + Str(p->publication_id()) + "' already exists");
      }
      // A 查封/扣押决定 is public as long as the agency shows it; the penalty's display bounds are not its.
      if (PublishedMeasure(c, Str(p->decision_no())) != nullptr) {
        if (!c.all_publications.empty()) return Refuse("P-PUBLICATION", "the case's decision is already published");
        return Status::Ok();
      }
      if (Str(p->decision_no()) != c.decision_no) {
        return Refuse("P-PUBLICATION", "decision '" + Str(p->decision_no()) + "' was not issued in this case");
      }
      // Only a licence granted is public, and while it stands (行政许可法 第40条), not for a penalty's display period.
      if (c.category == fb::CaseCategory::Licensing) {
        if (c.licence.granted) return Status::Ok();
        return Refuse("P-PUBLICATION", "only a licence granted is public (行政许可法 第40条); this application was " +
                                           LicenceStateName(c.licence));
      }
      return CheckDisplayPeriod(c, Str(p->display_until()));
    }
    case fb::Payload::DisclosureCorrected:
    case fb::Payload::DisclosureWithdrawn: {
      const std::string id = st.payload_type() == fb::Payload::DisclosureCorrected
                                 ? Str(st.payload_as_DisclosureCorrected()->publication_id())
                                 : Str(st.payload_as_DisclosureWithdrawn()->publication_id());
      if (!c.shown_publications.count(id)) {
        return Refuse("P-PUBLICATION", "publication '" + id + "' is not currently shown");
      }
      return Status::Ok();
    }
    default: return Status::Ok();
  }
}

// Flags that depend only on time passing: raised by the first act after.
void TimeFlags(const CaseProcedureState& c, const fb::Statement& st, std::vector<Flag>& flags) {
  for (const Seizure& s : c.seizures) {
    if (!s.emergency_flagged && s.AwaitsApprovalAt(st.occurred_at_ms())) {
      flags.push_back(
          Raise("F-EMERGENCY-24H",
                "measure '" + s.measure_no + "' was taken in an emergency and no head approved it within 24 hours"));
    }
    if (!s.flagged && s.OverdueAt(st.occurred_at_ms())) {
      flags.push_back(Raise(periods::kSeizureTerm.rule_id, "measure '" + s.measure_no + "' passed its " +
                                                               std::to_string(s.days) +
                                                               "-day term without being lifted or extended"));
    }
  }
}

// The acts the law gives the head (head-approvals.tsv): signed by a head, or
// resting on a head's approval of this case, used once.
Status CheckHead(const Registry& registry, const CaseProcedureState& c, const fb::Statement& st, int64_t recorded_ms) {
  const HeadRule* rule = TablesOf(registry).HeadRuleFor(st.payload_type());
  if (rule == nullptr) return Status::Ok();
  const fb::Procedure procedure =
      st.payload_type() == fb::Payload::CaseOpened ? st.payload_as_CaseOpened()->procedure() : c.procedure;
  if (rule->general_only && procedure == fb::Procedure::Simple) return Status::Ok();
  const std::string cert = Str(st.actor()->certificate_no());
  if (registry.CheckCertificate(cert, fb::Role::Head, recorded_ms).ok()) return Status::Ok();
  const std::string what = rule->what + " (" + std::string(Name(st.payload_type())) + ")";
  if (rule->sign_only) return Refuse("P-HEAD", what + " is the head's own: '" + cert + "' is not a registered head");
  if (const auto* m = st.payload_as_CoerciveMeasureTaken();
      m != nullptr && m->emergency() && st.approval_event_id() == nullptr) {
    return Status::Ok();  // 第19条: approved within 24 hours afterwards (F-EMERGENCY-24H)
  }
  if (st.approval_event_id() == nullptr) {
    return Refuse("P-HEAD", what + " needs the head: '" + cert +
                                " is not a registered head and the act references no head's approval (HeadApproved)");
  }
  const std::string id = ByteString(st.approval_event_id());
  auto approval = c.head_approvals.find(id);
  if (approval == c.head_approvals.end()) {
    return Refuse("P-HEAD",
                  "no head's approval of case '" + Str(st.case_id()) + "' has event id " + ToHex(AsBytes(id)));
  }
  const HeadApproval& a = approval->second;
  if (!a.approved) return Refuse("P-HEAD", "the head did not approve " + what + " (不同意)");
  if (a.act != Name(st.payload_type())) {
    return Refuse("P-HEAD", "the head's approval is for " + a.act + ", not " + std::string(Name(st.payload_type())));
  }
  if (a.used) return Refuse("P-HEAD", "the head's approval " + ToHex(AsBytes(id)) + " was already used by another act");
  return Status::Ok();
}

// A head's approval: of a kind of act the head approves, or of an emergency
// measure already taken (第19条).
Status CheckHeadApproval(const Registry& registry, const CaseProcedureState& c, const fb::HeadApproved& h) {
  const auto type = PayloadByName(Str(h.act()));
  if (!type || TablesOf(registry).HeadRuleFor(*type) == nullptr) {
    return Refuse("P-HEAD", "'" + Str(h.act()) + "' is not an act the head approves (head-approvals.tsv)");
  }
  if (*type == fb::Payload::CoerciveMeasureTaken && !Str(h.subject()).empty()) {
    for (const Seizure& s : c.seizures) {
      if (s.measure_no == Str(h.subject()) && (s.head_approved || s.head_refused)) {
        return Refuse("P-HEAD", "the head already decided on measure '" + s.measure_no + "'");
      }
    }
  }
  return Status::Ok();
}

// 集体讨论: two or more registered heads each signed an opinion; the
// conclusion's signer is one of them.
Status CheckCollective(const Registry& registry, const CaseProcedureState& c, const fb::Statement& st,
                       int64_t recorded_ms) {
  const auto* d = st.payload_as_CollectiveDiscussionHeld();
  const std::string no = Str(d->discussion_no());
  if (no.empty()) return Refuse("P-COLLECTIVE-SIGNED", "the discussion names no record number (discussion_no)");
  std::set<std::string> heads;
  if (d->participants() != nullptr) {
    for (const auto* p : *d->participants()) heads.insert(p->str());
  }
  if (heads.size() < 2) {
    return Refuse("P-COLLECTIVE-SIGNED",
                  "a collective discussion needs at least two heads, not " + std::to_string(heads.size()));
  }
  auto signed_opinions = c.collective_opinions.find(no);
  for (const std::string& head : heads) {
    Status valid = registry.CheckCertificate(head, fb::Role::Head, recorded_ms);
    if (!valid.ok()) return Refuse("P-COLLECTIVE-SIGNED", "participant " + valid.message());
    if (signed_opinions == c.collective_opinions.end() || !signed_opinions->second.count(head)) {
      return Refuse("P-COLLECTIVE-SIGNED", "participant '" + head + "' signed no opinion in discussion '" + no + "'");
    }
  }
  if (!heads.count(Str(st.actor()->certificate_no()))) {
    return Refuse("P-COLLECTIVE-SIGNED", "the conclusion's signer took no part in the discussion");
  }
  return Status::Ok();
}

// 第19条: once the head disagreed with an emergency measure, it is lifted before anything else.
Status CheckEmergencyLift(const CaseProcedureState& c, const fb::Statement& st) {
  for (const Seizure& s : c.seizures) {
    if (!s.head_refused || s.lifted) continue;
    const auto* lift = st.payload_as_CoerciveMeasureLifted();
    if (lift == nullptr || Str(lift->measure_no()) != s.measure_no) {
      return Refuse("P-EMERGENCY-LIFT",
                    "the head disagreed with measure '" + s.measure_no + "'; record its lifting (解除) first");
    }
  }
  return Status::Ok();
}

}  // namespace

bool IsCaseEvent(fb::Payload type) {
  return type != fb::Payload::NONE && type != fb::Payload::CaseMemo && !IsRegistryEvent(type) &&
         !draw::IsDrawEvent(type);
}

namespace {

// 立案, coercive measures, execution and preservation. Refusals are returned; flags are added to `flags`.
Status CheckOpeningAndCoercion(const Registry& registry, const CaseProcedureState& c, const fb::Statement& st,
                               int64_t at, std::vector<Flag>& flags) {
  switch (st.payload_type()) {
    case fb::Payload::CaseOpened: LAWTRAIL_RETURN_IF_ERROR(CheckCaseOpened(registry, st)); break;
    case fb::Payload::CoerciveMeasureTaken: {
      const auto* m = st.payload_as_CoerciveMeasureTaken();
      if (m->days() == 0 || m->days() > periods::kSeizureTerm.days) {
        return Refuse("P-SEIZURE-TERM", "a seizure term is 1 to 30 days, not " + std::to_string(m->days()));
      }
      LAWTRAIL_RETURN_IF_ERROR(CheckContinuousAv(m->av(), "coercive measure (查封扣押)", at));
      break;
    }
    case fb::Payload::EnforcementExecuted: {
      const auto* e = st.payload_as_EnforcementExecuted();
      if (e->kind() == fb::ExecutionKind::Demolition) {
        LAWTRAIL_RETURN_IF_ERROR(CheckContinuousAv(e->av(), "forced demolition (强制拆除)", at));
      }
      break;
    }
    case fb::Payload::CoerciveMeasureExtended:
    case fb::Payload::CoerciveMeasureLifted: LAWTRAIL_RETURN_IF_ERROR(CheckSeizureChange(c, st)); break;
    case fb::Payload::PreservationDisposed:
      if (!c.preservation_open) return Refuse("P-STAGE", "no evidence is under 先行登记保存");
      if (const int wd = WorkingDays(registry, c.preserved_at_ms, at); wd > periods::kPreservation.days) {
        flags.push_back(Raise(periods::kPreservation.rule_id,
                              "disposed " + std::to_string(wd) + " working days after preservation"));
      }
      break;
    default: break;
  }
  return Status::Ok();
}

// The conclusion, legal review, prior notice and hearing. Refusals are returned; flags are added to `flags`.
Status CheckInvestigationAndHearing(const Registry& registry, const CaseProcedureState& c, const fb::Statement& st,
                                    int64_t at, int64_t recorded_ms, std::vector<Flag>& flags) {
  switch (st.payload_type()) {
    case fb::Payload::InvestigationConcluded: {
      const auto* ic = st.payload_as_InvestigationConcluded();
      const std::string code = Str(ic->discretion_code());
      if (const auto* ds = registry.master_data().Find(fb::MasterItemKind::DiscretionStandard, code);
          ds != nullptr && !ds->retired) {
        const int64_t fine = SumAmount(ic->proposed(), {fb::PenaltyType::Fine});
        for (size_t i = 0; i < ds->levels.size(); ++i) {
          if (ds->levels[i] == Str(ic->discretion_level()) &&
              (fine < ds->fine_ranges[i].first || fine > ds->fine_ranges[i].second)) {
            flags.push_back(Raise("F-DISCRETION", "proposed fine " + Yuan(fine) + " is outside level '" +
                                                      ds->levels[i] + "' of standard '" + code + "'"));
          }
        }
      }
      break;
    }
    case fb::Payload::LegalReviewOpinion: LAWTRAIL_RETURN_IF_ERROR(CheckReviewer(registry, c, st)); break;
    case fb::Payload::PriorNoticeServed: {
      const auto* n = st.payload_as_PriorNoticeServed();
      if (!n->hearing_right()) LAWTRAIL_RETURN_IF_ERROR(CheckHearingRight(registry, c, n->proposed()));
      break;
    }
    case fb::Payload::HearingRequested:
      if (!c.hearing_right) return Refuse("P-STAGE", "no hearing right was notified in this case");
      break;
    case fb::Payload::HearingNotified: {
      const auto* h = st.payload_as_HearingNotified();
      if (!c.hearing_requested) return Refuse("P-STAGE", "the party has not requested a hearing");
      const int wd = WorkingDays(registry, PartyClock(registry, at, recorded_ms), h->hearing_at_ms());
      if (wd < periods::kHearingNotice.days) {
        return Refuse(periods::kHearingNotice.rule_id, "the hearing is only " + std::to_string(wd) +
                                                           " working days after the notice; at least 7 are required");
      }
      if (c.investigators.count(Str(h->presider()))) {
        return Refuse("P-HEARING-PRESIDER", "presiding officer '" + Str(h->presider()) + "' investigated this case");
      }
      break;
    }
    case fb::Payload::HearingHeld: {
      const auto* h = st.payload_as_HearingHeld();
      if (c.hearing_at_ms == 0) return Refuse("P-STAGE", "no hearing was notified");
      if (Str(h->presider()) != c.hearing_presider) {
        return Refuse("P-HEARING-PRESIDER",
                      "the hearing was presided by '" + Str(h->presider()) + "', not the notified presiding officer");
      }
      if (at < c.hearing_at_ms - kDayMs) {
        return Refuse("P-HEARING-7WD", "the hearing was held before the notified date");
      }
      break;
    }
    default: break;
  }
  return Status::Ok();
}

// The decision, its service and the export. Refusals are returned; flags are added to `flags`.
Status CheckDecisionAndService(const Registry& registry, const CaseProcedureState& c, const fb::Statement& st,
                               int64_t at, std::vector<Flag>& flags) {
  switch (st.payload_type()) {
    case fb::Payload::CaseExported: LAWTRAIL_RETURN_IF_ERROR(CheckExport(c, st)); break;
    case fb::Payload::EvidenceDisposed: LAWTRAIL_RETURN_IF_ERROR(CheckDisposal(c, st, at)); break;
    case fb::Payload::DecisionIssued: {
      LAWTRAIL_ASSIGN_OR_RETURN(auto decision_flags, CheckDecision(registry, c, st));
      flags.insert(flags.end(), decision_flags.begin(), decision_flags.end());
      break;
    }
    case fb::Payload::DocumentServed: {
      const auto* s = st.payload_as_DocumentServed();
      if (s->method() == fb::ServiceMethod::Electronic && !s->electronic_consent()) {
        return Refuse("P-E-SERVICE-CONSENT",
                      "electronic service of '" + Str(s->doc_no()) + "' without the party's consent");
      }
      if ((s->method() == fb::ServiceMethod::LeftAtDomicile || s->method() == fb::ServiceMethod::Announcement) &&
          !HasAv(s->av())) {
        flags.push_back(Raise("F-AV-SERVICE", "service of '" + Str(s->doc_no()) + "' has no AV recording"));
      }
      if (!c.decision_no.empty() && Str(s->doc_no()) == c.decision_no && c.decision_served_at_ms == 0) {
        const int64_t served = s->received_at_ms() != 0 ? s->received_at_ms() : at;
        if (const int wd = WorkingDays(registry, c.decision_at_ms, served); wd > periods::kService.days) {
          flags.push_back(Raise(periods::kService.rule_id,
                                "decision served " + std::to_string(wd) + " working days after it was made"));
        }
      }
      break;
    }
    default: break;
  }
  return Status::Ok();
}

// 行政强制法 第53条, 第54条: a 催告 ten working days old (第69条), and the party's
// 复议 and suit periods lapsed; the application within three months of the lapse.
Status CheckCourtApplication(const Registry& registry, const CaseProcedureState& c, int64_t at,
                             std::vector<Flag>& flags) {
  if (c.demand_at_ms == 0) return Refuse("P-COURT-DEMAND", "no 催告书 was served");
  if (const int wd = WorkingDays(registry, PartyClock(registry, c.demand_at_ms, c.demand_recorded_ms), at);
      wd <= periods::kCourtDemand.days) {
    return Refuse("P-COURT-DEMAND", "the 催告书 was served only " + std::to_string(wd) +
                                        " working days ago; ten must have passed (第69条)");
  }
  LAWTRAIL_ASSIGN_OR_RETURN(const ChallengeWindow window,
                            ChallengeWindowOf(registry, c, "P-COURT-PERIOD", EnforcementRoute::kCourt));
  const domain::Date lapse = window.last_day;
  if (ChinaDateOf(at) <= lapse) {
    return Refuse("P-COURT-PERIOD", "the party may still apply for 复议 or sue until " + FormatDate(lapse) + ": " +
                                        window.why + " (served " + FormatChinaTime(c.decision_served_at_ms) + ")");
  }
  const domain::Date last = CalendarOf(registry).AddMonths(lapse, periods::kCourtWindow.months).date;
  if (ChinaDateOf(at) > last) {
    flags.push_back(Raise("F-COURT-LATE", "applied " + FormatDate(ChinaDateOf(at)) +
                                              "; the three months after the suit period ended on " + FormatDate(last)));
  }
  return Status::Ok();
}

// 行政强制法 第35条, 第37条: a written 催告 whose deadline has passed, unless
// immediate enforcement is decided.
Status CheckEnforcementDecision(const CaseProcedureState& c, const fb::Statement& st, int64_t at) {
  if (c.demand_at_ms == 0) return Refuse("P-ENFORCE-DEMAND", "no 催告书 was served before the enforcement decision");
  if (st.payload_as_EnforcementDecided()->immediate()) return Status::Ok();
  const auto deadline = ParseDate(c.demand_deadline);
  if (!deadline.ok()) return Refuse("P-ENFORCE-DEMAND", "the 催告书 sets no deadline");
  if (ChinaDateOf(at) <= *deadline) {
    return Refuse("P-ENFORCE-DEMAND", "the 催告's deadline " + c.demand_deadline + " has not passed");
  }
  return Status::Ok();
}

// 行政强制法 第50条, 第51条第1款第1项, 第52条: the party did not perform after a
// 催告 whose deadline passed (unless the road, river or public place is cleared
// at once), and the 决定书 says what 第51条 asks of it.
Status CheckSubstituteDecision(const CaseProcedureState& c, const fb::Statement& st, int64_t at) {
  const auto* d = st.payload_as_SubstituteExecutionDecided();
  for (const auto& [field, value] : {std::pair{"reason", d->reason()},
                                     {"manner", d->manner()},
                                     {"target", d->target()},
                                     {"performer", d->performer()}}) {
    if (Str(value).empty()) return Refuse("P-SUBSTITUTE", std::string("the 代履行决定书 states no ") + field);
  }
  if (d->cost_estimate_fen() <= 0) return Refuse("P-SUBSTITUTE", "the 代履行决定书 states no cost estimate (费用预算)");
  const auto day = ParseDate(Str(d->execute_date()));
  if (!day.ok())
    return Refuse("P-SUBSTITUTE", "execute_date '" + Str(d->execute_date()) + "' is not a YYYY-MM-DD date");
  if (*day < ChinaDateOf(at)) {
    return Refuse("P-SUBSTITUTE", "the 代履行 is set for " + Str(d->execute_date()) + ", before the decision");
  }
  if (c.substitute_decided_at_ms != 0 && !c.substitute_done) {
    return Refuse("P-SUBSTITUTE", "a 代履行 decided in this case has not been carried out");
  }
  if (d->immediate()) return Status::Ok();
  if (c.demand_at_ms == 0) return Refuse("P-SUBSTITUTE", "no 催告书 was served: 代履行 follows a 催告 (第50条)");
  const auto deadline = ParseDate(c.demand_deadline);
  if (!deadline.ok() || ChinaDateOf(at) <= *deadline) {
    return Refuse("P-SUBSTITUTE", "the 催告's deadline " + c.demand_deadline + " has not passed");
  }
  return Status::Ok();
}

// 行政强制法 第51条, 第69条: on or after the decided day, the party reminded in a
// 催告 served after the decision and at least three working days before; the
// agency's supervisor on site, and the 执行文书 signed by the supervisor, the
// performer and the party or a witness. 第52条's immediate clearing needs none of it.
Status CheckSubstituteExecution(const Registry& registry, const CaseProcedureState& c, const fb::EnforcementExecuted& e,
                                int64_t at) {
  if (c.substitute_decided_at_ms == 0 || c.substitute_done) {
    return Refuse("P-SUBSTITUTE", "no 代履行决定 awaits execution in this case");
  }
  if (c.substitute_immediate) return Status::Ok();
  const domain::Date day = ChinaDateOf(at);
  if (const auto set = ParseDate(c.substitute_date); set.ok() && day < *set) {
    return Refuse("P-SUBSTITUTE",
                  "the 代履行决定书 sets " + c.substitute_date + "; " + FormatDate(day) + " is before it");
  }
  if (c.demand_at_ms <= c.substitute_decided_at_ms) {
    return Refuse("P-SUBSTITUTE", "the party was not reminded (催告) after the 代履行决定 (第51条第1款第2项)");
  }
  const int64_t reminded = PartyClock(registry, c.demand_at_ms, c.demand_recorded_ms);
  if (const int wd = WorkingDays(registry, reminded, at); wd < periods::kSubstituteDemand.days) {
    return Refuse("P-SUBSTITUTE", "the 催告 of " + FormatDate(ChinaDateOf(reminded)) + " came " + std::to_string(wd) +
                                      " working days before the 代履行; three are due (第51条, 第69条)");
  }
  if (!registry.CheckCertificate(Str(e.supervisor()), fb::Role::Officer, at).ok()) {
    return Refuse("P-SUBSTITUTE", "the supervisor '" + Str(e.supervisor()) +
                                      "' is not an officer of the agency in post (第51条第1款第3项)");
  }
  if (!e.performer_signed() || !e.party_or_witness_signed()) {
    return Refuse("P-SUBSTITUTE", std::string("the 执行文书 lacks the signature of ") +
                                      (e.performer_signed() ? "the party or a witness" : "the 代履行人") +
                                      " (第51条第1款第4项)");
  }
  return Status::Ok();
}

// 行政强制法 第37条, 第43条, 第44条: a decision first; by day on a working day
// unless urgent; an illegal building only after its notice and the periods.
Status CheckExecution(const Registry& registry, const CaseProcedureState& c, const fb::Statement& st, int64_t at) {
  const auto* e = st.payload_as_EnforcementExecuted();
  if (e->kind() == fb::ExecutionKind::Substitute) {
    LAWTRAIL_RETURN_IF_ERROR(CheckSubstituteExecution(registry, c, *e, at));
  } else if (c.enforcement_decided_at_ms == 0) {
    return Refuse("P-ENFORCE-DECISION", "no 强制执行决定 was made in this case");
  }
  const domain::Date day = ChinaDateOf(at);
  const int64_t hour = (at - ChinaMidnightMs(day)) / 3'600'000;
  if (!e->emergency() && (hour >= 22 || hour < 6 || !CalendarOf(registry).IsWorkday(day))) {
    return Refuse("P-ENFORCE-HOURS",
                  "execution at " + FormatChinaTime(at) + " is at night or on a rest day, and no emergency is stated");
  }
  if (e->kind() != fb::ExecutionKind::Demolition) return Status::Ok();
  const auto deadline = ParseDate(c.demolition_deadline);
  if (!deadline.ok()) return Refuse("P-DEMOLITION", "no 限期拆除公告 was announced");
  if (day <= *deadline)
    return Refuse("P-DEMOLITION", "the 公告's deadline " + c.demolition_deadline + " has not passed");
  LAWTRAIL_ASSIGN_OR_RETURN(const ChallengeWindow window,
                            ChallengeWindowOf(registry, c, "P-DEMOLITION", EnforcementRoute::kDemolition));
  if (day <= window.last_day) {
    return Refuse("P-DEMOLITION",
                  "the party may still apply for 复议 or sue until " + FormatDate(window.last_day) + ": " + window.why);
  }
  return Status::Ok();
}

// Late fees, enforcement, disclosure and change. Refusals are returned; flags are added to `flags`.
Status CheckEnforcementAndDisclosure(const Registry& registry, const CaseProcedureState& c, const fb::Statement& st,
                                     int64_t at, std::vector<Flag>& flags) {
  switch (st.payload_type()) {
    case fb::Payload::LateFeeImposed: {
      const int64_t total = c.late_fee_fen + st.payload_as_LateFeeImposed()->amount_fen();
      if (total > c.fine_fen) {
        return Refuse("P-LATE-FEE-CAP",
                      "late fees of " + Yuan(total) + " would exceed the fine of " + Yuan(c.fine_fen));
      }
      break;
    }
    case fb::Payload::CourtEnforcementApplied:
      LAWTRAIL_RETURN_IF_ERROR(CheckCourtApplication(registry, c, at, flags));
      break;
    case fb::Payload::EnforcementDecided: LAWTRAIL_RETURN_IF_ERROR(CheckEnforcementDecision(c, st, at)); break;
    case fb::Payload::SubstituteExecutionDecided: LAWTRAIL_RETURN_IF_ERROR(CheckSubstituteDecision(c, st, at)); break;
    case fb::Payload::EnforcementExecuted: LAWTRAIL_RETURN_IF_ERROR(CheckExecution(registry, c, st, at)); break;
    case fb::Payload::DisclosurePublished: {
      LAWTRAIL_RETURN_IF_ERROR(CheckPublication(c, st));
      const Seizure* measure = PublishedMeasure(c, Str(st.payload_as_DisclosurePublished()->decision_no()));
      const int wd = WorkingDays(registry, measure != nullptr ? measure->taken_at_ms : c.decision_at_ms, at);
      const domain::LegalPeriod& period =
          DisclosurePeriodFor(c.category == fb::CaseCategory::Penalty || c.category == fb::CaseCategory::Licensing);
      const int due = period.days;
      if (wd > due) {
        flags.push_back(Raise(
            period.rule_id,
            "published " + std::to_string(wd) + " working days after the decision; due within " + std::to_string(due)));
      }
      break;
    }
    case fb::Payload::DisclosureCorrected: LAWTRAIL_RETURN_IF_ERROR(CheckPublication(c, st)); break;
    case fb::Payload::DisclosureWithdrawn:
      LAWTRAIL_RETURN_IF_ERROR(CheckPublication(c, st));
      if (const int wd = c.changed_at_ms == 0 ? 0 : WorkingDays(registry, c.changed_at_ms, at);
          wd > periods::kWithdrawal.days) {
        flags.push_back(Raise(periods::kWithdrawal.rule_id,
                              "withdrawn " + std::to_string(wd) + " working days after the decision changed"));
      }
      break;
    case fb::Payload::DecisionChanged:
      if (Str(st.payload_as_DecisionChanged()->decision_no()) != c.decision_no) {
        return Refuse("P-STAGE", "decision '" + Str(st.payload_as_DecisionChanged()->decision_no()) +
                                     "' was not issued in this case");
      }
      break;
    default: break;
  }
  return Status::Ok();
}

// The head's acts and approvals, the collective discussion, and the lifting the head demands.
Status CheckHeadsActs(const Registry& registry, const CaseProcedureState& c, const fb::Statement& st,
                      int64_t recorded_ms) {
  LAWTRAIL_RETURN_IF_ERROR(CheckEmergencyLift(c, st));
  LAWTRAIL_RETURN_IF_ERROR(CheckHead(registry, c, st, recorded_ms));
  if (const auto* h = st.payload_as_HeadApproved()) LAWTRAIL_RETURN_IF_ERROR(CheckHeadApproval(registry, c, *h));
  if (st.payload_type() == fb::Payload::CollectiveDiscussionHeld) {
    LAWTRAIL_RETURN_IF_ERROR(CheckCollective(registry, c, st, recorded_ms));
  }
  if (const auto* o = st.payload_as_CollectiveOpinionGiven(); o != nullptr && Str(o->discussion_no()).empty()) {
    return Refuse("P-COLLECTIVE-SIGNED", "an opinion names no discussion (discussion_no)");
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<Flag>> CheckProcedure(const Registry& registry, const CaseProcedureState& c, const fb::Statement& st,
                                         int64_t recorded_ms) {
  std::vector<Flag> flags;
  if (!IsCaseEvent(st.payload_type())) return flags;
  LAWTRAIL_RETURN_IF_ERROR(CheckStage(registry, c, st));
  LAWTRAIL_RETURN_IF_ERROR(CheckTimes(registry, c, st, recorded_ms, flags));
  LAWTRAIL_RETURN_IF_ERROR(CheckPrivateText(st));
  LAWTRAIL_RETURN_IF_ERROR(CheckHeadsActs(registry, c, st, recorded_ms));
  LAWTRAIL_RETURN_IF_ERROR(CheckDocuments(registry, st));
  LAWTRAIL_RETURN_IF_ERROR(CheckTwoOfficers(registry, st));
  LAWTRAIL_RETURN_IF_ERROR(CheckCertificateScope(registry, c, st));
  const int64_t at = st.occurred_at_ms();
  TimeFlags(c, st, flags);
  LAWTRAIL_RETURN_IF_ERROR(CheckOpeningAndCoercion(registry, c, st, at, flags));
  LAWTRAIL_RETURN_IF_ERROR(CheckInvestigationAndHearing(registry, c, st, at, recorded_ms, flags));
  LAWTRAIL_RETURN_IF_ERROR(CheckDecisionAndService(registry, c, st, at, flags));
  LAWTRAIL_RETURN_IF_ERROR(CheckEnforcementAndDisclosure(registry, c, st, at, flags));
  LAWTRAIL_RETURN_IF_ERROR(CheckRemediesAndChallenges(c, st, at, flags));
  LAWTRAIL_RETURN_IF_ERROR(CheckLicensing(registry, c, st, at, flags));
  LAWTRAIL_RETURN_IF_ERROR(CheckTaking(registry, c, st, at, flags));
  return flags;
}

}  // namespace lawtrail::domain
