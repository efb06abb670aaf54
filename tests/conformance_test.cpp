// Runs every golden case of shared/conformance through the engine exactly as `kangfu rules eval`
// does, and compares with the case's `expect` and `forms`; every case under invalid/ must be
// refused with the offending field named.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "codec/catalogue_json.hpp"
#include "codec/rules_case_json.hpp"

namespace kangfu {
namespace {

namespace fs = std::filesystem;

fs::path ConformanceDir() { return fs::path(KANGFU_SHARED_DIR) / "conformance"; }

std::string ReadFile(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

std::vector<std::string> CaseFiles(const fs::path& dir) {
  std::vector<std::string> names;
  if (!fs::is_directory(dir)) return names;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") {
      names.push_back(entry.path().stem().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

TEST(ConformanceSuiteTest, SharedCasesArePresent) {
  // The suite must not pass vacuously when the shared folder is missing from a clone.
  EXPECT_GE(CaseFiles(ConformanceDir()).size(), 29U) << ConformanceDir();
  EXPECT_GE(CaseFiles(ConformanceDir() / "invalid").size(), 6U);
}

class ConformanceTest : public testing::TestWithParam<std::string> {};

TEST_P(ConformanceTest, MatchesExpectedAnswers) {
  const std::string text = ReadFile(ConformanceDir() / (GetParam() + ".json"));
  const codec::Json document = codec::Json::parse(text);
  const domain::Catalogue& catalogue = codec::BuiltinCatalogue();

  Result<domain::RulesCase> rules_case = codec::ParseRulesCase(text, catalogue);
  ASSERT_TRUE(rules_case.ok()) << rules_case.status().ToString();
  Result<domain::RulesResult> result = domain::EvaluateRulesCase(catalogue, *rules_case);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  const codec::Json answer =
      codec::Json::parse(codec::RulesResultToJson(*result, catalogue).dump());

  EXPECT_EQ(answer["id"], document["id"]);
  if (document.contains("forms")) {
    EXPECT_EQ(answer["forms"], document["forms"]) << "four-forms classes per case";
  }
  const codec::Json& queries = document["queries"];
  ASSERT_EQ(answer["answers"].size(), queries.size());
  for (std::size_t i = 0; i < queries.size(); ++i) {
    const codec::Json& expect = queries[i]["expect"];
    const codec::Json& got = answer["answers"][i];
    const std::string where = "queries[" + std::to_string(i) + "] " +
                              queries[i]["as_of"].get<std::string>() + " " +
                              queries[i]["action"].get<std::string>();
    EXPECT_EQ(got["as_of"], queries[i]["as_of"]) << where;
    EXPECT_EQ(got["action"], queries[i]["action"]) << where;
    EXPECT_EQ(got["verdict"], expect["verdict"]) << where;
    EXPECT_EQ(got["allowed_from"], expect["allowed_from"]) << where;
    EXPECT_EQ(got["because"], expect["because"]) << where;
    // Every restriction listed is in force on the date, concerns the action and cites a basis.
    for (const codec::Json& restriction : got["restrictions"]) {
      EXPECT_EQ(restriction["action"], queries[i]["action"]) << where;
      EXPECT_LE(restriction["from"].get<std::string>(), got["as_of"].get<std::string>()) << where;
      if (!restriction["to"].is_null()) {
        EXPECT_GE(restriction["to"].get<std::string>(), got["as_of"].get<std::string>()) << where;
      }
      EXPECT_FALSE(restriction["basis"].get<std::string>().empty()) << where;
    }
    if (expect["verdict"] == "blocked") {
      EXPECT_FALSE(got["restrictions"].empty()) << where;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Shared, ConformanceTest, testing::ValuesIn(CaseFiles(ConformanceDir())),
                         [](const testing::TestParamInfo<std::string>& param_info) {
                           std::string name = param_info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

// The field each invalid case must be refused for. A new file under invalid/ without an entry
// here still has to be refused with some field named.
const std::map<std::string, std::string>& ExpectedInvalidFields() {
  static const auto* const kFields = new std::map<std::string, std::string>{
      {"bad-date", "measures[0].effective"},
      {"bad-term", "measures[0].term_months"},
      {"outcome-on-warning", "measures[0].outcome"},
      {"period-too-long", "measures[0].period_months"},
      {"unknown-action", "queries[0].action"},
      {"unknown-kind", "measures[0].kind"},
  };
  return *kFields;
}

class InvalidCaseTest : public testing::TestWithParam<std::string> {};

TEST_P(InvalidCaseTest, IsRefusedNamingTheField) {
  const std::string text = ReadFile(ConformanceDir() / "invalid" / (GetParam() + ".json"));
  const domain::Catalogue& catalogue = codec::BuiltinCatalogue();
  Status status;
  Result<domain::RulesCase> rules_case = codec::ParseRulesCase(text, catalogue);
  if (!rules_case.ok()) {
    status = rules_case.status();
  } else {
    Result<domain::RulesResult> result = domain::EvaluateRulesCase(catalogue, *rules_case);
    ASSERT_FALSE(result.ok()) << GetParam() << " was accepted";
    status = result.status();
  }
  EXPECT_EQ(status.code(), ErrorCode::kInvalidArgument);
  EXPECT_FALSE(status.message().empty());
  auto expected = ExpectedInvalidFields().find(GetParam());
  if (expected != ExpectedInvalidFields().end()) {
    EXPECT_EQ(status.field(), expected->second) << status.ToString();
  } else {
    EXPECT_FALSE(status.field().empty()) << status.ToString();
  }
}

INSTANTIATE_TEST_SUITE_P(Shared, InvalidCaseTest,
                         testing::ValuesIn(CaseFiles(ConformanceDir() / "invalid")),
                         [](const testing::TestParamInfo<std::string>& param_info) {
                           std::string name = param_info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

}  // namespace
}  // namespace kangfu
