#ifndef KANGFU_CORE_TEXT_HPP_
#define KANGFU_CORE_TEXT_HPP_

// Small text helpers shared by parsers (URLs, OOXML escapes, hex digests) and writers.

#include <charconv>
#include <concepts>
#include <string>

namespace kangfu {

// Appends the decimal digits of `value` (and its sign) to `out`, without a temporary string.
template <std::integral Int>
void AppendDecimal(std::string& out, Int value) {
  char digits[24];  // the longest 64-bit integer with its sign is 20 characters
  const auto [end, error] = std::to_chars(digits, digits + sizeof digits, value);
  out.append(digits, error == std::errc() ? end : digits);
}

// The value of one hexadecimal digit (either case), or -1 when `c` is not one.
constexpr int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace kangfu

#endif  // KANGFU_CORE_TEXT_HPP_
