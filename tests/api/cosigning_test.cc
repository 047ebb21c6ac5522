// The log's side of witnessing (ledger/cosigning) against real witnesses on
// loopback: checkpoints are published only once the policy's quorum cosigned
// them; an absent or hanging witness never holds up an append; fail-open
// publishes and says so; a witness met for the first time teaches its size
// with 409; a fork is refused by the witness (422, evidence kept) and by a
// follower and a court holding the policy.
#include <thread>

#include <boost/asio/ip/tcp.hpp>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "api/witness_server.h"
#include "ledger/bundle/bundle.h"
#include "ledger/bundle/export_verifier.h"
#include "ledger/core/cosignature.h"
#include "ledger/cosigning/collector.h"
#include "ledger/log/replica.h"
#include "ledger/timestamp/timestamp.h"
#include "tests/api/http_client.h"
#include "tests/api/test_server.h"
#include "tests/support/case_fixture.h"
#include "tests/support/draw_fixture.h"
#include "tests/support/process.h"
#include "tests/support/test_log.h"
#include "tests/support/test_tsa.h"

namespace lawtrail::testing {
namespace {

using namespace std::chrono_literals;

uint64_t WallSeconds() { return static_cast<uint64_t>(std::time(nullptr)); }

// One witness serving on a free loopback port, in this process.
struct LoopbackWitness {
  TempDir dir;
  std::unique_ptr<witness::WitnessState> state;
  std::unique_ptr<witness::Witness> w;
  std::unique_ptr<api::WitnessServer> server;

  LoopbackWitness(const std::string& key_name, const std::string& log_vkey) {
    state = *witness::WitnessState::Open(dir.path() + "/state");
    w = std::make_unique<witness::Witness>(key_name, KeyPair::Generate(),
                                           std::vector<note::Verifier>{*note::ParseVerifier(log_vkey)}, *state,
                                           WallSeconds);
    api::WitnessServerOptions o;
    o.http.port = 0;
    o.per_log_rate = 1000;
    o.per_log_burst = 1000;
    server = *api::WitnessServer::Listen(*w, o);
    server->Start();
  }
  ~LoopbackWitness() { server->Stop(); }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(server->port()); }
  // The witness's own view of the log: the checkpoint it last cosigned.
  std::optional<uint64_t> CosignedSize(const std::string& origin) {
    const auto latest = w->Latest(origin);
    if (latest.status != 200) return std::nullopt;
    return ParseCheckpointNoteUnverified(latest.body)->size;
  }
};

// A listening socket that never accepts: connections wait in its backlog and
// requests are never answered (a witness that hangs).
struct HangingWitness {
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::acceptor acceptor{ioc, {boost::asio::ip::make_address("127.0.0.1"), 0}};
  std::string url() const { return "http://127.0.0.1:" + std::to_string(acceptor.local_endpoint().port()); }
};

// A port nothing listens on (bound, then closed).
std::string DeadUrl() {
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::acceptor a(ioc, {boost::asio::ip::make_address("127.0.0.1"), 0});
  const auto port = a.local_endpoint().port();
  a.close();
  return "http://127.0.0.1:" + std::to_string(port);
}

struct PolicyWitness {
  std::string name, vkey, url;
};

std::string PolicyText(const std::string& log_vkey, const std::vector<PolicyWitness>& witnesses,
                       const std::string& group_rule) {
  std::string text = "# 青山镇 综合行政执法 log and the bodies that supervise it\nlog " + log_vkey + "\n";
  std::string members;
  for (const auto& w : witnesses) {
    text += "witness " + w.name + " " + w.vkey + (w.url.empty() ? "" : " " + w.url) + "\n";
    members += " " + w.name;
  }
  return text + "group 监督机关 " + group_rule + members + "\nquorum 监督机关\n";
}

cosigning::CollectorOptions Fast() {
  cosigning::CollectorOptions o;
  o.request_timeout = 300ms;
  o.backoff = 20ms;
  o.max_backoff = 100ms;
  return o;
}

std::unique_ptr<cosigning::Collector> StartCollector(TestLog& t, const std::string& policy_text,
                                                     cosigning::CollectorOptions options = Fast()) {
  auto policy = policy::Parse(policy_text);
  REQUIRE(policy.ok());
  auto c =
      cosigning::Collector::Start(t.log().store(), t.log().reader(), *note::ParseVerifier(t.vkey()), *policy, options);
  INFO(c.status().ToString());
  REQUIRE(c.ok());
  return std::move(*c);
}

uint64_t GrowAndCheckpoint(TestLog& t, const TestOfficer& officer, int memos) {
  for (int i = 0; i < memos; ++i) REQUIRE(t.AppendOne(t.Memo(officer, "青山镇〔2026〕第7号")).ok());
  auto note = t.log().CurrentCheckpoint();
  REQUIRE(note.ok());
  return ParseCheckpointNoteUnverified(*note)->size;
}

TEST_CASE("a checkpoint is published only once the witnesses' quorum cosigned it, with their cosignatures",
          "[witness][cosigning]") {
  TestLog t;
  const TestOfficer officer = t.AddOfficer("O-1");
  LoopbackWitness sifaju("sifaju.pingqiao.example/w1", t.vkey());
  LoopbackWitness sifating("sifating.henan.example/w1", t.vkey());
  LoopbackWitness court("court.pingqiao.example/w1", t.vkey());
  const std::string policy_text = PolicyText(t.vkey(),
                                             {{"司法局", sifaju.w->vkey(), sifaju.url()},
                                              {"司法厅", sifating.w->vkey(), sifating.url()},
                                              {"法院", court.w->vkey(), court.url()}},
                                             "2");
  const policy::Policy policy = *policy::Parse(policy_text);
  auto collector = StartCollector(t, policy_text);
  const uint64_t size = GrowAndCheckpoint(t, officer, 5);
  REQUIRE(collector->WaitPublished(size, 10s));

  auto published = t.log().reader().PublishedCheckpoint();
  REQUIRE(published.ok());
  REQUIRE(published->has_value());
  INFO(**published);
  const auto opened = policy::OpenCheckpoint(policy, **published);
  REQUIRE(opened.ok());
  CHECK(opened->size >= size);
  CHECK(policy::CosignedBy(policy, **published).size() >= 2);
  // The witnesses themselves say what they cosigned. The quorum is two of three, so the third may still be on its
  // way when the checkpoint is published: wait for it, a while.
  for (int i = 0; i < 250 && sifaju.CosignedSize(kTestOrigin).value_or(0) < size; ++i) {
    std::this_thread::sleep_for(20ms);
  }
  CHECK(sifaju.CosignedSize(kTestOrigin).value_or(0) >= size);

  // Every way the log hands out its checkpoint hands out the cosigned one.
  Served s(t);
  const Reply tile_checkpoint = Http(s.port(), "GET", "/checkpoint");
  REQUIRE(tile_checkpoint.status == 200);
  CHECK(policy::OpenCheckpoint(policy, tile_checkpoint.body).ok());
  CHECK(policy::OpenCheckpoint(policy, Http(s.port(), "GET", "/v1/checkpoints/latest").body).ok());
  CHECK(policy::OpenCheckpoint(
            policy, nlohmann::json::parse(Http(s.port(), "GET", "/v1/log").body)["checkpoint"].get<std::string>())
            .ok());
  const auto proof = nlohmann::json::parse(Http(s.port(), "GET", "/v1/records/0/inclusion-proof").body);
  CHECK(proof["size"] == opened->size);
  CHECK(policy::OpenCheckpoint(policy, proof["checkpoint"].get<std::string>()).ok());

  const auto progress = collector->progress();
  CHECK(progress.published_has_quorum);
  REQUIRE(progress.witnesses.size() == 3);
  for (const auto& w : progress.witnesses) CHECK(w.last_error.empty());
}

TEST_CASE("a draw's seed checkpoint is cosigned by every witness although the log grew past it in the same batch",
          "[witness][cosigning][draw]") {
  DrawFixture f;
  LoopbackWitness sifaju("sifaju.pingqiao.example/w1", f.log.vkey());
  LoopbackWitness court("court.pingqiao.example/w1", f.log.vkey());
  const std::string policy_text = PolicyText(
      f.log.vkey(), {{"司法局", sifaju.w->vkey(), sifaju.url()}, {"法院", court.w->vkey(), court.url()}}, "2");
  auto collector = StartCollector(f.log, policy_text);
  draw::DrawTerms t = f.Terms("2026-SJ-10", f.log.log().size() + 3);
  t.seed.witness_vkeys = {sifaju.w->vkey(), court.w->vkey()};
  REQUIRE(f.Announce(t).ok());
  std::vector<Bytes> batch;
  for (int i = 0; i < 8; ++i) batch.push_back(f.log.Memo(f.operator_, "QS-2026-003", "巡查" + std::to_string(i)));
  for (auto& r : f.log.log().Append(std::move(batch))) REQUIRE(r.ok());
  auto newest = f.log.log().CurrentCheckpoint();
  REQUIRE(newest.ok());
  const uint64_t newest_size = ParseCheckpointNoteUnverified(*newest)->size;
  REQUIRE(newest_size > t.seed.tree_size);
  REQUIRE(collector->WaitPublished(newest_size, 10s));

  // Both witnesses cosigned the seed's size before the newer one, and the log kept their cosignatures.
  std::optional<draw::Seed> seed;
  std::string seed_note;
  for (int i = 0; i < 200 && !seed; ++i) {
    auto note = f.log.log().reader().CheckpointWithCosignaturesAt(t.seed.tree_size);
    REQUIRE(note.ok());
    REQUIRE(note->has_value());
    if (auto opened = draw::OpenSeed(**note, t.seed); opened.ok()) {
      seed = *opened;
      seed_note = **note;
    } else {
      std::this_thread::sleep_for(50ms);
    }
  }
  REQUIRE(seed.has_value());
  CHECK(seed->cosigned.size() == 2);
  const auto checks = draw::RunDraw(seed->value, f.objects, f.inspector_pool, t.team_size, t.ratios);
  auto recorded = f.Record(t.task_no, seed_note, checks);
  INFO(recorded.status().ToString());
  CHECK(recorded.ok());

  // The log's process restarts: the old seed lies below what the witnesses cosigned, and is not sent again
  // forever: newer checkpoints keep being published.
  collector.reset();
  collector = StartCollector(f.log, policy_text);
  for (int i = 0; i < 3; ++i) REQUIRE(f.log.AppendOne(f.log.Memo(f.operator_, "QS-2026-003", "复查")).ok());
  auto later = f.log.log().CurrentCheckpoint();
  REQUIRE(later.ok());
  CHECK(collector->WaitPublished(ParseCheckpointNoteUnverified(*later)->size, 10s));
}

TEST_CASE("an absent or hanging witness never holds up an append: only publication waits", "[witness][cosigning]") {
  TestLog t;
  const TestOfficer officer = t.AddOfficer("O-1");
  LoopbackWitness sifaju("sifaju.pingqiao.example/w1", t.vkey());
  HangingWitness hanging;
  const std::string dead = DeadUrl();
  const KeyPair absent_key = KeyPair::Generate(), hanging_key = KeyPair::Generate();
  const std::string policy_text = PolicyText(
      t.vkey(),
      {{"司法局", sifaju.w->vkey(), sifaju.url()},
       {"司法厅", cosig::EncodeVerifier("sifating.henan.example/w1", absent_key.public_key()), dead},
       {"法院", cosig::EncodeVerifier("court.pingqiao.example/w1", hanging_key.public_key()), hanging.url()}},
      "all");
  auto collector = StartCollector(t, policy_text);
  const uint64_t first = GrowAndCheckpoint(t, officer, 3);

  // Appends are acknowledged at durability while two witnesses fail.
  const auto started = std::chrono::steady_clock::now();
  const uint64_t second = GrowAndCheckpoint(t, officer, 20);
  CHECK(std::chrono::steady_clock::now() - started < 5s);
  CHECK(second > first);

  // Nothing is published without the quorum, and the log says why.
  CHECK_FALSE(collector->WaitPublished(1, 800ms));
  CHECK_FALSE(t.log().reader().PublishedSize()->has_value());
  const auto progress = collector->progress();
  CHECK(progress.published_size == 0);
  CHECK_THAT(progress.quorum_shortfall, Catch::Contains("监督机关"));
  for (const auto& w : progress.witnesses) {
    INFO(w.name);
    if (w.name == "司法局") {
      CHECK(w.cosigned_size >= first);
      CHECK(w.last_error.empty());
    } else {
      CHECK(w.failures >= 1);
      CHECK_FALSE(w.last_error.empty());
    }
  }
  collector.reset();  // stops within the hanging request's timeout

  SECTION("fail-open publishes the newest checkpoint without the quorum, and says so") {
    auto options = Fast();
    options.fail_open = true;
    options.fail_open_after = 200ms;
    auto open = StartCollector(t, policy_text, options);
    REQUIRE(open->WaitPublished(second, 10s));
    const auto p = open->progress();
    CHECK_FALSE(p.published_has_quorum);
    auto note = t.log().reader().PublishedCheckpoint();
    REQUIRE(note.ok());
    // The one cosignature it has travels with it.
    const auto policy = *policy::Parse(policy_text);
    CHECK(policy::CosignedBy(policy, **note) == std::set<std::string>{"司法局"});
    CHECK_FALSE(policy::OpenCheckpoint(policy, **note).ok());
  }
  SECTION("a policy whose reachable witnesses cannot meet the quorum is refused at start unless fail-open") {
    const std::string no_urls =
        PolicyText(t.vkey(),
                   {{"司法局", sifaju.w->vkey(), sifaju.url()},
                    {"法院", cosig::EncodeVerifier("court.example/w", hanging_key.public_key()), ""}},
                   "all");
    auto refused = cosigning::Collector::Start(t.log().store(), t.log().reader(), *note::ParseVerifier(t.vkey()),
                                               *policy::Parse(no_urls), Fast());
    REQUIRE_FALSE(refused.ok());
    CHECK_THAT(refused.status().message(), Catch::Contains("监督机关"));
  }
  SECTION("a policy that does not list the log is refused at start") {
    const std::string other = PolicyText(note::EncodeVerifier("other.example/log", KeyPair::Generate().public_key()),
                                         {{"司法局", sifaju.w->vkey(), sifaju.url()}}, "all");
    auto refused = cosigning::Collector::Start(t.log().store(), t.log().reader(), *note::ParseVerifier(t.vkey()),
                                               *policy::Parse(other), Fast());
    REQUIRE_FALSE(refused.ok());
    CHECK_THAT(refused.status().message(), Catch::Contains("does not list this log"));
  }
}

TEST_CASE("a witness met again after a restart teaches its size with 409 and the log proves consistency from it",
          "[witness][cosigning]") {
  TestLog t;
  const TestOfficer officer = t.AddOfficer("O-1");
  LoopbackWitness sifaju("sifaju.pingqiao.example/w1", t.vkey());
  const std::string policy_text = PolicyText(t.vkey(), {{"司法局", sifaju.w->vkey(), sifaju.url()}}, "all");
  uint64_t first = 0;
  {
    auto collector = StartCollector(t, policy_text);
    first = GrowAndCheckpoint(t, officer, 4);
    REQUIRE(collector->WaitPublished(first, 10s));
  }
  // The log grows while nobody submits; a new process knows nothing of the witness.
  const uint64_t second = GrowAndCheckpoint(t, officer, 9);
  auto collector = StartCollector(t, policy_text);
  REQUIRE(collector->WaitPublished(second, 10s));
  CHECK(sifaju.CosignedSize(kTestOrigin) == second);
  const auto w = collector->progress().witnesses.at(0);
  CHECK(w.failures == 0);  // the 409 is part of the exchange, not a failure
  // The published checkpoint, opened by a fresh policy, verifies.
  CHECK(policy::OpenCheckpoint(*policy::Parse(policy_text), **t.log().reader().PublishedCheckpoint()).ok());
}

// Copies a closed log's folder: the copy has the same key and the same
// records, and from here on the two grow apart (a split view).
std::string Fork(TestLog& t, const std::string& into) {
  t.Close();
  std::filesystem::copy(t.dir(), into, std::filesystem::copy_options::recursive);
  t.Reopen();
  return into;
}

// A mirror of `t`'s first `n` records, checking checkpoints against `policy`.
std::unique_ptr<Replica> MirrorOf(TestLog& t, uint64_t n, const policy::Policy& policy, const TempDir& dir) {
  ReplicaOptions options;
  options.policy = policy;
  auto mirror = Replica::Open(dir.path(), *note::ParseVerifier(t.vkey()), options);
  REQUIRE(mirror.ok());
  std::vector<Bytes> records;
  for (uint64_t i = 0; i < n; ++i) records.push_back(*t.log().reader().RecordBytes(i));
  REQUIRE((*mirror)->AddRecords(std::move(records)).ok());
  return std::move(*mirror);
}

TEST_CASE(
    "a forked log is caught: the witness refuses the other branch with 422 and keeps the evidence, a follower "
    "and a court holding the policy refuse it",
    "[witness][cosigning][split-view]") {
  TestLog main_branch;
  const TestOfficer officer = main_branch.AddOfficer("O-1");
  GrowAndCheckpoint(main_branch, officer, 3);
  TempDir forks;
  const std::string other_dir = Fork(main_branch, forks.path() + "/other");
  auto other = Log::Open(other_dir);
  REQUIRE(other.ok());

  // The two branches: the same key, different records after a common prefix.
  const uint64_t main_size = GrowAndCheckpoint(main_branch, officer, 5);
  for (int i = 0; i < 7; ++i) {
    REQUIRE((*other)->Append({main_branch.Memo(officer, "青山镇〔2026〕第9号", "另一个分支")})[0].ok());
  }
  const std::string other_note = *(*other)->CurrentCheckpoint();
  const uint64_t other_size = ParseCheckpointNoteUnverified(other_note)->size;
  REQUIRE(other_size == main_size + 2);

  LoopbackWitness sifaju("sifaju.pingqiao.example/w1", main_branch.vkey());
  const std::string policy_text = PolicyText(main_branch.vkey(), {{"司法局", sifaju.w->vkey(), sifaju.url()}}, "all");
  const policy::Policy policy = *policy::Parse(policy_text);
  {
    auto collector = StartCollector(main_branch, policy_text);
    REQUIRE(collector->WaitPublished(main_size, 10s));
  }

  // The other branch asks the same witness: refused, and its signed request kept as evidence.
  auto on_other = cosigning::Collector::Start((*other)->store(), (*other)->reader(),
                                              *note::ParseVerifier(main_branch.vkey()), policy, Fast());
  REQUIRE(on_other.ok());
  CHECK_FALSE((*on_other)->WaitPublished(1, 1500ms));
  const auto w = (*on_other)->progress().witnesses.at(0);
  CHECK(w.refusals >= 1);
  CHECK_THAT(w.last_error, Catch::Contains("422"));
  on_other->reset();
  CHECK(sifaju.CosignedSize(kTestOrigin) == main_size);
  const auto evidence = sifaju.state->AllEvidence();
  REQUIRE(evidence.ok());
  REQUIRE_FALSE(evidence->empty());

  // The main branch grows to the other's size; its mirror holds those records.
  GrowAndCheckpoint(main_branch, officer, 2);
  REQUIRE(*main_branch.log().reader().Size() >= other_size);
  SECTION("a follower holding the policy refuses a checkpoint its quorum did not cosign, naming the group") {
    TempDir dir;
    auto mirror = MirrorOf(main_branch, main_size, policy, dir);
    REQUIRE_FALSE(mirror->AddCheckpoint(**main_branch.log().reader().CheckpointAt(main_size)).ok());
    REQUIRE(mirror->problem().has_value());
    CHECK(mirror->problem()->kind == ReplicaProblem::Kind::kRefusedCheckpoint);
    CHECK_THAT(mirror->problem()->reason.message(), Catch::Contains("监督机关"));
    TempDir dir2;
    auto accepted = MirrorOf(main_branch, main_size, policy, dir2);
    CHECK(accepted->AddCheckpoint(**main_branch.log().reader().CosignedAt(main_size)).ok());
    CHECK(accepted->verified_checkpoint_size() == main_size);
  }
  SECTION("a follower given the other branch's checkpoint, cosigned by a witness that saw only it, stops with it") {
    LoopbackWitness fooled("sifaju.pingqiao.example/w1", main_branch.vkey());
    const Reply cosigned = Http(fooled.server->port(), "POST", "/add-checkpoint", "old 0\n\n" + other_note);
    REQUIRE(cosigned.status == 200);
    const policy::Policy fooled_policy =
        *policy::Parse(PolicyText(main_branch.vkey(), {{"司法局", fooled.w->vkey(), ""}}, "all"));
    TempDir dir;
    auto mirror = MirrorOf(main_branch, other_size, fooled_policy, dir);
    CHECK_FALSE(mirror->AddCheckpoint(other_note + cosigned.body).ok());
    REQUIRE(mirror->problem().has_value());
    CHECK(mirror->problem()->kind == ReplicaProblem::Kind::kRefusedCheckpoint);
    CHECK(mirror->problem()->received == other_note + cosigned.body);  // the evidence, as received
  }
}

// A decided case with a recorded 法院 export approval, exported by a
// supervisor through a server whose exports wait for `collector`'s quorum.
struct CaseToExport {
  CaseFixture f;
  const std::string case_id = "青山镇〔2026〕第5号";
  domain::Act approval;
  CaseToExport() {
    f.DecidedCase(case_id, 0, 50000);
    approval = f.By(f.supervisor, case_id, 20);
    f.Admit(domain::ApproveExport(approval, "信阳市浉河区人民法院", "行政诉讼举证", {}));
  }
  Reply ExportThroughServer(cosigning::Collector& collector) {
    Served s(f.t(), {}, f.supervisor.certificate_no, [&](api::ApiServerOptions& o) {
      o.witnessed_checkpoint = [&](uint64_t size) {
        return cosigning::WitnessedCheckpoint(f.t().log(), collector, size, 10s);
      };
    });
    return Http(s.port(), "POST", "/v1/cases/" + PercentEncode(case_id) + "/exports",
                Framed(ParseSubmission(domain::RecordExport(f.By(f.supervisor, case_id, 21), approval.event_id,
                                                            "信阳市浉河区人民法院", {}))
                           ->signed_statement),
                "application/octet-stream", kSupervisorToken);
  }
};

TEST_CASE("a court export built by the server carries the quorum's cosignatures, and one without them fails the policy",
          "[witness][cosigning][export]") {
  CaseToExport c;
  CaseFixture& f = c.f;
  LoopbackWitness sifaju("sifaju.pingqiao.example/w1", f.t().vkey());
  LoopbackWitness court("court.pingqiao.example/w1", f.t().vkey());
  const std::string policy_text = PolicyText(
      f.t().vkey(), {{"司法局", sifaju.w->vkey(), sifaju.url()}, {"法院", court.w->vkey(), court.url()}}, "all");
  const policy::Policy policy = *policy::Parse(policy_text);
  auto collector = StartCollector(f.t(), policy_text);
  const Reply r = c.ExportThroughServer(*collector);
  INFO(r.body.substr(0, 300));
  REQUIRE(r.status == 200);
  ExportCheckOptions check{*note::ParseVerifier(f.t().vkey()), std::nullopt, {}, policy};
  const ExportReport witnessed = VerifyExport(AsBytes(r.body), check);
  INFO(FormatExportReport(witnessed));
  REQUIRE(witnessed.status.ok());
  CHECK_THAT(FormatExportReport(witnessed), Catch::Contains("司法局 at 20") && Catch::Contains("法院 at 20"));

  // The same bundle with its cosignatures stripped (as the log alone signed it) fails on the policy.
  auto parts = bundle::Unpack(AsBytes(r.body));
  REQUIRE(parts.ok());
  const Checkpoint anchor = *ParseCheckpointNoteUnverified(parts->checkpoint);
  parts->checkpoint = **f.t().log().reader().CheckpointAt(anchor.size);
  const ExportReport bare = VerifyExport(bundle::Pack(*parts), check);
  REQUIRE_FALSE(bare.status.ok());
  CHECK(bare.failure == "witnesses");
  CHECK_THAT(bare.status.message(), Catch::Contains("监督机关"));
  // Without a policy the log's own signature still verifies it.
  CHECK(VerifyExport(bundle::Pack(*parts), {*note::ParseVerifier(f.t().vkey()), std::nullopt, {}}).status.ok());
}

TEST_CASE(
    "a published checkpoint is time-stamped by a real TSA, a server export carries the token and verify-export "
    "--tsa-ca checks it",
    "[witness][cosigning][timestamp]") {
  CaseToExport c;
  CaseFixture& f = c.f;
  TestTsa tsa;
  LoopbackWitness sifaju("sifaju.pingqiao.example/w1", f.t().vkey());
  const std::string policy_text = PolicyText(f.t().vkey(), {{"司法局", sifaju.w->vkey(), sifaju.url()}}, "all");
  auto options = Fast();
  options.tsa_url = tsa.url();
  auto collector = StartCollector(f.t(), policy_text, options);
  const Reply r = c.ExportThroughServer(*collector);
  INFO(r.body.substr(0, 300));
  REQUIRE(r.status == 200);
  auto parts = bundle::Unpack(AsBytes(r.body));
  REQUIRE(parts.ok());
  REQUIRE_FALSE(parts->checkpoint_timestamp.empty());
  const std::string body = parts->checkpoint.substr(0, parts->checkpoint.find("\n\n") + 1);
  // The token is over the checkpoint's body, the bytes the signatures cover.
  const auto stamp = timestamp::Verify(parts->checkpoint_timestamp, body, tsa.ca_file());
  INFO(stamp.status().ToString());
  REQUIRE(stamp.ok());
  const Checkpoint anchor = *ParseCheckpointNoteUnverified(parts->checkpoint);
  CHECK(**f.t().log().reader().TimestampAt(anchor.size) == std::string(AsChars(parts->checkpoint_timestamp)));
  CHECK(collector->progress().stamped_size >= anchor.size);

  // The court's command line: the report names the token; --tsa-ca checks it against the TSA's CA.
  TempDir d;
  WriteAll(d.path() + "/case.ltex", r.body);
  WriteAll(d.path() + "/vkey", f.t().vkey());
  WriteAll(d.path() + "/policy.txt", policy_text);
  const auto checked = RunLawtrail({"verify-export", d.path() + "/case.ltex", "--vkey", d.path() + "/vkey", "--policy",
                                    d.path() + "/policy.txt", "--tsa-ca", tsa.ca_file()});
  INFO(checked.out << checked.err);
  CHECK(checked.exit_code == 0);
  CHECK_THAT(checked.out, Catch::Contains("RFC 3161 token") && Catch::Contains("time-stamp: verified") &&
                              Catch::Contains("Test TSA"));
  const auto wrong_ca = RunLawtrail(
      {"verify-export", d.path() + "/case.ltex", "--vkey", d.path() + "/vkey", "--tsa-ca", tsa.other_ca_file()});
  CHECK(wrong_ca.exit_code == 1);
  CHECK_THAT(wrong_ca.err, Catch::Contains("FAILED at time-stamp"));
  // A bundle whose token was swapped for one over other data fails the same way.
  auto other_request = timestamp::MakeRequest("another checkpoint\n");
  REQUIRE(other_request.ok());
  auto url = cosigning::ParseHttpUrl(tsa.url());
  auto other_reply = cosigning::Post(*url, timestamp::kQueryType, std::string_view(AsChars(other_request->der)), 10s);
  REQUIRE(other_reply.ok());
  parts->checkpoint_timestamp = *timestamp::TokenFromReply(AsBytes(other_reply->body), *other_request);
  WriteAll(d.path() + "/swapped.ltex", std::string(AsChars(bundle::Pack(*parts))));
  const auto swapped = RunLawtrail(
      {"verify-export", d.path() + "/swapped.ltex", "--vkey", d.path() + "/vkey", "--tsa-ca", tsa.ca_file()});
  CHECK(swapped.exit_code == 1);
  CHECK_THAT(swapped.err, Catch::Contains("FAILED at time-stamp"));
}

// Runs tests/interop/verify_checkpoint.go with Debian's Go and x/mod, offline.
ProcessResult GoVerify(const TempDir& d, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"/usr/bin/env",
                                   "GO111MODULE=off",
                                   "GOPATH=/usr/share/gocode",
                                   "GOFLAGS=",
                                   "GOPROXY=off",
                                   "GOCACHE=" + d.path() + "/go-cache",
                                   "HOME=" + d.path(),
                                   "/usr/bin/go",
                                   "run",
                                   std::string(LAWTRAIL_TEST_VECTORS) + "/../interop/verify_checkpoint.go"};
  argv.insert(argv.end(), args.begin(), args.end());
  return RunProgram(argv);
}

TEST_CASE(
    "the published checkpoint verifies with Go's x/mod/sumdb/note, and its cosignatures as the spec defines "
    "them",
    "[witness][cosigning][interop]") {
  TestLog t;
  const TestOfficer officer = t.AddOfficer("O-1");
  LoopbackWitness sifaju("sifaju.pingqiao.example/w1", t.vkey());
  LoopbackWitness court("court.pingqiao.example/w1", t.vkey());
  const std::string policy_text =
      PolicyText(t.vkey(), {{"司法局", sifaju.w->vkey(), sifaju.url()}, {"法院", court.w->vkey(), court.url()}}, "all");
  auto collector = StartCollector(t, policy_text);
  const uint64_t size = GrowAndCheckpoint(t, officer, 6);
  REQUIRE(collector->WaitPublished(size, 10s));
  Served s(t);
  const Reply published = Http(s.port(), "GET", "/checkpoint");
  REQUIRE(published.status == 200);
  TempDir d;
  WriteAll(d.path() + "/checkpoint", published.body);
  const auto go = GoVerify(d, {t.vkey(), d.path() + "/checkpoint", sifaju.w->vkey(), court.w->vkey()});
  INFO(go.out << go.err);
  REQUIRE(go.exit_code == 0);
  CHECK_THAT(go.out, Catch::Contains("verified by golang.org/x/mod/sumdb/note"));
  CHECK_THAT(go.out, Catch::Contains("cosignature by sifaju.pingqiao.example/w1") &&
                         Catch::Contains("cosignature by court.pingqiao.example/w1"));

  // One bit of one cosignature changed: Go's check fails too, so the check above is a real one.
  std::string altered = published.body;
  const size_t line = altered.find("\xE2\x80\x94 court.pingqiao.example/w1 ");
  REQUIRE(line != std::string::npos);
  const size_t at = altered.find('\n', line) - 5;
  altered[at] = altered[at] == 'A' ? 'B' : 'A';
  WriteAll(d.path() + "/altered", altered);
  const auto refused = GoVerify(d, {t.vkey(), d.path() + "/altered", court.w->vkey()});
  CHECK(refused.exit_code != 0);
  CHECK_THAT(refused.err, Catch::Contains("court.pingqiao.example/w1"));
}

}  // namespace
}  // namespace lawtrail::testing
