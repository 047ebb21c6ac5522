#include <cstdlib>
#include <memory>

#include <openssl/evp.h>

#include "ledger/core/sha256.h"

namespace lawtrail {
namespace {

const EVP_MD* Sha256Md() {
  // An explicitly fetched EVP_MD avoids OpenSSL 3's per-call implicit fetch.
  static EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return md;
}

struct CtxDeleter {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};

}  // namespace

Hash Sha256(std::initializer_list<ByteView> parts) {
  thread_local std::unique_ptr<EVP_MD_CTX, CtxDeleter> ctx(EVP_MD_CTX_new());
  Hash out;
  unsigned int len = 0;
  bool ok = EVP_DigestInit_ex2(ctx.get(), Sha256Md(), nullptr) == 1;
  for (ByteView p : parts) ok = ok && EVP_DigestUpdate(ctx.get(), p.data(), p.size()) == 1;
  ok = ok && EVP_DigestFinal_ex(ctx.get(), out.data(), &len) == 1;
  // SHA-256 on in-memory data cannot fail short of a broken OpenSSL install.
  if (!ok || len != out.size()) std::abort();
  return out;
}

struct Sha256Stream::State {
  std::unique_ptr<EVP_MD_CTX, CtxDeleter> ctx{EVP_MD_CTX_new()};
  void Start() {
    if (!ctx || EVP_DigestInit_ex2(ctx.get(), Sha256Md(), nullptr) != 1) std::abort();
  }
};

Sha256Stream::Sha256Stream() : state_(std::make_unique<State>()) { state_->Start(); }
Sha256Stream::~Sha256Stream() = default;

void Sha256Stream::Update(ByteView data) {
  if (EVP_DigestUpdate(state_->ctx.get(), data.data(), data.size()) != 1) std::abort();
}

Hash Sha256Stream::Final() {
  Hash out;
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(state_->ctx.get(), out.data(), &len) != 1 || len != out.size()) std::abort();
  state_->Start();
  return out;
}

}  // namespace lawtrail
