#include "ledger/log/replica.h"

#include <atomic>
#include <filesystem>
#include <future>

#include "ledger/core/checkpoint.h"
#include "ledger/core/record_check.h"
#include "ledger/log/data_dir.h"
#include "ledger/log/files.h"
#include "ledger/log/log_verifier.h"
#include "ledger/log/sealed_vault.h"

namespace lawtrail {
namespace {

std::string Text(ByteView bytes) { return std::string(AsChars(bytes)); }

std::string RootText(const Hash& root) { return ToBase64(root); }

}  // namespace

Replica::Replica(std::unique_ptr<Store> store, note::Verifier log_key, ReplicaOptions options)
    : store_(std::move(store)), reader_(*store_), log_key_(std::move(log_key)), options_(options) {
  if (options_.pool == nullptr) {
    own_pool_ = std::make_unique<ThreadPool>();
    options_.pool = own_pool_.get();
  }
}

Replica::~Replica() = default;

Result<std::unique_ptr<Replica>> Replica::Open(const std::string& dir, const note::Verifier& log_key,
                                               ReplicaOptions options) {
  std::error_code ec;
  if (std::filesystem::exists(data_dir::LogKeyPath(dir), ec)) {
    return Status::FailedPrecondition(dir +
                                      " holds a log key: it is a primary's folder, and a replica "
                                      "needs one of its own");
  }
  const bool fresh = !data_dir::HoldsLog(dir);
  const std::string vkey = note::EncodeVerifier(log_key.name, log_key.public_key);
  if (fresh) {
    std::filesystem::create_directories(data_dir::DbPath(dir), ec);
    if (ec) return Status::IOError("creating " + dir + ": " + ec.message());
    // The key first: a folder with a database always says whose log it mirrors.
    LAWTRAIL_RETURN_IF_ERROR(WriteFileDurably(data_dir::VerifierKeyPath(dir), vkey + "\n", 0644, false));
  } else {
    LAWTRAIL_ASSIGN_OR_RETURN(note::Verifier held, data_dir::LoadVerifier(dir));
    if (held.name != log_key.name || held.public_key != log_key.public_key) {
      return Status::FailedPrecondition(dir + " mirrors the log of key " +
                                        note::EncodeVerifier(held.name, held.public_key) + ", not " + vkey);
    }
  }
  LAWTRAIL_ASSIGN_OR_RETURN(auto store,
                            Store::Open(data_dir::DbPath(dir), fresh ? OpenMode::kCreate : OpenMode::kReadWrite));
  if (fresh) {
    rocksdb::WriteBatch wb;
    wb.Put(store->cf(Cf::kMeta), keys::kMetaOrigin, log_key.name);
    LAWTRAIL_RETURN_IF_ERROR(store->WriteDurably(wb));
  }
  std::unique_ptr<Replica> r(new Replica(std::move(store), log_key, options));
  LAWTRAIL_ASSIGN_OR_RETURN(std::string origin, r->reader_.Origin());
  if (origin != log_key.name) {
    return Status::FailedPrecondition(dir + " holds the log '" + origin + "', not '" + log_key.name + "'");
  }
  LAWTRAIL_ASSIGN_OR_RETURN(r->sequencer_, Sequencer::LoadReplica(*r->store_));
  LAWTRAIL_ASSIGN_OR_RETURN(auto latest, r->reader_.LatestCheckpoint());
  if (latest) {
    LAWTRAIL_ASSIGN_OR_RETURN(Checkpoint cp, ParseCheckpointNoteUnverified(*latest));
    r->verified_checkpoint_ = cp.size;
  }
  return r;
}

Status Replica::Stop(ReplicaProblem problem, std::optional<size_t> position) {
  problem.position = position;
  problem.reason = problem.reason.WithContext(problem.kind == ReplicaProblem::Kind::kRefusedCheckpoint
                                                  ? "checkpoint of size " + std::to_string(problem.index)
                                                  : "index " + std::to_string(problem.index));
  problem_ = std::move(problem);
  return problem_->reason;
}

Status Replica::Stopped() const {
  if (!problem_) return Status::Ok();
  return Status::FailedPrecondition("the replica stopped at a problem: " + problem_->reason.message());
}

Status Replica::TakeNew(std::vector<Bytes>& records, std::vector<Bytes>& fresh, std::vector<size_t>& positions) {
  uint64_t next = size();
  for (size_t position = 0; position < records.size(); ++position) {
    Bytes& bytes = records[position];
    auto view = ParseRecord(bytes);
    if (!view.ok()) {
      // Unreadable, so its index is unknown: it is refused where it stands.
      return Stop(ReplicaProblem::Of(ReplicaProblem::Kind::kRefusedRecord, view.status(), next, Text(bytes)), position);
    }
    const uint64_t index = view->record->index();
    if (index < next) {
      // A repeat (at-least-once delivery) must be the very record held.
      LAWTRAIL_ASSIGN_OR_RETURN(Bytes held,
                                index < size() ? reader_.RecordBytes(index) : Result<Bytes>(fresh[index - size()]));
      if (held != bytes) {
        return Stop(ReplicaProblem::Of(ReplicaProblem::Kind::kConflict,
                                       Status::Corruption("a second, different record for this index"), index,
                                       Text(bytes), Text(held), "the record the replica holds at that index"),
                    position);
      }
      continue;
    }
    if (index > next) {
      return Stop(ReplicaProblem::Of(
                      ReplicaProblem::Kind::kGap,
                      Status::FailedPrecondition("records " + std::to_string(next) + "–" + std::to_string(index - 1) +
                                                 " are missing: the stream went from index " + std::to_string(next) +
                                                 " to " + std::to_string(index)),
                      next, Text(bytes)),
                  position);
    }
    fresh.push_back(std::move(bytes));
    positions.push_back(position);
    ++next;
  }
  return Status::Ok();
}

std::vector<size_t> Replica::ChunkEnds(size_t count) const {
  const size_t chunk = std::max<size_t>(1, options_.chunk_records);
  const uint64_t first = size();
  std::vector<size_t> ends;
  auto due = pending_.upper_bound(first);
  for (size_t begin = 0; begin < count; begin = ends.back()) {
    while (due != pending_.end() && due->first <= first + begin) ++due;
    size_t end = std::min(count, begin + chunk);
    if (due != pending_.end() && due->first < first + end) end = static_cast<size_t>(due->first - first);
    ends.push_back(end);
  }
  // Each chunk is written while the next is opened, and the last with
  // nothing left to open beside it. The last chunk is cut into halves, each
  // half the one before, so the writer is never far behind the pool.
  const size_t tail = std::max<size_t>(1, chunk / 32);
  if (ends.empty()) return ends;
  size_t at = ends.size() > 1 ? ends[ends.size() - 2] : 0;
  ends.pop_back();
  while (count - at > 2 * tail) ends.push_back(at += (count - at) / 2);
  ends.push_back(count);
  return ends;
}

Status Replica::AppendNew(std::vector<Bytes> records, const std::vector<size_t>& positions) {
  const uint64_t first = size();
  // A chunk also ends where a checkpoint already received falls, so that it is
  // checked against the tree and case-head map as they stand, not as put back.
  const std::vector<size_t> ends = ChunkEnds(records.size());
  using Opened = std::vector<Result<OpenedRecord>>;
  std::vector<std::promise<Opened>> promised(ends.size());
  std::vector<std::future<Opened>> opened_chunks;
  for (auto& p : promised) opened_chunks.push_back(p.get_future());
  // The pool opens the chunks one after another without waiting for this
  // thread, which writes each as it is opened. Opening only one chunk ahead
  // left the pool idle whenever a write outlasted the next chunk's opening.
  std::atomic<bool> abandoned{false};
  auto opener = std::async(std::launch::async, [&] {
    for (size_t k = 0; k < ends.size() && !abandoned; ++k) {
      const size_t begin = k == 0 ? 0 : ends[k - 1];
      Opened opened;
      opened.reserve(ends[k] - begin);
      for (size_t i = begin; i < ends[k]; ++i) opened.emplace_back(Status::Internal("not opened"));
      options_.pool->ParallelFor(ends[k] - begin,
                                 [&](size_t i) { opened[i] = OpenRecord(records[begin + i], first + begin + i); });
      promised[k].set_value(std::move(opened));
    }
  });
  auto stop_opening = [&](Status stop) {
    abandoned = true;
    opener.wait();
    // The chunks before the problem were written without syncing.
    Status synced = store_->SyncWal();
    return synced.ok() ? stop : synced;
  };
  for (size_t k = 0; k < ends.size(); ++k) {
    Opened opened = opened_chunks[k].get();
    const size_t begin = k == 0 ? 0 : ends[k - 1];
    std::vector<OpenedRecord> good;
    good.reserve(opened.size());
    std::optional<size_t> bad;
    for (size_t i = 0; i < opened.size(); ++i) {
      if (!opened[i].ok()) {
        bad = i;
        break;
      }
      good.push_back(std::move(*opened[i]));
    }
    // One sync, with the last chunk, makes the whole batch durable: the
    // write-ahead log is written in order. An fsync per chunk kept the
    // writer waiting on the disk at the batch's end, with the pool idle.
    Replicated written = sequencer_->Replicate(good, /*sync=*/k + 1 == ends.size());
    Status stop = Status::Ok();
    if (!written.refusal.ok()) {
      const uint64_t index = written.refused_index.value_or(size());
      stop = written.refused_index ? Stop(ReplicaProblem::Of(ReplicaProblem::Kind::kRefusedRecord, written.refusal,
                                                             index, Text(good[written.written].bytes)),
                                          positions[begin + written.written])
                                   : written.refusal;
    } else if (bad) {
      stop = Stop(ReplicaProblem::Of(ReplicaProblem::Kind::kRefusedRecord, opened[*bad].status(), first + begin + *bad,
                                     Text(records[begin + *bad])),
                  positions[begin + *bad]);
    } else {
      stop = CheckPendingCheckpoints();
    }
    if (!stop.ok()) return stop_opening(stop);
  }
  opener.wait();
  return CheckPendingCheckpoints();
}

Result<size_t> Replica::AddRecords(std::vector<Bytes> records) {
  LAWTRAIL_RETURN_IF_ERROR(Stopped());
  const uint64_t before = size();
  std::vector<Bytes> fresh;
  std::vector<size_t> positions;
  Status taken = TakeNew(records, fresh, positions);
  // Records before a gap or conflict are still good: write them first. A
  // problem among them comes earlier in the log, so it is the one reported.
  LAWTRAIL_RETURN_IF_ERROR(AppendNew(std::move(fresh), positions));
  LAWTRAIL_RETURN_IF_ERROR(taken);
  return static_cast<size_t>(size() - before);
}

Status Replica::CheckCheckpoint(const Checkpoint& cp, const std::string& note) {
  const uint64_t size = cp.size;
  LAWTRAIL_ASSIGN_OR_RETURN(auto held, reader_.CheckpointAt(size));
  if (held && *held == note) {  // a repeat of what was checked and stored
    if (size > verified_checkpoint_) verified_checkpoint_ = size;
    return Status::Ok();
  }
  LAWTRAIL_ASSIGN_OR_RETURN(Hash ours, reader_.RootAt(size));
  if (ours != cp.root) {
    const Status reason = Status::Corruption(
        "a checkpoint signed by the log key whose root is not the root of "
        "the records (" +
        RootText(ours) + ")");
    return Stop(held ? ReplicaProblem::Of(ReplicaProblem::Kind::kRefusedCheckpoint, reason, size, note, *held,
                                          "the checkpoint of the same size, also signed by the log key, that the "
                                          "replica holds")
                     : ReplicaProblem::Of(ReplicaProblem::Kind::kRefusedCheckpoint, reason, size, note,
                                          RootText(ours) + "\n",
                                          "the root the replica computed from the verified records"));
  }
  const Result<Hash> signed_heads = cp.CaseHeadsRoot();
  LAWTRAIL_ASSIGN_OR_RETURN(Hash our_heads, sequencer_->CaseHeadsRootAt(size));
  if (!signed_heads.ok() || *signed_heads != our_heads) {
    const Status reason = signed_heads.ok() ? Status::Corruption(
                                                  "a checkpoint signed by the log key whose case-head map root is "
                                                  "not the map of the records (" +
                                                  RootText(our_heads) + ")")
                                            : signed_heads.status();
    return Stop(ReplicaProblem::Of(ReplicaProblem::Kind::kRefusedCheckpoint, reason, size, note,
                                   RootText(our_heads) + "\n",
                                   "the case-head map root the replica computed from the verified records"));
  }
  if (size > verified_checkpoint_) verified_checkpoint_ = size;
  if (held) return Status::Ok();  // the same tree, already stored
  return sequencer_->AddCheckpoint(size, note);
}

Status Replica::Vouch(const Checkpoint& cp) {
  if (cp.size > size()) {
    return Status::Unavailable("the mirror has verified " + std::to_string(size()) + " of the checkpoint's " +
                               std::to_string(cp.size) + " records");
  }
  LAWTRAIL_ASSIGN_OR_RETURN(Hash ours, reader_.RootAt(cp.size));
  if (ours != cp.root) {
    return Status::Corruption("the checkpoint's root is not the root of the " + std::to_string(cp.size) +
                              " records the log streamed (" + RootText(ours) + ")");
  }
  LAWTRAIL_ASSIGN_OR_RETURN(const Hash signed_heads, cp.CaseHeadsRoot());
  LAWTRAIL_ASSIGN_OR_RETURN(const Hash our_heads, sequencer_->CaseHeadsRootAt(cp.size));
  if (signed_heads != our_heads) {
    return Status::Corruption("the checkpoint's case-head map root is not the map of the records the log streamed (" +
                              RootText(our_heads) + ")");
  }
  return Status::Ok();
}

Status Replica::CheckPendingCheckpoints() {
  while (!pending_.empty() && pending_.begin()->first <= size()) {
    auto node = pending_.extract(pending_.begin());
    LAWTRAIL_RETURN_IF_ERROR(CheckCheckpoint(node.mapped().second, node.mapped().first));
  }
  return Status::Ok();
}

Status Replica::HoldPending(const Checkpoint& cp, std::string_view signed_note) {
  if (pending_.size() >= options_.max_pending_checkpoints && !pending_.contains(cp.size)) {
    return Status::Unavailable(std::to_string(pending_.size()) +
                               " checkpoints are waiting for records the replica has not received");
  }
  pending_.try_emplace(cp.size, std::string(signed_note), cp);
  return Status::Ok();
}

Result<Checkpoint> Replica::OpenReceived(std::string_view signed_note) const {
  LAWTRAIL_ASSIGN_OR_RETURN(Checkpoint cp, OpenCheckpoint(signed_note, log_key_));
  if (options_.policy) {
    LAWTRAIL_RETURN_IF_ERROR(policy::CheckQuorum(*options_.policy, policy::CosignedBy(*options_.policy, signed_note)));
  }
  return cp;
}

Result<uint64_t> Replica::AddCheckpoint(std::string_view signed_note) {
  LAWTRAIL_RETURN_IF_ERROR(Stopped());
  auto cp = OpenReceived(signed_note);
  if (!cp.ok()) {
    const uint64_t size = [&] {
      auto unverified = ParseCheckpointNoteUnverified(signed_note);
      return unverified.ok() ? unverified->size : 0;
    }();
    return Stop(
        ReplicaProblem::Of(ReplicaProblem::Kind::kRefusedCheckpoint, cp.status(), size, std::string(signed_note)));
  }
  if (cp->size <= size()) {
    LAWTRAIL_RETURN_IF_ERROR(CheckCheckpoint(*cp, std::string(signed_note)));
    return cp->size;
  }
  LAWTRAIL_RETURN_IF_ERROR(HoldPending(*cp, signed_note));
  return cp->size;
}

std::optional<uint64_t> Replica::AddCheckpointAhead(std::string_view signed_note) {
  if (!Stopped().ok()) return std::nullopt;
  auto cp = OpenReceived(signed_note);
  if (!cp.ok() || cp->size <= size() || !HoldPending(*cp, signed_note).ok()) return std::nullopt;
  return cp->size;
}

Result<uint64_t> PromoteReplica(const std::string& dir, const note::Signer& log_key,
                                const std::optional<std::string>& sealed_key) {
  if (!data_dir::HoldsLog(dir)) return Status::NotFound(dir + " holds no log");
  std::error_code ec;
  if (std::filesystem::exists(data_dir::LogKeyPath(dir), ec)) {
    return Status::FailedPrecondition(dir + " already holds a log key: it is a primary");
  }
  LAWTRAIL_ASSIGN_OR_RETURN(note::Verifier vkey, data_dir::LoadVerifier(dir));
  if (log_key.name != vkey.name || log_key.key.public_key() != vkey.public_key) {
    return Status::InvalidArgument("the log key given is not the key of this log (" +
                                   note::EncodeVerifier(vkey.name, vkey.public_key) + ")");
  }
  uint64_t size = 0;
  {
    LAWTRAIL_ASSIGN_OR_RETURN(auto store, Store::Open(data_dir::DbPath(dir), OpenMode::kReadWrite));
    ThreadPool pool;
    const VerifyReport report = VerifyLog(*store, {vkey, std::nullopt, &pool, {}});
    if (!report.status.ok()) return report.status.WithContext("the mirror does not verify; not promoted");
    size = report.records;
  }
  if (sealed_key) {
    LAWTRAIL_RETURN_IF_ERROR(WriteFileDurably(data_dir::SealedKeyPath(dir), *sealed_key, 0600, true));
    if (auto vault = SealedVault::LoadOrCreate(dir); !vault.ok()) {
      std::filesystem::remove(data_dir::SealedKeyPath(dir), ec);
      return vault.status().WithContext("--sealed-key");
    }
  }
  LAWTRAIL_RETURN_IF_ERROR(data_dir::SaveSigner(data_dir::LogKeyPath(dir), log_key));
  return size;
}

Result<std::string> SaveEvidence(const std::string& dir, const ReplicaProblem& problem, std::string_view context) {
  static constexpr const char* kKinds[] = {"gap", "conflict", "refused-record", "refused-checkpoint"};
  const char* kind = kKinds[static_cast<int>(problem.kind)];
  const std::string folder = dir + "/" + kind + "-" + std::to_string(problem.index);
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  if (ec) return Status::IOError("creating " + folder + ": " + ec.message());
  const bool checkpoint = problem.kind == ReplicaProblem::Kind::kRefusedCheckpoint;
  std::string reason = std::string("kind: ") + kind + "\n" + (checkpoint ? "size: " : "index: ") +
                       std::to_string(problem.index) + "\nreason: " + problem.reason.message() + "\n";
  if (!context.empty()) reason += std::string(context) + "\n";
  if (!problem.received.empty()) reason += "received: the item as it arrived, in received.bin\n";
  if (!problem.conflicting.empty()) {
    reason += "conflicting: " + problem.conflicting_what + ", in conflicting.bin\n";
  }
  LAWTRAIL_RETURN_IF_ERROR(WriteFileDurably(folder + "/reason.txt", reason, 0644, false));
  if (!problem.received.empty()) {
    LAWTRAIL_RETURN_IF_ERROR(WriteFileDurably(folder + "/received.bin", problem.received, 0644, false));
  }
  if (!problem.conflicting.empty()) {
    LAWTRAIL_RETURN_IF_ERROR(WriteFileDurably(folder + "/conflicting.bin", problem.conflicting, 0644, false));
  }
  return folder;
}

}  // namespace lawtrail
