#include "app/reuse_service.hpp"

#include <gtest/gtest.h>

#include "app/test_support.hpp"
#include "codec/catalogue_json.hpp"

namespace kangfu::app {
namespace {

using testing::D;

class ReuseServiceTest : public testing::AppWorld {
 protected:
  void SetUp() override {
    AppWorld::SetUp();
    if (HasFatalFailure()) return;
    storage::Account account;
    account.username = "orgdept";
    account.display_name = "组织部";
    account.password_hash = "x";
    account.roles = {"org_department"};
    account.jurisdiction_org = city_a_.id;
    account.password_changed_at = "2026-01-01T00:00:00Z";
    account_id_ = store_->AddAccount(account).value().id;
    service_ = std::make_unique<ReuseService>(*store_, codec::BuiltinCatalogue(),
                                              domain::EngineOptions{}, audit_);
  }

  Actor As(Role role, const storage::Organisation& root) const {
    Actor actor = MakeActor(role, root, "someone");
    actor.account_id = account_id_;
    return actor;
  }

  storage::RowId account_id_ = 0;
  std::unique_ptr<ReuseService> service_;
};

// The facts behind each precondition come from the records: a case decided inside an earlier
// influence period, a suspension in force, no visit, missing half-year reports; a revoked
// heavier sanction neither blocks nor needs an override.
TEST_F(ReuseServiceTest, PreconditionsAreReadFromTheRecords) {
  AddCaseWithMeasure(person_a_, "甲纪发〔2024〕1号", "party.warning", "2024-01-10");
  const storage::Measure second =
      AddCaseWithMeasure(person_a_, "甲监发〔2024〕2号", "gov.warning", "2024-06-01");
  const storage::Measure suspension =
      AddCaseWithMeasure(person_a_, "甲组发〔2026〕3号", "org.suspension", "2026-10-01");
  storage::Measure revoked =
      AddCaseWithMeasure(person_a_, "甲纪发〔2022〕4号", "party.removal_from_post", "2022-01-01");
  revoked.revoked = true;
  ASSERT_TRUE(store_->UpdateMeasure(revoked).ok());
  const storage::MentorRow mentor = store_->Aftercare()
                                        .AddMentor({.person_id = person_a_.id,
                                                    .mentor_id = person_b_.id,
                                                    .assigned_by = unit_a1_.id,
                                                    .start = D("2025-03-01")})
                                        .value();
  ASSERT_TRUE(store_->Aftercare()
                  .AddReport({.assignment_id = mentor.id,
                              .year = 2025,
                              .half = 1,
                              .submitted = D("2025-07-05"),
                              .summary = "表现良好",
                              .recorded_by = "unit"})
                  .ok());

  Result<ReuseCheck> check =
      service_->Check(As(Role::kCaseManager, city_a_), person_a_.id, std::nullopt, D("2026-11-27"));
  ASSERT_TRUE(check.ok()) << check.status().ToString();
  EXPECT_TRUE(check->facts_included);
  EXPECT_FALSE(check->ready);
  const auto& p = check->preconditions;
  ASSERT_EQ(p.size(), 6u);
  EXPECT_TRUE(p[0].met);
  EXPECT_TRUE(p[1].met);
  EXPECT_EQ(p[2].refs, std::vector<std::string>{"measure:" + std::to_string(suspension.id)});
  EXPECT_EQ(p[3].refs, std::vector<std::string>{"case:" + std::to_string(second.case_id)});
  EXPECT_FALSE(p[4].met);
  EXPECT_EQ(p[5].refs, std::vector<std::string>{"mentor:" + std::to_string(mentor.id)});
  EXPECT_EQ(p[5].message, "缺少教育帮带半年度情况报告（2025年下半年、2026年上半年）");
  EXPECT_EQ(check->eligibility.level, domain::ReuseEligibility::kAllowed);

  // As of a day inside the first period, it is running until the first free day.
  Result<ReuseCheck> earlier = service_->Check(As(Role::kCaseManager, city_a_), person_a_.id,
                                               D("2024-12-01"), D("2026-11-27"));
  ASSERT_TRUE(earlier.ok());
  EXPECT_EQ(earlier->preconditions[1].message, "影响期未满，自2025-01-10起方可提出重新使用");

  // The organisation department gets the same answers without the records.
  Result<ReuseCheck> answers = service_->Check(As(Role::kOrgDepartment, city_a_), person_a_.id,
                                               std::nullopt, D("2026-11-27"));
  ASSERT_TRUE(answers.ok());
  EXPECT_FALSE(answers->facts_included);
  for (const domain::PreconditionResult& r : answers->preconditions) EXPECT_TRUE(r.refs.empty());
  EXPECT_EQ(answers->preconditions[3].message, "影响期内又受到处分处理，不能提出重新使用");
  EXPECT_EQ(audit_.events().size(), 3u);
  EXPECT_EQ(audit_.events()[0].event.action, "reuse.check");

  EXPECT_EQ(
      service_->Check(As(Role::kCaseManager, city_b_), person_a_.id, std::nullopt, D("2026-11-27"))
          .status()
          .reason(),
      "person.not_found");
  EXPECT_EQ(service_->Check(As(Role::kMentor, city_a_), person_a_.id, std::nullopt, D("2026-11-27"))
                .status()
                .reason(),
            "auth.forbidden");
}

// 容错纠错 (rules.md §6): an exempted (免责) measure is not a running influence period; a 减责
// decision does not end one; with every measure exempted nothing on record calls for re-use.
TEST_F(ReuseServiceTest, ExemptedMeasureIsNotARunningPeriod) {
  AddCaseWithMeasure(person_a_, "甲纪发〔2024〕1号", "party.warning", "2024-01-10");
  const storage::Measure recent =
      AddCaseWithMeasure(person_a_, "甲纪发〔2026〕2号", "party.warning", "2026-06-01");
  storage::FaultToleranceRow decision =
      AddFaultToleranceDecision(person_a_, recent, "mitigate", "2026-07-01");
  struct Row {
    const char* decision;
    bool period_over;
    const char* message;
  };
  for (const Row& row : {Row{"mitigate", false, "影响期未满，自2027-06-01起方可提出重新使用"},
                         Row{"exempt", true, ""}}) {
    SCOPED_TRACE(row.decision);
    decision.decision = row.decision;
    decision = store_->Oversight().UpdateFaultTolerance(decision).value();
    Result<ReuseCheck> check = service_->Check(As(Role::kCaseManager, city_a_), person_a_.id,
                                               std::nullopt, D("2026-11-27"));
    ASSERT_TRUE(check.ok()) << check.status().ToString();
    ASSERT_EQ(check->preconditions.size(), 6u);
    EXPECT_TRUE(check->preconditions[0].met);  // the 2024 warning is still on record
    EXPECT_EQ(check->preconditions[1].met, row.period_over);
    EXPECT_EQ(check->preconditions[1].message, row.message);
  }
}

// A write whose audit entry cannot be written leaves nothing behind.
TEST_F(ReuseServiceTest, NothingIsWrittenWhenTheAuditFails) {
  AddCaseWithMeasure(person_a_, "甲纪发〔2024〕1号", "party.warning", "2024-01-10");
  audit_.set_fail(true);
  Result<ReuseFileView> opened =
      service_->Open(As(Role::kOrgDepartment, city_a_), person_a_.id, "", D("2026-11-27"));
  EXPECT_EQ(opened.status().reason(), "audit.failed");
  EXPECT_TRUE(store_->Reuse().ListReuseFiles(province_.id)->empty());
  Result<storage::ReuseAssessmentRow> assessed = service_->AddAssessment(
      As(Role::kOrgDepartment, city_a_), person_a_.id, 2025, "excellent", D("2026-11-27"));
  EXPECT_EQ(assessed.status().reason(), "audit.failed");
  EXPECT_TRUE(store_->Reuse().ListReuseAssessments(person_a_.id)->empty());

  audit_.set_fail(false);
  opened = service_->Open(As(Role::kOrgDepartment, city_a_), person_a_.id, "", D("2026-11-27"));
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  // Too large for the policy's limit: refused before anything is stored.
  domain::ReusePolicy policy = domain::DefaultReusePolicy();
  policy.max_document_bytes = 4;
  ASSERT_TRUE(service_->PutPolicy(As(Role::kSecurityAdmin, province_), policy, 0).ok());
  Result<storage::ReuseDocumentRow> big =
      service_->Upload(As(Role::kOrgDepartment, city_a_), opened->file.id,
                       {"a.pdf", "application/pdf", "12345"}, D("2026-11-27"));
  EXPECT_EQ(big.status().code(), ErrorCode::kResourceExhausted);
  EXPECT_EQ(big.status().reason(), "reuse.document_too_large");
  EXPECT_EQ(big.status().field(), "file");
  EXPECT_TRUE(store_->Reuse().ListReuseDocuments(opened->file.id)->empty());
}

}  // namespace
}  // namespace kangfu::app
