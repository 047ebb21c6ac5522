// Proof hashes as the byte strings the verifier functions take.
#ifndef LAWTRAIL_TESTS_SUPPORT_PROOF_HELPERS_H_
#define LAWTRAIL_TESTS_SUPPORT_PROOF_HELPERS_H_

#include <vector>

#include "ledger/core/bytes.h"

namespace lawtrail::testing {

inline std::vector<Bytes> AsBytesList(const std::vector<Hash>& hashes) {
  std::vector<Bytes> out;
  for (const Hash& h : hashes) out.emplace_back(h.begin(), h.end());
  return out;
}

}  // namespace lawtrail::testing

#endif  // LAWTRAIL_TESTS_SUPPORT_PROOF_HELPERS_H_
