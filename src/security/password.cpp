#include "security/password.hpp"

#include <argon2.h>

#include <algorithm>
#include <vector>

#include "security/random.hpp"

namespace kangfu::security {

Result<std::string> HashPassword(std::string_view password, const Argon2Params& params) {
  Result<std::string> salt = RandomBytes(params.salt_bytes);
  if (!salt.ok()) return std::move(salt).TakeStatus();
  std::size_t length = argon2_encodedlen(params.time_cost, params.memory_kib, params.parallelism,
                                         params.salt_bytes, params.hash_bytes, Argon2_id);
  std::vector<char> encoded(length);
  int rc = argon2id_hash_encoded(params.time_cost, params.memory_kib, params.parallelism,
                                 password.data(), password.size(), salt->data(), salt->size(),
                                 params.hash_bytes, encoded.data(), encoded.size());
  if (rc != ARGON2_OK) {
    return Status::Internal(std::string("argon2id_hash_encoded: ") + argon2_error_message(rc));
  }
  return std::string(encoded.data());
}

bool VerifyPassword(std::string_view password, const std::string& encoded) {
  if (encoded.rfind("$argon2id$", 0) != 0) return false;
  return argon2id_verify(encoded.c_str(), password.data(), password.size()) == ARGON2_OK;
}

bool NeedsRehash(std::string_view encoded, const Argon2Params& params) {
  std::string expected = "$argon2id$v=19$m=" + std::to_string(params.memory_kib) +
                         ",t=" + std::to_string(params.time_cost) +
                         ",p=" + std::to_string(params.parallelism) + "$";
  return encoded.rfind(expected, 0) != 0;
}

namespace {

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::size_t CodePoints(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
  }));
}

}  // namespace

Status CheckPasswordPolicy(std::string_view password, std::string_view user_name) {
  std::vector<FieldError> violations;
  if (CodePoints(password) < 10) {
    violations.push_back({"password", "password.too_short", "密码长度至少为 10 个字符"});
  }
  bool lower = false;
  bool upper = false;
  bool digit = false;
  bool other = false;
  for (char c : password) {
    if (c >= 'a' && c <= 'z') {
      lower = true;
    } else if (c >= 'A' && c <= 'Z') {
      upper = true;
    } else if (c >= '0' && c <= '9') {
      digit = true;
    } else {
      other = true;
    }
  }
  if (static_cast<int>(lower) + static_cast<int>(upper) + static_cast<int>(digit) +
          static_cast<int>(other) <
      3) {
    violations.push_back({"password", "password.too_simple",
                          "密码须至少包含小写字母、大写字母、数字、其他符号中的三类"});
  }
  if (CodePoints(user_name) >= 3 &&
      AsciiLower(password).find(AsciiLower(user_name)) != std::string::npos) {
    violations.push_back({"password", "password.contains_user_name", "密码不能包含用户名"});
  }
  if (violations.empty()) return Status::Ok();
  Status status =
      Status::Invalid("password", violations.front().reason, violations.front().message);
  for (FieldError& violation : violations) status.AddDetail(std::move(violation));
  return status;
}

}  // namespace kangfu::security
