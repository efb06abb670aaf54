#include "security/cookie.hpp"

namespace kangfu::security {

namespace {

std::string Attributes(const CookieOptions& options) {
  std::string out = "; Path=/; HttpOnly; SameSite=Strict";
  if (options.secure) out += "; Secure";
  return out;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::string SessionCookie(std::string_view session_id, const CookieOptions& options) {
  return std::string(kSessionCookieName) + "=" + std::string(session_id) + Attributes(options);
}

std::string ExpiredSessionCookie(const CookieOptions& options) {
  return std::string(kSessionCookieName) + "=" + Attributes(options) + "; Max-Age=0";
}

std::optional<std::string> FindCookie(std::string_view cookie_header, std::string_view name) {
  while (!cookie_header.empty()) {
    std::size_t semicolon = cookie_header.find(';');
    std::string_view pair = Trim(cookie_header.substr(0, semicolon));
    cookie_header = semicolon == std::string_view::npos ? std::string_view{}
                                                        : cookie_header.substr(semicolon + 1);
    std::size_t eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    if (Trim(pair.substr(0, eq)) == name) {
      std::string_view value = Trim(pair.substr(eq + 1));
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
        value = value.substr(1, value.size() - 2);
      }
      return std::string(value);
    }
  }
  return std::nullopt;
}

}  // namespace kangfu::security
