// Contract of the indicator queries of the storage port (storage/indicator_store.hpp) on every
// backend: what each query selects (subtree, days, forms, states), the unit paths it names, its
// order, and the error for an unknown root.

#include <gtest/gtest.h>

#include "storage_contract_fixture.hpp"

namespace kangfu::storage {
namespace {

using contract::BackendNames;
using contract::Backends;
using contract::kIdA;
using contract::kIdB;
using contract::kIdC;

// 省 → 甲市 → 甲市财政局; 省 → 乙市. A (甲市财政局) form 2 on 2025-03-01 and form 1 on
// 2025-06-01; B (乙市) form 3 on 2025-02-01; C (甲市财政局) form 2 on 2024-12-31.
template <typename Backend>
class IndicatorContractTest : public contract::StoreContractTest<Backend> {
 protected:
  void SetUp() override {
    contract::StoreContractTest<Backend>::SetUp();
    if (this->IsSkipped() || this->HasFatalFailure()) return;
    std::tie(province_, city_, unit_, other_) = this->AddStandardTree();
    a_ = this->AddPerson(kIdA, unit_.id);
    b_ = this->AddPerson(kIdB, other_.id);
    c_ = this->AddPerson(kIdC, unit_.id);
    case_a_ = this->AddCase(a_.id, city_.id, "2025-03-01", 2);
    this->AddCase(a_.id, city_.id, "2025-06-01", 1);
    case_b_ = this->AddCase(b_.id, province_.id, "2025-02-01", 3);
    this->AddCase(c_.id, city_.id, "2024-12-31", 2);
  }

  IndicatorStore& I() { return this->store_->Indicators(); }

  void Visit(const Person& p, const char* date) {
    VisitRow v;
    v.person_id = p.id;
    v.organ_id = city_.id;
    v.date = this->D(date);
    v.visitors = {p.id};
    v.talked_with = {"subject"};
    v.grade = "good";
    Result<VisitRow> added = this->store_->Aftercare().AddVisit(v);
    ASSERT_TRUE(added.ok()) << added.status().ToString() << added.status().internal();
  }

  Organisation province_, city_, unit_, other_;
  Person a_, b_, c_;
  Case case_a_, case_b_;
};

TYPED_TEST_SUITE(IndicatorContractTest, Backends, BackendNames);

TYPED_TEST(IndicatorContractTest, CaseSubjectsSelectByDaysAndFormsOncePerPerson) {
  Result<std::vector<IndicatorSubject>> all = this->I().CaseSubjects(
      this->province_.id, this->D("2025-01-01"), this->D("2025-12-31"), 1, 4);
  ASSERT_TRUE(all.ok()) << all.status().ToString() << all.status().internal();
  EXPECT_EQ(*all, (std::vector<IndicatorSubject>{{this->a_.id, this->unit_.path},
                                                 {this->b_.id, this->other_.path}}));
  Result<std::vector<IndicatorSubject>> city =
      this->I().CaseSubjects(this->city_.id, this->D("2024-12-31"), this->D("2025-05-31"), 2, 3);
  ASSERT_TRUE(city.ok());
  EXPECT_EQ(*city, (std::vector<IndicatorSubject>{{this->a_.id, this->unit_.path},
                                                  {this->c_.id, this->unit_.path}}));
  EXPECT_TRUE(this->I()
                  .CaseSubjects(this->other_.id, this->D("2025-02-02"), this->D("2025-12-31"), 1, 4)
                  ->empty());
  Result<std::vector<IndicatorSubject>> missing =
      this->I().CaseSubjects(999999, this->D("2025-01-01"), this->D("2025-12-31"), 1, 4);
  EXPECT_EQ(missing.status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(missing.status().reason(), "organisation.not_found");
  EXPECT_EQ(missing.status().field(), "org");
}

TYPED_TEST(IndicatorContractTest, DisciplinedAndVisitedPerUnit) {
  this->Visit(this->a_, "2025-04-01");
  this->Visit(this->a_, "2025-05-01");  // the same person once
  this->Visit(this->b_, "2023-06-01");  // before the window
  Result<std::vector<DisciplinedVisited>> rows = this->I().CountDisciplinedVisited(
      this->province_.id, this->D("2024-01-01"), this->D("2025-12-31"));
  ASSERT_TRUE(rows.ok()) << rows.status().ToString() << rows.status().internal();
  EXPECT_EQ(*rows,
            (std::vector<DisciplinedVisited>{{this->unit_.path, 2, 1}, {this->other_.path, 1, 0}}));
  rows = this->I().CountDisciplinedVisited(this->city_.id, this->D("2025-01-01"),
                                           this->D("2025-12-31"));
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(*rows, (std::vector<DisciplinedVisited>{{this->unit_.path, 1, 1}}));
}

TYPED_TEST(IndicatorContractTest, MentoringWithTalksAndReportsOverlappingThePeriod) {
  AftercareStore& ac = this->store_->Aftercare();
  Result<MentorRow> running = ac.AddMentor({.person_id = this->a_.id,
                                            .mentor_id = this->c_.id,
                                            .assigned_by = this->unit_.id,
                                            .start = this->D("2025-04-01")});
  ASSERT_TRUE(running.ok()) << running.status().ToString() << running.status().internal();
  ASSERT_TRUE(ac.AddMentor({.person_id = this->c_.id,
                            .mentor_id = this->a_.id,
                            .assigned_by = this->unit_.id,
                            .start = this->D("2023-01-01"),
                            .end = this->D("2024-06-30")})
                  .ok());
  ASSERT_TRUE(ac.AddTalk({.assignment_id = running->id, .date = this->D("2025-09-01")}).ok());
  ASSERT_TRUE(ac.AddTalk({.assignment_id = running->id, .date = this->D("2025-04-15")}).ok());
  ASSERT_TRUE(ac.AddReport({.assignment_id = running->id,
                            .year = 2025,
                            .half = 1,
                            .submitted = this->D("2025-07-10")})
                  .ok());
  Result<std::vector<MentoringFacts>> rows =
      this->I().ListMentoring(this->province_.id, this->D("2025-01-01"), this->D("2025-12-31"));
  ASSERT_TRUE(rows.ok()) << rows.status().ToString() << rows.status().internal();
  ASSERT_EQ(rows->size(), 1U);  // the 2023-2024 assignment ended before the period
  const MentoringFacts& f = rows->front();
  EXPECT_EQ(f.assignment.id, running->id);
  EXPECT_EQ(f.assignment.person_id, this->a_.id);
  EXPECT_EQ(f.assignment.start, this->D("2025-04-01"));
  EXPECT_EQ(f.assignment.end, std::nullopt);
  EXPECT_EQ(f.unit_path, this->unit_.path);
  EXPECT_EQ(f.talks, (std::vector<Date>{this->D("2025-04-15"), this->D("2025-09-01")}));
  ASSERT_EQ(f.reports.size(), 1U);
  EXPECT_EQ(f.reports[0].half, 1);
  EXPECT_EQ(f.reports[0].submitted, this->D("2025-07-10"));
  EXPECT_TRUE(this->I()
                  .ListMentoring(this->other_.id, this->D("2025-01-01"), this->D("2025-12-31"))
                  ->empty());
}

TYPED_TEST(IndicatorContractTest, IssuedVettingAndOverdueItems) {
  Account account;
  account.username = "orgdept";
  account.password_hash = "x";
  account.roles = {"org_department"};
  account.password_changed_at = "2025-01-01T00:00:00Z";
  const RowId filer = this->store_->AddAccount(account).value().id;
  auto request = [&](RowId org, const char* filed, const char* issued) {
    VettingRequestRow r{.filing_org = org,
                        .filed_by = filer,
                        .requester = "组织部",
                        .purpose = "promotion",
                        .request_date = this->D(filed),
                        .deadline = this->D(filed).AddDays(7),
                        .state = "open"};
    if (*issued != '\0') {
      r.state = "issued";
      r.approved_on = this->D(issued);
      r.issued_on = this->D(issued);
      r.letter_number = "复1号";
    }
    Result<VettingRequestRow> added = this->store_->Vetting().AddVettingRequest(r);
    EXPECT_TRUE(added.ok()) << added.status().ToString() << added.status().internal();
    return added.ok() ? added->id : 0;
  };
  const RowId first = request(this->unit_.id, "2025-03-03", "2025-03-06");
  request(this->unit_.id, "2025-03-03", "");             // not issued
  request(this->other_.id, "2025-03-03", "2025-03-04");  // outside 甲市
  request(this->city_.id, "2024-12-20", "2024-12-31");   // issued before the period
  for (const Person* p : {&this->a_, &this->c_}) {
    ASSERT_TRUE(this->store_->Vetting()
                    .AddVettingCandidate({.request_id = first, .person_id = p->id, .line = 1})
                    .ok());
  }
  Result<std::vector<IssuedVetting>> issued =
      this->I().ListIssuedVetting(this->city_.id, this->D("2025-01-01"), this->D("2025-12-31"));
  ASSERT_TRUE(issued.ok()) << issued.status().ToString() << issued.status().internal();
  EXPECT_EQ(*issued,
            (std::vector<IssuedVetting>{{first, this->unit_.path, this->D("2025-03-03"),
                                         this->D("2025-03-10"), this->D("2025-03-06"), 2}}));

  AftercareStore& ac = this->store_->Aftercare();
  auto item = [&](const Case& c, const char* code, RowId org, const char* due,
                  std::optional<Date> done) {
    Result<ExecutionItemRow> added = ac.AddExecutionItem({.case_id = c.id,
                                                          .person_id = c.person_id,
                                                          .code = code,
                                                          .title = "宣布",
                                                          .due = this->D(due),
                                                          .responsible_org = org});
    ASSERT_TRUE(added.ok()) << added.status().ToString() << added.status().internal();
    if (done) {
      ExecutionItemRow row = *added;
      row.done_on = done;
      ASSERT_TRUE(ac.UpdateExecutionItem(row).ok());
    }
  };
  item(this->case_a_, "announce", this->unit_.id, "2025-04-01", std::nullopt);         // overdue
  item(this->case_a_, "file", this->unit_.id, "2025-04-01", this->D("2025-05-02"));    // late
  item(this->case_a_, "report", this->unit_.id, "2025-05-01", this->D("2025-04-20"));  // done
  item(this->case_a_, "later", this->unit_.id, "2025-05-01", std::nullopt);  // due on the day
  item(this->case_b_, "announce", this->other_.id, "2025-03-01", std::nullopt);
  EscalationRow e{.person_id = this->a_.id,
                  .kind = "poor_performance",
                  .opened_on = this->D("2025-04-01"),
                  .responsible_org = this->city_.id,
                  .due = this->D("2025-04-22")};
  ASSERT_TRUE(ac.AddEscalation(e).ok());
  e.due = this->D("2025-06-01");
  ASSERT_TRUE(ac.AddEscalation(e).ok());  // not yet due
  Result<std::vector<OverdueItems>> overdue =
      this->I().CountOverdueItems(this->province_.id, this->D("2025-05-01"));
  ASSERT_TRUE(overdue.ok()) << overdue.status().ToString() << overdue.status().internal();
  EXPECT_EQ(*overdue,
            (std::vector<OverdueItems>{
                {this->city_.path, 0, 1}, {this->unit_.path, 2, 0}, {this->other_.path, 1, 0}}));
}

}  // namespace
}  // namespace kangfu::storage
