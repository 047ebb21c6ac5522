// File: ledger/domain/internal/act_fields.h
// -----------------------------------------------------------------------------
// Internal to ledger/domain: reading an act's fields under a rule — a date
// that must parse, an enum value the schema names, a list that must not be
// empty — so that every refusal names the rule and the field.
#ifndef LAWTRAIL_LEDGER_DOMAIN_INTERNAL_ACT_FIELDS_H_
#define LAWTRAIL_LEDGER_DOMAIN_INTERNAL_ACT_FIELDS_H_

#include <string>
#include <string_view>

#include "ledger/core/fb_string.h"
#include "ledger/domain/calendar.h"
#include "ledger/domain/rules.h"

namespace lawtrail::domain {

// `s` as a YYYY-MM-DD date, or `rule`'s refusal naming `field`.
inline Result<Date> DateField(std::string_view rule, std::string_view field, const flatbuffers::String* s) {
  auto d = ParseDate(Str(s));
  if (!d.ok()) return Refuse(rule, std::string(field) + " '" + Str(s) + "' is not a YYYY-MM-DD date");
  return *d;
}

// A value the schema names: FlatBuffers verifies a table's layout, not its enums' ranges.
template <typename E>
bool Known(E value) {
  return value <= E::MAX;
}

template <typename T>
bool Empty(const flatbuffers::Vector<flatbuffers::Offset<T>>* list) {
  return list == nullptr || list->size() == 0;
}

}  // namespace lawtrail::domain

#endif  // LAWTRAIL_LEDGER_DOMAIN_INTERNAL_ACT_FIELDS_H_
