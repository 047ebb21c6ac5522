// lawtrail verify
#include <cstdio>

#include "ledger/core/policy.h"
#include "ledger/log/data_dir.h"
#include "ledger/log/files.h"
#include "ledger/log/log_verifier.h"
#include "tools/cli_support.h"

namespace lawtrail::cli {
namespace {

struct VerifyCliOptions {
  std::string dir, trusted_file, vkey, policy_file;
};

// The witnesses' word on the trusted checkpoint: a listed log signed it and
// the policy's quorum cosigned it. Returns who cosigned, for the report.
Result<std::string> CheckPolicy(const std::string& policy_file, const std::optional<std::string>& trusted) {
  if (!trusted) return Status::InvalidArgument("--policy checks the checkpoint given with --trusted; give one");
  LAWTRAIL_ASSIGN_OR_RETURN(auto parsed, LoadPolicy(policy_file));
  LAWTRAIL_RETURN_IF_ERROR(policy::OpenCheckpoint(parsed, *trusted).status().WithContext("the trusted checkpoint"));
  return "; cosigned by " + policy::DescribeCosigners(parsed, *trusted);
}

int Run(const VerifyCliOptions& o) {
  auto log = OpenReadOnly(o.dir);
  if (!log.ok()) return Report("verify", log.status());
  auto key = o.vkey.empty() ? data_dir::LoadVerifier(o.dir) : note::ParseVerifier(o.vkey);
  if (!key.ok()) return Report("verify", key.status().WithContext("verifier key"));
  std::optional<std::string> trusted;
  if (!o.trusted_file.empty()) {
    auto text = ReadFile(o.trusted_file);
    if (!text.ok()) return Report("verify", text.status());
    trusted = std::move(*text);
  }
  std::string cosigned;
  if (!o.policy_file.empty()) {
    auto checked = CheckPolicy(o.policy_file, trusted);
    if (!checked.ok()) {
      std::fprintf(stderr, "lawtrail verify: FAILED: %s\n", checked.status().message().c_str());
      return kExitProblem;
    }
    cosigned = *checked;
  }
  ThreadPool pool;
  Progress progress("verified");
  VerifyOptions options{*key, trusted, &pool, [&](uint64_t done, uint64_t total) { progress.Update(done, total); }};
  const VerifyReport report = VerifyLog(*log->store, options);
  if (!report.status.ok()) {
    std::fprintf(stderr, "lawtrail verify: FAILED: %s\n", report.status.message().c_str());
    return kExitProblem;
  }
  std::printf("ok: %llu records, %llu checkpoints, %llu cases verified%s%s\n",
              static_cast<unsigned long long>(report.records), static_cast<unsigned long long>(report.checkpoints),
              static_cast<unsigned long long>(report.cases), trusted ? "; consistent with the trusted checkpoint" : "",
              cosigned.c_str());
  return 0;
}

}  // namespace

void AddVerifyCommand(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<VerifyCliOptions>();
  CLI::App* verify =
      app.add_subcommand("verify",
                         "Re-check everything: each record's signature and admission, the per-case chains,\n"
                         "every stored tree hash, every checkpoint. Exit 0 only when everything holds;\n"
                         "otherwise names the first bad index and why.");
  AddDataOption(verify, o->dir);
  verify->add_option("--trusted", o->trusted_file,
                     "A checkpoint saved earlier: the log must still contain exactly that tree");
  verify->add_option("--vkey", o->vkey, "The log's verifier key as the inspector holds it (default: DIR/log.vkey)");
  verify->add_option("--policy", o->policy_file,
                     "A C2SP tlog-policy file: the --trusted checkpoint must be signed by a listed log and "
                     "cosigned by the quorum of witnesses");
  verify->callback([o, &exit_code] { exit_code = Run(*o); });
}

}  // namespace lawtrail::cli
