// File: api/internal/api_context.h
// -----------------------------------------------------------------------------
// What the routes read and write: the log (absent when serving a mirror,
// which takes no statements), its reader, the views, the metrics.
#ifndef LAWTRAIL_API_INTERNAL_API_CONTEXT_H_
#define LAWTRAIL_API_INTERNAL_API_CONTEXT_H_

#include <chrono>
#include <functional>
#include <string>

#include "api/metrics.h"
#include "ledger/client/strict_json.h"
#include "ledger/evidence/evidence_store.h"
#include "ledger/log/log.h"
#include "ledger/log/log_reader.h"
#include "projectors/view_store.h"

namespace lawtrail::api {

struct ApiContext {
  Log* log = nullptr;  // null: read-only (a mirror); submissions get 503
  const LogReader* reader = nullptr;
  Store* store = nullptr;
  projectors::ViewStore* views = nullptr;  // null: view routes answer 503
  Metrics* metrics = nullptr;
  std::string verifier_key;  // the log's note verifier key
  size_t max_statements_per_request = 4096;
  JsonLimits json_limits;  // every JSON body is checked against these before it is parsed
  // Whether the disclosure record at `index` of `case_id` is the one the
  // public sees today (the views decide; unset without views: none is).
  std::function<Result<bool>(std::string_view case_id, uint64_t index)> disclosure_record_public;
  // When witnesses cosign the log: the published checkpoint once it covers
  // `size` records (waiting for the witnesses, within a bound). Unset: exports
  // are anchored on the log's own current checkpoint.
  std::function<Result<std::string>(uint64_t size)> witnessed_checkpoint;
  std::vector<std::pair<std::string, std::string>> witnesses;  // policy name, cosigner vkey (GET /v1/log)
  evidence::EvidenceStore* evidence = nullptr;  // null: no evidence store (uploads and downloads answer 501)
};

}  // namespace lawtrail::api

#endif  // LAWTRAIL_API_INTERNAL_API_CONTEXT_H_
