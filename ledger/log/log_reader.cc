#include "ledger/log/log_reader.h"

namespace lawtrail {
Result<std::string> LogReader::Origin() const {
  LAWTRAIL_ASSIGN_OR_RETURN(auto v, store_.Get(Cf::kMeta, keys::kMetaOrigin));
  if (!v) return Status::Corruption("the log has no origin in its metadata");
  return *v;
}

Result<uint64_t> LogReader::Size() const {
  LAWTRAIL_ASSIGN_OR_RETURN(auto v, store_.Get(Cf::kMeta, keys::kMetaSize));
  if (!v) return uint64_t{0};
  if (v->size() != 8) return Status::Corruption("the log's size in its metadata is malformed");
  return ReadBigEndian64(reinterpret_cast<const uint8_t*>(v->data()));
}

Status LogReader::CheckSize(uint64_t size) const {
  LAWTRAIL_ASSIGN_OR_RETURN(uint64_t current, Size());
  if (size > current) {
    return Status::NotFound("tree size " + std::to_string(size) + " is beyond the log's size " +
                            std::to_string(current));
  }
  return Status::Ok();
}

Result<Bytes> LogReader::RecordBytes(uint64_t index) const {
  LAWTRAIL_ASSIGN_OR_RETURN(auto v, store_.Get(Cf::kRecords, keys::Index(index)));
  if (!v) return Status::NotFound("no record at index " + std::to_string(index));
  return Bytes(v->begin(), v->end());
}

Result<Hash> LogReader::LeafHashAt(uint64_t index) const {
  LAWTRAIL_RETURN_IF_ERROR(CheckSize(index + 1));
  Hash h;
  const merkle::NodeId id{0, index};
  LAWTRAIL_RETURN_IF_ERROR(store_.ReadNodes({&id, 1}, {&h, 1}));
  return h;
}

Result<Hash> LogReader::RootAt(uint64_t size) const {
  LAWTRAIL_RETURN_IF_ERROR(CheckSize(size));
  if (size == 0) return merkle::EmptyRoot();
  const merkle::Range whole{0, size};
  LAWTRAIL_ASSIGN_OR_RETURN(auto hashes, merkle::HashRanges({&whole, 1}, store_.NodeReader()));
  return hashes[0];
}

Result<std::optional<uint64_t>> LogReader::FindEvent(const EventId& id) const {
  LAWTRAIL_ASSIGN_OR_RETURN(auto v, store_.Get(Cf::kEventIds, AsChars(id)));
  if (!v) return std::optional<uint64_t>();
  if (v->size() != 8) return Status::Corruption("event id index entry is malformed");
  return std::optional<uint64_t>(ReadBigEndian64(reinterpret_cast<const uint8_t*>(v->data())));
}

Result<std::optional<CaseHead>> LogReader::CaseHeadOf(std::string_view case_id) const {
  LAWTRAIL_ASSIGN_OR_RETURN(auto located, CaseHeadBefore(case_id, ~uint64_t{0}));
  if (!located) return std::optional<CaseHead>();
  return std::optional<CaseHead>(located->second);
}

Result<std::optional<std::pair<uint64_t, CaseHead>>> LogReader::CaseHeadBefore(std::string_view case_id,
                                                                               uint64_t size) const {
  using Located = std::optional<std::pair<uint64_t, CaseHead>>;
  if (size == 0) return Located();
  const std::string prefix = keys::CasePrefix(case_id);
  std::unique_ptr<rocksdb::Iterator> it(store_.db()->NewIterator(rocksdb::ReadOptions(), store_.cf(Cf::kCases)));
  it->SeekForPrev(keys::CaseIndex(case_id, size - 1));
  if (!it->Valid() || !it->key().starts_with(prefix)) {
    LAWTRAIL_RETURN_IF_ERROR(FromRocks(it->status(), "reading the case index"));
    return Located();
  }
  auto head = DecodeCaseHead(it->value().ToStringView());
  if (!head.ok()) return head.status().WithContext("case '" + std::string(case_id) + "'");
  const std::string_view key = it->key().ToStringView();
  return Located(std::pair{ReadBigEndian64(AsBytes(key.substr(key.size() - 8)).data()), *head});
}

Status LogReader::ForEachCaseHead(
    const std::function<Status(std::string_view, uint64_t, const CaseHead&)>& visit) const {
  std::unique_ptr<rocksdb::Iterator> it(store_.db()->NewIterator(rocksdb::ReadOptions(), store_.cf(Cf::kCases)));
  // A case's entries are adjacent and in index order: its head is the last.
  std::string case_id;
  std::string value;
  uint64_t index = 0;
  bool have = false;
  auto emit = [&]() -> Status {
    if (!have) return Status::Ok();
    auto head = DecodeCaseHead(value);
    if (!head.ok()) return head.status().WithContext("case '" + case_id + "'");
    return visit(case_id, index, *head);
  };
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    const std::string_view key = it->key().ToStringView();
    if (key.size() < 9) return Status::Corruption("a case index key of " + std::to_string(key.size()) + " bytes");
    const std::string_view id = key.substr(0, key.size() - 9);
    if (have && id != case_id) LAWTRAIL_RETURN_IF_ERROR(emit());
    case_id.assign(id);
    index = ReadBigEndian64(AsBytes(key.substr(key.size() - 8)).data());
    value.assign(it->value().ToStringView());
    have = true;
  }
  LAWTRAIL_RETURN_IF_ERROR(FromRocks(it->status(), "reading the case index"));
  return emit();
}

Status LogReader::ForEachCaseRecord(std::string_view case_id,
                                    const std::function<Status(uint64_t, const Bytes&)>& visit) const {
  const std::string prefix = keys::CasePrefix(case_id);
  std::unique_ptr<rocksdb::Iterator> it(store_.db()->NewIterator(rocksdb::ReadOptions(), store_.cf(Cf::kCases)));
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    if (it->key().size() != prefix.size() + 8) return Status::Corruption("malformed case index key");
    const uint64_t index = ReadBigEndian64(reinterpret_cast<const uint8_t*>(it->key().data() + prefix.size()));
    LAWTRAIL_ASSIGN_OR_RETURN(Bytes record, RecordBytes(index));
    LAWTRAIL_RETURN_IF_ERROR(visit(index, record));
  }
  return FromRocks(it->status(), "scanning the case index");
}

Status LogReader::ScanRecords(uint64_t from, uint64_t to,
                              const std::function<Status(uint64_t, ByteView)>& visit) const {
  return Scan(from, to, false, [&](uint64_t index, ByteView bytes, std::string_view) { return visit(index, bytes); });
}

Status LogReader::ScanRecordsWithFlags(uint64_t from, uint64_t to,
                                       const std::function<Status(uint64_t, ByteView, std::string_view)>& visit) const {
  return Scan(from, to, true, visit);
}

Status LogReader::Scan(uint64_t from, uint64_t to, bool with_flags,
                       const std::function<Status(uint64_t, ByteView, std::string_view)>& visit) const {
  rocksdb::ReadOptions ro;
  const std::string upper = keys::Index(to);
  rocksdb::Slice upper_slice(upper);
  ro.iterate_upper_bound = &upper_slice;
  ro.readahead_size = 2 << 20;
  ro.fill_cache = false;  // a one-pass scan: caching its blocks only evicts the hot ones
  std::unique_ptr<rocksdb::Iterator> it(store_.db()->NewIterator(ro, store_.cf(Cf::kRecords)));
  // Flags are keyed by index too: the second iterator moves along with the first.
  std::unique_ptr<rocksdb::Iterator> flags;
  if (with_flags) {
    flags.reset(store_.db()->NewIterator(ro, store_.cf(Cf::kFlags)));
    flags->Seek(keys::Index(from));
  }
  uint64_t expected = from;
  for (it->Seek(keys::Index(from)); it->Valid(); it->Next()) {
    const uint64_t index = ReadBigEndian64(reinterpret_cast<const uint8_t*>(it->key().data()));
    if (it->key().size() != 8 || index != expected) {
      return Status::Corruption("record " + std::to_string(expected) + " is missing");
    }
    std::string_view record_flags;
    if (flags != nullptr) {
      for (; flags->Valid(); flags->Next()) {
        if (flags->key().size() != 8) return Status::Corruption("malformed flags key");
        const uint64_t flagged = ReadBigEndian64(reinterpret_cast<const uint8_t*>(flags->key().data()));
        if (flagged < index) continue;
        if (flagged == index) record_flags = flags->value().ToStringView();
        break;
      }
      LAWTRAIL_RETURN_IF_ERROR(FromRocks(flags->status(), "reading flags"));
    }
    LAWTRAIL_RETURN_IF_ERROR(visit(index, AsBytes(it->value().ToStringView()), record_flags));
    ++expected;
  }
  LAWTRAIL_RETURN_IF_ERROR(FromRocks(it->status(), "scanning records"));
  if (expected != to) return Status::Corruption("record " + std::to_string(expected) + " is missing");
  return Status::Ok();
}

Result<std::string> LogReader::FlagsAt(uint64_t index) const {
  LAWTRAIL_ASSIGN_OR_RETURN(auto flags, store_.Get(Cf::kFlags, keys::Index(index)));
  return flags.value_or(std::string());
}

Result<std::vector<Hash>> LogReader::InclusionProof(uint64_t index, uint64_t size) const {
  LAWTRAIL_RETURN_IF_ERROR(CheckSize(size));
  if (index >= size) {
    return Status::InvalidArgument("index " + std::to_string(index) + " is not below tree size " +
                                   std::to_string(size));
  }
  const auto ranges = merkle::InclusionRanges(index, size);
  return merkle::HashRanges(ranges, store_.NodeReader());
}

Result<std::vector<Hash>> LogReader::ConsistencyProof(uint64_t old_size, uint64_t size) const {
  LAWTRAIL_RETURN_IF_ERROR(CheckSize(size));
  if (old_size == 0 || old_size > size) {
    return Status::InvalidArgument("consistency needs 0 < old size <= size; got " + std::to_string(old_size) + " and " +
                                   std::to_string(size));
  }
  const auto ranges = merkle::ConsistencyRanges(old_size, size);
  return merkle::HashRanges(ranges, store_.NodeReader());
}

Result<std::vector<Hash>> LogReader::MultiInclusionProof(std::span<const uint64_t> leaves, uint64_t size) const {
  LAWTRAIL_RETURN_IF_ERROR(CheckSize(size));
  LAWTRAIL_ASSIGN_OR_RETURN(auto ranges, merkle::MultiInclusionRanges(leaves, size));
  return merkle::HashRanges(ranges, store_.NodeReader());
}

Result<std::optional<std::string>> LogReader::LatestCheckpoint() const {
  std::unique_ptr<rocksdb::Iterator> it(store_.db()->NewIterator(rocksdb::ReadOptions(), store_.cf(Cf::kCheckpoints)));
  it->SeekToLast();
  if (!it->Valid()) {
    LAWTRAIL_RETURN_IF_ERROR(FromRocks(it->status(), "reading checkpoints"));
    return std::optional<std::string>();
  }
  return std::optional<std::string>(it->value().ToString());
}

Result<std::optional<std::string>> LogReader::CheckpointAt(uint64_t size) const {
  return store_.Get(Cf::kCheckpoints, keys::Index(size));
}

Result<std::optional<uint64_t>> LogReader::PublishedSize() const {
  LAWTRAIL_ASSIGN_OR_RETURN(auto marker, store_.Get(Cf::kMeta, keys::kMetaPublished));
  if (!marker) return std::optional<uint64_t>();
  if (marker->size() != 8) return Status::Corruption("malformed published-checkpoint marker");
  return std::optional<uint64_t>(ReadBigEndian64(reinterpret_cast<const uint8_t*>(marker->data())));
}

Result<std::optional<std::string>> LogReader::CosignedAt(uint64_t size) const {
  return store_.Get(Cf::kCosigned, keys::Index(size));
}

Result<std::optional<std::string>> LogReader::TimestampAt(uint64_t size) const {
  return store_.Get(Cf::kCosigned, keys::CosignedTimestamp(size));
}

Result<std::optional<std::string>> LogReader::CheckpointWithCosignaturesAt(uint64_t size) const {
  LAWTRAIL_ASSIGN_OR_RETURN(auto cosigned, CosignedAt(size));
  if (cosigned) return cosigned;
  return CheckpointAt(size);
}

Result<std::optional<std::string>> LogReader::PublishedCheckpoint() const {
  LAWTRAIL_ASSIGN_OR_RETURN(auto size, PublishedSize());
  if (!size) return LatestCheckpoint();
  LAWTRAIL_ASSIGN_OR_RETURN(auto note, CosignedAt(*size));
  if (!note) return Status::Corruption("the published checkpoint of size " + std::to_string(*size) + " is not stored");
  return note;
}

Result<std::vector<uint64_t>> LogReader::SeedCheckpointSizes(uint64_t from_size) const {
  std::vector<uint64_t> sizes;
  std::unique_ptr<rocksdb::Iterator> it(store_.db()->NewIterator(rocksdb::ReadOptions(), store_.cf(Cf::kMeta)));
  const std::string prefix(keys::kMetaSeedPrefix);
  for (it->Seek(keys::SeedCheckpoint(from_size)); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    if (it->key().size() != prefix.size() + 8) return Status::Corruption("malformed seed checkpoint key");
    sizes.push_back(ReadBigEndian64(reinterpret_cast<const uint8_t*>(it->key().data()) + prefix.size()));
  }
  LAWTRAIL_RETURN_IF_ERROR(FromRocks(it->status(), "reading seed checkpoint sizes"));
  return sizes;
}

Status LogReader::ScanCheckpoints(uint64_t from_size,
                                  const std::function<Status(uint64_t, std::string_view)>& visit) const {
  std::unique_ptr<rocksdb::Iterator> it(store_.db()->NewIterator(rocksdb::ReadOptions(), store_.cf(Cf::kCheckpoints)));
  for (it->Seek(keys::Index(from_size)); it->Valid(); it->Next()) {
    if (it->key().size() != 8) return Status::Corruption("malformed checkpoint key");
    LAWTRAIL_RETURN_IF_ERROR(
        visit(ReadBigEndian64(reinterpret_cast<const uint8_t*>(it->key().data())), it->value().ToStringView()));
  }
  return FromRocks(it->status(), "reading checkpoints");
}

}  // namespace lawtrail
