// lawtrail_evidence_bench: the evidence store's upload, download and scrub
// against what this disk and CPU do with the same file (docs/evidence.md):
// upload (streamed over HTTP, hashed, written and synced) against
// `sha256sum`, since hashing is the limit; download (a recorded retrieval,
// then the file streamed back and written to disk) against `sha256sum` and
// `cp` + `sync`, with `dd … conv=fdatasync` for what a user-space write costs;
// scrub (re-hashing what is stored) against `sha256sum`. Prints a Markdown table.
//
//   lawtrail_evidence_bench [--mib N] [--dir PATH]
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <sodium.h>

#include "api/api_server.h"
#include "bench/limits.h"
#include "ledger/client/registry_statements.h"
#include "ledger/client/statement_builder.h"
#include "ledger/client/statement_stream.h"
#include "ledger/evidence/evidence_store.h"
#include "ledger/log/data_dir.h"
#include "ledger/log/files.h"
#include "ledger/log/log.h"
#include "projectors/all.h"
#include "projectors/runner.h"
#include "tests/api/evidence_client.h"
#include "tools/town_year.h"

namespace lawtrail::bench {
namespace {

using testing::SyntheticFile;

constexpr char kOrigin[] = "bench.lawtrail.example/enforcement";
constexpr char kOfficerToken[] = "bench-officer";
constexpr char kSupervisorToken[] = "bench-supervisor";

// The best of three runs of a shell command, in seconds; negative if it failed.
double BestOf3(const std::string& command) {
  double best = 1e9;
  for (int i = 0; i < 3; ++i) {
    int rc = 0;
    best = std::min(best, TimeOf([&] { rc = std::system(command.c_str()); }));
    if (rc != 0) return -1;
  }
  return best;
}

api::TokenEntry Token(const std::string& token, api::Role role, const std::string& certificate) {
  api::TokenEntry e{std::string(api::RoleName(role)), role, certificate, {}};
  const Hash h = Sha256(AsBytes(token));
  std::copy(h.begin(), h.end(), e.sha256.begin());
  return e;
}

StatementHeader HeaderBy(const note::Signer& who, const std::string& case_id) {
  return HeaderNow(kOrigin, case_id, who.name, who.key.public_key());
}

// A demo year's log, and a memo in its first case naming the file.
Result<std::unique_ptr<Log>> MakeLog(const std::string& dir, const demo::Year*& year_out, const Hash& file,
                                     uint64_t size) {
  LAWTRAIL_ASSIGN_OR_RETURN(auto created, Log::Create(dir, kOrigin, {"青山镇人民政府", "11411500MB1234567X"}));
  static const demo::Year year = demo::GenerateYear({kOrigin, created.root, 20, 3, 0});
  year_out = &year;
  LAWTRAIL_ASSIGN_OR_RETURN(auto log, Log::Open(dir));
  for (const auto& r : log->Append(year.registry)) LAWTRAIL_RETURN_IF_ERROR(r.status());
  std::vector<Bytes> items;
  for (const auto& item : year.items) items.push_back(item.submission);
  log->Append(std::move(items));
  const note::Signer& officer = year.inspectors.front();
  StatementExtras extras;
  extras.attachments.push_back({file, size, "video/mp4", "执法记录仪视频", "", "", ""});
  const Bytes memo = SignStatement(
      CaseMemoStatement(HeaderBy(officer, year.cases.front().case_id), "音像记录", "现场检查全程录像", extras),
      officer.key);
  LAWTRAIL_RETURN_IF_ERROR(log->Append({memo})[0].status());
  return log;
}

void WriteFile(const SyntheticFile& file, const std::string& path) {
  std::ofstream out(path, std::ios::binary);
  std::vector<uint8_t> buf(1 << 20);
  for (uint64_t at = 0; at < file.size();) {
    const size_t n = file.Read(at, buf);
    out.write(reinterpret_cast<const char*>(buf.data()), static_cast<std::streamsize>(n));
    at += n;
  }
}

// The server over the log, its views folded first, so that the upload is
// kept at once (a record names it).
Result<std::unique_ptr<api::ApiServer>> StartServer(Log& log, projectors::ViewStore& views,
                                                    evidence::EvidenceStore& store, const std::string& dir,
                                                    const demo::Year& year) {
  projectors::ProjectionRunner runner(log.reader(), views, projectors::AllProjectors());
  LAWTRAIL_RETURN_IF_ERROR(runner.CatchUp().status());
  LAWTRAIL_ASSIGN_OR_RETURN(std::string vkey, ReadFile(data_dir::VerifierKeyPath(dir)));
  while (!vkey.empty() && vkey.back() == '\n') vkey.pop_back();
  api::ApiServerOptions o;
  o.http.port = 0;
  o.access_log = false;
  o.tokens.Add(Token(kOfficerToken, api::Role::kOfficer, ""));
  o.tokens.Add(Token(kSupervisorToken, api::Role::kSupervisor, year.supervisor->name));
  o.evidence = &store;
  return api::ApiServer::Start(&log, log.store(), &views, vkey, std::move(o));
}

// The supervisor's download: the signed retrieval, then the file written to `out` and synced.
uint64_t Download(uint16_t port, const demo::Year& year, const std::string& hex, const std::string& out_path) {
  const std::string case_id = year.cases.front().case_id;
  flatbuffers::FlatBufferBuilder b;
  auto payload = fb::CreateCaseFileRetrievedDirect(b, "性能测试", ("原件 " + hex).c_str());
  const Bytes retrieval = SignStatement(
      FinishStatement(b, HeaderBy(*year.supervisor, case_id), fb::Payload::CaseFileRetrieved, payload.Union()),
      year.supervisor->key);
  std::string framed;
  AppendFramedStatement(framed, retrieval);
  uint64_t got = 0;
  std::ofstream out(out_path, std::ios::binary);
  const testing::StreamReply down = testing::PostForFile(
      port, "/v1/cases/" + case_id + "/evidence/" + hex, framed,
      std::string("Authorization: Bearer ") + kSupervisorToken + "\r\nContent-Type: application/octet-stream\r\n",
      [&](ByteView piece) {
        out.write(reinterpret_cast<const char*>(piece.data()), static_cast<std::streamsize>(piece.size()));
        got += piece.size();
      });
  out.close();
  if (down.status != 200) std::fprintf(stderr, "download: %u %s\n", down.status, down.body.c_str());
  return std::system(("sync " + out_path).c_str()) == 0 && down.status == 200 ? got : 0;
}

int Main(int argc, char** argv) {
  uint64_t mib = 1024;
  std::string dir = "/tmp/lawtrail-evidence-bench";
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--mib")) mib = std::stoull(argv[i + 1]);
    if (!std::strcmp(argv[i], "--dir")) dir = argv[i + 1];
  }
  if (sodium_init() < 0) return 1;
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  std::filesystem::create_directories(dir + "/files");
  const SyntheticFile file(mib << 20);
  const std::string path = dir + "/files/recording.mp4";
  WriteFile(file, path);
  const double sha256sum_s = BestOf3("sha256sum " + path + " > /dev/null");
  const double cp_s = BestOf3("cp " + path + " " + path + ".copy && sync " + path + ".copy && rm " + path + ".copy");
  // What writing through the page cache from user space costs here (cp copies inside the kernel).
  const double dd_s =
      BestOf3("dd if=" + path + " of=" + path + ".dd bs=1M conv=fdatasync status=none && rm " + path + ".dd");
  const Hash hash = file.Sha256();
  const std::string hex = ToHex(hash);

  const demo::Year* year = nullptr;
  auto log = MakeLog(dir + "/log", year, hash, file.size());
  if (!log.ok()) return std::fprintf(stderr, "log: %s\n", log.status().ToString().c_str()), 1;
  auto store = *evidence::EvidenceStore::Open({dir + "/log/evidence"});
  auto views = *projectors::ViewStore::Open(projectors::ViewsPath(dir + "/log"));
  auto server = StartServer(**log, *views, *store, dir + "/log", *year);
  if (!server.ok()) return std::fprintf(stderr, "server: %s\n", server.status().ToString().c_str()), 1;

  testing::StreamReply up;
  const double upload_s = TimeOf([&] {
    up = testing::PutStreamed((*server)->port(), "/v1/evidence/" + hex, file, 0, file.size(),
                              std::string("Authorization: Bearer ") + kOfficerToken + "\r\n");
  });
  if (up.status != 201) return std::fprintf(stderr, "upload: %u %s\n", up.status, up.body.c_str()), 1;
  uint64_t got = 0;
  const double download_s =
      TimeOf([&] { got = Download((*server)->port(), *year, hex, dir + "/files/downloaded.mp4"); });
  if (got != file.size()) return 1;
  Result<evidence::ScrubReport> scrub = Status::Internal("not run");
  const double scrub_s = TimeOf([&] { scrub = store->Scrub(); });
  if (!scrub.ok() || !scrub->problems.empty()) return 1;
  (*server)->Stop();

  const double mb = static_cast<double>(file.size()) / 1e6;
  std::printf("| %llu MiB file | MB/s | ratio |\n|---|---:|---:|\n", static_cast<unsigned long long>(mib));
  std::printf("| sha256sum (the limit for upload and scrub) | %.0f | 1.00 |\n", mb / sha256sum_s);
  std::printf("| cp + sync | %.0f | 1.00 |\n", mb / cp_s);
  std::printf("| dd bs=1M conv=fdatasync (a user-space write) | %.0f | %.2f of sha256sum |\n", mb / dd_s,
              sha256sum_s / dd_s);
  std::printf("| upload: PUT /v1/evidence, hashed, written, synced | %.0f | %.2f of sha256sum |\n", mb / upload_s,
              sha256sum_s / upload_s);
  std::printf("| download: retrieval appended, then streamed to disk | %.0f | %.2f of sha256sum, %.2f of cp |\n",
              mb / download_s, sha256sum_s / download_s, cp_s / download_s);
  std::printf("| scrub: re-hash what is stored | %.0f | %.2f of sha256sum |\n", mb / scrub_s, sha256sum_s / scrub_s);
  return 0;
}

}  // namespace
}  // namespace lawtrail::bench

int main(int argc, char** argv) { return lawtrail::bench::Main(argc, argv); }
