#include "app/person_service.hpp"

#include <gtest/gtest.h>

#include "app/list_service.hpp"
#include "app/test_support.hpp"
#include "codec/catalogue_json.hpp"

namespace kangfu::app {
namespace {

using testing::D;
using testing::IdNumber;

class PersonServiceTest : public testing::AppWorld {
 protected:
  PersonInput Input(int seq, const char* name, storage::RowId unit) const {
    PersonInput input;
    input.id_number = IdNumber(seq);
    input.name = name;
    input.unit_id = unit;
    input.post = "科长";
    input.post_level = "一级主任科员";
    input.party_member = true;
    return input;
  }
};

TEST_F(PersonServiceTest, CreateStoresAndAuditsInJurisdiction) {
  PersonService service(*store_, audit_);
  const Actor actor = MakeActor(Role::kCaseManager, city_a_, "cm_a");
  Result<storage::Person> created = service.Create(actor, Input(10, "赵六", unit_a1_.id));
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(created->name, "赵六");
  EXPECT_EQ(created->post_level, "一级主任科员");
  EXPECT_EQ(created->version, 1);
  EXPECT_EQ(store_->GetPerson(created->id).value(), *created);
  ASSERT_EQ(audit_.events().size(), 1U);
  EXPECT_EQ(audit_.events()[0].event.action, "person.create");
  EXPECT_EQ(audit_.events()[0].event.object_id, std::to_string(created->id));
  EXPECT_NE(audit_.events()[0].event.after_json.find("\"赵六\""), std::string::npos);
}

TEST_F(PersonServiceTest, CreateRefusalsAreExactAndWriteNothing) {
  PersonService service(*store_, audit_);
  const Actor cm_a = MakeActor(Role::kCaseManager, city_a_, "cm_a");
  const Actor leader = MakeActor(Role::kLeader, city_a_, "leader_a");
  PersonInput bad_checksum = Input(11, "钱七", unit_a1_.id);
  bad_checksum.id_number.back() = bad_checksum.id_number.back() == '1' ? '2' : '1';
  struct Row {
    const char* name;
    Actor actor;
    PersonInput input;
    ErrorCode code;
    const char* reason;
    const char* field;
  };
  const std::vector<Row> rows = {
      {"no write permission", leader, Input(11, "钱七", unit_a1_.id), ErrorCode::kPermissionDenied,
       "auth.forbidden", ""},
      {"empty name", cm_a, Input(11, " ", unit_a1_.id), ErrorCode::kInvalidArgument,
       "person.name_empty", "name"},
      {"bad checksum", cm_a, bad_checksum, ErrorCode::kInvalidArgument, "id_number.checksum",
       "id_number"},
      {"unit outside", cm_a, Input(11, "钱七", unit_b1_.id), ErrorCode::kNotFound,
       "organisation.not_found", "unit_id"},
      {"unknown unit", cm_a, Input(11, "钱七", 999), ErrorCode::kNotFound, "organisation.not_found",
       "unit_id"},
      {"number taken", cm_a, Input(1, "张三二", unit_a1_.id), ErrorCode::kAlreadyExists,
       "person.id_number_taken", "id_number"},
  };
  for (const Row& row : rows) {
    Result<storage::Person> created = service.Create(row.actor, row.input);
    ASSERT_FALSE(created.ok()) << row.name;
    EXPECT_EQ(created.status().code(), row.code) << row.name;
    EXPECT_EQ(created.status().reason(), row.reason) << row.name;
    EXPECT_EQ(created.status().field(), row.field) << row.name;
  }
  EXPECT_TRUE(audit_.events().empty());
  EXPECT_FALSE(store_->FindPersonByIdNumber(IdNumber(11)).ok());
}

TEST_F(PersonServiceTest, UpdateChecksVersionAndBothUnits) {
  PersonService service(*store_, audit_);
  const Actor cm_a = MakeActor(Role::kCaseManager, city_a_, "cm_a");
  PersonInput edit = Input(1, "张三", unit_a1_.id);
  edit.post = "副局长";
  edit.leading_cadre = true;
  Result<storage::Person> updated = service.Update(cm_a, person_a_.id, 1, edit);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->post, "副局长");
  EXPECT_TRUE(updated->leading_cadre);
  EXPECT_EQ(updated->version, 2);
  ASSERT_EQ(audit_.events().size(), 1U);
  EXPECT_EQ(audit_.events()[0].event.action, "person.update");
  EXPECT_NE(audit_.events()[0].event.before_json.find("\"version\":1"), std::string::npos);
  EXPECT_NE(audit_.events()[0].event.after_json.find("\"副局长\""), std::string::npos);

  struct Row {
    const char* name;
    storage::RowId id;
    int64_t version;
    storage::RowId unit;
    ErrorCode code;
    const char* reason;
    const char* field;
  };
  const std::vector<Row> rows = {
      {"stale", person_a_.id, 1, unit_a1_.id, ErrorCode::kConflict, "record.stale", "version"},
      {"person outside", person_b_.id, 1, unit_a1_.id, ErrorCode::kNotFound, "person.not_found",
       "id"},
      {"unknown person", 999, 1, unit_a1_.id, ErrorCode::kNotFound, "person.not_found", "id"},
      {"moved outside", person_a_.id, 2, unit_b1_.id, ErrorCode::kNotFound,
       "organisation.not_found", "unit_id"},
  };
  for (const Row& row : rows) {
    PersonInput input = Input(row.id == person_b_.id ? 2 : 1, "张三", row.unit);
    Result<storage::Person> refused = service.Update(cm_a, row.id, row.version, input);
    ASSERT_FALSE(refused.ok()) << row.name;
    EXPECT_EQ(refused.status().code(), row.code) << row.name;
    EXPECT_EQ(refused.status().reason(), row.reason) << row.name;
    EXPECT_EQ(refused.status().field(), row.field) << row.name;
  }
  EXPECT_EQ(audit_.events().size(), 1U);
}

TEST_F(PersonServiceTest, FileGroupsMeasuresUnderTheirCasesAndIsAudited) {
  const storage::Measure first =
      AddCaseWithMeasure(person_a_, "甲纪发〔2024〕1号", "party.warning", "2024-03-01");
  const storage::Measure second =
      AddCaseWithMeasure(person_a_, "甲纪发〔2025〕2号", "first.admonishment", "2025-01-10");
  storage::Hold hold;
  hold.person_id = person_a_.id;
  hold.from = D("2025-06-01");
  ASSERT_TRUE(store_->AddHold(hold).ok());
  PersonService service(*store_, audit_);
  Result<PersonFile> file =
      service.ReadFile(MakeActor(Role::kMentor, city_a_, "mentor_a"), person_a_.id);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(file->person, person_a_);
  EXPECT_EQ(file->unit.id, unit_a1_.id);
  ASSERT_EQ(file->cases.size(), 2U);
  EXPECT_EQ(file->cases[0].record.decision_number, "甲纪发〔2024〕1号");
  ASSERT_EQ(file->cases[0].measures.size(), 1U);
  EXPECT_EQ(file->cases[0].measures[0], first);
  ASSERT_EQ(file->cases[1].measures.size(), 1U);
  EXPECT_EQ(file->cases[1].measures[0], second);
  ASSERT_EQ(file->holds.size(), 1U);
  EXPECT_EQ(file->holds[0].from, D("2025-06-01"));
  ASSERT_EQ(audit_.events().size(), 1U);
  EXPECT_EQ(audit_.events()[0].event.action, "person.read");
  EXPECT_EQ(audit_.events()[0].username, "mentor_a");

  Result<PersonFile> org =
      service.ReadFile(MakeActor(Role::kOrgDepartment, city_a_, "org_a"), person_a_.id);
  EXPECT_EQ(org.status().reason(), "auth.forbidden");
  Result<PersonFile> outside =
      service.ReadFile(MakeActor(Role::kCaseManager, city_b_, "cm_b"), person_a_.id);
  EXPECT_EQ(outside.status().reason(), "person.not_found");
  audit_.set_fail(true);
  Result<PersonFile> unaudited =
      service.ReadFile(MakeActor(Role::kCaseManager, city_a_, "cm_a"), person_a_.id);
  EXPECT_EQ(unaudited.status().reason(), "audit.failed");
  EXPECT_EQ(audit_.events().size(), 1U);
}

TEST_F(PersonServiceTest, ReadCaseIsScopedAndAudited) {
  const storage::Measure measure =
      AddCaseWithMeasure(person_b_, "乙纪发〔2024〕3号", "party.warning", "2024-03-01");
  CaseService cases(*store_, codec::BuiltinCatalogue(), {}, audit_);
  Result<RecordedCase> read =
      cases.ReadCase(MakeActor(Role::kLeader, city_b_, "leader_b"), measure.case_id);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->record.decision_number, "乙纪发〔2024〕3号");
  ASSERT_EQ(read->measures.size(), 1U);
  EXPECT_EQ(read->measures[0], measure);
  ASSERT_EQ(audit_.events().size(), 1U);
  EXPECT_EQ(audit_.events()[0].event.action, "case.read");
  EXPECT_EQ(cases.ReadCase(MakeActor(Role::kLeader, city_a_, "leader_a"), measure.case_id)
                .status()
                .reason(),
            "case.not_found");
  EXPECT_EQ(cases.ReadCase(MakeActor(Role::kOrgDepartment, city_b_, "org_b"), measure.case_id)
                .status()
                .reason(),
            "auth.forbidden");
  EXPECT_EQ(audit_.events().size(), 1U);
}

TEST_F(PersonServiceTest, PersonListsAreAuditedOncePerRequest) {
  ListService lists(*store_, audit_);
  const Actor org_a = MakeActor(Role::kOrgDepartment, city_a_, "org_a");
  ASSERT_TRUE(lists.ListPersons(org_a, {.name_contains = "张"}).ok());
  ASSERT_EQ(audit_.events().size(), 1U);
  EXPECT_EQ(audit_.events()[0].event.action, "person.list");
  EXPECT_EQ(audit_.events()[0].event.detail,
            "root=" + std::to_string(city_a_.id) + " page=1 page_size=20 name=张 total=1");
  EXPECT_FALSE(lists.ListPersons(org_a, {.page = 0}).ok());
  EXPECT_EQ(audit_.events().size(), 1U);
  ListService silent(*store_);
  ASSERT_TRUE(silent.ListPersons(org_a, {}).ok());
  EXPECT_EQ(audit_.events().size(), 1U);
}

}  // namespace
}  // namespace kangfu::app
