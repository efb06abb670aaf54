#include "app/accounts.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "app/audit_log.hpp"

namespace kangfu::app {
namespace {

using std::chrono::minutes;

constexpr const char* kAdminPassword = "Kangfu-Admin-2026";
constexpr const char* kUserPassword = "Strong-Pass-2026";

NewAccount Named(std::string username, std::string password,
                 std::optional<Role> bootstrap_role = std::nullopt) {
  NewAccount account;
  account.username = std::move(username);
  account.password = std::move(password);
  account.bootstrap_role = bootstrap_role;
  return account;
}

class AccountsTest : public testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<storage::Store>> store = storage::OpenStore("sqlite::memory:");
    ASSERT_TRUE(store.ok());
    store_ = std::move(store).value();
    now_ = *ParseTimestamp("2026-11-27T08:00:00Z");
    Clock clock = [this] { return now_; };
    audit_ = std::make_unique<AuditLog>(*store_, clock);
    AuthPolicy policy;
    policy.argon2 = {.time_cost = 1, .memory_kib = 64, .parallelism = 1};
    accounts_ = std::make_unique<Accounts>(*store_, *audit_, clock, policy);
    Result<storage::Account> admin = accounts_->InitAdmin(Named("sysadmin", kAdminPassword));
    ASSERT_TRUE(admin.ok()) << admin.status().ToString();
    admin_ = LoginAs("sysadmin", kAdminPassword);
  }

  Actor LoginAs(const char* username, const char* password) {
    Result<LoginResult> login = accounts_->Login(username, password, {"10.0.0.8:4000", "r1"});
    EXPECT_TRUE(login.ok()) << login.status().ToString();
    return login.ok() ? login->actor : Actor{};
  }

  storage::Organisation AddOrg() {
    Result<storage::Organisation> org = store_->AddOrganisation(
        {.parent_id = 0, .name = "江州市", .level = storage::OrgLevel::kCity});
    EXPECT_TRUE(org.ok());
    return org.ok() ? *org : storage::Organisation{};
  }

  std::vector<storage::AuditRecord> AuditEntries() {
    Result<std::vector<storage::AuditRecord>> all = store_->ListAudit(0, 1000);
    EXPECT_TRUE(all.ok());
    return all.ok() ? *all : std::vector<storage::AuditRecord>{};
  }

  std::unique_ptr<storage::Store> store_;
  TimePoint now_;
  std::unique_ptr<AuditLog> audit_;
  std::unique_ptr<Accounts> accounts_;
  Actor admin_;
};

TEST_F(AccountsTest, InitAdminOnlyOnAnEmptyDatabase) {
  EXPECT_EQ(admin_.roles, std::vector<Role>{Role::kSysAdmin});
  Status again = accounts_->InitAdmin(Named("second", kAdminPassword)).status();
  EXPECT_EQ(again.code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(again.reason(), "admin.already_initialised");

  Result<std::unique_ptr<storage::Store>> fresh = storage::OpenStore("sqlite::memory:");
  ASSERT_TRUE(fresh.ok());
  AuditLog log(**fresh, FixedClock(now_));
  Accounts accounts(**fresh, log, FixedClock(now_));
  Status weak = accounts.InitAdmin(Named("root", "short")).status();
  EXPECT_EQ(weak.reason(), "password.too_short");
  EXPECT_EQ(weak.field(), "password");
}

TEST_F(AccountsTest, LoginOpensASessionKeptOnlyAsAHash) {
  Result<LoginResult> login = accounts_->Login("sysadmin", kAdminPassword, {"10.0.0.8:1", "r2"});
  ASSERT_TRUE(login.ok());
  EXPECT_EQ(login->session_id.size(), 64U);
  EXPECT_EQ(login->csrf_token.size(), 64U);
  EXPECT_EQ(store_->GetSession(login->session_id).status().reason(), "session.not_found");
  Result<storage::StoredSession> stored = store_->GetSession(SessionIdHash(login->session_id));
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->csrf_token, login->csrf_token);

  Result<AuthenticatedSession> session = accounts_->Authenticate(login->session_id, {"x", "r3"});
  ASSERT_TRUE(session.ok()) << session.status().ToString();
  EXPECT_EQ(session->actor.username, "sysadmin");
  EXPECT_EQ(session->actor.request_id, "r3");
  EXPECT_EQ(session->csrf_token, login->csrf_token);

  ASSERT_TRUE(accounts_->Logout(session->actor, login->session_id).ok());
  EXPECT_EQ(accounts_->Authenticate(login->session_id, {}).status().reason(), "session.invalid");
  EXPECT_EQ(accounts_->Authenticate("", {}).status().reason(), "session.invalid");

  std::vector<storage::AuditRecord> entries = AuditEntries();
  ASSERT_EQ(entries.size(), 4U);
  EXPECT_EQ(entries[0].action, "account.init_admin");
  EXPECT_EQ(entries[1].action, "auth.login");
  EXPECT_EQ(entries[1].remote_address, "10.0.0.8:4000");
  EXPECT_TRUE(entries[1].success);
  EXPECT_EQ(entries[3].action, "auth.logout");
}

TEST_F(AccountsTest, FiveFailuresLockForFifteenMinutes) {
  Status unknown = accounts_->Login("nobody", kAdminPassword, {}).status();
  EXPECT_EQ(unknown.code(), ErrorCode::kUnauthenticated);
  EXPECT_EQ(unknown.reason(), "auth.bad_credentials");
  EXPECT_EQ(unknown.message(), "用户名或密码错误，请核对后重新输入");
  for (int i = 1; i <= 4; ++i) {
    Status wrong = accounts_->Login("sysadmin", "Wrong-Pass-2026", {}).status();
    EXPECT_EQ(wrong.reason(), "auth.bad_credentials") << i;
    EXPECT_EQ(store_->FindAccountByUsername("sysadmin")->failed_logins, i);
  }
  Status fifth = accounts_->Login("sysadmin", "Wrong-Pass-2026", {}).status();
  EXPECT_EQ(fifth.code(), ErrorCode::kResourceExhausted);
  EXPECT_EQ(fifth.reason(), "auth.locked");
  EXPECT_EQ(fifth.field(), "username");
  EXPECT_EQ(fifth.message(),
            "密码连续错误5次，账号已锁定至 2026年11月27日 16:15（北京时间），"
            "请届时再试或联系系统管理员");
  now_ += minutes(14);
  Status still = accounts_->Login("sysadmin", kAdminPassword, {}).status();
  EXPECT_EQ(still.reason(), "auth.locked");
  EXPECT_EQ(still.message(),
            "连续登录失败次数过多，账号已锁定至 2026年11月27日 16:15（北京时间），"
            "请届时再试或联系系统管理员");
  now_ += minutes(1);
  ASSERT_TRUE(accounts_->Login("sysadmin", kAdminPassword, {}).ok());
  EXPECT_EQ(store_->FindAccountByUsername("sysadmin")->locked_until, "");

  int failures = 0;
  for (const storage::AuditRecord& entry : AuditEntries()) {
    if (entry.action == "auth.login" && !entry.success) ++failures;
  }
  EXPECT_EQ(failures, 7);  // unknown user, 5 wrong passwords, 1 while locked
  EXPECT_TRUE(VerifyAuditLog(*store_)->report.ok());
}

TEST_F(AccountsTest, SessionsEndWhenIdleOrTooOld) {
  Result<LoginResult> login = accounts_->Login("sysadmin", kAdminPassword, {});
  ASSERT_TRUE(login.ok());
  now_ += minutes(29);
  EXPECT_TRUE(accounts_->Authenticate(login->session_id, {}).ok());
  now_ += minutes(30);
  Status idle = accounts_->Authenticate(login->session_id, {}).status();
  EXPECT_EQ(idle.code(), ErrorCode::kUnauthenticated);
  EXPECT_EQ(idle.reason(), "session.expired");

  Result<LoginResult> second = accounts_->Login("sysadmin", kAdminPassword, {});
  ASSERT_TRUE(second.ok());
  for (int i = 0; i < 23; ++i) {  // 23 × 20 min = 7 h 40 min, always within the idle limit
    now_ += minutes(20);
    ASSERT_TRUE(accounts_->Authenticate(second->session_id, {}).ok()) << i;
  }
  now_ += minutes(20);
  EXPECT_EQ(accounts_->Authenticate(second->session_id, {}).status().reason(), "session.expired");
}

TEST_F(AccountsTest, PruningRemovesOnlyExpiredSessions) {
  Result<LoginResult> login = accounts_->Login("sysadmin", kAdminPassword, {});
  ASSERT_TRUE(login.ok());
  now_ += minutes(29);
  EXPECT_EQ(*accounts_->PruneSessions(), 0);
  ASSERT_TRUE(accounts_->Authenticate(login->session_id, {}).ok());  // seen at 29 min
  now_ += minutes(31);
  // The SetUp session (last seen at 0) is idle; the other was seen 31 minutes ago: both go.
  EXPECT_EQ(*accounts_->PruneSessions(), 2);
  EXPECT_EQ(store_->GetSession(SessionIdHash(login->session_id)).status().reason(),
            "session.not_found");
  Result<LoginResult> fresh = accounts_->Login("sysadmin", kAdminPassword, {});
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(*accounts_->PruneSessions(), 0);
  EXPECT_TRUE(store_->GetSession(SessionIdHash(fresh->session_id)).ok());
}

TEST_F(AccountsTest, SeparationOfDuties) {
  const storage::Organisation city = AddOrg();
  Result<storage::Account> security =
      accounts_->Create(admin_, Named("anquan", kUserPassword, Role::kSecurityAdmin));
  ASSERT_TRUE(security.ok()) << security.status().ToString();
  EXPECT_EQ(security->roles, std::vector<std::string>{"security_admin"});
  EXPECT_EQ(accounts_->Create(admin_, Named("anquan2", kUserPassword, Role::kSecurityAdmin))
                .status()
                .reason(),
            "account.bootstrap_done");
  EXPECT_EQ(
      accounts_->Create(admin_, Named("boss", kUserPassword, Role::kLeader)).status().reason(),
      "account.bootstrap_role");
  Result<storage::Account> clerk = accounts_->Create(admin_, Named("clerk", kUserPassword));
  ASSERT_TRUE(clerk.ok());
  EXPECT_TRUE(clerk->roles.empty());

  // The system administrator cannot grant; the security administrator cannot create.
  Status admin_grants = accounts_->Grant(admin_, clerk->id, {Role::kCaseManager}, city.id).status();
  EXPECT_EQ(admin_grants.code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(admin_grants.reason(), "auth.forbidden");
  Actor security_actor = LoginAs("anquan", kUserPassword);
  Status security_creates = accounts_->Create(security_actor, Named("x1", kUserPassword)).status();
  EXPECT_EQ(security_creates.reason(), "auth.forbidden");

  Status two_admins =
      accounts_->Grant(security_actor, clerk->id, {Role::kSysAdmin, Role::kAuditor}, 0).status();
  EXPECT_EQ(two_admins.reason(), "account.roles_conflict");
  EXPECT_EQ(two_admins.field(), "roles");
  Status no_jurisdiction =
      accounts_->Grant(security_actor, clerk->id, {Role::kCaseManager}, 0).status();
  EXPECT_EQ(no_jurisdiction.reason(), "account.jurisdiction_required");
  EXPECT_EQ(accounts_->Grant(security_actor, security->id, {Role::kAuditor}, 0).status().reason(),
            "account.self");

  Result<storage::Account> granted =
      accounts_->Grant(security_actor, clerk->id, {Role::kCaseManager, Role::kVisitor}, city.id);
  ASSERT_TRUE(granted.ok()) << granted.status().ToString();
  EXPECT_EQ(granted->roles, (std::vector<std::string>{"case_manager", "visitor"}));
  const storage::AuditRecord last = **store_->LastAudit();
  EXPECT_EQ(last.action, "account.grant");
  EXPECT_EQ(last.actor_username, "anquan");
  EXPECT_EQ(last.before_json,
            R"({"disabled":false,"display_name":"clerk","id":3,"jurisdiction_org":0,)"
            R"("roles":[],"username":"clerk"})");
  EXPECT_EQ(last.after_json,
            R"({"disabled":false,"display_name":"clerk","id":3,"jurisdiction_org":1,)"
            R"("roles":["case_manager","visitor"],"username":"clerk"})");
  Actor clerk_actor = LoginAs("clerk", kUserPassword);
  EXPECT_EQ(clerk_actor.jurisdiction_path, "/1/");
  EXPECT_EQ(accounts_->List(clerk_actor).status().reason(), "auth.forbidden");
  // The 安全保密管理员 lists the accounts it grants to (without their password hashes).
  Result<std::vector<storage::Account>> listed = accounts_->List(security_actor);
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  EXPECT_EQ(listed->size(), 3U);
  for (const storage::Account& account : *listed) EXPECT_TRUE(account.password_hash.empty());
}

TEST_F(AccountsTest, DisablingEndsSessionsAndBlocksLogin) {
  Result<storage::Account> clerk = accounts_->Create(admin_, Named("clerk", kUserPassword));
  ASSERT_TRUE(clerk.ok());
  Result<LoginResult> login = accounts_->Login("clerk", kUserPassword, {});
  ASSERT_TRUE(login.ok());
  EXPECT_EQ(accounts_->SetDisabled(admin_, admin_.account_id, true).status().reason(),
            "account.self");
  ASSERT_TRUE(accounts_->SetDisabled(admin_, clerk->id, true).ok());
  EXPECT_EQ(accounts_->Authenticate(login->session_id, {}).status().reason(), "session.invalid");
  Status disabled = accounts_->Login("clerk", kUserPassword, {}).status();
  EXPECT_EQ(disabled.code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(disabled.reason(), "auth.disabled");
  // A wrong password on a disabled account still says only "wrong".
  EXPECT_EQ(accounts_->Login("clerk", "Wrong-Pass-2026", {}).status().reason(),
            "auth.bad_credentials");

  ASSERT_TRUE(accounts_->SetDisabled(admin_, clerk->id, false).ok());
  EXPECT_EQ(accounts_->ResetPassword(admin_, clerk->id, "abc").status().reason(),
            "password.too_short");
  ASSERT_TRUE(accounts_->ResetPassword(admin_, clerk->id, "Another-Pass-2027").ok());
  EXPECT_EQ(accounts_->Login("clerk", kUserPassword, {}).status().reason(), "auth.bad_credentials");
  EXPECT_TRUE(accounts_->Login("clerk", "Another-Pass-2027", {}).ok());
  EXPECT_EQ(accounts_->SetDisabled(admin_, 99, true).status().reason(), "account.not_found");
}

// Sessions answered from memory (AuthPolicy::session_recheck) end as soon as this process ends
// them: logout, disabling, a password reset; a grant shows in the next request's actor.
TEST_F(AccountsTest, CachedSessionsEndAtOnce) {
  const storage::Organisation city = AddOrg();
  ASSERT_TRUE(accounts_->Create(admin_, Named("anquan", kUserPassword, Role::kSecurityAdmin)).ok());
  const Actor security = LoginAs("anquan", kUserPassword);
  enum class Change { kLogout, kDisable, kResetPassword, kGrant };
  struct Case {
    Change change;
    const char* username;
    const char* then;  // the reason of the next Authenticate, "" when it succeeds
  };
  const Case cases[] = {{Change::kLogout, "u1", "session.invalid"},
                        {Change::kDisable, "u2", "session.invalid"},
                        {Change::kResetPassword, "u3", "session.invalid"},
                        {Change::kGrant, "u4", ""}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.username);
    Result<storage::Account> account = accounts_->Create(admin_, Named(c.username, kUserPassword));
    ASSERT_TRUE(account.ok());
    Result<LoginResult> login = accounts_->Login(c.username, kUserPassword, {});
    ASSERT_TRUE(login.ok());
    Result<AuthenticatedSession> first = accounts_->Authenticate(login->session_id, {"a", "r1"});
    ASSERT_TRUE(first.ok()) << first.status().ToString();
    EXPECT_TRUE(first->actor.roles.empty());
    switch (c.change) {
      case Change::kLogout:
        ASSERT_TRUE(accounts_->Logout(first->actor, login->session_id).ok());
        break;
      case Change::kDisable:
        ASSERT_TRUE(accounts_->SetDisabled(admin_, account->id, true).ok());
        break;
      case Change::kResetPassword:
        ASSERT_TRUE(accounts_->ResetPassword(admin_, account->id, "Another-Pass-2027").ok());
        break;
      case Change::kGrant:
        ASSERT_TRUE(accounts_->Grant(security, account->id, {Role::kCaseManager}, city.id).ok());
        break;
    }
    Result<AuthenticatedSession> next = accounts_->Authenticate(login->session_id, {"b", "r2"});
    if (std::string(c.then).empty()) {
      ASSERT_TRUE(next.ok()) << next.status().ToString();
      EXPECT_EQ(next->actor.roles, std::vector<Role>{Role::kCaseManager});
      EXPECT_EQ(next->actor.jurisdiction_path, "/1/");
    } else {
      EXPECT_EQ(next.status().code(), ErrorCode::kUnauthenticated);
      EXPECT_EQ(next.status().reason(), c.then);
    }
  }
}

// Another process ending a session (here: the store directly) is seen once the cached copy is
// older than session_recheck (5 s); each answer carries its own request's origin.
TEST_F(AccountsTest, CachedSessionsAreRecheckedAgainstTheDatabase) {
  Result<LoginResult> login = accounts_->Login("sysadmin", kAdminPassword, {});
  ASSERT_TRUE(login.ok());
  ASSERT_TRUE(accounts_->Authenticate(login->session_id, {"10.0.0.1:1", "r1"}).ok());
  ASSERT_TRUE(store_->RemoveSession(SessionIdHash(login->session_id)).ok());
  now_ += std::chrono::seconds(4);
  Result<AuthenticatedSession> cached =
      accounts_->Authenticate(login->session_id, {"10.0.0.2:2", "r2"});
  ASSERT_TRUE(cached.ok()) << cached.status().ToString();
  EXPECT_EQ(cached->actor.username, "sysadmin");
  EXPECT_EQ(cached->actor.remote_address, "10.0.0.2:2");
  EXPECT_EQ(cached->actor.request_id, "r2");
  EXPECT_EQ(cached->csrf_token, login->csrf_token);
  now_ += std::chrono::seconds(1);
  EXPECT_EQ(accounts_->Authenticate(login->session_id, {}).status().reason(), "session.invalid");
}

// Answers from memory still restart the idle clock and respect both limits.
TEST_F(AccountsTest, CachedSessionsExpire) {
  AuthPolicy policy;
  policy.argon2 = {.time_cost = 1, .memory_kib = 64, .parallelism = 1};
  policy.session_recheck = std::chrono::hours(24);  // never reread: only memory decides
  Accounts accounts(
      *store_, *audit_, [this] { return now_; }, policy);
  Result<LoginResult> login = accounts.Login("sysadmin", kAdminPassword, {});
  ASSERT_TRUE(login.ok());
  const std::string id_hash = SessionIdHash(login->session_id);
  ASSERT_TRUE(accounts.Authenticate(login->session_id, {}).ok());
  now_ += std::chrono::seconds(59);
  ASSERT_TRUE(accounts.Authenticate(login->session_id, {}).ok());
  EXPECT_EQ(store_->GetSession(id_hash)->last_seen_at, "2026-11-27T08:00:00Z");  // not yet
  now_ += std::chrono::seconds(1);
  ASSERT_TRUE(accounts.Authenticate(login->session_id, {}).ok());
  EXPECT_EQ(store_->GetSession(id_hash)->last_seen_at, "2026-11-27T08:01:00Z");  // written behind
  now_ += minutes(30);
  Status idle = accounts.Authenticate(login->session_id, {}).status();
  EXPECT_EQ(idle.reason(), "session.expired");
  EXPECT_EQ(store_->GetSession(id_hash).status().reason(), "session.not_found");

  Result<LoginResult> second = accounts.Login("sysadmin", kAdminPassword, {});
  ASSERT_TRUE(second.ok());
  for (int i = 0; i < 23; ++i) {  // 23 × 20 min = 7 h 40 min, always within the idle limit
    now_ += minutes(20);
    ASSERT_TRUE(accounts.Authenticate(second->session_id, {}).ok()) << i;
  }
  now_ += minutes(20);
  EXPECT_EQ(accounts.Authenticate(second->session_id, {}).status().reason(), "session.expired");
}

}  // namespace
}  // namespace kangfu::app
