#include "domain/aftercare/reminders.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <string>
#include <system_error>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

namespace kangfu::domain {
namespace {

Date NextHalfYearEnd(int year, int half) {
  return half == 1 ? *Date::FromCivil(year, 12, 31) : *Date::FromCivil(year + 1, 6, 30);
}

// "<a>:<b>" compared with "<c>:<d>" byte by byte, without building either string.
int CompareJoined(const std::string& a, const std::string& b, const std::string& c,
                  const std::string& d) {
  const std::size_t left = a.size() + 1 + b.size();
  const std::size_t right = c.size() + 1 + d.size();
  auto at = [](const std::string& x, const std::string& y, std::size_t i) -> unsigned char {
    if (i < x.size()) return static_cast<unsigned char>(x[i]);
    if (i == x.size()) return ':';
    return static_cast<unsigned char>(y[i - x.size() - 1]);
  };
  for (std::size_t i = 0; i < left && i < right; ++i) {
    const unsigned char l = at(a, b, i);
    const unsigned char r = at(c, d, i);
    if (l != r) return l < r ? -1 : 1;
  }
  return left == right ? 0 : (left < right ? -1 : 1);
}

// How many reminders fall due on each day, over the days seen so far (dense: the due days of a
// block of subjects span a few years).
class DayCounts {
 public:
  void Add(Date due) {
    const int32_t day = due.days();
    if (counts_.empty()) {
      first_ = day;
    } else if (day < first_) {
      counts_.insert(counts_.begin(), static_cast<std::size_t>(first_ - day), 0);
      first_ = day;
    }
    const auto at = static_cast<std::size_t>(day - first_);
    if (at >= counts_.size()) counts_.resize(at + 1, 0);
    ++counts_[at];
  }
  int32_t first() const { return first_; }
  const std::vector<uint32_t>& counts() const { return counts_; }

 private:
  int32_t first_ = 0;
  std::vector<uint32_t> counts_;
};

// A reminder before its strings are built: where they come from (the subject's facts, the
// policy; all outlive the computation). ComputeReminders puts drafts in order and then builds
// the strings in the order of the result, so that the millions of small strings lie in memory in
// the order in which the result is read and freed (freed in scattered order, their freeing cost
// more than computing them).
struct Draft {
  ReminderKind kind = ReminderKind::kVisit;
  bool overdue = false;
  WarningSignKind sign = WarningSignKind::kNegativeThinking;  // escalation: its title
  // Mentoring half-year: in the ref ("<ref>:<year>H<half>") and in the title.
  int half = 0;
  int year = 0;
  int number = 0;  // in the title: the months (first talk), the working days (escalation)
  Date due;
  const std::string* subject_id = nullptr;
  const std::string* responsible = nullptr;
  const std::string* ref = nullptr;
  const std::string* ref_suffix = nullptr;  // when set, the ref is "<ref>:<ref_suffix>"
  const std::string* title = nullptr;       // a rule's title (visits, execution items)
  Reminder* built = nullptr;                // a reminder built already (an edited visit plan)
};

std::string DraftRef(const Draft& d) {
  if (d.kind == ReminderKind::kMentorTalk || d.kind == ReminderKind::kMentorReport) {
    return *d.ref + ":" + std::to_string(d.year) + "H" + std::to_string(d.half);
  }
  if (d.ref_suffix == nullptr) return *d.ref;
  std::string ref;  // one allocation of the exact size
  ref.reserve(d.ref->size() + 1 + d.ref_suffix->size());
  ref.append(*d.ref).append(1, ':').append(*d.ref_suffix);
  return ref;
}

std::string DraftTitle(const Draft& d) {
  switch (d.kind) {
    case ReminderKind::kMentorFirstTalk:
      return "教育帮带首次交心谈心（确定帮带责任人后" + std::to_string(d.number) + "个月内）";
    case ReminderKind::kMentorTalk:
      return "教育帮带交心谈心（" + HalfYearLabel(d.year, d.half) + "）";
    case ReminderKind::kMentorReport:
      return "向党组织报告教育帮带情况（" + HalfYearLabel(d.year, d.half) + "）";
    case ReminderKind::kEscalation:
      return std::string("苗头性问题（") + std::string(WarningSignLabel(d.sign)) +
             "）研究处理或向有权处理机关反映（" + std::to_string(d.number) + "个工作日内）";
    case ReminderKind::kInfluenceEnding:
      return "影响期将于" + d.due.ToString() + "届满，做好回访、使用衔接";
    case ReminderKind::kProbationOutcome:
      return "留党察看期满，待作出决定（恢复党员权利或开除党籍，条例第十二条）";
    case ReminderKind::kVisit:
    case ReminderKind::kExecution:
    case ReminderKind::kClueReply:
      break;
  }
  return *d.title;
}

// Builds into a default-constructed reminder (ComputeReminders' result: no temporary to move).
void BuildInto(const Draft& d, Reminder& r) {
  if (d.built != nullptr) {
    r = std::move(*d.built);
    return;
  }
  r.kind = d.kind;
  r.subject_id = *d.subject_id;
  r.ref = DraftRef(d);
  r.due = d.due;
  r.overdue = d.overdue;
  r.responsible = *d.responsible;
  r.title = DraftTitle(d);
}

Reminder Build(const Draft& d) {
  Reminder r;
  BuildInto(d, r);
  return r;
}

// A subject's reminders in (due, kind, ref) order.
bool DraftBefore(const Draft& a, const Draft& b) {
  if (std::tie(a.due, a.kind) != std::tie(b.due, b.kind)) {
    return std::tie(a.due, a.kind) < std::tie(b.due, b.kind);
  }
  if (a.built == nullptr && b.built == nullptr && a.ref_suffix != nullptr &&
      b.ref_suffix != nullptr) {
    return CompareJoined(*a.ref, *a.ref_suffix, *b.ref, *b.ref_suffix) < 0;
  }
  return (a.built != nullptr ? a.built->ref : DraftRef(a)) <
         (b.built != nullptr ? b.built->ref : DraftRef(b));
}

// Where the Append* functions put their items: the reminders listed on one day (the workbench:
// only the items listed get their strings built), their drafts (ComputeReminders), or the
// schedule up to a horizon (every item that may be listed by then). One computation for all, so
// that the stored schedule and the live list cannot disagree.
class Sink {
 public:
  Sink(Date today, std::vector<Reminder>* listed) : day_(today), listed_(listed) {}
  // Drafts; the reminders built already are kept in `built` (stable addresses).
  Sink(Date today, std::vector<Draft>* drafted, std::deque<Reminder>* built)
      : day_(today), drafted_(drafted), built_(built) {}
  Sink(Date horizon, std::vector<ScheduledReminder>* planned) : day_(horizon), planned_(planned) {}

  // The day compliance is computed on: today, or the horizon.
  Date day() const { return day_; }
  // Whether an item with this window would be kept (before its strings or draft are made).
  // The schedule keeps every item (plans are finite); only the open-ended mentoring half-years
  // are bounded, by the horizon given as the day. `done`: a fulfilled planned visit, kept in the
  // schedule (with done_on) but never listed.
  bool Wants(Date from, std::optional<Date> until, bool done = false) const {
    if (planned_ != nullptr) return true;
    return !done && from <= day_ && (!until || day_ <= *until);
  }
  // Date::AddMonths, remembering the last few answers: a subject's measures share their dates,
  // and the policy's rules their month counts (most execution items are due a month after the
  // decision), so that most calls repeat a recent one.
  Date AddMonths(Date date, int months) {
    if (months == 0) return date;
    for (const Shift& shift : shifts_) {
      if (shift.date == date && shift.months == months) return shift.result;
    }
    const Date result = date.AddMonths(months);
    shifts_[next_shift_++ % shifts_.size()] = {.date = date, .months = months, .result = result};
    return result;
  }
  void Add(Draft draft, Date from, std::optional<Date> until, bool may_be_overdue,
           std::optional<Date> done_on = std::nullopt) {
    if (drafted_ != nullptr) {
      draft.overdue = may_be_overdue && day_ > draft.due;
      drafted_->push_back(draft);
      return;
    }
    Add(Build(draft), from, until, may_be_overdue, done_on);
  }
  void Add(Reminder reminder, Date from, std::optional<Date> until, bool may_be_overdue,
           std::optional<Date> done_on = std::nullopt) {
    if (drafted_ != nullptr) {
      reminder.overdue = may_be_overdue && day_ > reminder.due;
      built_->push_back(std::move(reminder));
      Reminder& kept = built_->back();
      drafted_->push_back(
          {.kind = kept.kind, .overdue = kept.overdue, .due = kept.due, .built = &kept});
      return;
    }
    if (planned_ != nullptr) {
      planned_->push_back({.reminder = std::move(reminder),
                           .listed_from = from,
                           .listed_until = until,
                           .may_be_overdue = may_be_overdue,
                           .done_on = done_on});
      return;
    }
    reminder.overdue = may_be_overdue && day_ > reminder.due;
    listed_->push_back(std::move(reminder));
  }

 private:
  Date day_;
  std::vector<Reminder>* listed_ = nullptr;
  std::vector<Draft>* drafted_ = nullptr;
  std::deque<Reminder>* built_ = nullptr;
  struct Shift {
    Date date;
    int months = 0;  // 0: unused (never asked: AddMonths answers 0 itself)
    Date result;
  };
  std::array<Shift, 8> shifts_{};
  std::size_t next_shift_ = 0;
  std::vector<ScheduledReminder>* planned_ = nullptr;
};

// PlanVisits followed by MatchVisits for the common case of a plan without edits and without a
// yearly cap, computed without building the visits' strings (key, title, basis, measure list):
// only the reminders that are emitted get them. Same windows, merging, order and matching.
void AppendPlainVisits(const SubjectAftercare& s, const VisitPolicy& policy, Sink& sink) {
  std::vector<const AftercareMeasure*> ordered;
  ordered.reserve(s.measures.size());
  for (const AftercareMeasure& m : s.measures) ordered.push_back(&m);
  std::sort(ordered.begin(), ordered.end(),
            [](const AftercareMeasure* a, const AftercareMeasure* b) {
              return std::tie(a->effective, a->measure_id) < std::tie(b->effective, b->measure_id);
            });
  struct Lean {
    const VisitRule* rule;
    const AftercareMeasure* first;  // the key is "<rule id>:<first measure id>"
    Date from;
    Date due;
    std::optional<Date> done;
  };
  std::vector<Lean> visits;
  for (const VisitRule& rule : policy.rules) {
    for (const AftercareMeasure* m : ordered) {
      if (!Applies(rule.applies_to, *m)) continue;
      std::optional<Date> anchor;
      switch (rule.anchor) {
        case Anchor::kEffective:
          anchor = m->effective;
          break;
        case Anchor::kInfluenceEnd:
          anchor = m->influence_end;
          break;
        case Anchor::kProbationTermEnd:
          if (m->is_probation) anchor = m->probation_term_end;
          break;
      }
      if (!anchor) continue;
      if (rule.anchor == Anchor::kInfluenceEnd &&
          sink.AddMonths(m->effective, rule.min_influence_months) > *anchor) {
        continue;
      }
      const Date from = sink.AddMonths(*anchor, rule.from_months);
      const Date due = sink.AddMonths(*anchor, rule.due_months).AddDays(-1);
      if (!s.imported_plans.empty()) {
        const std::optional<Date> cutoff = ImportedOn(s.imported_plans, m->deciding_organ);
        if (cutoff && due < *cutoff) continue;
      }
      const bool merged = std::any_of(visits.begin(), visits.end(), [&](const Lean& v) {
        return v.rule == &rule && v.from == from && v.due == due &&
               v.first->deciding_organ == m->deciding_organ;
      });
      if (!merged) visits.push_back({&rule, m, from, due, std::nullopt});
    }
  }
  std::sort(visits.begin(), visits.end(), [](const Lean& a, const Lean& b) {
    if (std::tie(a.due, a.from) != std::tie(b.due, b.from)) {
      return std::tie(a.due, a.from) < std::tie(b.due, b.from);
    }
    return CompareJoined(a.rule->id, a.first->measure_id, b.rule->id, b.first->measure_id) < 0;
  });
  // MatchVisits: keyed records first, then the others by date, each to the earliest open visit.
  std::vector<const VisitRecord*> unkeyed;
  for (const VisitRecord& record : s.visits) {
    if (record.plan_key.empty()) {
      unkeyed.push_back(&record);
      continue;
    }
    for (Lean& v : visits) {
      const std::size_t split = v.rule->id.size();
      const bool same_key = record.plan_key.size() == split + 1 + v.first->measure_id.size() &&
                            record.plan_key.starts_with(v.rule->id) &&
                            record.plan_key[split] == ':' &&
                            record.plan_key.ends_with(v.first->measure_id);
      if (same_key && (!v.done || record.date < *v.done)) v.done = record.date;
    }
  }
  std::sort(unkeyed.begin(), unkeyed.end(),
            [](const VisitRecord* a, const VisitRecord* b) { return a->date < b->date; });
  for (const VisitRecord* record : unkeyed) {
    for (Lean& v : visits) {
      if (!v.done && v.from <= record->date) {
        v.done = record->date;
        break;
      }
    }
  }
  for (const Lean& v : visits) {
    if (!sink.Wants(v.from, std::nullopt, v.done.has_value())) continue;
    sink.Add(Draft{.kind = ReminderKind::kVisit,
                   .due = v.due,
                   .subject_id = &s.subject_id,
                   .responsible = &v.first->deciding_organ,
                   .ref = &v.rule->id,
                   .ref_suffix = &v.first->measure_id,
                   .title = &v.rule->title},
             v.from, std::nullopt, true, v.done);
  }
}

void AppendVisits(const SubjectAftercare& s, const AftercarePolicy& policy, Status* status,
                  Sink& sink) {
  if (s.plan_edits.empty() && !policy.visit.max_visits_per_year) {
    AppendPlainVisits(s, policy.visit, sink);
    return;
  }
  VisitPlan plan = PlanVisits(s.measures, policy.visit, s.imported_plans);
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
    if (!sink.Wants(v.from, std::nullopt, done[i].has_value())) continue;
    sink.Add(Reminder{.kind = ReminderKind::kVisit,
                      .subject_id = s.subject_id,
                      .ref = std::move(v.key),
                      .due = v.due,
                      .responsible = std::move(v.responsible),
                      .title = std::move(v.title)},
             v.from, std::nullopt, true, done[i]);
  }
}

// Whether `key` is "<case_id>:<code>", without building that string.
bool IsItemKey(const std::string& key, const std::string& case_id, const std::string& code) {
  return key.size() == case_id.size() + 1 + code.size() && key.starts_with(case_id) &&
         key[case_id.size()] == ':' && key.ends_with(code);
}

// The items of PlanExecutionItems (one per rule and case, due on the earliest anchor of the
// case's matching measures, responsible as that measure says), computed without materialising
// them: at province scale most items are done or not yet near, and building their strings only to
// drop them dominated the run time.
void AppendExecution(const SubjectAftercare& s, const AftercarePolicy& policy, Sink& sink) {
  struct Pending {
    const std::string* case_id;
    Date due;
    const std::string* responsible;
    const std::string* organ;  // the deciding organ of the measure that gives `due`
  };
  std::vector<Pending> pending;
  for (const ExecutionItemRule& rule : policy.execution.items) {
    pending.clear();
    for (const AftercareMeasure& m : s.measures) {
      if (!Applies(rule.applies_to, m)) continue;
      std::optional<Date> anchor;
      if (rule.anchor == Anchor::kEffective) anchor = m.effective;
      if (rule.anchor == Anchor::kProbationTermEnd && m.is_probation) {
        anchor = m.probation_term_end;
      }
      if (!anchor) continue;
      const Date due = sink.AddMonths(*anchor, rule.due_months).AddDays(-1);
      const std::string* responsible =
          rule.responsible == Responsible::kDecidingOrgan ? &m.deciding_organ : &s.executing_unit;
      auto same = std::find_if(pending.begin(), pending.end(),
                               [&](const Pending& p) { return *p.case_id == m.case_id; });
      if (same == pending.end()) {
        pending.push_back({&m.case_id, due, responsible, &m.deciding_organ});
      } else if (due < same->due) {
        same->due = due;
        same->responsible = responsible;
        same->organ = &m.deciding_organ;
      }
    }
    for (const Pending& p : pending) {
      // A ledger import creates no checklist item whose deadline had passed on the import day
      // (AftercareService::OnCasesRecorded): nothing is tracked for it here either.
      if (!s.imported_plans.empty()) {
        const std::optional<Date> cutoff = ImportedOn(s.imported_plans, *p.organ);
        if (cutoff && p.due < *cutoff) continue;
      }
      const Date from = p.due.AddDays(-policy.reminders.lookahead_days);
      if (!sink.Wants(from, std::nullopt)) continue;
      const bool done = std::any_of(
          s.execution_done.begin(), s.execution_done.end(),
          [&](const ExecutionDone& d) { return IsItemKey(d.item_key, *p.case_id, rule.code); });
      if (done) continue;
      sink.Add(Draft{.kind = ReminderKind::kExecution,
                     .due = p.due,
                     .subject_id = &s.subject_id,
                     .responsible = p.responsible,
                     .ref = p.case_id,
                     .ref_suffix = &rule.code,
                     .title = &rule.title},
               from, std::nullopt, true);
    }
  }
}

void AppendMentoring(const SubjectAftercare& s, const AftercarePolicy& policy, Sink& sink) {
  const int lookahead = policy.reminders.lookahead_days;
  for (const MentoringRecord& m : s.mentoring) {
    const MentorAssignment& a = m.assignment;
    const MentoringCompliance c =
        ComputeMentoringCompliance(a, m.talks, m.reports, policy.mentoring, sink.day());
    const Date first_from = c.first_talk_due.AddDays(-lookahead);
    if (!c.first_talk && sink.Wants(first_from, std::nullopt)) {
      sink.Add(Draft{.kind = ReminderKind::kMentorFirstTalk,
                     .number = policy.mentoring.first_talk_within_months,
                     .due = c.first_talk_due,
                     .subject_id = &s.subject_id,
                     .responsible = &a.mentor_id,
                     .ref = &a.id},
               first_from, std::nullopt, true);
    }
    // A half-year is looked at from its first day (ComputeMentoringCompliance lists the
    // half-years begun by the day).
    for (const HalfYearCompliance& h : c.half_years) {
      const Date talk_from = std::max(h.from, h.talk_due.AddDays(-lookahead));
      const Date talk_until = NextHalfYearEnd(h.year, h.half);
      const bool talk = !h.talk_met && sink.Wants(talk_from, talk_until);
      std::optional<Date> report_from;
      if (h.report_due) report_from = std::max(h.from, h.report_due->AddDays(-lookahead));
      const bool report =
          h.report_due && !h.report_submitted && sink.Wants(*report_from, std::nullopt);
      if (talk) {
        sink.Add(Draft{.kind = ReminderKind::kMentorTalk,
                       .half = h.half,
                       .year = h.year,
                       .due = h.talk_due,
                       .subject_id = &s.subject_id,
                       .responsible = &a.mentor_id,
                       .ref = &a.id},
                 talk_from, talk_until, true);
      }
      if (report) {
        sink.Add(Draft{.kind = ReminderKind::kMentorReport,
                       .half = h.half,
                       .year = h.year,
                       .due = *h.report_due,
                       .subject_id = &s.subject_id,
                       .responsible = &a.mentor_id,
                       .ref = &a.id},
                 *report_from, std::nullopt, true);
      }
    }
  }
}

void AppendEscalations(const SubjectAftercare& s, const AftercarePolicy& policy,
                       const WorkCalendar& calendar, Status* status, Sink& sink) {
  for (std::size_t i = 0; i < s.escalations.size(); ++i) {
    const Escalation& e = s.escalations[i];
    if (e.resolved_on || !sink.Wants(e.opened_on, std::nullopt)) continue;
    Result<Date> deadline = EscalationDeadline(e, policy.escalation, calendar);
    if (!deadline.ok()) {
      if (status->ok()) {
        *status = std::move(deadline).TakeStatus();
        status->PrefixField("escalations[" + std::to_string(i) + "]");
      }
      continue;
    }
    sink.Add(Draft{.kind = ReminderKind::kEscalation,
                   .sign = e.kind,
                   .number = policy.escalation.deadline_working_days,
                   .due = *deadline,
                   .subject_id = &s.subject_id,
                   .responsible = &e.responsible,
                   .ref = &e.id},
             e.opened_on, std::nullopt, true);
  }
}

void AppendEndings(const SubjectAftercare& s, const AftercarePolicy& policy, Sink& sink) {
  for (const AftercareMeasure& m : s.measures) {
    if (m.influence_end) {
      const Date from = m.influence_end->AddDays(-policy.reminders.influence_notice_days);
      const Date last = m.influence_end->AddDays(-1);
      if (from <= last && sink.Wants(from, last)) {
        sink.Add(Draft{.kind = ReminderKind::kInfluenceEnding,
                       .due = last,
                       .subject_id = &s.subject_id,
                       .responsible = &m.deciding_organ,
                       .ref = &m.measure_id},
                 from, last, false);
      }
    }
    if (m.is_probation && m.probation_term_end && !m.probation_outcome) {
      const Date from = m.probation_term_end->AddDays(-policy.reminders.lookahead_days);
      if (!sink.Wants(from, std::nullopt)) continue;
      sink.Add(Draft{.kind = ReminderKind::kProbationOutcome,
                     .due = *m.probation_term_end,
                     .subject_id = &s.subject_id,
                     .responsible = &m.deciding_organ,
                     .ref = &m.measure_id},
               from, std::nullopt, true);
    }
  }
}

Status AppendAll(const SubjectAftercare& subject, const AftercarePolicy& policy,
                 const WorkCalendar& calendar, Sink& sink) {
  Status status;
  AppendVisits(subject, policy, &status, sink);
  AppendExecution(subject, policy, sink);
  AppendMentoring(subject, policy, sink);
  AppendEscalations(subject, policy, calendar, &status, sink);
  AppendEndings(subject, policy, sink);
  return status;
}

}  // namespace

std::optional<ReminderKind> ReminderKindFromCode(std::string_view code) {
  for (ReminderKind kind : kAllReminderKinds) {
    if (ReminderKindCode(kind) == code) return kind;
  }
  return std::nullopt;
}

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
    case ReminderKind::kInfluenceEnding:
      return "influence_ending";
    case ReminderKind::kProbationOutcome:
      return "probation_outcome";
    case ReminderKind::kClueReply:
      return "clue_reply";
  }
  return "visit";
}

bool IsMentoringKind(ReminderKind kind) {
  return kind == ReminderKind::kMentorFirstTalk || kind == ReminderKind::kMentorTalk ||
         kind == ReminderKind::kMentorReport;
}

bool ListedOn(const ScheduledReminder& item, Date day) {
  return !item.done_on && item.listed_from <= day &&
         (!item.listed_until || day <= *item.listed_until);
}

Reminder AsOf(const ScheduledReminder& item, Date day) {
  Reminder r = item.reminder;
  r.overdue = item.may_be_overdue && day > r.due;
  return r;
}

Status AppendReminders(const SubjectAftercare& subject, const AftercarePolicy& policy,
                       const WorkCalendar& calendar, Date today, std::vector<Reminder>* out) {
  Sink sink(today, out);
  return AppendAll(subject, policy, calendar, sink);
}

Status AppendSchedule(const SubjectAftercare& subject, const AftercarePolicy& policy,
                      const WorkCalendar& calendar, Date horizon,
                      std::vector<ScheduledReminder>* out) {
  Sink sink(horizon, out);
  return AppendAll(subject, policy, calendar, sink);
}

std::optional<Reminder> ClueReplyReminder(const ClueReplyFacts& clue, Date today) {
  if (!clue.reply_due || !clue.handling_date || clue.replied_on || clue.concluded) {
    return std::nullopt;
  }
  if (today < *clue.handling_date) return std::nullopt;
  return Reminder{.kind = ReminderKind::kClueReply,
                  .subject_id = clue.subject_id,
                  .ref = clue.clue_id,
                  .due = *clue.reply_due,
                  .overdue = today > *clue.reply_due,
                  .responsible = clue.organ_id,
                  .title = "谈话函询书面回复应于" + clue.reply_due->ToString() + "前收回"};
}

ReminderReport ComputeReminders(std::span<const SubjectAftercare> subjects,
                                const AftercarePolicy& policy, const WorkCalendar& calendar,
                                Date today, unsigned workers) {
  // Three passes, each on `workers` threads taking blocks of the work in turn:
  //   1. per block of subjects, each subject's drafts in (due, kind, ref) order (no strings),
  //      and the block's count of reminders per due day;
  //   2. per block, each draft in its final place: a day's reminders come in block order, and
  //      inside a block in subject order, i.e. a stable counting sort by due day;
  //   3. per stretch of the result, the reminders' strings, built in the order of the result.
  // At province scale (7M reminders, a gigabyte) growing one vector, permuting it, and freeing
  // strings scattered in memory dominated the run time. The result does not depend on the number
  // of workers.
  constexpr std::size_t kBlock = 2048;       // subjects
  constexpr std::size_t kStretch = 1 << 14;  // reminders
  constexpr std::size_t kLookahead = 8;      // reminders
  const std::size_t blocks = (subjects.size() + kBlock - 1) / kBlock;
  if (workers == 0) workers = std::min(std::max(std::thread::hardware_concurrency(), 1U), 8U);
  workers = static_cast<unsigned>(std::min<std::size_t>(workers, blocks));
  // Runs work(task) for every task in [0, tasks) on up to `workers` threads, the calling thread
  // among them (alone when one suffices, or when no thread can be started). An exception thrown
  // by work (std::bad_alloc) stops the handing out of tasks and is rethrown here, as it would be
  // without threads.
  auto in_parallel = [workers](std::size_t tasks, const auto& work) {
    std::atomic<std::size_t> next{0};
    std::mutex failure_mutex;
    std::exception_ptr failure;
    auto run = [&] {
      try {
        for (std::size_t task = next++; task < tasks; task = next++) work(task);
      } catch (...) {
        next = tasks;
        const std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
      }
    };
    {
      std::vector<std::jthread> threads;
      for (unsigned i = 1; i < workers && i < tasks; ++i) {
        try {
          threads.emplace_back(run);
        } catch (const std::system_error&) {
          break;  // the threads started (or the calling thread alone) do the work
        }
      }
      run();
    }
    if (failure) std::rethrow_exception(failure);
  };
  auto subjects_of = [&](std::size_t block) {
    return subjects.subspan(block * kBlock, std::min(kBlock, subjects.size() - block * kBlock));
  };

  // Pass 1: per block, its subjects' drafts (each subject's in order), and the days that have
  // reminders and how many (ascending days).
  struct DayRun {
    int32_t day;
    uint32_t count;  // after the placement below: the position of the block's next reminder
  };
  std::vector<std::vector<DayRun>> runs(blocks);
  std::vector<std::vector<Draft>> block_drafts(blocks);
  std::vector<std::deque<Reminder>> built(blocks);
  std::vector<std::vector<Status>> problems(blocks);
  in_parallel(blocks, [&](std::size_t b) {
    const std::span<const SubjectAftercare> block = subjects_of(b);
    std::vector<Draft>& own = block_drafts[b];
    DayCounts counts;
    Sink sink(today, &own, &built[b]);
    for (std::size_t i = 0; i < block.size(); ++i) {
      const std::size_t first = own.size();
      Status status = AppendAll(block[i], policy, calendar, sink);
      std::sort(own.begin() + static_cast<std::ptrdiff_t>(first), own.end(), DraftBefore);
      for (std::size_t k = first; k < own.size(); ++k) counts.Add(own[k].due);
      if (!status.ok()) {
        status.PrefixField("subjects[" + std::to_string(b * kBlock + i) + "]");
        problems[b].push_back(std::move(status));
      }
    }
    for (std::size_t d = 0; d < counts.counts().size(); ++d) {
      if (counts.counts()[d] == 0) continue;
      runs[b].push_back({counts.first() + static_cast<int32_t>(d), counts.counts()[d]});
    }
  });

  // Placement: where each day starts, then each block's share of the day in block order.
  std::size_t total = 0;
  int32_t min_day = 0;
  int32_t max_day = 0;
  for (const std::vector<DayRun>& block : runs) {
    if (block.empty()) continue;
    if (total == 0 || block.front().day < min_day) min_day = block.front().day;
    if (total == 0 || block.back().day > max_day) max_day = block.back().day;
    for (const DayRun& run : block) total += run.count;
  }
  if (total > 0) {
    std::vector<uint32_t> next(static_cast<std::size_t>(max_day - min_day) + 1, 0);
    for (const std::vector<DayRun>& block : runs) {
      for (const DayRun& run : block) {
        next[static_cast<std::size_t>(run.day - min_day)] += run.count;
      }
    }
    uint32_t position = 0;
    for (uint32_t& n : next) position += std::exchange(n, position);
    for (std::vector<DayRun>& block : runs) {
      for (DayRun& run : block) {
        uint32_t& cursor = next[static_cast<std::size_t>(run.day - min_day)];
        run.count = std::exchange(cursor, cursor + run.count);
      }
    }
  }

  // Pass 2: each draft in its place.
  std::vector<Draft> drafts(total);
  in_parallel(blocks, [&](std::size_t b) {
    std::vector<DayRun>& at = runs[b];
    for (const Draft& d : block_drafts[b]) {
      auto run = std::lower_bound(at.begin(), at.end(), d.due.days(),
                                  [](const DayRun& x, int32_t day) { return x.day < day; });
      drafts[run->count++] = d;
    }
    block_drafts[b] = {};
  });

  // Pass 3: the reminders, built in the order of the result.
  ReminderReport report;
  report.reminders.resize(total);
  in_parallel((total + kStretch - 1) / kStretch, [&](std::size_t k) {
    const std::size_t end = std::min(total, (k + 1) * kStretch);
    for (std::size_t i = k * kStretch; i < end; ++i) {
      // The facts a draft points to are scattered over the input (the result is in due order,
      // the input in subject order): fetch those of a later draft while this one is built.
      if (i + kLookahead < end) {
        const Draft& later = drafts[i + kLookahead];
        __builtin_prefetch(later.subject_id);
        __builtin_prefetch(later.responsible);
        __builtin_prefetch(later.ref);
        __builtin_prefetch(later.ref_suffix);
      }
      BuildInto(drafts[i], report.reminders[i]);
    }
  });
  for (std::vector<Status>& block : problems) {
    for (Status& status : block) report.problems.push_back(std::move(status));
  }
  return report;
}

}  // namespace kangfu::domain
