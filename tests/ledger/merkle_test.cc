// Proofs generated from stored perfect subtrees verify against roots computed
// independently, for every index and size pair of small trees.
#include <catch2/catch.hpp>

#include <map>

#include "tests/support/proof_helpers.h"
#include "ledger/merkle.h"

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
  CHECK(merkle::VerifyInclusion(5, 21, tree.leaves[5], proof, tree.RootAt(21)).code() ==
        StatusCode::kCorruption);
}

}  // namespace
}  // namespace lawtrail
