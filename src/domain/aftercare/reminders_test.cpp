#include "domain/aftercare/reminders.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
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

// A population spanning several of ComputeReminders' blocks of subjects, with every kind of
// reminder and problems in more than one block.
std::vector<SubjectAftercare> Population(int count) {
  std::vector<SubjectAftercare> subjects;
  for (int i = 0; i < count; ++i) {
    const std::string id = "s" + std::to_string(i);
    const Date effective = D("2024-01-01").AddDays((i * 37) % 700);
    SubjectAftercare s = Subject(id.c_str(), effective.ToString().c_str());
    if (i % 3 == 0) {
      AftercareMeasure m = s.measures[0];
      m.measure_id += "-b";
      m.kind_code = i % 2 == 0 ? "party.removal_from_post" : "party.probation";
      m.form = 3;
      m.influence_end = effective.AddMonths(24);
      if (i % 2 == 1) {
        m.is_probation = true;
        m.influence_end.reset();
        m.probation_term_end = effective.AddMonths(12);
      }
      s.measures.push_back(m);
    }
    if (i % 4 == 0) s.execution_done = {{s.measures[0].case_id + ":announce", effective, "p"}};
    if (i % 5 == 0) {
      VisitRecord visit;
      visit.date = effective.AddDays(50);
      s.visits = {visit};
    }
    if (i % 7 == 0) {
      MentoringRecord m;
      m.assignment = {.id = id + "-ma",
                      .subject_id = id,
                      .mentor_id = "mentor-" + std::to_string(i % 13),
                      .assigned_by = "unit-1",
                      .start = effective.AddDays(10),
                      .end = std::nullopt};
      if (i % 2 == 0) m.talks = {effective.AddDays(30)};
      s.mentoring = {m};
    }
    if (i % 11 == 0 || i % 1500 == 7) {
      Escalation e;
      e.id = id + "-e";
      // Opened in December: the deadline falls in 2026, which Calendar2025 does not cover.
      e.opened_on = i % 1500 == 7 ? D("2025-12-22") : D("2025-01-06").AddDays(i % 300);
      e.responsible = "committee-1";
      s.escalations = {e};
    }
    if (i % 2300 == 11) {
      PlanEdit stale;
      stale.kind = PlanEditKind::kRemove;
      stale.visit_key = "first_visit:old";
      stale.reason = "x";
      s.plan_edits = {stale};
    }
    subjects.push_back(std::move(s));
  }
  return subjects;
}

TEST(ComputeRemindersTest, AnyNumberOfWorkersGivesTheSubjectByDueOrder) {
  const std::vector<SubjectAftercare> subjects = Population(4700);
  const AftercarePolicy policy = DefaultPolicy();
  const WorkCalendar calendar = Calendar2025();
  const Date today = D("2025-12-23");
  // What the contract says: each subject's AppendReminders, ordered by (due, subject, kind, ref).
  std::vector<std::pair<std::size_t, Reminder>> keyed;
  std::vector<std::string> expected_problems;
  for (std::size_t i = 0; i < subjects.size(); ++i) {
    std::vector<Reminder> own;
    Status status = AppendReminders(subjects[i], policy, calendar, today, &own);
    if (!status.ok()) {
      status.PrefixField("subjects[" + std::to_string(i) + "]");
      expected_problems.push_back(status.field() + " " + status.reason());
    }
    for (Reminder& r : own) keyed.emplace_back(i, std::move(r));
  }
  std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
    return std::tie(a.second.due, a.first, a.second.kind, a.second.ref) <
           std::tie(b.second.due, b.first, b.second.kind, b.second.ref);
  });
  std::vector<Reminder> expected;
  expected.reserve(keyed.size());
  for (auto& [subject, reminder] : keyed) expected.push_back(std::move(reminder));
  EXPECT_EQ(expected_problems, (std::vector<std::string>{
                                   "subjects[7].escalations[0] calendar.year_not_covered",
                                   "subjects[11].plan_edits[0].visit_key plan_edit.unknown_visit",
                                   "subjects[1507].escalations[0] calendar.year_not_covered",
                                   "subjects[2311].plan_edits[0].visit_key plan_edit.unknown_visit",
                                   "subjects[3007].escalations[0] calendar.year_not_covered",
                                   "subjects[4507].escalations[0] calendar.year_not_covered",
                                   "subjects[4611].plan_edits[0].visit_key plan_edit.unknown_visit",
                               }));
  ASSERT_GT(expected.size(), 10000U);
  for (ReminderKind kind :
       {ReminderKind::kVisit, ReminderKind::kExecution, ReminderKind::kMentorFirstTalk,
        ReminderKind::kMentorTalk, ReminderKind::kMentorReport, ReminderKind::kEscalation,
        ReminderKind::kInfluenceEnding, ReminderKind::kProbationOutcome}) {
    EXPECT_TRUE(std::any_of(expected.begin(), expected.end(), [kind](const Reminder& r) {
      return r.kind == kind;
    })) << ReminderKindCode(kind);
  }

  for (unsigned workers : {1U, 2U, 3U, 8U, 0U}) {
    const ReminderReport report = ComputeReminders(subjects, policy, calendar, today, workers);
    EXPECT_TRUE(report.reminders == expected) << workers << " workers";

    std::vector<std::string> problems;
    problems.reserve(report.problems.size());
    for (const Status& p : report.problems) problems.push_back(p.field() + " " + p.reason());
    EXPECT_EQ(problems, expected_problems) << workers << " workers";
  }
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

TEST(ComputeRemindersTest, ImportedPlanDropsOnlyWorkDueBeforeTheImportDay) {
  SubjectAftercare s = Subject("s1", "2025-03-01");
  const std::vector<SubjectAftercare> tracked = {s};
  const std::vector<std::string> all =
      Lines(ComputeReminders(tracked, DefaultPolicy(), Calendar2025(), D("2025-05-10")).reminders);
  EXPECT_EQ(all,
            (std::vector<std::string>{"2025-03-31 s1 execution case-s1:announce unit-1 overdue",
                                      "2025-08-31 s1 visit first_visit:m-s1 org-city"}));
  s.imported_plans = {{"org-city", D("2025-05-01")}};
  const std::vector<SubjectAftercare> imported = {s};
  const std::vector<std::string> some =
      Lines(ComputeReminders(imported, DefaultPolicy(), Calendar2025(), D("2025-05-10")).reminders);
  // The announcement was due before the import (the import created no checklist item for it);
  // the first visit is still due.
  EXPECT_EQ(some, (std::vector<std::string>{"2025-08-31 s1 visit first_visit:m-s1 org-city"}));
  s.imported_plans = {{"org-county", D("2025-05-01")}};  // another organ's import changes nothing
  const std::vector<SubjectAftercare> other = {s};
  EXPECT_EQ(
      Lines(ComputeReminders(other, DefaultPolicy(), Calendar2025(), D("2025-05-10")).reminders),
      all);
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
    if (i % 7 == 3) {  // one organ's plan came from a ledger import
      s.imported_plans.push_back({.organ = i % 2 == 0 ? "org-a" : "org-b",
                                  .imported_on = D("2024-04-01").AddDays(i * 11)});
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
    EXPECT_EQ(Lines(fast.reminders), Lines(general.reminders)) << today;
    EXPECT_GT(fast.reminders.size(), 10u) << today;
  }
}

// The stored schedule (AppendSchedule) looked at on any day up to its horizon is the live list of
// that day (AppendReminders): visits, execution, mentoring half-years, escalations, endings and
// probation outcomes, done or not, walked day by day over two years.
TEST(ReminderScheduleTest, ScheduleLookedAtOnADayIsThatDaysList) {
  std::vector<SubjectAftercare> subjects;
  for (int i = 0; i < 6; ++i) {
    SubjectAftercare s = Subject(("s" + std::to_string(i)).c_str(), "2025-01-20");
    s.measures[0].effective = D("2025-01-20").AddDays(i * 45);
    s.measures[0].influence_end = s.measures[0].effective.AddMonths(12);
    if (i % 2 == 1) {
      s.measures[0].kind_code = "party.probation";
      s.measures[0].form = 3;
      s.measures[0].is_probation = true;
      s.measures[0].probation_term_end = s.measures[0].effective.AddMonths(12);
    }
    MentoringRecord m;
    m.assignment = {.id = "a" + std::to_string(i),
                    .subject_id = s.subject_id,
                    .mentor_id = "mentor-" + std::to_string(i),
                    .assigned_by = "org-city",
                    .start = s.measures[0].effective.AddDays(10),
                    .end = std::nullopt};
    if (i % 3 == 0) m.talks = {m.assignment.start.AddDays(20)};
    if (i == 4) m.assignment.end = m.assignment.start.AddMonths(8);
    s.mentoring.push_back(m);
    if (i % 2 == 0) {
      Escalation e;
      e.id = "e" + std::to_string(i);
      e.opened_on = D("2025-06-02");
      e.responsible = "committee-1";
      if (i == 2) e.resolved_on = D("2025-06-10");
      s.escalations.push_back(e);
    }
    if (i == 3) s.execution_done = {{"case-s3:announce", D("2025-06-01"), "p-clerk"}};
    subjects.push_back(std::move(s));
  }
  const Date horizon = D("2026-12-31");
  std::vector<ScheduledReminder> schedule;
  for (const SubjectAftercare& s : subjects) {
    ASSERT_TRUE(AppendSchedule(s, DefaultPolicy(), Calendar2025(), horizon, &schedule).ok());
  }
  int listed_days = 0;
  for (Date day = D("2025-01-01"); day <= D("2025-12-31"); day = day.AddDays(1)) {
    std::vector<Reminder> live;
    for (const SubjectAftercare& s : subjects) {
      ASSERT_TRUE(AppendReminders(s, DefaultPolicy(), Calendar2025(), day, &live).ok());
    }
    std::vector<Reminder> stored;
    for (const ScheduledReminder& item : schedule) {
      if (ListedOn(item, day)) stored.push_back(AsOf(item, day));
    }
    auto order = [](const Reminder& a, const Reminder& b) {
      return std::tie(a.subject_id, a.kind, a.ref) < std::tie(b.subject_id, b.kind, b.ref);
    };
    std::sort(live.begin(), live.end(), order);
    std::sort(stored.begin(), stored.end(), order);
    ASSERT_EQ(Lines(stored), Lines(live)) << day.ToString();
    ASSERT_EQ(stored, live) << day.ToString();
    if (!live.empty()) ++listed_days;
  }
  EXPECT_GT(listed_days, 300);
}

TEST(ClueReplyReminderTest, ListedFromTheDecisionUntilTheReply) {
  ClueReplyFacts clue{.clue_id = "c1",
                      .subject_id = "p1",
                      .organ_id = "org-7",
                      .handling_date = D("2025-09-01"),
                      .reply_due = D("2025-09-22")};
  struct Row {
    const char* day;
    const char* expected;  // "" when not listed
  };
  for (const Row& row :
       {Row{"2025-08-31", ""}, Row{"2025-09-01", "2025-09-22 p1 clue_reply c1 org-7"},
        Row{"2025-09-22", "2025-09-22 p1 clue_reply c1 org-7"},
        Row{"2025-09-23", "2025-09-22 p1 clue_reply c1 org-7 overdue"}}) {
    const std::optional<Reminder> r = ClueReplyReminder(clue, D(row.day));
    EXPECT_EQ(r ? Lines({*r}).front() : std::string(), row.expected) << row.day;
  }
  EXPECT_EQ(ClueReplyReminder(clue, D("2025-09-01"))->title,
            "谈话函询书面回复应于2025-09-22前收回");
  ClueReplyFacts replied = clue;
  replied.replied_on = D("2025-09-10");
  EXPECT_EQ(ClueReplyReminder(replied, D("2025-09-30")), std::nullopt);
  ClueReplyFacts concluded = clue;
  concluded.concluded = true;
  EXPECT_EQ(ClueReplyReminder(concluded, D("2025-09-30")), std::nullopt);
  ClueReplyFacts verification = clue;
  verification.reply_due.reset();
  EXPECT_EQ(ClueReplyReminder(verification, D("2025-09-30")), std::nullopt);
}

}  // namespace
}  // namespace kangfu::domain
