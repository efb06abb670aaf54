#include "app/actor.hpp"

#include <algorithm>
#include <array>
#include <initializer_list>

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
    case Permission::kReadAftercare:
      return "查阅回访帮带工作";
    case Permission::kPlanVisits:
      return "制定和调整回访方案";
    case Permission::kWriteVisits:
      return "登记回访情况";
    case Permission::kConfirmExecution:
      return "确认处分决定执行情况";
    case Permission::kAssignMentors:
      return "确定教育帮带责任人";
    case Permission::kWriteMentoring:
      return "登记谈心谈话和帮带情况报告";
    case Permission::kOpenEscalations:
      return "报告苗头性问题";
    case Permission::kResolveEscalations:
      return "处置苗头性问题";
    case Permission::kManageAftercareData:
      return "维护回访帮带政策和节假日安排";
    case Permission::kFileVettingRequests:
      return "征求党风廉政意见";
    case Permission::kAnswerVetting:
      return "办理党风廉政意见回复";
    case Permission::kApproveVetting:
      return "审批党风廉政意见回复";
    case Permission::kRunReuse:
      return "办理重新使用";
    case Permission::kReadReuse:
      return "查阅重新使用事项";
    case Permission::kGiveReuseOpinion:
      return "对重新使用提出纪检监察机关意见";
    case Permission::kApproveReuse:
      return "批准较重处分人员提出重新使用";
    case Permission::kManageReusePolicy:
      return "维护重新使用分类管理规定";
    case Permission::kReadOversight:
      return "查阅问题线索、澄清正名和容错纠错";
    case Permission::kWriteOversight:
      return "登记问题线索、澄清正名和容错纠错";
    case Permission::kReadInterviews:
      return "查阅约谈和谈心谈话记录";
    case Permission::kWriteInterviews:
      return "登记约谈和谈心谈话";
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

namespace {

// The authorisation matrix, one row per role (design.md "Who uses it"). Visitors, unit
// committees and mentors are narrowed further by the use cases (assigned subjects / own unit /
// own mentees).
using P = Permission;
struct RoleGrants {
  Role role;
  std::initializer_list<Permission> grants;
};
const std::array<RoleGrants, kRoleCount> kMatrix = {{
    {Role::kCaseManager,
     {P::kReadCaseFacts, P::kWriteCases, P::kReadStatusAnswers, P::kReadOrganisations,
      P::kReadStatistics, P::kReadAftercare, P::kPlanVisits, P::kWriteVisits, P::kConfirmExecution,
      P::kAssignMentors, P::kOpenEscalations, P::kAnswerVetting, P::kReadReuse,
      P::kGiveReuseOpinion, P::kReadOversight, P::kWriteOversight, P::kReadInterviews,
      P::kWriteInterviews}},
    {Role::kVisitor,
     {P::kReadCaseFacts, P::kReadStatusAnswers, P::kReadOrganisations, P::kReadAftercare,
      P::kWriteVisits, P::kOpenEscalations}},
    {Role::kOrgDepartment,
     {P::kReadStatusAnswers, P::kReadOrganisations, P::kFileVettingRequests, P::kRunReuse,
      P::kReadReuse}},
    {Role::kUnitCommittee,
     {P::kReadCaseFacts, P::kReadStatusAnswers, P::kReadOrganisations, P::kReadAftercare,
      P::kConfirmExecution, P::kAssignMentors, P::kWriteMentoring, P::kOpenEscalations,
      P::kResolveEscalations, P::kReadReuse, P::kReadInterviews, P::kWriteInterviews}},
    {Role::kMentor,
     {P::kReadCaseFacts, P::kReadStatusAnswers, P::kReadOrganisations, P::kReadAftercare,
      P::kWriteMentoring, P::kOpenEscalations}},
    {Role::kLeader,
     {P::kReadCaseFacts, P::kReadStatusAnswers, P::kReadOrganisations, P::kReadStatistics,
      P::kReadAftercare, P::kApproveVetting, P::kReadReuse, P::kApproveReuse, P::kReadOversight,
      P::kReadInterviews}},
    {Role::kSysAdmin, {P::kManageAccounts, P::kReadOrganisations, P::kManageAftercareData}},
    {Role::kSecurityAdmin, {P::kGrantRoles, P::kReadOrganisations, P::kManageReusePolicy}},
    {Role::kAuditor, {P::kReadAuditLog}},
}};

}  // namespace

bool RoleAllows(Role role, Permission permission) {
  for (const RoleGrants& row : kMatrix) {
    if (row.role != role) continue;
    return std::find(row.grants.begin(), row.grants.end(), permission) != row.grants.end();
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
