// File: projectors/runner.h
// -----------------------------------------------------------------------------
// Runs projectors over a log: reads records in index order from the log's
// store, hands each to every projector whose cursor has not passed it, and
// commits each projector's view writes together with its new cursor in one
// batch every `commit_records`. A projector version that has caught up with
// the log becomes its name's active version; an older active version is then
// dropped (blue/green). Not thread-safe: one runner per view database.
#ifndef LAWTRAIL_PROJECTORS_RUNNER_H_
#define LAWTRAIL_PROJECTORS_RUNNER_H_

#include <memory>
#include <vector>

#include "ledger/log_reader.h"
#include "projectors/projector.h"
#include "projectors/view_store.h"

namespace lawtrail::projectors {

struct RunnerOptions {
  uint64_t commit_records = 4096;  // records per committed batch
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
  ProjectionRunner(const LogReader& log, ViewStore& views, std::vector<std::unique_ptr<Projector>> projectors,
                   RunnerOptions options = {});

  // Folds records until every projector reaches the log's size (or `limit`
  // records were read); returns how many records were read.
  Result<uint64_t> CatchUp(uint64_t limit = UINT64_MAX);
  // Forgets view `name` (its current version) so that the next CatchUp
  // rebuilds it from record 0.
  Status Rebuild(std::string_view name);
  Result<std::vector<ProjectorLag>> Lag();

 private:
  struct Running;
  Status Commit(std::vector<Running>& running, uint64_t next);
  Status PromoteCaughtUp(uint64_t size);

  const LogReader& log_;
  ViewStore& views_;
  std::vector<std::unique_ptr<Projector>> projectors_;
  RunnerOptions options_;
};

}  // namespace lawtrail::projectors

#endif  // LAWTRAIL_PROJECTORS_RUNNER_H_
