#include "domain/aftercare/mentoring.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "domain/aftercare/test_support.hpp"

namespace kangfu::domain {
namespace {

using testing::D;

MentorAssignment Assignment(const char* start, std::optional<Date> end = std::nullopt) {
  return {.id = "ma1",
          .subject_id = "p-subject",
          .mentor_id = "p-mentor",
          .assigned_by = "org-unit",
          .start = D(start),
          .end = end};
}

MentorFacts Facts(bool leads_subject_unit, bool leads_parent_unit, bool under_influence_period,
                  bool on_hold) {
  MentorFacts f;
  f.leads_subject_unit = leads_subject_unit;
  f.leads_parent_unit = leads_parent_unit;
  f.under_influence_period = under_influence_period;
  f.on_hold = on_hold;
  return f;
}

struct Half {
  std::string label;
  std::string from;
  std::string to;
  std::string talk_due;
  int talks;
  bool met;
  bool overdue;
  std::string report_due;
  bool report_overdue;
  friend bool operator==(const Half&, const Half&) = default;
};

void PrintTo(const Half& h, std::ostream* os) {
  *os << h.label << " [" << h.from << ", " << h.to << "] due " << h.talk_due << " talks " << h.talks
      << (h.met ? " met" : "") << (h.overdue ? " overdue" : "") << " report " << h.report_due
      << (h.report_overdue ? " overdue" : "");
}

std::vector<Half> Halves(const MentoringCompliance& c) {
  std::vector<Half> out;
  out.reserve(c.half_years.size());
  for (const HalfYearCompliance& h : c.half_years) {
    out.push_back({HalfYearLabel(h.year, h.half), h.from.ToString(), h.to.ToString(),
                   h.talk_due.ToString(), h.talks, h.talk_met, h.talk_overdue,
                   h.report_due ? h.report_due->ToString() : "", h.report_overdue});
  }
  return out;
}

TEST(MentoringComplianceTest, TalksAndReportsPerCalendarHalfYear) {
  const std::vector<Date> talks = {D("2025-03-20"), D("2025-08-05")};
  const std::vector<MentorReport> reports = {{2025, 1, D("2025-07-10")}};
  const MentoringCompliance c = ComputeMentoringCompliance(Assignment("2025-03-10"), talks, reports,
                                                           MentoringPolicy{}, D("2026-02-01"));
  EXPECT_EQ(c.first_talk_due, D("2025-04-09"));
  EXPECT_EQ(c.first_talk, D("2025-03-20"));
  EXPECT_FALSE(c.first_talk_late);
  EXPECT_FALSE(c.first_talk_overdue);
  EXPECT_EQ(Halves(c), (std::vector<Half>{{"2025年上半年", "2025-03-10", "2025-06-30", "2025-06-30",
                                           1, true, false, "2025-07-15", false},
                                          {"2025年下半年", "2025-07-01", "2025-12-31", "2025-12-31",
                                           1, true, false, "2026-01-15", true},
                                          {"2026年上半年", "2026-01-01", "2026-06-30", "2026-06-30",
                                           0, false, false, "2026-07-15", false}}));
  EXPECT_EQ(c.half_years[0].report_submitted, D("2025-07-10"));
  EXPECT_EQ(c.half_years_due, 2);
  EXPECT_EQ(c.half_years_with_talk, 2);
}

TEST(MentoringComplianceTest, AMissedHalfYearIsFlagged) {
  const std::vector<Date> talks = {D("2025-03-20")};
  const MentoringCompliance c = ComputeMentoringCompliance(Assignment("2025-03-10"), talks, {},
                                                           MentoringPolicy{}, D("2026-01-01"));
  ASSERT_EQ(c.half_years.size(), 3U);  // 2026年上半年 has begun
  EXPECT_FALSE(c.half_years[2].talk_overdue);
  EXPECT_FALSE(c.half_years[1].talk_met);
  EXPECT_TRUE(c.half_years[1].talk_overdue);
  EXPECT_EQ(c.half_years_due, 2);
  EXPECT_EQ(c.half_years_with_talk, 1);
  // On the due date itself nothing is overdue yet.
  const MentoringCompliance on_due = ComputeMentoringCompliance(Assignment("2025-03-10"), talks, {},
                                                                MentoringPolicy{}, D("2025-12-31"));
  EXPECT_FALSE(on_due.half_years[1].talk_overdue);
  EXPECT_EQ(on_due.half_years_due, 1);
}

TEST(MentoringComplianceTest, FirstTalkWithinAMonth) {
  struct Case {
    std::vector<Date> talks;
    const char* today;
    bool late;
    bool overdue;
  };
  const std::vector<Case> cases = {
      {{}, "2025-04-09", false, false},
      {{}, "2025-04-10", false, true},
      {{D("2025-04-09")}, "2025-05-01", false, false},
      {{D("2025-04-10")}, "2025-05-01", true, false},
      {{D("2025-03-01")}, "2025-04-10", false, true},  // before the assignment: not counted
  };
  for (const Case& c : cases) {
    const MentoringCompliance m = ComputeMentoringCompliance(Assignment("2025-03-10"), c.talks, {},
                                                             MentoringPolicy{}, D(c.today));
    EXPECT_EQ(m.first_talk_late, c.late) << c.today;
    EXPECT_EQ(m.first_talk_overdue, c.overdue) << c.today;
  }
}

TEST(MentoringComplianceTest, AssignmentLateInAHalfYearIsMetByTheFirstTalk) {
  const std::vector<Date> talks = {D("2026-01-10")};
  const MentoringCompliance c = ComputeMentoringCompliance(Assignment("2025-12-20"), talks, {},
                                                           MentoringPolicy{}, D("2026-02-01"));
  EXPECT_EQ(Halves(c), (std::vector<Half>{{"2025年下半年", "2025-12-20", "2025-12-31", "2026-01-19",
                                           1, true, false, "2026-01-15", true},
                                          {"2026年上半年", "2026-01-01", "2026-06-30", "2026-06-30",
                                           1, true, false, "2026-07-15", false}}));
}

TEST(MentoringComplianceTest, StopsAtTheEndOfThePeriod) {
  MentoringPolicy policy;
  policy.half_year_report = false;
  const MentoringCompliance c = ComputeMentoringCompliance(
      Assignment("2025-03-10", D("2025-09-30")), {}, {}, policy, D("2026-03-01"));
  EXPECT_EQ(
      Halves(c),
      (std::vector<Half>{
          {"2025年上半年", "2025-03-10", "2025-06-30", "2025-06-30", 0, false, true, "", false},
          {"2025年下半年", "2025-07-01", "2025-09-30", "2025-09-30", 0, false, true, "", false}}));
}

TEST(MentoringComplianceTest, FarFutureTodayStopsAtTheLastRepresentableYear) {
  const MentoringCompliance c =
      ComputeMentoringCompliance(Assignment("9997-03-10"), {}, {}, MentoringPolicy{}, Date::Max());
  ASSERT_EQ(c.half_years.size(), 4U);
  EXPECT_EQ(c.half_years.back().to, D("9998-12-31"));
}

TEST(ValidateMentorAssignmentTest, AcceptsALeaderOfTheUnitOrTheLevelAbove) {
  EXPECT_TRUE(
      ValidateMentorAssignment(Assignment("2025-03-10"), Facts(true, false, false, false)).ok());
  EXPECT_TRUE(
      ValidateMentorAssignment(Assignment("2025-03-10"), Facts(false, true, false, false)).ok());
}

TEST(ValidateMentorAssignmentTest, RefusesEachProblemNamingTheField) {
  struct Case {
    MentorAssignment assignment;
    MentorFacts facts;
    const char* reason;
    const char* field;
  };
  MentorAssignment self = Assignment("2025-03-10");
  self.mentor_id = "p-subject";
  MentorAssignment none = Assignment("2025-03-10");
  none.mentor_id.clear();
  MentorAssignment no_assigner = Assignment("2025-03-10");
  no_assigner.assigned_by.clear();
  const MentorFacts leader = Facts(true, false, false, false);
  const std::vector<Case> cases = {
      {self, leader, "mentor.is_subject", "mentor_id"},
      {none, leader, "mentor.missing", "mentor_id"},
      {Assignment("2025-03-10"), Facts(false, false, false, false), "mentor.not_leader",
       "mentor_id"},
      {Assignment("2025-03-10"), Facts(true, false, true, false), "mentor.under_influence",
       "mentor_id"},
      {Assignment("2025-03-10"), Facts(false, true, false, true), "mentor.on_hold", "mentor_id"},
      {no_assigner, leader, "mentor.assigner_missing", "assigned_by"},
      {Assignment("2025-03-10", D("2025-03-09")), leader, "mentor.period_invalid", "end"},
  };
  for (const Case& c : cases) {
    const Status status = ValidateMentorAssignment(c.assignment, c.facts);
    ASSERT_FALSE(status.ok()) << c.reason;
    EXPECT_EQ(status.reason(), c.reason);
    EXPECT_EQ(status.field(), c.field);
    EXPECT_FALSE(status.message().empty());
  }
  const Status status =
      ValidateMentorAssignment(Assignment("2025-03-10"), Facts(false, false, true, true));
  ASSERT_EQ(status.details().size(), 3U);
  EXPECT_EQ(status.message(),
            "教育帮带责任人应为帮带对象所在单位或上一级单位的领导班子成员，请另行确定。");
}

}  // namespace
}  // namespace kangfu::domain
