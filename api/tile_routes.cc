#include "api/tile_routes.h"

#include <string>
#include <vector>

#include "api/internal/json_body.h"
#include "ledger/core/merkle.h"

namespace lawtrail::api {
namespace {

constexpr unsigned kTileHeight = 8;
constexpr uint64_t kTileWidth = 1u << kTileHeight;
constexpr size_t kMaxEntryBytes = 0xffff;  // an entry's length is a uint16

bool ThreeDigits(std::string_view s) {
  return s.size() == 3 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

HttpResponse TileResponse(std::string bytes, bool full) {
  HttpResponse r = HttpResponse::Text(std::move(bytes), "application/octet-stream");
  // A full tile never changes; a partial one is replaced by a wider one.
  r.headers.emplace_back("Cache-Control", full ? "public, max-age=31536000, immutable" : "no-cache");
  return r;
}

Result<HttpResponse> HashTile(ApiContext& ctx, HttpRequest& request) {
  const std::string rest = request.params["rest"];
  const size_t slash = rest.find('/');
  if (slash == std::string::npos) return HttpResponse::Error(404, "unknown_path", "no such tile: " + request.path);
  auto level = ParseIndex(rest.substr(0, slash), "tile level");
  if (!level.ok() || *level > 63 / kTileHeight) {
    return HttpResponse::Error(400, "invalid_argument", "tile level must be 0–7, not '" + rest.substr(0, slash) + "'");
  }
  LAWTRAIL_ASSIGN_OR_RETURN(auto tile, ParseTilePath(rest.substr(slash + 1)));
  LAWTRAIL_ASSIGN_OR_RETURN(auto size, ctx.reader->Size());
  const unsigned node_level = static_cast<unsigned>(*level) * kTileHeight;
  const uint64_t nodes = size >> node_level;  // complete subtrees of that level
  const uint64_t first = tile.index * kTileWidth;
  if (tile.index > (UINT64_MAX >> kTileHeight) || first + tile.width > nodes) {
    return HttpResponse::Error(404, "not_found",
                               "the tree of " + std::to_string(size) + " records has no such tile yet");
  }
  std::vector<merkle::NodeId> ids;
  for (uint64_t i = 0; i < tile.width; ++i) ids.push_back({static_cast<uint8_t>(node_level), first + i});
  std::vector<Hash> hashes(ids.size());
  LAWTRAIL_RETURN_IF_ERROR(ctx.store->ReadNodes(ids, hashes));
  std::string bytes;
  bytes.reserve(hashes.size() * 32);
  for (const Hash& h : hashes) bytes.append(AsChars(h));
  return TileResponse(std::move(bytes), tile.width == kTileWidth);
}

Result<HttpResponse> EntryTile(ApiContext& ctx, HttpRequest& request) {
  LAWTRAIL_ASSIGN_OR_RETURN(auto tile, ParseTilePath(request.params["rest"]));
  LAWTRAIL_ASSIGN_OR_RETURN(auto size, ctx.reader->Size());
  const uint64_t first = tile.index * kTileWidth;
  if (tile.index > (UINT64_MAX >> kTileHeight) || first + tile.width > size) {
    return HttpResponse::Error(404, "not_found",
                               "the log of " + std::to_string(size) + " records has no such bundle yet");
  }
  std::string bytes;
  LAWTRAIL_RETURN_IF_ERROR(
      ctx.reader->ScanRecords(first, first + tile.width, [&](uint64_t index, ByteView record) -> Status {
        if (record.size() > kMaxEntryBytes) {
          return Status::FailedPrecondition("record " + std::to_string(index) + " is " + std::to_string(record.size()) +
                                            " bytes, more than an entry bundle's 16-bit length holds");
        }
        bytes.push_back(static_cast<char>(record.size() >> 8));
        bytes.push_back(static_cast<char>(record.size() & 0xff));
        bytes.append(AsChars(record));
        return Status::Ok();
      }));
  return TileResponse(std::move(bytes), tile.width == kTileWidth);
}

}  // namespace

Result<TileCoordinates> ParseTilePath(std::string_view path) {
  TileCoordinates t;
  std::vector<std::string_view> parts;
  for (size_t i = 0; i <= path.size();) {
    const size_t end = std::min(path.find('/', i), path.size());
    parts.push_back(path.substr(i, end - i));
    i = end + 1;
  }
  auto bad = [&] { return Status::NotFound("not a tile path: '" + std::string(path) + "'"); };
  if (parts.size() >= 2 && parts[parts.size() - 2].size() > 2 &&
      parts[parts.size() - 2].substr(parts[parts.size() - 2].size() - 2) == ".p") {
    auto width = ParseIndex(parts.back(), "tile width");
    if (!width.ok() || *width == 0 || *width >= kTileWidth) return bad();
    t.width = static_cast<unsigned>(*width);
    parts.pop_back();
    parts.back().remove_suffix(2);
  }
  for (size_t i = 0; i < parts.size(); ++i) {
    std::string_view p = parts[i];
    const bool last = i + 1 == parts.size();
    if (!last) {
      if (p.empty() || p[0] != 'x') return bad();
      p.remove_prefix(1);
    }
    if (!ThreeDigits(p)) return bad();
    if (t.index > (UINT64_MAX - 999) / 1000) return bad();
    t.index = t.index * 1000 + static_cast<uint64_t>(std::stoi(std::string(p)));
  }
  // One tile, one path: "x000/000" also reads as tile 0, but only "000" names it.
  std::string given;
  for (size_t i = 0; i < parts.size(); ++i) given += std::string(i ? "/" : "") + std::string(parts[i]);
  if (given != TileIndexPath(t.index)) return bad();
  return t;
}

std::string TileIndexPath(uint64_t n) {
  std::vector<std::string> groups;
  do {
    char buf[4];
    std::snprintf(buf, sizeof buf, "%03u", static_cast<unsigned>(n % 1000));
    groups.insert(groups.begin(), buf);
    n /= 1000;
  } while (n > 0);
  std::string out;
  for (size_t i = 0; i < groups.size(); ++i) out += (i + 1 < groups.size() ? "x" + groups[i] + "/" : groups[i]);
  return out;
}

void AddTileRoutes(Router& router, ApiContext& ctx) {
  router.Add("GET", "/checkpoint", kReadPublic, [&ctx](HttpRequest&, const Caller&) -> Result<HttpResponse> {
    LAWTRAIL_ASSIGN_OR_RETURN(auto note, ctx.reader->PublishedCheckpoint());
    if (!note) return HttpResponse::Error(404, "not_found", "the log has no checkpoint yet");
    HttpResponse r = HttpResponse::Text(*note);
    r.headers.emplace_back("Cache-Control", "no-cache");
    return r;
  });
  // Entry bundles first: "/tile/entries/…" would also match the hash tiles' pattern.
  router.Add("GET", "/tile/entries/{rest...}", kAudit,
             [&ctx](HttpRequest& r, const Caller&) { return EntryTile(ctx, r); });
  router.Add("GET", "/tile/{rest...}", kReadPublic, [&ctx](HttpRequest& r, const Caller&) { return HashTile(ctx, r); });
}

}  // namespace lawtrail::api
