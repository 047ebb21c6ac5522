#include "ledger/cosigning/collector.h"

#include <algorithm>
#include <cstdio>

#include "ledger/core/checkpoint.h"
#include "ledger/core/cosignature.h"
#include "ledger/timestamp/timestamp.h"

namespace lawtrail::cosigning {
namespace {

constexpr size_t kMaxDelays = 4096;
constexpr size_t kMaxPending = 64;  // unpublished checkpoints kept in memory, the newest

double SecondsSince(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

std::set<std::string> Names(const std::map<std::string, std::string>& lines) {
  std::set<std::string> out;
  for (const auto& [name, line] : lines) out.insert(name);
  return out;
}

}  // namespace

struct Collector::Worker {
  size_t index = 0;
  WitnessClient client;
  std::thread thread;
};

Collector::Collector(Store& store, const LogReader& reader, policy::Policy policy, CollectorOptions options)
    : store_(store), reader_(reader), policy_(std::move(policy)), options_(options) {}

Result<std::unique_ptr<Collector>> Collector::Start(Store& store, const LogReader& reader,
                                                    const note::Verifier& log_key, policy::Policy policy,
                                                    CollectorOptions options) {
  bool listed = false;
  for (const auto& l : policy.logs) {
    listed = listed ||
             (l.key.name == log_key.name && l.key.key_id == log_key.key_id && l.key.public_key == log_key.public_key);
  }
  if (!listed) {
    return Status::InvalidArgument("the witness policy does not list this log (" + log_key.name +
                                   "): add a line 'log <the log's verifier key>'");
  }
  std::unique_ptr<Collector> c(new Collector(store, reader, std::move(policy), options));
  std::set<std::string> reachable;
  for (const auto& w : c->policy_.witnesses) {
    if (w.url.empty()) continue;
    LAWTRAIL_ASSIGN_OR_RETURN(auto client, WitnessClient::Make(w.name, w.key, w.url, options.request_timeout));
    auto worker = std::make_unique<Worker>(Worker{c->workers_.size(), std::move(client), {}});
    c->workers_.push_back(std::move(worker));
    reachable.insert(w.name);
  }
  if (Status s = policy::CheckQuorum(c->policy_, reachable); !s.ok() && !options.fail_open) {
    return Status::FailedPrecondition("the witnesses the policy gives a URL cannot meet its quorum: " +
                                      std::string(s.message()));
  }
  if (!options.tsa_url.empty()) {
    auto url = ParseHttpUrl(options.tsa_url);
    if (!url.ok()) return url.status().WithContext("the time-stamping authority");
    c->tsa_ = *url;
  }
  LAWTRAIL_ASSIGN_OR_RETURN(auto published, reader.PublishedSize());
  {
    MutexLock lock(c->mu_);
    for (const auto& w : c->workers_) {
      for (const auto& pw : c->policy_.witnesses) {
        if (pw.name == w->client.name()) {
          WitnessProgress progress;
          progress.name = pw.name;
          progress.url = pw.url;
          c->progress_.push_back(std::move(progress));
        }
      }
    }
    if (published) {
      LAWTRAIL_ASSIGN_OR_RETURN(auto note, reader.CosignedAt(*published));
      if (!note) return Status::Corruption("the published checkpoint is not stored");
      c->published_size_ = *published;
      c->published_note_ = *note;
      c->published_has_quorum_ = policy::CheckQuorum(c->policy_, policy::CosignedBy(c->policy_, *note)).ok();
    }
  }
  c->watcher_ = std::thread([p = c.get()] { p->WatchLoop(); });
  for (auto& w : c->workers_) w->thread = std::thread([p = c.get(), wp = w.get()] { p->WorkerLoop(*wp); });
  if (c->tsa_) c->stamper_ = std::thread([p = c.get()] { p->StampLoop(); });
  return c;
}

Collector::~Collector() {
  {
    MutexLock lock(mu_);
    stopping_ = true;
  }
  cv_.NotifyAll();
  if (watcher_.joinable()) watcher_.join();  // not started when Start refused the policy
  if (stamper_.joinable()) stamper_.join();
  for (auto& w : workers_) {
    if (w->thread.joinable()) w->thread.join();
  }
}

std::string Collector::CosignedNote(const Pending& p) {
  std::string out = p.note;
  for (const auto& [name, line] : p.lines) out += line;
  return out;
}

std::map<std::string, std::string> Collector::KeptLines(std::string_view note, std::string_view kept) const {
  std::map<std::string, std::string> out;
  if (!kept.starts_with(note)) return out;
  for (const auto& w : policy_.witnesses) {
    std::string_view rest = kept.substr(note.size());
    while (!rest.empty()) {
      const size_t nl = rest.find('\n');
      if (nl == std::string_view::npos) break;
      const std::string line(rest.substr(0, nl + 1));
      rest.remove_prefix(nl + 1);
      if (cosig::VerifyCosignature(std::string(note) + line, w.key).ok()) {
        out[w.name] = line;
        break;
      }
    }
  }
  return out;
}

void Collector::WatchLoop() {
  for (;;) {
    std::optional<std::string> latest;
    if (auto r = reader_.LatestCheckpoint(); r.ok()) latest = std::move(*r);

    std::optional<Checkpoint> cp;
    if (latest) {
      if (auto parsed = ParseCheckpointNoteUnverified(*latest); parsed.ok()) cp = *parsed;
    }
    // Read after the latest checkpoint: a seed's mark is written with its
    // checkpoint, never after a larger one, so none up to cp->size is missed.
    std::vector<uint64_t> seeds;
    if (cp) {
      uint64_t from = 0;
      {
        MutexLock lock(mu_);
        from = newest_size_ + 1;
      }
      if (auto found = reader_.SeedCheckpointSizes(from); found.ok()) seeds = std::move(*found);
    }
    MutexLock lock(mu_);
    for (uint64_t seed : seeds) {
      if (cp && seed <= cp->size) seed_sizes_.insert(seed);
    }
    if (cp && cp->size > newest_size_) {
      newest_size_ = cp->size;
      newest_note_ = *latest;
      Pending p{*latest, std::chrono::steady_clock::now(), {}};
      if (auto kept = reader_.CosignedAt(cp->size); kept.ok() && *kept) p.lines = KeptLines(*latest, **kept);
      pending_[cp->size] = std::move(p);
      while (pending_.size() > kMaxPending) pending_.erase(pending_.begin());
      if (Status s = policy::CheckQuorum(policy_, Names(pending_[cp->size].lines)); !s.ok()) {
        shortfall_ = std::string(s.message());
      }
      cv_.NotifyAll();
    }
    if (options_.fail_open && newest_size_ > published_size_) {
      auto it = pending_.find(newest_size_);
      if (it != pending_.end() && std::chrono::steady_clock::now() - it->second.seen >= options_.fail_open_after) {
        if (Status s = Publish(newest_size_, it->second, false); !s.ok()) {
          std::fprintf(stderr, "lawtrail serve: publishing checkpoint %llu without quorum: %s\n",
                       static_cast<unsigned long long>(newest_size_), s.ToString().c_str());
        } else {
          std::fprintf(stderr,
                       "lawtrail serve: published checkpoint %llu WITHOUT the witnesses' quorum (fail-open): %s\n",
                       static_cast<unsigned long long>(published_size_), shortfall_.c_str());
        }
      }
    }
    cv_.WaitFor(mu_, options_.poll, [this]() LAWTRAIL_REQUIRES(mu_) { return stopping_; });
    if (stopping_) return;
  }
}

void Collector::WorkerLoop(Worker& w) {
  uint64_t attempted = 0;
  auto backoff = options_.backoff;
  const ConsistencyProofFn prove = [this](uint64_t old_size, uint64_t size) {
    return reader_.ConsistencyProof(old_size, size);
  };
  for (;;) {
    std::string note;
    uint64_t size = 0;
    // What the witness has cosigned, as its 409 taught the client: a seed at
    // or below it can no longer be cosigned (after a restart, old seeds are).
    const uint64_t witness_size = w.client.known_size().value_or(0);
    {
      MutexLock lock(mu_);
      cv_.Wait(mu_, [&]() LAWTRAIL_REQUIRES(mu_) { return stopping_ || newest_size_ > attempted; });
      if (stopping_) return;
      note = newest_note_;
      size = newest_size_;
      // A draw's seed first: after anything larger the witness could never cosign it.
      auto seed = seed_sizes_.upper_bound(std::max({attempted, progress_[w.index].cosigned_size, witness_size}));
      if (seed != seed_sizes_.end() && *seed < size) {
        size = *seed;
        note.clear();  // read below, outside the lock
      }
    }
    if (note.empty()) {
      auto stored = reader_.CheckpointAt(size);
      if (!stored.ok() || !*stored) {
        MutexLock lock(mu_);
        seed_sizes_.erase(size);  // not stored: nothing to cosign
        continue;
      }
      note = **stored;
    }
    attempted = size;
    const auto started = std::chrono::steady_clock::now();
    auto cosigned = w.client.Submit(note, size, prove);
    const double seconds = SecondsSince(started);
    if (cosigned.ok()) {
      Record(w.index, size, note, cosigned->line, seconds);
      backoff = options_.backoff;
      continue;
    }
    MutexLock lock(mu_);
    WitnessProgress& p = progress_[w.index];
    p.failures++;
    if (cosigned.status().code() == StatusCode::kCorruption) p.refusals++;
    p.last_seconds = seconds;
    p.last_error = cosigned.status().ToString();
    std::fprintf(stderr, "lawtrail serve: checkpoint %llu: %s (trying again in %lld ms)\n",
                 static_cast<unsigned long long>(size), p.last_error.c_str(), static_cast<long long>(backoff.count()));
    cv_.WaitFor(mu_, backoff, [this]() LAWTRAIL_REQUIRES(mu_) { return stopping_; });
    if (stopping_) return;
    backoff = std::min(backoff * 2, options_.max_backoff);
    attempted = 0;  // the same checkpoint again, or a newer one
  }
}

void Collector::Record(size_t witness, uint64_t size, const std::string& note, const std::string& line,
                       double seconds) {
  MutexLock lock(mu_);
  WitnessProgress& progress = progress_[witness];
  progress.cosigned_size = std::max(progress.cosigned_size, size);
  progress.cosignatures++;
  progress.last_seconds = seconds;
  progress.last_error.clear();
  auto it = pending_.find(size);
  if (it == pending_.end()) {
    // A seed's cosignatures are kept even below the published size: the draw needs them.
    const bool seed = seed_sizes_.contains(size);
    if (!seed && (size < published_size_ || (size == published_size_ && published_has_quorum_))) return;
    it = pending_.emplace(size, Pending{note, std::chrono::steady_clock::now(), {}}).first;
  }
  it->second.lines[progress.name] = line;
  const Status quorum = policy::CheckQuorum(policy_, Names(it->second.lines));
  const bool publish = quorum.ok() && (size > published_size_ || (size == published_size_ && !published_has_quorum_));
  if (size == newest_size_) shortfall_ = quorum.ok() ? "" : std::string(quorum.message());
  Status s = publish ? Publish(size, it->second, true) : [&] {
    rocksdb::WriteBatch batch;
    batch.Put(store_.cf(Cf::kCosigned), keys::Index(size), CosignedNote(it->second)).PermitUncheckedError();
    return store_.WriteDurably(batch);
  }();
  if (!s.ok()) {
    std::fprintf(stderr, "lawtrail serve: storing %s's cosignature on checkpoint %llu: %s\n", progress.name.c_str(),
                 static_cast<unsigned long long>(size), s.ToString().c_str());
  }
}

Status Collector::Publish(uint64_t size, const Pending& p, bool with_quorum) {
  rocksdb::WriteBatch batch;
  std::string marker;
  AppendBigEndian64(marker, size);
  batch.Put(store_.cf(Cf::kCosigned), keys::Index(size), CosignedNote(p)).PermitUncheckedError();
  batch.Put(store_.cf(Cf::kMeta), keys::kMetaPublished, marker).PermitUncheckedError();
  LAWTRAIL_RETURN_IF_ERROR(store_.WriteDurably(batch));
  if (with_quorum) {
    const double ms = SecondsSince(p.seen) * 1000.0;
    if (delays_ms_.size() < kMaxDelays) {
      delays_ms_.push_back(ms);
    } else {
      delays_ms_[next_delay_++ % kMaxDelays] = ms;
    }
  }
  published_size_ = size;
  published_note_ = CosignedNote(p);
  published_has_quorum_ = with_quorum;
  pending_.erase(pending_.begin(), pending_.lower_bound(size));
  cv_.NotifyAll();
  return Status::Ok();
}

void Collector::StampLoop() {
  uint64_t attempted = 0;
  auto backoff = options_.backoff;
  for (;;) {
    std::string note;
    uint64_t size = 0;
    {
      MutexLock lock(mu_);
      cv_.Wait(mu_, [&]() LAWTRAIL_REQUIRES(mu_) {
        return stopping_ || (published_has_quorum_ && published_size_ > attempted && published_size_ > 0);
      });
      if (stopping_) return;
      note = published_note_;
      size = published_size_;
    }
    attempted = size;
    if (auto kept = reader_.TimestampAt(size); kept.ok() && *kept) {  // stamped before a restart
      MutexLock lock(mu_);
      stamped_size_ = std::max(stamped_size_, size);
      cv_.NotifyAll();
      continue;
    }
    // The body: what the log's signature and the cosignatures cover.
    const size_t split = note.find("\n\n");
    const std::string body = note.substr(0, split == std::string::npos ? 0 : split + 1);
    Status s = [&]() -> Status {
      LAWTRAIL_ASSIGN_OR_RETURN(auto request, timestamp::MakeRequest(body));
      LAWTRAIL_ASSIGN_OR_RETURN(
          auto reply, Post(*tsa_, timestamp::kQueryType, std::string_view(AsChars(request.der)), options_.tsa_timeout));
      if (reply.status != 200) {
        return Status::Unavailable("the TSA answered " + std::to_string(reply.status) + ": " +
                                   reply.body.substr(0, 200));
      }
      LAWTRAIL_ASSIGN_OR_RETURN(auto token, timestamp::TokenFromReply(AsBytes(reply.body), request));
      rocksdb::WriteBatch batch;
      batch.Put(store_.cf(Cf::kCosigned), keys::CosignedTimestamp(size), std::string(AsChars(token)))
          .PermitUncheckedError();
      return store_.WriteDurably(batch);
    }();
    MutexLock lock(mu_);
    if (s.ok()) {
      stamped_size_ = std::max(stamped_size_, size);
      stamp_error_.clear();
      backoff = options_.backoff;
      cv_.NotifyAll();
      continue;
    }
    stamp_failures_++;
    stamp_error_ = s.ToString();
    std::fprintf(stderr, "lawtrail serve: time-stamping checkpoint %llu: %s (trying again in %lld ms)\n",
                 static_cast<unsigned long long>(size), stamp_error_.c_str(), static_cast<long long>(backoff.count()));
    cv_.WaitFor(mu_, backoff, [this]() LAWTRAIL_REQUIRES(mu_) { return stopping_; });
    if (stopping_) return;
    backoff = std::min(backoff * 2, options_.max_backoff);
    attempted = 0;
  }
}

bool Collector::WaitStamped(uint64_t size, std::chrono::milliseconds timeout) const {
  if (!tsa_) return false;
  MutexLock lock(mu_);
  return cv_.WaitFor(mu_, timeout, [&]() LAWTRAIL_REQUIRES(mu_) { return stamped_size_ >= size || stopping_; }) &&
         stamped_size_ >= size;
}

Progress Collector::progress() const {
  MutexLock lock(mu_);
  Progress out;
  out.newest_size = newest_size_;
  out.published_size = published_size_;
  out.published_has_quorum = published_has_quorum_;
  out.quorum_shortfall = newest_size_ > published_size_ ? shortfall_ : "";
  out.witnesses = progress_;
  out.stamped_size = stamped_size_;
  out.stamp_failures = stamp_failures_;
  out.stamp_error = stamp_error_;
  return out;
}

std::vector<double> Collector::publish_delays_ms() const {
  MutexLock lock(mu_);
  return delays_ms_;
}

bool Collector::WaitPublished(uint64_t size, std::chrono::milliseconds timeout) const {
  MutexLock lock(mu_);
  return cv_.WaitFor(mu_, timeout, [&]() LAWTRAIL_REQUIRES(mu_) { return published_size_ >= size || stopping_; }) &&
         published_size_ >= size;
}

Result<std::string> WitnessedCheckpoint(Log& log, const Collector& collector, uint64_t size,
                                        std::chrono::milliseconds wait) {
  LAWTRAIL_RETURN_IF_ERROR(log.CurrentCheckpoint().status());
  if (!collector.WaitPublished(size, wait)) {
    return Status::Unavailable("the witnesses have not cosigned a checkpoint covering record " +
                               std::to_string(size - 1) + " within " + std::to_string(wait.count()) +
                               " ms (see /healthz); the export is recorded: ask again once they answer");
  }
  LAWTRAIL_ASSIGN_OR_RETURN(auto note, log.reader().PublishedCheckpoint());
  if (!note) return Status::Internal("the published checkpoint is not stored");
  // With a TSA, give it the same time to stamp this checkpoint; the export
  // goes without a token if it does not (the cosignatures carry time too).
  LAWTRAIL_ASSIGN_OR_RETURN(const Checkpoint cp, ParseCheckpointNoteUnverified(*note));
  (void)collector.WaitStamped(cp.size, wait);
  return *note;
}

}  // namespace lawtrail::cosigning
