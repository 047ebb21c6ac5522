// lawtrail tables show | adopt
// The reference tables the rules read (holiday calendar, stages, documents,
// thresholds, the head's acts): which are in force, and adopting a new one
// into the log with the agency root key (ReferenceTableAdopted).
#include <cstdio>
#include <fstream>
#include <sstream>

#include "ledger/client/registry_statements.h"
#include "ledger/core/log_format.h"
#include "ledger/core/record.h"
#include "ledger/core/sha256.h"
#include "ledger/domain/registry.h"
#include "ledger/log/data_dir.h"
#include "ledger/log/log.h"
#include "tools/cli_support.h"

namespace lawtrail::cli {
namespace {

using Kind = fb::ReferenceTableKind;

// Command-line names, in the schema's order.
constexpr const char* kKindNames[] = {"holidays", "stages", "documents", "thresholds", "head-approvals"};

Result<Kind> ParseKind(const std::string& name) {
  for (size_t i = 0; i < std::size(kKindNames); ++i) {
    if (name == kKindNames[i]) return static_cast<Kind>(i);
  }
  return Status::InvalidArgument("--kind '" + name +
                                 "' is not one of holidays, stages, documents, thresholds, head-approvals");
}

struct TablesOptions {
  std::string dir, root_key_file, kind, file, from, until, source;
};

// The registry as the log now stands, with the index of each adoption.
Result<Registry> LoadRegistry(Log& log, std::vector<std::pair<uint64_t, Kind>>& adoptions) {
  Registry registry;
  LAWTRAIL_RETURN_IF_ERROR(
      log.reader().ForEachCaseRecord(std::string(kRegistryCaseId), [&](uint64_t index, const Bytes& bytes) -> Status {
        LAWTRAIL_ASSIGN_OR_RETURN(const ParsedStatement parsed, StatementOfRecord(bytes, index));
        registry.Apply(*parsed.statement, index);
        if (const auto* a = parsed.statement->payload_as_ReferenceTableAdopted())
          adoptions.emplace_back(index, a->kind());
        return Status::Ok();
      }));
  return registry;
}

int Show(const TablesOptions& o) {
  auto log = Log::Open(o.dir);
  if (!log.ok()) return Report("tables show", log.status());
  std::vector<std::pair<uint64_t, Kind>> adoptions;
  auto registry = LoadRegistry(**log, adoptions);
  if (!registry.ok()) return Report("tables show", registry.status());
  std::printf("%-15s %-64s %s\n", "table", "sha256", "in force since");
  for (size_t i = 0; i < std::size(kKindNames); ++i) {
    const Kind kind = static_cast<Kind>(i);
    std::string since = "shipped with lawtrail (none adopted)";
    for (const auto& [index, adopted] : adoptions) {
      if (adopted == kind) since = "adopted by record " + std::to_string(index);
    }
    std::printf("%-15s %s %s\n", kKindNames[i], ToHex(registry->tables().digest(kind)).c_str(), since.c_str());
  }
  return 0;
}

Result<std::string> ReadWhole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot read --file '" + path + "'");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

int Adopt(const TablesOptions& o) {
  const std::string command = "tables adopt";
  auto kind = ParseKind(o.kind);
  if (!kind.ok()) return Report(command, kind.status());
  auto content = ReadWhole(o.file);
  if (!content.ok()) return Report(command, content.status());
  auto index = AppendRootSigned(o.dir, o.root_key_file, [&](const StatementHeader& h) -> Result<Bytes> {
    return ReferenceTableAdoptedStatement(h, *kind, *content, o.from, o.until, o.source);
  });
  if (!index.ok()) return Report(command, index.status());
  std::printf("%llu %s %s\n", static_cast<unsigned long long>(*index), o.kind.c_str(),
              ToHex(Sha256(AsBytes(*content))).c_str());
  return 0;
}

}  // namespace

void AddTablesCommands(CLI::App& app, int& exit_code) {
  CLI::App* tables = app.add_subcommand("tables",
                                        "The reference tables the rules read: holiday calendar, case stages, "
                                        "required documents, thresholds, the head's acts.");
  tables->require_subcommand(1);
  auto o = std::make_shared<TablesOptions>();
  CLI::App* show = tables->add_subcommand("show", "Print each table in force: its SHA-256 and the record adopting it.");
  AddDataOption(show, o->dir);
  show->callback([o, &exit_code] { exit_code = Show(*o); });
  CLI::App* adopt = tables->add_subcommand(
      "adopt",
      "Adopt a table into the log (signed with the root key); it governs every record after it.\n"
      "Prints `<index> <kind> <sha256>` once durable. A calendar may add years, never change a published day.");
  AddDataOption(adopt, o->dir);
  adopt->add_option("--root-key", o->root_key_file, "Agency root key file (default DIR/root.key)");
  adopt->add_option("--kind", o->kind, "holidays, stages, documents, thresholds or head-approvals")->required();
  adopt->add_option("--file", o->file, "The table, in the format of the file lawtrail ships")->required();
  adopt->add_option("--from", o->from, "First day the table governs, YYYY-MM-DD")->required();
  adopt->add_option("--until", o->until, "Last day the table governs, YYYY-MM-DD")->required();
  adopt->add_option("--source", o->source, "The notice or rule it transcribes (国办发明电〔…〕…号)")->required();
  adopt->callback([o, &exit_code] { exit_code = Adopt(*o); });
}

}  // namespace lawtrail::cli
