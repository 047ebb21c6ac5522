#include "ledger/log/log_verifier.h"

#include <future>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "ledger/core/case_head_map.h"
#include "ledger/core/checkpoint.h"
#include "ledger/core/log_format.h"
#include "ledger/core/record_check.h"
#include "ledger/log/log_reader.h"
#include "ledger/replay/admission.h"
#include "ledger/replay/log_state.h"

namespace lawtrail {
namespace {

constexpr size_t kChunk = 2048;

// What can be checked of one record without knowing the log before it, and
// what the indexes say about it, read on the worker threads.
struct Checked {
  Status status;
  std::optional<OpenedRecord> opened;
  std::optional<std::string> indexed_event;  // event_ids[event id]
  std::optional<std::string> case_entry;     // cases[case id ‖ index]
};

// `bytes` must outlive the result.
Checked CheckAlone(Store& store, uint64_t index, const Bytes& bytes) {
  Checked c;
  auto opened = OpenRecord(bytes, index);
  if (!opened.ok()) {
    c.status = opened.status();
    return c;
  }
  c.opened = std::move(*opened);
  const ParsedStatement& s = c.opened->statement;
  auto indexed = store.Get(Cf::kEventIds, AsChars(s.event_id));
  auto entry = store.Get(Cf::kCases, keys::CaseIndex(s.statement->case_id()->string_view(), index));
  if (!indexed.ok() || !entry.ok()) {
    c.status = indexed.ok() ? entry.status() : indexed.status();
    return c;
  }
  c.indexed_event = std::move(*indexed);
  c.case_entry = std::move(*entry);
  return c;
}

class Verification {
 public:
  Verification(Store& store, const VerifyOptions& options) : store_(store), reader_(store), options_(options) {}

  VerifyReport Run();

 private:
  Status Fail(std::optional<uint64_t> index, Status s) {
    report_.bad_index = index;
    if (index) s = s.WithContext("index " + std::to_string(*index));
    return s;
  }
  Status LoadCheckpoints();
  // A run of consecutive records, and why it ended early if it did.
  struct Chunk {
    uint64_t first = 0;
    std::vector<Bytes> records;
    Status stop;
    std::optional<uint64_t> stop_index;
  };
  Chunk ReadChunk(rocksdb::Iterator& it, uint64_t first);
  std::vector<Checked> CheckChunk(Chunk& c);
  Status CheckRecord(uint64_t index, Checked& c);
  Status CheckTreeNodes();
  Status CheckCheckpointsAt(uint64_t size);
  Status CheckNoNodesBeyond(uint64_t size);
  Status Scan();

  Store& store_;
  LogReader reader_;
  const VerifyOptions& options_;
  VerifyReport report_;
  uint64_t size_ = 0;
  // The state replayed record by record (the replay step the sequencer and
  // replicas share); its case-head map root must be each checkpoint's.
  std::optional<LogState> state_;
  // Every case's head and procedure state, held here in memory.
  std::unordered_map<std::string, CaseHead> cases_;
  std::unordered_map<std::string, domain::CaseProcedureState> states_;  // cases with procedure events
  std::map<uint64_t, Checkpoint> checkpoints_;                          // size → opened checkpoint
  std::optional<Checkpoint> trusted_;
  // Tree nodes recomputed for the current chunk, with the record completing each.
  std::vector<merkle::NodeId> node_ids_;
  std::vector<Hash> node_hashes_;
  std::vector<uint64_t> node_record_;
};

Status Verification::LoadCheckpoints() {
  return reader_.ScanCheckpoints(0, [this](uint64_t size, std::string_view note) -> Status {
    auto cp = OpenCheckpoint(note, options_.log_key);
    if (!cp.ok()) {
      return Status::Corruption("checkpoint at size " + std::to_string(size) + ": " + cp.status().message());
    }
    if (cp->size != size) {
      return Status::Corruption("checkpoint stored under size " + std::to_string(size) + " says size " +
                                std::to_string(cp->size));
    }
    if (size > size_) {
      return Status::Corruption("checkpoint at size " + std::to_string(size) + " is beyond the log's " +
                                std::to_string(size_) + " records: records were removed");
    }
    checkpoints_[size] = std::move(*cp);
    return Status::Ok();
  });
}

Status Verification::CheckCheckpointsAt(uint64_t size) {
  const Hash root = state_->TreeRoot();
  const std::optional<uint64_t> last = size == 0 ? std::nullopt : std::optional<uint64_t>(size - 1);
  if (auto it = checkpoints_.find(size); it != checkpoints_.end()) {
    ++report_.checkpoints;
    if (it->second.root != root) {
      return Fail(last, Status::Corruption("the signed checkpoint at size " + std::to_string(size) +
                                           " has a different root than the records"));
    }
    // A map root that leaves out or misstates a case's head is as much a
    // false statement as a wrong tree root, and as refutable.
    auto signed_heads = it->second.CaseHeadsRoot();
    if (!signed_heads.ok()) return Fail(last, signed_heads.status());
    if (*signed_heads != state_->case_heads().Root()) {
      return Fail(last, Status::Corruption("the signed checkpoint at size " + std::to_string(size) +
                                           " has a different case-head map root than the records give"));
    }
  }
  if (trusted_ && trusted_->size == size && trusted_->root != root) {
    return Fail(last, Status::Corruption("the first " + std::to_string(size) +
                                         " records differ from the trusted checkpoint: the log was rewritten"));
  }
  return Status::Ok();
}

Status Verification::CheckRecord(uint64_t index, Checked& c) {
  if (!c.status.ok()) return Fail(index, c.status);
  const fb::Record& r = *c.opened->record;
  const ParsedStatement& s = c.opened->statement;
  const std::string case_id = s.statement->case_id()->str();
  CaseHead& head = cases_[case_id];
  const CaseAt at{case_id, head, domain::IsCaseEvent(s.statement->payload_type()) ? &states_[case_id] : nullptr};
  if (Status placed = state_->CheckRecorded(r, at); !placed.ok()) return Fail(index, placed);
  auto admitted = state_->Admit(s, r.time_recorded_ms(), at);
  if (!admitted.ok()) return Fail(index, AdmissionRefused(admitted.status()));
  head = state_->Advance(s, r.time_recorded_ms(), c.opened->leaf, at, [&](merkle::NodeId id, const Hash& h) {
    node_ids_.push_back(id);
    node_hashes_.push_back(h);
    node_record_.push_back(index);
  });

  if (c.indexed_event != keys::Index(index)) {
    return Fail(index, Status::Corruption("event id " + EventIdHex(s.event_id) +
                                          " is not indexed to this record (duplicate or lost id)"));
  }
  if (!c.case_entry) {
    return Fail(index, Status::Corruption("missing from the index of case '" + case_id + "'"));
  }
  auto indexed_head = DecodeCaseHead(*c.case_entry);
  if (!indexed_head.ok() || !(*indexed_head == head)) {
    return Fail(index,
                Status::Corruption("the index of case '" + case_id + "' holds a different head than the records"));
  }
  return CheckCheckpointsAt(index + 1);
}

Status Verification::CheckTreeNodes() {
  std::vector<Hash> stored(node_ids_.size());
  Status read = store_.ReadNodes(node_ids_, stored);
  // On a read failure, find the first node concerned, one at a time.
  for (size_t i = 0; i < node_ids_.size(); ++i) {
    if (!read.ok()) {
      Status one = store_.ReadNodes({&node_ids_[i], 1}, {&stored[i], 1});
      if (!one.ok()) return Fail(node_record_[i], one);
    }
    if (stored[i] != node_hashes_[i]) {
      const auto& id = node_ids_[i];
      return Fail(node_record_[i],
                  Status::Corruption("stored tree hash (level " + std::to_string(id.level) + ", index " +
                                     std::to_string(id.index) + ", records " + std::to_string(id.begin()) + "–" +
                                     std::to_string(id.end() - 1) + ") differs from the hash of the records"));
    }
  }
  node_ids_.clear();
  node_hashes_.clear();
  node_record_.clear();
  return Status::Ok();
}

Verification::Chunk Verification::ReadChunk(rocksdb::Iterator& it, uint64_t first) {
  Chunk c;
  c.first = first;
  for (uint64_t index = first; index < size_ && c.records.size() < kChunk; ++index, it.Next()) {
    if (!it.Valid() || it.key() != keys::Index(index)) {
      c.stop_index = index;
      c.stop = !it.status().ok()
                   ? FromRocks(it.status(), "reading records")
                   : Status::Corruption("record is missing (the log says it has " + std::to_string(size_) + ")");
      break;
    }
    c.records.emplace_back(it.value().data(), it.value().data() + it.value().size());
  }
  return c;
}

std::vector<Checked> Verification::CheckChunk(Chunk& c) {
  std::vector<Checked> checked(c.records.size());
  auto check = [&](size_t i) { checked[i] = CheckAlone(store_, c.first + i, c.records[i]); };
  if (options_.pool != nullptr) {
    options_.pool->ParallelFor(c.records.size(), check);
  } else {
    for (size_t i = 0; i < c.records.size(); ++i) check(i);
  }
  return checked;
}

Status Verification::Scan() {
  std::unique_ptr<rocksdb::Iterator> it(store_.db()->NewIterator(rocksdb::ReadOptions(), store_.cf(Cf::kRecords)));
  it->SeekToFirst();
  // While this thread replays chunk k in order, the pool checks chunk k+1.
  auto start = [this](std::shared_ptr<Chunk> c) {
    return std::async(std::launch::async, [this, c] { return CheckChunk(*c); });
  };
  auto current = std::make_shared<Chunk>(ReadChunk(*it, 0));
  auto pending = start(current);
  for (;;) {
    std::vector<Checked> checked = pending.get();
    const uint64_t end = current->first + checked.size();
    std::shared_ptr<Chunk> next;
    if (current->stop.ok() && end < size_) {
      next = std::make_shared<Chunk>(ReadChunk(*it, end));
      pending = start(next);
    }
    Status replayed = Status::Ok();
    for (size_t i = 0; i < checked.size() && replayed.ok(); ++i) {
      replayed = CheckRecord(current->first + i, checked[i]);
    }
    if (replayed.ok()) replayed = CheckTreeNodes();
    if (replayed.ok() && !current->stop.ok()) replayed = Fail(current->stop_index, current->stop);
    if (!replayed.ok()) {
      if (next) pending.wait();  // the pool still works on `next`
      return replayed;
    }
    report_.records = end;
    if (options_.progress) options_.progress(end, size_);
    if (!next) break;
    current = std::move(next);
  }
  if (it->Valid()) {
    const uint64_t extra =
        it->key().size() == 8 ? ReadBigEndian64(reinterpret_cast<const uint8_t*>(it->key().data())) : size_;
    return Fail(extra, Status::Corruption("a record is stored beyond the log's size " + std::to_string(size_)));
  }
  return FromRocks(it->status(), "reading records");
}

Status Verification::CheckNoNodesBeyond(uint64_t size) {
  // Tree keys start with the last leaf a node covers: any key at or past
  // `size` belongs to a node the log's records do not reach.
  std::unique_ptr<rocksdb::Iterator> it(store_.db()->NewIterator(rocksdb::ReadOptions(), store_.cf(Cf::kTree)));
  it->Seek(keys::Index(size));
  if (it->Valid()) return Fail(size, Status::Corruption("a tree hash is stored beyond the log's size"));
  return FromRocks(it->status(), "reading tree hashes");
}

VerifyReport Verification::Run() {
  report_.status = [&]() -> Status {
    LAWTRAIL_ASSIGN_OR_RETURN(std::string origin, reader_.Origin());
    if (origin != options_.log_key.name) {
      return Status::Corruption("the log's origin '" + origin + "' is not the key's name '" + options_.log_key.name +
                                "'");
    }
    state_.emplace(std::move(origin));
    LAWTRAIL_ASSIGN_OR_RETURN(size_, reader_.Size());
    if (options_.trusted_checkpoint) {
      auto cp = OpenCheckpoint(*options_.trusted_checkpoint, options_.log_key);
      if (!cp.ok()) return cp.status().WithContext("trusted checkpoint");
      trusted_ = std::move(*cp);
      if (trusted_->size > size_) {
        return Status::Corruption("the log has " + std::to_string(size_) +
                                  " records but the trusted checkpoint covers " + std::to_string(trusted_->size) +
                                  ": records were removed");
      }
    }
    LAWTRAIL_RETURN_IF_ERROR(LoadCheckpoints());
    LAWTRAIL_RETURN_IF_ERROR(CheckCheckpointsAt(0));
    LAWTRAIL_RETURN_IF_ERROR(Scan());
    LAWTRAIL_RETURN_IF_ERROR(CheckNoNodesBeyond(size_));
    report_.cases = cases_.size();
    report_.state_digest = state_->Digest();
    return Status::Ok();
  }();
  return report_;
}

}  // namespace

VerifyReport VerifyLog(Store& store, const VerifyOptions& options) { return Verification(store, options).Run(); }

}  // namespace lawtrail
