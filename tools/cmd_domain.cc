// lawtrail rules, lawtrail party
#include <cstdio>

#include "ledger/domain/identifiers.h"
#include "ledger/domain/rules.h"
#include "ledger/log/data_dir.h"
#include "ledger/log/private_data.h"
#include "tools/cli_support.h"

namespace lawtrail::cli {
namespace {

int PrintRules(bool markdown) {
  if (markdown) {
    std::fputs(domain::RulesMarkdown().c_str(), stdout);
    return 0;
  }
  for (const auto& r : domain::AllRules()) {
    std::printf("%-22s %-6s %s\n%29s%s\n", std::string(r.id).c_str(),
                r.severity == domain::Severity::kRefuse ? "refuse" : "flag", std::string(r.law).c_str(), "",
                std::string(r.summary).c_str());
  }
  return 0;
}

struct PartyOptions {
  std::string dir, id_no, credit_code;
  bool all_records = false;
};

int FindPartyCommand(const PartyOptions& o) {
  if (o.id_no.empty() == o.credit_code.empty()) {
    std::fprintf(stderr, "lawtrail party: give exactly one of --id-no and --credit-code\n");
    return kExitUsage;
  }
  const bool person = !o.id_no.empty();
  if (Status s = person ? domain::ValidateResidentId(o.id_no) : domain::ValidateCreditCode(o.credit_code); !s.ok()) {
    return Report("party", s);
  }
  auto vault = SealedVault::LoadOrCreate(o.dir);
  if (!vault.ok()) return Report("party", vault.status());
  auto ro = OpenReadOnly(o.dir);
  if (!ro.ok()) return Report("party", ro.status());
  const PartyKey kind = person ? PartyKey::kPerson : PartyKey::kOrganisation;
  const std::string& identifier = person ? o.id_no : o.credit_code;
  if (o.all_records) {
    auto about = RecordsAboutParty(*ro->store, *vault, kind, identifier);
    if (!about.ok()) return Report("party", about.status());
    for (const auto& r : *about) {
      std::printf("%llu\t%s\t%s\n", static_cast<unsigned long long>(r.index), r.case_id.c_str(),
                  r.names_party ? "names the party" : "");
    }
    std::fprintf(stderr, "%zu record(s) about this party\n", about->size());
    return 0;
  }
  auto found = FindParty(*ro->store, *vault, kind, identifier);
  if (!found.ok()) return Report("party", found.status());
  for (const auto& m : *found) std::printf("%llu\t%s\n", static_cast<unsigned long long>(m.index), m.case_id.c_str());
  std::fprintf(stderr, "%zu record(s) name this party\n", found->size());
  return 0;
}

}  // namespace

void AddDomainCommands(CLI::App& app, int& exit_code) {
  CLI::App* rules =
      app.add_subcommand("rules",
                         "List the procedure rules admission enforces: id, severity (refuse or flag), the law, and\n"
                         "what the rule requires. --markdown prints the table of docs/rules.md.");
  auto markdown = std::make_shared<bool>(false);
  rules->add_flag("--markdown", *markdown, "Print a Markdown table");
  rules->callback([markdown, &exit_code] { exit_code = PrintRules(*markdown); });

  auto o = std::make_shared<PartyOptions>();
  CLI::App* party =
      app.add_subcommand("party",
                         "List every record that names a party (R5), from the party index: a natural person by\n"
                         "身份证号, an organisation or 个体工商户 by 统一社会信用代码. Needs DIR/sealed.key, so only\n"
                         "those who hold the data folder can ask. Prints index<TAB>case id per line.");
  AddDataOption(party, o->dir);
  party->add_option("--id-no", o->id_no, "居民身份证号码 of a natural person");
  party->add_option("--credit-code", o->credit_code, "统一社会信用代码 of an organisation");
  party->add_flag("--all-records", o->all_records,
                  "List every record of every case naming the party (index<TAB>case<TAB>names the party)");
  party->callback([o, &exit_code] { exit_code = FindPartyCommand(*o); });
}

}  // namespace lawtrail::cli
