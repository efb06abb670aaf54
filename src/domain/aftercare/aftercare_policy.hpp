#ifndef KANGFU_DOMAIN_AFTERCARE_AFTERCARE_POLICY_HPP_
#define KANGFU_DOMAIN_AFTERCARE_AFTERCARE_POLICY_HPP_

// Post-disposition work as policy data (rules.md §7): which visits are planned, how mentoring is
// tracked, how long an escalation may take, what the execution checklist holds. Local rules differ
// (e.g. 天津: 谁查处、谁回访, at most two visits a year, 30% coverage), so every number lives here
// and the product ships its defaults as data/aftercare-policy.json; code holds mechanisms only.
// Each rule carries its basis (the article) where there is one; "practice" defaults say so.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"

namespace kangfu::domain {

// Which measures a rule applies to. A measure matches when every non-empty condition holds.
struct Applicability {
  std::vector<int> forms;          // 四种形态 1–4; empty = any form
  std::vector<std::string> kinds;  // catalogue codes ("party.probation"); empty = any kind
  bool probation_only = false;     // only 留党察看
  std::string requires_flag;       // only measures whose case carries this flag
                                   // (e.g. "improper_gains" 有违纪违法所得)

  friend bool operator==(const Applicability&, const Applicability&) = default;
};

// The day a window is measured from.
enum class Anchor : uint8_t {
  kEffective,         // the measure's effective date
  kInfluenceEnd,      // the first day free of the influence period
  kProbationTermEnd,  // the first day after a 留党察看 term
};
std::string_view AnchorCode(Anchor anchor);
std::optional<Anchor> AnchorFromCode(std::string_view code);

// Who must do the work.
enum class Responsible : uint8_t {
  kDecidingOrgan,  // 谁处理、谁负责
  kExecutingUnit,  // the subject's unit / party organisation (执行单位)
};
std::string_view ResponsibleCode(Responsible responsible);
std::optional<Responsible> ResponsibleFromCode(std::string_view code);

// One planned visit per matching measure. Its window is [anchor + from_months,
// anchor + due_months - 1 day]: "within 6 months of the effective date" is from_months 0,
// due_months 6, so a decision effective 2025-03-15 must be visited by 2025-09-14.
struct VisitRule {
  std::string id;     // stable code, part of the planned visit's key ("first_visit")
  std::string title;  // Chinese reason shown to users
  Anchor anchor = Anchor::kEffective;
  int from_months = 0;
  int due_months = 6;
  Applicability applies_to;
  // kInfluenceEnd only: the influence period must last at least this long (a bounded period of
  // 24 months or more gets a second visit before it ends).
  int min_influence_months = 0;
  std::string basis;

  friend bool operator==(const VisitRule&, const VisitRule&) = default;
};

struct VisitPolicy {
  std::vector<VisitRule> rules;
  int min_visitors = 2;                    // 两人以上
  std::optional<int> max_visits_per_year;  // per subject and calendar year (天津: 2)
  std::optional<int>
      coverage_target_percent;      // share of those disciplined to be visited (天津: 30)
  int coverage_lookback_years = 2;  // … in the previous N years
  std::string basis;

  friend bool operator==(const VisitPolicy&, const VisitPolicy&) = default;
};

struct MentoringPolicy {
  int first_talk_within_months = 1;          // first talk within a month of assignment
  int talks_per_half_year = 1;               // at least one talk in every calendar half-year
  bool half_year_report = true;              // a report to the party organisation every half-year
  int report_due_days_after_half_year = 15;  // practice: report due 15 days after the half-year
  std::string basis;

  friend bool operator==(const MentoringPolicy&, const MentoringPolicy&) = default;
};

struct EscalationPolicy {
  int deadline_working_days = 15;  // the unit party committee handles or refers within this
  std::string basis;

  friend bool operator==(const EscalationPolicy&, const EscalationPolicy&) = default;
};

// One checklist item of 处分决定执行. Due on anchor + due_months - 1 day.
struct ExecutionItemRule {
  std::string code;   // stable ("announce")
  std::string title;  // Chinese
  Anchor anchor = Anchor::kEffective;
  int due_months = 1;
  Applicability applies_to;
  Responsible responsible = Responsible::kExecutingUnit;
  std::string basis;

  friend bool operator==(const ExecutionItemRule&, const ExecutionItemRule&) = default;
};

struct ExecutionPolicy {
  std::vector<ExecutionItemRule> items;

  friend bool operator==(const ExecutionPolicy&, const ExecutionPolicy&) = default;
};

struct ReminderPolicy {
  // Items other than visits appear this many days before they are due; a visit appears when its
  // window opens.
  int lookahead_days = 30;
  // Influence periods are announced this many days before they end (影响期即将届满).
  int influence_notice_days = 30;

  friend bool operator==(const ReminderPolicy&, const ReminderPolicy&) = default;
};

struct AftercarePolicy {
  VisitPolicy visit;
  MentoringPolicy mentoring;
  EscalationPolicy escalation;
  ExecutionPolicy execution;
  ReminderPolicy reminders;

  friend bool operator==(const AftercarePolicy&, const AftercarePolicy&) = default;
};

// Checks a policy an administrator supplied. OK, or the first problem (kInvalidArgument) with the
// field path used by the policy file, e.g. "visit.rules[1].due_months":
//   policy.id_missing / policy.id_duplicate   a rule or item without a code, or a code twice
//   policy.title_missing                      no Chinese title
//   policy.window_invalid                     due_months <= from_months, or due_months < 1
//   policy.form_invalid                       a form outside 1–4
//   policy.anchor_invalid                     kInfluenceEnd used by an execution item
//   policy.number_invalid                     a count or percentage out of range
Status ValidatePolicy(const AftercarePolicy& policy);

}  // namespace kangfu::domain

#endif  // KANGFU_DOMAIN_AFTERCARE_AFTERCARE_POLICY_HPP_
