// File: ledger/log/replica.h
// -----------------------------------------------------------------------------
// A verified copy of a log written by another process: a follower's mirror, a
// standby. Records arrive from elsewhere (Kafka, a file) and are trusted no
// more than the wire that brought them:
//  - each new record is opened and its signature checked on every core
//    (ledger/core/record_check.h), then written by a replica sequencer
//    (ledger/log/sequencer.h) only if the primary could have written it there;
//  - a record the replica already holds is dropped if it is byte-identical,
//    and is a conflict if not; one past the next index is a gap;
//  - a checkpoint is verified against the log key at once, then kept until
//    the replica has the records it covers and checked against the tree the
//    replica built itself.
// The first problem stops the replica: it keeps everything verified before
// it, and problem() holds the evidence (the index, the reason, the item
// received and the replica's own item it conflicts with).
//
// The folder has a data folder's layout (ledger/log/data_dir.h) with the log's
// verifier key and no private key, so `lawtrail verify` and every read
// command accept it. Private openings never reach a replica.
// Not thread-safe.
#ifndef LAWTRAIL_LEDGER_LOG_REPLICA_H_
#define LAWTRAIL_LEDGER_LOG_REPLICA_H_

#include <map>
#include <memory>
#include <optional>

#include "ledger/core/note.h"
#include "ledger/core/policy.h"
#include "ledger/log/log_reader.h"
#include "ledger/log/sequencer.h"
#include "ledger/log/thread_pool.h"

namespace lawtrail {

struct ReplicaProblem {
  enum class Kind {
    kGap,                // records are missing before the one received
    kConflict,           // differs from what the replica already holds
    kRefusedRecord,      // the record does not hold (signature, chain, admission …)
    kRefusedCheckpoint,  // bad signature, or a root other than the replica's tree
  };
  Kind kind = Kind::kRefusedRecord;
  Status reason;
  uint64_t index = 0;            // the record index (for checkpoints: the tree size)
  std::string received;          // the item received, exactly as it came
  std::string conflicting;       // the replica's own item it contradicts, if any
  std::string conflicting_what;  // what `conflicting` is
  // For a record: where `received` stood in the batch given to AddRecords.
  std::optional<size_t> position;

  static ReplicaProblem Of(Kind kind, Status reason, uint64_t index, std::string received, std::string conflicting = "",
                           std::string conflicting_what = "") {
    return {
        kind,        std::move(reason), index, std::move(received), std::move(conflicting), std::move(conflicting_what),
        std::nullopt};
  }
};

struct ReplicaOptions {
  ThreadPool* pool = nullptr;   // signature checks; null = a pool of its own
  size_t chunk_records = 1024;  // records checked and written together
  // Checkpoints verified but still ahead of the records; one more is refused.
  size_t max_pending_checkpoints = 1 << 16;
  // A witness policy (C2SP tlog-policy): when set, a checkpoint whose
  // cosignatures do not meet its quorum is refused like a bad signature.
  std::optional<policy::Policy> policy = std::nullopt;
};

class Replica {
 public:
  // Opens the replica in `dir`, creating it (and `dir`) if it does not exist.
  // Refuses a folder that holds a log key (a primary's) or another log.
  static Result<std::unique_ptr<Replica>> Open(const std::string& dir, const note::Verifier& log_key,
                                               ReplicaOptions options = {});
  ~Replica();

  // Records as received, in order. Returns how many were new and written;
  // a problem with one of them names its position in `records`;
  // an error (FailedPrecondition once stopped) leaves problem() set, with
  // every record before the problem written durably.
  Result<size_t> AddRecords(std::vector<Bytes> records);
  // A signed checkpoint note as received. Returns its tree size once its
  // signature holds: it is then checked, or held to be checked when the
  // records it covers arrive.
  Result<uint64_t> AddCheckpoint(std::string_view signed_note);
  // For a checkpoint that arrives with the records it covers: if its
  // signature holds and it is ahead of the records held, it is held, checked
  // the moment the records reach its size (against the tree and case-head map
  // in memory rather than put back from the store), and its size returned.
  // Anything else is left, untouched, for AddCheckpoint after the records.
  std::optional<uint64_t> AddCheckpointAhead(std::string_view signed_note);

  uint64_t size() const { return sequencer_->size(); }
  Hash StateDigest() { return sequencer_->StateDigest(); }
  // For a verifying witness: OK iff the replica has verified every record up
  // to `cp` and `cp`'s root and case-head map root are those of its records.
  // Unavailable while it has fewer records; Corruption naming the root that
  // differs. Stops nothing: the witness decides what a mismatch means.
  Status Vouch(const Checkpoint& cp);
  // The largest checkpoint verified against the replica's own tree.
  uint64_t verified_checkpoint_size() const { return verified_checkpoint_; }
  size_t pending_checkpoints() const { return pending_.size(); }
  const std::optional<ReplicaProblem>& problem() const { return problem_; }

  const std::string& origin() const { return log_key_.name; }
  const LogReader& reader() const { return reader_; }
  Store& store() { return *store_; }

 private:
  Replica(std::unique_ptr<Store> store, note::Verifier log_key, ReplicaOptions options);
  Status Stop(ReplicaProblem problem, std::optional<size_t> position = std::nullopt);
  Status Stopped() const;
  // Moves the records that come next into `fresh`, with their positions in
  // `records`, dropping repeats of records held, up to a gap or conflict (returned).
  Status TakeNew(std::vector<Bytes>& records, std::vector<Bytes>& fresh, std::vector<size_t>& positions);
  Status AppendNew(std::vector<Bytes> records, const std::vector<size_t>& positions);
  // Where the chunks of `count` new records end (exclusive, from the first
  // new record): every chunk_records, at each pending checkpoint's size, and
  // in ever shorter halves over the last chunk.
  std::vector<size_t> ChunkEnds(size_t count) const;
  // `cp` is `note` opened (its signature checked).
  Status CheckCheckpoint(const Checkpoint& cp, const std::string& note);
  // The checkpoint in a received note: signed by the log key and, with a
  // policy, cosigned by its quorum.
  Result<Checkpoint> OpenReceived(std::string_view signed_note) const;
  Status CheckPendingCheckpoints();
  Status HoldPending(const Checkpoint& cp, std::string_view signed_note);

  std::unique_ptr<Store> store_;
  LogReader reader_;
  note::Verifier log_key_;
  ReplicaOptions options_;
  std::unique_ptr<ThreadPool> own_pool_;
  std::unique_ptr<Sequencer> sequencer_;
  std::map<uint64_t, std::pair<std::string, Checkpoint>> pending_;  // size → (note, opened)
  uint64_t verified_checkpoint_ = 0;
  std::optional<ReplicaProblem> problem_;
};

// Makes the replica in `dir` a primary once the old primary is gone for good
// (docs/kafka.md, "A standby takes over"). The follower must be stopped. The
// mirror is verified again in full; `log_key` must be the key its checkpoints
// are signed with, and becomes DIR/log.key; `sealed_key`, the old primary's
// DIR/sealed.key text, lets the new primary read the openings restored from
// the old one's backup (none reach a replica). Returns the log's size. The
// caller must have fenced the old primary: two writers fork the log, which
// every follower then refuses as two roots for one size.
Result<uint64_t> PromoteReplica(const std::string& dir, const note::Signer& log_key,
                                const std::optional<std::string>& sealed_key);

// Writes `problem` as files under `dir` (created): reason.txt, and the
// received and conflicting items as they are, so that the evidence can be
// handed on. Returns the folder written.
Result<std::string> SaveEvidence(const std::string& dir, const ReplicaProblem& problem, std::string_view context);

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_LOG_REPLICA_H_
