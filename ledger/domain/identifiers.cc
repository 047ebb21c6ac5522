#include "ledger/domain/identifiers.h"

#include <array>
#include <chrono>
#include <vector>

namespace lawtrail::domain {
namespace {

constexpr std::string_view kCreditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> kCreditWeights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
constexpr std::array<int, 17> kResidentWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::string_view kResidentChecks = "10X98765432";

constexpr std::string_view kCompoundSurnames[] = {"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟",
                                                  "公孙", "慕容", "长孙", "宇文", "司徒", "令狐", "夏侯",
                                                  "轩辕", "端木", "独孤", "南宫", "西门", "万俟"};

// Splits UTF-8 text into its characters (code points), assuming valid UTF-8.
std::vector<std::string_view> Characters(std::string_view s) {
  std::vector<std::string_view> out;
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : 4;
    out.push_back(s.substr(i, len));
    i += len;
  }
  return out;
}

}  // namespace

Result<char> CreditCodeCheckCharacter(std::string_view first17) {
  if (first17.size() != 17) return Status::InvalidArgument("统一社会信用代码 body must have 17 characters");
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) {
    const size_t v = kCreditAlphabet.find(first17[i]);
    if (v == std::string_view::npos) {
      return Status::InvalidArgument("统一社会信用代码 has '" + std::string(1, first17[i]) + "' at position " +
                                     std::to_string(i + 1));
    }
    sum += static_cast<int>(v) * kCreditWeights[i];
  }
  return kCreditAlphabet[(31 - sum % 31) % 31];
}

Result<char> ResidentIdCheckCharacter(std::string_view first17) {
  if (first17.size() != 17) return Status::InvalidArgument("身份证号码 body must have 17 digits");
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) {
    if (first17[i] < '0' || first17[i] > '9') {
      return Status::InvalidArgument("身份证号码 has a non-digit at position " + std::to_string(i + 1));
    }
    sum += (first17[i] - '0') * kResidentWeights[i];
  }
  return kResidentChecks[static_cast<size_t>(sum % 11)];
}

Status ValidateCreditCode(std::string_view code) {
  if (code.size() != 18) {
    return Status::InvalidArgument("统一社会信用代码 must have 18 characters, not " + std::to_string(code.size()));
  }
  LAWTRAIL_ASSIGN_OR_RETURN(const char check, CreditCodeCheckCharacter(code.substr(0, 17)));
  if (code[17] != check) {
    return Status::InvalidArgument("统一社会信用代码 check character is '" + std::string(1, code[17]) + "', want '" +
                                   std::string(1, check) + "'");
  }
  return Status::Ok();
}

namespace {

// Positions 7–14 of an 18-character ID whose first 17 characters are digits.
std::chrono::year_month_day BirthDigits(std::string_view id) {
  const auto digits = [&](size_t at, size_t n) {
    int v = 0;
    for (size_t i = at; i < at + n; ++i) v = v * 10 + (id[i] - '0');
    return v;
  };
  return {std::chrono::year(digits(6, 4)), std::chrono::month(static_cast<unsigned>(digits(10, 2))),
          std::chrono::day(static_cast<unsigned>(digits(12, 2)))};
}

}  // namespace

Result<std::chrono::year_month_day> BirthDateOf(std::string_view id) {
  LAWTRAIL_RETURN_IF_ERROR(ValidateResidentId(id));
  return BirthDigits(id);
}

int AgeOn(const std::chrono::year_month_day& birth, const std::chrono::year_month_day& day) {
  int age = int(day.year()) - int(birth.year());
  if (std::chrono::month_day(day.month(), day.day()) < std::chrono::month_day(birth.month(), birth.day())) --age;
  return age;
}

Status ValidateResidentId(std::string_view id) {
  if (id.size() != 18) {
    return Status::InvalidArgument("身份证号码 must have 18 characters, not " + std::to_string(id.size()));
  }
  LAWTRAIL_ASSIGN_OR_RETURN(const char check, ResidentIdCheckCharacter(id.substr(0, 17)));
  const std::chrono::year_month_day birth = BirthDigits(id);
  if (!birth.ok()) return Status::InvalidArgument("身份证号码 holds no valid birth date");
  const char given = id[17] == 'x' ? 'X' : id[17];
  if (given != check) {
    return Status::InvalidArgument("身份证号码 check character is '" + std::string(1, id[17]) + "', want '" +
                                   std::string(1, check) + "'");
  }
  return Status::Ok();
}

std::string MaskPersonName(std::string_view name) {
  const auto chars = Characters(name);
  size_t surname = chars.empty() ? 0 : 1;
  for (std::string_view compound : kCompoundSurnames) {
    if (name.substr(0, compound.size()) == compound && chars.size() > 2) surname = 2;
  }
  std::string out;
  for (size_t i = 0; i < chars.size(); ++i) out += i < surname ? std::string(chars[i]) : "*";
  return out;
}

std::string MaskMiddle(std::string_view ascii, size_t keep_head, size_t keep_tail) {
  if (ascii.size() <= keep_head + keep_tail) return std::string(ascii.size(), '*');
  return std::string(ascii.substr(0, keep_head)) + std::string(ascii.size() - keep_head - keep_tail, '*') +
         std::string(ascii.substr(ascii.size() - keep_tail));
}

}  // namespace lawtrail::domain
