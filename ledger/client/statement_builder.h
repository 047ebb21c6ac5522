// File: ledger/client/statement_builder.h
// -----------------------------------------------------------------------------
// Builds Statement FlatBuffers: the client side of the log, used by the CLI,
// the demo generator and tests. Build the payload in `builder` first, then
// call FinishStatement in the same builder.
//
// Example:
//   flatbuffers::FlatBufferBuilder b;
//   auto memo = fb::CreateCaseMemoDirect(b, "现场检查", "……");
//   Bytes st = FinishStatement(b, header, fb::Payload::CaseMemo, memo.Union());
//   Bytes signed_statement = SignStatement(st, officer_key);
#ifndef LAWTRAIL_LEDGER_CLIENT_STATEMENT_BUILDER_H_
#define LAWTRAIL_LEDGER_CLIENT_STATEMENT_BUILDER_H_

#include <optional>
#include <string>
#include <vector>

#include "ledger/core/statement.h"

namespace lawtrail {

struct StatementHeader {
  EventId event_id{};
  std::string origin;
  std::string case_id;
  std::string certificate_no;
  PublicKey key{};
  int64_t occurred_at_ms = 0;
  std::optional<uint64_t> expected_case_version;
  std::optional<EventId> approval;  // the head's HeadApproved this act rests on
};

// A 文书 or other file named by its content hash (schemas/statement.fbs).
struct AttachmentInfo {
  Hash content_hash{};
  uint64_t size = 0;
  std::string media_type;
  std::string title;
  std::string doc_type;
  std::string doc_no;
  std::string template_id;
};

// A sealed private value as the statement shows it.
struct SealedFieldInfo {
  std::string field;
  Hash commitment{};
  std::string masked;
};

struct StatementExtras {
  std::vector<AttachmentInfo> attachments;
  std::vector<SealedFieldInfo> sealed;
};

Bytes FinishStatement(flatbuffers::FlatBufferBuilder& b, const StatementHeader& h, fb::Payload type,
                      flatbuffers::Offset<void> payload, const StatementExtras& extras = {});

// Event ids lead with the 48-bit millisecond time they were made at
// (big-endian, as in UUIDv7) and end with random bytes, so that ids made one
// after another sort one after another and the log's event-id index appends.
void StampEventId(EventId& id, int64_t ms);
EventId RandomEventId();
int64_t NowMs();

// The header of an act by `certificate_no` (holding `key`) in `case_id`,
// happening now, with a fresh event id.
StatementHeader HeaderNow(const std::string& origin, const std::string& case_id, const std::string& certificate_no,
                          const PublicKey& key);

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_CLIENT_STATEMENT_BUILDER_H_
