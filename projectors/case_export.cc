#include "projectors/case_export.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "ledger/case_head_map.h"
#include "ledger/data_dir.h"
#include "ledger/domain/case_acts.h"
#include "ledger/export/bundle.h"
#include "ledger/statement_builder.h"
#include "projectors/all.h"
#include "projectors/case_file_view.h"
#include "projectors/runner.h"
#include "ledger/checkpoint.h"
#include "ledger/fb_string.h"
#include "ledger/files.h"
#include "ledger/log_format.h"
#include "ledger/private_data.h"
#include "ledger/record.h"
#include "ledger/sha256.h"
#include "ledger/statement.h"
#include "projectors/case_file_html.h"

namespace lawtrail::projectors {
namespace {

using json = nlohmann::json;

using CaseRecord = bundle::Record;

Result<std::vector<CaseRecord>> RecordsOf(const LogReader& reader, std::string_view case_id, uint64_t size) {
  std::vector<CaseRecord> out;
  RETURN_IF_ERROR(reader.ForEachCaseRecord(case_id, [&](uint64_t index, const Bytes& bytes) {
    if (index < size) out.push_back({index, bytes});
    return Status::Ok();
  }));
  return out;
}

// The case-head map path of `case_id`, from every case's head (the log must
// hold exactly the checkpoint's records, so its heads are the checkpoint's).
Result<std::vector<Hash>> HeadProof(CaseHeadMap& map, std::string_view case_id) {
  auto proof = map.Proof(case_map::KeyOf(case_id));
  if (!proof) return Status::NotFound("case '" + std::string(case_id) + "' has no head in the case-head map");
  return std::move(*proof);
}

Result<ParsedStatement> StatementOf(const CaseRecord& r) {
  ASSIGN_OR_RETURN(RecordView rv, ParseRecord(r.bytes));
  auto parsed = ParseSignedStatement(Bytes(rv.signed_statement.begin(), rv.signed_statement.end()));
  if (!parsed.ok()) return parsed.status().WithContext("record " + std::to_string(r.index));
  return parsed;
}

}  // namespace

Result<CaseExportBuilt> BuildCaseExport(Store& store, const LogReader& reader, const CaseExportInput& in) {
  ASSIGN_OR_RETURN(const Checkpoint cp, ParseCheckpointNoteUnverified(in.checkpoint));
  ASSIGN_OR_RETURN(const uint64_t size, reader.Size());
  if (size != cp.size) {
    return Status::FailedPrecondition("the log holds " + std::to_string(size) + " records, the checkpoint " +
                                      std::to_string(cp.size) + ": the log grew during the export; export again");
  }
  if (!in.reveal.empty() && in.vault == nullptr) {
    return Status::FailedPrecondition("revealing fields needs the sealed-data key (DIR/sealed.key)");
  }
  ASSIGN_OR_RETURN(std::vector<CaseRecord> records, RecordsOf(reader, in.case_id, size));
  if (records.empty()) return Status::NotFound("the log holds no record of case '" + in.case_id + "'");
  ASSIGN_OR_RETURN(std::vector<CaseRecord> registry, RecordsOf(reader, kRegistryCaseId, size));

  std::vector<uint64_t> indexes;
  for (const auto* list : {&records, &registry}) {
    for (const CaseRecord& r : *list) indexes.push_back(r.index);
  }
  std::sort(indexes.begin(), indexes.end());
  ASSIGN_OR_RETURN(const std::vector<Hash> inclusion, reader.MultiInclusionProof(indexes, size));

  CaseHeadMap heads;
  RETURN_IF_ERROR(reader.ForEachCaseHead([&](std::string_view case_id, uint64_t index, const CaseHead& head) {
    const Hash key = case_map::KeyOf(case_id);
    heads.Set(key, case_map::LeafOf(key, index, head.leaf_hash, head.version));
    return Status::Ok();
  }));
  ASSIGN_OR_RETURN(const Hash map_root, cp.CaseHeadsRoot());
  if (heads.Root() != map_root) {
    return Status::Corruption("the case index does not give the checkpoint's case-head map root; run lawtrail verify");
  }
  ASSIGN_OR_RETURN(const std::vector<Hash> case_head, HeadProof(heads, in.case_id));
  ASSIGN_OR_RETURN(const std::vector<Hash> registry_head, HeadProof(heads, kRegistryCaseId));

  CaseExportBuilt built;
  built.records = records.size();
  built.registry_records = registry.size();
  bundle::Parts parts;
  parts.origin = cp.origin;
  parts.verifier_key = in.verifier_key;
  parts.case_id = in.case_id;
  parts.checkpoint = in.checkpoint;
  parts.inclusion_proof = inclusion;
  parts.case_head_proof = case_head;
  parts.registry_head_proof = registry_head;

  for (const std::string& note : in.trusted) {
    ASSIGN_OR_RETURN(const Checkpoint trusted, ParseCheckpointNoteUnverified(note));
    if (trusted.size == 0 || trusted.size >= size) continue;  // nothing to prove, or the verifier needs it beside
    ASSIGN_OR_RETURN(std::vector<Hash> proof, reader.ConsistencyProof(trusted.size, size));
    parts.consistency.push_back({trusted.size, size, std::move(proof)});
  }

  const std::set<std::string> reveal(in.reveal.begin(), in.reveal.end());
  for (const CaseRecord& r : records) {
    ASSIGN_OR_RETURN(const ParsedStatement parsed, StatementOf(r));
    const fb::Statement* st = parsed.statement;
    if (st->sealed() != nullptr && !reveal.empty()) {
      for (const fb::SealedField* f : *st->sealed()) {
        if (!reveal.contains(Str(f->field())) || f->commitment() == nullptr || f->commitment()->size() != 32) continue;
        Hash commitment;
        std::copy(f->commitment()->begin(), f->commitment()->end(), commitment.begin());
        ASSIGN_OR_RETURN(auto opened, ReadOpening(store, *in.vault, commitment));
        if (!opened) {
          ++built.openings_erased;
          continue;
        }
        parts.openings.push_back({r.index, opened->field, opened->salt, opened->value});
      }
    }
    if (st->attachments() == nullptr) continue;
    for (const fb::Attachment* a : *st->attachments()) {
      bundle::Attachment entry{r.index, {}, a->size(), Str(a->media_type()), Str(a->title()), Str(a->doc_type()),
                               Str(a->doc_no()), std::nullopt};
      if (a->content_hash() == nullptr || a->content_hash()->size() != entry.content_hash.size()) {
        return Status::Corruption("record " + std::to_string(r.index) + " names an attachment without a SHA-256");
      }
      std::copy(a->content_hash()->begin(), a->content_hash()->end(), entry.content_hash.begin());
      if (!in.files_dir.empty()) {
        const std::string path = in.files_dir + "/" + ToHex(entry.content_hash);
        std::error_code ec;
        if (std::filesystem::exists(path, ec)) {
          ASSIGN_OR_RETURN(const std::string content, ReadFile(path));
          if (content.size() != entry.size || Sha256(AsBytes(content)) != entry.content_hash) {
            return Status::Corruption("attachment file " + path + " is not the file record " +
                                      std::to_string(r.index) + " names (its SHA-256 or size differs)");
          }
          entry.file = Bytes(content.begin(), content.end());
          ++built.files;
        }
      }
      parts.attachments.push_back(std::move(entry));
    }
  }
  built.openings = parts.openings.size();
  built.attachments = parts.attachments.size();

  for (const char* volume : {"正卷", "副卷"}) {
    if (!in.case_file.contains(volume)) continue;
    for (const json& d : in.case_file.at(volume)) {
      ASSIGN_OR_RETURN(Bytes content_hash, FromHex(d.value("content_hash", "")));
      parts.documents.push_back({volume, d.value("序号", 0u), d.value("文号", ""), d.value("题名", ""),
                                 d.value("责任者", ""), d.value("日期", ""), std::move(content_hash),
                                 d.value("record_index", uint64_t{0})});
    }
  }
  built.documents = parts.documents.size();
  parts.case_file_html = RenderCaseFileHtml(in.case_file, {cp.origin, cp.size, ToBase64(cp.root), in.recipient});
  parts.records = std::move(records);
  parts.registry_records = std::move(registry);
  built.bundle = bundle::Pack(parts);
  return built;
}

Result<ExportDone> ExportCase(Log& log, const std::string& data_dir, const std::string& views_path,
                              const ExportRequest& request) {
  if (request.exporter == nullptr) return Status::InvalidArgument("an export needs the exporter's key");
  const LogReader& reader = log.reader();
  ExportDone done;
  EventId approval{};
  bool found = false;
  RETURN_IF_ERROR(reader.ForEachCaseRecord(request.case_id, [&](uint64_t index, const Bytes& bytes) -> Status {
    if (request.approval_index && index != *request.approval_index) return Status::Ok();
    ASSIGN_OR_RETURN(const ParsedStatement parsed, StatementOf({index, bytes}));
    const auto* approved = parsed.statement->payload_as_ExportApproved();
    if (approved == nullptr) return Status::Ok();
    found = true;
    approval = parsed.event_id;
    done.approval_index = index;
    done.recipient = Str(approved->recipient());
    return Status::Ok();
  }));
  if (!found) {
    return Status::FailedPrecondition(
        request.approval_index
            ? "record " + std::to_string(*request.approval_index) + " is not an ExportApproved of case '" +
                  request.case_id + "'"
            : "case '" + request.case_id + "' has no recorded ExportApproved: a supervisor approves the export "
              "first (R4, rule P-EXPORT); nothing was appended");
  }
  ASSIGN_OR_RETURN(const std::string origin, reader.Origin());
  const domain::Act act{origin, request.case_id, request.exporter->name, &request.exporter->key, request.now_ms,
                        RandomEventId(), {}, false, ""};
  const Bytes exported = domain::RecordExport(act, approval, done.recipient, request.reveal, !request.files_dir.empty());
  std::vector<AppendResult> appended = log.Append({exported});
  if (!appended[0].ok()) return appended[0].status().WithContext("the export event was refused; nothing was exported");
  done.export_index = appended[0]->index;
  ASSIGN_OR_RETURN(done.checkpoint, log.CurrentCheckpoint());

  ASSIGN_OR_RETURN(auto views, ViewStore::Open(views_path));
  ProjectionRunner runner(reader, *views, AllProjectors());
  RETURN_IF_ERROR(runner.CatchUp().status().WithContext("folding the views up to the export"));
  ASSIGN_OR_RETURN(nlohmann::json case_file, ReadCaseFile(*views, reader, request.case_id));
  ASSIGN_OR_RETURN(const note::Verifier vkey, data_dir::LoadVerifier(data_dir));
  CaseExportInput in{request.case_id, done.checkpoint, note::EncodeVerifier(vkey.name, vkey.public_key),
                     done.recipient, request.reveal, &log.vault(), request.files_dir, request.trusted,
                     std::move(case_file)};
  ASSIGN_OR_RETURN(done.built, BuildCaseExport(log.store(), reader, in));
  return done;
}

}  // namespace lawtrail::projectors
