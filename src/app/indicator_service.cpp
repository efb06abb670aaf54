#include "app/indicator_service.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <set>
#include <span>
#include <string>
#include <utility>

#include "domain/aftercare/mentoring.hpp"
#include "domain/aftercare/reminders.hpp"
#include "domain/aftercare/visit_plan.hpp"
#include "domain/aftercare/visit_record.hpp"
#include "domain/oversight/oversight.hpp"

namespace kangfu::app {
namespace {

using domain::Date;
using storage::RowId;

std::string Id(RowId id) { return std::to_string(id); }

// Rounded half up: n * scale / d.
int64_t Scaled(int64_t n, int64_t d, int64_t scale) { return (n * scale * 2 + d) / (d * 2); }

IndicatorDetail Detail(std::string code, std::string label, int64_t value, int decimals = 0) {
  return {std::move(code), std::move(label), value, decimals};
}

}  // namespace

const std::vector<IndicatorDef>& IndicatorCatalogue() {
  static const std::vector<IndicatorDef> kCatalogue = {
      {"visit_coverage", "回访覆盖率", "已回访人数", "应回访人数", true, true,
       "回访方案（处分处理决定生效后六个月内首次回访等，见回访策略）"},
      {"visit_recent", "近年受处分人员回访率", "已回访人数", "受处分人数", true, true,
       "rules.md §7：对近两年受处分人员开展回访（天津：回访覆盖率不低于30%）"},
      {"mentoring_talks", "教育帮带谈心谈话合规率", "已谈话半年数", "应谈话半年数", true, true,
       "教育帮带责任人每半年至少开展一次交心谈心"},
      {"mentoring_reports", "帮带情况报告提交率", "已提交报告数", "应提交报告数", true, true,
       "教育帮带责任人每半年向党组织报告帮带情况"},
      {"vetting_on_time", "党风廉政意见按期回复率", "按期回复件数", "已回复件数", true, true,
       "党风廉政意见回复在约定期限内办结"},
      {"overdue_work", "逾期事项", "逾期事项数", "", false, false,
       "回访、教育帮带、苗头性问题处置、处分决定执行的逾期事项"},
      {"self_report", "主动说明问题占比", "主动说明问题人次", "立案人次", true, true,
       "主动说明问题、自查从宽"},
      {"interviews", "约谈与谈心谈话", "谈话次数", "", false, true,
       "常规式约谈、工作式约谈、提醒谈话、谈心谈话，其中对下级“一把手”的谈话另计"},
      {"clearances", "澄清正名", "澄清正名件数", "", false, true,
       "对受到失实检举控告的党员干部予以澄清正名"},
      {"reuses", "重新使用", "重新使用人数", "", false, true,
       "影响期满、表现好的干部按程序重新使用（五个步骤办结）"},
  };
  return kCatalogue;
}

const IndicatorDef* FindIndicator(std::string_view code) {
  for (const IndicatorDef& def : IndicatorCatalogue()) {
    if (def.code == code) return &def;
  }
  return nullptr;
}

std::optional<int> IndicatorValue::Tenths() const {
  if (denominator <= 0) return std::nullopt;
  return static_cast<int>(Scaled(numerator, denominator, 1000));
}

// Maps an organisation path to its bucket: the direct child whose subtree holds it, else 本级.
struct IndicatorService::Buckets {
  std::vector<storage::Organisation> children;  // by path

  std::size_t own() const { return children.size(); }
  std::size_t total() const { return children.size() + 1; }
  std::size_t size() const { return children.size() + 2; }

  std::size_t Of(const std::string& path) const {
    auto it = std::upper_bound(
        children.begin(), children.end(), path,
        [](const std::string& p, const storage::Organisation& o) { return p < o.path; });
    if (it == children.begin()) return own();
    --it;
    if (path.compare(0, it->path.size(), it->path) == 0) {
      return static_cast<std::size_t>(it - children.begin());
    }
    return own();
  }
};

struct IndicatorService::Context {
  storage::Organisation org;
  StatsPeriod period;
  Date as_of;
  Buckets buckets;
  // Whether the stored schedule was brought up to date in this request (ScheduleUpToDate).
  bool schedule_checked = false;

  std::vector<IndicatorValue> Values() const { return std::vector<IndicatorValue>(buckets.size()); }
};

Result<storage::Organisation> IndicatorService::Scope(const Actor& actor, RowId org_id) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kReadStatistics));
  Result<storage::Organisation> org =
      store_->GetOrganisation(org_id == 0 ? actor.jurisdiction_org : org_id);
  if (!org.ok() || !actor.InJurisdiction(org->path)) {
    if (!org.ok() && org.status().code() != ErrorCode::kNotFound) return org.status();
    return Status::NotFound("organisation.not_found",
                            "未找到该单位，或该单位不在本账号的管辖范围内", "org");
  }
  return org;
}

Status IndicatorService::Audit(const Actor& actor, const storage::Organisation& org,
                               const StatsPeriod& period, std::string_view what) {
  AuditEvent event;
  event.action = "statistics.read";
  event.object_type = "organisation";
  event.object_id = std::to_string(org.id);
  event.detail = std::string(what) + " " + period.from.ToString() + ".." + period.to.ToString();
  return store_->InTransaction([&] { return audit_->Record(actor, event); });
}

Result<std::vector<IndicatorValue>> IndicatorService::Compute(const IndicatorDef& def,
                                                              Context& context) {
  if (def.code == "visit_coverage") return VisitCoverage(context);
  if (def.code == "visit_recent") return VisitRecent(context);
  if (def.code == "mentoring_talks") return Mentoring(context, false);
  if (def.code == "mentoring_reports") return Mentoring(context, true);
  if (def.code == "vetting_on_time") return VettingOnTime(context);
  if (def.code == "overdue_work") return OverdueWork(context);
  if (def.code == "interviews" || def.code == "clearances" || def.code == "reuses") {
    return Gatekeeping(context, def.code);
  }
  return SelfReport(context);
}

Status IndicatorService::ScheduleUpToDate(Context& context) {
  if (context.schedule_checked) return Status::Ok();
  // Normally nothing: every write replans its subject and the daily run replans the rest. After
  // a first start or a bulk load before the daily run, the missing subjects are planned here.
  // Whether there are any is answered from indexes (not by reading every case).
  KANGFU_RETURN_IF_ERROR(aftercare_->EnsureScheduleUpToDate(context.as_of));
  context.schedule_checked = true;
  return Status::Ok();
}

Result<std::vector<IndicatorValue>> IndicatorService::VisitCoverage(Context& context) {
  KANGFU_RETURN_IF_ERROR(ScheduleUpToDate(context));
  KANGFU_ASSIGN_OR_RETURN(
      std::vector<storage::DisciplinedVisited> rows,
      store_->Indicators().CountVisitCoverage(context.org.id, context.period.from, context.as_of));
  std::vector<IndicatorValue> values = context.Values();
  for (const storage::DisciplinedVisited& row : rows) {
    for (std::size_t b : {context.buckets.Of(row.unit_path), context.buckets.total()}) {
      values[b].denominator += row.disciplined;
      values[b].numerator += row.visited;
    }
  }
  return values;
}

Result<std::vector<IndicatorValue>> IndicatorService::VisitRecent(Context& context) {
  const Date from =
      context.as_of.AddMonths(-12 * policy_->visit.coverage_lookback_years).AddDays(1);
  KANGFU_ASSIGN_OR_RETURN(
      std::vector<storage::DisciplinedVisited> rows,
      store_->Indicators().CountDisciplinedVisited(context.org.id, from, context.as_of));
  std::vector<IndicatorValue> values = context.Values();
  for (const storage::DisciplinedVisited& row : rows) {
    for (std::size_t b : {context.buckets.Of(row.unit_path), context.buckets.total()}) {
      values[b].denominator += row.disciplined;
      values[b].numerator += row.visited;
    }
  }
  return values;
}

Result<std::vector<IndicatorValue>> IndicatorService::Mentoring(Context& context, bool reports) {
  // A half-year's talk may be due up to a month after it ends; its report some days after.
  KANGFU_ASSIGN_OR_RETURN(std::vector<storage::MentoringFacts> rows,
                          store_->Indicators().ListMentoring(
                              context.org.id, context.period.from.AddMonths(-12), context.as_of));
  std::vector<IndicatorValue> values = context.Values();
  for (const storage::MentoringFacts& row : rows) {
    const domain::MentorAssignment assignment = {.id = Id(row.assignment.id),
                                                 .subject_id = Id(row.assignment.person_id),
                                                 .mentor_id = Id(row.assignment.mentor_id),
                                                 .assigned_by = Id(row.assignment.assigned_by),
                                                 .start = row.assignment.start,
                                                 .end = row.assignment.end};
    std::vector<domain::MentorReport> submitted;
    submitted.reserve(row.reports.size());
    for (const storage::MentorReportRow& r : row.reports) {
      submitted.push_back({r.year, r.half, r.submitted});
    }
    const domain::MentoringCompliance compliance = domain::ComputeMentoringCompliance(
        assignment, row.talks, submitted, policy_->mentoring, context.as_of.AddDays(1));
    int64_t due = 0;
    int64_t met = 0;
    for (const domain::HalfYearCompliance& h : compliance.half_years) {
      if (reports) {
        if (!h.report_due || *h.report_due < context.period.from || *h.report_due > context.as_of) {
          continue;
        }
        ++due;
        if (h.report_submitted && *h.report_submitted <= context.as_of) ++met;
      } else {
        if (h.talk_due < context.period.from || h.talk_due > context.as_of) continue;
        ++due;
        if (h.talk_met) ++met;
      }
    }
    for (std::size_t b : {context.buckets.Of(row.unit_path), context.buckets.total()}) {
      values[b].denominator += due;
      values[b].numerator += met;
    }
  }
  return values;
}

Result<std::vector<IndicatorValue>> IndicatorService::VettingOnTime(Context& context) {
  KANGFU_ASSIGN_OR_RETURN(std::vector<storage::IssuedVetting> rows,
                          store_->Indicators().ListIssuedVetting(
                              context.org.id, context.period.from, context.period.to));
  struct Acc {
    int64_t candidates = 0;
    int64_t late = 0;
    int64_t uncovered = 0;
    std::vector<int64_t> days;
  };
  std::vector<Acc> acc(context.buckets.size());
  std::vector<IndicatorValue> values = context.Values();
  for (const storage::IssuedVetting& row : rows) {
    const Result<int> days = calendar_->WorkingDaysBetween(row.request_date, row.issued_on);
    const bool late = row.issued_on > row.deadline;
    for (std::size_t b : {context.buckets.Of(row.unit_path), context.buckets.total()}) {
      ++values[b].denominator;
      if (!late) ++values[b].numerator;
      acc[b].candidates += row.candidates;
      if (late) ++acc[b].late;
      if (days.ok()) {
        acc[b].days.push_back(*days);
      } else {
        ++acc[b].uncovered;
      }
    }
  }
  for (std::size_t b = 0; b < values.size(); ++b) {
    Acc& a = acc[b];
    std::sort(a.days.begin(), a.days.end());
    int64_t median = 0;
    int64_t mean = 0;
    if (!a.days.empty()) {
      const std::size_t n = a.days.size();
      median = n % 2 == 1 ? a.days[n / 2] * 10 : (a.days[n / 2 - 1] + a.days[n / 2]) * 5;
      int64_t sum = 0;
      for (int64_t d : a.days) sum += d;
      mean = Scaled(sum, static_cast<int64_t>(n), 10);
    }
    const int64_t requests = values[b].denominator;
    values[b].details = {
        Detail("requests", "回复件数", requests),
        Detail("candidates", "回复人数", a.candidates),
        Detail("median_working_days", "办理用时中位数（工作日）", median, 1),
        Detail("mean_working_days", "平均办理用时（工作日）", mean, 1),
        Detail("late", "超期回复件数", a.late),
        Detail("late_percent", "超期回复占比（%）",
               requests > 0 ? Scaled(a.late, requests, 1000) : 0, 1),
        Detail("calendar_missing", "工作日历未覆盖（未计入用时）", a.uncovered),
    };
  }
  return values;
}

Result<std::vector<IndicatorValue>> IndicatorService::OverdueWork(Context& context) {
  KANGFU_RETURN_IF_ERROR(ScheduleUpToDate(context));
  constexpr std::array<domain::ReminderKind, 6> kKinds = {
      domain::ReminderKind::kVisit,      domain::ReminderKind::kMentorFirstTalk,
      domain::ReminderKind::kMentorTalk, domain::ReminderKind::kMentorReport,
      domain::ReminderKind::kExecution,  domain::ReminderKind::kEscalation};
  std::vector<std::array<int64_t, 6>> counts(context.buckets.size(), std::array<int64_t, 6>{});
  auto add = [&](const std::string& path, std::size_t kind, int64_t n) {
    for (std::size_t b : {context.buckets.Of(path), context.buckets.total()}) {
      counts[b].at(kind) += n;
    }
  };
  // Visits and mentoring from the stored schedule, under the subject's unit.
  KANGFU_ASSIGN_OR_RETURN(
      std::vector<storage::UnitCount> scheduled,
      store_->Indicators().CountOverdueScheduled(context.org.id, context.as_of));
  for (const storage::UnitCount& row : scheduled) {
    const std::optional<domain::ReminderKind> kind = domain::ReminderKindFromCode(row.key);
    const auto at = static_cast<std::size_t>(
        std::find(kKinds.begin(), kKinds.end(), kind.value_or(domain::ReminderKind::kClueReply)) -
        kKinds.begin());
    if (at < 4) add(row.unit_path, at, row.n);
  }
  KANGFU_ASSIGN_OR_RETURN(std::vector<storage::OverdueItems> stored,
                          store_->Indicators().CountOverdueItems(context.org.id, context.as_of));
  for (const storage::OverdueItems& row : stored) {
    add(row.unit_path, 4, row.execution);
    add(row.unit_path, 5, row.escalation);
  }
  static constexpr std::array<const char*, 6> kLabels = {"逾期未回访",       "帮带首次谈话逾期",
                                                         "半年谈心谈话逾期", "帮带报告逾期",
                                                         "处分决定执行逾期", "苗头性问题处置逾期"};
  std::vector<IndicatorValue> values = context.Values();
  for (std::size_t b = 0; b < values.size(); ++b) {
    for (std::size_t k = 0; k < kKinds.size(); ++k) {
      values[b].numerator += counts[b].at(k);
      values[b].details.push_back(Detail(std::string(domain::ReminderKindCode(kKinds.at(k))),
                                         kLabels.at(k), counts[b].at(k)));
    }
  }
  return values;
}

Result<std::vector<IndicatorValue>> IndicatorService::Gatekeeping(Context& context,
                                                                  std::string_view code) {
  KANGFU_ASSIGN_OR_RETURN(
      std::vector<storage::UnitCount> rows,
      store_->Indicators().CountGatekeeping(context.org.id, context.period.from, context.as_of));
  std::vector<IndicatorValue> values = context.Values();
  const std::span<const domain::oversight::CodeLabel> kinds = domain::oversight::InterviewKinds();
  // Per bucket: talks by kind, then those with a principal leader by kind.
  std::vector<std::vector<int64_t>> talks(values.size(), std::vector<int64_t>(kinds.size()));
  std::vector<std::vector<int64_t>> principal(values.size(), std::vector<int64_t>(kinds.size()));
  for (const storage::UnitCount& row : rows) {
    const bool is_principal = row.key.starts_with("principal:");
    const std::string_view key =
        is_principal ? std::string_view(row.key).substr(10) : std::string_view(row.key);
    const auto kind = static_cast<std::size_t>(
        std::find_if(kinds.begin(), kinds.end(),
                     [&](const domain::oversight::CodeLabel& k) { return k.code == key; }) -
        kinds.begin());
    for (std::size_t b : {context.buckets.Of(row.unit_path), context.buckets.total()}) {
      if (code == "interviews" && kind < kinds.size()) {
        (is_principal ? principal : talks)[b][kind] += row.n;
        if (!is_principal) values[b].numerator += row.n;
      } else if ((code == "clearances" && key == "clearance") ||
                 (code == "reuses" && key == "reuse")) {
        values[b].numerator += row.n;
      }
    }
  }
  if (code == "interviews") {
    for (std::size_t b = 0; b < values.size(); ++b) {
      int64_t with_principal = 0;
      for (std::size_t k = 0; k < kinds.size(); ++k) {
        values[b].details.push_back(
            Detail(std::string(kinds[k].code), std::string(kinds[k].label), talks[b][k]));
        with_principal += principal[b][k];
      }
      values[b].details.push_back(
          Detail("principal_leader", "其中对下级“一把手”的谈话", with_principal));
    }
  }
  return values;
}

Result<std::vector<IndicatorValue>> IndicatorService::SelfReport(Context& context) {
  std::vector<IndicatorValue> values = context.Values();
  auto count = [&](RowId org, IndicatorValue& value) -> Status {
    KANGFU_ASSIGN_OR_RETURN(
        std::vector<storage::KeyedFormCounts> rows,
        store_->CountCasesByDimension(org, context.period.from, context.period.to,
                                      storage::StatsDimension::kSource));
    for (const storage::KeyedFormCounts& row : rows) {
      value.denominator += row.counts.Total();
      if (row.key == "self_report") value.numerator += row.counts.Total();
    }
    return Status::Ok();
  };
  KANGFU_RETURN_IF_ERROR(count(context.org.id, values[context.buckets.total()]));
  IndicatorValue& own = values[context.buckets.own()];
  own = values[context.buckets.total()];
  for (std::size_t i = 0; i < context.buckets.children.size(); ++i) {
    KANGFU_RETURN_IF_ERROR(count(context.buckets.children[i].id, values[i]));
    own.numerator -= values[i].numerator;
    own.denominator -= values[i].denominator;
  }
  return values;
}

Result<IndicatorsReport> IndicatorService::Overview(const Actor& actor, RowId org_id,
                                                    const StatsPeriod& period, Date today) {
  KANGFU_ASSIGN_OR_RETURN(storage::Organisation org, Scope(actor, org_id));
  Context context;
  context.org = org;
  context.period = period;
  context.as_of = std::min(period.to, today);
  IndicatorsReport report;
  for (const IndicatorDef& def : IndicatorCatalogue()) {
    KANGFU_ASSIGN_OR_RETURN(std::vector<IndicatorValue> values, Compute(def, context));
    IndicatorFigure figure{.def = &def, .value = std::move(values.back()), .target_percent = {}};
    if (def.code == "visit_recent") figure.target_percent = policy_->visit.coverage_target_percent;
    report.indicators.push_back(std::move(figure));
  }
  KANGFU_RETURN_IF_ERROR(Audit(actor, org, period, "indicators"));
  report.as_of = context.as_of;
  report.scope = {std::move(org), period};
  return report;
}

namespace {

// Worse first: a < b when a is worse. Rates compare exactly (cross-multiplied).
bool Worse(const IndicatorDef& def, const IndicatorValue& a, const IndicatorValue& b) {
  if (!def.is_rate) {
    return def.higher_is_better ? a.numerator < b.numerator : a.numerator > b.numerator;
  }
  const int64_t left = a.numerator * b.denominator;
  const int64_t right = b.numerator * a.denominator;
  return def.higher_is_better ? left < right : left > right;
}

}  // namespace

Result<IndicatorUnitsReport> IndicatorService::ByUnit(const Actor& actor, RowId org_id,
                                                      const StatsPeriod& period,
                                                      std::string_view code, Date today) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kReadStatistics));
  const IndicatorDef* def = FindIndicator(code);
  if (def == nullptr) {
    return Status::Invalid("indicator", "indicator.unknown",
                           "未知的统计指标，请从指标列表中选择（如visit_coverage回访覆盖率）");
  }
  KANGFU_ASSIGN_OR_RETURN(storage::Organisation org, Scope(actor, org_id));
  Context context;
  context.org = org;
  context.period = period;
  context.as_of = std::min(period.to, today);
  KANGFU_ASSIGN_OR_RETURN(std::vector<storage::Organisation> subtree, store_->ListSubtree(org.id));
  for (storage::Organisation& o : subtree) {
    if (o.parent_id == org.id) context.buckets.children.push_back(std::move(o));
  }
  std::sort(context.buckets.children.begin(), context.buckets.children.end(),
            [](const auto& a, const auto& b) { return a.path < b.path; });
  KANGFU_ASSIGN_OR_RETURN(std::vector<IndicatorValue> values, Compute(*def, context));
  KANGFU_RETURN_IF_ERROR(Audit(actor, org, period, "indicator " + std::string(def->code)));

  IndicatorUnitsReport report;
  report.as_of = context.as_of;
  report.total = {.def = def, .value = values[context.buckets.total()], .target_percent = {}};
  if (def->code == "visit_recent") {
    report.total.target_percent = policy_->visit.coverage_target_percent;
  }
  report.own = values[context.buckets.own()];
  for (std::size_t i = 0; i < context.buckets.children.size(); ++i) {
    report.units.push_back({std::move(context.buckets.children[i]), std::move(values[i]), 0});
  }
  auto ranked = [&](const IndicatorUnitRow& r) { return !def->is_rate || r.value.denominator > 0; };
  std::stable_sort(report.units.begin(), report.units.end(),
                   [&](const IndicatorUnitRow& a, const IndicatorUnitRow& b) {
                     if (ranked(a) != ranked(b)) return ranked(a);
                     if (!ranked(a)) return false;
                     return Worse(*def, a.value, b.value);
                   });
  for (std::size_t i = 0; i < report.units.size(); ++i) {
    IndicatorUnitRow& row = report.units[i];
    if (!ranked(row)) break;
    const bool tie = i > 0 && !Worse(*def, report.units[i - 1].value, row.value);
    row.rank = tie ? report.units[i - 1].rank : static_cast<int>(i) + 1;
  }
  report.scope = {std::move(org), period};
  return report;
}

}  // namespace kangfu::app
