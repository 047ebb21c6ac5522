// lawtrail demo
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>

#include "ledger/client/statement_stream.h"
#include "ledger/log/data_dir.h"
#include "ledger/log/files.h"
#include "ledger/log/log.h"
#include "ledger/log/thread_pool.h"
#include "tools/cli_support.h"
#include "tools/demo_draws.h"
#include "tools/load_generator.h"
#include "tools/town_year.h"

namespace lawtrail::cli {
namespace {

constexpr uint64_t kChunk = 2048;

struct DemoOptions {
  std::string dir, origin = "demo.lawtrail.local/enforcement";
  uint64_t load_events = 0, seed = 1, cases = 0;
  uint32_t officers = 12;
  unsigned breaking_percent = 5;
  bool emit = false;
  bool serve = false;
  ServeOptions serving;  // with --serve
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
  for (const Bytes& s : gen.RegistryStatements()) LAWTRAIL_RETURN_IF_ERROR(WriteFramedStatement(stdout, s));
  Progress progress("generated");
  for (uint64_t begin = 0; begin < gen.events(); begin += kChunk) {
    for (const Bytes& s : SignChunk(gen, pool, begin, std::min(gen.events(), begin + kChunk))) {
      LAWTRAIL_RETURN_IF_ERROR(WriteFramedStatement(stdout, s));
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
  LAWTRAIL_RETURN_IF_ERROR(count_failures(log.Append(gen.RegistryStatements())));
  Progress progress("appended");
  std::optional<std::future<std::vector<AppendResult>>> inflight;
  for (uint64_t begin = 0; begin < gen.events(); begin += kChunk) {
    auto next = log.AppendAsync(SignChunk(gen, pool, begin, std::min(gen.events(), begin + kChunk)));
    if (inflight) LAWTRAIL_RETURN_IF_ERROR(count_failures(inflight->get()));
    inflight = std::move(next);
    progress.Update(begin, gen.events());
  }
  if (inflight) LAWTRAIL_RETURN_IF_ERROR(count_failures(inflight->get()));
  progress.Update(gen.events(), gen.events());
  return Status::Ok();
}

// Creates the log if needed; returns its origin and the agency root key.
Result<std::pair<std::string, note::Signer>> Setup(const DemoOptions& o) {
  LAWTRAIL_RETURN_IF_ERROR(EnsureLog(o));
  LAWTRAIL_ASSIGN_OR_RETURN(note::Signer root, data_dir::LoadSigner(data_dir::RootKeyPath(o.dir)));
  LAWTRAIL_ASSIGN_OR_RETURN(ReadOnlyLog ro, OpenReadOnly(o.dir));
  LAWTRAIL_ASSIGN_OR_RETURN(std::string origin, ro.reader->Origin());
  return std::pair<std::string, note::Signer>(std::move(origin), std::move(root));
}

int RunLoad(const DemoOptions& o) {
  auto setup = Setup(o);
  if (!setup.ok()) return Report("demo", setup.status());
  const auto& [origin, root] = *setup;
  demo::Generator gen({origin, root, o.load_events, o.seed, std::max<uint32_t>(1, o.officers), o.cases});
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
  std::printf(
      "%u officers and %llu events over %llu cases: %llu appended, %llu already in the log, "
      "%llu refused; the log has %llu records\n",
      o.officers, static_cast<unsigned long long>(o.load_events), static_cast<unsigned long long>(gen.cases()),
      static_cast<unsigned long long>(tally.added), static_cast<unsigned long long>(tally.already),
      static_cast<unsigned long long>(tally.refused), static_cast<unsigned long long>((*log)->size()));
  std::printf("%s", checkpoint->c_str());
  return tally.refused > 0 ? kExitProblem : 0;
}

// What the year's appends showed, against what the generator expected.
struct YearTally {
  uint64_t added = 0, already = 0, refused_as_expected = 0;
  std::map<std::string, uint64_t> refusals, flags;
  std::vector<std::string> mismatches;
  // Cases already in the log (a re-run): their attempts meet the case's final
  // state, so any refusal is the right outcome.
  std::set<std::string> replayed;
};

void Score(const demo::YearItem& item, const AppendResult& r, YearTally& t) {
  if (item.expected_rule.empty()) {
    if (!r.ok()) {
      t.mismatches.push_back(item.case_id + ": a lawful act was refused: " + r.status().ToString());
      return;
    }
    ++(r->duplicate ? t.already : t.added);
    if (r->duplicate) t.replayed.insert(item.case_id);
    for (const auto& f : r->flags) ++t.flags[f.rule_id];
    return;
  }
  if (r.ok()) {
    t.mismatches.push_back(item.case_id + ": an act breaking " + item.expected_rule + " was accepted");
  } else if (r.status().rule() != item.expected_rule && !t.replayed.count(item.case_id)) {
    t.mismatches.push_back(item.case_id + ": expected a refusal by " + item.expected_rule + ", got " +
                           r.status().ToString());
  } else {
    ++t.refused_as_expected;
    ++t.refusals[item.expected_rule];
  }
}

Status AppendYear(const demo::Year& year, Log& log, YearTally& tally) {
  for (const auto& r : log.Append(year.registry)) {
    if (!r.ok()) return r.status().WithContext("registering the agency's people and lists");
  }
  Progress progress("appended");
  for (size_t begin = 0; begin < year.items.size(); begin += kChunk) {
    const size_t end = std::min(year.items.size(), begin + kChunk);
    std::vector<Bytes> chunk;
    for (size_t i = begin; i < end; ++i) chunk.push_back(year.items[i].submission);
    auto results = log.Append(std::move(chunk));
    for (size_t i = begin; i < end; ++i) {
      if (!results[i - begin].ok() && results[i - begin].status().code() == StatusCode::kIOError) {
        return results[i - begin].status();
      }
      Score(year.items[i], results[i - begin], tally);
    }
    progress.Update(end, year.items.size());
  }
  return Status::Ok();
}

// The year's 双随机 draws, after its cases: their seeds are the log's own checkpoints.
Status DrawTheYear(const DemoOptions& o, Log& log, const demo::YearPlan& plan, const demo::Year& year,
                   YearTally& tally) {
  LAWTRAIL_ASSIGN_OR_RETURN(const std::string vkey_text, ReadFile(data_dir::VerifierKeyPath(o.dir)));
  const std::string log_vkey = vkey_text.substr(0, vkey_text.find_first_of("\r\n"));
  demo::DrawTally draws;
  LAWTRAIL_RETURN_IF_ERROR(demo::RunDemoDraws(log, log_vkey, plan, year, draws));
  if (draws.already > 0) {
    std::printf("双随机抽查: the log already holds the demo's draws\n");
  } else {
    std::printf(
        "双随机抽查: %zu draws seeded by the log's cosigned checkpoints, %zu recusal re-drawn; "
        "`lawtrail draw verify --data %s` re-runs them\n",
        draws.draws, draws.recusals, o.dir.c_str());
  }
  for (const auto& [rule, n] : draws.flags) tally.flags[rule] += n;
  for (const auto& [rule, n] : draws.refusals) {
    tally.refusals[rule] += n;
    tally.refused_as_expected += n;
  }
  tally.mismatches.insert(tally.mismatches.end(), draws.mismatches.begin(), draws.mismatches.end());
  return Status::Ok();
}

int RunYear(const DemoOptions& o) {
  auto setup = Setup(o);
  if (!setup.ok()) return Report("demo", setup.status());
  const auto& [origin, root] = *setup;
  const uint64_t cases = o.cases == 0 ? 1000 : o.cases;
  const demo::YearPlan plan{origin, root, cases, o.seed, o.breaking_percent};
  const demo::Year year = demo::GenerateYear(plan);
  if (o.emit) {
    for (const Bytes& s : year.registry) {
      if (Status st = WriteFramedStatement(stdout, s); !st.ok()) return Report("demo", st);
    }
    for (const auto& item : year.items) {
      if (!item.expected_rule.empty()) continue;  // only what a lawful client would send
      if (Status st = WriteFramedStatement(stdout, item.submission); !st.ok()) return Report("demo", st);
    }
    return std::fflush(stdout) == 0 ? 0 : Report("demo", Status::IOError("writing to stdout failed"));
  }
  auto log = Log::Open(o.dir);
  if (!log.ok()) return Report("demo", log.status());
  // The demo's 法制监督 officer, so that approvals and exports can be tried
  // on the demo (docs/court-export.md). A demo key, derived from the seed.
  const std::string supervisor_key = o.dir + "/demo-supervisor.key";
  std::error_code ec;
  if (!std::filesystem::exists(supervisor_key, ec)) {
    if (Status s = data_dir::SaveSigner(supervisor_key, *year.supervisor); !s.ok()) return Report("demo", s);
  }
  YearTally tally;
  if (Status s = AppendYear(year, **log, tally); !s.ok()) return Report("demo", s);
  if (Status s = DrawTheYear(o, **log, plan, year, tally); !s.ok()) return Report("demo", s);
  auto checkpoint = (*log)->CurrentCheckpoint();
  if (!checkpoint.ok()) return Report("demo", checkpoint.status());
  std::printf(
      "青山镇 demo year (seed %llu): %zu officers, %llu cases, %zu case acts: %llu appended, %llu already "
      "in the log; %llu rule-breaking attempts refused as expected",
      static_cast<unsigned long long>(o.seed), year.officers, static_cast<unsigned long long>(cases), year.items.size(),
      static_cast<unsigned long long>(tally.added), static_cast<unsigned long long>(tally.already),
      static_cast<unsigned long long>(tally.refused_as_expected));
  std::string by_rule;
  for (const auto& [rule, n] : tally.refusals)
    by_rule += (by_rule.empty() ? " (" : ", ") + rule + " ×" + std::to_string(n);
  std::printf("%s\n", by_rule.empty() ? "" : (by_rule + ")").c_str());
  if (!tally.flags.empty()) {
    std::string flags;
    for (const auto& [rule, n] : tally.flags) flags += (flags.empty() ? "" : ", ") + rule + " ×" + std::to_string(n);
    std::printf("flags raised (accepted, for the warnings view): %s\n", flags.c_str());
  }
  std::printf("the log has %llu records\n%s", static_cast<unsigned long long>((*log)->size()), checkpoint->c_str());
  for (size_t i = 0; i < tally.mismatches.size() && i < 20; ++i) {
    std::fprintf(stderr, "lawtrail demo: %s\n", tally.mismatches[i].c_str());
  }
  return tally.mismatches.empty() ? 0 : kExitProblem;
}

int Run(const DemoOptions& o) {
  const int generated = o.load_events > 0 ? RunLoad(o) : RunYear(o);
  if (generated != 0 || !o.serve || o.emit) return generated;
  ServeOptions serving = o.serving;
  serving.dir = o.dir;
  return RunServe(serving);
}

}  // namespace

void AddDemoCommand(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<DemoOptions>();
  CLI::App* demo =
      app.add_subcommand("demo",
                         "Initialise DIR if needed and append a generated enforcement year of a town:\n"
                         "the agency, about 30 officers, 2 legal reviewers, the power list and other lists,\n"
                         "then C cases with lawful lifecycles, plus attempts that break procedure rules,\n"
                         "which must be refused with the expected rule id (exit 1 if any is not).\n"
                         "With --load-events N, append N synthetic case memos instead (load tests).\n"
                         "Reproducible: the same seed gives the same statements. With --emit, write the\n"
                         "lawful submissions to stdout (`lawtrail demo --emit … | lawtrail append …`).");
  AddDataOption(demo, o->dir);
  demo->add_option("--cases", o->cases, "Number of cases (default: 1000; with --load-events: events / 20)");
  demo->add_option("--seed", o->seed, "Seed of the generated workload")->capture_default_str();
  demo->add_option("--breaking-percent", o->breaking_percent, "Share of cases that also see one rule-breaking attempt")
      ->capture_default_str();
  demo->add_option("--load-events", o->load_events, "Append N synthetic case memos instead of a year");
  demo->add_option("--officers", o->officers, "Officers of the --load-events workload")->capture_default_str();
  demo->add_option("--origin", o->origin, "Origin when DIR is initialised")->capture_default_str();
  demo->add_flag("--emit", o->emit, "Write signed statements to stdout instead of appending");
  demo->add_flag("--serve", o->serve, "Then serve the log, its views and the portal (as `lawtrail serve`)");
  AddServeOptions(demo, o->serving);
  demo->callback([o, &exit_code] { exit_code = Run(*o); });
}

}  // namespace lawtrail::cli
