#include "projectors/case_file_view.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <optional>
#include <tuple>

#include "ledger/casefile/act_names.h"
#include "ledger/casefile/labels.h"
#include "ledger/core/bytes.h"
#include "ledger/core/log_format.h"
#include "ledger/domain/rules.h"
#include "ledger/log/store.h"
#include "projectors/internal/json_view.h"
#include "projectors/view_doc.h"

namespace lawtrail::projectors {
namespace {

using casefile::CaseFile;
using nlohmann::json;

// A declared backfill period, keyed by the declaration's index: "from_ms until_ms".
constexpr std::string_view kBackfillPrefix = "~backfill/";

// A name from record `index` on: the current one for folding, and a dated
// copy so that a case file names each act's actor as they were named then.
void SetName(ViewTxn& view, const std::string& key, const std::string& name, uint64_t index) {
  view.Put(key, name);
  view.Append(key + "/" + IndexKey(index), name);
}

}  // namespace

Status CaseFileView::Apply(const ProjectedRecord& r, ViewTxn& view) {
  const fb::Statement& st = *r.statement;
  switch (st.payload_type()) {
    case fb::Payload::AgencyGenesis:
      view.StoreDoc("~agency", {{"name", Str(st.payload_as_AgencyGenesis()->name())}, {"department", ""}});
      view.Append("~agency/" + IndexKey(r.index), Str(st.payload_as_AgencyGenesis()->name()));
      return Status::Ok();
    case fb::Payload::AgencyProfileUpdated: {
      const auto* p = st.payload_as_AgencyProfileUpdated();
      view.StoreDoc("~agency", {{"name", Str(p->name())}, {"department", Str(p->department())}});
      view.Append("~agency/" + IndexKey(r.index), Str(p->name()));
      return Status::Ok();
    }
    case fb::Payload::OfficerRegistered:
      SetName(view, "~officer/" + Str(st.payload_as_OfficerRegistered()->certificate_no()),
              Str(st.payload_as_OfficerRegistered()->name()), r.index);
      return Status::Ok();
    case fb::Payload::OfficerProfileChanged:
      if (st.payload_as_OfficerProfileChanged()->name() != nullptr) {
        SetName(view, "~officer/" + Str(st.payload_as_OfficerProfileChanged()->certificate_no()),
                Str(st.payload_as_OfficerProfileChanged()->name()), r.index);
      }
      return Status::Ok();
    case fb::Payload::BackfillDeclared: {
      const auto* b = st.payload_as_BackfillDeclared();
      view.Append(std::string(kBackfillPrefix) + IndexKey(r.index),
                  std::to_string(b->from_ms()) + " " + std::to_string(b->until_ms()));
      return Status::Ok();
    }
    case fb::Payload::CaseClosed: break;
    default: return Status::Ok();
  }
  // 归档号: 4-digit year and a 4-digit serial of the cases closed that year.
  // The number given is kept, so a case closed again keeps its number.
  const std::string case_id = Str(st.case_id());
  LAWTRAIL_ASSIGN_OR_RETURN(const std::string* given, view.Find("~archived/" + case_id));
  if (given != nullptr) return Status::Ok();
  const std::string year = ChinaDay(st.occurred_at_ms()).substr(0, 4);
  LAWTRAIL_ASSIGN_OR_RETURN(auto serial, view.Get("~archive/" + year));
  const int next = serial ? std::stoi(*serial) + 1 : 1;
  view.Put("~archive/" + year, std::to_string(next));
  char formatted[16];
  std::snprintf(formatted, sizeof formatted, "%s%04d", year.c_str(), next);
  view.Put("~archived/" + case_id, formatted);
  return Status::Ok();
}

json CaseFileJson(const CaseFile& file) {
  const casefile::Cover& c = file.cover;
  json cover = json::object();
  for (const auto& [key, value] : casefile::CoverRows(c)) {
    if (*value) cover[key] = **value;
  }
  cover["卷内件数"] = c.documents;
  json out = {{"case_id", file.case_id}, {"cover", cover}};
  for (std::string_view volume : {casefile::kMainVolume, casefile::kRestrictedVolume}) {
    json docs = json::array();
    for (const casefile::Document& d : file.Volume(volume)) {
      docs.push_back({{"record_index", d.record_index},
                      {"文号", d.doc_no},
                      {"题名", d.title},
                      {"责任者", d.responsible},
                      {"日期", d.date},
                      {"content_hash", d.content_hash},
                      {"template_id", d.template_id},
                      {"rank", d.rank},
                      {"序号", d.seq}});
    }
    out[std::string(volume)] = std::move(docs);
  }
  json timeline = json::array();
  for (const casefile::Step& s : file.timeline) {
    json step = {{"index", s.index},
                 {"occurred_at_ms", s.occurred_at_ms},
                 {"recorded_at_ms", s.recorded_at_ms},
                 {"backfilled", s.backfilled},
                 {"date", s.date},
                 {"event", fb::EnumNamePayload(s.event)},
                 {"act", s.act},
                 {"actor_certificate_no", s.actor_certificate_no},
                 {"actor_name", s.actor_name}};
    if (!s.flags.empty()) step["flags"] = s.flags;
    timeline.push_back(std::move(step));
  }
  out["timeline"] = std::move(timeline);
  json av = json::array();
  for (const casefile::Recording& r : file.av) {
    json interruptions = json::array();
    for (const auto& i : r.interruptions) {
      interruptions.push_back(
          {{"stopped_at_ms", i.stopped_at_ms}, {"resumed_at_ms", i.resumed_at_ms}, {"reason", i.reason}});
    }
    av.push_back({{"record_index", r.record_index},
                  {"content_hash", r.content_hash},
                  {"started_at_ms", r.started_at_ms},
                  {"ended_at_ms", r.ended_at_ms},
                  {"device_id", r.device_id},
                  {"continuous", r.continuous},
                  {"interruptions", interruptions}});
  }
  out["av"] = std::move(av);
  json flags = json::array();
  for (const casefile::RaisedFlag& f : file.flags)
    flags.push_back({{"index", f.index}, {"rule", f.rule}, {"message", f.message}});
  out["flags"] = std::move(flags);
  if (file.filing) {
    out["备考表"] = {
        {"本卷情况说明", file.filing->note}, {"立卷人", file.filing->filed_by}, {"立卷日期", file.filing->filed_on}};
  }
  return out;
}

Result<json> ReadCaseFile(ViewStore& views, const LogReader& log, std::string_view case_id) {
  LAWTRAIL_ASSIGN_OR_RETURN(const std::optional<uint32_t> version, views.ActiveVersion(CaseFileView::kName));
  if (!version) return Status::NotFound("the case file view has not caught up yet");
  LAWTRAIL_ASSIGN_OR_RETURN(const ViewHandle cf, views.ActiveView(CaseFileView::kName));
  LAWTRAIL_ASSIGN_OR_RETURN(const uint64_t cursor, views.Cursor(CaseFileView::kName, *version));
  LAWTRAIL_ASSIGN_OR_RETURN(auto agency_text, views.Get(cf, "~agency"));
  json agency;
  if (agency_text) {
    LAWTRAIL_ASSIGN_OR_RETURN(agency, ParseViewValue(*agency_text, "~agency"));
  }
  const std::string department = agency.is_object() ? agency.value("department", "") : "";
  // A name as of record `index`: the last dated one at or before it.
  std::unique_ptr<rocksdb::Iterator> names(views.db()->NewIterator(rocksdb::ReadOptions(), cf.get()));
  auto name_at = [&](const std::string& key, uint64_t index) -> std::string {
    const std::string prefix = key + "/";
    names->SeekForPrev(prefix + IndexKey(index));
    if (!names->Valid() || !names->key().starts_with(prefix)) return "";
    return names->value().ToString();
  };
  // Declared backfill periods, each in force from its declaration on.
  std::vector<std::tuple<uint64_t, int64_t, int64_t>> backfills;
  for (names->Seek(kBackfillPrefix); names->Valid() && names->key().starts_with(kBackfillPrefix); names->Next()) {
    int64_t from = 0, until = 0;
    std::sscanf(names->value().ToString().c_str(), "%" SCNd64 " %" SCNd64, &from, &until);
    backfills.emplace_back(std::stoull(names->key().ToString().substr(kBackfillPrefix.size())), from, until);
  }
  auto backfilled = [&](uint64_t index, int64_t at) {
    return std::any_of(backfills.begin(), backfills.end(), [&](const auto& b) {
      return std::get<0>(b) < index && at >= std::get<1>(b) && at < std::get<2>(b);
    });
  };
  casefile::CaseFileBuilder builder{std::string(case_id), department};
  size_t records = 0;
  LAWTRAIL_RETURN_IF_ERROR(log.ForEachCaseRecord(case_id, [&](uint64_t index, const Bytes& bytes) -> Status {
    if (index >= cursor) return Status::Ok();
    LAWTRAIL_ASSIGN_OR_RETURN(const std::string flags, log.FlagsAt(index));
    LAWTRAIL_ASSIGN_OR_RETURN(const ProjectedRecord r, ProjectRecord(index, ByteView(bytes), flags));
    builder.Add({index, r.statement, domain::DecodeFlags(r.flags),
                 name_at("~officer/" + Str(r.statement->actor()->certificate_no()), index), name_at("~agency", index),
                 r.time_recorded_ms, backfilled(index, r.statement->occurred_at_ms())});
    ++records;
    return Status::Ok();
  }));
  LAWTRAIL_RETURN_IF_ERROR(FromRocks(names->status(), "reading names"));
  if (records == 0) return Status::NotFound("no case file for case '" + std::string(case_id) + "'");
  CaseFile file = std::move(builder).Finish();
  LAWTRAIL_ASSIGN_OR_RETURN(auto archived, views.Get(cf, "~archived/" + std::string(case_id)));
  if (archived) file.cover.archive_no = *archived;
  return CaseFileJson(file);
}

}  // namespace lawtrail::projectors
