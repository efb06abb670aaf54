#include "app/actor.hpp"

#include <gtest/gtest.h>

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
