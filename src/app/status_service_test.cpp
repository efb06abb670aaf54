#include "app/status_service.hpp"

#include <gtest/gtest.h>

#include "app/test_support.hpp"
#include "codec/catalogue_json.hpp"

namespace kangfu::app {
namespace {

using domain::Action;
using domain::VerdictKind;
using testing::D;
using testing::IdNumber;

class StatusServiceTest : public testing::AppWorld {
 protected:
  StatusService Service() {
    return StatusService(*store_, codec::BuiltinCatalogue(), domain::EngineOptions{}, audit_);
  }
  const std::string& Basis(const char* code) {
    const domain::Catalogue& catalogue = codec::BuiltinCatalogue();
    return catalogue.kind(*catalogue.Find(code)).basis;
  }
};

TEST_F(StatusServiceTest, CaseManagerSeesRestrictionsWithFacts) {
  storage::Measure warning =
      AddCaseWithMeasure(person_a_, "省纪发〔2026〕1号", "party.warning", "2026-01-10");
  StatusService service = Service();
  Actor actor = MakeActor(Role::kCaseManager, province_, "cm");
  auto status = service.Evaluate(
      actor, {{0, IdNumber(1)}, D("2026-06-01"), {Action::kPromote, Action::kSalaryStep}});
  ASSERT_TRUE(status.ok()) << status.status().ToString();
  EXPECT_EQ(status->person_id, person_a_.id);
  EXPECT_EQ(status->name, "张三");
  EXPECT_TRUE(status->facts_included);
  ASSERT_EQ(status->actions.size(), 2U);

  const ActionStatus& promote = status->actions[0];
  EXPECT_EQ(promote.action, Action::kPromote);
  EXPECT_EQ(promote.verdict, VerdictKind::kBlocked);
  EXPECT_EQ(promote.allowed_from, D("2027-01-10"));
  EXPECT_EQ(promote.summary,
            "提拔职务、晋升职级或进一步使用：受处分影响期限制，自2027-01-10起方可");
  ASSERT_EQ(promote.restrictions.size(), 1U);
  const RestrictionFact& fact = promote.restrictions[0];
  EXPECT_EQ(fact.measure_id, warning.id);
  EXPECT_EQ(fact.measure_kind, "party.warning");
  EXPECT_EQ(fact.measure_name, "警告（党纪）");
  EXPECT_EQ(fact.case_id, warning.case_id);
  EXPECT_EQ(fact.decision_number, "省纪发〔2026〕1号");
  EXPECT_EQ(fact.from, D("2026-01-10"));
  EXPECT_EQ(fact.to, D("2027-01-09"));
  EXPECT_EQ(fact.basis, Basis("party.warning"));

  const ActionStatus& salary = status->actions[1];
  EXPECT_EQ(salary.verdict, VerdictKind::kAllowed);
  EXPECT_EQ(salary.allowed_from, D("2026-06-01"));
  EXPECT_EQ(salary.summary, "晋升工资档次：可以");
  EXPECT_TRUE(salary.restrictions.empty());

  ASSERT_EQ(audit_.events().size(), 1U);
  EXPECT_EQ(audit_.events()[0].username, "cm");
  EXPECT_EQ(audit_.events()[0].event.action, "person.status");
  EXPECT_EQ(audit_.events()[0].event.object_type, "person");
  EXPECT_EQ(audit_.events()[0].event.object_id, std::to_string(person_a_.id));
  EXPECT_EQ(audit_.events()[0].event.detail, "as_of=2026-06-01 actions=promote,salary_step");
}

TEST_F(StatusServiceTest, OrganisationDepartmentGetsAnswersWithoutFacts) {
  AddCaseWithMeasure(person_a_, "省纪发〔2026〕1号", "party.warning", "2026-01-10");
  StatusService service = Service();
  Actor actor = MakeActor(Role::kOrgDepartment, province_, "org");
  auto status = service.Evaluate(actor, {{person_a_.id, ""}, D("2026-06-01"), {Action::kPromote}});
  ASSERT_TRUE(status.ok()) << status.status().ToString();
  EXPECT_FALSE(status->facts_included);
  ASSERT_EQ(status->actions.size(), 1U);
  EXPECT_EQ(status->actions[0].verdict, VerdictKind::kBlocked);
  EXPECT_EQ(status->actions[0].allowed_from, D("2027-01-10"));
  EXPECT_TRUE(status->actions[0].restrictions.empty());
  EXPECT_TRUE(status->actions[0].holds.empty());
  EXPECT_EQ(audit_.events().size(), 1U);
}

TEST_F(StatusServiceTest, OpenHoldPutsActionOnHold) {
  storage::Hold hold;
  hold.person_id = person_a_.id;
  hold.kind = storage::HoldKind::kCaseReview;
  hold.from = D("2026-03-01");
  auto added = store_->AddHold(hold);
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  StatusService service = Service();
  auto status = service.Evaluate(MakeActor(Role::kCaseManager, province_, "cm"),
                                 {{0, IdNumber(1)}, D("2026-06-01"), {Action::kPromote}});
  ASSERT_TRUE(status.ok()) << status.status().ToString();
  const ActionStatus& answer = status->actions[0];
  EXPECT_EQ(answer.verdict, VerdictKind::kHold);
  EXPECT_EQ(answer.summary,
            "提拔职务、晋升职级或进一步使用：有尚未办结的问题线索、审查调查或停职检查，暂缓办理");
  ASSERT_EQ(answer.holds.size(), 1U);
  EXPECT_EQ(answer.holds[0].hold_id, added->id);
  EXPECT_EQ(answer.holds[0].kind, "case_review");
  EXPECT_EQ(answer.holds[0].label, "立案审查调查中");
  EXPECT_EQ(answer.holds[0].from, D("2026-03-01"));
  EXPECT_EQ(answer.holds[0].to, std::nullopt);
}

TEST_F(StatusServiceTest, RefusalsAreExactAndNotAudited) {
  StatusService service = Service();
  struct Row {
    const char* name;
    Actor actor;
    StatusQuery query;
    ErrorCode code;
    const char* reason;
    const char* field;
  };
  const Actor cm_b = MakeActor(Role::kCaseManager, city_b_, "cm_b");
  const std::vector<Row> rows = {
      {"outside jurisdiction by number",
       cm_b,
       {{0, IdNumber(1)}, D("2026-06-01"), {Action::kPromote}},
       ErrorCode::kNotFound,
       "person.not_found",
       "id_number"},
      {"outside jurisdiction by id",
       cm_b,
       {{person_a_.id, ""}, D("2026-06-01"), {Action::kPromote}},
       ErrorCode::kNotFound,
       "person.not_found",
       "id"},
      {"unknown number",
       cm_b,
       {{0, IdNumber(77)}, D("2026-06-01"), {Action::kPromote}},
       ErrorCode::kNotFound,
       "person.not_found",
       "id_number"},
      {"unknown id",
       cm_b,
       {{9999, ""}, D("2026-06-01"), {Action::kPromote}},
       ErrorCode::kNotFound,
       "person.not_found",
       "id"},
      {"both references",
       cm_b,
       {{person_b_.id, IdNumber(2)}, D("2026-06-01"), {Action::kPromote}},
       ErrorCode::kInvalidArgument,
       "status.person",
       "id_number"},
      {"no action",
       cm_b,
       {{person_b_.id, ""}, D("2026-06-01"), {}},
       ErrorCode::kInvalidArgument,
       "status.actions",
       "actions"},
      {"auditor",
       MakeActor(Role::kAuditor, province_, "aud"),
       {{person_b_.id, ""}, D("2026-06-01"), {Action::kPromote}},
       ErrorCode::kPermissionDenied,
       "auth.forbidden",
       ""},
  };
  for (const Row& row : rows) {
    auto status = service.Evaluate(row.actor, row.query);
    ASSERT_FALSE(status.ok()) << row.name;
    EXPECT_EQ(status.status().code(), row.code) << row.name;
    EXPECT_EQ(status.status().reason(), row.reason) << row.name;
    EXPECT_EQ(status.status().field(), row.field) << row.name;
  }
  EXPECT_TRUE(audit_.events().empty());
}

TEST_F(StatusServiceTest, FailingAuditWithholdsTheAnswer) {
  audit_.set_fail(true);
  StatusService service = Service();
  auto status = service.Evaluate(MakeActor(Role::kCaseManager, province_, "cm"),
                                 {{0, IdNumber(1)}, D("2026-06-01"), {Action::kPromote}});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.status().reason(), "audit.failed");
}

TEST_F(StatusServiceTest, UnknownKindInDatabaseIsInternal) {
  AddCaseWithMeasure(person_a_, "X-1", "party.no_such_kind", "2026-01-10");
  StatusService service = Service();
  auto status = service.Evaluate(MakeActor(Role::kCaseManager, province_, "cm"),
                                 {{0, IdNumber(1)}, D("2026-06-01"), {Action::kPromote}});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.status().code(), ErrorCode::kInternal);
  EXPECT_NE(status.status().internal().find("party.no_such_kind"), std::string::npos);
}

TEST_F(StatusServiceTest, BatchReportsPerPersonErrors) {
  AddCaseWithMeasure(person_a_, "甲纪发〔2026〕3号", "gov.demerit", "2026-02-01");
  StatusService service = Service();
  Actor actor = MakeActor(Role::kOrgDepartment, city_a_, "org_a");
  auto items = service.EvaluateBatch(actor, {IdNumber(1), IdNumber(55), IdNumber(2)},
                                     D("2026-06-01"), {Action::kSalaryStep, Action::kSalaryStep});
  ASSERT_TRUE(items.ok()) << items.status().ToString();
  ASSERT_EQ(items->size(), 3U);
  const BatchItem& first = (*items)[0];
  EXPECT_EQ(first.id_number, IdNumber(1));
  ASSERT_TRUE(first.status.ok());
  ASSERT_EQ(first.status->actions.size(), 1U);
  EXPECT_EQ(first.status->actions[0].verdict, VerdictKind::kBlocked);
  EXPECT_EQ(first.status->actions[0].allowed_from, D("2027-02-01"));
  EXPECT_EQ((*items)[1].status.status().reason(), "person.not_found");
  EXPECT_EQ((*items)[1].status.status().field(), "id_numbers[1]");
  EXPECT_EQ((*items)[2].status.status().reason(), "person.not_found");
  EXPECT_EQ((*items)[2].status.status().field(), "id_numbers[2]");
  ASSERT_EQ(audit_.events().size(), 1U);
  EXPECT_EQ(audit_.events()[0].event.object_id, std::to_string(person_a_.id));
}

TEST_F(StatusServiceTest, BatchSizeIsChecked) {
  StatusService service = Service();
  Actor actor = MakeActor(Role::kOrgDepartment, province_, "org");
  auto empty = service.EvaluateBatch(actor, {}, D("2026-06-01"), {Action::kPromote});
  EXPECT_EQ(empty.status().reason(), "status.batch_size");
  std::vector<std::string> many(kMaxBatchPersons + 1, IdNumber(1));
  auto too_many = service.EvaluateBatch(actor, many, D("2026-06-01"), {Action::kPromote});
  EXPECT_EQ(too_many.status().reason(), "status.batch_size");
  EXPECT_EQ(too_many.status().field(), "id_numbers");
}

}  // namespace
}  // namespace kangfu::app
