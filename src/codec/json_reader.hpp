#ifndef KANGFU_CODEC_JSON_READER_HPP_
#define KANGFU_CODEC_JSON_READER_HPP_

// Typed reading of JSON members with the field path in every error, so that a user (or a test)
// learns exactly which member to fix: "measures[0].effective: 日期“2024-02-30”不存在…".

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.hpp"
#include "domain/date.hpp"
#include "domain/model.hpp"

namespace kangfu::codec {

using Json = nlohmann::json;
// For documents people read: members keep the order they were written in.
using OrderedJson = nlohmann::ordered_json;

// Parses text; a syntax error is reason "json.malformed" with the byte offset in the message.
Result<Json> ParseJson(std::string_view text);

// Joins a path and a member: Path("measures[0]", "effective") == "measures[0].effective".
std::string Path(std::string_view base, std::string_view member);
std::string Path(std::string_view base, std::size_t index);

// Each reader returns the member's value; a missing required member is "json.missing", a member
// of the wrong type "json.type". Optional readers treat an absent member and null alike.
Status RequireObject(const Json& value, const std::string& path);
Result<std::string> ReadString(const Json& object, std::string_view key, const std::string& path);
Result<std::optional<std::string>> ReadOptionalString(const Json& object, std::string_view key,
                                                      const std::string& path);
Result<int> ReadInt(const Json& object, std::string_view key, const std::string& path);
Result<std::optional<int>> ReadOptionalInt(const Json& object, std::string_view key,
                                           const std::string& path);
Result<bool> ReadOptionalBool(const Json& object, std::string_view key, const std::string& path,
                              bool fallback);
Result<domain::Date> ReadDate(const Json& object, std::string_view key, const std::string& path);
Result<std::optional<domain::Date>> ReadOptionalDate(const Json& object, std::string_view key,
                                                     const std::string& path);
// The member as an array (absent or null: an empty array when `optional`).
Result<const Json*> ReadArray(const Json& object, std::string_view key, const std::string& path,
                              bool optional);

// An action code ("promote", "equal_post" …); an unknown code is "action.unknown" naming `field`.
Result<domain::Action> ParseActionCode(const std::string& code, const std::string& field);

// A 留党察看 outcome object {"kind": "restored" | "expelled", "date": "YYYY-MM-DD"} at `path`.
Result<domain::ProbationOutcome> ParseProbationOutcome(const Json& object, const std::string& path);

}  // namespace kangfu::codec

#endif  // KANGFU_CODEC_JSON_READER_HPP_
