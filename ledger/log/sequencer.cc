#include "ledger/log/sequencer.h"

#include <algorithm>

#include <sodium.h>

#include "ledger/core/fb_string.h"
#include "ledger/core/log_format.h"
#include "ledger/core/record_check.h"
#include "ledger/domain/private_text.h"
#include "ledger/domain/sealed_fields.h"
#include "ledger/log/private_data.h"

namespace lawtrail {

// What this batch has changed but not yet written: later statements of the
// same batch must see it.
struct Sequencer::BatchState {
  struct Seen {
    uint64_t index;
    const Bytes* signed_bytes;
  };
  std::unordered_map<std::string, Seen> events;  // event id bytes → where
  std::unordered_map<std::string, CaseHead> cases;
  std::unordered_map<std::string, domain::CaseProcedureState> states;
  int64_t time_ms = 0;
  bool purge = false;  // an erasure deleted openings: purge them from disk
  // Openings admitted in this batch, not yet readable from the store:
  // commitment bytes → (field, value, masked).
  std::unordered_map<std::string, std::array<std::string, 3>> openings;

  BatchState() = default;
  BatchState(const BatchState&) = delete;
  BatchState& operator=(const BatchState&) = delete;
  ~BatchState() {
    for (auto& [commitment, opening] : openings) sodium_memzero(opening[1].data(), opening[1].size());
  }
  // Index entries (key, value) put in key order at commit: RocksDB's
  // skiplist then inserts each next to the one before instead of searching
  // from the top, which for keys spread over every case is most of a write.
  std::vector<std::pair<std::string, std::string>> case_index;
  std::vector<std::pair<std::string, std::string>> event_index;
};

namespace {

std::string IdKey(const EventId& id) { return std::string(AsChars(id)); }

void PutInKeyOrder(rocksdb::WriteBatch& wb, rocksdb::ColumnFamilyHandle* cf,
                   std::vector<std::pair<std::string, std::string>>& entries) {
  std::sort(entries.begin(), entries.end());
  for (const auto& [key, value] : entries) wb.Put(cf, key, value);
}

}  // namespace

Sequencer::Sequencer(Store& store, std::optional<note::Signer> signer, const SealedVault* vault,
                     CheckpointPolicy policy, Clock clock)
    : store_(store),
      reader_(store),
      signer_(std::move(signer)),
      vault_(vault),
      policy_(policy),
      clock_(std::move(clock)) {}

Result<std::unique_ptr<Sequencer>> Sequencer::Load(Store& store, note::Signer log_signer, const SealedVault& vault,
                                                   CheckpointPolicy policy, Clock clock) {
  std::unique_ptr<Sequencer> s(new Sequencer(store, std::move(log_signer), &vault, policy, std::move(clock)));
  LAWTRAIL_RETURN_IF_ERROR(s->LoadState());
  if (s->state_->origin() != s->signer_->name) {
    return Status::InvalidArgument("log key is named '" + s->signer_->name + "' but the log is '" +
                                   s->state_->origin() + "'");
  }
  return s;
}

Result<std::unique_ptr<Sequencer>> Sequencer::LoadReplica(Store& store) {
  std::unique_ptr<Sequencer> s(new Sequencer(store, std::nullopt, nullptr, {}, [] { return int64_t{0}; }));
  LAWTRAIL_RETURN_IF_ERROR(s->LoadState());
  return s;
}

Status Sequencer::LoadState() {
  LAWTRAIL_ASSIGN_OR_RETURN(std::string origin, reader_.Origin());
  LAWTRAIL_ASSIGN_OR_RETURN(uint64_t size, reader_.Size());
  LAWTRAIL_ASSIGN_OR_RETURN(merkle::CompactRange tree, merkle::CompactRange::Load(size, store_.NodeReader()));
  Registry registry;
  LAWTRAIL_RETURN_IF_ERROR(
      reader_.ForEachCaseRecord(kRegistryCaseId, [&registry](uint64_t index, const Bytes& bytes) -> Status {
        LAWTRAIL_ASSIGN_OR_RETURN(const ParsedStatement parsed, StatementOfRecord(bytes, index));
        registry.Apply(*parsed.statement, index);
        return Status::Ok();
      }));
  CaseHeadMap case_heads;
  LAWTRAIL_RETURN_IF_ERROR(
      reader_.ForEachCaseHead([&case_heads](std::string_view case_id, uint64_t index, const CaseHead& head) {
        const Hash key = case_map::KeyOf(case_id);
        case_heads.Set(key, case_map::LeafOf(key, index, head.leaf_hash, head.version));
        return Status::Ok();
      }));
  int64_t last_time_ms = 0;
  if (size > 0) {
    LAWTRAIL_ASSIGN_OR_RETURN(Bytes last, reader_.RecordBytes(size - 1));
    LAWTRAIL_ASSIGN_OR_RETURN(RecordView rv, ParseRecord(last));
    last_time_ms = rv.record->time_recorded_ms();
  }
  state_.emplace(std::move(origin), std::move(tree), std::move(registry), std::move(case_heads), last_time_ms);
  LAWTRAIL_RETURN_IF_ERROR(LoadDraws());
  LAWTRAIL_ASSIGN_OR_RETURN(auto latest, reader_.LatestCheckpoint());
  if (latest) {
    LAWTRAIL_ASSIGN_OR_RETURN(Checkpoint cp, ParseCheckpointNoteUnverified(*latest));
    checkpoint_size_ = cp.size;
    latest_checkpoint_ = *latest;
  }
  checkpoint_time_ms_ = clock_();
  return Status::Ok();
}

Status Sequencer::LoadDraws() {
  DrawBook& draws = state_->draws();
  LAWTRAIL_RETURN_IF_ERROR(reader_.ForEachCaseRecord(kDrawsCaseId, [&](uint64_t index, const Bytes& bytes) -> Status {
    LAWTRAIL_ASSIGN_OR_RETURN(const ParsedStatement parsed, StatementOfRecord(bytes, index));
    draws.Apply(*parsed.statement, state_->registry(), index);
    return Status::Ok();
  }));
  for (uint64_t size : draws.SizesWithoutRoot()) {
    if (size > state_->size()) continue;
    LAWTRAIL_ASSIGN_OR_RETURN(merkle::CompactRange tree, merkle::CompactRange::Load(size, store_.NodeReader()));
    draws.SetRootAt(size, tree.Root());
  }
  return Status::Ok();
}

Result<std::optional<Appended>> Sequencer::FindDuplicate(const ParsedStatement& s, const BatchState& batch) {
  auto same = [&](uint64_t index, ByteView stored) -> Result<std::optional<Appended>> {
    if (std::equal(stored.begin(), stored.end(), s.signed_bytes.begin(), s.signed_bytes.end())) {
      return std::optional<Appended>(Appended{index, true, s.event_id, {}});
    }
    return Status::AlreadyExists("event id " + EventIdHex(s.event_id) + " is already recorded at index " +
                                 std::to_string(index) + " with different content");
  };
  if (auto it = batch.events.find(IdKey(s.event_id)); it != batch.events.end()) {
    return same(it->second.index, *it->second.signed_bytes);
  }
  LAWTRAIL_ASSIGN_OR_RETURN(auto index, reader_.FindEvent(s.event_id));
  if (!index) return std::optional<Appended>();
  LAWTRAIL_ASSIGN_OR_RETURN(Bytes record, reader_.RecordBytes(*index));
  LAWTRAIL_ASSIGN_OR_RETURN(RecordView rv, ParseRecord(record));
  return same(*index, rv.signed_statement);
}

rocksdb::WriteBatch& Sequencer::EmptyWriteBatch() {
  // A batch of records outgrows a fresh buffer many times over; cleared, the
  // buffer keeps its capacity, unless one unusually large batch left it huge.
  constexpr size_t kKeptCapacity = 64 << 20;
  if (write_batch_.GetDataSize() > kKeptCapacity) {
    write_batch_ = rocksdb::WriteBatch();
  } else {
    write_batch_.Clear();
  }
  return write_batch_;
}

Result<CaseHead> Sequencer::HeadOf(const std::string& case_id, const BatchState& batch) {
  if (auto it = batch.cases.find(case_id); it != batch.cases.end()) return it->second;
  if (auto it = head_cache_.find(case_id); it != head_cache_.end()) return it->second;
  // The case-head map in memory holds every case: one absent from it is new,
  // with no need to look for its records in the store.
  if (!state_->case_heads().Get(case_map::KeyOf(case_id))) return CaseHead{};
  LAWTRAIL_ASSIGN_OR_RETURN(auto head, reader_.CaseHeadOf(case_id));
  return head.value_or(CaseHead{});
}

Result<domain::CaseProcedureState*> Sequencer::StateOf(const std::string& case_id, const CaseHead& head,
                                                       BatchState& batch) {
  if (auto it = batch.states.find(case_id); it != batch.states.end()) return &it->second;
  if (auto it = state_cache_.find(case_id); it != state_cache_.end()) {
    // Taken, not copied: a batch that commits puts it back, and one that
    // does not leaves the case to be folded again from the store.
    return &batch.states.insert(state_cache_.extract(it)).position->second;
  }
  domain::CaseProcedureState& state = batch.states[case_id];
  if (head.version == 0) return &state;  // no records yet: nothing to fold
  const Registry& registry = state_->registry();
  Status folded = reader_.ForEachCaseRecord(case_id, [&](uint64_t index, const Bytes& bytes) -> Status {
    LAWTRAIL_ASSIGN_OR_RETURN(const RecordView record, ParseRecord(bytes));
    LAWTRAIL_ASSIGN_OR_RETURN(const ParsedStatement parsed, StatementOfRecord(bytes, index));
    if (domain::IsCaseEvent(parsed.statement->payload_type())) {
      domain::FoldCaseEvent(state, *parsed.statement, record.record->time_recorded_ms(), registry.TablesAt(index));
    }
    return Status::Ok();
  });
  if (!folded.ok()) {
    batch.states.erase(case_id);
    return folded;
  }
  return &state;
}

void Sequencer::WriteOpenings(const ParsedStatement& s, uint64_t index, rocksdb::WriteBatch& wb) {
  if (vault_ == nullptr) return;  // a replica: openings and the party index never leave the primary
  const fb::Statement& st = *s.statement;
  const std::string case_id = st.case_id()->str();
  for (const Opening& o : s.openings) {
    const fb::SealedField* field = nullptr;
    for (const auto* f : *st.sealed()) {
      if (f->field()->string_view() == o.field) field = f;
    }
    const Bytes sealed = EncryptOpening(*vault_, case_id, index, o);
    wb.Put(store_.cf(Cf::kSealed), AsChars(ByteView(field->commitment()->data(), 32)), AsChars(sealed));
    if (domain::IdentifiesParty(o.field)) {
      wb.Put(store_.cf(Cf::kParties), keys::PartyIndex(PartyTagOf(*vault_, PartyKey::kPerson, o.value), index),
             case_id);
    }
  }
  // Organisations are public parties: indexed by their 统一社会信用代码, whether a case names them as its
  // party, an applicant or an owner whose property is taken.
  if (const fb::Party* party = domain::OpeningParty(st);
      party != nullptr && party->credit_code() != nullptr && party->credit_code()->size() > 0) {
    wb.Put(store_.cf(Cf::kParties),
           keys::PartyIndex(PartyTagOf(*vault_, PartyKey::kOrganisation, party->credit_code()->string_view()), index),
           case_id);
  }
}

Status Sequencer::EraseOpenings(const fb::Statement& st, rocksdb::WriteBatch& wb) {
  const auto* commitments = st.payload_as_OpeningsErased()->commitments();
  if (commitments == nullptr) return Status::Ok();
  // Checked in full before anything goes into the batch: a refusal must leave
  // the batch as it was.
  std::vector<std::pair<Cf, std::string>> deletions;
  for (const fb::Commitment* c : *commitments) {
    Hash commitment{};
    std::copy_n(c->hash()->data(), commitment.size(), commitment.begin());
    LAWTRAIL_ASSIGN_OR_RETURN(auto opening, ReadOpening(store_, *vault_, commitment));
    if (!opening) continue;  // already erased, or never opened here
    if (opening->case_id != st.case_id()->string_view()) {
      return domain::Refuse("P-SEALED",
                            "a commitment to erase belongs to case '" + opening->case_id + "', not to this case");
    }
    deletions.emplace_back(Cf::kSealed, std::string(AsChars(commitment)));
    if (domain::IdentifiesParty(opening->field)) {
      deletions.emplace_back(Cf::kParties,
                             keys::PartyIndex(PartyTagOf(*vault_, PartyKey::kPerson, opening->value), opening->index));
    }
    sodium_memzero(opening->value.data(), opening->value.size());
  }
  for (const auto& [family, key] : deletions) wb.Delete(store_.cf(family), key);
  return Status::Ok();
}

Status Sequencer::CheckCaseText(const fb::Statement& st, const domain::CaseProcedureState& c, const BatchState& batch) {
  if (vault_ == nullptr || c.sealed_commitments.empty()) return Status::Ok();
  const auto fields = domain::FreeTextFields(st);
  if (fields.empty()) return Status::Ok();  // nothing to compare: the vault is not read
  std::vector<OpenedField> stored;          // owns what `values` points into
  stored.reserve(c.sealed_commitments.size());
  std::vector<std::string> masks;
  masks.reserve(c.sealed_commitments.size());
  std::vector<domain::SealedValue> values;
  for (const std::string& commitment : c.sealed_commitments) {
    if (auto it = batch.openings.find(commitment); it != batch.openings.end()) {
      values.push_back({it->second[0], it->second[1], it->second[2]});
      continue;
    }
    Hash h{};
    std::copy_n(commitment.data(), h.size(), reinterpret_cast<char*>(h.data()));
    LAWTRAIL_ASSIGN_OR_RETURN(auto opening, ReadOpening(store_, *vault_, h));
    if (!opening) continue;  // erased: nothing left to repeat
    stored.push_back(std::move(*opening));
    masks.push_back(domain::MaskFor(stored.back().field, stored.back().value));
    values.push_back({stored.back().field, stored.back().value, masks.back()});
  }
  Status checked = domain::CheckTextAgainstSealed(st, fields, values);
  for (OpenedField& o : stored) sodium_memzero(o.value.data(), o.value.size());
  return checked;
}

Result<Sequencer::Admitted> Sequencer::AdmitNext(const ParsedStatement& s, const std::string& case_id,
                                                 const CaseHead& head, int64_t time_ms, BatchState& batch) {
  Admitted a;
  if (domain::IsCaseEvent(s.statement->payload_type())) {
    LAWTRAIL_ASSIGN_OR_RETURN(a.state, StateOf(case_id, head, batch));
  }
  LAWTRAIL_ASSIGN_OR_RETURN(a.flags, state_->Admit(s, time_ms, CaseAt{case_id, head, a.state}));
  return a;
}

void Sequencer::PutRecord(ByteView record, const Hash& leaf, const ParsedStatement& s, const std::string& case_id,
                          const CaseHead& head, const Admitted& admitted, BatchState& batch, rocksdb::WriteBatch& wb) {
  const uint64_t index = state_->size();
  const std::string index_key = keys::Index(index);
  wb.Put(store_.cf(Cf::kRecords), index_key, AsChars(record));
  const CaseHead new_head = state_->Advance(
      s, batch.time_ms, leaf, CaseAt{case_id, head, admitted.state},
      [&](merkle::NodeId id, const Hash& h) { wb.Put(store_.cf(Cf::kTree), keys::Node(id), AsChars(h)); });
  batch.event_index.emplace_back(AsChars(s.event_id), index_key);
  batch.case_index.emplace_back(keys::CaseIndex(case_id, index), EncodeCaseHead(new_head));
  batch.cases[case_id] = new_head;
  batch.events[IdKey(s.event_id)] = {index, &s.signed_bytes};
  WriteOpenings(s, index, wb);
  if (vault_ != nullptr) {
    for (const Opening& o : s.openings) {
      for (const auto* f : *s.statement->sealed()) {
        if (f->field()->string_view() != o.field) continue;
        batch.openings[std::string(AsChars(ByteView(f->commitment()->data(), 32)))] = {o.field, o.value,
                                                                                       Str(f->masked())};
      }
    }
  }
  if (!admitted.flags.empty()) wb.Put(store_.cf(Cf::kFlags), index_key, domain::EncodeFlags(admitted.flags));
}

AppendResult Sequencer::IntegrateOne(ParsedStatement& s, BatchState& batch, rocksdb::WriteBatch& wb) {
  LAWTRAIL_ASSIGN_OR_RETURN(auto duplicate, FindDuplicate(s, batch));
  if (duplicate) return *duplicate;
  const std::string case_id = s.statement->case_id()->str();
  LAWTRAIL_ASSIGN_OR_RETURN(CaseHead head, HeadOf(case_id, batch));
  LAWTRAIL_ASSIGN_OR_RETURN(Admitted admitted, AdmitNext(s, case_id, head, batch.time_ms, batch));
  if (admitted.state != nullptr) LAWTRAIL_RETURN_IF_ERROR(CheckCaseText(*s.statement, *admitted.state, batch));
  if (s.statement->payload_type() == fb::Payload::OpeningsErased) {
    LAWTRAIL_RETURN_IF_ERROR(EraseOpenings(*s.statement, wb));
    batch.purge = true;
  }

  const uint64_t index = state_->size();
  RecordFields fields;
  fields.index = index;
  fields.time_recorded_ms = batch.time_ms;
  fields.case_version = head.version + 1;
  if (head.version > 0) fields.prev_case_leaf_hash = head.leaf_hash;
  fields.signed_statement = s.signed_bytes;
  const Bytes record = BuildRecord(fields);
  PutRecord(record, merkle::LeafHash(record), s, case_id, head, admitted, batch, wb);
  if (signer_ && state_->draws().IsSeedSize(state_->size())) {
    // A draw's seed is the checkpoint of exactly this size: sign it now,
    // whatever the batch holds after it (docs/draws.md).
    LAWTRAIL_ASSIGN_OR_RETURN(std::string seed_checkpoint, SignCheckpoint());
    wb.Put(store_.cf(Cf::kCheckpoints), keys::Index(state_->size()), seed_checkpoint);
    wb.Put(store_.cf(Cf::kMeta), keys::SeedCheckpoint(state_->size()), "");
  }
  return Appended{index, false, s.event_id, std::move(admitted.flags)};
}

std::vector<AppendResult> Sequencer::Integrate(std::vector<Result<ParsedStatement>>& items) {
  std::vector<AppendResult> results;
  results.reserve(items.size());
  if (!failed_.ok()) {
    for (size_t i = 0; i < items.size(); ++i) results.push_back(failed_);
    return results;
  }
  BatchState batch;
  // Time recorded never decreases, even if the wall clock steps back.
  batch.time_ms = std::max(clock_(), state_->last_time_ms());
  rocksdb::WriteBatch& wb = EmptyWriteBatch();
  const uint64_t size_before = state_->size();
  for (auto& item : items) {
    if (!item.ok()) {
      results.push_back(item.status());
      continue;
    }
    results.push_back(IntegrateOne(*item, batch, wb));
  }
  if (state_->size() == size_before) return results;  // nothing new to write
  if (!Commit(batch, wb).ok()) {
    for (auto& r : results) {
      if (r.ok() && !r->duplicate) r = failed_;
    }
  }
  return results;
}

Status Sequencer::ReplicateOne(OpenedRecord& r, BatchState& batch, rocksdb::WriteBatch& wb) {
  const fb::Record& record = *r.record;
  const std::string case_id = r.statement.statement->case_id()->str();
  LAWTRAIL_ASSIGN_OR_RETURN(CaseHead head, HeadOf(case_id, batch));
  LAWTRAIL_RETURN_IF_ERROR(state_->CheckRecorded(record, CaseAt{case_id, head}));
  batch.time_ms = record.time_recorded_ms();
  // A primary never records an event twice, same content or not.
  auto duplicate = FindDuplicate(r.statement, batch);
  if (!duplicate.ok()) {
    const Status& why = duplicate.status();  // the same id with other content, or a failed read
    return why.code() == StatusCode::kAlreadyExists ? Status::Corruption(why.message()) : why;
  }
  if (*duplicate) {
    return Status::Corruption("event id " + EventIdHex(r.statement.event_id) + " is already recorded at index " +
                              std::to_string((*duplicate)->index));
  }
  auto admitted = AdmitNext(r.statement, case_id, head, batch.time_ms, batch);
  if (!admitted.ok()) return AdmissionRefused(admitted.status());
  PutRecord(r.bytes, r.leaf, r.statement, case_id, head, *admitted, batch, wb);
  return Status::Ok();
}

Replicated Sequencer::Replicate(std::vector<OpenedRecord>& records, bool sync) {
  Replicated out;
  if (!failed_.ok()) {
    out.refusal = failed_;
    return out;
  }
  BatchState batch;
  batch.time_ms = state_->last_time_ms();
  rocksdb::WriteBatch& wb = EmptyWriteBatch();
  for (OpenedRecord& r : records) {
    if (Status s = ReplicateOne(r, batch, wb); !s.ok()) {
      out.refusal = std::move(s);
      out.refused_index = state_->size();
      break;
    }
    ++out.written;
  }
  if (out.written > 0 && !Commit(batch, wb, sync).ok()) {
    out.written = 0;
    out.refusal = failed_;
    out.refused_index.reset();
  }
  return out;
}

Status Sequencer::AddCheckpoint(uint64_t size, const std::string& signed_note) {
  LAWTRAIL_RETURN_IF_ERROR(failed_);
  rocksdb::WriteBatch wb;
  wb.Put(store_.cf(Cf::kCheckpoints), keys::Index(size), signed_note);
  LAWTRAIL_RETURN_IF_ERROR(store_.WriteDurably(wb));
  if (size >= checkpoint_size_) {
    checkpoint_size_ = size;
    latest_checkpoint_ = signed_note;
  }
  return Status::Ok();
}

Status Sequencer::Commit(BatchState& batch, rocksdb::WriteBatch& wb, bool sync) {
  PutInKeyOrder(wb, store_.cf(Cf::kCases), batch.case_index);
  PutInKeyOrder(wb, store_.cf(Cf::kEventIds), batch.event_index);
  wb.Put(store_.cf(Cf::kMeta), keys::kMetaSize, keys::Index(state_->size()));
  std::string checkpoint;
  if (signer_ && CheckpointDue(batch.time_ms)) {
    LAWTRAIL_ASSIGN_OR_RETURN(checkpoint, SignCheckpoint());
    wb.Put(store_.cf(Cf::kCheckpoints), keys::Index(state_->size()), checkpoint);
  }
  Status written = sync ? store_.WriteDurably(wb) : store_.WriteLazily(wb);
  if (!written.ok()) {
    failed_ = written.WithContext("the log stopped accepting records; reopen it to recover");
    return failed_;
  }
  // Bounded caches: when full they start again, and misses read the store.
  if (head_cache_.size() + batch.cases.size() > kHeadCacheEntries) head_cache_.clear();
  for (auto& [case_id, head] : batch.cases) head_cache_[case_id] = head;
  if (state_cache_.size() + batch.states.size() > kStateCacheEntries) state_cache_.clear();
  state_cache_.merge(batch.states);  // none of them is in the cache: taken out, or new
  if (batch.purge) {
    Status purged = store_.PurgeDeleted({Cf::kSealed, Cf::kParties});
    if (!purged.ok()) failed_ = purged.WithContext("purging erased openings");
  }
  if (!checkpoint.empty()) {
    checkpoint_size_ = state_->size();
    checkpoint_time_ms_ = batch.time_ms;
    latest_checkpoint_ = std::move(checkpoint);
  }
  return Status::Ok();
}

bool Sequencer::CheckpointDue(int64_t now) const {
  const uint64_t grown = state_->size() - checkpoint_size_;
  return grown > 0 && (grown >= policy_.every_records || now - checkpoint_time_ms_ >= policy_.interval_ms);
}

Result<std::string> Sequencer::SignCheckpoint() {
  Checkpoint cp{
      state_->origin(), state_->size(), state_->TreeRoot(), {CaseHeadsExtensionLine(state_->case_heads().Root())}};
  auto signed_note = note::Sign(cp.Body(), *signer_);
  if (signed_note.ok()) return signed_note;
  // The origin was checked as a key name at load, so this is a bug or a
  // broken key: storing an empty or unsigned checkpoint would publish a lie,
  // so the log stops, as on a failed write.
  failed_ = signed_note.status().WithContext("signing the checkpoint of size " + std::to_string(state_->size()) +
                                             "; the log stopped accepting records");
  return failed_;
}

Status Sequencer::WithCaseHeadsAt(uint64_t size, const std::function<void(CaseHeadMap&)>& use) {
  if (size > state_->size()) {
    return Status::InvalidArgument("size " + std::to_string(size) + " is beyond the log's " +
                                   std::to_string(state_->size()));
  }
  if (size == state_->size()) {
    use(state_->case_heads());
    return Status::Ok();
  }
  // Puts back, for the cases written since `size`, their heads as of then,
  // lets `use` read the map, and restores the current heads.
  std::unordered_map<std::string, std::optional<Hash>> current;  // map key → current leaf
  Status scanned = reader_.ScanRecords(size, state_->size(), [&](uint64_t index, ByteView bytes) -> Status {
    LAWTRAIL_ASSIGN_OR_RETURN(const ParsedStatement parsed, StatementOfRecord(bytes, index));
    const std::string case_id = parsed.statement->case_id()->str();
    const Hash key = case_map::KeyOf(case_id);
    if (current.contains(std::string(AsChars(key)))) return Status::Ok();
    current.emplace(std::string(AsChars(key)), state_->case_heads().Get(key));
    LAWTRAIL_ASSIGN_OR_RETURN(auto then, reader_.CaseHeadBefore(case_id, size));
    if (then) {
      state_->case_heads().Set(key, case_map::LeafOf(key, then->first, then->second.leaf_hash, then->second.version));
    } else {
      state_->case_heads().Erase(key);
    }
    return Status::Ok();
  });
  if (scanned.ok()) use(state_->case_heads());
  for (const auto& [key_bytes, leaf] : current) {
    Hash key{};
    std::copy(key_bytes.begin(), key_bytes.end(), key.begin());
    if (leaf) state_->case_heads().Set(key, *leaf);
  }
  return scanned;
}

Result<Hash> Sequencer::CaseHeadsRootAt(uint64_t size) {
  Hash root{};
  LAWTRAIL_RETURN_IF_ERROR(WithCaseHeadsAt(size, [&](CaseHeadMap& map) { root = map.Root(); }));
  return root;
}

Result<CaseHeadProof> Sequencer::CaseHeadProofAt(std::string_view case_id, uint64_t size) {
  CaseHeadProof out;
  bool found = false;
  LAWTRAIL_RETURN_IF_ERROR(WithCaseHeadsAt(size, [&](CaseHeadMap& map) {
    out.map_root = map.Root();
    if (auto proof = map.Proof(case_map::KeyOf(case_id))) {
      out.siblings = std::move(*proof);
      found = true;
    }
  }));
  if (!found) {
    return Status::NotFound("case '" + std::string(case_id) + "' has no record among the first " +
                            std::to_string(size));
  }
  return out;
}

Result<std::string> Sequencer::CurrentCheckpoint() {
  LAWTRAIL_RETURN_IF_ERROR(failed_);
  if (!signer_) {
    if (latest_checkpoint_.empty()) return Status::NotFound("the replica holds no checkpoint yet");
    return latest_checkpoint_;
  }
  if (checkpoint_size_ != state_->size() || latest_checkpoint_.empty()) {
    LAWTRAIL_ASSIGN_OR_RETURN(const std::string note, SignCheckpoint());
    rocksdb::WriteBatch wb;
    wb.Put(store_.cf(Cf::kCheckpoints), keys::Index(state_->size()), note);
    Status written = store_.WriteDurably(wb);
    if (!written.ok()) {
      failed_ = written;
      return written;
    }
    checkpoint_size_ = state_->size();
    checkpoint_time_ms_ = clock_();
    latest_checkpoint_ = std::move(note);
  }
  return latest_checkpoint_;
}

Status Sequencer::CheckpointIfDue() {
  if (!signer_ || !failed_.ok() || !CheckpointDue(clock_())) return Status::Ok();
  return CurrentCheckpoint().status();
}

}  // namespace lawtrail
