#include "http/message.hpp"

#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include <functional>
#include <future>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "http/dispatcher.hpp"

namespace kangfu::http {
namespace {

TEST(MessageTest, HeadersAndQuery) {
  Request request;
  request.headers = {{"content-type", "application/json"}, {"x-a", "1"}, {"x-a", "2"}};
  request.query = "as_of=2025-01-01&name=%E5%BC%A0+%E4%B8%89&flag&bad=%zz";
  EXPECT_EQ(request.Header("Content-Type"), "application/json");
  EXPECT_EQ(request.Header("X-A"), "1");
  EXPECT_EQ(request.Header("missing"), "");
  EXPECT_EQ(request.QueryParam("as_of"), "2025-01-01");
  EXPECT_EQ(request.QueryParam("name"), "张 三");
  EXPECT_EQ(request.QueryParam("flag"), "");
  EXPECT_EQ(request.QueryParam("bad"), "%zz");
  EXPECT_EQ(request.QueryParam("missing"), "");
  EXPECT_EQ(PercentDecode("%4"), "%4");
  EXPECT_EQ(PercentDecode("a%2Fb"), "a/b");
}

TEST(MessageTest, ResponseSetHeaderReplaces) {
  Response response = Response::Json(201, "{}");
  response.SetHeader("content-type", "text/plain");
  ASSERT_EQ(response.headers.size(), 1U);
  EXPECT_EQ(response.Header("Content-Type"), "text/plain");
}

TEST(RequestIdTest, KeepsWellFormedClientIds) {
  EXPECT_TRUE(IsAcceptableRequestId("abc-123_X.y:z"));
  EXPECT_FALSE(IsAcceptableRequestId(""));
  EXPECT_FALSE(IsAcceptableRequestId("has space"));
  EXPECT_FALSE(IsAcceptableRequestId("新"));
  EXPECT_FALSE(IsAcceptableRequestId(std::string(129, 'a')));
  EXPECT_TRUE(IsAcceptableRequestId(std::string(128, 'a')));
  std::string generated = NewRequestId();
  EXPECT_EQ(generated.size(), 32U);
  EXPECT_TRUE(IsAcceptableRequestId(generated));
  EXPECT_NE(generated, NewRequestId());
}

std::shared_ptr<spdlog::logger> QuietLogger() {
  return std::make_shared<spdlog::logger>("test", std::make_shared<spdlog::sinks::null_sink_mt>());
}

Request MakeRequest(std::string method, std::string path) {
  Request request;
  request.method = std::move(method);
  request.path = std::move(path);
  request.target = request.path;
  return request;
}

class DispatcherTest : public ::testing::Test {
 protected:
  static Dispatcher Make() {
    Router router;
    EXPECT_TRUE(router
                    .Add("GET", "/api/v1/persons/{id}",
                         [](Request& request) -> Result<Response> {
                           if (request.Param("id") == "0") {
                             return Status::NotFound("person.not_found", "人员不存在", "id");
                           }
                           if (request.Param("id") == "throw") throw std::runtime_error("boom");
                           return Response::Json(
                               200, "{\"id\":\"" + std::string(request.Param("id")) + "\"}");
                         })
                    .ok());
    return Dispatcher(std::move(router), std::nullopt, QuietLogger());
  }
};

TEST_F(DispatcherTest, SuccessCarriesSecurityHeadersAndRequestId) {
  Dispatcher dispatcher = Make();
  Request request = MakeRequest("GET", "/api/v1/persons/7");
  request.headers.emplace_back("x-request-id", "client-id-1");
  Response response = dispatcher.Handle(request);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "{\"id\":\"7\"}");
  EXPECT_EQ(response.Header("X-Request-Id"), "client-id-1");
  EXPECT_EQ(response.Header("Content-Security-Policy"),
            "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; "
            "object-src 'none'");
  EXPECT_EQ(response.Header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(response.Header("X-Frame-Options"), "DENY");
  EXPECT_EQ(response.Header("Referrer-Policy"), "no-referrer");
  EXPECT_EQ(response.Header("Cache-Control"), "no-store");
}

TEST_F(DispatcherTest, FailuresBecomeProblems) {
  Dispatcher dispatcher = Make();
  struct Case {
    std::string method;
    std::string path;
    int status;
    std::string code;
  };
  const std::vector<Case> cases = {
      {"GET", "/api/v1/persons/0", 404, "person.not_found"},
      {"GET", "/api/v1/persons/throw", 500, "internal"},
      {"GET", "/api/v1/nothing", 404, "http.route_not_found"},
      {"DELETE", "/api/v1/persons/7", 405, "http.method_not_allowed"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.method + " " + c.path);
    Request request = MakeRequest(c.method, c.path);
    request.headers.emplace_back("x-request-id", "bad id with spaces");
    Response response = dispatcher.Handle(request);
    EXPECT_EQ(response.status, c.status);
    EXPECT_EQ(response.Header("Content-Type"), "application/problem+json; charset=utf-8");
    EXPECT_EQ(response.Header("X-Frame-Options"), "DENY");
    nlohmann::json body = nlohmann::json::parse(response.body);
    EXPECT_EQ(body["code"], c.code);
    EXPECT_EQ(body["instance"], c.path);
    EXPECT_EQ(body["request_id"], response.Header("X-Request-Id"));
    EXPECT_EQ(response.Header("X-Request-Id").size(), 32U);  // generated: the client's was bad
  }
  Request wrong_method = MakeRequest("DELETE", "/api/v1/persons/7");
  EXPECT_EQ(dispatcher.Handle(wrong_method).Header("Allow"), "GET");
}

TEST_F(DispatcherTest, MetricsCountPerRouteAndStatus) {
  Dispatcher dispatcher = Make();
  for (const char* path : {"/api/v1/persons/1", "/api/v1/persons/2", "/api/v1/persons/0", "/x"}) {
    Request request = MakeRequest("GET", path);
    (void)dispatcher.Handle(request);
  }
  std::string text = dispatcher.metrics().Render();
  EXPECT_NE(text.find("kangfu_http_requests_total{method=\"GET\",route=\"/api/v1/persons/{id}\","
                      "status=\"200\"} 2\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("kangfu_http_requests_total{method=\"GET\",route=\"/api/v1/persons/{id}\","
                      "status=\"404\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("kangfu_http_requests_total{method=\"GET\",route=\"unmatched\","
                      "status=\"404\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("kangfu_http_request_duration_seconds_count{method=\"GET\","
                      "route=\"/api/v1/persons/{id}\"} 3\n"),
            std::string::npos);
  EXPECT_NE(text.find("kangfu_http_request_duration_seconds_bucket{method=\"GET\","
                      "route=\"/api/v1/persons/{id}\",le=\"+Inf\"} 3\n"),
            std::string::npos);
  EXPECT_NE(text.find("kangfu_http_requests_in_flight 0\n"), std::string::npos);
}

TEST(DispatcherAsyncTest, DeferredRoutesAnswerLaterAndPlainOnesAtOnce) {
  Router router;
  std::vector<std::thread> answerers;
  ASSERT_TRUE(router
                  .Add("GET", "/later", DeferredHandler([&answerers](Request&, Done done) {
                         answerers.emplace_back(
                             [done = std::move(done)] { done(Response::Text(200, "later")); });
                       }))
                  .ok());
  ASSERT_TRUE(router
                  .Add("GET", "/throws", DeferredHandler([](Request&, const Done&) {
                         throw std::runtime_error("boom");
                       }))
                  .ok());
  Dispatcher dispatcher(std::move(router), std::nullopt, QuietLogger());
  struct Case {
    std::string path;
    int status;
    std::string body_start;
  };
  const std::vector<Case> cases = {
      {"/later", 200, "later"},
      {"/throws", 500, "{"},
      {"/nothing", 404, "{"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.path);
    Request request = MakeRequest("GET", c.path);
    std::promise<Response> answered;
    dispatcher.HandleAsync(
        request, [&answered](Response response) { answered.set_value(std::move(response)); });
    Response response = answered.get_future().get();
    EXPECT_EQ(response.status, c.status);
    EXPECT_EQ(response.body.substr(0, c.body_start.size()), c.body_start);
    EXPECT_EQ(response.Header("X-Frame-Options"), "DENY");
    EXPECT_EQ(response.Header("X-Request-Id"), request.request_id);
  }
  for (std::thread& answerer : answerers) answerer.join();
  EXPECT_NE(dispatcher.metrics().Render().find(
                "kangfu_http_requests_total{method=\"GET\",route=\"/later\",status=\"200\"} 1\n"),
            std::string::npos);
  EXPECT_NE(dispatcher.metrics().Render().find("kangfu_http_requests_in_flight 0\n"),
            std::string::npos);
}

TEST(DispatcherAsyncTest, AHopRunsTheFinishingAndTheRenderingWhereTheTransportWants) {
  Router router;
  std::thread::id rendered_on;
  int renders = 0;
  Done completed;  // the handler's `done`, called below as the batch leader would
  ASSERT_TRUE(router
                  .Add("GET", "/status", DeferredHandler([&completed](Request&, Done done) {
                         completed = std::move(done);
                       }))
                  .ok());
  Dispatcher dispatcher(std::move(router), std::nullopt, QuietLogger());
  Request request = MakeRequest("GET", "/status");
  std::vector<std::function<void()>> hopped;
  std::vector<Response> answers;
  dispatcher.HandleAsync(
      request, [&answers](Response response) { answers.push_back(std::move(response)); },
      [&hopped](std::function<void()> work) { hopped.push_back(std::move(work)); });
  ASSERT_TRUE(completed);
  std::thread leader([&] {
    completed(Response::JsonLater(200, [&] {
      ++renders;
      rendered_on = std::this_thread::get_id();
      return std::string(R"({"ok":true})");
    }));
  });
  leader.join();
  // The leader only handed the work over: nothing rendered, nothing answered yet.
  ASSERT_EQ(hopped.size(), 1U);
  EXPECT_EQ(renders, 0);
  EXPECT_TRUE(answers.empty());
  EXPECT_EQ(dispatcher.metrics().Render().find("route=\"/status\",status=\"200\""),
            std::string::npos);
  hopped.front()();  // the transport's own thread
  ASSERT_EQ(answers.size(), 1U);
  EXPECT_EQ(renders, 1);
  EXPECT_EQ(rendered_on, std::this_thread::get_id());
  EXPECT_EQ(answers[0].body, R"({"ok":true})");
  EXPECT_FALSE(answers[0].render_body);
  EXPECT_EQ(answers[0].Header("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(answers[0].Header("X-Frame-Options"), "DENY");
  EXPECT_NE(dispatcher.metrics().Render().find(
                "kangfu_http_requests_total{method=\"GET\",route=\"/status\",status=\"200\"} 1\n"),
            std::string::npos);

  // Without a hop (Handle, tests) the body is rendered on the completing thread.
  Router plain;
  ASSERT_TRUE(plain
                  .Add("GET", "/now", DeferredHandler([](Request&, const Done& done) {
                         done(Response::JsonLater(200, [] { return std::string("[1]"); }));
                       }))
                  .ok());
  Dispatcher direct(std::move(plain), std::nullopt, QuietLogger());
  Request now = MakeRequest("GET", "/now");
  EXPECT_EQ(direct.Handle(now).body, "[1]");

  // A renderer that throws answers 500 problem+json, as a throwing handler does.
  Router failing;
  ASSERT_TRUE(failing
                  .Add("GET", "/bad", DeferredHandler([](Request&, const Done& done) {
                         done(Response::JsonLater(200, []() -> std::string {
                           throw std::runtime_error("invalid UTF-8");
                         }));
                       }))
                  .ok());
  Dispatcher guarded(std::move(failing), std::nullopt, QuietLogger());
  Request bad = MakeRequest("GET", "/bad");
  Response refused = guarded.Handle(bad);
  EXPECT_EQ(refused.status, 500);
  EXPECT_EQ(refused.Header("Content-Type"), "application/problem+json; charset=utf-8");
  EXPECT_EQ(refused.body.find("invalid UTF-8"),
            std::string::npos);  // internal detail stays in the log
}

TEST(MetricsTest, HistogramBucketsAreCumulative) {
  Metrics metrics;
  metrics.Observe("GET", "/a", 200, 0.0004);
  metrics.Observe("GET", "/a", 200, 0.003);
  metrics.Observe("GET", "/a", 200, 10.0);
  std::string text = metrics.Render();
  EXPECT_NE(text.find("le=\"0.0005\"} 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("le=\"0.0025\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("le=\"0.005\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("le=\"5\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("le=\"+Inf\"} 3\n"), std::string::npos);
  EXPECT_EQ(EscapeLabel("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
}

}  // namespace
}  // namespace kangfu::http
