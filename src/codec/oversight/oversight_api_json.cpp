#include "codec/oversight/oversight_api_json.hpp"

#include <charconv>
#include <optional>

namespace kangfu::codec {
namespace {

namespace ov = domain::oversight;

Result<Json> ParseObject(std::string_view text) {
  KANGFU_ASSIGN_OR_RETURN(Json document, ParseJson(text));
  KANGFU_RETURN_IF_ERROR(RequireObject(document, ""));
  return document;
}

// A positive integer (ids, versions) at Path(base, key); 0 when absent or null and optional.
Result<int64_t> ReadId(const Json& object, std::string_view key, const std::string& base,
                       bool optional) {
  const std::string field = base.empty() ? std::string(key) : Path(base, key);
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    if (optional) return int64_t{0};
    return Status::Invalid(field, "json.missing", "缺少必填项“" + field + "”");
  }
  if (!it->is_number_integer() || it->get<int64_t>() <= 0) {
    return Status::Invalid(field, "json.type", "“" + field + "”应为正整数编号");
  }
  return it->get<int64_t>();
}

Result<std::string> ReadText(const Json& object, std::string_view key, const std::string& base) {
  KANGFU_ASSIGN_OR_RETURN(std::optional<std::string> text, ReadOptionalString(object, key, base));
  return text.value_or("");
}

Result<std::vector<std::string>> ReadStrings(const Json& object, std::string_view key,
                                             bool optional) {
  KANGFU_ASSIGN_OR_RETURN(const Json* array, ReadArray(object, key, "", optional));
  std::vector<std::string> out;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const Json& item = (*array)[i];
    if (!item.is_string()) {
      const std::string field = Path(std::string(key), i);
      return Status::Invalid(field, "json.type", "“" + field + "”应为文字");
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

Result<int64_t> ReadVersion(const Json& document, bool update) {
  if (!update) return int64_t{0};
  return ReadId(document, "version", "", false);
}

OrderedJson OptDate(const std::optional<domain::Date>& d) {
  return d ? OrderedJson(d->ToString()) : OrderedJson();
}
OrderedJson OptId(int64_t id) { return id != 0 ? OrderedJson(id) : OrderedJson(); }
OrderedJson OrNull(const std::string& text) {
  return text.empty() ? OrderedJson() : OrderedJson(text);
}
OrderedJson LabelOrNull(std::span<const ov::CodeLabel> table, const std::string& code) {
  std::string_view label = ov::LabelOf(table, code);
  return label.empty() ? OrderedJson() : OrderedJson(label);
}

Result<int64_t> IntParam(const std::string& text, const std::string& name) {
  int64_t value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) {
    return Status::Invalid(name, "param.integer", "参数“" + name + "”应为整数");
  }
  return value;
}

Result<bool> BoolParam(const std::string& text, const std::string& name) {
  if (text == "true") return true;
  if (text == "false") return false;
  return Status::Invalid(name, "param.boolean", "参数“" + name + "”应为 true 或 false");
}

Result<domain::Date> DateParam(const std::string& text, const std::string& name) {
  Result<domain::Date> date = domain::Date::Parse(text);
  if (!date.ok()) {
    return Status::Invalid(name, "param.date", "参数“" + name + "”应为日期（YYYY-MM-DD）");
  }
  return *date;
}

}  // namespace

Result<OversightBody<storage::ClueRow>> ParseClueBody(std::string_view text, bool update) {
  KANGFU_ASSIGN_OR_RETURN(Json document, ParseObject(text));
  OversightBody<storage::ClueRow> body;
  storage::ClueRow& c = body.row;
  KANGFU_ASSIGN_OR_RETURN(body.version, ReadVersion(document, update));
  if (!update) {
    KANGFU_ASSIGN_OR_RETURN(c.person_id, ReadId(document, "person_id", "", false));
  }
  KANGFU_ASSIGN_OR_RETURN(c.organ_id, ReadId(document, "organ_id", "", false));
  KANGFU_ASSIGN_OR_RETURN(c.source, ReadString(document, "source", ""));
  KANGFU_ASSIGN_OR_RETURN(c.summary, ReadString(document, "summary", ""));
  KANGFU_ASSIGN_OR_RETURN(c.received, ReadDate(document, "received", ""));
  KANGFU_ASSIGN_OR_RETURN(c.handling, ReadText(document, "handling", ""));
  KANGFU_ASSIGN_OR_RETURN(c.handling_date, ReadOptionalDate(document, "handling_date", ""));
  KANGFU_ASSIGN_OR_RETURN(c.replied_on, ReadOptionalDate(document, "replied_on", ""));
  KANGFU_ASSIGN_OR_RETURN(c.concluded_on, ReadOptionalDate(document, "concluded_on", ""));
  KANGFU_ASSIGN_OR_RETURN(c.conclusion, ReadText(document, "conclusion", ""));
  return body;
}

Result<OversightBody<storage::InterviewRow>> ParseInterviewBody(std::string_view text,
                                                                bool update) {
  KANGFU_ASSIGN_OR_RETURN(Json document, ParseObject(text));
  OversightBody<storage::InterviewRow> body;
  storage::InterviewRow& t = body.row;
  KANGFU_ASSIGN_OR_RETURN(body.version, ReadVersion(document, update));
  KANGFU_ASSIGN_OR_RETURN(t.organ_id, ReadId(document, "organ_id", "", false));
  KANGFU_ASSIGN_OR_RETURN(t.kind, ReadString(document, "kind", ""));
  KANGFU_ASSIGN_OR_RETURN(t.date, ReadDate(document, "date", ""));
  KANGFU_ASSIGN_OR_RETURN(const Json* interviewers, ReadArray(document, "interviewers", "", false));
  for (std::size_t i = 0; i < interviewers->size(); ++i) {
    const std::string base = Path("interviewers", i);
    const Json& item = (*interviewers)[i];
    KANGFU_RETURN_IF_ERROR(RequireObject(item, base));
    storage::InterviewerRow who;
    KANGFU_ASSIGN_OR_RETURN(who.account_id, ReadId(item, "account_id", base, true));
    KANGFU_ASSIGN_OR_RETURN(who.name, ReadText(item, "name", base));
    KANGFU_ASSIGN_OR_RETURN(who.post, ReadText(item, "post", base));
    t.interviewers.push_back(std::move(who));
  }
  KANGFU_ASSIGN_OR_RETURN(const Json* persons, ReadArray(document, "persons", "", false));
  for (std::size_t i = 0; i < persons->size(); ++i) {
    const std::string base = Path("persons", i);
    const Json& item = (*persons)[i];
    KANGFU_RETURN_IF_ERROR(RequireObject(item, base));
    storage::IntervieweeRow whom;
    KANGFU_ASSIGN_OR_RETURN(whom.person_id, ReadId(item, "person_id", base, false));
    KANGFU_ASSIGN_OR_RETURN(whom.principal_leader,
                            ReadOptionalBool(item, "principal_leader", base, false));
    KANGFU_ASSIGN_OR_RETURN(whom.led_org_id, ReadId(item, "led_org_id", base, true));
    t.interviewees.push_back(whom);
  }
  KANGFU_ASSIGN_OR_RETURN(t.topics, ReadString(document, "topics", ""));
  KANGFU_ASSIGN_OR_RETURN(t.follow_up, ReadText(document, "follow_up", ""));
  return body;
}

Result<OversightBody<storage::ClearanceRow>> ParseClearanceBody(std::string_view text,
                                                                bool update) {
  KANGFU_ASSIGN_OR_RETURN(Json document, ParseObject(text));
  OversightBody<storage::ClearanceRow> body;
  storage::ClearanceRow& c = body.row;
  KANGFU_ASSIGN_OR_RETURN(body.version, ReadVersion(document, update));
  if (!update) {
    KANGFU_ASSIGN_OR_RETURN(c.person_id, ReadId(document, "person_id", "", false));
  }
  KANGFU_ASSIGN_OR_RETURN(c.organ_id, ReadId(document, "organ_id", "", false));
  KANGFU_ASSIGN_OR_RETURN(c.clue_id, ReadId(document, "clue_id", "", true));
  KANGFU_ASSIGN_OR_RETURN(c.allegations, ReadStrings(document, "allegations", false));
  KANGFU_ASSIGN_OR_RETURN(c.conclusion, ReadString(document, "conclusion", ""));
  KANGFU_ASSIGN_OR_RETURN(c.trigger, ReadString(document, "trigger", ""));
  KANGFU_ASSIGN_OR_RETURN(c.approver, ReadString(document, "approver", ""));
  KANGFU_ASSIGN_OR_RETURN(c.methods, ReadStrings(document, "methods", true));
  KANGFU_ASSIGN_OR_RETURN(c.audience, ReadString(document, "audience", ""));
  KANGFU_ASSIGN_OR_RETURN(c.date, ReadDate(document, "date", ""));
  KANGFU_ASSIGN_OR_RETURN(c.referred, ReadOptionalBool(document, "referred", "", false));
  return body;
}

Result<OversightBody<storage::FaultToleranceRow>> ParseFaultToleranceBody(std::string_view text,
                                                                          bool update) {
  KANGFU_ASSIGN_OR_RETURN(Json document, ParseObject(text));
  OversightBody<storage::FaultToleranceRow> body;
  storage::FaultToleranceRow& f = body.row;
  KANGFU_ASSIGN_OR_RETURN(body.version, ReadVersion(document, update));
  if (!update) {
    KANGFU_ASSIGN_OR_RETURN(f.person_id, ReadId(document, "person_id", "", false));
  }
  KANGFU_ASSIGN_OR_RETURN(f.organ_id, ReadId(document, "organ_id", "", false));
  KANGFU_ASSIGN_OR_RETURN(f.measure_id, ReadId(document, "measure_id", "", true));
  KANGFU_ASSIGN_OR_RETURN(f.clue_id, ReadId(document, "clue_id", "", true));
  KANGFU_ASSIGN_OR_RETURN(f.allegation, ReadText(document, "allegation", ""));
  KANGFU_ASSIGN_OR_RETURN(f.ground, ReadString(document, "ground", ""));
  KANGFU_ASSIGN_OR_RETURN(f.decision, ReadString(document, "decision", ""));
  KANGFU_ASSIGN_OR_RETURN(f.approver, ReadString(document, "approver", ""));
  KANGFU_ASSIGN_OR_RETURN(f.date, ReadDate(document, "date", ""));
  KANGFU_ASSIGN_OR_RETURN(f.reason, ReadText(document, "reason", ""));
  return body;
}

Result<app::OversightListQuery> ParseOversightListParams(
    const std::map<std::string, std::string>& params) {
  app::OversightListQuery query;
  for (const auto& [name, value] : params) {
    if (name == "page") {
      KANGFU_ASSIGN_OR_RETURN(query.page, IntParam(value, name));
    } else if (name == "page_size") {
      KANGFU_ASSIGN_OR_RETURN(query.page_size, IntParam(value, name));
    } else if (name == "org_id") {
      KANGFU_ASSIGN_OR_RETURN(query.org_id, IntParam(value, name));
    } else if (name == "person_id") {
      KANGFU_ASSIGN_OR_RETURN(query.person_id, IntParam(value, name));
    } else if (name == "from" && !value.empty()) {
      KANGFU_ASSIGN_OR_RETURN(query.from, DateParam(value, name));
    } else if (name == "to" && !value.empty()) {
      KANGFU_ASSIGN_OR_RETURN(query.to, DateParam(value, name));
    } else if (name == "kind") {
      query.kind = value;
    } else if (name == "state") {
      query.state = value;
    } else if (name == "overdue") {
      KANGFU_ASSIGN_OR_RETURN(query.overdue, BoolParam(value, name));
    } else if (name == "principal") {
      KANGFU_ASSIGN_OR_RETURN(query.principal_only, BoolParam(value, name));
    }
  }
  return query;
}

OrderedJson ClueToJson(const app::ClueView& view) {
  const storage::ClueRow& c = view.row;
  OrderedJson json;
  json["id"] = c.id;
  json["person_id"] = c.person_id;
  json["person_name"] = view.person_name;
  json["organ_id"] = c.organ_id;
  json["organ_name"] = view.organ_name;
  json["source"] = c.source;
  json["source_label"] = LabelOrNull(ov::ClueSources(), c.source);
  json["summary"] = c.summary;
  json["received"] = c.received.ToString();
  json["handling"] = OrNull(c.handling);
  json["handling_label"] = LabelOrNull(ov::ClueHandlings(), c.handling);
  json["handling_date"] = OptDate(c.handling_date);
  json["reply_due"] = OptDate(c.reply_due);
  json["replied_on"] = OptDate(c.replied_on);
  json["reply_overdue"] = view.reply_overdue;
  json["state"] = c.state;
  json["state_label"] = LabelOrNull(ov::ClueStates(), c.state);
  json["concluded_on"] = OptDate(c.concluded_on);
  json["conclusion"] = c.conclusion;
  json["hold_id"] = OptId(c.hold_id);
  json["registered_by"] = c.registered_by;
  json["version"] = c.version;
  return json;
}

OrderedJson InterviewToJson(const app::InterviewView& view) {
  const storage::InterviewRow& t = view.row;
  OrderedJson json;
  json["id"] = t.id;
  json["organ_id"] = t.organ_id;
  json["organ_name"] = view.organ_name;
  json["kind"] = t.kind;
  json["kind_label"] = LabelOrNull(ov::InterviewKinds(), t.kind);
  json["date"] = t.date.ToString();
  OrderedJson interviewers = OrderedJson::array();
  for (const storage::InterviewerRow& who : t.interviewers) {
    OrderedJson item;
    item["account_id"] = OptId(who.account_id);
    item["name"] = who.name;
    item["post"] = who.post;
    interviewers.push_back(std::move(item));
  }
  json["interviewers"] = interviewers;
  OrderedJson persons = OrderedJson::array();
  bool principal = false;
  for (std::size_t i = 0; i < t.interviewees.size(); ++i) {
    const storage::IntervieweeRow& whom = t.interviewees[i];
    OrderedJson item;
    item["person_id"] = whom.person_id;
    item["name"] = i < view.person_names.size() ? view.person_names[i] : "";
    item["principal_leader"] = whom.principal_leader;
    item["led_org_id"] = OptId(whom.led_org_id);
    principal = principal || whom.principal_leader;
    persons.push_back(std::move(item));
  }
  json["persons"] = persons;
  json["principal_leader"] = principal;
  json["topics"] = t.topics;
  json["follow_up"] = t.follow_up;
  json["recorded_by"] = t.recorded_by;
  json["version"] = t.version;
  return json;
}

OrderedJson ClearanceToJson(const app::ClearanceView& view) {
  const storage::ClearanceRow& c = view.row;
  OrderedJson json;
  json["id"] = c.id;
  json["person_id"] = c.person_id;
  json["person_name"] = view.person_name;
  json["organ_id"] = c.organ_id;
  json["organ_name"] = view.organ_name;
  json["clue_id"] = OptId(c.clue_id);
  json["allegations"] = c.allegations;
  json["conclusion"] = c.conclusion;
  json["conclusion_label"] = LabelOrNull(ov::ClearanceConclusions(), c.conclusion);
  json["trigger"] = c.trigger;
  json["trigger_label"] = LabelOrNull(ov::ClearanceTriggers(), c.trigger);
  json["approver"] = c.approver;
  json["methods"] = c.methods;
  OrderedJson labels = OrderedJson::array();
  for (const std::string& m : c.methods) labels.push_back(LabelOrNull(ov::ClearanceMethods(), m));
  json["method_labels"] = labels;
  json["audience"] = c.audience;
  json["date"] = c.date.ToString();
  json["referred"] = c.referred;
  json["recorded_by"] = c.recorded_by;
  json["version"] = c.version;
  return json;
}

OrderedJson FaultToleranceToJson(const app::FaultToleranceView& view) {
  const storage::FaultToleranceRow& f = view.row;
  OrderedJson json;
  json["id"] = f.id;
  json["person_id"] = f.person_id;
  json["person_name"] = view.person_name;
  json["organ_id"] = f.organ_id;
  json["organ_name"] = view.organ_name;
  json["measure_id"] = OptId(f.measure_id);
  json["measure_kind"] = OrNull(view.measure_kind);
  json["decision_number"] = OrNull(view.decision_number);
  json["clue_id"] = OptId(f.clue_id);
  json["allegation"] = f.allegation;
  json["ground"] = f.ground;
  json["ground_label"] = LabelOrNull(ov::ThreeDistinctions(), f.ground);
  json["decision"] = f.decision;
  json["decision_label"] = LabelOrNull(ov::FaultToleranceDecisions(), f.decision);
  json["approver"] = f.approver;
  json["date"] = f.date.ToString();
  json["reason"] = f.reason;
  json["recorded_by"] = f.recorded_by;
  json["version"] = f.version;
  return json;
}

OrderedJson PersonOversightToJson(const app::PersonOversight& records) {
  OrderedJson json;
  json["person_id"] = records.person_id;
  json["clues_included"] = records.clues_included;
  json["interviews_included"] = records.interviews_included;
  OrderedJson clues = OrderedJson::array();
  for (const app::ClueView& v : records.clues) clues.push_back(ClueToJson(v));
  json["clues"] = clues;
  OrderedJson clearances = OrderedJson::array();
  for (const app::ClearanceView& v : records.clearances) clearances.push_back(ClearanceToJson(v));
  json["clearances"] = clearances;
  OrderedJson tolerance = OrderedJson::array();
  for (const app::FaultToleranceView& v : records.fault_tolerance) {
    tolerance.push_back(FaultToleranceToJson(v));
  }
  json["fault_tolerance"] = tolerance;
  OrderedJson interviews = OrderedJson::array();
  for (const app::InterviewView& v : records.interviews) interviews.push_back(InterviewToJson(v));
  json["interviews"] = interviews;
  return json;
}

}  // namespace kangfu::codec
