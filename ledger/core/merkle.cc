#include "ledger/core/merkle.h"

#include <algorithm>
#include <bit>

#include "ledger/core/sha256.h"

namespace lawtrail::merkle {
namespace {

constexpr uint8_t kLeafPrefix = 0x00;
constexpr uint8_t kNodePrefix = 0x01;

// Largest power of two strictly less than n. REQUIRES: n > 1.
uint64_t SplitPoint(uint64_t n) { return std::bit_floor(n - 1); }

void Path(uint64_t m, uint64_t begin, uint64_t end, std::vector<Range>& out) {
  if (end - begin <= 1) return;
  const uint64_t k = SplitPoint(end - begin);
  if (m < k) {
    Path(m, begin, begin + k, out);
    out.push_back({begin + k, end});
  } else {
    Path(m - k, begin + k, end, out);
    out.push_back({begin, begin + k});
  }
}

void SubProof(uint64_t m, uint64_t begin, uint64_t end, bool whole, std::vector<Range>& out) {
  const uint64_t n = end - begin;
  if (m == n) {
    if (!whole) out.push_back({begin, end});
    return;
  }
  const uint64_t k = SplitPoint(n);
  if (m <= k) {
    SubProof(m, begin, begin + k, whole, out);
    out.push_back({begin + k, end});
  } else {
    SubProof(m - k, begin + k, end, false, out);
    out.push_back({begin, begin + k});
  }
}

bool Lsb(uint64_t v) { return (v & 1) != 0; }

Status CheckHashSizes(std::span<const Bytes> proof) {
  for (size_t i = 0; i < proof.size(); ++i) {
    if (proof[i].size() != 32) {
      return Status::InvalidArgument("proof hash " + std::to_string(i) + " has " + std::to_string(proof[i].size()) +
                                     " bytes, want 32");
    }
  }
  return Status::Ok();
}

Hash ToHash(ByteView b) {
  Hash h;
  std::copy(b.begin(), b.end(), h.begin());
  return h;
}

// The split walk of a multi-leaf proof over [begin, end) holding `leaves`:
// a subtree without any of them is one proof range, left to right.
void MultiPath(std::span<const uint64_t> leaves, uint64_t begin, uint64_t end, std::vector<Range>& out) {
  if (leaves.empty()) {
    out.push_back({begin, end});
    return;
  }
  if (end - begin == 1) return;  // the leaf itself: the verifier has its hash
  const uint64_t mid = begin + SplitPoint(end - begin);
  const auto split = std::lower_bound(leaves.begin(), leaves.end(), mid);
  MultiPath(leaves.subspan(0, static_cast<size_t>(split - leaves.begin())), begin, mid, out);
  MultiPath(leaves.subspan(static_cast<size_t>(split - leaves.begin())), mid, end, out);
}

struct MultiProofCursor {
  std::span<const uint64_t> leaves;
  std::span<const Hash> leaf_hashes;
  std::span<const Hash> proof;
  size_t next_proof = 0;
};

Result<Hash> MultiRoot(MultiProofCursor& c, size_t first_leaf, size_t leaf_count, uint64_t begin, uint64_t end) {
  if (leaf_count == 0) {
    if (c.next_proof == c.proof.size()) return Status::InvalidArgument("the proof is too short");
    return c.proof[c.next_proof++];
  }
  if (end - begin == 1) return c.leaf_hashes[first_leaf];
  const uint64_t mid = begin + SplitPoint(end - begin);
  const auto window = c.leaves.subspan(first_leaf, leaf_count);
  const size_t left = static_cast<size_t>(std::lower_bound(window.begin(), window.end(), mid) - window.begin());
  LAWTRAIL_ASSIGN_OR_RETURN(Hash l, MultiRoot(c, first_leaf, left, begin, mid));
  LAWTRAIL_ASSIGN_OR_RETURN(Hash r, MultiRoot(c, first_leaf + left, leaf_count - left, mid, end));
  return NodeHash(l, r);
}

Status CheckLeafSet(std::span<const uint64_t> leaves, uint64_t size) {
  if (leaves.empty()) return Status::InvalidArgument("a multi-leaf proof needs at least one leaf");
  for (size_t i = 0; i < leaves.size(); ++i) {
    if (leaves[i] >= size) {
      return Status::InvalidArgument("leaf " + std::to_string(leaves[i]) + " is not below tree size " +
                                     std::to_string(size));
    }
    if (i > 0 && leaves[i] <= leaves[i - 1]) return Status::InvalidArgument("leaves must be distinct and in order");
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<Range>> MultiInclusionRanges(std::span<const uint64_t> leaves, uint64_t size) {
  LAWTRAIL_RETURN_IF_ERROR(CheckLeafSet(leaves, size));
  std::vector<Range> out;
  MultiPath(leaves, 0, size, out);
  return out;
}

Result<Hash> RootFromMultiInclusionProof(std::span<const uint64_t> leaves, std::span<const Hash> leaf_hashes,
                                         uint64_t size, std::span<const Hash> proof) {
  LAWTRAIL_RETURN_IF_ERROR(CheckLeafSet(leaves, size));
  if (leaf_hashes.size() != leaves.size()) return Status::InvalidArgument("one leaf hash per leaf is needed");
  MultiProofCursor c{leaves, leaf_hashes, proof};
  LAWTRAIL_ASSIGN_OR_RETURN(Hash root, MultiRoot(c, 0, leaves.size(), 0, size));
  if (c.next_proof != proof.size()) return Status::InvalidArgument("the proof is too long");
  return root;
}

Hash LeafHash(ByteView leaf) { return Sha256({ByteView(&kLeafPrefix, 1), leaf}); }

Hash NodeHash(const Hash& left, const Hash& right) { return Sha256({ByteView(&kNodePrefix, 1), left, right}); }

Hash EmptyRoot() { return Sha256(ByteView()); }

Hash RootOf(std::span<const Hash> leaf_hashes) {
  CompactRange range;
  for (const Hash& h : leaf_hashes) range.Append(h, [](NodeId, const Hash&) {});
  return range.Root();
}

std::vector<NodeId> Decompose(uint64_t begin, uint64_t end) {
  std::vector<NodeId> out;
  while (begin < end) {
    // The largest aligned perfect subtree that starts at `begin` and fits.
    int level = begin == 0 ? 63 : std::countr_zero(begin);
    while ((uint64_t{1} << level) > end - begin) --level;
    out.push_back({static_cast<uint8_t>(level), begin >> level});
    begin += uint64_t{1} << level;
  }
  return out;
}

std::vector<Range> InclusionRanges(uint64_t index, uint64_t size) {
  std::vector<Range> out;
  Path(index, 0, size, out);
  return out;
}

std::vector<Range> ConsistencyRanges(uint64_t old_size, uint64_t size) {
  std::vector<Range> out;
  if (old_size < size) SubProof(old_size, 0, size, true, out);
  return out;
}

Result<std::vector<Hash>> HashRanges(std::span<const Range> ranges, const NodeReader& read) {
  std::vector<NodeId> ids;
  std::vector<size_t> first_id;  // ranges[i] uses ids[first_id[i] .. first_id[i+1])
  for (const Range& r : ranges) {
    first_id.push_back(ids.size());
    for (NodeId id : Decompose(r.begin, r.end)) ids.push_back(id);
  }
  first_id.push_back(ids.size());
  std::vector<Hash> nodes(ids.size());
  LAWTRAIL_RETURN_IF_ERROR(read(ids, nodes));
  std::vector<Hash> out;
  out.reserve(ranges.size());
  for (size_t i = 0; i < ranges.size(); ++i) {
    // Decomposed pieces fold from the right, exactly as RFC 9162's MTH splits.
    Hash h = nodes[first_id[i + 1] - 1];
    for (size_t j = first_id[i + 1] - 1; j-- > first_id[i];) h = NodeHash(nodes[j], h);
    out.push_back(h);
  }
  return out;
}

Status VerifyInclusion(uint64_t index, uint64_t size, ByteView leaf_hash, std::span<const Bytes> proof, ByteView root) {
  if (index >= size) {
    return Status::InvalidArgument("index " + std::to_string(index) + " is not below size " + std::to_string(size));
  }
  if (leaf_hash.size() != 32 || root.size() != 32) {
    return Status::InvalidArgument("leaf hash and root must be 32 bytes");
  }
  LAWTRAIL_RETURN_IF_ERROR(CheckHashSizes(proof));
  uint64_t fn = index, sn = size - 1;
  Hash r = ToHash(leaf_hash);
  for (const Bytes& p : proof) {
    if (sn == 0) return Status::Corruption("inclusion proof is longer than the tree is deep");
    if (Lsb(fn) || fn == sn) {
      r = NodeHash(ToHash(p), r);
      while (!Lsb(fn) && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      r = NodeHash(r, ToHash(p));
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return Status::Corruption("inclusion proof is shorter than the tree is deep");
  if (!ConstantTimeEqual(r, root)) return Status::Corruption("inclusion proof does not lead to the root");
  return Status::Ok();
}

Status VerifyConsistency(uint64_t old_size, uint64_t size, ByteView old_root, ByteView root,
                         std::span<const Bytes> proof) {
  if (old_size == 0) return Status::InvalidArgument("consistency from an empty tree is not proved");
  if (old_size > size) {
    return Status::InvalidArgument("old size " + std::to_string(old_size) + " exceeds size " + std::to_string(size));
  }
  if (old_size == size) {
    if (!proof.empty()) return Status::Corruption("equal sizes need an empty proof");
    if (old_root.size() != root.size() || !ConstantTimeEqual(old_root, root)) {
      return Status::Corruption("two different roots for the same size");
    }
    return Status::Ok();
  }
  if (old_root.size() != 32 || root.size() != 32) {
    return Status::InvalidArgument("roots must be 32 bytes");
  }
  if (proof.empty()) return Status::Corruption("consistency proof is empty");
  LAWTRAIL_RETURN_IF_ERROR(CheckHashSizes(proof));

  std::vector<Bytes> path;
  if (std::has_single_bit(old_size)) path.emplace_back(old_root.begin(), old_root.end());
  path.insert(path.end(), proof.begin(), proof.end());
  uint64_t fn = old_size - 1, sn = size - 1;
  while (Lsb(fn)) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash fr = ToHash(path[0]);
  Hash sr = fr;
  for (size_t i = 1; i < path.size(); ++i) {
    const Hash c = ToHash(path[i]);
    if (sn == 0) return Status::Corruption("consistency proof is too long");
    if (Lsb(fn) || fn == sn) {
      fr = NodeHash(c, fr);
      sr = NodeHash(c, sr);
      while (!Lsb(fn) && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      sr = NodeHash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return Status::Corruption("consistency proof is too short");
  if (!ConstantTimeEqual(fr, old_root)) return Status::Corruption("consistency proof does not lead to the old root");
  if (!ConstantTimeEqual(sr, root)) return Status::Corruption("consistency proof does not lead to the new root");
  return Status::Ok();
}

Result<CompactRange> CompactRange::Load(uint64_t size, const NodeReader& read) {
  CompactRange range;
  range.size_ = size;
  const std::vector<NodeId> ids = Decompose(0, size);
  range.hashes_.resize(ids.size());
  LAWTRAIL_RETURN_IF_ERROR(read(ids, range.hashes_));
  return range;
}

void CompactRange::Append(const Hash& leaf_hash, const std::function<void(NodeId, const Hash&)>& emit) {
  uint64_t n = size_;
  uint8_t level = 0;
  Hash h = leaf_hash;
  emit({0, n}, h);
  while (Lsb(n)) {
    h = NodeHash(hashes_.back(), h);
    hashes_.pop_back();
    n >>= 1;
    ++level;
    emit({level, n}, h);
  }
  hashes_.push_back(h);
  ++size_;
}

Hash CompactRange::Root() const {
  if (hashes_.empty()) return EmptyRoot();
  Hash r = hashes_.back();
  for (size_t i = hashes_.size() - 1; i-- > 0;) r = NodeHash(hashes_[i], r);
  return r;
}

}  // namespace lawtrail::merkle
