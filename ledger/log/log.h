// File: ledger/log/log.h
// -----------------------------------------------------------------------------
// One agency's log, opened for writing. The entry point of the write path:
//
//   AppendAsync → parse + verify signatures in parallel (thread pool)
//               → queue, in call order
//               → sequencing thread: Sequencer::Integrate, one synced batch
//               → futures resolve with each statement's index or error
//
// Only one process may open a log for writing (RocksDB's lock); readers in
// other processes use LogReader on a read-only Store.
// Thread-safe: any number of threads may append concurrently; statements are
// sequenced in the order their AppendAsync calls returned.
#ifndef LAWTRAIL_LEDGER_LOG_LOG_H_
#define LAWTRAIL_LEDGER_LOG_LOG_H_

#include <condition_variable>
#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "ledger/core/mutex.h"
#include "ledger/log/log_reader.h"
#include "ledger/log/sequencer.h"
#include "ledger/log/thread_pool.h"

namespace lawtrail {

struct LogOptions {
  CheckpointPolicy checkpoints;
  unsigned verify_threads = 0;  // 0 = one per hardware thread
  // Per synced WriteBatch. Larger batches amortise the fsync further, but
  // every caller in a batch waits for all of it: 1024 keeps a batch near
  // 20 ms of sequencing work even after a stall has queued up a backlog.
  size_t max_batch_records = 1024;
  size_t max_pending_statements = 1 << 16;  // AppendAsync blocks beyond this (pushback)
  Clock clock;                              // defaults to the system clock
  // RocksDB's view of the disk; null: the real one. Tests pass one that fails
  // writes or syncs on demand (tests/support/faulty_env.h). Must outlive the log.
  rocksdb::Env* env = nullptr;
};

struct AgencyInfo {
  std::string name;         // 执法主体名称
  std::string credit_code;  // 统一社会信用代码
};

struct CreatedLog {
  std::string verifier_key;  // the log's note verifier key
  note::Signer root;         // the agency root key, also saved in DIR/root.key
};

class Log {
 public:
  // Creates a new log in `dir`: the log key and agency root key (mode 0600),
  // the verifier key, the database, and record 0, the agency genesis.
  // Fails with kAlreadyExists if `dir` already holds a log.
  // `clock`, if set, is the log's clock from the genesis on (tests that
  // record a case as it is acted, on dates worked out by hand).
  static Result<CreatedLog> Create(const std::string& dir, const std::string& origin, const AgencyInfo& agency,
                                   Clock clock = {});

  // Opens the log in `dir` for writing. kUnavailable if another process has it.
  static Result<std::unique_ptr<Log>> Open(const std::string& dir, LogOptions options = {});

  // Finishes every queued statement, writes a checkpoint if the tree grew
  // since the last one, and closes the database.
  ~Log();

  // Submits signed statements, bare ("LTSS") or as submissions with the
  // openings of their sealed fields ("LTSB", ledger/core/submission.h); the future
  // resolves, after the batch holding them is durable, with one result per
  // statement, in order.
  std::future<std::vector<AppendResult>> AppendAsync(std::vector<Bytes> signed_statements);
  std::vector<AppendResult> Append(std::vector<Bytes> signed_statements) {
    return AppendAsync(std::move(signed_statements)).get();
  }
  // AppendAsync that never waits for room: nullopt when the statements would
  // take the queue past max_pending_statements (a server answers 503).
  std::optional<std::future<std::vector<AppendResult>>> TryAppendAsync(std::vector<Bytes> signed_statements);
  // Statements queued or being sequenced, not yet durable.
  size_t pending_statements();

  // The latest checkpoint, making one first if none covers the current tree.
  Result<std::string> CurrentCheckpoint();
  // `case_id`'s path in the case-head map signed with checkpoints of `size`.
  Result<CaseHeadProof> CaseHeadProofAt(std::string_view case_id, uint64_t size);

  const LogReader& reader() const { return reader_; }
  const SealedVault& vault() const { return vault_; }
  Store& store() { return *store_; }
  uint64_t size();
  // The sequencer's replayed state, digested (Sequencer::StateDigest).
  Hash StateDigest();

 private:
  struct Pending;
  Log(std::unique_ptr<Store> store, SealedVault vault, LogOptions options);
  void SequenceLoop();
  std::optional<std::future<std::vector<AppendResult>>> Enqueue(std::vector<Bytes> signed_statements, bool wait);
  void Verify(const std::shared_ptr<Pending>& p, size_t begin, size_t end);

  std::unique_ptr<Store> store_;
  LogReader reader_;
  SealedVault vault_;
  LogOptions options_;

  Mutex sequencer_mu_;  // serialises use of sequencer_
  std::unique_ptr<Sequencer> sequencer_ LAWTRAIL_PT_GUARDED_BY(sequencer_mu_);

  Mutex mu_;
  CondVar ready_cv_;  // the queue's head became ready, or stop
  CondVar space_cv_;  // pending statements dropped below the limit
  std::deque<std::shared_ptr<Pending>> queue_ LAWTRAIL_GUARDED_BY(mu_);
  size_t pending_statements_ LAWTRAIL_GUARDED_BY(mu_) = 0;
  bool stopping_ LAWTRAIL_GUARDED_BY(mu_) = false;
  // Declared after what its tasks touch (mu_, ready_cv_), so that it is
  // destroyed, finishing and joining its workers, before they are: a worker
  // still notifying ready_cv_ after its batch was taken must find it alive.
  ThreadPool verify_pool_;
  std::thread sequencer_thread_;
};

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_LOG_LOG_H_
