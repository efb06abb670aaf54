#ifndef KANGFU_DOMAIN_AFTERCARE_EXECUTION_HPP_
#define KANGFU_DOMAIN_AFTERCARE_EXECUTION_HPP_

// 处分决定执行: the checklist a case's measures call for, and warning-sign escalations (苗头性问题)
// with their working-day deadline.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "domain/aftercare/aftercare_policy.hpp"
#include "domain/aftercare/calendar.hpp"
#include "domain/aftercare/visit_plan.hpp"
#include "domain/date.hpp"

namespace kangfu::domain {

struct ExecutionItem {
  std::string key;  // "<case id>:<item code>", stable
  std::string case_id;
  std::string code;
  std::string title;
  std::string basis;
  Date due;
  std::string responsible;  // organisation id
  std::vector<std::string> measure_ids;

  friend bool operator==(const ExecutionItem&, const ExecutionItem&) = default;
};

// The checklist for a subject's measures: for each policy item and each case, one item if any
// measure of the case matches (due on the earliest anchor + due_months - 1 day among them; a
// measure lacking the anchor, such as a probation without term end, adds nothing). Responsible:
// the measure's deciding organ or `executing_unit`, as the item says. Sorted by due, then key.
std::vector<ExecutionItem> PlanExecutionItems(std::span<const AftercareMeasure> measures,
                                              const ExecutionPolicy& policy,
                                              const std::string& executing_unit);

// Confirmation that an item was done.
struct ExecutionDone {
  std::string item_key;
  Date done_on;
  std::string confirmed_by;

  friend bool operator==(const ExecutionDone&, const ExecutionDone&) = default;
};

enum class WarningSignKind : uint8_t {
  kNegativeThinking,  // 思想消极
  kPoorPerformance,   // 履职不力
  kNewViolationSign,  // 新的违规违纪苗头
};
std::string_view WarningSignCode(WarningSignKind kind);
std::string_view WarningSignLabel(WarningSignKind kind);
std::optional<WarningSignKind> WarningSignFromCode(std::string_view code);

enum class EscalationOutcome : uint8_t { kHandled, kReferred };  // 研究处理 / 向有权处理机关反映

struct Escalation {
  std::string id;
  std::string subject_id;
  WarningSignKind kind = WarningSignKind::kNegativeThinking;
  Date opened_on;
  std::string responsible;  // the unit party committee
  std::optional<Date> resolved_on;
  std::optional<EscalationOutcome> outcome;

  friend bool operator==(const Escalation&, const Escalation&) = default;
};

// The last day to resolve: opened_on + deadline_working_days working days (the opening day not
// counted, see WorkCalendar::AddWorkingDays). Error "calendar.year_not_covered" when the count
// reaches a year the calendar does not cover.
Result<Date> EscalationDeadline(const Escalation& escalation, const EscalationPolicy& policy,
                                const WorkCalendar& calendar);

}  // namespace kangfu::domain

#endif  // KANGFU_DOMAIN_AFTERCARE_EXECUTION_HPP_
