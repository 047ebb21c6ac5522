#include "ledger/core/status.h"

#include <cstdio>
#include <cstdlib>

namespace lawtrail {

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "OK";
    case StatusCode::kInvalidArgument: return "INVALID_ARGUMENT";
    case StatusCode::kNotFound: return "NOT_FOUND";
    case StatusCode::kAlreadyExists: return "ALREADY_EXISTS";
    case StatusCode::kFailedPrecondition: return "FAILED_PRECONDITION";
    case StatusCode::kUnavailable: return "UNAVAILABLE";
    case StatusCode::kCorruption: return "CORRUPTION";
    case StatusCode::kIOError: return "IO_ERROR";
    case StatusCode::kInternal: return "INTERNAL";
    case StatusCode::kPermissionDenied: return "PERMISSION_DENIED";
    default: return "UNKNOWN";
  }
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string out(StatusCodeName(code_));
  if (!rule_.empty()) {
    out += " [";
    out += rule_;
    out += "]";
  }
  out += ": ";
  out += message_;
  return out;
}

Status Status::WithContext(std::string_view context) const {
  if (ok()) return *this;
  std::string m(context);
  m += ": ";
  m += message_;
  Status out(code_, std::move(m));
  out.rule_ = rule_;
  return out;
}

Status Status::WithRule(std::string_view rule_id) const {
  Status out = *this;
  out.rule_ = std::string(rule_id);
  return out;
}

namespace internal {

void DieReadingError(const Status& status) {
  std::fprintf(stderr, "lawtrail: the value of an error was read (a bug): %s\n", status.ToString().c_str());
  std::abort();
}

}  // namespace internal

}  // namespace lawtrail
