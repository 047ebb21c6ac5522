// The witness's add-checkpoint (C2SP tlog-witness v1.0.0): every status code,
// state that survives a restart, evidence of a log's misbehaviour, and two
// racing requests that can never roll a log back.
#include "ledger/witness/witness.h"

#include <thread>

#include <catch2/catch.hpp>

#include "ledger/core/checkpoint.h"
#include "ledger/core/cosignature.h"
#include "ledger/core/merkle.h"
#include "tests/support/fake_log.h"
#include "tests/support/temp_dir.h"

namespace lawtrail::testing {
namespace {

using witness::AddCheckpointRequest;
using witness::Reply;

struct WitnessFixture {
  TempDir dir;
  std::unique_ptr<witness::WitnessState> state = *witness::WitnessState::Open(dir.path() + "/state");
  KeyPair key = KeyPair::Generate();
  FakeLog log;
  std::unique_ptr<witness::Witness> w = Make();

  std::unique_ptr<witness::Witness> Make() {
    return std::make_unique<witness::Witness>("sifaju.pingqiao.example/w1", key,
                                              std::vector<note::Verifier>{log.verifier()}, *state, [] { return kNow; });
  }
  void Restart() {
    w.reset();
    state.reset();
    state = *witness::WitnessState::Open(dir.path() + "/state");
    w = Make();
  }
};

void ExpectCosigned(const Reply& r, const FakeLog& log, uint64_t size, const witness::Witness& w) {
  INFO(r.body);
  REQUIRE(r.status == 200);
  const auto verifier = cosig::ParseVerifier(w.vkey());
  REQUIRE(verifier.ok());
  const auto when = cosig::VerifyCosignature(log.Checkpoint(size) + r.body, *verifier);
  REQUIRE(when.ok());
  CHECK(*when == kNow);
}

TEST_CASE("the same checkpoint submitted again gets the same cosignature back, also after a restart", "[witness]") {
  // A log that could ask again and again would collect one signature per
  // second for a single size, and a draw seeded by that size could be steered.
  TempDir dir;
  KeyPair key = KeyPair::Generate();
  FakeLog log;
  uint64_t now = 1780000000;
  auto open = [&](std::unique_ptr<witness::WitnessState>& state) {
    state = *witness::WitnessState::Open(dir.path() + "/state");
    return std::make_unique<witness::Witness>("sifaju.pingqiao.example/w1", key,
                                              std::vector<note::Verifier>{log.verifier()}, *state,
                                              [&now] { return now++; });
  };
  std::unique_ptr<witness::WitnessState> state;
  auto w = open(state);
  const Reply first = w->AddCheckpoint(log.Request(0, 8));
  REQUIRE(first.status == 200);
  const Reply again = w->AddCheckpoint(log.Request(8, 8));
  REQUIRE(again.status == 200);
  CHECK(again.body == first.body);
  w.reset();
  state.reset();
  w = open(state);
  CHECK(w->AddCheckpoint(log.Request(8, 8)).body == first.body);
  // A larger checkpoint is cosigned afresh, at its own time.
  const Reply next = w->AddCheckpoint(log.Request(8, 13));
  REQUIRE(next.status == 200);
  const auto when = cosig::VerifyCosignature(log.Checkpoint(13) + next.body, *cosig::ParseVerifier(w->vkey()));
  REQUIRE(when.ok());
  CHECK(*when > 1780000000);
}

TEST_CASE("add-checkpoint answers each case with the status tlog-witness gives it", "[witness]") {
  WitnessFixture f;
  SECTION("404: a log the witness does not follow") {
    FakeLog other;
    other.signer.name = "other.example/log";
    lawtrail::Checkpoint c{"other.example/log", 3, other.Root(3), {}};
    const std::string body = "old 0\n\n" + *note::Sign(c.Body(), other.signer);
    CHECK(f.w->AddCheckpoint(body).status == 404);
  }
  SECTION("403: no signature by the trusted key, or one that fails") {
    const note::Signer impostor{std::string(kOrigin), KeyPair::Generate()};
    CHECK(f.w->AddCheckpoint("old 0\n\n" + f.log.Checkpoint(5, &impostor)).status == 403);
    std::string forged = f.log.Checkpoint(5);
    forged[forged.find('\n') + 1] = '6';  // the size changed under the log's signature
    CHECK(f.w->AddCheckpoint("old 0\n\n" + forged).status == 403);
  }
  SECTION("400: malformed bodies and an old size above the checkpoint") {
    const std::string cp = f.log.Checkpoint(5);
    for (const std::string& body :
         {std::string(), "old 0\n" + cp, "old 01\n\n" + cp, "old -1\n\n" + cp, "old 99999999999999999999\n\n" + cp,
          "0\n\n" + cp, "old 0\nnot-base64!\n\n" + cp, std::string("old 0\n\n"),
          "old 0\n\n" + cp.substr(0, cp.size() / 2), "old 9\n\n" + cp}) {
      INFO(body.substr(0, 40));
      CHECK(f.w->AddCheckpoint(body).status == 400);
    }
    std::string many = "old 3\n";
    for (int i = 0; i < 64; ++i) many += ToBase64(f.log.Root(1)) + "\n";
    CHECK(f.w->AddCheckpoint(many + "\n" + cp).status == 400);
  }
  SECTION("409: the old size is not the one last cosigned, with that size as text/x.tlog.size") {
    const Reply first = f.w->AddCheckpoint(f.log.Request(4, 8));
    CHECK(first.status == 409);
    CHECK(first.content_type == "text/x.tlog.size");
    CHECK(first.body == "0\n");
    ExpectCosigned(f.w->AddCheckpoint(f.log.Request(0, 8)), f.log, 8, *f.w);
    const Reply stale = f.w->AddCheckpoint(f.log.Request(4, 13));
    CHECK(stale.status == 409);
    CHECK(stale.body == "8\n");
  }
  SECTION("422: an empty tree with a root, a proof from 0, a bad proof, another root at the same size") {
    lawtrail::Checkpoint empty{std::string(kOrigin), 0, f.log.Root(3), {}};
    CHECK(f.w->AddCheckpoint("old 0\n\n" + *note::Sign(empty.Body(), f.log.signer)).status == 422);
    empty.root = merkle::EmptyRoot();
    CHECK(f.w->AddCheckpoint("old 0\n\n" + *note::Sign(empty.Body(), f.log.signer)).status == 200);
    CHECK(f.w->AddCheckpoint("old 0\n" + ToBase64(f.log.Root(1)) + "\n\n" + f.log.Checkpoint(8)).status == 422);
    ExpectCosigned(f.w->AddCheckpoint(f.log.Request(0, 8)), f.log, 8, *f.w);
    // A proof for another range does not prove 8 → 13.
    CHECK(f.w->AddCheckpoint(witness::FormatAddCheckpoint({8, f.log.Proof(7, 13), f.log.Checkpoint(13)})).status ==
          422);
    // The log forks: the same key signs another tree of size 8.
    FakeLog fork(1);
    fork.signer = f.log.signer;
    CHECK(f.w->AddCheckpoint("old 8\n\n" + fork.Checkpoint(8)).status == 422);
    const auto evidence = f.state->AllEvidence();
    REQUIRE(evidence.ok());
    REQUIRE(evidence->size() == 2);  // both are signed by the log and prove it misbehaved
    CHECK((*evidence)[1].origin == kOrigin);
    CHECK((*evidence)[1].request.find(fork.Checkpoint(8).substr(0, 60)) != std::string::npos);
    ExpectCosigned(f.w->AddCheckpoint(f.log.Request(8, 13)), f.log, 13, *f.w);
  }
}

TEST_CASE("the witness grows with the log, re-cosigns the same tree, and remembers across a restart", "[witness]") {
  WitnessFixture f;
  ExpectCosigned(f.w->AddCheckpoint(f.log.Request(0, 1)), f.log, 1, *f.w);
  uint64_t old = 1;
  for (uint64_t size : {2u, 3u, 7u, 8u, 13u, 16u, 20u}) {
    ExpectCosigned(f.w->AddCheckpoint(f.log.Request(old, size)), f.log, size, *f.w);
    old = size;
  }
  ExpectCosigned(f.w->AddCheckpoint("old 20\n\n" + f.log.Checkpoint(20)), f.log, 20, *f.w);
  f.Restart();
  const Reply after = f.w->AddCheckpoint(f.log.Request(0, 20));
  CHECK(after.status == 409);
  CHECK(after.body == "20\n");
  const Reply latest = f.w->Latest(kOrigin);
  REQUIRE(latest.status == 200);
  CHECK(latest.body.starts_with(f.log.Checkpoint(20)));
  CHECK(f.w->Latest("nobody.example/log").status == 404);
}

TEST_CASE("two add-checkpoint calls racing from one size: one is cosigned, the other gets 409, never a rollback",
          "[witness][race]") {
  for (int round = 0; round < 20; ++round) {
    WitnessFixture f;
    ExpectCosigned(f.w->AddCheckpoint(f.log.Request(0, 8)), f.log, 8, *f.w);
    const std::string to_20 = f.log.Request(8, 20), to_13 = f.log.Request(8, 13);
    Reply a, b;
    std::thread ta([&] { a = f.w->AddCheckpoint(to_20); });
    std::thread tb([&] { b = f.w->AddCheckpoint(to_13); });
    ta.join();
    tb.join();
    INFO("round " << round << ": " << a.status << " " << b.status);
    REQUIRE(((a.status == 200 && b.status == 409) || (a.status == 409 && b.status == 200)));
    const uint64_t winner = a.status == 200 ? 20 : 13;
    CHECK((a.status == 409 ? a.body : b.body) == std::to_string(winner) + "\n");
    const auto latest = f.state->Latest(std::string(kOrigin));
    REQUIRE(latest.ok());
    CHECK((*latest)->size == winner);
  }
}

}  // namespace
}  // namespace lawtrail::testing
