// The work-indicator handlers with an authenticated actor (authentication itself is AuthApi's;
// the role × jurisdiction matrix is in api_authz_test.cpp): JSON shapes, the ranking, .xlsx
// export, and the errors' reasons and fields.

#include "api/indicators_api.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "codec/catalogue_json.hpp"
#include "domain/id_number.hpp"
#include "http/router.hpp"

namespace kangfu::api {
namespace {

using nlohmann::json;

// 江州市 with two units; 张三 of 财政局 received 警告 on 2025-02-01 (self-reported) and was
// never visited: his first visit fell due on 2025-07-31. Today is 2026-01-10.
class IndicatorsApiTest : public testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<storage::Store>> store = storage::OpenStore("sqlite::memory:");
    ASSERT_TRUE(store.ok());
    backend_ = std::make_unique<Backend>(std::move(store).value(), [] {
      return app::TimePoint(std::chrono::seconds(1768003200));  // 2026-01-10
    });
    storage::Store& db = backend_->store();
    province_ = *db.AddOrganisation({.name = "江南省", .level = storage::OrgLevel::kProvince});
    city_ = *db.AddOrganisation(
        {.parent_id = province_.id, .name = "江州市", .level = storage::OrgLevel::kCity});
    finance_ = *db.AddOrganisation(
        {.parent_id = city_.id, .name = "江州市财政局", .level = storage::OrgLevel::kUnit});
    transport_ = *db.AddOrganisation(
        {.parent_id = city_.id, .name = "江州市交通局", .level = storage::OrgLevel::kUnit});
    const std::string first17 = "44010019800101001";
    storage::Person person =
        *db.AddPerson({.id_number = first17 + *domain::IdNumberCheckChar(first17),
                       .name = "张三",
                       .unit_id = finance_.id});
    storage::Case c = *db.AddCase({.person_id = person.id,
                                   .organ_id = city_.id,
                                   .decision_number = "江纪〔2025〕1号",
                                   .decision_date = *domain::Date::Parse("2025-02-01"),
                                   .source = storage::CaseSource::kSelfReport,
                                   .form = 2});
    ASSERT_TRUE(
        db.AddMeasure({.case_id = c.id, .kind = "party.warning", .effective = c.decision_date})
            .ok());
    actor_.username = "leader";
    actor_.roles = {app::Role::kLeader};
    actor_.jurisdiction_org = province_.id;
    actor_.jurisdiction_path = province_.path;
    Result<std::unique_ptr<AftercareApi>> aftercare = AftercareApi::Create(
        *backend_, AuthApi(*backend_, {}), codec::BuiltinCatalogue(), {}, backend_->clock());
    ASSERT_TRUE(aftercare.ok()) << aftercare.status().ToString();
    aftercare_ = std::move(aftercare).value();
    api_ = std::make_unique<IndicatorsApi>(*backend_, *aftercare_);
  }

  static http::Request Get(const std::string& query) {
    http::Request request;
    request.method = "GET";
    request.query = query;
    return request;
  }

  json Body(Result<http::Response> response) {
    EXPECT_TRUE(response.ok()) << response.status().ToString();
    if (!response.ok()) return json();
    EXPECT_EQ(response->status, 200);
    return json::parse(response->body);
  }

  std::unique_ptr<Backend> backend_;
  std::unique_ptr<AftercareApi> aftercare_;
  std::unique_ptr<IndicatorsApi> api_;
  storage::Organisation province_, city_, finance_, transport_;
  app::Actor actor_;
};

TEST_F(IndicatorsApiTest, OverviewListsEveryIndicatorWithItsFigures) {
  http::Request request = Get("period=2025&org=" + std::to_string(city_.id));
  const json body = Body(api_->Overview(request, actor_));
  EXPECT_EQ(body["org"]["name"], "江州市");
  EXPECT_EQ(body["period"]["label"], "2025年");
  EXPECT_EQ(body["as_of"], "2025-12-31");
  std::vector<std::string> codes;
  for (const json& i : body["indicators"]) codes.push_back(i["code"]);
  EXPECT_EQ(codes, (std::vector<std::string>{"visit_coverage", "visit_recent", "mentoring_talks",
                                             "mentoring_reports", "vetting_on_time", "overdue_work",
                                             "self_report", "interviews", "clearances", "reuses"}));
  const json& coverage = body["indicators"][0];
  EXPECT_EQ(coverage["label"], "回访覆盖率");
  EXPECT_EQ(coverage["kind"], "rate");
  EXPECT_EQ(coverage["higher_is_better"], true);
  EXPECT_EQ(coverage["numerator_label"], "已回访人数");
  EXPECT_EQ(coverage["numerator"], 0);
  EXPECT_EQ(coverage["denominator"], 1);
  EXPECT_EQ(coverage["percent"], "0.0");
  EXPECT_TRUE(coverage["target_percent"].is_null());
  const json& mentoring = body["indicators"][2];
  EXPECT_EQ(mentoring["denominator"], 0);
  EXPECT_TRUE(mentoring["percent"].is_null());
  const json& overdue = body["indicators"][5];
  EXPECT_EQ(overdue["kind"], "count");
  EXPECT_EQ(overdue["numerator"], 1);
  EXPECT_TRUE(overdue["percent"].is_null());
  EXPECT_EQ(overdue["details"][0],
            (json{{"code", "visit"}, {"label", "逾期未回访"}, {"value", 1}}));
  EXPECT_EQ(body["indicators"][6]["percent"], "100.0");
  EXPECT_EQ(body["indicators"][4]["details"][2]["code"], "median_working_days");
}

TEST_F(IndicatorsApiTest, ByUnitRanksTheWorstFirst) {
  http::Request request =
      Get("indicator=visit_coverage&period=2025&org=" + std::to_string(city_.id));
  const json body = Body(api_->ByUnit(request, actor_));
  EXPECT_EQ(body["order"], "worst_first");
  EXPECT_EQ(body["indicator"]["code"], "visit_coverage");
  EXPECT_EQ(body["indicator"]["percent"], "0.0");
  ASSERT_EQ(body["units"].size(), 2U);
  EXPECT_EQ(body["units"][0]["rank"], 1);
  EXPECT_EQ(body["units"][0]["org"]["name"], "江州市财政局");
  EXPECT_EQ(body["units"][0]["value"]["denominator"], 1);
  EXPECT_TRUE(body["units"][1]["rank"].is_null());
  EXPECT_EQ(body["units"][1]["org"]["name"], "江州市交通局");
  EXPECT_TRUE(body["units"][1]["value"]["percent"].is_null());
  EXPECT_EQ(body["own"]["denominator"], 0);
}

TEST_F(IndicatorsApiTest, XlsxExportIsAWorkbook) {
  for (bool by_unit : {false, true}) {
    http::Request request = Get("period=2025&format=xlsx&indicator=vetting_on_time");
    Result<http::Response> response =
        by_unit ? api_->ByUnit(request, actor_) : api_->Overview(request, actor_);
    ASSERT_TRUE(response.ok()) << response.status().ToString();
    EXPECT_EQ(response->Header("Content-Type"),
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    EXPECT_EQ(response->Header("Content-Disposition"),
              by_unit ? "attachment; filename=\"statistics-vetting_on_time-by-unit.xlsx\""
                      : "attachment; filename=\"statistics-indicators.xlsx\"");
    EXPECT_EQ(response->body.substr(0, 2), "PK");
  }
}

TEST_F(IndicatorsApiTest, BadRequestsNameTheParameter) {
  struct Row {
    const char* query;
    const char* reason;
    const char* field;
  };
  const Row rows[] = {
      {"indicator=visit_coverage&period=2025-13", "stats.period", "period"},
      {"indicator=visit_coverage", "stats.period_missing", "period"},
      {"indicator=visit_coverage&from=2025-02-01&to=2025-01-01", "stats.range", "to"},
      {"indicator=visit_coverage&period=2025&org=abc", "stats.org", "org"},
      {"indicator=visit_coverage&period=2025&format=pdf", "stats.format", "format"},
      {"indicator=petitions&period=2025", "indicator.unknown", "indicator"},
      {"period=2025", "indicator.unknown", "indicator"},
      {"indicator=visit_coverage&period=2025&org=999999", "organisation.not_found", "org"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.query);
    http::Request request = Get(row.query);
    Result<http::Response> response = api_->ByUnit(request, actor_);
    ASSERT_FALSE(response.ok());
    EXPECT_EQ(response.status().reason(), row.reason);
    EXPECT_EQ(response.status().field(), row.field);
  }
  http::Request request = Get("period=2025&org=0");
  EXPECT_EQ(api_->Overview(request, actor_).status().reason(), "stats.org");
}

TEST_F(IndicatorsApiTest, RoutesAreRegisteredBehindProtect) {
  http::Router router;
  AuthApi auth(*backend_, AuthApiOptions{.secure_cookies = false});
  ASSERT_TRUE(AddIndicatorRoutes(router, auth, *api_).ok());
  EXPECT_EQ(router.Routes(), (std::vector<http::RouteInfo>{
                                 {"GET", "/api/v1/statistics/indicators"},
                                 {"GET", "/api/v1/statistics/indicators/by-unit"},
                             }));
  for (const char* path :
       {"/api/v1/statistics/indicators", "/api/v1/statistics/indicators/by-unit"}) {
    http::Request request = Get("period=2025&indicator=overdue_work");
    request.path = path;
    http::RouteMatch match = router.Match("GET", request.path);
    ASSERT_EQ(match.kind, http::RouteMatch::Kind::kFound);
    Result<http::Response> response = (*match.handler)(request);
    ASSERT_FALSE(response.ok());
    EXPECT_EQ(response.status().code(), ErrorCode::kUnauthenticated);
  }
}

}  // namespace
}  // namespace kangfu::api
