#ifndef KANGFU_CODEC_AFTERCARE_AFTERCARE_JSON_HPP_
#define KANGFU_CODEC_AFTERCARE_AFTERCARE_JSON_HPP_

// The aftercare policy file (data/aftercare-policy.json): visit rules, mentoring, escalation,
// execution checklist, reminder look-ahead. Shape (every key optional unless noted; a missing key
// keeps the default of domain::AftercarePolicy's member):
//
//   {"note": "…",
//    "visit": {"basis", "min_visitors", "max_visits_per_year" (int or null),
//              "coverage_target_percent" (int or null), "coverage_lookback_years",
//              "rules": [{"id"*, "title"*, "anchor", "from_months", "due_months",
//                         "min_influence_months", "applies_to", "basis"}]},
//    "mentoring": {"basis", "first_talk_within_months", "talks_per_half_year",
//                  "half_year_report", "report_due_days_after_half_year"},
//    "escalation": {"basis", "deadline_working_days"},
//    "execution": {"items": [{"code"*, "title"*, "anchor", "due_months", "applies_to",
//                             "responsible", "basis"}]},
//    "reminders": {"lookahead_days"}}
//   applies_to = {"forms": [2, 3], "kinds": ["party.probation"], "probation_only": bool,
//                 "requires_flag": "improper_gains"}
//   anchor = "effective" | "influence_end" | "probation_term_end";
//   responsible = "deciding_organ" | "executing_unit".

#include <string>
#include <string_view>

#include "core/status.hpp"
#include "domain/aftercare/aftercare_policy.hpp"

namespace kangfu::codec {

// Parses and validates a policy file. Errors (kInvalidArgument) name the field, e.g.
// "visit.rules[1].due_months":
//   json.malformed          not JSON
//   policy.type_invalid     a value of the wrong JSON type (or a non-object where one is needed)
//   policy.field_missing    a required key ("id"/"code", "title") is absent
//   policy.unknown_field    a key the format does not have (a typo would silently do nothing)
//   policy.code_invalid     an unknown anchor or responsible code
// plus every check of domain::ValidatePolicy.
Result<domain::AftercarePolicy> DecodeAftercarePolicy(std::string_view json_text);

// The policy as a file (all keys written, stable order); DecodeAftercarePolicy reads it back equal.
std::string EncodeAftercarePolicy(const domain::AftercarePolicy& policy);

// The defaults shipped with the product (data/aftercare-policy.json, compiled in).
std::string_view ShippedAftercarePolicyJson();
// The shipped policy, parsed. Fails only if the shipped file is broken (a build defect).
Result<domain::AftercarePolicy> ShippedAftercarePolicy();

}  // namespace kangfu::codec

#endif  // KANGFU_CODEC_AFTERCARE_AFTERCARE_JSON_HPP_
