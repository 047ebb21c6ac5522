// File: ledger/domain/private_text.h
// -----------------------------------------------------------------------------
// Private numbers in free text (rule P-PRIVATE-TEXT). A party's ID number and
// mobile number are sealed (sealed_fields.h); written into 违法事实 or an
// opinion, they would be signed in clear and published with the decision.
// Admission refuses a free-text field carrying a resident ID number (18
// characters, valid check digit) or a mainland mobile number (11 digits,
// 1[3-9]…), each standing alone rather than inside a longer run of digits.
// Full-width digits are not recognised.
// The case's own sealed values (the party's name, ID, phone and address, the
// names of those questioned) are looked for verbatim (P-SEALED-TEXT).
#ifndef LAWTRAIL_LEDGER_DOMAIN_PRIVATE_TEXT_H_
#define LAWTRAIL_LEDGER_DOMAIN_PRIVATE_TEXT_H_

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ledger/core/status.h"
#include "schemas/statement_generated.h"

namespace lawtrail::domain {

// What `text` carries, masked ("a resident ID number 4101…123X"), or "".
std::string FindPrivateNumber(std::string_view text);

// The payload's free-text fields as (field name, text): facts, summaries,
// findings, causes, descriptions, opinions, conclusions, reasons.
std::vector<std::pair<std::string_view, std::string_view>> FreeTextFields(const fb::Statement& st);

// A sealed value of the case, in clear: what its free text must not repeat.
struct SealedValue {
  std::string_view field;   // e.g. party.name
  std::string_view value;   // clear UTF-8
  std::string_view masked;  // what the public sees of it (for the refusal)
};

// P-SEALED-TEXT: OK unless a free-text field of `st` carries one of
// `values` (the statement's own openings, and the case's earlier ones).
// Values shorter than two characters are not looked for: one character is
// not a name and would match half of any text. Runs where the openings are
// held — at submission — and never on replay, as verifiers hold none.
Status CheckTextAgainstSealed(const fb::Statement& st, std::span<const SealedValue> values);
// The same with `st`'s FreeTextFields already worked out (a caller that
// reads the values only when there is text to compare them with).
Status CheckTextAgainstSealed(const fb::Statement& st,
                              const std::vector<std::pair<std::string_view, std::string_view>>& fields,
                              std::span<const SealedValue> values);

}  // namespace lawtrail::domain

#endif  // LAWTRAIL_LEDGER_DOMAIN_PRIVATE_TEXT_H_
