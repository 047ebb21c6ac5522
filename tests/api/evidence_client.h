// A client that streams a large body from a generator, as a body-camera dock
// uploading a recording would: never holding the file, on a raw socket with
// the headers it is given. For the evidence store's upload tests and bench.
#ifndef LAWTRAIL_TESTS_API_EVIDENCE_CLIENT_H_
#define LAWTRAIL_TESTS_API_EVIDENCE_CLIENT_H_

#include <cstdint>
#include <functional>
#include <span>
#include <string>

#include "ledger/core/bytes.h"

namespace lawtrail::testing {

// A synthetic recording of `size` bytes: 1 MiB blocks of one pseudo-random
// pattern, each stamped with its block number, so that no two blocks are equal
// and any byte can be made again without storing the file.
class SyntheticFile {
 public:
  explicit SyntheticFile(uint64_t size);
  uint64_t size() const { return size_; }
  // Fills `out` with the bytes from `offset` (at most out.size(), fewer at the end); how many.
  size_t Read(uint64_t offset, std::span<uint8_t> out) const;
  // The SHA-256 of the whole file (computed by reading it through once).
  Hash Sha256() const;

 private:
  uint64_t size_;
  std::string block_;
};

struct StreamReply {
  unsigned status = 0;  // 0: the connection failed before an answer
  std::string head;     // status line and headers
  std::string body;
};

// PUTs bytes [from, to) of `file` to `target` with `headers` ("Name: value\r\n"
// lines), then reads the answer. `sent(n)` is told after each piece, with the
// bytes sent so far; returning false stops sending (the connection is then
// closed without an answer).
StreamReply PutStreamed(uint16_t port, const std::string& target, const SyntheticFile& file, uint64_t from, uint64_t to,
                        const std::string& headers, const std::function<bool(uint64_t)>& sent = nullptr);

// POSTs `body` to `target` and hands the answer's body to `sink` piece by
// piece as it arrives (a multi-GB original is never held); `reply.body` stays
// empty unless the answer is not a 200.
StreamReply PostForFile(uint16_t port, const std::string& target, const std::string& body, const std::string& headers,
                        const std::function<void(ByteView)>& sink);

}  // namespace lawtrail::testing

#endif  // LAWTRAIL_TESTS_API_EVIDENCE_CLIENT_H_
