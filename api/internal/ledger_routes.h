// File: api/internal/ledger_routes.h
// -----------------------------------------------------------------------------
// The log over HTTP (docs/api.md): submitting signed statements with
// receipts, records, checkpoints, inclusion and consistency proofs, and a
// supervisor's retrieval of a case, recorded in the log before the case
// leaves the server (R6).
#ifndef LAWTRAIL_API_INTERNAL_LEDGER_ROUTES_H_
#define LAWTRAIL_API_INTERNAL_LEDGER_ROUTES_H_

#include "api/internal/api_context.h"
#include "api/internal/router.h"

namespace lawtrail::api {

void AddLedgerRoutes(Router& router, ApiContext& context);

// Who may read a record: the registry (who holds which key and post, D1) is
// public by law; a disclosure act (D3) while it is what the public sees of
// its decision; everything else in a case is for supervisors and auditors.
struct RecordAudience {
  enum Kind { kCaseFile, kPublic, kDisclosure } kind = kCaseFile;
  std::string case_id;
};
RecordAudience AudienceOf(ByteView record);

}  // namespace lawtrail::api

#endif  // LAWTRAIL_API_INTERNAL_LEDGER_ROUTES_H_
