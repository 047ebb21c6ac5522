#include "ledger/draw/pool.h"

#include <set>

#include "ledger/core/fb_string.h"
#include "ledger/core/sha256.h"
#include "ledger/core/utf8.h"

namespace lawtrail::draw {
namespace {

Status CheckField(std::string_view what, std::string_view value) {
  if (!IsValidUtf8(value)) return Status::InvalidArgument(std::string(what) + " is not valid UTF-8");
  if (value.find_first_of("\t\r\n") != std::string_view::npos) {
    return Status::InvalidArgument(std::string(what) + " contains a tab or a line break");
  }
  return Status::Ok();
}

}  // namespace

std::string_view KindName(fb::PoolKind kind) { return kind == fb::PoolKind::Inspectors ? "inspectors" : "objects"; }

std::string_view KindNameZh(fb::PoolKind kind) {
  return kind == fb::PoolKind::Inspectors ? "执法检查人员名录库" : "检查对象名录库";
}

Status CheckPool(const fb::InspectionPoolPublished& p) {
  if (p.kind() != fb::PoolKind::Objects && p.kind() != fb::PoolKind::Inspectors) {
    return Status::InvalidArgument("unknown pool kind " + std::to_string(static_cast<int>(p.kind())));
  }
  if (Str(p.pool_id()).empty()) return Status::InvalidArgument("the pool has no id");
  if (Str(p.version()).empty()) return Status::InvalidArgument("the pool has no version");
  LAWTRAIL_RETURN_IF_ERROR(CheckField("the pool id", Str(p.pool_id())));
  LAWTRAIL_RETURN_IF_ERROR(CheckField("the pool version", Str(p.version())));
  if (p.entries() == nullptr || p.entries()->size() == 0) return Status::InvalidArgument("the pool is empty");
  std::set<std::string> ids;
  for (const fb::PoolEntry* e : *p.entries()) {
    const std::string id = Str(e->id());
    const std::string where = "entry '" + id + "'";
    if (id.empty()) return Status::InvalidArgument("a pool entry has no id");
    LAWTRAIL_RETURN_IF_ERROR(CheckField(where + " id", id));
    LAWTRAIL_RETURN_IF_ERROR(CheckField(where + " name", Str(e->name())));
    LAWTRAIL_RETURN_IF_ERROR(CheckField(where + " credit class", Str(e->credit_class())));
    LAWTRAIL_RETURN_IF_ERROR(CheckField(where + " village", Str(e->village())));
    if (!ids.insert(id).second) return Status::InvalidArgument("entry '" + id + "' appears twice in the pool");
    const std::string cls = Str(e->credit_class());
    if (p.kind() == fb::PoolKind::Objects && cls != "A" && cls != "B" && cls != "C" && cls != "D") {
      return Status::InvalidArgument(where + " has credit class '" + cls + "'; objects are classed A, B, C or D");
    }
  }
  return Status::Ok();
}

Pool PoolOf(const fb::InspectionPoolPublished& p) {
  Pool pool{p.kind(), Str(p.pool_id()), Str(p.version()), {}};
  if (p.entries() != nullptr) {
    for (const fb::PoolEntry* e : *p.entries()) {
      pool.entries.push_back({Str(e->id()), Str(e->name()), Str(e->credit_class()), Str(e->village())});
    }
  }
  return pool;
}

std::string CanonicalText(const Pool& pool) {
  std::string text = "lawtrail-pool/v1\n";
  text += KindName(pool.kind);
  text += "\n" + pool.id + "\n" + pool.version + "\n";
  for (const PoolEntry& e : pool.entries) {
    text += e.id + "\t" + e.name + "\t" + e.credit_class + "\t" + e.village + "\n";
  }
  return text;
}

Hash PoolHash(const Pool& pool) { return Sha256(AsBytes(CanonicalText(pool))); }

}  // namespace lawtrail::draw
