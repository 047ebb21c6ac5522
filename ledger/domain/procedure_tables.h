// File: ledger/domain/procedure_tables.h
// -----------------------------------------------------------------------------
// The data the procedure rules read: which stage allows which event
// (case-stages.tsv), which 文书 an act must carry (required-documents.tsv) and
// the thresholds per province, department and party (procedure-thresholds.tsv).
// The files are compiled in (ledger/CMakeLists.txt); Builtin() parses them once.
#ifndef LAWTRAIL_LEDGER_DOMAIN_PROCEDURE_TABLES_H_
#define LAWTRAIL_LEDGER_DOMAIN_PROCEDURE_TABLES_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/core/status.h"
#include "schemas/statement_generated.h"

namespace lawtrail::domain {

enum class Stage : uint8_t { kNone = 0, kRegistered, kOpen, kConcluded, kDecided, kClosed };
std::string_view StageName(Stage stage);

struct StageRule {
  uint32_t allowed = 0;       // bit (1 << Stage)
  std::optional<Stage> next;  // nullopt: the stage stays
  bool Allows(Stage s) const { return (allowed >> static_cast<unsigned>(s)) & 1u; }
};

struct Thresholds {
  int64_t simple_fine_max_fen = 0;
  int64_t hearing_fine_min_fen = 0;
  int64_t hearing_confiscation_min_fen = 0;
  int statement_period_wd = 3;
};

class ProcedureTables {
 public:
  static const ProcedureTables& Builtin();
  static Result<ProcedureTables> Parse(std::string_view stages_tsv, std::string_view documents_tsv,
                                       std::string_view thresholds_tsv);

  // nullptr: the event is not constrained by stage (CaseMemo).
  const StageRule* StageRuleFor(fb::Payload type) const;
  // nullptr: the event needs no document.
  const std::vector<std::string>* RequiredDocuments(fb::Payload type) const;
  Thresholds ThresholdsFor(std::string_view province, std::string_view department, bool citizen) const;

 private:
  std::map<fb::Payload, StageRule> stages_;
  std::map<fb::Payload, std::vector<std::string>> documents_;
  // (province, department, citizen) → thresholds; "*" is the wildcard.
  std::map<std::tuple<std::string, std::string, bool>, Thresholds> thresholds_;
};

// The payload type named `name` (e.g. "CaseOpened").
std::optional<fb::Payload> PayloadByName(std::string_view name);

}  // namespace lawtrail::domain

#endif  // LAWTRAIL_LEDGER_DOMAIN_PROCEDURE_TABLES_H_
