// File: ledger/witness/add_checkpoint.h
// -----------------------------------------------------------------------------
// The body of a tlog-witness add-checkpoint request:
//
//   old <size>\n
//   <base64 hash>\n   (0 to 63 consistency proof lines)
//   \n
//   <signed checkpoint note>
//
// Parsing checks the framing only; the witness checks the rest.
#ifndef LAWTRAIL_LEDGER_WITNESS_ADD_CHECKPOINT_H_
#define LAWTRAIL_LEDGER_WITNESS_ADD_CHECKPOINT_H_

#include <string>
#include <string_view>
#include <vector>

#include "ledger/core/bytes.h"
#include "ledger/core/status.h"

namespace lawtrail::witness {

inline constexpr size_t kMaxProofLines = 63;

struct AddCheckpointRequest {
  uint64_t old_size = 0;
  std::vector<Bytes> proof;
  std::string checkpoint;  // the signed note
};

// InvalidArgument naming what is wrong: no "old" line, a size with leading
// zeroes or out of range, a line that is not base64 of 32 bytes, more than 63
// proof lines, no empty line, no checkpoint.
Result<AddCheckpointRequest> ParseAddCheckpoint(std::string_view body);

// The request body for `request` (what a log sends).
std::string FormatAddCheckpoint(const AddCheckpointRequest& request);

// The body of a 409 reply (text/x.tlog.size): the size the witness last
// cosigned, in decimal, then a newline.
std::string FormatTlogSize(uint64_t size);
Result<uint64_t> ParseTlogSize(std::string_view body);

}  // namespace lawtrail::witness

#endif  // LAWTRAIL_LEDGER_WITNESS_ADD_CHECKPOINT_H_
