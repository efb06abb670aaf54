#ifndef KANGFU_DOMAIN_AFTERCARE_TEST_SUPPORT_HPP_
#define KANGFU_DOMAIN_AFTERCARE_TEST_SUPPORT_HPP_

// Shared by the aftercare unit tests: dates from text and a policy equal to the shipped defaults
// (data/aftercare-policy.json; the codec's tests check the file against the same numbers).

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "domain/aftercare/aftercare_policy.hpp"
#include "domain/aftercare/calendar.hpp"
#include "domain/date.hpp"

namespace kangfu::domain::testing {

inline Date D(const char* text) {
  Result<Date> date = Date::Parse(text);
  EXPECT_TRUE(date.ok()) << text;
  return date.ok() ? *date : Date();
}

// The 2025 notice (国办发明电〔2024〕12号), as shipped in data/holidays-cn.json.
inline CalendarYear Year2025() {
  std::vector<Date> off;
  for (const char* t :
       {"2025-01-01", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-02-01",
        "2025-02-02", "2025-02-03", "2025-02-04", "2025-04-04", "2025-04-05", "2025-04-06",
        "2025-05-01", "2025-05-02", "2025-05-03", "2025-05-04", "2025-05-05", "2025-05-31",
        "2025-06-01", "2025-06-02", "2025-10-01", "2025-10-02", "2025-10-03", "2025-10-04",
        "2025-10-05", "2025-10-06", "2025-10-07", "2025-10-08"}) {
    off.push_back(D(t));
  }
  std::vector<Date> work;
  for (const char* t : {"2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"}) {
    work.push_back(D(t));
  }
  return {2025, off, work};
}

inline WorkCalendar Calendar2025() {
  Result<WorkCalendar> calendar = WorkCalendar::Create({Year2025()});
  EXPECT_TRUE(calendar.ok()) << calendar.status().ToString();
  return calendar.ok() ? *calendar : WorkCalendar();
}

inline Applicability ForForms(std::vector<int> forms) {
  Applicability a;
  a.forms = std::move(forms);
  return a;
}
inline Applicability ForKinds(std::vector<std::string> kinds) {
  Applicability a;
  a.kinds = std::move(kinds);
  return a;
}
inline Applicability ForProbation() {
  Applicability a;
  a.probation_only = true;
  return a;
}
inline Applicability ForFlag(std::string flag) {
  Applicability a;
  a.requires_flag = std::move(flag);
  return a;
}

inline AftercarePolicy DefaultPolicy() {
  AftercarePolicy p;
  p.visit.rules = {
      {.id = "first_visit",
       .title = "处分处理决定生效后六个月内首次回访",
       .anchor = Anchor::kEffective,
       .from_months = 0,
       .due_months = 6,
       .applies_to = ForForms({2, 3}),
       .min_influence_months = 0,
       .basis = ""},
      {.id = "before_influence_end",
       .title = "影响期届满前回访（影响期二年以上）",
       .anchor = Anchor::kInfluenceEnd,
       .from_months = -3,
       .due_months = 0,
       .applies_to = ForForms({2, 3}),
       .min_influence_months = 24,
       .basis = ""},
      {.id = "probation_term_end",
       .title = "留党察看期满时回访",
       .anchor = Anchor::kProbationTermEnd,
       .from_months = -1,
       .due_months = 1,
       .applies_to = ForProbation(),
       .min_influence_months = 0,
       .basis = ""},
  };
  auto item = [](const char* code, const char* title, Anchor anchor, int months,
                 Applicability applies_to, Responsible responsible) {
    return ExecutionItemRule{.code = code,
                             .title = title,
                             .anchor = anchor,
                             .due_months = months,
                             .applies_to = std::move(applies_to),
                             .responsible = responsible,
                             .basis = ""};
  };
  p.execution.items = {
      item("announce", "向受处分处理人员本人及其所在党组织宣布决定", Anchor::kEffective, 1,
           ForForms({2, 3}), Responsible::kExecutingUnit),
      item("post_change", "办理职务变更手续", Anchor::kEffective, 1,
           ForKinds({"party.removal_from_post", "party.probation"}), Responsible::kExecutingUnit),
      item("gains_recovery", "收缴或者责令退赔违纪违法所得", Anchor::kEffective, 3,
           ForFlag("improper_gains"), Responsible::kDecidingOrgan),
      item("execution_report", "执行单位向决定机关报告处分处理决定执行情况", Anchor::kEffective, 6,
           ForForms({2, 3}), Responsible::kExecutingUnit),
      item("party_rights_decision", "留党察看期满，作出恢复党员权利或者开除党籍的决定",
           Anchor::kProbationTermEnd, 1, ForProbation(), Responsible::kDecidingOrgan),
  };
  return p;
}

}  // namespace kangfu::domain::testing

#endif  // KANGFU_DOMAIN_AFTERCARE_TEST_SUPPORT_HPP_
