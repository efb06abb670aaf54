#include "codec/aftercare/aftercare_api_json.hpp"

#include <charconv>
#include <optional>

#include "domain/aftercare/execution.hpp"
#include "domain/aftercare/mentoring.hpp"
#include "domain/aftercare/visit_record.hpp"

namespace kangfu::codec {
namespace {

Result<Json> ParseObject(std::string_view text) {
  KANGFU_ASSIGN_OR_RETURN(Json document, ParseJson(text));
  KANGFU_RETURN_IF_ERROR(RequireObject(document, ""));
  return document;
}

Status IdInvalid(const std::string& field) {
  return Status::Invalid(field, "json.type", "“" + field + "”应为正整数编号");
}

// A required positive integer (ids, versions).
Result<int64_t> ReadId(const Json& object, std::string_view key) {
  const std::string field(key);
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    return Status::Invalid(field, "json.missing", "缺少必填项“" + field + "”");
  }
  if (!it->is_number_integer() || it->get<int64_t>() <= 0) return IdInvalid(field);
  return it->get<int64_t>();
}

Result<int64_t> ReadOptionalId(const Json& object, std::string_view key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return int64_t{0};
  return ReadId(object, key);
}

Result<std::string> ReadText(const Json& object, std::string_view key) {
  KANGFU_ASSIGN_OR_RETURN(std::optional<std::string> text, ReadOptionalString(object, key, ""));
  return text.value_or("");
}

Result<std::vector<std::string>> ReadCodes(const Json& object, std::string_view key) {
  KANGFU_ASSIGN_OR_RETURN(const Json* array, ReadArray(object, key, "", true));
  std::vector<std::string> out;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const Json& item = (*array)[i];
    if (!item.is_string()) {
      const std::string field = Path(key, i);
      return Status::Invalid(field, "json.type", "“" + field + "”应为字符串");
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

OrderedJson OptDate(const std::optional<domain::Date>& d) {
  return d ? OrderedJson(d->ToString()) : OrderedJson();
}

}  // namespace

// --- requests ---

Result<ConfirmExecutionRequest> ParseConfirmExecutionRequest(std::string_view text) {
  KANGFU_ASSIGN_OR_RETURN(Json document, ParseObject(text));
  ConfirmExecutionRequest request;
  KANGFU_ASSIGN_OR_RETURN(request.version, ReadId(document, "version"));
  KANGFU_ASSIGN_OR_RETURN(request.done_on, ReadDate(document, "done_on", ""));
  KANGFU_ASSIGN_OR_RETURN(request.note, ReadText(document, "note"));
  return request;
}

Result<PlanEditRequest> ParsePlanEditRequest(std::string_view text) {
  KANGFU_ASSIGN_OR_RETURN(Json document, ParseObject(text));
  PlanEditRequest request;
  KANGFU_ASSIGN_OR_RETURN(request.version, ReadId(document, "version"));
  KANGFU_ASSIGN_OR_RETURN(std::string kind, ReadString(document, "kind", ""));
  if (kind == "add") {
    request.edit.kind = domain::PlanEditKind::kAdd;
  } else if (kind == "remove") {
    request.edit.kind = domain::PlanEditKind::kRemove;
  } else if (kind == "reschedule") {
    request.edit.kind = domain::PlanEditKind::kReschedule;
  } else {
    return Status::Invalid(
        "kind", "plan_edit.kind_unknown",
        "修改方式只能是 add（增加回访）、remove（取消回访）或 reschedule（调整时间）");
  }
  KANGFU_ASSIGN_OR_RETURN(request.edit.visit_key, ReadString(document, "visit_key", ""));
  KANGFU_ASSIGN_OR_RETURN(request.edit.title, ReadText(document, "title"));
  KANGFU_ASSIGN_OR_RETURN(request.edit.from, ReadOptionalDate(document, "from", ""));
  KANGFU_ASSIGN_OR_RETURN(request.edit.due, ReadOptionalDate(document, "due", ""));
  KANGFU_ASSIGN_OR_RETURN(int64_t responsible, ReadOptionalId(document, "responsible"));
  if (responsible != 0) request.edit.responsible = std::to_string(responsible);
  KANGFU_ASSIGN_OR_RETURN(request.edit.reason, ReadText(document, "reason"));
  return request;
}

Result<app::VisitInput> ParseVisitInput(std::string_view text) {
  KANGFU_ASSIGN_OR_RETURN(Json document, ParseObject(text));
  app::VisitInput input;
  KANGFU_ASSIGN_OR_RETURN(input.person_id, ReadId(document, "person_id"));
  KANGFU_ASSIGN_OR_RETURN(input.organ_id, ReadOptionalId(document, "organ_id"));
  KANGFU_ASSIGN_OR_RETURN(input.plan_key, ReadText(document, "plan_key"));
  KANGFU_ASSIGN_OR_RETURN(input.date, ReadDate(document, "date", ""));
  KANGFU_ASSIGN_OR_RETURN(const Json* visitors, ReadArray(document, "visitors", "", true));
  for (std::size_t i = 0; i < visitors->size(); ++i) {
    const Json& v = (*visitors)[i];
    if (!v.is_number_integer() || v.get<int64_t>() <= 0) return IdInvalid(Path("visitors", i));
    input.visitors.push_back(v.get<int64_t>());
  }
  KANGFU_ASSIGN_OR_RETURN(input.talked_with, ReadCodes(document, "talked_with"));
  KANGFU_ASSIGN_OR_RETURN(input.others_talked, ReadText(document, "others_talked"));
  KANGFU_ASSIGN_OR_RETURN(input.checked, ReadCodes(document, "checked"));
  KANGFU_ASSIGN_OR_RETURN(input.findings, ReadText(document, "findings"));
  KANGFU_ASSIGN_OR_RETURN(input.grade, ReadText(document, "grade"));
  KANGFU_ASSIGN_OR_RETURN(input.follow_up, ReadText(document, "follow_up"));
  KANGFU_ASSIGN_OR_RETURN(input.feedback, ReadText(document, "feedback"));
  KANGFU_ASSIGN_OR_RETURN(input.open_clue, ReadOptionalBool(document, "open_clue", "", false));
  return input;
}

Result<app::MentorInput> ParseMentorInput(std::string_view text) {
  KANGFU_ASSIGN_OR_RETURN(Json document, ParseObject(text));
  app::MentorInput input;
  KANGFU_ASSIGN_OR_RETURN(input.person_id, ReadId(document, "person_id"));
  KANGFU_ASSIGN_OR_RETURN(input.mentor_id, ReadId(document, "mentor_id"));
  KANGFU_ASSIGN_OR_RETURN(input.mentor_account_id, ReadOptionalId(document, "mentor_account_id"));
  KANGFU_ASSIGN_OR_RETURN(input.start, ReadDate(document, "start", ""));
  KANGFU_ASSIGN_OR_RETURN(input.end, ReadOptionalDate(document, "end", ""));
  return input;
}

Result<TalkRequest> ParseTalkRequest(std::string_view text) {
  KANGFU_ASSIGN_OR_RETURN(Json document, ParseObject(text));
  TalkRequest request;
  KANGFU_ASSIGN_OR_RETURN(request.date, ReadDate(document, "date", ""));
  KANGFU_ASSIGN_OR_RETURN(request.summary, ReadText(document, "summary"));
  return request;
}

Result<ReportRequest> ParseReportRequest(std::string_view text) {
  KANGFU_ASSIGN_OR_RETURN(Json document, ParseObject(text));
  ReportRequest request;
  KANGFU_ASSIGN_OR_RETURN(request.year, ReadInt(document, "year", ""));
  KANGFU_ASSIGN_OR_RETURN(request.half, ReadInt(document, "half", ""));
  KANGFU_ASSIGN_OR_RETURN(request.summary, ReadText(document, "summary"));
  return request;
}

Result<app::EscalationInput> ParseEscalationInput(std::string_view text) {
  KANGFU_ASSIGN_OR_RETURN(Json document, ParseObject(text));
  app::EscalationInput input;
  KANGFU_ASSIGN_OR_RETURN(input.person_id, ReadId(document, "person_id"));
  KANGFU_ASSIGN_OR_RETURN(input.assignment_id, ReadOptionalId(document, "assignment_id"));
  KANGFU_ASSIGN_OR_RETURN(input.kind, ReadString(document, "kind", ""));
  KANGFU_ASSIGN_OR_RETURN(input.opened_on, ReadDate(document, "opened_on", ""));
  KANGFU_ASSIGN_OR_RETURN(input.description, ReadText(document, "description"));
  return input;
}

Result<ResolveRequest> ParseResolveRequest(std::string_view text) {
  KANGFU_ASSIGN_OR_RETURN(Json document, ParseObject(text));
  ResolveRequest request;
  KANGFU_ASSIGN_OR_RETURN(request.version, ReadId(document, "version"));
  KANGFU_ASSIGN_OR_RETURN(request.resolved_on, ReadDate(document, "resolved_on", ""));
  KANGFU_ASSIGN_OR_RETURN(request.outcome, ReadString(document, "outcome", ""));
  KANGFU_ASSIGN_OR_RETURN(request.resolution, ReadText(document, "resolution"));
  return request;
}

Result<app::WorkbenchQuery> ParseWorkbenchParams(const std::map<std::string, std::string>& params,
                                                 domain::Date today) {
  app::WorkbenchQuery query;
  query.today = today;
  if (auto it = params.find("as_of"); it != params.end() && !it->second.empty()) {
    Result<domain::Date> date = domain::Date::Parse(it->second);
    if (!date.ok()) {
      return Status::Invalid("as_of", "param.date", "参数“as_of”应为日期（YYYY-MM-DD）");
    }
    query.today = *date;
  }
  if (auto it = params.find("kind"); it != params.end() && !it->second.empty()) {
    std::string_view rest = it->second;
    while (!rest.empty()) {
      const std::size_t comma = rest.find(',');
      const std::string_view code = rest.substr(0, comma);
      std::optional<domain::ReminderKind> kind = domain::ReminderKindFromCode(code);
      if (!kind) {
        return Status::Invalid("kind", "reminder.kind_unknown",
                               "事项类型“" + std::string(code) +
                                   "”无法识别，可选：visit、execution、mentor_first_talk、"
                                   "mentor_talk、mentor_report、escalation");
      }
      query.kinds.push_back(*kind);
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
  }
  if (auto it = params.find("overdue"); it != params.end() && !it->second.empty()) {
    if (it->second != "true" && it->second != "false") {
      return Status::Invalid("overdue", "param.boolean", "参数“overdue”应为 true 或 false");
    }
    query.overdue_only = it->second == "true";
  }
  if (auto it = params.find("limit"); it != params.end() && !it->second.empty()) {
    int64_t limit = 0;
    const std::string& t = it->second;
    auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), limit);
    if (ec != std::errc() || ptr != t.data() + t.size()) {
      return Status::Invalid("limit", "param.integer", "参数“limit”应为整数");
    }
    query.limit = limit;
  }
  return query;
}

Result<SettingRequest> ParseSettingRequest(std::string_view text) {
  KANGFU_ASSIGN_OR_RETURN(Json document, ParseObject(text));
  SettingRequest request;
  auto version = document.find("version");
  if (version == document.end() || !version->is_number_integer() || version->get<int64_t>() < 0) {
    return Status::Invalid("version", "json.type", "“version”应为读取时的版本号（首次保存时为 0）");
  }
  request.version = version->get<int64_t>();
  auto body = document.find("body");
  if (body == document.end() || !body->is_object()) {
    return Status::Invalid("body", "json.type", "“body”应为完整的文件内容（JSON 对象）");
  }
  request.body = body->dump();
  return request;
}

// --- responses ---

OrderedJson ExecutionItemToJson(const storage::ExecutionItemRow& item, domain::Date today) {
  return {{"id", item.id},
          {"case_id", item.case_id},
          {"person_id", item.person_id},
          {"code", item.code},
          {"title", item.title},
          {"basis", item.basis},
          {"due", item.due.ToString()},
          {"responsible_org", item.responsible_org},
          {"done_on", OptDate(item.done_on)},
          {"confirmed_by", item.confirmed_by},
          {"note", item.note},
          {"overdue", !item.done_on && today > item.due},
          {"version", item.version}};
}

namespace {
OrderedJson PlannedVisitToJson(const domain::PlannedVisit& v) {
  return {{"key", v.key},
          {"rule_id", v.rule_id},
          {"title", v.title},
          {"basis", v.basis},
          {"from", v.from.ToString()},
          {"due", v.due.ToString()},
          {"responsible", v.responsible},
          {"measure_ids", v.measure_ids},
          {"note", v.note}};
}
}  // namespace

OrderedJson VisitPlanToJson(const app::VisitPlanView& view) {
  OrderedJson plans = OrderedJson::array();
  for (const storage::VisitPlanRow& row : view.rows) {
    OrderedJson edits = OrderedJson::array();
    for (const storage::PlanEditRow& e : row.edits) {
      edits.push_back({{"kind", e.kind},
                       {"visit_key", e.visit_key},
                       {"title", e.title},
                       {"from", OptDate(e.from)},
                       {"due", OptDate(e.due)},
                       {"responsible_org",
                        e.responsible_org == 0 ? OrderedJson() : OrderedJson(e.responsible_org)},
                       {"reason", e.reason},
                       {"edited_by", e.edited_by},
                       {"edited_on", e.edited_on.ToString()}});
    }
    plans.push_back({{"id", row.id},
                     {"organ_id", row.organ_id},
                     {"imported_on", OptDate(row.imported_on)},
                     {"version", row.version},
                     {"edits", edits}});
  }
  OrderedJson visits = OrderedJson::array();
  for (std::size_t i = 0; i < view.plan.visits.size(); ++i) {
    OrderedJson v = PlannedVisitToJson(view.plan.visits[i]);
    v["fulfilled_on"] = i < view.fulfilled.size() ? OptDate(view.fulfilled[i]) : OrderedJson();
    visits.push_back(std::move(v));
  }
  OrderedJson skipped = OrderedJson::array();
  for (const domain::PlannedVisit& v : view.plan.skipped) skipped.push_back(PlannedVisitToJson(v));
  return {{"plans", plans}, {"visits", visits}, {"skipped", skipped}};
}

OrderedJson VisitToJson(const storage::VisitRow& visit) {
  std::optional<domain::VisitGrade> grade = domain::VisitGradeFromCode(visit.grade);
  return {
      {"id", visit.id},
      {"person_id", visit.person_id},
      {"organ_id", visit.organ_id},
      {"plan_key", visit.plan_key},
      {"date", visit.date.ToString()},
      {"visitors", visit.visitors},
      {"talked_with", visit.talked_with},
      {"others_talked", visit.others_talked},
      {"checked", visit.checked},
      {"findings", visit.findings},
      {"grade", visit.grade},
      {"grade_label", grade ? std::string(domain::VisitGradeLabel(*grade)) : ""},
      {"follow_up", visit.follow_up},
      {"feedback", visit.feedback},
      {"feedback_on", OptDate(visit.feedback_on)},
      {"clue_hold_id", visit.clue_hold_id == 0 ? OrderedJson() : OrderedJson(visit.clue_hold_id)},
      {"recorded_by", visit.recorded_by},
      {"version", visit.version}};
}

OrderedJson MentorToJson(const storage::MentorRow& mentor) {
  return {{"id", mentor.id},
          {"person_id", mentor.person_id},
          {"mentor_id", mentor.mentor_id},
          {"mentor_account_id",
           mentor.mentor_account_id == 0 ? OrderedJson() : OrderedJson(mentor.mentor_account_id)},
          {"assigned_by", mentor.assigned_by},
          {"start", mentor.start.ToString()},
          {"end", OptDate(mentor.end)},
          {"version", mentor.version}};
}

OrderedJson TalkToJson(const storage::TalkRow& talk) {
  return {{"id", talk.id}, {"date", talk.date.ToString()}, {"summary", talk.summary}};
}

OrderedJson ReportToJson(const storage::MentorReportRow& report) {
  return {{"id", report.id},
          {"year", report.year},
          {"half", report.half},
          {"label", domain::HalfYearLabel(report.year, report.half)},
          {"submitted", report.submitted.ToString()},
          {"summary", report.summary}};
}

OrderedJson MentoringToJson(const app::MentoringView& view) {
  OrderedJson out = MentorToJson(view.assignment);
  OrderedJson talks = OrderedJson::array();
  for (const storage::TalkRow& t : view.talks) talks.push_back(TalkToJson(t));
  OrderedJson reports = OrderedJson::array();
  for (const storage::MentorReportRow& r : view.reports) reports.push_back(ReportToJson(r));
  const domain::MentoringCompliance& c = view.compliance;
  OrderedJson halves = OrderedJson::array();
  for (const domain::HalfYearCompliance& h : c.half_years) {
    halves.push_back({{"year", h.year},
                      {"half", h.half},
                      {"label", domain::HalfYearLabel(h.year, h.half)},
                      {"talk_due", h.talk_due.ToString()},
                      {"talks", h.talks},
                      {"talk_met", h.talk_met},
                      {"talk_overdue", h.talk_overdue},
                      {"report_due", OptDate(h.report_due)},
                      {"report_submitted", OptDate(h.report_submitted)},
                      {"report_overdue", h.report_overdue}});
  }
  out["talks"] = talks;
  out["reports"] = reports;
  out["compliance"] = {
      {"first_talk_due", c.first_talk_due.ToString()},  {"first_talk", OptDate(c.first_talk)},
      {"first_talk_overdue", c.first_talk_overdue},     {"half_years_due", c.half_years_due},
      {"half_years_with_talk", c.half_years_with_talk}, {"half_years", halves}};
  return out;
}

OrderedJson EscalationToJson(const storage::EscalationRow& e, domain::Date today) {
  std::optional<domain::WarningSignKind> kind = domain::WarningSignFromCode(e.kind);
  return {{"id", e.id},
          {"person_id", e.person_id},
          {"assignment_id", e.assignment_id == 0 ? OrderedJson() : OrderedJson(e.assignment_id)},
          {"kind", e.kind},
          {"kind_label", kind ? std::string(domain::WarningSignLabel(*kind)) : ""},
          {"opened_on", e.opened_on.ToString()},
          {"description", e.description},
          {"responsible_org", e.responsible_org},
          {"due", e.due.ToString()},
          {"resolved_on", OptDate(e.resolved_on)},
          {"outcome", e.outcome.empty() ? OrderedJson() : OrderedJson(e.outcome)},
          {"resolution", e.resolution},
          {"overdue", !e.resolved_on && today > e.due},
          {"version", e.version}};
}

OrderedJson DigestSummaryToJson(
    std::optional<domain::Date> as_of,
    const std::vector<std::pair<domain::ReminderKind, app::ReminderCount>>& totals) {
  OrderedJson by_kind = OrderedJson::object();
  int64_t total = 0;
  int64_t overdue = 0;
  for (const auto& [kind, count] : totals) {
    by_kind[std::string(domain::ReminderKindCode(kind))] = {{"due", count.due},
                                                            {"overdue", count.overdue}};
    total += count.due + count.overdue;
    overdue += count.overdue;
  }
  OrderedJson out = OrderedJson::object();
  out["computed"] = as_of.has_value();
  out["as_of"] = OptDate(as_of);
  out["total"] = total;
  out["overdue"] = overdue;
  out["by_kind"] = std::move(by_kind);
  return out;
}

OrderedJson WorkbenchToJson(const app::Workbench& bench, domain::Date as_of) {
  OrderedJson by_kind = OrderedJson::object();
  for (const auto& [kind, n] : bench.by_kind) {
    by_kind[std::string(domain::ReminderKindCode(kind))] = n;
  }
  OrderedJson items = OrderedJson::array();
  for (const app::WorkbenchItem& item : bench.items) {
    const domain::Reminder& r = item.reminder;
    items.push_back({{"kind", std::string(domain::ReminderKindCode(r.kind))},
                     {"subject_id", item.subject_id},
                     {"subject_name", item.subject_name},
                     {"ref", r.ref},
                     {"due", r.due.ToString()},
                     {"overdue", r.overdue},
                     {"responsible", r.responsible},
                     {"title", r.title}});
  }
  OrderedJson problems = OrderedJson::array();
  for (const Status& p : bench.problems) {
    problems.push_back({{"code", p.reason()}, {"field", p.field()}, {"detail", p.message()}});
  }
  return {{"as_of", as_of.ToString()}, {"total", bench.total}, {"overdue", bench.overdue},
          {"by_kind", by_kind},        {"items", items},       {"problems", problems}};
}

}  // namespace kangfu::codec
