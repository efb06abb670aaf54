#include "app/accounts.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <utility>

#include "security/random.hpp"
#include "security/sm3.hpp"

namespace kangfu::app {
namespace {

Status BadCredentials() {
  return Status::Error(ErrorCode::kUnauthenticated, "auth.bad_credentials",
                       "用户名或密码错误，请核对后重新输入", "password");
}

Status InvalidSession() {
  return Status::Error(ErrorCode::kUnauthenticated, "session.invalid",
                       "尚未登录或登录已失效，请重新登录");
}

Status ExpiredSession() {
  return Status::Error(ErrorCode::kUnauthenticated, "session.expired",
                       "登录已过期（30分钟未操作或登录已满8小时），请重新登录");
}

Status SelfTarget() {
  return Status::Error(ErrorCode::kFailedPrecondition, "account.self",
                       "不能对自己的账号执行此操作，请由其他管理员办理");
}

std::vector<Role> RolesOf(const storage::Account& account) {
  std::vector<Role> roles;
  for (const std::string& code : account.roles) {
    if (std::optional<Role> role = RoleFromCode(code)) roles.push_back(*role);
  }
  return roles;
}

bool HoldsRole(const storage::Account& account, Role role) {
  return std::find(account.roles.begin(), account.roles.end(), std::string(RoleCode(role))) !=
         account.roles.end();
}

Result<std::string> RandomHex() {
  Result<std::string> bytes = security::RandomBytes(32);
  if (!bytes.ok()) return std::move(bytes).TakeStatus();
  return security::ToHex(*bytes);
}

}  // namespace

std::string SessionIdHash(std::string_view session_id) {
  Result<security::Sm3Digest> digest = security::Sm3(session_id);
  return digest.ok() ? security::DigestHex(*digest) : std::string();
}

std::string AccountJson(const storage::Account& account) {
  nlohmann::json json = {{"id", account.id},
                         {"username", account.username},
                         {"display_name", account.display_name},
                         {"roles", account.roles},
                         {"jurisdiction_org", account.jurisdiction_org},
                         {"disabled", account.disabled}};
  return json.dump();
}

Accounts::Accounts(storage::Store& store, AuditSink& audit, Clock clock, AuthPolicy policy)
    : store_(store), audit_(audit), clock_(std::move(clock)), policy_(policy) {}

const std::string& Accounts::DummyHash() {
  // Unknown user names cost one argon2 verification too, so timing does not reveal them.
  if (dummy_hash_.empty()) {
    Result<std::string> hash = security::HashPassword("kangfu-dummy-password", policy_.argon2);
    dummy_hash_ = hash.ok() ? *hash : "invalid";
  }
  return dummy_hash_;
}

Result<storage::Account> Accounts::InitAdmin(const NewAccount& account) {
  KANGFU_RETURN_IF_ERROR(security::CheckPasswordPolicy(account.password, account.username));
  Result<std::string> hash = security::HashPassword(account.password, policy_.argon2);
  if (!hash.ok()) return std::move(hash).TakeStatus();
  storage::Account created;
  Status status = store_.InTransaction([&]() -> Status {
    Result<int64_t> count = store_.CountAccounts();
    if (!count.ok()) return count.status();
    if (*count > 0) {
      return Status::Error(ErrorCode::kFailedPrecondition, "admin.already_initialised",
                           "系统中已有账号，不能再次初始化；请由系统管理员登录后创建账号");
    }
    storage::Account row;
    row.username = account.username;
    row.display_name = account.display_name.empty() ? account.username : account.display_name;
    row.password_hash = *hash;
    row.roles = {std::string(RoleCode(Role::kSysAdmin))};
    row.password_changed_at = FormatTimestamp(clock_());
    Result<storage::Account> added = store_.AddAccount(row);
    if (!added.ok()) return added.status();
    created = *added;
    Actor system;
    system.username = "kangfu admin init";
    return AuditChange(system, "account.init_admin", nullptr, created);
  });
  if (!status.ok()) return status;
  return created;
}

Result<Actor> Accounts::ActorFor(const storage::Account& account, const RequestOrigin& origin) {
  Actor actor;
  actor.account_id = account.id;
  actor.username = account.username;
  actor.roles = RolesOf(account);
  actor.jurisdiction_org = account.jurisdiction_org;
  if (account.jurisdiction_org != 0) {
    Result<storage::Organisation> org = store_.GetOrganisation(account.jurisdiction_org);
    if (!org.ok()) return std::move(org).TakeStatus();
    actor.jurisdiction_path = org->path;
    actor.jurisdiction_name = org->name;
  }
  actor.display_name = account.display_name;
  actor.remote_address = origin.remote_address;
  actor.request_id = origin.request_id;
  return actor;
}

Status Accounts::AuditLogin(const Actor& actor, bool success, const std::string& detail) {
  return audit_.Record(
      actor, {.action = "auth.login",
              .object_type = "account",
              .object_id = actor.account_id == 0 ? std::string() : std::to_string(actor.account_id),
              .before_json = "",
              .after_json = "",
              .success = success,
              .detail = detail});
}

Status Accounts::AuditChange(const Actor& actor, const std::string& action,
                             const storage::Account* before, const storage::Account& after) {
  return audit_.Record(actor, {.action = action,
                               .object_type = "account",
                               .object_id = std::to_string(after.id),
                               .before_json = before == nullptr ? "" : AccountJson(*before),
                               .after_json = AccountJson(after),
                               .success = true,
                               .detail = ""});
}

Result<LoginResult> Accounts::Login(std::string_view username, std::string_view password,
                                    const RequestOrigin& origin) {
  const TimePoint now = clock_();
  Actor who;
  who.username = std::string(username);
  who.remote_address = origin.remote_address;
  who.request_id = origin.request_id;

  Result<storage::Account> found = store_.FindAccountByUsername(username);
  if (!found.ok() && found.status().code() != ErrorCode::kNotFound) return found.status();
  if (!found.ok()) {
    (void)security::VerifyPassword(password, DummyHash());
    KANGFU_RETURN_IF_ERROR(AuditLogin(who, false, "unknown username"));
    return BadCredentials();
  }
  storage::Account account = *found;
  who.account_id = account.id;

  if (std::optional<TimePoint> until = ParseTimestamp(account.locked_until);
      until && now < *until) {
    KANGFU_RETURN_IF_ERROR(AuditLogin(who, false, "locked until " + account.locked_until));
    return Status::Error(ErrorCode::kResourceExhausted, "auth.locked",
                         "连续登录失败次数过多，账号已锁定至 " + FormatBeijingMinute(*until) +
                             "（北京时间），请届时再试或联系系统管理员",
                         "username");
  }

  if (!security::VerifyPassword(password, account.password_hash)) {
    storage::Account updated = account;
    updated.failed_logins = account.failed_logins + 1;
    std::string detail = "wrong password (" + std::to_string(updated.failed_logins) + ")";
    Status locked;
    if (updated.failed_logins >= policy_.max_failures) {
      const TimePoint until =
          std::chrono::time_point_cast<std::chrono::seconds>(now) + policy_.lock_duration;
      updated.failed_logins = 0;
      updated.locked_until = FormatTimestamp(until);
      detail += ", locked until " + updated.locked_until;
      locked = Status::Error(ErrorCode::kResourceExhausted, "auth.locked",
                             "密码连续错误" + std::to_string(policy_.max_failures) +
                                 "次，账号已锁定至 " + FormatBeijingMinute(until) +
                                 "（北京时间），请届时再试或联系系统管理员",
                             "username");
    }
    Status recorded = store_.InTransaction([&]() -> Status {
      Result<storage::Account> saved = store_.UpdateAccount(updated);
      if (!saved.ok()) return saved.status();
      return AuditLogin(who, false, detail);
    });
    if (!recorded.ok()) return recorded;
    return locked.ok() ? BadCredentials() : locked;
  }

  if (account.disabled) {
    KANGFU_RETURN_IF_ERROR(AuditLogin(who, false, "account disabled"));
    return Status::Error(ErrorCode::kPermissionDenied, "auth.disabled",
                         "该账号已停用，请联系系统管理员", "username");
  }

  Result<std::string> session_id = RandomHex();
  if (!session_id.ok()) return std::move(session_id).TakeStatus();
  Result<std::string> csrf = RandomHex();
  if (!csrf.ok()) return std::move(csrf).TakeStatus();
  Result<Actor> actor = ActorFor(account, origin);
  if (!actor.ok()) return std::move(actor).TakeStatus();
  Status opened = store_.InTransaction([&]() -> Status {
    if (account.failed_logins != 0 || !account.locked_until.empty()) {
      storage::Account cleared = account;
      cleared.failed_logins = 0;
      cleared.locked_until.clear();
      Result<storage::Account> saved = store_.UpdateAccount(cleared);
      if (!saved.ok()) return saved.status();
    }
    const std::string stamp = FormatTimestamp(now);
    KANGFU_RETURN_IF_ERROR(store_.AddSession({.id_hash = SessionIdHash(*session_id),
                                              .account_id = account.id,
                                              .csrf_token = *csrf,
                                              .created_at = stamp,
                                              .last_seen_at = stamp}));
    return AuditLogin(*actor, true, "");
  });
  if (!opened.ok()) return opened;
  return LoginResult{std::move(actor).value(), std::move(session_id).value(),
                     std::move(csrf).value()};
}

Result<int64_t> Accounts::PruneSessions() {
  const TimePoint now = clock_();
  std::erase_if(sessions_, [&](const auto& entry) {
    return now - entry.second.last_seen >= policy_.idle_timeout ||
           now - entry.second.created >= policy_.absolute_timeout;
  });
  return store_.RemoveExpiredSessions(FormatTimestamp(now - policy_.idle_timeout),
                                      FormatTimestamp(now - policy_.absolute_timeout));
}

void Accounts::ForgetAccount(storage::RowId account_id) {
  std::erase_if(sessions_, [account_id](const auto& entry) {
    return entry.second.actor.account_id == account_id;
  });
}

std::optional<Result<AuthenticatedSession>> Accounts::FromCache(std::string_view session_id,
                                                                const RequestOrigin& origin,
                                                                TimePoint now) {
  auto it = sessions_.find(session_id);
  if (it == sessions_.end()) return std::nullopt;
  CachedSession& cached = it->second;
  // Past the recheck interval (or a clock that went back): read the database again.
  if (now < cached.loaded || now - cached.loaded >= policy_.session_recheck) {
    sessions_.erase(it);
    return std::nullopt;
  }
  if (now - cached.last_seen >= policy_.idle_timeout ||
      now - cached.created >= policy_.absolute_timeout) {
    const std::string id_hash = cached.id_hash;
    sessions_.erase(it);
    Status removed = store_.RemoveSession(id_hash);
    if (!removed.ok()) return Result<AuthenticatedSession>(removed);
    return Result<AuthenticatedSession>(ExpiredSession());
  }
  cached.last_seen = std::max(cached.last_seen, now);
  if (now - cached.stored_seen >= policy_.touch_interval) {
    Status touched = store_.TouchSession(cached.id_hash, FormatTimestamp(now));
    if (!touched.ok()) {
      // Gone from the database (ended by another process): refused like any unknown session.
      sessions_.erase(it);
      return Result<AuthenticatedSession>(touched.code() == ErrorCode::kNotFound ? InvalidSession()
                                                                                 : touched);
    }
    cached.stored_seen = now;
  }
  AuthenticatedSession answer{cached.actor, cached.csrf_token};
  answer.actor.remote_address = origin.remote_address;
  answer.actor.request_id = origin.request_id;
  return Result<AuthenticatedSession>(std::move(answer));
}

Result<AuthenticatedSession> Accounts::Authenticate(std::string_view session_id,
                                                    const RequestOrigin& origin) {
  if (session_id.empty()) return InvalidSession();
  const TimePoint now = clock_();
  const bool caching = policy_.session_recheck.count() > 0;
  if (caching) {
    std::optional<Result<AuthenticatedSession>> cached = FromCache(session_id, origin, now);
    if (cached) return std::move(*cached);
  }
  const std::string id_hash = SessionIdHash(session_id);
  Result<storage::StoredSession> session = store_.GetSession(id_hash);
  if (!session.ok()) {
    return session.status().code() == ErrorCode::kNotFound ? InvalidSession() : session.status();
  }
  std::optional<TimePoint> created = ParseTimestamp(session->created_at);
  std::optional<TimePoint> seen = ParseTimestamp(session->last_seen_at);
  if (!created || !seen || now - *seen >= policy_.idle_timeout ||
      now - *created >= policy_.absolute_timeout) {
    KANGFU_RETURN_IF_ERROR(store_.RemoveSession(id_hash));
    return ExpiredSession();
  }
  Result<storage::Account> account = store_.GetAccount(session->account_id);
  if (!account.ok() || account->disabled) {
    KANGFU_RETURN_IF_ERROR(store_.RemoveSession(id_hash));
    return InvalidSession();
  }
  TimePoint stored_seen = *seen;
  if (now - *seen >= policy_.touch_interval) {
    KANGFU_RETURN_IF_ERROR(store_.TouchSession(id_hash, FormatTimestamp(now)));
    stored_seen = now;
  }
  Result<Actor> actor = ActorFor(*account, origin);
  if (!actor.ok()) return std::move(actor).TakeStatus();
  if (caching) {
    if (sessions_.size() >= policy_.session_cache_limit) sessions_.clear();
    Actor kept = *actor;
    kept.remote_address.clear();
    kept.request_id.clear();
    sessions_.insert_or_assign(std::string(session_id),
                               CachedSession{.id_hash = id_hash,
                                             .actor = std::move(kept),
                                             .csrf_token = session->csrf_token,
                                             .created = *created,
                                             .last_seen = now,
                                             .stored_seen = stored_seen,
                                             .loaded = now});
  }
  return AuthenticatedSession{std::move(actor).value(), session->csrf_token};
}

Status Accounts::Logout(const Actor& actor, std::string_view session_id) {
  if (auto it = sessions_.find(session_id); it != sessions_.end()) sessions_.erase(it);
  return store_.InTransaction([&]() -> Status {
    KANGFU_RETURN_IF_ERROR(store_.RemoveSession(SessionIdHash(session_id)));
    return audit_.Record(actor, {.action = "auth.logout",
                                 .object_type = "account",
                                 .object_id = std::to_string(actor.account_id),
                                 .before_json = "",
                                 .after_json = "",
                                 .success = true,
                                 .detail = ""});
  });
}

Result<std::vector<storage::Account>> Accounts::List(const Actor& actor) {
  if (!actor.Can(Permission::kGrantRoles)) {
    KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kManageAccounts));
  }
  Result<std::vector<storage::Account>> all = store_.ListAccounts();
  if (!all.ok()) return all;
  for (storage::Account& account : *all) account.password_hash.clear();
  return all;
}

Result<storage::Account> Accounts::Create(const Actor& actor, const NewAccount& account) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kManageAccounts));
  KANGFU_RETURN_IF_ERROR(security::CheckPasswordPolicy(account.password, account.username));
  storage::Account row;
  row.username = account.username;
  row.display_name = account.display_name.empty() ? account.username : account.display_name;
  row.password_changed_at = FormatTimestamp(clock_());
  Result<std::string> hash = security::HashPassword(account.password, policy_.argon2);
  if (!hash.ok()) return std::move(hash).TakeStatus();
  row.password_hash = *hash;
  storage::Account created;
  Status status = store_.InTransaction([&]() -> Status {
    if (account.bootstrap_role) {
      const Role role = *account.bootstrap_role;
      if (role != Role::kSecurityAdmin && role != Role::kAuditor) {
        return Status::Invalid("bootstrap_role", "account.bootstrap_role",
                               "创建账号时只能首次设立安全保密管理员或安全审计员，"
                               "其他角色请由安全保密管理员授予");
      }
      Result<std::vector<storage::Account>> all = store_.ListAccounts();
      if (!all.ok()) return all.status();
      for (const storage::Account& other : *all) {
        if (!other.disabled && HoldsRole(other, role)) {
          return Status::Error(
              ErrorCode::kFailedPrecondition, "account.bootstrap_done",
              "已有账号担任" + std::string(RoleLabel(role)) + "，角色须由安全保密管理员授予",
              "bootstrap_role");
        }
      }
      row.roles = {std::string(RoleCode(role))};
    }
    Result<storage::Account> added = store_.AddAccount(row);
    if (!added.ok()) return added.status();
    created = *added;
    return AuditChange(actor, "account.create", nullptr, created);
  });
  if (!status.ok()) return status;
  created.password_hash.clear();
  return created;
}

Result<storage::Account> Accounts::LoadTarget(storage::RowId id) { return store_.GetAccount(id); }

Result<storage::Account> Accounts::SetDisabled(const Actor& actor, storage::RowId id,
                                               bool disabled) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kManageAccounts));
  if (id == actor.account_id) return SelfTarget();
  ForgetAccount(id);
  storage::Account saved;
  Status status = store_.InTransaction([&]() -> Status {
    Result<storage::Account> before = LoadTarget(id);
    if (!before.ok()) return before.status();
    storage::Account after = *before;
    after.disabled = disabled;
    Result<storage::Account> written = store_.UpdateAccount(after);
    if (!written.ok()) return written.status();
    saved = *written;
    if (disabled) {
      Result<int64_t> ended = store_.RemoveAccountSessions(id);
      if (!ended.ok()) return ended.status();
    }
    return AuditChange(actor, disabled ? "account.disable" : "account.enable", &*before, saved);
  });
  if (!status.ok()) return status;
  saved.password_hash.clear();
  return saved;
}

Result<storage::Account> Accounts::ResetPassword(const Actor& actor, storage::RowId id,
                                                 std::string_view password) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kManageAccounts));
  if (id == actor.account_id) return SelfTarget();
  Result<storage::Account> target = LoadTarget(id);
  if (!target.ok()) return target;
  KANGFU_RETURN_IF_ERROR(security::CheckPasswordPolicy(password, target->username));
  Result<std::string> hash = security::HashPassword(password, policy_.argon2);
  if (!hash.ok()) return std::move(hash).TakeStatus();
  ForgetAccount(id);
  storage::Account saved;
  Status status = store_.InTransaction([&]() -> Status {
    Result<storage::Account> before = LoadTarget(id);
    if (!before.ok()) return before.status();
    storage::Account after = *before;
    after.password_hash = *hash;
    after.password_changed_at = FormatTimestamp(clock_());
    after.failed_logins = 0;
    after.locked_until.clear();
    Result<storage::Account> written = store_.UpdateAccount(after);
    if (!written.ok()) return written.status();
    saved = *written;
    Result<int64_t> ended = store_.RemoveAccountSessions(id);
    if (!ended.ok()) return ended.status();
    return AuditChange(actor, "account.reset_password", &*before, saved);
  });
  if (!status.ok()) return status;
  saved.password_hash.clear();
  return saved;
}

Result<storage::Account> Accounts::Grant(const Actor& actor, storage::RowId id,
                                         const std::vector<Role>& roles,
                                         storage::RowId jurisdiction_org) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kGrantRoles));
  if (id == actor.account_id) return SelfTarget();
  int administrators = 0;
  bool business = false;
  std::vector<std::string> codes;
  for (Role role : roles) {
    const std::string code(RoleCode(role));
    if (std::find(codes.begin(), codes.end(), code) != codes.end()) continue;
    codes.push_back(code);
    if (IsAdministratorRole(role)) {
      ++administrators;
    } else {
      business = true;
    }
  }
  if (administrators > 1) {
    return Status::Invalid("roles", "account.roles_conflict",
                           "系统管理员、安全保密管理员、安全审计员三者互相分离，"
                           "同一账号只能担任其中之一，请去掉多余的管理员角色");
  }
  if (business && jurisdiction_org == 0) {
    return Status::Invalid("jurisdiction_org", "account.jurisdiction_required",
                           "授予业务角色时须指定管辖的组织（单位），请选择管辖范围");
  }
  ForgetAccount(id);  // its sessions pick up the new roles and jurisdiction on their next request
  storage::Account saved;
  Status status = store_.InTransaction([&]() -> Status {
    Result<storage::Account> before = LoadTarget(id);
    if (!before.ok()) return before.status();
    storage::Account after = *before;
    after.roles = codes;
    after.jurisdiction_org = jurisdiction_org;
    Result<storage::Account> written = store_.UpdateAccount(after);
    if (!written.ok()) return written.status();
    saved = *written;
    return AuditChange(actor, "account.grant", &*before, saved);
  });
  if (!status.ok()) return status;
  saved.password_hash.clear();
  return saved;
}

}  // namespace kangfu::app
