#include "ledger/client/statement_stream.h"

#include "ledger/core/log_format.h"

namespace lawtrail {

Result<std::optional<Bytes>> StatementStreamReader::Next() {
  uint8_t prefix[4];
  const size_t got = std::fread(prefix, 1, 4, in_);
  if (got == 0 && std::feof(in_)) return std::optional<Bytes>();
  if (got != 4) {
    return Status::InvalidArgument("stream ends inside a length prefix at byte " + std::to_string(offset_));
  }
  const uint64_t start = offset_;
  offset_ += 4;
  const uint32_t n = prefix[0] | prefix[1] << 8 | prefix[2] << 16 | static_cast<uint32_t>(prefix[3]) << 24;
  if (n > kMaxSignedStatementBytes) {
    Status skipped = Skip(n);
    if (!skipped.ok()) return skipped;
    return Status::InvalidArgument("statement at byte " + std::to_string(start) + " has " + std::to_string(n) +
                                   " bytes, over the limit of " + std::to_string(kMaxSignedStatementBytes));
  }
  Bytes buf(n);
  if (std::fread(buf.data(), 1, n, in_) != n) {
    return Status::InvalidArgument("stream is truncated: statement at byte " + std::to_string(start) + " needs " +
                                   std::to_string(n) + " bytes");
  }
  offset_ += n;
  return std::optional<Bytes>(std::move(buf));
}

Status StatementStreamReader::Skip(uint64_t n) {
  char buf[65536];
  while (n > 0) {
    const size_t want = n < sizeof buf ? n : sizeof buf;
    const size_t got = std::fread(buf, 1, want, in_);
    offset_ += got;
    if (got != want) {
      return Status::InvalidArgument("stream is truncated inside an oversized statement");
    }
    n -= got;
  }
  return Status::Ok();
}

void AppendFramedStatement(std::string& out, ByteView statement) {
  const auto n = static_cast<uint32_t>(statement.size());
  for (int shift = 0; shift < 32; shift += 8) out.push_back(static_cast<char>((n >> shift) & 0xff));
  out.append(AsChars(statement));
}

Status WriteFramedStatement(std::FILE* out, ByteView statement) {
  std::string framed;
  AppendFramedStatement(framed, statement);
  if (std::fwrite(framed.data(), 1, framed.size(), out) != framed.size()) {
    return Status::IOError("writing a statement to the output failed");
  }
  return Status::Ok();
}

}  // namespace lawtrail
