#include "projectors/disclosure_view.h"

#include <algorithm>
#include <optional>

#include "ledger/casefile/labels.h"
#include "ledger/core/log_format.h"
#include "ledger/domain/calendar.h"
#include "ledger/domain/challenge.h"
#include "ledger/domain/legal_periods.h"
#include "ledger/domain/licence.h"
#include "ledger/domain/money.h"
#include "ledger/domain/taking.h"
#include "ledger/log/store.h"
#include "projectors/internal/json_view.h"
#include "projectors/view_doc.h"

namespace lawtrail::projectors {
namespace {

using nlohmann::json;

std::string CaseKey(std::string_view case_id) { return "~case/" + std::string(case_id); }
std::string DecisionKey(std::string_view case_id) { return "decision/" + std::string(case_id); }
std::string NoticeKey(std::string_view case_id, uint64_t index) {
  return "notice/" + std::string(case_id) + "/" + IndexKey(index);
}

// What the view keeps of a case to fill in its decision's record.
struct CaseDisclosureFacts final : FieldsDoc<CaseDisclosureFacts> {
  std::string category;
  std::optional<std::string> party_credit_code, party_kind, party_name;  // when the case has a party
  std::optional<std::string> licence_matter;                             // a 行政许可 case: 申请事项
  std::string procedure;
  bool publishable = false;
  template <typename V>
  void Fields(V& v) {
    v("category", category), v("licence_matter", licence_matter), v("party_credit_code", party_credit_code);
    v("party_kind", party_kind), v("party_name", party_name), v("procedure", procedure);
    v("publishable", publishable);
  }
};

// A licence decision's own fields (行政许可 双公示): what it permits, its
// certificate and validity, and whether it still stands.
struct LicenceEntry : Fielded {
  std::string certificate, content, matter, state, valid_from, valid_until;
  std::optional<std::string> certificate_no, ended_on;
  std::optional<uint64_t> ended_index;  // the 撤回/撤销/注销 record, which a reader may verify beside the publication
  template <typename V>
  void Fields(V& v) {
    v("certificate", certificate), v("certificate_no", certificate_no), v("content", content);
    v("ended_index", ended_index), v("ended_on", ended_on), v("matter", matter), v("state", state);
    v("valid_from", valid_from);
    v("valid_until", valid_until);
  }
};

// A 查封/扣押 as a 行政强制 case publishes it (国办发〔2018〕118号): the kind, the term and its end; never the
// 物品清单, which stays in the case file.
struct MeasureEntry : Fielded {
  std::string kind;
  int64_t days = 0;
  std::optional<std::string> lifted_on;
  // The 延长 and 解除 records since: what changed the page after publication, so a reader verifies them beside it.
  std::vector<uint64_t> change_indices;
  template <typename V>
  void Fields(V& v) {
    v("change_indices", change_indices), v("days", days), v("kind", kind), v("lifted_on", lifted_on);
  }
};

// {index, occurred_at_ms, recorded_at_ms} of the record that did something.
struct Stamp : Fielded {
  uint64_t index = 0;
  int64_t occurred_at_ms = 0, recorded_at_ms = 0;
  static Stamp Of(const ProjectedRecord& r) {
    Stamp s;
    s.index = r.index;
    s.occurred_at_ms = r.statement->occurred_at_ms();
    s.recorded_at_ms = r.time_recorded_ms;
    return s;
  }
  template <typename V>
  void Fields(V& v) {
    v("index", index), v("occurred_at_ms", occurred_at_ms), v("recorded_at_ms", recorded_at_ms);
  }
};

// A dated act on a decision: a correction or the withdrawal.
struct Note : Fielded {
  uint64_t index = 0;
  std::string on, reason;
  std::optional<bool> within_3_working_days;  // withdrawals after a change
  template <typename V>
  void Fields(V& v) {
    v("index", index), v("on", on), v("reason", reason), v("within_3_working_days", within_3_working_days);
  }
};

// The decision changed, revoked or confirmed illegal (第48条).
struct Change : Fielded {
  std::string by;
  uint64_t index = 0;
  std::string kind, on, reason, ruling_no, withdraw_by;
  template <typename V>
  void Fields(V& v) {
    v("by", by), v("index", index), v("kind", kind), v("on", on), v("reason", reason), v("ruling_no", ruling_no);
    v("withdraw_by", withdraw_by);
  }
};

// A 复议 or suit against the decision, as the agency recorded it.
struct ChallengeEntry : Fielded {
  std::string body, case_no, filed_on, kind, state;
  std::optional<std::string> ended_on, ruling_no;
  uint64_t index = 0;  // the record of its filing
  template <typename V>
  void Fields(V& v) {
    v("body", body), v("case_no", case_no), v("ended_on", ended_on), v("filed_on", filed_on), v("index", index);
    v("kind", kind), v("ruling_no", ruling_no), v("state", state);
  }
};

// One decision's disclosure record (domain.md §7.2).
struct DecisionRecord final : FieldsDoc<DecisionRecord> {
  std::string agency, agency_credit_code, basis, case_id, category;
  std::optional<std::vector<ChallengeEntry>> challenges;
  std::optional<Change> change;
  std::string confiscation_wan_yuan;
  std::optional<std::vector<Note>> corrections;
  Stamp decided;
  std::string decided_on, decision_no;
  int display_months = 0;
  std::optional<std::string> display_until;
  std::string due_on;
  std::optional<bool> due_on_provisional;  // due_on reaches into a year with no published holiday notice
  int due_within_working_days = 0;
  std::string facts, fine_wan_yuan;
  std::optional<LicenceEntry> licence;  // a 行政许可 decision
  std::optional<MeasureEntry> measure;  // a 行政强制 case's 查封/扣押决定
  std::string outcome;
  std::optional<std::string> party_credit_code, party_kind, party_name;
  std::string penalty_content;
  std::vector<std::string> penalty_types;
  std::optional<std::string> platform;
  std::string procedure;
  std::optional<std::string> publication_id;
  bool publishable = false;
  std::optional<Stamp> published;
  std::optional<std::string> published_on;
  std::optional<bool> published_on_time;
  std::optional<std::string> remedies;  // 已告知 / 未告知 复议、诉讼的途径和期限 (decisions to the party)
  std::string status;
  std::optional<std::string> summary;
  std::optional<std::string> under_challenge;  // 行政复议审理中 / 行政诉讼审理中 while one is pending
  int64_t version = 0;
  std::string violation_type;
  std::optional<Note> withdrawn;
  template <typename V>
  void Fields(V& v) {
    v("agency", agency), v("agency_credit_code", agency_credit_code), v("basis", basis), v("case_id", case_id);
    v("category", category), v("challenges", challenges), v("change", change);
    v("confiscation_wan_yuan", confiscation_wan_yuan);
    v("corrections", corrections), v("decided", decided), v("decided_on", decided_on), v("decision_no", decision_no);
    v("display_months", display_months), v("display_until", display_until), v("due_on", due_on);
    v("due_on_provisional", due_on_provisional);
    v("due_within_working_days", due_within_working_days), v("facts", facts), v("fine_wan_yuan", fine_wan_yuan);
    v("licence", licence), v("measure", measure), v("outcome", outcome), v("party_credit_code", party_credit_code),
        v("party_kind", party_kind);
    v("party_name", party_name), v("penalty_content", penalty_content), v("penalty_types", penalty_types);
    v("platform", platform), v("procedure", procedure), v("publication_id", publication_id);
    v("publishable", publishable), v("published", published), v("published_on", published_on);
    v("published_on_time", published_on_time), v("remedies", remedies), v("status", status), v("summary", summary);
    v("under_challenge", under_challenge), v("version", version);
    v("violation_type", violation_type), v("withdrawn", withdrawn);
  }
};

// 罚款金额(万元) as the 双公示 feed wants it: six decimals, exact.
std::string WanYuan(int64_t fen) {
  std::string s = std::to_string(fen / 1'000'000) + "." + std::to_string(1'000'000 + fen % 1'000'000).substr(1);
  return s;
}

// Keeps the version record `index` is about to replace: the current record
// stays whole at decision/<case>, and decision/<case>/v/<index> holds the
// merge patch that turns the version `index` makes back into the one before
// (`changed`: the fields the act changes; all when empty). A first decision
// has nothing before it: an empty patch. Whole copies of every version were
// most of what the view held; DisclosureHistory puts them together again.
void KeepVersion(ViewTxn& view, const std::string& case_id, const DecisionRecord* before, uint64_t index,
                 std::initializer_list<std::string_view> changed = {}) {
  const std::string key = DecisionKey(case_id) + "/v/" + IndexKey(index);
  if (before == nullptr) {
    view.Append(key, std::string_view("{}"));
    return;
  }
  std::vector<std::string_view> fields(changed);
  if (!fields.empty()) fields.push_back("version");
  std::string undo;
  PrintPatch(*before, fields, undo);
  view.Append(key, undo);
}

// The act at `index` is about to change `rec`: keeps the version it replaces
// and numbers the one it makes.
void NextVersion(ViewTxn& view, const std::string& case_id, DecisionRecord& rec, uint64_t index,
                 std::initializer_list<std::string_view> changed) {
  KeepVersion(view, case_id, &rec, index, changed);
  ++rec.version;
}

// What every decision's record starts from: the case's party and kind (a
// licence's matter), the agency, the day, and the working days to publish it
// in — 7 for 行政处罚 and 行政许可 decisions, 20 for others (D3).
Result<DecisionRecord> NewRecord(const ProjectedRecord& r, ViewTxn& view, std::string decision_no) {
  const fb::Statement& st = *r.statement;
  const std::string case_id = Str(st.case_id());
  LAWTRAIL_ASSIGN_OR_RETURN(const CaseDisclosureFacts* found, view.Peek<CaseDisclosureFacts>(CaseKey(case_id)));
  LAWTRAIL_ASSIGN_OR_RETURN(const json* agency_doc, view.PeekDoc("~agency"));
  if (found == nullptr) return Status::Corruption("a decision in case '" + case_id + "', which never began");
  const CaseDisclosureFacts& c = *found;
  DecisionRecord rec;
  rec.case_id = case_id;
  rec.decision_no = std::move(decision_no);
  rec.category = c.category;
  rec.procedure = c.procedure;
  rec.party_kind = c.party_kind;
  rec.party_name = c.party_name;
  rec.party_credit_code = c.party_credit_code;
  rec.decided_on = ChinaDay(st.occurred_at_ms());
  rec.decided = Stamp::Of(r);
  rec.agency = agency_doc->is_object() ? agency_doc->value("name", "") : "";
  rec.agency_credit_code = agency_doc->is_object() ? agency_doc->value("credit_code", "") : "";
  if (c.licence_matter) rec.licence.emplace().matter = *c.licence_matter;
  const bool seven = c.category == Label(fb::CaseCategory::Penalty) || c.category == Label(fb::CaseCategory::Licensing);
  const domain::LegalPeriod& period = seven ? domain::periods::kDisclosure : domain::periods::kDisclosureOther;
  rec.due_within_working_days = period.days;
  DueDay due = DueOf(period, rec.decided_on);
  rec.due_on = std::move(due.on);
  if (due.provisional) rec.due_on_provisional = true;
  rec.publishable = c.publishable;
  rec.fine_wan_yuan = WanYuan(0);
  rec.confiscation_wan_yuan = WanYuan(0);
  rec.status = "pending";
  return rec;
}

// Stores a decision's first record (or a later decision's, keeping the one it replaces).
Status StoreDecision(const ProjectedRecord& r, ViewTxn& view, DecisionRecord rec) {
  const std::string case_id = rec.case_id;
  LAWTRAIL_ASSIGN_OR_RETURN(const DecisionRecord* before, view.Peek<DecisionRecord>(DecisionKey(case_id)));
  KeepVersion(view, case_id, before, r.index);
  rec.version = before != nullptr ? before->version + 1 : 1;
  DecisionRecord& current = view.Store(DecisionKey(case_id), std::move(rec));
  if (current.publishable) view.Append("by-date/" + current.decided_on + "/" + case_id, "");
  view.Settle(CaseKey(case_id));  // read again only by another decision in the case
  return Status::Ok();
}

Status OnDecision(const ProjectedRecord& r, ViewTxn& view) {
  const fb::Statement& st = *r.statement;
  const auto* d = st.payload_as_DecisionIssued();
  LAWTRAIL_ASSIGN_OR_RETURN(DecisionRecord rec, NewRecord(r, view, Str(d->decision_no())));
  rec.outcome = Label(d->outcome());
  if (d->outcome() != fb::DecisionOutcome::Referral) rec.remedies = Label(d->remedies());
  rec.violation_type = Str(d->violation_type());
  rec.facts = Str(d->facts());
  rec.basis = Str(d->basis());
  int64_t fine = 0, confiscated = 0;
  bool light_only = true;
  if (d->penalties() != nullptr) {
    for (const auto* p : *d->penalties()) {
      rec.penalty_types.push_back(Label(p->type()));
      std::string& content = rec.penalty_content;
      if (!content.empty()) content += "；";
      content += Label(p->type());
      if (p->amount_fen() > 0) content += domain::FormatYuan(p->amount_fen()) + "元";
      if (!Str(p->licence()).empty()) content += "（" + Str(p->licence()) + "）";
      if (p->type() == fb::PenaltyType::Fine) fine += p->amount_fen();
      if (p->type() == fb::PenaltyType::ConfiscateGains || p->type() == fb::PenaltyType::ConfiscateProperty) {
        confiscated += p->amount_fen();
      }
      if (p->type() != fb::PenaltyType::Warning && p->type() != fb::PenaltyType::Criticism) light_only = false;
    }
  }
  rec.fine_wan_yuan = WanYuan(fine);
  rec.confiscation_wan_yuan = WanYuan(confiscated);
  // 3 months for warnings and 通报批评, 3 years otherwise (§7.3).
  rec.display_months = light_only ? 3 : 36;
  return StoreDecision(r, view, std::move(rec));
}

// A 准予 or 不予行政许可决定: only a grant is ever published (行政许可法 第40条);
// it stays public while the licence stands, three years unless the publication says otherwise.
Status OnLicenceDecision(const ProjectedRecord& r, ViewTxn& view) {
  const fb::Statement& st = *r.statement;
  const auto* d = st.payload_as_LicenceDecided();
  LAWTRAIL_ASSIGN_OR_RETURN(DecisionRecord rec, NewRecord(r, view, Str(d->decision_no())));
  rec.outcome = d->granted() ? "准予行政许可" : "不予行政许可";
  rec.publishable = rec.publishable && d->granted();
  if (!d->granted()) {
    rec.remedies = Label(d->remedies());
    rec.facts = Str(d->reasons());  // 不予许可的理由, kept in the restricted record only
  }
  LicenceEntry& licence = rec.licence ? *rec.licence : rec.licence.emplace();
  licence.content = Str(d->content());
  licence.certificate = Str(d->certificate());
  licence.valid_from = Str(d->valid_from());
  licence.valid_until = Str(d->valid_until());
  licence.state = d->granted() ? "有效" : "不予许可";
  rec.display_months = 36;
  return StoreDecision(r, view, std::move(rec));
}

// A 行政强制 case's measure is its decision (D3: public within twenty working days); a measure taken while a
// penalty is investigated is a step of that case, which its penalty decision publishes.
Status OnMeasure(const ProjectedRecord& r, ViewTxn& view) {
  const fb::Statement& st = *r.statement;
  const std::string case_id = Str(st.case_id());
  LAWTRAIL_ASSIGN_OR_RETURN(const CaseDisclosureFacts* facts, view.Peek<CaseDisclosureFacts>(CaseKey(case_id)));
  if (facts == nullptr) return Status::Ok();
  const bool coercion_case = facts->category == Label(fb::CaseCategory::Coercion);
  if (const auto* taken = st.payload_as_CoerciveMeasureTaken()) {
    LAWTRAIL_ASSIGN_OR_RETURN(const DecisionRecord* before, view.Peek<DecisionRecord>(DecisionKey(case_id)));
    if (!domain::MeasureIsTheDecision(coercion_case, before != nullptr)) return Status::Ok();
    LAWTRAIL_ASSIGN_OR_RETURN(DecisionRecord rec, NewRecord(r, view, Str(taken->measure_no())));
    rec.outcome = taken->kind() == fb::CoerciveKind::Seal ? "查封" : "扣押";
    rec.measure.emplace();
    rec.measure->kind = rec.outcome;
    rec.measure->days = taken->days();
    return StoreDecision(r, view, std::move(rec));
  }
  LAWTRAIL_ASSIGN_OR_RETURN(DecisionRecord * rec, view.Edit<DecisionRecord>(DecisionKey(case_id)));
  if (rec == nullptr || !rec->measure) return Status::Ok();
  if (const auto* extended = st.payload_as_CoerciveMeasureExtended()) {
    if (Str(extended->measure_no()) != rec->decision_no) return Status::Ok();
    NextVersion(view, case_id, *rec, r.index, {"measure"});
    rec->measure->days += extended->days();
    rec->measure->change_indices.push_back(r.index);
  } else if (const auto* lifted = st.payload_as_CoerciveMeasureLifted()) {
    if (Str(lifted->measure_no()) != rec->decision_no) return Status::Ok();
    NextVersion(view, case_id, *rec, r.index, {"measure"});
    rec->measure->lifted_on = ChinaDay(st.occurred_at_ms());
    rec->measure->change_indices.push_back(r.index);
  }
  return Status::Ok();
}

// A 征收 notice as posted: every field of it is public by law; the masked parties of the case never enter it.
Status OnTakingNotice(const ProjectedRecord& r, ViewTxn& view) {
  const fb::Statement& st = *r.statement;
  const auto* n = st.payload_as_TakingNoticePosted();
  json places = json::array();
  if (n->places() != nullptr) {
    for (const auto* p : *n->places()) places.push_back(p->str());
  }
  json doc = {{"act", "行政征收"},
              {"case_id", Str(st.case_id())},
              {"issuer", Str(n->issuer())},
              {"kind", n->kind() <= fb::TakingNoticeKind::MAX ? domain::TakingNoticeName(n->kind()) : "征收公告"},
              {"notice_no", Str(n->notice_no())},
              {"places", std::move(places)},
              {"posted_from", Str(n->posted_from())},
              {"posted_until", Str(n->posted_until())},
              {"project", Str(n->project())},
              {"record_index", r.index},
              {"recorded_at_ms", r.time_recorded_ms},
              {"village", Str(n->village())}};
  view.StoreDoc(NoticeKey(Str(st.case_id()), r.index), std::move(doc));
  return Status::Ok();
}

// The certificate issued, or the licence withdrawn, revoked or deregistered: a new version of its record.
Status OnLicenceChange(const ProjectedRecord& r, ViewTxn& view) {
  const fb::Statement& st = *r.statement;
  const std::string case_id = Str(st.case_id());
  LAWTRAIL_ASSIGN_OR_RETURN(DecisionRecord * rec, view.Edit<DecisionRecord>(DecisionKey(case_id)));
  if (rec == nullptr || !rec->licence) return Status::Ok();
  if (const auto* cert = st.payload_as_LicenceCertificateIssued()) {
    NextVersion(view, case_id, *rec, r.index, {"licence"});
    rec->licence->certificate_no = Str(cert->certificate_no());
  } else if (const auto* end = st.payload_as_LicenceEnded()) {
    NextVersion(view, case_id, *rec, r.index, {"licence"});
    rec->licence->state = std::string("已") + domain::LicenceEndingName(end->kind());
    rec->licence->ended_on = ChinaDay(st.occurred_at_ms());
    rec->licence->ended_index = r.index;
  }
  return Status::Ok();
}

// The challenge still pending in `rec`, or null.
ChallengeEntry* PendingEntry(DecisionRecord& rec) {
  if (!rec.challenges) return nullptr;
  for (ChallengeEntry& e : *rec.challenges) {
    if (e.state == "审理中") return &e;
  }
  return nullptr;
}

// A 复议 or suit filed, or ended without correcting the decision.
Status OnChallenge(const ProjectedRecord& r, ViewTxn& view, const std::string& case_id, DecisionRecord& rec) {
  const fb::Statement& st = *r.statement;
  switch (st.payload_type()) {
    case fb::Payload::ChallengeFiled: {
      const auto* p = st.payload_as_ChallengeFiled();
      NextVersion(view, case_id, rec, r.index, {"challenges", "under_challenge"});
      if (!rec.challenges) rec.challenges.emplace();
      ChallengeEntry& e = rec.challenges->emplace_back();
      e.body = Str(p->body());
      e.case_no = Str(p->case_no());
      e.filed_on = Str(p->filed_date());
      e.index = r.index;
      e.kind = domain::ChallengeKindName(p->kind());
      e.state = "审理中";
      rec.under_challenge = e.kind + e.state;
      return Status::Ok();
    }
    case fb::Payload::ChallengeConcluded: {
      const auto* p = st.payload_as_ChallengeConcluded();
      ChallengeEntry* pending = PendingEntry(rec);
      if (pending == nullptr) return Status::Ok();
      NextVersion(view, case_id, rec, r.index, {"challenges", "under_challenge"});
      pending = PendingEntry(rec);
      pending->state = domain::ChallengeResultName(p->result());
      pending->ended_on = Str(p->received_date());
      pending->ruling_no = Str(p->ruling_no());
      rec.under_challenge.reset();
      return Status::Ok();
    }
    default: return Status::Ok();
  }
}

Status OnDisclosureAct(const ProjectedRecord& r, ViewTxn& view) {
  const fb::Statement& st = *r.statement;
  const std::string case_id = Str(st.case_id());
  LAWTRAIL_ASSIGN_OR_RETURN(DecisionRecord * edited, view.Edit<DecisionRecord>(DecisionKey(case_id)));
  if (edited == nullptr) return Status::Corruption("disclosure act in case '" + case_id + "' with no decision");
  DecisionRecord& rec = *edited;
  const std::string day = ChinaDay(st.occurred_at_ms());
  switch (st.payload_type()) {
    case fb::Payload::DisclosurePublished: {
      const auto* p = st.payload_as_DisclosurePublished();
      NextVersion(view, case_id, rec, r.index,
                  {"display_until", "platform", "publication_id", "published", "published_on", "published_on_time",
                   "status", "summary"});
      rec.publication_id = Str(p->publication_id());
      rec.platform = Str(p->platform());
      rec.published_on = day;
      rec.published = Stamp::Of(r);
      rec.published_on_time = day <= rec.due_on;
      rec.display_until = Str(p->display_until());
      rec.summary = Str(p->summary());
      rec.status = "published";
      return Status::Ok();
    }
    case fb::Payload::DisclosureCorrected: {
      const auto* p = st.payload_as_DisclosureCorrected();
      NextVersion(view, case_id, rec, r.index, {"corrections", "summary"});
      Note correction;
      correction.index = r.index;
      correction.on = day;
      correction.reason = Str(p->reason());
      if (!rec.corrections) rec.corrections.emplace();
      rec.corrections->push_back(std::move(correction));
      rec.summary = Str(p->summary());
      return Status::Ok();
    }
    case fb::Payload::DisclosureWithdrawn: {
      const auto* p = st.payload_as_DisclosureWithdrawn();
      NextVersion(view, case_id, rec, r.index, {"status", "withdrawn"});
      Note w;
      w.index = r.index;
      w.on = day;
      w.reason = Str(p->reason());
      if (rec.change) w.within_3_working_days = day <= rec.change->withdraw_by;
      rec.withdrawn = w;
      rec.status = "withdrawn";
      return Status::Ok();
    }
    case fb::Payload::ChallengeFiled:
    case fb::Payload::ChallengeConcluded: return OnChallenge(r, view, case_id, rec);
    case fb::Payload::DecisionChanged: {
      const auto* p = st.payload_as_DecisionChanged();
      NextVersion(view, case_id, rec, r.index, {"change", "challenges", "under_challenge"});
      if (ChallengeEntry* pending = PendingEntry(rec); pending != nullptr && p->by() != fb::ChangeAuthority::Self) {
        pending->state = "纠错";
        pending->ended_on = day;
        pending->ruling_no = Str(p->ruling_no());
        rec.under_challenge.reset();
      }
      // 第48条: withdraw within 3 working days.
      Change& change = rec.change.emplace();
      change.by = Label(p->by());
      change.index = r.index;
      change.kind = Label(p->change());
      change.on = day;
      change.reason = Str(p->reason());
      change.ruling_no = Str(p->ruling_no());
      change.withdraw_by = DueOn(domain::periods::kWithdrawal, day);
      return Status::Ok();
    }
    default: return Status::Ok();
  }
}

}  // namespace

Status DisclosureView::Apply(const ProjectedRecord& r, ViewTxn& view) {
  const fb::Statement& st = *r.statement;
  switch (st.payload_type()) {
    case fb::Payload::AgencyGenesis:
    case fb::Payload::AgencyProfileUpdated: {
      const std::string name = st.payload_type() == fb::Payload::AgencyGenesis
                                   ? Str(st.payload_as_AgencyGenesis()->name())
                                   : Str(st.payload_as_AgencyProfileUpdated()->name());
      const std::string code = st.payload_type() == fb::Payload::AgencyGenesis
                                   ? Str(st.payload_as_AgencyGenesis()->credit_code())
                                   : Str(st.payload_as_AgencyProfileUpdated()->credit_code());
      view.StoreDoc("~agency", {{"name", name}, {"credit_code", code}});
      return Status::Ok();
    }
    case fb::Payload::CaseOpened: {
      const auto* o = st.payload_as_CaseOpened();
      CaseDisclosureFacts c;
      c.category = Label(o->category());
      c.procedure = Label(o->procedure());
      if (const fb::Party* p = o->party()) {
        c.party_kind = Label(p->kind());
        c.party_name = Str(p->name());  // masked for natural persons (admission checks it)
        if (!Str(p->credit_code()).empty()) c.party_credit_code = Str(p->credit_code());
      }
      c.publishable = Publishable(*o);
      view.Store(CaseKey(Str(st.case_id())), std::move(c));
      return Status::Ok();
    }
    case fb::Payload::LicenceApplied: {
      const auto* a = st.payload_as_LicenceApplied();
      CaseDisclosureFacts c;
      c.category = Label(fb::CaseCategory::Licensing);
      c.procedure = Label(fb::Procedure::General);
      c.licence_matter = Str(a->matter());
      if (const fb::Party* p = a->applicant()) {
        c.party_kind = Label(p->kind());
        c.party_name = Str(p->name());  // masked for natural persons (admission checks it)
        if (!Str(p->credit_code()).empty()) c.party_credit_code = Str(p->credit_code());
        c.publishable = !p->minor();
      }
      view.Store(CaseKey(Str(st.case_id())), std::move(c));
      return Status::Ok();
    }
    case fb::Payload::DecisionIssued: return OnDecision(r, view);
    case fb::Payload::LicenceDecided: return OnLicenceDecision(r, view);
    case fb::Payload::LicenceCertificateIssued:
    case fb::Payload::LicenceEnded: return OnLicenceChange(r, view);
    case fb::Payload::CoerciveMeasureTaken:
    case fb::Payload::CoerciveMeasureExtended:
    case fb::Payload::CoerciveMeasureLifted: return OnMeasure(r, view);
    case fb::Payload::TakingNoticePosted: return OnTakingNotice(r, view);
    case fb::Payload::CaseClosed: view.Settle(DecisionKey(Str(st.case_id()))); return Status::Ok();
    case fb::Payload::DisclosurePublished:
    case fb::Payload::DisclosureCorrected:
    case fb::Payload::DisclosureWithdrawn:
    case fb::Payload::ChallengeFiled:
    case fb::Payload::ChallengeConcluded:
    case fb::Payload::DecisionChanged: return OnDisclosureAct(r, view);
    default: return Status::Ok();
  }
}

bool Publishable(const fb::CaseOpened& o) {
  return o.procedure() == fb::Procedure::General && !(o.party() != nullptr && o.party()->minor());
}

std::vector<json> MergeVersions(std::string_view current, const std::vector<std::string_view>& undo) {
  json v = json::parse(current, nullptr, false);
  if (v.is_discarded() || !v.is_object() || undo.empty()) return {};
  std::vector<json> newest_first{v};
  // undo[i] turns version i + 1 back into version i; undo[0] is the decision's own.
  for (size_t i = undo.size() - 1; i > 0; --i) {
    const json patch = json::parse(undo[i], nullptr, false);
    if (patch.is_discarded() || !patch.is_object()) return {};
    v.merge_patch(patch);
    newest_first.push_back(v);
  }
  return {newest_first.rbegin(), newest_first.rend()};
}

Result<std::vector<json>> DisclosureHistory(ViewStore& views, std::string_view case_id) {
  LAWTRAIL_ASSIGN_OR_RETURN(const ViewHandle cf, views.ActiveView(DisclosureView::kName));
  LAWTRAIL_ASSIGN_OR_RETURN(auto current, views.Get(cf.get(), DecisionKey(case_id)));
  if (!current) return Status::NotFound("no decision in case '" + std::string(case_id) + "'");
  const std::string prefix = DecisionKey(case_id) + "/v/";
  std::vector<std::string> stored;
  std::unique_ptr<rocksdb::Iterator> it(views.db()->NewIterator(rocksdb::ReadOptions(), cf.get()));
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next())
    stored.push_back(it->value().ToString());
  LAWTRAIL_RETURN_IF_ERROR(FromRocks(it->status(), "reading the versions of " + std::string(case_id)));
  std::vector<json> history = MergeVersions(*current, {stored.begin(), stored.end()});
  if (history.size() != stored.size()) {
    return Status::Corruption("the versions of '" + std::string(case_id) + "' do not put together");
  }
  return history;
}

std::string DisclosureStatus(const json& rec, const std::string& today) {
  if (!rec.is_object()) return "unknown";
  const std::string status = rec.value("status", "");
  if (status == "withdrawn") return "withdrawn";
  if (status == "published") {
    if (today > DisplayEnds(rec)) return "display ended";
    return rec.value("published_on_time", false) ? "published on time" : "published late";
  }
  if (!rec.value("publishable", true)) return "not published";
  return today > rec.value("due_on", "") ? "overdue" : "due";
}

std::string DisclosureStatus(const std::string& record_json, const std::string& today) {
  return DisclosureStatus(json::parse(record_json, nullptr, false), today);
}

std::string DisplayEnds(const json& rec) {
  const std::string named = rec.value("display_until", "");
  if (domain::ParseDate(named).ok()) return named;
  // Published before admission checked the 公示截止期: the period the decision's penalties call for.
  auto decided = domain::ParseDate(rec.value("decided_on", ""));
  if (!decided.ok()) return "";
  return domain::FormatDate(domain::MonthsLater(*decided, rec.value("display_months", 36)));
}

namespace {
// A 行政许可 decision's record carries its licence, a 行政强制 case's its measure; a 行政处罚 decision's neither.
bool IsLicenceRecord(const json& rec) { return rec.contains("licence") && rec["licence"].is_object(); }
bool IsMeasureRecord(const json& rec) { return rec.contains("measure") && rec["measure"].is_object(); }
const char* ActOf(const json& rec) {
  return IsLicenceRecord(rec) ? "行政许可" : IsMeasureRecord(rec) ? "行政强制" : "行政处罚";
}
}  // namespace

json PublicDisclosure(const json& rec, const std::string& today) {
  if (!rec.is_object() || !rec.contains("published_on") || rec["published_on"].is_null()) return nullptr;
  // A withdrawal notice is shown for as long as the decision would have been.
  const std::string ends = DisplayEnds(rec);
  if (today > ends) return nullptr;
  const std::string status = DisclosureStatus(rec, today);
  json out = {{"case_id", rec.value("case_id", "")}, {"decision_no", rec.value("decision_no", "")},
              {"agency", rec.value("agency", "")},   {"act", ActOf(rec)},
              {"disclosure_status", status},         {"display_until", ends}};
  if (status == "withdrawn") {
    // 第48条: only that it was withdrawn, when and why — no party, no facts, no earlier version.
    const json& w = rec["withdrawn"];
    out["withdrawn"] = {{"on", w.value("on", "")}, {"reason", w.value("reason", "")}};
    out["record_index"] = w.value("index", uint64_t{0});
    return out;
  }
  auto copy = [&](std::initializer_list<const char*> fields) {
    for (const char* field : fields) {
      if (rec.contains(field) && !rec[field].is_null()) out[field] = rec[field];
    }
  };
  copy({"agency_credit_code", "decided_on", "due_on", "party_credit_code", "party_kind", "party_name", "platform",
        "published_on", "summary"});
  // A licence shows the licence (第40条), a penalty what 行政处罚法 第48条 publishes: neither the other's fields.
  if (IsLicenceRecord(rec)) {
    copy({"licence"});
  } else if (IsMeasureRecord(rec)) {
    copy({"measure"});
  } else {
    copy({"basis", "confiscation_wan_yuan", "facts", "fine_wan_yuan", "penalty_content", "penalty_types",
          "violation_type"});
  }
  // The record a reader verifies is the one that made the current version.
  uint64_t current = rec["published"].value("index", uint64_t{0});
  json corrections = json::array();
  for (const json& c : rec.value("corrections", json::array())) {
    corrections.push_back({{"on", c.value("on", "")}, {"reason", c.value("reason", "")}});
    current = std::max(current, c.value("index", uint64_t{0}));
  }
  if (!corrections.empty()) out["corrections"] = std::move(corrections);
  // A decision under 复议 or suit says so, and how earlier ones ended (复议法 第79条 publishes the outcome alongside).
  if (rec.contains("under_challenge") && !rec["under_challenge"].is_null())
    out["under_challenge"] = rec["under_challenge"];
  json challenges = json::array();
  for (const json& c : rec.value("challenges", json::array())) {
    json shown = json::object();
    for (const char* field : {"kind", "body", "case_no", "filed_on", "state", "ended_on"}) {
      if (c.contains(field) && !c[field].is_null()) shown[field] = c[field];
    }
    challenges.push_back(std::move(shown));
  }
  if (!challenges.empty()) out["challenges"] = std::move(challenges);
  out["record_index"] = current;
  out["recorded_at_ms"] = rec["published"].value("recorded_at_ms", int64_t{0});
  return out;
}

Result<bool> IsPublicDisclosureRecord(ViewStore& views, std::string_view case_id, uint64_t index,
                                      const std::string& today) {
  LAWTRAIL_ASSIGN_OR_RETURN(const ViewHandle cf, views.ActiveView(DisclosureView::kName));
  // A 征收 notice is public as posted, and so is its record.
  LAWTRAIL_ASSIGN_OR_RETURN(auto notice, views.Get(cf.get(), NoticeKey(case_id, index)));
  if (notice) return true;
  LAWTRAIL_ASSIGN_OR_RETURN(auto stored, views.Get(cf.get(), DecisionKey(case_id)));
  if (!stored) return false;
  const json shown = PublicDisclosure(json::parse(*stored, nullptr, false), today);
  if (!shown.is_object()) return false;
  // The current version's record, and what the page shows beside it: a licence's ending, a measure's 延长 and 解除.
  if (shown.value("record_index", uint64_t{0}) == index) return true;
  const json licence = shown.value("licence", json::object()), measure = shown.value("measure", json::object());
  if (licence.value("ended_index", uint64_t{0}) == index && index != 0) return true;
  for (const json& changed : measure.value("change_indices", json::array())) {
    if (changed.is_number_unsigned() && changed.get<uint64_t>() == index) return true;
  }
  return false;
}

Result<std::vector<json>> TakingNotices(ViewStore& views) {
  LAWTRAIL_ASSIGN_OR_RETURN(const ViewHandle cf, views.ActiveView(DisclosureView::kName));
  std::vector<json> notices;
  const std::string prefix = "notice/";
  std::unique_ptr<rocksdb::Iterator> it(views.db()->NewIterator(rocksdb::ReadOptions(), cf.get()));
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    json n = json::parse(std::string_view(it->value().data(), it->value().size()), nullptr, false);
    if (n.is_object()) notices.push_back(std::move(n));
  }
  LAWTRAIL_RETURN_IF_ERROR(FromRocks(it->status(), "reading the 征收 notices"));
  std::stable_sort(notices.begin(), notices.end(), [](const json& a, const json& b) {
    return std::make_pair(a.value("posted_from", ""), a.value("record_index", uint64_t{0})) >
           std::make_pair(b.value("posted_from", ""), b.value("record_index", uint64_t{0}));
  });
  return notices;
}

}  // namespace lawtrail::projectors
