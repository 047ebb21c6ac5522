#include "ledger/stream/verifying_mirror.h"

#include <cstdio>

namespace lawtrail::kafka {
namespace {

// How long one poll may hold the mirror: a witness request waits at most this
// long for its turn.
constexpr int kPollMs = 50;

}  // namespace

Result<std::unique_ptr<VerifyingMirror>> VerifyingMirror::Start(const std::string& dir, const note::Verifier& log_key,
                                                                FollowerOptions options) {
  std::unique_ptr<VerifyingMirror> m(new VerifyingMirror());
  LAWTRAIL_ASSIGN_OR_RETURN(auto replica, Replica::Open(dir, log_key));
  LAWTRAIL_ASSIGN_OR_RETURN(auto follower, Follower::Open(*replica, std::move(options)));
  {
    MutexLock lock(m->mu_);
    m->replica_ = std::move(replica);
    m->follower_ = std::move(follower);
  }
  m->thread_ = std::thread([p = m.get()] { p->Loop(); });
  return m;
}

VerifyingMirror::~VerifyingMirror() {
  {
    MutexLock lock(mu_);
    stopping_ = true;
  }
  cv_.NotifyAll();
  if (thread_.joinable()) thread_.join();
  MutexLock lock(mu_);
  follower_.reset();  // the consumer before the replica it writes to
  replica_.reset();
}

void VerifyingMirror::Loop() {
  for (;;) {
    MutexLock lock(mu_);
    if (stopping_) return;
    if (!status_.ok()) {  // stopped by a bad record: nothing more is taken
      cv_.WaitFor(mu_, std::chrono::seconds(1), [this]() LAWTRAIL_REQUIRES(mu_) { return stopping_; });
      continue;
    }
    auto added = follower_->Poll(kPollMs);
    if (!added.ok()) {
      if (follower_->problem()) {
        status_ =
            Status::FailedPrecondition("the mirror stopped at index " + std::to_string(follower_->problem()->index) +
                                       ": " + follower_->problem()->reason.ToString());
        std::fprintf(stderr, "lawtrail witness: %s\n", status_.ToString().c_str());
      }
    }
    cv_.NotifyAll();
    // Let a waiting request in between polls.
    cv_.WaitFor(mu_, std::chrono::milliseconds(1), [this]() LAWTRAIL_REQUIRES(mu_) { return stopping_; });
  }
}

Status VerifyingMirror::Vouch(const Checkpoint& cp, std::chrono::milliseconds wait) {
  const auto give_up = std::chrono::steady_clock::now() + wait;
  MutexLock lock(mu_);
  for (;;) {
    if (!status_.ok()) return status_;
    Status vouched = replica_->Vouch(cp);
    if (vouched.code() != StatusCode::kUnavailable || std::chrono::steady_clock::now() >= give_up) return vouched;
    cv_.WaitFor(mu_, std::chrono::milliseconds(20), [this]() LAWTRAIL_REQUIRES(mu_) { return stopping_; });
    if (stopping_) return Status::Unavailable("the witness is stopping");
  }
}

uint64_t VerifyingMirror::size() const {
  MutexLock lock(mu_);
  return replica_->size();
}

Status VerifyingMirror::status() const {
  MutexLock lock(mu_);
  return status_;
}

}  // namespace lawtrail::kafka
