// Contract of the stored reminder schedule (migration 0008; storage/aftercare_store.hpp and the
// schedule counts of storage/indicator_store.hpp) on every backend: a subject's schedule is
// replaced whole, the subjects to replan are found (missing, past their horizon, other stamp),
// the items listed on a day are counted per kind and responsible with the open 谈话函询
// replies, and the indicator counts read the subtree's subjects only.

#include <gtest/gtest.h>

#include <string>
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
class ScheduleContractTest : public contract::StoreContractTest<Backend> {
 protected:
  void SetUp() override {
    contract::StoreContractTest<Backend>::SetUp();
    if (this->IsSkipped() || this->HasFatalFailure()) return;
    std::tie(province_, city_, unit_, other_) = this->AddStandardTree();
    a_ = this->AddPerson(kIdA, unit_.id);
    b_ = this->AddPerson(kIdB, other_.id);
    c_ = this->AddPerson(kIdC, unit_.id);  // no case: never a subject
    this->AddCase(a_.id, city_.id, "2025-03-14", 2);
    this->AddCase(b_.id, other_.id, "2025-03-20", 2);
  }

  AftercareStore& A() { return this->store_->Aftercare(); }
  IndicatorStore& I() { return this->store_->Indicators(); }

  ScheduleItemRow Item(const char* kind, const char* ref, const char* from, const char* due) const {
    return {.kind = kind,
            .ref = ref,
            .title = "回访",
            .responsible_org = city_.id,
            .mentor_id = 0,
            .listed_from = this->D(from),
            .listed_until = std::nullopt,
            .due = this->D(due),
            .may_be_overdue = true,
            .done_on = std::nullopt};
  }

  SchedulePlan PlanOfA() const {
    ScheduleItemRow talk = Item("mentor_talk", "9:2025H1", "2025-06-01", "2025-06-30");
    talk.responsible_org = 0;
    talk.mentor_id = b_.id;
    talk.listed_until = this->D("2025-12-31");
    ScheduleItemRow ending = Item("influence_ending", "m1", "2025-07-01", "2025-07-30");
    ending.may_be_overdue = false;
    ending.listed_until = this->D("2025-07-30");
    ScheduleItemRow done = Item("visit", "first_visit:1", "2025-03-14", "2025-06-30");
    done.done_on = this->D("2025-05-02");
    return {.person_id = a_.id,
            .unit_path = unit_.path,
            .planned_until = this->D("2027-01-01"),
            .stamp = "s1",
            .items = {Item("execution", "1:announce", "2025-03-14", "2025-04-13"), done,
                      Item("visit", "second_visit:1", "2025-09-14", "2025-12-31"), talk, ending}};
  }

  Organisation province_, city_, unit_, other_;
  Person a_, b_, c_;
};

TYPED_TEST_SUITE(ScheduleContractTest, Backends, BackendNames);

TYPED_TEST(ScheduleContractTest, ReplacedWholeAndReadBack) {
  Result<std::optional<SchedulePlan>> none = this->A().GetSchedule(this->a_.id);
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_EQ(*none, std::nullopt);

  const SchedulePlan plan = this->PlanOfA();
  Status stored = this->A().ReplaceSchedule(plan);
  ASSERT_TRUE(stored.ok()) << stored.ToString() << stored.internal();
  Result<std::optional<SchedulePlan>> read = this->A().GetSchedule(this->a_.id);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  ASSERT_TRUE(read->has_value());
  SchedulePlan expected = plan;
  std::sort(expected.items.begin(), expected.items.end(), [](const auto& x, const auto& y) {
    return std::tie(x.kind, x.ref) < std::tie(y.kind, y.ref);
  });
  EXPECT_EQ(**read, expected);

  SchedulePlan smaller = plan;
  smaller.items.resize(1);
  smaller.problem_reason = "calendar.year_not_covered";
  smaller.problem_field = "escalations[0]";
  smaller.problem_message = "节假日安排未覆盖该年度";
  ASSERT_TRUE(this->A().ReplaceSchedule(smaller).ok());
  read = this->A().GetSchedule(this->a_.id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(**read, smaller);
  Result<std::vector<SchedulePlan>> problems = this->A().ListScheduleProblems();
  ASSERT_TRUE(problems.ok());
  ASSERT_EQ(problems->size(), 1u);
  EXPECT_EQ((*problems)[0].person_id, this->a_.id);
  EXPECT_EQ((*problems)[0].problem_reason, "calendar.year_not_covered");
  EXPECT_EQ((*problems)[0].problem_field, "escalations[0]");

  SchedulePlan unknown = plan;
  unknown.person_id = 999999;
  Status missing = this->A().ReplaceSchedule(unknown);
  EXPECT_EQ(missing.code(), ErrorCode::kNotFound);
  EXPECT_EQ(missing.reason(), "person.not_found");
  EXPECT_EQ(missing.field(), "person_id");
}

TYPED_TEST(ScheduleContractTest, SubjectsToReplan) {
  auto unplanned = [&](const char* day, const char* stamp) {
    Result<std::vector<RowId>> ids = this->A().ListUnplannedSubjects(this->D(day), stamp, 10);
    EXPECT_TRUE(ids.ok()) << ids.status().ToString();
    return ids.ok() ? *ids : std::vector<RowId>{};
  };
  EXPECT_EQ(unplanned("2025-08-01", "s1"), (std::vector<RowId>{this->a_.id, this->b_.id}));
  ASSERT_TRUE(this->A().ReplaceSchedule(this->PlanOfA()).ok());
  EXPECT_EQ(unplanned("2025-08-01", "s1"), (std::vector<RowId>{this->b_.id}));
  EXPECT_EQ(unplanned("2027-01-01", "s1"), (std::vector<RowId>{this->b_.id}));
  EXPECT_EQ(unplanned("2027-01-02", "s1"), (std::vector<RowId>{this->a_.id, this->b_.id}));
  EXPECT_EQ(unplanned("2025-08-01", "s2"), (std::vector<RowId>{this->a_.id, this->b_.id}));
  Result<std::vector<RowId>> one = this->A().ListUnplannedSubjects(this->D("2025-08-01"), "s2", 1);
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(*one, std::vector<RowId>{this->a_.id});
  Result<int64_t> planned = this->A().CountPlannedSubjects();
  ASSERT_TRUE(planned.ok());
  EXPECT_EQ(*planned, 1);
}

TYPED_TEST(ScheduleContractTest, ListedItemsCountedPerKindAndResponsible) {
  ASSERT_TRUE(this->A().ReplaceSchedule(this->PlanOfA()).ok());
  ClueRow clue{.person_id = this->b_.id,
               .organ_id = this->other_.id,
               .source = "petition",
               .summary = "反映其违规收受礼金",
               .received = this->D("2025-06-20"),
               .handling = "inquiry",
               .handling_date = this->D("2025-07-01"),
               .reply_due = this->D("2025-07-22"),
               .state = "in_progress",
               .registered_by = "cm"};
  Result<ClueRow> added = this->store_->Oversight().AddClue(clue);
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  clue.handling = "verification";
  clue.reply_due.reset();
  ASSERT_TRUE(this->store_->Oversight().AddClue(clue).ok());

  struct Row {
    const char* day;
    std::vector<ListedCount> expected;
  };
  const RowId city = this->city_.id;
  const RowId other = this->other_.id;
  const RowId mentor = this->b_.id;
  const std::vector<Row> rows = {
      {"2025-03-13", {}},
      {"2025-04-13", {{"execution", city, 0, 1, 0}}},
      {"2025-06-30", {{"execution", city, 0, 1, 1}, {"mentor_talk", 0, mentor, 1, 0}}},
      {"2025-07-23",
       {{"clue_reply", other, 0, 1, 1},
        {"execution", city, 0, 1, 1},
        {"influence_ending", city, 0, 1, 0},
        {"mentor_talk", 0, mentor, 1, 1}}},
      {"2026-01-01",
       {{"execution", city, 0, 1, 1}, {"visit", city, 0, 1, 1}, {"clue_reply", other, 0, 1, 1}}},
  };
  for (const Row& row : rows) {
    Result<std::vector<ListedCount>> counts = this->A().CountListed(this->D(row.day));
    ASSERT_TRUE(counts.ok()) << counts.status().ToString() << counts.status().internal();
    std::vector<ListedCount> expected = row.expected;
    std::sort(expected.begin(), expected.end(), [](const auto& x, const auto& y) {
      return std::tie(x.kind, x.responsible_org, x.mentor_id) <
             std::tie(y.kind, y.responsible_org, y.mentor_id);
    });
    EXPECT_EQ(*counts, expected) << row.day;
  }

  Result<std::vector<OpenInquiryRow>> open = this->A().ListOpenInquiries(this->province_.id);
  ASSERT_TRUE(open.ok()) << open.status().ToString();
  EXPECT_EQ(*open, (std::vector<OpenInquiryRow>{{.clue_id = added->id,
                                                 .person_id = this->b_.id,
                                                 .organ_id = other,
                                                 .handling_date = this->D("2025-07-01"),
                                                 .reply_due = this->D("2025-07-22")}}));
  open = this->A().ListOpenInquiries(this->city_.id);
  ASSERT_TRUE(open.ok());
  EXPECT_TRUE(open->empty());
  ClueRow replied = *added;
  replied.replied_on = this->D("2025-07-10");
  ASSERT_TRUE(this->store_->Oversight().UpdateClue(replied).ok());
  open = this->A().ListOpenInquiries(this->province_.id);
  ASSERT_TRUE(open.ok());
  EXPECT_TRUE(open->empty());
  EXPECT_EQ(this->A().ListOpenInquiries(987654).status().reason(), "organisation.not_found");
}

// The workbench's reads (migration 0012): the items of a subtree's subjects with a case listed
// on a day, in the order of domain::ComputeReminders — due, subject, kind in ReminderKind order
// (visit before execution), ref bytewise ("1:Zeta" before "1:announce", whatever the database's
// collation) — filtered, cut to the page, and counted per kind; one subject's items.
TYPED_TEST(ScheduleContractTest, WorkbenchItemsOfTheSubtreeInOrder) {
  SchedulePlan a = this->PlanOfA();
  a.items.push_back(this->Item("visit", "z:1", "2025-04-01", "2025-04-13"));
  a.items.push_back(this->Item("execution", "1:Zeta", "2025-03-14", "2025-04-13"));
  ScheduleItemRow b_item = this->Item("execution", "2:file", "2025-03-20", "2025-04-13");
  b_item.responsible_org = this->other_.id;
  const SchedulePlan b{.person_id = this->b_.id,
                       .unit_path = this->other_.path,
                       .planned_until = this->D("2027-01-01"),
                       .stamp = "s1",
                       .items = {b_item}};
  // c has no case: its mentoring and escalation are a mentor's only, never the subtree's.
  ScheduleItemRow talk = this->Item("mentor_talk", "7:2025H1", "2025-06-01", "2025-06-30");
  talk.responsible_org = 0;
  talk.mentor_id = this->b_.id;
  const SchedulePlan c{.person_id = this->c_.id,
                       .unit_path = this->unit_.path,
                       .planned_until = this->D("2027-01-01"),
                       .stamp = "s1",
                       .items = {talk, this->Item("escalation", "5", "2025-09-01", "2025-09-22")}};
  ASSERT_TRUE(this->A().ReplaceSchedules(std::vector<SchedulePlan>{a, b, c}).ok());

  const auto keys = [](const Result<std::vector<ListedItemRow>>& rows) {
    std::vector<std::string> out;
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    if (!rows.ok()) return out;
    for (const ListedItemRow& r : *rows) {
      out.push_back(std::to_string(r.person_id) + " " + r.kind + " " + r.ref + " " +
                    r.due.ToString() + (r.may_be_overdue ? "" : " never"));
    }
    return out;
  };
  const std::string pa = std::to_string(this->a_.id);
  const std::string pb = std::to_string(this->b_.id);
  ListedQuery query{.day = this->D("2025-09-20")};
  const std::vector<std::string> all = {pa + " visit z:1 2025-04-13",
                                        pa + " execution 1:Zeta 2025-04-13",
                                        pa + " execution 1:announce 2025-04-13",
                                        pb + " execution 2:file 2025-04-13",
                                        pa + " mentor_talk 9:2025H1 2025-06-30",
                                        pa + " visit second_visit:1 2025-12-31"};
  EXPECT_EQ(keys(this->A().ListListedIn(this->province_.id, query)), all);
  query.large = true;  // read in due order: the same
  EXPECT_EQ(keys(this->A().ListListedIn(this->province_.id, query)), all);
  query.large = false;
  query.limit = 2;
  EXPECT_EQ(keys(this->A().ListListedIn(this->province_.id, query)),
            (std::vector<std::string>(all.begin(), all.begin() + 2)));
  query.limit = 200;
  query.kinds = {"execution", "mentor_talk"};
  query.overdue_only = true;
  EXPECT_EQ(keys(this->A().ListListedIn(this->province_.id, query)),
            (std::vector<std::string>{all[1], all[2], all[3], all[4]}));
  query.kinds = {};
  query.overdue_only = false;
  // The row carries what the workbench shows.
  Result<std::vector<ListedItemRow>> first = this->A().ListListedIn(this->unit_.id, query);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_EQ(first->size(), 5u);
  EXPECT_EQ((*first)[0].person_name, this->a_.name);
  EXPECT_EQ((*first)[0].title, "回访");
  EXPECT_EQ((*first)[0].responsible_org, this->city_.id);
  EXPECT_EQ((*first)[0].unit_path, this->unit_.path);
  EXPECT_TRUE((*first)[0].has_case);
  EXPECT_EQ((*first)[3].mentor_id, this->b_.id);

  Result<std::vector<ListedCount>> counts = this->A().CountListedIn(this->unit_.id, query);
  ASSERT_TRUE(counts.ok()) << counts.status().ToString();
  EXPECT_EQ(*counts, (std::vector<ListedCount>{{.kind = "execution", .listed = 2, .overdue = 2},
                                               {.kind = "mentor_talk", .listed = 1, .overdue = 1},
                                               {.kind = "visit", .listed = 2, .overdue = 1}}));
  query.overdue_only = true;
  counts = this->A().CountListedIn(this->province_.id, query);
  ASSERT_TRUE(counts.ok()) << counts.status().ToString();
  EXPECT_EQ(*counts, (std::vector<ListedCount>{{.kind = "execution", .listed = 3, .overdue = 3},
                                               {.kind = "mentor_talk", .listed = 1, .overdue = 1},
                                               {.kind = "visit", .listed = 1, .overdue = 1}}));

  Result<std::vector<ListedItemRow>> of_c = this->A().ListListedOf(this->c_.id, query.day);
  EXPECT_EQ(keys(of_c), (std::vector<std::string>{
                            std::to_string(this->c_.id) + " mentor_talk 7:2025H1 2025-06-30",
                            std::to_string(this->c_.id) + " escalation 5 2025-09-22"}));
  ASSERT_TRUE(of_c.ok() && !of_c->empty());
  EXPECT_FALSE((*of_c)[0].has_case);
  EXPECT_EQ((*of_c)[0].unit_path, this->unit_.path);
  EXPECT_TRUE(keys(this->A().ListListedOf(9999, query.day)).empty());
  EXPECT_EQ(this->A().ListListedIn(9999, query).status().reason(), "organisation.not_found");
  EXPECT_EQ(this->A().CountListedIn(9999, query).status().reason(), "organisation.not_found");
}

TYPED_TEST(ScheduleContractTest, IndicatorCountsOfTheSubtree) {
  ASSERT_TRUE(this->A().ReplaceSchedule(this->PlanOfA()).ok());
  SchedulePlan of_b = {.person_id = this->b_.id,
                       .unit_path = this->other_.path,
                       .planned_until = this->D("2027-01-01"),
                       .stamp = "s1",
                       .items = {this->Item("visit", "first_visit:2", "2025-03-20", "2025-06-30")}};
  of_b.items[0].done_on = this->D("2025-06-01");
  ASSERT_TRUE(this->A().ReplaceSchedule(of_b).ok());

  // a: one visit due in the window done by 06-30, the second not due yet; b: done.
  Result<std::vector<DisciplinedVisited>> coverage = this->I().CountVisitCoverage(
      this->province_.id, this->D("2025-01-01"), this->D("2025-12-31"));
  ASSERT_TRUE(coverage.ok()) << coverage.status().ToString() << coverage.status().internal();
  EXPECT_EQ(*coverage,
            (std::vector<DisciplinedVisited>{{this->unit_.path, 1, 0}, {this->other_.path, 1, 1}}));
  coverage =
      this->I().CountVisitCoverage(this->city_.id, this->D("2025-01-01"), this->D("2025-06-30"));
  ASSERT_TRUE(coverage.ok());
  EXPECT_EQ(*coverage, (std::vector<DisciplinedVisited>{{this->unit_.path, 1, 1}}));
  // No visit due by 05-01: no subject to count.
  coverage =
      this->I().CountVisitCoverage(this->city_.id, this->D("2025-01-01"), this->D("2025-05-01"));
  ASSERT_TRUE(coverage.ok());
  EXPECT_TRUE(coverage->empty());

  Result<std::vector<UnitCount>> overdue =
      this->I().CountOverdueScheduled(this->province_.id, this->D("2026-01-01"));
  ASSERT_TRUE(overdue.ok()) << overdue.status().ToString();
  EXPECT_EQ(*overdue, (std::vector<UnitCount>{{this->unit_.path, "visit", 1}}));
  overdue = this->I().CountOverdueScheduled(this->province_.id, this->D("2025-07-01"));
  ASSERT_TRUE(overdue.ok());
  EXPECT_EQ(*overdue, (std::vector<UnitCount>{{this->unit_.path, "mentor_talk", 1}}));
  overdue = this->I().CountOverdueScheduled(this->other_.id, this->D("2025-07-01"));
  ASSERT_TRUE(overdue.ok());
  EXPECT_TRUE(overdue->empty());
  EXPECT_EQ(this->I().CountOverdueScheduled(987654, this->D("2025-07-01")).status().reason(),
            "organisation.not_found");
}

}  // namespace
}  // namespace kangfu::storage
