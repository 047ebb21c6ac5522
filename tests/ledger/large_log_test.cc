// A log of 100,000 records: proofs for random indices and size pairs verify,
// and any one-byte change made underneath lawtrail is found and located.
#include <random>

#include <catch2/catch.hpp>

#include "ledger/core/record.h"
#include "tests/support/proof_helpers.h"
#include "tests/support/tamper.h"
#include "tests/support/test_log.h"

namespace lawtrail {
namespace {

using testing::TestLog;
using testing::TestOfficer;

constexpr uint64_t kRecords = 100'000;

using testing::AsBytesList;

TEST_CASE("a log of 100,000 records proves, verifies and locates tampering", "[large][verify]") {
  LogOptions options;
  options.checkpoints.every_records = 8192;
  TestLog t(options);
  std::vector<TestOfficer> officers;
  for (int i = 0; i < 8; ++i) officers.push_back(t.AddOfficer("4115" + std::to_string(1000 + i)));
  ThreadPool pool;
  while (t.log().size() < kRecords) {
    const uint64_t n = std::min<uint64_t>(4096, kRecords - t.log().size());
    std::vector<Bytes> batch(n);
    const uint64_t base = t.log().size();
    pool.ParallelFor(n, [&](size_t i) {
      batch[i] = t.Memo(officers[(base + i) % officers.size()], "case-" + std::to_string((base + i) % 2500),
                        "第" + std::to_string(base + i) + "号记录");
    });
    for (const auto& r : t.log().Append(std::move(batch))) REQUIRE(r.ok());
  }
  const std::string final_checkpoint = *t.log().CurrentCheckpoint();
  const LogReader& reader = t.log().reader();
  std::mt19937_64 rng(7);

  SECTION("inclusion proofs for random indices and sizes verify") {
    for (int i = 0; i < 300; ++i) {
      const uint64_t size = std::uniform_int_distribution<uint64_t>(1, kRecords)(rng);
      const uint64_t index = std::uniform_int_distribution<uint64_t>(0, size - 1)(rng);
      auto proof = reader.InclusionProof(index, size);
      REQUIRE(proof.ok());
      const Hash leaf = merkle::LeafHash(*reader.RecordBytes(index));
      INFO("index " << index << " size " << size);
      REQUIRE(merkle::VerifyInclusion(index, size, leaf, AsBytesList(*proof), *reader.RootAt(size)).ok());
    }
  }
  SECTION("consistency proofs for random size pairs verify") {
    for (int i = 0; i < 300; ++i) {
      uint64_t a = std::uniform_int_distribution<uint64_t>(1, kRecords)(rng);
      uint64_t b = std::uniform_int_distribution<uint64_t>(1, kRecords)(rng);
      if (a > b) std::swap(a, b);
      auto proof = reader.ConsistencyProof(a, b);
      REQUIRE(proof.ok());
      INFO("sizes " << a << " and " << b);
      REQUIRE(merkle::VerifyConsistency(a, b, *reader.RootAt(a), *reader.RootAt(b), AsBytesList(*proof)).ok());
    }
  }
  SECTION("one-byte changes are found at the right index; a deleted last record too") {
    t.Close();
    REQUIRE(testing::VerifyDir(t.dir(), t.vkey(), final_checkpoint).status.ok());
    for (int round = 0; round < 3; ++round) {
      const uint64_t index = std::uniform_int_distribution<uint64_t>(0, kRecords - 1)(rng);
      const size_t offset = std::uniform_int_distribution<size_t>(0, 400)(rng);
      const std::string original = testing::FlipByte(t.dir(), Cf::kRecords, keys::Index(index), offset);
      const VerifyReport report = testing::VerifyDir(t.dir(), t.vkey());
      INFO("record " << index << " byte " << offset << ": " << report.status.ToString());
      CHECK_FALSE(report.status.ok());
      CHECK(report.bad_index == index);
      testing::PutRaw(t.dir(), Cf::kRecords, keys::Index(index), original);
    }
    const merkle::NodeId node{static_cast<uint8_t>(std::uniform_int_distribution<int>(0, 15)(rng)), 3};
    const std::string original_node = testing::FlipByte(t.dir(), Cf::kTree, keys::Node(node), 31);
    const VerifyReport tree_report = testing::VerifyDir(t.dir(), t.vkey());
    INFO(tree_report.status.ToString());
    CHECK(tree_report.bad_index == node.end() - 1);
    testing::PutRaw(t.dir(), Cf::kTree, keys::Node(node), original_node);

    const std::string original_cp = testing::FlipByte(t.dir(), Cf::kCheckpoints, keys::Index(kRecords), 50);
    CHECK_THAT(testing::VerifyDir(t.dir(), t.vkey()).status.message(),
               Catch::Contains("checkpoint at size " + std::to_string(kRecords)));
    testing::PutRaw(t.dir(), Cf::kCheckpoints, keys::Index(kRecords), original_cp);

    testing::DeleteRaw(t.dir(), Cf::kRecords, keys::Index(kRecords - 1));
    const VerifyReport deleted = testing::VerifyDir(t.dir(), t.vkey());
    INFO(deleted.status.ToString());
    CHECK_FALSE(deleted.status.ok());
    CHECK(deleted.bad_index == kRecords - 1);
  }
}

}  // namespace
}  // namespace lawtrail
