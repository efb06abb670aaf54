#include "core/status.hpp"

#include <array>

namespace kangfu {

std::string_view ErrorCodeName(ErrorCode code) {
  static constexpr std::array<std::string_view, 11> kNames = {
      "ok",
      "invalid_argument",
      "not_found",
      "already_exists",
      "conflict",
      "failed_precondition",
      "unauthenticated",
      "permission_denied",
      "resource_exhausted",
      "unavailable",
      "internal",
  };
  auto index = static_cast<std::size_t>(code);
  return index < kNames.size() ? kNames[index] : "internal";
}

Status Status::Error(ErrorCode code, std::string reason, std::string message, std::string field) {
  Status status;
  status.code_ = code;
  status.reason_ = std::move(reason);
  status.message_ = std::move(message);
  status.field_ = std::move(field);
  return status;
}

Status Status::Internal(std::string internal_message) {
  Status status =
      Error(ErrorCode::kInternal, "internal", "系统内部错误，请稍后重试或联系系统管理员");
  status.internal_ = std::move(internal_message);
  return status;
}

Status& Status::PrefixField(std::string_view prefix) {
  auto join = [prefix](std::string& field) {
    if (field.empty()) {
      field = prefix;
    } else if (field.front() == '[') {
      field.insert(0, prefix);
    } else {
      field.insert(0, std::string(prefix) + ".");
    }
  };
  join(field_);
  for (FieldError& detail : details_) join(detail.field);
  return *this;
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string out(ErrorCodeName(code_));
  out += ' ';
  out += reason_;
  if (!field_.empty()) {
    out += ' ';
    out += field_;
  }
  out += ": ";
  out += message_;
  return out;
}

}  // namespace kangfu
