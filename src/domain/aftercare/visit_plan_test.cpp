#include "domain/aftercare/visit_plan.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "domain/aftercare/test_support.hpp"

namespace kangfu::domain {
namespace {

using testing::D;
using testing::DefaultPolicy;

AftercareMeasure M(const char* id, const char* kind, int form, const char* effective,
                   std::optional<Date> influence_end, const char* organ = "org-city") {
  AftercareMeasure m;
  m.measure_id = id;
  m.case_id = "case-1";
  m.kind_code = kind;
  m.form = form;
  m.effective = D(effective);
  m.influence_end = influence_end;
  m.deciding_organ = organ;
  return m;
}

AftercareMeasure Probation(const char* id, const char* effective, const char* term_end) {
  AftercareMeasure m = M(id, "party.probation", 3, effective, std::nullopt);
  m.is_probation = true;
  m.probation_term_end = D(term_end);
  return m;
}

struct Window {
  std::string key;
  std::string from;
  std::string due;
  std::string responsible;
  std::vector<std::string> measure_ids;
  friend bool operator==(const Window&, const Window&) = default;
};

std::vector<Window> Windows(const std::vector<PlannedVisit>& visits) {
  std::vector<Window> out;
  out.reserve(visits.size());
  for (const PlannedVisit& v : visits) {
    out.push_back({v.key, v.from.ToString(), v.due.ToString(), v.responsible, v.measure_ids});
  }
  return out;
}

void PrintTo(const Window& w, std::ostream* os) {
  *os << w.key << " [" << w.from << ", " << w.due << "] " << w.responsible;
}

PlanEdit Edit(PlanEditKind kind, std::string key, std::optional<Date> from, std::optional<Date> due,
              std::string responsible, std::string reason, std::string title = {}) {
  PlanEdit edit;
  edit.kind = kind;
  edit.visit_key = std::move(key);
  edit.from = from;
  edit.due = due;
  edit.responsible = std::move(responsible);
  edit.reason = std::move(reason);
  edit.title = std::move(title);
  return edit;
}

TEST(PlanVisitsTest, WarningGetsOneVisitWithinSixMonths) {
  const std::vector<AftercareMeasure> measures = {
      M("m1", "party.warning", 2, "2025-03-15", D("2026-03-15"))};
  const VisitPlan plan = PlanVisits(measures, DefaultPolicy().visit);
  EXPECT_EQ(
      Windows(plan.visits),
      (std::vector<Window>{{"first_visit:m1", "2025-03-15", "2025-09-14", "org-city", {"m1"}}}));
  EXPECT_EQ(plan.visits[0].title, "处分处理决定生效后六个月内首次回访");
  EXPECT_TRUE(plan.skipped.empty());
}

TEST(PlanVisitsTest, TwentyFourMonthPeriodGetsASecondVisitBeforeItEnds) {
  const std::vector<AftercareMeasure> measures = {
      M("m1", "party.removal_from_post", 3, "2025-01-31", D("2027-01-31"))};
  const VisitPlan plan = PlanVisits(measures, DefaultPolicy().visit);
  EXPECT_EQ(Windows(plan.visits),
            (std::vector<Window>{
                {"first_visit:m1", "2025-01-31", "2025-07-30", "org-city", {"m1"}},
                {"before_influence_end:m1", "2026-10-31", "2027-01-30", "org-city", {"m1"}}}));
}

TEST(PlanVisitsTest, EighteenMonthPeriodGetsNoSecondVisit) {
  const std::vector<AftercareMeasure> measures = {
      M("m1", "party.serious_warning", 2, "2025-01-31", D("2026-07-31"))};
  EXPECT_EQ(PlanVisits(measures, DefaultPolicy().visit).visits.size(), 1U);
}

TEST(PlanVisitsTest, ProbationIsVisitedWhenItsTermEnds) {
  const std::vector<AftercareMeasure> measures = {Probation("p1", "2024-08-31", "2025-08-31")};
  const VisitPlan plan = PlanVisits(measures, DefaultPolicy().visit);
  EXPECT_EQ(Windows(plan.visits),
            (std::vector<Window>{
                {"first_visit:p1", "2024-08-31", "2025-02-27", "org-city", {"p1"}},
                {"probation_term_end:p1", "2025-07-31", "2025-09-29", "org-city", {"p1"}}}));
}

TEST(PlanVisitsTest, FirstAndFourthFormsAreNotVisitedByDefault) {
  const std::vector<AftercareMeasure> measures = {
      M("m1", "first.admonishment", 1, "2025-03-15", D("2025-09-15")),
      M("m2", "judicial.transfer", 4, "2025-03-15", std::nullopt)};
  EXPECT_TRUE(PlanVisits(measures, DefaultPolicy().visit).visits.empty());
}

TEST(PlanVisitsTest, SameWindowSameOrganIsOneVisit) {
  const std::vector<AftercareMeasure> measures = {
      M("m2", "gov.demerit", 2, "2025-03-15", D("2026-03-15")),
      M("m1", "party.warning", 2, "2025-03-15", D("2026-03-15")),
      M("m3", "org.reassignment", 2, "2025-03-15", D("2026-03-15"), "org-county")};
  const VisitPlan plan = PlanVisits(measures, DefaultPolicy().visit);
  EXPECT_EQ(
      Windows(plan.visits),
      (std::vector<Window>{{"first_visit:m1", "2025-03-15", "2025-09-14", "org-city", {"m1", "m2"}},
                           {"first_visit:m3", "2025-03-15", "2025-09-14", "org-county", {"m3"}}}));
}

TEST(PlanVisitsTest, VisitsBeyondTheYearlyCapAreSkippedWithANote) {
  VisitPolicy policy = DefaultPolicy().visit;
  policy.max_visits_per_year = 1;
  const std::vector<AftercareMeasure> measures = {
      M("m1", "party.warning", 2, "2025-01-10", D("2026-01-10")),
      M("m2", "gov.demerit", 2, "2025-02-20", D("2026-02-20"), "org-county")};
  const VisitPlan plan = PlanVisits(measures, policy);
  EXPECT_EQ(
      Windows(plan.visits),
      (std::vector<Window>{{"first_visit:m1", "2025-01-10", "2025-07-09", "org-city", {"m1"}}}));
  EXPECT_EQ(
      Windows(plan.skipped),
      (std::vector<Window>{{"first_visit:m2", "2025-02-20", "2025-08-19", "org-county", {"m2"}}}));
  EXPECT_EQ(plan.skipped[0].note, "超过每年最多回访1次的规定，未列入计划");
}

TEST(PlanVisitsTest, VisitsDueBeforeALedgerImportAreSkippedForThatOrganOnly) {
  // Imported on 2025-08-01: the city's first visit (due 2025-07-30) was the paper ledger's work;
  // its second (due 2027-01-30) and the county's visit (no import) stay; a visit due on the import
  // day itself is still planned.
  const std::vector<AftercareMeasure> measures = {
      M("m1", "party.removal_from_post", 3, "2025-01-31", D("2027-01-31")),
      M("m2", "gov.demerit", 2, "2025-02-20", D("2026-02-20"), "org-county"),
      M("m3", "party.warning", 2, "2025-02-02", D("2026-02-02"))};
  const std::vector<ImportedPlan> imported = {{"org-city", D("2025-08-01")}};
  const VisitPlan plan = PlanVisits(measures, DefaultPolicy().visit, imported);
  EXPECT_EQ(Windows(plan.visits),
            (std::vector<Window>{
                {"first_visit:m3", "2025-02-02", "2025-08-01", "org-city", {"m3"}},
                {"first_visit:m2", "2025-02-20", "2025-08-19", "org-county", {"m2"}},
                {"before_influence_end:m1", "2026-10-31", "2027-01-30", "org-city", {"m1"}}}));
  EXPECT_EQ(
      Windows(plan.skipped),
      (std::vector<Window>{{"first_visit:m1", "2025-01-31", "2025-07-30", "org-city", {"m1"}}}));
  EXPECT_EQ(plan.skipped[0].note,
            "回访期限在台账导入（2025-08-01）之前，属纸质台账管理期间，未列入本系统回访计划");
  EXPECT_EQ(ImportedOn(imported, "org-city"), D("2025-08-01"));
  EXPECT_EQ(ImportedOn(imported, "org-county"), std::nullopt);
}

TEST(PlanVisitsTest, VisitsSkippedAsImportedDoNotCountTowardsTheYearlyCap) {
  VisitPolicy policy = DefaultPolicy().visit;
  policy.max_visits_per_year = 1;
  const std::vector<AftercareMeasure> measures = {
      M("m1", "party.warning", 2, "2025-01-10", D("2026-01-10")),
      M("m2", "gov.demerit", 2, "2025-03-20", D("2026-03-20"))};
  const VisitPlan plan = PlanVisits(measures, policy, {{{"org-city", D("2025-08-01")}}});
  EXPECT_EQ(
      Windows(plan.visits),
      (std::vector<Window>{{"first_visit:m2", "2025-03-20", "2025-09-19", "org-city", {"m2"}}}));
  ASSERT_EQ(plan.skipped.size(), 1U);
  EXPECT_EQ(plan.skipped[0].key, "first_visit:m1");
}

TEST(ApplyPlanEditsTest, AddRemoveAndRescheduleWithReasons) {
  const std::vector<AftercareMeasure> measures = {
      M("m1", "party.removal_from_post", 3, "2025-01-31", D("2027-01-31"))};
  const VisitPlan generated = PlanVisits(measures, DefaultPolicy().visit);
  const std::vector<PlanEdit> edits = {
      Edit(PlanEditKind::kReschedule, "first_visit:m1", std::nullopt, D("2025-04-30"), "",
           "本人思想波动较大，提前回访"),
      Edit(PlanEditKind::kAdd, "extra-1", D("2025-10-01"), D("2025-12-31"), "org-county",
           "委托县纪委加强跟踪", "思想状况跟踪回访"),
      Edit(PlanEditKind::kRemove, "before_influence_end:m1", std::nullopt, std::nullopt, "",
           "已调离本地区"),
  };
  Result<VisitPlan> plan = ApplyPlanEdits(generated, edits);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(Windows(plan->visits),
            (std::vector<Window>{{"first_visit:m1", "2025-01-31", "2025-04-30", "org-city", {"m1"}},
                                 {"extra-1", "2025-10-01", "2025-12-31", "org-county", {}}}));
  EXPECT_EQ(plan->visits[0].note, "本人思想波动较大，提前回访");
  ASSERT_EQ(plan->skipped.size(), 1U);
  EXPECT_EQ(plan->skipped[0].key, "before_influence_end:m1");
  EXPECT_EQ(plan->skipped[0].note, "已调离本地区");
}

struct BadEdit {
  PlanEdit edit;
  const char* reason;
  const char* field;
};

TEST(ApplyPlanEditsTest, RefusesBadEditsNamingTheField) {
  const std::vector<AftercareMeasure> measures = {
      M("m1", "party.warning", 2, "2025-03-15", D("2026-03-15"))};
  const VisitPlan generated = PlanVisits(measures, DefaultPolicy().visit);
  const std::vector<BadEdit> cases = {
      {Edit(PlanEditKind::kRemove, "first_visit:m1", std::nullopt, std::nullopt, "", ""),
       "plan_edit.reason_required", "edits[0].reason"},
      {Edit(PlanEditKind::kRemove, "nope", std::nullopt, std::nullopt, "", "x"),
       "plan_edit.unknown_visit", "edits[0].visit_key"},
      {Edit(PlanEditKind::kAdd, "first_visit:m1", D("2025-05-01"), D("2025-06-01"), "o", "x", "t"),
       "plan_edit.key_taken", "edits[0].visit_key"},
      {Edit(PlanEditKind::kAdd, "k", std::nullopt, std::nullopt, "", "x", "t"),
       "plan_edit.incomplete", "edits[0].from"},
      {Edit(PlanEditKind::kAdd, "k", D("2025-05-01"), D("2025-06-01"), "", "x", "t"),
       "plan_edit.incomplete", "edits[0].responsible"},
      {Edit(PlanEditKind::kReschedule, "first_visit:m1", D("2025-06-01"), D("2025-05-01"), "", "x"),
       "plan_edit.window_invalid", "edits[0].due"},
      {Edit(PlanEditKind::kReschedule, "first_visit:m1", D("2025-10-01"), std::nullopt, "", "x"),
       "plan_edit.window_invalid", "edits[0].from"},
      {Edit(PlanEditKind::kReschedule, "first_visit:m1", std::nullopt, std::nullopt, "", "x"),
       "plan_edit.incomplete", "edits[0].due"},
  };
  for (const BadEdit& c : cases) {
    Result<VisitPlan> plan = ApplyPlanEdits(generated, std::vector<PlanEdit>{c.edit});
    ASSERT_FALSE(plan.ok()) << c.reason;
    EXPECT_EQ(plan.status().reason(), c.reason);
    EXPECT_EQ(plan.status().field(), c.field) << c.reason;
    EXPECT_FALSE(plan.status().message().empty());
  }
  // Removing twice: the second edit no longer finds the visit.
  const std::vector<PlanEdit> twice = {
      Edit(PlanEditKind::kRemove, "first_visit:m1", std::nullopt, std::nullopt, "", "x"),
      Edit(PlanEditKind::kRemove, "first_visit:m1", std::nullopt, std::nullopt, "", "y")};
  Result<VisitPlan> plan = ApplyPlanEdits(generated, twice);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.status().field(), "edits[1].visit_key");
}

}  // namespace
}  // namespace kangfu::domain
