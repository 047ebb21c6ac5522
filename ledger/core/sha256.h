// File: ledger/core/sha256.h
// -----------------------------------------------------------------------------
// SHA-256 through OpenSSL's EVP interface. Chosen over libsodium's portable C
// because OpenSSL uses the CPU's SHA extensions: about 3x faster on the 64-byte
// Merkle node inputs that dominate tree work (docs/performance.md).
// Thread-safe: each thread reuses its own digest context.
#ifndef LAWTRAIL_LEDGER_CORE_SHA256_H_
#define LAWTRAIL_LEDGER_CORE_SHA256_H_

#include <initializer_list>
#include <memory>

#include "ledger/core/bytes.h"

namespace lawtrail {

// SHA-256 of the concatenation of `parts`.
Hash Sha256(std::initializer_list<ByteView> parts);
inline Hash Sha256(ByteView data) { return Sha256({data}); }

// SHA-256 of data given piece by piece: a file streamed from a socket or a
// disk is hashed as it passes, never held whole.
class Sha256Stream {
 public:
  Sha256Stream();
  ~Sha256Stream();
  Sha256Stream(const Sha256Stream&) = delete;
  Sha256Stream& operator=(const Sha256Stream&) = delete;

  void Update(ByteView data);
  // The digest of everything given since construction or the last Final;
  // the stream starts again empty.
  Hash Final();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_CORE_SHA256_H_
