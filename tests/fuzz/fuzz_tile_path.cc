// Tile paths (C2SP tlog-tiles) as a client writes them: one tile, one path —
// a path that parses is exactly the one the spec writes for that tile.
#include <string>

#include "api/tile_routes.h"
#include "tests/fuzz/fuzz_support.h"

using namespace lawtrail;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path(reinterpret_cast<const char*>(data), size);
  auto tile = api::ParseTilePath(path);
  if (!tile.ok()) return 0;
  const std::string canonical =
      api::TileIndexPath(tile->index) + (tile->width == 256 ? "" : ".p/" + std::to_string(tile->width));
  LAWTRAIL_FUZZ_CHECK(canonical == path, "a tile path that parses is the tile's one path");
  return 0;
}
