// The aftercare tables (migration 0004) over SqlConnection; see storage/aftercare_store.hpp.
// Kept apart from sql_store.cpp: it shares only the connection and the owner's transactions.

#include <array>
#include <functional>
#include <initializer_list>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "storage/schedule_rollup.hpp"
#include "storage/sql_area.hpp"
#include "storage/sql_row_reader.hpp"
#include "storage/sql_store.hpp"

namespace kangfu::storage {
namespace {

#define KANGFU_EXEC_COLS                                                                           \
  "id, case_id, person_id, code, title, basis, due_date, responsible_org, done_on, confirmed_by, " \
  "note, version"
#define KANGFU_PLAN_COLS "id, person_id, organ_id, created_on, imported_on, version"
#define KANGFU_EDIT_COLS                                                                           \
  "id, plan_id, kind, visit_key, title, from_date, due_date, responsible_org, reason, edited_by, " \
  "edited_on"
#define KANGFU_VISIT_COLS                                                                          \
  "id, person_id, organ_id, plan_key, visit_date, visitors, talked_with, others_talked, checked, " \
  "findings, grade, follow_up, feedback, feedback_on, clue_hold_id, recorded_by, version"
#define KANGFU_MENTOR_COLS \
  "id, person_id, mentor_id, mentor_account_id, assigned_by, start_date, end_date, version"
#define KANGFU_TALK_COLS "id, assignment_id, talk_date, summary, recorded_by"
#define KANGFU_REPORT_COLS "id, assignment_id, year, half, submitted_on, summary, recorded_by"
#define KANGFU_ESC_COLS                                                                     \
  "id, person_id, assignment_id, kind, opened_on, description, responsible_org, due_date, " \
  "resolved_on, outcome, resolution, version"

constexpr SqlStatement kPersonExists = {"ac_person_exists", "SELECT 1 FROM persons WHERE id = $1"};
constexpr SqlStatement kOrgExists = {"ac_org_exists", "SELECT 1 FROM organisations WHERE id = $1"};
constexpr SqlStatement kCaseExists = {"ac_case_exists", "SELECT 1 FROM cases WHERE id = $1"};
constexpr SqlStatement kAccountExists = {"ac_account_exists",
                                         "SELECT 1 FROM accounts WHERE id = $1"};
constexpr SqlStatement kOrgPathOf = {"ac_org_path", "SELECT path FROM organisations WHERE id = $1"};

constexpr SqlStatement kExecInsert = {
    "ac_exec_insert",
    "INSERT INTO aftercare_execution_items (case_id, person_id, code, title, basis, due_date, "
    "responsible_org, done_on, confirmed_by, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
    "$10) RETURNING id"};
constexpr SqlStatement kExecGet = {
    "ac_exec_get", "SELECT " KANGFU_EXEC_COLS " FROM aftercare_execution_items WHERE id = $1"};
constexpr SqlStatement kExecUpdate = {
    "ac_exec_update",
    "UPDATE aftercare_execution_items SET due_date = $3, done_on = $4, confirmed_by = $5, "
    "note = $6, version = version + 1 WHERE id = $1 AND version = $2 RETURNING version"};
constexpr SqlStatement kExecOfPerson = {"ac_exec_person",
                                        "SELECT " KANGFU_EXEC_COLS
                                        " FROM aftercare_execution_items WHERE person_id = $1 "
                                        "ORDER BY due_date, id"};

// AddChecklists: which of a JSON array of ids exist, and the plans already held by the persons.
constexpr SqlStatement kCasesExisting = {
    "ac_cases_existing", "SELECT id FROM cases WHERE id IN (SELECT value FROM json_each($1))",
    "SELECT id FROM cases WHERE id = ANY (ARRAY(SELECT "
    "json_array_elements_text($1::json)::bigint))"};
constexpr SqlStatement kPersonsExisting = {
    "ac_persons_existing", "SELECT id FROM persons WHERE id IN (SELECT value FROM json_each($1))",
    "SELECT id FROM persons WHERE id = ANY (ARRAY(SELECT "
    "json_array_elements_text($1::json)::bigint))"};
constexpr SqlStatement kOrgsExisting = {
    "ac_orgs_existing",
    "SELECT id FROM organisations WHERE id IN (SELECT value FROM json_each($1))",
    "SELECT id FROM organisations WHERE id = ANY (ARRAY(SELECT "
    "json_array_elements_text($1::json)::bigint))"};
constexpr SqlStatement kPlansOfPersons = {
    "ac_plans_persons",
    "SELECT person_id, organ_id FROM aftercare_visit_plans WHERE person_id IN (SELECT value FROM "
    "json_each($1))",
    "SELECT person_id, organ_id FROM aftercare_visit_plans WHERE person_id = ANY (ARRAY(SELECT "
    "json_array_elements_text($1::json)::bigint))"};
constexpr std::array<std::string_view, 10> kExecColumns = {
    "case_id",  "person_id",       "code",    "title",        "basis",
    "due_date", "responsible_org", "done_on", "confirmed_by", "note"};
constexpr std::array<std::string_view, 4> kPlanColumns = {"person_id", "organ_id", "created_on",
                                                          "imported_on"};

constexpr SqlStatement kPlanInsert = {
    "ac_plan_insert",
    "INSERT INTO aftercare_visit_plans (person_id, organ_id, created_on, imported_on) "
    "VALUES ($1, $2, $3, $4) "
    "RETURNING id"};
constexpr SqlStatement kPlanGet = {
    "ac_plan_get", "SELECT " KANGFU_PLAN_COLS " FROM aftercare_visit_plans WHERE id = $1"};
constexpr SqlStatement kPlansOfPerson = {
    "ac_plans_person",
    "SELECT " KANGFU_PLAN_COLS " FROM aftercare_visit_plans WHERE person_id = $1 ORDER BY id"};
constexpr SqlStatement kPlanBump = {
    "ac_plan_bump",
    "UPDATE aftercare_visit_plans SET version = version + 1 WHERE id = $1 AND version = $2 "
    "RETURNING version"};
constexpr SqlStatement kEditInsert = {
    "ac_edit_insert",
    "INSERT INTO aftercare_plan_edits (plan_id, kind, visit_key, title, from_date, due_date, "
    "responsible_org, reason, edited_by, edited_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
    "$10) RETURNING id"};
constexpr SqlStatement kEditsOfPlan = {"ac_edits_plan",
                                       "SELECT " KANGFU_EDIT_COLS
                                       " FROM aftercare_plan_edits WHERE plan_id = $1 ORDER BY id"};

constexpr SqlStatement kVisitInsert = {
    "ac_visit_insert",
    "INSERT INTO aftercare_visits (person_id, organ_id, plan_key, visit_date, visitors, "
    "talked_with, others_talked, checked, findings, grade, follow_up, feedback, feedback_on, "
    "clue_hold_id, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
    "$14, $15) RETURNING id"};
constexpr SqlStatement kVisitGet = {
    "ac_visit_get", "SELECT " KANGFU_VISIT_COLS " FROM aftercare_visits WHERE id = $1"};
constexpr SqlStatement kVisitUpdate = {
    "ac_visit_update",
    "UPDATE aftercare_visits SET follow_up = $3, feedback = $4, feedback_on = $5, "
    "clue_hold_id = $6, version = version + 1 WHERE id = $1 AND version = $2 RETURNING version"};
constexpr SqlStatement kVisitsOfPerson = {"ac_visits_person",
                                          "SELECT " KANGFU_VISIT_COLS
                                          " FROM aftercare_visits WHERE person_id = $1 "
                                          "ORDER BY visit_date, id"};

constexpr SqlStatement kMentorInsert = {
    "ac_mentor_insert",
    "INSERT INTO aftercare_mentors (person_id, mentor_id, mentor_account_id, assigned_by, "
    "start_date, end_date) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"};
constexpr SqlStatement kMentorGet = {
    "ac_mentor_get", "SELECT " KANGFU_MENTOR_COLS " FROM aftercare_mentors WHERE id = $1"};
constexpr SqlStatement kMentorUpdate = {
    "ac_mentor_update",
    "UPDATE aftercare_mentors SET mentor_account_id = $3, end_date = $4, version = version + 1 "
    "WHERE id = $1 AND version = $2 RETURNING version"};
constexpr SqlStatement kMentorsOfPerson = {"ac_mentors_person",
                                           "SELECT " KANGFU_MENTOR_COLS
                                           " FROM aftercare_mentors WHERE person_id = $1 "
                                           "ORDER BY start_date, id"};
constexpr SqlStatement kMentorsOfAccount = {
    "ac_mentors_account", "SELECT " KANGFU_MENTOR_COLS
                          " FROM aftercare_mentors WHERE mentor_account_id = $1 ORDER BY id"};
constexpr SqlStatement kTalkInsert = {
    "ac_talk_insert",
    "INSERT INTO aftercare_talks (assignment_id, talk_date, summary, recorded_by) "
    "VALUES ($1, $2, $3, $4) RETURNING id"};
constexpr SqlStatement kTalksOf = {"ac_talks_of", "SELECT " KANGFU_TALK_COLS
                                                  " FROM aftercare_talks WHERE assignment_id = $1 "
                                                  "ORDER BY talk_date, id"};
constexpr SqlStatement kReportInsert = {
    "ac_report_insert",
    "INSERT INTO aftercare_reports (assignment_id, year, half, submitted_on, summary, "
    "recorded_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"};
constexpr SqlStatement kReportsOf = {"ac_reports_of",
                                     "SELECT " KANGFU_REPORT_COLS
                                     " FROM aftercare_reports WHERE assignment_id = $1 "
                                     "ORDER BY year, half"};

constexpr SqlStatement kEscInsert = {
    "ac_esc_insert",
    "INSERT INTO aftercare_escalations (person_id, assignment_id, kind, opened_on, description, "
    "responsible_org, due_date, resolved_on, outcome, resolution) VALUES ($1, $2, $3, $4, $5, $6, "
    "$7, $8, $9, $10) RETURNING id"};
constexpr SqlStatement kEscGet = {
    "ac_esc_get", "SELECT " KANGFU_ESC_COLS " FROM aftercare_escalations WHERE id = $1"};
constexpr SqlStatement kEscUpdate = {
    "ac_esc_update",
    "UPDATE aftercare_escalations SET due_date = $3, resolved_on = $4, outcome = $5, "
    "resolution = $6, version = version + 1 WHERE id = $1 AND version = $2 RETURNING version"};
constexpr SqlStatement kEscOfPerson = {
    "ac_esc_person",
    "SELECT " KANGFU_ESC_COLS " FROM aftercare_escalations WHERE person_id = $1 ORDER BY id"};

// FactsOfPersons: the per-person lists above for a JSON array of person ids ($1), ordered by
// person (talks and reports by assignment) and within it as the per-person list.
#define KANGFU_OF_IDS(select, column, tail)                    \
  select column " IN (SELECT value FROM json_each($1)) " tail, \
      select column " = ANY (ARRAY(SELECT json_array_elements_text($1::json)::bigint)) " tail
constexpr SqlStatement kExecOfPersons = {
    "ac_exec_persons",
    KANGFU_OF_IDS("SELECT " KANGFU_EXEC_COLS " FROM aftercare_execution_items WHERE ", "person_id",
                  "ORDER BY person_id, due_date, id")};
constexpr SqlStatement kPlansOfPersonsFull = {
    "ac_plans_persons_full",
    KANGFU_OF_IDS("SELECT " KANGFU_PLAN_COLS " FROM aftercare_visit_plans WHERE ", "person_id",
                  "ORDER BY person_id, id")};
constexpr SqlStatement kEditsOfPersons = {
    "ac_edits_persons",
    "SELECT " KANGFU_EDIT_COLS
    " FROM aftercare_plan_edits WHERE plan_id IN (SELECT id FROM aftercare_visit_plans WHERE "
    "person_id IN (SELECT value FROM json_each($1))) ORDER BY plan_id, id",
    "SELECT " KANGFU_EDIT_COLS
    " FROM aftercare_plan_edits WHERE plan_id IN (SELECT id FROM aftercare_visit_plans WHERE "
    "person_id = ANY (ARRAY(SELECT json_array_elements_text($1::json)::bigint))) ORDER BY "
    "plan_id, id"};
constexpr SqlStatement kVisitsOfPersons = {
    "ac_visits_persons", KANGFU_OF_IDS("SELECT " KANGFU_VISIT_COLS " FROM aftercare_visits WHERE ",
                                       "person_id", "ORDER BY person_id, visit_date, id")};
constexpr SqlStatement kMentorsOfPersons = {
    "ac_mentors_persons",
    KANGFU_OF_IDS("SELECT " KANGFU_MENTOR_COLS " FROM aftercare_mentors WHERE ", "person_id",
                  "ORDER BY person_id, start_date, id")};
constexpr SqlStatement kTalksOfPersons = {
    "ac_talks_persons",
    "SELECT " KANGFU_TALK_COLS
    " FROM aftercare_talks WHERE assignment_id IN (SELECT id FROM aftercare_mentors WHERE "
    "person_id IN (SELECT value FROM json_each($1))) ORDER BY assignment_id, talk_date, id",
    "SELECT " KANGFU_TALK_COLS
    " FROM aftercare_talks WHERE assignment_id IN (SELECT id FROM aftercare_mentors WHERE "
    "person_id = ANY (ARRAY(SELECT json_array_elements_text($1::json)::bigint))) ORDER BY "
    "assignment_id, talk_date, id"};
constexpr SqlStatement kReportsOfPersons = {
    "ac_reports_persons",
    "SELECT " KANGFU_REPORT_COLS
    " FROM aftercare_reports WHERE assignment_id IN (SELECT id FROM aftercare_mentors WHERE "
    "person_id IN (SELECT value FROM json_each($1))) ORDER BY assignment_id, year, half",
    "SELECT " KANGFU_REPORT_COLS
    " FROM aftercare_reports WHERE assignment_id IN (SELECT id FROM aftercare_mentors WHERE "
    "person_id = ANY (ARRAY(SELECT json_array_elements_text($1::json)::bigint))) ORDER BY "
    "assignment_id, year, half"};
constexpr SqlStatement kEscOfPersons = {
    "ac_esc_persons", KANGFU_OF_IDS("SELECT " KANGFU_ESC_COLS " FROM aftercare_escalations WHERE ",
                                    "person_id", "ORDER BY person_id, id")};
#undef KANGFU_OF_IDS

constexpr SqlStatement kSettingGet = {
    "ac_setting_get",
    "SELECT name, org_id, body, version FROM aftercare_settings WHERE name = $1 AND org_id = $2"};
constexpr SqlStatement kSettingInsert = {
    "ac_setting_insert",
    "INSERT INTO aftercare_settings (name, org_id, body) VALUES ($1, $2, $3) RETURNING version"};
constexpr SqlStatement kSettingUpdate = {
    "ac_setting_update",
    "UPDATE aftercare_settings SET body = $3, version = version + 1 WHERE name = $1 AND "
    "org_id = $2 AND version = $4 RETURNING version"};

constexpr SqlStatement kSubjects = {
    "ac_subjects",
    "SELECT DISTINCT c.person_id FROM cases c JOIN organisations o ON o.id = c.unit_id "
    "WHERE o.path >= $1 AND o.path < $2 ORDER BY c.person_id"};

// --- the stored reminder schedule (0008) ---
constexpr SqlStatement kScheduleDelete = {"ac_sched_delete",
                                          "DELETE FROM aftercare_schedule WHERE person_id = $1"};
// The columns of the rows ReplaceSchedules inserts in bulk (SqlConnection::BulkInsert).
constexpr std::array<std::string_view, 12> kScheduleColumns = {
    "person_id", "kind",        "ref",          "title",    "responsible_org", "mentor_id",
    "unit_path", "listed_from", "listed_until", "due_date", "may_be_overdue",  "done_on"};
constexpr SqlStatement kScheduleSubjectDelete = {
    "ac_sched_subject_delete", "DELETE FROM aftercare_schedule_subjects WHERE person_id = $1"};
constexpr std::array<std::string_view, 6> kSubjectColumns = {
    "person_id", "planned_until", "stamp", "problem_reason", "problem_field", "problem_message"};
constexpr SqlStatement kScheduleSubjectGet = {
    "ac_sched_subject_get",
    "SELECT person_id, planned_until, stamp, problem_reason, problem_field, problem_message "
    "FROM aftercare_schedule_subjects WHERE person_id = $1"};
constexpr SqlStatement kScheduleItems = {
    "ac_sched_items",
    "SELECT kind, ref, title, COALESCE(responsible_org, 0), COALESCE(mentor_id, 0), listed_from, "
    "listed_until, due_date, may_be_overdue, done_on, unit_path FROM aftercare_schedule WHERE "
    "person_id = $1 ORDER BY kind, ref, due_date"};
// ReplaceSchedulesOf, a chunk of subjects at a time: $1 a JSON array of person ids.
constexpr SqlStatement kScheduleItemsOf = {
    "ac_sched_items_of",
    "SELECT kind, ref, title, COALESCE(responsible_org, 0), COALESCE(mentor_id, 0), listed_from, "
    "listed_until, due_date, may_be_overdue, done_on, unit_path, person_id FROM aftercare_schedule "
    "WHERE person_id IN (SELECT value FROM json_each($1))",
    "SELECT kind, ref, title, COALESCE(responsible_org, 0), COALESCE(mentor_id, 0), listed_from, "
    "listed_until, due_date, may_be_overdue, done_on, unit_path, person_id FROM aftercare_schedule "
    "WHERE person_id = ANY (ARRAY(SELECT json_array_elements_text($1::json)::bigint))"};
constexpr SqlStatement kScheduleDeleteOf = {
    "ac_sched_delete_of",
    "DELETE FROM aftercare_schedule WHERE person_id IN (SELECT value FROM json_each($1))",
    "DELETE FROM aftercare_schedule WHERE person_id = ANY (ARRAY(SELECT "
    "json_array_elements_text($1::json)::bigint))"};
constexpr SqlStatement kScheduleSubjectDeleteOf = {
    "ac_sched_subject_delete_of",
    "DELETE FROM aftercare_schedule_subjects WHERE person_id IN (SELECT value FROM json_each($1))",
    "DELETE FROM aftercare_schedule_subjects WHERE person_id = ANY (ARRAY(SELECT "
    "json_array_elements_text($1::json)::bigint))"};
// The indexes ReplaceSchedulesOf builds again after a bulk replan on SQLite: exactly those of
// migration 0008 (keep them equal).
constexpr const char* kScheduleIndexesDrop =
    "DROP INDEX aftercare_schedule_unit; DROP INDEX aftercare_schedule_open; "
    "DROP INDEX aftercare_schedule_listed; DROP INDEX aftercare_schedule_due;";
// As migrations 0008 and 0012 create them (keep in step with any later migration).
constexpr const char* kScheduleIndexesCreate =
    "CREATE INDEX aftercare_schedule_unit ON aftercare_schedule(unit_path, kind, due_date); "
    "CREATE INDEX aftercare_schedule_open ON aftercare_schedule(listed_from) WHERE done_on IS "
    "NULL; "
    "CREATE INDEX aftercare_schedule_listed ON aftercare_schedule(unit_path, listed_from, "
    "listed_until, kind, due_date, may_be_overdue, person_id, responsible_org, mentor_id, done_on) "
    "WHERE done_on IS NULL; "
    "CREATE INDEX aftercare_schedule_due ON aftercare_schedule(due_date) WHERE done_on IS NULL;";
// The indicator counts of the schedule (0010): $1 a JSON array of distinct keys with their
// deltas (schedule_rollup.hpp). "WHERE true" tells SQLite's parser that ON CONFLICT is the upsert.
constexpr SqlStatement kCoverageUpsert = {
    "ac_coverage_upsert",
    "INSERT INTO aftercare_coverage_rollup (unit_path, grain, a, b, due, bad) SELECT "
    "json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), "
    "json_extract(value, '$[3]'), json_extract(value, '$[4]'), json_extract(value, '$[5]') FROM "
    "json_each($1) WHERE true ON CONFLICT (unit_path, grain, a, b) DO UPDATE SET due = "
    "aftercare_coverage_rollup.due + excluded.due, bad = aftercare_coverage_rollup.bad + "
    "excluded.bad",
    "INSERT INTO aftercare_coverage_rollup (unit_path, grain, a, b, due, bad) SELECT e->>0, "
    "(e->>1)::smallint, (e->>2)::integer, (e->>3)::integer, (e->>4)::bigint, (e->>5)::bigint "
    "FROM json_array_elements($1::json) AS e ON CONFLICT (unit_path, grain, a, b) DO UPDATE SET "
    "due = aftercare_coverage_rollup.due + excluded.due, bad = aftercare_coverage_rollup.bad + "
    "excluded.bad"};
constexpr SqlStatement kOverdueUpsert = {
    "ac_overdue_upsert",
    "INSERT INTO aftercare_overdue_rollup (unit_path, level, bucket, visit, first_talk, talk, "
    "report) SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), "
    "json_extract(value, '$[2]'), json_extract(value, '$[3]'), json_extract(value, '$[4]'), "
    "json_extract(value, '$[5]'), json_extract(value, '$[6]') FROM json_each($1) WHERE true "
    "ON CONFLICT (unit_path, level, bucket) DO UPDATE SET visit = aftercare_overdue_rollup.visit "
    "+ excluded.visit, first_talk = aftercare_overdue_rollup.first_talk + excluded.first_talk, "
    "talk = aftercare_overdue_rollup.talk + excluded.talk, report = "
    "aftercare_overdue_rollup.report + excluded.report",
    "INSERT INTO aftercare_overdue_rollup (unit_path, level, bucket, visit, first_talk, talk, "
    "report) SELECT e->>0, (e->>1)::smallint, (e->>2)::integer, (e->>3)::bigint, "
    "(e->>4)::bigint, (e->>5)::bigint, (e->>6)::bigint FROM json_array_elements($1::json) AS e "
    "ON CONFLICT (unit_path, level, bucket) DO UPDATE SET visit = aftercare_overdue_rollup.visit "
    "+ excluded.visit, first_talk = aftercare_overdue_rollup.first_talk + excluded.first_talk, "
    "talk = aftercare_overdue_rollup.talk + excluded.talk, report = "
    "aftercare_overdue_rollup.report + excluded.report"};
constexpr SqlStatement kUnplanned = {
    "ac_sched_unplanned",
    "SELECT DISTINCT c.person_id FROM cases c LEFT JOIN aftercare_schedule_subjects s ON "
    "s.person_id = c.person_id WHERE s.person_id IS NULL OR s.planned_until < $1 OR s.stamp <> $2 "
    "ORDER BY c.person_id LIMIT $3"};
// ScheduleMayBeStale (0010): each one index probe.
constexpr SqlStatement kStaleHorizon = {
    "ac_sched_stale_horizon",
    "SELECT 1 FROM aftercare_schedule_subjects WHERE planned_until < $1 LIMIT 1"};
constexpr SqlStatement kStaleStamp = {
    "ac_sched_stale_stamp",
    "SELECT 1 FROM aftercare_schedule_subjects WHERE stamp < $1 OR stamp > $1 LIMIT 1"};
constexpr SqlStatement kCheckpoint = {"ac_sched_checkpoint",
                                      "SELECT case_id FROM aftercare_schedule_checkpoint"};
constexpr SqlStatement kNewUnplanned = {
    "ac_sched_new_unplanned",
    "SELECT 1 FROM cases c WHERE c.id > $1 AND NOT EXISTS (SELECT 1 FROM "
    "aftercare_schedule_subjects s WHERE s.person_id = c.person_id) LIMIT 1"};
constexpr SqlStatement kLastCase = {"ac_sched_last_case", "SELECT COALESCE(max(id), 0) FROM cases"};
constexpr SqlStatement kSetCheckpoint = {"ac_sched_set_checkpoint",
                                         "UPDATE aftercare_schedule_checkpoint SET case_id = $1"};
// Listed on $1: the schedule, and the open 谈话函询 (clue_reply) from the clues themselves.
// SQLite reads the open items from the covering index of migration 0012 (the table of a
// province is several GB; its own choice, the listed_from index, reads every row).
constexpr SqlStatement kCountListed = {
    "ac_sched_count_listed",
    "SELECT kind, COALESCE(responsible_org, 0), COALESCE(mentor_id, 0), count(*), "
    "sum(CASE WHEN may_be_overdue = 1 AND due_date < $1 THEN 1 ELSE 0 END) FROM "
    "aftercare_schedule INDEXED BY aftercare_schedule_listed WHERE done_on IS NULL AND listed_from "
    "<= $1 AND (listed_until IS NULL OR "
    "listed_until >= $1) GROUP BY kind, COALESCE(responsible_org, 0), COALESCE(mentor_id, 0) "
    "UNION ALL SELECT 'clue_reply', organ_id, 0, count(*), sum(CASE WHEN reply_due < $1 THEN 1 "
    "ELSE 0 END) FROM clues WHERE handling = 'inquiry' AND reply_due IS NOT NULL AND replied_on "
    "IS NULL AND state <> 'concluded' AND handling_date <= $1 GROUP BY organ_id ORDER BY 1, 2, 3",
    "SELECT kind, COALESCE(responsible_org, 0), COALESCE(mentor_id, 0), count(*), "
    "sum(CASE WHEN may_be_overdue = 1 AND due_date < $1 THEN 1 ELSE 0 END) FROM "
    "aftercare_schedule WHERE done_on IS NULL AND listed_from <= $1 AND (listed_until IS NULL OR "
    "listed_until >= $1) GROUP BY kind, COALESCE(responsible_org, 0), COALESCE(mentor_id, 0) "
    "UNION ALL SELECT 'clue_reply', organ_id, 0, count(*), sum(CASE WHEN reply_due < $1 THEN 1 "
    "ELSE 0 END) FROM clues WHERE handling = 'inquiry' AND reply_due IS NOT NULL AND replied_on "
    "IS NULL AND state <> 'concluded' AND handling_date <= $1 GROUP BY organ_id ORDER BY 1, 2, 3"};
// The columns of a listed item (ReadListedItems) up to its unit path; the last column follows.
#define KANGFU_LISTED_COLS                                                               \
  "SELECT s.person_id, p.name, s.kind, s.ref, s.title, COALESCE(s.responsible_org, 0), " \
  "COALESCE(s.mentor_id, 0), s.due_date, s.may_be_overdue, s.unit_path, "
// Kinds in domain::ReminderKind order.
#define KANGFU_KIND_ORDER                                                                      \
  "CASE s.kind WHEN 'visit' THEN 0 WHEN 'mentor_first_talk' THEN 1 WHEN 'mentor_talk' THEN 2 " \
  "WHEN 'mentor_report' THEN 3 WHEN 'escalation' THEN 4 WHEN 'execution' THEN 5 WHEN "         \
  "'influence_ending' THEN 6 WHEN 'probation_outcome' THEN 7 ELSE 8 END"
// The workbench's filter and order over the subtree; `find` is the dialect's substring search.
#define KANGFU_LISTED_IN_WHERE(find)                                                            \
  "WHERE s.unit_path >= $1 AND s.unit_path < $2 AND s.done_on IS NULL AND s.listed_from <= $3 " \
  "AND (s.listed_until IS NULL OR s.listed_until >= $3) AND " find                              \
  "($4, ',' || s.kind || ',') > 0 AND ($5 = 0 OR (s.may_be_overdue = 1 AND s.due_date < $3)) "  \
  "AND (s.kind IN ('visit', 'execution', 'influence_ending', 'probation_outcome') OR EXISTS "   \
  "(SELECT 1 FROM cases c WHERE c.person_id = s.person_id)) ORDER BY s.due_date, "              \
  "s.person_id, " KANGFU_KIND_ORDER ", s.ref"
#define KANGFU_LISTED_FROM "1 FROM aftercare_schedule s JOIN persons p ON p.id = s.person_id "
#define KANGFU_LISTED_OF                                                                        \
  "CASE WHEN EXISTS (SELECT 1 FROM cases c WHERE c.person_id = s.person_id) THEN 1 ELSE 0 END " \
  "FROM aftercare_schedule s JOIN persons p ON p.id = s.person_id WHERE s.person_id = $1 AND "  \
  "s.done_on IS NULL AND s.listed_from <= $2 AND (s.listed_until IS NULL OR s.listed_until >= " \
  "$2)"
// The workbench over the stored schedule: items listed on $3 of the subjects with a case counted
// under the subtree [$1, $2), of the kinds in the comma-framed list $4 (",visit,execution,"),
// only the overdue ones when $5 = 1, in domain::ComputeReminders' order (kind in ReminderKind
// order, ref bytewise: COLLATE "C" on PostgreSQL), at most $6. Only a subject with a case has
// items of the kinds that come from measures (visit … probation_outcome): the case is looked up
// for the others only (mentoring, escalations), which a subject without a case may have.
constexpr SqlStatement kListedIn = {
    "ac_sched_listed_in",
    KANGFU_LISTED_COLS KANGFU_LISTED_FROM KANGFU_LISTED_IN_WHERE("instr") " LIMIT $6",
    KANGFU_LISTED_COLS KANGFU_LISTED_FROM KANGFU_LISTED_IN_WHERE(
        "strpos") " COLLATE \"C\" LIMIT $6"};
// The same, read in due order (index aftercare_schedule_due, migration 0012) and stopped after
// the page: for a subtree with many matching items, where sorting them all would cost more.
constexpr SqlStatement kListedInByDue = {
    "ac_sched_listed_in_by_due",
    KANGFU_LISTED_COLS
    "1 FROM aftercare_schedule s INDEXED BY aftercare_schedule_due JOIN persons p ON p.id = "
    "s.person_id " KANGFU_LISTED_IN_WHERE("instr") " LIMIT $6",
    KANGFU_LISTED_COLS KANGFU_LISTED_FROM KANGFU_LISTED_IN_WHERE(
        "strpos") " COLLATE \"C\" LIMIT $6"};
// The same items per kind (listed, overdue), every kind; only the overdue ones when $4 = 1.
// Read from the index aftercare_schedule_listed alone (0012).
constexpr SqlStatement kCountListedIn = {
    "ac_sched_count_listed_in",
    "SELECT s.kind, 0, 0, count(*), sum(CASE WHEN s.may_be_overdue = 1 AND s.due_date < $3 "
    "THEN 1 ELSE 0 END) FROM aftercare_schedule s WHERE s.unit_path >= $1 AND s.unit_path < "
    "$2 AND s.done_on IS NULL AND s.listed_from <= $3 AND (s.listed_until IS NULL OR "
    "s.listed_until >= $3) AND ($4 = 0 OR (s.may_be_overdue = 1 AND s.due_date < $3)) AND "
    "(s.kind IN ('visit', 'execution', 'influence_ending', 'probation_outcome') OR EXISTS "
    "(SELECT 1 FROM cases c WHERE c.person_id = s.person_id)) GROUP BY s.kind ORDER BY "
    "s.kind"};
// One subject's items listed on $2, with its unit path and whether it has a case.
constexpr SqlStatement kListedOf = {
    "ac_sched_listed_of",
    KANGFU_LISTED_COLS KANGFU_LISTED_OF " ORDER BY s.due_date, " KANGFU_KIND_ORDER ", s.ref",
    KANGFU_LISTED_COLS KANGFU_LISTED_OF " ORDER BY s.due_date, " KANGFU_KIND_ORDER
                                        ", s.ref COLLATE \"C\""};
constexpr SqlStatement kCountPlanned = {"ac_sched_count_planned",
                                        "SELECT count(*) FROM aftercare_schedule_subjects"};
constexpr SqlStatement kScheduleProblems = {
    "ac_sched_problems",
    "SELECT person_id, planned_until, stamp, problem_reason, problem_field, problem_message "
    "FROM aftercare_schedule_subjects WHERE problem_reason <> '' ORDER BY person_id"};
constexpr SqlStatement kOpenInquiries = {
    "ac_open_inquiries",
    "SELECT c.id, c.person_id, c.organ_id, c.handling_date, c.reply_due FROM clues c JOIN "
    "organisations o ON o.id = c.organ_id WHERE o.path >= $1 AND o.path < $2 AND c.handling = "
    "'inquiry' AND c.reply_due IS NOT NULL AND c.handling_date IS NOT NULL AND c.replied_on IS "
    "NULL AND c.state <> 'concluded' ORDER BY c.reply_due, c.id"};

// ---------------------------------------------------------------------------------------------

// Lists are stored comma-joined; an element that is empty or holds a comma cannot round-trip.
std::optional<std::string> JoinCodes(const std::vector<std::string>& codes) {
  std::string out;
  for (const std::string& code : codes) {
    if (code.empty() || code.find(',') != std::string::npos) return std::nullopt;
    if (!out.empty()) out += ',';
    out += code;
  }
  return out;
}
std::string JoinIds(const std::vector<RowId>& ids) {
  std::string out;
  for (RowId id : ids) {
    if (!out.empty()) out += ',';
    out += std::to_string(id);
  }
  return out;
}
std::vector<std::string> SplitCodes(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (comma > start) out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

Result<ExecutionItemRow> ReadExec(const SqlRow& row) {
  RowReader r(row);
  ExecutionItemRow e;
  e.id = r.Int();
  e.case_id = r.Int();
  e.person_id = r.Int();
  e.code = r.Text();
  e.title = r.Text();
  e.basis = r.Text();
  e.due = r.DateColumn();
  e.responsible_org = r.Int();
  e.done_on = r.OptDate();
  e.confirmed_by = r.Text();
  e.note = r.Text();
  e.version = r.Int();
  if (r.bad()) return Corrupt("aftercare_execution_items");
  return e;
}

Result<VisitPlanRow> ReadPlan(const SqlRow& row) {
  RowReader r(row);
  VisitPlanRow p;
  p.id = r.Int();
  p.person_id = r.Int();
  p.organ_id = r.Int();
  p.created_on = r.DateColumn();
  p.imported_on = r.OptDate();
  p.version = r.Int();
  if (r.bad()) return Corrupt("aftercare_visit_plans");
  return p;
}

Result<PlanEditRow> ReadEdit(const SqlRow& row) {
  RowReader r(row);
  PlanEditRow e;
  e.id = r.Int();
  e.plan_id = r.Int();
  e.kind = r.Text();
  e.visit_key = r.Text();
  e.title = r.Text();
  e.from = r.OptDate();
  e.due = r.OptDate();
  e.responsible_org = r.Int();
  e.reason = r.Text();
  e.edited_by = r.Text();
  e.edited_on = r.DateColumn();
  if (r.bad()) return Corrupt("aftercare_plan_edits");
  return e;
}

Result<VisitRow> ReadVisit(const SqlRow& row) {
  RowReader r(row);
  VisitRow v;
  v.id = r.Int();
  v.person_id = r.Int();
  v.organ_id = r.Int();
  v.plan_key = r.Text();
  v.date = r.DateColumn();
  for (const std::string& id : SplitCodes(r.Text())) {
    RowId value = 0;
    for (char ch : id) {
      if (ch < '0' || ch > '9') return Corrupt("aftercare_visits");
      value = value * 10 + (ch - '0');
    }
    v.visitors.push_back(value);
  }
  v.talked_with = SplitCodes(r.Text());
  v.others_talked = r.Text();
  v.checked = SplitCodes(r.Text());
  v.findings = r.Text();
  v.grade = r.Text();
  v.follow_up = r.Text();
  v.feedback = r.Text();
  v.feedback_on = r.OptDate();
  v.clue_hold_id = r.Int();
  v.recorded_by = r.Text();
  v.version = r.Int();
  if (r.bad()) return Corrupt("aftercare_visits");
  return v;
}

Result<MentorRow> ReadMentor(const SqlRow& row) {
  RowReader r(row);
  MentorRow m;
  m.id = r.Int();
  m.person_id = r.Int();
  m.mentor_id = r.Int();
  m.mentor_account_id = r.Int();
  m.assigned_by = r.Int();
  m.start = r.DateColumn();
  m.end = r.OptDate();
  m.version = r.Int();
  if (r.bad()) return Corrupt("aftercare_mentors");
  return m;
}

Result<TalkRow> ReadTalk(const SqlRow& row) {
  RowReader r(row);
  TalkRow t;
  t.id = r.Int();
  t.assignment_id = r.Int();
  t.date = r.DateColumn();
  t.summary = r.Text();
  t.recorded_by = r.Text();
  if (r.bad()) return Corrupt("aftercare_talks");
  return t;
}

Result<MentorReportRow> ReadReport(const SqlRow& row) {
  RowReader r(row);
  MentorReportRow m;
  m.id = r.Int();
  m.assignment_id = r.Int();
  m.year = static_cast<int>(r.Int());
  m.half = static_cast<int>(r.Int());
  m.submitted = r.DateColumn();
  m.summary = r.Text();
  m.recorded_by = r.Text();
  if (r.bad()) return Corrupt("aftercare_reports");
  return m;
}

Result<EscalationRow> ReadEscalation(const SqlRow& row) {
  RowReader r(row);
  EscalationRow e;
  e.id = r.Int();
  e.person_id = r.Int();
  e.assignment_id = r.Int();
  e.kind = r.Text();
  e.opened_on = r.DateColumn();
  e.description = r.Text();
  e.responsible_org = r.Int();
  e.due = r.DateColumn();
  e.resolved_on = r.OptDate();
  e.outcome = r.Text();
  e.resolution = r.Text();
  e.version = r.Int();
  if (r.bad()) return Corrupt("aftercare_escalations");
  return e;
}

template <typename T>
Result<std::vector<T>> ReadAll(const SqlRows& rows, Result<T> (*read)(const SqlRow&)) {
  std::vector<T> out;
  out.reserve(rows.size());
  for (const SqlRow& row : rows) {
    Result<T> item = read(row);
    if (!item.ok()) return std::move(item).TakeStatus();
    out.push_back(std::move(item).value());
  }
  return out;
}

// --- errors ---
Status NotFound(const char* reason, const char* message, std::string field = {}) {
  return Status::NotFound(reason, message, std::move(field));
}
Status PersonMissing(std::string field) {
  return NotFound("person.not_found", "未找到该人员，请核对身份证号码或重新选择", std::move(field));
}
Status OrgMissing(std::string field) {
  return NotFound("organisation.not_found", "所指定的组织（单位）不存在，请重新选择",
                  std::move(field));
}
Status ExecMissing() {
  return NotFound("execution.not_found", "未找到该处分决定执行事项，可能已被删除");
}
Status PlanMissing() { return NotFound("visit_plan.not_found", "未找到该回访方案"); }
Status VisitMissing() { return NotFound("visit.not_found", "未找到该回访记录"); }
Status MentorMissing(std::string field = {}) {
  return NotFound("mentor.not_found", "未找到该教育帮带安排", std::move(field));
}
Status EscalationMissing() {
  return NotFound("escalation.not_found", "未找到该苗头性问题处置事项");
}
Status Invalid(std::string field) {
  return Status::Invalid(std::move(field), "record.invalid",
                         "提交的数据不符合要求（存在无效取值），请核对后重试");
}

// ---------------------------------------------------------------------------------------------

class SqlAftercareStore final : public AftercareStore, private SqlArea {
 public:
  SqlAftercareStore(SqlConnection& db, Store& owner, std::function<bool()> doomed)
      : SqlArea(db, owner, std::move(doomed)) {}

  // --- execution ---
  Result<ExecutionItemRow> AddExecutionItem(const ExecutionItemRow& item) override {
    return Write<ExecutionItemRow>([&]() -> Result<ExecutionItemRow> {
      KANGFU_RETURN_IF_ERROR(Require(kCaseExists, item.case_id, [] {
        return NotFound("case.not_found", "未找到该案件（处理决定），可能已被删除", "case_id");
      }));
      KANGFU_RETURN_IF_ERROR(
          Require(kPersonExists, item.person_id, [] { return PersonMissing("person_id"); }));
      KANGFU_RETURN_IF_ERROR(
          Require(kOrgExists, item.responsible_org, [] { return OrgMissing("responsible_org"); }));
      Result<SqlRows> rows = Run(
          kExecInsert, {Int(item.case_id), Int(item.person_id), Text(item.code), Text(item.title),
                        Text(item.basis), DateValue(item.due), Int(item.responsible_org),
                        OptDate(item.done_on), Text(item.confirmed_by), Text(item.note)});
      if (!rows.ok()) {
        return MapError(std::move(rows).TakeStatus(), [] {
          return Status::Error(ErrorCode::kAlreadyExists, "execution.duplicate",
                               "该案件已有此项处分决定执行事项", "code");
        });
      }
      ExecutionItemRow stored = item;
      stored.id = AsInt((*rows)[0][0]);
      stored.version = 1;
      return stored;
    });
  }

  Result<ExecutionItemRow> GetExecutionItem(RowId id) override {
    return ReadOne(kExecGet, id, &ReadExec, &ExecMissing);
  }

  Result<ExecutionItemRow> UpdateExecutionItem(const ExecutionItemRow& item) override {
    return Write<ExecutionItemRow>([&]() -> Result<ExecutionItemRow> {
      KANGFU_RETURN_IF_ERROR(
          Update(kExecUpdate, kExecGet,
                 {Int(item.id), Int(item.version), DateValue(item.due), OptDate(item.done_on),
                  Text(item.confirmed_by), Text(item.note)},
                 &ExecMissing));
      return GetExecutionItem(item.id);
    });
  }

  Result<std::vector<ExecutionItemRow>> ListExecutionItems(RowId person_id) override {
    return ReadMany(kExecOfPerson, person_id, &ReadExec);
  }

  Result<int64_t> AddChecklists(std::span<const ExecutionItemRow> items,
                                std::span<const VisitPlanRow> plans) override {
    return Write<int64_t>([&]() -> Result<int64_t> {
      std::set<RowId> cases;
      std::set<RowId> persons;
      std::set<RowId> orgs;
      for (const ExecutionItemRow& item : items) {
        cases.insert(item.case_id);
        persons.insert(item.person_id);
        orgs.insert(item.responsible_org);
      }
      for (const VisitPlanRow& plan : plans) {
        persons.insert(plan.person_id);
        orgs.insert(plan.organ_id);
      }
      KANGFU_ASSIGN_OR_RETURN(std::set<RowId> known_cases, Existing(kCasesExisting, cases));
      KANGFU_ASSIGN_OR_RETURN(std::set<RowId> known_persons, Existing(kPersonsExisting, persons));
      KANGFU_ASSIGN_OR_RETURN(std::set<RowId> known_orgs, Existing(kOrgsExisting, orgs));
      std::vector<SqlValue> values;
      values.reserve(items.size() * kExecColumns.size());
      for (const ExecutionItemRow& item : items) {
        if (!known_cases.contains(item.case_id)) {
          return NotFound("case.not_found", "未找到该案件（处理决定），可能已被删除", "case_id");
        }
        if (!known_persons.contains(item.person_id)) return PersonMissing("person_id");
        if (!known_orgs.contains(item.responsible_org)) return OrgMissing("responsible_org");
        values.insert(values.end(),
                      {Int(item.case_id), Int(item.person_id), Text(item.code), Text(item.title),
                       Text(item.basis), DateValue(item.due), Int(item.responsible_org),
                       OptDate(item.done_on), Text(item.confirmed_by), Text(item.note)});
      }
      if (!values.empty()) {
        Status inserted = db_.BulkInsert("aftercare_execution_items", kExecColumns, values);
        if (!inserted.ok()) {
          return MapError(std::move(inserted), [] {
            return Status::Error(ErrorCode::kAlreadyExists, "execution.duplicate",
                                 "该案件已有此项处分决定执行事项", "code");
          });
        }
      }
      std::set<std::pair<RowId, RowId>> held;
      if (!plans.empty()) {
        KANGFU_ASSIGN_OR_RETURN(SqlRows rows, Run(kPlansOfPersons, {Text(JsonIdArray(persons))}));
        for (const SqlRow& row : rows) held.emplace(AsInt(row.at(0)), AsInt(row.at(1)));
      }
      values.clear();
      int64_t added = 0;
      for (const VisitPlanRow& plan : plans) {
        if (!known_persons.contains(plan.person_id)) return PersonMissing("person_id");
        if (!known_orgs.contains(plan.organ_id)) return OrgMissing("organ_id");
        if (!held.emplace(plan.person_id, plan.organ_id).second) continue;
        values.insert(values.end(), {Int(plan.person_id), Int(plan.organ_id),
                                     DateValue(plan.created_on), OptDate(plan.imported_on)});
        ++added;
      }
      if (!values.empty()) {
        Status inserted = db_.BulkInsert("aftercare_visit_plans", kPlanColumns, values);
        if (!inserted.ok()) return MapError(std::move(inserted));
      }
      return added;
    });
  }

  // --- visit plans ---
  Result<VisitPlanRow> AddVisitPlan(const VisitPlanRow& plan) override {
    return Write<VisitPlanRow>([&]() -> Result<VisitPlanRow> {
      KANGFU_RETURN_IF_ERROR(
          Require(kPersonExists, plan.person_id, [] { return PersonMissing("person_id"); }));
      KANGFU_RETURN_IF_ERROR(
          Require(kOrgExists, plan.organ_id, [] { return OrgMissing("organ_id"); }));
      Result<SqlRows> rows =
          Run(kPlanInsert, {Int(plan.person_id), Int(plan.organ_id), DateValue(plan.created_on),
                            OptDate(plan.imported_on)});
      if (!rows.ok()) {
        return MapError(std::move(rows).TakeStatus(), [] {
          return Status::Error(ErrorCode::kAlreadyExists, "visit_plan.exists",
                               "该人员已有本机关的回访方案，请在原方案上修改", "organ_id");
        });
      }
      VisitPlanRow stored = plan;
      stored.id = AsInt((*rows)[0][0]);
      stored.version = 1;
      stored.edits.clear();
      return stored;
    });
  }

  Result<VisitPlanRow> GetVisitPlan(RowId id) override {
    KANGFU_ASSIGN_OR_RETURN(VisitPlanRow plan, ReadOne(kPlanGet, id, &ReadPlan, &PlanMissing));
    KANGFU_ASSIGN_OR_RETURN(plan.edits, ReadMany(kEditsOfPlan, plan.id, &ReadEdit));
    return plan;
  }

  Result<std::vector<VisitPlanRow>> ListVisitPlans(RowId person_id) override {
    KANGFU_ASSIGN_OR_RETURN(std::vector<VisitPlanRow> plans,
                            ReadMany(kPlansOfPerson, person_id, &ReadPlan));
    for (VisitPlanRow& plan : plans) {
      KANGFU_ASSIGN_OR_RETURN(plan.edits, ReadMany(kEditsOfPlan, plan.id, &ReadEdit));
    }
    return plans;
  }

  Result<AftercareFactRows> FactsOfPersons(std::span<const RowId> person_ids) override {
    AftercareFactRows out;
    if (person_ids.empty()) return out;
    const std::string ids = JsonIdArray(person_ids);
    KANGFU_ASSIGN_OR_RETURN(out.plans, ReadSet(kPlansOfPersonsFull, ids, &ReadPlan));
    if (!out.plans.empty()) {
      KANGFU_ASSIGN_OR_RETURN(std::vector<PlanEditRow> edits,
                              ReadSet(kEditsOfPersons, ids, &ReadEdit));
      std::unordered_map<RowId, VisitPlanRow*> by_id;
      for (VisitPlanRow& plan : out.plans) by_id.emplace(plan.id, &plan);
      for (PlanEditRow& edit : edits) {
        auto plan = by_id.find(edit.plan_id);
        if (plan != by_id.end()) plan->second->edits.push_back(std::move(edit));
      }
    }
    KANGFU_ASSIGN_OR_RETURN(out.visits, ReadSet(kVisitsOfPersons, ids, &ReadVisit));
    KANGFU_ASSIGN_OR_RETURN(out.items, ReadSet(kExecOfPersons, ids, &ReadExec));
    KANGFU_ASSIGN_OR_RETURN(out.mentors, ReadSet(kMentorsOfPersons, ids, &ReadMentor));
    if (!out.mentors.empty()) {
      KANGFU_ASSIGN_OR_RETURN(out.talks, ReadSet(kTalksOfPersons, ids, &ReadTalk));
      KANGFU_ASSIGN_OR_RETURN(out.reports, ReadSet(kReportsOfPersons, ids, &ReadReport));
    }
    KANGFU_ASSIGN_OR_RETURN(out.escalations, ReadSet(kEscOfPersons, ids, &ReadEscalation));
    return out;
  }

  Result<VisitPlanRow> AddPlanEdit(RowId plan_id, int64_t plan_version,
                                   const PlanEditRow& edit) override {
    return Write<VisitPlanRow>([&]() -> Result<VisitPlanRow> {
      KANGFU_RETURN_IF_ERROR(
          Update(kPlanBump, kPlanGet, {Int(plan_id), Int(plan_version)}, &PlanMissing));
      Result<SqlRows> rows =
          Run(kEditInsert, {Int(plan_id), Text(edit.kind), Text(edit.visit_key), Text(edit.title),
                            OptDate(edit.from), OptDate(edit.due), OptId(edit.responsible_org),
                            Text(edit.reason), Text(edit.edited_by), DateValue(edit.edited_on)});
      if (!rows.ok()) return MapError(std::move(rows).TakeStatus());
      return GetVisitPlan(plan_id);
    });
  }

  // --- visits ---
  Result<VisitRow> AddVisit(const VisitRow& visit) override {
    return Write<VisitRow>([&]() -> Result<VisitRow> {
      std::optional<std::string> talked = JoinCodes(visit.talked_with);
      if (!talked) return Invalid("talked_with");
      std::optional<std::string> checked = JoinCodes(visit.checked);
      if (!checked) return Invalid("checked");
      KANGFU_RETURN_IF_ERROR(
          Require(kPersonExists, visit.person_id, [] { return PersonMissing("person_id"); }));
      KANGFU_RETURN_IF_ERROR(
          Require(kOrgExists, visit.organ_id, [] { return OrgMissing("organ_id"); }));
      Result<SqlRows> rows = Run(
          kVisitInsert,
          {Int(visit.person_id), Int(visit.organ_id), Text(visit.plan_key), DateValue(visit.date),
           Text(JoinIds(visit.visitors)), Text(*talked), Text(visit.others_talked), Text(*checked),
           Text(visit.findings), Text(visit.grade), Text(visit.follow_up), Text(visit.feedback),
           OptDate(visit.feedback_on), OptId(visit.clue_hold_id), Text(visit.recorded_by)});
      if (!rows.ok()) return MapError(std::move(rows).TakeStatus());
      VisitRow stored = visit;
      stored.id = AsInt((*rows)[0][0]);
      stored.version = 1;
      return stored;
    });
  }

  Result<VisitRow> GetVisit(RowId id) override {
    return ReadOne(kVisitGet, id, &ReadVisit, &VisitMissing);
  }

  Result<VisitRow> UpdateVisit(const VisitRow& visit) override {
    return Write<VisitRow>([&]() -> Result<VisitRow> {
      KANGFU_RETURN_IF_ERROR(
          Update(kVisitUpdate, kVisitGet,
                 {Int(visit.id), Int(visit.version), Text(visit.follow_up), Text(visit.feedback),
                  OptDate(visit.feedback_on), OptId(visit.clue_hold_id)},
                 &VisitMissing));
      return GetVisit(visit.id);
    });
  }

  Result<std::vector<VisitRow>> ListVisits(RowId person_id) override {
    return ReadMany(kVisitsOfPerson, person_id, &ReadVisit);
  }

  // --- mentoring ---
  Result<MentorRow> AddMentor(const MentorRow& mentor) override {
    return Write<MentorRow>([&]() -> Result<MentorRow> {
      KANGFU_RETURN_IF_ERROR(
          Require(kPersonExists, mentor.person_id, [] { return PersonMissing("person_id"); }));
      KANGFU_RETURN_IF_ERROR(
          Require(kPersonExists, mentor.mentor_id, [] { return PersonMissing("mentor_id"); }));
      KANGFU_RETURN_IF_ERROR(
          Require(kOrgExists, mentor.assigned_by, [] { return OrgMissing("assigned_by"); }));
      if (mentor.mentor_account_id != 0) {
        KANGFU_RETURN_IF_ERROR(Require(kAccountExists, mentor.mentor_account_id, [] {
          return NotFound("account.not_found", "未找到该账号", "mentor_account_id");
        }));
      }
      Result<SqlRows> rows =
          Run(kMentorInsert,
              {Int(mentor.person_id), Int(mentor.mentor_id), OptId(mentor.mentor_account_id),
               Int(mentor.assigned_by), DateValue(mentor.start), OptDate(mentor.end)});
      if (!rows.ok()) return MapError(std::move(rows).TakeStatus());
      MentorRow stored = mentor;
      stored.id = AsInt((*rows)[0][0]);
      stored.version = 1;
      return stored;
    });
  }

  Result<MentorRow> GetMentor(RowId id) override {
    return ReadOne(kMentorGet, id, &ReadMentor, [] { return MentorMissing(); });
  }

  Result<MentorRow> UpdateMentor(const MentorRow& mentor) override {
    return Write<MentorRow>([&]() -> Result<MentorRow> {
      KANGFU_RETURN_IF_ERROR(Update(kMentorUpdate, kMentorGet,
                                    {Int(mentor.id), Int(mentor.version),
                                     OptId(mentor.mentor_account_id), OptDate(mentor.end)},
                                    [] { return MentorMissing(); }));
      return GetMentor(mentor.id);
    });
  }

  Result<std::vector<MentorRow>> ListMentorsOfPerson(RowId person_id) override {
    return ReadMany(kMentorsOfPerson, person_id, &ReadMentor);
  }
  Result<std::vector<MentorRow>> ListMentorsOfAccount(RowId account_id) override {
    return ReadMany(kMentorsOfAccount, account_id, &ReadMentor);
  }

  Result<TalkRow> AddTalk(const TalkRow& talk) override {
    return Write<TalkRow>([&]() -> Result<TalkRow> {
      KANGFU_RETURN_IF_ERROR(
          Require(kMentorGet, talk.assignment_id, [] { return MentorMissing("assignment_id"); }));
      Result<SqlRows> rows = Run(kTalkInsert, {Int(talk.assignment_id), DateValue(talk.date),
                                               Text(talk.summary), Text(talk.recorded_by)});
      if (!rows.ok()) return MapError(std::move(rows).TakeStatus());
      TalkRow stored = talk;
      stored.id = AsInt((*rows)[0][0]);
      return stored;
    });
  }
  Result<std::vector<TalkRow>> ListTalks(RowId assignment_id) override {
    return ReadMany(kTalksOf, assignment_id, &ReadTalk);
  }

  Result<MentorReportRow> AddReport(const MentorReportRow& report) override {
    return Write<MentorReportRow>([&]() -> Result<MentorReportRow> {
      KANGFU_RETURN_IF_ERROR(
          Require(kMentorGet, report.assignment_id, [] { return MentorMissing("assignment_id"); }));
      Result<SqlRows> rows = Run(kReportInsert, {Int(report.assignment_id), Int(report.year),
                                                 Int(report.half), DateValue(report.submitted),
                                                 Text(report.summary), Text(report.recorded_by)});
      if (!rows.ok()) {
        return MapError(std::move(rows).TakeStatus(), [] {
          return Status::Error(ErrorCode::kAlreadyExists, "mentor_report.duplicate",
                               "该半年度的帮带情况报告已经登记", "half");
        });
      }
      MentorReportRow stored = report;
      stored.id = AsInt((*rows)[0][0]);
      return stored;
    });
  }
  Result<std::vector<MentorReportRow>> ListReports(RowId assignment_id) override {
    return ReadMany(kReportsOf, assignment_id, &ReadReport);
  }

  // --- escalations ---
  Result<EscalationRow> AddEscalation(const EscalationRow& e) override {
    return Write<EscalationRow>([&]() -> Result<EscalationRow> {
      KANGFU_RETURN_IF_ERROR(
          Require(kPersonExists, e.person_id, [] { return PersonMissing("person_id"); }));
      KANGFU_RETURN_IF_ERROR(
          Require(kOrgExists, e.responsible_org, [] { return OrgMissing("responsible_org"); }));
      if (e.assignment_id != 0) {
        KANGFU_RETURN_IF_ERROR(
            Require(kMentorGet, e.assignment_id, [] { return MentorMissing("assignment_id"); }));
      }
      Result<SqlRows> rows =
          Run(kEscInsert,
              {Int(e.person_id), OptId(e.assignment_id), Text(e.kind), DateValue(e.opened_on),
               Text(e.description), Int(e.responsible_org), DateValue(e.due),
               OptDate(e.resolved_on), OptText(e.outcome), Text(e.resolution)});
      if (!rows.ok()) return MapError(std::move(rows).TakeStatus());
      EscalationRow stored = e;
      stored.id = AsInt((*rows)[0][0]);
      stored.version = 1;
      return stored;
    });
  }

  Result<EscalationRow> GetEscalation(RowId id) override {
    return ReadOne(kEscGet, id, &ReadEscalation, &EscalationMissing);
  }

  Result<EscalationRow> UpdateEscalation(const EscalationRow& e) override {
    return Write<EscalationRow>([&]() -> Result<EscalationRow> {
      KANGFU_RETURN_IF_ERROR(
          Update(kEscUpdate, kEscGet,
                 {Int(e.id), Int(e.version), DateValue(e.due), OptDate(e.resolved_on),
                  OptText(e.outcome), Text(e.resolution)},
                 &EscalationMissing));
      return GetEscalation(e.id);
    });
  }

  Result<std::vector<EscalationRow>> ListEscalations(RowId person_id) override {
    return ReadMany(kEscOfPerson, person_id, &ReadEscalation);
  }

  // --- settings and queries ---
  Result<std::optional<AftercareSetting>> GetSetting(std::string_view name, RowId org_id) override {
    KANGFU_ASSIGN_OR_RETURN(SqlRows rows, Run(kSettingGet, {Text(name), Int(org_id)}));
    if (rows.empty()) return std::optional<AftercareSetting>();
    AftercareSetting s;
    s.name = AsText(rows[0][0]);
    s.org_id = AsInt(rows[0][1]);
    s.body = AsText(rows[0][2]);
    s.version = AsInt(rows[0][3]);
    return std::optional<AftercareSetting>(std::move(s));
  }

  Result<AftercareSetting> PutSetting(const AftercareSetting& setting) override {
    return Write<AftercareSetting>([&]() -> Result<AftercareSetting> {
      AftercareSetting stored = setting;
      if (setting.version == 0) {
        Result<SqlRows> rows =
            Run(kSettingInsert, {Text(setting.name), Int(setting.org_id), Text(setting.body)});
        if (!rows.ok()) {
          return MapError(std::move(rows).TakeStatus(), [] {
            return Status::Error(ErrorCode::kAlreadyExists, "setting.exists",
                                 "该设置已存在，请刷新后在最新内容上修改", "version");
          });
        }
        stored.version = AsInt((*rows)[0][0]);
        return stored;
      }
      KANGFU_ASSIGN_OR_RETURN(SqlRows rows,
                              Run(kSettingUpdate, {Text(setting.name), Int(setting.org_id),
                                                   Text(setting.body), Int(setting.version)}));
      if (rows.empty()) return Stale();
      stored.version = AsInt(rows[0][0]);
      return stored;
    });
  }

  Result<std::vector<RowId>> ListAftercareSubjects(RowId root_org_id) override {
    KANGFU_ASSIGN_OR_RETURN(SqlRows path, Run(kOrgPathOf, {Int(root_org_id)}));
    if (path.empty()) return OrgMissing("root_org_id");
    std::string root = AsText(path[0][0]);
    std::string bound = root;
    if (!bound.empty()) bound.back() = '0';  // '/' sorts right before '0' (see SubtreeBound)
    KANGFU_ASSIGN_OR_RETURN(SqlRows rows, Run(kSubjects, {Text(root), Text(bound)}));
    std::vector<RowId> ids;
    ids.reserve(rows.size());
    for (const SqlRow& row : rows) ids.push_back(AsInt(row.at(0)));
    return ids;
  }

  // --- the stored reminder schedule ---
  Status ReplaceSchedule(const SchedulePlan& plan) override {
    return ReplaceSchedules(std::span<const SchedulePlan>(&plan, 1));
  }

  Status ReplaceSchedules(std::span<const SchedulePlan> plans) override {
    return Write<bool>([&]() -> Result<bool> {
             // The indicator counts: each subject's old contribution out, the new one in (0010),
             // summed over all subjects and written once.
             ScheduleWrites writes;
             for (const SchedulePlan& plan : plans) {
               KANGFU_RETURN_IF_ERROR(ReplaceOne(plan, writes));
             }
             KANGFU_RETURN_IF_ERROR(Finish(writes));
             return true;
           })
        .status();
  }

  // The pending writes of a ReplaceSchedules call: the new rows, inserted in bulk (one prepared
  // INSERT reused on SQLite, COPY on PostgreSQL) when enough are held, and the counts' changes.
  struct ScheduleWrites {
    ScheduleRollupDelta delta;
    std::vector<SqlValue> items;        // kScheduleColumns per row
    std::vector<SqlValue> subjects;     // kSubjectColumns per row
    std::unordered_set<RowId> persons;  // whose rows are held
  };

  Status ReplaceSchedulesOf(std::span<const RowId> person_ids,
                            const std::function<Result<SchedulePlan>(RowId)>& plan_of) override {
    return Write<bool>([&]() -> Result<bool> {
             // A chunk of distinct subjects at a time: which exist, their old rows and their
             // deletion each one set statement instead of three per subject. A subject given
             // again starts the next chunk, after the rows of its first plan are written.
             constexpr std::size_t kChunk = 1000;
             KANGFU_ASSIGN_OR_RETURN(const bool rebuild, DropIndexesForBulk(person_ids.size()));
             ScheduleWrites writes;
             std::set<RowId> chunk_ids;
             std::size_t begin = 0;
             while (begin < person_ids.size()) {
               chunk_ids.clear();
               std::size_t end = begin;
               while (end < person_ids.size() && end - begin < kChunk &&
                      chunk_ids.insert(person_ids[end]).second) {
                 ++end;
               }
               KANGFU_RETURN_IF_ERROR(Flush(writes));
               KANGFU_RETURN_IF_ERROR(ReplaceChunk(person_ids.subspan(begin, end - begin),
                                                   chunk_ids, plan_of, writes));
               begin = end;
             }
             KANGFU_RETURN_IF_ERROR(Flush(writes));
             if (rebuild) KANGFU_RETURN_IF_ERROR(MapError(db_.Exec(kScheduleIndexesCreate)));
             KANGFU_RETURN_IF_ERROR(Finish(writes));
             return true;
           })
        .status();
  }

  // A bulk replan of at least kRebuildFrom subjects, at least half as many as are planned, on
  // SQLite: the four indexes of aftercare_schedule that no write here reads (the unit and "open"
  // indexes of migration 0008, the workbench's of 0012) are dropped, to be built again once the
  // rows are in — one sort instead of millions of random B-tree inserts, half the cost of the rows.
  // Inside the transaction: a failure restores them with everything else, and readers (WAL) keep
  // their snapshot with the indexes. Not on PostgreSQL, where a dropped index locks the table
  // against readers until the commit. Returns whether they were dropped.
  Result<bool> DropIndexesForBulk(std::size_t subjects) {
    constexpr std::size_t kRebuildFrom = 20000;
    if (subjects < kRebuildFrom || db_.Backend() != "sqlite") return false;
    KANGFU_ASSIGN_OR_RETURN(SqlRows planned, Run(kCountPlanned, {}));
    if (2 * subjects < static_cast<std::size_t>(AsInt(planned.at(0).at(0)))) return false;
    KANGFU_RETURN_IF_ERROR(MapError(db_.Exec(kScheduleIndexesDrop)));
    return true;
  }

  // ReplaceOne for the distinct subjects `chunk` (`ids` holds them), none of whose rows are held.
  Status ReplaceChunk(std::span<const RowId> chunk, const std::set<RowId>& ids,
                      const std::function<Result<SchedulePlan>(RowId)>& plan_of,
                      ScheduleWrites& writes) {
    KANGFU_ASSIGN_OR_RETURN(std::set<RowId> known, Existing(kPersonsExisting, ids));
    const std::string json = JsonIdArray(ids);
    KANGFU_ASSIGN_OR_RETURN(SqlRows old_rows, Run(kScheduleItemsOf, {Text(json)}));
    struct Old {
      std::string path;
      std::vector<ScheduleItemRow> items;
    };
    std::unordered_map<RowId, Old> old;
    for (const SqlRow& row : old_rows) {
      Old& o = old[AsInt(row.back())];
      KANGFU_ASSIGN_OR_RETURN(ScheduleItemRow item, ReadScheduleItem(row, &o.path));
      o.items.push_back(std::move(item));
    }
    if (!old.empty()) KANGFU_RETURN_IF_ERROR(Run(kScheduleDeleteOf, {Text(json)}).status());
    KANGFU_RETURN_IF_ERROR(Run(kScheduleSubjectDeleteOf, {Text(json)}).status());
    for (RowId id : chunk) {
      KANGFU_ASSIGN_OR_RETURN(SchedulePlan plan, plan_of(id));
      if (plan.person_id != id || !known.contains(id)) {
        // Not the subject asked for (or gone): the one-subject path checks and replaces it.
        KANGFU_RETURN_IF_ERROR(ReplaceOne(plan, writes));
        continue;
      }
      auto found = old.find(id);
      if (found != old.end()) writes.delta.Add(found->second.path, found->second.items, -1);
      AppendRows(plan, writes);
    }
    return Status::Ok();
  }

  // One subject's rows replaced by `plan` (held in `writes`), its counts' change added.
  Status ReplaceOne(const SchedulePlan& plan, ScheduleWrites& writes) {
    // A subject given twice: its first rows written before they are read and replaced.
    if (writes.persons.contains(plan.person_id)) KANGFU_RETURN_IF_ERROR(Flush(writes));
    KANGFU_RETURN_IF_ERROR(
        Require(kPersonExists, plan.person_id, [] { return PersonMissing("person_id"); }));
    std::string old_path;
    KANGFU_ASSIGN_OR_RETURN(std::vector<ScheduleItemRow> old_items,
                            ReadScheduleItems(plan.person_id, &old_path));
    writes.delta.Add(old_path, old_items, -1);
    if (!old_items.empty()) {
      KANGFU_RETURN_IF_ERROR(Run(kScheduleDelete, {Int(plan.person_id)}).status());
    }
    KANGFU_RETURN_IF_ERROR(Run(kScheduleSubjectDelete, {Int(plan.person_id)}).status());
    AppendRows(plan, writes);
    constexpr std::size_t kRowsHeld = 4096;
    if (writes.items.size() >= kRowsHeld * kScheduleColumns.size()) {
      KANGFU_RETURN_IF_ERROR(Flush(writes));
    }
    return Status::Ok();
  }

  // The plan's rows held in `writes` and its counts added (its old rows are gone).
  static void AppendRows(const SchedulePlan& plan, ScheduleWrites& writes) {
    writes.delta.Add(plan.unit_path, plan.items, 1);
    for (const ScheduleItemRow& item : plan.items) {
      writes.items.insert(writes.items.end(),
                          {Int(plan.person_id), Text(item.kind), Text(item.ref), Text(item.title),
                           OptId(item.responsible_org), OptId(item.mentor_id), Text(plan.unit_path),
                           DateValue(item.listed_from), OptDate(item.listed_until),
                           DateValue(item.due), Bool(item.may_be_overdue), OptDate(item.done_on)});
    }
    writes.subjects.insert(
        writes.subjects.end(),
        {Int(plan.person_id), DateValue(plan.planned_until), Text(plan.stamp),
         Text(plan.problem_reason), Text(plan.problem_field), Text(plan.problem_message)});
    writes.persons.insert(plan.person_id);
  }

  // The held rows inserted.
  Status Flush(ScheduleWrites& writes) {
    if (!writes.items.empty()) {
      Status inserted = db_.BulkInsert("aftercare_schedule", kScheduleColumns, writes.items);
      if (!inserted.ok()) return MapError(std::move(inserted));
      writes.items.clear();
    }
    if (!writes.subjects.empty()) {
      Status inserted =
          db_.BulkInsert("aftercare_schedule_subjects", kSubjectColumns, writes.subjects);
      if (!inserted.ok()) return MapError(std::move(inserted));
      writes.subjects.clear();
    }
    writes.persons.clear();
    return Status::Ok();
  }

  // The held rows, then the summed counts' changes, each distinct key once.
  Status Finish(ScheduleWrites& writes) {
    KANGFU_RETURN_IF_ERROR(Flush(writes));
    constexpr std::size_t kKeysPerStatement = 500;
    for (const std::string& json : writes.delta.CoverageJson(kKeysPerStatement)) {
      KANGFU_RETURN_IF_ERROR(Run(kCoverageUpsert, {Text(json)}).status());
    }
    for (const std::string& json : writes.delta.OverdueJson(kKeysPerStatement)) {
      KANGFU_RETURN_IF_ERROR(Run(kOverdueUpsert, {Text(json)}).status());
    }
    return Status::Ok();
  }

  Result<std::optional<SchedulePlan>> GetSchedule(RowId person_id) override {
    KANGFU_ASSIGN_OR_RETURN(SqlRows subject, Run(kScheduleSubjectGet, {Int(person_id)}));
    if (subject.empty()) return std::optional<SchedulePlan>();
    KANGFU_ASSIGN_OR_RETURN(SchedulePlan plan, ReadScheduleSubject(subject[0]));
    KANGFU_ASSIGN_OR_RETURN(plan.items, ReadScheduleItems(person_id, &plan.unit_path));
    return std::optional<SchedulePlan>(std::move(plan));
  }

  Result<std::vector<RowId>> ListUnplannedSubjects(Date day, std::string_view stamp,
                                                   int64_t limit) override {
    KANGFU_ASSIGN_OR_RETURN(SqlRows rows,
                            Run(kUnplanned, {DateValue(day), Text(stamp), Int(limit)}));
    std::vector<RowId> ids;
    ids.reserve(rows.size());
    for (const SqlRow& row : rows) ids.push_back(AsInt(row.at(0)));
    return ids;
  }

  Result<bool> ScheduleMayBeStale(Date day, std::string_view stamp) override {
    KANGFU_ASSIGN_OR_RETURN(SqlRows horizon, Run(kStaleHorizon, {DateValue(day)}));
    if (!horizon.empty()) return true;
    KANGFU_ASSIGN_OR_RETURN(SqlRows stamps, Run(kStaleStamp, {Text(stamp)}));
    if (!stamps.empty()) return true;
    KANGFU_ASSIGN_OR_RETURN(SqlRows checkpoint, Run(kCheckpoint, {}));
    const int64_t since = checkpoint.empty() ? 0 : AsInt(checkpoint[0].at(0));
    KANGFU_ASSIGN_OR_RETURN(SqlRows unplanned, Run(kNewUnplanned, {Int(since)}));
    if (!unplanned.empty()) return true;
    KANGFU_ASSIGN_OR_RETURN(SqlRows last, Run(kLastCase, {}));
    const int64_t last_case = last.empty() ? 0 : AsInt(last[0].at(0));
    if (last_case > since) {
      KANGFU_RETURN_IF_ERROR(Run(kSetCheckpoint, {Int(last_case)}).status());
    }
    return false;
  }

  // The rows of kCountListed / kCountListedIn: kind, organisation, mentor, listed, overdue.
  static Result<std::vector<ListedCount>> ReadListedCounts(const SqlRows& rows) {
    std::vector<ListedCount> out;
    out.reserve(rows.size());
    for (const SqlRow& row : rows) {
      RowReader r(row);
      ListedCount c{.kind = r.Text(),
                    .responsible_org = r.Int(),
                    .mentor_id = r.Int(),
                    .listed = r.Int(),
                    .overdue = r.Int()};
      if (r.bad()) return Corrupt("aftercare_schedule");
      out.push_back(std::move(c));
    }
    return out;
  }

  Result<std::vector<ListedCount>> CountListed(Date day) override {
    KANGFU_ASSIGN_OR_RETURN(SqlRows rows, Run(kCountListed, {DateValue(day)}));
    return ReadListedCounts(rows);
  }

  Result<std::vector<ListedItemRow>> ListListedIn(RowId root_org_id,
                                                  const ListedQuery& query) override {
    KANGFU_ASSIGN_OR_RETURN(auto range, SubtreeRange(root_org_id));
    std::string kinds = ",";
    for (const std::string& kind : query.kinds) kinds += kind + ",";
    if (query.kinds.empty()) {
      kinds =
          ",visit,mentor_first_talk,mentor_talk,mentor_report,escalation,execution,"
          "influence_ending,probation_outcome,";
    }
    KANGFU_ASSIGN_OR_RETURN(
        SqlRows rows, Run(query.large ? kListedInByDue : kListedIn,
                          {Text(range.first), Text(range.second), DateValue(query.day), Text(kinds),
                           Int(query.overdue_only ? 1 : 0), Int(query.limit)}));
    return ReadListedItems(rows);
  }

  Result<std::vector<ListedCount>> CountListedIn(RowId root_org_id,
                                                 const ListedQuery& query) override {
    KANGFU_ASSIGN_OR_RETURN(auto range, SubtreeRange(root_org_id));
    KANGFU_ASSIGN_OR_RETURN(
        SqlRows rows, Run(kCountListedIn, {Text(range.first), Text(range.second),
                                           DateValue(query.day), Int(query.overdue_only ? 1 : 0)}));
    return ReadListedCounts(rows);
  }

  Result<std::vector<ListedItemRow>> ListListedOf(RowId person_id, Date day) override {
    KANGFU_ASSIGN_OR_RETURN(SqlRows rows, Run(kListedOf, {Int(person_id), DateValue(day)}));
    return ReadListedItems(rows);
  }

  Result<int64_t> CountPlannedSubjects() override {
    KANGFU_ASSIGN_OR_RETURN(SqlRows rows, Run(kCountPlanned, {}));
    return rows.empty() ? 0 : AsInt(rows[0].at(0));
  }

  Result<std::vector<SchedulePlan>> ListScheduleProblems() override {
    KANGFU_ASSIGN_OR_RETURN(SqlRows rows, Run(kScheduleProblems, {}));
    std::vector<SchedulePlan> out;
    for (const SqlRow& row : rows) {
      KANGFU_ASSIGN_OR_RETURN(SchedulePlan plan, ReadScheduleSubject(row));
      out.push_back(std::move(plan));
    }
    return out;
  }

  Result<std::vector<OpenInquiryRow>> ListOpenInquiries(RowId root_org_id) override {
    KANGFU_ASSIGN_OR_RETURN(SqlRows path, Run(kOrgPathOf, {Int(root_org_id)}));
    if (path.empty()) return OrgMissing("root_org_id");
    std::string root = AsText(path[0][0]);
    std::string bound = root;
    if (!bound.empty()) bound.back() = '0';  // '/' sorts right before '0' (see SubtreeBound)
    KANGFU_ASSIGN_OR_RETURN(SqlRows rows, Run(kOpenInquiries, {Text(root), Text(bound)}));
    std::vector<OpenInquiryRow> out;
    for (const SqlRow& row : rows) {
      RowReader r(row);
      OpenInquiryRow c{.clue_id = r.Int(),
                       .person_id = r.Int(),
                       .organ_id = r.Int(),
                       .handling_date = r.DateColumn(),
                       .reply_due = r.DateColumn()};
      if (r.bad()) return Corrupt("clues");
      out.push_back(c);
    }
    return out;
  }

 private:
  // The materialised path of an organisation and the bound of its subtree ('/' sorts right
  // before '0', see SubtreeBound). kNotFound "organisation.not_found" (field root_org_id).
  Result<std::pair<std::string, std::string>> SubtreeRange(RowId root_org_id) {
    KANGFU_ASSIGN_OR_RETURN(SqlRows path, Run(kOrgPathOf, {Int(root_org_id)}));
    if (path.empty()) return OrgMissing("root_org_id");
    std::string root = AsText(path[0][0]);
    std::string bound = root;
    if (!bound.empty()) bound.back() = '0';
    return std::pair{std::move(root), std::move(bound)};
  }

  static Result<std::vector<ListedItemRow>> ReadListedItems(const SqlRows& rows) {
    std::vector<ListedItemRow> out;
    out.reserve(rows.size());
    for (const SqlRow& row : rows) {
      RowReader r(row);
      ListedItemRow item;
      item.person_id = r.Int();
      item.person_name = r.Text();
      item.kind = r.Text();
      item.ref = r.Text();
      item.title = r.Text();
      item.responsible_org = r.Int();
      item.mentor_id = r.Int();
      item.due = r.DateColumn();
      item.may_be_overdue = r.Int() != 0;
      item.unit_path = r.Text();
      item.has_case = r.Int() != 0;
      if (r.bad()) return Corrupt("aftercare_schedule");
      out.push_back(std::move(item));
    }
    return out;
  }

  // The subject's stored items (by kind, ref, due) and the unit path they are counted under
  // (unchanged when there are none).
  Result<std::vector<ScheduleItemRow>> ReadScheduleItems(RowId person_id, std::string* unit_path) {
    KANGFU_ASSIGN_OR_RETURN(SqlRows rows, Run(kScheduleItems, {Int(person_id)}));
    std::vector<ScheduleItemRow> items;
    items.reserve(rows.size());
    for (const SqlRow& row : rows) {
      KANGFU_ASSIGN_OR_RETURN(ScheduleItemRow item, ReadScheduleItem(row, unit_path));
      items.push_back(std::move(item));
    }
    return items;
  }

  // One row of kScheduleItems / kScheduleItemsOf; its unit path into `unit_path`.
  static Result<ScheduleItemRow> ReadScheduleItem(const SqlRow& row, std::string* unit_path) {
    RowReader r(row);
    ScheduleItemRow item;
    item.kind = r.Text();
    item.ref = r.Text();
    item.title = r.Text();
    item.responsible_org = r.Int();
    item.mentor_id = r.Int();
    item.listed_from = r.DateColumn();
    item.listed_until = r.OptDate();
    item.due = r.DateColumn();
    item.may_be_overdue = r.Int() != 0;
    item.done_on = r.OptDate();
    *unit_path = r.Text();
    if (r.bad()) return Corrupt("aftercare_schedule");
    return item;
  }

  static Result<SchedulePlan> ReadScheduleSubject(const SqlRow& row) {
    RowReader r(row);
    SchedulePlan plan;
    plan.person_id = r.Int();
    plan.planned_until = r.DateColumn();
    plan.stamp = r.Text();
    plan.problem_reason = r.Text();
    plan.problem_field = r.Text();
    plan.problem_message = r.Text();
    if (r.bad()) return Corrupt("aftercare_schedule_subjects");
    return plan;
  }

  // Which of `ids` `lookup` ($1 a JSON array of ids) finds.
  Result<std::set<RowId>> Existing(const SqlStatement& lookup, const std::set<RowId>& ids) {
    std::set<RowId> found;
    if (ids.empty()) return found;
    KANGFU_ASSIGN_OR_RETURN(SqlRows rows, Run(lookup, {Text(JsonIdArray(ids))}));
    for (const SqlRow& row : rows) found.insert(AsInt(row.at(0)));
    return found;
  }

  template <typename T>
  Result<std::vector<T>> ReadSet(const SqlStatement& statement, const std::string& ids,
                                 Result<T> (*read)(const SqlRow&)) {
    KANGFU_ASSIGN_OR_RETURN(SqlRows rows, Run(statement, {Text(ids)}));
    return ReadAll<T>(rows, read);
  }

  template <typename T>
  Result<std::vector<T>> ReadMany(const SqlStatement& statement, RowId id,
                                  Result<T> (*read)(const SqlRow&)) {
    KANGFU_ASSIGN_OR_RETURN(SqlRows rows, Run(statement, {Int(id)}));
    return ReadAll<T>(rows, read);
  }
};

}  // namespace

std::unique_ptr<AftercareStore> MakeSqlAftercareStore(SqlConnection& connection, Store& owner,
                                                      std::function<bool()> doomed) {
  return std::make_unique<SqlAftercareStore>(connection, owner, std::move(doomed));
}

}  // namespace kangfu::storage
