#ifndef KANGFU_STORAGE_AFTERCARE_STORE_HPP_
#define KANGFU_STORAGE_AFTERCARE_STORE_HPP_

// The aftercare part of the storage port (issue 5): execution checklists, visit plans and their
// edits, visits, mentors, talks, half-year reports, escalations, administrator settings. Reached
// through Store::Aftercare(); it shares the Store's connection and transactions, so that writes
// here and Store writes (a Hold, an audit entry) commit or roll back together, and a failure here
// dooms an enclosing Store::InTransaction like any other write.
//
// Errors (beyond those named per method): as Store (kUnavailable, kInternal); kInvalidArgument
// "record.invalid" when the database refuses a value (an unknown code, an empty reason);
// kConflict "record.stale" (field "version") when an update carries a version other than the
// stored one. "Unknown X" below means the referenced row does not exist.

#include <functional>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "storage/aftercare_records.hpp"

namespace kangfu::storage {

class AftercareStore {
 public:
  virtual ~AftercareStore() = default;
  AftercareStore(const AftercareStore&) = delete;
  AftercareStore& operator=(const AftercareStore&) = delete;

  // --- execution of the decision ---
  // Returns the item with id and version 1. kNotFound "case.not_found" (field case_id) for an
  // unknown case; kAlreadyExists "execution.duplicate" (field code) when the case has this item.
  virtual Result<ExecutionItemRow> AddExecutionItem(const ExecutionItemRow& item) = 0;
  // kNotFound "execution.not_found".
  virtual Result<ExecutionItemRow> GetExecutionItem(RowId id) = 0;
  // Updates due, done_on, confirmed_by and note. kNotFound "execution.not_found".
  virtual Result<ExecutionItemRow> UpdateExecutionItem(const ExecutionItemRow& item) = 0;
  // The items of a person's cases, by (due, id); empty for an unknown person.
  virtual Result<std::vector<ExecutionItemRow>> ListExecutionItems(RowId person_id) = 0;

  // --- visit plans ---
  // Returns the plan with id, version 1 and no edits. kNotFound "person.not_found" /
  // "organisation.not_found" (field organ_id); kAlreadyExists "visit_plan.exists" when the person
  // has a plan for this organ.
  virtual Result<VisitPlanRow> AddVisitPlan(const VisitPlanRow& plan) = 0;
  // With its edits. kNotFound "visit_plan.not_found".
  virtual Result<VisitPlanRow> GetVisitPlan(RowId id) = 0;
  // A person's plans by id, each with its edits; empty for an unknown person.
  virtual Result<std::vector<VisitPlanRow>> ListVisitPlans(RowId person_id) = 0;
  // The checklists and visit plans of many new cases in one write (a ledger import): the same rows
  // as AddExecutionItem for each item and AddVisitPlan for each plan, written in bulk (ids not
  // returned); a plan for a (person, organ) that already has one, or given twice, is left out.
  // Returns how many plans were added. All or nothing. Errors as AddExecutionItem / AddVisitPlan:
  // kNotFound "case.not_found" (case_id), "person.not_found" (person_id),
  // "organisation.not_found" (responsible_org / organ_id) for the first unknown one;
  // kAlreadyExists "execution.duplicate" (code).
  virtual Result<int64_t> AddChecklists(std::span<const ExecutionItemRow> items,
                                        std::span<const VisitPlanRow> plans) = 0;
  // Appends an edit to a plan read at `plan_version` and returns the plan with the new version
  // and every edit. kNotFound "visit_plan.not_found"; kConflict "record.stale".
  virtual Result<VisitPlanRow> AddPlanEdit(RowId plan_id, int64_t plan_version,
                                           const PlanEditRow& edit) = 0;

  // --- visits ---
  // Returns the visit with id and version 1. kNotFound "person.not_found" /
  // "organisation.not_found" (field organ_id); "record.invalid" for an unknown code or no visitor.
  virtual Result<VisitRow> AddVisit(const VisitRow& visit) = 0;
  // kNotFound "visit.not_found".
  virtual Result<VisitRow> GetVisit(RowId id) = 0;
  // Updates follow_up, feedback, feedback_on and clue_hold_id. kNotFound "visit.not_found".
  virtual Result<VisitRow> UpdateVisit(const VisitRow& visit) = 0;
  // A person's visits by (date, id).
  virtual Result<std::vector<VisitRow>> ListVisits(RowId person_id) = 0;

  // --- mentoring ---
  // kNotFound "person.not_found" (field person_id or mentor_id), "organisation.not_found" (field
  // assigned_by), "account.not_found" (field mentor_account_id).
  virtual Result<MentorRow> AddMentor(const MentorRow& mentor) = 0;
  virtual Result<MentorRow> GetMentor(RowId id) = 0;  // kNotFound "mentor.not_found"
  // Updates mentor_account_id and end. kNotFound "mentor.not_found".
  virtual Result<MentorRow> UpdateMentor(const MentorRow& mentor) = 0;
  // A subject's assignments by (start, id).
  virtual Result<std::vector<MentorRow>> ListMentorsOfPerson(RowId person_id) = 0;
  // The assignments whose mentor logs in as `account_id`, by id.
  virtual Result<std::vector<MentorRow>> ListMentorsOfAccount(RowId account_id) = 0;
  // kNotFound "mentor.not_found" (field assignment_id).
  virtual Result<TalkRow> AddTalk(const TalkRow& talk) = 0;
  virtual Result<std::vector<TalkRow>> ListTalks(RowId assignment_id) = 0;  // by (date, id)
  // kNotFound "mentor.not_found"; kAlreadyExists "mentor_report.duplicate" (field half) when the
  // half-year has a report.
  virtual Result<MentorReportRow> AddReport(const MentorReportRow& report) = 0;
  virtual Result<std::vector<MentorReportRow>> ListReports(RowId assignment_id) = 0;  // by year

  // --- escalations ---
  // kNotFound "person.not_found", "organisation.not_found" (responsible_org), "mentor.not_found"
  // (assignment_id).
  virtual Result<EscalationRow> AddEscalation(const EscalationRow& escalation) = 0;
  virtual Result<EscalationRow> GetEscalation(RowId id) = 0;  // kNotFound "escalation.not_found"
  // Updates due, resolved_on, outcome and resolution (both set or both unset, else
  // "record.invalid"). kNotFound "escalation.not_found".
  virtual Result<EscalationRow> UpdateEscalation(const EscalationRow& escalation) = 0;
  virtual Result<std::vector<EscalationRow>> ListEscalations(RowId person_id) = 0;  // by id

  // --- many subjects at once ---
  // The rows of ListVisitPlans (with edits), ListVisits, ListExecutionItems, ListMentorsOfPerson,
  // ListTalks / ListReports of those assignments and ListEscalations for every person of
  // `person_ids`, in a few set queries (a bulk replan of 500,000 subjects): each list ordered by
  // person (talks and reports by assignment), and within one person (assignment) in the order of
  // the per-person list. Unknown persons simply have no rows; an empty span gives empty lists.
  virtual Result<AftercareFactRows> FactsOfPersons(std::span<const RowId> person_ids) = 0;

  // --- settings and queries ---
  // nullopt when no administrator stored one.
  virtual Result<std::optional<AftercareSetting>> GetSetting(std::string_view name,
                                                             RowId org_id) = 0;
  // version 0: a new setting (kAlreadyExists "setting.exists" when one is stored); otherwise the
  // version read (kConflict "record.stale"). Returns it with the new version.
  virtual Result<AftercareSetting> PutSetting(const AftercareSetting& setting) = 0;
  // Ids of the persons with a case recorded while in a unit of the subtree of `root_org_id`,
  // ascending. kNotFound "organisation.not_found".
  virtual Result<std::vector<RowId>> ListAftercareSubjects(RowId root_org_id) = 0;

  // --- the stored reminder schedule (issues 5 and 7) ---
  // Replaces the subject's schedule (items and subject row) with `plan`. kNotFound
  // "person.not_found" (field person_id).
  virtual Status ReplaceSchedule(const SchedulePlan& plan) = 0;
  // ReplaceSchedule for many subjects in one write (all or nothing): the same rows, with the
  // indicator counts' changes summed over all of them before they are written, so that a bulk
  // replan (a ledger import, the first start) does not upsert the same counts once per subject.
  // A subject given twice: the later plan wins. Errors as ReplaceSchedule (the first missing
  // person).
  virtual Status ReplaceSchedules(std::span<const SchedulePlan> plans) = 0;
  // ReplaceSchedules for the subjects `person_ids` (in that order), each plan made by `plan_of`
  // only when its turn comes, so that a bulk replan (a ledger import of 500,000 persons) holds
  // one plan at a time: the same rows as ReplaceSchedule per subject, and the indicator counts'
  // changes of all of them summed in memory and each distinct count written once, at the end —
  // not once per subject or per chunk. All or nothing. Errors: the first of plan_of's or
  // ReplaceSchedule's (person.not_found).
  virtual Status ReplaceSchedulesOf(std::span<const RowId> person_ids,
                                    const std::function<Result<SchedulePlan>(RowId)>& plan_of) = 0;
  // The subject's stored schedule (items by kind, ref); nullopt when the subject is not planned.
  virtual Result<std::optional<SchedulePlan>> GetSchedule(RowId person_id) = 0;
  // Up to `limit` persons with a case whose schedule is missing, planned only up to a day before
  // `day`, or planned under another stamp; ascending.
  virtual Result<std::vector<RowId>> ListUnplannedSubjects(Date day, std::string_view stamp,
                                                           int64_t limit) = 0;
  // Whether ListUnplannedSubjects could find anyone, answered from indexes whatever the number
  // of cases (migration 0010): false when no subject is planned only up to a day before `day` or
  // under another stamp, and every case recorded after the checkpoint (the last case of the last
  // check that found everyone planned) has its person planned; the checkpoint then moves to the
  // last case. True otherwise. A case committed after a later one (concurrent writers) may be
  // passed over here: the daily run (ListUnplannedSubjects itself) still finds its person.
  virtual Result<bool> ScheduleMayBeStale(Date day, std::string_view stamp) = 0;
  // The items listed on `day` (schedule and open 谈话函询 replies, kind "clue_reply" under the
  // registering organisation) counted per kind and responsible; by kind, organisation, mentor.
  virtual Result<std::vector<ListedCount>> CountListed(Date day) = 0;
  // The workbench over the stored schedule (the items of the subjects that have a case and count
  // under a unit of the subtree of `root_org_id`, listed on query.day): the first query.limit
  // matching items, ordered as domain::ComputeReminders orders them — due date, subject id, kind
  // (in ReminderKind order), ref (bytewise). kNotFound "organisation.not_found".
  virtual Result<std::vector<ListedItemRow>> ListListedIn(RowId root_org_id,
                                                          const ListedQuery& query) = 0;
  // The same items counted per kind (listed, overdue; responsible_org and mentor_id 0), by kind;
  // query.kinds and query.limit are ignored. kNotFound "organisation.not_found".
  virtual Result<std::vector<ListedCount>> CountListedIn(RowId root_org_id,
                                                         const ListedQuery& query) = 0;
  // Every item of one subject listed on `day`, in the order of ListListedIn; empty for an
  // unknown or unplanned person.
  virtual Result<std::vector<ListedItemRow>> ListListedOf(RowId person_id, Date day) = 0;
  // The planned subjects, and those whose schedule is incomplete (person_id, reason, field,
  // message in the plan; no items), by person.
  virtual Result<int64_t> CountPlannedSubjects() = 0;
  virtual Result<std::vector<SchedulePlan>> ListScheduleProblems() = 0;
  // Open 谈话函询 registered by an organisation of the subtree of `root_org_id`, by reply_due
  // then id. kNotFound "organisation.not_found".
  virtual Result<std::vector<OpenInquiryRow>> ListOpenInquiries(RowId root_org_id) = 0;

 protected:
  AftercareStore() = default;
};

}  // namespace kangfu::storage

#endif  // KANGFU_STORAGE_AFTERCARE_STORE_HPP_
