#include "app/demo_accounts.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <string>

#include "app/audit_log.hpp"

namespace kangfu::app {
namespace {

class DemoAccountsTest : public testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<storage::Store>> store = storage::OpenStore("sqlite::memory:");
    ASSERT_TRUE(store.ok());
    store_ = std::move(store).value();
    Clock clock = [] { return *ParseTimestamp("2026-11-27T08:00:00Z"); };
    audit_ = std::make_unique<AuditLog>(*store_, clock);
    AuthPolicy policy;
    policy.argon2 = {.time_cost = 1, .memory_kib = 64, .parallelism = 1};
    accounts_ = std::make_unique<Accounts>(*store_, *audit_, clock, policy);
    Result<storage::Organisation> city = store_->AddOrganisation(
        {.parent_id = 0, .name = "江州市", .level = storage::OrgLevel::kCity});
    ASSERT_TRUE(city.ok());
    Result<storage::Organisation> unit = store_->AddOrganisation(
        {.parent_id = city->id, .name = "江州市财政局", .level = storage::OrgLevel::kUnit});
    ASSERT_TRUE(unit.ok());
    city_ = *city;
    unit_ = *unit;
  }

  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<AuditLog> audit_;
  std::unique_ptr<Accounts> accounts_;
  storage::Organisation city_;
  storage::Organisation unit_;
};

TEST_F(DemoAccountsTest, OneAccountPerRoleEachLogsInWithItsRoleAndJurisdiction) {
  Result<std::vector<DemoAccount>> created =
      CreateDemoAccounts(*accounts_, *store_, city_.id, unit_.id);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  ASSERT_EQ(created->size(), kRoleCount);
  std::set<Role> roles;
  for (const DemoAccount& account : *created) {
    roles.insert(account.spec.role);
    Result<LoginResult> login =
        accounts_->Login(account.spec.username, kDemoPassword, {"127.0.0.1:1", "t"});
    ASSERT_TRUE(login.ok()) << account.spec.username << " " << login.status().ToString();
    EXPECT_EQ(login->actor.roles, std::vector<Role>{account.spec.role}) << account.spec.username;
    const int64_t want_org = account.spec.scope == DemoScope::kCity   ? city_.id
                             : account.spec.scope == DemoScope::kUnit ? unit_.id
                                                                      : 0;
    EXPECT_EQ(login->actor.jurisdiction_org, want_org) << account.spec.username;
    EXPECT_EQ(account.jurisdiction_org, want_org) << account.spec.username;
    EXPECT_EQ(account.jurisdiction_name, want_org == city_.id   ? "江州市"
                                         : want_org == unit_.id ? "江州市财政局"
                                                                : "")
        << account.spec.username;
  }
  EXPECT_EQ(roles.size(), kRoleCount);

  // Every step went through the audited account work, and no session was left open.
  Result<std::vector<storage::AuditRecord>> audit = store_->ListAudit(0, 1000);
  ASSERT_TRUE(audit.ok());
  int grants = 0;
  for (const storage::AuditRecord& record : *audit) grants += record.action == "account.grant";
  EXPECT_EQ(grants, 6);

  Result<std::vector<DemoAccount>> found = FindDemoAccounts(*store_);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), kRoleCount);
  EXPECT_EQ(found->front().spec.username, "anguan");
  EXPECT_EQ(found->front().jurisdiction_name, "江州市");
}

TEST_F(DemoAccountsTest, RefusedOnADatabaseThatAlreadyHasAccounts) {
  ASSERT_TRUE(accounts_
                  ->InitAdmin({.username = "root",
                               .display_name = "管理员",
                               .password = "Kangfu-Admin-2026",
                               .bootstrap_role = std::nullopt})
                  .ok());
  Result<std::vector<DemoAccount>> created =
      CreateDemoAccounts(*accounts_, *store_, city_.id, unit_.id);
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.status().reason(), "admin.already_initialised");
  Result<std::vector<DemoAccount>> found = FindDemoAccounts(*store_);
  ASSERT_TRUE(found.ok());
  EXPECT_TRUE(found->empty());
}

}  // namespace
}  // namespace kangfu::app
