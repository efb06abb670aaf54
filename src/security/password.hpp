#ifndef KANGFU_SECURITY_PASSWORD_HPP_
#define KANGFU_SECURITY_PASSWORD_HPP_

// Password hashing with argon2id (libargon2), stored as the encoded PHC string
// "$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>", and the password policy.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.hpp"

namespace kangfu::security {

// Defaults follow the OWASP password storage recommendation for argon2id (19 MiB, 2 passes,
// 1 lane): about 20–40 ms per hash on a server core. Tests use smaller costs.
struct Argon2Params {
  std::uint32_t time_cost = 2;
  std::uint32_t memory_kib = 19 * 1024;
  std::uint32_t parallelism = 1;
  std::uint32_t salt_bytes = 16;
  std::uint32_t hash_bytes = 32;
};

// Hashes with a fresh random salt. Errors: internal when the RNG or libargon2 fails.
Result<std::string> HashPassword(std::string_view password, const Argon2Params& params = {});

// True when `password` matches the encoded hash. A malformed or non-argon2id encoding is false.
bool VerifyPassword(std::string_view password, const std::string& encoded);

// True when `encoded` was made with other parameters than `params` (rehash at next login).
bool NeedsRehash(std::string_view encoded, const Argon2Params& params = {});

// The password policy: at least 10 characters (Unicode code points); at least 3 of the 4 classes
// lower-case letter, upper-case letter, digit, other (symbols, spaces, non-ASCII); must not contain
// the user name (ASCII case-insensitive; user names shorter than 3 characters are not checked).
// OK when all hold; otherwise invalid_argument on field "password" with the first violation as
// reason ("password.too_short", "password.too_simple", "password.contains_user_name") and every
// violation in details(), each with a Chinese message saying what to change.
Status CheckPasswordPolicy(std::string_view password, std::string_view user_name);

}  // namespace kangfu::security

#endif  // KANGFU_SECURITY_PASSWORD_HPP_
