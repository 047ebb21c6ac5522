#include "ledger/core/submission.h"

#include <sodium.h>

#include "ledger/core/log_format.h"
#include "ledger/core/sha256.h"
#include "schemas/submission_generated.h"

namespace lawtrail {

Result<Submission> ParseSubmission(Bytes bytes) {
  if (bytes.size() >= 8 && flatbuffers::BufferHasIdentifier(bytes.data(), fb::SignedStatementIdentifier())) {
    return Submission{std::move(bytes), {}};
  }
  if (bytes.size() > kMaxSignedStatementBytes * 2) {
    return Status::InvalidArgument("submission of " + std::to_string(bytes.size()) + " bytes is too large");
  }
  flatbuffers::Verifier verifier(bytes.data(), bytes.size());
  if (bytes.size() < 8 || !fb::SubmissionBufferHasIdentifier(bytes.data()) || !fb::VerifySubmissionBuffer(verifier)) {
    return Status::InvalidArgument("not a lawtrail SignedStatement (LTSS) nor a Submission (LTSB)");
  }
  const fb::Submission* sub = fb::GetSubmission(bytes.data());
  if (sub->signed_statement() == nullptr) {
    return Status::InvalidArgument("submission has no signed statement");
  }
  Submission out;
  out.signed_statement.assign(sub->signed_statement()->begin(), sub->signed_statement()->end());
  if (sub->openings() != nullptr) {
    for (const auto* o : *sub->openings()) {
      Opening opening;
      if (o->field() != nullptr) opening.field = o->field()->str();
      if (o->salt() != nullptr) opening.salt.assign(o->salt()->begin(), o->salt()->end());
      if (o->value() != nullptr) opening.value = o->value()->str();
      out.openings.push_back(std::move(opening));
    }
  }
  // The openings are kept (encrypted) and the statement stored: nothing may
  // ride in the wrapper that neither of them accounts for.
  const Bytes canonical = BuildSubmission(out.signed_statement, out.openings);
  if (canonical != bytes) {
    return Status::InvalidArgument("the submission holds bytes other than its signed statement and openings: it is " +
                                   std::to_string(bytes.size()) + " bytes, its one accepted encoding " +
                                   std::to_string(canonical.size()));
  }
  return out;
}

Bytes BuildSubmission(ByteView signed_statement, const std::vector<Opening>& openings) {
  flatbuffers::FlatBufferBuilder b(signed_statement.size() + 256 * openings.size() + 64);
  std::vector<flatbuffers::Offset<fb::Opening>> offsets;
  for (const Opening& o : openings) {
    offsets.push_back(fb::CreateOpening(b, b.CreateString(o.field), b.CreateVector(o.salt), b.CreateString(o.value)));
  }
  auto ss = b.CreateVector(signed_statement.data(), signed_statement.size());
  auto list = b.CreateVector(offsets);
  b.Finish(fb::CreateSubmission(b, ss, list), fb::SubmissionIdentifier());
  return Bytes(b.GetBufferPointer(), b.GetBufferPointer() + b.GetSize());
}

Hash CommitmentOf(ByteView salt, std::string_view value) { return Sha256({salt, AsBytes(value)}); }

Sealed Seal(std::string field, std::string value) {
  Sealed s;
  s.opening.field = std::move(field);
  s.opening.value = std::move(value);
  s.opening.salt.resize(kSaltBytes);
  randombytes_buf(s.opening.salt.data(), s.opening.salt.size());
  s.commitment = CommitmentOf(s.opening.salt, s.opening.value);
  return s;
}

}  // namespace lawtrail
