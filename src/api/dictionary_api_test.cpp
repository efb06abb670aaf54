#include "api/dictionary_api.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "api/api_test_support.hpp"
#include "codec/catalogue_json.hpp"
#include "domain/aftercare/reminders.hpp"

namespace kangfu::api {
namespace {

using nlohmann::json;
using testing::ApiWorld;
using testing::ClientResponse;
using testing::Session;
using testing::bhttp::verb;

// The list with `code` from a dictionaries document; null when absent.
json ListOf(const json& document, const std::string& code) {
  for (const json& list : document["lists"]) {
    if (list["code"] == code) return list;
  }
  return nullptr;
}

json MeasureOf(const json& document, const std::string& code) {
  for (const json& measure : document["measures"]) {
    if (measure["code"] == code) return measure;
  }
  return nullptr;
}

TEST(DictionariesJson, BuiltinCatalogueHasItsTitleVersionAndSources) {
  const json document = json::parse(DictionariesJson(codec::BuiltinCatalogue(), true));
  const json& header = document["catalogue"];
  EXPECT_EQ(header["title"], "处分处理措施目录");
  EXPECT_EQ(header["version"], 1);
  EXPECT_EQ(header["builtin"], true);
  EXPECT_EQ(header["editable"], false);
  ASSERT_EQ(header["sources"].size(), 4U);
  EXPECT_EQ(header["sources"][0]["code"], "条例");
  EXPECT_EQ(header["sources"][0]["label"],
            "《中国共产党纪律处分条例》（2023年12月修订，2024年1月1日施行）");
  EXPECT_EQ(document["measures"].size(), codec::BuiltinCatalogue().size());
}

TEST(DictionariesJson, AnotherCatalogueHasNoVersion) {
  const json header = json::parse(DictionariesJson(codec::BuiltinCatalogue(), false))["catalogue"];
  EXPECT_EQ(header["version"], nullptr);
  EXPECT_EQ(header["builtin"], false);
  EXPECT_EQ(header["sources"], json::array());
}

TEST(DictionariesJson, MeasuresCarryFormPeriodsAndArticle) {
  const json document = json::parse(DictionariesJson(codec::BuiltinCatalogue(), true));
  const json probation = MeasureOf(document, "party.probation");
  ASSERT_TRUE(probation.is_object());
  EXPECT_EQ(probation["name"], "留党察看");
  EXPECT_EQ(probation["family"], "party");
  EXPECT_EQ(probation["family_label"], "党纪处分");
  EXPECT_EQ(probation["form"], 3);
  EXPECT_EQ(probation["form_label"], "第三种形态");
  EXPECT_EQ(probation["effect"], "probation");
  EXPECT_EQ(probation["probation_terms"], json({12, 24}));
  const json warning = MeasureOf(document, "party.warning");
  ASSERT_TRUE(warning.is_object());
  EXPECT_EQ(warning["basis"], "《中国共产党纪律处分条例》第十条");
  EXPECT_EQ(warning["confidence_label"], "条文明确");
  EXPECT_EQ(warning["restrictions"],
            json::array({{{"action", "promote"},
                          {"action_label", "提拔职务、晋升职级或进一步使用"},
                          {"months", 12}}}));
  const json admonishment = MeasureOf(document, "first.admonishment");
  ASSERT_TRUE(admonishment.is_object());
  EXPECT_EQ(admonishment["confidence"], "practice");
  EXPECT_FALSE(admonishment["note"].get<std::string>().empty());
  // Every measure is labelled: no code shows through as its own label.
  for (const json& measure : document["measures"]) {
    EXPECT_NE(measure["family_label"], measure["family"]) << measure["code"];
    EXPECT_NE(measure["effect_label"], measure["effect"]) << measure["code"];
    EXPECT_NE(measure["form_label"], "") << measure["code"];
    EXPECT_NE(measure["basis"], "") << measure["code"];
  }
}

TEST(DictionariesJson, EveryListIsLabelledAndUnique) {
  const json document = json::parse(DictionariesJson(codec::BuiltinCatalogue(), true));
  std::set<std::string> codes;
  for (const json& list : document["lists"]) {
    const std::string code = list["code"];
    EXPECT_TRUE(codes.insert(code).second) << code;
    EXPECT_TRUE(list["kind"] == "rule" || list["kind"] == "system") << code;
    EXPECT_FALSE(list["items"].empty()) << code;
    std::set<std::string> items;
    for (const json& item : list["items"]) {
      EXPECT_TRUE(items.insert(item["code"].get<std::string>()).second) << code;
      // A label equal to its code or empty means a code without a Chinese label.
      EXPECT_NE(item["label"], item["code"]) << code << " " << item["code"];
      EXPECT_NE(item["label"], "") << code << " " << item["code"];
    }
  }
  const struct {
    const char* list;
    std::size_t size;
    std::size_t index;
    const char* code;
    const char* label;
  } cases[] = {
      {"forms", 4, 3, "4", "第四种形态"},
      {"actions", domain::kActionCount, 0, "promote", "提拔职务、晋升职级或进一步使用"},
      {"disciplines", 6, 2, "integrity", "廉洁纪律"},
      {"case_sources", 6, 0, "self_report", "主动说明问题"},
      {"org_levels", 4, 2, "county", "县（区）"},
      {"roles", app::kRoleCount, 7, "security_admin", "安全保密管理员"},
      {"reminder_kinds", domain::kAllReminderKinds.size(), 0, "visit", "回访"},
      {"visit_grades", 3, 1, "fair", "一般"},
      {"warning_signs", 3, 2, "new_violation_sign", "新的违规违纪苗头"},
      {"clue_handlings", 4, 0, "inquiry", "谈话函询"},
      {"interview_kinds", 4, 3, "heart_to_heart", "谈心谈话"},
      {"vetting_purposes", 6, 0, "promotion", "提拔"},
      {"vetting_answers", 5, 4, "unsuitable", "不宜使用"},
      {"reuse_eligibility", 3, 2, "excluded", "不得提出重新使用"},
      {"assessment_grades", 4, 3, "incompetent", "不称职"},
  };
  for (const auto& c : cases) {
    const json list = ListOf(document, c.list);
    ASSERT_TRUE(list.is_object()) << c.list;
    ASSERT_EQ(list["items"].size(), c.size) << c.list;
    EXPECT_EQ(list["items"][c.index]["code"], c.code) << c.list;
    EXPECT_EQ(list["items"][c.index]["label"], c.label) << c.list;
  }
  EXPECT_EQ(ListOf(document, "actions")["kind"], "rule");
  EXPECT_EQ(ListOf(document, "clue_handlings")["kind"], "system");
}

class DictionaryApiTest : public ApiWorld {};

// Not case data: every role reads the same document; without a session, 401.
TEST_F(DictionaryApiTest, EveryAuthenticatedAccountReadsTheSameDocument) {
  const std::string expected = DictionariesJson(codec::BuiltinCatalogue(), true);
  for (std::size_t i = 0; i < app::kRoleCount; ++i) {
    const auto role = static_cast<app::Role>(i);
    const Session session = LoginAs(std::string(app::RoleCode(role)), {role}, city_a_.id);
    ClientResponse response = Send(verb::get, "/api/v1/dictionaries", "", &session);
    EXPECT_EQ(response.result_int(), 200) << app::RoleCode(role);
    EXPECT_EQ(response.body(), expected) << app::RoleCode(role);
  }
  const Session none = LoginAs("no_roles", {}, 0);
  EXPECT_EQ(Send(verb::get, "/api/v1/dictionaries", "", &none).result_int(), 200);
  ClientResponse anonymous = Send(verb::get, "/api/v1/dictionaries", "", nullptr);
  EXPECT_EQ(anonymous.result_int(), 401);
  EXPECT_EQ(Code(anonymous), "session.invalid");
}

}  // namespace
}  // namespace kangfu::api
