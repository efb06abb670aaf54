#ifndef KANGFU_DOMAIN_AFTERCARE_REMINDERS_HPP_
#define KANGFU_DOMAIN_AFTERCARE_REMINDERS_HPP_

// Due and overdue aftercare work as of a given day: visits, mentoring talks and reports,
// escalations, execution items. Pure: the scheduler in the server passes `today` and the facts.

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "domain/aftercare/aftercare_policy.hpp"
#include "domain/aftercare/calendar.hpp"
#include "domain/aftercare/execution.hpp"
#include "domain/aftercare/mentoring.hpp"
#include "domain/aftercare/visit_plan.hpp"
#include "domain/aftercare/visit_record.hpp"
#include "domain/date.hpp"

namespace kangfu::domain {

enum class ReminderKind : uint8_t {
  kVisit,             // 回访
  kMentorFirstTalk,   // 帮带首次谈心谈话
  kMentorTalk,        // 半年交心谈心
  kMentorReport,      // 半年帮带情况报告
  kEscalation,        // 苗头性问题处置
  kExecution,         // 处分决定执行事项
  kInfluenceEnding,   // 影响期即将届满（提前 influence_notice_days 天）
  kProbationOutcome,  // 留党察看期满未作出恢复党员权利或开除党籍的决定
  kClueReply,         // 函询回复到期（谈话函询的书面回复）
};
// Every kind, in the order the workbench lists its counts.
inline constexpr std::array<ReminderKind, 9> kAllReminderKinds = {
    ReminderKind::kVisit,           ReminderKind::kExecution,        ReminderKind::kMentorFirstTalk,
    ReminderKind::kMentorTalk,      ReminderKind::kMentorReport,     ReminderKind::kEscalation,
    ReminderKind::kInfluenceEnding, ReminderKind::kProbationOutcome, ReminderKind::kClueReply};
// Kinds whose item waits for a mentor (a person) rather than an organisation.
bool IsMentoringKind(ReminderKind kind);
std::string_view ReminderKindCode(ReminderKind kind);
std::optional<ReminderKind> ReminderKindFromCode(std::string_view code);

struct Reminder {
  ReminderKind kind = ReminderKind::kVisit;
  std::string subject_id;
  std::string ref;       // the item: planned visit key, assignment id (+ half-year), escalation id,
                         // execution item key
  Date due;              // last day
  bool overdue = false;  // today > due
  std::string responsible;  // organisation id, or the mentor's person id for mentoring items
  std::string title;        // Chinese

  friend bool operator==(const Reminder&, const Reminder&) = default;
};

struct MentoringRecord {
  MentorAssignment assignment;
  std::vector<Date> talks;
  std::vector<MentorReport> reports;
};

// Everything about one subject that aftercare looks at.
struct SubjectAftercare {
  std::string subject_id;
  std::string executing_unit;  // the subject's unit / party organisation (执行单位)
  std::vector<AftercareMeasure> measures;
  std::vector<PlanEdit> plan_edits;
  std::vector<ImportedPlan> imported_plans;  // plans a ledger import created (PlanVisits)
  std::vector<VisitRecord> visits;
  std::vector<ExecutionDone> execution_done;
  std::vector<MentoringRecord> mentoring;
  std::vector<Escalation> escalations;
};

// Appends the subject's reminders as of `today` to `out` (unsorted). What is listed:
//   - a planned visit not yet fulfilled (MatchVisits), once its window has opened;
//   - an execution item not confirmed done, from lookahead_days before its due date — except,
//     for a plan a ledger import created (imported_plans), the items due before the import day
//     (the import did not create them: the paper ledger's time);
//   (a planned visit of such a plan due before the import day is not planned: PlanVisits);
//   - a mentoring first talk not held, a half-year talk not met, a half-year report not submitted,
//     from lookahead_days before the due date; a missed half-year talk stays listed (overdue)
//     until the end of the following half-year, after which it remains only in the compliance
//     figures (a talk cannot be held in the past); a missing report stays until submitted;
//   - an unresolved escalation, from the day it is opened (its deadline is short);
//   - a measure whose influence period ends within reminders.influence_notice_days (due: its last
//     day; never overdue — it leaves the list when the period is over), for the deciding organ,
//     so that re-use, restored rights and the file are prepared in time;
//   - a 留党察看 whose term has ended (or ends within lookahead_days) without a recorded outcome
//     (恢复党员权利 / 开除党籍), due on the first day after the term, for the deciding organ
//     (rules.md §3: "察看期满，待作出决定").
// Errors: the plan edits no longer fit the plan (reasons of ApplyPlanEdits, field
// "plan_edits[i].…"); an escalation deadline in a year the calendar does not cover
// ("calendar.year_not_covered", field "escalations[i]"). On error the reminders that could be
// computed are still appended (with the unedited plan / without that escalation).
Status AppendReminders(const SubjectAftercare& subject, const AftercarePolicy& policy,
                       const WorkCalendar& calendar, Date today, std::vector<Reminder>* out);

struct ReminderReport {
  // Sorted by due date, then by the subject's position in the input (callers pass subjects in
  // a stable order, e.g. by id), then kind, then ref.
  std::vector<Reminder> reminders;
  // Subjects whose reminders are incomplete, each error's field prefixed "subjects[i]".
  std::vector<Status> problems;
};

// A subject's reminder as planned, independent of the day it is looked at: listed on every day
// in [listed_from, listed_until] (no end: until the work is done, which is a write that replans
// the subject), overdue on the days after reminder.due when `may_be_overdue`. reminder.overdue is
// false. A planned visit already fulfilled is kept with `done_on` (never listed) so that the
// visit coverage can be counted from the stored schedule.
struct ScheduledReminder {
  Reminder reminder;
  Date listed_from;
  std::optional<Date> listed_until;
  bool may_be_overdue = true;
  std::optional<Date> done_on;

  friend bool operator==(const ScheduledReminder&, const ScheduledReminder&) = default;
};

// Whether `item` is on the list on `day` (not done, inside its listing window).
bool ListedOn(const ScheduledReminder& item, Date day);
// The reminder as listed on `day` (overdue set).
Reminder AsOf(const ScheduledReminder& item, Date day);

// The subject's schedule: every item AppendReminders lists on any day up to `horizon` (and the
// fulfilled planned visits), so that for every day d <= horizon the items with ListedOn(d),
// taken AsOf(d), are exactly AppendReminders(d). The same computation: AppendReminders is this
// schedule looked at on one day. Errors as AppendReminders. Items after `horizon` (half-years
// of an open mentoring that have not begun) are not planned: replan before the horizon passes.
Status AppendSchedule(const SubjectAftercare& subject, const AftercarePolicy& policy,
                      const WorkCalendar& calendar, Date horizon,
                      std::vector<ScheduledReminder>* out);

// A clue handled by 谈话函询 (oversight): its written reply is due on `reply_due`.
struct ClueReplyFacts {
  std::string clue_id{};
  std::string subject_id{};
  std::string organ_id{};  // the organisation that registered the clue (responsible)
  std::optional<Date> handling_date{};
  std::optional<Date> reply_due{};  // nullopt unless handled by 谈话函询
  std::optional<Date> replied_on{};
  bool concluded = false;
};
// The `clue_reply` reminder (函询回复到期) on `today`: listed from the handling decision until
// the reply comes in or the clue is concluded, due on reply_due, overdue after it; nullopt when
// not listed.
std::optional<Reminder> ClueReplyReminder(const ClueReplyFacts& clue, Date today);

// All reminders for many subjects as of `today`: each subject's AppendReminders, in the order
// and with the problems described at ReminderReport. Computed on `workers` threads (0: one per
// hardware thread, at most 8; never more than one per 2048 subjects); the result is the same
// for any number of workers.
ReminderReport ComputeReminders(std::span<const SubjectAftercare> subjects,
                                const AftercarePolicy& policy, const WorkCalendar& calendar,
                                Date today, unsigned workers = 0);

}  // namespace kangfu::domain

#endif  // KANGFU_DOMAIN_AFTERCARE_REMINDERS_HPP_
