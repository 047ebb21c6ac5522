#include "projectors/runner.h"

#include <algorithm>

#include "ledger/record.h"
#include "ledger/statement.h"

namespace lawtrail::projectors {

void ViewTxn::Put(std::string_view key, std::string_view value) {
  batch_->Put(cf_, key, value).PermitUncheckedError();
}

void ViewTxn::Delete(std::string_view key) { batch_->Delete(cf_, key).PermitUncheckedError(); }

Result<nlohmann::json*> ViewTxn::EditDoc(const std::string& key) {
  auto it = docs_.find(key);
  if (it == docs_.end()) {
    ASSIGN_OR_RETURN(auto text, Get(key));
    nlohmann::json doc;
    if (text) {
      doc = nlohmann::json::parse(*text, nullptr, false);
      if (doc.is_discarded()) return Status::Corruption("view value at '" + key + "' is not JSON");
    }
    it = docs_.emplace(key, std::move(doc)).first;
  }
  dirty_.insert(key);
  return &it->second;
}

Result<nlohmann::json> ViewTxn::LoadDoc(const std::string& key) {
  if (auto it = docs_.find(key); it != docs_.end()) return it->second;
  ASSIGN_OR_RETURN(auto text, Get(key));
  nlohmann::json doc;
  if (text) {
    doc = nlohmann::json::parse(*text, nullptr, false);
    if (doc.is_discarded()) return Status::Corruption("view value at '" + key + "' is not JSON");
  }
  docs_.emplace(key, doc);
  return doc;
}

void ViewTxn::StoreDoc(const std::string& key, nlohmann::json doc) {
  docs_[key] = std::move(doc);
  dirty_.insert(key);
}

void ViewTxn::FlushDocs() {
  for (const std::string& key : dirty_) {
    const nlohmann::json& doc = docs_.at(key);
    if (!doc.is_null()) Put(key, doc.dump());
  }
  dirty_.clear();
  docs_.clear();
}

Result<std::optional<std::string>> ViewTxn::Get(std::string_view key) const {
  std::string value;
  rocksdb::Status s = batch_->GetFromBatchAndDB(db_, rocksdb::ReadOptions(), cf_, key, &value);
  if (s.IsNotFound()) return std::optional<std::string>();
  RETURN_IF_ERROR(FromRocks(s, "reading a view"));
  return std::optional<std::string>(std::move(value));
}

struct ProjectionRunner::Running {
  Projector* projector;
  rocksdb::ColumnFamilyHandle* cf;
  uint64_t cursor;
  std::unique_ptr<rocksdb::WriteBatchWithIndex> batch;
  std::unique_ptr<ViewTxn> txn;
};

ProjectionRunner::ProjectionRunner(const LogReader& log, ViewStore& views,
                                   std::vector<std::unique_ptr<Projector>> projectors, RunnerOptions options)
    : log_(log), views_(views), projectors_(std::move(projectors)), options_(options) {}

Status ProjectionRunner::Commit(std::vector<Running>& running, uint64_t next) {
  // One batch per projector: its view and its cursor move together.
  for (Running& r : running) {
    if (r.cursor >= next) continue;
    r.txn->FlushDocs();
    views_.PutCursor(*r.batch, r.projector->name(), r.projector->version(), next);
    RETURN_IF_ERROR(views_.Write(*r.batch->GetWriteBatch()));
    r.batch->Clear();
    r.cursor = next;
  }
  return Status::Ok();
}

Result<uint64_t> ProjectionRunner::CatchUp(uint64_t limit) {
  ASSIGN_OR_RETURN(const uint64_t size, log_.Size());
  std::vector<Running> running;
  uint64_t from = size;
  for (auto& p : projectors_) {
    ASSIGN_OR_RETURN(auto* cf, views_.View(p->name(), p->version()));
    ASSIGN_OR_RETURN(uint64_t cursor, views_.Cursor(p->name(), p->version()));
    auto batch = std::make_unique<rocksdb::WriteBatchWithIndex>(rocksdb::BytewiseComparator(), 0, true);
    auto txn = std::make_unique<ViewTxn>(views_.db(), cf, batch.get());
    running.push_back({p.get(), cf, cursor, std::move(batch), std::move(txn)});
    from = std::min(from, cursor);
  }
  const uint64_t to = limit >= size - from ? size : from + limit;
  uint64_t since_commit = 0;
  ASSIGN_OR_RETURN(const auto all_flags, log_.FlagsIn(from, to));
  Status scanned = log_.ScanRecords(from, to, [&](uint64_t index, ByteView bytes) -> Status {
    ASSIGN_OR_RETURN(RecordView rv, ParseRecord(bytes));
    const auto* ss = flatbuffers::GetRoot<fb::SignedStatement>(rv.signed_statement.data());
    const auto* st = flatbuffers::GetRoot<fb::Statement>(ss->statement()->data());
    const auto found = all_flags.find(index);
    const std::string_view flags = found == all_flags.end() ? std::string_view() : std::string_view(found->second);
    ProjectedRecord pr{index, rv.record->time_recorded_ms(), rv.record->case_version(), st,
                       ByteView(ss->statement()->data(), ss->statement()->size()), bytes, flags};
    for (Running& r : running) {
      if (r.cursor > index) continue;
      Status applied;
      try {
        applied = r.projector->Apply(pr, *r.txn);
      } catch (const std::exception& e) {  // the JSON library reports by exception
        applied = Status::Internal(e.what());
      }
      if (!applied.ok()) {
        return applied.WithContext("projector " + ViewStore::ViewId(r.projector->name(), r.projector->version()) +
                                   " at record " + std::to_string(index));
      }
    }
    if (++since_commit >= options_.commit_records) {
      RETURN_IF_ERROR(Commit(running, index + 1));
      since_commit = 0;
    }
    return Status::Ok();
  });
  RETURN_IF_ERROR(scanned);
  RETURN_IF_ERROR(Commit(running, to));
  RETURN_IF_ERROR(PromoteCaughtUp(size));
  return to - from;
}

Status ProjectionRunner::PromoteCaughtUp(uint64_t size) {
  for (auto& p : projectors_) {
    ASSIGN_OR_RETURN(uint64_t cursor, views_.Cursor(p->name(), p->version()));
    ASSIGN_OR_RETURN(auto active, views_.ActiveVersion(p->name()));
    if (cursor < size || active == p->version()) continue;
    rocksdb::WriteBatch b;
    views_.PutActive(b, p->name(), p->version());
    RETURN_IF_ERROR(views_.Write(b));
    if (active) RETURN_IF_ERROR(views_.Drop(p->name(), *active));
  }
  return Status::Ok();
}

Status ProjectionRunner::Rebuild(std::string_view name) {
  for (auto& p : projectors_) {
    if (p->name() != name) continue;
    ASSIGN_OR_RETURN(auto active, views_.ActiveVersion(name));
    // The view is unavailable to readers until the rebuild catches up; to
    // rebuild without a gap, ship a new version instead (it builds beside).
    RETURN_IF_ERROR(views_.Drop(name, p->version()));
    if (active == p->version()) {
      rocksdb::WriteBatch b;
      b.Delete(views_.meta(), "active/" + std::string(name)).PermitUncheckedError();
      RETURN_IF_ERROR(views_.Write(b));
    }
    return Status::Ok();
  }
  return Status::NotFound("no projector named '" + std::string(name) + "'");
}

Result<std::vector<ProjectorLag>> ProjectionRunner::Lag() {
  ASSIGN_OR_RETURN(const uint64_t size, log_.Size());
  std::vector<ProjectorLag> out;
  for (auto& p : projectors_) {
    ASSIGN_OR_RETURN(uint64_t cursor, views_.Cursor(p->name(), p->version()));
    ASSIGN_OR_RETURN(auto active, views_.ActiveVersion(p->name()));
    out.push_back({std::string(p->name()), p->version(), cursor, size - std::min(size, cursor),
                   active == p->version()});
  }
  return out;
}

}  // namespace lawtrail::projectors
