#include "codec/rules_case_json.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "codec/catalogue_json.hpp"

namespace kangfu::codec {
namespace {

struct Rejected {
  const char* name;
  const char* document;
  const char* field;
  const char* reason;
};

TEST(RulesCaseJsonTest, RefusesBadInputNamingTheField) {
  const std::vector<Rejected> cases = {
      {"not json", "{\"id\": ", "", "json.malformed"},
      {"not an object", "[1, 2]", "", "json.type"},
      {"measures not array", R"({"measures": {}})", "measures", "json.type"},
      {"measure not object", R"({"measures": [3]})", "measures[0]", "json.type"},
      {"missing id", R"({"measures": [{"case": "c", "kind": "party.warning",
        "effective": "2024-01-01"}]})",
       "measures[0].id", "json.missing"},
      {"empty case", R"({"measures": [{"id": "m", "case": "", "kind": "party.warning",
        "effective": "2024-01-01"}]})",
       "measures[0].case", "json.empty"},
      {"effective number", R"({"measures": [{"id": "m", "case": "c", "kind": "party.warning",
        "effective": 20240101}]})",
       "measures[0].effective", "json.type"},
      {"effective malformed", R"({"measures": [{"id": "m", "case": "c", "kind": "party.warning",
        "effective": "2024-1-1"}]})",
       "measures[0].effective", "date.malformed"},
      {"term not integer", R"({"measures": [{"id": "m", "case": "c", "kind": "party.probation",
        "effective": "2024-01-01", "term_months": "12"}]})",
       "measures[0].term_months", "json.type"},
      {"outcome kind", R"({"measures": [{"id": "m", "case": "c", "kind": "party.probation",
        "effective": "2024-01-01", "term_months": 12,
        "outcome": {"kind": "pardoned", "date": "2025-01-01"}}]})",
       "measures[0].outcome.kind", "probation.outcome_kind"},
      {"outcome date", R"({"measures": [{"id": "m", "case": "c", "kind": "party.probation",
        "effective": "2024-01-01", "term_months": 12, "outcome": {"kind": "restored"}}]})",
       "measures[0].outcome.date", "json.missing"},
      {"end rule", R"({"options": {"end_rule": "lunar"}})", "options.end_rule", "options.end_rule"},
      {"gov stacking", R"({"options": {"gov_stacking": "sum"}})", "options.gov_stacking",
       "options.gov_stacking"},
      {"hold kind", R"({"holds": [{"id": "h", "kind": "rumour", "from": "2024-01-01"}]})",
       "holds[0].kind", "hold.unknown_kind"},
      {"hold from", R"({"holds": [{"id": "h", "kind": "case_review", "from": "2024-13-01"}]})",
       "holds[0].from", "date.invalid"},
      {"query as_of", R"({"queries": [{"action": "promote"}]})", "queries[0].as_of",
       "json.missing"},
  };
  for (const Rejected& c : cases) {
    Result<domain::RulesCase> parsed = ParseRulesCase(c.document, BuiltinCatalogue());
    ASSERT_FALSE(parsed.ok()) << c.name;
    EXPECT_EQ(parsed.status().code(), ErrorCode::kInvalidArgument) << c.name;
    EXPECT_EQ(parsed.status().field(), c.field) << c.name << ": " << parsed.status().ToString();
    EXPECT_EQ(parsed.status().reason(), c.reason) << c.name << ": " << parsed.status().ToString();
  }
}

TEST(RulesCaseJsonTest, EvaluationRefusesDuplicateIdsAndRuleViolations) {
  const char* duplicate = R"({"measures": [
      {"id": "m", "case": "c", "kind": "party.warning", "effective": "2024-01-01"},
      {"id": "m", "case": "c", "kind": "gov.warning", "effective": "2024-01-01"}]})";
  Result<domain::RulesCase> parsed = ParseRulesCase(duplicate, BuiltinCatalogue());
  ASSERT_TRUE(parsed.ok());
  Result<domain::RulesResult> result = domain::EvaluateRulesCase(BuiltinCatalogue(), *parsed);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().field(), "measures[1].id");
  EXPECT_EQ(result.status().reason(), "measure.duplicate_id");

  const char* hold_backwards = R"({"holds": [
      {"id": "h", "kind": "case_review", "from": "2024-05-01", "to": "2024-04-30"}]})";
  parsed = ParseRulesCase(hold_backwards, BuiltinCatalogue());
  ASSERT_TRUE(parsed.ok());
  result = domain::EvaluateRulesCase(BuiltinCatalogue(), *parsed);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().field(), "holds[0].to");
}

TEST(RulesCaseJsonTest, AnswerDocumentHasTheConformanceShape) {
  const char* document = R"({
    "id": "x", "title": "ignored", "forms": {"c1": 4},
    "measures": [{"id": "m1", "case": "c1", "kind": "party.warning", "effective": "2024-03-15",
                  "revoked": null}],
    "queries": [{"as_of": "2025-03-14", "action": "promote",
                 "expect": {"verdict": "allowed"}}]})";
  Result<domain::RulesCase> parsed = ParseRulesCase(document, BuiltinCatalogue());
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  Result<domain::RulesResult> result = domain::EvaluateRulesCase(BuiltinCatalogue(), *parsed);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(RulesResultToJson(*result, BuiltinCatalogue()).dump(),
            R"({"id":"x","forms":{"c1":2},"answers":[{"as_of":"2025-03-14","action":"promote",)"
            R"("verdict":"blocked","allowed_from":"2025-03-15","because":["m1"],)"
            R"("restrictions":[{"measure":"m1","action":"promote","from":"2024-03-15",)"
            R"("to":"2025-03-14","basis":"《中国共产党纪律处分条例》第十条"}]}]})");
}

}  // namespace
}  // namespace kangfu::codec
