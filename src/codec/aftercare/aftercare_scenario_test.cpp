// A subject walked through two years by advancing `today`, on the shipped policy and the shipped
// holiday calendar: visits come due, an execution item goes overdue, an escalation passes its
// deadline across holidays, a mentor misses a half-year and is flagged.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "codec/aftercare/aftercare_json.hpp"
#include "codec/aftercare/calendar_json.hpp"
#include "domain/aftercare/reminders.hpp"

namespace kangfu::codec {
namespace {

using domain::Date;

Date D(const char* text) { return *Date::Parse(text); }

class AftercareScenarioTest : public ::testing::Test {
 protected:
  AftercareScenarioTest() : policy_(*ShippedAftercarePolicy()), calendar_(*ShippedWorkCalendar()) {
    subject_.subject_id = "s1";
    subject_.executing_unit = "unit-1";
    domain::AftercareMeasure m;
    m.measure_id = "m1";
    m.case_id = "case-1";
    m.kind_code = "party.removal_from_post";  // 撤销党内职务: form 3, 24 months
    m.form = 3;
    m.effective = D("2025-03-14");
    m.influence_end = D("2027-03-14");
    m.deciding_organ = "org-city";
    subject_.measures = {m};
    domain::MentoringRecord mentoring;
    mentoring.assignment = {.id = "ma1",
                            .subject_id = "s1",
                            .mentor_id = "p-mentor",
                            .assigned_by = "unit-1",
                            .start = D("2025-03-20"),
                            .end = std::nullopt};
    subject_.mentoring = {mentoring};
  }

  std::vector<std::string> On(const char* today) const {
    const std::vector<domain::SubjectAftercare> subjects = {subject_};
    const domain::ReminderReport report =
        domain::ComputeReminders(subjects, policy_, calendar_, D(today));
    EXPECT_TRUE(report.problems.empty()) << report.problems.front().ToString();
    std::vector<std::string> out;
    out.reserve(report.reminders.size());
    for (const domain::Reminder& r : report.reminders) {
      out.push_back(r.due.ToString() + " " + std::string(domain::ReminderKindCode(r.kind)) + " " +
                    r.ref + " " + r.responsible + (r.overdue ? " overdue" : ""));
    }
    return out;
  }

  void Done(const char* item_key, const char* on) {
    subject_.execution_done.push_back({item_key, D(on), "p-clerk"});
  }
  void Talk(const char* on) { subject_.mentoring[0].talks.push_back(D(on)); }
  void Report(int year, int half, const char* on) {
    subject_.mentoring[0].reports.push_back({year, half, D(on)});
  }

  domain::AftercarePolicy policy_;
  domain::WorkCalendar calendar_;
  domain::SubjectAftercare subject_;
};

using Lines = std::vector<std::string>;

TEST_F(AftercareScenarioTest, TwoYearsOfAftercare) {
  // The decision takes effect: the checklist's one-month items and the first visit appear.
  EXPECT_EQ(On("2025-03-14"), (Lines{
                                  "2025-04-13 execution case-1:announce unit-1",
                                  "2025-04-13 execution case-1:file unit-1",
                                  "2025-04-13 execution case-1:post_change unit-1",
                                  "2025-09-13 visit first_visit:m1 org-city",
                              }));

  // Announced and filed, but the post was not changed in time; the mentor talked on time.
  Done("case-1:announce", "2025-03-20");
  Done("case-1:file", "2025-03-25");
  Talk("2025-04-02");
  EXPECT_EQ(On("2025-04-13"), (Lines{
                                  "2025-04-13 execution case-1:post_change unit-1",
                                  "2025-09-13 visit first_visit:m1 org-city",
                              }));
  EXPECT_EQ(On("2025-04-14"), (Lines{
                                  "2025-04-13 execution case-1:post_change unit-1 overdue",
                                  "2025-09-13 visit first_visit:m1 org-city",
                              }));

  // The half-year report comes due 15 days after June.
  Done("case-1:post_change", "2025-05-06");
  domain::VisitRecord visit;
  visit.id = "v1";
  visit.subject_id = "s1";
  visit.plan_key = "first_visit:m1";
  visit.date = D("2025-06-18");
  subject_.visits = {visit};
  EXPECT_EQ(On("2025-06-15"), (Lines{"2025-07-15 mentor_report ma1:2025H1 p-mentor"}));
  Report(2025, 1, "2025-07-10");
  EXPECT_EQ(On("2025-08-14"), (Lines{"2025-09-13 execution case-1:execution_report unit-1"}));
  Done("case-1:execution_report", "2025-09-01");

  // A warning sign on Thursday 25 September: 15 working days run across 国庆 and both adjusted
  // working days (Sunday 28 September, Saturday 11 October) to Wednesday 22 October.
  domain::Escalation escalation;
  escalation.id = "e1";
  escalation.subject_id = "s1";
  escalation.kind = domain::WarningSignKind::kPoorPerformance;
  escalation.opened_on = D("2025-09-25");
  escalation.responsible = "committee-unit-1";
  subject_.escalations = {escalation};
  EXPECT_EQ(On("2025-09-25"), (Lines{"2025-10-22 escalation e1 committee-unit-1"}));
  EXPECT_EQ(On("2025-10-22"), (Lines{"2025-10-22 escalation e1 committee-unit-1"}));
  EXPECT_EQ(On("2025-10-23"), (Lines{"2025-10-22 escalation e1 committee-unit-1 overdue"}));
  subject_.escalations[0].resolved_on = D("2025-10-27");
  subject_.escalations[0].outcome = domain::EscalationOutcome::kHandled;
  EXPECT_EQ(On("2025-10-28"), Lines{});

  // The second half-year's talk: reminded in December, missed, flagged in January.
  EXPECT_EQ(On("2025-12-01"), (Lines{"2025-12-31 mentor_talk ma1:2025H2 p-mentor"}));
  EXPECT_EQ(On("2026-01-02"), (Lines{
                                  "2025-12-31 mentor_talk ma1:2025H2 p-mentor overdue",
                                  "2026-01-15 mentor_report ma1:2025H2 p-mentor",
                              }));
  const domain::MentoringCompliance compliance = domain::ComputeMentoringCompliance(
      subject_.mentoring[0].assignment, subject_.mentoring[0].talks, subject_.mentoring[0].reports,
      policy_.mentoring, D("2026-01-02"));
  EXPECT_EQ(compliance.half_years_due, 2);
  EXPECT_EQ(compliance.half_years_with_talk, 1);
  Report(2025, 2, "2026-01-20");

  // A second warning sign on the Friday before 春节 2026: Saturday 14 February is a working day,
  // 15–23 February are off, Saturday 28 February works again: the deadline is 12 March.
  escalation.id = "e2";
  escalation.opened_on = D("2026-02-13");
  subject_.escalations.push_back(escalation);
  Talk("2026-03-03");
  EXPECT_EQ(On("2026-03-12"), (Lines{
                                  "2025-12-31 mentor_talk ma1:2025H2 p-mentor overdue",
                                  "2026-03-12 escalation e2 committee-unit-1",
                              }));
  EXPECT_EQ(On("2026-03-13"), (Lines{
                                  "2025-12-31 mentor_talk ma1:2025H2 p-mentor overdue",
                                  "2026-03-12 escalation e2 committee-unit-1 overdue",
                              }));
  subject_.escalations[1].resolved_on = D("2026-03-20");

  // The missed talk stays flagged until the end of the following half-year, then lives on only
  // in the compliance figures.
  EXPECT_EQ(On("2026-06-30"), (Lines{
                                  "2025-12-31 mentor_talk ma1:2025H2 p-mentor overdue",
                                  "2026-07-15 mentor_report ma1:2026H1 p-mentor",
                              }));
  EXPECT_EQ(On("2026-07-01"), (Lines{"2026-07-15 mentor_report ma1:2026H1 p-mentor"}));
  Report(2026, 1, "2026-07-08");
  Talk("2026-09-09");

  // 24-month influence period: a second visit in its last three months.
  EXPECT_EQ(On("2026-12-13"), Lines{});
  EXPECT_EQ(On("2026-12-14"), (Lines{"2027-03-13 visit before_influence_end:m1 org-city"}));
}

}  // namespace
}  // namespace kangfu::codec
