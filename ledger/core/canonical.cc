#include "ledger/core/canonical.h"

#include <algorithm>

#include "ledger/core/log_format.h"
#include "ledger/core/record.h"

namespace lawtrail {
namespace {

Bytes Finished(const flatbuffers::FlatBufferBuilder& b) {
  return Bytes(b.GetBufferPointer(), b.GetBufferPointer() + b.GetSize());
}

}  // namespace

Status DiffersFromCanonical(std::string_view what, ByteView given, ByteView canonical) {
  if (given.size() > canonical.size()) {
    return Status::InvalidArgument(std::string(what) + " holds " + std::to_string(given.size() - canonical.size()) +
                                   " bytes that no field accounts for (padding, unknown fields, or unreferenced or "
                                   "trailing bytes): it is " +
                                   std::to_string(given.size()) + " bytes, its one accepted encoding " +
                                   std::to_string(canonical.size()));
  }
  const auto [at, ignored] = std::mismatch(given.begin(), given.end(), canonical.begin(), canonical.end());
  return Status::InvalidArgument(std::string(what) +
                                 " is not in its one accepted encoding: it differs from it at byte " +
                                 std::to_string(at - given.begin()) + " (" + std::to_string(given.size()) +
                                 " bytes; the accepted encoding has " + std::to_string(canonical.size()) + ")");
}

namespace {

bool Same(ByteView a, ByteView b) { return std::equal(a.begin(), a.end(), b.begin(), b.end()); }

ByteView View(const flatbuffers::Vector<uint8_t>* v) {
  return v == nullptr ? ByteView() : ByteView(v->data(), v->size());
}

}  // namespace

Bytes CanonicalStatement(ByteView statement_bytes) {
  fb::StatementT value;
  fb::GetStatement(statement_bytes.data())->UnPackTo(&value);
  flatbuffers::FlatBufferBuilder b(statement_bytes.size() + 64);
  b.Finish(fb::Statement::Pack(b, &value), fb::StatementIdentifier());
  return Finished(b);
}

Status CheckCanonicalStatement(ByteView statement_bytes) {
  const Bytes canonical = CanonicalStatement(statement_bytes);
  if (Same(statement_bytes, canonical)) return Status::Ok();
  return DiffersFromCanonical("the statement", statement_bytes, canonical);
}

Bytes EncodeSignedStatement(ByteView statement_bytes, ByteView signature) {
  flatbuffers::FlatBufferBuilder b(statement_bytes.size() + 160);
  // The nested Statement holds 64-bit fields: align its bytes to 8.
  b.ForceVectorAlignment(statement_bytes.size(), 1, 8);
  auto st = b.CreateVector(statement_bytes.data(), statement_bytes.size());
  auto sg = b.CreateVector(signature.data(), signature.size());
  b.Finish(fb::CreateSignedStatement(b, kSignedStatementFormatVersion, st, sg), fb::SignedStatementIdentifier());
  return Finished(b);
}

Status CheckCanonicalSignedStatement(const ParsedStatement& s) {
  const Bytes wrapper = EncodeSignedStatement(s.statement_bytes(), View(s.signed_statement->signature()));
  if (!Same(s.signed_bytes, wrapper))
    return DiffersFromCanonical("the signed statement (its wrapper)", s.signed_bytes, wrapper);
  return CheckCanonicalStatement(s.statement_bytes());
}

Status CheckCanonicalRecord(ByteView record_bytes, const fb::Record& record) {
  RecordFields fields;
  fields.index = record.index();
  fields.time_recorded_ms = record.time_recorded_ms();
  fields.case_version = record.case_version();
  if (const auto* prev = record.prev_case_leaf_hash(); prev != nullptr) {
    if (prev->size() != 32) return Status::InvalidArgument("the record's previous case leaf hash is not 32 bytes");
    Hash h;
    std::copy(prev->begin(), prev->end(), h.begin());
    fields.prev_case_leaf_hash = h;
  }
  fields.signed_statement = View(record.signed_statement());
  const Bytes canonical = BuildRecord(fields);
  if (Same(record_bytes, canonical)) return Status::Ok();
  return DiffersFromCanonical("the record", record_bytes, canonical);
}

}  // namespace lawtrail
