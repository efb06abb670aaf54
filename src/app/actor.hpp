#ifndef KANGFU_APP_ACTOR_HPP_
#define KANGFU_APP_ACTOR_HPP_

// Who is acting, and what they may do. Every use case in app/ takes an Actor and checks it
// before it reads or writes case data; the browser is never trusted to filter.
//
// Roles follow shared/design.md. What each role may do is a matrix of permissions (RoleAllows),
// kept in one place so that the authorisation tests can enumerate it.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"

namespace kangfu::app {

enum class Role : uint8_t {
  kCaseManager,  // 案件监督管理：records dispositions, plans visits, answers vetting requests
  kVisitor,      // 回访人员：records visits of the subjects assigned to them
  kOrgDepartment,  // 组织人事部门：files vetting requests and re-use proposals; sees answers only
  kUnitCommittee,  // 单位党组织：daily management of its own unit's subjects
  kMentor,         // 教育帮带责任人：only its mentees
  kLeader,         // 领导：dashboards, approvals, aggregates
  kSysAdmin,       // 系统管理员：accounts; no case data
  kSecurityAdmin,  // 安全保密管理员：roles, permissions and jurisdictions; no case data
  kAuditor,        // 安全审计员：the audit log and nothing else
};
inline constexpr std::size_t kRoleCount = 9;

std::string_view RoleCode(Role role);   // "case_manager" …
std::string_view RoleLabel(Role role);  // "案件监督管理" …
std::optional<Role> RoleFromCode(std::string_view code);
// The three administrators (三员): no account may hold two of them.
bool IsAdministratorRole(Role role);

enum class Permission : uint8_t {
  kReadCaseFacts,      // cases, measures, holds, a person's file
  kWriteCases,         // record and edit cases, measures, holds
  kReadStatusAnswers,  // the engine's verdicts (allowed / blocked / hold) without case facts
  kReadOrganisations,  // the organisation tree within the jurisdiction
  kReadStatistics,     // aggregates
  kManageAccounts,     // create, disable, reset accounts (系统管理员)
  kGrantRoles,         // roles and jurisdictions (安全保密管理员)
  kReadAuditLog,       // (安全审计员)
  // Aftercare (issue 5). Use cases narrow them further: a mentor acts on its own mentees only.
  kReadAftercare,        // execution checklists, visit plans and records, mentoring, workbench
  kPlanVisits,           // edit a subject's visit plan (with a reason)
  kWriteVisits,          // record follow-up visits (and open a clue from one)
  kConfirmExecution,     // confirm execution items of a decision
  kAssignMentors,        // assign and end education mentors (the unit committee's decision)
  kWriteMentoring,       // talks and half-year reports
  kOpenEscalations,      // report a warning sign (苗头性问题)
  kResolveEscalations,   // the unit party committee handles or refers it
  kManageAftercareData,  // the aftercare policy and holiday calendar files (系统管理员)
  // Integrity vetting (issue 6, 党风廉政意见回复). Filing gives no case facts: the organisation
  // department sees its requests and, once issued, the answers only.
  kFileVettingRequests,  // file requests and read their issued answers (组织人事部门)
  kAnswerVetting,        // draft, confirm or change answers, issue the reply (案件监督管理)
  kApproveVetting,       // approve the answers before the reply is issued (领导)
  // Re-use (issue 6, 重新使用). The organisation department runs the procedure but sees no case
  // facts: only the engine's answers and precondition reasons phrased without facts.
  kRunReuse,  // open and run re-use files, upload documents, record assessments (组织人事部门)
  kReadReuse,          // read re-use files, preconditions and evidence within the jurisdiction
  kGiveReuseOpinion,   // the commission's opinion at step 1 (案件监督管理)
  kApproveReuse,       // approve an override of the eligibility policy (领导)
  kManageReusePolicy,  // edit the re-use eligibility policy (安全保密管理员)
  // Clues, talks, clearing names, fault tolerance (issue 6). The organisation department and the
  // three administrators get none of these facts.
  kReadOversight,    // clues, clearances, fault-tolerance decisions (案件监督管理, 领导)
  kWriteOversight,   // register and handle clues, record clearances and fault tolerance
                     // (案件监督管理)
  kReadInterviews,   // talks 约谈/谈心谈话 (案件监督管理, 单位党组织, 领导)
  kWriteInterviews,  // record talks (案件监督管理, 单位党组织)
};
inline constexpr std::size_t kPermissionCount = 29;

// The authorisation matrix: whether `role` carries `permission`.
bool RoleAllows(Role role, Permission permission);

struct Actor {
  int64_t account_id = 0;
  std::string username;
  std::vector<Role> roles;
  // The root of the subtree the account may see and act on, and its materialised path
  // ("/1/7/"), as storage::Organisation::path.
  int64_t jurisdiction_org = 0;
  std::string jurisdiction_path;
  // For the audit log.
  std::string remote_address;
  std::string request_id;
  // For the screens' top bar: who is signed in, and the name of the jurisdiction's root.
  std::string display_name{};
  std::string jurisdiction_name{};

  bool Can(Permission permission) const;
  // Whether an organisation (by its materialised path) lies inside the jurisdiction.
  bool InJurisdiction(std::string_view org_path) const;
};

// kPermissionDenied "auth.forbidden" with a Chinese message naming what is missing, unless the
// actor holds the permission.
Status RequirePermission(const Actor& actor, Permission permission);
// kNotFound (not kPermissionDenied: existence outside the jurisdiction is not revealed) with
// `not_found_reason` unless `org_path` lies in the actor's jurisdiction.
Status RequireJurisdiction(const Actor& actor, std::string_view org_path,
                           std::string not_found_reason, std::string not_found_message);

}  // namespace kangfu::app

#endif  // KANGFU_APP_ACTOR_HPP_
