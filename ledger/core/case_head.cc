#include "ledger/core/case_head.h"

#include <algorithm>

namespace lawtrail {

std::string EncodeCaseHead(const CaseHead& head) {
  std::string v;
  AppendBigEndian64(v, head.version);
  v.append(AsChars(head.leaf_hash));
  return v;
}

Result<CaseHead> DecodeCaseHead(std::string_view value) {
  if (value.size() != 40) return Status::Corruption("case index entry is malformed");
  CaseHead head;
  head.version = ReadBigEndian64(reinterpret_cast<const uint8_t*>(value.data()));
  std::copy_n(reinterpret_cast<const uint8_t*>(value.data()) + 8, 32, head.leaf_hash.begin());
  return head;
}

}  // namespace lawtrail
