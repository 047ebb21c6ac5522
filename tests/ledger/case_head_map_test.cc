// The case-head map: its root depends only on what it holds, each case's
// proof gives that root, and nothing else does.
#include "ledger/core/case_head_map.h"

#include <algorithm>
#include <random>

#include <catch2/catch.hpp>

namespace lawtrail {
namespace {

struct Head {
  Hash key;
  Hash leaf;
};

std::vector<Head> Heads(size_t n, uint64_t salt = 0) {
  std::vector<Head> out;
  for (size_t i = 0; i < n; ++i) {
    const Hash key = case_map::KeyOf("440305-2026-" + std::to_string(i));
    Hash record_leaf{};
    record_leaf[0] = static_cast<uint8_t>(i + salt);
    out.push_back({key, case_map::LeafOf(key, i * 7 + salt, record_leaf, i % 5 + 1)});
  }
  return out;
}

Hash RootOf(const std::vector<Head>& heads) {
  CaseHeadMap m;
  for (const Head& h : heads) m.Set(h.key, h.leaf);
  return m.Root();
}

TEST_CASE("an empty map's root is the empty hash and one case's root is its leaf") {
  CaseHeadMap m;
  CHECK(m.Root() == Hash{});
  const auto heads = Heads(1);
  m.Set(heads[0].key, heads[0].leaf);
  CHECK(m.Root() == heads[0].leaf);
  CHECK(m.Proof(heads[0].key)->empty());
}

TEST_CASE("the map's root depends on its heads, not on the order they were set in") {
  std::vector<Head> heads = Heads(500);
  const Hash expected = RootOf(heads);
  std::mt19937 rng(7);
  for (int round = 0; round < 5; ++round) {
    std::shuffle(heads.begin(), heads.end(), rng);
    CHECK(RootOf(heads) == expected);
  }
  // Roots taken between updates change nothing either.
  CaseHeadMap m;
  for (size_t i = 0; i < heads.size(); ++i) {
    m.Set(heads[i].key, heads[i].leaf);
    if (i % 37 == 0) m.Root();
  }
  CHECK(m.Root() == expected);
}

TEST_CASE("a case's new head changes the root, and setting the old one back restores it") {
  const std::vector<Head> heads = Heads(300);
  CaseHeadMap m;
  for (const Head& h : heads) m.Set(h.key, h.leaf);
  const Hash before = m.Root();
  const Hash newer = case_map::LeafOf(heads[42].key, 9999, Hash{}, 9);
  m.Set(heads[42].key, newer);
  CHECK(m.Root() != before);
  CHECK(m.Get(heads[42].key) == newer);
  m.Set(heads[42].key, heads[42].leaf);
  CHECK(m.Root() == before);
  CHECK(m.size() == 300);
}

TEST_CASE("erasing a case gives the root of the map that never held it") {
  std::vector<Head> heads = Heads(257);
  CaseHeadMap m;
  for (const Head& h : heads) m.Set(h.key, h.leaf);
  for (size_t gone : {size_t{0}, size_t{100}, size_t{256}}) {
    CaseHeadMap copy;
    for (const Head& h : heads) copy.Set(h.key, h.leaf);
    copy.Erase(heads[gone].key);
    std::vector<Head> without = heads;
    without.erase(without.begin() + static_cast<ptrdiff_t>(gone));
    CHECK(copy.Root() == RootOf(without));
    CHECK_FALSE(copy.Get(heads[gone].key).has_value());
    CHECK(copy.size() == 256);
  }
  // Down to nothing, one by one.
  for (const Head& h : heads) m.Erase(h.key);
  CHECK(m.Root() == Hash{});
  CHECK(m.size() == 0);
}

TEST_CASE("each case's proof gives the root, and an altered proof, leaf or key does not") {
  const std::vector<Head> heads = Heads(1000);
  CaseHeadMap m;
  for (const Head& h : heads) m.Set(h.key, h.leaf);
  const Hash root = m.Root();
  size_t longest = 0;
  for (const Head& h : heads) {
    auto proof = m.Proof(h.key);
    REQUIRE(proof.has_value());
    longest = std::max(longest, proof->size());
    CHECK(case_map::RootFromProof(h.key, h.leaf, *proof) == root);
  }
  // About log2(1000) = 10 levels, a few more where keys share long prefixes.
  CHECK(longest < 30);

  const Head& h = heads[500];
  std::vector<Hash> proof = *m.Proof(h.key);
  Hash stale = h.leaf;
  stale[31] ^= 1;
  CHECK(case_map::RootFromProof(h.key, stale, proof) != root);
  CHECK(case_map::RootFromProof(heads[501].key, h.leaf, proof) != root);
  for (size_t i = 0; i < proof.size(); ++i) {
    std::vector<Hash> altered = proof;
    altered[i][0] ^= 0x80;
    CHECK(case_map::RootFromProof(h.key, h.leaf, altered) != root);
  }
  std::vector<Hash> shorter(proof.begin(), proof.end() - 1);
  CHECK(case_map::RootFromProof(h.key, h.leaf, shorter) != root);
  CHECK_FALSE(m.Proof(case_map::KeyOf("no such case")).has_value());
}

TEST_CASE("a leaf commits to the case, the record's index, its leaf hash and the version") {
  const Hash key = case_map::KeyOf("案件-1");
  Hash leaf_hash{};
  leaf_hash[3] = 9;
  const Hash base = case_map::LeafOf(key, 10, leaf_hash, 3);
  CHECK(case_map::LeafOf(case_map::KeyOf("案件-2"), 10, leaf_hash, 3) != base);
  CHECK(case_map::LeafOf(key, 11, leaf_hash, 3) != base);
  CHECK(case_map::LeafOf(key, 10, Hash{}, 3) != base);
  CHECK(case_map::LeafOf(key, 10, leaf_hash, 4) != base);
}

}  // namespace
}  // namespace lawtrail
