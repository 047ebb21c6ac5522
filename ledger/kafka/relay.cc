#include "ledger/kafka/relay.h"

#include <set>

#include "ledger/bytes.h"
#include "ledger/store.h"

namespace lawtrail::kafka {
namespace {

constexpr char kCursorKey[] = "records-cursor";
constexpr char kCheckpointKey[] = "checkpoint";
constexpr int kPollMs = 100;
constexpr int kFlushTimeoutMs = 60'000;

}  // namespace

// What the delivery reports said: which records the brokers acknowledged
// (reports may come out of order after retries), and the first failure.
struct Relay::Delivery {
  uint64_t next = 0;         // every index below is acknowledged
  std::set<uint64_t> ahead;  // acknowledged beyond `next`
  bool checkpoint_acked = false;
  Status failure;

  static void OnReport(rd_kafka_t*, const rd_kafka_message_t* m, void* opaque) {
    auto* d = static_cast<Delivery*>(opaque);
    if (m->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      if (d->failure.ok()) d->failure = FromKafka(m->err, "delivering to " + std::string(rd_kafka_topic_name(m->rkt)));
      return;
    }
    const auto tag = reinterpret_cast<uintptr_t>(m->_private);
    if (tag == 0) {
      d->checkpoint_acked = true;
      return;
    }
    const uint64_t index = tag - 1;  // records are tagged index + 1
    if (index < d->next) return;
    d->ahead.insert(index);
    while (!d->ahead.empty() && *d->ahead.begin() == d->next) {
      d->ahead.erase(d->ahead.begin());
      ++d->next;
    }
  }
};

Settings ProducerSettings(const RelayOptions& options) {
  Settings settings = options.extra;
  settings["bootstrap.servers"] = options.bootstraps;
  settings["enable.idempotence"] = "true";
  settings["queue.buffering.max.messages"] = std::to_string(options.max_queued);
  settings["linger.ms"] = "5";
  settings["compression.type"] = "lz4";
  return settings;
}

Relay::Relay(RelayOptions options) : options_(std::move(options)) {}

Result<std::unique_ptr<Relay>> Relay::Open(std::string origin, const std::string& state_dir, RelayOptions options) {
  std::unique_ptr<Relay> r(new Relay(std::move(options)));
  r->origin_ = std::move(origin);
  rocksdb::Options db_options;
  db_options.create_if_missing = true;
  rocksdb::DB* db = nullptr;
  RETURN_IF_ERROR(FromRocks(rocksdb::DB::Open(db_options, state_dir, &db), "opening the relay state at " + state_dir));
  r->state_.reset(db);
  std::string value;
  rocksdb::Status s = db->Get(rocksdb::ReadOptions(), kCursorKey, &value);
  if (s.ok()) {
    if (value.size() != 8) return Status::Corruption("relay cursor at " + state_dir + " is not 8 bytes");
    r->cursor_ = ReadBigEndian64(reinterpret_cast<const uint8_t*>(value.data()));
  } else if (!s.IsNotFound()) {
    return FromRocks(s, "reading the relay cursor");
  }
  s = db->Get(rocksdb::ReadOptions(), kCheckpointKey, &r->last_checkpoint_);
  if (!s.ok() && !s.IsNotFound()) return FromRocks(s, "reading the relay's last checkpoint");

  r->delivery_ = std::make_unique<Delivery>();
  ASSIGN_OR_RETURN(r->producer_, NewClient(
                                     RD_KAFKA_PRODUCER, ProducerSettings(r->options_),
                                     [](rd_kafka_conf_t* conf, void* d) {
                                       rd_kafka_conf_set_dr_msg_cb(conf, &Delivery::OnReport);
                                       rd_kafka_conf_set_opaque(conf, d);
                                     },
                                     r->delivery_.get()));
  LearnTopics(r->producer_.get(), {r->options_.topics.records, r->options_.topics.checkpoints});
  return r;
}

Relay::~Relay() {
  if (producer_ != nullptr) rd_kafka_flush(producer_.get(), kFlushTimeoutMs);
}

Status Relay::SaveCursor() {
  std::string cursor;
  AppendBigEndian64(cursor, cursor_);
  rocksdb::WriteBatch batch;
  batch.Put(kCursorKey, cursor).PermitUncheckedError();
  batch.Put(kCheckpointKey, last_checkpoint_).PermitUncheckedError();
  rocksdb::WriteOptions sync;
  sync.sync = true;
  return FromRocks(state_->Write(sync, &batch), "saving the relay cursor");
}

Result<uint64_t> Relay::Lag(const LogReader& log) const {
  ASSIGN_OR_RETURN(const uint64_t size, log.Size());
  return size > cursor_ ? size - cursor_ : 0;
}

Result<uint64_t> Relay::CatchUp(const LogReader& log) {
  ASSIGN_OR_RETURN(const std::string origin, log.Origin());
  if (origin != origin_) {
    return Status::InvalidArgument("the relay streams the log of '" + origin_ + "', not of '" + origin + "'");
  }
  ASSIGN_OR_RETURN(const uint64_t size, log.Size());
  rd_kafka_t* rk = producer_.get();
  Delivery& d = *delivery_;
  d = Delivery();
  d.next = cursor_;
  const uint64_t from = cursor_;
  Status produced = log.ScanRecords(from, size, [&](uint64_t index, ByteView bytes) -> Status {
    const RecordHeaders headers(index, bytes);
    const Message message =
        headers.For(options_.topics.records, origin_, bytes, reinterpret_cast<void*>(static_cast<uintptr_t>(index + 1)));
    for (;;) {
      if (!d.failure.ok()) return d.failure;
      const rd_kafka_resp_err_t err = Produce(rk, message);
      if (err == RD_KAFKA_RESP_ERR_NO_ERROR) break;
      // A full queue is back-pressure: wait for the brokers, read no further.
      if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL) return FromKafka(err, "producing record " + std::to_string(index));
      rd_kafka_poll(rk, kPollMs);
    }
    rd_kafka_poll(rk, 0);
    return Status::Ok();
  });
  // Whatever was produced is waited for, so the cursor can move past it.
  const rd_kafka_resp_err_t flushed = rd_kafka_flush(rk, kFlushTimeoutMs);
  if (d.next > cursor_) {
    cursor_ = d.next;
    RETURN_IF_ERROR(SaveCursor());
  }
  RETURN_IF_ERROR(produced);
  RETURN_IF_ERROR(d.failure);
  RETURN_IF_ERROR(FromKafka(flushed, "waiting for delivery reports"));
  if (cursor_ < size) return Status::Unavailable("kafka: the brokers acknowledged records up to " +
                                                 std::to_string(cursor_) + " of " + std::to_string(size));

  // The newest checkpoint, once the records it covers are acknowledged.
  ASSIGN_OR_RETURN(const auto note, log.LatestCheckpoint());
  if (note && *note != last_checkpoint_) {
    RETURN_IF_ERROR(FromKafka(Produce(rk, {options_.topics.checkpoints.c_str(), AsBytes(origin_), AsBytes(*note), {}, nullptr}),
                              "producing a checkpoint"));
    RETURN_IF_ERROR(FromKafka(rd_kafka_flush(rk, kFlushTimeoutMs), "waiting for the checkpoint's delivery"));
    RETURN_IF_ERROR(d.failure);
    if (d.checkpoint_acked) {
      last_checkpoint_ = *note;
      RETURN_IF_ERROR(SaveCursor());
    }
  }
  return cursor_ - from;
}

}  // namespace lawtrail::kafka
