#ifndef KANGFU_SECURITY_COOKIE_HPP_
#define KANGFU_SECURITY_COOKIE_HPP_

// The session cookie: HttpOnly (no script can read it), SameSite=Strict (never sent on cross-site
// requests), Path=/, and Secure when the server is reached over HTTPS.

#include <optional>
#include <string>
#include <string_view>

namespace kangfu::security {

inline constexpr std::string_view kSessionCookieName = "kangfu_session";

struct CookieOptions {
  bool secure = true;
};

// "kangfu_session=<id>; Path=/; HttpOnly; SameSite=Strict[; Secure]". The cookie lives for the
// browser session; the server enforces the idle and absolute limits.
std::string SessionCookie(std::string_view session_id, const CookieOptions& options);

// The same cookie with an empty value and Max-Age=0, which makes the browser delete it (logout).
std::string ExpiredSessionCookie(const CookieOptions& options);

// The value of cookie `name` in a Cookie request header ("a=1; kangfu_session=…"); nullopt when
// absent. The first occurrence wins.
std::optional<std::string> FindCookie(std::string_view cookie_header, std::string_view name);

}  // namespace kangfu::security

#endif  // KANGFU_SECURITY_COOKIE_HPP_
