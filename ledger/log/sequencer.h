// File: ledger/log/sequencer.h
// -----------------------------------------------------------------------------
// The single writer of a log. Integrate() takes statements whose signatures
// are already verified, admits each against the log before it, and writes
// every admitted record with its tree hashes, indexes, case state and (when
// due) a new signed checkpoint in ONE RocksDB WriteBatch with a synced WAL.
// Only after that write returns are the results handed back, so an index is
// never told to anyone before it is durable (invariant 2, docs/design/invariants.md).
//
// If a write fails (disk full, I/O error) the in-memory state may be ahead of
// the disk, so the sequencer refuses all further work until the log is opened
// again; reopening recovers exactly what was acknowledged.
//
// A replica's sequencer (LoadReplica) takes records another log wrote instead
// of statements, and writes each only if it is exactly what this sequencer
// would have written at that place: the next index, time not going back, the
// case chain, the admission rule replayed. It signs nothing: the checkpoints
// it stores are the primary's, checked by the caller.
//
// Not thread-safe: one thread owns it (Log's sequencing thread).
#ifndef LAWTRAIL_LEDGER_LOG_SEQUENCER_H_
#define LAWTRAIL_LEDGER_LOG_SEQUENCER_H_

#include <functional>
#include <memory>
#include <string>
#include <unordered_map>

#include "ledger/core/case_head_map.h"
#include "ledger/core/checkpoint.h"
#include "ledger/core/merkle.h"
#include "ledger/core/record_check.h"
#include "ledger/domain/case_state.h"
#include "ledger/domain/registry.h"
#include "ledger/log/log_reader.h"
#include "ledger/log/sealed_vault.h"
#include "ledger/log/store.h"
#include "ledger/replay/admission.h"
#include "ledger/replay/log_state.h"

namespace lawtrail {

struct Appended {
  uint64_t index = 0;
  bool duplicate = false;  // the same statement was already recorded there
  EventId event_id{};
  std::vector<domain::Flag> flags;  // procedure flags raised (accepted, reported)
};
using AppendResult = Result<Appended>;

struct CheckpointPolicy {
  int64_t interval_ms = 1000;      // at most this long between checkpoints while growing
  uint64_t every_records = 10000;  // and at most this many records
};

using Clock = std::function<int64_t()>;  // milliseconds since the Unix epoch

// A case's path in the case-head map of some tree size, and that map's root.
struct CaseHeadProof {
  Hash map_root{};
  std::vector<Hash> siblings;
};

struct Replicated {
  size_t written = 0;                     // records written (durably, if synced), from the first
  Status refusal;                         // why the record after them was not
  std::optional<uint64_t> refused_index;  // its index, when a record was refused
};

class Sequencer {
 public:
  // Loads the writer's state (size, tree border, registry, last time and
  // checkpoint) from `store`, which must outlive the sequencer.
  // `vault` encrypts openings and keys the party index; it must outlive the
  // sequencer.
  static Result<std::unique_ptr<Sequencer>> Load(Store& store, note::Signer log_signer, const SealedVault& vault,
                                                 CheckpointPolicy policy, Clock clock);

  // The sequencer of a replica: it cannot sign, and keeps no private data.
  static Result<std::unique_ptr<Sequencer>> LoadReplica(Store& store);

  // Sequences `items` in order; items that are already errors pass through.
  std::vector<AppendResult> Integrate(std::vector<Result<ParsedStatement>>& items);

  // A replica's Integrate: writes `records` (opened, their signatures checked)
  // in order, in one batch, up to the first that is not what the primary
  // could have written next. With `sync` false the batch is not yet durable:
  // the caller makes it so (Store::SyncWal, or a later synced write) before
  // it tells anyone the records are held.
  Replicated Replicate(std::vector<OpenedRecord>& records, bool sync = true);
  // Stores a signed checkpoint of size `size` that the caller has verified
  // against the log key and this tree.
  Status AddCheckpoint(uint64_t size, const std::string& signed_note);

  // Signs and stores a checkpoint of the current tree unless one exists for
  // this size; returns the latest checkpoint note.
  Result<std::string> CurrentCheckpoint();
  // Called when idle: checkpoints if the tree grew and the interval passed.
  Status CheckpointIfDue();

  // The case-head map's root over the first `size` records (size ≤ this
  // log's): a replica checks each checkpoint's map root with it.
  Result<Hash> CaseHeadsRootAt(uint64_t size);
  // `case_id`'s path in the map over the first `size` records (a court export's).
  Result<CaseHeadProof> CaseHeadProofAt(std::string_view case_id, uint64_t size);

  uint64_t size() const { return state_->size(); }
  // A digest of the replayed state (LogState::Digest): a primary, its
  // replicas and verify agree on it for the same records.
  Hash StateDigest() { return state_->Digest(); }
  const Status& health() const { return failed_; }

 private:
  Sequencer(Store& store, std::optional<note::Signer> signer, const SealedVault* vault, CheckpointPolicy policy,
            Clock clock);
  struct BatchState;
  struct Admitted {
    domain::CaseProcedureState* state = nullptr;  // for case events
    std::vector<domain::Flag> flags;
  };
  Status LoadState();
  // Refills the state's draws from the "@draws" records and the stored tree.
  Status LoadDraws();
  // Calls `use` with the case-head map as it was after `size` records.
  Status WithCaseHeadsAt(uint64_t size, const std::function<void(CaseHeadMap&)>& use);
  AppendResult IntegrateOne(ParsedStatement& s, BatchState& batch, rocksdb::WriteBatch& wb);
  Status ReplicateOne(OpenedRecord& r, BatchState& batch, rocksdb::WriteBatch& wb);
  // P-SEALED-TEXT against the case's earlier openings (the primary only).
  Status CheckCaseText(const fb::Statement& st, const domain::CaseProcedureState& c, const BatchState& batch);
  Result<Admitted> AdmitNext(const ParsedStatement& s, const std::string& case_id, const CaseHead& head,
                             int64_t time_ms, BatchState& batch);
  // Puts the next record and everything derived from it into `wb`, and
  // moves the in-memory state past it.
  void PutRecord(ByteView record, const Hash& leaf, const ParsedStatement& s, const std::string& case_id,
                 const CaseHead& head, const Admitted& admitted, BatchState& batch, rocksdb::WriteBatch& wb);
  // Writes the batch (with a checkpoint when due), durably if `sync`, and only
  // then keeps its state; a failed write latches failed_.
  Status Commit(BatchState& batch, rocksdb::WriteBatch& wb, bool sync = true);
  Result<std::optional<Appended>> FindDuplicate(const ParsedStatement& s, const BatchState& batch);
  // The one write batch, emptied: Integrate and Replicate fill it in turn.
  rocksdb::WriteBatch& EmptyWriteBatch();
  Result<CaseHead> HeadOf(const std::string& case_id, const BatchState& batch);
  // `head` is the case's head before the record: a case with none is new.
  Result<domain::CaseProcedureState*> StateOf(const std::string& case_id, const CaseHead& head, BatchState& batch);
  void WriteOpenings(const ParsedStatement& s, uint64_t index, rocksdb::WriteBatch& wb);
  Status EraseOpenings(const fb::Statement& st, rocksdb::WriteBatch& wb);
  // Signs a checkpoint of the current tree; on failure the sequencer stops (failed_).
  Result<std::string> SignCheckpoint();
  bool CheckpointDue(int64_t now) const;

  Store& store_;
  LogReader reader_;
  std::optional<note::Signer> signer_;  // none in a replica
  const SealedVault* vault_;            // null in a replica
  CheckpointPolicy policy_;
  Clock clock_;
  // The log's state after its last record (LogState: the one replay step,
  // shared with replicas and verify); set by LoadState.
  std::optional<LogState> state_;
  uint64_t checkpoint_size_ = 0;
  int64_t checkpoint_time_ms_ = 0;
  std::string latest_checkpoint_;
  Status failed_;
  // Heads of recently written cases, so that a busy case is not looked up in
  // RocksDB for every event. Only ever holds durable heads.
  static constexpr size_t kHeadCacheEntries = 1 << 20;
  std::unordered_map<std::string, CaseHead> head_cache_;
  // Procedure states of recently written cases; a miss folds the case's
  // records again (a case is tens of records).
  static constexpr size_t kStateCacheEntries = 1 << 16;
  std::unordered_map<std::string, domain::CaseProcedureState> state_cache_;
  rocksdb::WriteBatch write_batch_;
};

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_LOG_SEQUENCER_H_
