// File: ledger/client/statement_stream.h
// -----------------------------------------------------------------------------
// The stream format of signed statements between `lawtrail sign`, `demo
// --emit` and `append`: each statement is a FlatBuffers size-prefixed buffer,
// a 4-byte little-endian length followed by that many bytes.
#ifndef LAWTRAIL_LEDGER_CLIENT_STATEMENT_STREAM_H_
#define LAWTRAIL_LEDGER_CLIENT_STATEMENT_STREAM_H_

#include <cstdio>
#include <optional>

#include "ledger/core/bytes.h"

namespace lawtrail {

class StatementStreamReader {
 public:
  // Reads from `in`, which must outlive the reader.
  explicit StatementStreamReader(std::FILE* in) : in_(in) {}

  // The next statement's bytes; nullopt at a clean end of stream. An
  // oversized statement is skipped and reported as an error; the stream can
  // go on. A truncated one ends the stream with an error.
  Result<std::optional<Bytes>> Next();
  uint64_t offset() const { return offset_; }

 private:
  Status Skip(uint64_t n);
  std::FILE* in_;
  uint64_t offset_ = 0;
};

Status WriteFramedStatement(std::FILE* out, ByteView statement);
// Appends one framed statement to `out` (for request bodies built in memory).
void AppendFramedStatement(std::string& out, ByteView statement);

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_CLIENT_STATEMENT_STREAM_H_
