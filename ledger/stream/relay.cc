#include "ledger/stream/relay.h"

#include <set>

#include "ledger/core/bytes.h"
#include "ledger/log/store.h"

namespace lawtrail::kafka {
namespace {

constexpr char kCursorKey[] = "records-cursor";
constexpr char kCheckpointCursorKey[] = "checkpoints-cursor";
constexpr int kPollMs = 100;
constexpr int kFlushTimeoutMs = 60'000;

}  // namespace

// What the delivery reports said: which records the brokers acknowledged
// (reports may come out of order after retries), and the first failure.
struct Relay::Delivery {
  uint64_t next = 0;         // every index below is acknowledged
  std::set<uint64_t> ahead;  // acknowledged beyond `next`
  uint64_t checkpoints_acked = 0;
  Status failure;

  static void OnReport(rd_kafka_t*, const rd_kafka_message_t* m, void* opaque) {
    auto* d = static_cast<Delivery*>(opaque);
    if (m->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      if (d->failure.ok()) d->failure = FromKafka(m->err, "delivering to " + std::string(rd_kafka_topic_name(m->rkt)));
      return;
    }
    const auto tag = reinterpret_cast<uintptr_t>(m->_private);
    if (tag == 0) {
      ++d->checkpoints_acked;
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
  LAWTRAIL_RETURN_IF_ERROR(
      FromRocks(rocksdb::DB::Open(db_options, state_dir, &db), "opening the relay state at " + state_dir));
  r->state_.reset(db);
  LAWTRAIL_ASSIGN_OR_RETURN(r->cursor_, r->LoadCursor(kCursorKey));
  LAWTRAIL_ASSIGN_OR_RETURN(r->checkpoint_cursor_, r->LoadCursor(kCheckpointCursorKey));

  r->delivery_ = std::make_unique<Delivery>();
  LAWTRAIL_ASSIGN_OR_RETURN(r->producer_, NewClient(
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

Result<uint64_t> Relay::LoadCursor(const char* key) {
  std::string value;
  rocksdb::Status s = state_->Get(rocksdb::ReadOptions(), key, &value);
  if (s.IsNotFound()) return uint64_t{0};
  LAWTRAIL_RETURN_IF_ERROR(FromRocks(s, std::string("reading the relay's ") + key));
  if (value.size() != 8) return Status::Corruption(std::string("the relay's ") + key + " is not 8 bytes");
  return ReadBigEndian64(reinterpret_cast<const uint8_t*>(value.data()));
}

Status Relay::SaveCursor() {
  std::string cursor, checkpoint_cursor;
  AppendBigEndian64(cursor, cursor_);
  AppendBigEndian64(checkpoint_cursor, checkpoint_cursor_);
  rocksdb::WriteBatch batch;
  batch.Put(kCursorKey, cursor).PermitUncheckedError();
  batch.Put(kCheckpointCursorKey, checkpoint_cursor).PermitUncheckedError();
  rocksdb::WriteOptions sync;
  sync.sync = true;
  return FromRocks(state_->Write(sync, &batch), "saving the relay cursor");
}

Result<uint64_t> Relay::Lag(const LogReader& log) const {
  LAWTRAIL_ASSIGN_OR_RETURN(const uint64_t size, log.Size());
  return size > cursor_ ? size - cursor_ : 0;
}

Result<uint64_t> Relay::CatchUp(const LogReader& log) {
  LAWTRAIL_ASSIGN_OR_RETURN(const std::string origin, log.Origin());
  if (origin != origin_) {
    return Status::InvalidArgument("the relay streams the log of '" + origin_ + "', not of '" + origin + "'");
  }
  LAWTRAIL_ASSIGN_OR_RETURN(const uint64_t size, log.Size());
  rd_kafka_t* rk = producer_.get();
  Delivery& d = *delivery_;
  d = Delivery();
  d.next = cursor_;
  const uint64_t from = cursor_;
  Status produced = log.ScanRecords(from, size, [&](uint64_t index, ByteView bytes) -> Status {
    const RecordHeaders headers(index, bytes);
    const Message message = headers.For(options_.topics.records, origin_, bytes,
                                        reinterpret_cast<void*>(static_cast<uintptr_t>(index + 1)));
    // A full queue is back-pressure: wait for the brokers, read no further.
    const rd_kafka_resp_err_t err = ProduceWhenRoom(rk, message, kPollMs, [&d] { return d.failure.ok(); });
    if (!d.failure.ok()) return d.failure;
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) return FromKafka(err, "producing record " + std::to_string(index));
    rd_kafka_poll(rk, 0);
    return Status::Ok();
  });
  // Whatever was produced is waited for, so the cursor can move past it.
  const rd_kafka_resp_err_t flushed = rd_kafka_flush(rk, kFlushTimeoutMs);
  if (d.next > cursor_) {
    cursor_ = d.next;
    LAWTRAIL_RETURN_IF_ERROR(SaveCursor());
  }
  LAWTRAIL_RETURN_IF_ERROR(produced);
  LAWTRAIL_RETURN_IF_ERROR(d.failure);
  LAWTRAIL_RETURN_IF_ERROR(FromKafka(flushed, "waiting for delivery reports"));
  if (cursor_ < size)
    return Status::Unavailable("kafka: the brokers acknowledged records up to " + std::to_string(cursor_) + " of " +
                               std::to_string(size));

  // Every checkpoint not yet relayed, now that the records it covers are
  // acknowledged: a follower checks each against the tree it rebuilds.
  uint64_t produced_checkpoints = 0, last_size = 0;
  const auto produce = [&](uint64_t cp_size, std::string_view note) -> Status {
    if (cp_size > cursor_) return Status::Ok();
    const rd_kafka_resp_err_t err = ProduceWhenRoom(
        rk, {options_.topics.checkpoints.c_str(), AsBytes(origin_), AsBytes(note), {}, nullptr}, kPollMs);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) return FromKafka(err, "producing a checkpoint");
    ++produced_checkpoints;
    last_size = cp_size;
    return Status::Ok();
  };
  // When witnesses gate publication, only the published checkpoint goes out,
  // with its cosignatures: followers holding a policy check them.
  LAWTRAIL_ASSIGN_OR_RETURN(const auto published, log.PublishedSize());
  if (published) {
    if (*published >= checkpoint_cursor_) {
      LAWTRAIL_ASSIGN_OR_RETURN(auto note, log.CosignedAt(*published));
      if (note) LAWTRAIL_RETURN_IF_ERROR(produce(*published, *note));
    }
  } else {
    LAWTRAIL_RETURN_IF_ERROR(log.ScanCheckpoints(checkpoint_cursor_, produce));
  }
  if (produced_checkpoints > 0) {
    LAWTRAIL_RETURN_IF_ERROR(FromKafka(rd_kafka_flush(rk, kFlushTimeoutMs), "waiting for the checkpoints' delivery"));
    LAWTRAIL_RETURN_IF_ERROR(d.failure);
    if (d.checkpoints_acked == produced_checkpoints) {
      checkpoint_cursor_ = last_size + 1;
      LAWTRAIL_RETURN_IF_ERROR(SaveCursor());
    }
  }
  return cursor_ - from;
}

}  // namespace lawtrail::kafka
