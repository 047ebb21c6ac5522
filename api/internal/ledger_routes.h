// File: api/internal/ledger_routes.h
// -----------------------------------------------------------------------------
// The log over HTTP (docs/api.md): submitting signed statements with
// receipts, records, checkpoints, inclusion and consistency proofs, and a
// supervisor's retrieval of a case, recorded in the log before the case
// leaves the server (R6).
#ifndef LAWTRAIL_API_INTERNAL_LEDGER_ROUTES_H_
#define LAWTRAIL_API_INTERNAL_LEDGER_ROUTES_H_

#include <functional>

#include "api/internal/api_context.h"
#include "api/internal/router.h"
#include "ledger/core/statement.h"
#include "ledger/log/log.h"

namespace lawtrail::api {

void AddLedgerRoutes(Router& router, ApiContext& context);

// A supervisor's act on the case in the path (a retrieval, an export): one
// signed statement of `type` for that case, signed by the token's officer if
// the token is bound to one, passing `check` (if set), appended and durable
// before anything is read. Returns the act as recorded, or the Status refusing it.
struct RecordedAct {
  Appended appended;
  ParsedStatement statement;  // holds its own copy of the bytes
};
Result<RecordedAct> RecordSupervisorAct(ApiContext& ctx, HttpRequest& request, const Caller& caller, fb::Payload type,
                                        const std::function<Status(const fb::Statement&)>& check = nullptr);

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
