#include "ledger/witness/witness.h"

#include "ledger/core/cosignature.h"
#include "ledger/core/merkle.h"

namespace lawtrail::witness {
namespace {

Reply Error(int status, std::string message) { return Reply{status, "text/plain; charset=utf-8", message + "\n"}; }

}  // namespace

Witness::Witness(std::string name, KeyPair key, std::vector<note::Verifier> logs, WitnessState& state,
                 std::function<uint64_t()> clock)
    : name_(std::move(name)), key_(std::move(key)), clock_(std::move(clock)), state_(state) {
  for (note::Verifier& log : logs) logs_.emplace(log.name, std::move(log));
}

std::string Witness::vkey() const { return cosig::EncodeVerifier(name_, key_.public_key()); }

Reply Witness::AddCheckpoint(std::string_view body) {
  auto request = ParseAddCheckpoint(body);
  if (!request.ok()) return Error(400, request.status().message());
  return AddCheckpoint(*request);
}

Reply Witness::AddCheckpoint(const AddCheckpointRequest& request) {
  auto unverified = ParseCheckpointNoteUnverified(request.checkpoint);
  if (!unverified.ok()) return Error(400, "checkpoint: " + unverified.status().message());
  const auto log = logs_.find(unverified->origin);
  if (log == logs_.end()) return Error(404, "unknown log origin '" + unverified->origin + "'");
  auto checkpoint = OpenCheckpoint(request.checkpoint, log->second);
  if (!checkpoint.ok()) {
    const StatusCode code = checkpoint.status().code();
    // No signature by the trusted key, or one by it that fails: 403. Anything else is a malformed note.
    if (code == StatusCode::kNotFound || code == StatusCode::kCorruption) {
      return Error(403, "no valid signature by the log's key: " + checkpoint.status().message());
    }
    return Error(400, "checkpoint: " + checkpoint.status().message());
  }
  if (request.old_size > checkpoint->size) {
    return Error(400, "old size " + std::to_string(request.old_size) + " is above the checkpoint's size " +
                          std::to_string(checkpoint->size));
  }
  if (vouch_) {
    // Outside the lock: the check may wait for the mirror to catch up.
    const Status vouched = vouch_(*checkpoint);
    if (vouched.code() == StatusCode::kUnavailable) return Error(503, vouched.message());
    if (vouched.code() == StatusCode::kCorruption) {
      MutexLock lock(mu_);
      return Misbehaved(request, checkpoint->origin, "the records it verified disagree: " + vouched.message());
    }
    if (!vouched.ok()) return Error(500, vouched.message());
  }
  MutexLock lock(mu_);
  return CheckAndCosign(request, *checkpoint);
}

Reply Witness::CheckAndCosign(const AddCheckpointRequest& request, const Checkpoint& checkpoint) {
  auto latest = state_.Latest(checkpoint.origin);
  if (!latest.ok()) return Error(500, latest.status().message());
  const uint64_t cosigned_size = *latest ? (*latest)->size : 0;
  if (request.old_size != cosigned_size) {
    return Reply{409, "text/x.tlog.size", FormatTlogSize(cosigned_size)};
  }
  if (checkpoint.size == 0 && checkpoint.root != merkle::EmptyRoot()) {
    return Error(422, "a checkpoint of size 0 must have the empty tree's root");
  }
  if (request.old_size == 0 && !request.proof.empty()) {
    return Error(422, "from size 0 the consistency proof must be empty");
  }
  if (*latest && request.old_size == checkpoint.size && (*latest)->root != checkpoint.root) {
    return Misbehaved(
        request, checkpoint.origin,
        "a second root for size " + std::to_string(checkpoint.size) + ", which was cosigned with another");
  }
  if (*latest && request.old_size < checkpoint.size && request.old_size > 0) {
    Status consistent =
        merkle::VerifyConsistency(request.old_size, checkpoint.size, (*latest)->root, checkpoint.root, request.proof);
    if (!consistent.ok()) {
      return Misbehaved(
          request, checkpoint.origin,
          "not consistent with the cosigned size " + std::to_string(request.old_size) + ": " + consistent.message());
    }
  }
  if (*latest && (*latest)->size == checkpoint.size && (*latest)->cosigned_at != 0) {
    // The same checkpoint again (its root was checked above): the same
    // cosignature, so one size never yields two signatures to choose from.
    return Reply{200, "text/plain; charset=utf-8",
                 cosig::Cosign(name_, key_, checkpoint.Body(), (*latest)->cosigned_at)};
  }
  const uint64_t now = clock_();
  Status saved =
      state_.SetLatest(checkpoint.origin, Cosigned{checkpoint.size, checkpoint.root, request.checkpoint, now});
  if (!saved.ok()) return Error(500, saved.message());
  return Reply{200, "text/plain; charset=utf-8", cosig::Cosign(name_, key_, checkpoint.Body(), now)};
}

Reply Witness::Misbehaved(const AddCheckpointRequest& request, const std::string& origin, const std::string& reason) {
  // The log signed it: kept as proof, whatever the caller does next.
  // The request as the log sent it, in its one encoding (the signed checkpoint byte for byte).
  Status kept = state_.AddEvidence(Evidence{origin, reason, FormatAddCheckpoint(request)});
  if (!kept.ok()) return Error(500, kept.message());
  return Error(422, reason);
}

Reply Witness::Latest(std::string_view origin) {
  MutexLock lock(mu_);
  auto latest = state_.Latest(std::string(origin));
  if (!latest.ok()) return Error(500, latest.status().message());
  if (!*latest) return Error(404, "no checkpoint cosigned for '" + std::string(origin) + "'");
  auto checkpoint = ParseCheckpointNoteUnverified((*latest)->checkpoint);
  if (!checkpoint.ok()) return Error(500, checkpoint.status().message());
  // The note as the log signed it, with this witness's cosignature added.
  return Reply{200, "text/plain; charset=utf-8",
               (*latest)->checkpoint + cosig::Cosign(name_, key_, checkpoint->Body(),
                                                     (*latest)->cosigned_at != 0 ? (*latest)->cosigned_at : clock_())};
}

}  // namespace lawtrail::witness
