#ifndef KANGFU_DOMAIN_AFTERCARE_VISIT_PLAN_HPP_
#define KANGFU_DOMAIN_AFTERCARE_VISIT_PLAN_HPP_

// Follow-up visit plans (跟踪回访): generated from a subject's measures and the VisitPolicy,
// assigned to the deciding organ (谁处理、谁负责), then adjusted per subject by recorded edits
// ("针对每个回访对象制定不同方案"), each with its reason.

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/status.hpp"
#include "domain/aftercare/aftercare_policy.hpp"
#include "domain/date.hpp"

namespace kangfu::domain {

// What aftercare needs to know about one measure. The caller derives it from the catalogue and the
// rules engine; revoked (撤销) and exempted measures are not passed.
struct AftercareMeasure {
  std::string measure_id;
  std::string case_id;
  std::string kind_code;  // catalogue code, "party.probation"
  int form = 0;           // 四种形态 1–4 of this measure
  Date effective;
  // The first day free of the influence period; nullopt when there is none or it never ends
  // (开除公职), or is not yet known (留党察看 without outcome).
  std::optional<Date> influence_end;
  bool is_probation = false;
  // 留党察看: the first day after the term (effective + 12 or 24 months, rules.md §3).
  std::optional<Date> probation_term_end;
  bool probation_outcome = false;  // an outcome of the 留党察看 has been recorded
  std::string deciding_organ;      // organisation id of the organ that decided
  std::vector<std::string> flags;  // case facts some rules need, e.g. "improper_gains"

  friend bool operator==(const AftercareMeasure&, const AftercareMeasure&) = default;
};

// A subject's visit plan for one deciding organ that a ledger import created on `imported_on`.
struct ImportedPlan {
  std::string organ;  // organisation id of the deciding organ
  Date imported_on;

  friend bool operator==(const ImportedPlan&, const ImportedPlan&) = default;
};

// Whether a policy rule applies to a measure (every non-empty condition of `a` holds).
bool Applies(const Applicability& a, const AftercareMeasure& measure);

struct PlannedVisit {
  std::string key;      // stable within the subject: "<rule id>:<first measure id>", or the key an
                        // added visit was given
  std::string rule_id;  // empty for a visit added by an edit
  std::string title;    // Chinese reason
  std::string basis;
  Date from;                             // window opens
  Date due;                              // last day of the window
  std::string responsible;               // organisation id (the deciding organ)
  std::vector<std::string> measure_ids;  // the measures it follows up
  std::string note;                      // why it was edited / skipped (Chinese); empty otherwise

  friend bool operator==(const PlannedVisit&, const PlannedVisit&) = default;
};

struct VisitPlan {
  std::vector<PlannedVisit> visits;   // by due date, then key
  std::vector<PlannedVisit> skipped;  // beyond max_visits_per_year, or removed by an edit

  friend bool operator==(const VisitPlan&, const VisitPlan&) = default;
};

// The plan the policy gives for one subject's measures. Deterministic: measures are taken in
// (effective, measure_id) order. For each rule and each matching measure, one visit with window
// [anchor + from_months, anchor + due_months - 1 day]; a measure without the rule's anchor
// (no influence end, no probation term end) gets no visit from that rule, and an influence-end
// rule needs effective + min_influence_months <= influence_end. Visits of one rule with the same
// window and the same deciding organ are merged (a case deciding a party and a government sanction
// on one day is visited once). With max_visits_per_year, visits beyond the cap in a calendar year
// (by due date, earliest kept) go to `skipped` with a note. Form 1 and form 4 measures are not
// visited by the shipped policy (forms [2, 3]): first-form measures are not sanctions, and a
// judicial transfer leaves the person to the judicial organs; a policy may add them.
//
// `imported`: the plans a ledger import (台账导入) created. A visit of such an organ whose window
// had closed before the import day (due < imported_on) belonged to the paper ledger's time: it goes
// to `skipped` with a note, before the yearly cap counts, instead of being listed as years overdue.
VisitPlan PlanVisits(std::span<const AftercareMeasure> measures, const VisitPolicy& policy,
                     std::span<const ImportedPlan> imported = {});

// The import day of `organ`'s plan in `imported`, if that plan came from a ledger import.
std::optional<Date> ImportedOn(std::span<const ImportedPlan> imported, const std::string& organ);

enum class PlanEditKind : uint8_t {
  kAdd,         // an extra visit (key, title, from, due, responsible required)
  kRemove,      // drop a planned visit (moved to `skipped`)
  kReschedule,  // change a planned visit's window and/or responsible organ
};

// One recorded change to a subject's plan; the app stores them and replays them on the generated
// plan, so that a policy change regenerates the plan and keeps the edits.
struct PlanEdit {
  PlanEditKind kind = PlanEditKind::kReschedule;
  std::string visit_key;
  std::string title;         // kAdd
  std::optional<Date> from;  // kAdd, kReschedule
  std::optional<Date> due;   // kAdd, kReschedule
  std::string responsible;   // kAdd; kReschedule: empty keeps the organ
  std::string reason;        // required, Chinese, shown with the visit

  friend bool operator==(const PlanEdit&, const PlanEdit&) = default;
};

// Applies edits in order. On success the edited plan (visits re-sorted by due; edited visits carry
// the reason in `note`). Errors (kInvalidArgument, field "edits[i].<member>"):
//   plan_edit.reason_required   no reason given
//   plan_edit.unknown_visit     kRemove/kReschedule of a key not in the plan (or already removed)
//   plan_edit.key_taken         kAdd with a key already in the plan
//   plan_edit.incomplete        kAdd without title, from, due or responsible; kReschedule
//                               changing nothing
//   plan_edit.window_invalid    due before from
Result<VisitPlan> ApplyPlanEdits(VisitPlan plan, std::span<const PlanEdit> edits);

}  // namespace kangfu::domain

#endif  // KANGFU_DOMAIN_AFTERCARE_VISIT_PLAN_HPP_
