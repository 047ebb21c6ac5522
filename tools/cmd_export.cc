// lawtrail export, lawtrail verify-export
#include <cstdio>
#include <filesystem>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ledger/bundle/bundle.h"
#include "ledger/bundle/verify_export_cli.h"
#include "ledger/client/statement_builder.h"
#include "ledger/export/case_export.h"
#include "ledger/log/data_dir.h"
#include "ledger/log/files.h"
#include "ledger/timestamp/timestamp.h"
#include "projectors/all.h"
#include "tools/cli_support.h"

namespace lawtrail::cli {
namespace {

extern "C" char** environ;

struct ExportCliOptions {
  std::string dir, case_id, out, key_file, files_dir, pdf;
  std::vector<std::string> reveal, trusted_files;
  std::optional<uint64_t> approval;
};

// The case file printed to PDF by Debian's chromium, headless. Kept beside the
// bundle, not in it: the PDF carries its time of printing, and the bundle's
// bytes must not; anyone can print the bundle's HTML again.
Status PrintToPdf(const std::string& html, const std::string& pdf) {
  char pattern[] = "/tmp/lawtrail-pdf-XXXXXX";
  if (::mkdtemp(pattern) == nullptr) return Status::IOError("cannot make a temporary folder for printing");
  const std::string tmp = pattern;
  const std::string page = tmp + "/case.html";
  Status written = WriteFileDurably(page, html, 0600, true);
  int exit_status = -1;
  if (written.ok()) {
    std::vector<std::string> args = {"chromium",
                                     "--headless",
                                     "--no-sandbox",
                                     "--disable-gpu",
                                     "--no-pdf-header-footer",
                                     "--user-data-dir=" + tmp + "/profile",
                                     "--print-to-pdf=" + std::filesystem::absolute(pdf).string(),
                                     "file://" + page};
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t quiet;
    posix_spawn_file_actions_init(&quiet);
    posix_spawn_file_actions_addopen(&quiet, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&quiet, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    if (posix_spawnp(&pid, "chromium", &quiet, nullptr, argv.data(), environ) == 0) {
      int status = 0;
      if (::waitpid(pid, &status, 0) == pid && WIFEXITED(status)) exit_status = WEXITSTATUS(status);
    }
    posix_spawn_file_actions_destroy(&quiet);
  }
  std::error_code ec;
  std::filesystem::remove_all(tmp, ec);
  if (!written.ok()) return written;
  if (exit_status != 0 || !std::filesystem::exists(pdf, ec)) {
    return Status::Unavailable("chromium could not print the case file to " + pdf +
                               " (is Debian's chromium installed?); the bundle holds the HTML");
  }
  return Status::Ok();
}

int RunExport(const ExportCliOptions& o) {
  auto exporter = data_dir::LoadSigner(o.key_file);
  if (!exporter.ok()) return Report("export", exporter.status().WithContext("exporter key"));
  court_export::ExportRequest request{o.case_id, &*exporter, o.approval, o.reveal, o.files_dir, {}, NowMs()};
  for (const std::string& path : o.trusted_files) {
    auto note = ReadFile(path);
    if (!note.ok()) return Report("export", note.status());
    request.trusted.push_back(std::move(*note));
  }
  auto log = Log::Open(o.dir);
  if (!log.ok()) return Report("export", log.status());
  auto done = court_export::ExportCase(**log, o.dir, request);
  if (!done.ok()) return Report("export", done.status());
  if (Status s = WriteFileDurably(o.out, AsChars(done->built.bundle), 0644, false); !s.ok()) {
    return Report("export", s.WithContext("the export is recorded at index " + std::to_string(done->export_index) +
                                          " but the bundle was not written"));
  }
  if (!o.pdf.empty()) {
    auto parts = bundle::Unpack(done->built.bundle);
    Status printed = parts.ok() ? PrintToPdf(parts->case_file_html, o.pdf) : parts.status();
    if (!printed.ok()) return Report("export", printed);
  }
  const auto& b = done->built;
  std::printf(
      "exported case %s to %s: %zu records, %zu registry records, %zu openings%s, %zu attachments "
      "(%zu files), %zu documents; %zu bytes\n",
      o.case_id.c_str(), o.out.c_str(), b.records, b.registry_records, b.openings,
      b.openings_erased ? (" (" + std::to_string(b.openings_erased) + " erased)").c_str() : "", b.attachments, b.files,
      b.documents, b.bundle.size());
  std::printf("approval at index %llu for %s; export recorded at index %llu; checkpoint of %llu records\n",
              static_cast<unsigned long long>(done->approval_index), done->recipient.c_str(),
              static_cast<unsigned long long>(done->export_index),
              static_cast<unsigned long long>(done->checkpoint_size));
  return 0;
}

}  // namespace

// `verify-export --tsa-ca`: the bundle's time-stamp token, checked with
// OpenSSL against the TSA's CA (the shared verifier links no X.509 code).
int VerifyBundleTimestamp(const std::string& bundle_file, const std::string& ca_file) {
  auto fail = [](const std::string& why) {
    std::fprintf(stderr, "verify-export: FAILED at time-stamp: %s\n", why.c_str());
    return kExitProblem;
  };
  auto bytes = ReadFile(bundle_file);
  if (!bytes.ok()) return fail(bytes.status().message());
  auto parts = bundle::Unpack(AsBytes(*bytes));
  if (!parts.ok()) return fail(parts.status().message());
  if (parts->checkpoint_timestamp.empty()) return fail("the bundle carries no time-stamp token");
  const size_t split = parts->checkpoint.find("\n\n");
  const std::string body = parts->checkpoint.substr(0, split == std::string::npos ? 0 : split + 1);
  auto stamp = timestamp::Verify(parts->checkpoint_timestamp, body, ca_file);
  if (!stamp.ok()) return fail(stamp.status().message());
  std::printf("time-stamp: verified against %s: the checkpoint existed by %s (TSA %s, serial %s)\n", ca_file.c_str(),
              stamp->time.c_str(), stamp->tsa.c_str(), stamp->serial.c_str());
  return 0;
}

void AddExportCommands(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<ExportCliOptions>();
  CLI::App* exp =
      app.add_subcommand("export",
                         "Export one case for a court or supervisor as a bundle that verifies offline\n"
                         "(docs/court-export.md). Needs a recorded ExportApproved of the case (R4); appends the\n"
                         "export event, signed with --key, before writing anything (R6).");
  AddDataOption(exp, o->dir);
  exp->add_option("--case", o->case_id, "The case id")->required();
  exp->add_option("--out", o->out, "The bundle file to write")->required();
  exp->add_option("--key", o->key_file, "The exporting supervisor's key file (from keygen)")->required();
  exp->add_option("--approval", o->approval, "Index of the ExportApproved to act on (default: the latest)");
  exp->add_option("--reveal", o->reveal, "Sealed fields to open, e.g. party.name (the approval must list them)")
      ->delimiter(',');
  exp->add_option("--files", o->files_dir, "Folder of attachment files named by hex SHA-256, to include them");
  exp->add_option("--pdf", o->pdf, "Also print the case file to this PDF (with Debian's chromium), beside the bundle");
  exp->add_option("--trusted", o->trusted_files,
                  "A checkpoint the recipient already holds: a consistency proof to it goes in");
  exp->callback([o, &exit_code] { exit_code = RunExport(*o); });

  auto v = std::make_shared<VerifyExportArgs>();
  auto tsa_ca = std::make_shared<std::string>();
  CLI::App* verify =
      app.add_subcommand("verify-export",
                         "Check a case export offline against the log's verifier key: every signature,\n"
                         "proof, chain link, opening, attachment and the case file. Exit 1 naming the first\n"
                         "failure. (The same check as the standalone lawtrail-verify-export.)");
  verify->add_option("FILE", v->bundle_file, "The bundle")->required();
  verify->add_option("--vkey", v->vkey, "The log's verifier key (the text, or a file holding it)")->required();
  verify->add_option("--trusted", v->trusted_file, "A signed checkpoint the court holds");
  verify->add_option("--consistency", v->consistency_file,
                     "A consistency proof to a later trusted checkpoint (lawtrail prove consistency)");
  verify->add_option("--policy", v->policy_file,
                     "The court's witness policy (docs/witnesses.md): the bundle's checkpoint must meet its quorum");
  verify->add_option("--tsa-ca", *tsa_ca,
                     "The time-stamping authority's CA certificates (PEM): the bundle's RFC 3161 token over its\n"
                     "checkpoint must verify against them (docs/witnesses.md)");
  verify->callback([v, tsa_ca, &exit_code] {
    exit_code = RunVerifyExport(*v, stdout, stderr);
    if (exit_code == 0 && !tsa_ca->empty()) exit_code = VerifyBundleTimestamp(v->bundle_file, *tsa_ca);
  });
}

}  // namespace lawtrail::cli
