// File: ledger/domain/sealed_fields.h
// -----------------------------------------------------------------------------
// Private data in statements (D6; docs/private-data.md). A statement carries,
// per private value, a SealedField {field, commitment, masked}; the client
// sends the Opening {field, salt, value} beside it.
//
// Two checks, on purpose separate:
//  - CheckSealedStructure reads only the statement, so it is part of admission
//    and every verifier replays it: well-formed commitments, a natural-person
//    party whose name and ID are sealed, a valid 统一社会信用代码.
//  - CheckOpenings needs the openings, which may later be erased, so it runs
//    once when the statement is submitted: every field opened, every opening
//    matching its commitment, every masked form the mask of its value.
#ifndef LAWTRAIL_LEDGER_DOMAIN_SEALED_FIELDS_H_
#define LAWTRAIL_LEDGER_DOMAIN_SEALED_FIELDS_H_

#include <span>
#include <string>

#include "ledger/core/status.h"
#include "ledger/core/submission.h"
#include "schemas/statement_generated.h"

namespace lawtrail::domain {

// The masked form of `value` for a field named `field`, by its last dotted
// component: name → 张*, id_no → 4101**********1234, phone → 138****5678,
// bank_account → ************1234, anything else (address …) → ****.
std::string MaskFor(std::string_view field, std::string_view value);

// True for fields that identify a party (id_no, credit_code): the ones the
// party index is keyed by.
bool IdentifiesParty(std::string_view field);

Status CheckSealedStructure(const fb::Statement& st);
// The party an act names and seals like a case's party: 立案's 当事人, a
// licence's applicant, a 征收 agreement's or a 征用's owner; null for every
// other act.
const fb::Party* OpeningParty(const fb::Statement& st);
Status CheckOpenings(const fb::Statement& st, std::span<const Opening> openings);

}  // namespace lawtrail::domain

#endif  // LAWTRAIL_LEDGER_DOMAIN_SEALED_FIELDS_H_
