#include "ledger/witness/witness_state.h"

#include <chrono>
#include <cstdio>

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

namespace lawtrail::witness {
namespace {

constexpr std::string_view kLatest = "latest/";
constexpr std::string_view kEvidence = "evidence/";
constexpr std::string_view kCosignedAt = "cosigned-at/";  // origin → 8-byte time of the latest cosignature

Status FromRocks(const rocksdb::Status& s, std::string_view what) {
  if (s.ok()) return Status::Ok();
  return Status::IOError("witness state: " + std::string(what) + ": " + s.ToString());
}

rocksdb::WriteOptions Synced() {
  rocksdb::WriteOptions w;
  w.sync = true;
  return w;
}

// origin ‖ 0 ‖ reason ‖ 0 ‖ request: origins and reasons hold no NUL.
std::string EncodeEvidence(const Evidence& e) { return e.origin + '\0' + e.reason + '\0' + e.request; }

std::optional<Evidence> DecodeEvidence(std::string_view v) {
  const size_t a = v.find('\0');
  const size_t b = a == std::string_view::npos ? a : v.find('\0', a + 1);
  if (b == std::string_view::npos) return std::nullopt;
  return Evidence{std::string(v.substr(0, a)), std::string(v.substr(a + 1, b - a - 1)), std::string(v.substr(b + 1))};
}

}  // namespace

WitnessState::WitnessState(std::unique_ptr<rocksdb::DB> db) : db_(std::move(db)) {}
WitnessState::~WitnessState() = default;

Result<std::unique_ptr<WitnessState>> WitnessState::Open(const std::string& dir) {
  rocksdb::Options options;
  options.create_if_missing = true;
  options.paranoid_checks = true;
  rocksdb::DB* raw = nullptr;
  LAWTRAIL_RETURN_IF_ERROR(FromRocks(rocksdb::DB::Open(options, dir, &raw), "open " + dir));
  return std::unique_ptr<WitnessState>(new WitnessState(std::unique_ptr<rocksdb::DB>(raw)));
}

Result<std::optional<Cosigned>> WitnessState::Latest(const std::string& origin) {
  std::string value;
  const rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), std::string(kLatest) + origin, &value);
  if (s.IsNotFound()) return std::optional<Cosigned>();
  LAWTRAIL_RETURN_IF_ERROR(FromRocks(s, "read"));
  if (value.size() < 8 + 32) return Status::Corruption("witness state for '" + origin + "' is truncated");
  Cosigned c;
  c.size = ReadBigEndian64(reinterpret_cast<const uint8_t*>(value.data()));
  std::copy_n(value.data() + 8, 32, reinterpret_cast<char*>(c.root.data()));
  c.checkpoint = value.substr(40);
  std::string at;
  const rocksdb::Status t = db_->Get(rocksdb::ReadOptions(), std::string(kCosignedAt) + origin, &at);
  if (!t.IsNotFound()) LAWTRAIL_RETURN_IF_ERROR(FromRocks(t, "read"));
  if (t.ok() && at.size() == 8) c.cosigned_at = ReadBigEndian64(reinterpret_cast<const uint8_t*>(at.data()));
  return std::optional<Cosigned>(std::move(c));
}

Status WitnessState::SetLatest(const std::string& origin, const Cosigned& latest) {
  std::string value;
  AppendBigEndian64(value, latest.size);
  value.append(AsChars(latest.root));
  value.append(latest.checkpoint);
  std::string at;
  AppendBigEndian64(at, latest.cosigned_at);
  rocksdb::WriteBatch batch;
  LAWTRAIL_RETURN_IF_ERROR(FromRocks(batch.Put(std::string(kLatest) + origin, value), "write"));
  LAWTRAIL_RETURN_IF_ERROR(FromRocks(batch.Put(std::string(kCosignedAt) + origin, at), "write"));
  return FromRocks(db_->Write(Synced(), &batch), "write");
}

Status WitnessState::AddEvidence(const Evidence& evidence) {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  char key[64];
  std::snprintf(key, sizeof key, "%020lld-%010llu",
                static_cast<long long>(std::chrono::duration_cast<std::chrono::nanoseconds>(now).count()),
                static_cast<unsigned long long>(++evidence_seq_));
  return FromRocks(db_->Put(Synced(), std::string(kEvidence) + key, EncodeEvidence(evidence)), "write evidence");
}

Result<std::vector<Evidence>> WitnessState::AllEvidence() {
  std::vector<Evidence> out;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions()));
  for (it->Seek(std::string(kEvidence)); it->Valid() && it->key().starts_with(std::string(kEvidence)); it->Next()) {
    auto e = DecodeEvidence(it->value().ToStringView());
    if (!e) return Status::Corruption("witness evidence record " + it->key().ToString() + " is malformed");
    out.push_back(std::move(*e));
  }
  LAWTRAIL_RETURN_IF_ERROR(FromRocks(it->status(), "scan evidence"));
  return out;
}

}  // namespace lawtrail::witness
