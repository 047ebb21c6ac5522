// File: api/tile_routes.h
// -----------------------------------------------------------------------------
// The C2SP tlog-tiles read endpoints, so that standard transparency-log
// clients and witnesses read the log without our code:
//   /checkpoint                      the latest signed checkpoint
//   /tile/<L>/<N>[.p/<W>]            hash tiles: 256 (or W) node hashes of level 8·L
//   /tile/entries/<N>[.p/<W>]        entry bundles: records as uint16-length-prefixed bytes
// Hash tiles and the checkpoint are public: they are hashes. Entry bundles
// are the records themselves, for auditors (see docs/api.md for why).
#ifndef LAWTRAIL_API_TILE_ROUTES_H_
#define LAWTRAIL_API_TILE_ROUTES_H_

#include <cstdint>
#include <string_view>

#include "api/internal/api_context.h"
#include "api/internal/router.h"

namespace lawtrail::api {

struct TileCoordinates {
  uint64_t index = 0;    // N
  unsigned width = 256;  // W: 256 for a full tile
};

// Parses "x001/x234/067[.p/<W>]" (the path after the level, or after "entries").
Result<TileCoordinates> ParseTilePath(std::string_view path);
// The path of tile N, as the spec writes it ("x001/x234/067").
std::string TileIndexPath(uint64_t n);

void AddTileRoutes(Router& router, ApiContext& context);

}  // namespace lawtrail::api

#endif  // LAWTRAIL_API_TILE_ROUTES_H_
