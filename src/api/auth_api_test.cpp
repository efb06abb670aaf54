#include "api/auth_api.hpp"

#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include "http/server.hpp"

namespace kangfu::api {
namespace {

namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using nlohmann::json;
using ClientResponse = bhttp::response<bhttp::string_body>;

constexpr const char* kPassword = "Kangfu-Admin-2026";

class AuthApiTest : public testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<storage::Store>> store = storage::OpenStore("sqlite::memory:");
    ASSERT_TRUE(store.ok());
    app::AuthPolicy policy;
    policy.argon2 = {.time_cost = 1, .memory_kib = 64, .parallelism = 1};
    backend_ = std::make_unique<Backend>(
        std::move(store).value(),
        [this] { return app::TimePoint(std::chrono::seconds(now_seconds_.load())); }, policy);
    app::NewAccount admin;
    admin.username = "sysadmin";
    admin.password = kPassword;
    ASSERT_TRUE(backend_->accounts().InitAdmin(admin).ok());

    http::Router router;
    api_ = std::make_unique<AuthApi>(*backend_, AuthApiOptions{.secure_cookies = false});
    ASSERT_TRUE(api_->AddRoutes(router).ok());
    http::ServerOptions options;
    options.port = 0;
    options.threads = 2;
    options.logger =
        std::make_shared<spdlog::logger>("test", std::make_shared<spdlog::sinks::null_sink_mt>());
    options.readiness = [this] { return backend_->Ready(); };
    server_ = std::make_unique<http::Server>(std::move(options), std::move(router));
    ASSERT_TRUE(server_->Start().ok());
  }

  void TearDown() override {
    if (server_) server_->Stop();
  }

  ClientResponse Send(bhttp::verb method, const std::string& target, const std::string& body = "",
                      const std::string& cookie = "", const std::string& csrf = "") {
    net::io_context ioc;
    tcp::socket socket(ioc);
    socket.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), server_->port()));
    bhttp::request<bhttp::string_body> request{method, target, 11};
    request.set(bhttp::field::host, "127.0.0.1");
    if (!body.empty()) request.set(bhttp::field::content_type, "application/json");
    if (!cookie.empty()) request.set(bhttp::field::cookie, cookie);
    if (!csrf.empty()) request.set("X-CSRF-Token", csrf);
    request.body() = body;
    request.prepare_payload();
    bhttp::write(socket, request);
    boost::beast::flat_buffer buffer;
    ClientResponse response;
    bhttp::read(socket, buffer, response);
    return response;
  }

  ClientResponse Login(const std::string& password) {
    return Send(bhttp::verb::post, "/api/v1/auth/login",
                json{{"username", "sysadmin"}, {"password", password}}.dump());
  }

  static std::string Code(const ClientResponse& response) {
    return json::parse(response.body()).value("code", "");
  }

  // "kangfu_session=<id>" from a login response.
  static std::string CookieOf(const ClientResponse& response) {
    std::string header(response[bhttp::field::set_cookie]);
    return header.substr(0, header.find(';'));
  }

  std::atomic<int64_t> now_seconds_{1'795'766'400};  // 2026-11-27T08:00:00Z
  std::unique_ptr<Backend> backend_;
  std::unique_ptr<AuthApi> api_;
  std::unique_ptr<http::Server> server_;
};

TEST_F(AuthApiTest, LoginSetsAStrictHttpOnlyCookieAndMeAnswers) {
  ClientResponse login = Login(kPassword);
  ASSERT_EQ(login.result_int(), 200) << login.body();
  const std::string set_cookie(login[bhttp::field::set_cookie]);
  EXPECT_NE(set_cookie.find("; HttpOnly"), std::string::npos) << set_cookie;
  EXPECT_NE(set_cookie.find("; SameSite=Strict"), std::string::npos) << set_cookie;
  json body = json::parse(login.body());
  EXPECT_EQ(body["account"]["username"], "sysadmin");
  EXPECT_EQ(body["account"]["roles"][0]["code"], "sysadmin");
  EXPECT_EQ(body["account"]["roles"][0]["label"], "系统管理员");
  const std::string csrf = body["csrf_token"];
  EXPECT_EQ(csrf.size(), 64U);

  ClientResponse me = Send(bhttp::verb::get, "/api/v1/auth/me", "", CookieOf(login));
  ASSERT_EQ(me.result_int(), 200) << me.body();
  EXPECT_EQ(json::parse(me.body())["csrf_token"], csrf);
  ClientResponse accounts = Send(bhttp::verb::get, "/api/v1/accounts", "", CookieOf(login));
  ASSERT_EQ(accounts.result_int(), 200) << accounts.body();
  EXPECT_EQ(json::parse(accounts.body())["items"].size(), 1U);
  EXPECT_EQ(Send(bhttp::verb::get, "/readyz").result_int(), 200);
}

TEST_F(AuthApiTest, WrongPasswordIs401AndTheFifthLocks) {
  for (int i = 1; i <= 4; ++i) {
    ClientResponse wrong = Login("Wrong-Pass-2026");
    EXPECT_EQ(wrong.result_int(), 401) << i;
    EXPECT_EQ(Code(wrong), "auth.bad_credentials");
    EXPECT_EQ(json::parse(wrong.body())["errors"][0]["field"], "password");
  }
  ClientResponse locked = Login("Wrong-Pass-2026");
  EXPECT_EQ(locked.result_int(), 429);
  EXPECT_EQ(Code(locked), "auth.locked");
  EXPECT_EQ(json::parse(locked.body())["detail"],
            "密码连续错误5次，账号已锁定至 2026年11月27日 16:15（北京时间），"
            "请届时再试或联系系统管理员");
  EXPECT_EQ(Login(kPassword).result_int(), 429);
  now_seconds_ += int64_t{15} * 60;
  EXPECT_EQ(Login(kPassword).result_int(), 200);
}

TEST_F(AuthApiTest, NoSessionIs401) {
  for (const char* target : {"/api/v1/auth/me", "/api/v1/accounts"}) {
    ClientResponse response = Send(bhttp::verb::get, target);
    EXPECT_EQ(response.result_int(), 401) << target;
    EXPECT_EQ(Code(response), "session.invalid") << target;
  }
  ClientResponse forged = Send(bhttp::verb::get, "/api/v1/auth/me", "", "kangfu_session=abc");
  EXPECT_EQ(forged.result_int(), 401);
}

TEST_F(AuthApiTest, StateChangesNeedTheCsrfToken) {
  ClientResponse login = Login(kPassword);
  ASSERT_EQ(login.result_int(), 200);
  const std::string cookie = CookieOf(login);
  const std::string csrf = json::parse(login.body())["csrf_token"];
  const std::string new_account =
      json{{"username", "clerk"}, {"password", "Strong-Pass-2026"}}.dump();

  ClientResponse missing = Send(bhttp::verb::post, "/api/v1/accounts", new_account, cookie);
  EXPECT_EQ(missing.result_int(), 403);
  EXPECT_EQ(Code(missing), "auth.csrf");
  ClientResponse wrong =
      Send(bhttp::verb::post, "/api/v1/accounts", new_account, cookie, std::string(64, 'a'));
  EXPECT_EQ(wrong.result_int(), 403);
  ClientResponse created = Send(bhttp::verb::post, "/api/v1/accounts", new_account, cookie, csrf);
  EXPECT_EQ(created.result_int(), 201) << created.body();
  EXPECT_EQ(json::parse(created.body())["username"], "clerk");
  ClientResponse weak = Send(bhttp::verb::post, "/api/v1/accounts",
                             json{{"username", "x2"}, {"password", "abc"}}.dump(), cookie, csrf);
  EXPECT_EQ(weak.result_int(), 400);
  EXPECT_EQ(Code(weak), "password.too_short");
  // The system administrator may not grant roles.
  ClientResponse grant =
      Send(bhttp::verb::put, "/api/v1/accounts/2/grants",
           json{{"roles", {"leader"}}, {"jurisdiction_org", 0}}.dump(), cookie, csrf);
  EXPECT_EQ(grant.result_int(), 403);
  EXPECT_EQ(Code(grant), "auth.forbidden");

  EXPECT_EQ(Send(bhttp::verb::post, "/api/v1/auth/logout", "", cookie).result_int(), 403);
  ClientResponse logout = Send(bhttp::verb::post, "/api/v1/auth/logout", "", cookie, csrf);
  EXPECT_EQ(logout.result_int(), 204);
  EXPECT_NE(std::string(logout[bhttp::field::set_cookie]).find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(Send(bhttp::verb::get, "/api/v1/auth/me", "", cookie).result_int(), 401);
}

}  // namespace
}  // namespace kangfu::api
