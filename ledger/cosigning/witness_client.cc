#include "ledger/cosigning/witness_client.h"

#include "ledger/core/cosignature.h"
#include "ledger/witness/add_checkpoint.h"

namespace lawtrail::cosigning {
namespace {

constexpr std::string_view kSignatureLinePrefix = "\xE2\x80\x94 ";  // "— "
// A reply may carry lines from other keys (the spec says ignore them); a
// hostile one could carry thousands, each costing a signature check.
constexpr int kMaxLinesTried = 16;

std::string Excerpt(std::string_view body) {
  std::string out(body.substr(0, 200));
  for (char& c : out) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

}  // namespace

Result<WitnessClient> WitnessClient::Make(std::string name, note::Verifier key, std::string_view submission_prefix,
                                          std::chrono::milliseconds timeout) {
  auto url = ParseHttpUrl(submission_prefix);
  if (!url.ok()) return url.status().WithContext("witness " + name);
  WitnessClient c;
  c.name_ = std::move(name);
  c.key_ = std::move(key);
  c.url_ = Join(std::move(*url), "add-checkpoint");
  c.timeout_ = timeout;
  return c;
}

Result<HttpReply> WitnessClient::Send(uint64_t old_size, std::vector<Hash> proof, std::string_view signed_note) {
  witness::AddCheckpointRequest request;
  request.old_size = old_size;
  for (const Hash& h : proof) request.proof.emplace_back(h.begin(), h.end());
  request.checkpoint = std::string(signed_note);
  return Post(url_, "text/plain; charset=utf-8", witness::FormatAddCheckpoint(request), timeout_);
}

Result<Cosigned> WitnessClient::Submit(std::string_view signed_note, uint64_t size, const ConsistencyProofFn& prove) {
  const std::string who = "witness " + name_;
  // A 409 teaches the size; a second 409 in a row means another process of
  // this log is submitting too, and the next round will catch up.
  for (int attempt = 0; attempt < 3; ++attempt) {
    const uint64_t old_size = known_size_.value_or(0);
    if (old_size > size) {
      return Status::FailedPrecondition(who + " has cosigned a tree of " + std::to_string(old_size) +
                                        " records, more than this checkpoint's " + std::to_string(size) +
                                        ": the log has lost records, or another log signs with its key");
    }
    std::vector<Hash> proof;
    if (old_size > 0 && old_size < size) {
      auto p = prove(old_size, size);
      if (!p.ok()) return p.status().WithContext(who + ": proving consistency from " + std::to_string(old_size));
      proof = std::move(*p);
    }
    auto reply = Send(old_size, std::move(proof), signed_note);
    if (!reply.ok()) return reply.status().WithContext(who);
    switch (reply->status) {
      case 200: {
        std::string_view rest = reply->body;
        int tried = 0;
        while (!rest.empty() && tried < kMaxLinesTried) {
          const size_t nl = rest.find('\n');
          if (nl == std::string_view::npos) break;
          const std::string_view line = rest.substr(0, nl + 1);
          rest.remove_prefix(nl + 1);
          if (line.substr(0, kSignatureLinePrefix.size()) != kSignatureLinePrefix) continue;
          ++tried;
          auto t = cosig::VerifyCosignature(std::string(signed_note) + std::string(line), key_);
          if (!t.ok() || *t == 0) continue;
          known_size_ = size;
          return Cosigned{std::string(line), *t};
        }
        return Status::Corruption(who +
                                  " answered 200 without a valid cosignature by its key: " + Excerpt(reply->body));
      }
      case 409: {
        auto learnt = witness::ParseTlogSize(reply->body);
        if (!learnt.ok()) return learnt.status().WithContext(who + ": its 409 reply");
        known_size_ = *learnt;
        continue;
      }
      case 400:
        return Status::InvalidArgument(who + " refused the request as malformed (400): " + Excerpt(reply->body));
      case 403:
      case 404:
        return Status::FailedPrecondition(who + " does not witness this log (" + std::to_string(reply->status) +
                                          "): its --log list lacks the log's key? " + Excerpt(reply->body));
      case 422:
        return Status::Corruption(
            who + " refused the checkpoint as inconsistent with what it cosigned (422): " + Excerpt(reply->body));
      default:
        return Status::Unavailable(who + " answered " + std::to_string(reply->status) + ": " + Excerpt(reply->body));
    }
  }
  return Status::Unavailable(who + " kept answering 409: another process is submitting this log's checkpoints");
}

}  // namespace lawtrail::cosigning
