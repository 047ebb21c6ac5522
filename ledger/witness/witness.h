// File: ledger/witness/witness.h
// -----------------------------------------------------------------------------
// The add-checkpoint call of C2SP tlog-witness v1.0.0, transport aside: a
// request body in, a status, content type and body out.
//
//   404  the checkpoint's origin is not a log this witness follows
//   403  no valid signature by the log's trusted key (or one that fails)
//   400  a malformed body, or an old size above the checkpoint's size
//   409  the old size is not the size last cosigned (body: that size, as
//        text/x.tlog.size)
//   422  a size-0 checkpoint without the empty root, a proof with old size 0,
//        a consistency proof that does not verify, or the same size with
//        another root — the last two kept as evidence of misbehaviour
//   200  the cosignature line(s)
//
// Checking the old size and persisting the new checkpoint happen under one
// lock, so two racing requests can never roll a log back. Thread-safe.
#ifndef LAWTRAIL_LEDGER_WITNESS_WITNESS_H_
#define LAWTRAIL_LEDGER_WITNESS_WITNESS_H_

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "ledger/core/checkpoint.h"
#include "ledger/core/ed25519.h"
#include "ledger/core/mutex.h"
#include "ledger/core/note.h"
#include "ledger/witness/add_checkpoint.h"
#include "ledger/witness/witness_state.h"

namespace lawtrail::witness {

struct Reply {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
};

class Witness {
 public:
  // `logs`: the log keys this witness follows (vkeys; the name is the origin).
  // `clock` gives seconds since the epoch for the cosignatures' time.
  Witness(std::string name, KeyPair key, std::vector<note::Verifier> logs, WitnessState& state,
          std::function<uint64_t()> clock);

  Reply AddCheckpoint(std::string_view body);
  // The same for a body already parsed (the server parses it once, to meter the log first).
  Reply AddCheckpoint(const AddCheckpointRequest& request);
  // The latest checkpoint cosigned for `origin`, with this witness's
  // cosignature (for monitors); 404 if none.
  Reply Latest(std::string_view origin);

  const std::string& name() const { return name_; }
  // True if this witness follows the log named `origin`.
  bool Follows(std::string_view origin) const { return logs_.find(origin) != logs_.end(); }
  // The witness's verifier key (signature type 0x04).
  std::string vkey() const;

  // A verifying witness's own check of a checkpoint, after the protocol's and
  // before it cosigns (set once, before serving): OK; Unavailable while it
  // has not verified the records yet (answered 503, the log retries);
  // Corruption when the records it verified give another root (answered 422,
  // the request kept as evidence). Unset: a plain tlog-witness.
  using Vouch = std::function<Status(const Checkpoint&)>;
  void set_vouch(Vouch vouch) { vouch_ = std::move(vouch); }

 private:
  Vouch vouch_;
  // The consistency checks and the update, under the lock.
  Reply CheckAndCosign(const AddCheckpointRequest& request, const Checkpoint& checkpoint) LAWTRAIL_REQUIRES(mu_);
  Reply Misbehaved(const AddCheckpointRequest& request, const std::string& origin, const std::string& reason)
      LAWTRAIL_REQUIRES(mu_);

  const std::string name_;
  const KeyPair key_;
  std::map<std::string, note::Verifier, std::less<>> logs_;
  const std::function<uint64_t()> clock_;
  Mutex mu_;
  WitnessState& state_ LAWTRAIL_GUARDED_BY(mu_);
};

}  // namespace lawtrail::witness

#endif  // LAWTRAIL_LEDGER_WITNESS_WITNESS_H_
