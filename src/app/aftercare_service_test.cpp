#include "app/aftercare_service.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "app/test_support.hpp"
#include "codec/aftercare/aftercare_json.hpp"
#include "codec/aftercare/calendar_json.hpp"
#include "codec/catalogue_json.hpp"

namespace kangfu::app {
namespace {

using domain::ReminderKind;
using testing::D;
using testing::IdNumber;

// A subject walked through a year (rules.md §7): 张三 of 甲市财政局 receives 记过 from 甲市 on
// 2025-03-14; the case's recording creates the execution checklist and the visit plan.
class AftercareServiceTest : public testing::AppWorld {
 protected:
  void SetUp() override {
    AppWorld::SetUp();
    policy_ = codec::ShippedAftercarePolicy().value();
    calendar_ = codec::ShippedWorkCalendar().value();
    cases_ = std::make_unique<CaseService>(*store_, codec::BuiltinCatalogue(),
                                           domain::EngineOptions{}, audit_);
    service_ = std::make_unique<AftercareService>(
        *store_, codec::BuiltinCatalogue(), domain::EngineOptions{}, policy_, calendar_, audit_);
    cases_->SetOnCaseRecorded([this](const Actor& actor, const RecordedCase& recorded) {
      return service_->OnCaseRecorded(actor, recorded, D("2025-03-14"));
    });
    leader_ = AddLeader(10, "王局长", unit_a1_.id);
    deputy_ = AddLeader(11, "赵副局长", unit_a1_.id);
    outsider_ = AddLeader(12, "钱局长", unit_b1_.id);
    CaseInput input;
    input.person_id = person_a_.id;
    input.organ_id = city_a_.id;
    input.decision_number = "甲纪发〔2025〕3号";
    input.decision_date = D("2025-03-14");
    MeasureInput m;
    m.kind = "gov.demerit";
    m.effective = D("2025-03-14");
    input.measures = {m};
    auto recorded = cases_->CreateCase(Manager(), input);
    ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
    case_ = recorded->record;
  }

  Actor Manager() const { return MakeActor(Role::kCaseManager, city_a_, "cm"); }
  Actor Committee() const { return MakeActor(Role::kUnitCommittee, unit_a1_, "unit"); }
  Actor Visitor() const { return MakeActor(Role::kVisitor, city_a_, "visitor"); }
  Actor MentorActor(storage::RowId account_id) const {
    Actor actor = MakeActor(Role::kMentor, unit_b1_, "mentor");  // jurisdiction irrelevant
    actor.account_id = account_id;
    return actor;
  }

  storage::RowId AddMentorAccount() {
    storage::Account account;
    account.username = "mentor";
    account.password_hash = "x";
    account.roles = {"mentor"};
    account.password_changed_at = "2025-01-01T00:00:00Z";
    return store_->AddAccount(account).value().id;
  }

  VisitInput GoodVisit() const {
    VisitInput v;
    v.person_id = person_a_.id;
    v.date = D("2025-08-01");
    v.visitors = {leader_.id, deputy_.id};
    v.talked_with = {"subject", "unit_head"};
    v.checked = {"execution", "attitude", "work"};
    v.findings = "能正确对待处分，工作积极";
    v.grade = "good";
    v.feedback = "向所在党支部反馈回访情况";
    return v;
  }

  std::vector<std::string> Refs(const Workbench& bench, ReminderKind kind) const {
    std::vector<std::string> out;
    for (const WorkbenchItem& item : bench.items) {
      if (item.reminder.kind == kind) {
        out.push_back(item.reminder.ref + (item.reminder.overdue ? " overdue" : ""));
      }
    }
    return out;
  }

  Workbench Bench(const Actor& actor, const char* today) {
    WorkbenchQuery query;
    query.today = D(today);
    auto bench = service_->GetWorkbench(actor, query);
    EXPECT_TRUE(bench.ok()) << bench.status().ToString();
    return bench.ok() ? *bench : Workbench();
  }

  std::size_t AuditCount() const { return audit_.events().size(); }

  domain::AftercarePolicy policy_;
  domain::WorkCalendar calendar_;
  std::unique_ptr<CaseService> cases_;
  std::unique_ptr<AftercareService> service_;
  storage::Person leader_, deputy_, outsider_;
  storage::Case case_;
};

TEST_F(AftercareServiceTest, RecordingACaseCreatesChecklistAndPlan) {
  auto items = service_->ListExecution(Manager(), case_.id);
  ASSERT_TRUE(items.ok()) << items.status().ToString();
  std::vector<std::string> codes;
  for (const auto& item : *items) {
    codes.push_back(item.code + "@" + item.due.ToString());
    EXPECT_EQ(item.responsible_org, unit_a1_.id);
  }
  EXPECT_EQ(codes, (std::vector<std::string>{"announce@2025-04-13", "file@2025-04-13",
                                             "execution_report@2025-09-13"}));
  auto plan = service_->GetVisitPlan(Manager(), person_a_.id);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_EQ(plan->rows.size(), 1u);
  EXPECT_EQ(plan->rows[0].organ_id, city_a_.id);
  ASSERT_EQ(plan->plan.visits.size(), 1u);
  EXPECT_EQ(plan->plan.visits[0].rule_id, "first_visit");
  EXPECT_EQ(plan->plan.visits[0].due, D("2025-09-13"));
  EXPECT_EQ(plan->plan.visits[0].responsible, std::to_string(city_a_.id));
  EXPECT_EQ(plan->fulfilled, (std::vector<std::optional<domain::Date>>{std::nullopt}));

  // Another commission's case manager does not see the case.
  Actor other = MakeActor(Role::kCaseManager, city_b_, "cm_b");
  EXPECT_EQ(service_->ListExecution(other, case_.id).status().reason(), "case.not_found");
  EXPECT_EQ(service_->GetVisitPlan(other, person_a_.id).status().reason(), "person.not_found");
}

TEST_F(AftercareServiceTest, AYearOfAftercare) {
  const storage::RowId account = AddMentorAccount();

  // March: the execution items and the first visit are due.
  Workbench march = Bench(Manager(), "2025-03-20");
  EXPECT_EQ(march.total, 3);
  EXPECT_EQ(march.overdue, 0);
  EXPECT_EQ(Refs(march, ReminderKind::kVisit).size(), 1u);
  EXPECT_EQ(Refs(march, ReminderKind::kExecution).size(), 2u);

  // The announcement is confirmed; the other items go overdue after 13 April.
  auto items = service_->ListExecution(Committee(), case_.id).value();
  auto confirmed = service_->ConfirmExecution(Committee(), items[0].id, 1, D("2025-03-20"),
                                              "支部大会宣布", D("2025-03-20"));
  ASSERT_TRUE(confirmed.ok()) << confirmed.status().ToString();
  EXPECT_EQ(confirmed->confirmed_by, "unit");
  EXPECT_EQ(
      service_->ConfirmExecution(Committee(), items[0].id, 2, D("2025-03-21"), "", D("2025-03-21"))
          .status()
          .reason(),
      "execution.already_done");
  const std::string file_ref = std::to_string(case_.id) + ":file";
  EXPECT_EQ(Refs(Bench(Manager(), "2025-04-20"), ReminderKind::kExecution),
            (std::vector<std::string>{file_ref + " overdue"}));
  // The executing unit's report to the deciding organ (条例第四十五条) comes up in August.
  EXPECT_EQ(Refs(Bench(Manager(), "2025-08-15"), ReminderKind::kExecution),
            (std::vector<std::string>{file_ref + " overdue",
                                      std::to_string(case_.id) + ":execution_report"}));

  // A mentor: the unit's leader (the outsider of another unit is refused).
  MentorInput mentor{.person_id = person_a_.id,
                     .mentor_id = outsider_.id,
                     .mentor_account_id = account,
                     .start = D("2025-04-01"),
                     .end = std::nullopt};
  auto refused = service_->AssignMentor(Committee(), mentor);
  EXPECT_EQ(refused.status().reason(), "mentor.not_leader");
  EXPECT_EQ(refused.status().field(), "mentor_id");
  EXPECT_EQ(service_->AssignMentor(Manager(), mentor).status().reason(), "mentor.not_leader");
  mentor.mentor_id = leader_.id;
  auto assigned = service_->AssignMentor(Committee(), mentor);
  ASSERT_TRUE(assigned.ok()) << assigned.status().ToString();
  EXPECT_EQ(assigned->assigned_by, unit_a1_.id);
  const Actor mentor_actor = MentorActor(account);
  ASSERT_TRUE(
      service_->RecordTalk(mentor_actor, assigned->id, D("2025-04-15"), "首次谈心", D("2025-04-15"))
          .ok());
  ASSERT_TRUE(
      service_->RecordReport(mentor_actor, assigned->id, 2025, 1, "思想稳定", D("2025-07-05"))
          .ok());

  // August: a visit that finds a new sign of violation opens a clue in the same step.
  VisitInput visit = GoodVisit();
  visit.open_clue = true;
  auto recorded = service_->RecordVisit(Visitor(), visit, D("2025-08-02"));
  ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
  EXPECT_EQ(recorded->organ_id, city_a_.id);
  EXPECT_EQ(recorded->feedback_on, D("2025-08-01"));
  auto history = store_->LoadHistory(IdNumber(1)).value();
  ASSERT_EQ(history.holds.size(), 1u);
  EXPECT_EQ(history.holds[0].kind, storage::HoldKind::kClueVerification);
  EXPECT_EQ(history.holds[0].from, D("2025-08-01"));
  EXPECT_EQ(recorded->clue_hold_id, history.holds[0].id);
  // The clue is in the clue registry, under 初步核实 through that hold.
  auto clues = store_->Oversight().ListClues({.root_org_id = province_.id});
  ASSERT_TRUE(clues.ok()) << clues.status().ToString();
  ASSERT_EQ(clues->items.size(), 1u);
  EXPECT_EQ(clues->items[0].source, "visit");
  EXPECT_EQ(clues->items[0].handling, "verification");
  EXPECT_EQ(clues->items[0].handling_date, D("2025-08-01"));
  EXPECT_EQ(clues->items[0].state, "in_progress");
  EXPECT_EQ(clues->items[0].hold_id, history.holds[0].id);
  EXPECT_EQ(clues->items[0].person_id, person_a_.id);
  EXPECT_EQ(service_->GetVisitPlan(Manager(), person_a_.id)->fulfilled[0], D("2025-08-01"));

  // September: a warning sign before the National Day holiday; 15 working days counted on the
  // 2025 calendar (9-28 and 10-11 are 调休 working days, 10-1 … 10-8 off) end on 10-23.
  auto escalation = service_->OpenEscalation(mentor_actor,
                                             {.person_id = person_a_.id,
                                              .assignment_id = assigned->id,
                                              .kind = "negative_thinking",
                                              .opened_on = D("2025-09-26"),
                                              .description = "情绪低落，工作消极"},
                                             D("2025-09-26"));
  ASSERT_TRUE(escalation.ok()) << escalation.status().ToString();
  EXPECT_EQ(escalation->due, D("2025-10-23"));
  EXPECT_EQ(escalation->responsible_org, unit_a1_.id);
  const std::string esc_ref = std::to_string(escalation->id);
  EXPECT_EQ(Refs(Bench(Committee(), "2025-10-23"), ReminderKind::kEscalation),
            (std::vector<std::string>{esc_ref}));
  EXPECT_EQ(Refs(Bench(Committee(), "2025-10-24"), ReminderKind::kEscalation),
            (std::vector<std::string>{esc_ref + " overdue"}));
  EXPECT_EQ(service_
                ->ResolveEscalation(mentor_actor, escalation->id, 1, D("2025-10-24"), "handled",
                                    "谈话提醒", D("2025-10-24"))
                .status()
                .reason(),
            "auth.forbidden");
  auto resolved = service_->ResolveEscalation(Committee(), escalation->id, 1, D("2025-10-24"),
                                              "handled", "支部书记谈话提醒", D("2025-10-24"));
  ASSERT_TRUE(resolved.ok()) << resolved.status().ToString();
  EXPECT_EQ(resolved->outcome, "handled");

  // January: the mentor missed the second half-year's talk and report; the mentor's own
  // workbench shows exactly its items.
  const std::string half2 = std::to_string(assigned->id) + ":2025H2";
  Workbench january = Bench(mentor_actor, "2026-01-05");
  EXPECT_EQ(Refs(january, ReminderKind::kMentorTalk),
            (std::vector<std::string>{half2 + " overdue"}));
  EXPECT_EQ(Refs(january, ReminderKind::kMentorReport), (std::vector<std::string>{half2}));
  EXPECT_EQ(january.total, 2);
  for (const WorkbenchItem& item : january.items) EXPECT_EQ(item.subject_name, "张三");
  auto mentoring = service_->GetMentoring(mentor_actor, person_a_.id, D("2026-01-05"));
  ASSERT_TRUE(mentoring.ok()) << mentoring.status().ToString();
  ASSERT_EQ(mentoring->size(), 1u);
  EXPECT_EQ((*mentoring)[0].compliance.half_years_due, 2);
  EXPECT_EQ((*mentoring)[0].compliance.half_years_with_talk, 1);
}

TEST_F(AftercareServiceTest, BadVisitsAreRefusedAndNothingIsWritten) {
  struct Case {
    const char* name;
    void (*change)(VisitInput*);
    const char* reason;
    const char* field;
  };
  const Case cases[] = {
      {"one visitor", [](VisitInput* v) { v->visitors.pop_back(); }, "visit.too_few_visitors",
       "visitors"},
      {"before the decision", [](VisitInput* v) { v->date = D("2025-03-13"); },
       "visit.before_decision", "date"},
      {"in the future", [](VisitInput* v) { v->date = D("2025-08-03"); }, "visit.in_future",
       "date"},
      {"unknown visitor", [](VisitInput* v) { v->visitors[1] = 999; }, "visit.visitor_unknown",
       "visitors[1]"},
      {"subject not talked with", [](VisitInput* v) { v->talked_with = {"unit_head"}; },
       "visit.subject_not_talked", "talked_with"},
      {"bad code", [](VisitInput* v) { v->checked = {"hobbies"}; }, "visit.code_invalid",
       "checked[0]"},
      {"bad grade", [](VisitInput* v) { v->grade = "excellent"; }, "visit.grade_invalid", "grade"},
      {"no grade", [](VisitInput* v) { v->grade = ""; }, "visit.grade_missing", "grade"},
      {"unknown plan key", [](VisitInput* v) { v->plan_key = "nothing"; }, "visit.plan_key_unknown",
       "plan_key"},
      {"a clue with a bad visit",
       [](VisitInput* v) {
         v->open_clue = true;
         v->visitors.pop_back();
       },
       "visit.too_few_visitors", "visitors"},
  };
  const std::size_t audits = AuditCount();
  for (const Case& c : cases) {
    VisitInput input = GoodVisit();
    c.change(&input);
    auto result = service_->RecordVisit(Visitor(), input, D("2025-08-02"));
    EXPECT_EQ(result.status().reason(), c.reason) << c.name;
    EXPECT_EQ(result.status().field(), c.field) << c.name;
    EXPECT_FALSE(result.status().message().empty()) << c.name;
  }
  EXPECT_TRUE(store_->Aftercare().ListVisits(person_a_.id)->empty());
  EXPECT_TRUE(store_->LoadHistory(IdNumber(1))->holds.empty());
  EXPECT_EQ(store_->Oversight().ListClues({.root_org_id = province_.id})->total, 0);
  EXPECT_EQ(AuditCount(), audits);

  // A person without any decision is not visited; a mentor cannot record visits.
  VisitInput no_case = GoodVisit();
  no_case.person_id = leader_.id;
  EXPECT_EQ(service_->RecordVisit(Visitor(), no_case, D("2025-08-02")).status().reason(),
            "visit.no_decision");
  EXPECT_EQ(service_->RecordVisit(MentorActor(1), GoodVisit(), D("2025-08-02")).status().reason(),
            "auth.forbidden");
}

TEST_F(AftercareServiceTest, PlanEditsNeedAReasonAndAFreshVersion) {
  auto view = service_->GetVisitPlan(Manager(), person_a_.id).value();
  const storage::RowId plan_id = view.rows[0].id;
  const std::string key = view.plan.visits[0].key;
  domain::PlanEdit edit{.kind = domain::PlanEditKind::kReschedule,
                        .visit_key = key,
                        .title = "",
                        .from = D("2025-06-01"),
                        .due = D("2025-12-31"),
                        .responsible = "",
                        .reason = ""};
  auto refused = service_->EditVisitPlan(Manager(), plan_id, 1, edit, D("2025-04-01"));
  EXPECT_EQ(refused.status().reason(), "plan_edit.reason_required");
  EXPECT_EQ(refused.status().field(), "reason");
  edit.reason = "本人长期病休，推迟回访";
  auto edited = service_->EditVisitPlan(Manager(), plan_id, 1, edit, D("2025-04-01"));
  ASSERT_TRUE(edited.ok()) << edited.status().ToString();
  EXPECT_EQ(edited->rows[0].version, 2);
  EXPECT_EQ(edited->plan.visits[0].due, D("2025-12-31"));
  EXPECT_EQ(edited->plan.visits[0].note, "本人长期病休，推迟回访");
  EXPECT_EQ(service_->EditVisitPlan(Manager(), plan_id, 1, edit, D("2025-04-01")).status().reason(),
            "record.stale");
  EXPECT_EQ(
      service_->EditVisitPlan(Committee(), plan_id, 2, edit, D("2025-04-01")).status().reason(),
      "auth.forbidden");
  // The workbench follows the edited window: nothing is due for the visit in April.
  EXPECT_TRUE(Refs(Bench(Manager(), "2025-04-20"), ReminderKind::kVisit).empty());
}

TEST_F(AftercareServiceTest, MentorsActOnTheirMenteesOnly) {
  const storage::RowId account = AddMentorAccount();
  auto assigned = service_->AssignMentor(Committee(), {.person_id = person_a_.id,
                                                       .mentor_id = leader_.id,
                                                       .mentor_account_id = account,
                                                       .start = D("2025-04-01"),
                                                       .end = std::nullopt});
  ASSERT_TRUE(assigned.ok()) << assigned.status().ToString();
  // A second assignment without a login, for another mentor.
  auto other = service_->AssignMentor(Committee(), {.person_id = person_a_.id,
                                                    .mentor_id = deputy_.id,
                                                    .mentor_account_id = 0,
                                                    .start = D("2025-04-01"),
                                                    .end = std::nullopt});
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  const Actor mentor = MentorActor(account);
  EXPECT_EQ(service_->RecordTalk(mentor, other->id, D("2025-04-10"), "", D("2025-04-10"))
                .status()
                .reason(),
            "mentor.not_found");
  EXPECT_EQ(service_->RecordTalk(mentor, assigned->id, D("2025-03-31"), "", D("2025-04-10"))
                .status()
                .reason(),
            "talk.date_outside");
  EXPECT_EQ(
      service_->RecordReport(mentor, assigned->id, 2025, 2, "", D("2025-04-10")).status().reason(),
      "report.period_outside");
  EXPECT_EQ(
      service_->RecordReport(mentor, assigned->id, 2025, 3, "", D("2025-04-10")).status().reason(),
      "report.half_invalid");
  EXPECT_EQ(service_->GetVisitPlan(mentor, person_a_.id).status().reason(), "person.not_found");
  auto mine = service_->GetMentoring(mentor, person_a_.id, D("2025-04-10"));
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ((*mine)[0].assignment.id, assigned->id);
  EXPECT_EQ(service_->GetMentoring(mentor, person_b_.id, D("2025-04-10")).status().reason(),
            "person.not_found");

  // The subject cannot mentor themself; a login without the mentor role is refused.
  MentorInput self{.person_id = person_a_.id,
                   .mentor_id = person_a_.id,
                   .mentor_account_id = 0,
                   .start = D("2025-04-01"),
                   .end = std::nullopt};
  EXPECT_EQ(service_->AssignMentor(Committee(), self).status().reason(), "mentor.is_subject");
  self.mentor_id = deputy_.id;
  storage::Account plain;
  plain.username = "plain";
  plain.password_hash = "x";
  plain.roles = {"visitor"};
  plain.password_changed_at = "2025-01-01T00:00:00Z";
  self.mentor_account_id = store_->AddAccount(plain).value().id;
  EXPECT_EQ(service_->AssignMentor(Committee(), self).status().reason(),
            "mentor.account_not_mentor");
}

TEST_F(AftercareServiceTest, MentorUnderAnInfluencePeriodOrHoldIsRefused) {
  storage::Case c;
  c.person_id = deputy_.id;
  c.organ_id = city_a_.id;
  c.decision_number = "甲纪发〔2025〕1号";
  c.decision_date = D("2025-01-10");
  c.form = 2;
  auto stored = store_->AddCase(c).value();
  storage::Measure m;
  m.case_id = stored.id;
  m.kind = "party.warning";
  m.effective = D("2025-01-10");
  ASSERT_TRUE(store_->AddMeasure(m).ok());
  MentorInput input{.person_id = person_a_.id,
                    .mentor_id = deputy_.id,
                    .mentor_account_id = 0,
                    .start = D("2025-04-01"),
                    .end = std::nullopt};
  EXPECT_EQ(service_->AssignMentor(Committee(), input).status().reason(), "mentor.under_influence");
  storage::Hold hold;
  hold.person_id = leader_.id;
  hold.kind = storage::HoldKind::kCaseReview;
  hold.from = D("2025-03-01");
  ASSERT_TRUE(store_->AddHold(hold).ok());
  input.mentor_id = leader_.id;
  EXPECT_EQ(service_->AssignMentor(Committee(), input).status().reason(), "mentor.on_hold");
  EXPECT_TRUE(store_->Aftercare().ListMentorsOfPerson(person_a_.id)->empty());
}

// 容错纠错 (rules.md §6): a measure exempted (免责) puts no one under an influence period, so it
// does not disqualify a mentor; a 减责 decision, or a second measure not exempted, still does.
TEST_F(AftercareServiceTest, ExemptedMeasureDoesNotDisqualifyAMentor) {
  const storage::Person second = AddLeader(13, "孙副局长", unit_a1_.id);
  const storage::Person third = AddLeader(14, "李副局长", unit_a1_.id);
  struct Row {
    storage::Person mentor;
    const char* decision;
    bool second_measure;  // another warning, not covered by the decision
    const char* refused;  // "" = the assignment is stored
  };
  const std::vector<Row> rows = {
      {deputy_, "exempt", false, ""},
      {second, "mitigate", false, "mentor.under_influence"},
      {third, "exempt", true, "mentor.under_influence"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.mentor.name);
    const storage::Measure warning = AddCaseWithMeasure(
        row.mentor, ("甲纪发〔2025〕" + std::to_string(row.mentor.id) + "号").c_str(),
        "party.warning", "2025-01-10");  // influence period to 2026-01-09
    if (row.second_measure) {
      AddCaseWithMeasure(row.mentor, "甲纪发〔2025〕99号", "party.warning", "2025-02-10");
    }
    AddFaultToleranceDecision(row.mentor, warning, row.decision, "2025-02-20");

    MentorInput input{.person_id = person_a_.id,
                      .mentor_id = row.mentor.id,
                      .mentor_account_id = 0,
                      .start = D("2025-04-01"),
                      .end = std::nullopt};
    Result<storage::MentorRow> assigned = service_->AssignMentor(Committee(), input);
    if (*row.refused == '\0') {
      ASSERT_TRUE(assigned.ok()) << assigned.status().ToString();
      EXPECT_EQ(assigned->mentor_id, row.mentor.id);
      EXPECT_EQ(assigned->start, D("2025-04-01"));
    } else {
      EXPECT_EQ(assigned.status().reason(), row.refused);
      EXPECT_EQ(assigned.status().field(), "mentor_id");
    }
  }
  auto stored = store_->Aftercare().ListMentorsOfPerson(person_a_.id);
  ASSERT_TRUE(stored.ok());
  ASSERT_EQ(stored->size(), 1U);
  EXPECT_EQ((*stored)[0].mentor_id, deputy_.id);
}

// LoadSubjects reads many subjects in set queries (the bulk replan of a ledger import); it must
// give exactly what LoadSubject gives per subject, whatever facts each one has.
void ExpectSameSubject(const domain::SubjectAftercare& batch, const domain::SubjectAftercare& one) {
  EXPECT_EQ(batch.subject_id, one.subject_id);
  EXPECT_EQ(batch.executing_unit, one.executing_unit);
  EXPECT_EQ(batch.measures, one.measures);
  EXPECT_EQ(batch.plan_edits, one.plan_edits);
  EXPECT_EQ(batch.visits, one.visits);
  EXPECT_EQ(batch.execution_done, one.execution_done);
  EXPECT_EQ(batch.escalations, one.escalations);
  ASSERT_EQ(batch.mentoring.size(), one.mentoring.size());
  for (std::size_t i = 0; i < one.mentoring.size(); ++i) {
    EXPECT_EQ(batch.mentoring[i].assignment, one.mentoring[i].assignment);
    EXPECT_EQ(batch.mentoring[i].talks, one.mentoring[i].talks);
    EXPECT_EQ(batch.mentoring[i].reports, one.mentoring[i].reports);
  }
}

TEST_F(AftercareServiceTest, LoadSubjectsGivesWhatLoadSubjectGivesPerSubject) {
  storage::AftercareStore& ac = store_->Aftercare();
  // person_a_: a checklist with one item done, a plan with an edit, a visit, two mentors (one
  // with talks and a report), an escalation.
  auto items = service_->ListExecution(Committee(), case_.id).value();
  ASSERT_TRUE(service_
                  ->ConfirmExecution(Committee(), items[1].id, 1, D("2025-03-20"), "已归档",
                                     D("2025-03-20"))
                  .ok());
  auto view = service_->GetVisitPlan(Manager(), person_a_.id).value();
  storage::PlanEditRow edit{.kind = "reschedule",
                            .visit_key = view.plan.visits[0].key,
                            .from = D("2025-06-01"),
                            .due = D("2025-12-31"),
                            .reason = "本人长期病休，推迟回访",
                            .edited_by = "cm",
                            .edited_on = D("2025-04-01")};
  ASSERT_TRUE(ac.AddPlanEdit(view.rows[0].id, 1, edit).ok());
  ASSERT_TRUE(service_->RecordVisit(Visitor(), GoodVisit(), D("2025-08-02")).ok());
  auto mentor = ac.AddMentor({.person_id = person_a_.id,
                              .mentor_id = deputy_.id,
                              .assigned_by = unit_a1_.id,
                              .start = D("2025-04-01")});
  ASSERT_TRUE(mentor.ok()) << mentor.status().ToString();
  auto earlier = ac.AddMentor({.person_id = person_a_.id,
                               .mentor_id = leader_.id,
                               .assigned_by = unit_a1_.id,
                               .start = D("2025-03-20"),
                               .end = D("2025-03-31")});
  ASSERT_TRUE(earlier.ok()) << earlier.status().ToString();
  for (const char* day : {"2025-06-10", "2025-04-20"}) {
    ASSERT_TRUE(ac.AddTalk({.assignment_id = mentor->id,
                            .date = D(day),
                            .summary = "谈心谈话",
                            .recorded_by = "mentor"})
                    .ok());
  }
  ASSERT_TRUE(ac.AddReport({.assignment_id = mentor->id,
                            .year = 2025,
                            .half = 1,
                            .submitted = D("2025-07-01"),
                            .summary = "半年报告",
                            .recorded_by = "mentor"})
                  .ok());
  ASSERT_TRUE(ac.AddEscalation({.person_id = person_a_.id,
                                .assignment_id = mentor->id,
                                .kind = "poor_performance",
                                .opened_on = D("2025-09-26"),
                                .description = "工作消极",
                                .responsible_org = unit_a1_.id,
                                .due = D("2025-10-15")})
                  .ok());
  // leader_: one measure exempted (免责), one not, and a hold.
  const storage::Measure exempted =
      AddCaseWithMeasure(leader_, "甲纪发〔2025〕21号", "party.warning", "2025-01-10");
  AddFaultToleranceDecision(leader_, exempted, "exempt", "2025-02-20");
  AddCaseWithMeasure(leader_, "甲纪发〔2025〕22号", "gov.warning", "2025-02-10");
  storage::Hold hold;
  hold.person_id = leader_.id;
  hold.kind = storage::HoldKind::kCaseReview;
  hold.from = D("2025-03-01");
  ASSERT_TRUE(store_->AddHold(hold).ok());
  // deputy_: a revoked measure and a 减责 decision on another; person_b_: no case at all.
  storage::Measure revoked =
      AddCaseWithMeasure(deputy_, "甲纪发〔2025〕23号", "party.warning", "2025-01-10");
  revoked.revoked = true;
  ASSERT_TRUE(store_->UpdateMeasure(revoked).ok());
  const storage::Measure mitigated =
      AddCaseWithMeasure(deputy_, "甲纪发〔2025〕24号", "party.serious_warning", "2025-05-10");
  AddFaultToleranceDecision(deputy_, mitigated, "mitigate", "2025-06-20");

  const std::vector<storage::RowId> ids = {outsider_.id, person_a_.id, leader_.id,
                                           person_b_.id, deputy_.id,   person_a_.id};
  Result<std::vector<domain::SubjectAftercare>> batch = service_->LoadSubjects(ids);
  ASSERT_TRUE(batch.ok()) << batch.status().ToString();
  ASSERT_EQ(batch->size(), ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    SCOPED_TRACE(ids[i]);
    Result<domain::SubjectAftercare> one = service_->LoadSubject(ids[i]);
    ASSERT_TRUE(one.ok()) << one.status().ToString();
    ExpectSameSubject((*batch)[i], *one);
  }
  // The facts above are really there (a comparison of empty subjects proves nothing).
  const domain::SubjectAftercare& a = (*batch)[1];
  EXPECT_EQ(a.plan_edits.size(), 1U);
  EXPECT_EQ(a.visits.size(), 1U);
  EXPECT_EQ(a.execution_done.size(), 1U);
  ASSERT_EQ(a.mentoring.size(), 2U);
  EXPECT_EQ(a.mentoring[0].assignment.id, std::to_string(earlier->id));
  EXPECT_EQ(a.mentoring[1].talks, (std::vector<domain::Date>{D("2025-04-20"), D("2025-06-10")}));
  EXPECT_EQ(a.mentoring[1].reports.size(), 1U);
  EXPECT_EQ(a.escalations.size(), 1U);
  EXPECT_EQ((*batch)[2].measures.size(), 1U);  // the exempted one left out
  EXPECT_EQ((*batch)[4].measures.size(), 1U);  // the revoked one left out
  EXPECT_TRUE((*batch)[3].measures.empty());

  // An unknown person: LoadSubject's error, whatever comes before it.
  const std::vector<storage::RowId> unknown = {person_a_.id, 999999};
  Result<std::vector<domain::SubjectAftercare>> missing = service_->LoadSubjects(unknown);
  EXPECT_EQ(missing.status().reason(), service_->LoadSubject(999999).status().reason());
  EXPECT_EQ(missing.status().reason(), "person.not_found");
  EXPECT_TRUE(service_->LoadSubjects({}).value().empty());
}

TEST_F(AftercareServiceTest, ExemptedMeasureIsNotFollowedUp) {
  const storage::Person subject = AddLeader(15, "周科长", unit_a1_.id);
  const storage::Measure warning =
      AddCaseWithMeasure(subject, "甲纪发〔2025〕15号", "party.warning", "2025-01-10");
  Result<domain::SubjectAftercare> before = service_->LoadSubject(subject.id);
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  ASSERT_EQ(before->measures.size(), 1U);
  EXPECT_EQ(before->measures[0].measure_id, std::to_string(warning.id));
  EXPECT_TRUE(before->measures[0].influence_end.has_value());

  AddFaultToleranceDecision(subject, warning, "exempt", "2025-02-20");

  // Like a revoked measure: no influence period ends, nothing to visit for it.
  Result<domain::SubjectAftercare> after = service_->LoadSubject(subject.id);
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_TRUE(after->measures.empty());
}

TEST_F(AftercareServiceTest, EscalationInputIsChecked) {
  EscalationInput input{.person_id = person_a_.id,
                        .assignment_id = 0,
                        .kind = "gossip",
                        .opened_on = D("2025-09-26"),
                        .description = ""};
  EXPECT_EQ(service_->OpenEscalation(Committee(), input, D("2025-09-26")).status().reason(),
            "escalation.kind_invalid");
  input.kind = "poor_performance";
  EXPECT_EQ(service_->OpenEscalation(Committee(), input, D("2025-09-25")).status().reason(),
            "escalation.in_future");
  // The calendar must cover the deadline's year.
  input.opened_on = D("2026-12-25");
  EXPECT_EQ(service_->OpenEscalation(Committee(), input, D("2026-12-25")).status().reason(),
            "calendar.year_not_covered");
  input.opened_on = D("2025-09-26");
  auto opened = service_->OpenEscalation(Committee(), input, D("2025-09-26"));
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(service_
                ->ResolveEscalation(Committee(), opened->id, 1, D("2025-09-25"), "handled", "x",
                                    D("2025-10-01"))
                .status()
                .reason(),
            "escalation.resolved_date");
  EXPECT_EQ(service_
                ->ResolveEscalation(Committee(), opened->id, 1, D("2025-09-30"), "ignored", "x",
                                    D("2025-10-01"))
                .status()
                .reason(),
            "escalation.outcome_invalid");
  EXPECT_EQ(service_
                ->ResolveEscalation(Committee(), opened->id, 1, D("2025-09-30"), "referred", "",
                                    D("2025-10-01"))
                .status()
                .reason(),
            "escalation.resolution_required");
  EXPECT_EQ(service_->ListEscalations(Committee(), person_a_.id)->size(), 1u);
}

TEST_F(AftercareServiceTest, AuditFailureWritesNothing) {
  audit_.set_fail(true);
  EXPECT_EQ(service_->RecordVisit(Visitor(), GoodVisit(), D("2025-08-02")).status().reason(),
            "audit.failed");
  audit_.set_fail(false);
  EXPECT_TRUE(store_->Aftercare().ListVisits(person_a_.id)->empty());
}

}  // namespace
}  // namespace kangfu::app
