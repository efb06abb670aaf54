#include "domain/reuse/reuse.hpp"

#include <gtest/gtest.h>

namespace kangfu::domain {
namespace {

Date D(const char* text) { return Date::Parse(text).value(); }

TEST(ReuseStepTest, StepsRunStrictlyInOrder) {
  const std::vector<ReuseStepDone> two = {{1, D("2026-01-05")}, {2, D("2026-02-01")}};
  struct Row {
    int step;
    const char* date;
    const char* reason;
    const char* field;
  };
  const Row rows[] = {
      {3, "2026-02-01", "", ""},  // same day as the previous step is fine
      {3, "2026-03-01", "", ""},
      {4, "2026-03-01", "reuse.step_out_of_order", ""},
      {5, "2026-03-01", "reuse.step_out_of_order", ""},
      {2, "2026-03-01", "reuse.step_done", ""},
      {1, "2026-03-01", "reuse.step_done", ""},
      {0, "2026-03-01", "reuse.step_invalid", "step"},
      {6, "2026-03-01", "reuse.step_invalid", "step"},
      {3, "2026-01-31", "reuse.step_date", "date"},
      {3, "2026-03-02", "reuse.step_date_future", "date"},
  };
  for (const Row& row : rows) {
    Status status = CheckReuseStep(two, row.step, D(row.date), D("2026-03-01"));
    EXPECT_EQ(status.reason(), row.reason) << row.step << " " << row.date;
    EXPECT_EQ(status.field(), row.field) << row.step << " " << row.date;
  }
  EXPECT_EQ(CheckReuseStep(two, 4, D("2026-03-01"), D("2026-03-01")).message(),
            "重新使用须按程序依次办理：请先完成第3步“书面征求上一级组织人事部门意见”，"
            "再办理第4步“党委（党组）集体讨论决定”");
  EXPECT_TRUE(CheckReuseStep({}, 1, D("2020-01-01"), D("2026-03-01")).ok());
  EXPECT_EQ(CheckReuseStep({}, 2, D("2020-01-01"), D("2026-03-01")).reason(),
            "reuse.step_out_of_order");
}

TEST(ReuseEligibilityTest, DefaultPolicyGradesTheCatalogue) {
  const ReusePolicy policy = DefaultReusePolicy();
  struct Row {
    const char* code;
    ReuseEligibility level;
  };
  const Row rows[] = {
      {"party.warning", ReuseEligibility::kAllowed},
      {"party.serious_warning", ReuseEligibility::kAllowed},
      {"gov.warning", ReuseEligibility::kAllowed},
      {"gov.demerit", ReuseEligibility::kAllowed},
      {"gov.major_demerit", ReuseEligibility::kAllowed},
      {"org.removal", ReuseEligibility::kAllowed},
      {"first.admonishment", ReuseEligibility::kAllowed},
      {"party.removal_from_post", ReuseEligibility::kOverride},
      {"party.probation", ReuseEligibility::kOverride},
      {"gov.demotion", ReuseEligibility::kOverride},
      {"gov.dismissal_from_post", ReuseEligibility::kOverride},
      {"party.expulsion", ReuseEligibility::kExcluded},
      {"gov.expulsion", ReuseEligibility::kExcluded},
      {"judicial.transfer", ReuseEligibility::kExcluded},
      {"local.unknown", ReuseEligibility::kOverride},
  };
  for (const Row& row : rows) {
    const DispositionItem item{row.code, "某处分", "integrity", "廉洁纪律", "measure:1"};
    EXPECT_EQ(AssessReuseEligibility(policy, {&item, 1}).level, row.level) << row.code;
  }
}

TEST(ReuseEligibilityTest, OverrideNeedsAReasonAndExclusionIsFinal) {
  ReusePolicy policy = DefaultReusePolicy();
  policy.disciplines["political"] = ReuseEligibility::kOverride;
  const std::vector<DispositionItem> items = {
      {"party.warning", "警告", "political", "政治纪律", "measure:1"},
      {"gov.dismissal_from_post", "撤职", "integrity", "廉洁纪律", "measure:2"}};
  EligibilityResult result = AssessReuseEligibility(policy, items);
  EXPECT_EQ(result.level, ReuseEligibility::kOverride);
  ASSERT_EQ(result.findings.size(), 2u);
  EXPECT_EQ(result.findings[0].message,
            "违反政治纪律，须写明特别理由并经领导批准后方可提出重新使用");
  EXPECT_EQ(result.findings[1].ref, "measure:2");
  Status refused = CheckEligibility(result, "  ");
  EXPECT_EQ(refused.reason(), "reuse.override_required");
  EXPECT_EQ(refused.field(), "override_reason");
  EXPECT_EQ(refused.details().size(), 2u);
  EXPECT_TRUE(CheckEligibility(result, "表现突出，工作急需").ok());

  const DispositionItem expelled{"gov.expulsion", "开除", "integrity", "廉洁纪律", "measure:3"};
  EligibilityResult excluded = AssessReuseEligibility(policy, {&expelled, 1});
  EXPECT_EQ(CheckEligibility(excluded, "理由").reason(), "reuse.ineligible");
}

TEST(ReuseEligibilityTest, PolicyValidationListsEveryProblem) {
  ReusePolicy policy = DefaultReusePolicy();
  policy.measures["no.such"] = ReuseEligibility::kAllowed;
  policy.disciplines["moral"] = ReuseEligibility::kAllowed;
  policy.max_document_bytes = 0;
  Status status = ValidateReusePolicy(
      policy, [](std::string_view code) { return code != "no.such"; },
      [](std::string_view code) { return code != "moral"; });
  EXPECT_EQ(status.reason(), "reuse_policy.measure_unknown");
  ASSERT_EQ(status.details().size(), 3u);
  EXPECT_EQ(status.details()[1].field, "disciplines.moral");
  EXPECT_EQ(status.details()[2].reason, "reuse_policy.document_size");
  EXPECT_TRUE(ValidateReusePolicy(
                  DefaultReusePolicy(), [](std::string_view) { return true; },
                  [](std::string_view) { return true; })
                  .ok());
}

TEST(ReusePreconditionTest, EachFailureIsListedWithItsRecords) {
  ReuseFacts facts;
  facts.as_of = D("2026-11-27");
  facts.has_disposition = true;
  facts.running = {{"measure:4", D("2027-01-10")}, {"measure:5", D("2027-03-01")}};
  facts.holds = {"hold:9"};
  facts.new_violations = {{"case:3", D("2025-05-01")}};
  facts.visit_count = 0;
  facts.mentors = {{"mentor:2", D("2025-03-01"), std::nullopt, {{2025, 1}}}};
  std::vector<PreconditionResult> results = EvaluateReusePreconditions(facts);
  ASSERT_EQ(results.size(), 6u);
  EXPECT_TRUE(results[0].met);
  EXPECT_EQ(results[1].message, "影响期未满，自2027-03-01起方可提出重新使用");
  EXPECT_EQ(results[1].refs, (std::vector<std::string>{"measure:4", "measure:5"}));
  EXPECT_EQ(results[2].refs, std::vector<std::string>{"hold:9"});
  EXPECT_EQ(results[3].refs, std::vector<std::string>{"case:3"});
  EXPECT_FALSE(results[4].met);
  EXPECT_EQ(results[5].message, "缺少教育帮带半年度情况报告（2025年下半年、2026年上半年）");
  Status with = PreconditionsStatus(results, true);
  EXPECT_EQ(with.reason(), "reuse.preconditions");
  ASSERT_EQ(with.details().size(), 5u);
  EXPECT_EQ(with.details()[0].field, "measure:4");
  EXPECT_EQ(with.details()[4].reason, "reuse.mentor_report_missing");
  Status without = PreconditionsStatus(results, false);
  for (const FieldError& e : without.details()) EXPECT_EQ(e.field, "preconditions");

  ReuseFacts clean;
  clean.as_of = D("2026-11-27");
  clean.has_disposition = true;
  clean.visit_count = 1;
  EXPECT_TRUE(PreconditionsStatus(EvaluateReusePreconditions(clean), true).ok());
}

TEST(ReusePreconditionTest, NewViolationsAndMentorHalfYears) {
  const std::vector<CaseWindow> windows = {{"case:1", D("2024-01-10"), D("2025-01-10")}};
  const std::vector<CaseDate> cases = {
      {"case:1", D("2024-01-10")}, {"case:2", D("2025-01-09")}, {"case:3", D("2025-01-10")}};
  std::vector<NewViolation> found = FindNewViolations(windows, cases);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].ref, "case:2");

  const MentorPeriod period{"mentor:1", D("2025-12-20"), D("2026-08-15"), {{2026, 1}}};
  EXPECT_EQ(MissingMentorReports(period, D("2026-08-16")),
            (std::vector<std::pair<int, int>>{{2025, 2}, {2026, 2}}));
  EXPECT_EQ(MissingMentorReports(period, D("2026-08-15")),
            (std::vector<std::pair<int, int>>{{2025, 2}}));
  EXPECT_EQ(MissingMentorReports(period, D("2025-12-31")), (std::vector<std::pair<int, int>>{}));
}

}  // namespace
}  // namespace kangfu::domain
