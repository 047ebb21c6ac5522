// File: ledger/core/record_check.h
// -----------------------------------------------------------------------------
// The checks every reader that trusts nothing applies to a record it did not
// write: `lawtrail verify` over a stored log, and a replica over records that
// arrive from the primary. Split by what they need:
//  - OpenRecord: the record alone (structure, index, signature); pure, so it
//    runs on every core;
//  - CheckCaseLink / AdmissionRefused: the record against the log before it,
//    replayed in index order.
#ifndef LAWTRAIL_LEDGER_CORE_RECORD_CHECK_H_
#define LAWTRAIL_LEDGER_CORE_RECORD_CHECK_H_

#include <string_view>

#include "ledger/core/case_head.h"
#include "ledger/core/merkle.h"
#include "ledger/core/record.h"
#include "ledger/core/statement.h"

namespace lawtrail {

// Views into the caller's record bytes, which must outlive it.
struct OpenedRecord {
  ByteView bytes;                      // the record exactly as received
  Hash leaf{};                         // its RFC 9162 leaf hash
  const fb::Record* record = nullptr;  // points into `bytes`
  ParsedStatement statement;           // signature verified
};

// Parses record `index` and verifies the signature of the statement it holds.
// Errors are kCorruption and say what is wrong with the record.
Result<OpenedRecord> OpenRecord(ByteView bytes, uint64_t index);

// OK iff `record` extends the chain of case `case_id` whose head before it is
// `head`: the next version, linked to the previous record's leaf hash.
Status CheckCaseLink(const fb::Record& record, const CaseHead& head, std::string_view case_id);

// The error for a record whose statement the admission rule refuses, when
// replayed: the log should never have accepted it.
Status AdmissionRefused(const Status& why);

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_CORE_RECORD_CHECK_H_
