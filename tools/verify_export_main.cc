// lawtrail-verify-export: the court's verifier of a case export, standalone.
// Links libsodium and FlatBuffers and nothing else, so that an expert can
// read every line it runs (ledger/core, ledger/export). Offline: no server,
// no data folder.
//
//   lawtrail-verify-export FILE --vkey VKEY [--trusted CHECKPOINT] [--consistency PROOF] [--policy FILE]
#include <cstdio>
#include <cstring>
#include <string>

#include <sodium.h>

#include "ledger/bundle/verify_export_cli.h"

namespace {

constexpr char kUsage[] =
    "usage: lawtrail-verify-export FILE --vkey VKEY [--trusted CHECKPOINT] [--consistency PROOF] [--policy FILE]\n"
    "  FILE          a case export (.ltex) written by `lawtrail export`\n"
    "  --vkey        the log's verifier key, as published (the text, or a file holding it)\n"
    "  --trusted     a signed checkpoint the court already holds: the bundle must agree with it\n"
    "  --consistency a consistency proof (one base64 hash per line) from the bundle's checkpoint\n"
    "                to a later trusted one, as `lawtrail prove consistency` prints it\n"
    "  --policy      the court's witness policy (C2SP tlog-policy): the bundle's checkpoint must\n"
    "                be cosigned by its quorum of witnesses (docs/witnesses.md)\n"
    "Exit 0 when everything holds; 1 naming the first failure; 2 on bad use.\n";

}  // namespace

int main(int argc, char** argv) {
  if (sodium_init() < 0) return 1;
  lawtrail::VerifyExportArgs args;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&](std::string& into) {
      if (i + 1 >= argc) return false;
      into = argv[++i];
      return true;
    };
    bool ok = true;
    if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    } else if (a == "--vkey") {
      ok = value(args.vkey);
    } else if (a == "--trusted") {
      ok = value(args.trusted_file);
    } else if (a == "--consistency") {
      ok = value(args.consistency_file);
    } else if (a == "--policy") {
      ok = value(args.policy_file);
    } else if (a.starts_with("-") || !args.bundle_file.empty()) {
      ok = false;
    } else {
      args.bundle_file = a;
    }
    if (!ok) {
      std::fprintf(stderr, "lawtrail-verify-export: unexpected '%s'\n%s", a.c_str(), kUsage);
      return 2;
    }
  }
  if (args.bundle_file.empty() || args.vkey.empty()) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  return lawtrail::RunVerifyExport(args, stdout, stderr);
}
