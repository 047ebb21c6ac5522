// File: ledger/stream/verifying_mirror.h
// -----------------------------------------------------------------------------
// What makes a witness a *verifying* witness: a replica of the log fed from
// its Kafka stream on a thread of its own (every record's signature, its
// admission replayed, its case chain, its place in the tree — as `lawtrail
// follow` does), which vouches for a checkpoint only when the records it
// verified give that checkpoint's root and case-head map root. The witness
// cosigns nothing its mirror has not verified (docs/witnesses.md).
// Thread-safe.
#ifndef LAWTRAIL_LEDGER_STREAM_VERIFYING_MIRROR_H_
#define LAWTRAIL_LEDGER_STREAM_VERIFYING_MIRROR_H_

#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "ledger/core/mutex.h"
#include "ledger/log/replica.h"
#include "ledger/stream/follower.h"

namespace lawtrail::kafka {

class VerifyingMirror {
 public:
  // Opens (or creates) the replica in `dir` for the log of `log_key` and
  // starts following `options`' topics.
  static Result<std::unique_ptr<VerifyingMirror>> Start(const std::string& dir, const note::Verifier& log_key,
                                                        FollowerOptions options);
  ~VerifyingMirror();

  // Replica::Vouch, waiting up to `wait` for the mirror to reach the
  // checkpoint's size. A mirror stopped by a bad record vouches for nothing
  // (FailedPrecondition naming the problem).
  Status Vouch(const Checkpoint& cp, std::chrono::milliseconds wait);
  uint64_t size() const;
  // OK, or why the mirror stopped following (its evidence is the replica's).
  Status status() const;

 private:
  VerifyingMirror() = default;
  void Loop();

  mutable Mutex mu_;  // the replica and follower are used by one thread at a time
  CondVar cv_;
  std::unique_ptr<Replica> replica_ LAWTRAIL_PT_GUARDED_BY(mu_);
  std::unique_ptr<Follower> follower_ LAWTRAIL_PT_GUARDED_BY(mu_);
  Status status_ LAWTRAIL_GUARDED_BY(mu_);
  bool stopping_ LAWTRAIL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace lawtrail::kafka

#endif  // LAWTRAIL_LEDGER_STREAM_VERIFYING_MIRROR_H_
