#include "ledger/core/record_check.h"

#include <algorithm>

#include "ledger/core/canonical.h"

namespace lawtrail {

Result<OpenedRecord> OpenRecord(ByteView bytes, uint64_t index) {
  OpenedRecord o;
  o.bytes = bytes;
  o.leaf = merkle::LeafHash(o.bytes);
  LAWTRAIL_ASSIGN_OR_RETURN(RecordView rv, ParseRecord(o.bytes));
  o.record = rv.record;
  if (o.record->index() != index) {
    return Status::Corruption("record says it is index " + std::to_string(o.record->index()));
  }
  if (Status s = CheckCanonicalRecord(o.bytes, *o.record); !s.ok()) return Status::Corruption(s.message());
  auto parsed = ParseSignedStatement(Bytes(rv.signed_statement.begin(), rv.signed_statement.end()));
  if (!parsed.ok()) return Status::Corruption("signed statement: " + parsed.status().message());
  if (Status s = CheckCanonicalSignedStatement(*parsed); !s.ok()) return Status::Corruption(s.message());
  if (Status sig = VerifyStatementSignature(*parsed); !sig.ok()) {
    return Status::Corruption("bad signature: " + sig.message());
  }
  o.statement = std::move(*parsed);
  return o;
}

Status CheckCaseLink(const fb::Record& record, const CaseHead& head, std::string_view case_id) {
  if (record.case_version() != head.version + 1) {
    return Status::Corruption("broken case chain: case '" + std::string(case_id) + "' version " +
                              std::to_string(record.case_version()) + " follows version " +
                              std::to_string(head.version));
  }
  const auto* prev = record.prev_case_leaf_hash();
  const bool linked = head.version == 0 ? (prev == nullptr || prev->size() == 0)
                                        : (prev != nullptr && prev->size() == 32 &&
                                           std::equal(prev->begin(), prev->end(), head.leaf_hash.begin()));
  if (!linked) {
    return Status::Corruption("broken case chain: previous leaf hash of case '" + std::string(case_id) +
                              "' does not match");
  }
  return Status::Ok();
}

Status AdmissionRefused(const Status& why) {
  const Status refused = Status::Corruption(
      "would not have been admitted: " + (why.rule().empty() ? "" : "[" + why.rule() + "] ") + why.message());
  return why.rule().empty() ? refused : refused.WithRule(why.rule());
}

}  // namespace lawtrail
