// lawtrail_export_bench: a court export of one large case, and its offline
// verification, against the Ed25519 limit of this machine (the verifier checks
// one signature per record). Prints a Markdown table.
//
//   lawtrail_export_bench [--records N] [--dir PATH] [--out BUNDLE]
//
// --out keeps the bundle, to time the standalone lawtrail-verify-export on it
// (libsodium's SHA-256 instead of OpenSSL's).
// The log: a demo year (registry, 30 cases), then N case memos in one of its
// cases by a registered officer, an export approval and the export itself.
#include <cstdio>
#include <cstring>
#include <filesystem>

#include <sodium.h>

#include "bench/limits.h"
#include "ledger/bundle/export_verifier.h"
#include "ledger/client/case_acts.h"
#include "ledger/client/registry_statements.h"
#include "ledger/client/statement_builder.h"
#include "ledger/export/case_export.h"
#include "ledger/log/data_dir.h"
#include "ledger/log/files.h"
#include "ledger/log/log.h"
#include "ledger/log/thread_pool.h"
#include "projectors/all.h"
#include "projectors/runner.h"
#include "projectors/view_store.h"
#include "tools/town_year.h"

namespace lawtrail::bench {
namespace {

constexpr char kOrigin[] = "bench.lawtrail.example/enforcement";

// `records` memos in the case of `case_id`, signed by an officer of our own
// whom the agency's root key registers first. The memos, or none on an error.
std::vector<Bytes> AppendMemos(Log& log, const CreatedLog& created, const std::string& case_id, uint64_t records,
                               ThreadPool& pool) {
  const note::Signer officer{"41159999", KeyPair::Generate()};
  OfficerInfo info{officer.name, "卷宗管理员", "执法队员", officer.key.public_key(), {fb::Role::Officer}, 0, 0};
  if (!log.Append(
              {SignStatement(OfficerRegisteredStatement(RegistryHeader(kOrigin, created.root.key.public_key()), info),
                             created.root.key)})[0]
           .ok()) {
    return {};
  }
  std::vector<Bytes> memos(records);
  pool.ParallelFor(records, [&](size_t i) {
    const StatementHeader h = HeaderNow(kOrigin, case_id, officer.name, officer.key.public_key());
    memos[i] = SignStatement(
        CaseMemoStatement(h, "办案记录", "第" + std::to_string(i) + "次：现场复查，当事人已整改。"), officer.key);
  });
  for (size_t begin = 0; begin < memos.size(); begin += 1024) {
    std::vector<Bytes> chunk(memos.begin() + begin, memos.begin() + std::min<size_t>(memos.size(), begin + 1024));
    for (const auto& r : log.Append(std::move(chunk))) {
      if (!r.ok()) return {};
    }
  }
  return memos;
}

// Empties `dir` for a new log; false if it cannot.
bool FreshDir(const std::string& dir) {
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  return !ec;
}

int Main(int argc, char** argv) {
  uint64_t records = 10'000;
  std::string dir = "/tmp/lawtrail-export-bench", out;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--records")) records = std::stoull(argv[i + 1]);
    if (!std::strcmp(argv[i], "--dir")) dir = argv[i + 1];
    if (!std::strcmp(argv[i], "--out")) out = argv[i + 1];
  }
  if (sodium_init() < 0 || !FreshDir(dir)) return 1;
  auto created = Log::Create(dir, kOrigin, {"青山镇人民政府", "11411500MB1234567X"});
  if (!created.ok()) return 1;
  const demo::Year year = demo::GenerateYear({kOrigin, created->root, 30, 3, 0});
  auto log = *Log::Open(dir);
  for (const auto& r : log->Append(year.registry)) {
    if (!r.ok()) return 1;
  }
  std::vector<Bytes> items;
  for (const auto& item : year.items) items.push_back(item.submission);
  log->Append(std::move(items));

  const std::string case_id = year.cases.front().case_id;
  ThreadPool pool;
  const std::vector<Bytes> memos = AppendMemos(*log, *created, case_id, records, pool);
  if (memos.empty()) return 1;
  const note::Signer& supervisor = *year.supervisor;
  const domain::Act approve{kOrigin, case_id, supervisor.name, &supervisor.key, NowMs(), RandomEventId(), {},
                            false,   "",      std::nullopt};
  if (!log->Append({domain::ApproveExport(approve, "青山区人民法院", "行政诉讼举证", {"party.name"})})[0].ok())
    return 1;
  // The views first, so that the export's own fold is the few records it adds.
  {
    auto views = *projectors::ViewStore::Open(projectors::ViewsPath(dir));
    projectors::ProjectionRunner runner(log->reader(), *views, projectors::AllProjectors());
    (void)runner.CatchUp();
  }

  const court_export::ExportRequest request{case_id, &supervisor, std::nullopt, {"party.name"}, "", {}, NowMs()};
  Result<court_export::ExportDone> done = Status::Internal("not run");
  const double export_s = TimeOf([&] { done = court_export::ExportCase(*log, dir, request); });
  if (!done.ok()) {
    std::fprintf(stderr, "export: %s\n", done.status().ToString().c_str());
    return 1;
  }
  const Bytes& bundle = done->built.bundle;
  if (!out.empty() && !WriteFileDurably(out, AsChars(bundle), 0644, false).ok()) return 1;
  const note::Verifier vkey = *data_dir::LoadVerifier(dir);
  if (!out.empty() &&
      !WriteFileDurably(out + ".vkey", note::EncodeVerifier(vkey.name, vkey.public_key), 0644, false).ok()) {
    return 1;
  }
  ExportReport report;
  double verify_s = 1e9;
  for (int round = 0; round < 3; ++round) {
    verify_s = std::min(verify_s, TimeOf([&] { report = VerifyExport(bundle, {vkey, std::nullopt, {}}); }));
  }
  if (!report.status.ok()) {
    std::fprintf(stderr, "verify: %s\n", report.status.ToString().c_str());
    return 1;
  }
  double v1 = 0, vall = 0;
  Ed25519Limit(std::vector<Bytes>(memos.begin(), memos.begin() + std::min<size_t>(memos.size(), 20'000)), pool, v1,
               vall);
  const double signatures = static_cast<double>(report.signatures);

  std::printf("| measure | figure | ratio to the limit |\n|---|---|---|\n");
  std::printf("| case records / registry records / log size | %zu / %zu / %llu | |\n", report.records,
              report.registry_records, static_cast<unsigned long long>(report.checkpoint_size));
  std::printf(
      "| export (approval found, event appended durably, checkpoint, case file rebuilt from the records, bundle built) "
      "| %.3f s | |\n",
      export_s);
  std::printf("| verify-export (everything), all cores | %.3f s | %.2f of all-core Ed25519 (%.0f signatures/s) |\n",
              verify_s, signatures / verify_s / vall, signatures / verify_s);
  std::printf("| bundle size | %.2f MB (%.0f bytes a record) | |\n", bundle.size() / 1e6,
              static_cast<double>(bundle.size()) / (report.records + report.registry_records));
  std::printf("| inclusion proof / case-head proof | %zu / %zu hashes | |\n", report.proof_hashes,
              report.case_head_proof_hashes);
  std::printf("| Ed25519 verify, 1 core / all cores | %.0f / %.0f /s | |\n", v1, vall);
  return 0;
}

}  // namespace
}  // namespace lawtrail::bench

int main(int argc, char** argv) { return lawtrail::bench::Main(argc, argv); }
