#include "domain/aftercare/reminders.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "domain/aftercare/test_support.hpp"

namespace kangfu::domain {
namespace {

using testing::Calendar2025;
using testing::D;
using testing::DefaultPolicy;

SubjectAftercare Subject(const char* id, const char* effective) {
  SubjectAftercare s;
  s.subject_id = id;
  s.executing_unit = "unit-1";
  AftercareMeasure m;
  m.measure_id = std::string("m-") + id;
  m.case_id = std::string("case-") + id;
  m.kind_code = "party.warning";
  m.form = 2;
  m.effective = D(effective);
  m.influence_end = D(effective).AddMonths(12);
  m.deciding_organ = "org-city";
  s.measures = {m};
  return s;
}

std::vector<std::string> Lines(const std::vector<Reminder>& reminders) {
  std::vector<std::string> out;
  out.reserve(reminders.size());
  for (const Reminder& r : reminders) {
    out.push_back(r.due.ToString() + " " + r.subject_id + " " +
                  std::string(ReminderKindCode(r.kind)) + " " + r.ref + " " + r.responsible +
                  (r.overdue ? " overdue" : ""));
  }
  return out;
}

TEST(ComputeRemindersTest, SortedByDueAcrossSubjects) {
  const std::vector<SubjectAftercare> subjects = {Subject("s2", "2025-03-01"),
                                                  Subject("s1", "2025-04-10")};
  const ReminderReport report =
      ComputeReminders(subjects, DefaultPolicy(), Calendar2025(), D("2025-04-10"));
  EXPECT_TRUE(report.problems.empty());
  EXPECT_EQ(Lines(report.reminders), (std::vector<std::string>{
                                         "2025-03-31 s2 execution case-s2:announce unit-1 overdue",
                                         "2025-05-09 s1 execution case-s1:announce unit-1",
                                         "2025-08-31 s2 visit first_visit:m-s2 org-city",
                                         "2025-10-09 s1 visit first_visit:m-s1 org-city",
                                     }));
  EXPECT_EQ(report.reminders[2].title, "处分处理决定生效后六个月内首次回访");
}

TEST(ComputeRemindersTest, DoneWorkDisappears) {
  SubjectAftercare s = Subject("s1", "2025-03-01");
  s.execution_done = {{"case-s1:announce", D("2025-03-05"), "p-clerk"}};
  VisitRecord visit;
  visit.date = D("2025-04-01");
  s.visits = {visit};
  const std::vector<SubjectAftercare> subjects = {s};
  EXPECT_TRUE(ComputeReminders(subjects, DefaultPolicy(), Calendar2025(), D("2025-04-10"))
                  .reminders.empty());
}

TEST(ComputeRemindersTest, UncoveredYearAndStaleEditsAreReportedNotHidden) {
  SubjectAftercare s = Subject("s1", "2025-03-01");
  s.execution_done = {{"case-s1:announce", D("2025-03-05"), "p-clerk"}};
  Escalation ok;
  ok.id = "e1";
  ok.opened_on = D("2025-09-25");
  ok.responsible = "committee-1";
  Escalation december = ok;
  december.id = "e2";
  december.opened_on = D("2025-12-22");
  s.escalations = {ok, december};
  PlanEdit stale;
  stale.kind = PlanEditKind::kRemove;
  stale.visit_key = "first_visit:old";
  stale.reason = "x";
  s.plan_edits = {stale};
  const std::vector<SubjectAftercare> subjects = {s};
  const ReminderReport report =
      ComputeReminders(subjects, DefaultPolicy(), Calendar2025(), D("2025-12-23"));
  ASSERT_EQ(report.problems.size(), 1U);
  EXPECT_EQ(report.problems[0].reason(), "plan_edit.unknown_visit");
  EXPECT_EQ(report.problems[0].field(), "subjects[0].plan_edits[0].visit_key");
  EXPECT_EQ(Lines(report.reminders),
            (std::vector<std::string>{
                "2025-08-31 s1 visit first_visit:m-s1 org-city overdue",
                "2025-08-31 s1 execution case-s1:execution_report unit-1 overdue",
                "2025-10-22 s1 escalation e1 committee-1 overdue",
            }));

  s.plan_edits.clear();
  const std::vector<SubjectAftercare> again = {s};
  const ReminderReport second =
      ComputeReminders(again, DefaultPolicy(), Calendar2025(), D("2025-12-23"));
  ASSERT_EQ(second.problems.size(), 1U);
  EXPECT_EQ(second.problems[0].reason(), "calendar.year_not_covered");
  EXPECT_EQ(second.problems[0].field(), "subjects[0].escalations[1]");
}

}  // namespace
}  // namespace kangfu::domain
