#include "app/list_service.hpp"

#include <gtest/gtest.h>

#include "app/test_support.hpp"

namespace kangfu::app {
namespace {

class ListServiceTest : public testing::AppWorld {
 protected:
  static std::vector<std::string> Names(const PersonList& list) {
    std::vector<std::string> out;
    out.reserve(list.items.size());
    for (const storage::Person& p : list.items) out.push_back(p.name);
    return out;
  }
};

TEST_F(ListServiceTest, PersonsAreScopedToTheJurisdiction) {
  AddPerson(3, "王五", unit_a1_.id);
  ListService service(*store_);
  struct Row {
    const char* name;
    Actor actor;
    PersonListQuery query;
    std::vector<std::string> expected;
    int64_t total;
  };
  const Actor province = MakeActor(Role::kCaseManager, province_, "cm");
  const Actor city_a = MakeActor(Role::kOrgDepartment, city_a_, "org_a");
  const std::vector<Row> rows = {
      {"province sees all, by id",
       province,
       {.sort = storage::PersonSort::kId},
       {"张三", "李四", "王五"},
       3},
      {"city A sees its own", city_a, {}, {"张三", "王五"}, 2},
      {"name filter", city_a, {.name_contains = "王"}, {"王五"}, 1},
      {"unit filter", province, {.unit_id = unit_b1_.id}, {"李四"}, 1},
      {"page 2 of size 1", city_a, {.page = 2, .page_size = 1}, {"王五"}, 2},
      {"page past the end", city_a, {.page = 5, .page_size = 1}, {}, 2},
  };
  for (const Row& row : rows) {
    auto list = service.ListPersons(row.actor, row.query);
    ASSERT_TRUE(list.ok()) << row.name << " " << list.status().ToString();
    EXPECT_EQ(Names(*list), row.expected) << row.name;
    EXPECT_EQ(list->total, row.total) << row.name;
    EXPECT_EQ(list->page, row.query.page) << row.name;
  }
}

TEST_F(ListServiceTest, RefusalsAreExact) {
  ListService service(*store_);
  const Actor city_a = MakeActor(Role::kCaseManager, city_a_, "cm_a");
  struct Row {
    const char* name;
    Actor actor;
    PersonListQuery query;
    ErrorCode code;
    const char* reason;
    const char* field;
  };
  const std::vector<Row> rows = {
      {"page 0", city_a, {.page = 0}, ErrorCode::kInvalidArgument, "page.number", "page"},
      {"page size 0",
       city_a,
       {.page_size = 0},
       ErrorCode::kInvalidArgument,
       "page.size",
       "page_size"},
      {"page size 101",
       city_a,
       {.page_size = 101},
       ErrorCode::kInvalidArgument,
       "page.size",
       "page_size"},
      {"unit outside",
       city_a,
       {.unit_id = unit_b1_.id},
       ErrorCode::kNotFound,
       "organisation.not_found",
       "unit_id"},
      {"unknown unit",
       city_a,
       {.unit_id = 9999},
       ErrorCode::kNotFound,
       "organisation.not_found",
       "unit_id"},
      {"system administrator",
       MakeActor(Role::kSysAdmin, province_, "admin"),
       {},
       ErrorCode::kPermissionDenied,
       "auth.forbidden",
       ""},
  };
  for (const Row& row : rows) {
    auto list = service.ListPersons(row.actor, row.query);
    ASSERT_FALSE(list.ok()) << row.name;
    EXPECT_EQ(list.status().code(), row.code) << row.name;
    EXPECT_EQ(list.status().reason(), row.reason) << row.name;
    EXPECT_EQ(list.status().field(), row.field) << row.name;
  }
}

TEST_F(ListServiceTest, OrganisationTreeIsTheJurisdictionSubtree) {
  ListService service(*store_);
  auto tree = service.OrganisationTree(MakeActor(Role::kOrgDepartment, city_b_, "org_b"));
  ASSERT_TRUE(tree.ok()) << tree.status().ToString();
  ASSERT_EQ(tree->size(), 2U);
  EXPECT_EQ((*tree)[0], city_b_);
  EXPECT_EQ((*tree)[1], unit_b1_);
  auto auditor = service.OrganisationTree(MakeActor(Role::kAuditor, province_, "aud"));
  EXPECT_EQ(auditor.status().reason(), "auth.forbidden");
}

TEST_F(ListServiceTest, TheSecurityAdministratorSeesTheWholeStructureToGrantJurisdictions) {
  ListService service(*store_);
  Actor security = MakeActor(Role::kSecurityAdmin, province_, "anquan");
  security.jurisdiction_org = 0;
  security.jurisdiction_path.clear();
  auto tree = service.OrganisationTree(security);
  ASSERT_TRUE(tree.ok()) << tree.status().ToString();
  EXPECT_EQ(*tree,
            (std::vector<storage::Organisation>{province_, city_a_, unit_a1_, city_b_, unit_b1_}));
  // Any other role without a jurisdiction sees nothing.
  Actor sysadmin = security;
  sysadmin.roles = {Role::kSysAdmin};
  EXPECT_TRUE(service.OrganisationTree(sysadmin)->empty());
}

}  // namespace
}  // namespace kangfu::app
