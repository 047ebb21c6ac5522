// File: ledger/core/record.h
// -----------------------------------------------------------------------------
// Records: what the log stores and hashes. Built once by the sequencer and
// never re-serialised; every reader hashes the stored bytes as they are.
#ifndef LAWTRAIL_LEDGER_CORE_RECORD_H_
#define LAWTRAIL_LEDGER_CORE_RECORD_H_

#include <memory>
#include <optional>

#include "ledger/core/bytes.h"
#include "ledger/core/statement.h"
#include "schemas/record_generated.h"

namespace lawtrail {

struct RecordFields {
  uint64_t index = 0;
  int64_t time_recorded_ms = 0;
  uint64_t case_version = 0;
  std::optional<Hash> prev_case_leaf_hash;  // none for a case's first record
  ByteView signed_statement;
};

Bytes BuildRecord(const RecordFields& fields);

// A stored record, checked structurally. Views point into the caller's bytes,
// or, when those do not start on an 8-byte boundary (RocksDB hands out
// values anywhere in a block), into an aligned copy the view keeps.
struct RecordView {
  const fb::Record* record = nullptr;
  ByteView signed_statement;
  std::shared_ptr<const Bytes> aligned_copy;
};

// Verifies the Record FlatBuffer (identifier, bounds, version, hash sizes).
// The nested signed statement is checked separately with ParseSignedStatement.
Result<RecordView> ParseRecord(ByteView bytes);

// The statement a stored record holds, parsed (its signature not checked):
// for readers of records the log already verified. Errors name the index.
Result<ParsedStatement> StatementOfRecord(ByteView bytes, uint64_t index);

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_CORE_RECORD_H_
