// kill -9 during a large append loses no acknowledged event, and re-running
// the same input appends exactly what is missing.
#include <random>
#include <sstream>

#include <catch2/catch.hpp>
#include <signal.h>
#include <unistd.h>

#include "ledger/core/record.h"
#include "ledger/log/data_dir.h"
#include "ledger/log/log_reader.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace lawtrail {
namespace {

constexpr uint64_t kEvents = 200'000;
constexpr uint64_t kOfficers = 12;
constexpr int kKills = 8;

struct Acknowledged {
  uint64_t index;
  std::string event_id;
};

std::vector<Acknowledged> ParseAcks(const std::string& out) {
  std::vector<Acknowledged> acks;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) {
    // A line cut by the kill was never complete, so it was never acknowledged.
    if (in.eof() && !out.empty() && out.back() != '\n') break;
    const size_t space = line.find(' ');
    REQUIRE(space != std::string::npos);
    acks.push_back({std::stoull(line.substr(0, space)), line.substr(space + 1)});
  }
  return acks;
}

// Every acknowledged index holds the acknowledged event.
void CheckAcknowledged(const std::string& dir, const std::vector<Acknowledged>& acks) {
  auto store = Store::Open(data_dir::DbPath(dir), OpenMode::kReadOnly);
  REQUIRE(store.ok());
  LogReader reader(**store);
  for (const auto& ack : acks) {
    auto bytes = reader.RecordBytes(ack.index);
    REQUIRE(bytes.ok());
    auto rv = ParseRecord(*bytes);
    REQUIRE(rv.ok());
    const auto* id = rv->record->signed_statement_nested_root()->statement_nested_root()->event_id();
    REQUIRE(ToHex(ByteView(id->data(), id->size())) == ack.event_id);
  }
}

TEST_CASE("append killed with SIGKILL at random moments loses nothing it acknowledged", "[cli][crash]") {
  testing::TempDir tmp;
  const std::string dir = tmp / "log";
  REQUIRE(testing::RunLawtrail({"init", "--data", dir, "--origin", "crash.example/enforcement"}).exit_code == 0);
  const std::string input = tmp / "load.bin";
  REQUIRE(testing::Wait(testing::Spawn({LAWTRAIL_BINARY, "demo", "--data", dir, "--load-events",
                                        std::to_string(kEvents), "--seed", "42", "--emit"},
                                       "", input, tmp / "emit.err")) == 0);

  std::mt19937 rng(20261127);
  uint64_t acknowledged = 0;
  for (int kill = 0; kill < kKills; ++kill) {
    const pid_t pid = testing::Spawn({LAWTRAIL_BINARY, "append", "--data", dir, input}, "", tmp / "out", tmp / "err");
    ::usleep(std::uniform_int_distribution<int>(50'000, 3'000'000)(rng));
    ::kill(pid, SIGKILL);
    const int code = testing::Wait(pid);
    const auto acks = ParseAcks(testing::ReadAll(tmp / "out"));
    INFO("kill " << kill << ": exit " << code << ", " << acks.size() << " acknowledged");
    CheckAcknowledged(dir, acks);
    acknowledged += acks.size();
  }
  CHECK(acknowledged > 0);

  // The log is whole after every crash, and the rerun fills in exactly the rest.
  const auto finish = testing::RunLawtrail({"append", "--data", dir, input});
  REQUIRE(finish.exit_code == 0);
  const auto acks = ParseAcks(finish.out);
  CHECK(acks.size() == kEvents + kOfficers);
  CheckAcknowledged(dir, acks);
  const auto verify = testing::RunLawtrail({"verify", "--data", dir});
  INFO(verify.err);
  CHECK(verify.exit_code == 0);
  CHECK_THAT(verify.out, Catch::StartsWith("ok: " + std::to_string(kEvents + kOfficers + 1) + " records"));
}

}  // namespace
}  // namespace lawtrail
