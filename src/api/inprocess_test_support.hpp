#ifndef KANGFU_API_INPROCESS_TEST_SUPPORT_HPP_
#define KANGFU_API_INPROCESS_TEST_SUPPORT_HPP_

// For the API module tests that drive their routes in process: through the router and
// AuthApi::Protect (session cookie and CSRF checked as in production) without a socket. The
// loopback server itself is covered by api_test_support.hpp's tests.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>

#include "api/auth_api.hpp"
#include "app/clock.hpp"
#include "core/status.hpp"
#include "domain/date.hpp"
#include "domain/id_number.hpp"
#include "http/message.hpp"
#include "http/router.hpp"
#include "security/password.hpp"
#include "storage/store.hpp"

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

// The world the API module tests share: an in-memory store behind a Backend with a fixed clock,
// the organisation tree 省纪委监委 > 甲市 > 甲市财政局 and 省纪委监委 > 乙市, the accounts a test
// adds, and the AuthApi and router its module's routes are added to. A test's SetUp calls
// SetUpWorld first, then adds its records and its API.
class ModuleTest : public testing::Test {
 protected:
  static constexpr const char* kPassword = "Kangfu-Test-2026";

  // `now` is the clock (seconds since the epoch); accounts' passwords were set on
  // `passwords_changed_at` (an ISO timestamp shortly before, so no password has expired).
  void SetUpWorld(int64_t now, std::string passwords_changed_at) {
    auto store = storage::OpenStore("sqlite::memory:");
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    app::AuthPolicy policy;
    policy.argon2 = kFastArgon2;
    clock_ = app::FixedClock(app::TimePoint(std::chrono::seconds(now)));
    backend_ = std::make_unique<Backend>(std::move(store).value(), clock_, policy);
    passwords_changed_at_ = std::move(passwords_changed_at);
    storage::Store& s = backend_->store();
    province_ = s.AddOrganisation(
                     {.parent_id = 0, .name = "省纪委监委", .level = storage::OrgLevel::kProvince})
                    .value();
    city_ = s.AddOrganisation(
                 {.parent_id = province_.id, .name = "甲市", .level = storage::OrgLevel::kCity})
                .value();
    unit_ = s.AddOrganisation(
                 {.parent_id = city_.id, .name = "甲市财政局", .level = storage::OrgLevel::kUnit})
                .value();
    other_ = s.AddOrganisation(
                  {.parent_id = province_.id, .name = "乙市", .level = storage::OrgLevel::kCity})
                 .value();
    auth_ = std::make_unique<AuthApi>(*backend_, AuthApiOptions{.secure_cookies = false});
  }

  // A party member in `unit` with a valid identity number (sequence `seq`).
  storage::Person AddPerson(int seq, const char* name, storage::RowId unit, const char* post = "",
                            bool leading_cadre = false) {
    storage::Person p;
    p.id_number = IdNumber(seq);
    p.name = name;
    p.unit_id = unit;
    p.post = post;
    p.party_member = true;
    p.leading_cadre = leading_cadre;
    return backend_->store().AddPerson(p).value();
  }

  // A case decided by 甲市 on `effective` with one measure of `kind` in force from that day;
  // the measure's id.
  storage::RowId AddMeasure(const storage::Person& person, const char* number, const char* kind,
                            const char* effective,
                            storage::Discipline discipline = storage::Case{}.discipline) {
    storage::Case c;
    c.person_id = person.id;
    c.organ_id = city_.id;
    c.decision_number = number;
    c.decision_date = D(effective);
    c.discipline = discipline;
    c.form = 2;
    storage::Case stored = backend_->store().AddCase(c).value();
    storage::Measure m;
    m.case_id = stored.id;
    m.kind = kind;
    m.effective = D(effective);
    Result<storage::Measure> added = backend_->store().AddMeasure(m);
    EXPECT_TRUE(added.ok()) << added.status().ToString();
    return added.ok() ? added->id : 0;
  }

  // An account `name` holding `role` over `org`, with the password kPassword.
  storage::RowId AddAccount(const std::string& name, const std::string& role, storage::RowId org,
                            const std::string& display_name = "") {
    storage::Account a;
    a.username = name;
    a.display_name = display_name;
    a.password_hash = security::HashPassword(kPassword, kFastArgon2).value();
    a.roles = {role};
    a.jurisdiction_org = org;
    a.password_changed_at = passwords_changed_at_;
    Result<storage::Account> added = backend_->store().AddAccount(a);
    EXPECT_TRUE(added.ok()) << name << ": " << added.status().ToString();
    return added.ok() ? added->id : 0;
  }

  // One account of each role over 甲市, named by the short names the matrices use ("cm",
  // "visitor", …, "auditor"), in accounts_.
  void AddAccountPerRole() {
    for (const auto& [name, role] :
         std::vector<std::pair<std::string, std::string>>{{"cm", "case_manager"},
                                                          {"visitor", "visitor"},
                                                          {"orgdept", "org_department"},
                                                          {"unit", "unit_committee"},
                                                          {"mentor", "mentor"},
                                                          {"leader", "leader"},
                                                          {"admin", "sysadmin"},
                                                          {"secadmin", "security_admin"},
                                                          {"auditor", "auditor"}}) {
      accounts_[name] = AddAccount(name, role, city_.id);
    }
  }

  // The account's session, logged in on first use and kept for the test (a login costs a hash).
  Session LogIn(const std::string& name) {
    auto found = sessions_.find(name);
    if (found != sessions_.end()) return found->second;
    Session session = inprocess::LogIn(*backend_, name, kPassword);
    sessions_[name] = session;
    return session;
  }

  Reply Call(const std::string& method, const std::string& target, const nlohmann::json& body,
             const Session& session, const std::string& raw_body = {},
             const std::string& content_type = "application/json") {
    return inprocess::Call(router_, method, target, body, session, raw_body, content_type);
  }

  // The audit entries with `action` (and, when given, that outcome).
  int64_t AuditCount(const std::string& action, std::optional<bool> success = std::nullopt) {
    auto all = backend_->store().ListAudit(0, 100000);
    EXPECT_TRUE(all.ok());
    int64_t count = 0;
    for (const storage::AuditRecord& record : all.value()) {
      count += record.action == action && (!success || record.success == *success);
    }
    return count;
  }

  // Cheap hashes: the tests log in often and do not test the hash.
  static constexpr security::Argon2Params kFastArgon2 = {
      .time_cost = 1, .memory_kib = 64, .parallelism = 1};

  app::Clock clock_;
  std::unique_ptr<Backend> backend_;
  std::unique_ptr<AuthApi> auth_;
  http::Router router_;
  storage::Organisation province_, city_, unit_, other_;
  std::map<std::string, storage::RowId> accounts_;
  std::map<std::string, Session> sessions_;
  std::string passwords_changed_at_;
};

}  // namespace kangfu::api::inprocess

#endif  // KANGFU_API_INPROCESS_TEST_SUPPORT_HPP_
