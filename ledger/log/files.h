// File: ledger/log/files.h
// -----------------------------------------------------------------------------
// Small, durable file operations: a file is written to a temporary name in the
// same folder, synced, renamed into place and the folder synced, so a crash
// leaves either the old file or the whole new one, never a torn one.
#ifndef LAWTRAIL_LEDGER_LOG_FILES_H_
#define LAWTRAIL_LEDGER_LOG_FILES_H_

#include <string>
#include <string_view>

#include "ledger/core/status.h"

namespace lawtrail {

// Writes `content` to `path` durably with permission bits `mode`. With
// `exclusive`, fails with kAlreadyExists if `path` exists.
Status WriteFileDurably(const std::string& path, std::string_view content, unsigned mode, bool exclusive);

Result<std::string> ReadFile(const std::string& path);

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_LOG_FILES_H_
