// lawtrail_soak: the whole system under SIGKILL, for a fixed number of rounds.
//
//   lawtrail_soak --lawtrail BIN --work DIR [--rounds N] [--writers W] [--pace-ms P] [--seed S]
//
// Runs `lawtrail serve` (the API, the portal, the projectors), `lawtrail
// relay` to a Kafka cluster (librdkafka's mock, hosted here, or the one
// LAWTRAIL_KAFKA_BROKERS names) and `lawtrail follow` into a mirror; W writers
// post signed statements over HTTP and retry each until it is acknowledged;
// a reader reads the public routes. Each round one of serve, relay and
// follow, chosen at random, is killed with SIGKILL at a random moment and
// started again. At the end, with everything stopped cleanly:
//   - every acknowledged statement is in the log exactly once, at the index
//     it was acknowledged with, and nothing else of the writers' is;
//   - the follower's mirror holds the primary's records byte for byte;
//   - the served views equal the same views folded from scratch;
//   - `lawtrail verify` passes on the primary and on the mirror.
// Prints the figures (docs/reliability.md) and exits 0, or names the first
// check that failed and exits 1.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <span>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <netinet/in.h>
#include <nlohmann/json.hpp>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include "ledger/client/registry_statements.h"
#include "ledger/client/statement_builder.h"
#include "ledger/client/statement_stream.h"
#include "ledger/core/record.h"
#include "ledger/core/sha256.h"
#include "ledger/log/data_dir.h"
#include "ledger/log/log.h"
#include "ledger/log/log_reader.h"
#include "projectors/all.h"
#include "projectors/runner.h"
#include "tests/api/http_client.h"
#include "tests/support/kafka/test_cluster.h"
#include "tests/support/process.h"

namespace lawtrail::soak {
namespace {

using Clock = std::chrono::steady_clock;
using testing::Reply;
constexpr const char* kOrigin = "soak.lawtrail.example/enforcement";
constexpr const char* kToken = "soak-officer-token";

int Fail(const std::string& what) {
  std::fprintf(stderr, "lawtrail_soak: FAILED: %s\n", what.c_str());
  return 1;
}

uint16_t FreePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t n = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &n);
  ::close(fd);
  return ntohs(a.sin_port);
}

// One of the three programs, restartable.
struct Program {
  std::string name;
  std::vector<std::string> args;
  std::string log_dir;
  pid_t pid = -1;  // while running
  int starts = 0, kills = 0;
  // A soak that fails part-way leaves nothing running behind it.
  ~Program() {
    if (pid > 0) Kill();
  }
  void Start() {
    ++starts;
    pid = testing::Spawn(args, "", LogPath(".out"), LogPath(".err"));
  }
  void Kill() {
    ::kill(pid, SIGKILL);
    testing::Wait(std::exchange(pid, -1));
    ++kills;
  }
  int Stop() {
    ::kill(pid, SIGTERM);
    return testing::Wait(std::exchange(pid, -1));
  }
  // The current run's output file.
  std::string LogPath(const char* suffix) const { return log_dir + "/" + name + "." + std::to_string(starts) + suffix; }
  // Empty while the program runs; otherwise what ended it, with the end of
  // its error output, for a failure message. It reaps the program.
  std::string EndedByItself() {
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) != pid) return "";
    pid = -1;
    const std::string how = WIFSIGNALED(status) ? "was killed by signal " + std::to_string(WTERMSIG(status))
                                                : "exited with code " + std::to_string(WEXITSTATUS(status));
    const std::string err = testing::ReadAll(LogPath(".err"));
    return "lawtrail " + name + " " + how + " on its own; the end of " + LogPath(".err") + ":\n" +
           err.substr(err.size() > 2000 ? err.size() - 2000 : 0);
  }
};

// The first program of `programs` that ended without being told to, if any.
std::string AnyEndedByItself(std::span<Program* const> programs) {
  for (Program* p : programs) {
    if (std::string ended = p->EndedByItself(); !ended.empty()) return ended;
  }
  return "";
}

// An HTTP exchange that may find the server down: an exception is no answer.
std::optional<Reply> Try(uint16_t port, const std::string& method, const std::string& target,
                         const std::string& body = "", const std::string& type = "", const std::string& token = "") {
  try {
    return testing::Http(port, method, target, body, type, token);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

struct Acked {
  std::mutex mu;
  std::map<EventId, uint64_t> index;  // every statement the writers were told is durable
  uint64_t retries = 0;
};

// Posts statements one at a time, each until the server acknowledges it.
void Writer(int id, uint16_t port, const note::Signer& officer, int pace_ms, std::atomic<bool>& stop, Acked& acked) {
  for (uint64_t n = 0; !stop; ++n) {
    // Paced, so that a long run stays inside the mock brokers' retention.
    std::this_thread::sleep_for(std::chrono::milliseconds(pace_ms));
    StatementHeader h;
    h.event_id = RandomEventId();
    h.origin = kOrigin;
    h.case_id = "SOAK-" + std::to_string(id) + "-" + std::to_string(n % 50);
    h.certificate_no = officer.name;
    h.key = officer.key.public_key();
    h.occurred_at_ms = NowMs();
    std::string body;
    AppendFramedStatement(
        body, SignStatement(CaseMemoStatement(h, "巡查记录", "第" + std::to_string(n) + "次"), officer.key));
    for (;;) {
      auto r = Try(port, "POST", "/v1/statements", body, "application/octet-stream", kToken);
      if (r && r->status == 200) {
        const auto j = nlohmann::json::parse(r->body, nullptr, false);
        if (j.is_object() && j["results"][0].contains("index")) {
          std::lock_guard lock(acked.mu);
          acked.index[h.event_id] = j["results"][0]["index"].get<uint64_t>();
          break;
        }
      }
      {
        std::lock_guard lock(acked.mu);
        ++acked.retries;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
}

// Every projector's active view, key by key.
Result<std::map<std::string, std::map<std::string, std::string>>> DumpViews(projectors::ViewStore& views) {
  std::map<std::string, std::map<std::string, std::string>> out;
  for (const auto& p : projectors::AllProjectors()) {
    LAWTRAIL_ASSIGN_OR_RETURN(const projectors::ViewHandle cf, views.ActiveView(p->name()));
    std::unique_ptr<rocksdb::Iterator> it(views.db()->NewIterator(rocksdb::ReadOptions(), cf.get()));
    auto& view = out[std::string(p->name())];
    for (it->SeekToFirst(); it->Valid(); it->Next()) view[it->key().ToString()] = it->value().ToString();
  }
  return out;
}

int Run(const std::string& bin, const std::string& work, int rounds, int writers, int pace_ms, uint64_t seed) {
  std::mt19937_64 random(seed);
  std::filesystem::remove_all(work);
  std::filesystem::create_directories(work + "/logs");
  const std::string primary = work + "/primary", mirror = work + "/mirror";
  const auto started = Clock::now();

  // The log, with one officer whose key the writers sign with.
  auto created = Log::Create(primary, kOrigin, {"青山镇人民政府", "11411500MB1234567X"});
  if (!created.ok()) return Fail("creating the log: " + created.status().ToString());
  const note::Signer officer{"41150099", KeyPair::Generate()};
  {
    auto log = Log::Open(primary);
    if (!log.ok()) return Fail(log.status().ToString());
    OfficerInfo info{officer.name, "巡查员", "执法队员", officer.key.public_key(), {fb::Role::Officer}, 0, 0};
    const Bytes reg = SignStatement(
        OfficerRegisteredStatement(RegistryHeader(kOrigin, created->root.key.public_key()), info), created->root.key);
    if (auto r = (*log)->Append({reg}); !r[0].ok()) return Fail(r[0].status().ToString());
  }
  const std::string config = work + "/serve.json";
  testing::WriteAll(
      config,
      nlohmann::json{
          {"tokens",
           {{{"name", "soak"}, {"role", "officer"}, {"sha256", ToHex(Sha256(AsBytes(std::string(kToken))))}}}},
          {"access_log", false}}
          .dump());

  auto cluster = kafka::TestCluster::Start(3);
  if (!cluster.ok()) return Fail("starting the Kafka cluster: " + cluster.status().ToString());
  const std::string prefix = (*cluster)->UniqueTopicPrefix("soak");
  if (Status s = (*cluster)->CreateTopics(kafka::Topics::WithPrefix(prefix)); !s.ok()) return Fail(s.ToString());
  const std::string brokers = (*cluster)->bootstraps();
  const uint16_t port = FreePort();

  Program serve{"serve",
                {bin, "serve", "--data", primary, "--config", config, "--listen", "127.0.0.1:" + std::to_string(port)},
                work + "/logs"};
  Program relay{"relay",
                {bin, "relay", "--data", primary, "--brokers", brokers, "--topic-prefix", prefix, "--poll-ms", "50"},
                work + "/logs"};
  Program follow{"follow",
                 {bin, "follow", "--data", mirror, "--brokers", brokers, "--origin", kOrigin, "--vkey",
                  created->verifier_key, "--topic-prefix", prefix, "--poll-ms", "100",
                  // A short session: a restarted follower rejoins soon after its killed self is given up.
                  "--kafka", "session.timeout.ms=6000"},
                 work + "/logs"};
  Program* programs[] = {&serve, &relay, &follow};
  for (Program* p : programs) p->Start();
  for (int i = 0; i < 200 && !Try(port, "GET", "/healthz"); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));

  Acked acked;
  std::atomic<bool> stop{false};
  std::atomic<uint64_t> reads{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < writers; ++w) threads.emplace_back([&, w] { Writer(w, port, officer, pace_ms, stop, acked); });
  threads.emplace_back([&] {
    const char* targets[] = {"/v1/log", "/checkpoint", "/v1/disclosures?per_page=5", "/tile/0/000.p/1",
                             "/v1/projectors"};
    for (uint64_t n = 0; !stop; ++n) {
      if (auto r = Try(port, "GET", targets[n % 5]); r && r->status < 500) ++reads;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  });

  std::string ended;
  for (int round = 0; round < rounds && ended.empty(); ++round) {
    std::this_thread::sleep_for(std::chrono::milliseconds(300 + random() % 1200));
    if (ended = AnyEndedByItself(programs); !ended.empty()) break;
    Program& victim = *programs[random() % 3];
    victim.Kill();
    std::this_thread::sleep_for(std::chrono::milliseconds(random() % 300));
    victim.Start();
  }
  stop = true;
  for (auto& t : threads) t.join();
  if (!ended.empty()) return Fail(ended);

  // Let the relay, the follower and the projectors reach the end of the log.
  uint64_t size = 0;
  bool caught_up = false;
  for (int i = 0; i < 1200 && !caught_up; ++i) {
    if (ended = AnyEndedByItself(programs); !ended.empty()) return Fail(ended);
    auto log = Try(port, "GET", "/v1/log");
    auto lag = Try(port, "GET", "/v1/projectors");
    auto store = Store::Open(data_dir::DbPath(mirror), OpenMode::kReadOnly);
    if (log && lag && store.ok()) {
      size = nlohmann::json::parse(log->body)["size"].get<uint64_t>();
      bool views_caught_up = true;
      const auto projectors = nlohmann::json::parse(lag->body);
      for (const auto& p : projectors["projectors"]) {
        views_caught_up = views_caught_up && p["lag"] == 0;
      }
      auto mirrored = LogReader(**store).Size();
      caught_up = views_caught_up && mirrored.ok() && *mirrored == size;
    }
    if (!caught_up) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  if (!caught_up)
    return Fail("the views and the mirror did not reach the log's end within 120 s (see " + work + "/logs)");
  for (Program* p : programs) {
    if (const int code = p->Stop(); code != 0) {
      return Fail("lawtrail " + p->name + " did not stop cleanly on SIGTERM: " + std::to_string(code) + " (see " +
                  p->LogPath(".err") + ")");
    }
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();

  // Every acknowledged statement exactly once, where it was acknowledged.
  auto store = Store::Open(data_dir::DbPath(primary), OpenMode::kReadOnly);
  if (!store.ok()) return Fail(store.status().ToString());
  LogReader reader(**store);
  size = *reader.Size();
  std::map<EventId, uint64_t> found;
  Status scanned = reader.ScanRecords(0, size, [&](uint64_t index, ByteView record) -> Status {
    LAWTRAIL_ASSIGN_OR_RETURN(ParsedStatement st, StatementOfRecord(record, index));
    if (st.statement->actor()->certificate_no()->string_view() != officer.name) return Status::Ok();
    if (!found.emplace(st.event_id, index).second) return Status::Corruption("event id twice in the log");
    return Status::Ok();
  });
  if (!scanned.ok()) return Fail("reading the log: " + scanned.ToString());
  if (found != acked.index) {
    return Fail("the writers' statements in the log (" + std::to_string(found.size()) +
                ") are not exactly the acknowledged ones (" + std::to_string(acked.index.size()) +
                ") at their indices");
  }
  // The mirror: the same records.
  {
    auto m = Store::Open(data_dir::DbPath(mirror), OpenMode::kReadOnly);
    if (!m.ok()) return Fail("opening the mirror: " + m.status().ToString());
    LogReader mr(**m);
    if (*mr.Size() != size)
      return Fail("the mirror holds " + std::to_string(*mr.Size()) + " records, the log " + std::to_string(size));
    for (uint64_t i = 0; i < size; ++i) {
      if (*mr.RecordBytes(i) != *reader.RecordBytes(i))
        return Fail("the mirror's record " + std::to_string(i) + " differs");
    }
  }
  // The views: as served, and folded from scratch.
  {
    auto served = projectors::ViewStore::Open(projectors::ViewsPath(primary));
    auto fresh = projectors::ViewStore::Open(work + "/fresh-views");
    if (!served.ok() || !fresh.ok()) return Fail("opening the views");
    projectors::ProjectionRunner runner(reader, **fresh, projectors::AllProjectors());
    if (auto r = runner.CatchUp(); !r.ok()) return Fail("folding fresh views: " + r.status().ToString());
    auto a = DumpViews(**served);
    auto b = DumpViews(**fresh);
    if (!a.ok() || !b.ok()) return Fail("reading the views");
    for (const auto& [name, view] : *b) {
      if (a->at(name) != view) return Fail("the served view " + name + " differs from a rebuild from scratch");
    }
  }
  store->reset();
  for (const std::string& dir : {primary, mirror}) {
    const auto verified = testing::RunProgram({bin, "verify", "--data", dir});
    if (verified.exit_code != 0) return Fail("lawtrail verify --data " + dir + ": " + verified.err + verified.out);
  }
  std::printf(
      "| rounds | seconds | statements acknowledged | retries | records | reads | kills: serve / relay / follow |\n"
      "|---:|---:|---:|---:|---:|---:|---|\n| %d | %.0f | %zu | %llu | %llu | %llu | %d / %d / %d |\n",
      rounds, seconds, acked.index.size(), static_cast<unsigned long long>(acked.retries),
      static_cast<unsigned long long>(size), static_cast<unsigned long long>(reads.load()), serve.kills, relay.kills,
      follow.kills);
  std::printf("all acknowledged statements in the log once, mirror equal, views equal a rebuild, verify passes\n");
  return 0;
}

}  // namespace
}  // namespace lawtrail::soak

int main(int argc, char** argv) {
  std::string bin, work;
  int rounds = 20, writers = 2, pace_ms = 2;
  uint64_t seed = static_cast<uint64_t>(std::random_device{}());
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--lawtrail")
      bin = argv[i + 1];
    else if (a == "--work")
      work = argv[i + 1];
    else if (a == "--rounds")
      rounds = std::atoi(argv[i + 1]);
    else if (a == "--writers")
      writers = std::atoi(argv[i + 1]);
    else if (a == "--pace-ms")
      pace_ms = std::atoi(argv[i + 1]);
    else if (a == "--seed")
      seed = std::strtoull(argv[i + 1], nullptr, 10);
  }
  if (bin.empty() || work.empty()) {
    std::fprintf(
        stderr, "usage: lawtrail_soak --lawtrail BIN --work DIR [--rounds N] [--writers W] [--pace-ms P] [--seed S]\n");
    return 2;
  }
  std::printf("seed %llu\n", static_cast<unsigned long long>(seed));
  return lawtrail::soak::Run(bin, work, rounds, writers, pace_ms, seed);
}
