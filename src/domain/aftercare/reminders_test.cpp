#include "domain/aftercare/reminders.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
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

std::vector<std::string> LinesOf(ReminderKind kind, const SubjectAftercare& s, const char* today) {
  std::vector<Reminder> all;
  EXPECT_TRUE(AppendReminders(s, DefaultPolicy(), Calendar2025(), D(today), &all).ok());
  std::vector<Reminder> only;
  for (const Reminder& r : all) {
    if (r.kind == kind) only.push_back(r);
  }
  return Lines(only);
}

TEST(ComputeRemindersTest, InfluenceEndingIsAnnouncedThirtyDaysAhead) {
  const SubjectAftercare s = Subject("s1", "2025-03-01");  // influence period ends 2026-02-28
  const ReminderKind kind = ReminderKind::kInfluenceEnding;
  EXPECT_EQ(LinesOf(kind, s, "2026-01-29"), std::vector<std::string>{});
  EXPECT_EQ(LinesOf(kind, s, "2026-01-30"),
            std::vector<std::string>{"2026-02-28 s1 influence_ending m-s1 org-city"});
  EXPECT_EQ(LinesOf(kind, s, "2026-02-28"),
            std::vector<std::string>{"2026-02-28 s1 influence_ending m-s1 org-city"});
  EXPECT_EQ(LinesOf(kind, s, "2026-03-01"), std::vector<std::string>{});

  SubjectAftercare open_ended = s;
  open_ended.measures[0].influence_end.reset();  // 开除 or 留党察看 without outcome
  EXPECT_EQ(LinesOf(kind, open_ended, "2026-02-01"), std::vector<std::string>{});

  AftercarePolicy policy = DefaultPolicy();
  policy.reminders.influence_notice_days = 10;
  std::vector<Reminder> out;
  ASSERT_TRUE(AppendReminders(s, policy, Calendar2025(), D("2026-02-18"), &out).ok());
  EXPECT_TRUE(std::none_of(out.begin(), out.end(), [](const Reminder& r) {
    return r.kind == ReminderKind::kInfluenceEnding;
  }));
  out.clear();
  ASSERT_TRUE(AppendReminders(s, policy, Calendar2025(), D("2026-02-19"), &out).ok());
  EXPECT_EQ(
      std::count_if(out.begin(), out.end(),
                    [](const Reminder& r) { return r.kind == ReminderKind::kInfluenceEnding; }),
      1);
}

TEST(ComputeRemindersTest, ProbationTermEndedWithoutOutcomeIsOverdueUntilDecided) {
  SubjectAftercare s = Subject("s1", "2025-03-01");
  AftercareMeasure& m = s.measures[0];
  m.kind_code = "party.probation";
  m.form = 3;
  m.is_probation = true;
  m.influence_end.reset();
  m.probation_term_end = D("2026-03-01");
  const ReminderKind kind = ReminderKind::kProbationOutcome;
  EXPECT_EQ(LinesOf(kind, s, "2026-01-29"), std::vector<std::string>{});
  EXPECT_EQ(LinesOf(kind, s, "2026-01-30"),
            std::vector<std::string>{"2026-03-01 s1 probation_outcome m-s1 org-city"});
  EXPECT_EQ(LinesOf(kind, s, "2026-03-02"),
            std::vector<std::string>{"2026-03-01 s1 probation_outcome m-s1 org-city overdue"});
  m.probation_outcome = true;
  EXPECT_EQ(LinesOf(kind, s, "2026-03-02"), std::vector<std::string>{});
}

TEST(ReminderKindTest, CodesRoundTrip) {
  for (ReminderKind kind : kAllReminderKinds) {
    EXPECT_EQ(ReminderKindFromCode(ReminderKindCode(kind)), kind);
  }
  EXPECT_EQ(ReminderKindFromCode("influence_ending"), ReminderKind::kInfluenceEnding);
  EXPECT_EQ(ReminderKindFromCode("nothing"), std::nullopt);
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

// Regression guard for the fast path (no plan edits, no yearly cap): it must give exactly what
// PlanVisits + MatchVisits give. A cap no subject reaches forces the general path.
TEST(ComputeRemindersTest, PlainVisitPathMatchesTheGeneralOne) {
  const char* const kinds[] = {"party.warning", "party.probation", "gov.demotion", "org.removal"};
  std::vector<SubjectAftercare> subjects;
  for (int i = 0; i < 60; ++i) {
    SubjectAftercare s;
    s.subject_id = "s" + std::to_string(i);
    s.executing_unit = "unit-" + std::to_string(i % 3);
    const int measures = 1 + i % 3;
    for (int k = 0; k < measures; ++k) {
      AftercareMeasure m;
      // Two measures of one case on one day (merged visit) or on other days; ids out of order.
      m.measure_id = "m" + std::to_string((7 * i + 3 * k) % 10);
      m.case_id = "c" + std::to_string(i) + "-" + std::to_string(k / 2);
      m.kind_code = kinds[(i + k) % 4];
      m.form = (i + k) % 4 == 1 ? 3 : 2;
      m.is_probation = (i + k) % 4 == 1;
      m.effective =
          D("2024-01-10").AddDays(static_cast<int32_t>((i * 37 + k * (i % 2) * 50) % 500));
      if (m.is_probation) m.probation_term_end = m.effective.AddMonths(12);
      if (i % 5 != 0) m.influence_end = m.effective.AddMonths(12 * (1 + (i + k) % 3));
      m.deciding_organ = (i + k) % 3 == 0 ? "org-a" : "org-b";
      s.measures.push_back(m);
    }
    if (i % 3 == 1) {  // an unkeyed visit
      VisitRecord v;
      v.date = s.measures[0].effective.AddDays(40);
      s.visits.push_back(v);
    }
    if (i % 4 == 2) {  // a keyed visit (the key the plan gives), and one naming nothing
      VisitRecord v;
      v.plan_key = "first_visit:" + s.measures.back().measure_id;
      v.date = s.measures.back().effective.AddDays(20);
      s.visits.push_back(v);
      v.plan_key = "no_such_rule:x";
      s.visits.push_back(v);
    }
    subjects.push_back(std::move(s));
  }
  AftercarePolicy plain = DefaultPolicy();
  AftercarePolicy capped = plain;
  capped.visit.max_visits_per_year = 1000;
  for (const char* today : {"2024-03-01", "2024-09-30", "2025-06-15", "2026-12-31"}) {
    const ReminderReport fast = ComputeReminders(subjects, plain, Calendar2025(), D(today));
    const ReminderReport general = ComputeReminders(subjects, capped, Calendar2025(), D(today));
    EXPECT_EQ(fast.reminders, general.reminders) << today;
    EXPECT_GT(fast.reminders.size(), 10u) << today;
  }
}

}  // namespace
}  // namespace kangfu::domain
