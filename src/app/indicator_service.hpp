#ifndef KANGFU_APP_INDICATOR_SERVICE_HPP_
#define KANGFU_APP_INDICATOR_SERVICE_HPP_

// Work indicators of the statistics (issue 7): how well the disciplined cadres of an
// organisation subtree are looked after in a period, overall and per direct child unit, ranked
// worst first so that a leader sees which party organisations neglect them (不愿管、不敢管、
// 不会管). Each indicator is a named numerator / denominator (a rate) or a count, with
// indicator-specific details; the list is data (IndicatorCatalogue), so that new indicators
// (约谈, 澄清正名, 重新使用 …) are added as one entry and one compute function.
//
// The indicators, as of `as_of` = the earlier of the period's last day and today:
//   visit_coverage         回访覆盖率: subjects with a planned visit (PlanVisits + the recorded
//                          edits) due in [from, as_of] / of them, those whose every such visit is
//                          fulfilled (MatchVisits) by as_of. Subject = person with a case in the
//                          subtree decided within kVisitHorizonYears before `from`, counted under
//                          the unit of their latest case.
//   visit_recent           近年受处分人员回访率 (rules.md §7, 天津): persons with a form 2/3 case
//                          decided in the policy's coverage_lookback_years up to as_of / of them,
//                          those with any visit recorded in that window; target = the policy's
//                          coverage_target_percent.
//   mentoring_talks        教育帮带谈心谈话合规率: half-years whose talk was due in [from, as_of] /
//                          of them, those with the talk held (ComputeMentoringCompliance).
//   mentoring_reports      帮带情况报告提交率: half-year reports due in [from, as_of] / submitted
//                          by as_of. Mentoring is counted under the subject's current unit.
//   vetting_on_time        党风廉政意见按期回复率: requests issued in the period by an
//                          organisation of the subtree / issued on or before their deadline;
//                          details: candidates, median and mean working days from filing to issue
//                          (work calendar with 调休), late requests and their share.
//   overdue_work           逾期事项: work overdue on as_of (a count; fewer is better) — visits and
//                          mentoring talks / reports (ComputeReminders, under the subject's unit),
//                          execution items and escalations (under the responsible organisation).
//   self_report            主动说明问题占比: cases of the period whose source is self_report / all
//                          cases (forms 0-4), from the statistics rollup.
//
// Permission::kReadStatistics (kPermissionDenied "auth.forbidden"); the organisation must lie in
// the actor's jurisdiction (0 = its root; otherwise kNotFound "organisation.not_found", field
// org); kInvalidArgument "indicator.unknown" (field indicator) for an unknown code. One
// "statistics.read" audit entry is committed before the answer.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.hpp"
#include "app/aftercare_service.hpp"
#include "app/audit_sink.hpp"
#include "app/stats_service.hpp"
#include "core/status.hpp"
#include "domain/aftercare/aftercare_policy.hpp"
#include "domain/aftercare/calendar.hpp"
#include "storage/store.hpp"

namespace kangfu::app {

// Cases decided this many years before a period may still have a visit due in it (the longest
// bounded influence period of the catalogue is 5 years: 开除党籍 before re-admission).
inline constexpr int kVisitHorizonYears = 6;

struct IndicatorDef {
  std::string_view code;
  std::string_view label;              // Chinese name
  std::string_view numerator_label;    // "已回访人数"
  std::string_view denominator_label;  // "应回访人数"; empty for a count
  bool is_rate = true;                 // false: a count (numerator only)
  bool higher_is_better = true;
  std::string_view basis;  // where it comes from (rules.md, policy)
};

// The indicators in display order.
const std::vector<IndicatorDef>& IndicatorCatalogue();
const IndicatorDef* FindIndicator(std::string_view code);

struct IndicatorDetail {
  std::string code;
  std::string label;
  int64_t value = 0;  // value / 10^decimals
  int decimals = 0;

  friend bool operator==(const IndicatorDetail&, const IndicatorDetail&) = default;
};

struct IndicatorValue {
  int64_t numerator = 0;
  int64_t denominator = 0;  // 0 for a count, or when nothing was due
  std::vector<IndicatorDetail> details;

  // The rate in thousandths (percent × 10), rounded half up; nullopt without a denominator.
  std::optional<int> Tenths() const;

  friend bool operator==(const IndicatorValue&, const IndicatorValue&) = default;
};

struct IndicatorFigure {
  const IndicatorDef* def = nullptr;
  IndicatorValue value;
  std::optional<int> target_percent;  // visit_recent: the policy's coverage target
};

struct IndicatorsReport {
  StatsScope scope;
  domain::Date as_of;
  std::vector<IndicatorFigure> indicators;  // catalogue order
};

struct IndicatorUnitRow {
  storage::Organisation org;
  IndicatorValue value;
  int rank = 0;  // 1 = worst; equal values share a rank; 0 = not ranked (nothing was due)
};

struct IndicatorUnitsReport {
  StatsScope scope;
  domain::Date as_of;
  IndicatorFigure total;
  std::vector<IndicatorUnitRow> units;  // by rank (unranked last), then path
  IndicatorValue own;                   // recorded on the organisation itself (本级)
};

class IndicatorService {
 public:
  // All must outlive the service; `aftercare` loads subjects (LoadSubject) and shares the
  // policy and calendar in force.
  IndicatorService(storage::Store& store, AuditSink& audit, AftercareService& aftercare,
                   const domain::AftercarePolicy& policy, const domain::WorkCalendar& calendar)
      : store_(&store),
        audit_(&audit),
        aftercare_(&aftercare),
        policy_(&policy),
        calendar_(&calendar) {}

  // Every indicator for the subtree.
  Result<IndicatorsReport> Overview(const Actor& actor, storage::RowId org_id,
                                    const StatsPeriod& period, domain::Date today);
  // One indicator per direct child unit, ranked worst first.
  Result<IndicatorUnitsReport> ByUnit(const Actor& actor, storage::RowId org_id,
                                      const StatsPeriod& period, std::string_view code,
                                      domain::Date today);

 private:
  struct Buckets;
  struct Context;
  Result<storage::Organisation> Scope(const Actor& actor, storage::RowId org_id);
  // Values per bucket: one per child (path order), then 本级, then the whole subtree.
  Result<std::vector<IndicatorValue>> Compute(const IndicatorDef& def, Context& context);
  // Plans the subjects the stored schedule lacks (once per request).
  Status ScheduleUpToDate(Context& context);
  Result<std::vector<IndicatorValue>> VisitCoverage(Context& context);
  Result<std::vector<IndicatorValue>> VisitRecent(Context& context);
  Result<std::vector<IndicatorValue>> Mentoring(Context& context, bool reports);
  Result<std::vector<IndicatorValue>> VettingOnTime(Context& context);
  Result<std::vector<IndicatorValue>> OverdueWork(Context& context);
  // 约谈与谈心谈话 (by kind, with principal leaders), 澄清正名, 重新使用: counts per unit.
  Result<std::vector<IndicatorValue>> Gatekeeping(Context& context, std::string_view code);
  Result<std::vector<IndicatorValue>> SelfReport(Context& context);
  Status Audit(const Actor& actor, const storage::Organisation& org, const StatsPeriod& period,
               std::string_view what);

  storage::Store* store_;
  AuditSink* audit_;
  AftercareService* aftercare_;
  const domain::AftercarePolicy* policy_;
  const domain::WorkCalendar* calendar_;
};

}  // namespace kangfu::app

#endif  // KANGFU_APP_INDICATOR_SERVICE_HPP_
