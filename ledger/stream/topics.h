// File: ledger/stream/topics.h
// -----------------------------------------------------------------------------
// The topics a log is streamed to (docs/kafka.md):
//   <prefix>.records      key = origin, value = the record's exact bytes,
//                         headers "index" (8 bytes, big-endian), "leaf-hash"
//                         (32 bytes), "format" (the record format version)
//   <prefix>.checkpoints  key = origin, value = the signed checkpoint note
// One partition each keeps one log's messages in order; many logs share the
// topics, partitioned by origin. Records are kept forever (retention.ms=-1):
// a follower must be able to start from the first record.
#ifndef LAWTRAIL_LEDGER_STREAM_TOPICS_H_
#define LAWTRAIL_LEDGER_STREAM_TOPICS_H_

#include <string>
#include <string_view>

#include "ledger/core/bytes.h"
#include "ledger/core/status.h"
#include "ledger/stream/client.h"

namespace lawtrail::kafka {

struct Topics {
  std::string records, checkpoints;
  static Topics WithPrefix(const std::string& prefix) { return {prefix + ".records", prefix + ".checkpoints"}; }
};

struct TopicLayout {
  int partitions = 1;
  int replication_factor = 3;
};

// The headers of one record's message, holding their bytes.
struct RecordHeaders {
  RecordHeaders(uint64_t index, ByteView record);
  // The message of `record` for the records topic `topic`.
  Message For(const std::string& topic, std::string_view origin, ByteView record, void* opaque) const;

  std::string index;   // 8 bytes, big-endian
  Hash leaf_hash;      // SHA-256(0x00 ‖ record)
  std::string format;  // the record format version, 2 bytes, big-endian
};

// Creates both topics (infinite retention) if they do not exist yet. Topics
// are created explicitly: auto-created ones get the broker's defaults, which
// for retention means losing records.
Status CreateTopics(const std::string& bootstraps, const Topics& topics, TopicLayout layout);

}  // namespace lawtrail::kafka

#endif  // LAWTRAIL_LEDGER_STREAM_TOPICS_H_
