// File: ledger/client/internal/draft.h
// -----------------------------------------------------------------------------
// The client side of a case act: builds one statement with its attached 文书
// and sealed private values, signs it and wraps it with the openings into a
// submission (ledger/core/submission.h). Used by the demo generator, the tests and
// the benchmarks; an officer's device would do the same.
//
// Example:
//   Draft d(header);
//   std::string masked = d.Seal("party.name", "张三");     // → "张*"
//   d.Seal("party.id_no", "410103199003071234");
//   d.Attach({"立案审批表", "青综执立〔2026〕7号", …}, document_text);
//   auto party = fb::CreatePartyDirect(d.b(), fb::PartyKind::NaturalPerson, masked.c_str());
//   Bytes submission = d.Sign(fb::Payload::CaseOpened, CreateCaseOpenedDirect(d.b(), …).Union(), key);
#ifndef LAWTRAIL_LEDGER_CLIENT_INTERNAL_DRAFT_H_
#define LAWTRAIL_LEDGER_CLIENT_INTERNAL_DRAFT_H_

#include <functional>
#include <string>
#include <vector>

#include "ledger/client/statement_builder.h"

namespace lawtrail::domain {

struct DocumentInfo {
  std::string doc_type;     // 文书种类
  std::string doc_no;       // 文号
  std::string title;        // 题名
  std::string template_id;  // 文书格式范本 id
  std::string media_type = "application/pdf";
};

class Draft {
 public:
  // `salt_source`, if set, fills each salt (deterministic demos); otherwise
  // salts are random.
  explicit Draft(StatementHeader header, std::function<void(Bytes&)> salt_source = {});

  flatbuffers::FlatBufferBuilder& b() { return b_; }
  // Seals `value` as `field`; returns its masked form (for the payload).
  std::string Seal(std::string field, std::string value);
  // Attaches a document whose exact bytes are `content`.
  void Attach(const DocumentInfo& doc, std::string_view content);
  // Finishes, signs with `key` and returns the submission bytes.
  Bytes Sign(fb::Payload type, flatbuffers::Offset<void> payload, const KeyPair& key);

 private:
  StatementHeader header_;
  std::function<void(Bytes&)> salt_source_;
  flatbuffers::FlatBufferBuilder b_;
  StatementExtras extras_;
  std::vector<Opening> openings_;
};

}  // namespace lawtrail::domain

#endif  // LAWTRAIL_LEDGER_CLIENT_INTERNAL_DRAFT_H_
