// lawtrail register officer | suspend | reinstate | revoke | rotate-key
// Registry events, signed with the agency root key and appended at once.
#include <cstdio>
#include <ctime>

#include "ledger/client/registry_statements.h"
#include "ledger/log/data_dir.h"
#include "ledger/log/log.h"
#include "tools/cli_support.h"

namespace lawtrail::cli {
namespace {

struct RegisterOptions {
  std::string dir, root_key_file, certificate, name, post, key, reason, valid_from, valid_until;
  std::string area, unit, issuer, legal_qualification;
  std::vector<std::string> roles{"officer"}, categories;
};

// "2026-01-01" is midnight China Standard Time (UTC+8); a bare number is ms.
Result<int64_t> ParseTime(const std::string& text) {
  if (text.empty()) return int64_t{0};
  if (text.find('-') == std::string::npos) {
    try {
      return static_cast<int64_t>(std::stoll(text));
    } catch (...) {
      return Status::InvalidArgument("'" + text + "' is not a date (YYYY-MM-DD) or milliseconds");
    }
  }
  std::tm tm{};
  if (strptime(text.c_str(), "%Y-%m-%d", &tm) == nullptr) {
    return Status::InvalidArgument("'" + text + "' is not a date of the form YYYY-MM-DD");
  }
  return static_cast<int64_t>(timegm(&tm) - 8 * 3600) * 1000;
}

Result<PublicKey> ParseOfficerKey(const std::string& vkey) {
  auto v = note::ParseVerifier(vkey);
  if (!v.ok()) return v.status().WithContext("--key (the officer's verifier key from keygen)");
  return v->public_key;
}

Result<Bytes> BuildStatement(const std::string& action, const RegisterOptions& o, const StatementHeader& h) {
  if (action == "officer") {
    OfficerInfo info;
    info.certificate_no = o.certificate;
    info.name = o.name;
    info.post = o.post;
    info.categories = o.categories;
    info.area = o.area;
    info.unit = o.unit;
    info.issuer = o.issuer;
    info.legal_qualification_no = o.legal_qualification;
    LAWTRAIL_ASSIGN_OR_RETURN(info.key, ParseOfficerKey(o.key));
    for (const auto& r : o.roles) {
      LAWTRAIL_ASSIGN_OR_RETURN(fb::Role role, ParseRole(r));
      info.roles.push_back(role);
    }
    LAWTRAIL_ASSIGN_OR_RETURN(info.valid_from_ms, ParseTime(o.valid_from));
    LAWTRAIL_ASSIGN_OR_RETURN(info.valid_until_ms, ParseTime(o.valid_until));
    return OfficerRegisteredStatement(h, info);
  }
  if (action == "rotate-key") {
    LAWTRAIL_ASSIGN_OR_RETURN(PublicKey key, ParseOfficerKey(o.key));
    return OfficerKeyRotatedStatement(h, o.certificate, key, o.reason);
  }
  const fb::Payload type = action == "suspend"     ? fb::Payload::OfficerSuspended
                           : action == "reinstate" ? fb::Payload::OfficerReinstated
                                                   : fb::Payload::OfficerRevoked;
  return OfficerStatusStatement(h, type, o.certificate, o.reason);
}

int Run(const std::string& action, const RegisterOptions& o) {
  auto index =
      AppendRootSigned(o.dir, o.root_key_file, [&](const StatementHeader& h) { return BuildStatement(action, o, h); });
  if (!index.ok()) return Report("register " + action, index.status());
  std::printf("%llu %s\n", static_cast<unsigned long long>(*index), o.certificate.c_str());
  return 0;
}

}  // namespace

void AddRegisterCommand(CLI::App& app, int& exit_code) {
  CLI::App* reg = app.add_subcommand("register",
                                     "Registry events, signed with the agency root key: who may sign what.\n"
                                     "Prints `<index> <certificate no.>` once the event is durable.");
  reg->require_subcommand(1);
  auto o = std::make_shared<RegisterOptions>();
  auto common = [&](CLI::App* sub) {
    AddDataOption(sub, o->dir);
    sub->add_option("--root-key", o->root_key_file, "Agency root key file (default DIR/root.key)");
    sub->add_option("--cert", o->certificate, "执法证号, the certificate number")->required();
  };
  struct Action {
    const char* name;
    const char* help;
  };
  const Action actions[] = {
      {"officer", "Register an officer: name, post, key, roles and validity."},
      {"suspend", "Suspend a certificate (暂扣): its key may not sign until reinstated."},
      {"reinstate", "Reinstate a suspended certificate."},
      {"revoke", "Revoke a certificate (吊销/注销) for good."},
      {"rotate-key", "Replace a certificate's key; the old key stops at once."},
  };
  for (const Action& a : actions) {
    CLI::App* sub = reg->add_subcommand(a.name, a.help);
    common(sub);
    const std::string name = a.name;
    if (name == "officer") {
      sub->add_option("--name", o->name, "姓名")->required();
      sub->add_option("--post", o->post, "岗位");
      sub->add_option("--roles", o->roles, "officer, reviewer, supervisor, discloser, head (负责人)")->delimiter(',');
      sub->add_option("--valid-from", o->valid_from, "YYYY-MM-DD (China Standard Time) or ms");
      sub->add_option("--valid-until", o->valid_until, "YYYY-MM-DD (exclusive) or ms; default open");
      sub->add_option("--categories", o->categories, "执法类别, comma-separated")->delimiter(',');
      sub->add_option("--area", o->area, "执法区域");
      sub->add_option("--unit", o->unit, "所属单位");
      sub->add_option("--issuer", o->issuer, "发证机关");
      sub->add_option("--legal-qualification", o->legal_qualification,
                      "法律职业资格证书编号 (needed to give legal-review opinions)");
    }
    if (name == "officer" || name == "rotate-key") {
      sub->add_option("--key", o->key, "The officer's verifier key, as printed by keygen")->required();
    }
    if (name != "officer") sub->add_option("--reason", o->reason, "Why (recorded in the log)");
    sub->callback([o, name, &exit_code] { exit_code = Run(name, *o); });
  }
}

}  // namespace lawtrail::cli
