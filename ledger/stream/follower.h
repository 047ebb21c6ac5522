// File: ledger/stream/follower.h
// -----------------------------------------------------------------------------
// Follows a log's topics (ledger/stream/relay.h) into a Replica, trusting
// nothing the brokers hand over: every record and checkpoint goes through
// the replica's checks (ledger/log/replica.h), which drop repeats by index and
// stop at the first gap, conflict or refusal with its evidence.
//
// It consumes in a consumer group (so operators see its lag with Kafka's own
// tools) but positions itself: the next offset of each partition is kept in
// the replica's database, written after the records it covers, and the
// group's committed offsets only mirror it. A partition whose next offset
// has been deleted by retention is a gap, never skipped.
// Not thread-safe: one thread polls.
#ifndef LAWTRAIL_LEDGER_STREAM_FOLLOWER_H_
#define LAWTRAIL_LEDGER_STREAM_FOLLOWER_H_

#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <optional>

#include "ledger/log/replica.h"
#include "ledger/stream/client.h"
#include "ledger/stream/topics.h"

namespace lawtrail::kafka {

struct FollowerOptions {
  std::string bootstraps;
  Topics topics;
  std::string group;         // the consumer group; default "lawtrail-follow.<origin>"
  size_t max_batch = 10000;  // records verified and written together at most
  Settings extra;            // further librdkafka settings (security, timeouts)
};

struct FollowerLag {
  uint64_t mirrored = 0;             // records in the replica
  uint64_t verified_checkpoint = 0;  // the largest checkpoint checked against them
  uint64_t newest_checkpoint = 0;    // the largest checkpoint received (verified signature)
  int64_t messages_behind = -1;      // high watermarks minus positions; -1 before assignment
  uint64_t duplicates = 0;           // repeated records dropped since start
};

class Follower {
 public:
  // `replica` must outlive the follower.
  static Result<std::unique_ptr<Follower>> Open(Replica& replica, FollowerOptions options);
  ~Follower();

  // Waits up to `timeout_ms` for messages, takes what arrives (up to a
  // batch), checks and writes it. Returns the records added. An error other
  // than kUnavailable means the follower stopped: problem() says why.
  Result<uint64_t> Poll(int timeout_ms);
  // When the latest Poll took its first message: where its work began, after
  // any wait for the brokers.
  std::chrono::steady_clock::time_point last_poll_first_message() const { return first_message_at_; }
  // True when every partition assigned has been read to its end.
  bool caught_up() const;
  FollowerLag Lag() const;
  // The replica's problem, or a gap found by the follower itself (offsets
  // that retention removed).
  const std::optional<ReplicaProblem>& problem() const;
  // Where the problem's item came from (topic, partition, offset).
  const std::string& problem_source() const { return problem_source_; }

 private:
  struct Partition {
    int64_t next = RD_KAFKA_OFFSET_BEGINNING;  // the next offset to take
    bool at_end = false;
  };
  struct PendingCheckpoint {
    int64_t offset;
    uint64_t size;
  };
  explicit Follower(Replica& replica, FollowerOptions options);
  static void OnRebalance(rd_kafka_t* rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* parts,
                          void* opaque);
  void Assign(rd_kafka_topic_partition_list_t* parts);
  static std::string OffsetKey(std::string_view topic, int32_t partition);
  struct Consumed;
  Consumed Consume(int timeout_ms);
  Status SaveOffsets();
  Status Fail(ReplicaProblem problem, std::string source);

  Replica& replica_;
  FollowerOptions options_;
  Handle consumer_;
  std::map<std::pair<std::string, int32_t>, Partition> partitions_;  // assigned
  std::deque<PendingCheckpoint> pending_checkpoints_;                // by offset, in the checkpoints topic
  std::optional<ReplicaProblem> own_problem_;
  std::string problem_source_;
  uint64_t newest_checkpoint_ = 0;
  uint64_t duplicates_ = 0;
  std::chrono::steady_clock::time_point first_message_at_{};
  bool assigned_ = false;
};

}  // namespace lawtrail::kafka

#endif  // LAWTRAIL_LEDGER_STREAM_FOLLOWER_H_
