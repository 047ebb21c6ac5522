// A verifying witness (ledger/stream/verifying_mirror.h): fed from the log's
// Kafka stream through librdkafka's mock cluster (or LAWTRAIL_KAFKA_BROKERS),
// it cosigns a checkpoint only once its mirror has verified every record up
// to it; a checkpoint ahead of the mirror is answered 503 (the log retries);
// a checkpoint signed by the log key whose root or case-head map is not that
// of the streamed records is refused with 422 and kept as evidence.
#include <catch2/catch.hpp>

#include "ledger/core/cosignature.h"
#include "ledger/log/data_dir.h"
#include "ledger/stream/relay.h"
#include "ledger/stream/verifying_mirror.h"
#include "ledger/witness/witness.h"
#include "tests/kafka/kafka_support.h"
#include "tests/support/demo_log.h"

namespace lawtrail::kafka {
namespace {

using namespace std::chrono_literals;

std::string Body(const std::string& checkpoint) {
  witness::AddCheckpointRequest r;
  r.checkpoint = checkpoint;
  return witness::FormatAddCheckpoint(r);
}

TEST_CASE(
    "a verifying witness cosigns only what its mirror of the stream verified, and refuses what the records "
    "do not give",
    "[kafka][witness]") {
  testing::DemoLog demo(12, testing::CheckpointEvery(200), false);
  auto primary = Log::Open(demo.dir.path(), testing::CheckpointEvery(200));
  REQUIRE(primary.ok());
  demo.AppendCases(**primary, 0, demo.year.items.size() / 2, 100);
  const std::string streamed = *(*primary)->CurrentCheckpoint();
  auto cluster = TestCluster::Start(1);
  REQUIRE(cluster.ok());
  const std::string prefix = MadeTopics(**cluster, "lawtrail-witness");
  RelayOptions relay_options;
  relay_options.bootstraps = (*cluster)->bootstraps();
  relay_options.topics = Topics::WithPrefix(prefix);
  auto relay = Relay::Open(testing::kTestOrigin, demo.dir / "relay", relay_options);
  REQUIRE(relay.ok());
  REQUIRE((*relay)->CatchUp((*primary)->reader()).ok());

  const note::Verifier log_key = *data_dir::LoadVerifier(demo.dir.path());
  testing::TempDir wdir;
  FollowerOptions options;
  options.bootstraps = (*cluster)->bootstraps();
  options.topics = Topics::WithPrefix(prefix);
  options.group = prefix + ".witness";
  auto mirror = VerifyingMirror::Start(wdir.path() + "/mirror", log_key, options);
  REQUIRE(mirror.ok());
  auto state = witness::WitnessState::Open(wdir.path() + "/state");
  REQUIRE(state.ok());
  witness::Witness w("sifaju.pingqiao.example/w1", KeyPair::Generate(), {log_key}, **state, [] { return 1700000000; });
  w.set_vouch([m = mirror->get()](const Checkpoint& cp) { return m->Vouch(cp, 20s); });

  // Everything streamed is verified before the cosignature comes back.
  const witness::Reply cosigned = w.AddCheckpoint(Body(streamed));
  INFO(cosigned.body);
  REQUIRE(cosigned.status == 200);
  CHECK((*mirror)->size() >= ParseCheckpointNoteUnverified(streamed)->size);
  CHECK(cosig::VerifyCosignature(streamed + cosigned.body, *cosig::ParseVerifier(w.vkey())).ok());

  // Records the log has not streamed: the witness waits, then answers 503; the log tries again later.
  demo.AppendCases(**primary, demo.year.items.size() / 2, demo.year.items.size(), 100);
  const std::string ahead = *(*primary)->CurrentCheckpoint();
  w.set_vouch([m = mirror->get()](const Checkpoint& cp) { return m->Vouch(cp, 500ms); });
  witness::AddCheckpointRequest step;
  step.old_size = ParseCheckpointNoteUnverified(streamed)->size;
  const auto proof = (*primary)->reader().ConsistencyProof(step.old_size, (*primary)->size());
  REQUIRE(proof.ok());
  for (const Hash& h : *proof) step.proof.emplace_back(h.begin(), h.end());
  step.checkpoint = ahead;
  const witness::Reply waiting = w.AddCheckpoint(step);
  CHECK(waiting.status == 503);
  CHECK_THAT(waiting.body, Catch::Contains("the mirror has verified"));

  // A checkpoint the log key signed over the streamed size with another case-head map: 422, kept as evidence.
  const note::Signer log_signer = *data_dir::LoadSigner(data_dir::LogKeyPath(demo.dir.path()));
  Checkpoint forged = *ParseCheckpointNoteUnverified(streamed);
  forged.extensions = {"lawtrail-case-heads " + std::string(43, 'A') + "="};
  testing::TempDir other;
  auto other_state = witness::WitnessState::Open(other.path() + "/state");
  witness::Witness fresh("court.pingqiao.example/w1", KeyPair::Generate(), {log_key}, **other_state,
                         [] { return 1700000000; });
  fresh.set_vouch([m = mirror->get()](const Checkpoint& cp) { return m->Vouch(cp, 20s); });
  const std::string forged_note = *note::Sign(forged.Body(), log_signer);
  const witness::Reply refused = fresh.AddCheckpoint(Body(forged_note));
  INFO(refused.body);
  CHECK(refused.status == 422);
  CHECK_THAT(refused.body, Catch::Contains("case-head map"));
  const auto evidence = (*other_state)->AllEvidence();
  REQUIRE(evidence.ok());
  REQUIRE(evidence->size() == 1);
  CHECK_THAT(evidence->at(0).request, Catch::Contains(forged_note));
  mirror->reset();
  relay->reset();
}

}  // namespace
}  // namespace lawtrail::kafka
