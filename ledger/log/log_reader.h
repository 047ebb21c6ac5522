// File: ledger/log/log_reader.h
// -----------------------------------------------------------------------------
// The read side of one log: records, case histories, leaf hashes, proofs and
// checkpoints. Works on a read-write store (inside the writer) or on a
// read-only one opened while another process writes.
// Thread-safe: holds no mutable state of its own.
#ifndef LAWTRAIL_LEDGER_LOG_LOG_READER_H_
#define LAWTRAIL_LEDGER_LOG_LOG_READER_H_

#include <functional>
#include <optional>

#include "ledger/core/checkpoint.h"
#include "ledger/core/statement.h"
#include "ledger/log/store.h"
#include "ledger/replay/admission.h"

namespace lawtrail {

class LogReader {
 public:
  // `store` must outlive the reader.
  explicit LogReader(Store& store) : store_(store) {}

  Result<std::string> Origin() const;
  // Number of records: the tree size as of the last committed batch.
  Result<uint64_t> Size() const;

  Result<Bytes> RecordBytes(uint64_t index) const;
  Result<Hash> LeafHashAt(uint64_t index) const;
  Result<Hash> RootAt(uint64_t size) const;
  Result<std::optional<uint64_t>> FindEvent(const EventId& id) const;
  Result<std::optional<CaseHead>> CaseHeadOf(std::string_view case_id) const;
  // The case's head as of the first `size` records, and the index of that
  // head's record; nullopt if the case had no record by then.
  Result<std::optional<std::pair<uint64_t, CaseHead>>> CaseHeadBefore(std::string_view case_id, uint64_t size) const;
  // Calls `visit` with every case's current head and its record's index, in
  // the case index's order.
  Status ForEachCaseHead(
      const std::function<Status(std::string_view case_id, uint64_t index, const CaseHead&)>& visit) const;

  // Calls `visit` with each record of `case_id`, in log order; stops early
  // (returning that status) if `visit` returns an error.
  Status ForEachCaseRecord(std::string_view case_id, const std::function<Status(uint64_t, const Bytes&)>& visit) const;

  // Calls `visit` with records [from, to) in index order through one
  // iterator (the replay path of projectors); the bytes are valid only during
  // the call. Stops early with `visit`'s error.
  Status ScanRecords(uint64_t from, uint64_t to, const std::function<Status(uint64_t, ByteView)>& visit) const;
  // The same, with each record's flags ("" if it raised none), read beside
  // the records through a second iterator.
  Status ScanRecordsWithFlags(uint64_t from, uint64_t to,
                              const std::function<Status(uint64_t, ByteView, std::string_view)>& visit) const;
  // The flags admission raised for record `index` ("rule\tmessage" lines).
  Result<std::string> FlagsAt(uint64_t index) const;

  // RFC 9162 proofs against the tree of `size` records.
  Result<std::vector<Hash>> InclusionProof(uint64_t index, uint64_t size) const;
  Result<std::vector<Hash>> ConsistencyProof(uint64_t old_size, uint64_t size) const;
  // One proof for many leaves (merkle::MultiInclusionRanges), read in one call.
  Result<std::vector<Hash>> MultiInclusionProof(std::span<const uint64_t> leaves, uint64_t size) const;

  // The newest stored checkpoint note, if any.
  Result<std::optional<std::string>> LatestCheckpoint() const;
  Result<std::optional<std::string>> CheckpointAt(uint64_t size) const;
  // Calls `visit` with each stored checkpoint of size >= `from_size`, the
  // smallest first; the note is valid only during the call.
  // The sizes ≥ `from_size` whose checkpoint is a random-inspection draw's
  // seed (keys::SeedCheckpoint), ascending: every witness must cosign them.
  Result<std::vector<uint64_t>> SeedCheckpointSizes(uint64_t from_size) const;
  Status ScanCheckpoints(uint64_t from_size,
                         const std::function<Status(uint64_t size, std::string_view note)>& visit) const;
  // The checkpoint the log publishes (/checkpoint, `lawtrail checkpoint`,
  // exports, the relay): when witnesses cosign the log's checkpoints, the one
  // `serve` published with its cosignatures; otherwise the newest.
  Result<std::optional<std::string>> PublishedCheckpoint() const;
  // The size `serve` published with cosignatures; nullopt when witnesses do not gate publication.
  Result<std::optional<uint64_t>> PublishedSize() const;
  // The checkpoint of `size` with the cosignatures gathered for it, if any.
  Result<std::optional<std::string>> CosignedAt(uint64_t size) const;
  // The RFC 3161 token over the body of the checkpoint of `size`, if one was obtained.
  Result<std::optional<std::string>> TimestampAt(uint64_t size) const;
  // The checkpoint of `size` with its cosignatures when it has some, else as the log signed it.
  Result<std::optional<std::string>> CheckpointWithCosignaturesAt(uint64_t size) const;

 private:
  Status CheckSize(uint64_t size) const;
  Status Scan(uint64_t from, uint64_t to, bool with_flags,
              const std::function<Status(uint64_t, ByteView, std::string_view)>& visit) const;
  Store& store_;
};

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_LOG_LOG_READER_H_
