// File: ledger/domain/private_text.h
// -----------------------------------------------------------------------------
// Private numbers in free text (rule P-PRIVATE-TEXT). A party's ID number and
// mobile number are sealed (sealed_fields.h); written into 违法事实 or an
// opinion, they would be signed in clear and published with the decision.
// Admission refuses a free-text field carrying a resident ID number (18
// characters, valid check digit) or a mainland mobile number (11 digits,
// 1[3-9]…), each standing alone rather than inside a longer run of digits.
// Full-width digits are not recognised.
#ifndef LAWTRAIL_LEDGER_DOMAIN_PRIVATE_TEXT_H_
#define LAWTRAIL_LEDGER_DOMAIN_PRIVATE_TEXT_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "schemas/statement_generated.h"

namespace lawtrail::domain {

// What `text` carries, masked ("a resident ID number 4101…123X"), or "".
std::string FindPrivateNumber(std::string_view text);

// The payload's free-text fields as (field name, text): facts, summaries,
// findings, causes, descriptions, opinions, conclusions, reasons.
std::vector<std::pair<std::string_view, std::string_view>> FreeTextFields(const fb::Statement& st);

}  // namespace lawtrail::domain

#endif  // LAWTRAIL_LEDGER_DOMAIN_PRIVATE_TEXT_H_
