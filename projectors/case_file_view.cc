#include "projectors/case_file_view.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <sstream>

#include "ledger/bytes.h"
#include "ledger/domain/rules.h"
#include "ledger/log_format.h"
#include "projectors/json_view.h"
#include "projectors/labels.h"
#include "projectors/view_doc.h"
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

// A case file's cover (封面).
struct Cover : Fielded {
  std::optional<std::string> retention, agency, decision_no, archive_no, party, case_name, category, procedure,
      opened_on, closed_on;
  template <typename V>
  void Fields(V& v) {
    v("保管期限", retention), v("办案机构", agency), v("处罚决定书文号", decision_no), v("归档号", archive_no);
    v("当事人", party), v("案件名称", case_name), v("案件类别", category), v("程序", procedure);
    v("立案日期", opened_on), v("结案日期", closed_on);
  }
};

// The 备考表: who put the file together, and when.
struct FilingNote : Fielded {
  std::string filed_by, filed_on;
  template <typename V>
  void Fields(V& v) {
    v("立卷人", filed_by), v("立卷日期", filed_on);
  }
};

// A case file's stored part (the rest is read from the log).
struct CaseCover final : FieldsDoc<CaseCover> {
  std::string case_id;
  Cover cover;
  std::optional<FilingNote> note;
  template <typename V>
  void Fields(V& v) {
    v("case_id", case_id), v("cover", cover), v("备考表", note);
  }
};

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

// An officer's name from record `index` on: the current one for folding, and
// a dated copy so that a case file names each act's signer as they were then.
void SetOfficerName(ViewTxn& view, const std::string& cert, const std::string& name, uint64_t index) {
  view.Put("~officer/" + cert, name);
  view.Append("~officer/" + cert + "/" + IndexKey(index), name);
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
  switch (st.payload_type()) {
    case fb::Payload::AgencyGenesis:
      view.StoreDoc("~agency", {{"name", Str(st.payload_as_AgencyGenesis()->name())}, {"department", ""}});
      return Status::Ok();
    case fb::Payload::AgencyProfileUpdated: {
      const auto* p = st.payload_as_AgencyProfileUpdated();
      view.StoreDoc("~agency", {{"name", Str(p->name())}, {"department", Str(p->department())}});
      return Status::Ok();
    }
    case fb::Payload::OfficerRegistered:
      SetOfficerName(view, Str(st.payload_as_OfficerRegistered()->certificate_no()),
                     Str(st.payload_as_OfficerRegistered()->name()), r.index);
      return Status::Ok();
    case fb::Payload::OfficerProfileChanged:
      if (st.payload_as_OfficerProfileChanged()->name() != nullptr) {
        SetOfficerName(view, Str(st.payload_as_OfficerProfileChanged()->certificate_no()),
                       Str(st.payload_as_OfficerProfileChanged()->name()), r.index);
      }
      return Status::Ok();
    case fb::Payload::CaseOpened:
    case fb::Payload::DecisionIssued:
    case fb::Payload::CaseClosed:
      break;  // the acts that fill in the cover
    default:
      return Status::Ok();
  }
  if (st.case_id()->string_view() == kRegistryCaseId) return Status::Ok();

  const std::string case_id = Str(st.case_id());
  const std::string day = ChinaDay(st.occurred_at_ms());
  ASSIGN_OR_RETURN(CaseCover * file, view.EditOrCreate<CaseCover>(CaseKey(case_id)));
  if (file->case_id.empty()) {  // the case's first act
    ASSIGN_OR_RETURN(const json* agency, view.PeekDoc("~agency"));
    file->case_id = case_id;
    file->cover.agency = agency->is_object() ? agency->value("name", "") : "";
  }
  auto& cover = file->cover;
  switch (st.payload_type()) {
    case fb::Payload::CaseOpened: {
      const auto* o = st.payload_as_CaseOpened();
      cover.case_name = Str(o->cause());
      cover.party = o->party() ? Str(o->party()->name()) : "";
      cover.opened_on = day;
      cover.category = Label(o->category());
      cover.procedure = Label(o->procedure());
      // Important files are kept permanently, ordinary ones 30 years (§6).
      cover.retention = o->procedure() == fb::Procedure::General ? "永久" : "30年";
      break;
    }
    case fb::Payload::DecisionIssued:
      cover.decision_no = Str(st.payload_as_DecisionIssued()->decision_no());
      break;
    case fb::Payload::CaseClosed: {
      cover.closed_on = day;
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
      cover.archive_no = number;
      const std::string cert = Str(st.actor()->certificate_no());
      ASSIGN_OR_RETURN(auto name, view.Get("~officer/" + cert));
      FilingNote& note = file->note.emplace();
      note.filed_by = name.value_or(cert);
      note.filed_on = day;
      view.Settle(CaseKey(case_id));
      break;
    }
    default:
      break;
  }
  return Status::Ok();
}

namespace {

// The parts of the file one record contributes: its timeline entry, its
// documents, its recordings and its flags.
struct FileParts {
  json timeline = json::array(), av = json::array(), flags = json::array();
  struct Document {
    Placement place;
    uint64_t index;
    size_t n;
    json entry;
  };
  std::vector<Document> documents;
};

void AddRecord(const ProjectedRecord& r, const std::string& department, const std::string* actor_name,
               FileParts& parts) {
  const fb::Statement& st = *r.statement;
  const std::string cert = Str(st.actor()->certificate_no());
  const std::string actor = actor_name != nullptr ? *actor_name : cert;
  const std::string day = ChinaDay(st.occurred_at_ms());
  json step = {{"index", r.index},
               {"occurred_at_ms", st.occurred_at_ms()},
               {"date", day},
               {"event", fb::EnumNamePayload(st.payload_type())},
               {"actor_certificate_no", cert},
               {"actor_name", actor_name != nullptr ? *actor_name : ""}};
  for (const domain::Flag& f : domain::DecodeFlags(r.flags)) {
    parts.flags.push_back({{"index", r.index}, {"rule", f.rule_id}, {"message", f.message}});
    step["flags"].push_back(f.rule_id);
  }
  parts.timeline.push_back(std::move(step));

  size_t k = 0;
  auto file_document = [&](const std::string& type, const std::string& title, const std::string& doc_no,
                           const flatbuffers::Vector<uint8_t>* hash, const std::string& template_id) {
    parts.documents.push_back({PlaceDocument(department, type), r.index, k++,
                               {{"record_index", r.index},
                                {"文号", doc_no},
                                {"题名", title},
                                {"责任者", actor},
                                {"日期", day},
                                {"content_hash", hash ? ToHex(ByteView(hash->data(), hash->size())) : ""},
                                {"template_id", template_id}}});
  };
  if (st.attachments() != nullptr) {
    for (const auto* a : *st.attachments()) {
      const std::string type = Str(a->doc_type()).empty() ? Str(a->title()) : Str(a->doc_type());
      file_document(type, type, Str(a->doc_no()), a->content_hash(), Str(a->template_id()));
    }
  }
  if (st.payload_type() == fb::Payload::EvidenceRecorded) {
    const auto* e = st.payload_as_EvidenceRecorded();
    file_document("证据材料", "证据材料：" + Str(e->description()), "", e->content_hash(), "");
  }
  if (st.payload_type() == fb::Payload::AvRecordingAttached && st.payload_as_AvRecordingAttached()->recording()) {
    parts.av.push_back(AvJson(*st.payload_as_AvRecordingAttached()->recording(), r.index));
  }
  if (const auto* av = InlineAv(st)) {
    for (const auto* rec : *av) parts.av.push_back(AvJson(*rec, r.index));
  }
}

}  // namespace

std::string FileNote(size_t documents) {
  return "本卷共" + std::to_string(documents) + "件，均为电子文件，内容哈希与记录一致，无缺损、涂改、增补、抽出或销毁。";
}

Result<json> ReadCaseFile(ViewStore& views, const LogReader& log, std::string_view case_id) {
  ASSIGN_OR_RETURN(const std::optional<uint32_t> version, views.ActiveVersion(CaseFileView::kName));
  if (!version) return Status::NotFound("the case file view has not caught up yet");
  ASSIGN_OR_RETURN(auto* cf, views.ActiveView(CaseFileView::kName));
  ASSIGN_OR_RETURN(const uint64_t cursor, views.Cursor(CaseFileView::kName, *version));
  auto read_doc = [&](const std::string& key) -> Result<json> {
    ASSIGN_OR_RETURN(auto text, views.Get(cf, key));
    if (!text) return json();
    return ParseViewValue(*text, key);
  };
  ASSIGN_OR_RETURN(json file, read_doc(CaseKey(case_id)));
  ASSIGN_OR_RETURN(const json agency, read_doc("~agency"));
  const std::string department = agency.is_object() ? agency.value("department", "") : "";
  // Each signer's name as of the act: the last dated name at or before it.
  std::unique_ptr<rocksdb::Iterator> names(views.db()->NewIterator(rocksdb::ReadOptions(), cf));
  auto name_at = [&](const std::string& cert, uint64_t index) -> std::optional<std::string> {
    const std::string prefix = "~officer/" + cert + "/";
    names->SeekForPrev(prefix + IndexKey(index));
    if (!names->Valid() || !names->key().starts_with(prefix)) return std::nullopt;
    return names->value().ToString();
  };
  FileParts parts;
  size_t records = 0;
  RETURN_IF_ERROR(log.ForEachCaseRecord(case_id, [&](uint64_t index, const Bytes& bytes) -> Status {
    if (index >= cursor) return Status::Ok();
    ASSIGN_OR_RETURN(const std::string flags, log.FlagsAt(index));
    ASSIGN_OR_RETURN(const ProjectedRecord r, ProjectRecord(index, ByteView(bytes), flags));
    const std::optional<std::string> name = name_at(Str(r.statement->actor()->certificate_no()), index);
    AddRecord(r, department, name ? &*name : nullptr, parts);
    ++records;
    return Status::Ok();
  }));
  RETURN_IF_ERROR(FromRocks(names->status(), "reading officer names"));
  if (records == 0) return Status::NotFound("no case file for case '" + std::string(case_id) + "'");
  if (file.is_null()) {  // only acts before the case was opened (案源登记)
    file = {{"case_id", case_id}, {"cover", {{"办案机构", agency.is_object() ? agency.value("name", "") : ""}}}};
  }
  // 卷内目录: each volume by rank in the filing order, then by record.
  std::stable_sort(parts.documents.begin(), parts.documents.end(), [](const auto& a, const auto& b) {
    return std::tie(a.place.rank, a.index, a.n) < std::tie(b.place.rank, b.index, b.n);
  });
  file["正卷"] = json::array();
  file["副卷"] = json::array();
  for (auto& d : parts.documents) {
    json& volume = file[d.place.volume];
    d.entry["rank"] = d.place.rank;
    d.entry["序号"] = volume.size() + 1;
    volume.push_back(std::move(d.entry));
  }
  file["cover"]["卷内件数"] = parts.documents.size();
  file["timeline"] = std::move(parts.timeline);
  file["av"] = std::move(parts.av);
  file["flags"] = std::move(parts.flags);
  if (file.contains("备考表")) {
    file["备考表"]["本卷情况说明"] = FileNote(parts.documents.size());
  }
  return file;
}

}  // namespace lawtrail::projectors
