// File: ledger/client/internal/act_maker.h
// -----------------------------------------------------------------------------
// Internal to ledger/client: how every typed act builder makes its statement —
// the header from the Act, the 文书 the act must carry
// (required-documents.tsv), the payload, the signature — and the party an
// opening act names, sealed as the law asks. case_acts.cc and licence_acts.cc
// use these; nothing outside the library does.
#ifndef LAWTRAIL_LEDGER_CLIENT_INTERNAL_ACT_MAKER_H_
#define LAWTRAIL_LEDGER_CLIENT_INTERNAL_ACT_MAKER_H_

#include <string>

#include "ledger/client/case_acts.h"
#include "ledger/client/internal/draft.h"
#include "ledger/domain/procedure_tables.h"

namespace lawtrail::domain {

StatementHeader HeaderOf(const Act& a);

// The act with its 文书 numbered `no`, unless the caller chose a number.
inline Act WithDocNo(const Act& a, const std::string& no) {
  Act numbered = a;
  if (numbered.doc_no.empty()) numbered.doc_no = no;
  return numbered;
}

// Builds, attaches the act's 文书 (`doc_type`, or the first the table lists)
// and signs. `build` makes the payload in the draft's builder (sealing first
// whatever it shows masked).
template <typename Build>
Bytes Make(const Act& a, fb::Payload type, Build build, const std::string& doc_type = "") {
  Draft d(HeaderOf(a), a.salt_source);
  if (a.attach_document) {
    if (const auto* docs = ProcedureTables::Builtin().RequiredDocuments(type)) {
      const std::string chosen = doc_type.empty() ? docs->front() : doc_type;
      // A 笔录 or 凭证 carries no 文号 of its own: it is filed under the
      // case's number and its own name, as the case file lists it.
      const std::string no = a.doc_no.empty() ? a.case_id + " " + chosen : a.doc_no;
      // The document's bytes stand in for the rendered PDF: what matters is
      // that the record commits to exactly one file.
      const std::string content = chosen + "\n" + no + "\n" + a.case_id + "\n" + std::to_string(a.at_ms);
      d.Attach({chosen, no, chosen, "henan-2016/" + chosen}, content);
    }
  }
  flatbuffers::Offset<void> payload = build(d, d.b());
  return d.Sign(type, payload, *a.key);
}

// The party as the statement shows it: a natural person's name, ID number and
// address sealed (the masked name shown), the age flags worked out from the ID
// on the day of `a`.
flatbuffers::Offset<fb::Party> BuildParty(Draft& d, const Act& a, const PartyInfo& p);

}  // namespace lawtrail::domain

#endif  // LAWTRAIL_LEDGER_CLIENT_INTERNAL_ACT_MAKER_H_
