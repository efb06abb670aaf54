#ifndef KANGFU_APP_AFTERCARE_SERVICE_HPP_
#define KANGFU_APP_AFTERCARE_SERVICE_HPP_

// After the decision (issue 5, rules.md §7): the execution checklist of a case, follow-up visit
// plans and visits, education mentors with their talks and half-year reports, warning-sign
// escalations with a working-day deadline, and the workbench of due and overdue work.
//
// Every use case checks a permission (actor.hpp, the aftercare rows of the matrix) and the
// jurisdiction (the subject's unit must lie in it), validates with the pure aftercare domain, and
// writes and audits in one transaction: on any failure nothing is written. A mentor who holds no
// other role acts only on the assignments that name its account (its mentees), wherever they are.
// `today` is always a parameter (the HTTP layer passes the Beijing date).
//
// Common errors:
//   kPermissionDenied "auth.forbidden" without the permission named per method;
//   kNotFound "person.not_found" / "case.not_found" / "execution.not_found" /
//     "visit_plan.not_found" / "mentor.not_found" / "escalation.not_found" when the record does
//     not exist, lies outside the jurisdiction, or (mentors) is not the mentor's own;
//   kConflict "record.stale" (field "version") when the record changed since it was read;
//   the audit sink's error.

#include <map>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "app/actor.hpp"
#include "app/audit_sink.hpp"
#include "app/case_service.hpp"
#include "app/reminder_digest.hpp"
#include "core/status.hpp"
#include "domain/aftercare/aftercare_policy.hpp"
#include "domain/aftercare/calendar.hpp"
#include "domain/aftercare/reminders.hpp"
#include "domain/aftercare/visit_plan.hpp"
#include "domain/engine.hpp"
#include "storage/store.hpp"

namespace kangfu::app {

// One subject's visit plan as the policy and the recorded edits give it, with the date each
// planned visit was fulfilled (nullopt: not yet).
struct VisitPlanView {
  std::vector<storage::VisitPlanRow> rows;  // one per deciding organ, with their edits
  domain::VisitPlan plan;
  std::vector<std::optional<domain::Date>> fulfilled;  // same order as plan.visits
};

struct VisitInput {
  storage::RowId person_id = 0;
  storage::RowId organ_id = 0;  // 0: the deciding organ of the subject's latest case
  std::string plan_key;         // the planned visit it fulfils; "" = matched by date
  domain::Date date;
  std::vector<storage::RowId> visitors;  // person ids, at least the policy's min_visitors
  std::vector<std::string> talked_with;  // "subject" | "unit_head" | "other"
  std::string others_talked;
  std::vector<std::string> checked;  // "execution" | "attitude" | "work" | "thinking" | "life"
  std::string findings;
  std::string grade;  // "good" | "fair" | "poor"
  std::string follow_up;
  std::string feedback;  // feedback to the subject's party organisation
  // A new sign of violation: also opens a clue (Hold kind clue_verification from the visit date)
  // in the same transaction, linked from the visit.
  bool open_clue = false;
};

struct MentorInput {
  storage::RowId person_id = 0;
  storage::RowId mentor_id = 0;
  storage::RowId mentor_account_id = 0;  // the mentor's login (role mentor), 0 for none
  domain::Date start;
  std::optional<domain::Date> end;
};

struct MentoringView {
  storage::MentorRow assignment;
  std::vector<storage::TalkRow> talks;
  std::vector<storage::MentorReportRow> reports;
  domain::MentoringCompliance compliance;
};

struct EscalationInput {
  storage::RowId person_id = 0;
  storage::RowId assignment_id = 0;  // the mentoring it came from, 0 for none
  std::string kind;  // "negative_thinking" | "poor_performance" | "new_violation_sign"
  domain::Date opened_on;
  std::string description;
};

struct WorkbenchQuery {
  domain::Date today;
  std::vector<domain::ReminderKind> kinds;  // empty: every kind
  bool overdue_only = false;
  int64_t limit = 200;  // 1..1000
};

struct WorkbenchItem {
  domain::Reminder reminder;
  storage::RowId subject_id = 0;
  std::string subject_name;
};

struct Workbench {
  std::vector<WorkbenchItem> items;  // by due date (at most `limit`)
  int64_t total = 0;                 // matching items, before the limit
  int64_t overdue = 0;               // … of which overdue
  std::vector<std::pair<domain::ReminderKind, int64_t>> by_kind;  // counts, every kind listed
  std::vector<Status> problems;  // subjects whose reminders are incomplete (e.g. calendar)
};

class AftercareService {
 public:
  // Everything referenced must outlive the service. One service per Store (one thread).
  AftercareService(storage::Store& store, const domain::Catalogue& catalogue,
                   domain::EngineOptions options, const domain::AftercarePolicy& policy,
                   const domain::WorkCalendar& calendar, AuditSink& audit)
      : store_(&store),
        engine_(catalogue, options),
        policy_(&policy),
        calendar_(&calendar),
        audit_(&audit) {}

  // Called inside the transaction that records a case (CaseService::SetOnCaseRecorded): creates
  // the case's execution checklist (policy.execution) and, when missing, the subject's visit plan
  // for the deciding organ. Audit "aftercare.init". No permission of its own: the case write was
  // checked.
  Status OnCaseRecorded(const Actor& actor, const RecordedCase& recorded, domain::Date today);
  // The same for cases recorded together (ledger import, bulk loads), inside the caller's
  // transaction: each new case gets its checklist and plan as OnCaseRecorded gives them (one
  // shared function) — except the checklist items whose deadline was already before `today`
  // (a historical ledger's cases were executed on paper; the audit entry counts them as
  // "execution_items_lapsed") — then every subject concerned — and `changed_persons`, whose
  // existing cases gained measures — is replanned once. The checklists and plans are written in
  // bulk (AftercareStore::AddChecklists, a chunk of cases at a time), the schedules through
  // ReplanMany. One audit entry "aftercare.init" (object "cases") with the counts. Errors: the
  // store's (an error rolls the caller back).
  Status OnCasesRecorded(const Actor& actor, std::span<const RecordedCase> cases,
                         std::span<const storage::RowId> changed_persons, domain::Date today);

  // kReadAftercare. The checklist of one case (by due date). Audit "execution.read".
  Result<std::vector<storage::ExecutionItemRow>> ListExecution(const Actor& actor,
                                                               storage::RowId case_id);
  // kConfirmExecution. Confirms an item read at `version` as done on `done_on` by the actor.
  // kInvalidArgument "execution.done_in_future" / "execution.done_before_decision" (field
  // done_on); kFailedPrecondition "execution.already_done". Audit "execution.confirm".
  Result<storage::ExecutionItemRow> ConfirmExecution(const Actor& actor, storage::RowId item_id,
                                                     int64_t version, domain::Date done_on,
                                                     const std::string& note, domain::Date today);

  // kReadAftercare. Audit "visit_plan.read".
  Result<VisitPlanView> GetVisitPlan(const Actor& actor, storage::RowId person_id);
  // kPlanVisits; the plan's deciding organ must lie in the jurisdiction. Appends `edit` to the
  // plan read at `version`; refused (nothing written) with ApplyPlanEdits' errors (field named
  // without the "edits[i]." prefix: "reason", "visit_key" …). Audit "visit_plan.edit".
  Result<VisitPlanView> EditVisitPlan(const Actor& actor, storage::RowId plan_id, int64_t version,
                                      domain::PlanEdit edit, domain::Date today);

  // kWriteVisits. Validates with domain::ValidateVisitRecord (visit.before_decision,
  // visit.in_future, visit.too_few_visitors …) plus: "visit.no_decision" (the person has no
  // decision to follow up), "visit.visitor_unknown" (visitors[i]), "visit.code_invalid"
  // (talked_with[i] / checked[i]), "visit.grade_invalid", "visit.plan_key_unknown" (plan_key).
  // Audit "visit.create" (and "hold.open" when a clue is opened).
  Result<storage::VisitRow> RecordVisit(const Actor& actor, const VisitInput& input,
                                        domain::Date today);
  // kReadAftercare. A subject's visits by date. Audit "visit.read".
  Result<std::vector<storage::VisitRow>> ListVisits(const Actor& actor, storage::RowId person_id);

  // kAssignMentors. The subject's unit committee assigns: domain::ValidateMentorAssignment with
  // facts from the store and the engine on `start` (mentor.not_leader for a mentor who does not
  // lead the subject's unit or the level above, mentor.under_influence, mentor.on_hold …);
  // "mentor.account_not_mentor" (field mentor_account_id) when the login lacks the mentor role.
  // Audit "mentor.assign".
  Result<storage::MentorRow> AssignMentor(const Actor& actor, const MentorInput& input);
  // kReadAftercare. Assignments of a subject with talks, reports and compliance on `today`.
  Result<std::vector<MentoringView>> GetMentoring(const Actor& actor, storage::RowId person_id,
                                                  domain::Date today);
  // kWriteMentoring (a mentor: only its own assignments). "talk.date_outside" (field date) when
  // the date is outside the mentoring period or after today. Audit "mentor.talk".
  Result<storage::TalkRow> RecordTalk(const Actor& actor, storage::RowId assignment_id,
                                      domain::Date date, const std::string& summary,
                                      domain::Date today);
  // kWriteMentoring. "report.half_invalid" (field half) unless 1 or 2; "report.period_outside"
  // when the half-year has not begun by today or lies outside the mentoring period;
  // kAlreadyExists "mentor_report.duplicate". Submitted today. Audit "mentor.report".
  Result<storage::MentorReportRow> RecordReport(const Actor& actor, storage::RowId assignment_id,
                                                int year, int half, const std::string& summary,
                                                domain::Date today);

  // kOpenEscalations (a mentor: for its own mentees). Responsible: the subject's unit; due: the
  // policy's working-day deadline on the calendar ("calendar.year_not_covered" when the calendar
  // lacks the year). "escalation.kind_invalid" (field kind), "escalation.in_future" (opened_on).
  // Audit "escalation.open".
  Result<storage::EscalationRow> OpenEscalation(const Actor& actor, const EscalationInput& input,
                                                domain::Date today);
  // kResolveEscalations; the responsible unit must lie in the jurisdiction. outcome "handled" |
  // "referred" ("escalation.outcome_invalid"); "escalation.resolution_required";
  // "escalation.resolved_date" (before opening or after today); kFailedPrecondition
  // "escalation.already_resolved". Audit "escalation.resolve".
  Result<storage::EscalationRow> ResolveEscalation(const Actor& actor, storage::RowId id,
                                                   int64_t version, domain::Date resolved_on,
                                                   const std::string& outcome,
                                                   const std::string& resolution,
                                                   domain::Date today);
  // kReadAftercare. A subject's escalations by id.
  Result<std::vector<storage::EscalationRow>> ListEscalations(const Actor& actor,
                                                              storage::RowId person_id);

  // kReadAftercare. Due and overdue work on `query.today`: for the subjects of the jurisdiction
  // (every reminder kind; a subject with a case counts under the unit of its latest case), and
  // for a mentor the mentoring reminders and escalations of its mentees. Answered from the
  // stored schedule (after EnsureScheduleUpToDate): the first page, total, overdue and by-kind
  // counts in SQL; problems: the stored ones of the subjects shown (field
  // "subjects[<person id>]."…). kInvalidArgument "page.limit". Audit "workbench.read".
  Result<Workbench> GetWorkbench(const Actor& actor, const WorkbenchQuery& query);
  // GetWorkbench computed live from every subject's facts (LoadSubject and
  // domain::ComputeReminders): the reference the stored schedule is tested against, and the
  // "before" of bench/workbench_benchmark. Same contract as GetWorkbench.
  Result<Workbench> GetWorkbenchLive(const Actor& actor, const WorkbenchQuery& query);

  // kManageAftercareData. Stores an administrator's copy of the policy or calendar file (the
  // caller has decoded and validated it); version 0 for the first copy. Errors as
  // AftercareStore::PutSetting. Audit "aftercare.setting" (before/after: the files).
  Result<storage::AftercareSetting> SaveSetting(const Actor& actor,
                                                const storage::AftercareSetting& setting);

  // The daily reminder run (no actor: a system job that shows no one any case fact). Every
  // subject of the database, ascending. Errors: the store's.
  Result<std::vector<storage::RowId>> ListAllSubjects();
  // The reminders of `ids` on `today`, read in one transaction. Errors: the store's.
  Result<domain::ReminderReport> ComputeRemindersOf(std::span<const storage::RowId> ids,
                                                    domain::Date today);
  // kReadAftercare. The digest's counts of the items waiting for the actor: those of the
  // organisations of its jurisdiction, and, for a mentor, those of its own assignments.
  Result<std::vector<std::pair<domain::ReminderKind, ReminderCount>>> SummariseDigest(
      const Actor& actor, const ReminderDigest& digest);

  // The aftercare facts of one subject as the domain sees them (also for benchmarks and tools).
  Result<domain::SubjectAftercare> LoadSubject(storage::RowId person_id);
  // LoadSubject for many subjects, their facts read in set queries a chunk of kSubjectChunk
  // subjects at a time (Store::LoadHistories, OversightStore::FaultToleranceOfPersons,
  // AftercareStore::FactsOfPersons): the same values as LoadSubject per id, in the order of
  // `person_ids`. Errors: the store's; LoadSubject's person.not_found for the first unknown id.
  Result<std::vector<domain::SubjectAftercare>> LoadSubjects(
      std::span<const storage::RowId> person_ids);
  static constexpr std::size_t kSubjectChunk = 1000;

  // --- the stored reminder schedule (migration 0008) ---
  // Identifies the policy and calendar in force: a schedule planned under another stamp is
  // replanned by ReplanStale.
  void SetScheduleStamp(std::string stamp) { stamp_ = std::move(stamp); }
  const std::string& schedule_stamp() const { return stamp_; }
  // Replans one subject's stored schedule from its facts (LoadSubject, domain::AppendSchedule),
  // open mentoring up to about two years after `day`, counted under the unit of the subject's
  // latest case. Every write here that changes a subject's facts calls it inside its own
  // transaction. Errors: the store's (person.not_found …).
  Status Replan(storage::RowId person_id, domain::Date day);
  // Replan for many subjects (a ledger import, the catch-up): the plans made one at a time and
  // written through AftercareStore::ReplaceSchedulesOf, so the indicator counts are summed over
  // all of them and each written once. All or nothing. Errors: the store's.
  Status ReplanMany(std::span<const storage::RowId> person_ids, domain::Date day);
  // Replans, in one transaction, up to `limit` subjects (persons with a case) whose schedule is
  // missing (first start over existing data; cases loaded in bulk), planned only up to a day
  // before `day`, or planned under another stamp (policy or calendar changed). Returns how many
  // were replanned (0: all up to date). Errors: the store's.
  Result<int64_t> ReplanStale(domain::Date day, int64_t limit);
  // Plans the subjects the stored schedule lacks or holds stale for `day` (ReplanStale, 500 per
  // transaction), after asking from indexes whether there are any (ScheduleMayBeStale): nothing
  // to do in the normal case, where every write replans its subject and the daily run the rest.
  // Called before the stored schedule is read (workbench, indicators). Errors: the store's.
  Status EnsureScheduleUpToDate(domain::Date day);
  // The digest of `today` from the stored schedule: one grouped count (and the planned subjects
  // and their problems). Call ReplanStale until it returns 0 first. Errors: the store's.
  Result<ReminderDigest> DigestFromSchedule(domain::Date today);

 private:
  // A subject's facts and the unit of its latest case (the person's unit when none).
  struct LoadedSubject {
    domain::SubjectAftercare subject{};
    storage::RowId latest_case_unit = 0;
  };
  // The subject's schedule as Replan stores it; `unit_paths` caches organisation paths by id.
  Result<storage::SchedulePlan> PlanOf(storage::RowId person_id, domain::Date day,
                                       std::map<storage::RowId, std::string>& unit_paths);
  // PlanOf from facts already loaded.
  Result<storage::SchedulePlan> PlanFrom(storage::RowId person_id, const LoadedSubject& loaded,
                                         domain::Date day,
                                         std::map<storage::RowId, std::string>& unit_paths);
  // The rows one subject's facts are made of, wherever they were read.
  struct MentorRows {
    const storage::MentorRow* mentor = nullptr;
    std::span<const storage::TalkRow> talks{};
    std::span<const storage::MentorReportRow> reports{};
  };
  struct SubjectRows {
    const storage::PersonHistory* history = nullptr;
    std::span<const storage::FaultToleranceRow> decisions{};
    std::span<const storage::VisitPlanRow> plans{};
    std::span<const storage::VisitRow> visits{};
    std::span<const storage::ExecutionItemRow> items{};
    std::vector<MentorRows> mentors{};
    std::span<const storage::EscalationRow> escalations{};
  };
  // The domain's view of one subject from its rows (LoadSubject and LoadChunk share it).
  Result<domain::SubjectAftercare> AssembleSubject(const SubjectRows& rows,
                                                   storage::RowId* latest_case_unit);
  // Loads the facts of the subjects `person_ids` (at most a chunk) in set queries into `out`
  // (keyed by person id). Errors as LoadSubjects.
  Status LoadChunk(std::span<const storage::RowId> person_ids,
                   std::unordered_map<storage::RowId, LoadedSubject>& out);

  struct Subject {
    storage::Person person;
    storage::Organisation unit;
  };
  // Loads the person and checks that the unit lies in the jurisdiction (person.not_found
  // otherwise, field `field`).
  Result<Subject> SubjectInJurisdiction(const Actor& actor, storage::RowId person_id,
                                        const char* field);
  // The assignment, when the actor may act on it for `permission`: its mentor's account, or an
  // actor with another role holding the permission whose jurisdiction holds the subject's unit.
  Result<storage::MentorRow> AssignmentFor(const Actor& actor, storage::RowId assignment_id,
                                           Permission permission);
  bool ActsAsMentorOnly(const Actor& actor, Permission permission) const;
  // The subject's measures to follow up, given the person's 容错纠错 decisions (as
  // LoadEngineHistory applies them).
  Result<std::vector<domain::AftercareMeasure>> MeasuresOf(
      const storage::PersonHistory& history, std::span<const storage::FaultToleranceRow> decisions);
  Result<VisitPlanView> BuildPlan(storage::RowId person_id);
  // The execution checklist of a recorded case (not written); `decisions`: the person's
  // 容错纠错 decisions.
  Result<std::vector<storage::ExecutionItemRow>> ChecklistOf(
      const RecordedCase& recorded, const storage::Person& person,
      std::span<const storage::FaultToleranceRow> decisions);
  // A new case's execution checklist and, when missing, its subject's visit plan for the
  // deciding organ: the codes of the items created and whether a plan was created.
  Result<std::pair<std::vector<std::string>, bool>> InitCase(const RecordedCase& recorded,
                                                             domain::Date today);
  // LoadSubject, also giving the unit of the subject's latest case (the person's unit when none).
  Result<domain::SubjectAftercare> LoadSubject(storage::RowId person_id,
                                               storage::RowId* latest_case_unit);
  Status Audit(const Actor& actor, std::string action, std::string type, int64_t id,
               std::string before, std::string after);

  storage::Store* store_;
  domain::Engine engine_;
  const domain::AftercarePolicy* policy_;
  const domain::WorkCalendar* calendar_;
  AuditSink* audit_;
  std::string stamp_;
};

}  // namespace kangfu::app

#endif  // KANGFU_APP_AFTERCARE_SERVICE_HPP_
