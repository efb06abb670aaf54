#ifndef KANGFU_STORAGE_AFTERCARE_RECORDS_HPP_
#define KANGFU_STORAGE_AFTERCARE_RECORDS_HPP_

// Rows of the aftercare tables (issue 5, migration 0004). Plain values like records.hpp: codes
// are the stable lower-case codes of the aftercare domain ("good", "new_violation_sign",
// "reschedule" …); the database refuses an unknown code (kInvalidArgument "record.invalid").
// Editable rows carry `version` (optimistic locking, as records.hpp describes).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/records.hpp"

namespace kangfu::storage {

// One item of 处分决定执行 for one case.
struct ExecutionItemRow {
  RowId id = 0;
  RowId case_id = 0;
  RowId person_id = 0;
  std::string code{};  // the policy item's code ("announce")
  std::string title{};
  std::string basis{};
  Date due{};
  RowId responsible_org = 0;
  std::optional<Date> done_on{};  // set when confirmed
  std::string confirmed_by{};     // username of the confirming account
  std::string note{};
  int64_t version = 0;

  friend bool operator==(const ExecutionItemRow&, const ExecutionItemRow&) = default;
};

// A recorded change to a visit plan (domain::PlanEdit), in the order made.
struct PlanEditRow {
  RowId id = 0;
  RowId plan_id = 0;
  std::string kind{};  // "add" | "remove" | "reschedule"
  std::string visit_key{};
  std::string title{};
  std::optional<Date> from{};
  std::optional<Date> due{};
  RowId responsible_org = 0;  // 0: unchanged / none
  std::string reason{};       // required
  std::string edited_by{};
  Date edited_on{};

  friend bool operator==(const PlanEditRow&, const PlanEditRow&) = default;
};

// The visit plan of one subject for one deciding organ (谁处理、谁负责). Its visits are derived
// from the measures and the policy; `edits` (ordered by id) are replayed on them.
struct VisitPlanRow {
  RowId id = 0;
  RowId person_id = 0;
  RowId organ_id = 0;
  Date created_on{};
  // Set when a ledger import created the plan (its day): work of this organ due before it is not
  // tracked (domain::ImportedPlan).
  std::optional<Date> imported_on{};
  int64_t version = 0;  // grows with every edit
  std::vector<PlanEditRow> edits{};

  friend bool operator==(const VisitPlanRow&, const VisitPlanRow&) = default;
};

struct VisitRow {
  RowId id = 0;
  RowId person_id = 0;
  RowId organ_id = 0;      // the organ that visited (normally the deciding organ)
  std::string plan_key{};  // the planned visit it fulfils ("" = matched by date)
  Date date{};
  std::vector<RowId> visitors{};           // person ids, two or more
  std::vector<std::string> talked_with{};  // "subject" | "unit_head" | "other"
  std::string others_talked{};             // who the "other" people were
  std::vector<std::string> checked{};  // "execution" | "attitude" | "work" | "thinking" | "life"
  std::string findings{};
  std::string grade{};  // "good" | "fair" | "poor"
  std::string follow_up{};
  std::string feedback{};  // feedback to the subject's party organisation (goes to the cadre file)
  std::optional<Date> feedback_on{};
  RowId clue_hold_id = 0;  // the clue (Hold) this visit opened, 0 for none
  std::string recorded_by{};
  int64_t version = 0;

  friend bool operator==(const VisitRow&, const VisitRow&) = default;
};

struct MentorRow {
  RowId id = 0;
  RowId person_id = 0;          // the subject
  RowId mentor_id = 0;          // the mentor (a person)
  RowId mentor_account_id = 0;  // the mentor's login, 0 when the mentor has none
  RowId assigned_by = 0;        // the organisation whose committee assigned the mentor
  Date start{};
  std::optional<Date> end{};
  int64_t version = 0;

  friend bool operator==(const MentorRow&, const MentorRow&) = default;
};

struct TalkRow {
  RowId id = 0;
  RowId assignment_id = 0;
  Date date{};
  std::string summary{};
  std::string recorded_by{};

  friend bool operator==(const TalkRow&, const TalkRow&) = default;
};

struct MentorReportRow {
  RowId id = 0;
  RowId assignment_id = 0;
  int year = 0;
  int half = 1;  // 1 = January–June, 2 = July–December
  Date submitted{};
  std::string summary{};
  std::string recorded_by{};

  friend bool operator==(const MentorReportRow&, const MentorReportRow&) = default;
};

struct EscalationRow {
  RowId id = 0;
  RowId person_id = 0;
  RowId assignment_id = 0;  // the mentoring it came from, 0 for none
  std::string kind{};       // "negative_thinking" | "poor_performance" | "new_violation_sign"
  Date opened_on{};
  std::string description{};
  RowId responsible_org = 0;  // the unit party committee
  Date due{};                 // last day (working-day deadline, computed by the app)
  std::optional<Date> resolved_on{};
  std::string outcome{};  // "" while open; "handled" | "referred"
  std::string resolution{};
  int64_t version = 0;

  friend bool operator==(const EscalationRow&, const EscalationRow&) = default;
};

// The aftercare rows of many subjects (AftercareStore::FactsOfPersons).
struct AftercareFactRows {
  std::vector<VisitPlanRow> plans{};         // by (person_id, id), each with its edits
  std::vector<VisitRow> visits{};            // by (person_id, date, id)
  std::vector<ExecutionItemRow> items{};     // by (person_id, due, id)
  std::vector<MentorRow> mentors{};          // by (person_id, start, id)
  std::vector<TalkRow> talks{};              // by (assignment_id, date, id)
  std::vector<MentorReportRow> reports{};    // by (assignment_id, year, half)
  std::vector<EscalationRow> escalations{};  // by (person_id, id)
};

// An administrator's copy of a data file: name "policy" (aftercare policy) or "calendar" (holiday
// calendar), for the whole system (org_id 0) or one organisation's subtree.
struct AftercareSetting {
  std::string name{};
  RowId org_id = 0;
  std::string body{};
  int64_t version = 0;  // 0 when writing a new setting

  friend bool operator==(const AftercareSetting&, const AftercareSetting&) = default;
};

// --- the stored reminder schedule (migration 0008) ---

// One planned reminder of a subject (domain::ScheduledReminder as stored): kind is the
// ReminderKind code; responsible_org for organisation kinds, mentor_id (a person) for mentoring.
struct ScheduleItemRow {
  std::string kind{};
  std::string ref{};
  std::string title{};
  RowId responsible_org = 0;
  RowId mentor_id = 0;
  Date listed_from{};
  std::optional<Date> listed_until{};
  Date due{};
  bool may_be_overdue = true;
  std::optional<Date> done_on{};

  friend bool operator==(const ScheduleItemRow&, const ScheduleItemRow&) = default;
};

// A subject's whole schedule: the items, the unit path they are counted under (the unit of the
// subject's latest case), how far it is planned, under which policy/calendar stamp, and the
// problem that left it incomplete (empty reason: none).
struct SchedulePlan {
  RowId person_id = 0;
  std::string unit_path{};
  Date planned_until{};
  std::string stamp{};
  std::string problem_reason{};
  std::string problem_field{};
  std::string problem_message{};
  std::vector<ScheduleItemRow> items{};

  friend bool operator==(const SchedulePlan&, const SchedulePlan&) = default;
};

// Items listed on a day per kind and responsible (organisation or mentor): `listed` in all,
// `overdue` of them past their due date.
struct ListedCount {
  std::string kind{};
  RowId responsible_org = 0;
  RowId mentor_id = 0;
  int64_t listed = 0;
  int64_t overdue = 0;

  friend bool operator==(const ListedCount&, const ListedCount&) = default;
};

// An item of the stored schedule listed on a day, with what the workbench shows of its subject:
// the name, the unit path the subject counts under and whether the subject has a case.
struct ListedItemRow {
  RowId person_id = 0;
  std::string person_name{};
  std::string kind{};
  std::string ref{};
  std::string title{};
  RowId responsible_org = 0;
  RowId mentor_id = 0;
  Date due{};
  bool may_be_overdue = true;
  std::string unit_path{};
  bool has_case = false;

  friend bool operator==(const ListedItemRow&, const ListedItemRow&) = default;
};

// Which listed items of a subtree to read: those listed on `day`, of the kinds `kinds` (codes;
// empty: every kind), only the overdue ones when `overdue_only`, at most `limit`. `large`: the
// caller expects many matching items (more than 100 pages): the page is then read in due order
// and not sorted — a choice of plan, the result is the same.
struct ListedQuery {
  Date day{};
  std::vector<std::string> kinds{};
  bool overdue_only = false;
  int64_t limit = 200;
  bool large = false;
};

// An open 谈话函询 (clue handled by inquiry, reply not in, not concluded) for the clue_reply
// reminder.
struct OpenInquiryRow {
  RowId clue_id = 0;
  RowId person_id = 0;
  RowId organ_id = 0;
  Date handling_date{};
  Date reply_due{};

  friend bool operator==(const OpenInquiryRow&, const OpenInquiryRow&) = default;
};

}  // namespace kangfu::storage

#endif  // KANGFU_STORAGE_AFTERCARE_RECORDS_HPP_
