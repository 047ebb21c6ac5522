// lawtrail_projector_bench: how fast the projectors fold the log.
//
//   lawtrail_projector_bench [--cases N] [--dir PATH] [--rate R] [--each no] [--only NAME] [--repeat K]
//
// Builds (or reuses, in PATH) a log holding a demo year of N cases, then on
// one core: (1) rebuilds every view from record 0, all projectors together and
// each alone; (2) appends R records more — one second of ingest at the signed
// log's measured rate — and times how long the projectors take to fold them
// (the lag a live reader sees). Prints a Markdown table. The rebuild of all
// projectors runs K times (default 3) and the best and median are shown: on a
// shared virtual machine one run varies by a fifth.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "bench/demo_fill.h"
#include "ledger/log/data_dir.h"
#include "ledger/log/log.h"
#include "projectors/all.h"
#include "projectors/runner.h"

namespace lawtrail::bench {
namespace {

using Clock = std::chrono::steady_clock;
double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

Result<double> Rebuild(Store& store, const std::string& views_dir,
                       std::vector<std::unique_ptr<projectors::Projector>> ps, uint64_t& records) {
  std::filesystem::remove_all(views_dir);
  LogReader reader(store);
  LAWTRAIL_ASSIGN_OR_RETURN(auto views, projectors::ViewStore::Open(views_dir));
  projectors::ProjectionRunner runner(reader, *views, std::move(ps));
  const auto t0 = Clock::now();
  LAWTRAIL_ASSIGN_OR_RETURN(records, runner.CatchUp());
  return Seconds(Clock::now() - t0);
}

// The limit: reading and decoding every record, with no projector — the
// same scan the runner makes, records and their flags. Records per second,
// or 0 on an error (printed).
double ReadingLimit(Store& store, uint64_t& read) {
  uint64_t checksum = 0;
  LogReader reader(store);
  const auto t0 = Clock::now();
  auto size = reader.Size();
  if (!size.ok()) return 0;
  Status scanned =
      reader.ScanRecordsWithFlags(0, *size, [&](uint64_t index, ByteView bytes, std::string_view flags) -> Status {
        LAWTRAIL_ASSIGN_OR_RETURN(const projectors::ProjectedRecord r, projectors::ProjectRecord(index, bytes, flags));
        checksum += static_cast<uint64_t>(r.statement->payload_type()) + r.statement_bytes.size();
        ++read;
        return Status::Ok();
      });
  if (!scanned.ok()) return std::fprintf(stderr, "%s\n", scanned.ToString().c_str()), 0;
  const double limit_s = Seconds(Clock::now() - t0);
  std::printf("| reading and decoding only (the limit) | %llu | %.2f | %.0f |\n", static_cast<unsigned long long>(read),
              limit_s, read / limit_s);
  std::fprintf(stderr, "(checksum %llu)\n", static_cast<unsigned long long>(checksum));
  return read / limit_s;
}

// One second of ingest more (`rate` records), then the time all projectors
// take to fold it. 0 when it worked.
int Incremental(const std::string& dir, const std::string& views_dir, uint64_t rate) {
  const uint64_t extra_cases = std::max<uint64_t>(1, rate / 10);
  // New case numbers: the log's size is above every case number used so far
  // (each case has several records), so the new cases are new.
  uint64_t existing_cases = 0;
  {
    auto store = Store::Open(data_dir::DbPath(dir), OpenMode::kReadOnly);
    if (!store.ok()) return 1;
    auto size = LogReader(**store).Size();
    if (!size.ok()) return 1;
    existing_cases = *size;
  }
  if (Status s = Fill(dir, existing_cases, extra_cases); !s.ok()) {
    return std::fprintf(stderr, "%s\n", s.ToString().c_str()), 1;
  }
  auto store = Store::Open(data_dir::DbPath(dir), OpenMode::kReadOnly);
  LogReader reader(**store);
  auto views = projectors::ViewStore::Open(views_dir);
  projectors::ProjectionRunner runner(reader, **views, projectors::AllProjectors());
  const auto t0 = Clock::now();
  auto folded = runner.CatchUp();
  const double lag = Seconds(Clock::now() - t0);
  if (!folded.ok()) return 1;
  std::printf("\nincremental: %llu new records (about %llu cases) folded by all projectors in %.2f s\n",
              static_cast<unsigned long long>(*folded), static_cast<unsigned long long>(extra_cases), lag);
  return 0;
}

int Run(uint64_t cases, const std::string& dir, uint64_t rate, bool each, const std::string& only, int repeat) {
  if (!data_dir::HoldsLog(dir)) {
    auto created = Log::Create(dir, "bench.lawtrail.local/enforcement", {"青山镇人民政府", "11411500MB1234567X"});
    if (!created.ok()) return std::fprintf(stderr, "%s\n", created.status().ToString().c_str()), 1;
    const auto t0 = Clock::now();
    if (Status s = Fill(dir, 0, cases); !s.ok()) return std::fprintf(stderr, "%s\n", s.ToString().c_str()), 1;
    std::fprintf(stderr, "built the log in %.1f s\n", Seconds(Clock::now() - t0));
  }
  const std::string views_dir = dir + "/bench-views";
  std::printf(
      "## Projector throughput (one core)\n\n| projectors | records | seconds | records/s |\n|---|---:|---:|---:|\n");
  {
    auto store = Store::Open(data_dir::DbPath(dir), OpenMode::kReadOnly);
    if (!store.ok()) return 1;
    uint64_t records = 0;
    if (!only.empty()) {  // for profiling one projector
      std::vector<std::unique_ptr<projectors::Projector>> one;
      for (auto& p : projectors::AllProjectors()) {
        if (p->name() == only) one.push_back(std::move(p));
      }
      auto t = Rebuild(**store, views_dir, std::move(one), records);
      if (!t.ok()) return 1;
      std::printf("| %s alone | %llu | %.2f | %.0f |\n", only.c_str(), static_cast<unsigned long long>(records), *t,
                  records / *t);
      return 0;
    }
    uint64_t read = 0;
    const double limit = ReadingLimit(**store, read);
    if (limit == 0) return 1;
    std::vector<double> runs;
    for (int k = 0; k < repeat; ++k) {
      auto all = Rebuild(**store, views_dir, projectors::AllProjectors(), records);
      if (!all.ok()) return std::fprintf(stderr, "%s\n", all.status().ToString().c_str()), 1;
      runs.push_back(*all);
    }
    std::sort(runs.begin(), runs.end());
    const double best = runs.front(), median = runs[runs.size() / 2];
    std::printf("| all %zu together (best of %d) | %llu | %.2f | %.0f |\n", projectors::AllProjectors().size(), repeat,
                static_cast<unsigned long long>(records), best, records / best);
    std::printf("| all %zu together (median of %d) | %llu | %.2f | %.0f |\n", projectors::AllProjectors().size(),
                repeat, static_cast<unsigned long long>(records), median, records / median);
    const double together = records / best;
    for (size_t i = 0; each && i < projectors::AllProjectors().size(); ++i) {
      auto every = projectors::AllProjectors();
      std::vector<std::unique_ptr<projectors::Projector>> one;
      const std::string name(every[i]->name());
      one.push_back(std::move(every[i]));
      auto t = Rebuild(**store, views_dir, std::move(one), records);
      if (!t.ok()) return 1;
      std::printf("| %s alone | %llu | %.2f | %.0f |\n", name.c_str(), static_cast<unsigned long long>(records), *t,
                  records / *t);
    }
    std::printf("\nall together: %.2f of the reading limit, %.2f of the 200,000 records/s goal\n", together / limit,
                together / 200000.0);
    if (each) {  // the views of all projectors, for the incremental step
      uint64_t unused = 0;
      if (!Rebuild(**store, views_dir, projectors::AllProjectors(), unused).ok()) return 1;
    }
  }
  if (Incremental(dir, views_dir, rate) != 0) return 1;
  std::filesystem::remove_all(views_dir);
  return 0;
}

}  // namespace
}  // namespace lawtrail::bench

int main(int argc, char** argv) {
  uint64_t cases = 100000, rate = 26000;
  bool each = true;
  std::string dir = "/tmp/lawtrail-projector-bench", only;
  int repeat = 3;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--cases") == 0) cases = std::strtoull(argv[i + 1], nullptr, 10);
    if (std::strcmp(argv[i], "--dir") == 0) dir = argv[i + 1];
    if (std::strcmp(argv[i], "--rate") == 0) rate = std::strtoull(argv[i + 1], nullptr, 10);
    if (std::strcmp(argv[i], "--each") == 0) each = std::strcmp(argv[i + 1], "no") != 0;
    if (std::strcmp(argv[i], "--only") == 0) only = argv[i + 1];
    if (std::strcmp(argv[i], "--repeat") == 0) repeat = std::max(1, std::atoi(argv[i + 1]));
  }
  return lawtrail::bench::Run(cases, dir, rate, each, only, repeat);
}
