// File: ledger/timestamp/timestamp.h
// -----------------------------------------------------------------------------
// RFC 3161 time-stamps of checkpoints. The log asks a time-stamping
// authority (TSA) to stamp the SHA-256 of a checkpoint's body (the note text
// without its signature lines, the same bytes its signature and the witnesses'
// cosignatures cover); the token the TSA returns is kept with the checkpoint
// and travels in court exports. Anyone holding the TSA's CA certificate can
// check it later, with this code or with `openssl ts -verify`.
//
// OpenSSL does the ASN.1, CMS and X.509 work; nothing here is cryptography of
// its own.
#ifndef LAWTRAIL_LEDGER_TIMESTAMP_TIMESTAMP_H_
#define LAWTRAIL_LEDGER_TIMESTAMP_TIMESTAMP_H_

#include <string>
#include <string_view>

#include "ledger/core/bytes.h"
#include "ledger/core/status.h"

namespace lawtrail::timestamp {

inline constexpr std::string_view kQueryType = "application/timestamp-query";
inline constexpr std::string_view kReplyType = "application/timestamp-reply";

struct Request {
  Bytes der;    // the TimeStampReq to POST
  Bytes nonce;  // its random nonce, checked in the reply
  Hash imprint{};
};

// A TimeStampReq for SHA-256(data), asking for the TSA's certificate in the
// token and carrying a fresh random nonce.
Result<Request> MakeRequest(std::string_view data);

// The TimeStampToken (DER) of a TSA's reply to `request`: the status must be
// granted, the token's imprint and nonce those of the request. The TSA's
// signature is not checked here (that needs its CA: Verify).
Result<Bytes> TokenFromReply(ByteView reply_der, const Request& request);

struct Stamp {
  std::string time;    // the TSA's genTime, "2026-12-07 02:30:00 UTC"
  std::string tsa;     // the signer certificate's subject, one line
  std::string serial;  // the token's serial number, hex
};

// Checks `token_der` against `data`: the TSA's signature chains to a
// certificate in `ca_pem_file`, its certificate may sign time-stamps, and its
// imprint is SHA-256(data). Corruption naming what failed.
Result<Stamp> Verify(ByteView token_der, std::string_view data, const std::string& ca_pem_file);

}  // namespace lawtrail::timestamp

#endif  // LAWTRAIL_LEDGER_TIMESTAMP_TIMESTAMP_H_
