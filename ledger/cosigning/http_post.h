// File: ledger/cosigning/http_post.h
// -----------------------------------------------------------------------------
// One HTTP/1.1 POST with a deadline over the whole exchange (resolve, connect,
// write, read): what the log needs to reach a witness or a time-stamping
// authority. Plain http:// only; a witness reached over TLS sits behind a
// local TLS proxy or an https-bastion (docs/witnesses.md). The reply body is
// capped so a hostile server cannot fill memory.
#ifndef LAWTRAIL_LEDGER_COSIGNING_HTTP_POST_H_
#define LAWTRAIL_LEDGER_COSIGNING_HTTP_POST_H_

#include <chrono>
#include <string>
#include <string_view>

#include "ledger/core/status.h"

namespace lawtrail::cosigning {

struct HttpUrl {
  std::string host;
  std::string port = "80";
  std::string path = "/";  // always starts with '/'
};

// "http://host[:port][/path]"; InvalidArgument naming what is wrong (another
// scheme, no host, a bad port, whitespace or control characters).
Result<HttpUrl> ParseHttpUrl(std::string_view url);

// `base` with `name` appended as one more path segment ("…/" + name).
HttpUrl Join(HttpUrl base, std::string_view name);

struct HttpReply {
  int status = 0;
  std::string content_type;
  std::string body;
};

inline constexpr size_t kMaxReplyBytes = 1 << 20;

// Unavailable when the server cannot be reached or does not answer in time;
// the reply otherwise, whatever its status.
Result<HttpReply> Post(const HttpUrl& url, std::string_view content_type, std::string_view body,
                       std::chrono::milliseconds timeout);

}  // namespace lawtrail::cosigning

#endif  // LAWTRAIL_LEDGER_COSIGNING_HTTP_POST_H_
