#include "domain/id_number.hpp"

#include <array>
#include <string>

#include "domain/date.hpp"

namespace kangfu::domain {
namespace {

constexpr std::size_t kLength = 18;
// ISO 7064 MOD 11-2 weights, 2^(17-i) mod 11 for positions 0..16.
constexpr std::array<int, 17> kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
// Check character for (weighted sum mod 11).
constexpr std::string_view kCheckChars = "10X98765432";

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int Digits(std::string_view text, std::size_t pos, std::size_t count) {
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) value = value * 10 + (text[i] - '0');
  return value;
}

Status Invalid(std::string reason, std::string message) {
  return Status::Invalid("id_number", std::move(reason), std::move(message));
}

}  // namespace

std::optional<char> IdNumberCheckChar(std::string_view first17) {
  if (first17.size() != kWeights.size()) return std::nullopt;
  int sum = 0;
  for (std::size_t i = 0; i < kWeights.size(); ++i) {
    if (!IsDigit(first17[i])) return std::nullopt;
    sum += (first17[i] - '0') * kWeights[i];
  }
  return kCheckChars[static_cast<std::size_t>(sum % 11)];
}

Status ValidateIdNumber(std::string_view text) {
  if (text.size() != kLength) {
    return Invalid("id_number.length", "身份证号码应为18位，当前为" + std::to_string(text.size()) +
                                           "个字符，请核对后重新填写");
  }
  for (std::size_t i = 0; i + 1 < kLength; ++i) {
    if (!IsDigit(text[i])) {
      return Invalid("id_number.format", "身份证号码前17位只能是数字，第" + std::to_string(i + 1) +
                                             "位不是数字，请核对");
    }
  }
  const char check = text[kLength - 1];
  if (!IsDigit(check) && check != 'X') {
    return Invalid("id_number.format", "身份证号码第18位（校验码）只能是数字或大写字母X，请核对");
  }
  const int year = Digits(text, 6, 4);
  const int month = Digits(text, 10, 2);
  const int day = Digits(text, 12, 2);
  if (year < Date::kMinYear || !Date::FromCivil(year, month, day).ok()) {
    return Invalid("id_number.birth_date", "身份证号码第7至14位的出生日期“" +
                                               std::string(text.substr(6, 8)) +
                                               "”不是有效日期，请核对");
  }
  if (IdNumberCheckChar(text.substr(0, kLength - 1)) != check) {
    return Invalid("id_number.checksum",
                   "身份证号码校验码不正确（第18位与前17位不符），请核对是否有录入错误");
  }
  return Status::Ok();
}

}  // namespace kangfu::domain
