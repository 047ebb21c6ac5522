// File: ledger/cosigning/collector.h
// -----------------------------------------------------------------------------
// The log's witnessing, inside `lawtrail serve --witness-policy`: every new
// checkpoint the sequencer signs goes to every witness of the policy at once
// (one thread per witness, each always sending the newest checkpoint, so a
// slow witness skips checkpoints instead of queueing them); each cosignature
// is verified and stored with its checkpoint (column family "cosigned",
// synced); once the cosignatures on a checkpoint meet the policy's quorum it
// becomes the published checkpoint (meta "published-checkpoint"), which
// /checkpoint, `lawtrail checkpoint`, exports and the relay then serve.
//
// Appends never wait for witnesses: the sequencer signs and stores
// checkpoints as before; only publication waits. With fail_open, a
// checkpoint that has waited fail_open_after without reaching the quorum is
// published with the cosignatures it has, and Progress says so.
// Thread-safe.
#ifndef LAWTRAIL_LEDGER_COSIGNING_COLLECTOR_H_
#define LAWTRAIL_LEDGER_COSIGNING_COLLECTOR_H_

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "ledger/core/mutex.h"
#include "ledger/core/policy.h"
#include "ledger/cosigning/witness_client.h"
#include "ledger/log/log.h"
#include "ledger/log/log_reader.h"

namespace lawtrail::cosigning {

struct CollectorOptions {
  std::chrono::milliseconds request_timeout{5000};
  // How often the store is looked at for a newer checkpoint.
  std::chrono::milliseconds poll{2};
  // After a failed request, the first wait before that witness is tried
  // again; doubled on each failure up to max_backoff.
  std::chrono::milliseconds backoff{250};
  std::chrono::milliseconds max_backoff{30000};
  bool fail_open = false;
  std::chrono::milliseconds fail_open_after{10000};
  // An RFC 3161 time-stamping authority (http://…): each checkpoint published
  // with the quorum is stamped (the request is over its body) and the token
  // stored beside it. Empty: none.
  std::string tsa_url;
  std::chrono::milliseconds tsa_timeout{10000};
};

struct WitnessProgress {
  std::string name;
  std::string url;
  uint64_t cosigned_size = 0;  // the largest checkpoint it cosigned for this log (this run)
  uint64_t cosignatures = 0;   // requests answered with a valid cosignature
  uint64_t failures = 0;       // requests that failed, by any cause
  uint64_t refusals = 0;       // of which: 422, the witness saw another tree (alarm)
  double last_seconds = 0;     // the last request's time
  std::string last_error;      // "" after a success
};

struct Progress {
  uint64_t newest_size = 0;     // the newest checkpoint the log signed
  uint64_t published_size = 0;  // the one it publishes
  bool published_has_quorum = true;
  std::string quorum_shortfall;  // why the newest checkpoint is not published yet ("" when it is)
  std::vector<WitnessProgress> witnesses;
  // The time-stamping authority, when there is one.
  uint64_t stamped_size = 0;  // the newest checkpoint with a stored token
  uint64_t stamp_failures = 0;
  std::string stamp_error;  // "" after a success
};

class Collector {
 public:
  // `policy` must list the log (its key named by the log's origin); its
  // witnesses with a URL are contacted, and they must be able to meet the
  // quorum unless fail_open. Store and reader must outlive the collector.
  static Result<std::unique_ptr<Collector>> Start(Store& store, const LogReader& reader, const note::Verifier& log_key,
                                                  policy::Policy policy, CollectorOptions options);
  ~Collector();  // stops every thread; a request in flight ends within its timeout
  Collector(const Collector&) = delete;
  Collector& operator=(const Collector&) = delete;

  Progress progress() const;
  // Milliseconds from a checkpoint's appearance in the store to its
  // publication with the quorum, for the last (up to 4096) published.
  std::vector<double> publish_delays_ms() const;
  // Waits until a checkpoint of at least `size` records is published.
  bool WaitPublished(uint64_t size, std::chrono::milliseconds timeout) const;
  // Waits until the TSA has stamped a checkpoint of at least `size` records
  // (false at once when there is no TSA).
  bool WaitStamped(uint64_t size, std::chrono::milliseconds timeout) const;

 private:
  struct Worker;
  struct Pending {
    std::string note;  // the log's signed checkpoint
    std::chrono::steady_clock::time_point seen;
    std::map<std::string, std::string> lines;  // witness name → cosignature line
  };
  Collector(Store& store, const LogReader& reader, policy::Policy policy, CollectorOptions options);
  void WatchLoop();
  void WorkerLoop(Worker& w);
  void StampLoop();
  void Record(size_t witness, uint64_t size, const std::string& note, const std::string& line, double seconds)
      LAWTRAIL_EXCLUDES(mu_);
  Status Publish(uint64_t size, const Pending& p, bool with_quorum) LAWTRAIL_REQUIRES(mu_);
  static std::string CosignedNote(const Pending& p);
  // The cosignature lines an earlier run stored with `note`, by policy name.
  std::map<std::string, std::string> KeptLines(std::string_view note, std::string_view kept) const;

  Store& store_;
  const LogReader& reader_;
  const policy::Policy policy_;
  const CollectorOptions options_;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::thread watcher_;
  std::thread stamper_;  // only with a TSA
  std::optional<HttpUrl> tsa_;

  mutable Mutex mu_;
  mutable CondVar cv_;  // a newer checkpoint, a publication, or stopping
  bool stopping_ LAWTRAIL_GUARDED_BY(mu_) = false;
  uint64_t newest_size_ LAWTRAIL_GUARDED_BY(mu_) = 0;
  std::string newest_note_ LAWTRAIL_GUARDED_BY(mu_);
  std::map<uint64_t, Pending> pending_ LAWTRAIL_GUARDED_BY(mu_);  // size → cosignatures so far (unpublished)
  // Draw seeds (LogReader::SeedCheckpointSizes) up to newest_size_: each
  // witness cosigns them before anything larger, since it never goes back.
  std::set<uint64_t> seed_sizes_ LAWTRAIL_GUARDED_BY(mu_);
  uint64_t published_size_ LAWTRAIL_GUARDED_BY(mu_) = 0;
  std::string published_note_ LAWTRAIL_GUARDED_BY(mu_);
  uint64_t stamped_size_ LAWTRAIL_GUARDED_BY(mu_) = 0;
  uint64_t stamp_failures_ LAWTRAIL_GUARDED_BY(mu_) = 0;
  std::string stamp_error_ LAWTRAIL_GUARDED_BY(mu_);
  bool published_has_quorum_ LAWTRAIL_GUARDED_BY(mu_) = true;
  std::string shortfall_ LAWTRAIL_GUARDED_BY(mu_);
  std::vector<WitnessProgress> progress_ LAWTRAIL_GUARDED_BY(mu_);  // by worker index
  std::vector<double> delays_ms_ LAWTRAIL_GUARDED_BY(mu_);
  size_t next_delay_ LAWTRAIL_GUARDED_BY(mu_) = 0;
};

// The published checkpoint once it covers `size` records, for an export:
// makes a checkpoint covering them first (so the witnesses have one to
// cosign), then waits up to `wait` for the quorum. Unavailable on timeout.
Result<std::string> WitnessedCheckpoint(Log& log, const Collector& collector, uint64_t size,
                                        std::chrono::milliseconds wait);

}  // namespace lawtrail::cosigning

#endif  // LAWTRAIL_LEDGER_COSIGNING_COLLECTOR_H_
