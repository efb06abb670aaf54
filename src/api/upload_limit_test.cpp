// The per-route body limits over loopback, against the production router with the default server
// options: upload routes (kUploadRoutes) take files up to server.upload_limit_mb (64 MB), every
// JSON route keeps server.body_limit_kb (1 MB).

#include <gtest/gtest.h>

#include <string>

#include "api/api_routes.hpp"
#include "api/api_test_support.hpp"

namespace kangfu::api {
namespace {

using testing::ApiWorld;
using testing::ClientResponse;
using testing::IdNumber;
using testing::Session;
using testing::bhttp::verb;

constexpr std::size_t kTwoMegabytes = std::size_t{2} * 1024 * 1024;

class UploadLimitTest : public ApiWorld {
 protected:
  void SetUp() override {
    ApiWorld::SetUp();
    if (HasFatalFailure()) return;
    manager_ = LoginAs("anguan", {app::Role::kCaseManager}, province_.id);
  }

  Session manager_;
};

TEST_F(UploadLimitTest, ATwoMegabyteImportIsRead) {
  // One ledger row, then blank lines (skipped by the reader) up to 2 MB.
  std::string ledger =
      "身份证号,姓名,所在单位,是否党员,决定机关,决定文号,决定日期,违纪类别,处分处理措施,"
      "生效日期\n" +
      IdNumber(3) +
      ",王五,甲市财政局,是,省纪委监委,省纪发〔2025〕7号,2025-06-01,工作纪律,诫勉,2025-06-01\n";
  ledger.resize(kTwoMegabytes, '\n');
  ClientResponse response = Send(verb::post, "/api/v1/imports?dry_run=true", ledger, &manager_,
                                 true, "text/csv; charset=utf-8");
  ASSERT_EQ(response.result_int(), 200) << response.body();
  EXPECT_EQ(Body(response)["dry_run"], true);
  EXPECT_EQ(Body(response)["imported"], false);
}

TEST_F(UploadLimitTest, ATwoMegabyteJsonBodyIsRefusedWith413) {
  std::string body = R"({"name":")" + std::string(kTwoMegabytes, 'x') + R"("})";
  ClientResponse response = Send(verb::post, "/api/v1/persons", body, &manager_);
  EXPECT_EQ(response.result_int(), 413);
  EXPECT_EQ(response[boost::beast::http::field::content_type],
            "application/problem+json; charset=utf-8");
  EXPECT_EQ(Code(response), "http.body_too_large");
  EXPECT_EQ(Body(response)["detail"], "请求内容过大，不能超过 1024 KB，请减少数据量后重试");
}

TEST_F(UploadLimitTest, EveryUploadRouteIsMarkedInTheRouter) {
  // BuildApiRouter fails when a listed route does not exist (Router::MarkUpload); here, the
  // listed routes are exactly the file uploads that the API describes.
  ASSERT_EQ(kUploadRoutes.size(), 4U);
  for (const auto& [method, pattern] : kUploadRoutes) {
    bool found = false;
    for (const http::RouteInfo& route : routes_) {
      found = found || (route.method == method && route.pattern == pattern);
    }
    EXPECT_TRUE(found) << method << " " << pattern;
  }
}

}  // namespace
}  // namespace kangfu::api
