#ifndef KANGFU_API_API_TEST_SUPPORT_HPP_
#define KANGFU_API_API_TEST_SUPPORT_HPP_

// A loopback world for the /api/v1 tests: a real server on an ephemeral port serving exactly the
// production router (BuildApiRouter) over an in-memory SQLite store, a small organisation tree,
// two persons, and accounts of any role logged in through the real login route.
//
//   省纪委监委 (province) ─ 甲市 (city A) ─ 甲市财政局 (unit A1): 张三 (person_a_)
//                        └ 乙市 (city B) ─ 乙市交通局 (unit B1): 李四 (person_b_)

#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api/api_routes.hpp"
#include "domain/id_number.hpp"
#include "http/server.hpp"
#include "security/password.hpp"

namespace kangfu::api::testing {

namespace bhttp = boost::beast::http;
using nlohmann::json;
using ClientResponse = bhttp::response<bhttp::string_body>;

inline constexpr const char* kTestPassword = "Kangfu-Test-2026";

// A valid identity number born 1980-01-01 with sequence `seq` (0-999).
inline std::string IdNumber(int seq) {
  std::string first17 = "11010119800101";
  std::string digits = std::to_string(seq);
  first17 += std::string(3 - digits.size(), '0') + digits;
  return first17 + *domain::IdNumberCheckChar(first17);
}

struct Session {
  std::string cookie;  // "kangfu_session=…"
  std::string csrf;
};

class ApiWorld : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<storage::Store>> store = storage::OpenStore("sqlite::memory:");
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    app::AuthPolicy policy;
    policy.argon2 = kCheapArgon2;
    backend_ = std::make_unique<Backend>(
        std::move(store).value(),
        [this] { return app::TimePoint(std::chrono::seconds(now_seconds_.load())); }, policy);
    province_ = AddOrg(0, "省纪委监委", storage::OrgLevel::kProvince);
    city_a_ = AddOrg(province_.id, "甲市", storage::OrgLevel::kCity);
    unit_a1_ = AddOrg(city_a_.id, "甲市财政局", storage::OrgLevel::kUnit);
    city_b_ = AddOrg(province_.id, "乙市", storage::OrgLevel::kCity);
    unit_b1_ = AddOrg(city_b_.id, "乙市交通局", storage::OrgLevel::kUnit);
    person_a_ = AddPerson(1, "张三", unit_a1_.id);
    person_b_ = AddPerson(2, "李四", unit_b1_.id);

    ApiOptions api_options;
    api_options.auth.secure_cookies = false;
    Result<ApiRouter> api = BuildApiRouter(*backend_, api_options);
    ASSERT_TRUE(api.ok()) << api.status().ToString();
    api_ = std::move(api).value();
    routes_ = api_.router.Routes();
    http::ServerOptions options;
    options.port = 0;
    options.threads = 2;
    options.logger =
        std::make_shared<spdlog::logger>("test", std::make_shared<spdlog::sinks::null_sink_mt>());
    options.readiness = [this] { return backend_->Ready(); };
    server_ = std::make_unique<http::Server>(std::move(options), std::move(api_.router));
    ASSERT_TRUE(server_->Start().ok());
  }

  void TearDown() override {
    if (server_) server_->Stop();
  }

  storage::Organisation AddOrg(storage::RowId parent, const char* name, storage::OrgLevel level) {
    storage::Organisation org;
    org.parent_id = parent;
    org.name = name;
    org.level = level;
    Result<storage::Organisation> added = backend_->store().AddOrganisation(org);
    EXPECT_TRUE(added.ok()) << added.status().ToString();
    return added.ok() ? added.value() : storage::Organisation{};
  }

  storage::Person AddPerson(int seq, const char* name, storage::RowId unit) {
    storage::Person person;
    person.id_number = IdNumber(seq);
    person.name = name;
    person.unit_id = unit;
    person.party_member = true;
    Result<storage::Person> added = backend_->store().AddPerson(person);
    EXPECT_TRUE(added.ok()) << added.status().ToString();
    return added.ok() ? added.value() : storage::Person{};
  }

  // Stores an account with `roles` over `jurisdiction` (0: none) and logs it in.
  Session LoginAs(const std::string& username, const std::vector<app::Role>& roles,
                  storage::RowId jurisdiction) {
    storage::Account account;
    account.username = username;
    account.display_name = username;
    account.password_hash = security::HashPassword(kTestPassword, kCheapArgon2).value();
    for (app::Role role : roles) account.roles.emplace_back(app::RoleCode(role));
    account.jurisdiction_org = jurisdiction;
    account.password_changed_at = "2026-11-27T08:00:00Z";
    Result<storage::Account> added = backend_->store().AddAccount(account);
    EXPECT_TRUE(added.ok()) << added.status().ToString();
    ClientResponse login =
        Send(bhttp::verb::post, "/api/v1/auth/login",
             json{{"username", username}, {"password", kTestPassword}}.dump(), nullptr);
    EXPECT_EQ(login.result_int(), 200) << login.body();
    const std::string set_cookie(login[bhttp::field::set_cookie]);
    return {set_cookie.substr(0, set_cookie.find(';')),
            json::parse(login.body()).value("csrf_token", "")};
  }

  // One request over a fresh connection. With a session, its cookie is sent and, when `csrf`,
  // its CSRF token. A non-empty body is sent as `content_type`.
  ClientResponse Send(bhttp::verb method, const std::string& target, const std::string& body,
                      const Session* session, bool csrf = true,
                      const std::string& content_type = "application/json") {
    namespace net = boost::asio;
    net::io_context ioc;
    net::ip::tcp::socket socket(ioc);
    socket.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), server_->port()));
    bhttp::request<bhttp::string_body> request{method, target, 11};
    request.set(bhttp::field::host, "127.0.0.1");
    if (!body.empty()) request.set(bhttp::field::content_type, content_type);
    if (session != nullptr) {
      request.set(bhttp::field::cookie, session->cookie);
      if (csrf) request.set("X-CSRF-Token", session->csrf);
    }
    request.body() = body;
    request.prepare_payload();
    bhttp::write(socket, request);
    boost::beast::flat_buffer buffer;
    ClientResponse response;
    bhttp::read(socket, buffer, response);
    return response;
  }

  static json Body(const ClientResponse& response) {
    return json::parse(response.body(), nullptr, false);
  }
  static std::string Code(const ClientResponse& response) {
    json body = Body(response);
    return body.is_object() ? body.value("code", "") : "";
  }
  // The fields of a problem's `errors`, in order.
  static std::vector<std::string> Fields(const ClientResponse& response) {
    std::vector<std::string> fields;
    json body = Body(response);
    if (!body.is_object() || !body.contains("errors")) return fields;
    for (const json& error : body["errors"]) fields.push_back(error.value("field", ""));
    return fields;
  }

  // The number of audit entries with `action`.
  int64_t AuditCount(const std::string& action) {
    Result<std::vector<storage::AuditRecord>> all = backend_->store().ListAudit(0, 100000);
    EXPECT_TRUE(all.ok());
    int64_t count = 0;
    for (const storage::AuditRecord& record : all.value()) count += record.action == action;
    return count;
  }

  static constexpr security::Argon2Params kCheapArgon2 = {
      .time_cost = 1, .memory_kib = 64, .parallelism = 1, .salt_bytes = 16, .hash_bytes = 32};

  std::atomic<int64_t> now_seconds_{1'795'766'400};  // 2026-11-27T08:00:00Z, 16:00 in Beijing
  std::unique_ptr<Backend> backend_;
  ApiRouter api_;  // declared before the server: its modules outlive the server's handlers
  std::unique_ptr<http::Server> server_;
  std::vector<http::RouteInfo> routes_;
  storage::Organisation province_, city_a_, unit_a1_, city_b_, unit_b1_;
  storage::Person person_a_, person_b_;
};

}  // namespace kangfu::api::testing

#endif  // KANGFU_API_API_TEST_SUPPORT_HPP_
