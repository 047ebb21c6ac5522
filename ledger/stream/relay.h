// File: ledger/stream/relay.h
// -----------------------------------------------------------------------------
// Streams one log to Kafka (docs/kafka.md): every record, in index order,
// to the records topic, then every checkpoint whose records are acknowledged
// to the checkpoints topic.
// The producer is idempotent (acks=all, no duplicates from its own retries).
// The relay's cursor — the first index the brokers have not acknowledged —
// lives in its own small RocksDB and moves only after delivery reports, so a
// relay killed at any point resumes from the cursor and sends some records
// again, never skips one: delivery is at-least-once, and followers drop
// duplicates by index. Private openings are not records and never leave the
// log; keys and headers carry only the origin, the index, the leaf hash and
// the format version.
#ifndef LAWTRAIL_LEDGER_STREAM_RELAY_H_
#define LAWTRAIL_LEDGER_STREAM_RELAY_H_

#include <memory>
#include <string>

#include <rocksdb/db.h>

#include "ledger/core/status.h"
#include "ledger/log/log_reader.h"
#include "ledger/stream/client.h"
#include "ledger/stream/topics.h"

namespace lawtrail::kafka {

struct RelayOptions {
  std::string bootstraps;
  Topics topics;
  // Records waiting in the producer at most: a broker outage stops reading
  // the log instead of growing memory.
  int max_queued = 100'000;
  Settings extra;  // further librdkafka settings (security, timeouts)
};

// The relay's producer settings: idempotent (acks=all, ordered, no duplicates
// from its own retries), a bounded queue, small LZ4 batches.
Settings ProducerSettings(const RelayOptions& options);

class Relay {
 public:
  // Relays the log of `origin`; `state_dir` holds the relay's cursor
  // (created if missing).
  static Result<std::unique_ptr<Relay>> Open(std::string origin, const std::string& state_dir, RelayOptions options);
  ~Relay();

  // Produces what of `log` the brokers have not acknowledged, waits for
  // every delivery report and commits the cursor. Returns the records
  // delivered. A reader opened read-only sees the log as of its opening:
  // a relay that tails a live log opens a fresh one each time.
  Result<uint64_t> CatchUp(const LogReader& log);
  // The first index not yet acknowledged by the brokers.
  uint64_t cursor() const { return cursor_; }
  // Records in `log` the brokers have not acknowledged yet.
  Result<uint64_t> Lag(const LogReader& log) const;

 private:
  struct Delivery;
  explicit Relay(RelayOptions options);
  Result<uint64_t> LoadCursor(const char* key);
  Status SaveCursor();

  RelayOptions options_;
  std::string origin_;
  std::unique_ptr<rocksdb::DB> state_;
  std::unique_ptr<Delivery> delivery_;
  Handle producer_;
  uint64_t cursor_ = 0;
  uint64_t checkpoint_cursor_ = 0;  // the smallest checkpoint size not yet acknowledged
};

}  // namespace lawtrail::kafka

#endif  // LAWTRAIL_LEDGER_STREAM_RELAY_H_
