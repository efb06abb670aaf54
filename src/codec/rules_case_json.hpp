#ifndef KANGFU_CODEC_RULES_CASE_JSON_HPP_
#define KANGFU_CODEC_RULES_CASE_JSON_HPP_

// The rule-case format of shared/spec/conformance.md: the input of `kangfu rules eval` and of the
// conformance suite, and the answer document it prints.

#include <string_view>

#include "codec/json_reader.hpp"
#include "domain/rules_case.hpp"

namespace kangfu::codec {

// Parses a case. Members `title`, `expect` and `forms` are ignored (the engine computes; it never
// reads the expected answer). Errors name the member, e.g. "measures[0].kind" for an unknown
// measure code, "queries[0].action" for an unknown action.
Result<domain::RulesCase> ParseRulesCase(std::string_view text, const domain::Catalogue& catalogue);

// A measure object ({"id", "case", "kind", "effective", …}) as in the case format. Shared with
// every other way a measure enters the product, so that the checks and messages are the same.
Result<domain::Measure> ParseMeasure(const Json& object, const std::string& path,
                                     const domain::Catalogue& catalogue);

// The answer document, members in the order of conformance.md.
OrderedJson RulesResultToJson(const domain::RulesResult& result,
                              const domain::Catalogue& catalogue);

// One restriction as the API and the answer document show it:
// {"measure", "action", "from", "to" (last restricted day or null), "basis"}.
OrderedJson RestrictionToJson(const domain::Restriction& restriction, std::string_view measure_id,
                              const domain::Catalogue& catalogue);

}  // namespace kangfu::codec

#endif  // KANGFU_CODEC_RULES_CASE_JSON_HPP_
