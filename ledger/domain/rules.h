// File: ledger/domain/rules.h
// -----------------------------------------------------------------------------
// The catalogue of procedure rules: each has a stable id, a severity and the
// law it enforces. A refusal is a Status carrying the rule id (Status::rule());
// a flag is accepted and recorded beside the record for the warnings view.
// docs/rules.md is generated from this table (`lawtrail rules --markdown`) and
// a test keeps the two identical.
#ifndef LAWTRAIL_LEDGER_DOMAIN_RULES_H_
#define LAWTRAIL_LEDGER_DOMAIN_RULES_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/core/status.h"

namespace lawtrail {

inline constexpr std::string_view kSignerRule = "P-SIGNER";

namespace domain {

enum class Severity { kRefuse, kFlag };

struct RuleInfo {
  std::string_view id;
  Severity severity;
  std::string_view law;      // e.g. 行政处罚法 第58条
  std::string_view summary;  // what the rule requires, in Chinese and English
};

std::span<const RuleInfo> AllRules();
// REQUIRES: `id` is in AllRules().
const RuleInfo& RuleById(std::string_view id);

// A refusal by rule `id`: FAILED_PRECONDITION "<law>: <detail>" with rule().
Status Refuse(std::string_view id, const std::string& detail);

// A flag raised by an accepted statement.
struct Flag {
  std::string rule_id;
  std::string message;  // "<law>: <detail>"
  bool operator==(const Flag&) const = default;
};
Flag Raise(std::string_view id, const std::string& detail);
// Flags as stored beside their record: a "rule\tmessage\n" line each.
std::string EncodeFlags(const std::vector<Flag>& flags);
std::vector<Flag> DecodeFlags(std::string_view encoded);

// The rule table as Markdown (docs/rules.md).
std::string RulesMarkdown();

}  // namespace domain
}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_DOMAIN_RULES_H_
