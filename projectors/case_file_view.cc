#include "projectors/case_file_view.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <sstream>

#include "ledger/bytes.h"
#include "ledger/log_format.h"
#include "projectors/json_view.h"
#include "projectors/labels.h"

namespace lawtrail::domain {
extern const std::string_view kCaseFileOrderTsv;
}

namespace lawtrail::projectors {
namespace {

using nlohmann::json;

const std::map<std::pair<std::string, std::string>, Placement>& OrderTable() {
  static const auto table = [] {
    std::map<std::pair<std::string, std::string>, Placement> t;
    std::istringstream in{std::string(domain::kCaseFileOrderTsv)};
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      std::istringstream fields(line);
      std::string department, type, volume, rank;
      std::getline(fields, department, '\t');
      std::getline(fields, type, '\t');
      std::getline(fields, volume, '\t');
      std::getline(fields, rank, '\t');
      t[{department, type}] = Placement{volume, std::stoi(rank)};
    }
    return t;
  }();
  return table;
}

std::string CaseKey(std::string_view case_id) { return "case/" + std::string(case_id); }

json AvJson(const fb::AvRecording& av, uint64_t index) {
  json interruptions = json::array();
  if (av.interruptions() != nullptr) {
    for (const auto* i : *av.interruptions()) {
      interruptions.push_back({{"stopped_at_ms", i->stopped_at_ms()}, {"resumed_at_ms", i->resumed_at_ms()},
                               {"reason", Str(i->reason())}});
    }
  }
  return {{"record_index", index},
          {"content_hash", av.content_hash() ? ToHex(ByteView(av.content_hash()->data(), av.content_hash()->size())) : ""},
          {"started_at_ms", av.started_at_ms()},
          {"ended_at_ms", av.ended_at_ms()},
          {"device_id", Str(av.device_id())},
          {"continuous", av.continuous()},
          {"interruptions", interruptions}};
}

const flatbuffers::Vector<flatbuffers::Offset<fb::AvRecording>>* InlineAv(const fb::Statement& st) {
  switch (st.payload_type()) {
    case fb::Payload::CoerciveMeasureTaken: return st.payload_as_CoerciveMeasureTaken()->av();
    case fb::Payload::HearingHeld: return st.payload_as_HearingHeld()->av();
    case fb::Payload::DocumentServed: return st.payload_as_DocumentServed()->av();
    case fb::Payload::EnforcementExecuted: return st.payload_as_EnforcementExecuted()->av();
    default: return nullptr;
  }
}

// Inserts `doc` keeping the volume sorted by (rank, record index).
void Place(json& volume, json doc) {
  auto key = [](const json& d) { return std::pair(d["rank"].get<int>(), d["record_index"].get<uint64_t>()); };
  auto it = volume.begin();
  while (it != volume.end() && key(*it) <= key(doc)) ++it;
  volume.insert(it, std::move(doc));
  int n = 1;
  for (auto& d : volume) d["序号"] = n++;
}

}  // namespace

Placement PlaceDocument(std::string_view department, std::string_view doc_type) {
  const auto& t = OrderTable();
  if (auto it = t.find({std::string(department), std::string(doc_type)}); it != t.end()) return it->second;
  if (auto it = t.find({"*", std::string(doc_type)}); it != t.end()) return it->second;
  return Placement{"正卷", 1000};
}

Status CaseFileView::Apply(const ProjectedRecord& r, ViewTxn& view) {
  const fb::Statement& st = *r.statement;
  const std::string cert = Str(st.actor()->certificate_no());
  switch (st.payload_type()) {
    case fb::Payload::AgencyGenesis:
      StoreJson(view, "~agency", {{"name", Str(st.payload_as_AgencyGenesis()->name())}, {"department", ""}});
      return Status::Ok();
    case fb::Payload::AgencyProfileUpdated: {
      const auto* p = st.payload_as_AgencyProfileUpdated();
      StoreJson(view, "~agency", {{"name", Str(p->name())}, {"department", Str(p->department())}});
      return Status::Ok();
    }
    case fb::Payload::OfficerRegistered:
      view.Put("~officer/" + Str(st.payload_as_OfficerRegistered()->certificate_no()),
               Str(st.payload_as_OfficerRegistered()->name()));
      return Status::Ok();
    case fb::Payload::OfficerProfileChanged:
      if (st.payload_as_OfficerProfileChanged()->name() != nullptr) {
        view.Put("~officer/" + Str(st.payload_as_OfficerProfileChanged()->certificate_no()),
                 Str(st.payload_as_OfficerProfileChanged()->name()));
      }
      return Status::Ok();
    default:
      break;
  }
  if (st.case_id()->string_view() == kRegistryCaseId) return Status::Ok();

  const std::string case_id = Str(st.case_id());
  ASSIGN_OR_RETURN(json file, LoadJson(view, CaseKey(case_id)));
  ASSIGN_OR_RETURN(json agency, LoadJson(view, "~agency"));
  if (agency.is_null()) agency = json::object();
  if (file.is_null()) {
    file = {{"case_id", case_id},
            {"cover", {{"办案机构", agency.value("name", "")}}},
            {"正卷", json::array()},
            {"副卷", json::array()},
            {"av", json::array()},
            {"timeline", json::array()},
            {"flags", json::array()}};
  }
  ASSIGN_OR_RETURN(auto actor_name, view.Get("~officer/" + cert));
  const std::string day = ChinaDay(st.occurred_at_ms());
  json step = {{"index", r.index},
               {"occurred_at_ms", st.occurred_at_ms()},
               {"date", day},
               {"event", fb::EnumNamePayload(st.payload_type())},
               {"actor_certificate_no", cert},
               {"actor_name", actor_name.value_or("")}};

  // Flags raised by this record.
  std::istringstream flags{std::string(r.flags)};
  std::string line;
  while (std::getline(flags, line)) {
    const size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    file["flags"].push_back({{"index", r.index}, {"rule", line.substr(0, tab)}, {"message", line.substr(tab + 1)}});
    step["flags"].push_back(line.substr(0, tab));
  }
  file["timeline"].push_back(step);

  // Documents: every attached 文书, and evidence files.
  const std::string department = agency.value("department", "");
  if (st.attachments() != nullptr) {
    for (const auto* a : *st.attachments()) {
      const std::string type = Str(a->doc_type()).empty() ? Str(a->title()) : Str(a->doc_type());
      const Placement place = PlaceDocument(department, type);
      Place(file[place.volume], {{"rank", place.rank},
                                 {"record_index", r.index},
                                 {"文号", Str(a->doc_no())},
                                 {"题名", type},
                                 {"责任者", actor_name.value_or(cert)},
                                 {"日期", day},
                                 {"content_hash", a->content_hash() ? ToHex(ByteView(a->content_hash()->data(), a->content_hash()->size())) : ""},
                                 {"template_id", Str(a->template_id())}});
    }
  }
  if (st.payload_type() == fb::Payload::EvidenceRecorded) {
    const auto* e = st.payload_as_EvidenceRecorded();
    const Placement place = PlaceDocument(department, "证据材料");
    Place(file[place.volume], {{"rank", place.rank},
                               {"record_index", r.index},
                               {"文号", ""},
                               {"题名", "证据材料：" + Str(e->description())},
                               {"责任者", actor_name.value_or(cert)},
                               {"日期", day},
                               {"content_hash", e->content_hash() ? ToHex(ByteView(e->content_hash()->data(), e->content_hash()->size())) : ""},
                               {"template_id", ""}});
  }
  if (st.payload_type() == fb::Payload::AvRecordingAttached && st.payload_as_AvRecordingAttached()->recording()) {
    file["av"].push_back(AvJson(*st.payload_as_AvRecordingAttached()->recording(), r.index));
  }
  if (const auto* av = InlineAv(st)) {
    for (const auto* rec : *av) file["av"].push_back(AvJson(*rec, r.index));
  }

  json& cover = file["cover"];
  switch (st.payload_type()) {
    case fb::Payload::CaseOpened: {
      const auto* o = st.payload_as_CaseOpened();
      cover["案件名称"] = Str(o->cause());
      cover["当事人"] = o->party() ? Str(o->party()->name()) : "";
      cover["立案日期"] = day;
      cover["案件类别"] = Label(o->category());
      cover["程序"] = Label(o->procedure());
      // Important files are kept permanently, ordinary ones 30 years (§6).
      cover["保管期限"] = o->procedure() == fb::Procedure::General ? "永久" : "30年";
      break;
    }
    case fb::Payload::DecisionIssued:
      cover["处罚决定书文号"] = Str(st.payload_as_DecisionIssued()->decision_no());
      break;
    case fb::Payload::CaseClosed: {
      cover["结案日期"] = day;
      // 归档号: 4-digit year and a 4-digit serial of the cases closed that year.
      const std::string year = day.substr(0, 4);
      ASSIGN_OR_RETURN(auto serial, view.Get("~archive/" + year));
      const int next = serial ? std::stoi(*serial) + 1 : 1;
      view.Put("~archive/" + year, std::to_string(next));
      char number[16];
      std::snprintf(number, sizeof number, "%s%04d", year.c_str(), next);
      cover["归档号"] = number;
      file["备考表"] = {{"立卷人", actor_name.value_or(cert)}, {"立卷日期", day}};
      break;
    }
    default:
      break;
  }
  const size_t documents = file["正卷"].size() + file["副卷"].size();
  cover["卷内件数"] = documents;
  if (file.contains("备考表")) {
    file["备考表"]["本卷情况说明"] = "本卷共" + std::to_string(documents) + "件，均为电子文件，内容哈希与记录一致，无缺损、涂改、增补、抽出或销毁。";
  }
  StoreJson(view, CaseKey(case_id), file);
  return Status::Ok();
}

}  // namespace lawtrail::projectors
