#include "ledger/client/internal/draft.h"

#include "ledger/core/sha256.h"
#include "ledger/domain/sealed_fields.h"

namespace lawtrail::domain {

Draft::Draft(StatementHeader header, std::function<void(Bytes&)> salt_source)
    : header_(std::move(header)), salt_source_(std::move(salt_source)), b_(1024) {}

std::string Draft::Seal(std::string field, std::string value) {
  Opening o;
  if (salt_source_) {
    o.salt.resize(kSaltBytes);
    salt_source_(o.salt);
  } else {
    Sealed fresh = lawtrail::Seal(field, value);
    o.salt = std::move(fresh.opening.salt);
  }
  o.field = field;
  o.value = std::move(value);
  std::string masked = MaskFor(field, o.value);
  extras_.sealed.push_back({std::move(field), CommitmentOf(o.salt, o.value), masked});
  openings_.push_back(std::move(o));
  return masked;
}

void Draft::Attach(const DocumentInfo& doc, std::string_view content) {
  extras_.attachments.push_back(
      {Sha256(AsBytes(content)), content.size(), doc.media_type, doc.title, doc.doc_type, doc.doc_no, doc.template_id});
}

Bytes Draft::Sign(fb::Payload type, flatbuffers::Offset<void> payload, const KeyPair& key) {
  const Bytes statement = FinishStatement(b_, header_, type, payload, extras_);
  const Bytes signed_statement = SignStatement(statement, key);
  if (openings_.empty()) return signed_statement;
  return BuildSubmission(signed_statement, openings_);
}

}  // namespace lawtrail::domain
