#include "domain/oversight/oversight.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

namespace kangfu::domain::oversight {
namespace {

Date D(const char* text) { return Date::Parse(text).value(); }
Date Today() { return D("2025-06-30"); }

Clue BaseClue() {
  Clue clue;
  clue.source = "petition";
  clue.summary = "反映其违规收受礼金";
  clue.received = D("2025-03-03");
  return clue;
}

struct ClueCase {
  const char* name;
  std::function<void(Clue&)> edit;
  const char* reason;  // "" = accepted
  const char* field;
};

TEST(ValidateClue, AcceptsAndRefusesExactly) {
  const std::vector<ClueCase> cases = {
      {"registered only", [](Clue&) {}, "", ""},
      {"inquiry replied",
       [](Clue& c) {
         c.handling = "inquiry";
         c.handling_date = D("2025-03-05");
         c.replied_on = D("2025-03-20");
       },
       "", ""},
      {"unknown source", [](Clue& c) { c.source = "rumour"; }, "clue.source_invalid", "source"},
      {"blank summary", [](Clue& c) { c.summary = "  "; }, "clue.summary_required", "summary"},
      {"received tomorrow", [](Clue& c) { c.received = D("2025-07-01"); }, "clue.date_in_future",
       "received"},
      {"unknown handling",
       [](Clue& c) {
         c.handling = "ignore";
         c.handling_date = D("2025-03-05");
       },
       "clue.handling_invalid", "handling"},
      {"handling without date", [](Clue& c) { c.handling = "verification"; },
       "clue.handling_date_required", "handling_date"},
      {"date without handling", [](Clue& c) { c.handling_date = D("2025-03-05"); },
       "clue.handling_required", "handling"},
      {"handling before received",
       [](Clue& c) {
         c.handling = "shelved";
         c.handling_date = D("2025-03-02");
       },
       "clue.handling_before_received", "handling_date"},
      {"reply without inquiry",
       [](Clue& c) {
         c.handling = "verification";
         c.handling_date = D("2025-03-05");
         c.replied_on = D("2025-03-06");
       },
       "clue.reply_without_inquiry", "replied_on"},
      {"reply before the clue",
       [](Clue& c) {
         c.handling = "inquiry";
         c.handling_date = D("2025-03-05");
         c.replied_on = D("2025-03-01");
       },
       "clue.reply_date", "replied_on"},
      {"reply before the decision",
       [](Clue& c) {
         c.handling = "inquiry";
         c.handling_date = D("2025-03-05");
         c.replied_on = D("2025-03-04");
       },
       "clue.reply_date", "replied_on"},
      {"concluded without handling", [](Clue& c) { c.concluded_on = D("2025-04-01"); },
       "clue.conclude_without_handling", "concluded_on"},
      {"concluded before decision",
       [](Clue& c) {
         c.handling = "verification";
         c.handling_date = D("2025-03-05");
         c.concluded_on = D("2025-03-04");
         c.conclusion = "查无实据";
       },
       "clue.concluded_date", "concluded_on"},
      {"concluded without conclusion",
       [](Clue& c) {
         c.handling = "verification";
         c.handling_date = D("2025-03-05");
         c.concluded_on = D("2025-04-04");
       },
       "clue.conclusion_required", "conclusion"},
  };
  for (const ClueCase& test : cases) {
    Clue clue = BaseClue();
    test.edit(clue);
    Status status = ValidateClue(clue, Today());
    EXPECT_EQ(status.reason(), test.reason) << test.name;
    EXPECT_EQ(status.field(), test.field) << test.name;
  }
}

TEST(Clue, StateHoldAndHoldEnd) {
  Clue clue = BaseClue();
  EXPECT_EQ(ClueState(clue), "registered");
  EXPECT_FALSE(ClueHoldsPerson(clue));
  clue.handling = "verification";
  clue.handling_date = D("2025-03-05");
  EXPECT_EQ(ClueState(clue), "in_progress");
  EXPECT_TRUE(ClueHoldsPerson(clue));
  clue.concluded_on = D("2025-04-10");
  EXPECT_EQ(ClueState(clue), "concluded");
  EXPECT_FALSE(ClueHoldsPerson(clue));
  EXPECT_EQ(ClueHoldLastDay(clue, D("2025-03-05")), D("2025-04-09"));
  // Concluded on the day verification began: the hold keeps its one day.
  EXPECT_EQ(ClueHoldLastDay(clue, D("2025-04-10")), D("2025-04-10"));
}

TEST(Clue, ClosedConcludesOnItsDecisionDate) {
  Clue clue = BaseClue();
  clue.handling = "closed";
  clue.handling_date = D("2025-03-07");
  NormaliseClue(clue);
  EXPECT_EQ(clue.concluded_on, D("2025-03-07"));
}

TEST(Clue, InquiryReplyDueInWorkingDaysAndOverdue) {
  // 2025: 清明 4-6 April off (Friday 4 April); no make-up day in the window.
  WorkCalendar calendar =
      WorkCalendar::Create({{2025, {D("2025-04-04"), D("2025-04-05"), D("2025-04-06")}, {}}})
          .value();
  Clue clue = BaseClue();
  clue.handling = "inquiry";
  clue.handling_date = D("2025-03-31");  // Monday
  // Working days after 31 March: 1,2,3 April, (4 off), 7-11, 14-18, 21-22 → the 15th is 22 April.
  std::optional<Date> due = InquiryReplyDue(clue, calendar, 15).value();
  EXPECT_EQ(due, D("2025-04-22"));
  EXPECT_FALSE(InquiryReplyOverdue(clue, due, D("2025-04-22")));
  EXPECT_TRUE(InquiryReplyOverdue(clue, due, D("2025-04-23")));
  clue.replied_on = D("2025-04-23");
  EXPECT_FALSE(InquiryReplyOverdue(clue, due, D("2025-04-24")));
  Clue verification = BaseClue();
  verification.handling = "verification";
  verification.handling_date = D("2025-03-31");
  EXPECT_EQ(InquiryReplyDue(verification, calendar, 15).value(), std::nullopt);
  Clue uncovered = clue;
  uncovered.handling_date = D("2026-01-05");
  EXPECT_EQ(InquiryReplyDue(uncovered, calendar, 15).status().reason(),
            "calendar.year_not_covered");
}

TEST(ValidateInterview, RefusesExactly) {
  auto base = [] {
    Interview talk;
    talk.kind = "reminder";
    talk.date = D("2025-05-06");
    talk.interviewers = {{true, "", ""}};
    talk.interviewees = {{false, false, false, false}};
    talk.topics = "提醒其注意节日期间廉洁自律";
    return talk;
  };
  EXPECT_TRUE(ValidateInterview(base(), Today()).ok());
  struct Case {
    std::function<void(Interview&)> edit;
    const char* reason;
    const char* field;
  };
  const std::vector<Case> cases = {
      {[](Interview& t) { t.kind = "chat"; }, "interview.kind_invalid", "kind"},
      {[](Interview& t) { t.date = D("2025-07-01"); }, "interview.date_in_future", "date"},
      {[](Interview& t) { t.interviewers.clear(); }, "interview.interviewers_required",
       "interviewers"},
      {[](Interview& t) {
         t.interviewers.push_back({false, " ", "书记"});
       },
       "interview.interviewer_name_required", "interviewers[1].name"},
      {[](Interview& t) { t.interviewees.clear(); }, "interview.persons_required", "persons"},
      {[](Interview& t) {
         t.interviewees.push_back({false, false, false, true});
       },
       "interview.person_duplicate", "persons[1].person_id"},
      {[](Interview& t) { t.interviewees[0].principal_leader = true; },
       "interview.led_org_required", "persons[0].led_org_id"},
      {[](Interview& t) {
         t.interviewees[0] = {true, true, false, false};
       },
       "interview.led_org_not_lower", "persons[0].led_org_id"},
      {[](Interview& t) { t.topics = ""; }, "interview.topics_required", "topics"},
  };
  for (std::size_t i = 0; i < cases.size(); ++i) {
    Interview talk = base();
    cases[i].edit(talk);
    Status status = ValidateInterview(talk, Today());
    EXPECT_EQ(status.reason(), cases[i].reason) << i;
    EXPECT_EQ(status.field(), cases[i].field) << i;
  }
}

TEST(ValidateClearance, RefusesExactlyAndAlwaysWritten) {
  auto base = [] {
    Clearance c;
    c.allegations = {"反映其违规收受礼金问题"};
    c.conclusion = "false_accusation";
    c.trigger = "party_proposal";
    c.approver = "市纪委常委会";
    c.methods = {"meeting"};
    c.audience = "所在单位全体干部";
    c.date = D("2025-06-01");
    c.referred = true;
    return c;
  };
  EXPECT_TRUE(ValidateClearance(base(), Today()).ok());
  struct Case {
    std::function<void(Clearance&)> edit;
    const char* reason;
    const char* field;
  };
  const std::vector<Case> cases = {
      {[](Clearance& c) { c.allegations.clear(); }, "clearance.allegations_required",
       "allegations"},
      {[](Clearance& c) { c.allegations.emplace_back(); }, "clearance.allegation_empty",
       "allegations[1]"},
      {[](Clearance& c) { c.conclusion = "innocent"; }, "clearance.conclusion_invalid",
       "conclusion"},
      {[](Clearance& c) { c.trigger = "press"; }, "clearance.trigger_invalid", "trigger"},
      {[](Clearance& c) { c.approver = ""; }, "clearance.approver_required", "approver"},
      {[](Clearance& c) {
         c.methods = {"meeting", "radio"};
       },
       "clearance.method_invalid", "methods[1]"},
      {[](Clearance& c) { c.audience = ""; }, "clearance.audience_required", "audience"},
      {[](Clearance& c) { c.date = D("2025-07-01"); }, "clearance.date_in_future", "date"},
      {[](Clearance& c) { c.conclusion = "untrue"; }, "clearance.referral_not_false_accusation",
       "referred"},
  };
  for (std::size_t i = 0; i < cases.size(); ++i) {
    Clearance c = base();
    cases[i].edit(c);
    Status status = ValidateClearance(c, Today());
    EXPECT_EQ(status.reason(), cases[i].reason) << i;
    EXPECT_EQ(status.field(), cases[i].field) << i;
  }
  EXPECT_EQ(NormaliseClearanceMethods({"circular", "in_person", "circular"}),
            (std::vector<std::string>{"written", "in_person", "circular"}));
  EXPECT_EQ(NormaliseClearanceMethods({}), (std::vector<std::string>{"written"}));
}

TEST(ValidateFaultTolerance, RefusesExactly) {
  FaultTolerance record;
  record.names_measure = true;
  record.ground = "reform_trial";
  record.decision = "exempt";
  record.approver = "市纪委常委会";
  record.date = D("2025-06-01");
  EXPECT_TRUE(ValidateFaultTolerance(record, Today()).ok());
  EXPECT_TRUE(ExemptsMeasure(record));
  FaultTolerance mitigate = record;
  mitigate.decision = "mitigate";
  EXPECT_FALSE(ExemptsMeasure(mitigate));
  struct Case {
    std::function<void(FaultTolerance&)> edit;
    const char* reason;
    const char* field;
  };
  const std::vector<Case> cases = {
      {[](FaultTolerance& r) { r.names_measure = false; }, "fault_tolerance.target_required",
       "measure_id"},
      {[](FaultTolerance& r) { r.ground = "luck"; }, "fault_tolerance.ground_invalid", "ground"},
      {[](FaultTolerance& r) { r.decision = "pardon"; }, "fault_tolerance.decision_invalid",
       "decision"},
      {[](FaultTolerance& r) { r.approver = " "; }, "fault_tolerance.approver_required",
       "approver"},
      {[](FaultTolerance& r) { r.date = D("2025-07-01"); }, "fault_tolerance.date_in_future",
       "date"},
  };
  for (std::size_t i = 0; i < cases.size(); ++i) {
    FaultTolerance r = record;
    cases[i].edit(r);
    Status status = ValidateFaultTolerance(r, Today());
    EXPECT_EQ(status.reason(), cases[i].reason) << i;
    EXPECT_EQ(status.field(), cases[i].field) << i;
  }
  EXPECT_EQ(LabelOf(ThreeDistinctions(), "unintentional_fault"),
            "把为推动发展的无意过失，同为谋取私利的违纪违法行为区分开来");
  EXPECT_EQ(LabelOf(ThreeDistinctions(), "nope"), "");
}

}  // namespace
}  // namespace kangfu::domain::oversight
