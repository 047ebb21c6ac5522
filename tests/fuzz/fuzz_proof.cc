// Inclusion, consistency, multi-leaf and case-head proofs as a verifier gets
// them from outside. The input gives a tree of up to 64 leaves, an index, an
// older size and stray hashes: the tree's own proofs must verify, the same
// proofs with any hash changed must not, and stray proofs never crash.
#include <algorithm>
#include <vector>

#include "ledger/core/case_head_map.h"
#include "ledger/core/merkle.h"
#include "tests/fuzz/fuzz_support.h"

using namespace lawtrail;

namespace {

struct Input {
  const uint8_t* p;
  size_t n;
  uint8_t Byte() {
    if (n == 0) return 0;
    --n;
    return *p++;
  }
  Hash NextHash() {
    Hash h{};
    for (auto& b : h) b = Byte();
    return h;
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Input in{data, size};
  const uint64_t n = 1 + in.Byte() % 64;
  std::vector<Hash> leaves;
  for (uint64_t i = 0; i < n; ++i) {
    const uint8_t leaf[2] = {static_cast<uint8_t>(i), in.Byte()};
    leaves.push_back(merkle::LeafHash(ByteView(leaf, 2)));
  }
  const uint64_t index = in.Byte() % n;
  const uint64_t old_size = 1 + in.Byte() % n;
  const merkle::NodeReader read = [&](std::span<const merkle::NodeId> ids, std::span<Hash> out) {
    for (size_t i = 0; i < ids.size(); ++i) {
      if (ids[i].end() > n) return Status::NotFound("beyond the tree");
      out[i] = merkle::RootOf(std::span<const Hash>(leaves).subspan(ids[i].begin(), ids[i].end() - ids[i].begin()));
    }
    return Status::Ok();
  };
  const Hash root = merkle::RootOf(leaves);
  const Hash old_root = merkle::RootOf(std::span<const Hash>(leaves).first(old_size));
  auto as_bytes = [](const std::vector<Hash>& hashes) {
    std::vector<Bytes> out;
    for (const Hash& h : hashes) out.emplace_back(h.begin(), h.end());
    return out;
  };

  auto inclusion = merkle::HashRanges(merkle::InclusionRanges(index, n), read);
  LAWTRAIL_FUZZ_CHECK(inclusion.ok(), "an inclusion proof can be made");
  std::vector<Bytes> proof = as_bytes(*inclusion);
  LAWTRAIL_FUZZ_CHECK(merkle::VerifyInclusion(index, n, leaves[index], proof, root).ok(),
                      "the tree's own proof verifies");
  if (!proof.empty()) {
    const size_t k = in.Byte() % proof.size();
    proof[k][in.Byte() % 32] ^= 1 + in.Byte() % 255;
    LAWTRAIL_FUZZ_CHECK(!merkle::VerifyInclusion(index, n, leaves[index], proof, root).ok(),
                        "a changed proof does not verify");
  }

  auto consistency = merkle::HashRanges(merkle::ConsistencyRanges(old_size, n), read);
  LAWTRAIL_FUZZ_CHECK(consistency.ok(), "a consistency proof can be made");
  std::vector<Bytes> cproof = as_bytes(*consistency);
  LAWTRAIL_FUZZ_CHECK(merkle::VerifyConsistency(old_size, n, old_root, root, cproof).ok(),
                      "the tree's own consistency proof verifies");
  if (!cproof.empty()) {
    cproof[in.Byte() % cproof.size()][in.Byte() % 32] ^= 0x80;
    LAWTRAIL_FUZZ_CHECK(!merkle::VerifyConsistency(old_size, n, old_root, root, cproof).ok(),
                        "a changed consistency proof does not verify");
  }

  // Several leaves at once.
  std::vector<uint64_t> chosen;
  for (uint64_t i = 0; i < n; ++i) {
    if (in.Byte() & 1) chosen.push_back(i);
  }
  if (!chosen.empty()) {
    auto ranges = merkle::MultiInclusionRanges(chosen, n);
    LAWTRAIL_FUZZ_CHECK(ranges.ok(), "a multi-leaf proof can be made for leaves in order");
    auto multi = merkle::HashRanges(*ranges, read);
    LAWTRAIL_FUZZ_CHECK(multi.ok(), "its hashes can be read");
    std::vector<Hash> chosen_leaves;
    for (uint64_t i : chosen) chosen_leaves.push_back(leaves[i]);
    auto got = merkle::RootFromMultiInclusionProof(chosen, chosen_leaves, n, *multi);
    LAWTRAIL_FUZZ_CHECK(got.ok() && *got == root, "the multi-leaf proof gives the root");
  }

  // Whatever is left: stray proofs of stray shapes, which must only be refused.
  std::vector<Hash> stray;
  while (in.n >= 32 && stray.size() < 80) stray.push_back(in.NextHash());
  const uint64_t stray_size = n + (stray.empty() ? 0 : stray[0][1]);
  (void)merkle::VerifyInclusion(index, stray_size, leaves[index], as_bytes(stray), root);
  (void)merkle::VerifyConsistency(old_size, stray_size, old_root, root, as_bytes(stray));
  (void)merkle::RootFromMultiInclusionProof(chosen, std::vector<Hash>(chosen.size(), root), stray_size, stray);
  const Hash key = case_map::KeyOf(std::string_view(reinterpret_cast<const char*>(data), std::min<size_t>(size, 16)));
  (void)case_map::RootFromProof(key, root,
                                std::span<const Hash>(stray).first(std::min(stray.size(), case_map::kMaxDepth)));
  return 0;
}
