#include "ledger/core/statement.h"

#include "ledger/core/canonical.h"
#include "ledger/core/log_format.h"
#include "ledger/core/statement_text.h"
#include "ledger/core/utf8.h"

namespace lawtrail {
namespace {

Status CheckString(const flatbuffers::String* s, std::string_view what, bool required, size_t max_bytes) {
  if (s == nullptr || s->size() == 0) {
    return required ? Status::InvalidArgument(std::string(what) + " is missing") : Status::Ok();
  }
  if (s->size() > max_bytes) {
    return Status::InvalidArgument(std::string(what) + " is longer than " + std::to_string(max_bytes) + " bytes");
  }
  if (!IsValidUtf8(s->string_view())) {
    return Status::InvalidArgument(std::string(what) + " is not valid UTF-8");
  }
  return Status::Ok();
}

Status CheckFixedBytes(const flatbuffers::Vector<uint8_t>* v, std::string_view what, size_t n) {
  const size_t got = v == nullptr ? 0 : v->size();
  if (got != n) {
    return Status::InvalidArgument(std::string(what) + " has " + std::to_string(got) + " bytes, want " +
                                   std::to_string(n));
  }
  return Status::Ok();
}

// Field-level checks shared by signed and bare statements. The FlatBuffers
// verifier has already proved every offset is in bounds.
Status CheckStatementFields(const fb::Statement& st) {
  if (st.format_version() != kStatementFormatVersion) {
    return Status::InvalidArgument("statement format version " + std::to_string(st.format_version()) +
                                   " is not supported");
  }
  LAWTRAIL_RETURN_IF_ERROR(CheckFixedBytes(st.event_id(), "event_id", kEventIdBytes));
  LAWTRAIL_RETURN_IF_ERROR(CheckString(st.origin(), "origin", true, 255));
  LAWTRAIL_RETURN_IF_ERROR(CheckString(st.case_id(), "case_id", true, kMaxCaseIdBytes));
  if (st.case_id()->string_view().find('\0') != std::string_view::npos) {
    return Status::InvalidArgument("case_id contains a NUL byte");
  }
  if (st.payload_type() == fb::Payload::NONE || st.payload() == nullptr) {
    return Status::InvalidArgument("payload is missing");
  }
  if (st.payload_type() > fb::Payload::MAX) {
    return Status::InvalidArgument("payload type " + std::to_string(static_cast<int>(st.payload_type())) +
                                   " is unknown to this version of lawtrail");
  }
  if (st.actor() == nullptr) return Status::InvalidArgument("actor is missing");
  LAWTRAIL_RETURN_IF_ERROR(CheckString(st.actor()->certificate_no(), "actor.certificate_no", true, 64));
  LAWTRAIL_RETURN_IF_ERROR(CheckFixedBytes(st.actor()->key_id(), "actor.key_id", 32));
  if (st.occurred_at_ms() <= 0) return Status::InvalidArgument("occurred_at_ms is missing");
  if (st.attachments() != nullptr) {
    for (const fb::Attachment* a : *st.attachments()) {
      LAWTRAIL_RETURN_IF_ERROR(CheckFixedBytes(a->content_hash(), "attachment content_hash", 32));
      LAWTRAIL_RETURN_IF_ERROR(CheckString(a->title(), "attachment title", false, 1024));
    }
  }
  if (st.sealed() != nullptr) {
    for (const fb::SealedField* f : *st.sealed()) {
      LAWTRAIL_RETURN_IF_ERROR(CheckString(f->field(), "sealed field name", true, 128));
      LAWTRAIL_RETURN_IF_ERROR(CheckFixedBytes(f->commitment(), "sealed commitment", 32));
      LAWTRAIL_RETURN_IF_ERROR(CheckString(f->masked(), "sealed masked form", false, 1024));
    }
  }
  return CheckStatementText(st);
}

Status VerifyStatementBuffer(ByteView bytes) {
  if (bytes.size() < 8 || !flatbuffers::BufferHasIdentifier(bytes.data(), fb::StatementIdentifier())) {
    return Status::InvalidArgument("statement is not a lawtrail Statement FlatBuffer");
  }
  flatbuffers::Verifier verifier(bytes.data(), bytes.size());
  if (!fb::VerifyStatementBuffer(verifier)) {
    return Status::InvalidArgument("statement FlatBuffer is malformed");
  }
  return CheckStatementFields(*fb::GetStatement(bytes.data()));
}

Bytes SigningMessage(ByteView statement_bytes) {
  Bytes msg(kStatementContext.begin(), kStatementContext.end());
  msg.push_back(0);
  msg.insert(msg.end(), statement_bytes.begin(), statement_bytes.end());
  return msg;
}

}  // namespace

Result<ParsedStatement> ParseSignedStatement(Bytes signed_bytes) {
  if (signed_bytes.size() > kMaxSignedStatementBytes) {
    return Status::InvalidArgument("signed statement of " + std::to_string(signed_bytes.size()) +
                                   " bytes exceeds the limit of " + std::to_string(kMaxSignedStatementBytes) +
                                   " bytes");
  }
  if (signed_bytes.size() < 8 ||
      !flatbuffers::BufferHasIdentifier(signed_bytes.data(), fb::SignedStatementIdentifier())) {
    return Status::InvalidArgument("not a lawtrail SignedStatement FlatBuffer (identifier LTSS)");
  }
  flatbuffers::Verifier verifier(signed_bytes.data(), signed_bytes.size());
  if (!fb::VerifySignedStatementBuffer(verifier)) {
    return Status::InvalidArgument("signed statement FlatBuffer is malformed or truncated");
  }
  ParsedStatement p;
  p.signed_bytes = std::move(signed_bytes);
  p.signed_statement = fb::GetSignedStatement(p.signed_bytes.data());
  if (p.signed_statement->format_version() != kSignedStatementFormatVersion) {
    return Status::InvalidArgument("signed statement format version " +
                                   std::to_string(p.signed_statement->format_version()) + " is not supported");
  }
  LAWTRAIL_RETURN_IF_ERROR(CheckFixedBytes(p.signed_statement->signature(), "signature", 64));
  if (p.signed_statement->statement() == nullptr) {
    return Status::InvalidArgument("signed statement holds no statement");
  }
  // Canonical encodings align the nested statement for its 64-bit fields;
  // reading one that is not aligned would be undefined.
  if ((p.statement_bytes().data() - p.signed_bytes.data()) % 8 != 0) {
    return Status::InvalidArgument("signed statement's statement does not start on an 8-byte boundary");
  }
  LAWTRAIL_RETURN_IF_ERROR(VerifyStatementBuffer(p.statement_bytes()));
  p.statement = fb::GetStatement(p.signed_statement->statement()->data());
  std::copy_n(p.statement->event_id()->data(), kEventIdBytes, p.event_id.begin());
  std::copy_n(p.statement->actor()->key_id()->data(), 32, p.signer.begin());
  return p;
}

Status VerifyStatementSignature(const ParsedStatement& s) {
  const Bytes msg = SigningMessage(s.statement_bytes());
  const auto* sig = s.signed_statement->signature();
  if (!VerifySignature(s.signer, msg, ByteView(sig->data(), sig->size()))) {
    return Status::InvalidArgument("signature does not verify for key " + ToHex(s.signer).substr(0, 16) +
                                   "… (certificate " + s.statement->actor()->certificate_no()->str() + ")");
  }
  return Status::Ok();
}

Status CheckStatementBytes(ByteView statement_bytes) { return VerifyStatementBuffer(statement_bytes); }

Bytes SignStatement(ByteView statement_bytes, const KeyPair& key) {
  const Signature sig = key.Sign(SigningMessage(statement_bytes));
  return EncodeSignedStatement(statement_bytes, sig);
}

std::string EventIdHex(const EventId& id) { return ToHex(id); }

}  // namespace lawtrail
