#include "app/demo_accounts.hpp"

#include <string>

namespace kangfu::app {
namespace {

RequestOrigin DemoOrigin() { return {.remote_address = "demo-seed", .request_id = "demo-seed"}; }

Result<Actor> LogIn(Accounts& accounts, std::string_view username) {
  KANGFU_ASSIGN_OR_RETURN(LoginResult login, accounts.Login(username, kDemoPassword, DemoOrigin()));
  // The session is only a means to act as the administrator; it is not left behind.
  KANGFU_RETURN_IF_ERROR(accounts.Logout(login.actor, login.session_id));
  return login.actor;
}

const DemoAccountSpec& SpecFor(Role role) {
  for (const DemoAccountSpec& spec : DemoAccountSpecs()) {
    if (spec.role == role) return spec;
  }
  // DemoAccountSpecs() lists every role the bootstrap needs; reaching here is a defect.
  static const DemoAccountSpec kMissing{};
  return kMissing;
}

NewAccount ToNew(const DemoAccountSpec& spec) {
  return {.username = std::string(spec.username),
          .display_name = std::string(spec.display_name),
          .password = std::string(kDemoPassword),
          .bootstrap_role = std::nullopt};
}

storage::RowId OrgFor(DemoScope scope, storage::RowId city_id, storage::RowId unit_id) {
  switch (scope) {
    case DemoScope::kCity:
      return city_id;
    case DemoScope::kUnit:
      return unit_id;
    case DemoScope::kNone:
      break;
  }
  return 0;
}

}  // namespace

const std::vector<DemoAccountSpec>& DemoAccountSpecs() {
  static const std::vector<DemoAccountSpec> kSpecs = {
      {"anguan", "李明（案件监督管理室）", Role::kCaseManager, DemoScope::kCity},
      {"huifang", "赵敏（回访组）", Role::kVisitor, DemoScope::kCity},
      {"zuzhibu", "孙立（市委组织部干部监督科）", Role::kOrgDepartment, DemoScope::kCity},
      {"danwei", "周强（单位党组）", Role::kUnitCommittee, DemoScope::kUnit},
      {"bangdai", "吴刚（教育帮带责任人）", Role::kMentor, DemoScope::kUnit},
      {"lingdao", "郑华（委领导）", Role::kLeader, DemoScope::kCity},
      {"xitong", "系统管理员", Role::kSysAdmin, DemoScope::kNone},
      {"anquan", "安全保密管理员", Role::kSecurityAdmin, DemoScope::kNone},
      {"shenji", "安全审计员", Role::kAuditor, DemoScope::kNone},
  };
  return kSpecs;
}

Result<std::vector<DemoAccount>> CreateDemoAccounts(Accounts& accounts, storage::Store& store,
                                                    storage::RowId city_id,
                                                    storage::RowId unit_id) {
  const DemoAccountSpec& sys = SpecFor(Role::kSysAdmin);
  KANGFU_RETURN_IF_ERROR(accounts.InitAdmin(ToNew(sys)).status());
  KANGFU_ASSIGN_OR_RETURN(Actor sys_actor, LogIn(accounts, sys.username));

  // The bootstrap: the 系统管理员 creates one 安全保密管理员 and one 安全审计员.
  for (Role role : {Role::kSecurityAdmin, Role::kAuditor}) {
    NewAccount account = ToNew(SpecFor(role));
    account.bootstrap_role = role;
    KANGFU_RETURN_IF_ERROR(accounts.Create(sys_actor, account).status());
  }
  KANGFU_ASSIGN_OR_RETURN(Actor security_actor,
                          LogIn(accounts, SpecFor(Role::kSecurityAdmin).username));

  std::vector<DemoAccount> created;
  for (const DemoAccountSpec& spec : DemoAccountSpecs()) {
    DemoAccount account{.spec = spec, .jurisdiction_org = OrgFor(spec.scope, city_id, unit_id)};
    if (!IsAdministratorRole(spec.role)) {
      KANGFU_ASSIGN_OR_RETURN(storage::Account stored, accounts.Create(sys_actor, ToNew(spec)));
      KANGFU_RETURN_IF_ERROR(
          accounts.Grant(security_actor, stored.id, {spec.role}, account.jurisdiction_org)
              .status());
      KANGFU_ASSIGN_OR_RETURN(storage::Organisation org,
                              store.GetOrganisation(account.jurisdiction_org));
      account.jurisdiction_name = org.name;
    }
    created.push_back(std::move(account));
  }
  return created;
}

Result<std::vector<DemoAccount>> FindDemoAccounts(storage::Store& store) {
  std::vector<DemoAccount> found;
  for (const DemoAccountSpec& spec : DemoAccountSpecs()) {
    Result<storage::Account> stored = store.FindAccountByUsername(spec.username);
    if (!stored.ok()) {
      if (stored.status().code() == ErrorCode::kNotFound) continue;
      return stored.status();
    }
    if (stored->disabled) continue;
    DemoAccount account{.spec = spec, .jurisdiction_org = stored->jurisdiction_org};
    if (account.jurisdiction_org != 0) {
      KANGFU_ASSIGN_OR_RETURN(storage::Organisation org,
                              store.GetOrganisation(account.jurisdiction_org));
      account.jurisdiction_name = org.name;
    }
    found.push_back(std::move(account));
  }
  return found;
}

}  // namespace kangfu::app
