// `lawtrail evidence`: the evidence store of a log on this machine
// (docs/evidence.md) — put files in, get an original out (a recorded
// retrieval first), verify and scrub what is kept, list what records name and
// the store lacks. Officers upload through the API (PUT /v1/evidence/{sha256});
// these are for the operator and the archivist on the server itself.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

#include <fcntl.h>
#include <unistd.h>

#include "ledger/client/case_acts.h"
#include "ledger/core/sha256.h"
#include "ledger/log/data_dir.h"
#include "ledger/log/files.h"
#include "ledger/log/log.h"
#include "projectors/all.h"
#include "projectors/evidence_view.h"
#include "tools/cli_support.h"

namespace lawtrail::cli {
namespace {

struct EvidenceCliOptions {
  std::string dir, store, config;
  std::vector<std::string> files;  // put: paths; verify: hashes
  std::string hash, case_id, key_file, purpose, out;
};

Result<std::unique_ptr<evidence::EvidenceStore>> OpenStore(const EvidenceCliOptions& o) {
  api::ServeConfig::Evidence config;
  if (!o.config.empty()) {
    LAWTRAIL_ASSIGN_OR_RETURN(std::string text, ReadFile(o.config));
    LAWTRAIL_ASSIGN_OR_RETURN(api::ServeConfig parsed, api::ParseServeConfig(text));
    config = parsed.evidence;
  }
  if (!o.store.empty()) config.dir = o.store;
  return evidence::EvidenceStore::Open(EvidenceStoreOptions(o.dir, config));
}

// The views of the log, read-only, if it has any: which records name a file.
std::unique_ptr<projectors::ViewStore> OpenViews(const std::string& dir) {
  auto views = projectors::ViewStore::Open(projectors::ViewsPath(dir), true);
  return views.ok() ? std::move(*views) : nullptr;
}

std::vector<projectors::FileRef> RefsOf(projectors::ViewStore* views, const Hash& hash) {
  if (views == nullptr) return {};
  auto refs = projectors::ReadFileRefs(*views, hash);
  return refs.ok() ? refs->refs : std::vector<projectors::FileRef>{};
}

void PrintRefs(const std::vector<projectors::FileRef>& refs) {
  for (const auto& r : refs) {
    std::printf("    record %llu  case %s  %s  %s%s%s\n", static_cast<unsigned long long>(r.index), r.case_id.c_str(),
                r.act.c_str(), r.title.c_str(), r.doc_no.empty() ? "" : "  ", r.doc_no.c_str());
  }
}

// Reads `path` in pieces through `each`; its size.
Result<uint64_t> ReadPieces(const std::string& path, const std::function<Status(ByteView)>& each) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::NotFound("cannot read " + path + ": " + std::strerror(errno));
  std::vector<uint8_t> buf(1 << 20);
  uint64_t total = 0;
  Status status;
  for (;;) {
    const ssize_t n = ::read(fd, buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      status = Status::IOError("reading " + path + ": " + std::strerror(errno));
      break;
    }
    if (n == 0) break;
    total += static_cast<uint64_t>(n);
    status = each(ByteView(buf.data(), static_cast<size_t>(n)));
    if (!status.ok()) break;
  }
  ::close(fd);
  if (!status.ok()) return status;
  return total;
}

int RunPut(const EvidenceCliOptions& o) {
  auto store = OpenStore(o);
  if (!store.ok()) return Report("evidence put", store.status());
  auto views = OpenViews(o.dir);
  int exit = 0;
  for (const std::string& path : o.files) {
    Sha256Stream sha;
    auto size = ReadPieces(path, [&](ByteView piece) {
      sha.Update(piece);
      return Status::Ok();
    });
    if (!size.ok()) {
      exit = Report("evidence put", size.status());
      continue;
    }
    const Hash hash = sha.Final();
    const auto refs = RefsOf(views.get(), hash);
    auto upload = (*store)->BeginUpload(hash, 0);
    if (!upload.ok() && upload.status().code() == StatusCode::kAlreadyExists) {
      const auto info = (*store)->Info(hash);
      std::printf("%s  %s  already stored (%s)\n", ToHex(hash).c_str(), path.c_str(),
                  std::string(StateName(info.state)).c_str());
      if (!refs.empty() && info.state == evidence::State::kStaged) (void)(*store)->Keep(hash);
      continue;
    }
    if (!upload.ok()) {
      exit = Report("evidence put", upload.status().WithContext(path));
      continue;
    }
    auto copied = ReadPieces(path, [&](ByteView piece) { return (*upload)->Write(piece); });
    auto done = copied.ok() ? (*upload)->Finish(!refs.empty()) : Result<evidence::FileInfo>(copied.status());
    if (!done.ok()) {
      exit = Report("evidence put", done.status().WithContext(path + " (it changed while read?)"));
      continue;
    }
    std::printf("%s  %s  %s, %llu bytes%s\n", ToHex(hash).c_str(), path.c_str(),
                std::string(StateName(done->state)).c_str(), static_cast<unsigned long long>(done->size),
                refs.empty() ? " (no record names it yet)" : "");
    PrintRefs(refs);
  }
  return exit;
}

// An original leaves only after the signed retrieval is durable in the log (R6).
int RunGet(const EvidenceCliOptions& o) {
  auto hash = evidence::ParseHash(o.hash);
  if (!hash.ok()) return Report("evidence get", hash.status());
  auto store = OpenStore(o);
  if (!store.ok()) return Report("evidence get", store.status());
  auto path = (*store)->PathOf(*hash);
  if (!path.ok()) return Report("evidence get", path.status());
  auto signer = data_dir::LoadSigner(o.key_file);
  if (!signer.ok()) return Report("evidence get", signer.status().WithContext("the supervisor's key"));
  auto log = Log::Open(o.dir);
  if (!log.ok()) return Report("evidence get", log.status());
  auto origin = (*log)->reader().Origin();
  if (!origin.ok()) return Report("evidence get", origin.status());
  const domain::Act act{*origin,         o.case_id, signer->name, &signer->key, NowMs(),
                        RandomEventId(), {},        false,        "",           std::nullopt};
  const Bytes retrieval = domain::RetrieveCaseFile(act, o.purpose, "原件 " + ToHex(*hash));
  std::vector<AppendResult> appended = (*log)->Append({retrieval});
  if (!appended[0].ok()) {
    return Report("evidence get", appended[0].status().WithContext("the retrieval was refused; nothing was read"));
  }
  std::ifstream in(*path, std::ios::binary);
  std::ofstream out(o.out, std::ios::binary | std::ios::trunc);
  out << in.rdbuf();
  if (!in || !out) return Report("evidence get", Status::IOError("copying " + *path + " to " + o.out));
  std::printf("%s  written to %s; the retrieval is record %llu\n", ToHex(*hash).c_str(), o.out.c_str(),
              static_cast<unsigned long long>(appended[0]->index));
  return 0;
}

int RunVerify(const EvidenceCliOptions& o) {
  auto store = OpenStore(o);
  if (!store.ok()) return Report("evidence verify", store.status());
  auto views = OpenViews(o.dir);
  int exit = 0;
  for (const std::string& hex : o.files) {
    auto hash = evidence::ParseHash(hex);
    if (!hash.ok()) {
      exit = Report("evidence verify", hash.status());
      continue;
    }
    const auto info = (*store)->Info(*hash);
    auto path = (*store)->PathOf(*hash);
    std::string verdict;
    if (!path.ok()) {
      verdict = std::string("not held (") + std::string(StateName(info.state)) + ")";
      if (info.state != evidence::State::kDisposed) exit = kExitProblem;
    } else {
      Sha256Stream sha;
      auto size = ReadPieces(*path, [&](ByteView piece) {
        sha.Update(piece);
        return Status::Ok();
      });
      const bool same = size.ok() && sha.Final() == *hash;
      verdict = same ? "intact, " + std::to_string(*size) + " bytes" : "CHANGED: its bytes no longer hash to its name";
      if (!same) exit = kExitProblem;
    }
    std::printf("%s  %s\n", hex.c_str(), verdict.c_str());
    PrintRefs(RefsOf(views.get(), *hash));
  }
  return exit;
}

int RunScrub(const EvidenceCliOptions& o) {
  auto store = OpenStore(o);
  if (!store.ok()) return Report("evidence scrub", store.status());
  auto report = (*store)->Scrub();
  if (!report.ok()) return Report("evidence scrub", report.status());
  auto views = OpenViews(o.dir);
  const double seconds = static_cast<double>(report->finished_ms - report->started_ms) / 1000.0;
  std::printf("scrub: %llu files, %llu bytes re-hashed in %.1f s; %zu problem%s\n",
              static_cast<unsigned long long>(report->files), static_cast<unsigned long long>(report->bytes), seconds,
              report->problems.size(), report->problems.size() == 1 ? "" : "s");
  for (const auto& p : report->problems) {
    std::printf("%s  %s: %s\n", ToHex(p.hash).c_str(), p.what.c_str(), p.detail.c_str());
    PrintRefs(RefsOf(views.get(), p.hash));
  }
  return report->problems.empty() ? 0 : kExitProblem;
}

int RunMissing(const EvidenceCliOptions& o) {
  auto store = OpenStore(o);
  if (!store.ok()) return Report("evidence missing", store.status());
  auto views = OpenViews(o.dir);
  if (views == nullptr) return Report("evidence missing", Status::NotFound("the log has no views: run project first"));
  size_t missing = 0;
  Status s = projectors::ScanFileRefs(*views, [&](const Hash& hash, const projectors::FileRefs& f) {
    if (f.disposed_by || f.refs.empty()) return true;
    const auto state = (*store)->Info(hash).state;
    if (state == evidence::State::kKept || state == evidence::State::kStaged) return true;
    ++missing;
    std::printf("%s  %s\n", ToHex(hash).c_str(), std::string(StateName(state)).c_str());
    PrintRefs(f.refs);
    return true;
  });
  if (!s.ok()) return Report("evidence missing", s);
  std::printf("%zu file%s named by records and not in the store\n", missing, missing == 1 ? "" : "s");
  return 0;
}

}  // namespace

evidence::StoreOptions EvidenceStoreOptions(const std::string& dir, const api::ServeConfig::Evidence& config) {
  evidence::StoreOptions options;
  options.root = config.dir.empty() ? data_dir::EvidencePath(dir) : config.dir;
  options.max_file_bytes = static_cast<uint64_t>(config.max_file_gib * double(uint64_t{1} << 30));
  return options;
}

void AddEvidenceCommands(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<EvidenceCliOptions>();
  CLI::App* ev = app.add_subcommand(
      "evidence",
      "The files records name by SHA-256, kept beside the log (docs/evidence.md): put, get (a recorded\n"
      "retrieval first), verify, scrub, missing.");
  ev->require_subcommand(1);
  auto common = [&](CLI::App* c) {
    AddDataOption(c, o->dir);
    c->add_option("--store", o->store, "The evidence store's folder (default DIR/evidence, or the config's)");
    c->add_option("--config", o->config, "serve's config file, for its \"evidence\" settings");
  };
  CLI::App* put =
      ev->add_subcommand("put", "Store files under their SHA-256: kept if a record names them, else staged.");
  common(put);
  put->add_option("FILE", o->files, "Files to store")->required();
  put->callback([o, &exit_code] { exit_code = RunPut(*o); });

  CLI::App* get = ev->add_subcommand(
      "get", "Copy an original out: a supervisor's CaseFileRetrieved is appended and durable first (R6).");
  common(get);
  get->add_option("SHA256", o->hash, "The file's SHA-256 (hex)")->required();
  get->add_option("--case", o->case_id, "The case whose record names the file")->required();
  get->add_option("--key", o->key_file, "The supervisor's key file (signs the retrieval)")->required();
  get->add_option("--purpose", o->purpose, "调阅事由, recorded with the retrieval")->required();
  get->add_option("--out", o->out, "Where to write the file")->required();
  get->callback([o, &exit_code] { exit_code = RunGet(*o); });

  CLI::App* verify = ev->add_subcommand("verify", "Re-hash stored files and name the records that reference them.");
  common(verify);
  verify->add_option("SHA256", o->files, "SHA-256 (hex) of the files")->required();
  verify->callback([o, &exit_code] { exit_code = RunVerify(*o); });

  CLI::App* scrub = ev->add_subcommand(
      "scrub", "Re-hash every stored file; report any changed or vanished with the records naming it (exit 1).");
  common(scrub);
  scrub->callback([o, &exit_code] { exit_code = RunScrub(*o); });

  CLI::App* missing = ev->add_subcommand("missing", "List files records name that the store does not hold.");
  common(missing);
  missing->callback([o, &exit_code] { exit_code = RunMissing(*o); });
}

}  // namespace lawtrail::cli
