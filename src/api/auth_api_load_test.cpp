// The authentication middleware under concurrent requests and its session cache over HTTP: every
// status read is audited on one intact chain, and logout or disabling ends a session that was
// just answered from memory.

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "api/api_test_support.hpp"
#include "app/audit_log.hpp"

namespace kangfu::api {
namespace {

using testing::ApiWorld;
using testing::ClientResponse;
using testing::Session;
using testing::bhttp::verb;

class AuthApiLoadTest : public ApiWorld {};

TEST_F(AuthApiLoadTest, ConcurrentStatusReadsAreEachAuditedOnOneIntactChain) {
  const Session manager = LoginAs("cm_a", {app::Role::kCaseManager}, city_a_.id);
  const std::string target =
      "/api/v1/persons/" + std::to_string(person_a_.id) + "/status?action=promote";
  const int64_t before = AuditCount("person.status");
  constexpr int kClients = 4;
  constexpr int kRequests = 25;
  std::atomic<int> answered{0};
  std::vector<std::thread> clients;
  clients.reserve(kClients);
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&] {
      for (int i = 0; i < kRequests; ++i) {
        if (Send(verb::get, target, "", &manager).result_int() == 200) ++answered;
      }
    });
  }
  for (std::thread& client : clients) client.join();
  EXPECT_EQ(answered.load(), kClients * kRequests);
  EXPECT_EQ(AuditCount("person.status") - before, kClients * kRequests);
  Result<app::AuditVerification> verified = app::VerifyAuditLog(backend_->store());
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  EXPECT_TRUE(verified->report.ok()) << verified->report.message;
  Result<std::vector<storage::AuditRecord>> all = backend_->store().ListAudit(0, 100000);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(verified->entries, static_cast<int64_t>(all->size()));
  ASSERT_TRUE(verified->last.has_value());
  EXPECT_EQ(verified->last->seq, static_cast<int64_t>(all->size()));
}

TEST_F(AuthApiLoadTest, LogoutAndDisablingEndACachedSessionAtOnce) {
  const Session admin = LoginAs("admin", {app::Role::kSysAdmin}, 0);
  const Session leaving = LoginAs("cm_a", {app::Role::kCaseManager}, city_a_.id);
  const Session disabled = LoginAs("cm_b", {app::Role::kCaseManager}, city_a_.id);
  const std::string target =
      "/api/v1/persons/" + std::to_string(person_a_.id) + "/status?action=promote";

  ASSERT_EQ(Send(verb::get, target, "", &leaving).result_int(), 200);
  ASSERT_EQ(Send(verb::post, "/api/v1/auth/logout", "", &leaving).result_int(), 204);
  ClientResponse after_logout = Send(verb::get, target, "", &leaving);
  EXPECT_EQ(after_logout.result_int(), 401);
  EXPECT_EQ(Code(after_logout), "session.invalid");

  ASSERT_EQ(Send(verb::get, target, "", &disabled).result_int(), 200);
  const storage::RowId id = backend_->store().FindAccountByUsername("cm_b")->id;
  ASSERT_EQ(Send(verb::post, "/api/v1/accounts/" + std::to_string(id) + "/disable", "", &admin)
                .result_int(),
            200);
  ClientResponse after_disable = Send(verb::get, target, "", &disabled);
  EXPECT_EQ(after_disable.result_int(), 401);
  EXPECT_EQ(Code(after_disable), "session.invalid");
}

}  // namespace
}  // namespace kangfu::api
