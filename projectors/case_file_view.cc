#include "projectors/case_file_view.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <sstream>

#include "ledger/bytes.h"
#include "ledger/log_format.h"
#include "projectors/json_text.h"
#include "projectors/json_view.h"
#include "projectors/labels.h"
#include "ledger/store.h"

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

std::string PartKey(const std::string& case_id, const std::string& part, uint64_t index, size_t n) {
  char tail[40];
  std::snprintf(tail, sizeof tail, "/%020llu/%03zu", static_cast<unsigned long long>(index), n);
  return "case/" + case_id + "/" + part + tail;
}

std::string DocKey(const std::string& case_id, const Placement& place, uint64_t index, size_t n) {
  char rank[8];
  std::snprintf(rank, sizeof rank, "%04d", place.rank);
  return PartKey(case_id, std::string("d/") + place.volume + "/" + rank, index, n);
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
  ASSIGN_OR_RETURN(const json* agency, view.PeekDoc("~agency"));
  const std::string agency_name = agency->is_object() ? agency->value("name", "") : "";
  const std::string department = agency->is_object() ? agency->value("department", "") : "";
  ASSIGN_OR_RETURN(json * file, view.EditDoc(CaseKey(case_id)));
  if (file->is_null()) {
    *file = {{"case_id", case_id}, {"cover", {{"办案机构", agency_name}, {"卷内件数", 0}}}};
  }
  ASSIGN_OR_RETURN(const std::string* actor_name, view.Find("~officer/" + cert));
  const std::string actor = actor_name != nullptr ? *actor_name : cert;
  const std::string day = ChinaDay(st.occurred_at_ms());

  // Flags raised by this record.
  std::string flag_rules;
  size_t n = 0;
  for (std::string_view rest = r.flags; !rest.empty();) {
    const size_t end = std::min(rest.find('\n'), rest.size());
    const std::string_view line = rest.substr(0, end);
    rest.remove_prefix(std::min(end + 1, rest.size()));
    const size_t tab = line.find('\t');
    if (tab == std::string_view::npos) continue;
    view.Append(PartKey(case_id, "f", r.index, n++), JsonText()
                                                        .Int("index", static_cast<int64_t>(r.index))
                                                        .Str("rule", line.substr(0, tab))
                                                        .Str("message", line.substr(tab + 1))
                                                        .Take());
    flag_rules += flag_rules.empty() ? "[" : ",";
    AppendJsonString(flag_rules, line.substr(0, tab));
  }
  JsonText step;
  step.Int("index", static_cast<int64_t>(r.index))
      .Int("occurred_at_ms", st.occurred_at_ms())
      .Str("date", day)
      .Str("event", fb::EnumNamePayload(st.payload_type()))
      .Str("actor_certificate_no", cert)
      .Str("actor_name", actor_name != nullptr ? *actor_name : "");
  if (!flag_rules.empty()) step.Raw("flags", flag_rules + "]");
  view.Append(PartKey(case_id, "t", r.index, 0), step.Take());

  // Documents: every attached 文书, and evidence files.
  int64_t documents = (*file)["cover"].value("卷内件数", int64_t{0});
  auto file_document = [&](std::string_view type, std::string_view title, std::string_view doc_no,
                           const flatbuffers::Vector<uint8_t>* hash, std::string_view template_id, size_t k) {
    const Placement place = PlaceDocument(department, type);
    view.Append(DocKey(case_id, place, r.index, k),
                JsonText()
                    .Int("record_index", static_cast<int64_t>(r.index))
                    .Str("文号", doc_no)
                    .Str("题名", title)
                    .Str("责任者", actor)
                    .Str("日期", day)
                    .Str("content_hash", hash ? ToHex(ByteView(hash->data(), hash->size())) : "")
                    .Str("template_id", template_id)
                    .Take());
    ++documents;
  };
  size_t k = 0;
  if (st.attachments() != nullptr) {
    for (const auto* a : *st.attachments()) {
      const std::string type = Str(a->doc_type()).empty() ? Str(a->title()) : Str(a->doc_type());
      file_document(type, type, Str(a->doc_no()), a->content_hash(), Str(a->template_id()), k++);
    }
  }
  if (st.payload_type() == fb::Payload::EvidenceRecorded) {
    const auto* e = st.payload_as_EvidenceRecorded();
    file_document("证据材料", "证据材料：" + Str(e->description()), "", e->content_hash(), "", k++);
  }
  size_t a = 0;
  if (st.payload_type() == fb::Payload::AvRecordingAttached && st.payload_as_AvRecordingAttached()->recording()) {
    view.Append(PartKey(case_id, "a", r.index, a++),
                AvJson(*st.payload_as_AvRecordingAttached()->recording(), r.index).dump());
  }
  if (const auto* av = InlineAv(st)) {
    for (const auto* rec : *av) view.Append(PartKey(case_id, "a", r.index, a++), AvJson(*rec, r.index).dump());
  }

  json& cover = (*file)["cover"];
  cover["卷内件数"] = documents;
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
      // 归档号: 4-digit year and a 4-digit serial of the cases closed that
      // year. The number given is kept apart from the case's entries, so a
      // rebuild of this case alone finds it rather than drawing a new one.
      const std::string year = day.substr(0, 4);
      ASSIGN_OR_RETURN(const std::string* given, view.Find("~archived/" + case_id));
      std::string number;
      if (given != nullptr) {
        number = *given;
      } else {
        ASSIGN_OR_RETURN(auto serial, view.Get("~archive/" + year));
        const int next = serial ? std::stoi(*serial) + 1 : 1;
        view.Put("~archive/" + year, std::to_string(next));
        char formatted[16];
        std::snprintf(formatted, sizeof formatted, "%s%04d", year.c_str(), next);
        number = formatted;
        view.Put("~archived/" + case_id, number);
      }
      cover["归档号"] = number;
      (*file)["备考表"] = {{"立卷人", actor}, {"立卷日期", day}};
      break;
    }
    default:
      break;
  }
  return Status::Ok();
}

Result<json> ReadCaseFile(ViewStore& views, std::string_view case_id) {
  ASSIGN_OR_RETURN(auto* cf, views.ActiveView(CaseFileView::kName));
  const std::string key = "case/" + std::string(case_id);
  ASSIGN_OR_RETURN(auto cover, views.Get(cf, key));
  if (!cover) return Status::NotFound("no case file for case '" + std::string(case_id) + "'");
  json file = json::parse(*cover, nullptr, false);
  if (file.is_discarded()) return Status::Corruption("case file of '" + std::string(case_id) + "' is not JSON");
  file["正卷"] = json::array();
  file["副卷"] = json::array();
  file["timeline"] = json::array();
  file["av"] = json::array();
  file["flags"] = json::array();
  const std::string prefix = key + "/";
  std::unique_ptr<rocksdb::Iterator> it(views.db()->NewIterator(rocksdb::ReadOptions(), cf));
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    const std::string part = it->key().ToString().substr(prefix.size());
    json v = json::parse(it->value().ToString(), nullptr, false);
    if (v.is_discarded()) return Status::Corruption("a part of case file '" + std::string(case_id) + "' is not JSON");
    switch (part[0]) {
      case 't': file["timeline"].push_back(std::move(v)); break;
      case 'a': file["av"].push_back(std::move(v)); break;
      case 'f': file["flags"].push_back(std::move(v)); break;
      case 'd': {
        // d/<volume>/<rank>/<index>/<n>: keys sort by rank, then record.
        const size_t slash = part.find('/', 2);
        const std::string volume = part.substr(2, slash - 2);
        v["rank"] = std::stoi(part.substr(slash + 1, 4));
        v["序号"] = file[volume].size() + 1;
        file[volume].push_back(std::move(v));
        break;
      }
      default:
        break;
    }
  }
  RETURN_IF_ERROR(FromRocks(it->status(), "reading a case file"));
  if (file.contains("备考表")) {
    file["备考表"]["本卷情况说明"] = "本卷共" + std::to_string(file["cover"].value("卷内件数", 0)) +
                                 "件，均为电子文件，内容哈希与记录一致，无缺损、涂改、增补、抽出或销毁。";
  }
  return file;
}

}  // namespace lawtrail::projectors
