#include "codec/rules_case_json.hpp"

namespace kangfu::codec {
namespace {

using domain::Date;

OrderedJson DateOrNull(const std::optional<Date>& date) {
  return date ? OrderedJson(date->ToString()) : OrderedJson(nullptr);
}

Result<domain::EngineOptions> ParseOptions(const Json& document) {
  domain::EngineOptions options;
  if (!document.contains("options") || document["options"].is_null()) return options;
  const Json& object = document["options"];
  KANGFU_RETURN_IF_ERROR(RequireObject(object, "options"));
  KANGFU_ASSIGN_OR_RETURN(std::optional<std::string> end_rule,
                          ReadOptionalString(object, "end_rule", "options"));
  if (end_rule) {
    std::optional<domain::EndRule> rule = domain::EndRuleFromCode(*end_rule);
    if (!rule) {
      return Status::Invalid(
          "options.end_rule", "options.end_rule",
          "期间计算规则“" + *end_rule + "”无效，可选：anniversary（默认）、civil_code");
    }
    options.end_rule = *rule;
  }
  KANGFU_ASSIGN_OR_RETURN(std::optional<std::string> stacking,
                          ReadOptionalString(object, "gov_stacking", "options"));
  if (stacking) {
    std::optional<domain::GovStacking> value = domain::GovStackingFromCode(*stacking);
    if (!value) {
      return Status::Invalid(
          "options.gov_stacking", "options.gov_stacking",
          "政务处分累加规则“" + *stacking + "”无效，可选：none（默认）、sum_capped_48");
    }
    options.gov_stacking = *value;
  }
  return options;
}

Result<domain::Hold> ParseHold(const Json& object, const std::string& path) {
  KANGFU_RETURN_IF_ERROR(RequireObject(object, path));
  domain::Hold hold;
  KANGFU_ASSIGN_OR_RETURN(hold.id, ReadString(object, "id", path));
  KANGFU_ASSIGN_OR_RETURN(std::string kind, ReadString(object, "kind", path));
  std::optional<domain::HoldKind> hold_kind = domain::HoldKindFromCode(kind);
  if (!hold_kind) {
    return Status::Invalid(
        Path(path, "kind"), "hold.unknown_kind",
        "暂缓事项类型“" + kind +
            "”无效，可选：clue_verification（问题线索初步核实中）、case_review（立案审查调查中）");
  }
  hold.kind = *hold_kind;
  KANGFU_ASSIGN_OR_RETURN(hold.from, ReadDate(object, "from", path));
  KANGFU_ASSIGN_OR_RETURN(hold.to, ReadOptionalDate(object, "to", path));
  return hold;
}

Result<domain::RulesQuery> ParseQuery(const Json& object, const std::string& path) {
  KANGFU_RETURN_IF_ERROR(RequireObject(object, path));
  domain::RulesQuery query;
  KANGFU_ASSIGN_OR_RETURN(query.as_of, ReadDate(object, "as_of", path));
  KANGFU_ASSIGN_OR_RETURN(std::string action, ReadString(object, "action", path));
  KANGFU_ASSIGN_OR_RETURN(query.action, ParseActionCode(action, Path(path, "action")));
  return query;
}

}  // namespace

Result<domain::Measure> ParseMeasure(const Json& object, const std::string& path,
                                     const domain::Catalogue& catalogue) {
  KANGFU_RETURN_IF_ERROR(RequireObject(object, path));
  domain::Measure measure;
  KANGFU_ASSIGN_OR_RETURN(measure.id, ReadString(object, "id", path));
  KANGFU_ASSIGN_OR_RETURN(measure.case_id, ReadString(object, "case", path));
  KANGFU_ASSIGN_OR_RETURN(std::string kind, ReadString(object, "kind", path));
  std::optional<domain::KindIndex> index = catalogue.Find(kind);
  if (!index) {
    return Status::Invalid(
        Path(path, "kind"), "measure.unknown_kind",
        "未知的处分处理措施“" + kind + "”，请从措施目录中选择（如 party.warning）");
  }
  measure.kind = *index;
  KANGFU_ASSIGN_OR_RETURN(measure.effective, ReadDate(object, "effective", path));
  KANGFU_ASSIGN_OR_RETURN(measure.term_months, ReadOptionalInt(object, "term_months", path));
  KANGFU_ASSIGN_OR_RETURN(measure.extended_on, ReadOptionalDate(object, "extended_on", path));
  if (object.contains("outcome") && !object["outcome"].is_null()) {
    KANGFU_ASSIGN_OR_RETURN(measure.outcome,
                            ParseProbationOutcome(object["outcome"], Path(path, "outcome")));
  }
  KANGFU_ASSIGN_OR_RETURN(measure.ended, ReadOptionalDate(object, "ended", path));
  KANGFU_ASSIGN_OR_RETURN(measure.period_months, ReadOptionalInt(object, "period_months", path));
  KANGFU_ASSIGN_OR_RETURN(measure.revoked, ReadOptionalDate(object, "revoked", path));
  KANGFU_ASSIGN_OR_RETURN(measure.exempted, ReadOptionalBool(object, "exempted", path, false));
  return measure;
}

Result<domain::RulesCase> ParseRulesCase(std::string_view text,
                                         const domain::Catalogue& catalogue) {
  KANGFU_ASSIGN_OR_RETURN(Json document, ParseJson(text));
  KANGFU_RETURN_IF_ERROR(RequireObject(document, ""));
  domain::RulesCase rules_case;
  KANGFU_ASSIGN_OR_RETURN(std::optional<std::string> id, ReadOptionalString(document, "id", ""));
  rules_case.id = id.value_or("");
  KANGFU_ASSIGN_OR_RETURN(rules_case.options, ParseOptions(document));

  KANGFU_ASSIGN_OR_RETURN(const Json* measures, ReadArray(document, "measures", "", true));
  for (std::size_t i = 0; i < measures->size(); ++i) {
    KANGFU_ASSIGN_OR_RETURN(domain::Measure measure,
                            ParseMeasure((*measures)[i], Path("measures", i), catalogue));
    rules_case.measures.push_back(std::move(measure));
  }
  KANGFU_ASSIGN_OR_RETURN(const Json* holds, ReadArray(document, "holds", "", true));
  for (std::size_t i = 0; i < holds->size(); ++i) {
    KANGFU_ASSIGN_OR_RETURN(domain::Hold hold, ParseHold((*holds)[i], Path("holds", i)));
    rules_case.holds.push_back(std::move(hold));
  }
  KANGFU_ASSIGN_OR_RETURN(const Json* queries, ReadArray(document, "queries", "", true));
  for (std::size_t i = 0; i < queries->size(); ++i) {
    KANGFU_ASSIGN_OR_RETURN(domain::RulesQuery query,
                            ParseQuery((*queries)[i], Path("queries", i)));
    rules_case.queries.push_back(query);
  }
  return rules_case;
}

OrderedJson RestrictionToJson(const domain::Restriction& restriction, std::string_view measure_id,
                              const domain::Catalogue& catalogue) {
  OrderedJson entry;
  entry["measure"] = measure_id;
  entry["action"] = domain::ActionCode(restriction.action);
  entry["from"] = restriction.from.ToString();
  entry["to"] = DateOrNull(restriction.LastDay());
  entry["basis"] = catalogue.kind(restriction.basis_kind).basis;
  return entry;
}

OrderedJson RulesResultToJson(const domain::RulesResult& result,
                              const domain::Catalogue& catalogue) {
  OrderedJson document;
  document["id"] = result.id;
  OrderedJson forms = OrderedJson::object();
  for (const auto& [case_id, form] : result.forms) forms[case_id] = form;
  document["forms"] = forms;
  OrderedJson answers = OrderedJson::array();
  for (const domain::RulesAnswer& answer : result.answers) {
    OrderedJson item;
    item["as_of"] = answer.query.as_of.ToString();
    item["action"] = domain::ActionCode(answer.query.action);
    item["verdict"] = domain::VerdictCode(answer.verdict);
    item["allowed_from"] = DateOrNull(answer.allowed_from);
    item["because"] = answer.because;
    OrderedJson restrictions = OrderedJson::array();
    for (const domain::CitedRestriction& cited : answer.restrictions) {
      restrictions.push_back(RestrictionToJson(cited.restriction, cited.measure_id, catalogue));
    }
    item["restrictions"] = restrictions;
    answers.push_back(std::move(item));
  }
  document["answers"] = answers;
  return document;
}

}  // namespace kangfu::codec
