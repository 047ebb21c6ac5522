// A log for witness tests: 20 leaves, its checkpoints signed by its own key,
// its consistency proofs and add-checkpoint bodies — a test double standing
// in for a lawtrail log where only the tree and the signature matter.
#ifndef LAWTRAIL_TESTS_SUPPORT_FAKE_LOG_H_
#define LAWTRAIL_TESTS_SUPPORT_FAKE_LOG_H_

#include <string>
#include <vector>

#include "ledger/core/checkpoint.h"
#include "ledger/core/merkle.h"
#include "ledger/core/note.h"
#include "ledger/witness/add_checkpoint.h"

namespace lawtrail::testing {

inline constexpr std::string_view kOrigin = "qingshan.example.gov.cn/enforcement";
inline constexpr uint64_t kNow = 1700000000;

// A log of 20 leaves whose checkpoints and consistency proofs the tests send.
struct FakeLog {
  note::Signer signer{std::string(kOrigin), KeyPair::Generate()};
  std::vector<Hash> leaves;

  explicit FakeLog(uint8_t salt = 0) {
    for (uint8_t i = 0; i < 20; ++i) {
      const uint8_t leaf[2] = {salt, i};
      leaves.push_back(merkle::LeafHash(ByteView(leaf, 2)));
    }
  }
  note::Verifier verifier() const {
    return {signer.name, note::KeyId(signer.name, signer.key.public_key()), signer.key.public_key()};
  }
  Hash Root(uint64_t size) const { return merkle::RootOf({leaves.data(), size}); }
  std::string Checkpoint(uint64_t size, const note::Signer* by = nullptr) const {
    lawtrail::Checkpoint c;
    c.origin = std::string(kOrigin);
    c.size = size;
    c.root = Root(size);
    return *note::Sign(c.Body(), by != nullptr ? *by : signer);
  }
  std::vector<Bytes> Proof(uint64_t old_size, uint64_t size) const {
    auto hashes = merkle::HashRanges(
        merkle::ConsistencyRanges(old_size, size), [this](std::span<const merkle::NodeId> ids, std::span<Hash> out) {
          for (size_t i = 0; i < ids.size(); ++i) {
            out[i] = merkle::RootOf({leaves.data() + ids[i].begin(), ids[i].end() - ids[i].begin()});
          }
          return Status::Ok();
        });
    std::vector<Bytes> out;
    for (const Hash& h : *hashes) out.emplace_back(h.begin(), h.end());
    return out;
  }
  std::string Request(uint64_t old_size, uint64_t size) const {
    return witness::FormatAddCheckpoint(witness::AddCheckpointRequest{
        old_size, old_size == 0 ? std::vector<Bytes>{} : Proof(old_size, size), Checkpoint(size)});
  }
};

}  // namespace lawtrail::testing

#endif  // LAWTRAIL_TESTS_SUPPORT_FAKE_LOG_H_
