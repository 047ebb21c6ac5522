#include "ledger/client/statement_builder.h"

#include <chrono>

#include <sodium.h>

#include "ledger/core/canonical.h"
#include "ledger/core/log_format.h"

namespace lawtrail {

Bytes FinishStatement(flatbuffers::FlatBufferBuilder& b, const StatementHeader& h, fb::Payload type,
                      flatbuffers::Offset<void> payload, const StatementExtras& extras) {
  auto opt = [&b](const std::string& v) { return v.empty() ? 0 : b.CreateString(v); };
  flatbuffers::Offset<flatbuffers::Vector<flatbuffers::Offset<fb::Attachment>>> attachments;
  if (!extras.attachments.empty()) {
    std::vector<flatbuffers::Offset<fb::Attachment>> list;
    for (const AttachmentInfo& a : extras.attachments) {
      list.push_back(fb::CreateAttachment(b, b.CreateVector(a.content_hash.data(), a.content_hash.size()), a.size,
                                          opt(a.media_type), opt(a.title), opt(a.doc_type), opt(a.doc_no),
                                          opt(a.template_id)));
    }
    attachments = b.CreateVector(list);
  }
  flatbuffers::Offset<flatbuffers::Vector<flatbuffers::Offset<fb::SealedField>>> sealed;
  if (!extras.sealed.empty()) {
    std::vector<flatbuffers::Offset<fb::SealedField>> list;
    for (const SealedFieldInfo& f : extras.sealed) {
      list.push_back(fb::CreateSealedField(b, b.CreateString(f.field),
                                           b.CreateVector(f.commitment.data(), f.commitment.size()),
                                           b.CreateString(f.masked)));
    }
    sealed = b.CreateVector(list);
  }
  auto key = b.CreateVector(h.key.data(), h.key.size());
  auto certificate = b.CreateString(h.certificate_no);
  auto actor = fb::CreateActor(b, certificate, key);
  auto event_id = b.CreateVector(h.event_id.data(), h.event_id.size());
  auto origin = b.CreateString(h.origin);
  auto case_id = b.CreateString(h.case_id);
  flatbuffers::Offset<flatbuffers::Vector<uint8_t>> approval;
  if (h.approval) approval = b.CreateVector(h.approval->data(), h.approval->size());
  fb::StatementBuilder sb(b);
  sb.add_format_version(kStatementFormatVersion);
  sb.add_event_id(event_id);
  sb.add_origin(origin);
  sb.add_case_id(case_id);
  sb.add_payload_type(type);
  sb.add_payload(payload);
  sb.add_actor(actor);
  sb.add_occurred_at_ms(h.occurred_at_ms);
  if (h.expected_case_version) sb.add_expected_case_version(*h.expected_case_version);
  if (!attachments.IsNull()) sb.add_attachments(attachments);
  if (!sealed.IsNull()) sb.add_sealed(sealed);
  if (!approval.IsNull()) sb.add_approval_event_id(approval);
  b.Finish(sb.Finish(), fb::StatementIdentifier());
  // The builder above lays fields out in its own order; the log accepts only
  // the one encoding of the value (ledger/core/canonical.h).
  return CanonicalStatement(ByteView(b.GetBufferPointer(), b.GetSize()));
}

void StampEventId(EventId& id, int64_t ms) {
  const uint64_t t = static_cast<uint64_t>(std::max<int64_t>(0, ms));
  for (int i = 0; i < 6; ++i) id[static_cast<size_t>(i)] = static_cast<uint8_t>(t >> (8 * (5 - i)));
}

EventId RandomEventId() {
  EventId id;
  randombytes_buf(id.data(), id.size());
  StampEventId(id, NowMs());
  return id;
}

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

StatementHeader HeaderNow(const std::string& origin, const std::string& case_id, const std::string& certificate_no,
                          const PublicKey& key) {
  StatementHeader h;
  h.event_id = RandomEventId();
  h.origin = origin;
  h.case_id = case_id;
  h.certificate_no = certificate_no;
  h.key = key;
  h.occurred_at_ms = NowMs();
  return h;
}

}  // namespace lawtrail
