// File: ledger/core/case_head_map.h
// -----------------------------------------------------------------------------
// The case-head map: a verifiable map from each case to its head (its latest
// record), whose root every checkpoint signs (docs/design/case-head-map.md).
// It is what lets a bundle prove that no later record of a case was left out.
//
//   key    K    = SHA-256(case id)
//   leaf        = SHA-256(0x02 ‖ K ‖ index (8, BE) ‖ record leaf hash ‖ case version (8, BE))
//   node        = SHA-256(0x03 ‖ left ‖ right)
//   empty       = 32 zero bytes
//
// A binary trie over K's bits, most significant first, in which a subtree
// holding one leaf is that leaf's hash (so each path is as deep as the keys'
// common prefixes make it, about log₂ of the number of cases), an empty
// subtree is the empty hash, and any other subtree is a node. The root is a
// function of the set of (K, leaf) pairs alone, whatever the order of updates.
//
// Not thread-safe: one thread owns a map (the sequencer's, or a verifier's).
#ifndef LAWTRAIL_LEDGER_CORE_CASE_HEAD_MAP_H_
#define LAWTRAIL_LEDGER_CORE_CASE_HEAD_MAP_H_

#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "ledger/core/bytes.h"

namespace lawtrail {

namespace case_map {
Hash KeyOf(std::string_view case_id);
Hash LeafOf(const Hash& key, uint64_t index, const Hash& record_leaf, uint64_t version);
// The root a proof gives: `siblings` run from the root's children down to the
// leaf's. An empty list is a map holding only this leaf.
Hash RootFromProof(const Hash& key, const Hash& leaf, std::span<const Hash> siblings);
inline constexpr size_t kMaxDepth = 256;
}  // namespace case_map

class CaseHeadMap {
 public:
  CaseHeadMap();
  ~CaseHeadMap();
  CaseHeadMap(CaseHeadMap&&) noexcept;
  CaseHeadMap& operator=(CaseHeadMap&&) noexcept;

  void Set(const Hash& key, const Hash& leaf);
  void Erase(const Hash& key);
  std::optional<Hash> Get(const Hash& key) const;
  size_t size() const { return size_; }

  // Hashes what changed since the last call: a batch's updates share their
  // upper nodes, so they are hashed once per call, not once per update.
  Hash Root();
  // The siblings from the root down to `key`'s leaf; nullopt if absent.
  std::optional<std::vector<Hash>> Proof(const Hash& key);

 private:
  struct Node;
  void Insert(std::unique_ptr<Node>& slot, const Hash& key, const Hash& leaf, size_t depth);
  bool Remove(std::unique_ptr<Node>& slot, const Hash& key, size_t depth);
  static Hash HashOf(const std::unique_ptr<Node>& slot);
  std::unique_ptr<Node> root_;
  size_t size_ = 0;
};

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_CORE_CASE_HEAD_MAP_H_
