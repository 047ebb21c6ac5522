// File: ledger/core/sha256.h
// -----------------------------------------------------------------------------
// SHA-256 through OpenSSL's EVP interface. Chosen over libsodium's portable C
// because OpenSSL uses the CPU's SHA extensions: about 3x faster on the 64-byte
// Merkle node inputs that dominate tree work (docs/performance.md).
// Thread-safe: each thread reuses its own digest context.
#ifndef LAWTRAIL_LEDGER_CORE_SHA256_H_
#define LAWTRAIL_LEDGER_CORE_SHA256_H_

#include <initializer_list>

#include "ledger/core/bytes.h"

namespace lawtrail {

// SHA-256 of the concatenation of `parts`.
Hash Sha256(std::initializer_list<ByteView> parts);
inline Hash Sha256(ByteView data) { return Sha256({data}); }

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_CORE_SHA256_H_
