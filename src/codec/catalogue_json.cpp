#include "codec/catalogue_json.hpp"

#include <cstdlib>
#include <iostream>

namespace kangfu::embedded {
std::string_view Catalogue();
}  // namespace kangfu::embedded

namespace kangfu::codec {
namespace {

using domain::Action;
using domain::MeasureKind;
using domain::RestrictionRule;

Result<Action> ReadAction(const Json& object, const std::string& path) {
  KANGFU_ASSIGN_OR_RETURN(std::string code, ReadString(object, "action", path));
  return ParseActionCode(code, Path(path, "action"));
}

Result<std::vector<RestrictionRule>> ReadRules(const Json& object, std::string_view key,
                                               const std::string& path) {
  KANGFU_ASSIGN_OR_RETURN(const Json* array, ReadArray(object, key, path, true));
  std::vector<RestrictionRule> rules;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const std::string item = Path(Path(path, key), i);
    const Json& rule_json = (*array)[i];
    KANGFU_RETURN_IF_ERROR(RequireObject(rule_json, item));
    RestrictionRule rule;
    KANGFU_ASSIGN_OR_RETURN(rule.action, ReadAction(rule_json, item));
    if (!rule_json.contains("months")) {
      return Status::Invalid(Path(item, "months"), "json.missing",
                             "请写明影响期月数（months），无期限时写 null");
    }
    KANGFU_ASSIGN_OR_RETURN(rule.months, ReadOptionalInt(rule_json, "months", item));
    rules.push_back(rule);
  }
  return rules;
}

template <typename Enum>
Result<Enum> ReadEnum(const Json& object, std::string_view key, const std::string& path,
                      std::optional<Enum> (*from_code)(std::string_view), Enum fallback,
                      std::string_view choices) {
  KANGFU_ASSIGN_OR_RETURN(std::optional<std::string> code, ReadOptionalString(object, key, path));
  if (!code) return fallback;
  std::optional<Enum> value = from_code(*code);
  if (!value) {
    return Status::Invalid(
        Path(path, key), "catalogue.unknown_value",
        "“" + Path(path, key) + "”的值“" + *code + "”无效，可选：" + std::string(choices));
  }
  return *value;
}

Result<domain::ProbationRule> ReadProbation(const Json& object, const std::string& path) {
  KANGFU_RETURN_IF_ERROR(RequireObject(object, path));
  domain::ProbationRule rule;
  KANGFU_ASSIGN_OR_RETURN(const Json* terms, ReadArray(object, "terms", path, false));
  for (std::size_t i = 0; i < terms->size(); ++i) {
    if (!(*terms)[i].is_number_integer()) {
      return Status::Invalid(Path(Path(path, "terms"), i), "json.type", "察看期限应为整数月数");
    }
    rule.terms.push_back((*terms)[i].get<int>());
  }
  KANGFU_ASSIGN_OR_RETURN(rule.extendable_term, ReadInt(object, "extendable_term", path));
  KANGFU_ASSIGN_OR_RETURN(rule.extended_term, ReadInt(object, "extended_term", path));
  KANGFU_ASSIGN_OR_RETURN(const Json* during, ReadArray(object, "during", path, false));
  for (std::size_t i = 0; i < during->size(); ++i) {
    const std::string item = Path(Path(path, "during"), i);
    const Json& code = (*during)[i];
    std::optional<Action> action =
        code.is_string() ? domain::ActionFromCode(code.get<std::string>()) : std::nullopt;
    if (!action) return Status::Invalid(item, "action.unknown", "“" + item + "”不是已知的事项代码");
    rule.during.push_back(*action);
  }
  KANGFU_ASSIGN_OR_RETURN(rule.after_restored, ReadRules(object, "after_restored", path));
  KANGFU_ASSIGN_OR_RETURN(rule.on_expelled, ReadString(object, "on_expelled", path));
  return rule;
}

Result<MeasureKind> ReadKind(const Json& object, const std::string& path) {
  KANGFU_RETURN_IF_ERROR(RequireObject(object, path));
  MeasureKind kind;
  KANGFU_ASSIGN_OR_RETURN(kind.code, ReadString(object, "code", path));
  KANGFU_ASSIGN_OR_RETURN(kind.name, ReadString(object, "name", path));
  KANGFU_ASSIGN_OR_RETURN(
      kind.family,
      ReadEnum<domain::Family>(object, "family", path, domain::FamilyFromCode,
                               domain::Family::kFirst, "first、party、gov、org、judicial"));
  KANGFU_ASSIGN_OR_RETURN(kind.form, ReadInt(object, "form", path));
  KANGFU_ASSIGN_OR_RETURN(
      kind.effect, ReadEnum<domain::Effect>(object, "effect", path, domain::EffectFromCode,
                                            domain::Effect::kRestrict,
                                            "restrict、hold_while_in_force、probation、transfer"));
  KANGFU_ASSIGN_OR_RETURN(
      kind.stacking,
      ReadEnum<domain::Stacking>(object, "stacking", path, domain::StackingFromCode,
                                 domain::Stacking::kNone, "none、party_chain、gov_chain"));
  KANGFU_ASSIGN_OR_RETURN(kind.stated_period,
                          ReadOptionalBool(object, "stated_period", path, false));
  KANGFU_ASSIGN_OR_RETURN(kind.restrictions, ReadRules(object, "restrictions", path));
  if (object.contains("probation") && !object["probation"].is_null()) {
    KANGFU_ASSIGN_OR_RETURN(kind.probation,
                            ReadProbation(object["probation"], Path(path, "probation")));
  }
  KANGFU_ASSIGN_OR_RETURN(kind.basis, ReadString(object, "basis", path));
  KANGFU_ASSIGN_OR_RETURN(
      kind.confidence,
      ReadEnum<domain::Confidence>(object, "confidence", path, domain::ConfidenceFromCode,
                                   domain::Confidence::kFirm, "firm、practice"));
  KANGFU_ASSIGN_OR_RETURN(std::optional<std::string> note,
                          ReadOptionalString(object, "note", path));
  kind.note = note.value_or("");
  return kind;
}

Json RulesToJson(const std::vector<RestrictionRule>& rules) {
  Json array = Json::array();
  for (const RestrictionRule& rule : rules) {
    array.push_back({{"action", domain::ActionCode(rule.action)},
                     {"months", rule.months ? Json(*rule.months) : Json(nullptr)}});
  }
  return array;
}

}  // namespace

Result<domain::Catalogue> ParseCatalogue(std::string_view text) {
  KANGFU_ASSIGN_OR_RETURN(Json document, ParseJson(text));
  KANGFU_RETURN_IF_ERROR(RequireObject(document, ""));
  KANGFU_ASSIGN_OR_RETURN(const Json* measures, ReadArray(document, "measures", "", false));
  std::vector<MeasureKind> kinds;
  kinds.reserve(measures->size());
  for (std::size_t i = 0; i < measures->size(); ++i) {
    KANGFU_ASSIGN_OR_RETURN(MeasureKind kind, ReadKind((*measures)[i], Path("measures", i)));
    kinds.push_back(std::move(kind));
  }
  return domain::Catalogue::Create(std::move(kinds));
}

const domain::Catalogue& BuiltinCatalogue() {
  static const domain::Catalogue* const kCatalogue = [] {
    Result<domain::Catalogue> catalogue = ParseCatalogue(embedded::Catalogue());
    if (!catalogue.ok()) {
      std::cerr << "内置措施目录无效: " << catalogue.status().ToString() << "\n";
      std::abort();
    }
    return new domain::Catalogue(std::move(catalogue).value());
  }();
  return *kCatalogue;
}

Result<std::vector<domain::KindOverride>> ParseCatalogueOverrides(std::string_view text) {
  KANGFU_ASSIGN_OR_RETURN(Json document, ParseJson(text));
  KANGFU_RETURN_IF_ERROR(RequireObject(document, ""));
  KANGFU_ASSIGN_OR_RETURN(const Json* items, ReadArray(document, "overrides", "", false));
  std::vector<domain::KindOverride> overrides;
  for (std::size_t i = 0; i < items->size(); ++i) {
    const std::string path = Path("overrides", i);
    const Json& item = (*items)[i];
    KANGFU_RETURN_IF_ERROR(RequireObject(item, path));
    domain::KindOverride change;
    KANGFU_ASSIGN_OR_RETURN(change.code, ReadString(item, "code", path));
    if (item.contains("restrictions")) {
      KANGFU_ASSIGN_OR_RETURN(change.restrictions, ReadRules(item, "restrictions", path));
    }
    KANGFU_ASSIGN_OR_RETURN(change.note, ReadOptionalString(item, "note", path));
    overrides.push_back(std::move(change));
  }
  return overrides;
}

Json CatalogueToJson(const domain::Catalogue& catalogue) {
  Json measures = Json::array();
  for (const MeasureKind& kind : catalogue.kinds()) {
    Json entry = {{"code", kind.code},
                  {"name", kind.name},
                  {"family", domain::FamilyCode(kind.family)},
                  {"form", kind.form},
                  {"effect", domain::EffectCode(kind.effect)},
                  {"stacking", domain::StackingCode(kind.stacking)},
                  {"stated_period", kind.stated_period},
                  {"restrictions", RulesToJson(kind.restrictions)},
                  {"basis", kind.basis},
                  {"confidence", domain::ConfidenceCode(kind.confidence)}};
    if (kind.probation) {
      Json during = Json::array();
      for (Action action : kind.probation->during) during.push_back(domain::ActionCode(action));
      entry["probation"] = {{"terms", kind.probation->terms},
                            {"extendable_term", kind.probation->extendable_term},
                            {"extended_term", kind.probation->extended_term},
                            {"during", during},
                            {"after_restored", RulesToJson(kind.probation->after_restored)},
                            {"on_expelled", kind.probation->on_expelled}};
    }
    if (!kind.note.empty()) entry["note"] = kind.note;
    measures.push_back(std::move(entry));
  }
  return {{"version", 1}, {"measures", measures}};
}

}  // namespace kangfu::codec
