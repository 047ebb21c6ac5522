// File: api/internal/portal_routes.h
// -----------------------------------------------------------------------------
// The public portal (api/portal/): one HTML page, its script and its style,
// compiled into the binary so that a server always serves the portal it was
// tested with. Everything it shows comes from the public JSON routes.
#ifndef LAWTRAIL_API_INTERNAL_PORTAL_ROUTES_H_
#define LAWTRAIL_API_INTERNAL_PORTAL_ROUTES_H_

#include "api/internal/router.h"

namespace lawtrail::api {

void AddPortalRoutes(Router& router);

}  // namespace lawtrail::api

#endif  // LAWTRAIL_API_INTERNAL_PORTAL_ROUTES_H_
