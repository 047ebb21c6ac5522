// File: ledger/core/status.h
// -----------------------------------------------------------------------------
// Errors as values. Every library boundary in lawtrail returns a Status or a
// Result<T>; exceptions never cross a module boundary.
//
// Which code to use:
//  - kInvalidArgument: the caller's input is malformed (bad FlatBuffer, bad
//    signature, unknown field). Retrying the same input never helps.
//  - kNotFound: the thing asked for does not exist (an index past the end).
//  - kAlreadyExists: a conflicting thing exists (same event id, other bytes).
//  - kFailedPrecondition: the input is well-formed but the ledger's state
//    refuses it (signer revoked, wrong role, expected case version differs).
//    Do not retry until that state has changed.
//  - kUnavailable: try the same call again later (pushback, lock held).
//  - kCorruption: stored data fails verification — tamper evidence.
//  - kIOError: the operating system or RocksDB failed to read or write.
//  - kInternal: a bug in lawtrail.
#ifndef LAWTRAIL_LEDGER_CORE_STATUS_H_
#define LAWTRAIL_LEDGER_CORE_STATUS_H_

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace lawtrail {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,
  kNotFound,
  kAlreadyExists,
  kFailedPrecondition,
  kUnavailable,
  kCorruption,
  kIOError,
  kInternal,
  kPermissionDenied,  // the caller may not do this (an HTTP 403)
  // Forces every switch over the codes to carry a default: case.
  kDoNotUseReservedForFutureExpansionUseDefaultInSwitchInstead_ = 20,
};

std::string_view StatusCodeName(StatusCode code);

class Status;
namespace internal {
// Result::value() on an error: prints the error and aborts.
[[noreturn]] void DieReadingError(const Status& status);
}  // namespace internal

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status AlreadyExists(std::string m) { return {StatusCode::kAlreadyExists, std::move(m)}; }
  static Status FailedPrecondition(std::string m) { return {StatusCode::kFailedPrecondition, std::move(m)}; }
  static Status Unavailable(std::string m) { return {StatusCode::kUnavailable, std::move(m)}; }
  static Status Corruption(std::string m) { return {StatusCode::kCorruption, std::move(m)}; }
  static Status IOError(std::string m) { return {StatusCode::kIOError, std::move(m)}; }
  static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }
  static Status PermissionDenied(std::string m) { return {StatusCode::kPermissionDenied, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "FAILED_PRECONDITION: signer revoked" — for logs and command-line errors.
  std::string ToString() const;

  // Returns a copy whose message is prefixed with `context: `.
  Status WithContext(std::string_view context) const;

  // The procedure rule that refused the input (e.g. "P-TWO-OFFICERS"; see
  // ledger/domain/rules.h), or empty. Survives WithContext.
  const std::string& rule() const { return rule_; }
  Status WithRule(std::string_view rule_id) const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string rule_;
};

// Result<T> holds either a T or a non-OK Status (C++20 has no std::expected).
//
// Example:
//   Result<Record> r = log.Get(7);
//   if (!r.ok()) return r.status();
//   Use(*r);
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}         // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT
    assert(!status_.ok() && "Result needs a value or an error");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  // The value. Reading the value of an error is a bug, in every build: the
  // process stops, naming the error, rather than reading what is not there.
  T& value() & { return Checked(), *value_; }
  const T& value() const& { return Checked(), *value_; }
  T&& value() && { return Checked(), std::move(*value_); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  void Checked() const {
    if (!value_.has_value()) [[unlikely]]
      internal::DieReadingError(status_);
  }

  Status status_;
  std::optional<T> value_;
};

}  // namespace lawtrail

#define LAWTRAIL_CONCAT_INNER_(a, b) a##b
#define LAWTRAIL_CONCAT_(a, b) LAWTRAIL_CONCAT_INNER_(a, b)

// LAWTRAIL_RETURN_IF_ERROR(expr): returns the Status of `expr` from the enclosing
// function when it is not OK.
// WARNING: expands into several statements; do not use it as the body of an
// unbraced if.
#define LAWTRAIL_RETURN_IF_ERROR(expr)                   \
  do {                                                   \
    ::lawtrail::Status lawtrail_status_ = (expr);        \
    if (!lawtrail_status_.ok()) return lawtrail_status_; \
  } while (0)

// LAWTRAIL_ASSIGN_OR_RETURN(lhs, expr): evaluates a Result<T>; on error returns its
// Status, otherwise moves the value into `lhs` (which may be a declaration).
// WARNING: expands into several statements; do not use it as the body of an
// unbraced if.
#define LAWTRAIL_ASSIGN_OR_RETURN(lhs, expr) \
  LAWTRAIL_ASSIGN_OR_RETURN_IMPL_(LAWTRAIL_CONCAT_(lawtrail_result_, __LINE__), lhs, expr)
#define LAWTRAIL_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                    \
  if (!tmp.ok()) return tmp.status();                   \
  lhs = std::move(tmp).value()

#endif  // LAWTRAIL_LEDGER_CORE_STATUS_H_
