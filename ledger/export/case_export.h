// File: ledger/export/case_export.h
// -----------------------------------------------------------------------------
// Builds a case export (schemas/export.fbs; docs/court-export.md) at a
// checkpoint of the log, which may have grown since: the case's and the registry's
// records with their exact bytes, one multi-leaf inclusion proof of them all,
// the case-head map paths of both, consistency proofs from the checkpoints the
// requester trusts, the openings the export reveals, the attachment manifest
// (and files), and the case file — its 卷内目录 and its HTML — rebuilt from
// exactly those records (ledger/casefile/case_replay.h), as the court's
// verifier rebuilds it to compare.
//
// Deterministic: the same log, case, checkpoint and input give the same bytes.
#ifndef LAWTRAIL_LEDGER_EXPORT_CASE_EXPORT_H_
#define LAWTRAIL_LEDGER_EXPORT_CASE_EXPORT_H_

#include <functional>
#include <string>
#include <vector>

#include "ledger/core/bytes.h"
#include "ledger/core/note.h"
#include "ledger/log/log.h"
#include "ledger/log/log_reader.h"
#include "ledger/log/sealed_vault.h"
#include "ledger/log/store.h"

namespace lawtrail::court_export {

struct CaseExportInput {
  std::string case_id;
  std::string checkpoint;              // signed note: the export's anchor
  std::string verifier_key;            // the log's, as published
  std::vector<std::string> reveal;     // sealed fields whose openings go in
  const SealedVault* vault = nullptr;  // required when `reveal` is not empty
  std::string files_dir;               // attachment files named by their hex SHA-256; empty: none
  std::vector<std::string> trusted;    // earlier checkpoints (notes) to prove consistency from
  // A case's path in the case-head map of the checkpoint (Log::CaseHeadProofAt).
  std::function<Result<CaseHeadProof>(std::string_view case_id)> head_proof;
  Bytes checkpoint_timestamp = {};  // the RFC 3161 token over the checkpoint's body, if the log has one
};

struct CaseExportBuilt {
  Bytes bundle;
  size_t records = 0, registry_records = 0, openings = 0, openings_erased = 0;
  size_t attachments = 0, files = 0, documents = 0;
};

Result<CaseExportBuilt> BuildCaseExport(Store& store, const LogReader& reader, const CaseExportInput& in);

// What `lawtrail export` asks for.
struct ExportRequest {
  std::string case_id;
  const note::Signer* exporter = nullptr;  // a supervisor's key; its name is the certificate number
  std::optional<uint64_t> approval_index;  // the ExportApproved acted on; default the case's latest
  std::vector<std::string> reveal;         // must be among the fields the approval lists
  std::string files_dir;                   // attachment files, named by hex SHA-256
  std::vector<std::string> trusted;        // earlier checkpoints the recipient holds
  int64_t now_ms = 0;                      // when the export happens (the export event's time)
};

struct ExportDone {
  CaseExportBuilt built;
  uint64_t approval_index = 0;
  uint64_t export_index = 0;  // the CaseExported record
  std::string checkpoint;     // the bundle's anchor
  uint64_t checkpoint_size = 0;
  std::string recipient;
};

// A CaseExported event as recorded (appended and durable): what to build.
struct RecordedExport {
  std::string case_id;
  uint64_t export_index = 0;         // the CaseExported record
  std::vector<std::string> reveal;   // the fields it reveals (rule P-EXPORT checked them against the approval)
  std::string files_dir;             // attachment files, named by hex SHA-256; empty: none
  std::vector<std::string> trusted;  // earlier checkpoints the recipient holds
  std::string verifier_key;          // the log's, as published
  // The checkpoint to build at, given the number of records it must cover:
  // when witnesses cosign the log, the published checkpoint with their
  // cosignatures (serve waits for it). Unset: the log's current checkpoint.
  std::function<Result<std::string>(uint64_t size)> anchor;
};

// The export after its event is recorded — the one workflow of `lawtrail
// export` and of the API's POST /v1/cases/{case}/exports: a checkpoint
// covering the event (made now if none does), and the bundle built at that
// checkpoint from the records alone, while the log goes on taking statements.
// done.approval_index and done.recipient are left for the caller.
Result<ExportDone> ExportRecorded(Log& log, const RecordedExport& recorded);

// The whole export, on a log this process holds open (so nothing else appends
// meanwhile): finds the approval (R4), appends the CaseExported event and
// waits until it is durable (R6), then ExportRecorded. Nothing is appended
// when the case has no approval; the export event stays recorded even if
// writing the bundle fails afterwards, as an attempted export should.
Result<ExportDone> ExportCase(Log& log, const std::string& data_dir, const ExportRequest& request);

}  // namespace lawtrail::court_export

#endif  // LAWTRAIL_LEDGER_EXPORT_CASE_EXPORT_H_
