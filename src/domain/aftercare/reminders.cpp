#include "domain/aftercare/reminders.hpp"

#include <algorithm>
#include <cstdint>
#include <tuple>

namespace kangfu::domain {
namespace {

Date NextHalfYearEnd(int year, int half) {
  return half == 1 ? *Date::FromCivil(year, 12, 31) : *Date::FromCivil(year + 1, 6, 30);
}

void AppendVisits(const SubjectAftercare& s, const AftercarePolicy& policy, Date today,
                  Status* status, std::vector<Reminder>* out) {
  VisitPlan plan = PlanVisits(s.measures, policy.visit);
  if (!s.plan_edits.empty()) {
    Result<VisitPlan> edited = ApplyPlanEdits(plan, s.plan_edits);
    if (edited.ok()) {
      plan = std::move(edited).value();
    } else if (status->ok()) {
      // ApplyPlanEdits names "edits[i]…"; here the edits are the subject's "plan_edits[i]…".
      const Status& error = edited.status();
      *status = Status::Invalid("plan_" + error.field(), error.reason(), error.message());
    }
  }
  const std::vector<std::optional<Date>> done = MatchVisits(plan, s.visits);
  for (std::size_t i = 0; i < plan.visits.size(); ++i) {
    PlannedVisit& v = plan.visits[i];
    if (done[i] || today < v.from) continue;
    out->push_back({.kind = ReminderKind::kVisit,
                    .subject_id = s.subject_id,
                    .ref = std::move(v.key),
                    .due = v.due,
                    .overdue = today > v.due,
                    .responsible = std::move(v.responsible),
                    .title = std::move(v.title)});
  }
}

void AppendExecution(const SubjectAftercare& s, const AftercarePolicy& policy, Date today,
                     std::vector<Reminder>* out) {
  for (ExecutionItem& item : PlanExecutionItems(s.measures, policy.execution, s.executing_unit)) {
    if (today < item.due.AddDays(-policy.reminders.lookahead_days)) continue;
    const bool done = std::any_of(s.execution_done.begin(), s.execution_done.end(),
                                  [&](const ExecutionDone& d) { return d.item_key == item.key; });
    if (done) continue;
    out->push_back({.kind = ReminderKind::kExecution,
                    .subject_id = s.subject_id,
                    .ref = std::move(item.key),
                    .due = item.due,
                    .overdue = today > item.due,
                    .responsible = std::move(item.responsible),
                    .title = std::move(item.title)});
  }
}

void AppendMentoring(const SubjectAftercare& s, const AftercarePolicy& policy, Date today,
                     std::vector<Reminder>* out) {
  const int lookahead = policy.reminders.lookahead_days;
  for (const MentoringRecord& m : s.mentoring) {
    const MentorAssignment& a = m.assignment;
    const MentoringCompliance c =
        ComputeMentoringCompliance(a, m.talks, m.reports, policy.mentoring, today);
    if (!c.first_talk && today >= c.first_talk_due.AddDays(-lookahead)) {
      out->push_back({.kind = ReminderKind::kMentorFirstTalk,
                      .subject_id = s.subject_id,
                      .ref = a.id,
                      .due = c.first_talk_due,
                      .overdue = c.first_talk_overdue,
                      .responsible = a.mentor_id,
                      .title = "教育帮带首次交心谈心（确定帮带责任人后" +
                               std::to_string(policy.mentoring.first_talk_within_months) +
                               "个月内）"});
    }
    for (const HalfYearCompliance& h : c.half_years) {
      const std::string ref = a.id + ":" + std::to_string(h.year) + "H" + std::to_string(h.half);
      const std::string label = HalfYearLabel(h.year, h.half);
      if (!h.talk_met && today >= h.talk_due.AddDays(-lookahead) &&
          today <= NextHalfYearEnd(h.year, h.half)) {
        out->push_back({.kind = ReminderKind::kMentorTalk,
                        .subject_id = s.subject_id,
                        .ref = ref,
                        .due = h.talk_due,
                        .overdue = h.talk_overdue,
                        .responsible = a.mentor_id,
                        .title = "教育帮带交心谈心（" + label + "）"});
      }
      if (h.report_due && !h.report_submitted && today >= h.report_due->AddDays(-lookahead)) {
        out->push_back({.kind = ReminderKind::kMentorReport,
                        .subject_id = s.subject_id,
                        .ref = ref,
                        .due = *h.report_due,
                        .overdue = h.report_overdue,
                        .responsible = a.mentor_id,
                        .title = "向党组织报告教育帮带情况（" + label + "）"});
      }
    }
  }
}

void AppendEscalations(const SubjectAftercare& s, const AftercarePolicy& policy,
                       const WorkCalendar& calendar, Date today, Status* status,
                       std::vector<Reminder>* out) {
  for (std::size_t i = 0; i < s.escalations.size(); ++i) {
    const Escalation& e = s.escalations[i];
    if (e.resolved_on || today < e.opened_on) continue;
    Result<Date> deadline = EscalationDeadline(e, policy.escalation, calendar);
    if (!deadline.ok()) {
      if (status->ok()) {
        *status = std::move(deadline).TakeStatus();
        status->PrefixField("escalations[" + std::to_string(i) + "]");
      }
      continue;
    }
    out->push_back({.kind = ReminderKind::kEscalation,
                    .subject_id = s.subject_id,
                    .ref = e.id,
                    .due = *deadline,
                    .overdue = today > *deadline,
                    .responsible = e.responsible,
                    .title = std::string("苗头性问题（") + std::string(WarningSignLabel(e.kind)) +
                             "）研究处理或向有权处理机关反映（" +
                             std::to_string(policy.escalation.deadline_working_days) +
                             "个工作日内）"});
  }
}

}  // namespace

std::string_view ReminderKindCode(ReminderKind kind) {
  switch (kind) {
    case ReminderKind::kVisit:
      return "visit";
    case ReminderKind::kMentorFirstTalk:
      return "mentor_first_talk";
    case ReminderKind::kMentorTalk:
      return "mentor_talk";
    case ReminderKind::kMentorReport:
      return "mentor_report";
    case ReminderKind::kEscalation:
      return "escalation";
    case ReminderKind::kExecution:
      return "execution";
  }
  return "visit";
}

Status AppendReminders(const SubjectAftercare& subject, const AftercarePolicy& policy,
                       const WorkCalendar& calendar, Date today, std::vector<Reminder>* out) {
  Status status;
  AppendVisits(subject, policy, today, &status, out);
  AppendExecution(subject, policy, today, out);
  AppendMentoring(subject, policy, today, out);
  AppendEscalations(subject, policy, calendar, today, &status, out);
  return status;
}

ReminderReport ComputeReminders(std::span<const SubjectAftercare> subjects,
                                const AftercarePolicy& policy, const WorkCalendar& calendar,
                                Date today) {
  std::vector<Reminder> unsorted;
  std::vector<uint32_t> subject_of;  // index into `subjects` of each reminder
  ReminderReport report;
  for (std::size_t i = 0; i < subjects.size(); ++i) {
    Status status = AppendReminders(subjects[i], policy, calendar, today, &unsorted);
    subject_of.resize(unsorted.size(), static_cast<uint32_t>(i));
    if (!status.ok()) {
      status.PrefixField("subjects[" + std::to_string(i) + "]");
      report.problems.push_back(std::move(status));
    }
  }
  // Sorting small keys instead of the reminders themselves: a province has millions of
  // reminders, and comparing and moving their strings dominated the run time.
  struct Key {
    int32_t due;
    uint32_t subject;
    ReminderKind kind;
    uint32_t index;
  };
  std::vector<Key> keys;
  keys.reserve(unsorted.size());
  for (std::size_t i = 0; i < unsorted.size(); ++i) {
    keys.push_back(
        {unsorted[i].due.days(), subject_of[i], unsorted[i].kind, static_cast<uint32_t>(i)});
  }
  std::sort(keys.begin(), keys.end(), [&unsorted](const Key& a, const Key& b) {
    if (std::tie(a.due, a.subject, a.kind) != std::tie(b.due, b.subject, b.kind)) {
      return std::tie(a.due, a.subject, a.kind) < std::tie(b.due, b.subject, b.kind);
    }
    return unsorted[a.index].ref < unsorted[b.index].ref;
  });
  // Apply the permutation in place (cycle by cycle) rather than into a second vector: at province
  // scale that vector is a gigabyte of fresh pages.
  std::vector<bool> placed(keys.size(), false);
  for (std::size_t start = 0; start < keys.size(); ++start) {
    if (placed[start]) continue;
    Reminder carried = std::move(unsorted[start]);
    std::size_t at = start;
    while (keys[at].index != start) {
      unsorted[at] = std::move(unsorted[keys[at].index]);
      placed[at] = true;
      at = keys[at].index;
    }
    unsorted[at] = std::move(carried);
    placed[at] = true;
  }
  report.reminders = std::move(unsorted);
  return report;
}

}  // namespace kangfu::domain
