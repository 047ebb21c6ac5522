// The evidence store on its own: a file enters only whole and under the hash
// of its bytes, uploads resume where they stopped, staged files are kept when
// a record references them and swept when none does, a retention decision
// leaves a tombstone, and scrub finds a flipped byte and a vanished file.
#include "ledger/evidence/evidence_store.h"

#include <filesystem>
#include <fstream>
#include <map>

#include <catch2/catch.hpp>
#include <sys/stat.h>

#include "tests/support/temp_dir.h"

namespace lawtrail::testing {
namespace {

using evidence::EvidenceStore;
using evidence::State;

std::string Bytes1(size_t n, char seed) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; ++i) s[i] = static_cast<char>(seed + i * 31 + (i >> 9));
  return s;
}

std::unique_ptr<EvidenceStore> OpenStore(const TempDir& dir) {
  auto store = EvidenceStore::Open({dir / "evidence"});
  REQUIRE(store.ok());
  return std::move(*store);
}

evidence::FileInfo Put(EvidenceStore& store, const std::string& bytes, bool keep) {
  auto upload = store.BeginUpload(Sha256(AsBytes(bytes)), 0);
  REQUIRE(upload.ok());
  REQUIRE((*upload)->Write(AsBytes(bytes)).ok());
  auto done = (*upload)->Finish(keep);
  REQUIRE(done.ok());
  return *done;
}

// An upload of `hash` that sent `bytes`, then lost its connection: the partial stays.
void Interrupted(EvidenceStore& store, const Hash& hash, std::string_view bytes) {
  auto upload = store.BeginUpload(hash, 0);
  REQUIRE(upload.ok());
  REQUIRE((*upload)->Write(AsBytes(bytes)).ok());
}

size_t FilesUnder(const std::string& dir) {
  size_t n = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) n += e.is_regular_file();
  return n;
}

TEST_CASE("a file stored under its hash is kept read-only where its hash says, once") {
  TempDir dir;
  auto store = OpenStore(dir);
  const std::string video = Bytes1(3 << 20, 'v');
  const Hash hash = Sha256(AsBytes(video));
  CHECK(Put(*store, video, true).state == State::kKept);
  auto path = store->PathOf(hash);
  REQUIRE(path.ok());
  const std::string hex = ToHex(hash);
  CHECK(*path == dir / ("evidence/objects/" + hex.substr(0, 2) + "/" + hex.substr(2, 2) + "/" + hex));
  struct stat st {};
  REQUIRE(::stat(path->c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0444);
  CHECK(static_cast<size_t>(st.st_size) == video.size());
  // The same file again is refused as already stored: nothing is written twice.
  auto again = store->BeginUpload(hash, 0);
  CHECK(again.status().code() == StatusCode::kAlreadyExists);
  CHECK(FilesUnder(dir / "evidence/objects") == 1);
  CHECK(FilesUnder(dir / "evidence/uploads") == 0);
  auto kept = store->KeptFiles();
  REQUIRE(kept.ok());
  REQUIRE(kept->size() == 1);
  CHECK(kept->front().first == hash);
  CHECK(kept->front().second == video.size());
}

TEST_CASE("bytes that do not hash to the name they were sent under are refused and nothing is kept") {
  TempDir dir;
  auto store = OpenStore(dir);
  const std::string claimed = Bytes1(4096, 'a');
  std::string sent = claimed;
  sent[100] ^= 1;
  auto upload = store->BeginUpload(Sha256(AsBytes(claimed)), 0);
  REQUIRE(upload.ok());
  REQUIRE((*upload)->Write(AsBytes(sent)).ok());
  auto done = (*upload)->Finish(true);
  REQUIRE_FALSE(done.ok());
  CHECK(done.status().code() == StatusCode::kInvalidArgument);
  CHECK_THAT(done.status().message(), Catch::Contains(ToHex(Sha256(AsBytes(sent)))));
  CHECK_THAT(done.status().message(), Catch::Contains("nothing was kept"));
  CHECK(store->Info(Sha256(AsBytes(claimed))).state == State::kAbsent);
  CHECK(FilesUnder(dir / "evidence") == 0);
}

TEST_CASE("an interrupted upload resumes at exactly the bytes it holds and completes") {
  TempDir dir;
  auto store = OpenStore(dir);
  const std::string file = Bytes1(5 << 20, 'r');
  const Hash hash = Sha256(AsBytes(file));
  Interrupted(*store, hash, std::string_view(file).substr(0, 2 << 20));
  CHECK(store->Info(hash).state == State::kUploading);
  CHECK(store->Info(hash).size == (2u << 20));
  CHECK(store->PathOf(hash).status().code() == StatusCode::kNotFound);
  // Resuming anywhere but the end of what it holds is refused, naming where.
  auto wrong = store->BeginUpload(hash, 1 << 20);
  REQUIRE_FALSE(wrong.ok());
  CHECK_THAT(wrong.status().message(), Catch::Contains("resume from 2097152"));
  auto resumed = store->BeginUpload(hash, 2 << 20);
  REQUIRE(resumed.ok());
  CHECK((*resumed)->received() == (2u << 20));
  REQUIRE((*resumed)->Write(AsBytes(std::string_view(file).substr(2 << 20))).ok());
  auto done = (*resumed)->Finish(false);
  REQUIRE(done.ok());
  CHECK(done->state == State::kStaged);
  CHECK(done->size == file.size());
  CHECK(FilesUnder(dir / "evidence/uploads") == 0);
}

TEST_CASE("a second upload of a file while the first is under way is refused, and may go on once it stops") {
  TempDir dir;
  auto store = OpenStore(dir);
  const std::string file = Bytes1(4096, 's');
  const Hash hash = Sha256(AsBytes(file));
  auto first = store->BeginUpload(hash, 0);
  REQUIRE(first.ok());
  REQUIRE((*first)->Write(AsBytes(std::string_view(file).substr(0, 100))).ok());
  auto second = store->BeginUpload(hash, 0);
  CHECK(second.status().code() == StatusCode::kAlreadyExists);
  CHECK_THAT(second.status().message(), Catch::Contains("under way"));
  first->reset();  // the first connection drops
  auto again = store->BeginUpload(hash, 100);
  REQUIRE(again.ok());
  REQUIRE((*again)->Write(AsBytes(std::string_view(file).substr(100))).ok());
  CHECK((*again)->Finish(true).ok());
}

TEST_CASE("a resumed upload whose earlier bytes were not the file's is refused when it ends") {
  TempDir dir;
  auto store = OpenStore(dir);
  const std::string file = Bytes1(1 << 20, 'x');
  const Hash hash = Sha256(AsBytes(file));
  Interrupted(*store, hash, std::string(1000, 'Z'));
  auto resumed = store->BeginUpload(hash, 1000);
  REQUIRE(resumed.ok());
  REQUIRE((*resumed)->Write(AsBytes(std::string_view(file).substr(1000))).ok());
  CHECK((*resumed)->Finish(true).status().code() == StatusCode::kInvalidArgument);
  CHECK(store->Info(hash).state == State::kAbsent);
}

TEST_CASE("a staged file is kept once a record references it and swept after its time when none does") {
  TempDir dir;
  auto store = OpenStore(dir);
  const std::string referenced = Bytes1(1000, 'k'), orphan = Bytes1(1000, 'o'), fresh = Bytes1(1000, 'f');
  Put(*store, referenced, false);
  Put(*store, orphan, false);
  const Hash ref_hash = Sha256(AsBytes(referenced)), orphan_hash = Sha256(AsBytes(orphan));
  // Age the two: an hour ago.
  for (const Hash& h : {ref_hash, orphan_hash}) {
    std::filesystem::last_write_time(dir / ("evidence/staged/" + ToHex(h)),
                                     std::filesystem::file_time_type::clock::now() - std::chrono::hours(1));
  }
  Put(*store, fresh, false);
  auto swept = store->SweepStaged([&](const Hash& h) { return h == ref_hash; }, std::chrono::minutes(30));
  REQUIRE(swept.ok());
  CHECK(swept->kept == 1);
  CHECK(swept->removed == 1);
  CHECK(store->Info(ref_hash).state == State::kKept);
  CHECK(store->Info(orphan_hash).state == State::kAbsent);
  CHECK(store->Info(Sha256(AsBytes(fresh))).state == State::kStaged);  // younger than the time allowed
}

TEST_CASE("a disposed file leaves a tombstone with its reason and can never be uploaded again") {
  TempDir dir;
  auto store = OpenStore(dir);
  const std::string file = Bytes1(2000, 'd');
  const Hash hash = Sha256(AsBytes(file));
  Put(*store, file, true);
  REQUIRE(store->Dispose(hash, {812, "青石综执罚〔2026〕17号", "销毁清册〔2057〕3号", 2'000'000'000'000}).ok());
  const auto info = store->Info(hash);
  CHECK(info.state == State::kDisposed);
  CHECK_THAT(info.disposal, Catch::Contains("\"record_index\":812"));
  CHECK_THAT(info.disposal, Catch::Contains("销毁清册〔2057〕3号"));
  CHECK(store->PathOf(hash).status().code() == StatusCode::kNotFound);
  CHECK(store->BeginUpload(hash, 0).status().code() == StatusCode::kFailedPrecondition);
  // Scrub does not call a disposed file vanished.
  auto report = store->Scrub();
  REQUIRE(report.ok());
  CHECK(report->problems.empty());
}

TEST_CASE("scrub finds a flipped byte and a vanished file by hash, and its report is kept") {
  TempDir dir;
  auto store = OpenStore(dir);
  const std::string a = Bytes1(70000, 'a'), b = Bytes1(5000, 'b'), c = Bytes1(300, 'c');
  for (const auto* f : {&a, &b, &c}) Put(*store, *f, true);
  auto clean = store->Scrub();
  REQUIRE(clean.ok());
  CHECK(clean->files == 3);
  CHECK(clean->bytes == a.size() + b.size() + c.size());
  CHECK(clean->problems.empty());

  const std::string a_path = *store->PathOf(Sha256(AsBytes(a)));
  std::filesystem::permissions(a_path, std::filesystem::perms::owner_write, std::filesystem::perm_options::add);
  {
    std::fstream f(a_path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(40000);
    f.put(static_cast<char>(a[40000] ^ 0x10));
  }
  std::filesystem::remove(*store->PathOf(Sha256(AsBytes(b))));
  auto report = store->Scrub();
  REQUIRE(report.ok());
  REQUIRE(report->problems.size() == 2);
  std::map<std::string, std::string> by_hash;
  for (const auto& p : report->problems) by_hash[ToHex(p.hash)] = p.what;
  CHECK(by_hash[ToHex(Sha256(AsBytes(a)))] == "changed");
  CHECK(by_hash[ToHex(Sha256(AsBytes(b)))] == "vanished");
  auto last = store->LastScrub();
  REQUIRE(last.ok());
  CHECK(last->problems.size() == 2);
  CHECK(last->files == 2);
}

TEST_CASE("a file name that is not a lower-case SHA-256 is refused naming what is wrong") {
  CHECK(evidence::ParseHash("").status().code() == StatusCode::kInvalidArgument);
  CHECK_THAT(evidence::ParseHash("abc").status().message(), Catch::Contains("64 hex digits"));
  CHECK_THAT(evidence::ParseHash(std::string(64, 'A')).status().message(), Catch::Contains("lower-case"));
  CHECK_FALSE(evidence::ParseHash(std::string(63, 'a') + "/").ok());
  CHECK(evidence::ParseHash(std::string(64, 'a')).ok());
}

}  // namespace
}  // namespace lawtrail::testing
