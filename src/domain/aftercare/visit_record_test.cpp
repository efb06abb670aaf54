#include "domain/aftercare/visit_record.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "domain/aftercare/test_support.hpp"

namespace kangfu::domain {
namespace {

using testing::D;

VisitRecord GoodRecord() {
  VisitRecord r;
  r.id = "v1";
  r.subject_id = "p-subject";
  r.date = D("2025-06-18");
  r.visitors = {"p-a", "p-b"};
  r.talked_with = {Interviewee::kSubject, Interviewee::kUnitHead};
  r.checked = {"处分决定执行情况", "对错误的认识"};
  r.findings = "认识深刻，工作积极";
  r.grade = VisitGrade::kGood;
  return r;
}

VisitRecordContext Context() {
  return {.decision_effective = D("2025-03-14"), .today = D("2025-06-20"), .min_visitors = 2};
}

TEST(ValidateVisitRecordTest, AcceptsACompleteRecord) {
  EXPECT_TRUE(ValidateVisitRecord(GoodRecord(), Context()).ok());
}

TEST(ValidateVisitRecordTest, RefusesEachProblemNamingTheField) {
  struct Case {
    void (*mutate)(VisitRecord*);
    const char* reason;
    const char* field;
    const char* message;
  };
  const std::vector<Case> cases = {
      {[](VisitRecord* r) { r->date = D("2025-03-13"); }, "visit.before_decision", "date",
       "回访日期2025-03-13早于处分处理决定生效日期2025-03-14，请核对回访日期。"},
      {[](VisitRecord* r) { r->date = D("2025-06-21"); }, "visit.in_future", "date",
       "回访日期2025-06-21晚于今天，请在回访后再登记。"},
      {[](VisitRecord* r) { r->visitors = {"p-a"}; }, "visit.too_few_visitors", "visitors",
       "回访人员应不少于2人，请补充回访人员。"},
      {[](VisitRecord* r) {
         r->visitors = {"p-a", "p-subject"};
       },
       "visit.visitor_is_subject", "visitors[1]", "回访对象本人不能作为回访人员。"},
      {[](VisitRecord* r) {
         r->visitors = {"p-a", "p-b", "p-a"};
       },
       "visit.visitor_duplicate", "visitors[2]", "同一回访人员重复填写，请删除重复项。"},
      {[](VisitRecord* r) { r->talked_with = {Interviewee::kUnitHead}; },
       "visit.subject_not_talked", "talked_with",
       "回访应与回访对象本人谈话，请在谈话对象中勾选本人。"},
      {[](VisitRecord* r) { r->grade.reset(); }, "visit.grade_missing", "grade",
       "请选择回访评价等次（好、一般、较差）。"},
  };
  for (const Case& c : cases) {
    VisitRecord record = GoodRecord();
    c.mutate(&record);
    const Status status = ValidateVisitRecord(record, Context());
    ASSERT_FALSE(status.ok()) << c.reason;
    EXPECT_EQ(status.code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(status.reason(), c.reason);
    EXPECT_EQ(status.field(), c.field);
    EXPECT_EQ(status.message(), c.message);
    EXPECT_EQ(status.details().size(), 1U) << c.reason;
  }
}

TEST(ValidateVisitRecordTest, ReportsEveryProblemInDetails) {
  VisitRecord record = GoodRecord();
  record.date = D("2025-01-01");
  record.visitors = {"p-subject"};
  record.grade.reset();
  const Status status = ValidateVisitRecord(record, Context());
  std::vector<std::string> reasons;
  reasons.reserve(status.details().size());
  for (const FieldError& e : status.details()) reasons.push_back(e.reason);
  EXPECT_EQ(reasons, (std::vector<std::string>{"visit.before_decision", "visit.too_few_visitors",
                                               "visit.visitor_is_subject", "visit.grade_missing"}));
  EXPECT_EQ(status.reason(), "visit.before_decision");
}

TEST(VisitGradeTest, CodesAndLabels) {
  EXPECT_EQ(VisitGradeLabel(*VisitGradeFromCode("good")), "好");
  EXPECT_EQ(VisitGradeLabel(*VisitGradeFromCode("fair")), "一般");
  EXPECT_EQ(VisitGradeLabel(*VisitGradeFromCode("poor")), "较差");
  EXPECT_EQ(VisitGradeFromCode("excellent"), std::nullopt);
}

PlannedVisit Planned(const char* key, const char* from, const char* due) {
  PlannedVisit v;
  v.key = key;
  v.from = D(from);
  v.due = D(due);
  return v;
}

TEST(MatchVisitsTest, KeyedRecordsMatchTheirVisitOthersTheEarliestOpenOne) {
  VisitPlan plan;
  plan.visits = {Planned("a", "2025-03-01", "2025-08-31"), Planned("b", "2025-06-01", "2025-12-31"),
                 Planned("c", "2026-10-01", "2026-12-31")};
  VisitRecord keyed = GoodRecord();
  keyed.plan_key = "b";
  keyed.date = D("2025-07-01");
  VisitRecord late = GoodRecord();  // a late visit fulfils the overdue one
  late.date = D("2025-09-15");
  VisitRecord early = GoodRecord();  // before any window: matches nothing
  early.date = D("2025-02-01");
  const std::vector<VisitRecord> records = {keyed, late, early};
  const std::vector<std::optional<Date>> done = MatchVisits(plan, records);
  EXPECT_EQ(done,
            (std::vector<std::optional<Date>>{D("2025-09-15"), D("2025-07-01"), std::nullopt}));
}

}  // namespace
}  // namespace kangfu::domain
