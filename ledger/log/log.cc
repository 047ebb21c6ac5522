#include "ledger/log/log.h"

#include <atomic>
#include <filesystem>

#include "ledger/client/registry_statements.h"
#include "ledger/core/canonical.h"
#include "ledger/domain/sealed_fields.h"
#include "ledger/log/data_dir.h"
#include "ledger/log/files.h"

namespace lawtrail {

struct Log::Pending {
  std::vector<Bytes> inputs;
  std::vector<Result<ParsedStatement>> items;
  std::promise<std::vector<AppendResult>> done;
  std::atomic<size_t> unverified{0};
  bool ready = false;  // guarded by Log::mu_
};

namespace {

constexpr size_t kVerifyChunk = 64;
// Signature checks run a little below normal priority, so that the sequencer
// (one thread, on every statement's critical path) gets a core the moment it
// has a batch; the checks fill whatever CPU is left.
constexpr int kVerifyNice = 4;

}  // namespace

Result<CreatedLog> Log::Create(const std::string& dir, const std::string& origin, const AgencyInfo& agency,
                               Clock clock) {
  LAWTRAIL_RETURN_IF_ERROR(note::CheckKeyName(origin).WithContext("origin"));
  if (data_dir::HoldsLog(dir)) {
    return Status::AlreadyExists(dir + " already holds a log");
  }
  std::error_code ec;
  // The database folder is made here so that RocksDB does not log its absence.
  std::filesystem::create_directories(data_dir::DbPath(dir), ec);
  if (ec) return Status::IOError("creating " + dir + ": " + ec.message());
  const note::Signer log_key{origin, KeyPair::Generate()};
  const note::Signer root_key{origin + "/root", KeyPair::Generate()};
  LAWTRAIL_RETURN_IF_ERROR(data_dir::SaveSigner(data_dir::LogKeyPath(dir), log_key));
  LAWTRAIL_RETURN_IF_ERROR(data_dir::SaveSigner(data_dir::RootKeyPath(dir), root_key));
  const std::string vkey = note::EncodeVerifier(origin, log_key.key.public_key());
  LAWTRAIL_RETURN_IF_ERROR(WriteFileDurably(data_dir::VerifierKeyPath(dir), vkey + "\n", 0644, false));
  {
    LAWTRAIL_ASSIGN_OR_RETURN(auto store, Store::Open(data_dir::DbPath(dir), OpenMode::kCreate));
    rocksdb::WriteBatch wb;
    wb.Put(store->cf(Cf::kMeta), keys::kMetaOrigin, origin);
    LAWTRAIL_RETURN_IF_ERROR(store->WriteDurably(wb));
  }
  LogOptions options;
  options.clock = clock;
  LAWTRAIL_ASSIGN_OR_RETURN(auto log, Open(dir, options));
  StatementHeader header = RegistryHeader(origin, root_key.key.public_key());
  if (clock) header.occurred_at_ms = clock();
  const Bytes genesis = AgencyGenesisStatement(header, agency.name, agency.credit_code);
  auto results = log->Append({SignStatement(genesis, root_key.key)});
  if (!results[0].ok()) return results[0].status().WithContext("recording the agency genesis");
  return CreatedLog{vkey, root_key};
}

Result<std::unique_ptr<Log>> Log::Open(const std::string& dir, LogOptions options) {
  if (!options.clock) options.clock = NowMs;
  LAWTRAIL_ASSIGN_OR_RETURN(note::Signer log_key, data_dir::LoadSigner(data_dir::LogKeyPath(dir)));
  if (!data_dir::HoldsLog(dir)) {
    return Status::NotFound(dir + " holds no log (run `lawtrail init` first)");
  }
  LAWTRAIL_ASSIGN_OR_RETURN(auto store, Store::Open(data_dir::DbPath(dir), OpenMode::kReadWrite, options.env));
  LAWTRAIL_ASSIGN_OR_RETURN(SealedVault vault, SealedVault::LoadOrCreate(dir));
  std::unique_ptr<Log> log(new Log(std::move(store), std::move(vault), options));
  LAWTRAIL_ASSIGN_OR_RETURN(auto sequencer, Sequencer::Load(*log->store_, std::move(log_key), log->vault_,
                                                            options.checkpoints, options.clock));
  {
    MutexLock lock(log->sequencer_mu_);
    log->sequencer_ = std::move(sequencer);
  }
  log->sequencer_thread_ = std::thread([raw = log.get()] { raw->SequenceLoop(); });
  return log;
}

Log::Log(std::unique_ptr<Store> store, SealedVault vault, LogOptions options)
    : store_(std::move(store)),
      reader_(*store_),
      vault_(std::move(vault)),
      options_(std::move(options)),
      verify_pool_(options_.verify_threads, kVerifyNice) {}

Log::~Log() {
  {
    MutexLock lock(mu_);
    stopping_ = true;
  }
  ready_cv_.NotifyAll();
  if (sequencer_thread_.joinable()) sequencer_thread_.join();
  MutexLock lock(sequencer_mu_);
  if (sequencer_ && sequencer_->health().ok()) {
    (void)sequencer_->CurrentCheckpoint();  // best effort: the next open can make it too
  }
}

std::future<std::vector<AppendResult>> Log::AppendAsync(std::vector<Bytes> signed_statements) {
  return *Enqueue(std::move(signed_statements), /*wait=*/true);
}

std::optional<std::future<std::vector<AppendResult>>> Log::TryAppendAsync(std::vector<Bytes> signed_statements) {
  return Enqueue(std::move(signed_statements), /*wait=*/false);
}

size_t Log::pending_statements() {
  MutexLock lock(mu_);
  return pending_statements_;
}

std::optional<std::future<std::vector<AppendResult>>> Log::Enqueue(std::vector<Bytes> signed_statements, bool wait) {
  const size_t n = signed_statements.size();
  auto p = std::make_shared<Pending>();
  {
    MutexLock lock(mu_);
    auto room = [&]() LAWTRAIL_REQUIRES(mu_) {
      return pending_statements_ == 0 || pending_statements_ + n <= options_.max_pending_statements;
    };
    if (!wait && !room()) return std::nullopt;
    space_cv_.Wait(mu_, room);
    pending_statements_ += n;
    p->inputs = std::move(signed_statements);
    p->items.reserve(n);
    for (size_t i = 0; i < n; ++i) p->items.emplace_back(Status::Internal("not verified"));
    p->unverified = n;
    p->ready = n == 0;
    queue_.push_back(p);
  }
  auto future = p->done.get_future();
  if (n == 0) ready_cv_.NotifyAll();
  for (size_t begin = 0; begin < n; begin += kVerifyChunk) {
    const size_t end = std::min(n, begin + kVerifyChunk);
    verify_pool_.Submit([this, p, begin, end] { Verify(p, begin, end); });
  }
  return future;
}

namespace {

// Parses a submission and checks what needs no log state: the statement's
// structure, its signature and the openings of its sealed fields.
Result<ParsedStatement> CheckSubmission(Bytes input) {
  LAWTRAIL_ASSIGN_OR_RETURN(Submission sub, ParseSubmission(std::move(input)));
  LAWTRAIL_ASSIGN_OR_RETURN(ParsedStatement parsed, ParseSignedStatement(std::move(sub.signed_statement)));
  // Before the signature: bytes nobody signed are refused whatever the signature says.
  LAWTRAIL_RETURN_IF_ERROR(CheckCanonicalSignedStatement(parsed));
  LAWTRAIL_RETURN_IF_ERROR(VerifyStatementSignature(parsed));
  LAWTRAIL_RETURN_IF_ERROR(domain::CheckOpenings(*parsed.statement, sub.openings));
  parsed.openings = std::move(sub.openings);
  return parsed;
}

}  // namespace

void Log::Verify(const std::shared_ptr<Pending>& p, size_t begin, size_t end) {
  for (size_t i = begin; i < end; ++i) p->items[i] = CheckSubmission(std::move(p->inputs[i]));
  if (p->unverified.fetch_sub(end - begin) == end - begin) {
    {
      MutexLock lock(mu_);
      p->ready = true;
    }
    ready_cv_.NotifyAll();
  }
}

void Log::SequenceLoop() {
  const auto interval = std::chrono::milliseconds(std::max<int64_t>(options_.checkpoints.interval_ms, 10));
  for (;;) {
    std::vector<std::shared_ptr<Pending>> taken;
    size_t count = 0;
    {
      MutexLock lock(mu_);
      ready_cv_.WaitFor(mu_, interval, [this]() LAWTRAIL_REQUIRES(mu_) {
        return (!queue_.empty() && queue_.front()->ready) || (stopping_ && queue_.empty());
      });
      while (!queue_.empty() && queue_.front()->ready &&
             (count == 0 || count + queue_.front()->items.size() <= options_.max_batch_records)) {
        count += queue_.front()->items.size();
        taken.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
      if (taken.empty() && stopping_ && queue_.empty()) return;
    }
    if (taken.empty()) {
      MutexLock lock(sequencer_mu_);
      (void)sequencer_->CheckpointIfDue();  // a failure is kept in health()
      continue;
    }
    std::vector<Result<ParsedStatement>> all;
    all.reserve(count);
    for (auto& p : taken) {
      for (auto& item : p->items) all.push_back(std::move(item));
    }
    std::vector<AppendResult> results;
    {
      MutexLock lock(sequencer_mu_);
      results = sequencer_->Integrate(all);
    }
    size_t next = 0;
    for (auto& p : taken) {
      const size_t n = p->items.size();
      std::vector<AppendResult> mine(std::make_move_iterator(results.begin() + next),
                                     std::make_move_iterator(results.begin() + next + n));
      next += n;
      p->done.set_value(std::move(mine));
    }
    {
      MutexLock lock(mu_);
      pending_statements_ -= count;
    }
    space_cv_.NotifyAll();
  }
}

Result<std::string> Log::CurrentCheckpoint() {
  MutexLock lock(sequencer_mu_);
  return sequencer_->CurrentCheckpoint();
}

Result<CaseHeadProof> Log::CaseHeadProofAt(std::string_view case_id, uint64_t size) {
  MutexLock lock(sequencer_mu_);
  return sequencer_->CaseHeadProofAt(case_id, size);
}

uint64_t Log::size() {
  MutexLock lock(sequencer_mu_);
  return sequencer_->size();
}

Hash Log::StateDigest() {
  MutexLock lock(sequencer_mu_);
  return sequencer_->StateDigest();
}

}  // namespace lawtrail
