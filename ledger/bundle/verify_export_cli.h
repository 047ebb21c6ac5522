// File: ledger/bundle/verify_export_cli.h
// -----------------------------------------------------------------------------
// `verify-export`, shared by the standalone `lawtrail-verify-export` and
// `lawtrail verify-export`: reads the files, runs VerifyExport, prints the
// report. Exit 0 when everything holds, 1 at the first failure, 2 on bad use.
#ifndef LAWTRAIL_LEDGER_BUNDLE_VERIFY_EXPORT_CLI_H_
#define LAWTRAIL_LEDGER_BUNDLE_VERIFY_EXPORT_CLI_H_

#include <cstdio>
#include <string>

namespace lawtrail {

struct VerifyExportArgs {
  std::string bundle_file;
  std::string vkey;              // the verifier key's text, or a file holding it
  std::string trusted_file;      // a signed checkpoint note the court trusts
  std::string consistency_file;  // a consistency proof to it: one base64 hash per line
  std::string policy_file;       // the court's witness policy (C2SP tlog-policy)
};

int RunVerifyExport(const VerifyExportArgs& args, std::FILE* out, std::FILE* err);

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_BUNDLE_VERIFY_EXPORT_CLI_H_
