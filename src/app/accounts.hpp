#ifndef KANGFU_APP_ACCOUNTS_HPP_
#define KANGFU_APP_ACCOUNTS_HPP_

// Accounts and authentication: the first administrator, login with lockout, server-side sessions
// kept in the database, and the administrators' account work under separation of duties
// (三员分立):
//   - 系统管理员 (kManageAccounts) creates, disables, enables accounts and resets passwords; it
//     never grants roles or jurisdictions;
//   - 安全保密管理员 (kGrantRoles) grants roles and jurisdictions; it never creates accounts;
//   - no account ever holds two of 系统管理员 / 安全保密管理员 / 安全审计员;
//   - nobody changes their own roles.
// Bootstrap: `admin init` creates the first 系统管理员. It may then create ONE account for each
// of the other two administrator roles while nobody holds that role yet (otherwise nobody could
// ever grant anything); every later role comes from the 安全保密管理员.
// Every login (success or failure), logout and account or permission change is audited, with the
// account before and after as JSON.

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "app/actor.hpp"
#include "app/audit_sink.hpp"
#include "app/clock.hpp"
#include "security/password.hpp"
#include "storage/store.hpp"

namespace kangfu::app {

struct AuthPolicy {
  int max_failures = 5;                         // the 5th consecutive failure locks
  std::chrono::seconds lock_duration{15 * 60};  // for 15 minutes
  std::chrono::seconds idle_timeout{30 * 60};
  std::chrono::seconds absolute_timeout{8 * 60 * 60};
  // last_seen_at is written at most this often (not on every request).
  std::chrono::seconds touch_interval{60};
  // A session read from the database is kept in memory and trusted this long before it is read
  // again (0: no cache). Logout, disabling, password resets and grants made through this object
  // drop the affected sessions at once; the interval bounds only how long a change made by
  // ANOTHER process on the same database (a second server, a restore) goes unseen here.
  std::chrono::seconds session_recheck{5};
  // At most this many sessions are kept in memory (when full, the cache starts over).
  std::size_t session_cache_limit = 10000;
  security::Argon2Params argon2;
};

struct NewAccount {
  std::string username;
  std::string display_name;
  std::string password;
  // Only for the bootstrap described above: kSecurityAdmin or kAuditor.
  std::optional<Role> bootstrap_role;
};

// Where a request comes from (for the audit log).
struct RequestOrigin {
  std::string remote_address;
  std::string request_id;
};

struct LoginResult {
  Actor actor;
  std::string session_id;  // for the cookie; only its SM3 hash is stored
  std::string csrf_token;
};

struct AuthenticatedSession {
  Actor actor;
  std::string csrf_token;
};

class Accounts {
 public:
  // `store` and `audit` must outlive this object. Not thread-safe (one Store is one connection).
  Accounts(storage::Store& store, AuditSink& audit, Clock clock, AuthPolicy policy = {});

  // Creates the first 系统管理员. kFailedPrecondition "admin.already_initialised" when any account
  // exists; password policy errors (field "password"); username errors as Store::AddAccount.
  Result<storage::Account> InitAdmin(const NewAccount& account);

  // Checks the password and opens a session. Errors (all audited):
  //   kUnauthenticated "auth.bad_credentials" (field password) for an unknown user or a wrong
  //     password (the same message for both);
  //   kResourceExhausted "auth.locked" (field username) while locked, saying until when (Beijing
  //     time); the max_failures-th consecutive failure locks for lock_duration;
  //   kPermissionDenied "auth.disabled" for a disabled account (only after a correct password).
  Result<LoginResult> Login(std::string_view username, std::string_view password,
                            const RequestOrigin& origin);

  // Resolves a session id (from the cookie) to its actor and CSRF token, restarting the idle
  // clock. kUnauthenticated "session.invalid" (unknown, or the account is disabled) or
  // "session.expired" (idle or past the absolute limit; the session is removed).
  // Answers from memory when the session was read from the database less than
  // policy.session_recheck ago (see AuthPolicy); the limits are checked on every call.
  Result<AuthenticatedSession> Authenticate(std::string_view session_id,
                                            const RequestOrigin& origin);

  // Removes the sessions past the idle or absolute limit (housekeeping: an expired session is
  // refused by Authenticate anyway; this keeps the table small). Returns how many; not audited,
  // since no one acted.
  Result<int64_t> PruneSessions();

  // Ends the session (unknown ids are ignored; the session is refused from now on even when the
  // database write fails) and audits it.
  Status Logout(const Actor& actor, std::string_view session_id);

  // Every account, without password hashes: for the 系统管理员 (kManageAccounts) and the
  // 安全保密管理员 (kGrantRoles, who must see whom to grant). kPermissionDenied "auth.forbidden"
  // (naming 管理账号) for anyone else.
  Result<std::vector<storage::Account>> List(const Actor& actor);
  Result<storage::Account> Create(const Actor& actor, const NewAccount& account);
  // Disabling also ends the account's sessions. kNotFound "account.not_found";
  // kFailedPrecondition "account.self" when the actor targets itself.
  Result<storage::Account> SetDisabled(const Actor& actor, storage::RowId id, bool disabled);
  // Sets a new password (policy enforced), clears the lockout and ends the account's sessions.
  Result<storage::Account> ResetPassword(const Actor& actor, storage::RowId id,
                                         std::string_view password);

  // 安全保密管理员 only. Replaces the account's roles and jurisdiction. Errors:
  //   kInvalidArgument "account.roles_conflict" (field roles) for two administrator roles;
  //   kInvalidArgument "account.jurisdiction_required" (field jurisdiction_org) when a business
  //     role is granted without a jurisdiction; kNotFound "organisation.not_found";
  //   kFailedPrecondition "account.self" for the actor's own account.
  Result<storage::Account> Grant(const Actor& actor, storage::RowId id,
                                 const std::vector<Role>& roles, storage::RowId jurisdiction_org);

 private:
  // A session as last read from the database, with its actor (no origin) resolved.
  struct CachedSession {
    std::string id_hash;
    Actor actor;
    std::string csrf_token;
    TimePoint created;
    TimePoint last_seen;    // restarted by every request answered from memory
    TimePoint stored_seen;  // last_seen_at as written in the database
    TimePoint loaded;       // when read from the database
  };
  // Transparent hashing: lookups by the cookie's string_view allocate nothing.
  struct IdHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view id) const { return std::hash<std::string_view>{}(id); }
  };

  // The cached session's answer, or nullopt when it must be read from the database.
  std::optional<Result<AuthenticatedSession>> FromCache(std::string_view session_id,
                                                        const RequestOrigin& origin, TimePoint now);
  // Drops the cached sessions of one account (before its sessions or grants change).
  void ForgetAccount(storage::RowId account_id);
  Result<storage::Account> LoadTarget(storage::RowId id);
  Status AuditChange(const Actor& actor, const std::string& action, const storage::Account* before,
                     const storage::Account& after);
  Status AuditLogin(const Actor& actor, bool success, const std::string& detail);
  Result<Actor> ActorFor(const storage::Account& account, const RequestOrigin& origin);
  const std::string& DummyHash();

  storage::Store& store_;
  AuditSink& audit_;
  Clock clock_;
  AuthPolicy policy_;
  std::string dummy_hash_;
  // By session id (the cookie value, never stored): see AuthPolicy::session_recheck.
  std::unordered_map<std::string, CachedSession, IdHash, std::equal_to<>> sessions_;
};

// The SM3 hex of a session id: what the database keeps instead of the id.
std::string SessionIdHash(std::string_view session_id);

// The account as audited (no password hash): {"id","username","display_name","roles",
// "jurisdiction_org","disabled"}.
std::string AccountJson(const storage::Account& account);

}  // namespace kangfu::app

#endif  // KANGFU_APP_ACCOUNTS_HPP_
