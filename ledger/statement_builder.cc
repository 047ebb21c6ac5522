#include "ledger/statement_builder.h"

#include <sodium.h>

#include <chrono>

#include "ledger/log_format.h"

namespace lawtrail {

Bytes FinishStatement(flatbuffers::FlatBufferBuilder& b, const StatementHeader& h,
                      fb::Payload type, flatbuffers::Offset<void> payload) {
  auto key = b.CreateVector(h.key.data(), h.key.size());
  auto certificate = b.CreateString(h.certificate_no);
  auto actor = fb::CreateActor(b, certificate, key);
  auto event_id = b.CreateVector(h.event_id.data(), h.event_id.size());
  auto origin = b.CreateString(h.origin);
  auto case_id = b.CreateString(h.case_id);
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
  b.Finish(sb.Finish(), fb::StatementIdentifier());
  return Bytes(b.GetBufferPointer(), b.GetBufferPointer() + b.GetSize());
}

EventId RandomEventId() {
  EventId id;
  randombytes_buf(id.data(), id.size());
  return id;
}

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace lawtrail
