// File: ledger/evidence/evidence_store.h
// -----------------------------------------------------------------------------
// The files themselves: every 执法文书, photo and recording a signed record
// names by its SHA-256, kept beside the log in a content-addressed folder
// (docs/evidence.md). The store knows nothing of records; its callers say
// which hashes the log references (the "evidence" view) and what a retention
// decision disposed of.
//
//   <root>/objects/ab/cd/<hex>     kept: a record references it (read-only, 0444)
//   <root>/staged/<hex>            uploaded before any record references it
//   <root>/uploads/<hex>.part      an upload under way or interrupted (resumable)
//   <root>/disposed/ab/<hex>.json  what a retention decision removed, and why
//   <root>/kept.log                every hash ever kept, with its size (scrub finds what vanished)
//   <root>/scrub.json              the last scrub's report
//
// A file enters the store only whole and only under the hash of its bytes:
// it is written under uploads/, hashed as it is written, synced, made
// read-only, renamed into place and its folder synced; a wrong hash removes
// the partial and keeps nothing. Nothing is overwritten, and nothing leaves
// except by Dispose (a retention decision the log recorded) or, for a staged
// file no record came to reference, by SweepStaged after a configured time.
//
// Thread-safe. Two uploads of one hash at once: the second is refused while
// the first holds the partial (an flock, which the kernel releases if the
// process dies, so a kill -9 leaves a partial the next upload resumes).
#ifndef LAWTRAIL_LEDGER_EVIDENCE_EVIDENCE_STORE_H_
#define LAWTRAIL_LEDGER_EVIDENCE_EVIDENCE_STORE_H_

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/core/bytes.h"
#include "ledger/core/mutex.h"
#include "ledger/core/sha256.h"
#include "ledger/core/status.h"

namespace lawtrail::evidence {

enum class State { kAbsent, kUploading, kStaged, kKept, kDisposed };
// "absent", "uploading", "staged", "kept", "disposed".
std::string_view StateName(State state);

// The hash as 64 lower-case hex digits, or an error naming what is wrong.
Result<Hash> ParseHash(std::string_view hex);

struct FileInfo {
  State state = State::kAbsent;
  uint64_t size = 0;     // of the stored file; of the partial while uploading
  std::string disposal;  // kDisposed: the tombstone (JSON: the record and the reason)
};

struct StoreOptions {
  std::string root;                             // e.g. DIR/evidence
  uint64_t max_file_bytes = uint64_t{1} << 40;  // one file at most (1 TiB)
};

// Why a file left the store: the EvidenceDisposed record that decided it.
struct Disposal {
  uint64_t record_index = 0;
  std::string case_id;
  std::string register_no;  // 销毁清册
  int64_t disposed_ms = 0;
};

struct ScrubProblem {
  Hash hash{};
  std::string what;  // "changed" (bytes no longer hash to the name) or "vanished" (kept, now gone)
  std::string detail;
};

struct ScrubReport {
  int64_t started_ms = 0, finished_ms = 0;
  uint64_t files = 0, bytes = 0;
  std::vector<ScrubProblem> problems;
};

class EvidenceStore;

// One upload in progress: bytes appended in order, hashed as they come.
// Destroying it without Finish leaves the partial for a later resume.
class Upload {
 public:
  ~Upload();
  Upload(const Upload&) = delete;
  Upload& operator=(const Upload&) = delete;

  const Hash& hash() const { return hash_; }
  uint64_t received() const { return received_; }
  Status Write(ByteView chunk);
  // All bytes are in: they must hash to hash(), else the partial is removed,
  // nothing is kept and the error names both hashes. The file is synced,
  // made read-only and renamed into place: kept when `keep` (a record
  // references it), else staged.
  Result<FileInfo> Finish(bool keep);
  // Gives the upload up and removes its partial.
  void Discard();

 private:
  friend class EvidenceStore;
  Upload(EvidenceStore& store, const Hash& hash, int fd, uint64_t received);
  EvidenceStore& store_;
  Hash hash_;
  int fd_;
  uint64_t received_;
  Sha256Stream sha_;
  bool done_ = false;
};

class EvidenceStore {
 public:
  // Opens the store at options.root, creating its folders if needed.
  static Result<std::unique_ptr<EvidenceStore>> Open(StoreOptions options);

  const StoreOptions& options() const { return options_; }

  FileInfo Info(const Hash& hash) const;
  // The path of a stored (kept or staged) file, for reading; NotFound otherwise.
  Result<std::string> PathOf(const Hash& hash) const;

  // Starts the upload of `hash` at `offset`: 0 starts afresh (dropping any
  // partial), otherwise it resumes an interrupted upload at exactly the bytes
  // it holds. Refused: a file already stored or disposed of (kAlreadyExists,
  // kFailedPrecondition), an upload of it under way (kAlreadyExists), an
  // offset other than the partial's size (kFailedPrecondition).
  Result<std::unique_ptr<Upload>> BeginUpload(const Hash& hash, uint64_t offset);

  // A staged file becomes kept (a record references it). Kept: nothing to do.
  Status Keep(const Hash& hash);
  // A retention decision removes the file; the tombstone keeps the hash and why.
  Status Dispose(const Hash& hash, const Disposal& why);
  // Staged files older than `max_age` that `referenced` does not claim are
  // removed; claimed ones are kept. Returns how many of each.
  struct Swept {
    size_t kept = 0, removed = 0;
  };
  Result<Swept> SweepStaged(const std::function<bool(const Hash&)>& referenced, std::chrono::seconds max_age);

  // Re-hashes every stored file and checks every hash ever kept is still
  // here (or disposed of); saves the report as the last scrub.
  Result<ScrubReport> Scrub();
  // The last scrub's report, if a scrub ever ran.
  Result<ScrubReport> LastScrub() const;

  // Every kept hash and its size, as kept.log lists them.
  Result<std::vector<std::pair<Hash, uint64_t>>> KeptFiles() const;

 private:
  friend class Upload;
  explicit EvidenceStore(StoreOptions options) : options_(std::move(options)) {}
  std::string ObjectPath(const Hash& hash) const;
  std::string StagedPath(const Hash& hash) const;
  std::string PartialPath(const Hash& hash) const;
  std::string TombstonePath(const Hash& hash) const;
  // Moves a finished partial (synced, read-only) to where it belongs.
  Result<FileInfo> Place(const Hash& hash, uint64_t size, bool keep);
  Status AppendKept(const Hash& hash, uint64_t size) LAWTRAIL_REQUIRES(mu_);

  StoreOptions options_;
  // Serialises moves between staged, kept and disposed, and kept.log.
  mutable Mutex mu_;
};

}  // namespace lawtrail::evidence

#endif  // LAWTRAIL_LEDGER_EVIDENCE_EVIDENCE_STORE_H_
