// Proofs generated from stored perfect subtrees verify against roots computed
// independently, for every index and size pair of small trees.
#include "ledger/core/merkle.h"

#include <algorithm>
#include <map>
#include <random>

#include <catch2/catch.hpp>

#include "tests/support/proof_helpers.h"

namespace lawtrail {
namespace {

struct MemoryTree {
  std::map<std::pair<uint8_t, uint64_t>, Hash> nodes;
  std::vector<Hash> leaves;
  merkle::CompactRange range;

  void Add(uint64_t i) {
    const uint8_t b = static_cast<uint8_t>(i);
    leaves.push_back(merkle::LeafHash(ByteView(&b, 1)));
    range.Append(leaves.back(), [&](merkle::NodeId id, const Hash& h) { nodes[{id.level, id.index}] = h; });
  }
  merkle::NodeReader Reader() const {
    return [this](std::span<const merkle::NodeId> ids, std::span<Hash> out) {
      for (size_t i = 0; i < ids.size(); ++i) {
        auto it = nodes.find({ids[i].level, ids[i].index});
        if (it == nodes.end()) return Status::NotFound("node");
        out[i] = it->second;
      }
      return Status::Ok();
    };
  }
  Hash RootAt(uint64_t size) const { return merkle::RootOf({leaves.data(), size}); }
};

using testing::AsBytesList;

TEST_CASE("inclusion and consistency proofs verify for every pair up to 70 leaves", "[merkle]") {
  MemoryTree tree;
  for (uint64_t i = 0; i < 70; ++i) tree.Add(i);
  for (uint64_t size = 1; size <= 70; ++size) {
    const Hash root = tree.RootAt(size);
    for (uint64_t index = 0; index < size; ++index) {
      auto proof = merkle::HashRanges(merkle::InclusionRanges(index, size), tree.Reader());
      REQUIRE(proof.ok());
      INFO("index " << index << " size " << size);
      REQUIRE(merkle::VerifyInclusion(index, size, tree.leaves[index], AsBytesList(*proof), root).ok());
    }
    for (uint64_t old = 1; old <= size; ++old) {
      auto proof = merkle::HashRanges(merkle::ConsistencyRanges(old, size), tree.Reader());
      REQUIRE(proof.ok());
      INFO("old " << old << " size " << size);
      REQUIRE(merkle::VerifyConsistency(old, size, tree.RootAt(old), root, AsBytesList(*proof)).ok());
    }
  }
}

TEST_CASE("a compact range reloaded from stored nodes continues the same tree", "[merkle]") {
  MemoryTree tree;
  for (uint64_t i = 0; i < 37; ++i) tree.Add(i);
  auto loaded = merkle::CompactRange::Load(37, tree.Reader());
  REQUIRE(loaded.ok());
  CHECK(loaded->Root() == tree.RootAt(37));
  const uint8_t b = 37;
  loaded->Append(merkle::LeafHash(ByteView(&b, 1)), [](merkle::NodeId, const Hash&) {});
  tree.Add(37);
  CHECK(loaded->Root() == tree.RootAt(38));
}

TEST_CASE("a proof with one flipped bit is rejected", "[merkle]") {
  MemoryTree tree;
  for (uint64_t i = 0; i < 21; ++i) tree.Add(i);
  auto proof = AsBytesList(*merkle::HashRanges(merkle::InclusionRanges(5, 21), tree.Reader()));
  proof[1][7] ^= 0x10;
  CHECK(merkle::VerifyInclusion(5, 21, tree.leaves[5], proof, tree.RootAt(21)).code() == StatusCode::kCorruption);
}

}  // namespace
}  // namespace lawtrail

namespace lawtrail {
namespace {

std::vector<Hash> Leaves(uint64_t n) {
  std::vector<Hash> out;
  for (uint64_t i = 0; i < n; ++i) out.push_back(merkle::LeafHash(AsBytes("leaf " + std::to_string(i))));
  return out;
}

// The proof hashes of `ranges`, computed in memory from all the leaves.
std::vector<Hash> RangeHashes(const std::vector<merkle::Range>& ranges, const std::vector<Hash>& leaves) {
  std::vector<Hash> out;
  for (const auto& r : ranges) {
    out.push_back(merkle::RootOf(std::span<const Hash>(leaves).subspan(r.begin, r.end - r.begin)));
  }
  return out;
}

TEST_CASE("a multi-leaf proof of one leaf holds exactly that leaf's audit path") {
  for (uint64_t n = 1; n <= 70; ++n) {
    for (uint64_t i = 0; i < n; ++i) {
      const uint64_t leaf[] = {i};
      auto multi = merkle::MultiInclusionRanges(leaf, n);
      REQUIRE(multi.ok());
      auto key = [](const merkle::Range& r) { return std::pair(r.begin, r.end); };
      std::vector<std::pair<uint64_t, uint64_t>> a, b;
      for (const auto& r : *multi) a.push_back(key(r));
      for (const auto& r : merkle::InclusionRanges(i, n)) b.push_back(key(r));
      std::sort(a.begin(), a.end());
      std::sort(b.begin(), b.end());
      REQUIRE(a == b);
    }
  }
}

TEST_CASE("a multi-leaf proof gives the tree's root for any set of its leaves, and nothing else does") {
  std::mt19937_64 rng(7);
  for (uint64_t n = 1; n <= 300; n += (n < 40 ? 1 : 17)) {
    const auto all = Leaves(n);
    const Hash root = merkle::RootOf(all);
    for (int trial = 0; trial < 8; ++trial) {
      std::vector<uint64_t> set;
      for (uint64_t i = 0; i < n; ++i) {
        if (rng() % 4 == 0) set.push_back(i);
      }
      if (set.empty()) set.push_back(rng() % n);
      std::vector<Hash> leaf_hashes;
      for (uint64_t i : set) leaf_hashes.push_back(all[i]);
      auto ranges = merkle::MultiInclusionRanges(set, n);
      REQUIRE(ranges.ok());
      auto proof = RangeHashes(*ranges, all);
      auto got = merkle::RootFromMultiInclusionProof(set, leaf_hashes, n, proof);
      REQUIRE(got.ok());
      REQUIRE(*got == root);
      // An altered proof hash, a wrong leaf, a hash missing or one too many: never the root.
      if (!proof.empty()) {
        auto altered = proof;
        altered[rng() % altered.size()][0] ^= 1;
        auto r = merkle::RootFromMultiInclusionProof(set, leaf_hashes, n, altered);
        CHECK((!r.ok() || *r != root));
        auto shorter = proof;
        shorter.pop_back();
        CHECK(!merkle::RootFromMultiInclusionProof(set, leaf_hashes, n, shorter).ok());
      }
      auto longer = proof;
      longer.push_back(root);
      CHECK(!merkle::RootFromMultiInclusionProof(set, leaf_hashes, n, longer).ok());
      auto wrong_leaf = leaf_hashes;
      wrong_leaf[rng() % wrong_leaf.size()][31] ^= 0x80;
      auto w = merkle::RootFromMultiInclusionProof(set, wrong_leaf, n, proof);
      CHECK((!w.ok() || *w != root));
    }
  }
  const uint64_t unordered[] = {3, 1};
  CHECK(!merkle::MultiInclusionRanges(unordered, 10).ok());
  const uint64_t beyond[] = {10};
  CHECK(!merkle::MultiInclusionRanges(beyond, 10).ok());
  CHECK(!merkle::MultiInclusionRanges({}, 10).ok());
}

}  // namespace
}  // namespace lawtrail
