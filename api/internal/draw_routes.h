// File: api/internal/draw_routes.h
// -----------------------------------------------------------------------------
// The random-inspection draws (双随机、一公开) over HTTP, public: every draw
// with what anyone needs to re-run it — the committed pools' canonical text,
// the announced terms, the seed checkpoint with its cosignatures, the result
// and the recusals — and the server's own re-run (ledger/log/draw_audit.h).
// The portal re-runs it again in the browser; the server's verdict is shown
// beside the browser's, never instead of it.
#ifndef LAWTRAIL_API_INTERNAL_DRAW_ROUTES_H_
#define LAWTRAIL_API_INTERNAL_DRAW_ROUTES_H_

#include "api/internal/api_context.h"
#include "api/internal/router.h"

namespace lawtrail::api {

void AddDrawRoutes(Router& router, ApiContext& context);

}  // namespace lawtrail::api

#endif  // LAWTRAIL_API_INTERNAL_DRAW_ROUTES_H_
