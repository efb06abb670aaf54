// Feeds arbitrary bytes to the rule-case parser and, when they parse, to the engine: bad input
// must come back as a Status, never as a crash, a hang or undefined behaviour.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "codec/catalogue_json.hpp"
#include "codec/rules_case_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const kangfu::domain::Catalogue& catalogue = kangfu::codec::BuiltinCatalogue();
  kangfu::Result<kangfu::domain::RulesCase> rules_case =
      kangfu::codec::ParseRulesCase(text, catalogue);
  if (!rules_case.ok()) return 0;
  kangfu::Result<kangfu::domain::RulesResult> result =
      kangfu::domain::EvaluateRulesCase(catalogue, *rules_case);
  if (result.ok()) (void)kangfu::codec::RulesResultToJson(*result, catalogue).dump();
  (void)kangfu::domain::Date::Parse(text);
  return 0;
}
