// File: api/internal/http_types.h
// -----------------------------------------------------------------------------
// The request and response every route handles, free of Beast: handlers are
// plain functions of a parsed request, testable without a socket.
#ifndef LAWTRAIL_API_INTERNAL_HTTP_TYPES_H_
#define LAWTRAIL_API_INTERNAL_HTTP_TYPES_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ledger/core/status.h"

namespace lawtrail::api {

struct HttpRequest {
  std::string method;                        // GET, POST, …
  std::string path;                          // percent-decoded path, without the query
  std::string raw_path;                      // as sent, for tiles whose names are the path
  std::map<std::string, std::string> query;  // decoded query parameters
  std::string repeated_query;  // a parameter given more than once: refused, since which one counts would be a guess
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::map<std::string, std::string> params;  // filled by the router from {name} segments
  std::string route;                          // the pattern that matched ("" if none), for metrics

  // The first header named `name` (lower case), or "".
  std::string_view Header(std::string_view name) const;
  // How many headers are named `name` (lower case).
  size_t HeaderCount(std::string_view name) const;
  // The media type of the body without parameters, lower-cased ("application/json").
  std::string ContentType() const;
  // A query parameter, or `fallback`.
  std::string Query(const std::string& name, const std::string& fallback = "") const;
};

struct HttpResponse {
  unsigned status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string error_code;  // an error's stable code ("" for a success), for the access log and metrics
  // When set, the body is this file's bytes, sent from disk in pieces (never
  // held whole): an original from the evidence store. `body` is ignored.
  std::string file_path;

  static HttpResponse Json(std::string body, unsigned status = 200);
  static HttpResponse Text(std::string body, std::string content_type = "text/plain; charset=utf-8");
  // {"error": {"code": <code>, "message": <message>[, "rule": <rule>]}}: the
  // code is stable for clients to branch on; the message is for people.
  static HttpResponse Error(unsigned status, std::string_view code, std::string_view message,
                            std::string_view rule = "");
};

// A body too large to hold (a recording of several GB), taken as it arrives.
// Its calls come one at a time, in order, on a worker thread.
class BodySink {
 public:
  virtual ~BodySink() = default;
  // The next piece of the body. An error ends the request with that answer
  // (and the connection, since the rest of the body is not read).
  virtual Status Write(std::string_view piece) = 0;
  // The whole body arrived: the answer.
  virtual HttpResponse Finish() = 0;
};

// What a streamed route makes of a request's header (its body not read yet):
// a sink for the body, or an answer at once (an unknown token, a file already
// stored) — after which a body still coming is not read and the connection closes.
struct StreamStart {
  std::shared_ptr<BodySink> sink;
  HttpResponse answer;
};

// The HTTP status and stable error code of a StatusCode.
std::pair<unsigned, std::string_view> HttpStatusOf(StatusCode code);

// A Status as an error response — the one place where errors become HTTP:
// the status and stable code follow its StatusCode (HttpStatusOf), the rule
// that refused it goes along, and every 503 (kUnavailable: a full queue, a
// store not ready) says when to retry (Retry-After: 1).
HttpResponse ErrorResponse(const Status& s);

// What a mirror answers to a request only the primary can carry out (an
// append, an export, a party lookup): 405 with an empty Allow, naming `what`.
// Not a 503: retrying the mirror will never help.
HttpResponse MirrorRefuses(std::string_view what);

// Decodes %XX escapes (and '+' as space when `plus_is_space`); invalid
// escapes are kept as they are.
std::string PercentDecode(std::string_view s, bool plus_is_space = false);

}  // namespace lawtrail::api

#endif  // LAWTRAIL_API_INTERNAL_HTTP_TYPES_H_
