#include "ledger/timestamp/timestamp.h"

#include <ctime>
#include <memory>

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/ts.h>
#include <openssl/x509.h>

namespace lawtrail::timestamp {
namespace {

template <typename T, void (*F)(T*)>
struct Deleter {
  void operator()(T* p) const { F(p); }
};
template <typename T, void (*F)(T*)>
using Owned = std::unique_ptr<T, Deleter<T, F>>;

// OpenSSL's queued errors as one line (and the queue emptied).
std::string OpenSslErrors() {
  std::string out;
  for (unsigned long e = ERR_get_error(); e != 0; e = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    out += (out.empty() ? "" : "; ") + std::string(buf);
  }
  return out.empty() ? "no detail from OpenSSL" : out;
}

Status Failed(std::string what) { return Status::Corruption(what + ": " + OpenSslErrors()); }

Result<Hash> Sha256Of(std::string_view data) {
  Hash h{};
  unsigned int n = 0;
  if (EVP_Digest(data.data(), data.size(), h.data(), &n, EVP_sha256(), nullptr) != 1 || n != h.size()) {
    return Failed("hashing the data to stamp");
  }
  return h;
}

Result<Bytes> Der(const PKCS7* token) {
  unsigned char* out = nullptr;
  const int n = i2d_PKCS7(const_cast<PKCS7*>(token), &out);
  if (n <= 0) return Failed("encoding the time-stamp token");
  Bytes der(out, out + n);
  OPENSSL_free(out);
  return der;
}

std::string Utc(const ASN1_GENERALIZEDTIME* t) {
  std::tm tm{};
  if (t == nullptr || ASN1_TIME_to_tm(t, &tm) != 1) return "?";
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", &tm);
  return buf;
}

}  // namespace

Result<Request> MakeRequest(std::string_view data) {
  Request r;
  LAWTRAIL_ASSIGN_OR_RETURN(r.imprint, Sha256Of(data));
  r.nonce.resize(8);
  if (RAND_bytes(r.nonce.data(), static_cast<int>(r.nonce.size())) != 1) return Failed("drawing a nonce");
  r.nonce[0] &= 0x7f;  // a positive INTEGER
  r.nonce[0] |= 0x01;  // of a fixed length, so the DER never drops a leading zero
  Owned<TS_REQ, TS_REQ_free> req(TS_REQ_new());
  Owned<TS_MSG_IMPRINT, TS_MSG_IMPRINT_free> imprint(TS_MSG_IMPRINT_new());
  Owned<X509_ALGOR, X509_ALGOR_free> algo(X509_ALGOR_new());
  Owned<BIGNUM, BN_free> bn(BN_bin2bn(r.nonce.data(), static_cast<int>(r.nonce.size()), nullptr));
  if (!req || !imprint || !algo || !bn) return Failed("making a time-stamp request");
  Owned<ASN1_INTEGER, ASN1_INTEGER_free> nonce(BN_to_ASN1_INTEGER(bn.get(), nullptr));
  if (!nonce || X509_ALGOR_set0(algo.get(), OBJ_nid2obj(NID_sha256), V_ASN1_NULL, nullptr) != 1 ||
      TS_MSG_IMPRINT_set_algo(imprint.get(), algo.get()) != 1 ||
      TS_MSG_IMPRINT_set_msg(imprint.get(), r.imprint.data(), static_cast<int>(r.imprint.size())) != 1 ||
      TS_REQ_set_version(req.get(), 1) != 1 || TS_REQ_set_msg_imprint(req.get(), imprint.get()) != 1 ||
      TS_REQ_set_nonce(req.get(), nonce.get()) != 1 || TS_REQ_set_cert_req(req.get(), 1) != 1) {
    return Failed("making a time-stamp request");
  }
  unsigned char* out = nullptr;
  const int n = i2d_TS_REQ(req.get(), &out);
  if (n <= 0) return Failed("encoding the time-stamp request");
  r.der.assign(out, out + n);
  OPENSSL_free(out);
  return r;
}

Result<Bytes> TokenFromReply(ByteView reply_der, const Request& request) {
  const unsigned char* p = reply_der.data();
  Owned<TS_RESP, TS_RESP_free> reply(d2i_TS_RESP(nullptr, &p, static_cast<long>(reply_der.size())));
  if (!reply || p != reply_der.data() + reply_der.size()) return Failed("the TSA's reply is not one TimeStampResp");
  const ASN1_INTEGER* status = TS_STATUS_INFO_get0_status(TS_RESP_get_status_info(reply.get()));
  const long code = ASN1_INTEGER_get(status);
  if (code != 0 && code != 1) {
    return Status::FailedPrecondition("the TSA refused the request (PKIStatus " + std::to_string(code) + ")");
  }
  // Version, imprint and nonce against the request; the signature is for Verify.
  const unsigned char* q = request.der.data();
  Owned<TS_REQ, TS_REQ_free> req(d2i_TS_REQ(nullptr, &q, static_cast<long>(request.der.size())));
  if (!req) return Failed("decoding our own request");
  Owned<TS_VERIFY_CTX, TS_VERIFY_CTX_free> ctx(TS_REQ_to_TS_VERIFY_CTX(req.get(), nullptr));
  if (!ctx) return Failed("preparing the reply's check");
  TS_VERIFY_CTX_set_flags(ctx.get(), TS_VFY_VERSION | TS_VFY_IMPRINT | TS_VFY_NONCE);
  if (TS_RESP_verify_response(ctx.get(), reply.get()) != 1) {
    return Failed("the TSA's token is not for this request (version, imprint or nonce)");
  }
  return Der(TS_RESP_get_token(reply.get()));
}

Result<Stamp> Verify(ByteView token_der, std::string_view data, const std::string& ca_pem_file) {
  const unsigned char* p = token_der.data();
  Owned<PKCS7, PKCS7_free> token(d2i_PKCS7(nullptr, &p, static_cast<long>(token_der.size())));
  if (!token || p != token_der.data() + token_der.size()) return Failed("the time-stamp token is not one CMS object");
  Owned<X509_STORE, X509_STORE_free> store(X509_STORE_new());
  if (!store || X509_STORE_load_file(store.get(), ca_pem_file.c_str()) != 1) {
    return Status::InvalidArgument("the TSA's CA certificates cannot be read from '" + ca_pem_file +
                                   "': " + OpenSslErrors());
  }
  Owned<TS_VERIFY_CTX, TS_VERIFY_CTX_free> ctx(TS_VERIFY_CTX_new());
  BIO* bio = BIO_new_mem_buf(data.data(), static_cast<int>(data.size()));
  if (!ctx || bio == nullptr) return Failed("preparing the token's check");
  TS_VERIFY_CTX_set_flags(ctx.get(), TS_VFY_VERSION | TS_VFY_SIGNATURE | TS_VFY_DATA);
  TS_VERIFY_CTX_set_data(ctx.get(), bio);               // the context owns it now
  TS_VERIFY_CTX_set_store(ctx.get(), store.release());  // and the store
  if (TS_RESP_verify_token(ctx.get(), token.get()) != 1) {
    return Failed(
        "the time-stamp token does not verify (the TSA's signature, its certificate chain, or the "
        "stamped hash)");
  }
  Owned<TS_TST_INFO, TS_TST_INFO_free> info(PKCS7_to_TS_TST_INFO(token.get()));
  if (!info) return Failed("reading the token's TSTInfo");
  Stamp s;
  s.time = Utc(TS_TST_INFO_get_time(info.get()));
  if (const ASN1_INTEGER* serial = TS_TST_INFO_get_serial(info.get())) {
    Owned<BIGNUM, BN_free> bn(ASN1_INTEGER_to_BN(serial, nullptr));
    if (bn) {
      char* hex = BN_bn2hex(bn.get());
      s.serial = hex;
      OPENSSL_free(hex);
    }
  }
  // The signer: the certificate the token carries (cert_req was set).
  STACK_OF(PKCS7_SIGNER_INFO)* signers = PKCS7_get_signer_info(token.get());
  if (signers != nullptr && sk_PKCS7_SIGNER_INFO_num(signers) == 1) {
    const PKCS7_SIGNER_INFO* si = sk_PKCS7_SIGNER_INFO_value(signers, 0);
    X509* cert = PKCS7_cert_from_signer_info(token.get(), const_cast<PKCS7_SIGNER_INFO*>(si));
    if (cert != nullptr) {
      char* line = X509_NAME_oneline(X509_get_subject_name(cert), nullptr, 0);
      if (line != nullptr) {
        s.tsa = line;
        OPENSSL_free(line);
      }
    }
  }
  return s;
}

}  // namespace lawtrail::timestamp
