// File: ledger/core/merkle.h
// -----------------------------------------------------------------------------
// RFC 9162 (RFC 6962) Merkle tree hashing, proofs and proof verification.
// Pure functions: no I/O. Storage supplies node hashes through a NodeReader.
//
// Node ids: the perfect subtree at `level` and `index` covers leaves
// [index << level, (index + 1) << level). Only perfect subtrees are ever
// stored; the hash of any other range is folded from them on demand.
#ifndef LAWTRAIL_LEDGER_CORE_MERKLE_H_
#define LAWTRAIL_LEDGER_CORE_MERKLE_H_

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "ledger/core/bytes.h"

namespace lawtrail::merkle {

struct NodeId {
  uint8_t level = 0;
  uint64_t index = 0;
  uint64_t begin() const { return index << level; }
  uint64_t end() const { return (index + 1) << level; }
  bool operator==(const NodeId&) const = default;
};

// A leaf range [begin, end) whose RFC 9162 hash is one element of a proof.
struct Range {
  uint64_t begin = 0;
  uint64_t end = 0;
};

Hash LeafHash(ByteView leaf);                        // SHA-256(0x00 ‖ leaf)
Hash NodeHash(const Hash& left, const Hash& right);  // SHA-256(0x01 ‖ left ‖ right)
Hash EmptyRoot();                                    // SHA-256(""), never zeros

// Root of a list of leaf hashes, computed in memory (tests, small trees).
Hash RootOf(std::span<const Hash> leaf_hashes);

// The perfect subtrees that make up [begin, end), left to right.
std::vector<NodeId> Decompose(uint64_t begin, uint64_t end);

// Ranges whose hashes form the inclusion proof of `index` in a tree of `size`
// (RFC 9162 §2.1.3.1), nearest the leaf first. REQUIRES: index < size.
std::vector<Range> InclusionRanges(uint64_t index, uint64_t size);

// Ranges whose hashes form the consistency proof from `old_size` to `size`
// (RFC 9162 §2.1.4.1). REQUIRES: 0 < old_size <= size.
std::vector<Range> ConsistencyRanges(uint64_t old_size, uint64_t size);

// A multi-leaf inclusion proof (docs/design/court-export.md): for `leaves`
// (distinct, ascending, below `size`), walk RFC 9162's split of the tree; a
// subtree holding none of them is one proof hash, left to right. For one leaf
// these are the ranges of its audit path, in that order.
Result<std::vector<Range>> MultiInclusionRanges(std::span<const uint64_t> leaves, uint64_t size);
// The root that `leaf_hashes` (of `leaves`) and `proof` give, walking the same
// split; an error if the proof runs out or has hashes left over.
Result<Hash> RootFromMultiInclusionProof(std::span<const uint64_t> leaves, std::span<const Hash> leaf_hashes,
                                         uint64_t size, std::span<const Hash> proof);

// Reads stored perfect-subtree hashes: fills out[i] with the hash of ids[i].
using NodeReader = std::function<Status(std::span<const NodeId> ids, std::span<Hash> out)>;

// Hashes of `ranges` (as the RFC defines MTH), reading every needed node in one
// call to `read`.
Result<std::vector<Hash>> HashRanges(std::span<const Range> ranges, const NodeReader& read);

// RFC 9162 §2.1.3.2. OK iff `proof` proves `leaf_hash` at `index` under `root`.
Status VerifyInclusion(uint64_t index, uint64_t size, ByteView leaf_hash, std::span<const Bytes> proof, ByteView root);

// RFC 9162 §2.1.4.2. OK iff `proof` shows the tree with `old_root` at
// `old_size` is a prefix of the tree with `root` at `size`.
Status VerifyConsistency(uint64_t old_size, uint64_t size, ByteView old_root, ByteView root,
                         std::span<const Bytes> proof);

// The right border of a tree: one hash per perfect subtree of its size, the
// largest first. Appending a leaf produces the new stored nodes.
// Not thread-safe.
class CompactRange {
 public:
  CompactRange() = default;
  // Loads the border of a stored tree of `size` leaves.
  static Result<CompactRange> Load(uint64_t size, const NodeReader& read);

  uint64_t size() const { return size_; }
  // Appends a leaf; calls `emit` for each new perfect subtree, the leaf first.
  void Append(const Hash& leaf_hash, const std::function<void(NodeId, const Hash&)>& emit);
  Hash Root() const;

 private:
  uint64_t size_ = 0;
  std::vector<Hash> hashes_;
};

}  // namespace lawtrail::merkle

#endif  // LAWTRAIL_LEDGER_CORE_MERKLE_H_
