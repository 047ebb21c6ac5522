// `lawtrail project` killed with SIGKILL part-way through a rebuild resumes
// from its cursors to exactly the bytes of an uninterrupted fold.
#include <chrono>
#include <random>
#include <thread>

#include <catch2/catch.hpp>
#include <signal.h>

#include "tests/projectors/demo_log.h"
#include "tests/support/process.h"

namespace lawtrail::projectors {
namespace {

std::map<std::string, std::map<std::string, std::string>> DumpAll(const std::string& path) {
  auto views = ViewStore::Open(path, /*read_only=*/true);
  REQUIRE(views.ok());
  std::map<std::string, std::map<std::string, std::string>> out;
  for (const auto& p : AllProjectors()) out[std::string(p->name())] = Dump(**views, p->name());
  return out;
}

TEST_CASE("project killed with SIGKILL mid-rebuild resumes to the same bytes", "[projectors][crash]") {
  DemoLog demo(2500);
  const std::string dir = demo.dir.path();
  TempDir reference;
  FoldAll(dir, reference.path());
  const auto expected = DumpAll(reference.path());
  std::mt19937 rng(Catch::rngSeed());
  int killed = 0;
  for (int round = 0; round < 4; ++round) {
    // Small windows, so that kills fall between real commits; every other
    // run commits each window as an ingested table file, the others as batches.
    const pid_t pid = testing::Spawn({LAWTRAIL_BINARY, "project", "--data", dir, "--commit-every", "3000",
                                      "--ingest-from", round % 2 == 0 ? "1" : "1000000"},
                                     "", "", "");
    std::this_thread::sleep_for(std::chrono::milliseconds(150 + rng() % 600));
    if (kill(pid, SIGKILL) == 0 && testing::Wait(pid) == -SIGKILL) ++killed;
  }
  INFO("killed " << killed << " of 4 runs before they finished");
  const auto finish = testing::RunLawtrail({"project", "--data", dir});
  REQUIRE(finish.exit_code == 0);
  CHECK_THAT(finish.out, Catch::Contains("lag 0, active"));
  CHECK(DumpAll(dir + "/views") == expected);
  CHECK(killed > 0);
}

}  // namespace
}  // namespace lawtrail::projectors
