#include "ledger/core/case_head_map.h"

#include "ledger/core/sha256.h"

namespace lawtrail {
namespace {

constexpr uint8_t kLeafPrefix = 0x02;
constexpr uint8_t kNodePrefix = 0x03;

bool Bit(const Hash& key, size_t depth) { return (key[depth / 8] >> (7 - depth % 8)) & 1; }

Hash NodeHash(const Hash& left, const Hash& right) {
  const uint8_t prefix = kNodePrefix;
  return Sha256({ByteView(&prefix, 1), left, right});
}

}  // namespace

namespace case_map {

Hash KeyOf(std::string_view case_id) { return Sha256(AsBytes(case_id)); }

Hash LeafOf(const Hash& key, uint64_t index, const Hash& record_leaf, uint64_t version) {
  uint8_t fixed[8 + 8];
  for (int i = 0; i < 8; ++i) {
    fixed[i] = static_cast<uint8_t>(index >> (56 - 8 * i));
    fixed[8 + i] = static_cast<uint8_t>(version >> (56 - 8 * i));
  }
  const uint8_t prefix = kLeafPrefix;
  return Sha256({ByteView(&prefix, 1), key, ByteView(fixed, 8), record_leaf, ByteView(fixed + 8, 8)});
}

Hash RootFromProof(const Hash& key, const Hash& leaf, std::span<const Hash> siblings) {
  Hash h = leaf;
  for (size_t depth = siblings.size(); depth-- > 0;) {
    h = Bit(key, depth) ? NodeHash(siblings[depth], h) : NodeHash(h, siblings[depth]);
  }
  return h;
}

}  // namespace case_map

// A leaf holds its key and its hash; a node its children and, unless dirty,
// its hash. A node always holds at least two leaves below it.
struct CaseHeadMap::Node {
  bool is_leaf = false;
  bool dirty = true;
  Hash hash{};
  Hash key{};
  std::unique_ptr<Node> child[2];
};

CaseHeadMap::CaseHeadMap() = default;
CaseHeadMap::~CaseHeadMap() = default;
CaseHeadMap::CaseHeadMap(CaseHeadMap&&) noexcept = default;
CaseHeadMap& CaseHeadMap::operator=(CaseHeadMap&&) noexcept = default;

void CaseHeadMap::Set(const Hash& key, const Hash& leaf) { Insert(root_, key, leaf, 0); }

void CaseHeadMap::Erase(const Hash& key) {
  if (Remove(root_, key, 0)) --size_;
}

void CaseHeadMap::Insert(std::unique_ptr<Node>& slot, const Hash& key, const Hash& leaf, size_t depth) {
  if (!slot) {
    slot = std::make_unique<Node>();
    slot->is_leaf = true;
    slot->dirty = false;
    slot->key = key;
    slot->hash = leaf;
    ++size_;
    return;
  }
  if (slot->is_leaf) {
    if (slot->key == key) {
      slot->hash = leaf;
      return;
    }
    // Two keys meet here: a node takes the old leaf down one level, and the
    // new one goes below it (deeper still while their bits agree).
    std::unique_ptr<Node> old = std::move(slot);
    slot = std::make_unique<Node>();
    const bool side = Bit(old->key, depth);
    slot->child[side] = std::move(old);
  }
  slot->dirty = true;
  Insert(slot->child[Bit(key, depth)], key, leaf, depth + 1);
}

bool CaseHeadMap::Remove(std::unique_ptr<Node>& slot, const Hash& key, size_t depth) {
  if (!slot) return false;
  if (slot->is_leaf) {
    if (slot->key != key) return false;
    slot.reset();
    return true;
  }
  if (!Remove(slot->child[Bit(key, depth)], key, depth + 1)) return false;
  slot->dirty = true;
  // A node left with one leaf below it becomes that leaf.
  std::unique_ptr<Node>& a = slot->child[0];
  std::unique_ptr<Node>& b = slot->child[1];
  if (!a && !b) {
    slot.reset();
  } else if (!a && b->is_leaf) {
    slot = std::move(b);
  } else if (!b && a->is_leaf) {
    slot = std::move(a);
  }
  return true;
}

std::optional<Hash> CaseHeadMap::Get(const Hash& key) const {
  const Node* n = root_.get();
  for (size_t depth = 0; n != nullptr && !n->is_leaf; ++depth) n = n->child[Bit(key, depth)].get();
  if (n == nullptr || n->key != key) return std::nullopt;
  return n->hash;
}

Hash CaseHeadMap::HashOf(const std::unique_ptr<Node>& slot) {
  if (!slot) return Hash{};
  if (slot->dirty) {
    slot->hash = NodeHash(HashOf(slot->child[0]), HashOf(slot->child[1]));
    slot->dirty = false;
  }
  return slot->hash;
}

Hash CaseHeadMap::Root() { return HashOf(root_); }

std::optional<std::vector<Hash>> CaseHeadMap::Proof(const Hash& key) {
  Root();
  std::vector<Hash> siblings;
  const Node* n = root_.get();
  for (size_t depth = 0; n != nullptr && !n->is_leaf; ++depth) {
    const bool side = Bit(key, depth);
    siblings.push_back(HashOf(n->child[!side]));
    n = n->child[side].get();
  }
  if (n == nullptr || n->key != key) return std::nullopt;
  return siblings;
}

}  // namespace lawtrail
