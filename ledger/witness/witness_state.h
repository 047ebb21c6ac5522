// File: ledger/witness/witness_state.h
// -----------------------------------------------------------------------------
// What a witness remembers, in its own RocksDB (WDIR/state): per log origin,
// the latest checkpoint it cosigned (size, root, the note), and the requests
// that prove a log misbehaved. Every write is synced before it returns: a
// cosignature is never handed out for a state that a crash could forget.
// Not thread-safe: the Witness serialises access.
#ifndef LAWTRAIL_LEDGER_WITNESS_WITNESS_STATE_H_
#define LAWTRAIL_LEDGER_WITNESS_WITNESS_STATE_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ledger/core/bytes.h"
#include "ledger/core/status.h"

namespace rocksdb {
class DB;
}

namespace lawtrail::witness {

struct Cosigned {
  uint64_t size = 0;
  Hash root{};
  std::string checkpoint;  // the note as the log signed it
  // When this witness cosigned it (0: a state written before this was kept).
  // The same checkpoint submitted again gets the same cosignature back, so a
  // log cannot collect many signatures for one size (a draw's seed is one).
  uint64_t cosigned_at = 0;
};

struct Evidence {
  std::string origin;
  std::string reason;
  std::string request;  // the whole add-checkpoint body, its log signature valid
};

class WitnessState {
 public:
  static Result<std::unique_ptr<WitnessState>> Open(const std::string& dir);
  ~WitnessState();

  Result<std::optional<Cosigned>> Latest(const std::string& origin);
  Status SetLatest(const std::string& origin, const Cosigned& latest);
  Status AddEvidence(const Evidence& evidence);
  Result<std::vector<Evidence>> AllEvidence();

 private:
  explicit WitnessState(std::unique_ptr<rocksdb::DB> db);
  std::unique_ptr<rocksdb::DB> db_;
  uint64_t evidence_seq_ = 0;
};

}  // namespace lawtrail::witness

#endif  // LAWTRAIL_LEDGER_WITNESS_WITNESS_STATE_H_
