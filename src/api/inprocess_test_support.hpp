#ifndef KANGFU_API_INPROCESS_TEST_SUPPORT_HPP_
#define KANGFU_API_INPROCESS_TEST_SUPPORT_HPP_

// For the API module tests that drive their routes in process: through the router and
// AuthApi::Protect (session cookie and CSRF checked as in production) without a socket. The
// loopback server itself is covered by api_test_support.hpp's tests.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "api/auth_api.hpp"
#include "core/status.hpp"
#include "domain/date.hpp"
#include "domain/id_number.hpp"
#include "http/message.hpp"
#include "http/router.hpp"

namespace kangfu::api::inprocess {

// A valid identity number born 1980-01-01 with sequence `seq` (0-999).
inline std::string IdNumber(int seq) {
  std::string first17 = "11010119800101";
  std::string digits = std::to_string(seq);
  first17 += std::string(3 - digits.size(), '0') + digits;
  return first17 + *domain::IdNumberCheckChar(first17);
}

inline domain::Date D(const char* text) { return domain::Date::Parse(text).value(); }

struct Session {
  std::string cookie;  // "kangfu_session=…"
  std::string csrf;
};

struct Reply {
  Status status;  // the handler's error, OK when it answered
  int code = 0;
  nlohmann::json body;  // parsed when the answer is JSON
  std::string raw;      // the body as sent
  std::string content_type;
};

// Logs `username` in through the accounts use case: the session's cookie and CSRF token (empty,
// with a test failure, when the login is refused).
inline Session LogIn(Backend& backend, const std::string& username, const char* password) {
  auto login = backend.accounts().Login(username, password, {});
  EXPECT_TRUE(login.ok()) << username << ": " << login.status().ToString();
  if (!login.ok()) return {};
  return {"kangfu_session=" + login->session_id, login->csrf_token};
}

// One request through `router`. A non-null `body` (or a non-empty `raw_body`) is sent as
// `content_type`; the session's cookie and CSRF token go along when present.
inline Reply Call(const http::Router& router, const std::string& method, const std::string& target,
                  const nlohmann::json& body, const Session& session,
                  const std::string& raw_body = {},
                  const std::string& content_type = "application/json") {
  http::Request request;
  request.method = method;
  request.target = target;
  const std::size_t q = target.find('?');
  request.path = target.substr(0, q);
  request.query = q == std::string::npos ? "" : target.substr(q + 1);
  if (!session.cookie.empty()) request.headers.emplace_back("cookie", session.cookie);
  if (!session.csrf.empty()) request.headers.emplace_back("x-csrf-token", session.csrf);
  if (!body.is_null() || !raw_body.empty()) {
    request.headers.emplace_back("content-type", content_type);
    request.body = raw_body.empty() ? body.dump() : raw_body;
  }
  http::RouteMatch match = router.Match(method, request.path);
  EXPECT_EQ(match.kind, http::RouteMatch::Kind::kFound) << method << " " << target;
  if (match.kind != http::RouteMatch::Kind::kFound) return {};
  request.params = match.params;
  Result<http::Response> response = (*match.handler)(request);
  Reply reply;
  if (!response.ok()) {
    reply.status = response.status();
    return reply;
  }
  reply.code = response->status;
  reply.raw = response->body;
  reply.content_type = std::string(response->Header("content-type"));
  if (reply.content_type.starts_with("application/json")) {
    reply.body = nlohmann::json::parse(reply.raw);
  }
  return reply;
}

}  // namespace kangfu::api::inprocess

#endif  // KANGFU_API_INPROCESS_TEST_SUPPORT_HPP_
