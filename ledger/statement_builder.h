// File: ledger/statement_builder.h
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
#ifndef LAWTRAIL_LEDGER_STATEMENT_BUILDER_H_
#define LAWTRAIL_LEDGER_STATEMENT_BUILDER_H_

#include <optional>
#include <string>

#include "ledger/statement.h"

namespace lawtrail {

struct StatementHeader {
  EventId event_id{};
  std::string origin;
  std::string case_id;
  std::string certificate_no;
  PublicKey key{};
  int64_t occurred_at_ms = 0;
  std::optional<uint64_t> expected_case_version;
};

Bytes FinishStatement(flatbuffers::FlatBufferBuilder& b, const StatementHeader& h,
                      fb::Payload type, flatbuffers::Offset<void> payload);

EventId RandomEventId();
int64_t NowMs();

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_STATEMENT_BUILDER_H_
