// File: ledger/domain/procedure_tables.h
// -----------------------------------------------------------------------------
// The data the procedure rules read: which stage allows which event
// (case-stages.tsv), which 文书 an act must carry (required-documents.tsv),
// the thresholds per province, department and party (procedure-thresholds.tsv)
// and the acts the agency head signs or approves (head-approvals.tsv).
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
  int late_recording_hours = 24;  // F-LATE-RECORDING
};

// An act the law gives the agency head (head-approvals.tsv, rule P-HEAD).
struct HeadRule {
  bool general_only = false;  // simple-procedure acts are decided on the spot
  bool sign_only = false;     // only the head's own signature will do
  std::string what;           // e.g. 行政处罚决定 (负责人审查决定)
  std::string law;
};

// The tables' texts, one per file.
struct TableTexts {
  std::string_view stages, documents, thresholds, head_approvals;
};

class ProcedureTables {
 public:
  static const ProcedureTables& Builtin();
  static Result<ProcedureTables> Parse(const TableTexts& texts);

  // nullptr: the event is not constrained by stage (CaseMemo).
  const StageRule* StageRuleFor(fb::Payload type) const;
  // nullptr: the event needs no document.
  const std::vector<std::string>* RequiredDocuments(fb::Payload type) const;
  Thresholds ThresholdsFor(std::string_view province, std::string_view department, bool citizen) const;
  // nullptr: anyone with the payload's role may sign the act alone.
  const HeadRule* HeadRuleFor(fb::Payload type) const;
  const std::map<fb::Payload, HeadRule>& head_rules() const { return head_rules_; }

 private:
  std::map<fb::Payload, StageRule> stages_;
  std::map<fb::Payload, std::vector<std::string>> documents_;
  // (province, department, citizen) → thresholds; "*" is the wildcard.
  std::map<std::tuple<std::string, std::string, bool>, Thresholds> thresholds_;
  std::map<fb::Payload, HeadRule> head_rules_;
};

// The payload type named `name` (e.g. "CaseOpened").
std::optional<fb::Payload> PayloadByName(std::string_view name);

}  // namespace lawtrail::domain

#endif  // LAWTRAIL_LEDGER_DOMAIN_PROCEDURE_TABLES_H_
