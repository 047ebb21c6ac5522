#include "projectors/warnings_view.h"

#include <algorithm>
#include <map>
#include <optional>

#include "ledger/casefile/labels.h"
#include "ledger/core/log_format.h"
#include "ledger/domain/calendar.h"
#include "ledger/domain/legal_periods.h"
#include "ledger/domain/rules.h"
#include "projectors/disclosure_view.h"
#include "projectors/internal/json_view.h"
#include "projectors/view_doc.h"

namespace lawtrail::projectors {
namespace {

using nlohmann::json;
namespace periods = domain::periods;

// A deadline a case owes: opened by one record, met (or moved) by later ones.
struct Obligation : Fielded {
  std::string due_on;
  std::vector<uint64_t> evidence;
  std::string kind, law;
  std::optional<std::string> met_on;
  std::optional<bool> provisional;  // due_on reaches into a year with no published holiday notice
  std::string rule;                 // the rule admission enforces it by (rules.h), "" if none
  template <typename V>
  void Fields(V& v) {
    v("due_on", due_on), v("evidence", evidence), v("kind", kind), v("law", law), v("met_on", met_on);
    v("provisional", provisional), v("rule", rule);
  }
};

// A case: what later records need to know of it, and its deadlines, in the
// order they were opened. One document per case, so that a record costs one
// lookup whatever deadlines it opens or meets.
struct CaseDeadlines final : FieldsDoc<CaseDeadlines> {
  std::string category;
  std::optional<std::string> decision_no;  // once decided
  std::optional<int64_t> fine_fen;
  std::optional<int> pay_within_days;       // the decision's 履行期限, if it names one
  std::optional<uint64_t> published_index;  // the publication shown now, if any
  std::vector<Obligation> obligations;
  std::string power_item_code, procedure;
  bool publishable = false;
  template <typename V>
  void Fields(V& v) {
    v("category", category), v("decision_no", decision_no), v("fine_fen", fine_fen), v("obligations", obligations);
    v("pay_within_days", pay_within_days);
    v("power_item_code", power_item_code), v("procedure", procedure), v("publishable", publishable);
    v("published_index", published_index);
  }

  // Opens the deadline of `period` (legal_periods.h) from `day`, replacing one
  // of the same kind; `suffix` tells apart periods a case owes more than once
  // (each seizure's term).
  void Open(const domain::LegalPeriod& period, const std::string& day, uint64_t index, std::string_view suffix = "",
            std::optional<int> days = std::nullopt) {
    Obligation o;
    if (days) {
      o.due_on = AddCalendarDays(day, *days);
    } else {
      DueDay due = DueOf(period, day);
      o.due_on = std::move(due.on);
      if (due.provisional) o.provisional = true;
    }
    o.evidence = {index};
    o.kind = std::string(period.name) + std::string(suffix);
    o.law = std::string(period.law);
    o.rule = std::string(period.rule_id);
    for (Obligation& existing : obligations) {
      if (existing.kind == o.kind) {
        existing = std::move(o);
        return;
      }
    }
    obligations.push_back(std::move(o));
  }
  // The deadline `kind` if it is open, else null.
  Obligation* Pending(std::string_view kind) {
    for (Obligation& o : obligations) {
      if (o.kind == kind && !o.met_on) return &o;
    }
    return nullptr;
  }
  // Forgets the deadline `kind` if it is open: what it asked for is no longer owed.
  void Drop(std::string_view kind) {
    std::erase_if(obligations, [&](const Obligation& o) { return o.kind == kind && !o.met_on; });
  }
  // Marks the deadline met by record `index` on `day`, if it is open.
  void Meet(std::string_view kind, const std::string& day, uint64_t index) {
    if (Obligation* o = Pending(kind)) {
      o->met_on = day;
      o->evidence.push_back(index);
    }
  }
};

std::string CaseKey(std::string_view case_id) { return "case/" + std::string(case_id); }

// A count with the records counted, and for fines their sum.
struct Tally final : FieldsDoc<Tally> {
  std::vector<uint64_t> evidence;
  int64_t n = 0;
  std::optional<int64_t> sum_fen;
  template <typename V>
  void Fields(V& v) {
    v("evidence", evidence), v("n", n), v("sum_fen", sum_fen);
  }
};

// The cases an organisation party was a party to.
struct PartyCases final : FieldsDoc<PartyCases> {
  std::vector<std::string> cases;
  std::vector<uint64_t> evidence;
  std::string name;
  template <typename V>
  void Fields(V& v) {
    v("cases", cases), v("evidence", evidence), v("name", name);
  }
};

// A procedure flag raised at admission.
struct FlagEntry final : FieldsDoc<FlagEntry> {
  std::string case_id;
  std::vector<uint64_t> evidence;
  std::string message, rule;
  template <typename V>
  void Fields(V& v) {
    v("case_id", case_id), v("evidence", evidence), v("message", message), v("rule", rule);
  }
};

// Adds one to the counter at `key`, with `index` as evidence.
Status Count(ViewTxn& view, const std::string& key, uint64_t index) {
  LAWTRAIL_ASSIGN_OR_RETURN(Tally * t, view.EditOrCreate<Tally>(key));
  ++t->n;
  t->evidence.push_back(index);
  return Status::Ok();
}

// Counters (period → {n, evidence}) of one group, e.g. one village's months.
using Counters = std::vector<std::pair<std::string, json>>;

// The periods whose count is over three times the group's median and at
// least 5 above it, given at least `min_periods` periods with any count.
std::vector<const std::pair<std::string, json>*> Spikes(const Counters& periods, size_t min_periods, int64_t& median) {
  std::vector<const std::pair<std::string, json>*> out;
  if (periods.size() < min_periods) return out;
  std::vector<int64_t> counts;
  for (const auto& [period, entry] : periods) counts.push_back(entry["n"].get<int64_t>());
  std::nth_element(counts.begin(), counts.begin() + counts.size() / 2, counts.end());
  median = counts[counts.size() / 2];
  for (const auto& p : periods) {
    const int64_t n = p.second["n"];
    if (n > 3 * median && n >= median + 5) out.push_back(&p);
  }
  return out;
}

// Marks deadline `kind` of the case met on `day` by record `index`, if it is open.
template <typename CaseDoc>
Status MeetDeadline(CaseDoc case_doc, std::string_view kind, const std::string& day, uint64_t index) {
  LAWTRAIL_ASSIGN_OR_RETURN(CaseDeadlines * c, case_doc());
  c->Meet(kind, day, index);
  return Status::Ok();
}

// The warning a deadline of case `case_id` gives on `today`, if any.
std::optional<json> DeadlineWarning(const std::string& case_id, const json& o, const std::string& today,
                                    const std::string& at_risk_from) {
  const std::string due = o.value("due_on", "");
  json w = {
      {"case_id", case_id}, {"deadline", o["kind"]}, {"law", o["law"]}, {"due_on", due}, {"evidence", o["evidence"]}};
  // The rule admission raises or refuses by for the same period, so that a
  // warning and a flag on the record are recognisably the same thing.
  if (!o.value("rule", "").empty()) w["rule"] = o["rule"];
  if (o.value("provisional", false)) w["provisional"] = true;
  if (o.contains("met_on")) {
    if (o["met_on"].get<std::string>() <= due) return std::nullopt;
    w["kind"] = "met late";
    w["severity"] = "warning";
    w["message"] = "履行期限 " + due + "，实际 " + o["met_on"].get<std::string>();
  } else if (today > due) {
    w["kind"] = "deadline missed";
    w["severity"] = "critical";
    w["message"] = "期限 " + due + " 已过，尚未完成";
  } else if (due <= at_risk_from) {
    w["kind"] = "deadline at risk";
    w["severity"] = "warning";
    w["message"] = "期限 " + due + " 将至";
  } else {
    return std::nullopt;
  }
  return w;
}

}  // namespace

namespace {

// "/<task>/<object>": tells one drawn check's deadline from another's.
template <typename T>
std::string DrawCheckSuffix(const T& act) {
  return "/" + Str(act.task_no()) + "/" + Str(act.object_id());
}

// A drawn check's result, public within 20 working days of its end (case @draws, one deadline per check).
template <typename CaseDoc>
Status OpenDrawResultDeadline(const fb::InspectionResultRecorded& result, uint64_t index, CaseDoc& case_doc) {
  LAWTRAIL_ASSIGN_OR_RETURN(CaseDeadlines * c, case_doc());
  c->Open(periods::kDrawResult, Str(result.ended_date()), index, DrawCheckSuffix(result));
  return Status::Ok();
}

// The acts that open a case's deadlines: 立案, the decision and its service.
template <typename CaseDoc>
Status OpenDeadlines(const ProjectedRecord& r, const fb::Statement& st, ViewTxn& view, const std::string& case_id,
                     const std::string& day, CaseDoc& case_doc) {
  switch (st.payload_type()) {
    case fb::Payload::CaseOpened: {
      const auto* o = st.payload_as_CaseOpened();
      LAWTRAIL_ASSIGN_OR_RETURN(CaseDeadlines * c, case_doc());
      c->power_item_code = Str(o->power_item_code());
      c->category = Label(o->category());
      c->procedure = Label(o->procedure());
      c->publishable = Publishable(*o);
      if (o->procedure() == fb::Procedure::General && o->category() == fb::CaseCategory::Penalty) {
        c->Open(periods::kDecision, day, r.index);
      }
      if (o->party() && !Str(o->party()->credit_code()).empty()) {
        LAWTRAIL_ASSIGN_OR_RETURN(PartyCases * p,
                                  view.EditOrCreate<PartyCases>("~party/" + Str(o->party()->credit_code())));
        if (p->cases.empty()) p->name = Str(o->party()->name());
        p->cases.push_back(case_id);
        p->evidence.push_back(r.index);
      }
      // Cases opened per village and month, and per hour, for spotting spikes.
      if (!Str(o->village()).empty()) {
        LAWTRAIL_RETURN_IF_ERROR(Count(view, "~place/" + Str(o->village()) + "/" + day.substr(0, 7), r.index));
      }
      return Count(view, "~hour/" + day + "T" + ChinaHour(st.occurred_at_ms()), r.index);
    }
    case fb::Payload::DecisionIssued: {
      const auto* d = st.payload_as_DecisionIssued();
      LAWTRAIL_ASSIGN_OR_RETURN(CaseDeadlines * c, case_doc());
      c->Meet(periods::kDecision.name, day, r.index);
      if (c->procedure == Label(fb::Procedure::General)) {
        c->Open(periods::kService, day, r.index);
        if (c->publishable) {
          c->Open(domain::DisclosurePeriodFor(c->category == Label(fb::CaseCategory::Penalty) ||
                                              c->category == Label(fb::CaseCategory::Licensing)),
                  day, r.index);
        }
      }
      int64_t fine = 0;
      if (d->penalties()) {
        for (const auto* p : *d->penalties()) {
          if (p->type() == fb::PenaltyType::Fine) fine += p->amount_fen();
        }
      }
      c->decision_no = Str(d->decision_no());
      c->fine_fen = fine;
      // 行政处罚法 第67条: the decision's own 履行期限, 15 days when it names none.
      if (d->pay_within_days() != 0) c->pay_within_days = d->pay_within_days();
      if (fine > 0 && !c->power_item_code.empty()) {
        LAWTRAIL_ASSIGN_OR_RETURN(Tally * f, view.EditOrCreate<Tally>("~fines/" + c->power_item_code + "/" +
                                                                      Str(st.actor()->certificate_no())));
        ++f->n;
        f->sum_fen = f->sum_fen.value_or(0) + fine;
        f->evidence.push_back(r.index);
      }
      return Status::Ok();
    }
    case fb::Payload::InspectionResultRecorded:
      return OpenDrawResultDeadline(*st.payload_as_InspectionResultRecorded(), r.index, case_doc);
    case fb::Payload::DocumentServed: {
      const auto* s = st.payload_as_DocumentServed();
      LAWTRAIL_ASSIGN_OR_RETURN(CaseDeadlines * c, case_doc());
      if (!c->decision_no || StrView(s->doc_no()) != *c->decision_no) return Status::Ok();
      const std::string served = ChinaDay(s->received_at_ms() != 0 ? s->received_at_ms() : st.occurred_at_ms());
      c->Meet(periods::kService.name, served, r.index);
      if (c->fine_fen.value_or(0) > 0) {
        c->Open(periods::kPayment, served, r.index, "", c->pay_within_days.value_or(periods::kPayment.days));
      }
      return Status::Ok();
    }
    default: return Status::Ok();
  }
}

// 行政处罚法 第48条: a published decision changed, revoked or found illegal or void is withdrawn within three working
// days; the warning names the change and the publication.
template <typename CaseDoc>
Status OnDecisionChanged(const fb::DecisionChanged& changed, uint64_t index, const std::string& day,
                         CaseDoc& case_doc) {
  LAWTRAIL_ASSIGN_OR_RETURN(CaseDeadlines * c, case_doc());
  // A revoked or void decision asks for no payment (a changed one still does, in its new amount).
  const fb::DecisionChange change = changed.change();
  if (change == fb::DecisionChange::Revoked || change == fb::DecisionChange::ConfirmedVoid) {
    c->Drop(periods::kPayment.name);
  }
  if (!c->published_index) return Status::Ok();
  c->Open(periods::kWithdrawal, day, index);
  c->Pending(periods::kWithdrawal.name)->evidence.push_back(*c->published_index);
  return Status::Ok();
}

// The acts that meet, move or end them: disclosure, payment, preservation,
// coercive measures, closing.
// 土地征收: the 征收土地公告 is due fifteen working days after the approval (the approval's date, not the record's).
template <typename CaseDoc>
Status TakingDeadlines(const ProjectedRecord& r, const fb::Statement& st, CaseDoc& case_doc) {
  if (const auto* approved = st.payload_as_TakingApproved()) {
    LAWTRAIL_ASSIGN_OR_RETURN(CaseDeadlines * c, case_doc());
    c->category = Label(fb::CaseCategory::Expropriation);
    c->Open(periods::kLandTakingNotice, Str(approved->approved_on()), r.index);
  } else if (const auto* n = st.payload_as_TakingNoticePosted(); n && n->kind() == fb::TakingNoticeKind::LandTaking) {
    return MeetDeadline(case_doc, periods::kLandTakingNotice.name, Str(n->posted_from()), r.index);
  }
  return Status::Ok();
}

template <typename CaseDoc>
Status MeetDeadlines(const ProjectedRecord& r, const fb::Statement& st, ViewTxn& view, const std::string& case_id,
                     const std::string& day, CaseDoc& case_doc) {
  switch (st.payload_type()) {
    case fb::Payload::DisclosurePublished: {
      LAWTRAIL_RETURN_IF_ERROR(MeetDeadline(case_doc, periods::kDisclosureOther.name, day, r.index));
      LAWTRAIL_RETURN_IF_ERROR(MeetDeadline(case_doc, periods::kDisclosure.name, day, r.index));
      LAWTRAIL_ASSIGN_OR_RETURN(CaseDeadlines * c, case_doc());
      c->published_index = r.index;
      return Status::Ok();
    }
    case fb::Payload::DecisionChanged:
      return OnDecisionChanged(*st.payload_as_DecisionChanged(), r.index, day, case_doc);
    case fb::Payload::DisclosureWithdrawn: {
      LAWTRAIL_ASSIGN_OR_RETURN(CaseDeadlines * c, case_doc());
      c->published_index.reset();
      c->Meet(periods::kWithdrawal.name, day, r.index);
      return Status::Ok();
    }
    case fb::Payload::InspectionResultPublished: {
      const auto* p = st.payload_as_InspectionResultPublished();
      return MeetDeadline(case_doc, std::string(periods::kDrawResult.name) + DrawCheckSuffix(*p),
                          Str(p->published_date()), r.index);
    }
    // Only a payment meets the payment deadline: a 催告 or a court application follows a missed one.
    case fb::Payload::PaymentRecorded: return MeetDeadline(case_doc, periods::kPayment.name, day, r.index);
    case fb::Payload::PaymentDeferred: {
      auto until = domain::ParseDate(Str(st.payload_as_PaymentDeferred()->until_date()));
      LAWTRAIL_ASSIGN_OR_RETURN(CaseDeadlines * c, case_doc());
      Obligation* o = c->Pending(periods::kPayment.name);
      if (o != nullptr && until.ok()) {
        o->due_on = domain::FormatDate(*until);
        o->evidence.push_back(r.index);
      }
      return Status::Ok();
    }
    case fb::Payload::EvidencePreserved: {
      LAWTRAIL_ASSIGN_OR_RETURN(CaseDeadlines * c, case_doc());
      c->Open(periods::kPreservation, day, r.index);
      return Status::Ok();
    }
    case fb::Payload::PreservationDisposed: return MeetDeadline(case_doc, periods::kPreservation.name, day, r.index);
    case fb::Payload::CoerciveMeasureTaken: {
      const auto* m = st.payload_as_CoerciveMeasureTaken();
      LAWTRAIL_ASSIGN_OR_RETURN(CaseDeadlines * c, case_doc());
      c->Open(periods::kSeizureTerm, day, r.index, "/" + Str(m->measure_no()), m->days());
      // A 行政强制 case's first measure is its decision, public within twenty working days (D3).
      if (domain::MeasureIsTheDecision(c->category == Label(fb::CaseCategory::Coercion), c->decision_no.has_value())) {
        c->decision_no = Str(m->measure_no());
        if (c->publishable) c->Open(periods::kDisclosureOther, day, r.index);
      }
      return Status::Ok();
    }
    case fb::Payload::CoerciveMeasureExtended: {
      const auto* m = st.payload_as_CoerciveMeasureExtended();
      LAWTRAIL_ASSIGN_OR_RETURN(CaseDeadlines * c, case_doc());
      if (Obligation* o = c->Pending(std::string(periods::kSeizureTerm.name) + "/" + Str(m->measure_no()))) {
        o->due_on = AddCalendarDays(o->due_on, m->days());
        o->evidence.push_back(r.index);
      }
      return Status::Ok();
    }
    case fb::Payload::CoerciveMeasureLifted:
      return MeetDeadline(
          case_doc,
          std::string(periods::kSeizureTerm.name) + "/" + Str(st.payload_as_CoerciveMeasureLifted()->measure_no()), day,
          r.index);
    case fb::Payload::CaseClosed:
      // A closed case owes nothing more (e.g. a case closed without a decision).
      LAWTRAIL_RETURN_IF_ERROR(MeetDeadline(case_doc, periods::kDecision.name, day, r.index));
      view.Settle(CaseKey(case_id));
      return Status::Ok();
    default: return Status::Ok();
  }
}

}  // namespace

Status WarningsView::Apply(const ProjectedRecord& r, ViewTxn& view) {
  const fb::Statement& st = *r.statement;
  if (st.case_id()->string_view() == kRegistryCaseId) return Status::Ok();
  const std::string case_id = Str(st.case_id());
  // Procedure flags raised at admission, one entry per flag; never read back.
  for (const domain::Flag& f : domain::DecodeFlags(r.flags)) {
    FlagEntry entry;
    entry.case_id = case_id;
    entry.evidence = {r.index};
    entry.message = f.message;
    entry.rule = f.rule_id;
    view.Append("flag/" + IndexKey(r.index) + "/" + f.rule_id, entry);
  }
  const std::string day = ChinaDay(st.occurred_at_ms());
  // The case's document, for the acts that open, meet or move its deadlines.
  // Acts recorded before the case was opened (案源登记) start it, and the
  // opening keeps what they put there.
  auto case_doc = [&] { return view.EditOrCreate<CaseDeadlines>(CaseKey(case_id)); };
  LAWTRAIL_RETURN_IF_ERROR(TakingDeadlines(r, st, case_doc));
  LAWTRAIL_RETURN_IF_ERROR(OpenDeadlines(r, st, view, case_id, day, case_doc));
  return MeetDeadlines(r, st, view, case_id, day, case_doc);
}

namespace {

// An officer whose average fine for an item is over twice, or under half,
// the average of the other officers deciding the same item (≥ 5 decisions each).
void OfficerFinesFarFromPeers(const std::map<std::string, Counters>& fines_by_item, json& out) {
  for (const auto& [item, officers] : fines_by_item) {
    for (const auto& [officer, entry] : officers) {
      const int64_t n = entry["n"];
      if (n < 5) continue;
      int64_t peer_n = 0, peer_sum = 0;
      for (const auto& [other, e] : officers) {
        if (other == officer || e["n"].get<int64_t>() < 5) continue;
        peer_n += e["n"].get<int64_t>();
        peer_sum += e["sum_fen"].get<int64_t>();
      }
      if (peer_n == 0) continue;
      const double mine = double(entry["sum_fen"].get<int64_t>()) / n, peers = double(peer_sum) / peer_n;
      if (mine > 2 * peers || mine < peers / 2) {
        char msg[160];
        std::snprintf(msg, sizeof msg, "平均罚款 %.2f 元，同事项其他执法人员平均 %.2f 元", mine / 100, peers / 100);
        out.push_back({{"kind", "officer fines far from peers"},
                       {"severity", "info"},
                       {"power_item_code", item},
                       {"officer", officer},
                       {"message", msg},
                       {"evidence", entry["evidence"]}});
      }
    }
  }
}

}  // namespace

Result<json> ComputeWarnings(ViewStore& views, const std::string& today) {
  LAWTRAIL_ASSIGN_OR_RETURN(const ViewHandle cf, views.ActiveView(WarningsView::kName));
  json out = json::array();
  const std::string at_risk_from = AddWorkingDays(today, 2);
  std::map<std::string, Counters> fines_by_item;  // item → (officer, entry)
  std::map<std::string, Counters> places;         // village → (month, entry)
  std::map<std::string, Counters> hours;          // month → (day and hour, entry)
  std::unique_ptr<rocksdb::Iterator> it(views.db()->NewIterator(rocksdb::ReadOptions(), cf.get()));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    const std::string key = it->key().ToString();
    LAWTRAIL_ASSIGN_OR_RETURN(const json v, ParseViewValue(it->value().ToStringView(), key));
    if (key.rfind("case/", 0) == 0) {
      for (const json& o : v.value("obligations", json::array())) {
        if (auto w = DeadlineWarning(key.substr(5), o, today, at_risk_from)) out.push_back(std::move(*w));
      }
    } else if (key.rfind("flag/", 0) == 0) {
      out.push_back({{"kind", "procedure flag"},
                     {"severity", "warning"},
                     {"case_id", v["case_id"]},
                     {"rule", v["rule"]},
                     {"message", v["message"]},
                     {"evidence", v["evidence"]}});
    } else if (key.rfind("~party/", 0) == 0) {
      if (v["cases"].size() >= 3) {
        out.push_back({{"kind", "repeat party"},
                       {"severity", "info"},
                       {"party", v["name"]},
                       {"credit_code", key.substr(7)},
                       {"cases", v["cases"]},
                       {"message", "同一当事人立案 " + std::to_string(v["cases"].size()) + " 次"},
                       {"evidence", v["evidence"]}});
      }
    } else if (key.rfind("~hour/", 0) == 0) {
      hours[key.substr(6, 7)].emplace_back(key.substr(6), v);
    } else if (key.rfind("~place/", 0) == 0) {
      const size_t slash = key.rfind('/');
      places[key.substr(7, slash - 7)].emplace_back(key.substr(slash + 1), v);
    } else if (key.rfind("~fines/", 0) == 0) {
      const size_t slash = key.find('/', 7);
      fines_by_item[key.substr(7, slash - 7)].emplace_back(key.substr(slash + 1), v);
    }
  }
  OfficerFinesFarFromPeers(fines_by_item, out);
  // A village whose cases in one month exceed three times its median month
  // (and at least 5 more than it), given at least 6 months of history.
  for (const auto& [village, months] : places) {
    int64_t median = 0;
    for (const auto* spike : Spikes(months, 6, median)) {
      const auto& [month, entry] = *spike;
      const int64_t n = entry["n"];
      out.push_back({{"kind", "place spike"},
                     {"severity", "info"},
                     {"village", village},
                     {"month", month},
                     {"message", village + " " + month + " 立案 " + std::to_string(n) + " 件，通常每月约 " +
                                     std::to_string(median) + " 件"},
                     {"evidence", entry["evidence"]}});
    }
  }
  // An hour in which far more cases were opened than in the month's usual
  // busy hour (the same rule, over the hours of a month that had any).
  for (const auto& [month, in_month] : hours) {
    int64_t median = 0;
    for (const auto* spike : Spikes(in_month, 6, median)) {
      const auto& [hour, entry] = *spike;
      const int64_t n = entry["n"];
      out.push_back({{"kind", "hour spike"},
                     {"severity", "info"},
                     {"hour", hour},
                     {"message", hour.substr(0, 10) + " " + hour.substr(11) + " 时立案 " + std::to_string(n) +
                                     " 件，当月有立案的时段通常约 " + std::to_string(median) + " 件"},
                     {"evidence", entry["evidence"]}});
    }
  }
  return out;
}

}  // namespace lawtrail::projectors
