// File: projectors/runner.h
// -----------------------------------------------------------------------------
// Runs projectors over a log: reads records in index order from the log's
// store, hands each to every projector whose cursor has not passed it, and
// commits each projector's view writes together with its new cursor in one
// atomic write per commit window. A projector version that has caught up with
// the log becomes its name's active version; an older active version is then
// dropped (blue/green). Not thread-safe: one runner per view database.
#ifndef LAWTRAIL_PROJECTORS_RUNNER_H_
#define LAWTRAIL_PROJECTORS_RUNNER_H_

#include <memory>
#include <vector>

#include "ledger/log/log_reader.h"
#include "projectors/internal/projector.h"
#include "projectors/view_store.h"

namespace lawtrail::projectors {

struct RunnerOptions {
  // A commit happens after this many records or this much time, whichever
  // comes first. A rebuild spends much of its time printing the documents
  // that changed in a window, so the bigger the window the fewer times each
  // is printed (one window over 10^6 records folds 1.4× faster than four);
  // the interval bounds what a crash costs: at most a minute is folded again.
  // A live catch-up commits when it reaches the log's end, well before.
  uint64_t commit_records = 1 << 20;
  int64_t commit_interval_ms = 60'000;
  // Commits of this many writes or more are ingested as sorted table files.
  size_t ingest_from = 16384;
};

struct ProjectorLag {
  std::string name;
  uint32_t version = 0;
  uint64_t cursor = 0;  // next record index to fold
  uint64_t lag = 0;     // log size − cursor
  bool active = false;
};

class ProjectionRunner {
 public:
  ~ProjectionRunner();
  ProjectionRunner(const LogReader& log, ViewStore& views, std::vector<std::unique_ptr<Projector>> projectors,
                   RunnerOptions options = {});

  // Folds records until every projector reaches the log's size (or `limit`
  // records were read); returns how many records were read.
  Result<uint64_t> CatchUp(uint64_t limit = UINT64_MAX);
  // Forgets view `name` (its current version) so that the next CatchUp
  // rebuilds it from record 0.
  Status Rebuild(std::string_view name);
  // Folds case `case_id` again into every view that keeps per-case entries,
  // up to each view's cursor: its entries are cleared and rewritten, nothing
  // else in the view changes. Returns how many records were folded.
  Result<uint64_t> RebuildCase(std::string_view case_id);
  Result<std::vector<ProjectorLag>> Lag();

 private:
  struct Running;
  Status Commit(uint64_t next);
  Status PromoteCaughtUp(uint64_t size);
  Status StartRunning();

  const LogReader& log_;
  ViewStore& views_;
  std::vector<std::unique_ptr<Projector>> projectors_;
  RunnerOptions options_;
  // Each projector's view window, kept between catch-ups for its cache;
  // empty until the first catch-up and after anything that changes views
  // behind it (a rebuild, a promotion, an error).
  std::vector<Running> running_;
};

}  // namespace lawtrail::projectors

#endif  // LAWTRAIL_PROJECTORS_RUNNER_H_
