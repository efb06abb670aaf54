#include "domain/catalogue.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "codec/catalogue_json.hpp"

namespace kangfu::domain {
namespace {

struct Entry {
  const char* code;
  int form;
  Confidence confidence;
  // action code -> months (-1 = no end); actions not listed are not restricted.
  std::vector<std::pair<Action, int>> restrictions;
};

// rules.md §1, row by row.
TEST(CatalogueTest, ShippedCatalogueMatchesTheRulesReference) {
  const std::vector<Entry> entries = {
      {"first.reminder_talk", 1, Confidence::kFirm, {}},
      {"first.criticism", 1, Confidence::kFirm, {}},
      {"first.written_review", 1, Confidence::kFirm, {}},
      {"first.circulated_criticism", 1, Confidence::kFirm, {}},
      {"first.inquiry_closed", 1, Confidence::kFirm, {}},
      {"first.admonishment", 1, Confidence::kPractice, {{Action::kPromote, 6}}},
      {"party.warning", 2, Confidence::kFirm, {{Action::kPromote, 12}}},
      {"party.serious_warning", 2, Confidence::kFirm, {{Action::kPromote, 18}}},
      {"party.removal_from_post",
       3,
       Confidence::kFirm,
       {{Action::kPromote, 24}, {Action::kEqualPost, 24}}},
      {"party.probation", 3, Confidence::kFirm, {}},
      {"party.expulsion",
       3,
       Confidence::kFirm,
       {{Action::kReadmit, 60},
        {Action::kPromote, 60},
        {Action::kEqualPost, 60},
        {Action::kPartyRights, -1}}},
      {"gov.warning", 2, Confidence::kFirm, {{Action::kPromote, 6}}},
      {"gov.demerit", 2, Confidence::kFirm, {{Action::kPromote, 12}, {Action::kSalaryStep, 12}}},
      {"gov.major_demerit",
       2,
       Confidence::kFirm,
       {{Action::kPromote, 18}, {Action::kSalaryStep, 18}}},
      {"gov.demotion", 2, Confidence::kFirm, {{Action::kPromote, 24}, {Action::kSalaryStep, 24}}},
      {"gov.dismissal_from_post",
       3,
       Confidence::kFirm,
       {{Action::kPromote, 24}, {Action::kSalaryStep, 24}}},
      {"gov.expulsion",
       3,
       Confidence::kFirm,
       {{Action::kPromote, -1},
        {Action::kEqualPost, -1},
        {Action::kLeadershipPost, -1},
        {Action::kSalaryStep, -1}}},
      {"org.suspension", 2, Confidence::kPractice, {}},
      {"org.reassignment", 2, Confidence::kPractice, {{Action::kPromote, 12}}},
      {"org.ordered_resignation",
       2,
       Confidence::kPractice,
       {{Action::kLeadershipPost, 12}, {Action::kPromote, 24}}},
      {"org.removal",
       2,
       Confidence::kPractice,
       {{Action::kLeadershipPost, 12}, {Action::kPromote, 24}}},
      {"org.demotion", 3, Confidence::kPractice, {{Action::kPromote, 24}}},
      {"judicial.transfer", 4, Confidence::kFirm, {}},
  };
  const Catalogue& catalogue = codec::BuiltinCatalogue();
  ASSERT_EQ(catalogue.size(), entries.size());
  for (const Entry& entry : entries) {
    std::optional<KindIndex> index = catalogue.Find(entry.code);
    ASSERT_TRUE(index.has_value()) << entry.code;
    const MeasureKind& kind = catalogue.kind(*index);
    EXPECT_EQ(kind.form, entry.form) << entry.code;
    EXPECT_EQ(kind.confidence, entry.confidence) << entry.code;
    EXPECT_FALSE(kind.basis.empty()) << entry.code;
    EXPECT_FALSE(kind.name.empty()) << entry.code;
    std::vector<std::pair<Action, int>> got;
    got.reserve(kind.restrictions.size());
    for (const RestrictionRule& rule : kind.restrictions) {
      got.emplace_back(rule.action, rule.months.value_or(-1));
    }
    EXPECT_EQ(got, entry.restrictions) << entry.code;
  }
  const MeasureKind& probation = catalogue.kind(*catalogue.Find("party.probation"));
  ASSERT_TRUE(probation.probation.has_value());
  EXPECT_EQ(probation.probation->terms, (std::vector<int>{12, 24}));
  EXPECT_EQ(catalogue.kind(probation.expelled_kind).code, "party.expulsion");
  EXPECT_EQ(catalogue.kind(*catalogue.Find("party.warning")).basis,
            "《中国共产党纪律处分条例》第十条");
  EXPECT_EQ(catalogue.kind(*catalogue.Find("gov.demerit")).basis,
            "《中华人民共和国公职人员政务处分法》第八条、第十九条");
  EXPECT_EQ(catalogue.Find("party.reprimand"), std::nullopt);
}

TEST(CatalogueTest, PracticeEntriesCanBeOverriddenFirmOnesCannot) {
  const Catalogue& catalogue = codec::BuiltinCatalogue();
  Result<Catalogue> changed = catalogue.WithOverrides(
      {{"first.admonishment", std::vector<RestrictionRule>{{Action::kPromote, 12}}, "本省规定"}});
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  const MeasureKind& admonishment = changed->kind(*changed->Find("first.admonishment"));
  EXPECT_EQ(admonishment.restrictions, (std::vector<RestrictionRule>{{Action::kPromote, 12}}));
  EXPECT_EQ(admonishment.note, "本省规定");
  // The original is untouched.
  EXPECT_EQ(catalogue.kind(*catalogue.Find("first.admonishment")).restrictions[0].months, 6);

  Result<Catalogue> firm = catalogue.WithOverrides(
      {{"party.warning", std::vector<RestrictionRule>{{Action::kPromote, 6}}, std::nullopt}});
  ASSERT_FALSE(firm.ok());
  EXPECT_EQ(firm.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(firm.status().reason(), "catalogue.firm_entry");
  EXPECT_EQ(firm.status().field(), "overrides[0].code");

  Result<Catalogue> unknown = catalogue.WithOverrides({{"org.nothing", std::nullopt, "x"}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().reason(), "catalogue.unknown_code");

  Result<Catalogue> invalid = catalogue.WithOverrides(
      {{"org.removal", std::vector<RestrictionRule>{{Action::kPromote, 0}}, std::nullopt}});
  ASSERT_FALSE(invalid.ok());
  EXPECT_EQ(invalid.status().reason(), "catalogue.months_range");
}

MeasureKind Kind(const char* code, int form) {
  MeasureKind kind;
  kind.code = code;
  kind.name = "测试";
  kind.form = form;
  kind.basis = "测试依据";
  return kind;
}

TEST(CatalogueTest, CreateRefusesInvalidEntries) {
  struct Bad {
    const char* name;
    std::vector<MeasureKind> kinds;
    const char* field;
    const char* reason;
  };
  std::vector<Bad> cases;
  cases.push_back({"empty", {}, "measures", "catalogue.empty"});
  cases.push_back({"form 5", {Kind("a", 5)}, "measures[0].form", "catalogue.form_range"});
  cases.push_back(
      {"duplicate", {Kind("a", 1), Kind("a", 2)}, "measures[1].code", "catalogue.duplicate_code"});
  {
    MeasureKind kind = Kind("a", 1);
    kind.basis.clear();
    cases.push_back({"no basis", {kind}, "measures[0].basis", "catalogue.basis_missing"});
  }
  {
    MeasureKind kind = Kind("a", 1);
    kind.restrictions = {{Action::kPromote, 6}, {Action::kPromote, 12}};
    cases.push_back({"action twice",
                     {kind},
                     "measures[0].restrictions[1].action",
                     "catalogue.duplicate_action"});
  }
  {
    MeasureKind kind = Kind("a", 3);
    kind.effect = Effect::kProbation;
    cases.push_back(
        {"probation without rule", {kind}, "measures[0].probation", "catalogue.probation_missing"});
  }
  {
    MeasureKind kind = Kind("a", 3);
    kind.effect = Effect::kProbation;
    kind.probation = ProbationRule{{12}, 12, 24, {Action::kPromote}, {}, "missing.code"};
    cases.push_back({"probation to unknown",
                     {kind},
                     "measures[0].probation.on_expelled",
                     "catalogue.unknown_code"});
  }
  {
    MeasureKind kind = Kind("a", 2);
    kind.stacking = Stacking::kPartyChain;
    kind.restrictions = {{Action::kPromote, std::nullopt}};
    cases.push_back(
        {"unbounded chain", {kind}, "measures[0].stacking", "catalogue.stacking_unbounded"});
  }
  for (const Bad& c : cases) {
    Result<Catalogue> catalogue = Catalogue::Create(c.kinds);
    ASSERT_FALSE(catalogue.ok()) << c.name;
    EXPECT_EQ(catalogue.status().field(), c.field) << c.name;
    EXPECT_EQ(catalogue.status().reason(), c.reason) << c.name;
  }
}

}  // namespace
}  // namespace kangfu::domain
