#include "projectors/runner.h"

#include <algorithm>
#include <chrono>

#include "ledger/core/record.h"
#include "ledger/core/statement.h"

namespace lawtrail::projectors {

struct ProjectionRunner::Running {
  Projector* projector;
  ViewHandle cf;
  uint64_t cursor;
  std::unique_ptr<ViewTxn> txn;
};

ProjectionRunner::ProjectionRunner(const LogReader& log, ViewStore& views,
                                   std::vector<std::unique_ptr<Projector>> projectors, RunnerOptions options)
    : log_(log), views_(views), projectors_(std::move(projectors)), options_(options) {}

ProjectionRunner::~ProjectionRunner() = default;

Status ProjectionRunner::StartRunning() {
  if (running_.empty()) {
    for (auto& p : projectors_) {
      LAWTRAIL_ASSIGN_OR_RETURN(ViewHandle cf, views_.View(p->name(), p->version()));
      running_.push_back({p.get(), cf, 0, std::make_unique<ViewTxn>(views_.db(), cf.get())});
    }
  }
  for (Running& r : running_) {
    const std::string_view name = r.projector->name();
    LAWTRAIL_ASSIGN_OR_RETURN(r.cursor, views_.Cursor(name, r.projector->version()));
    if (r.cursor != 0) continue;
    // Nothing committed, so the view must be empty (a commit moves view and
    // cursor together). A crash inside Drop — cursor gone, column family not
    // yet — can leave one that is not: drop what is left and start clean.
    LAWTRAIL_ASSIGN_OR_RETURN(const bool empty, views_.Empty(r.cf.get()));
    if (!empty) {
      LAWTRAIL_RETURN_IF_ERROR(views_.Drop(name, r.projector->version()));
      LAWTRAIL_ASSIGN_OR_RETURN(r.cf, views_.View(name, r.projector->version()));
      r.txn = std::make_unique<ViewTxn>(views_.db(), r.cf.get());
    }
    r.txn->StartEmpty();
  }
  return Status::Ok();
}

Status ProjectionRunner::Commit(uint64_t next) {
  // One atomic write per projector: its view and its cursor move together.
  for (Running& r : running_) {
    if (r.cursor >= next) continue;
    LAWTRAIL_RETURN_IF_ERROR(views_.Commit(r.cf.get(), r.txn->PendingWrites(), r.projector->name(),
                                           r.projector->version(), next, options_.ingest_from));
    r.txn->MarkCommitted();
    r.cursor = next;
  }
  return Status::Ok();
}

Result<ProjectedRecord> ProjectRecord(uint64_t index, ByteView bytes, std::string_view flags) {
  LAWTRAIL_ASSIGN_OR_RETURN(RecordView rv, ParseRecord(bytes));
  const auto* ss = flatbuffers::GetRoot<fb::SignedStatement>(rv.signed_statement.data());
  const auto* st = flatbuffers::GetRoot<fb::Statement>(ss->statement()->data());
  return ProjectedRecord{std::move(rv.aligned_copy),
                         index,
                         rv.record->time_recorded_ms(),
                         rv.record->case_version(),
                         st,
                         ByteView(ss->statement()->data(), ss->statement()->size()),
                         bytes,
                         flags};
}

namespace {

// Runs one projector on one record; the JSON library reports by exception.
Status ApplyOne(Projector& p, const ProjectedRecord& pr, ViewTxn& txn) {
  Status applied;
  try {
    applied = p.Apply(pr, txn);
  } catch (const std::exception& e) {
    applied = Status::Internal(e.what());
  }
  if (applied.ok()) return applied;
  return applied.WithContext("projector " + ViewStore::ViewId(p.name(), p.version()) + " at record " +
                             std::to_string(pr.index));
}

}  // namespace

Result<uint64_t> ProjectionRunner::CatchUp(uint64_t limit) {
  LAWTRAIL_ASSIGN_OR_RETURN(const uint64_t size, log_.Size());
  LAWTRAIL_RETURN_IF_ERROR(StartRunning());
  uint64_t from = size;
  for (const Running& r : running_) from = std::min(from, r.cursor);
  const uint64_t to = limit >= size - from ? size : from + limit;
  uint64_t since_commit = 0;
  auto window_start = std::chrono::steady_clock::now();
  Status scanned =
      log_.ScanRecordsWithFlags(from, to, [&](uint64_t index, ByteView bytes, std::string_view flags) -> Status {
        LAWTRAIL_ASSIGN_OR_RETURN(const ProjectedRecord pr, ProjectRecord(index, bytes, flags));
        for (Running& r : running_) {
          if (r.cursor <= index) LAWTRAIL_RETURN_IF_ERROR(ApplyOne(*r.projector, pr, *r.txn));
        }
        ++since_commit;
        if (since_commit >= options_.commit_records ||
            (since_commit % 1024 == 0 && std::chrono::steady_clock::now() - window_start >=
                                             std::chrono::milliseconds(options_.commit_interval_ms))) {
          LAWTRAIL_RETURN_IF_ERROR(Commit(index + 1));
          since_commit = 0;
          window_start = std::chrono::steady_clock::now();
        }
        return Status::Ok();
      });
  Status done = scanned.ok() ? Commit(to) : scanned;
  if (done.ok()) done = PromoteCaughtUp(size);
  if (!done.ok()) {
    running_.clear();  // nothing uncommitted may be read back by a later catch-up
    return done;
  }
  return to - from;
}

bool CaseKeys::Holds(std::string_view key) const {
  return std::find(keys.begin(), keys.end(), key) != keys.end() ||
         std::any_of(prefixes.begin(), prefixes.end(), [&](const std::string& p) { return key.starts_with(p); });
}

Result<uint64_t> ProjectionRunner::RebuildCase(std::string_view case_id) {
  running_.clear();  // their caches hold the entries about to change
  uint64_t folded = 0;
  for (auto& p : projectors_) {
    const CaseKeys scope = p->CaseKeysOf(case_id);
    if (scope.empty()) continue;
    LAWTRAIL_ASSIGN_OR_RETURN(const ViewHandle cf, views_.View(p->name(), p->version()));
    LAWTRAIL_ASSIGN_OR_RETURN(const uint64_t cursor, views_.Cursor(p->name(), p->version()));
    ViewTxn txn(views_.db(), cf.get());
    for (const std::string& key : scope.keys) txn.Delete(key);
    std::unique_ptr<rocksdb::Iterator> it(views_.db()->NewIterator(rocksdb::ReadOptions(), cf.get()));
    for (const std::string& prefix : scope.prefixes) {
      for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
        txn.Delete(it->key().ToStringView());
      }
      LAWTRAIL_RETURN_IF_ERROR(FromRocks(it->status(), "clearing case " + std::string(case_id)));
    }
    txn.RestrictWrites([&scope](std::string_view key) { return scope.Holds(key); });
    uint64_t n = 0;
    LAWTRAIL_RETURN_IF_ERROR(log_.ForEachCaseRecord(case_id, [&](uint64_t index, const Bytes& bytes) -> Status {
      if (index >= cursor) return Status::Ok();
      LAWTRAIL_ASSIGN_OR_RETURN(const std::string flags, log_.FlagsAt(index));
      LAWTRAIL_ASSIGN_OR_RETURN(const ProjectedRecord pr, ProjectRecord(index, ByteView(bytes), flags));
      ++n;
      return ApplyOne(*p, pr, txn);
    }));
    LAWTRAIL_RETURN_IF_ERROR(
        views_.Commit(cf.get(), txn.PendingWrites(), p->name(), p->version(), cursor, options_.ingest_from));
    folded = std::max(folded, n);
  }
  return folded;
}

Status ProjectionRunner::PromoteCaughtUp(uint64_t size) {
  for (auto& p : projectors_) {
    LAWTRAIL_ASSIGN_OR_RETURN(uint64_t cursor, views_.Cursor(p->name(), p->version()));
    LAWTRAIL_ASSIGN_OR_RETURN(auto active, views_.ActiveVersion(p->name()));
    if (cursor < size || active == p->version()) continue;
    rocksdb::WriteBatch b;
    views_.PutActive(b, p->name(), p->version());
    LAWTRAIL_RETURN_IF_ERROR(views_.Write(b));
    if (active) {
      running_.clear();
      LAWTRAIL_RETURN_IF_ERROR(views_.Drop(p->name(), *active));
    }
  }
  return Status::Ok();
}

Status ProjectionRunner::Rebuild(std::string_view name) {
  running_.clear();
  for (auto& p : projectors_) {
    if (p->name() != name) continue;
    LAWTRAIL_ASSIGN_OR_RETURN(auto active, views_.ActiveVersion(name));
    // The view is unavailable to readers until the rebuild catches up; to
    // rebuild without a gap, ship a new version instead (it builds beside).
    // Readers are told first, so that none finds it active and gone.
    if (active == p->version()) {
      rocksdb::WriteBatch b;
      views_.DeleteActive(b, name);
      LAWTRAIL_RETURN_IF_ERROR(views_.Write(b));
    }
    return views_.Drop(name, p->version());
  }
  return Status::NotFound("no projector named '" + std::string(name) + "'");
}

Result<std::vector<ProjectorLag>> ProjectionRunner::Lag() {
  LAWTRAIL_ASSIGN_OR_RETURN(const uint64_t size, log_.Size());
  std::vector<ProjectorLag> out;
  for (auto& p : projectors_) {
    LAWTRAIL_ASSIGN_OR_RETURN(uint64_t cursor, views_.Cursor(p->name(), p->version()));
    LAWTRAIL_ASSIGN_OR_RETURN(auto active, views_.ActiveVersion(p->name()));
    out.push_back(
        {std::string(p->name()), p->version(), cursor, size - std::min(size, cursor), active == p->version()});
  }
  return out;
}

}  // namespace lawtrail::projectors
