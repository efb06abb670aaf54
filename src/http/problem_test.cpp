#include "http/problem.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "http/json_body.hpp"

namespace kangfu::http {
namespace {

struct CategoryCase {
  ErrorCode code;
  int http_status;
  std::string title;
};

TEST(ProblemTest, EveryErrorCodeMaps) {
  const std::vector<CategoryCase> cases = {
      {ErrorCode::kInvalidArgument, 400, "请求参数有误"},
      {ErrorCode::kNotFound, 404, "未找到"},
      {ErrorCode::kAlreadyExists, 409, "记录已存在"},
      {ErrorCode::kConflict, 409, "记录已被他人修改"},
      {ErrorCode::kFailedPrecondition, 422, "当前状态不允许此操作"},
      {ErrorCode::kUnauthenticated, 401, "未登录或会话已过期"},
      {ErrorCode::kPermissionDenied, 403, "无权限"},
      {ErrorCode::kResourceExhausted, 429, "超出限制"},
      {ErrorCode::kUnavailable, 503, "服务暂不可用"},
      {ErrorCode::kInternal, 500, "系统内部错误"},
  };
  ASSERT_EQ(cases.size(), static_cast<std::size_t>(ErrorCode::kInternal));  // all but kOk
  for (const CategoryCase& c : cases) {
    SCOPED_TRACE(std::string(ErrorCodeName(c.code)));
    Status status = Status::Error(c.code, "x.reason", "中文说明", "field.a");
    EXPECT_EQ(HttpStatusFor(c.code), c.http_status);
    Response response = ProblemResponse(status, "/api/v1/x", "rid-1");
    EXPECT_EQ(response.status, c.http_status);
    EXPECT_EQ(response.Header("content-type"), "application/problem+json; charset=utf-8");
    nlohmann::json body = nlohmann::json::parse(response.body);
    nlohmann::json expected = {
        {"type", "urn:kangfu:problem:x.reason"},
        {"title", c.title},
        {"status", c.http_status},
        {"detail", "中文说明"},
        {"code", "x.reason"},
        {"errors", {{{"field", "field.a"}, {"code", "x.reason"}, {"message", "中文说明"}}}},
        {"instance", "/api/v1/x"},
        {"request_id", "rid-1"},
    };
    EXPECT_EQ(body, expected);
  }
}

TEST(ProblemTest, TransportReasonsRefineTheTable) {
  EXPECT_EQ(HttpStatusFor(BodyTooLarge(std::size_t{1024} * 1024)), 413);
  EXPECT_EQ(HttpStatusFor(UnsupportedMediaType("text/plain")), 415);
  EXPECT_EQ(HttpStatusFor(MethodNotAllowed("DELETE")), 405);
  EXPECT_EQ(HttpStatusFor(RouteNotFound("/x")), 404);
  EXPECT_EQ(HttpStatusFor(BadRequest("bad")), 400);
  EXPECT_EQ(BodyTooLarge(std::size_t{1024} * 1024).message(),
            "请求内容过大，不能超过 1024 KB，请减少数据量后重试");
}

TEST(ProblemTest, DetailsListedAndInternalNeverShown) {
  Status status = Status::Invalid("rows[2]", "import.row_invalid", "第 3 行有错误")
                      .AddDetail({"rows[2].name", "person.name_empty", "姓名不能为空"})
                      .AddDetail({"rows[2].id_number", "person.id_invalid", "身份证号码校验位错误"})
                      .WithInternal("secret stack trace");
  Response response = ProblemResponse(status, "/api/v1/import", "r");
  nlohmann::json body = nlohmann::json::parse(response.body);
  nlohmann::json expected_errors = {
      {{"field", "rows[2].name"}, {"code", "person.name_empty"}, {"message", "姓名不能为空"}},
      {{"field", "rows[2].id_number"},
       {"code", "person.id_invalid"},
       {"message", "身份证号码校验位错误"}},
  };
  EXPECT_EQ(body["errors"], expected_errors);
  EXPECT_EQ(response.body.find("secret"), std::string::npos);
}

TEST(ProblemTest, InternalErrorShowsOnlyTheGenericMessage) {
  Response response = ProblemResponse(Status::Internal("db exploded at row 7"), "/x", "r");
  nlohmann::json body = nlohmann::json::parse(response.body);
  EXPECT_EQ(body["status"], 500);
  EXPECT_EQ(body["detail"], "系统内部错误，请稍后重试或联系系统管理员");
  EXPECT_EQ(body["errors"], nlohmann::json::array());
  EXPECT_EQ(response.body.find("exploded"), std::string::npos);
}

TEST(ProblemTest, OkStatusIsReportedAsInternal) {
  EXPECT_EQ(ProblemResponse(Status::Ok(), "/x", "r").status, 500);
}

TEST(ProblemTest, InvalidUtf8DoesNotThrow) {
  Response response =
      ProblemResponse(Status::Invalid("f", "x", std::string("bad \xff byte")), "/x", "r");
  EXPECT_EQ(response.status, 400);
  EXPECT_TRUE(nlohmann::json::accept(response.body));
}

struct JsonBodyCase {
  std::string content_type;
  std::string body;
  std::string reason;  // empty: parses
  int http_status;
};

TEST(JsonBodyTest, Table) {
  const std::vector<JsonBodyCase> cases = {
      {"application/json", "{\"a\":1}", "", 200},
      {"application/json; charset=utf-8", "[1,2]", "", 200},
      {"Application/JSON", "{}", "", 200},
      {"application/json", "{\"a\":", "json.malformed", 400},
      {"application/json", "", "json.malformed", 400},
      {"text/plain", "{}", "http.unsupported_media_type", 415},
      {"", "{}", "http.unsupported_media_type", 415},
      {"application/jsonp", "{}", "http.unsupported_media_type", 415},
  };
  for (const JsonBodyCase& c : cases) {
    SCOPED_TRACE(c.content_type + " / " + c.body);
    Request request;
    if (!c.content_type.empty()) request.headers.emplace_back("content-type", c.content_type);
    request.body = c.body;
    Result<nlohmann::json> parsed = ParseJsonBody(request);
    if (c.reason.empty()) {
      EXPECT_TRUE(parsed.ok());
      EXPECT_EQ(*parsed, nlohmann::json::parse(c.body));
    } else {
      EXPECT_EQ(parsed.status().reason(), c.reason);
      EXPECT_EQ(HttpStatusFor(parsed.status()), c.http_status);
    }
  }
}

TEST(JsonBodyTest, MalformedMessageNamesTheOffset) {
  Request request;
  request.headers.emplace_back("content-type", "application/json");
  request.body = "{\"a\": tru}";
  Result<nlohmann::json> parsed = ParseJsonBody(request);
  EXPECT_EQ(parsed.status().message(), "请求内容不是有效的 JSON（第 10 个字节附近有错误）");
}

}  // namespace
}  // namespace kangfu::http
