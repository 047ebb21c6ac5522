#include "ledger/core/record.h"

#include "ledger/core/log_format.h"

namespace lawtrail {

Bytes BuildRecord(const RecordFields& f) {
  flatbuffers::FlatBufferBuilder b(f.signed_statement.size() + 160);
  flatbuffers::Offset<flatbuffers::Vector<uint8_t>> prev;
  if (f.prev_case_leaf_hash) prev = b.CreateVector(f.prev_case_leaf_hash->data(), 32);
  // The nested SignedStatement holds a nested Statement with 64-bit fields.
  b.ForceVectorAlignment(f.signed_statement.size(), 1, 8);
  auto ss = b.CreateVector(f.signed_statement.data(), f.signed_statement.size());
  b.Finish(fb::CreateRecord(b, kRecordFormatVersion, f.index, f.time_recorded_ms, f.case_version, prev, ss),
           fb::RecordIdentifier());
  return Bytes(b.GetBufferPointer(), b.GetBufferPointer() + b.GetSize());
}

Result<RecordView> ParseRecord(ByteView bytes) {
  RecordView v;
  if (reinterpret_cast<uintptr_t>(bytes.data()) % 8 != 0) {
    auto copy = std::make_shared<Bytes>();
    bytes = AlignedForFlatBuffers(bytes, *copy);
    v.aligned_copy = std::move(copy);
  }
  if (bytes.size() < 8 || !flatbuffers::BufferHasIdentifier(bytes.data(), fb::RecordIdentifier())) {
    return Status::Corruption("not a lawtrail Record FlatBuffer (identifier LTRC)");
  }
  flatbuffers::Verifier verifier(bytes.data(), bytes.size());
  if (!fb::VerifyRecordBuffer(verifier)) return Status::Corruption("record FlatBuffer is malformed");
  v.record = fb::GetRecord(bytes.data());
  if (v.record->format_version() != kRecordFormatVersion) {
    return Status::Corruption("record format version " + std::to_string(v.record->format_version()) + " is unknown");
  }
  const auto* prev = v.record->prev_case_leaf_hash();
  if (prev != nullptr && prev->size() != 0 && prev->size() != 32) {
    return Status::Corruption("record's previous case leaf hash is not 32 bytes");
  }
  if (v.record->signed_statement() == nullptr) {
    return Status::Corruption("record holds no signed statement");
  }
  v.signed_statement = {v.record->signed_statement()->data(), v.record->signed_statement()->size()};
  // The sequencer aligns the nested statement (it holds 64-bit fields); one
  // that is not would be read misaligned, and was not written by it.
  if ((v.signed_statement.data() - bytes.data()) % 8 != 0) {
    return Status::Corruption("record's signed statement does not start on an 8-byte boundary");
  }
  return v;
}

Result<ParsedStatement> StatementOfRecord(ByteView bytes, uint64_t index) {
  auto rv = ParseRecord(bytes);
  if (!rv.ok()) return rv.status().WithContext("record " + std::to_string(index));
  auto parsed = ParseSignedStatement(Bytes(rv->signed_statement.begin(), rv->signed_statement.end()));
  if (!parsed.ok()) return parsed.status().WithContext("record " + std::to_string(index));
  return parsed;
}

}  // namespace lawtrail
