// Contract of the aftercare part of the storage port (storage/aftercare_store.hpp) on every
// backend: round trips, the errors each method names, optimistic locking, and that aftercare
// writes share the Store's transactions.

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <vector>

#include "storage_contract_fixture.hpp"

namespace kangfu::storage {
namespace {

using contract::BackendNames;
using contract::Backends;
using contract::kIdA;
using contract::kIdB;
using contract::kIdC;

template <typename Backend>
class AftercareContractTest : public contract::StoreContractTest<Backend> {
 protected:
  void SetUp() override {
    contract::StoreContractTest<Backend>::SetUp();
    if (this->IsSkipped() || this->HasFatalFailure()) return;
    std::tie(province_, city_, unit_, other_) = this->AddStandardTree();
    subject_ = this->AddPerson(kIdA, unit_.id);
    mentor_ = this->AddPerson(kIdB, unit_.id);
    case_ = this->AddCase(subject_.id, city_.id, "2025-03-14", 2);
  }

  AftercareStore& A() { return this->store_->Aftercare(); }

  ExecutionItemRow Item(const char* code) const {
    return {.case_id = case_.id,
            .person_id = subject_.id,
            .code = code,
            .title = "向本人宣布处分决定",
            .basis = "条例第四十四条",
            .due = this->D("2025-04-13"),
            .responsible_org = unit_.id};
  }

  VisitRow Visit() const {
    return {.person_id = subject_.id,
            .organ_id = city_.id,
            .plan_key = "first_visit:7",
            .date = this->D("2025-08-01"),
            .visitors = {mentor_.id, 99},
            .talked_with = {"subject", "unit_head"},
            .others_talked = "同事二人",
            .checked = {"execution", "attitude"},
            .findings = "认识深刻",
            .grade = "good",
            .recorded_by = "visitor1"};
  }

  Organisation province_, city_, unit_, other_;
  Person subject_, mentor_;
  Case case_;
};

TYPED_TEST_SUITE(AftercareContractTest, Backends, BackendNames);

TYPED_TEST(AftercareContractTest, ExecutionItemsRoundTripAndConfirm) {
  Result<ExecutionItemRow> later = this->A().AddExecutionItem([&] {
    ExecutionItemRow i = this->Item("file");
    i.due = this->D("2025-06-01");
    return i;
  }());
  ASSERT_TRUE(later.ok()) << later.status().ToString() << later.status().internal();
  Result<ExecutionItemRow> first = this->A().AddExecutionItem(this->Item("announce"));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->version, 1);
  EXPECT_GT(first->id, later->id);

  Result<std::vector<ExecutionItemRow>> list = this->A().ListExecutionItems(this->subject_.id);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0], *first);  // by due date
  EXPECT_EQ((*list)[1], *later);

  ExecutionItemRow done = *first;
  done.done_on = this->D("2025-03-20");
  done.confirmed_by = "unit1";
  done.note = "已在支部大会宣布";
  Result<ExecutionItemRow> confirmed = this->A().UpdateExecutionItem(done);
  ASSERT_TRUE(confirmed.ok()) << confirmed.status().ToString();
  EXPECT_EQ(confirmed->version, 2);
  EXPECT_EQ(confirmed->done_on, this->D("2025-03-20"));
  EXPECT_EQ(this->A().GetExecutionItem(first->id)->confirmed_by, "unit1");

  EXPECT_EQ(this->A().UpdateExecutionItem(done).status().reason(), "record.stale");
  EXPECT_EQ(this->A().AddExecutionItem(this->Item("announce")).status().reason(),
            "execution.duplicate");
  ExecutionItemRow orphan = this->Item("x");
  orphan.case_id = 999;
  Result<ExecutionItemRow> missing = this->A().AddExecutionItem(orphan);
  EXPECT_EQ(missing.status().reason(), "case.not_found");
  EXPECT_EQ(missing.status().field(), "case_id");
  EXPECT_EQ(this->A().GetExecutionItem(999).status().reason(), "execution.not_found");
  done.id = 999;
  EXPECT_EQ(this->A().UpdateExecutionItem(done).status().reason(), "execution.not_found");
}

// The set reads of a bulk replan (FactsOfPersons, Store::LoadHistories,
// FaultToleranceOfPersons) give, per person, exactly the per-person reads, in person order;
// unknown persons simply have no rows.
TYPED_TEST(AftercareContractTest, SetReadsEqualThePerPersonReads) {
  Store& store = *this->store_;
  const Person second = this->AddPerson(kIdC, this->unit_.id);
  const Case second_case = this->AddCase(second.id, this->city_.id, "2025-01-05", 2);
  const Case later_case = this->AddCase(this->subject_.id, this->city_.id, "2025-02-01", 1);
  Measure m{.case_id = second_case.id, .kind = "party.warning", .effective = this->D("2025-01-05")};
  const Measure warning = store.AddMeasure(m).value();
  m.case_id = later_case.id;
  m.effective = this->D("2025-02-01");
  ASSERT_TRUE(store.AddMeasure(m).ok());
  ASSERT_TRUE(store
                  .AddHold({.person_id = second.id,
                            .kind = HoldKind::kCaseReview,
                            .from = this->D("2025-03-01")})
                  .ok());
  FaultToleranceRow decision{.person_id = second.id,
                             .organ_id = this->province_.id,
                             .measure_id = warning.id,
                             .ground = "reform_trial",
                             .decision = "exempt",
                             .approver = "省纪委常委会",
                             .date = this->D("2025-02-20"),
                             .reason = "先行先试",
                             .recorded_by = "cm"};
  ASSERT_TRUE(store.Oversight().AddFaultTolerance(decision).ok());
  for (const Person& p : {this->subject_, second}) {
    ExecutionItemRow item = this->Item("announce");
    item.person_id = p.id;
    item.case_id = p.id == second.id ? second_case.id : this->case_.id;
    ASSERT_TRUE(this->A().AddExecutionItem(item).ok());
    item.code = "file";
    item.due = this->D("2025-03-01");
    ASSERT_TRUE(this->A().AddExecutionItem(item).ok());
    Result<VisitPlanRow> plan = this->A().AddVisitPlan(
        {.person_id = p.id, .organ_id = this->city_.id, .created_on = this->D("2025-03-14")});
    ASSERT_TRUE(plan.ok());
    for (int64_t version : {1, 2}) {
      ASSERT_TRUE(this->A()
                      .AddPlanEdit(plan->id, version,
                                   {.kind = "reschedule",
                                    .visit_key = "first_visit:7",
                                    .from = this->D("2025-06-01"),
                                    .due = this->D("2025-12-31"),
                                    .reason = "推迟回访",
                                    .edited_by = "cm",
                                    .edited_on = this->D("2025-04-01")})
                      .ok());
    }
    VisitRow visit = this->Visit();
    visit.person_id = p.id;
    ASSERT_TRUE(this->A().AddVisit(visit).ok());
    for (const char* start : {"2025-05-01", "2025-04-01"}) {
      Result<MentorRow> mentor = this->A().AddMentor({.person_id = p.id,
                                                      .mentor_id = this->mentor_.id,
                                                      .assigned_by = this->unit_.id,
                                                      .start = this->D(start)});
      ASSERT_TRUE(mentor.ok()) << mentor.status().ToString();
      for (const char* day : {"2025-06-10", "2025-05-20"}) {
        ASSERT_TRUE(this->A()
                        .AddTalk({.assignment_id = mentor->id,
                                  .date = this->D(day),
                                  .summary = "谈话",
                                  .recorded_by = "m"})
                        .ok());
      }
      for (int half : {2, 1}) {
        ASSERT_TRUE(this->A()
                        .AddReport({.assignment_id = mentor->id,
                                    .year = 2025,
                                    .half = half,
                                    .submitted = this->D("2025-12-01"),
                                    .summary = "报告",
                                    .recorded_by = "m"})
                        .ok());
      }
    }
    ASSERT_TRUE(this->A()
                    .AddEscalation({.person_id = p.id,
                                    .kind = "poor_performance",
                                    .opened_on = this->D("2025-09-26"),
                                    .description = "工作消极",
                                    .responsible_org = this->unit_.id,
                                    .due = this->D("2025-10-15")})
                    .ok());
  }
  const std::vector<RowId> ids = {second.id, 999999, this->subject_.id};
  Result<AftercareFactRows> facts = this->A().FactsOfPersons(ids);
  ASSERT_TRUE(facts.ok()) << facts.status().ToString() << facts.status().internal();
  AftercareFactRows expected;
  std::vector<RowId> sorted = {this->subject_.id, second.id};
  std::sort(sorted.begin(), sorted.end());
  std::vector<PersonHistory> histories;
  std::vector<FaultToleranceRow> decisions;
  for (RowId id : sorted) {
    auto append = [](auto& to, const auto& from) { to.insert(to.end(), from.begin(), from.end()); };
    append(expected.plans, this->A().ListVisitPlans(id).value());
    append(expected.visits, this->A().ListVisits(id).value());
    append(expected.items, this->A().ListExecutionItems(id).value());
    const std::vector<MentorRow> mentors = this->A().ListMentorsOfPerson(id).value();
    append(expected.mentors, mentors);
    std::vector<MentorRow> by_id = mentors;
    std::sort(by_id.begin(), by_id.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    for (const MentorRow& mentor : by_id) {
      append(expected.talks, this->A().ListTalks(mentor.id).value());
      append(expected.reports, this->A().ListReports(mentor.id).value());
    }
    append(expected.escalations, this->A().ListEscalations(id).value());
    const Person person = store.GetPerson(id).value();
    histories.push_back(store.LoadHistory(person.id_number).value());
    append(decisions, store.Oversight().FaultToleranceOfPerson(id).value());
  }
  EXPECT_EQ(facts->plans, expected.plans);
  EXPECT_EQ(facts->visits, expected.visits);
  EXPECT_EQ(facts->items, expected.items);
  EXPECT_EQ(facts->mentors, expected.mentors);
  EXPECT_EQ(facts->talks, expected.talks);
  EXPECT_EQ(facts->reports, expected.reports);
  EXPECT_EQ(facts->escalations, expected.escalations);
  // The comparison is not of empty lists.
  EXPECT_EQ(expected.plans.size(), 2U);
  EXPECT_EQ(expected.plans[0].edits.size(), 2U);
  EXPECT_EQ(expected.talks.size(), 8U);
  EXPECT_EQ(expected.reports.size(), 8U);
  EXPECT_EQ(expected.items.size(), 4U);

  Result<std::vector<PersonHistory>> loaded = store.LoadHistories(ids);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString() << loaded.status().internal();
  ASSERT_EQ(loaded->size(), 2U);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ((*loaded)[i].person, histories[i].person);
    EXPECT_EQ((*loaded)[i].cases, histories[i].cases);
    EXPECT_EQ((*loaded)[i].measures, histories[i].measures);
    EXPECT_EQ((*loaded)[i].holds, histories[i].holds);
  }
  EXPECT_EQ(histories[0].cases.size() + histories[1].cases.size(), 3U);
  EXPECT_EQ(histories[0].holds.size() + histories[1].holds.size(), 1U);
  Result<std::vector<FaultToleranceRow>> all = store.Oversight().FaultToleranceOfPersons(ids);
  ASSERT_TRUE(all.ok()) << all.status().ToString() << all.status().internal();
  EXPECT_EQ(*all, decisions);
  EXPECT_EQ(decisions.size(), 1U);
  EXPECT_TRUE(this->A().FactsOfPersons({}).value().plans.empty());
  EXPECT_TRUE(store.LoadHistories({}).value().empty());
}

// The bulk write of a ledger import's new cases: the same rows as one AddExecutionItem /
// AddVisitPlan each; a plan the person already has (or given twice) is left out; an unknown case,
// person or organisation, or a duplicate item, fails the whole call and writes nothing.
TYPED_TEST(AftercareContractTest, AddChecklistsWritesTheRowsOfSingleAdds) {
  const Person second = this->AddPerson(kIdC, this->unit_.id);
  const Case second_case = this->AddCase(second.id, this->city_.id, "2025-04-01", 1);
  ASSERT_TRUE(this->A()
                  .AddVisitPlan({.person_id = this->subject_.id,
                                 .organ_id = this->city_.id,
                                 .created_on = this->D("2025-03-14")})
                  .ok());
  ExecutionItemRow other = this->Item("announce");
  other.case_id = second_case.id;
  other.person_id = second.id;
  other.due = this->D("2025-05-01");
  const std::vector<ExecutionItemRow> items = {this->Item("announce"), this->Item("file"), other};
  const std::vector<VisitPlanRow> plans = {
      {.person_id = this->subject_.id,
       .organ_id = this->city_.id,
       .created_on = this->D("2025-06-01")},
      {.person_id = second.id,
       .organ_id = this->city_.id,
       .created_on = this->D("2025-06-01"),
       .imported_on = this->D("2025-06-01")},
      {.person_id = second.id, .organ_id = this->city_.id, .created_on = this->D("2025-06-02")},
      {.person_id = second.id, .organ_id = this->other_.id, .created_on = this->D("2025-06-01")}};

  // Failures first: nothing of the call is kept.
  struct Bad {
    const char* name;
    std::function<void(std::vector<ExecutionItemRow>&, std::vector<VisitPlanRow>&)> change;
    const char* reason;
    const char* field;
  };
  const std::vector<Bad> bad = {
      {"unknown case", [](auto& i, auto&) { i[2].case_id = 999; }, "case.not_found", "case_id"},
      {"unknown person", [](auto& i, auto&) { i[2].person_id = 999; }, "person.not_found",
       "person_id"},
      {"unknown responsible", [](auto& i, auto&) { i[2].responsible_org = 999; },
       "organisation.not_found", "responsible_org"},
      {"unknown plan person", [](auto&, auto& p) { p[3].person_id = 999; }, "person.not_found",
       "person_id"},
      {"unknown organ", [](auto&, auto& p) { p[3].organ_id = 999; }, "organisation.not_found",
       "organ_id"},
      {"duplicate item", [](auto& i, auto&) { i[1].code = "announce"; }, "execution.duplicate",
       "code"},
  };
  for (const Bad& b : bad) {
    SCOPED_TRACE(b.name);
    std::vector<ExecutionItemRow> i = items;
    std::vector<VisitPlanRow> p = plans;
    b.change(i, p);
    Result<int64_t> refused = this->A().AddChecklists(i, p);
    EXPECT_EQ(refused.status().reason(), b.reason);
    EXPECT_EQ(refused.status().field(), b.field);
    EXPECT_TRUE(this->A().ListExecutionItems(this->subject_.id)->empty());
    EXPECT_TRUE(this->A().ListExecutionItems(second.id)->empty());
    EXPECT_TRUE(this->A().ListVisitPlans(second.id)->empty());
  }

  Result<int64_t> added = this->A().AddChecklists(items, plans);
  ASSERT_TRUE(added.ok()) << added.status().ToString() << " " << added.status().internal();
  EXPECT_EQ(*added, 2);  // the subject's plan was there; the second person's given twice
  Result<std::vector<ExecutionItemRow>> list = this->A().ListExecutionItems(this->subject_.id);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  for (std::size_t k = 0; k < 2; ++k) {
    ExecutionItemRow expected = items[k];
    expected.id = (*list)[k].id;
    expected.version = 1;
    EXPECT_EQ((*list)[k], expected);
  }
  Result<std::vector<ExecutionItemRow>> others = this->A().ListExecutionItems(second.id);
  ASSERT_TRUE(others.ok());
  ASSERT_EQ(others->size(), 1u);
  other.id = (*others)[0].id;
  other.version = 1;
  EXPECT_EQ((*others)[0], other);
  Result<std::vector<VisitPlanRow>> second_plans = this->A().ListVisitPlans(second.id);
  ASSERT_TRUE(second_plans.ok());
  ASSERT_EQ(second_plans->size(), 2u);
  EXPECT_EQ((*second_plans)[0].organ_id, this->city_.id);
  EXPECT_EQ((*second_plans)[0].created_on, this->D("2025-06-01"));
  EXPECT_EQ((*second_plans)[0].imported_on, this->D("2025-06-01"));
  EXPECT_EQ((*second_plans)[0].version, 1);
  EXPECT_EQ((*second_plans)[1].organ_id, this->other_.id);
  EXPECT_EQ((*second_plans)[1].imported_on, std::nullopt);
  EXPECT_EQ(this->A().ListVisitPlans(this->subject_.id)->size(), 1u);
  EXPECT_EQ(this->A().AddChecklists(items, {}).status().reason(), "execution.duplicate");
  EXPECT_EQ(*this->A().AddChecklists({}, plans), 0);
}

TYPED_TEST(AftercareContractTest, VisitPlanEditsAreVersioned) {
  Result<VisitPlanRow> plan = this->A().AddVisitPlan({.person_id = this->subject_.id,
                                                      .organ_id = this->city_.id,
                                                      .created_on = this->D("2025-03-14")});
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(plan->version, 1);
  EXPECT_TRUE(plan->edits.empty());
  EXPECT_EQ(this->A()
                .AddVisitPlan({.person_id = this->subject_.id,
                               .organ_id = this->city_.id,
                               .created_on = this->D("2025-03-14")})
                .status()
                .reason(),
            "visit_plan.exists");

  PlanEditRow edit{.kind = "reschedule",
                   .visit_key = "first_visit:7",
                   .from = this->D("2025-05-01"),
                   .due = this->D("2025-10-31"),
                   .reason = "本人借调外地，推迟回访",
                   .edited_by = "manager1",
                   .edited_on = this->D("2025-04-01")};
  Result<VisitPlanRow> edited = this->A().AddPlanEdit(plan->id, 1, edit);
  ASSERT_TRUE(edited.ok()) << edited.status().ToString() << edited.status().internal();
  EXPECT_EQ(edited->version, 2);
  ASSERT_EQ(edited->edits.size(), 1u);
  EXPECT_EQ(edited->edits[0].reason, "本人借调外地，推迟回访");
  EXPECT_EQ(edited->edits[0].due, this->D("2025-10-31"));
  EXPECT_EQ(edited->edits[0].responsible_org, 0);

  // A second editor who read version 1 is refused and nothing is appended.
  EXPECT_EQ(this->A().AddPlanEdit(plan->id, 1, edit).status().reason(), "record.stale");
  PlanEditRow added{.kind = "add",
                    .visit_key = "extra",
                    .title = "加访",
                    .from = this->D("2025-11-01"),
                    .due = this->D("2025-11-30"),
                    .responsible_org = this->other_.id,
                    .reason = "群众反映",
                    .edited_on = this->D("2025-04-02")};
  ASSERT_TRUE(this->A().AddPlanEdit(plan->id, 2, added).ok());
  Result<std::vector<VisitPlanRow>> plans = this->A().ListVisitPlans(this->subject_.id);
  ASSERT_TRUE(plans.ok());
  ASSERT_EQ(plans->size(), 1u);
  EXPECT_EQ((*plans)[0].version, 3);
  ASSERT_EQ((*plans)[0].edits.size(), 2u);
  EXPECT_EQ((*plans)[0].edits[1].responsible_org, this->other_.id);
  EXPECT_EQ((*plans)[0], *this->A().GetVisitPlan(plan->id));

  PlanEditRow no_reason = edit;
  no_reason.reason = "";
  EXPECT_EQ(this->A().AddPlanEdit(plan->id, 3, no_reason).status().reason(), "record.invalid");
  EXPECT_EQ(this->A().GetVisitPlan(plan->id)->version, 3);  // the failed edit left no trace
  EXPECT_EQ(this->A().AddPlanEdit(999, 1, edit).status().reason(), "visit_plan.not_found");
}

TYPED_TEST(AftercareContractTest, VisitsRoundTripWithTheirLists) {
  Result<VisitRow> visit = this->A().AddVisit(this->Visit());
  ASSERT_TRUE(visit.ok()) << visit.status().ToString() << visit.status().internal();
  Result<VisitRow> read = this->A().GetVisit(visit->id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(*read, *visit);
  EXPECT_EQ(read->visitors, (std::vector<RowId>{this->mentor_.id, 99}));

  VisitRow feedback = *read;
  feedback.feedback = "已向所在党支部反馈";
  feedback.feedback_on = this->D("2025-08-05");
  Result<VisitRow> updated = this->A().UpdateVisit(feedback);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(updated->feedback_on, this->D("2025-08-05"));
  EXPECT_EQ(this->A().UpdateVisit(feedback).status().reason(), "record.stale");
  ASSERT_EQ(this->A().ListVisits(this->subject_.id)->size(), 1u);

  VisitRow bad = this->Visit();
  bad.grade = "excellent";
  EXPECT_EQ(this->A().AddVisit(bad).status().reason(), "record.invalid");
  bad = this->Visit();
  bad.talked_with = {"subject,unit_head"};
  EXPECT_EQ(this->A().AddVisit(bad).status().field(), "talked_with");
  bad = this->Visit();
  bad.person_id = 999;
  EXPECT_EQ(this->A().AddVisit(bad).status().reason(), "person.not_found");
  EXPECT_EQ(this->A().ListVisits(this->subject_.id)->size(), 1u);
}

TYPED_TEST(AftercareContractTest, MentorsTalksAndReports) {
  MentorRow row{.person_id = this->subject_.id,
                .mentor_id = this->mentor_.id,
                .assigned_by = this->unit_.id,
                .start = this->D("2025-04-01")};
  Result<MentorRow> mentor = this->A().AddMentor(row);
  ASSERT_TRUE(mentor.ok()) << mentor.status().ToString();
  EXPECT_EQ(mentor->version, 1);
  EXPECT_EQ(*this->A().GetMentor(mentor->id), *mentor);

  Account login;
  login.username = "mentor1";
  login.password_hash = "x";
  login.password_changed_at = "2025-01-01T00:00:00Z";
  Result<Account> account = this->store_->AddAccount(login);
  ASSERT_TRUE(account.ok()) << account.status().ToString();
  MentorRow linked = *mentor;
  linked.mentor_account_id = account->id;
  linked.end = this->D("2026-03-31");
  Result<MentorRow> updated = this->A().UpdateMentor(linked);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(this->A().ListMentorsOfAccount(account->id)->size(), 1u);
  EXPECT_EQ(this->A().ListMentorsOfPerson(this->subject_.id)->at(0), *updated);
  EXPECT_EQ(this->A().UpdateMentor(linked).status().reason(), "record.stale");

  ASSERT_TRUE(this->A().AddTalk({.assignment_id = mentor->id, .date = this->D("2025-09-01")}).ok());
  ASSERT_TRUE(this->A().AddTalk({.assignment_id = mentor->id, .date = this->D("2025-04-20")}).ok());
  Result<std::vector<TalkRow>> talks = this->A().ListTalks(mentor->id);
  ASSERT_TRUE(talks.ok());
  ASSERT_EQ(talks->size(), 2u);
  EXPECT_EQ((*talks)[0].date, this->D("2025-04-20"));
  EXPECT_EQ(
      this->A().AddTalk({.assignment_id = 999, .date = this->D("2025-04-20")}).status().reason(),
      "mentor.not_found");

  MentorReportRow report{.assignment_id = mentor->id,
                         .year = 2025,
                         .half = 1,
                         .submitted = this->D("2025-07-10"),
                         .summary = "思想稳定"};
  ASSERT_TRUE(this->A().AddReport(report).ok());
  EXPECT_EQ(this->A().AddReport(report).status().reason(), "mentor_report.duplicate");
  report.half = 3;
  EXPECT_EQ(this->A().AddReport(report).status().reason(), "record.invalid");
  Result<std::vector<MentorReportRow>> reports = this->A().ListReports(mentor->id);
  ASSERT_EQ(reports->size(), 1u);
  EXPECT_EQ((*reports)[0].summary, "思想稳定");

  row.mentor_id = 999;
  Result<MentorRow> unknown = this->A().AddMentor(row);
  EXPECT_EQ(unknown.status().reason(), "person.not_found");
  EXPECT_EQ(unknown.status().field(), "mentor_id");
  row.mentor_id = this->subject_.id;  // the subject cannot mentor themself
  EXPECT_EQ(this->A().AddMentor(row).status().reason(), "record.invalid");
}

TYPED_TEST(AftercareContractTest, EscalationsOpenAndResolve) {
  EscalationRow open{.person_id = this->subject_.id,
                     .kind = "new_violation_sign",
                     .opened_on = this->D("2025-09-26"),
                     .description = "接受管理服务对象宴请",
                     .responsible_org = this->unit_.id,
                     .due = this->D("2025-10-24")};
  Result<EscalationRow> stored = this->A().AddEscalation(open);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_EQ(stored->outcome, "");
  EXPECT_EQ(stored->resolved_on, std::nullopt);

  EscalationRow half = *stored;
  half.outcome = "handled";  // an outcome without a date is refused
  EXPECT_EQ(this->A().UpdateEscalation(half).status().reason(), "record.invalid");
  half.resolved_on = this->D("2025-10-20");
  half.resolution = "支部研究后进行批评教育";
  Result<EscalationRow> resolved = this->A().UpdateEscalation(half);
  ASSERT_TRUE(resolved.ok()) << resolved.status().ToString();
  EXPECT_EQ(resolved->version, 2);
  EXPECT_EQ(*this->A().GetEscalation(stored->id), *resolved);
  EXPECT_EQ(this->A().ListEscalations(this->subject_.id)->size(), 1u);

  open.kind = "gossip";
  EXPECT_EQ(this->A().AddEscalation(open).status().reason(), "record.invalid");
  open.kind = "poor_performance";
  open.assignment_id = 999;
  EXPECT_EQ(this->A().AddEscalation(open).status().reason(), "mentor.not_found");
  EXPECT_EQ(this->A().GetEscalation(999).status().reason(), "escalation.not_found");
}

TYPED_TEST(AftercareContractTest, SettingsAreVersioned) {
  EXPECT_EQ(*this->A().GetSetting("policy", 0), std::nullopt);
  Result<AftercareSetting> put =
      this->A().PutSetting({.name = "policy", .org_id = 0, .body = "{}"});
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  EXPECT_EQ(put->version, 1);
  EXPECT_EQ(this->A().PutSetting({.name = "policy", .org_id = 0, .body = "{}"}).status().reason(),
            "setting.exists");
  Result<AftercareSetting> edited =
      this->A().PutSetting({.name = "policy", .org_id = 0, .body = "{\"a\":1}", .version = 1});
  ASSERT_TRUE(edited.ok());
  EXPECT_EQ(edited->version, 2);
  EXPECT_EQ(this->A()
                .PutSetting({.name = "policy", .org_id = 0, .body = "{}", .version = 1})
                .status()
                .reason(),
            "record.stale");
  EXPECT_EQ((*this->A().GetSetting("policy", 0))->body, "{\"a\":1}");
  EXPECT_EQ(*this->A().GetSetting("calendar", 0), std::nullopt);
  EXPECT_EQ(this->A().PutSetting({.name = "colours", .body = "{}"}).status().reason(),
            "record.invalid");
}

TYPED_TEST(AftercareContractTest, SubjectsOfASubtree) {
  Person other = this->AddPerson(kIdC, this->other_.id);
  this->AddCase(other.id, this->other_.id, "2025-01-02", 1);
  this->AddCase(this->subject_.id, this->city_.id, "2025-05-02", 1);
  EXPECT_EQ(*this->A().ListAftercareSubjects(this->province_.id),
            (std::vector<RowId>{this->subject_.id, other.id}));
  EXPECT_EQ(*this->A().ListAftercareSubjects(this->city_.id),
            (std::vector<RowId>{this->subject_.id}));
  EXPECT_EQ(this->A().ListAftercareSubjects(999).status().reason(), "organisation.not_found");
}

TYPED_TEST(AftercareContractTest, FailureDoomsTheStoresTransaction) {
  Status status = this->store_->InTransaction([&]() -> Status {
    KANGFU_RETURN_IF_ERROR(this->store_
                               ->AddHold({.person_id = this->subject_.id,
                                          .kind = HoldKind::kClueVerification,
                                          .from = this->D("2025-08-01")})
                               .status());
    VisitRow bad = this->Visit();
    bad.grade = "excellent";
    (void)this->A().AddVisit(bad);  // ignored by the caller, still dooms the transaction
    return this->A().AddVisit(this->Visit()).status();
  });
  EXPECT_EQ(status.reason(), "transaction.aborted");  // what the later write returned
  Result<PersonHistory> history = this->store_->LoadHistory(kIdA);
  ASSERT_TRUE(history.ok());
  EXPECT_TRUE(history->holds.empty());
  EXPECT_TRUE(this->A().ListVisits(this->subject_.id)->empty());

  // Both commit together.
  ASSERT_TRUE(this->store_
                  ->InTransaction([&]() -> Status {
                    KANGFU_ASSIGN_OR_RETURN(
                        Hold hold, this->store_->AddHold({.person_id = this->subject_.id,
                                                          .kind = HoldKind::kClueVerification,
                                                          .from = this->D("2025-08-01")}));
                    VisitRow visit = this->Visit();
                    visit.clue_hold_id = hold.id;
                    return this->A().AddVisit(visit).status();
                  })
                  .ok());
  EXPECT_EQ(this->store_->LoadHistory(kIdA)->holds.size(), 1u);
  EXPECT_NE(this->A().ListVisits(this->subject_.id)->at(0).clue_hold_id, 0);
}

}  // namespace
}  // namespace kangfu::storage
