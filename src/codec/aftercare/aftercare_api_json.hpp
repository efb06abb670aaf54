#ifndef KANGFU_CODEC_AFTERCARE_AFTERCARE_API_JSON_HPP_
#define KANGFU_CODEC_AFTERCARE_AFTERCARE_API_JSON_HPP_

// The /api/v1 JSON shapes of aftercare (app/aftercare_service): request bodies in, documents out.
// Conventions as codec/api_json.hpp: dates "YYYY-MM-DD", absent optional members and null alike,
// errors name the member with a Chinese message ("json.missing", "json.type", date errors).
// Codes are those of storage/aftercare_records.hpp; responses add the Chinese label where a screen
// shows one (grade_label, kind_label, outcome_label).

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/aftercare_service.hpp"
#include "codec/json_reader.hpp"

namespace kangfu::codec {

// --- requests ---

// POST /execution/{id}/confirm  {"version", "done_on", "note"?}
struct ConfirmExecutionRequest {
  int64_t version = 0;
  domain::Date done_on;
  std::string note;
};
Result<ConfirmExecutionRequest> ParseConfirmExecutionRequest(std::string_view text);

// POST /visit-plans/{id}/edits  {"version", "kind": "add"|"remove"|"reschedule", "visit_key",
//                                "title"?, "from"?, "due"?, "responsible"? (organisation id),
//                                "reason"}
struct PlanEditRequest {
  int64_t version = 0;
  domain::PlanEdit edit;
};
Result<PlanEditRequest> ParsePlanEditRequest(std::string_view text);

// POST /visits  {"person_id", "organ_id"?, "plan_key"?, "date", "visitors": [person id, …],
//                "talked_with": [code], "others_talked"?, "checked": [code], "findings"?,
//                "grade"?, "follow_up"?, "feedback"?, "open_clue"? (bool)}
Result<app::VisitInput> ParseVisitInput(std::string_view text);

// POST /mentoring  {"person_id", "mentor_id", "mentor_account_id"?, "start", "end"?}
Result<app::MentorInput> ParseMentorInput(std::string_view text);

// POST /mentoring/{id}/talks  {"date", "summary"?}
struct TalkRequest {
  domain::Date date;
  std::string summary;
};
Result<TalkRequest> ParseTalkRequest(std::string_view text);

// POST /mentoring/{id}/reports  {"year", "half", "summary"?}
struct ReportRequest {
  int year = 0;
  int half = 0;
  std::string summary;
};
Result<ReportRequest> ParseReportRequest(std::string_view text);

// POST /escalations  {"person_id", "assignment_id"?, "kind", "opened_on", "description"?}
Result<app::EscalationInput> ParseEscalationInput(std::string_view text);

// POST /escalations/{id}/resolve  {"version", "resolved_on", "outcome", "resolution"}
struct ResolveRequest {
  int64_t version = 0;
  domain::Date resolved_on;
  std::string outcome;
  std::string resolution;
};
Result<ResolveRequest> ParseResolveRequest(std::string_view text);

// GET /workbench?as_of=&kind=visit,execution&overdue=true|false&limit=  (`today` is the default
// of as_of). Errors name the parameter: "param.date" (as_of), "reminder.kind_unknown" (kind),
// "param.boolean" (overdue), "param.integer" (limit).
Result<app::WorkbenchQuery> ParseWorkbenchParams(const std::map<std::string, std::string>& params,
                                                 domain::Date today);

// PUT /aftercare/settings/{name}  {"version" (0 for the first copy), "body": {…the file…}}; the
// body is returned as compact JSON text for the file's own decoder.
struct SettingRequest {
  int64_t version = 0;
  std::string body;
};
Result<SettingRequest> ParseSettingRequest(std::string_view text);

// --- responses ---

// {"id", "case_id", "person_id", "code", "title", "basis", "due", "responsible_org", "done_on",
//  "confirmed_by", "note", "overdue", "version"}; overdue = not done and today > due.
OrderedJson ExecutionItemToJson(const storage::ExecutionItemRow& item, domain::Date today);
// {"plans": [{"id", "organ_id", "version", "edits": [{"kind", "visit_key", "title", "from",
//  "due", "responsible_org", "reason", "edited_by", "edited_on"}]}],
//  "visits": [{"key", "rule_id", "title", "basis", "from", "due", "responsible", "measure_ids",
//  "note", "fulfilled_on"}], "skipped": [same without fulfilled_on]}
OrderedJson VisitPlanToJson(const app::VisitPlanView& view);
// {"id", "person_id", "organ_id", "plan_key", "date", "visitors", "talked_with", "others_talked",
//  "checked", "findings", "grade", "grade_label", "follow_up", "feedback", "feedback_on",
//  "clue_hold_id", "recorded_by", "version"}
OrderedJson VisitToJson(const storage::VisitRow& visit);
// {"id", "person_id", "mentor_id", "mentor_account_id", "assigned_by", "start", "end", "version"}
OrderedJson MentorToJson(const storage::MentorRow& mentor);
// MentorToJson plus "talks": [{"id", "date", "summary"}], "reports": [{"id", "year", "half",
// "label", "submitted", "summary"}], "compliance": {"first_talk_due", "first_talk",
// "first_talk_overdue", "half_years_due", "half_years_with_talk", "half_years": [{"year",
// "half", "label", "talk_due", "talks", "talk_met", "talk_overdue", "report_due",
// "report_submitted", "report_overdue"}]}
OrderedJson MentoringToJson(const app::MentoringView& view);
OrderedJson TalkToJson(const storage::TalkRow& talk);
OrderedJson ReportToJson(const storage::MentorReportRow& report);
// {"id", "person_id", "assignment_id", "kind", "kind_label", "opened_on", "description",
//  "responsible_org", "due", "resolved_on", "outcome", "resolution", "overdue", "version"}
OrderedJson EscalationToJson(const storage::EscalationRow& escalation, domain::Date today);
// {"as_of", "total", "overdue", "by_kind": {"visit": n, …}, "items": [{"kind", "subject_id",
//  "subject_name", "ref", "due", "overdue", "responsible", "title"}], "problems": [{"code",
//  "field", "detail"}]}
OrderedJson WorkbenchToJson(const app::Workbench& bench, domain::Date as_of);
// GET /api/v1/workbench/summary: {"computed", "as_of" (null before the first run), "total",
// "overdue", "by_kind": {code: {"due", "overdue"}}} — "total" counts due and overdue items.
OrderedJson DigestSummaryToJson(
    std::optional<domain::Date> as_of,
    const std::vector<std::pair<domain::ReminderKind, app::ReminderCount>>& totals);

}  // namespace kangfu::codec

#endif  // KANGFU_CODEC_AFTERCARE_AFTERCARE_API_JSON_HPP_
