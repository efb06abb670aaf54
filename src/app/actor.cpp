#include "app/actor.hpp"

#include <algorithm>
#include <array>

namespace kangfu::app {
namespace {

struct RoleName {
  std::string_view code;
  std::string_view label;
};

constexpr std::array<RoleName, kRoleCount> kRoleNames = {{
    {"case_manager", "案件监督管理"},
    {"visitor", "回访人员"},
    {"org_department", "组织人事部门"},
    {"unit_committee", "单位党组织"},
    {"mentor", "教育帮带责任人"},
    {"leader", "领导"},
    {"sysadmin", "系统管理员"},
    {"security_admin", "安全保密管理员"},
    {"auditor", "安全审计员"},
}};

std::string_view PermissionLabel(Permission permission) {
  switch (permission) {
    case Permission::kReadCaseFacts:
      return "查阅案件信息";
    case Permission::kWriteCases:
      return "登记和修改处分处理";
    case Permission::kReadStatusAnswers:
      return "查询影响期结论";
    case Permission::kReadOrganisations:
      return "查看组织机构";
    case Permission::kReadStatistics:
      return "查看统计";
    case Permission::kManageAccounts:
      return "管理账号";
    case Permission::kGrantRoles:
      return "授予角色和管辖范围";
    case Permission::kReadAuditLog:
      return "查阅审计日志";
  }
  return "该操作";
}

}  // namespace

std::string_view RoleCode(Role role) { return kRoleNames[static_cast<std::size_t>(role)].code; }
std::string_view RoleLabel(Role role) { return kRoleNames[static_cast<std::size_t>(role)].label; }

std::optional<Role> RoleFromCode(std::string_view code) {
  for (std::size_t i = 0; i < kRoleCount; ++i) {
    if (kRoleNames[i].code == code) return static_cast<Role>(i);
  }
  return std::nullopt;
}

bool IsAdministratorRole(Role role) {
  return role == Role::kSysAdmin || role == Role::kSecurityAdmin || role == Role::kAuditor;
}

bool RoleAllows(Role role, Permission permission) {
  using P = Permission;
  switch (role) {
    case Role::kCaseManager:
      return permission == P::kReadCaseFacts || permission == P::kWriteCases ||
             permission == P::kReadStatusAnswers || permission == P::kReadOrganisations ||
             permission == P::kReadStatistics;
    case Role::kVisitor:
    case Role::kUnitCommittee:
    case Role::kMentor:
      // Restricted further to assigned subjects / own unit / mentees by the use cases.
      return permission == P::kReadCaseFacts || permission == P::kReadStatusAnswers ||
             permission == P::kReadOrganisations;
    case Role::kOrgDepartment:
      return permission == P::kReadStatusAnswers || permission == P::kReadOrganisations;
    case Role::kLeader:
      return permission == P::kReadCaseFacts || permission == P::kReadStatusAnswers ||
             permission == P::kReadOrganisations || permission == P::kReadStatistics;
    case Role::kSysAdmin:
      return permission == P::kManageAccounts || permission == P::kReadOrganisations;
    case Role::kSecurityAdmin:
      return permission == P::kGrantRoles || permission == P::kReadOrganisations;
    case Role::kAuditor:
      return permission == P::kReadAuditLog;
  }
  return false;
}

bool Actor::Can(Permission permission) const {
  return std::any_of(roles.begin(), roles.end(),
                     [permission](Role role) { return RoleAllows(role, permission); });
}

bool Actor::InJurisdiction(std::string_view org_path) const {
  return !jurisdiction_path.empty() && org_path.starts_with(jurisdiction_path);
}

Status RequirePermission(const Actor& actor, Permission permission) {
  if (actor.Can(permission)) return Status::Ok();
  return Status::Error(
      ErrorCode::kPermissionDenied, "auth.forbidden",
      "当前账号没有“" + std::string(PermissionLabel(permission)) + "”的权限，请联系安全保密管理员");
}

Status RequireJurisdiction(const Actor& actor, std::string_view org_path,
                           std::string not_found_reason, std::string not_found_message) {
  if (actor.InJurisdiction(org_path)) return Status::Ok();
  return Status::NotFound(std::move(not_found_reason), std::move(not_found_message));
}

}  // namespace kangfu::app
