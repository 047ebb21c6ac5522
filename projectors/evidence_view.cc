#include "projectors/evidence_view.h"

#include <nlohmann/json.hpp>
#include <rocksdb/db.h>

#include "ledger/casefile/act_names.h"
#include "ledger/core/fb_string.h"
#include "ledger/core/statement_files.h"

namespace lawtrail::projectors {
namespace {

using nlohmann::json;

constexpr std::string_view kPrefix = "file/";

std::string_view KindName(FileKind kind) {
  switch (kind) {
    case FileKind::kDocument: return "document";
    case FileKind::kRecording: return "recording";
    case FileKind::kEvidence: return "evidence";
  }
  return "document";
}

FileRefs ParseRefs(std::string_view text) {
  FileRefs out;
  const json j = json::parse(text, nullptr, false);
  if (!j.is_object()) return out;
  if (j.contains("disposed_by") && j["disposed_by"].is_number_unsigned())
    out.disposed_by = j["disposed_by"].get<uint64_t>();
  for (const auto& r : j.value("refs", json::array())) {
    out.refs.push_back({r.value("index", uint64_t{0}), r.value("case_id", ""), r.value("act", ""), r.value("kind", ""),
                        r.value("title", ""), r.value("doc_type", ""), r.value("doc_no", ""),
                        r.value("size", uint64_t{0})});
  }
  return out;
}

}  // namespace

Status EvidenceView::Apply(const ProjectedRecord& r, ViewTxn& view) {
  const fb::Statement& st = *r.statement;
  for (const NamedFile& f : FilesNamedBy(st)) {
    LAWTRAIL_ASSIGN_OR_RETURN(json * doc, view.EditDoc(std::string(kPrefix) + ToHex(f.hash)));
    if (doc->is_null()) *doc = {{"refs", json::array()}};
    (*doc)["refs"].push_back({{"index", r.index},
                              {"case_id", Str(st.case_id())},
                              {"act", std::string(ActNameOf(st))},
                              {"kind", std::string(KindName(f.kind))},
                              {"title", f.title},
                              {"doc_type", f.doc_type},
                              {"doc_no", f.doc_no},
                              {"size", f.size}});
  }
  if (const auto* d = st.payload_as_EvidenceDisposed(); d != nullptr && d->items() != nullptr) {
    for (const auto* item : *d->items()) {
      LAWTRAIL_ASSIGN_OR_RETURN(json * doc, view.EditDoc(std::string(kPrefix) + item->str()));
      if (doc->is_null()) *doc = {{"refs", json::array()}};
      (*doc)["disposed_by"] = r.index;
    }
  }
  return Status::Ok();
}

Result<FileRefs> ReadFileRefs(ViewStore& views, const Hash& hash) {
  LAWTRAIL_ASSIGN_OR_RETURN(ViewHandle cf, views.ActiveView(EvidenceView::kName));
  LAWTRAIL_ASSIGN_OR_RETURN(auto text, views.Get(cf, std::string(kPrefix) + ToHex(hash)));
  if (!text) return FileRefs{};
  return ParseRefs(*text);
}

Status ScanFileRefs(ViewStore& views, const std::function<bool(const Hash&, const FileRefs&)>& visit) {
  LAWTRAIL_ASSIGN_OR_RETURN(ViewHandle cf, views.ActiveView(EvidenceView::kName));
  std::unique_ptr<rocksdb::Iterator> it(views.db()->NewIterator(rocksdb::ReadOptions(), cf.get()));
  for (it->Seek(std::string(kPrefix)); it->Valid() && it->key().starts_with(std::string(kPrefix)); it->Next()) {
    const std::string_view hex(it->key().data() + kPrefix.size(), it->key().size() - kPrefix.size());
    auto raw = FromHex(hex);
    if (!raw.ok() || raw->size() != 32) continue;
    Hash h;
    std::copy(raw->begin(), raw->end(), h.begin());
    if (!visit(h, ParseRefs(std::string_view(it->value().data(), it->value().size())))) break;
  }
  if (!it->status().ok()) return Status::IOError("reading the evidence view: " + it->status().ToString());
  return Status::Ok();
}

}  // namespace lawtrail::projectors
