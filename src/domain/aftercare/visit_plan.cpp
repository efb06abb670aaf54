#include "domain/aftercare/visit_plan.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace kangfu::domain {
namespace {

bool Contains(const std::vector<int>& values, int value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

bool Contains(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

std::optional<Date> AnchorDate(Anchor anchor, const AftercareMeasure& m) {
  switch (anchor) {
    case Anchor::kEffective:
      return m.effective;
    case Anchor::kInfluenceEnd:
      return m.influence_end;
    case Anchor::kProbationTermEnd:
      return m.is_probation ? m.probation_term_end : std::nullopt;
  }
  return std::nullopt;
}

bool ByDueThenKey(const PlannedVisit& a, const PlannedVisit& b) {
  return std::tie(a.due, a.from, a.key) < std::tie(b.due, b.from, b.key);
}

std::string EditField(std::size_t i, const char* member) {
  return "edits[" + std::to_string(i) + "]." + member;
}

}  // namespace

bool Applies(const Applicability& a, const AftercareMeasure& measure) {
  if (!a.forms.empty() && !Contains(a.forms, measure.form)) return false;
  if (!a.kinds.empty() && !Contains(a.kinds, measure.kind_code)) return false;
  if (a.probation_only && !measure.is_probation) return false;
  if (!a.requires_flag.empty() && !Contains(measure.flags, a.requires_flag)) return false;
  return true;
}

std::optional<Date> ImportedOn(std::span<const ImportedPlan> imported, const std::string& organ) {
  for (const ImportedPlan& p : imported) {
    if (p.organ == organ) return p.imported_on;
  }
  return std::nullopt;
}

VisitPlan PlanVisits(std::span<const AftercareMeasure> measures, const VisitPolicy& policy,
                     std::span<const ImportedPlan> imported) {
  std::vector<const AftercareMeasure*> ordered;
  ordered.reserve(measures.size());
  for (const AftercareMeasure& m : measures) ordered.push_back(&m);
  std::sort(ordered.begin(), ordered.end(),
            [](const AftercareMeasure* a, const AftercareMeasure* b) {
              return std::tie(a->effective, a->measure_id) < std::tie(b->effective, b->measure_id);
            });

  VisitPlan plan;
  for (const VisitRule& rule : policy.rules) {
    for (const AftercareMeasure* m : ordered) {
      if (!Applies(rule.applies_to, *m)) continue;
      const std::optional<Date> anchor = AnchorDate(rule.anchor, *m);
      if (!anchor) continue;
      if (rule.anchor == Anchor::kInfluenceEnd &&
          m->effective.AddMonths(rule.min_influence_months) > *anchor) {
        continue;
      }
      const Date from = anchor->AddMonths(rule.from_months);
      const Date due = anchor->AddMonths(rule.due_months).AddDays(-1);
      auto same = std::find_if(plan.visits.begin(), plan.visits.end(), [&](const PlannedVisit& v) {
        return v.rule_id == rule.id && v.from == from && v.due == due &&
               v.responsible == m->deciding_organ;
      });
      if (same != plan.visits.end()) {
        same->measure_ids.push_back(m->measure_id);
        continue;
      }
      plan.visits.push_back({.key = rule.id + ":" + m->measure_id,
                             .rule_id = rule.id,
                             .title = rule.title,
                             .basis = rule.basis,
                             .from = from,
                             .due = due,
                             .responsible = m->deciding_organ,
                             .measure_ids = {m->measure_id},
                             .note = {}});
    }
  }
  std::sort(plan.visits.begin(), plan.visits.end(), ByDueThenKey);

  if (!imported.empty()) {
    std::vector<PlannedVisit> kept;
    for (PlannedVisit& v : plan.visits) {
      const std::optional<Date> cutoff = ImportedOn(imported, v.responsible);
      if (cutoff && v.due < *cutoff) {
        v.note = "回访期限在台账导入（" + cutoff->ToString() +
                 "）之前，属纸质台账管理期间，未列入本系统回访计划";
        plan.skipped.push_back(std::move(v));
      } else {
        kept.push_back(std::move(v));
      }
    }
    plan.visits = std::move(kept);
  }

  if (policy.max_visits_per_year) {
    const int cap = *policy.max_visits_per_year;
    std::map<int, int> per_year;
    std::vector<PlannedVisit> kept;
    for (PlannedVisit& v : plan.visits) {
      if (++per_year[v.due.year()] > cap) {
        v.note = "超过每年最多回访" + std::to_string(cap) + "次的规定，未列入计划";
        plan.skipped.push_back(std::move(v));
      } else {
        kept.push_back(std::move(v));
      }
    }
    plan.visits = std::move(kept);
  }
  return plan;
}

Result<VisitPlan> ApplyPlanEdits(VisitPlan plan, std::span<const PlanEdit> edits) {
  for (std::size_t i = 0; i < edits.size(); ++i) {
    const PlanEdit& edit = edits[i];
    if (edit.reason.empty()) {
      return Status::Invalid(EditField(i, "reason"), "plan_edit.reason_required",
                             "调整回访计划须填写理由。");
    }
    auto found = std::find_if(plan.visits.begin(), plan.visits.end(),
                              [&](const PlannedVisit& v) { return v.key == edit.visit_key; });
    if (edit.kind != PlanEditKind::kAdd && found == plan.visits.end()) {
      return Status::Invalid(EditField(i, "visit_key"), "plan_edit.unknown_visit",
                             "回访计划中没有“" + edit.visit_key +
                                 "”这次回访（可能已被删除），"
                                 "请刷新后重新选择。");
    }
    if (edit.from && edit.due && *edit.due < *edit.from) {
      return Status::Invalid(EditField(i, "due"), "plan_edit.window_invalid",
                             "回访截止日期" + edit.due->ToString() + "早于开始日期" +
                                 edit.from->ToString() + "，请更正。");
    }
    switch (edit.kind) {
      case PlanEditKind::kAdd: {
        if (found != plan.visits.end() ||
            std::any_of(plan.skipped.begin(), plan.skipped.end(),
                        [&](const PlannedVisit& v) { return v.key == edit.visit_key; })) {
          return Status::Invalid(EditField(i, "visit_key"), "plan_edit.key_taken",
                                 "回访计划中已有“" + edit.visit_key + "”，请换一个编号。");
        }
        const char* missing = edit.visit_key.empty()     ? "visit_key"
                              : edit.title.empty()       ? "title"
                              : !edit.from               ? "from"
                              : !edit.due                ? "due"
                              : edit.responsible.empty() ? "responsible"
                                                         : nullptr;
        if (missing != nullptr) {
          return Status::Invalid(EditField(i, missing), "plan_edit.incomplete",
                                 "增加回访须填写编号、事由、开始日期、截止日期和负责机关。");
        }
        plan.visits.push_back({.key = edit.visit_key,
                               .rule_id = {},
                               .title = edit.title,
                               .basis = {},
                               .from = *edit.from,
                               .due = *edit.due,
                               .responsible = edit.responsible,
                               .measure_ids = {},
                               .note = edit.reason});
        break;
      }
      case PlanEditKind::kRemove:
        found->note = edit.reason;
        plan.skipped.push_back(std::move(*found));
        plan.visits.erase(found);
        break;
      case PlanEditKind::kReschedule: {
        if (!edit.from && !edit.due && edit.responsible.empty()) {
          return Status::Invalid(EditField(i, "due"), "plan_edit.incomplete",
                                 "调整回访须修改开始日期、截止日期或负责机关中的至少一项。");
        }
        const Date from = edit.from.value_or(found->from);
        const Date due = edit.due.value_or(found->due);
        if (due < from) {
          return Status::Invalid(EditField(i, edit.due ? "due" : "from"),
                                 "plan_edit.window_invalid",
                                 "调整后回访截止日期" + due.ToString() + "早于开始日期" +
                                     from.ToString() + "，请更正。");
        }
        found->from = from;
        found->due = due;
        if (!edit.responsible.empty()) found->responsible = edit.responsible;
        found->note = edit.reason;
        break;
      }
    }
  }
  std::sort(plan.visits.begin(), plan.visits.end(), ByDueThenKey);
  return plan;
}

}  // namespace kangfu::domain
