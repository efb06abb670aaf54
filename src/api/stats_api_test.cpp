// The statistics handlers with an authenticated actor (authentication itself is AuthApi's and
// tested there): JSON shapes, Chinese labels, .xlsx export, and the errors' reasons and fields.

#include "api/stats_api.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "codec/catalogue_json.hpp"
#include "domain/id_number.hpp"
#include "http/router.hpp"

namespace kangfu::api {
namespace {

using nlohmann::json;

class StatsApiTest : public testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<storage::Store>> store = storage::OpenStore("sqlite::memory:");
    ASSERT_TRUE(store.ok());
    backend_ = std::make_unique<Backend>(std::move(store).value(),
                                         [] { return app::TimePoint(std::chrono::seconds(0)); });
    storage::Store& db = backend_->store();
    province_ = *db.AddOrganisation({.name = "江南省", .level = storage::OrgLevel::kProvince});
    city_ = *db.AddOrganisation(
        {.parent_id = province_.id, .name = "江州市", .level = storage::OrgLevel::kCity});
    const std::string first17 = "44010019800101001";
    storage::Person person =
        *db.AddPerson({.id_number = first17 + *domain::IdNumberCheckChar(first17),
                       .name = "张三",
                       .unit_id = city_.id,
                       .post_level = "一级科员"});
    const char* dates[] = {"2019-03-01", "2019-05-01", "2019-07-01"};
    const int forms[] = {1, 1, 3};
    for (int i = 0; i < 3; ++i) {
      storage::Case c = *db.AddCase(
          {.person_id = person.id,
           .organ_id = province_.id,
           .decision_number = std::string("江纪〔") + dates[i] + "〕",
           .decision_date = *domain::Date::Parse(dates[i]),
           .discipline = storage::Discipline::kIntegrity,
           .source = i == 0 ? storage::CaseSource::kSelfReport : storage::CaseSource::kPetition,
           .form = forms[i]});
      ASSERT_TRUE(db.AddMeasure({.case_id = c.id,
                                 .kind = forms[i] == 1 ? "first.criticism" : "party.probation",
                                 .effective = c.decision_date})
                      .ok());
    }
    actor_.username = "leader";
    actor_.roles = {app::Role::kLeader};
    actor_.jurisdiction_org = province_.id;
    actor_.jurisdiction_path = province_.path;
    api_ = std::make_unique<StatsApi>(*backend_, codec::BuiltinCatalogue());
  }

  static http::Request Get(const std::string& query) {
    http::Request request;
    request.method = "GET";
    request.query = query;
    return request;
  }

  std::unique_ptr<Backend> backend_;
  std::unique_ptr<StatsApi> api_;
  storage::Organisation province_, city_;
  app::Actor actor_;
};

TEST_F(StatsApiTest, FormsAnswersFiguresWithSharesAndLabels) {
  http::Request request = Get("period=2019");
  Result<http::Response> response = api_->Forms(request, actor_);
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->status, 200);
  const json body = json::parse(response->body);
  EXPECT_EQ(body["org"], (json{{"id", province_.id}, {"name", "江南省"}, {"level", "province"}}));
  EXPECT_EQ(body["period"],
            (json{{"from", "2019-01-01"}, {"to", "2019-12-31"}, {"label", "2019年"}}));
  EXPECT_EQ(body["figures"]["total"], 3);
  EXPECT_EQ(body["figures"]["forms"][0],
            (json{{"form", 1},
                  {"label", "第一种形态"},
                  {"count", 2},
                  {"share", {{"numerator", 2}, {"denominator", 3}, {"percent", "66.7"}}}}));
  EXPECT_EQ(body["figures"]["forms"][2]["share"]["percent"], "33.3");
  EXPECT_EQ(body["figures"]["forms"][3]["share"]["percent"], "0.0");
}

TEST_F(StatsApiTest, BreakdownByUnitAndTrend) {
  http::Request request =
      Get("by=measure&from=2019-01-01&to=2019-06-30&org=" + std::to_string(city_.id));
  Result<http::Response> response = api_->Breakdown(request, actor_);
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  json body = json::parse(response->body);
  EXPECT_EQ(body["by"], "measure");
  EXPECT_EQ(body["by_label"], "处分处理措施");
  ASSERT_EQ(body["rows"].size(), 1U);
  EXPECT_EQ(body["rows"][0]["key"], "first.criticism");
  EXPECT_EQ(body["rows"][0]["label"], "批评教育");
  EXPECT_EQ(body["rows"][0]["share"]["percent"], "100.0");

  request = Get("by=source&period=2019");
  body = json::parse(api_->Breakdown(request, actor_)->body);
  EXPECT_EQ(body["rows"][0]["label"], "信访举报");
  EXPECT_EQ(body["rows"][1]["label"], "主动说明问题");

  request = Get("period=2019");
  body = json::parse(api_->ByUnit(request, actor_)->body);
  ASSERT_EQ(body["units"].size(), 1U);
  EXPECT_EQ(body["units"][0]["rank"], 1);
  EXPECT_EQ(body["units"][0]["org"]["name"], "江州市");
  EXPECT_EQ(body["own"]["total"], 0);

  request = Get("period=2019-Q1");
  body = json::parse(api_->Trend(request, actor_)->body);
  ASSERT_EQ(body["months"].size(), 3U);
  EXPECT_EQ(body["months"][2]["month"], "2019-03");
  EXPECT_EQ(body["months"][2]["figures"]["forms"][0]["count"], 1);
}

TEST_F(StatsApiTest, XlsxExportIsAWorkbook) {
  for (const char* query : {"period=2019&format=xlsx", "period=2019&format=xlsx&by=level"}) {
    http::Request request = Get(query);
    for (auto handler :
         {&StatsApi::Forms, &StatsApi::ByUnit, &StatsApi::Trend, &StatsApi::Breakdown}) {
      if (handler == &StatsApi::Breakdown && std::string(query).find("by=") == std::string::npos) {
        continue;
      }
      Result<http::Response> response = ((*api_).*handler)(request, actor_);
      ASSERT_TRUE(response.ok()) << response.status().ToString();
      EXPECT_EQ(response->Header("Content-Type"),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      EXPECT_EQ(response->body.substr(0, 2), "PK");
    }
  }
}

TEST_F(StatsApiTest, BadRequestsNameTheParameter) {
  struct Row {
    const char* query;
    const char* reason;
    const char* field;
  };
  const Row rows[] = {
      {"by=discipline&period=2019-13", "stats.period", "period"},
      {"by=discipline", "stats.period_missing", "period"},
      {"by=discipline&from=2019-02-01&to=2019-01-01", "stats.range", "to"},
      {"by=discipline&period=2019&org=abc", "stats.org", "org"},
      {"by=discipline&period=2019&org=-1", "stats.org", "org"},
      {"by=discipline&period=2019&format=pdf", "stats.format", "format"},
      {"by=color&period=2019", "stats.by", "by"},
      {"period=2019", "stats.by", "by"},
      {"by=discipline&period=2019&org=999999", "organisation.not_found", "org"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.query);
    http::Request request = Get(row.query);
    Result<http::Response> response = api_->Breakdown(request, actor_);
    ASSERT_FALSE(response.ok());
    EXPECT_EQ(response.status().reason(), row.reason);
    EXPECT_EQ(response.status().field(), row.field);
  }
}

TEST_F(StatsApiTest, RoutesAreRegisteredBehindProtect) {
  http::Router router;
  AuthApi auth(*backend_, AuthApiOptions{.secure_cookies = false});
  ASSERT_TRUE(AddStatsRoutes(router, auth, *api_).ok());
  EXPECT_EQ(router.Routes(), (std::vector<http::RouteInfo>{
                                 {"GET", "/api/v1/statistics/forms"},
                                 {"GET", "/api/v1/statistics/by-unit"},
                                 {"GET", "/api/v1/statistics/trend"},
                                 {"GET", "/api/v1/statistics/breakdown"},
                             }));
  // Without a session the middleware answers before any statistics are read.
  http::Request request = Get("period=2019");
  request.path = "/api/v1/statistics/forms";
  http::RouteMatch match = router.Match("GET", request.path);
  ASSERT_EQ(match.kind, http::RouteMatch::Kind::kFound);
  Result<http::Response> response = (*match.handler)(request);
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), ErrorCode::kUnauthenticated);
}

}  // namespace
}  // namespace kangfu::api
