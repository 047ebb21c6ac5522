// File: ledger/core/log_format.h
// -----------------------------------------------------------------------------
// Constants of the log's formats. The grammar is in docs/record-format.md;
// change nothing here without changing that document and the format version.
#ifndef LAWTRAIL_LEDGER_CORE_LOG_FORMAT_H_
#define LAWTRAIL_LEDGER_CORE_LOG_FORMAT_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace lawtrail {

// Ed25519 signatures cover kStatementContext ‖ 0x00 ‖ statement bytes, so a
// statement signature can never be confused with any other lawtrail signature.
inline constexpr std::string_view kStatementContext = "lawtrail/statement/v1";

inline constexpr uint16_t kStatementFormatVersion = 1;
inline constexpr uint16_t kSignedStatementFormatVersion = 1;
inline constexpr uint16_t kRecordFormatVersion = 1;

inline constexpr size_t kEventIdBytes = 16;
inline constexpr size_t kMaxSignedStatementBytes = 128 * 1024;
inline constexpr size_t kMaxCaseIdBytes = 256;

// Registry events live in this reserved case; case ids that start with '@'
// are reserved for the log itself.
inline constexpr std::string_view kRegistryCaseId = "@registry";
// The random-inspection draws (双随机): announcements, results, recusals.
inline constexpr std::string_view kDrawsCaseId = "@draws";
inline constexpr std::string_view kRootCertificateNo = "root";

// A statement may claim to have happened at most this far after the time
// the log records it (clock skew between a field device and the log).
inline constexpr int64_t kMaxClockSkewMs = 5 * 60 * 1000;

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_CORE_LOG_FORMAT_H_
