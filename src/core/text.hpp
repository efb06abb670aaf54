#ifndef KANGFU_CORE_TEXT_HPP_
#define KANGFU_CORE_TEXT_HPP_

// Small text helpers shared by parsers (URLs, OOXML escapes, hex digests).

namespace kangfu {

// The value of one hexadecimal digit (either case), or -1 when `c` is not one.
constexpr int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace kangfu

#endif  // KANGFU_CORE_TEXT_HPP_
