#include "ledger/stream/topics.h"

#include <memory>
#include <vector>

#include "ledger/core/log_format.h"
#include "ledger/core/merkle.h"
#include "ledger/stream/client.h"

namespace lawtrail::kafka {
namespace {

struct NewTopicDeleter {
  void operator()(rd_kafka_NewTopic_t* t) const { rd_kafka_NewTopic_destroy(t); }
};
struct QueueDeleter {
  void operator()(rd_kafka_queue_t* q) const { rd_kafka_queue_destroy(q); }
};
struct EventDeleter {
  void operator()(rd_kafka_event_t* e) const { rd_kafka_event_destroy(e); }
};

}  // namespace

RecordHeaders::RecordHeaders(uint64_t i, ByteView record)
    : leaf_hash(merkle::LeafHash(record)),
      format{static_cast<char>(kRecordFormatVersion >> 8), static_cast<char>(kRecordFormatVersion & 0xff)} {
  AppendBigEndian64(index, i);
}

Message RecordHeaders::For(const std::string& topic, std::string_view origin, ByteView record, void* opaque) const {
  return {topic.c_str(),
          AsBytes(origin),
          record,
          {{"index", AsBytes(index)}, {"leaf-hash", ByteView(leaf_hash)}, {"format", AsBytes(format)}},
          opaque};
}

Status CreateTopics(const std::string& bootstraps, const Topics& topics, TopicLayout layout) {
  LAWTRAIL_ASSIGN_OR_RETURN(Handle admin, NewClient(RD_KAFKA_PRODUCER, {{"bootstrap.servers", bootstraps}}));
  std::vector<std::unique_ptr<rd_kafka_NewTopic_t, NewTopicDeleter>> owned;
  for (const std::string* name : {&topics.records, &topics.checkpoints}) {
    char err[512];
    rd_kafka_NewTopic_t* t =
        rd_kafka_NewTopic_new(name->c_str(), layout.partitions, layout.replication_factor, err, sizeof err);
    if (t == nullptr) return Status::InvalidArgument("kafka: topic '" + *name + "': " + err);
    owned.emplace_back(t);
    LAWTRAIL_RETURN_IF_ERROR(FromKafka(rd_kafka_NewTopic_set_config(t, "retention.ms", "-1"), "configuring " + *name));
    LAWTRAIL_RETURN_IF_ERROR(
        FromKafka(rd_kafka_NewTopic_set_config(t, "retention.bytes", "-1"), "configuring " + *name));
  }
  std::vector<rd_kafka_NewTopic_t*> raw;
  for (auto& t : owned) raw.push_back(t.get());
  std::unique_ptr<rd_kafka_queue_t, QueueDeleter> queue(rd_kafka_queue_new(admin.get()));
  rd_kafka_CreateTopics(admin.get(), raw.data(), raw.size(), nullptr, queue.get());
  std::unique_ptr<rd_kafka_event_t, EventDeleter> event(rd_kafka_queue_poll(queue.get(), 30'000));
  if (event == nullptr) return Status::Unavailable("kafka: creating topics at " + bootstraps + ": no answer in 30 s");
  if (rd_kafka_event_error(event.get()) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return FromKafka(rd_kafka_event_error(event.get()),
                     std::string("creating topics: ") + rd_kafka_event_error_string(event.get()));
  }
  const rd_kafka_CreateTopics_result_t* result = rd_kafka_event_CreateTopics_result(event.get());
  size_t n = 0;
  const rd_kafka_topic_result_t** each = rd_kafka_CreateTopics_result_topics(result, &n);
  for (size_t i = 0; i < n; ++i) {
    const rd_kafka_resp_err_t e = rd_kafka_topic_result_error(each[i]);
    if (e == RD_KAFKA_RESP_ERR_NO_ERROR || e == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) continue;
    const char* why = rd_kafka_topic_result_error_string(each[i]);
    return FromKafka(
        e, std::string("creating topic ") + rd_kafka_topic_result_name(each[i]) + (why ? ": " : "") + (why ? why : ""));
  }
  return Status::Ok();
}

}  // namespace lawtrail::kafka
