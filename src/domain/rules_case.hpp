#ifndef KANGFU_DOMAIN_RULES_CASE_HPP_
#define KANGFU_DOMAIN_RULES_CASE_HPP_

// A self-contained question to the rules engine — a history, holds and queries — and its answer:
// the model behind `kangfu rules eval` and the conformance cases (shared/spec/conformance.md).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/engine.hpp"

namespace kangfu::domain {

struct RulesQuery {
  Date as_of;
  Action action = Action::kPromote;
};

struct RulesCase {
  std::string id;
  EngineOptions options;
  std::vector<Measure> measures;
  std::vector<Hold> holds;
  std::vector<RulesQuery> queries;
};

struct CitedRestriction {
  std::string measure_id;
  Restriction restriction;
};

struct RulesAnswer {
  RulesQuery query;
  VerdictKind verdict = VerdictKind::kAllowed;
  std::optional<Date> allowed_from;
  std::vector<std::string> because;            // measure or hold ids, sorted
  std::vector<CitedRestriction> restrictions;  // in force on the date, by measure id
};

struct RulesResult {
  std::string id;
  std::map<std::string, int> forms;  // case id -> four-forms class
  std::vector<RulesAnswer> answers;
};

// Validates every measure and hold (fields named like "measures[2].term_months"), then answers
// every query in order. A case must use the engine's catalogue; its options replace the engine's.
Result<RulesResult> EvaluateRulesCase(const Catalogue& catalogue, const RulesCase& rules_case);

}  // namespace kangfu::domain

#endif  // KANGFU_DOMAIN_RULES_CASE_HPP_
