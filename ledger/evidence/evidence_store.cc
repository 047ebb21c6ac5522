#include "ledger/evidence/evidence_store.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <fcntl.h>
#include <nlohmann/json.hpp>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace lawtrail::evidence {
namespace {

namespace fs = std::filesystem;

constexpr size_t kReadChunk = 1 << 20;

Status Errno(std::string_view what, const std::string& path) {
  return Status::IOError(std::string(what) + " " + path + ": " + std::strerror(errno));
}

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Status SyncDir(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Errno("opening folder", dir);
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok ? Status::Ok() : Errno("syncing folder", dir);
}

Status MakeDirs(const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::IOError("creating folder " + dir + ": " + ec.message());
  return Status::Ok();
}

Status WriteAll(int fd, ByteView data, const std::string& path) {
  size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Errno("writing", path);
    }
    done += static_cast<size_t>(n);
  }
  return Status::Ok();
}

// Hashes the first `size` bytes of `fd` from its start; fails if it is shorter.
Result<uint64_t> HashPrefix(int fd, uint64_t size, Sha256Stream& sha, const std::string& path) {
  std::vector<uint8_t> buf(kReadChunk);
  uint64_t done = 0;
  while (done < size) {
    const ssize_t n = ::pread(fd, buf.data(), std::min<uint64_t>(buf.size(), size - done), static_cast<off_t>(done));
    if (n < 0) {
      if (errno == EINTR) continue;
      return Errno("reading", path);
    }
    if (n == 0) break;
    sha.Update(ByteView(buf.data(), static_cast<size_t>(n)));
    done += static_cast<uint64_t>(n);
  }
  return done;
}

// The SHA-256 and size of a whole file.
Result<std::pair<Hash, uint64_t>> HashFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Errno("opening", path);
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  Sha256Stream sha;
  auto n = HashPrefix(fd, UINT64_MAX, sha, path);
  ::close(fd);
  if (!n.ok()) return n.status();
  return std::make_pair(sha.Final(), *n);
}

std::string Shard2(const std::string& hex) { return hex.substr(0, 2) + "/" + hex.substr(2, 2); }

Result<std::string> Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

nlohmann::json ReportJson(const ScrubReport& r) {
  nlohmann::json problems = nlohmann::json::array();
  for (const auto& p : r.problems)
    problems.push_back({{"hash", ToHex(p.hash)}, {"what", p.what}, {"detail", p.detail}});
  return {{"started_ms", r.started_ms},
          {"finished_ms", r.finished_ms},
          {"files", r.files},
          {"bytes", r.bytes},
          {"problems", problems}};
}

}  // namespace

std::string_view StateName(State state) {
  switch (state) {
    case State::kAbsent: return "absent";
    case State::kUploading: return "uploading";
    case State::kStaged: return "staged";
    case State::kKept: return "kept";
    case State::kDisposed: return "disposed";
  }
  return "absent";
}

Result<Hash> ParseHash(std::string_view hex) {
  if (hex.size() != 64) {
    return Status::InvalidArgument("a file is named by its SHA-256 as 64 hex digits; '" +
                                   std::string(hex.substr(0, 80)) + "' has " + std::to_string(hex.size()));
  }
  for (char ch : hex) {
    if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) {
      return Status::InvalidArgument("a file's SHA-256 is written in lower-case hex; '" + std::string(hex) +
                                     "' is not");
    }
  }
  auto bytes = FromHex(hex);
  if (!bytes.ok()) return bytes.status();
  Hash h;
  std::copy(bytes->begin(), bytes->end(), h.begin());
  return h;
}

// ---- Upload -----------------------------------------------------------------

Upload::Upload(EvidenceStore& store, const Hash& hash, int fd, uint64_t received)
    : store_(store), hash_(hash), fd_(fd), received_(received) {}

Upload::~Upload() {
  if (fd_ >= 0) ::close(fd_);  // releases the lock; the partial stays for a resume
}

Status Upload::Write(ByteView chunk) {
  if (done_ || fd_ < 0) return Status::FailedPrecondition("the upload of " + ToHex(hash_) + " is over");
  if (received_ + chunk.size() > store_.options_.max_file_bytes) {
    return Status::InvalidArgument("a file is at most " + std::to_string(store_.options_.max_file_bytes) + " bytes");
  }
  LAWTRAIL_RETURN_IF_ERROR(WriteAll(fd_, chunk, store_.PartialPath(hash_)));
  sha_.Update(chunk);
  received_ += chunk.size();
  return Status::Ok();
}

void Upload::Discard() {
  if (fd_ < 0) return;
  ::unlink(store_.PartialPath(hash_).c_str());
  ::close(fd_);
  fd_ = -1;
  done_ = true;
}

Result<FileInfo> Upload::Finish(bool keep) {
  if (done_ || fd_ < 0) return Status::FailedPrecondition("the upload of " + ToHex(hash_) + " is over");
  const Hash got = sha_.Final();
  if (got != hash_) {
    const uint64_t size = received_;
    Discard();
    return Status::InvalidArgument("the " + std::to_string(size) + " bytes sent hash to " + ToHex(got) + ", not " +
                                   ToHex(hash_) + ": nothing was kept");
  }
  const std::string partial = store_.PartialPath(hash_);
  if (::fdatasync(fd_) != 0) return Errno("syncing", partial);
  if (::fchmod(fd_, 0444) != 0) return Errno("making read-only", partial);
  auto placed = store_.Place(hash_, received_, keep);
  ::close(fd_);
  fd_ = -1;
  done_ = true;
  return placed;
}

// ---- EvidenceStore ----------------------------------------------------------

Result<std::unique_ptr<EvidenceStore>> EvidenceStore::Open(StoreOptions options) {
  if (options.root.empty()) return Status::InvalidArgument("the evidence store needs a folder");
  for (const char* sub : {"objects", "staged", "uploads", "disposed"}) {
    LAWTRAIL_RETURN_IF_ERROR(MakeDirs(options.root + "/" + sub));
  }
  // Leftover temporary names of an interrupted Place (never a stored file).
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(options.root + "/staged", ec)) {
    if (e.path().extension() == ".tmp") fs::remove(e.path(), ec);
  }
  return std::unique_ptr<EvidenceStore>(new EvidenceStore(std::move(options)));
}

std::string EvidenceStore::ObjectPath(const Hash& hash) const {
  const std::string hex = ToHex(hash);
  return options_.root + "/objects/" + Shard2(hex) + "/" + hex;
}
std::string EvidenceStore::StagedPath(const Hash& hash) const { return options_.root + "/staged/" + ToHex(hash); }
std::string EvidenceStore::PartialPath(const Hash& hash) const {
  return options_.root + "/uploads/" + ToHex(hash) + ".part";
}
std::string EvidenceStore::TombstonePath(const Hash& hash) const {
  const std::string hex = ToHex(hash);
  return options_.root + "/disposed/" + hex.substr(0, 2) + "/" + hex + ".json";
}

FileInfo EvidenceStore::Info(const Hash& hash) const {
  struct stat st {};
  FileInfo info;
  if (::stat(ObjectPath(hash).c_str(), &st) == 0) {
    info.state = State::kKept;
  } else if (::stat(StagedPath(hash).c_str(), &st) == 0) {
    info.state = State::kStaged;
  } else if (auto tomb = Slurp(TombstonePath(hash)); tomb.ok()) {
    info.state = State::kDisposed;
    info.disposal = *tomb;
    return info;
  } else if (::stat(PartialPath(hash).c_str(), &st) == 0) {
    info.state = State::kUploading;
  } else {
    return info;
  }
  info.size = static_cast<uint64_t>(st.st_size);
  return info;
}

Result<std::string> EvidenceStore::PathOf(const Hash& hash) const {
  const FileInfo info = Info(hash);
  if (info.state == State::kKept) return ObjectPath(hash);
  if (info.state == State::kStaged) return StagedPath(hash);
  return Status::NotFound("the evidence store holds no file " + ToHex(hash) + " (" +
                          std::string(StateName(info.state)) + ")");
}

Result<std::unique_ptr<Upload>> EvidenceStore::BeginUpload(const Hash& hash, uint64_t offset) {
  const std::string hex = ToHex(hash);
  const FileInfo info = Info(hash);
  if (info.state == State::kKept || info.state == State::kStaged) {
    return Status::AlreadyExists("file " + hex + " is already stored (" + std::string(StateName(info.state)) + ")");
  }
  if (info.state == State::kDisposed) {
    return Status::FailedPrecondition("file " + hex + " was disposed of by a retention decision: " + info.disposal);
  }
  const std::string path = PartialPath(hash);
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return Errno("opening", path);
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return Status::AlreadyExists("an upload of " + hex + " is under way; wait for it or resume it later");
  }
  struct stat st {};
  ::fstat(fd, &st);
  const uint64_t held = static_cast<uint64_t>(st.st_size);
  if (offset != 0 && offset != held) {
    ::close(fd);
    return Status::FailedPrecondition("the upload of " + hex + " holds " + std::to_string(held) +
                                      " bytes; resume from " + std::to_string(held) + ", not " +
                                      std::to_string(offset));
  }
  if (offset == 0 && held != 0 && ::ftruncate(fd, 0) != 0) {
    ::close(fd);
    return Errno("truncating", path);
  }
  std::unique_ptr<Upload> upload(new Upload(*this, hash, fd, 0));
  if (offset > 0) {
    // The digest state is not kept across processes: the bytes held are hashed again.
    auto hashed = HashPrefix(fd, offset, upload->sha_, path);
    if (!hashed.ok()) return hashed.status();
    upload->received_ = *hashed;
  }
  if (::lseek(fd, static_cast<off_t>(upload->received_), SEEK_SET) < 0) return Errno("seeking", path);
  return upload;
}

Result<FileInfo> EvidenceStore::Place(const Hash& hash, uint64_t size, bool keep) {
  MutexLock lock(mu_);
  const std::string from = PartialPath(hash);
  const std::string to = keep ? ObjectPath(hash) : StagedPath(hash);
  const std::string dir = fs::path(to).parent_path().string();
  LAWTRAIL_RETURN_IF_ERROR(MakeDirs(dir));
  // Never over a stored file: link() fails if the name exists, rename() would replace it.
  if (::link(from.c_str(), to.c_str()) != 0 && errno != EEXIST) return Errno("storing", to);
  ::unlink(from.c_str());
  LAWTRAIL_RETURN_IF_ERROR(SyncDir(dir));
  LAWTRAIL_RETURN_IF_ERROR(SyncDir(options_.root + "/uploads"));
  if (keep) LAWTRAIL_RETURN_IF_ERROR(AppendKept(hash, size));
  return FileInfo{keep ? State::kKept : State::kStaged, size, ""};
}

Status EvidenceStore::AppendKept(const Hash& hash, uint64_t size) {
  const std::string path = options_.root + "/kept.log";
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return Errno("opening", path);
  const std::string line = ToHex(hash) + " " + std::to_string(size) + " " + std::to_string(NowMs()) + "\n";
  Status s = WriteAll(fd, AsBytes(line), path);
  if (s.ok() && ::fdatasync(fd) != 0) s = Errno("syncing", path);
  ::close(fd);
  return s;
}

Status EvidenceStore::Keep(const Hash& hash) {
  MutexLock lock(mu_);
  const std::string to = ObjectPath(hash);
  struct stat st {};
  if (::stat(to.c_str(), &st) == 0) return Status::Ok();
  const std::string from = StagedPath(hash);
  if (::stat(from.c_str(), &st) != 0) return Status::NotFound("no staged file " + ToHex(hash) + " to keep");
  const std::string dir = fs::path(to).parent_path().string();
  LAWTRAIL_RETURN_IF_ERROR(MakeDirs(dir));
  if (::link(from.c_str(), to.c_str()) != 0 && errno != EEXIST) return Errno("keeping", to);
  LAWTRAIL_RETURN_IF_ERROR(SyncDir(dir));
  ::unlink(from.c_str());
  LAWTRAIL_RETURN_IF_ERROR(SyncDir(options_.root + "/staged"));
  return AppendKept(hash, static_cast<uint64_t>(st.st_size));
}

Status EvidenceStore::Dispose(const Hash& hash, const Disposal& why) {
  MutexLock lock(mu_);
  const std::string tomb = TombstonePath(hash);
  const std::string dir = fs::path(tomb).parent_path().string();
  LAWTRAIL_RETURN_IF_ERROR(MakeDirs(dir));
  struct stat st {};
  const bool had = ::stat(ObjectPath(hash).c_str(), &st) == 0 || ::stat(StagedPath(hash).c_str(), &st) == 0;
  const nlohmann::json record = {{"hash", ToHex(hash)},
                                 {"size", had ? static_cast<uint64_t>(st.st_size) : 0},
                                 {"stored", had},
                                 {"record_index", why.record_index},
                                 {"case_id", why.case_id},
                                 {"register_no", why.register_no},
                                 {"disposed_ms", why.disposed_ms}};
  // The tombstone first: a crash after it and before the unlink leaves a file
  // a second Dispose removes, never a file gone without its reason.
  const std::string text = record.dump();
  const std::string tmp = tomb + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0444);
  if (fd < 0) return Errno("creating", tmp);
  Status s = WriteAll(fd, AsBytes(text), tmp);
  if (s.ok() && ::fsync(fd) != 0) s = Errno("syncing", tmp);
  ::close(fd);
  LAWTRAIL_RETURN_IF_ERROR(s);
  if (::rename(tmp.c_str(), tomb.c_str()) != 0) return Errno("renaming into", tomb);
  LAWTRAIL_RETURN_IF_ERROR(SyncDir(dir));
  for (const std::string& path : {ObjectPath(hash), StagedPath(hash)}) {
    if (::unlink(path.c_str()) == 0) LAWTRAIL_RETURN_IF_ERROR(SyncDir(fs::path(path).parent_path().string()));
  }
  return Status::Ok();
}

Result<EvidenceStore::Swept> EvidenceStore::SweepStaged(const std::function<bool(const Hash&)>& referenced,
                                                        std::chrono::seconds max_age) {
  Swept swept;
  std::vector<std::pair<Hash, fs::file_time_type>> staged;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(options_.root + "/staged", ec)) {
    auto hash = ParseHash(e.path().filename().string());
    if (!hash.ok()) continue;
    staged.emplace_back(*hash, e.last_write_time(ec));
  }
  if (ec) return Status::IOError("listing " + options_.root + "/staged: " + ec.message());
  const auto cutoff = fs::file_time_type::clock::now() - max_age;
  for (const auto& [hash, written] : staged) {
    if (referenced(hash)) {
      LAWTRAIL_RETURN_IF_ERROR(Keep(hash));
      swept.kept++;
    } else if (written < cutoff) {
      MutexLock lock(mu_);
      if (::unlink(StagedPath(hash).c_str()) == 0) swept.removed++;
    }
  }
  if (swept.removed > 0) LAWTRAIL_RETURN_IF_ERROR(SyncDir(options_.root + "/staged"));
  return swept;
}

Result<std::vector<std::pair<Hash, uint64_t>>> EvidenceStore::KeptFiles() const {
  std::vector<std::pair<Hash, uint64_t>> out;
  auto text = Slurp(options_.root + "/kept.log");
  if (!text.ok()) return out;  // nothing kept yet
  std::istringstream lines(*text);
  std::string hex;
  uint64_t size = 0;
  int64_t at = 0;
  std::set<std::string> seen;
  while (lines >> hex >> size >> at) {
    auto hash = ParseHash(hex);
    if (!hash.ok()) return Status::Corruption(options_.root + "/kept.log lists '" + hex + "'");
    if (seen.insert(hex).second) out.emplace_back(*hash, size);
  }
  return out;
}

Result<ScrubReport> EvidenceStore::Scrub() {
  ScrubReport report;
  report.started_ms = NowMs();
  std::map<Hash, uint64_t> listed;
  LAWTRAIL_ASSIGN_OR_RETURN(auto kept, KeptFiles());
  for (const auto& [hash, size] : kept) listed.emplace(hash, size);
  std::set<Hash> found;
  std::error_code ec;
  auto check = [&](const fs::path& path) -> Status {
    auto name = ParseHash(path.filename().string());
    if (!name.ok()) return Status::Ok();  // not a stored file (a temporary name)
    found.insert(*name);
    auto got = HashFile(path.string());
    if (!got.ok()) {
      report.problems.push_back({*name, "changed", got.status().message()});
      return Status::Ok();
    }
    report.files++;
    report.bytes += got->second;
    if (got->first != *name) {
      report.problems.push_back(
          {*name, "changed", "its " + std::to_string(got->second) + " bytes now hash to " + ToHex(got->first)});
    } else if (auto it = listed.find(*name); it != listed.end() && it->second != got->second) {
      report.problems.push_back(
          {*name, "changed", "kept with " + std::to_string(it->second) + " bytes, now " + std::to_string(got->second)});
    }
    return Status::Ok();
  };
  for (const auto& e : fs::recursive_directory_iterator(options_.root + "/objects", ec)) {
    if (e.is_regular_file()) LAWTRAIL_RETURN_IF_ERROR(check(e.path()));
  }
  for (const auto& e : fs::directory_iterator(options_.root + "/staged", ec)) {
    if (e.is_regular_file()) LAWTRAIL_RETURN_IF_ERROR(check(e.path()));
  }
  for (const auto& [hash, size] : listed) {
    if (found.count(hash) == 0 && Info(hash).state != State::kDisposed) {
      report.problems.push_back({hash, "vanished", "kept with " + std::to_string(size) + " bytes, no longer here"});
    }
  }
  report.finished_ms = NowMs();
  const std::string path = options_.root + "/scrub.json";
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << ReportJson(report).dump(2) << "\n";
    if (!out) return Status::IOError("writing " + tmp);
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) return Errno("renaming into", path);
  return report;
}

Result<ScrubReport> EvidenceStore::LastScrub() const {
  LAWTRAIL_ASSIGN_OR_RETURN(std::string text, Slurp(options_.root + "/scrub.json"));
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return Status::Corruption(options_.root + "/scrub.json is not a scrub report");
  ScrubReport r;
  r.started_ms = j.value("started_ms", int64_t{0});
  r.finished_ms = j.value("finished_ms", int64_t{0});
  r.files = j.value("files", uint64_t{0});
  r.bytes = j.value("bytes", uint64_t{0});
  if (const auto it = j.find("problems"); it != j.end() && it->is_array()) {
    for (const auto& p : *it) {
      auto hash = ParseHash(p.value("hash", ""));
      if (hash.ok()) r.problems.push_back({*hash, p.value("what", ""), p.value("detail", "")});
    }
  }
  return r;
}

}  // namespace lawtrail::evidence
