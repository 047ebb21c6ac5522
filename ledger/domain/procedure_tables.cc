#include "ledger/domain/procedure_tables.h"

#include <charconv>
#include <cstdlib>
#include <tuple>

namespace lawtrail::domain {

extern const std::string_view kCaseStagesTsv;
extern const std::string_view kRequiredDocumentsTsv;
extern const std::string_view kProcedureThresholdsTsv;
extern const std::string_view kHeadApprovalsTsv;

namespace {

constexpr std::string_view kStageNames[] = {"none", "registered", "open", "concluded", "decided", "closed"};

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (;;) {
    size_t end = s.find(sep, start);
    out.push_back(s.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return out;
    start = end + 1;
  }
}

// Calls `row(fields, line_no)` for every non-comment, non-blank line.
template <typename F>
Status ForEachRow(std::string_view tsv, std::string_view file, size_t columns, F row) {
  size_t line_no = 0;
  for (std::string_view line : Split(tsv, '\n')) {
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    auto fields = Split(line, '\t');
    if (fields.size() != columns) {
      return Status::InvalidArgument(std::string(file) + " line " + std::to_string(line_no) + ": expected " +
                                     std::to_string(columns) + " columns");
    }
    Status s = row(fields);
    if (!s.ok()) return s.WithContext(std::string(file) + " line " + std::to_string(line_no));
  }
  return Status::Ok();
}

Result<Stage> ParseStage(std::string_view name) {
  for (size_t i = 0; i < std::size(kStageNames); ++i) {
    if (kStageNames[i] == name) return static_cast<Stage>(i);
  }
  return Status::InvalidArgument("unknown stage '" + std::string(name) + "'");
}

Result<fb::Payload> KnownPayload(std::string_view name) {
  auto type = PayloadByName(name);
  if (!type) return Status::InvalidArgument("unknown event '" + std::string(name) + "'");
  return *type;
}

Result<int64_t> ParseInt(std::string_view s) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < 0) {
    return Status::InvalidArgument("'" + std::string(s) + "' is not a non-negative integer");
  }
  return v;
}

}  // namespace

std::string_view StageName(Stage stage) { return kStageNames[static_cast<size_t>(stage)]; }

std::optional<fb::Payload> PayloadByName(std::string_view name) {
  for (fb::Payload type : fb::EnumValuesPayload()) {
    if (name == fb::EnumNamePayload(type)) return type;
  }
  return std::nullopt;
}

Status ParseHeadRules(std::string_view tsv, std::map<fb::Payload, HeadRule>& rules) {
  return ForEachRow(tsv, "head-approvals.tsv", 5, [&](const auto& f) -> Status {
    LAWTRAIL_ASSIGN_OR_RETURN(fb::Payload type, KnownPayload(f[0]));
    if (f[1] != "all" && f[1] != "general") return Status::InvalidArgument("procedures must be all or general");
    if (f[2] != "sign" && f[2] != "sign-or-approve") {
      return Status::InvalidArgument("how must be sign or sign-or-approve");
    }
    if (f[3].empty() || f[4].empty()) return Status::InvalidArgument("every row names what it is and its law");
    rules[type] = HeadRule{f[1] == "general", f[2] == "sign", std::string(f[3]), std::string(f[4])};
    return Status::Ok();
  });
}

Result<ProcedureTables> ProcedureTables::Parse(const TableTexts& texts) {
  ProcedureTables t;
  LAWTRAIL_RETURN_IF_ERROR(ForEachRow(texts.stages, "case-stages.tsv", 3, [&](const auto& f) -> Status {
    LAWTRAIL_ASSIGN_OR_RETURN(fb::Payload type, KnownPayload(f[0]));
    StageRule rule;
    for (std::string_view name : Split(f[1], ',')) {
      LAWTRAIL_ASSIGN_OR_RETURN(Stage s, ParseStage(name));
      rule.allowed |= 1u << static_cast<unsigned>(s);
    }
    if (f[2] != "-") {
      LAWTRAIL_ASSIGN_OR_RETURN(rule.next, ParseStage(f[2]));
    }
    t.stages_[type] = rule;
    return Status::Ok();
  }));
  LAWTRAIL_RETURN_IF_ERROR(ForEachRow(texts.documents, "required-documents.tsv", 2, [&](const auto& f) -> Status {
    LAWTRAIL_ASSIGN_OR_RETURN(fb::Payload type, KnownPayload(f[0]));
    for (std::string_view doc : Split(f[1], '|')) t.documents_[type].emplace_back(doc);
    return Status::Ok();
  }));
  LAWTRAIL_RETURN_IF_ERROR(ForEachRow(texts.thresholds, "procedure-thresholds.tsv", 8, [&](const auto& f) -> Status {
    if (f[2] != "citizen" && f[2] != "organisation") {
      return Status::InvalidArgument("party must be citizen or organisation");
    }
    Thresholds th;
    LAWTRAIL_ASSIGN_OR_RETURN(th.simple_fine_max_fen, ParseInt(f[3]));
    LAWTRAIL_ASSIGN_OR_RETURN(th.hearing_fine_min_fen, ParseInt(f[4]));
    LAWTRAIL_ASSIGN_OR_RETURN(th.hearing_confiscation_min_fen, ParseInt(f[5]));
    LAWTRAIL_ASSIGN_OR_RETURN(int64_t period, ParseInt(f[6]));
    th.statement_period_wd = static_cast<int>(period);
    LAWTRAIL_ASSIGN_OR_RETURN(int64_t late, ParseInt(f[7]));
    th.late_recording_hours = static_cast<int>(late);
    t.thresholds_[{std::string(f[0]), std::string(f[1]), f[2] == "citizen"}] = th;
    return Status::Ok();
  }));
  LAWTRAIL_RETURN_IF_ERROR(ParseHeadRules(texts.head_approvals, t.head_rules_));
  for (bool citizen : {true, false}) {
    if (!t.thresholds_.count({"*", "*", citizen})) {
      return Status::InvalidArgument("procedure-thresholds.tsv needs a default (*, *) row for " +
                                     std::string(citizen ? "citizen" : "organisation"));
    }
  }
  return t;
}

const ProcedureTables& ProcedureTables::Builtin() {
  static const ProcedureTables tables = [] {
    auto parsed = Parse({kCaseStagesTsv, kRequiredDocumentsTsv, kProcedureThresholdsTsv, kHeadApprovalsTsv});
    if (!parsed.ok()) std::abort();  // the shipped tables are checked by the test suite
    return std::move(parsed).value();
  }();
  return tables;
}

const StageRule* ProcedureTables::StageRuleFor(fb::Payload type) const {
  auto it = stages_.find(type);
  return it == stages_.end() ? nullptr : &it->second;
}

const std::vector<std::string>* ProcedureTables::RequiredDocuments(fb::Payload type) const {
  auto it = documents_.find(type);
  return it == documents_.end() ? nullptr : &it->second;
}

const HeadRule* ProcedureTables::HeadRuleFor(fb::Payload type) const {
  auto it = head_rules_.find(type);
  return it == head_rules_.end() ? nullptr : &it->second;
}

Thresholds ProcedureTables::ThresholdsFor(std::string_view province, std::string_view department, bool citizen) const {
  for (auto key : {std::tuple(std::string(province), std::string(department), citizen),
                   std::tuple(std::string(province), std::string("*"), citizen),
                   std::tuple(std::string("*"), std::string(department), citizen),
                   std::tuple(std::string("*"), std::string("*"), citizen)}) {
    if (auto it = thresholds_.find(key); it != thresholds_.end()) return it->second;
  }
  return {};
}

}  // namespace lawtrail::domain
