// File: api/internal/evidence_routes.h
// -----------------------------------------------------------------------------
// The evidence store over HTTP (docs/evidence.md):
//
//   PUT  /v1/evidence/{sha256}               an officer uploads a file, streamed; resumable
//                                            with Content-Range: bytes S-E/T
//   GET  /v1/evidence/{sha256}               what the store holds of it (and, for a
//                                            supervisor, which records name it)
//   GET  /v1/evidence?state=missing          files records name and the store lacks
//   POST /v1/cases/{case}/evidence/{sha256}  a supervisor downloads an original: the
//                                            signed CaseFileRetrieved is appended first
//
// The public never reaches an original: every route needs a token.
#ifndef LAWTRAIL_API_INTERNAL_EVIDENCE_ROUTES_H_
#define LAWTRAIL_API_INTERNAL_EVIDENCE_ROUTES_H_

#include "api/internal/api_context.h"
#include "api/internal/router.h"

namespace lawtrail::api {

void AddEvidenceRoutes(Router& router, ApiContext& context);

}  // namespace lawtrail::api

#endif  // LAWTRAIL_API_INTERNAL_EVIDENCE_ROUTES_H_
