#include "projectors/disclosure_view.h"

#include "ledger/domain/money.h"
#include "ledger/log_format.h"
#include "projectors/json_view.h"
#include "projectors/labels.h"

namespace lawtrail::projectors {
namespace {

using nlohmann::json;

std::string CaseKey(std::string_view case_id) { return "~case/" + std::string(case_id); }
std::string DecisionKey(std::string_view case_id) { return "decision/" + std::string(case_id); }

// 罚款金额(万元) as the 双公示 feed wants it: six decimals, exact.
std::string WanYuan(int64_t fen) {
  std::string s = std::to_string(fen / 1'000'000) + "." + std::to_string(1'000'000 + fen % 1'000'000).substr(1);
  return s;
}

// Numbers the current record (already in place at its key) as a new version
// and keeps a copy as it stood after record `index`.
void Save(ViewTxn& view, const std::string& case_id, json& record, uint64_t index) {
  record["version"] = record.value("version", 0) + 1;
  view.Append(DecisionKey(case_id) + "/v/" + IndexKey(index), record.dump());
}

Status OnDecision(const ProjectedRecord& r, ViewTxn& view) {
  const fb::Statement& st = *r.statement;
  const auto* d = st.payload_as_DecisionIssued();
  const std::string case_id = Str(st.case_id());
  ASSIGN_OR_RETURN(const json* case_doc, view.PeekDoc(CaseKey(case_id)));
  ASSIGN_OR_RETURN(const json* agency_doc, view.PeekDoc("~agency"));
  const json& c = *case_doc;
  const bool has_agency = agency_doc->is_object();
  if (c.is_null()) return Status::Corruption("decision in case '" + case_id + "' that was never opened");
  json rec;
  rec["case_id"] = case_id;
  rec["decision_no"] = Str(d->decision_no());
  rec["outcome"] = Label(d->outcome());
  for (const char* field : {"category", "procedure", "party_kind", "party_name"}) {
    rec[field] = c.contains(field) ? c[field] : json();
  }
  if (c.contains("party_credit_code")) rec["party_credit_code"] = c["party_credit_code"];
  rec["violation_type"] = Str(d->violation_type());
  rec["facts"] = Str(d->facts());
  rec["basis"] = Str(d->basis());
  json types = json::array();
  std::string content;
  int64_t fine = 0, confiscated = 0;
  bool light_only = true;
  if (d->penalties() != nullptr) {
    for (const auto* p : *d->penalties()) {
      types.push_back(Label(p->type()));
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
  rec["penalty_types"] = types;
  rec["penalty_content"] = content;
  rec["fine_wan_yuan"] = WanYuan(fine);
  rec["confiscation_wan_yuan"] = WanYuan(confiscated);
  rec["decided_on"] = ChinaDay(st.occurred_at_ms());
  rec["decided"] = Dated(r);
  rec["agency"] = has_agency ? agency_doc->value("name", "") : "";
  rec["agency_credit_code"] = has_agency ? agency_doc->value("credit_code", "") : "";
  // 7 working days for 行政处罚 and 行政许可 decisions, 20 for others (D3).
  const bool seven = c.value("category", "") == Label(fb::CaseCategory::Penalty) ||
                     c.value("category", "") == Label(fb::CaseCategory::Licensing);
  rec["due_within_working_days"] = seven ? 7 : 20;
  rec["due_on"] = AddWorkingDays(rec["decided_on"], seven ? 7 : 20);
  rec["publishable"] = c.value("publishable", false);
  // 3 months for warnings and 通报批评, 3 years otherwise (§7.3).
  rec["display_months"] = light_only ? 3 : 36;
  rec["status"] = "pending";
  ASSIGN_OR_RETURN(json * current, view.EditDoc(DecisionKey(case_id)));
  *current = std::move(rec);
  Save(view, case_id, *current, r.index);
  if ((*current)["publishable"]) view.Put("by-date/" + (*current)["decided_on"].get<std::string>() + "/" + case_id, "");
  return Status::Ok();
}

Status OnDisclosureAct(const ProjectedRecord& r, ViewTxn& view) {
  const fb::Statement& st = *r.statement;
  const std::string case_id = Str(st.case_id());
  ASSIGN_OR_RETURN(const json* existing, view.PeekDoc(DecisionKey(case_id)));
  if (existing->is_null()) return Status::Corruption("disclosure act in case '" + case_id + "' with no decision");
  ASSIGN_OR_RETURN(json * edited, view.EditDoc(DecisionKey(case_id)));
  json& rec = *edited;
  const std::string day = ChinaDay(st.occurred_at_ms());
  switch (st.payload_type()) {
    case fb::Payload::DisclosurePublished: {
      const auto* p = st.payload_as_DisclosurePublished();
      rec["publication_id"] = Str(p->publication_id());
      rec["platform"] = Str(p->platform());
      rec["published_on"] = day;
      rec["published"] = Dated(r);
      rec["published_on_time"] = day <= rec.value("due_on", "");
      rec["display_until"] = Str(p->display_until());
      rec["summary"] = Str(p->summary());
      rec["status"] = "published";
      break;
    }
    case fb::Payload::DisclosureCorrected: {
      const auto* p = st.payload_as_DisclosureCorrected();
      rec["corrections"].push_back({{"on", day}, {"reason", Str(p->reason())}, {"index", r.index}});
      rec["summary"] = Str(p->summary());
      break;
    }
    case fb::Payload::DisclosureWithdrawn: {
      const auto* p = st.payload_as_DisclosureWithdrawn();
      json w = {{"on", day}, {"reason", Str(p->reason())}, {"index", r.index}};
      if (rec.contains("change")) w["within_3_working_days"] = day <= rec["change"].value("withdraw_by", "");
      rec["withdrawn"] = w;
      rec["status"] = "withdrawn";
      break;
    }
    case fb::Payload::DecisionChanged: {
      const auto* p = st.payload_as_DecisionChanged();
      rec["change"] = {{"on", day},
                       {"kind", Label(p->change())},
                       {"by", Label(p->by())},
                       {"ruling_no", Str(p->ruling_no())},
                       {"reason", Str(p->reason())},
                       {"index", r.index},
                       // 第48条: withdraw within 3 working days.
                       {"withdraw_by", AddWorkingDays(day, 3)}};
      break;
    }
    default:
      return Status::Ok();
  }
  Save(view, case_id, rec, r.index);
  return Status::Ok();
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
      json c = {{"category", Label(o->category())}, {"procedure", Label(o->procedure())}};
      if (const fb::Party* p = o->party()) {
        c["party_kind"] = Label(p->kind());
        c["party_name"] = Str(p->name());  // masked for natural persons (admission checks it)
        if (!Str(p->credit_code()).empty()) c["party_credit_code"] = Str(p->credit_code());
      }
      c["publishable"] = Publishable(*o);
      view.StoreDoc(CaseKey(Str(st.case_id())), c);
      return Status::Ok();
    }
    case fb::Payload::DecisionIssued:
      return OnDecision(r, view);
    case fb::Payload::DisclosurePublished:
    case fb::Payload::DisclosureCorrected:
    case fb::Payload::DisclosureWithdrawn:
    case fb::Payload::DecisionChanged:
      return OnDisclosureAct(r, view);
    default:
      return Status::Ok();
  }
}

bool Publishable(const fb::CaseOpened& o) {
  return o.procedure() == fb::Procedure::General && !(o.party() != nullptr && o.party()->minor());
}

std::string DisclosureStatus(const std::string& record_json, const std::string& today) {
  const json rec = json::parse(record_json, nullptr, false);
  if (rec.is_discarded() || !rec.is_object()) return "unknown";
  const std::string status = rec.value("status", "");
  if (status == "withdrawn") return "withdrawn";
  if (status == "published") return rec.value("published_on_time", false) ? "published on time" : "published late";
  if (!rec.value("publishable", true)) return "not published";
  return today > rec.value("due_on", "") ? "overdue" : "due";
}

}  // namespace lawtrail::projectors
