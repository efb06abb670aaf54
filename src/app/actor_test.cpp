#include "app/actor.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace kangfu::app {
namespace {

TEST(ActorTest, RoleCodesRoundTrip) {
  for (std::size_t i = 0; i < kRoleCount; ++i) {
    const auto role = static_cast<Role>(i);
    EXPECT_EQ(RoleFromCode(RoleCode(role)), role);
    EXPECT_FALSE(RoleLabel(role).empty());
  }
  EXPECT_EQ(RoleFromCode("root"), std::nullopt);
}

TEST(ActorTest, AdministratorsSeeNoCaseData) {
  for (Role role : {Role::kSysAdmin, Role::kSecurityAdmin, Role::kAuditor}) {
    EXPECT_TRUE(IsAdministratorRole(role));
    EXPECT_FALSE(RoleAllows(role, Permission::kReadCaseFacts)) << RoleCode(role);
    EXPECT_FALSE(RoleAllows(role, Permission::kReadStatusAnswers)) << RoleCode(role);
    EXPECT_FALSE(RoleAllows(role, Permission::kWriteCases)) << RoleCode(role);
  }
  EXPECT_TRUE(RoleAllows(Role::kAuditor, Permission::kReadAuditLog));
  EXPECT_FALSE(RoleAllows(Role::kSysAdmin, Permission::kReadAuditLog));
  EXPECT_FALSE(RoleAllows(Role::kSysAdmin, Permission::kGrantRoles));
  EXPECT_FALSE(RoleAllows(Role::kSecurityAdmin, Permission::kManageAccounts));
}

TEST(ActorTest, OrganisationDepartmentSeesAnswersNotFacts) {
  EXPECT_TRUE(RoleAllows(Role::kOrgDepartment, Permission::kReadStatusAnswers));
  EXPECT_FALSE(RoleAllows(Role::kOrgDepartment, Permission::kReadCaseFacts));
}

// The aftercare rows of the matrix (issue 5), spelled out so that a change is deliberate.
TEST(ActorTest, AftercareMatrix) {
  using P = Permission;
  struct Row {
    Role role;
    std::vector<Permission> granted;
  };
  const std::vector<Permission> aftercare = {
      P::kReadAftercare,    P::kPlanVisits,         P::kWriteVisits,
      P::kConfirmExecution, P::kAssignMentors,      P::kWriteMentoring,
      P::kOpenEscalations,  P::kResolveEscalations, P::kManageAftercareData};
  const std::vector<Row> rows = {
      {Role::kCaseManager,
       {P::kReadAftercare, P::kPlanVisits, P::kWriteVisits, P::kConfirmExecution, P::kAssignMentors,
        P::kOpenEscalations}},
      {Role::kVisitor, {P::kReadAftercare, P::kWriteVisits, P::kOpenEscalations}},
      {Role::kOrgDepartment, {}},
      {Role::kUnitCommittee,
       {P::kReadAftercare, P::kConfirmExecution, P::kAssignMentors, P::kWriteMentoring,
        P::kOpenEscalations, P::kResolveEscalations}},
      {Role::kMentor, {P::kReadAftercare, P::kWriteMentoring, P::kOpenEscalations}},
      {Role::kLeader, {P::kReadAftercare}},
      {Role::kSysAdmin, {P::kManageAftercareData}},
      {Role::kSecurityAdmin, {}},
      {Role::kAuditor, {}},
  };
  ASSERT_EQ(rows.size(), kRoleCount);
  for (const Row& row : rows) {
    for (Permission p : aftercare) {
      const bool expected =
          std::find(row.granted.begin(), row.granted.end(), p) != row.granted.end();
      EXPECT_EQ(RoleAllows(row.role, p), expected)
          << RoleCode(row.role) << " permission " << static_cast<int>(p);
    }
  }
}

TEST(ActorTest, JurisdictionIsASubtreeByPath) {
  Actor actor;
  actor.roles = {Role::kCaseManager};
  actor.jurisdiction_path = "/1/7/";
  EXPECT_TRUE(actor.InJurisdiction("/1/7/"));
  EXPECT_TRUE(actor.InJurisdiction("/1/7/42/"));
  EXPECT_FALSE(actor.InJurisdiction("/1/70/"));
  EXPECT_FALSE(actor.InJurisdiction("/1/"));
  Actor nowhere;
  EXPECT_FALSE(nowhere.InJurisdiction("/1/"));

  Status outside = RequireJurisdiction(actor, "/1/8/", "person.not_found", "未找到该人员");
  EXPECT_EQ(outside.code(), ErrorCode::kNotFound);
  EXPECT_EQ(outside.reason(), "person.not_found");
  Status denied = RequirePermission(actor, Permission::kReadAuditLog);
  EXPECT_EQ(denied.code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(denied.reason(), "auth.forbidden");
  EXPECT_TRUE(RequirePermission(actor, Permission::kWriteCases).ok());
}

}  // namespace
}  // namespace kangfu::app
