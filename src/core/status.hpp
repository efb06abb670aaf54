#ifndef KANGFU_CORE_STATUS_HPP_
#define KANGFU_CORE_STATUS_HPP_

// The one error vocabulary of Kangfu. Every error a user can cause carries:
//   - a category (ErrorCode) that the HTTP layer maps to a status code in one table,
//   - a stable machine code (`reason`, e.g. "date.invalid") that clients and tests match on,
//   - the offending field (e.g. "measures[0].effective"), empty when no single field is at fault,
//   - a Chinese message that tells the user what to fix,
//   - optionally an internal message for the log, never shown to users.
//
// Which category to use:
//   kInvalidArgument    the input itself is malformed or breaks a rule (bad date, unknown code)
//   kNotFound           a referenced record does not exist (or is outside the actor's jurisdiction
//                       where revealing its existence would leak information)
//   kAlreadyExists      a unique key is taken (ID number already on record)
//   kConflict           the record changed since it was read (stale row version)
//   kFailedPrecondition the input is well-formed but the current state forbids the operation
//                       (re-use step out of order, influence period not over)
//   kUnauthenticated    no valid session
//   kPermissionDenied   the actor's role or jurisdiction does not allow it
//   kResourceExhausted  a limit was hit (request too large, too many login failures)
//   kUnavailable        a dependency is down (database unreachable); retrying may help
//   kInternal           a bug or an unexpected library failure; details go to the log only

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace kangfu {

enum class ErrorCode {
  kOk = 0,
  kInvalidArgument,
  kNotFound,
  kAlreadyExists,
  kConflict,
  kFailedPrecondition,
  kUnauthenticated,
  kPermissionDenied,
  kResourceExhausted,
  kUnavailable,
  kInternal,
};

// Returns the stable lower-case name of a category ("invalid_argument" …).
std::string_view ErrorCodeName(ErrorCode code);

// One problem with one field; a Status may carry several (a whole form or spreadsheet row).
struct FieldError {
  std::string field;
  std::string reason;
  std::string message;

  friend bool operator==(const FieldError&, const FieldError&) = default;
};

class [[nodiscard]] Status {
 public:
  // An OK status.
  Status() = default;

  static Status Ok() { return {}; }
  static Status Error(ErrorCode code, std::string reason, std::string message,
                      std::string field = {});
  static Status Invalid(std::string field, std::string reason, std::string message) {
    return Error(ErrorCode::kInvalidArgument, std::move(reason), std::move(message),
                 std::move(field));
  }
  static Status NotFound(std::string reason, std::string message, std::string field = {}) {
    return Error(ErrorCode::kNotFound, std::move(reason), std::move(message), std::move(field));
  }
  static Status Internal(std::string internal_message);

  bool ok() const { return code_ == ErrorCode::kOk; }
  ErrorCode code() const { return code_; }
  const std::string& reason() const { return reason_; }
  const std::string& message() const { return message_; }
  const std::string& field() const { return field_; }
  const std::string& internal() const { return internal_; }
  const std::vector<FieldError>& details() const { return details_; }

  // Prefixes the field path, e.g. "effective" -> "measures[0].effective". Used by callers that
  // validate a part of a larger document.
  Status& PrefixField(std::string_view prefix);
  Status& WithInternal(std::string internal) {
    internal_ = std::move(internal);
    return *this;
  }
  Status& AddDetail(FieldError detail) {
    details_.push_back(std::move(detail));
    return *this;
  }

  // "invalid_argument date.invalid measures[0].effective: 日期…" — for logs and the CLI.
  std::string ToString() const;

 private:
  ErrorCode code_ = ErrorCode::kOk;
  std::string reason_;
  std::string message_;
  std::string field_;
  std::string internal_;
  std::vector<FieldError> details_;
};

// A value or the Status that explains why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}        // NOLINT(google-explicit-constructor)
  Result(Status status) : data_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    assert(!std::get<Status>(data_).ok() && "a Result built from a Status must hold an error");
  }

  bool ok() const { return std::holds_alternative<T>(data_); }
  const Status& status() const {
    static const Status kOkStatus;
    return ok() ? kOkStatus : std::get<Status>(data_);
  }
  Status&& TakeStatus() && { return std::get<Status>(std::move(data_)); }

  const T& value() const& { return std::get<T>(data_); }
  T& value() & { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace kangfu

// Returns early from the enclosing function with the error of `expr` (a Status).
#define KANGFU_RETURN_IF_ERROR(expr)                 \
  do {                                               \
    ::kangfu::Status kangfu_status_ = (expr);        \
    if (!kangfu_status_.ok()) return kangfu_status_; \
  } while (false)

// Declares or assigns `lhs` from the value of `expr` (a Result), or returns its error.
//   KANGFU_ASSIGN_OR_RETURN(Date day, Date::Parse(text));
#define KANGFU_ASSIGN_OR_RETURN(lhs, expr) \
  KANGFU_ASSIGN_OR_RETURN_IMPL_(KANGFU_CONCAT_(kangfu_result_, __LINE__), lhs, expr)
#define KANGFU_CONCAT_INNER_(a, b) a##b
#define KANGFU_CONCAT_(a, b) KANGFU_CONCAT_INNER_(a, b)
#define KANGFU_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                  \
  if (!tmp.ok()) return std::move(tmp).TakeStatus();  \
  lhs = std::move(tmp).value()

#endif  // KANGFU_CORE_STATUS_HPP_
