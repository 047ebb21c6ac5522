// Changes a log's stored bytes through RocksDB's own API, outside lawtrail,
// the way an attacker with disk access would.
#ifndef LAWTRAIL_TESTS_SUPPORT_TAMPER_H_
#define LAWTRAIL_TESTS_SUPPORT_TAMPER_H_

#include <string>

#include "ledger/log/log_verifier.h"
#include "ledger/log/store.h"

namespace lawtrail::testing {

// Reads the value at `key`, flips one bit of byte `offset` (modulo its size),
// writes it back, and returns the original value so it can be restored.
std::string FlipByte(const std::string& dir, Cf cf, const std::string& key, size_t offset);
void PutRaw(const std::string& dir, Cf cf, const std::string& key, const std::string& value);
void DeleteRaw(const std::string& dir, Cf cf, const std::string& key);

// Runs the full verification of the (closed) log in `dir`.
VerifyReport VerifyDir(const std::string& dir, const std::string& vkey,
                       std::optional<std::string> trusted = std::nullopt);

// The state a follower reaches replaying `records` into an empty replica
// that trusts `vkey`; an error if it refuses any.
Result<Hash> ReplayedDigest(const std::string& vkey, const std::vector<Bytes>& records);

}  // namespace lawtrail::testing

#endif  // LAWTRAIL_TESTS_SUPPORT_TAMPER_H_
