#ifndef KANGFU_DOMAIN_ID_NUMBER_HPP_
#define KANGFU_DOMAIN_ID_NUMBER_HPP_

// Citizen identity numbers (公民身份号码) under GB 11643-1999: 6-digit address code, 8-digit
// birth date YYYYMMDD, 3-digit sequence code, and one check character computed with
// ISO 7064 MOD 11-2 over the first 17 digits ('0'-'9' or 'X' for ten).

#include <optional>
#include <string_view>

#include "core/status.hpp"

namespace kangfu::domain {

// Returns OK when `text` is a well-formed 18-character identity number with a valid birth date
// and a correct check character. Otherwise an invalid-argument Status on field "id_number":
//   "id_number.length"     not exactly 18 characters (bytes)
//   "id_number.format"     a non-digit among the first 17, or a check character other than 0-9/X
//                          (a lower-case 'x' is refused too: GB 11643 writes it upper case)
//   "id_number.birth_date" characters 7-14 are not a real date from 1900-01-01 on
//   "id_number.checksum"   the check character does not match the first 17 digits
// The Chinese message names the problem so the user can correct the number.
Status ValidateIdNumber(std::string_view text);

// The check character for the first 17 digits of an identity number, or nullopt when `first17`
// is not exactly 17 ASCII digits. Used by generators that build valid numbers.
std::optional<char> IdNumberCheckChar(std::string_view first17);

}  // namespace kangfu::domain

#endif  // KANGFU_DOMAIN_ID_NUMBER_HPP_
