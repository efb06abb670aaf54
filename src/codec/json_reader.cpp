#include "codec/json_reader.hpp"

#include <limits>

namespace kangfu::codec {
namespace {

const Json* Member(const Json& object, std::string_view key) {
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

Status Missing(const std::string& path) {
  return Status::Invalid(path, "json.missing", "缺少必填项“" + path + "”");
}

Status WrongType(const std::string& path, std::string_view expected) {
  const std::string shown = path.empty() ? std::string("整个文档") : "“" + path + "”";
  return Status::Invalid(path, "json.type", shown + "应为" + std::string(expected));
}

// Leaked on purpose: no destructor runs at exit (static objects must be trivially destructible).
const Json& EmptyArray() {
  static const Json* const kEmpty = new Json(Json::array());
  return *kEmpty;
}

}  // namespace

Result<Json> ParseJson(std::string_view text) {
  try {
    return Json::parse(text.begin(), text.end());
  } catch (const Json::parse_error& e) {
    return Status::Invalid(
        "", "json.malformed",
        "JSON 格式错误（第 " + std::to_string(e.byte) + " 个字节附近），请检查括号、引号和逗号");
  }
}

std::string Path(std::string_view base, std::string_view member) {
  if (base.empty()) return std::string(member);
  std::string path(base);
  path += '.';
  path += member;
  return path;
}

std::string Path(std::string_view base, std::size_t index) {
  return std::string(base) + "[" + std::to_string(index) + "]";
}

Status RequireObject(const Json& value, const std::string& path) {
  if (!value.is_object()) return WrongType(path, "对象（{…}）");
  return Status::Ok();
}

Result<std::optional<std::string>> ReadOptionalString(const Json& object, std::string_view key,
                                                      const std::string& path) {
  const std::string field = Path(path, key);
  const Json* value = Member(object, key);
  if (value == nullptr || value->is_null()) return std::optional<std::string>();
  if (!value->is_string()) return WrongType(field, "字符串");
  return std::optional<std::string>(value->get<std::string>());
}

Result<std::string> ReadString(const Json& object, std::string_view key, const std::string& path) {
  Result<std::optional<std::string>> value = ReadOptionalString(object, key, path);
  if (!value.ok()) return std::move(value).TakeStatus();
  if (!value->has_value()) return Missing(Path(path, key));
  if ((*value)->empty()) {
    return Status::Invalid(Path(path, key), "json.empty", "“" + Path(path, key) + "”不能为空");
  }
  return **value;
}

Result<std::optional<int>> ReadOptionalInt(const Json& object, std::string_view key,
                                           const std::string& path) {
  const std::string field = Path(path, key);
  const Json* value = Member(object, key);
  if (value == nullptr || value->is_null()) return std::optional<int>();
  if (!value->is_number_integer()) return WrongType(field, "整数");
  const auto number = value->get<int64_t>();
  if (number < std::numeric_limits<int>::min() || number > std::numeric_limits<int>::max()) {
    return Status::Invalid(field, "json.range", "“" + field + "”的数值超出范围");
  }
  return std::optional<int>(static_cast<int>(number));
}

Result<int> ReadInt(const Json& object, std::string_view key, const std::string& path) {
  Result<std::optional<int>> value = ReadOptionalInt(object, key, path);
  if (!value.ok()) return std::move(value).TakeStatus();
  if (!value->has_value()) return Missing(Path(path, key));
  return **value;
}

Result<bool> ReadOptionalBool(const Json& object, std::string_view key, const std::string& path,
                              bool fallback) {
  const Json* value = Member(object, key);
  if (value == nullptr || value->is_null()) return fallback;
  if (!value->is_boolean()) return WrongType(Path(path, key), "true 或 false");
  return value->get<bool>();
}

Result<std::optional<domain::Date>> ReadOptionalDate(const Json& object, std::string_view key,
                                                     const std::string& path) {
  const std::string field = Path(path, key);
  const Json* value = Member(object, key);
  if (value == nullptr || value->is_null()) return std::optional<domain::Date>();
  if (!value->is_string()) return WrongType(field, "YYYY-MM-DD 格式的日期字符串");
  Result<domain::Date> date = domain::Date::Parse(value->get_ref<const std::string&>());
  if (!date.ok()) {
    Status status = std::move(date).TakeStatus();
    return std::move(status.PrefixField(field));
  }
  return std::optional<domain::Date>(*date);
}

Result<domain::Date> ReadDate(const Json& object, std::string_view key, const std::string& path) {
  Result<std::optional<domain::Date>> value = ReadOptionalDate(object, key, path);
  if (!value.ok()) return std::move(value).TakeStatus();
  if (!value->has_value()) return Missing(Path(path, key));
  return **value;
}

Result<const Json*> ReadArray(const Json& object, std::string_view key, const std::string& path,
                              bool optional) {
  const Json* value = Member(object, key);
  if (value == nullptr || value->is_null()) {
    if (optional) return &EmptyArray();
    return Missing(Path(path, key));
  }
  if (!value->is_array()) return WrongType(Path(path, key), "数组（[…]）");
  return value;
}

Result<domain::Action> ParseActionCode(const std::string& code, const std::string& field) {
  std::optional<domain::Action> action = domain::ActionFromCode(code);
  if (!action) {
    return Status::Invalid(field, "action.unknown",
                           "未知的事项“" + code +
                               "”，可选：promote、equal_post、leadership_post、salary_step、"
                               "party_rights、readmit");
  }
  return *action;
}

Result<domain::ProbationOutcome> ParseProbationOutcome(const Json& object,
                                                       const std::string& path) {
  KANGFU_RETURN_IF_ERROR(RequireObject(object, path));
  KANGFU_ASSIGN_OR_RETURN(std::string kind, ReadString(object, "kind", path));
  domain::ProbationOutcome outcome{};
  if (kind == "restored") {
    outcome.kind = domain::ProbationOutcomeKind::kRestored;
  } else if (kind == "expelled") {
    outcome.kind = domain::ProbationOutcomeKind::kExpelled;
  } else {
    return Status::Invalid(
        Path(path, "kind"), "probation.outcome_kind",
        "察看结果“" + kind + "”无效，可选：restored（恢复党员权利）、expelled（开除党籍）");
  }
  KANGFU_ASSIGN_OR_RETURN(outcome.date, ReadDate(object, "date", path));
  return outcome;
}

}  // namespace kangfu::codec
