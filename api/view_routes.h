// File: api/view_routes.h
// -----------------------------------------------------------------------------
// The views over HTTP: the registry (agency, roster, certificate check, the
// published lists), published decisions with paging and search, statistics,
// the annual report, warnings and the projectors' lag. Reads hold the views'
// shared lock; the projector thread folds under the exclusive one.
#ifndef LAWTRAIL_API_VIEW_ROUTES_H_
#define LAWTRAIL_API_VIEW_ROUTES_H_

#include <shared_mutex>

#include "api/api_context.h"
#include "api/router.h"
#include "projectors/runner.h"

namespace lawtrail::api {

struct ViewAccess {
  std::shared_mutex* lock = nullptr;               // held shared by every view read
  projectors::ProjectionRunner* runner = nullptr;  // for the lag; under `lock`
};

void AddViewRoutes(Router& router, ApiContext& context, ViewAccess access);

}  // namespace lawtrail::api

#endif  // LAWTRAIL_API_VIEW_ROUTES_H_
