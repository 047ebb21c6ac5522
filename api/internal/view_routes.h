// File: api/internal/view_routes.h
// -----------------------------------------------------------------------------
// The views over HTTP: the registry (agency, roster, certificate check, the
// published lists), published decisions with paging and search, statistics,
// the annual report, warnings and the projectors' lag. Reads hold the views'
// shared lock; the projector thread folds under the exclusive one.
#ifndef LAWTRAIL_API_INTERNAL_VIEW_ROUTES_H_
#define LAWTRAIL_API_INTERNAL_VIEW_ROUTES_H_

#include "api/internal/api_context.h"
#include "api/internal/router.h"
#include "ledger/core/mutex.h"
#include "projectors/runner.h"

namespace lawtrail::api {

struct ViewAccess {
  SharedMutex* lock = nullptr;                                                  // held shared by every view read
  projectors::ProjectionRunner* runner LAWTRAIL_PT_GUARDED_BY(lock) = nullptr;  // for the lag
};

void AddViewRoutes(Router& router, ApiContext& context, ViewAccess access);

}  // namespace lawtrail::api

#endif  // LAWTRAIL_API_INTERNAL_VIEW_ROUTES_H_
