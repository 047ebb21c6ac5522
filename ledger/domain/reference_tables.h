// File: ledger/domain/reference_tables.h
// -----------------------------------------------------------------------------
// The reference tables the rules read — the holiday calendar, the case
// stages, the required documents, the procedure thresholds and the head's
// acts — as one immutable set, and how a set changes: by a root-signed
// ReferenceTableAdopted in the log (rule P-REFERENCE).
//
// A log that adopts nothing is judged by the tables lawtrail ships (Builtin),
// as every log was before adoption existed. Once a table is adopted, its text
// comes from the log: a verifier or follower built with newer tables reaches
// the same verdicts, and adopting a table changes nothing for the records
// before it (Registry::TablesAt). A calendar may only add years: every day
// of a year the calendar in force publishes must stay as it is, so a late
// notice can never move a deadline that already ran.
#ifndef LAWTRAIL_LEDGER_DOMAIN_REFERENCE_TABLES_H_
#define LAWTRAIL_LEDGER_DOMAIN_REFERENCE_TABLES_H_

#include <array>
#include <memory>
#include <string>
#include <string_view>

#include "ledger/core/bytes.h"
#include "ledger/core/status.h"
#include "ledger/domain/calendar.h"
#include "ledger/domain/procedure_tables.h"
#include "schemas/statement_generated.h"

namespace lawtrail::domain {

class ReferenceTables {
 public:
  static constexpr size_t kKinds = 5;  // fb::ReferenceTableKind values

  // The tables lawtrail ships. Thread-safe; never null.
  static std::shared_ptr<const ReferenceTables> Builtin();

  // These tables with `kind` replaced by `text`, or what in `text` does not
  // parse. The calendar only grows (see above).
  Result<std::shared_ptr<const ReferenceTables>> With(fb::ReferenceTableKind kind, std::string_view text) const;

  const WorkdayCalendar& calendar() const { return calendar_; }
  const ProcedureTables& procedure() const { return procedure_; }
  const std::string& text(fb::ReferenceTableKind kind) const { return texts_[static_cast<size_t>(kind)]; }
  Hash digest(fb::ReferenceTableKind kind) const;

 private:
  std::array<std::string, kKinds> texts_;
  WorkdayCalendar calendar_;
  ProcedureTables procedure_;
};

// P-REFERENCE: OK iff adoption `a` may follow `current`: a known kind, a
// content whose SHA-256 is the one stated, that parses, an ordered governed
// period, and a calendar that keeps every published day.
Status CheckAdoption(const ReferenceTables& current, const fb::ReferenceTableAdopted& a);

}  // namespace lawtrail::domain

#endif  // LAWTRAIL_LEDGER_DOMAIN_REFERENCE_TABLES_H_
