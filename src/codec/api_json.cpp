#include "codec/api_json.hpp"

#include <array>
#include <charconv>
#include <utility>

#include "core/json_writer.hpp"
#include "domain/oversight/oversight.hpp"

namespace kangfu::codec {
namespace {

using domain::Date;

OrderedJson DateOrNull(const std::optional<Date>& date) {
  return date ? OrderedJson(date->ToString()) : OrderedJson(nullptr);
}
OrderedJson IdOrNull(storage::RowId id) { return id != 0 ? OrderedJson(id) : OrderedJson(nullptr); }
OrderedJson IntOrNull(const std::optional<int>& value) {
  return value ? OrderedJson(*value) : OrderedJson(nullptr);
}

// A positive 64-bit integer member (ids and versions).
Result<int64_t> ReadId(const Json& object, std::string_view key, const std::string& path) {
  const std::string field = Path(path, key);
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    return Status::Invalid(field, "json.missing", "缺少必填项“" + field + "”");
  }
  if (!it->is_number_integer() || it->get<int64_t>() < 1) {
    return Status::Invalid(field, "json.type", "“" + field + "”应为正整数");
  }
  return it->get<int64_t>();
}

Result<Json> ParseObject(std::string_view text) {
  KANGFU_ASSIGN_OR_RETURN(Json document, ParseJson(text));
  KANGFU_RETURN_IF_ERROR(RequireObject(document, ""));
  return document;
}

Result<int64_t> ParseIntParam(const std::string& text, const std::string& name) {
  int64_t value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) {
    return Status::Invalid(name, "param.integer", "参数“" + name + "”应为整数");
  }
  return value;
}

Result<bool> ParseBoolParam(const std::string& text, const std::string& name) {
  if (text == "true") return true;
  if (text == "false") return false;
  return Status::Invalid(name, "param.boolean", "参数“" + name + "”应为 true 或 false");
}

OrderedJson ErrorToJson(const Status& status) {
  OrderedJson error;
  error["code"] = status.reason();
  error["field"] = status.field();
  error["detail"] = status.message();
  return error;
}

}  // namespace

Result<std::vector<domain::Action>> ParseActionList(std::string_view text,
                                                    const std::string& field) {
  std::vector<domain::Action> actions;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    const std::string code(text.substr(start, comma - start));
    if (!code.empty()) {
      KANGFU_ASSIGN_OR_RETURN(domain::Action action, ParseActionCode(code, field));
      actions.push_back(action);
    }
    start = comma + 1;
  }
  if (actions.empty()) {
    return Status::Invalid(field, "json.missing", "请至少选择一项要查询的事项（" + field + "）");
  }
  return actions;
}

Result<BatchStatusRequest> ParseBatchStatusRequest(std::string_view text) {
  KANGFU_ASSIGN_OR_RETURN(Json document, ParseObject(text));
  BatchStatusRequest request;
  KANGFU_ASSIGN_OR_RETURN(request.as_of, ReadDate(document, "as_of", ""));
  KANGFU_ASSIGN_OR_RETURN(const Json* actions, ReadArray(document, "actions", "", false));
  for (std::size_t i = 0; i < actions->size(); ++i) {
    const std::string field = Path("actions", i);
    if (!(*actions)[i].is_string()) {
      return Status::Invalid(field, "json.type", "“" + field + "”应为字符串");
    }
    KANGFU_ASSIGN_OR_RETURN(domain::Action action,
                            ParseActionCode((*actions)[i].get<std::string>(), field));
    request.actions.push_back(action);
  }
  KANGFU_ASSIGN_OR_RETURN(const Json* numbers, ReadArray(document, "id_numbers", "", false));
  for (std::size_t i = 0; i < numbers->size(); ++i) {
    const std::string field = Path("id_numbers", i);
    if (!(*numbers)[i].is_string()) {
      return Status::Invalid(field, "json.type", "“" + field + "”应为字符串");
    }
    request.id_numbers.push_back((*numbers)[i].get<std::string>());
  }
  return request;
}

Result<app::MeasureInput> ParseMeasureInput(const Json& object, const std::string& path) {
  KANGFU_RETURN_IF_ERROR(RequireObject(object, path));
  app::MeasureInput measure;
  KANGFU_ASSIGN_OR_RETURN(measure.kind, ReadString(object, "kind", path));
  KANGFU_ASSIGN_OR_RETURN(measure.effective, ReadDate(object, "effective", path));
  KANGFU_ASSIGN_OR_RETURN(measure.term_months, ReadOptionalInt(object, "term_months", path));
  KANGFU_ASSIGN_OR_RETURN(measure.extended_on, ReadOptionalDate(object, "extended_on", path));
  if (object.contains("outcome") && !object["outcome"].is_null()) {
    KANGFU_ASSIGN_OR_RETURN(measure.outcome,
                            ParseProbationOutcome(object["outcome"], Path(path, "outcome")));
  }
  KANGFU_ASSIGN_OR_RETURN(measure.ended, ReadOptionalDate(object, "ended", path));
  KANGFU_ASSIGN_OR_RETURN(measure.period_months, ReadOptionalInt(object, "period_months", path));
  return measure;
}

namespace {

Result<storage::Discipline> ReadDiscipline(const Json& document) {
  KANGFU_ASSIGN_OR_RETURN(std::string discipline, ReadString(document, "discipline", ""));
  std::optional<storage::Discipline> d = storage::DisciplineFromCode(discipline);
  if (!d) {
    return Status::Invalid("discipline", "case.discipline",
                           "违纪类别“" + discipline +
                               "”无效，可选：political（政治纪律）、organisational（组织纪律）、"
                               "integrity（廉洁纪律）、masses（群众纪律）、work（工作纪律）、"
                               "life（生活纪律）");
  }
  return *d;
}

Result<storage::CaseSource> ReadSource(const Json& document) {
  KANGFU_ASSIGN_OR_RETURN(std::string source, ReadString(document, "source", ""));
  std::optional<storage::CaseSource> s = storage::CaseSourceFromCode(source);
  if (!s) {
    return Status::Invalid("source", "case.source",
                           "案件来源“" + source +
                               "”无效，可选：self_report（主动说明问题）、petition（信访举报）、"
                               "inspection（巡视巡察）、audit（审计）、supervision（监督检查）、"
                               "other（其他）");
  }
  return *s;
}

Status ReadMeasures(const Json& document, app::CaseInput* input) {
  KANGFU_ASSIGN_OR_RETURN(const Json* measures, ReadArray(document, "measures", "", false));
  for (std::size_t i = 0; i < measures->size(); ++i) {
    KANGFU_ASSIGN_OR_RETURN(app::MeasureInput measure,
                            ParseMeasureInput((*measures)[i], Path("measures", i)));
    input->measures.push_back(std::move(measure));
  }
  return Status::Ok();
}

bool Present(const Json& object, std::string_view key) {
  auto it = object.find(key);
  return it != object.end() && !it->is_null();
}

}  // namespace

Result<app::CaseInput> ParseCaseInput(std::string_view text) {
  KANGFU_ASSIGN_OR_RETURN(Json document, ParseObject(text));
  app::CaseInput input;
  KANGFU_ASSIGN_OR_RETURN(input.person_id, ReadId(document, "person_id", ""));
  KANGFU_ASSIGN_OR_RETURN(input.organ_id, ReadId(document, "organ_id", ""));
  KANGFU_ASSIGN_OR_RETURN(input.decision_number, ReadString(document, "decision_number", ""));
  KANGFU_ASSIGN_OR_RETURN(input.decision_date, ReadDate(document, "decision_date", ""));
  KANGFU_ASSIGN_OR_RETURN(input.discipline, ReadDiscipline(document));
  KANGFU_ASSIGN_OR_RETURN(input.source, ReadSource(document));
  KANGFU_RETURN_IF_ERROR(ReadMeasures(document, &input));
  return input;
}

Result<app::CaseInput> ParseCasePreviewInput(std::string_view text) {
  KANGFU_ASSIGN_OR_RETURN(Json document, ParseObject(text));
  app::CaseInput input;
  if (Present(document, "person_id")) {
    KANGFU_ASSIGN_OR_RETURN(input.person_id, ReadId(document, "person_id", ""));
  }
  if (Present(document, "organ_id")) {
    KANGFU_ASSIGN_OR_RETURN(input.organ_id, ReadId(document, "organ_id", ""));
  }
  KANGFU_ASSIGN_OR_RETURN(std::optional<std::string> number,
                          ReadOptionalString(document, "decision_number", ""));
  input.decision_number = number.value_or("");
  KANGFU_ASSIGN_OR_RETURN(std::optional<Date> decided,
                          ReadOptionalDate(document, "decision_date", ""));
  if (Present(document, "discipline")) {
    KANGFU_ASSIGN_OR_RETURN(input.discipline, ReadDiscipline(document));
  }
  if (Present(document, "source")) {
    KANGFU_ASSIGN_OR_RETURN(input.source, ReadSource(document));
  }
  KANGFU_RETURN_IF_ERROR(ReadMeasures(document, &input));
  if (decided) {
    input.decision_date = *decided;
  } else if (!input.measures.empty()) {
    input.decision_date = input.measures.front().effective;
  }
  return input;
}

namespace {

Result<app::PersonInput> ReadPersonInput(const Json& document) {
  app::PersonInput person;
  KANGFU_ASSIGN_OR_RETURN(person.id_number, ReadString(document, "id_number", ""));
  KANGFU_ASSIGN_OR_RETURN(person.name, ReadString(document, "name", ""));
  KANGFU_ASSIGN_OR_RETURN(person.unit_id, ReadId(document, "unit_id", ""));
  KANGFU_ASSIGN_OR_RETURN(std::optional<std::string> post,
                          ReadOptionalString(document, "post", ""));
  person.post = post.value_or("");
  KANGFU_ASSIGN_OR_RETURN(std::optional<std::string> level,
                          ReadOptionalString(document, "post_level", ""));
  person.post_level = level.value_or("");
  KANGFU_ASSIGN_OR_RETURN(person.party_member,
                          ReadOptionalBool(document, "party_member", "", false));
  KANGFU_ASSIGN_OR_RETURN(person.civil_servant,
                          ReadOptionalBool(document, "civil_servant", "", false));
  KANGFU_ASSIGN_OR_RETURN(person.leading_cadre,
                          ReadOptionalBool(document, "leading_cadre", "", false));
  return person;
}

}  // namespace

Result<app::PersonInput> ParsePersonInput(std::string_view text) {
  KANGFU_ASSIGN_OR_RETURN(Json document, ParseObject(text));
  return ReadPersonInput(document);
}

Result<PersonUpdateRequest> ParsePersonUpdateRequest(std::string_view text) {
  KANGFU_ASSIGN_OR_RETURN(Json document, ParseObject(text));
  PersonUpdateRequest request;
  KANGFU_ASSIGN_OR_RETURN(request.version, ReadId(document, "version", ""));
  KANGFU_ASSIGN_OR_RETURN(request.person, ReadPersonInput(document));
  return request;
}

Result<StatusParams> ParseStatusParams(const std::map<std::string, std::string>& params) {
  StatusParams parsed;
  if (auto as_of = params.find("as_of"); as_of != params.end()) {
    Result<Date> date = Date::Parse(as_of->second);
    if (!date.ok()) {
      Status status = std::move(date).TakeStatus();
      return std::move(status.PrefixField("as_of"));
    }
    parsed.as_of = *date;
  }
  auto action = params.find("action");
  KANGFU_ASSIGN_OR_RETURN(
      parsed.actions,
      ParseActionList(action == params.end() ? std::string_view() : action->second, "action"));
  return parsed;
}

Result<AddMeasureRequest> ParseAddMeasureRequest(std::string_view text) {
  KANGFU_ASSIGN_OR_RETURN(Json document, ParseObject(text));
  AddMeasureRequest request;
  KANGFU_ASSIGN_OR_RETURN(request.case_version, ReadId(document, "case_version", ""));
  KANGFU_ASSIGN_OR_RETURN(request.measure, ParseMeasureInput(document, ""));
  return request;
}

Result<OutcomeRequest> ParseOutcomeRequest(std::string_view text) {
  KANGFU_ASSIGN_OR_RETURN(Json document, ParseObject(text));
  OutcomeRequest request;
  KANGFU_ASSIGN_OR_RETURN(request.version, ReadId(document, "version", ""));
  KANGFU_ASSIGN_OR_RETURN(request.outcome, ParseProbationOutcome(document, ""));
  return request;
}

Result<int64_t> ParseVersionRequest(std::string_view text) {
  KANGFU_ASSIGN_OR_RETURN(Json document, ParseObject(text));
  return ReadId(document, "version", "");
}

Result<OpenHoldRequest> ParseOpenHoldRequest(std::string_view text) {
  KANGFU_ASSIGN_OR_RETURN(Json document, ParseObject(text));
  OpenHoldRequest request;
  KANGFU_ASSIGN_OR_RETURN(std::string kind, ReadString(document, "kind", ""));
  std::optional<storage::HoldKind> hold_kind = storage::HoldKindFromCode(kind);
  if (!hold_kind) {
    return Status::Invalid(
        "kind", "hold.unknown_kind",
        "暂缓事项类型“" + kind +
            "”无效，可选：clue_verification（问题线索初步核实中）、case_review（立案审查调查中）");
  }
  request.kind = *hold_kind;
  KANGFU_ASSIGN_OR_RETURN(request.from, ReadDate(document, "from", ""));
  return request;
}

Result<CloseHoldRequest> ParseCloseHoldRequest(std::string_view text) {
  KANGFU_ASSIGN_OR_RETURN(Json document, ParseObject(text));
  CloseHoldRequest request;
  KANGFU_ASSIGN_OR_RETURN(request.version, ReadId(document, "version", ""));
  KANGFU_ASSIGN_OR_RETURN(request.to, ReadDate(document, "to", ""));
  return request;
}

Result<app::PersonListQuery> ParsePersonListParams(
    const std::map<std::string, std::string>& params) {
  app::PersonListQuery query;
  for (const auto& [name, value] : params) {
    if (name == "page") {
      KANGFU_ASSIGN_OR_RETURN(query.page, ParseIntParam(value, name));
    } else if (name == "page_size") {
      KANGFU_ASSIGN_OR_RETURN(query.page_size, ParseIntParam(value, name));
    } else if (name == "unit_id") {
      KANGFU_ASSIGN_OR_RETURN(query.unit_id, ParseIntParam(value, name));
    } else if (name == "name") {
      query.name_contains = value;
    } else if (name == "party_member") {
      KANGFU_ASSIGN_OR_RETURN(query.party_member, ParseBoolParam(value, name));
    } else if (name == "leading_cadre") {
      KANGFU_ASSIGN_OR_RETURN(query.leading_cadre, ParseBoolParam(value, name));
    } else if (name == "sort") {
      if (value == "name") {
        query.sort = storage::PersonSort::kName;
      } else if (value == "id") {
        query.sort = storage::PersonSort::kId;
      } else {
        return Status::Invalid(
            "sort", "param.sort",
            "排序方式“" + value + "”无效，可选：name（按姓名）、id（按录入顺序）");
      }
    }
  }
  return query;
}

namespace {

void WriteDateOrNull(JsonWriter& json, const std::optional<Date>& date) {
  if (date) {
    json.String(date->ToString());
  } else {
    json.Null();
  }
}

void WriteIdOrNull(JsonWriter& json, storage::RowId id) {
  if (id != 0) {
    json.Int(id);
  } else {
    json.Null();
  }
}

void WriteStatus(JsonWriter& json, const app::PersonStatus& status) {
  json.BeginObject();
  json.Key("person").BeginObject();
  json.Key("id").Int(status.person_id);
  json.Key("name").String(status.name);
  json.Key("id_number").String(status.id_number);
  json.EndObject();
  json.Key("as_of").String(status.as_of.ToString());
  json.Key("facts_included").Bool(status.facts_included);
  json.Key("answers").BeginArray();
  for (const app::ActionStatus& a : status.actions) {
    json.BeginObject();
    json.Key("action").String(domain::ActionCode(a.action));
    json.Key("action_label").String(domain::ActionLabel(a.action));
    json.Key("verdict").String(domain::VerdictCode(a.verdict));
    json.Key("verdict_label").String(domain::VerdictLabel(a.verdict));
    WriteDateOrNull(json.Key("allowed_from"), a.allowed_from);
    json.Key("summary").String(a.summary);
    if (status.facts_included) {
      json.Key("restrictions").BeginArray();
      for (const app::RestrictionFact& f : a.restrictions) {
        json.BeginObject();
        json.Key("measure_id").Int(f.measure_id);
        json.Key("measure_kind").String(f.measure_kind);
        json.Key("measure_name").String(f.measure_name);
        json.Key("case_id").Int(f.case_id);
        json.Key("decision_number").String(f.decision_number);
        json.Key("from").String(f.from.ToString());
        WriteDateOrNull(json.Key("to"), f.to);
        json.Key("basis").String(f.basis);
        json.EndObject();
      }
      json.EndArray();
      json.Key("holds").BeginArray();
      for (const app::HoldFact& h : a.holds) {
        json.BeginObject();
        WriteIdOrNull(json.Key("hold_id"), h.hold_id);
        WriteIdOrNull(json.Key("measure_id"), h.measure_id);
        json.Key("kind").String(h.kind);
        json.Key("label").String(h.label);
        json.Key("from").String(h.from.ToString());
        WriteDateOrNull(json.Key("to"), h.to);
        json.EndObject();
      }
      json.EndArray();
    }
    json.EndObject();
  }
  json.EndArray();
  if (status.facts_included && !status.exemptions.empty()) {
    // 容错纠错 免责 decisions the engine honoured (the measure produces no restriction); present
    // only when there is one.
    json.Key("exemptions").BeginArray();
    for (const app::ExemptionFact& e : status.exemptions) {
      json.BeginObject();
      json.Key("fault_tolerance_id").Int(e.fault_tolerance_id);
      json.Key("measure_id").Int(e.measure_id);
      json.Key("measure_kind").String(e.measure_kind);
      json.Key("decision_number").String(e.decision_number);
      json.Key("ground").String(e.ground);
      json.Key("ground_label").String(e.ground_label);
      json.Key("approver").String(e.approver);
      json.Key("date").String(e.date.ToString());
      json.EndObject();
    }
    json.EndArray();
  }
  json.EndObject();
}

}  // namespace

std::string PersonStatusJson(const app::PersonStatus& status) {
  std::string out;
  out.reserve(512);
  JsonWriter json(out);
  WriteStatus(json, status);
  return out;
}

std::string BatchJson(const std::vector<app::BatchItem>& items) {
  std::string out;
  JsonWriter json(out);
  json.BeginObject().Key("results").BeginArray();
  for (const app::BatchItem& item : items) {
    json.BeginObject();
    json.Key("id_number").String(item.id_number);
    if (item.status.ok()) {
      WriteStatus(json.Key("status"), item.status.value());
    } else {
      json.Key("error").Raw(ErrorToJson(item.status.status()).dump());
    }
    json.EndObject();
  }
  json.EndArray().EndObject();
  return out;
}

OrderedJson PersonToJson(const storage::Person& person) {
  OrderedJson json;
  json["id"] = person.id;
  json["id_number"] = person.id_number;
  json["name"] = person.name;
  json["unit_id"] = person.unit_id;
  json["post"] = person.post;
  json["post_level"] = person.post_level;
  json["party_member"] = person.party_member;
  json["civil_servant"] = person.civil_servant;
  json["leading_cadre"] = person.leading_cadre;
  json["version"] = person.version;
  return json;
}

OrderedJson MeasureToJson(const storage::Measure& m) {
  OrderedJson json;
  json["id"] = m.id;
  json["case_id"] = m.case_id;
  json["kind"] = m.kind;
  json["effective"] = m.effective.ToString();
  json["term_months"] = IntOrNull(m.term_months);
  json["extended_on"] = DateOrNull(m.extended_on);
  if (m.outcome && m.outcome_date) {
    OrderedJson outcome;
    outcome["kind"] = *m.outcome == storage::OutcomeKind::kRestored ? "restored" : "expelled";
    outcome["date"] = m.outcome_date->ToString();
    json["outcome"] = outcome;
  } else {
    json["outcome"] = nullptr;
  }
  json["ended"] = DateOrNull(m.ended);
  json["period_months"] = IntOrNull(m.period_months);
  json["revoked"] = m.revoked;
  json["version"] = m.version;
  return json;
}

OrderedJson HoldToJson(const storage::Hold& hold) {
  OrderedJson json;
  json["id"] = hold.id;
  json["person_id"] = hold.person_id;
  json["kind"] = storage::HoldKindCode(hold.kind);
  json["from"] = hold.from.ToString();
  json["to"] = DateOrNull(hold.to);
  json["version"] = hold.version;
  return json;
}

OrderedJson RecordedCaseToJson(const app::RecordedCase& recorded) {
  const storage::Case& c = recorded.record;
  OrderedJson json;
  json["id"] = c.id;
  json["person_id"] = c.person_id;
  json["organ_id"] = c.organ_id;
  json["unit_id"] = c.unit_id;
  json["decision_number"] = c.decision_number;
  json["decision_date"] = c.decision_date.ToString();
  json["discipline"] = storage::DisciplineCode(c.discipline);
  json["discipline_label"] = storage::DisciplineLabel(c.discipline);
  json["source"] = storage::CaseSourceCode(c.source);
  json["source_label"] = storage::CaseSourceLabel(c.source);
  json["form"] = c.form;
  json["version"] = c.version;
  OrderedJson measures = OrderedJson::array();
  for (const storage::Measure& m : recorded.measures) measures.push_back(MeasureToJson(m));
  json["measures"] = measures;
  return json;
}

OrderedJson CasePreviewToJson(const app::CasePreview& preview) {
  OrderedJson json;
  json["form"] = preview.form;
  OrderedJson restrictions = OrderedJson::array();
  for (const app::PreviewRestriction& r : preview.restrictions) {
    OrderedJson item;
    item["measure_index"] = r.measure_index;
    item["action"] = domain::ActionCode(r.action);
    item["from"] = r.from.ToString();
    item["to"] = DateOrNull(r.to);
    item["basis"] = r.basis;
    restrictions.push_back(std::move(item));
  }
  json["restrictions"] = restrictions;
  return json;
}

OrderedJson PersonListToJson(const app::PersonList& list) {
  OrderedJson json;
  OrderedJson items = OrderedJson::array();
  for (const storage::Person& p : list.items) items.push_back(PersonToJson(p));
  json["items"] = items;
  json["total"] = list.total;
  json["page"] = list.page;
  json["page_size"] = list.page_size;
  return json;
}

OrderedJson OrganisationTreeToJson(const std::vector<storage::Organisation>& orgs) {
  // Children follow their parent in path order; build bottom-up so that each node is complete
  // before it is attached.
  std::vector<OrderedJson> nodes(orgs.size());
  for (std::size_t i = 0; i < orgs.size(); ++i) {
    OrderedJson& node = nodes[i];
    node["id"] = orgs[i].id;
    node["parent_id"] = IdOrNull(orgs[i].parent_id);
    node["name"] = orgs[i].name;
    node["level"] = storage::OrgLevelCode(orgs[i].level);
    node["version"] = orgs[i].version;
    node["children"] = OrderedJson::array();
  }
  std::map<storage::RowId, std::size_t> index;
  for (std::size_t i = 0; i < orgs.size(); ++i) index[orgs[i].id] = i;
  std::vector<bool> attached(orgs.size(), false);
  for (std::size_t i = orgs.size(); i-- > 0;) {
    auto parent = index.find(orgs[i].parent_id);
    if (parent != index.end() && parent->second < i) {
      auto& children = nodes[parent->second]["children"];
      children.insert(children.begin(), std::move(nodes[i]));
      attached[i] = true;
    }
  }
  OrderedJson roots = OrderedJson::array();
  for (std::size_t i = 0; i < orgs.size(); ++i) {
    if (!attached[i]) roots.push_back(std::move(nodes[i]));
  }
  return roots;
}

OrderedJson PersonFileToJson(const app::PersonFile& file) {
  OrderedJson json;
  json["person"] = PersonToJson(file.person);
  OrderedJson unit;
  unit["id"] = file.unit.id;
  unit["name"] = file.unit.name;
  json["unit"] = unit;
  OrderedJson cases = OrderedJson::array();
  for (const app::RecordedCase& c : file.cases) cases.push_back(RecordedCaseToJson(c));
  json["cases"] = cases;
  OrderedJson holds = OrderedJson::array();
  for (const storage::Hold& h : file.holds) holds.push_back(HoldToJson(h));
  json["holds"] = holds;
  // 容错纠错 and 澄清正名 (readers of oversight records only; empty lists otherwise).
  OrderedJson tolerance = OrderedJson::array();
  for (const storage::FaultToleranceRow& f : file.fault_tolerance) {
    OrderedJson item;
    item["id"] = f.id;
    item["measure_id"] = IdOrNull(f.measure_id);
    item["clue_id"] = IdOrNull(f.clue_id);
    item["allegation"] = f.allegation;
    item["ground"] = f.ground;
    item["ground_label"] =
        domain::oversight::LabelOf(domain::oversight::ThreeDistinctions(), f.ground);
    item["decision"] = f.decision;
    item["decision_label"] =
        domain::oversight::LabelOf(domain::oversight::FaultToleranceDecisions(), f.decision);
    item["approver"] = f.approver;
    item["date"] = f.date.ToString();
    tolerance.push_back(std::move(item));
  }
  json["fault_tolerance"] = tolerance;
  OrderedJson clearances = OrderedJson::array();
  for (const storage::ClearanceRow& c : file.clearances) {
    OrderedJson item;
    item["id"] = c.id;
    item["allegations"] = c.allegations;
    item["conclusion"] = c.conclusion;
    item["conclusion_label"] =
        domain::oversight::LabelOf(domain::oversight::ClearanceConclusions(), c.conclusion);
    item["approver"] = c.approver;
    item["date"] = c.date.ToString();
    clearances.push_back(std::move(item));
  }
  json["clearances"] = clearances;
  return json;
}

namespace {

OrderedJson CodeLabel(std::string_view code, std::string_view label) {
  OrderedJson json;
  json["code"] = code;
  json["label"] = label;
  return json;
}

constexpr std::array<storage::Discipline, 6> kDisciplines = {
    storage::Discipline::kPolitical, storage::Discipline::kOrganisational,
    storage::Discipline::kIntegrity, storage::Discipline::kMasses,
    storage::Discipline::kWork,      storage::Discipline::kLife};
constexpr std::array<storage::CaseSource, 6> kSources = {
    storage::CaseSource::kSelfReport,  storage::CaseSource::kPetition,
    storage::CaseSource::kInspection,  storage::CaseSource::kAudit,
    storage::CaseSource::kSupervision, storage::CaseSource::kOther};
constexpr std::array<domain::HoldKind, 2> kHoldKinds = {domain::HoldKind::kClueVerification,
                                                        domain::HoldKind::kCaseReview};

}  // namespace

OrderedJson CatalogueSummaryToJson(const domain::Catalogue& catalogue) {
  OrderedJson json;
  OrderedJson measures = OrderedJson::array();
  for (const domain::MeasureKind& kind : catalogue.kinds()) {
    OrderedJson item;
    item["code"] = kind.code;
    item["name"] = kind.name;
    item["family"] = domain::FamilyCode(kind.family);
    item["form"] = kind.form;
    item["effect"] = domain::EffectCode(kind.effect);
    item["stated_period"] = kind.stated_period;
    item["probation_terms"] =
        kind.probation ? OrderedJson(kind.probation->terms) : OrderedJson::array();
    item["basis"] = kind.basis;
    measures.push_back(std::move(item));
  }
  json["measures"] = measures;
  OrderedJson actions = OrderedJson::array();
  for (domain::Action action : domain::kAllActions) {
    actions.push_back(CodeLabel(domain::ActionCode(action), domain::ActionLabel(action)));
  }
  json["actions"] = actions;
  OrderedJson disciplines = OrderedJson::array();
  for (storage::Discipline d : kDisciplines) {
    disciplines.push_back(CodeLabel(storage::DisciplineCode(d), storage::DisciplineLabel(d)));
  }
  json["disciplines"] = disciplines;
  OrderedJson sources = OrderedJson::array();
  for (storage::CaseSource source : kSources) {
    sources.push_back(CodeLabel(storage::CaseSourceCode(source), storage::CaseSourceLabel(source)));
  }
  json["sources"] = sources;
  OrderedJson holds = OrderedJson::array();
  for (domain::HoldKind kind : kHoldKinds) {
    holds.push_back(CodeLabel(domain::HoldKindCode(kind), domain::HoldKindLabel(kind)));
  }
  json["hold_kinds"] = holds;
  return json;
}

}  // namespace kangfu::codec
