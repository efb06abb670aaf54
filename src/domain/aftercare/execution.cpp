#include "domain/aftercare/execution.hpp"

#include <algorithm>
#include <tuple>

namespace kangfu::domain {

std::vector<ExecutionItem> PlanExecutionItems(std::span<const AftercareMeasure> measures,
                                              const ExecutionPolicy& policy,
                                              const std::string& executing_unit) {
  std::vector<ExecutionItem> items;
  for (const ExecutionItemRule& rule : policy.items) {
    const std::size_t first_of_rule = items.size();
    for (const AftercareMeasure& m : measures) {
      if (!Applies(rule.applies_to, m)) continue;
      std::optional<Date> anchor;
      if (rule.anchor == Anchor::kEffective) anchor = m.effective;
      if (rule.anchor == Anchor::kProbationTermEnd && m.is_probation) {
        anchor = m.probation_term_end;
      }
      if (!anchor) continue;
      const Date due = anchor->AddMonths(rule.due_months).AddDays(-1);
      const std::string responsible =
          rule.responsible == Responsible::kDecidingOrgan ? m.deciding_organ : executing_unit;
      auto same =
          std::find_if(items.begin() + static_cast<std::ptrdiff_t>(first_of_rule), items.end(),
                       [&](const ExecutionItem& i) { return i.case_id == m.case_id; });
      if (same != items.end()) {
        same->measure_ids.push_back(m.measure_id);
        if (due < same->due) {
          same->due = due;
          same->responsible = responsible;
        }
        continue;
      }
      items.push_back({.key = m.case_id + ":" + rule.code,
                       .case_id = m.case_id,
                       .code = rule.code,
                       .title = rule.title,
                       .basis = rule.basis,
                       .due = due,
                       .responsible = responsible,
                       .measure_ids = {m.measure_id}});
    }
  }
  std::sort(items.begin(), items.end(), [](const ExecutionItem& a, const ExecutionItem& b) {
    return std::tie(a.due, a.key) < std::tie(b.due, b.key);
  });
  return items;
}

std::string_view WarningSignCode(WarningSignKind kind) {
  switch (kind) {
    case WarningSignKind::kNegativeThinking:
      return "negative_thinking";
    case WarningSignKind::kPoorPerformance:
      return "poor_performance";
    case WarningSignKind::kNewViolationSign:
      return "new_violation_sign";
  }
  return "negative_thinking";
}

std::string_view WarningSignLabel(WarningSignKind kind) {
  switch (kind) {
    case WarningSignKind::kNegativeThinking:
      return "思想消极";
    case WarningSignKind::kPoorPerformance:
      return "履职不力";
    case WarningSignKind::kNewViolationSign:
      return "新的违规违纪苗头";
  }
  return "思想消极";
}

std::optional<WarningSignKind> WarningSignFromCode(std::string_view code) {
  for (WarningSignKind k : {WarningSignKind::kNegativeThinking, WarningSignKind::kPoorPerformance,
                            WarningSignKind::kNewViolationSign}) {
    if (WarningSignCode(k) == code) return k;
  }
  return std::nullopt;
}

Result<Date> EscalationDeadline(const Escalation& escalation, const EscalationPolicy& policy,
                                const WorkCalendar& calendar) {
  return calendar.AddWorkingDays(escalation.opened_on, policy.deadline_working_days);
}

}  // namespace kangfu::domain
