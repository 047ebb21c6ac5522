#include "ledger/export/case_export.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "ledger/bundle/bundle.h"
#include "ledger/casefile/case_file_html.h"
#include "ledger/casefile/case_replay.h"
#include "ledger/client/case_acts.h"
#include "ledger/client/statement_builder.h"
#include "ledger/core/checkpoint.h"
#include "ledger/core/fb_string.h"
#include "ledger/core/log_format.h"
#include "ledger/core/merkle.h"
#include "ledger/core/record.h"
#include "ledger/core/sha256.h"
#include "ledger/core/statement.h"
#include "ledger/log/data_dir.h"
#include "ledger/log/files.h"
#include "ledger/log/private_data.h"

namespace lawtrail::court_export {
namespace {

using CaseRecord = bundle::Record;

Result<std::vector<CaseRecord>> RecordsOf(const LogReader& reader, std::string_view case_id, uint64_t size) {
  std::vector<CaseRecord> out;
  LAWTRAIL_RETURN_IF_ERROR(reader.ForEachCaseRecord(case_id, [&](uint64_t index, const Bytes& bytes) {
    if (index < size) out.push_back({index, bytes});
    return Status::Ok();
  }));
  return out;
}

// The case file the bundle's records give, as the court's verifier will
// rebuild it from them.
Result<casefile::Replayed> CaseFileOf(std::string_view origin, std::string_view case_id,
                                      const std::vector<CaseRecord>& registry, const std::vector<CaseRecord>& records) {
  std::vector<ParsedStatement> statements;
  statements.reserve(registry.size() + records.size());
  std::vector<casefile::LoggedRecord> logged[2];
  for (int list = 0; list < 2; ++list) {
    for (const CaseRecord& r : list == 0 ? registry : records) {
      LAWTRAIL_ASSIGN_OR_RETURN(const RecordView view, ParseRecord(r.bytes));
      LAWTRAIL_ASSIGN_OR_RETURN(ParsedStatement parsed, StatementOfRecord(r.bytes, r.index));
      statements.push_back(std::move(parsed));
      logged[list].push_back({r.index, view.record->time_recorded_ms(), merkle::LeafHash(r.bytes), &statements.back()});
    }
  }
  casefile::Replayed replayed = casefile::ReplayCaseFile(origin, case_id, logged[0], logged[1]);
  if (!replayed.status.ok()) {
    const auto& list = replayed.refused_in_registry ? logged[0] : logged[1];
    return Status::Corruption("record " + std::to_string(list[replayed.refused].index) +
                              " would not be admitted as the log stood then (" + replayed.status.ToString() +
                              "); run lawtrail verify");
  }
  return replayed;
}

}  // namespace

namespace {

// The openings the export reveals (those erased are counted, not given) and
// every attachment's manifest entry, with its file when `in.files_dir` has it.
Status AddOpeningsAndAttachments(Store& store, const CaseExportInput& in, const std::vector<CaseRecord>& records,
                                 bundle::Parts& parts, CaseExportBuilt& built) {
  const std::set<std::string> reveal(in.reveal.begin(), in.reveal.end());
  for (const CaseRecord& r : records) {
    LAWTRAIL_ASSIGN_OR_RETURN(const ParsedStatement parsed, StatementOfRecord(r.bytes, r.index));
    const fb::Statement* st = parsed.statement;
    if (st->sealed() != nullptr && !reveal.empty()) {
      for (const fb::SealedField* f : *st->sealed()) {
        if (!reveal.contains(Str(f->field())) || f->commitment() == nullptr || f->commitment()->size() != 32) continue;
        Hash commitment;
        std::copy(f->commitment()->begin(), f->commitment()->end(), commitment.begin());
        LAWTRAIL_ASSIGN_OR_RETURN(auto opened, ReadOpening(store, *in.vault, commitment));
        if (!opened) {
          ++built.openings_erased;
          continue;
        }
        parts.openings.push_back({r.index, opened->field, opened->salt, opened->value});
      }
    }
    if (st->attachments() == nullptr) continue;
    for (const fb::Attachment* a : *st->attachments()) {
      bundle::Attachment entry{
          r.index,          {},          a->size(), Str(a->media_type()), Str(a->title()), Str(a->doc_type()),
          Str(a->doc_no()), std::nullopt};
      if (a->content_hash() == nullptr || a->content_hash()->size() != entry.content_hash.size()) {
        return Status::Corruption("record " + std::to_string(r.index) + " names an attachment without a SHA-256");
      }
      std::copy(a->content_hash()->begin(), a->content_hash()->end(), entry.content_hash.begin());
      if (!in.files_dir.empty()) {
        const std::string path = in.files_dir + "/" + ToHex(entry.content_hash);
        std::error_code ec;
        if (std::filesystem::exists(path, ec)) {
          LAWTRAIL_ASSIGN_OR_RETURN(const std::string content, ReadFile(path));
          if (content.size() != entry.size || Sha256(AsBytes(content)) != entry.content_hash) {
            return Status::Corruption("attachment file " + path + " is not the file record " + std::to_string(r.index) +
                                      " names (its SHA-256 or size differs)");
          }
          entry.file = Bytes(content.begin(), content.end());
          ++built.files;
        }
      }
      parts.attachments.push_back(std::move(entry));
    }
  }
  return Status::Ok();
}

}  // namespace

Result<CaseExportBuilt> BuildCaseExport(Store& store, const LogReader& reader, const CaseExportInput& in) {
  LAWTRAIL_ASSIGN_OR_RETURN(const Checkpoint cp, ParseCheckpointNoteUnverified(in.checkpoint));
  const uint64_t size = cp.size;
  LAWTRAIL_ASSIGN_OR_RETURN(const uint64_t log_size, reader.Size());
  if (size > log_size) return Status::InvalidArgument("the checkpoint is beyond the log's " + std::to_string(log_size));
  if (!in.reveal.empty() && in.vault == nullptr) {
    return Status::FailedPrecondition("revealing fields needs the sealed-data key (DIR/sealed.key)");
  }
  LAWTRAIL_ASSIGN_OR_RETURN(std::vector<CaseRecord> records, RecordsOf(reader, in.case_id, size));
  if (records.empty()) return Status::NotFound("the log holds no record of case '" + in.case_id + "'");
  LAWTRAIL_ASSIGN_OR_RETURN(std::vector<CaseRecord> registry, RecordsOf(reader, kRegistryCaseId, size));

  std::vector<uint64_t> indexes;
  for (const auto* list : {&records, &registry}) {
    for (const CaseRecord& r : *list) indexes.push_back(r.index);
  }
  std::sort(indexes.begin(), indexes.end());
  LAWTRAIL_ASSIGN_OR_RETURN(const std::vector<Hash> inclusion, reader.MultiInclusionProof(indexes, size));

  LAWTRAIL_ASSIGN_OR_RETURN(const Hash map_root, cp.CaseHeadsRoot());
  LAWTRAIL_ASSIGN_OR_RETURN(CaseHeadProof case_head, in.head_proof(in.case_id));
  LAWTRAIL_ASSIGN_OR_RETURN(CaseHeadProof registry_head, in.head_proof(kRegistryCaseId));
  if (case_head.map_root != map_root || registry_head.map_root != map_root) {
    return Status::Corruption("the case-head map does not give the checkpoint's root; run lawtrail verify");
  }

  CaseExportBuilt built;
  built.records = records.size();
  built.registry_records = registry.size();
  bundle::Parts parts;
  parts.origin = cp.origin;
  parts.verifier_key = in.verifier_key;
  parts.case_id = in.case_id;
  parts.checkpoint = in.checkpoint;
  parts.checkpoint_timestamp = in.checkpoint_timestamp;
  parts.inclusion_proof = inclusion;
  parts.case_head_proof = std::move(case_head.siblings);
  parts.registry_head_proof = std::move(registry_head.siblings);

  for (const std::string& note : in.trusted) {
    LAWTRAIL_ASSIGN_OR_RETURN(const Checkpoint trusted, ParseCheckpointNoteUnverified(note));
    if (trusted.size == 0 || trusted.size >= size) continue;  // nothing to prove, or the verifier needs it beside
    LAWTRAIL_ASSIGN_OR_RETURN(std::vector<Hash> proof, reader.ConsistencyProof(trusted.size, size));
    parts.consistency.push_back({trusted.size, size, std::move(proof)});
  }

  LAWTRAIL_RETURN_IF_ERROR(AddOpeningsAndAttachments(store, in, records, parts, built));
  built.openings = parts.openings.size();
  built.attachments = parts.attachments.size();

  LAWTRAIL_ASSIGN_OR_RETURN(const casefile::Replayed replayed, CaseFileOf(cp.origin, in.case_id, registry, records));
  const casefile::CaseFile& file = replayed.file;
  for (std::string_view volume : {casefile::kMainVolume, casefile::kRestrictedVolume}) {
    for (const casefile::Document& d : file.Volume(volume)) parts.documents.push_back(bundle::DocumentOf(d));
  }
  built.documents = parts.documents.size();
  parts.case_file_html =
      casefile::RenderCaseFileHtml(file, {cp.origin, cp.size, ToBase64(cp.root), replayed.recipient});
  parts.records = std::move(records);
  parts.registry_records = std::move(registry);
  built.bundle = bundle::Pack(parts);
  return built;
}

Result<ExportDone> ExportRecorded(Log& log, const RecordedExport& recorded) {
  ExportDone done;
  done.export_index = recorded.export_index;
  // The latest checkpoint, made now if none covers the tree: the export event
  // is durable, so the checkpoint covers it and no waiting is needed.
  if (recorded.anchor) {
    LAWTRAIL_ASSIGN_OR_RETURN(done.checkpoint, recorded.anchor(recorded.export_index + 1));
  } else {
    LAWTRAIL_ASSIGN_OR_RETURN(done.checkpoint, log.CurrentCheckpoint());
  }
  LAWTRAIL_ASSIGN_OR_RETURN(const Checkpoint anchor, ParseCheckpointNoteUnverified(done.checkpoint));
  if (anchor.size <= recorded.export_index) {
    return Status::Internal("the log's checkpoint of size " + std::to_string(anchor.size) +
                            " does not cover the export event at index " + std::to_string(recorded.export_index));
  }
  done.checkpoint_size = anchor.size;
  const uint64_t size = anchor.size;
  CaseExportInput in{
      recorded.case_id,      done.checkpoint,
      recorded.verifier_key, recorded.reveal,
      &log.vault(),          recorded.files_dir,
      recorded.trusted,      [&log, size](std::string_view case_id) { return log.CaseHeadProofAt(case_id, size); }};
  LAWTRAIL_ASSIGN_OR_RETURN(auto stamp, log.reader().TimestampAt(size));
  if (stamp) in.checkpoint_timestamp.assign(stamp->begin(), stamp->end());
  LAWTRAIL_ASSIGN_OR_RETURN(done.built, BuildCaseExport(log.store(), log.reader(), in));
  return done;
}

namespace {

// An approval the export acts on (an ExportApproved, or the
// OriginalsReleaseApproved that releases its files): the one at `index`, or the case's latest.
struct FoundApproval {
  EventId event_id{};
  uint64_t index = 0;
  std::string recipient;
};
Result<std::optional<FoundApproval>> FindLatest(const LogReader& reader, const std::string& case_id,
                                                std::optional<uint64_t> index, fb::Payload type) {
  std::optional<FoundApproval> found;
  LAWTRAIL_RETURN_IF_ERROR(reader.ForEachCaseRecord(case_id, [&](uint64_t at, const Bytes& bytes) -> Status {
    if (index && at != *index) return Status::Ok();
    LAWTRAIL_ASSIGN_OR_RETURN(const ParsedStatement parsed, StatementOfRecord(bytes, at));
    const fb::Statement& st = *parsed.statement;
    if (st.payload_type() != type) return Status::Ok();
    found =
        FoundApproval{parsed.event_id, at,
                      type == fb::Payload::ExportApproved ? Str(st.payload_as_ExportApproved()->recipient())
                                                          : Str(st.payload_as_OriginalsReleaseApproved()->recipient())};
    return Status::Ok();
  }));
  return found;
}

Result<FoundApproval> FindApproval(const LogReader& reader, const std::string& case_id, std::optional<uint64_t> index) {
  LAWTRAIL_ASSIGN_OR_RETURN(auto found, FindLatest(reader, case_id, index, fb::Payload::ExportApproved));
  if (found) return *found;
  return Status::FailedPrecondition(index ? "record " + std::to_string(*index) + " is not an ExportApproved of case '" +
                                                case_id + "'"
                                          : "case '" + case_id +
                                                "' has no recorded ExportApproved: a supervisor approves the export "
                                                "first (R4, rule P-EXPORT); nothing was appended");
}

}  // namespace

Result<ExportDone> ExportCase(Log& log, const std::string& data_dir, const ExportRequest& request) {
  if (request.exporter == nullptr) return Status::InvalidArgument("an export needs the exporter's key");
  LAWTRAIL_ASSIGN_OR_RETURN(const FoundApproval approval,
                            FindApproval(log.reader(), request.case_id, request.approval_index));
  LAWTRAIL_ASSIGN_OR_RETURN(const std::string origin, log.reader().Origin());
  const domain::Act act{origin,
                        request.case_id,
                        request.exporter->name,
                        &request.exporter->key,
                        request.now_ms,
                        RandomEventId(),
                        {},
                        false,
                        "",
                        std::nullopt};
  std::optional<EventId> originals;
  if (!request.files_dir.empty()) {
    LAWTRAIL_ASSIGN_OR_RETURN(
        auto release, FindLatest(log.reader(), request.case_id, std::nullopt, fb::Payload::OriginalsReleaseApproved));
    if (!release) {
      return Status::FailedPrecondition("case '" + request.case_id +
                                        "' has no recorded OriginalsReleaseApproved: releasing the original files "
                                        "is approved first (R4, rule P-EXPORT); nothing was appended");
    }
    originals = release->event_id;
  }
  const Bytes exported = domain::RecordExport(act, approval.event_id, approval.recipient, request.reveal, originals);
  std::vector<AppendResult> appended = log.Append({exported});
  if (!appended[0].ok()) return appended[0].status().WithContext("the export event was refused; nothing was exported");

  LAWTRAIL_ASSIGN_OR_RETURN(const note::Verifier vkey, data_dir::LoadVerifier(data_dir));
  const RecordedExport recorded{request.case_id,
                                appended[0]->index,
                                request.reveal,
                                request.files_dir,
                                request.trusted,
                                note::EncodeVerifier(vkey.name, vkey.public_key),
                                {}};
  LAWTRAIL_ASSIGN_OR_RETURN(ExportDone done, ExportRecorded(log, recorded));
  done.approval_index = approval.index;
  done.recipient = approval.recipient;
  return done;
}

}  // namespace lawtrail::court_export
