// File: ledger/draw/pool.h
// -----------------------------------------------------------------------------
// A pool of the 双随机 draw — the 检查对象名录库 or the 执法检查人员名录库 — as
// published in the log, its canonical text and the hash a draw commits to.
//
// Canonical text (UTF-8, one line per field group, '\n' terminated):
//   lawtrail-pool/v1
//   <kind: objects|inspectors>
//   <pool id>
//   <version>
//   <id>\t<name>\t<credit class>\t<village>      (one line per entry, in published order)
// No field may contain a tab, a line break or be invalid UTF-8, so the text
// parses back to exactly one pool; the hash is SHA-256 of the text.
#ifndef LAWTRAIL_LEDGER_DRAW_POOL_H_
#define LAWTRAIL_LEDGER_DRAW_POOL_H_

#include <string>
#include <vector>

#include "ledger/core/bytes.h"
#include "ledger/core/status.h"
#include "schemas/statement_generated.h"

namespace lawtrail::draw {

struct PoolEntry {
  std::string id;  // 统一社会信用代码 / 执法证号
  std::string name;
  std::string credit_class;  // A–D for objects; empty for inspectors
  std::string village;
  bool operator==(const PoolEntry&) const = default;
};

struct Pool {
  fb::PoolKind kind = fb::PoolKind::Objects;
  std::string id;
  std::string version;
  std::vector<PoolEntry> entries;
};

// OK iff the published pool is well formed: an id and version, at least one
// entry, unique non-empty entry ids, no tab or line break in any field,
// objects' credit classes one of A B C D.
Status CheckPool(const fb::InspectionPoolPublished& p);
Pool PoolOf(const fb::InspectionPoolPublished& p);

std::string CanonicalText(const Pool& pool);
Hash PoolHash(const Pool& pool);
// "objects" / "inspectors", and 检查对象名录库 / 执法检查人员名录库 for pages.
std::string_view KindName(fb::PoolKind kind);
std::string_view KindNameZh(fb::PoolKind kind);

}  // namespace lawtrail::draw

#endif  // LAWTRAIL_LEDGER_DRAW_POOL_H_
