#include "codec/catalogue_json.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace kangfu::codec {
namespace {

TEST(CatalogueJsonTest, BuiltinCatalogueRoundTripsThroughJson) {
  const domain::Catalogue& builtin = BuiltinCatalogue();
  const std::string text = CatalogueToJson(builtin).dump();
  Result<domain::Catalogue> again = ParseCatalogue(text);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  ASSERT_EQ(again->size(), builtin.size());
  for (std::size_t i = 0; i < builtin.size(); ++i) {
    const domain::MeasureKind& a = builtin.kinds()[i];
    const domain::MeasureKind& b = again->kinds()[i];
    EXPECT_EQ(a.code, b.code);
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.form, b.form);
    EXPECT_EQ(a.effect, b.effect);
    EXPECT_EQ(a.stacking, b.stacking);
    EXPECT_EQ(a.stated_period, b.stated_period);
    EXPECT_EQ(a.restrictions, b.restrictions);
    EXPECT_EQ(a.basis, b.basis);
    EXPECT_EQ(a.confidence, b.confidence);
    EXPECT_EQ(a.note, b.note);
    EXPECT_EQ(a.probation.has_value(), b.probation.has_value());
  }
}

TEST(CatalogueJsonTest, RefusesMalformedCatalogues) {
  struct Bad {
    const char* document;
    const char* field;
    const char* reason;
  };
  const std::vector<Bad> cases = {
      {"{", "", "json.malformed"},
      {R"({"measures": []})", "measures", "catalogue.empty"},
      {R"({"measures": [{"code": "a", "name": "甲", "form": 1, "basis": "x",
          "restrictions": [{"action": "promote"}]}]})",
       "measures[0].restrictions[0].months", "json.missing"},
      {R"({"measures": [{"code": "a", "name": "甲", "form": 1, "basis": "x",
          "restrictions": [{"action": "retire", "months": 6}]}]})",
       "measures[0].restrictions[0].action", "action.unknown"},
      {R"({"measures": [{"code": "a", "name": "甲", "form": 1, "basis": "x",
          "confidence": "sure"}]})",
       "measures[0].confidence", "catalogue.unknown_value"},
      {R"({"measures": [{"code": "a", "name": "甲", "form": "1", "basis": "x"}]})",
       "measures[0].form", "json.type"},
  };
  for (const Bad& c : cases) {
    Result<domain::Catalogue> catalogue = ParseCatalogue(c.document);
    ASSERT_FALSE(catalogue.ok()) << c.document;
    EXPECT_EQ(catalogue.status().field(), c.field) << catalogue.status().ToString();
    EXPECT_EQ(catalogue.status().reason(), c.reason) << catalogue.status().ToString();
  }
}

TEST(CatalogueJsonTest, ParsesOverrides) {
  Result<std::vector<domain::KindOverride>> overrides = ParseCatalogueOverrides(
      R"({"overrides": [{"code": "first.admonishment",
                         "restrictions": [{"action": "promote", "months": 12}],
                         "note": "本省规定诫勉影响期一年"}]})");
  ASSERT_TRUE(overrides.ok()) << overrides.status().ToString();
  ASSERT_EQ(overrides->size(), 1U);
  EXPECT_EQ((*overrides)[0].code, "first.admonishment");
  ASSERT_TRUE((*overrides)[0].restrictions.has_value());
  EXPECT_EQ((*overrides)[0].restrictions->at(0).months, 12);
  Result<domain::Catalogue> changed = BuiltinCatalogue().WithOverrides(*overrides);
  ASSERT_TRUE(changed.ok());

  Result<std::vector<domain::KindOverride>> bad =
      ParseCatalogueOverrides(R"({"overrides": [{"restrictions": []}]})");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "overrides[0].code");
}

}  // namespace
}  // namespace kangfu::codec
