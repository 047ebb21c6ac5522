// File: ledger/core/case_head.h
// -----------------------------------------------------------------------------
// The head of a case's chain: its version (the number of its records) and the
// leaf hash of its latest record. Stored as the value of the case index entry
// of that record: version (8 bytes, big-endian) ‖ leaf hash (32 bytes).
#ifndef LAWTRAIL_LEDGER_CORE_CASE_HEAD_H_
#define LAWTRAIL_LEDGER_CORE_CASE_HEAD_H_

#include <string>
#include <string_view>

#include "ledger/core/bytes.h"

namespace lawtrail {

struct CaseHead {
  uint64_t version = 0;  // 0: the case has no record yet
  Hash leaf_hash{};
  bool operator==(const CaseHead&) const = default;
};

std::string EncodeCaseHead(const CaseHead& head);
Result<CaseHead> DecodeCaseHead(std::string_view value);

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_CORE_CASE_HEAD_H_
