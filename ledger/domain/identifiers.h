// File: ledger/domain/identifiers.h
// -----------------------------------------------------------------------------
// Chinese identifiers a statement may commit to, and the masked forms that are
// the only thing ever published about a person (D6; domain.md §7.4).
#ifndef LAWTRAIL_LEDGER_DOMAIN_IDENTIFIERS_H_
#define LAWTRAIL_LEDGER_DOMAIN_IDENTIFIERS_H_

#include <chrono>
#include <string>
#include <string_view>

#include "ledger/core/status.h"

namespace lawtrail::domain {

// 统一社会信用代码 (GB 32100-2015): 18 characters of 0-9A-HJ-NPQRTUWXY whose
// last is the check character.
Status ValidateCreditCode(std::string_view code);

// The check character of a 统一社会信用代码 whose first 17 characters are
// `first17`; an error names a character outside the alphabet.
Result<char> CreditCodeCheckCharacter(std::string_view first17);

// 居民身份证号码 (GB 11643-1999): 17 digits, a valid birth date at positions
// 7–14, and the check character (0-9 or X).
Status ValidateResidentId(std::string_view id);
// The check character of a 身份证号码 whose first 17 digits are `first17`.
Result<char> ResidentIdCheckCharacter(std::string_view first17);
// The birth date a valid 身份证号码 carries (positions 7–14).
Result<std::chrono::year_month_day> BirthDateOf(std::string_view id);
// Whole years from `birth` to `day`: one more on each birthday (a person born
// 2012-03-02 is 14 on 2026-03-02 and 13 the day before). A 29 February birthday
// is reached on 1 March in other years.
int AgeOn(const std::chrono::year_month_day& birth, const std::chrono::year_month_day& day);

// 张三 → 张*, 欧阳娜娜 → 欧阳**: the surname stays, every other character is
// masked. Compound surnames are recognised from the common list.
std::string MaskPersonName(std::string_view name);

// Keeps the first `keep_head` and last `keep_tail` characters, masking the rest
// with '*': ID numbers as 4101**********1234, phones as 138****5678.
std::string MaskMiddle(std::string_view ascii, size_t keep_head, size_t keep_tail);

}  // namespace lawtrail::domain

#endif  // LAWTRAIL_LEDGER_DOMAIN_IDENTIFIERS_H_
