#ifndef KANGFU_SECURITY_RANDOM_HPP_
#define KANGFU_SECURITY_RANDOM_HPP_

#include <cstddef>
#include <string>
#include <string_view>

#include "core/status.hpp"

namespace kangfu::security {

// `count` bytes from OpenSSL's CSPRNG (RAND_bytes).
// Error: internal "random.failed" when the generator is not seeded or fails.
Result<std::string> RandomBytes(std::size_t count);

// Lower-case hex of `bytes`.
std::string ToHex(std::string_view bytes);

// True when `a` and `b` are equal; the time taken depends only on their lengths (CRYPTO_memcmp),
// so comparing a secret token leaks nothing about where it differs.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace kangfu::security

#endif  // KANGFU_SECURITY_RANDOM_HPP_
