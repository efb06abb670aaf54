#ifndef KANGFU_CODEC_CATALOGUE_JSON_HPP_
#define KANGFU_CODEC_CATALOGUE_JSON_HPP_

// The catalogue file (data/catalogue.json) and administrators' overrides of `practice` entries.

#include <string_view>
#include <vector>

#include "codec/json_reader.hpp"
#include "core/status.hpp"
#include "domain/catalogue.hpp"

namespace kangfu::codec {

// Parses and validates a catalogue document. Errors name the member ("measures[3].form").
Result<domain::Catalogue> ParseCatalogue(std::string_view text);

// The catalogue shipped with the product (compiled in from data/catalogue.json). It is validated
// by the tests; a failure here is a build defect.
const domain::Catalogue& BuiltinCatalogue();

// {"overrides": [{"code": "first.admonishment", "restrictions": [...], "note": "..."}]}
Result<std::vector<domain::KindOverride>> ParseCatalogueOverrides(std::string_view text);

// The catalogue as a JSON document of the same shape as the file (for `kangfu rules catalogue`
// and the API).
Json CatalogueToJson(const domain::Catalogue& catalogue);

}  // namespace kangfu::codec

#endif  // KANGFU_CODEC_CATALOGUE_JSON_HPP_
