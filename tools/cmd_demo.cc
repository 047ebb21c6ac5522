// lawtrail demo
#include <cstdio>

#include "ledger/data_dir.h"
#include "ledger/log.h"
#include "ledger/statement_stream.h"
#include "ledger/thread_pool.h"
#include "tools/cli_support.h"
#include "tools/demo_generator.h"

namespace lawtrail::cli {
namespace {

constexpr uint64_t kChunk = 2048;

struct DemoOptions {
  std::string dir, origin = "demo.lawtrail.local/enforcement";
  uint64_t events = 1000, seed = 1, cases = 0;
  uint32_t officers = 12;
  bool emit = false;
};

Status EnsureLog(const DemoOptions& o) {
  if (data_dir::HoldsLog(o.dir)) return Status::Ok();
  auto created = Log::Create(o.dir, o.origin, {"青山镇人民政府", "11411500MB0000000X"});
  if (!created.ok()) return created.status();
  std::fprintf(stderr, "created the log %s in %s\n", o.origin.c_str(), o.dir.c_str());
  return Status::Ok();
}

// Signs the events of [begin, end) on all cores.
std::vector<Bytes> SignChunk(const demo::Generator& gen, ThreadPool& pool, uint64_t begin, uint64_t end) {
  std::vector<Bytes> chunk(end - begin);
  pool.ParallelFor(chunk.size(), [&](size_t i) { chunk[i] = gen.Event(begin + i); });
  return chunk;
}

Status Emit(const demo::Generator& gen, ThreadPool& pool) {
  for (const Bytes& s : gen.RegistryStatements()) RETURN_IF_ERROR(WriteFramedStatement(stdout, s));
  Progress progress("generated");
  for (uint64_t begin = 0; begin < gen.events(); begin += kChunk) {
    for (const Bytes& s : SignChunk(gen, pool, begin, std::min(gen.events(), begin + kChunk))) {
      RETURN_IF_ERROR(WriteFramedStatement(stdout, s));
    }
    progress.Update(std::min(gen.events(), begin + kChunk), gen.events());
  }
  if (std::fflush(stdout) != 0) return Status::IOError("writing to stdout failed");
  return Status::Ok();
}

struct Tally {
  uint64_t added = 0, already = 0, refused = 0;
};

Status AppendAll(const demo::Generator& gen, ThreadPool& pool, Log& log, Tally& tally) {
  auto count_failures = [&](const std::vector<AppendResult>& results) -> Status {
    for (const auto& r : results) {
      if (!r.ok()) {
        if (r.status().code() == StatusCode::kIOError) return r.status();
        ++tally.refused;
      } else {
        ++(r->duplicate ? tally.already : tally.added);
      }
    }
    return Status::Ok();
  };
  RETURN_IF_ERROR(count_failures(log.Append(gen.RegistryStatements())));
  Progress progress("appended");
  std::optional<std::future<std::vector<AppendResult>>> inflight;
  for (uint64_t begin = 0; begin < gen.events(); begin += kChunk) {
    auto next = log.AppendAsync(SignChunk(gen, pool, begin, std::min(gen.events(), begin + kChunk)));
    if (inflight) RETURN_IF_ERROR(count_failures(inflight->get()));
    inflight = std::move(next);
    progress.Update(begin, gen.events());
  }
  if (inflight) RETURN_IF_ERROR(count_failures(inflight->get()));
  progress.Update(gen.events(), gen.events());
  return Status::Ok();
}

int Run(const DemoOptions& o) {
  if (Status s = EnsureLog(o); !s.ok()) return Report("demo", s);
  auto root = data_dir::LoadSigner(data_dir::RootKeyPath(o.dir));
  if (!root.ok()) return Report("demo", root.status());
  std::string origin;
  {
    auto ro = OpenReadOnly(o.dir);
    if (!ro.ok()) return Report("demo", ro.status());
    auto got = ro->reader->Origin();
    if (!got.ok()) return Report("demo", got.status());
    origin = *got;
  }
  demo::Generator gen({origin, *root, o.events, o.seed, std::max<uint32_t>(1, o.officers), o.cases});
  ThreadPool pool;
  if (o.emit) {
    Status s = Emit(gen, pool);
    return s.ok() ? 0 : Report("demo", s);
  }
  auto log = Log::Open(o.dir);
  if (!log.ok()) return Report("demo", log.status());
  Tally tally;
  if (Status s = AppendAll(gen, pool, **log, tally); !s.ok()) return Report("demo", s);
  auto checkpoint = (*log)->CurrentCheckpoint();
  if (!checkpoint.ok()) return Report("demo", checkpoint.status());
  std::printf("%u officers and %llu events over %llu cases: %llu appended, %llu already in the log, "
              "%llu refused; the log has %llu records\n",
              o.officers, static_cast<unsigned long long>(o.events),
              static_cast<unsigned long long>(gen.cases()), static_cast<unsigned long long>(tally.added),
              static_cast<unsigned long long>(tally.already), static_cast<unsigned long long>(tally.refused),
              static_cast<unsigned long long>((*log)->size()));
  std::printf("%s", checkpoint->c_str());
  return tally.refused > 0 ? kExitProblem : 0;
}

}  // namespace

void AddDemoCommand(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<DemoOptions>();
  CLI::App* demo = app.add_subcommand(
      "demo", "Initialise DIR if needed, register generated officers and append N generated,\n"
              "signed case events spread over many cases. Reproducible: the same seed gives the\n"
              "same statements. With --emit, write the signed statements to stdout instead\n"
              "(`lawtrail demo --emit … | lawtrail append …`).");
  AddDataOption(demo, o->dir);
  demo->add_option("--events", o->events, "Number of case events")->required();
  demo->add_option("--seed", o->seed, "Seed of the generated workload")->capture_default_str();
  demo->add_option("--officers", o->officers, "Number of officers")->capture_default_str();
  demo->add_option("--cases", o->cases, "Number of cases (default: events / 20)");
  demo->add_option("--origin", o->origin, "Origin when DIR is initialised")->capture_default_str();
  demo->add_flag("--emit", o->emit, "Write signed statements to stdout instead of appending");
  demo->callback([o, &exit_code] { exit_code = Run(*o); });
}

}  // namespace lawtrail::cli
