#include "ledger/stream/follower.h"

#include <algorithm>

#include "ledger/log/store.h"

namespace lawtrail::kafka {
namespace {

struct MessageDeleter {
  void operator()(rd_kafka_message_t* m) const { rd_kafka_message_destroy(m); }
};
using MessagePtr = std::unique_ptr<rd_kafka_message_t, MessageDeleter>;

struct PartitionListDeleter {
  void operator()(rd_kafka_topic_partition_list_t* l) const { rd_kafka_topic_partition_list_destroy(l); }
};
using PartitionList = std::unique_ptr<rd_kafka_topic_partition_list_t, PartitionListDeleter>;

std::string_view KeyOf(const rd_kafka_message_t& m) { return {static_cast<const char*>(m.key), m.key_len}; }

// Where a message came from, for evidence.
std::string Source(std::string_view topic, int32_t partition, int64_t offset) {
  return "topic " + std::string(topic) + ", partition " + std::to_string(partition) + ", offset " +
         std::to_string(offset);
}

}  // namespace

Follower::Follower(Replica& replica, FollowerOptions options) : replica_(replica), options_(std::move(options)) {
  if (options_.group.empty()) options_.group = "lawtrail-follow." + replica_.origin();
}

Follower::~Follower() {
  if (consumer_ != nullptr) rd_kafka_consumer_close(consumer_.get());
}

Result<std::unique_ptr<Follower>> Follower::Open(Replica& replica, FollowerOptions options) {
  std::unique_ptr<Follower> f(new Follower(replica, std::move(options)));
  Settings settings = f->options_.extra;
  settings["bootstrap.servers"] = f->options_.bootstraps;
  settings["group.id"] = f->options_.group;
  // The replica, not the group, is the record of what was taken.
  settings["enable.auto.commit"] = "false";
  settings["enable.auto.offset.store"] = "false";
  // An offset retention removed is a gap to report, never a jump to skip.
  settings["auto.offset.reset"] = "error";
  settings["enable.partition.eof"] = "true";
  // A restarted follower takes its partitions back once the group gives up
  // on its previous run: 10 s rather than librdkafka's 45 (the mock cluster
  // in particular keeps a closed member until then).
  settings.try_emplace("session.timeout.ms", "10000");
  LAWTRAIL_ASSIGN_OR_RETURN(f->consumer_, NewClient(
                                              RD_KAFKA_CONSUMER, settings,
                                              [](rd_kafka_conf_t* conf, void* self) {
                                                rd_kafka_conf_set_rebalance_cb(conf, &Follower::OnRebalance);
                                                rd_kafka_conf_set_opaque(conf, self);
                                              },
                                              f.get()));
  rd_kafka_t* rk = f->consumer_.get();
  LAWTRAIL_RETURN_IF_ERROR(FromKafka(rd_kafka_poll_set_consumer(rk), "routing events to the consumer"));
  PartitionList topics(rd_kafka_topic_partition_list_new(2));
  rd_kafka_topic_partition_list_add(topics.get(), f->options_.topics.records.c_str(), RD_KAFKA_PARTITION_UA);
  rd_kafka_topic_partition_list_add(topics.get(), f->options_.topics.checkpoints.c_str(), RD_KAFKA_PARTITION_UA);
  LAWTRAIL_RETURN_IF_ERROR(FromKafka(rd_kafka_subscribe(rk, topics.get()), "subscribing to the log's topics"));
  return f;
}

std::string Follower::OffsetKey(std::string_view topic, int32_t partition) {
  return "kafka-offset/" + std::string(topic) + "/" + std::to_string(partition);
}

void Follower::OnRebalance(rd_kafka_t* rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* parts,
                           void* opaque) {
  auto* self = static_cast<Follower*>(opaque);
  if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
    self->Assign(parts);
  } else {
    self->partitions_.clear();
    self->assigned_ = false;
    rd_kafka_assign(rk, nullptr);
  }
}

void Follower::Assign(rd_kafka_topic_partition_list_t* parts) {
  partitions_.clear();
  for (int i = 0; i < parts->cnt; ++i) {
    rd_kafka_topic_partition_t& p = parts->elems[i];
    Partition state;
    // Start where the replica's own record says; the group's offsets are
    // only a copy for monitoring.
    auto stored = replica_.store().Get(Cf::kMeta, OffsetKey(p.topic, p.partition));
    if (stored.ok() && *stored && (*stored)->size() == 8) {
      state.next = static_cast<int64_t>(ReadBigEndian64(reinterpret_cast<const uint8_t*>((*stored)->data())));
    }
    p.offset = state.next;
    partitions_[{p.topic, p.partition}] = state;
  }
  assigned_ = true;
  rd_kafka_assign(consumer_.get(), parts);
}

Status Follower::Fail(ReplicaProblem problem, std::string source) {
  own_problem_ = std::move(problem);
  problem_source_ = std::move(source);
  return own_problem_->reason;
}

const std::optional<ReplicaProblem>& Follower::problem() const {
  return replica_.problem() ? replica_.problem() : own_problem_;
}

Status Follower::SaveOffsets() {
  rocksdb::WriteBatch wb;
  PartitionList commit(rd_kafka_topic_partition_list_new(static_cast<int>(partitions_.size())));
  for (const auto& [where, p] : partitions_) {
    if (p.next < 0) continue;  // nothing taken yet
    int64_t next = p.next;
    // A checkpoint still waiting for its records is taken again after a restart.
    if (where.first == options_.topics.checkpoints && !pending_checkpoints_.empty()) {
      next = std::min(next, pending_checkpoints_.front().offset);
    }
    std::string value;
    AppendBigEndian64(value, static_cast<uint64_t>(next));
    wb.Put(replica_.store().cf(Cf::kMeta), OffsetKey(where.first, where.second), value);
    rd_kafka_topic_partition_list_add(commit.get(), where.first.c_str(), where.second)->offset = next;
  }
  if (wb.Count() == 0) return Status::Ok();
  // Not synced: offsets lost in a crash only make the follower read again
  // records it holds, which it drops as repeats; the records themselves were
  // written durably before.
  LAWTRAIL_RETURN_IF_ERROR(replica_.store().WriteLazily(wb));
  rd_kafka_commit(consumer_.get(), commit.get(), /*async=*/1);
  return Status::Ok();
}

// What one poll took from the brokers, and where each record and checkpoint
// came from (for evidence).
struct Follower::Consumed {
  struct Taken {
    int32_t partition;
    int64_t offset;
  };
  struct Note {
    int32_t partition;
    int64_t offset;
    std::string text;
  };
  std::vector<Bytes> records;
  std::vector<Taken> taken;
  std::vector<Note> notes;
  std::optional<Status> gap;  // the brokers no longer hold what comes next
  std::string gap_source;
  Status bad_topic = Status::Ok();
};

Follower::Consumed Follower::Consume(int timeout_ms) {
  Consumed c;
  int wait = timeout_ms;
  while (c.records.size() < options_.max_batch && !c.gap && c.bad_topic.ok()) {
    MessagePtr m(rd_kafka_consumer_poll(consumer_.get(), wait));
    if (!m) break;
    if (wait != 0) first_message_at_ = std::chrono::steady_clock::now();
    wait = 0;
    const std::string topic = m->rkt != nullptr ? rd_kafka_topic_name(m->rkt) : "";
    if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
      if (auto it = partitions_.find({topic, m->partition}); it != partitions_.end()) it->second.at_end = true;
      continue;
    }
    if (m->err == RD_KAFKA_RESP_ERR__AUTO_OFFSET_RESET || m->err == RD_KAFKA_RESP_ERR_OFFSET_OUT_OF_RANGE) {
      const auto it = partitions_.find({topic, m->partition});
      const int64_t wanted = it == partitions_.end() ? m->offset : it->second.next;
      c.gap = Status::FailedPrecondition("the brokers no longer hold offset " + std::to_string(wanted) + " of " +
                                         topic + " partition " + std::to_string(m->partition) +
                                         " (retention removed it): records from index " +
                                         std::to_string(replica_.size()) + " on are missing from the stream");
      c.gap_source = Source(topic, m->partition, wanted);
      break;
    }
    if (m->err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART || m->err == RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC ||
        m->err == RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED) {
      // Not a passing fault: a wrong --topic-prefix, topics never created, or no read access.
      c.bad_topic = FromKafka(m->err, "reading " + (topic.empty() ? std::string("the log's topics") : topic) + " (" +
                                          rd_kafka_message_errstr(m.get()) + ")");
      break;
    }
    if (m->err != RD_KAFKA_RESP_ERR_NO_ERROR) continue;  // brokers down and the like: librdkafka retries
    auto it = partitions_.find({topic, m->partition});
    if (it != partitions_.end()) {
      it->second.at_end = false;
      it->second.next = m->offset + 1;
    }
    if (KeyOf(*m) != replica_.origin()) continue;  // another log sharing the topic
    const auto* payload = static_cast<const uint8_t*>(m->payload);
    if (topic == options_.topics.records) {
      c.records.emplace_back(payload, payload + m->len);
      c.taken.push_back({m->partition, m->offset});
    } else if (topic == options_.topics.checkpoints) {
      c.notes.push_back({m->partition, m->offset, std::string(reinterpret_cast<const char*>(payload), m->len)});
    }
  }

  return c;
}

Result<uint64_t> Follower::Poll(int timeout_ms) {
  if (problem()) {
    return Status::FailedPrecondition("the follower stopped at a problem: " + problem()->reason.message());
  }
  Consumed c = Consume(timeout_ms);
  const uint64_t before = replica_.size();
  const size_t received = c.records.size();
  // Checkpoints ahead of the mirror go first, so that each is checked when the
  // records reach its size; the rest follow the records, as they arrived.
  std::vector<std::optional<uint64_t>> ahead;
  for (const Consumed::Note& note : c.notes) ahead.push_back(replica_.AddCheckpointAhead(note.text));
  auto added = replica_.AddRecords(std::move(c.records));
  if (!added.ok()) {
    const auto& problem = replica_.problem();
    if (problem && problem->position) {
      const Consumed::Taken& t = c.taken[*problem->position];
      problem_source_ = Source(options_.topics.records, t.partition, t.offset);
    } else if (problem && problem->kind == ReplicaProblem::Kind::kRefusedCheckpoint) {
      for (size_t i = 0; i < c.notes.size(); ++i) {
        if (ahead[i] == problem->index) {
          problem_source_ = Source(options_.topics.checkpoints, c.notes[i].partition, c.notes[i].offset);
        }
      }
    }
    return added.status();
  }
  duplicates_ += received - *added;
  for (size_t i = 0; i < c.notes.size(); ++i) {
    const Consumed::Note& note = c.notes[i];
    auto size = ahead[i] ? Result<uint64_t>(*ahead[i]) : replica_.AddCheckpoint(note.text);
    if (!size.ok()) {
      if (replica_.problem()) problem_source_ = Source(options_.topics.checkpoints, note.partition, note.offset);
      return size.status();
    }
    newest_checkpoint_ = std::max(newest_checkpoint_, *size);
    if (*size > replica_.size()) pending_checkpoints_.push_back({note.offset, *size});
  }
  while (!pending_checkpoints_.empty() && pending_checkpoints_.front().size <= replica_.size()) {
    pending_checkpoints_.pop_front();
  }
  LAWTRAIL_RETURN_IF_ERROR(SaveOffsets());
  LAWTRAIL_RETURN_IF_ERROR(c.bad_topic);
  if (c.gap) {
    return Fail(ReplicaProblem::Of(ReplicaProblem::Kind::kGap, *c.gap, replica_.size(), ""), c.gap_source);
  }
  return replica_.size() - before;
}

bool Follower::caught_up() const {
  if (!assigned_ || partitions_.empty()) return false;
  return std::all_of(partitions_.begin(), partitions_.end(), [](const auto& p) { return p.second.at_end; });
}

FollowerLag Follower::Lag() const {
  FollowerLag lag;
  lag.mirrored = replica_.size();
  lag.verified_checkpoint = replica_.verified_checkpoint_size();
  lag.newest_checkpoint = newest_checkpoint_;
  lag.duplicates = duplicates_;
  if (!assigned_) return lag;
  lag.messages_behind = 0;
  for (const auto& [where, p] : partitions_) {
    int64_t low = 0, high = 0;
    if (rd_kafka_get_watermark_offsets(consumer_.get(), where.first.c_str(), where.second, &low, &high) !=
        RD_KAFKA_RESP_ERR_NO_ERROR) {
      continue;
    }
    const int64_t position = p.next < 0 ? low : p.next;
    lag.messages_behind += std::max<int64_t>(0, high - position);
  }
  return lag;
}

}  // namespace lawtrail::kafka
