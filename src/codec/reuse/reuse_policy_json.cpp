#include "codec/reuse/reuse_policy_json.hpp"

namespace kangfu::codec {
namespace {

Status ReadLevels(const Json& document, std::string_view key,
                  std::map<std::string, domain::ReuseEligibility, std::less<>>* out) {
  auto it = document.find(key);
  if (it == document.end() || it->is_null()) return Status::Ok();
  if (!it->is_object()) {
    return Status::Invalid(std::string(key), "json.type",
                           "“" + std::string(key) + "”应为“代码: 级别”的对象");
  }
  out->clear();
  for (const auto& [code, value] : it->items()) {
    const std::string field = std::string(key) + "." + code;
    std::optional<domain::ReuseEligibility> level =
        value.is_string() ? domain::ReuseEligibilityFromCode(value.get<std::string>())
                          : std::nullopt;
    if (!level) {
      return Status::Invalid(field, "reuse_policy.level",
                             "“" + field +
                                 "”只能是allowed（可以提出）、override（须说明理由并经批准）"
                                 "或excluded（不得提出）");
    }
    out->emplace(code, *level);
  }
  return Status::Ok();
}

}  // namespace

Result<domain::ReusePolicy> ReusePolicyFromJson(const Json& document) {
  KANGFU_RETURN_IF_ERROR(RequireObject(document, ""));
  domain::ReusePolicy policy = domain::DefaultReusePolicy();
  KANGFU_RETURN_IF_ERROR(ReadLevels(document, "measures", &policy.measures));
  KANGFU_RETURN_IF_ERROR(ReadLevels(document, "disciplines", &policy.disciplines));
  auto unknown = document.find("unknown_measure");
  if (unknown != document.end() && !unknown->is_null()) {
    std::optional<domain::ReuseEligibility> level =
        unknown->is_string() ? domain::ReuseEligibilityFromCode(unknown->get<std::string>())
                             : std::nullopt;
    if (!level) {
      return Status::Invalid("unknown_measure", "reuse_policy.level",
                             "“unknown_measure”只能是allowed、override或excluded");
    }
    policy.unknown_measure = *level;
  }
  auto bytes = document.find("max_document_bytes");
  if (bytes != document.end() && !bytes->is_null()) {
    if (!bytes->is_number_integer()) {
      return Status::Invalid("max_document_bytes", "json.type",
                             "“max_document_bytes”应为整数（字节数）");
    }
    policy.max_document_bytes = bytes->get<int64_t>();
  }
  return policy;
}

Result<domain::ReusePolicy> ParseReusePolicy(std::string_view text) {
  KANGFU_ASSIGN_OR_RETURN(Json document, ParseJson(text));
  return ReusePolicyFromJson(document);
}

OrderedJson ReusePolicyToJson(const domain::ReusePolicy& policy) {
  OrderedJson measures = OrderedJson::object();
  for (const auto& [code, level] : policy.measures) {
    measures[code] = domain::ReuseEligibilityCode(level);
  }
  OrderedJson disciplines = OrderedJson::object();
  for (const auto& [code, level] : policy.disciplines) {
    disciplines[code] = domain::ReuseEligibilityCode(level);
  }
  return {{"measures", measures},
          {"disciplines", disciplines},
          {"unknown_measure", domain::ReuseEligibilityCode(policy.unknown_measure)},
          {"max_document_bytes", policy.max_document_bytes}};
}

}  // namespace kangfu::codec
