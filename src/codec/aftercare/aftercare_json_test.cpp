#include "codec/aftercare/aftercare_json.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace kangfu::codec {
namespace {

using domain::AftercarePolicy;
using domain::Anchor;

AftercarePolicy Shipped() {
  Result<AftercarePolicy> policy = ShippedAftercarePolicy();
  EXPECT_TRUE(policy.ok()) << policy.status().ToString();
  return policy.ok() ? *policy : AftercarePolicy();
}

TEST(ShippedPolicyTest, HoldsTheDefaultsOfRulesSection7) {
  const AftercarePolicy policy = Shipped();
  ASSERT_EQ(policy.visit.rules.size(), 3U);
  const domain::VisitRule& first = policy.visit.rules[0];
  EXPECT_EQ(first.id, "first_visit");
  EXPECT_EQ(first.anchor, Anchor::kEffective);
  EXPECT_EQ(first.from_months, 0);
  EXPECT_EQ(first.due_months, 6);
  EXPECT_EQ(first.applies_to.forms, (std::vector<int>{2, 3}));
  const domain::VisitRule& second = policy.visit.rules[1];
  EXPECT_EQ(second.anchor, Anchor::kInfluenceEnd);
  EXPECT_EQ(second.min_influence_months, 24);
  EXPECT_EQ(second.from_months, -3);
  EXPECT_EQ(second.due_months, 0);
  EXPECT_EQ(policy.visit.rules[2].anchor, Anchor::kProbationTermEnd);
  EXPECT_TRUE(policy.visit.rules[2].applies_to.probation_only);
  EXPECT_EQ(policy.visit.min_visitors, 2);
  EXPECT_EQ(policy.visit.max_visits_per_year, std::nullopt);
  EXPECT_EQ(policy.visit.coverage_target_percent, std::nullopt);

  EXPECT_EQ(policy.mentoring.first_talk_within_months, 1);
  EXPECT_EQ(policy.mentoring.talks_per_half_year, 1);
  EXPECT_TRUE(policy.mentoring.half_year_report);
  EXPECT_EQ(policy.escalation.deadline_working_days, 15);
  EXPECT_EQ(policy.reminders.lookahead_days, 30);

  std::vector<std::string> codes;
  codes.reserve(policy.execution.items.size());
  for (const auto& item : policy.execution.items) codes.push_back(item.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"announce", "file", "post_change", "pay_adjust",
                                             "gains_recovery", "execution_report",
                                             "party_rights_decision"}));
  EXPECT_EQ(policy.execution.items[0].basis, "《中国共产党纪律处分条例》第四十四条");
  EXPECT_EQ(policy.execution.items[5].basis, "《中国共产党纪律处分条例》第四十五条");
  EXPECT_EQ(policy.execution.items[5].due_months, 6);
  EXPECT_EQ(policy.execution.items[6].responsible, domain::Responsible::kDecidingOrgan);
}

TEST(PolicyJsonTest, EncodeThenDecodeGivesTheSamePolicy) {
  AftercarePolicy policy = Shipped();
  policy.visit.max_visits_per_year = 2;       // 天津
  policy.visit.coverage_target_percent = 30;  // 天津
  Result<AftercarePolicy> again = DecodeAftercarePolicy(EncodeAftercarePolicy(policy));
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(*again, policy);
}

TEST(PolicyJsonTest, MissingKeysKeepTheirDefaults) {
  Result<AftercarePolicy> policy =
      DecodeAftercarePolicy(R"({"escalation": {"deadline_working_days": 10}})");
  ASSERT_TRUE(policy.ok()) << policy.status().ToString();
  EXPECT_EQ(policy->escalation.deadline_working_days, 10);
  EXPECT_EQ(policy->mentoring.talks_per_half_year, 1);
  EXPECT_TRUE(policy->visit.rules.empty());
}

struct Rejected {
  const char* text;
  const char* reason;
  const char* field;
};

TEST(PolicyJsonTest, RejectsBadPoliciesNamingTheField) {
  const std::vector<Rejected> cases = {
      {"{", "json.malformed", ""},
      {R"({"visits": {}})", "policy.unknown_field", "visits"},
      {R"({"visit": {"min_visitors": "2"}})", "policy.type_invalid", "visit.min_visitors"},
      {R"({"visit": {"min_visitors": 0}})", "policy.number_invalid", "visit.min_visitors"},
      {R"({"visit": {"max_visits_per_year": 0}})", "policy.number_invalid",
       "visit.max_visits_per_year"},
      {R"({"visit": {"coverage_target_percent": 130}})", "policy.number_invalid",
       "visit.coverage_target_percent"},
      {R"({"visit": {"rules": [{"title": "首次回访"}]}})", "policy.field_missing",
       "visit.rules[0].id"},
      {R"({"visit": {"rules": [{"id": "a", "title": "甲"}, {"id": "a", "title": "乙"}]}})",
       "policy.id_duplicate", "visit.rules[1].id"},
      {R"({"visit": {"rules": [{"id": "a", "title": "甲", "from_months": 6, "due_months": 6}]}})",
       "policy.window_invalid", "visit.rules[0].due_months"},
      {R"({"visit": {"rules": [{"id": "a", "title": "甲", "anchor": "decision"}]}})",
       "policy.code_invalid", "visit.rules[0].anchor"},
      {R"({"visit": {"rules": [{"id": "a", "title": "甲", "applies_to": {"forms": [2, 5]}}]}})",
       "policy.form_invalid", "visit.rules[0].applies_to.forms[1]"},
      {R"({"visit": {"rules": [{"id": "a", "title": "甲", "applies_to": {"form": [2]}}]}})",
       "policy.unknown_field", "visit.rules[0].applies_to.form"},
      {R"({"visit": {"rules": [{"id": "a", "title": "甲", "applies_to": {"kinds": [1]}}]}})",
       "policy.type_invalid", "visit.rules[0].applies_to.kinds[0]"},
      {R"({"mentoring": {"half_year_report": 1}})", "policy.type_invalid",
       "mentoring.half_year_report"},
      {R"({"escalation": {"deadline_working_days": 0}})", "policy.number_invalid",
       "escalation.deadline_working_days"},
      {R"({"execution": {"items": [{"code": "x", "title": "甲", "responsible": "mentor"}]}})",
       "policy.code_invalid", "execution.items[0].responsible"},
      {R"({"execution": {"items": [{"code": "x", "title": "甲", "anchor": "influence_end"}]}})",
       "policy.anchor_invalid", "execution.items[0].anchor"},
      {R"({"execution": {"items": [{"code": "x"}]}})", "policy.field_missing",
       "execution.items[0].title"},
      {R"({"execution": {"items": [{"code": "x", "title": "甲", "due_months": 0}]}})",
       "policy.window_invalid", "execution.items[0].due_months"},
      {R"({"reminders": {"lookahead_days": 99999999999}})", "policy.type_invalid",
       "reminders.lookahead_days"},
  };
  for (const Rejected& c : cases) {
    Result<AftercarePolicy> policy = DecodeAftercarePolicy(c.text);
    ASSERT_FALSE(policy.ok()) << c.text;
    EXPECT_EQ(policy.status().code(), ErrorCode::kInvalidArgument) << c.text;
    EXPECT_EQ(policy.status().reason(), c.reason) << c.text;
    EXPECT_EQ(policy.status().field(), c.field) << c.text;
    EXPECT_FALSE(policy.status().message().empty());
  }
}

}  // namespace
}  // namespace kangfu::codec
