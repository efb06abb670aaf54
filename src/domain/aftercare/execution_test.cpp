#include "domain/aftercare/execution.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "domain/aftercare/test_support.hpp"

namespace kangfu::domain {
namespace {

using testing::Calendar2025;
using testing::D;
using testing::DefaultPolicy;

AftercareMeasure M(const char* id, const char* case_id, const char* kind, int form,
                   const char* effective) {
  AftercareMeasure m;
  m.measure_id = id;
  m.case_id = case_id;
  m.kind_code = kind;
  m.form = form;
  m.effective = D(effective);
  m.deciding_organ = "org-city";
  return m;
}

struct Item {
  std::string key;
  std::string due;
  std::string responsible;
  std::vector<std::string> measure_ids;
  friend bool operator==(const Item&, const Item&) = default;
};

void PrintTo(const Item& i, std::ostream* os) {
  *os << i.key << " " << i.due << " " << i.responsible;
}

std::vector<Item> Items(const std::vector<ExecutionItem>& items) {
  std::vector<Item> out;
  out.reserve(items.size());
  for (const ExecutionItem& i : items) {
    out.push_back({i.key, i.due.ToString(), i.responsible, i.measure_ids});
  }
  return out;
}

TEST(PlanExecutionItemsTest, OneChecklistPerCaseWithDueDates) {
  AftercareMeasure removal = M("m1", "case-1", "party.removal_from_post", 3, "2025-03-15");
  removal.flags = {"improper_gains"};
  AftercareMeasure probation = M("p1", "case-2", "party.probation", 3, "2024-08-31");
  probation.is_probation = true;
  probation.probation_term_end = D("2025-08-31");
  const std::vector<AftercareMeasure> measures = {
      removal, M("m2", "case-1", "gov.demerit", 2, "2025-03-15"), probation,
      M("f1", "case-3", "first.admonishment", 1, "2025-01-10")};
  const std::vector<ExecutionItem> items =
      PlanExecutionItems(measures, DefaultPolicy().execution, "unit-1");
  EXPECT_EQ(Items(items), (std::vector<Item>{
                              {"case-2:announce", "2024-09-29", "unit-1", {"p1"}},
                              {"case-2:post_change", "2024-09-29", "unit-1", {"p1"}},
                              {"case-2:execution_report", "2025-02-27", "unit-1", {"p1"}},
                              {"case-1:announce", "2025-04-14", "unit-1", {"m1", "m2"}},
                              {"case-1:post_change", "2025-04-14", "unit-1", {"m1"}},
                              {"case-1:gains_recovery", "2025-06-14", "org-city", {"m1"}},
                              {"case-1:execution_report", "2025-09-14", "unit-1", {"m1", "m2"}},
                              {"case-2:party_rights_decision", "2025-09-29", "org-city", {"p1"}},
                          }));
  EXPECT_EQ(items[3].title, "向受处分处理人员本人及其所在党组织宣布决定");
}

TEST(EscalationDeadlineTest, FifteenWorkingDaysAcrossNationalDay) {
  Escalation e;
  e.id = "e1";
  e.opened_on = D("2025-09-25");
  Result<Date> deadline = EscalationDeadline(e, EscalationPolicy{}, Calendar2025());
  ASSERT_TRUE(deadline.ok());
  EXPECT_EQ(*deadline, D("2025-10-22"));
  e.opened_on = D("2025-12-20");
  EXPECT_EQ(EscalationDeadline(e, EscalationPolicy{}, Calendar2025()).status().reason(),
            "calendar.year_not_covered");
}

TEST(WarningSignTest, CodesAndLabels) {
  EXPECT_EQ(WarningSignLabel(*WarningSignFromCode("negative_thinking")), "思想消极");
  EXPECT_EQ(WarningSignLabel(*WarningSignFromCode("poor_performance")), "履职不力");
  EXPECT_EQ(WarningSignLabel(*WarningSignFromCode("new_violation_sign")), "新的违规违纪苗头");
  EXPECT_EQ(WarningSignFromCode("other"), std::nullopt);
}

}  // namespace
}  // namespace kangfu::domain
