#include "http/router.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace kangfu::http {
namespace {

Handler Named(const std::string& name) {
  return [name](Request&) -> Result<Response> { return Response::Text(200, name); };
}

std::string Call(const RouteMatch& match) {
  Request request;
  Result<Response> response = (*match.handler)(request);
  return response.ok() ? response->body : "error";
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(router_.Add("GET", "/api/v1/persons", Named("list")).ok());
    ASSERT_TRUE(router_.Add("POST", "/api/v1/persons", Named("create")).ok());
    ASSERT_TRUE(router_.Add("GET", "/api/v1/persons/{id}", Named("get")).ok());
    ASSERT_TRUE(router_.Add("PUT", "/api/v1/persons/{id}", Named("put")).ok());
    ASSERT_TRUE(router_.Add("GET", "/api/v1/persons/search", Named("search")).ok());
    ASSERT_TRUE(router_.Add("GET", "/api/v1/persons/{id}/cases/{case_id}", Named("case")).ok());
    ASSERT_TRUE(router_.Add("GET", "/", Named("root")).ok());
  }
  Router router_;
};

struct MatchCase {
  std::string method;
  std::string path;
  RouteMatch::Kind kind;
  std::string handler;  // for kFound
  std::vector<std::pair<std::string, std::string>> params;
  std::vector<std::string> allowed;  // for kMethodNotAllowed
};

TEST_F(RouterTest, Table) {
  using Kind = RouteMatch::Kind;
  const std::vector<MatchCase> cases = {
      {"GET", "/api/v1/persons", Kind::kFound, "list", {}, {}},
      {"POST", "/api/v1/persons", Kind::kFound, "create", {}, {}},
      {"GET", "/api/v1/persons/42", Kind::kFound, "get", {{"id", "42"}}, {}},
      {"HEAD", "/api/v1/persons/42", Kind::kFound, "get", {{"id", "42"}}, {}},
      {"GET", "/api/v1/persons/search", Kind::kFound, "search", {}, {}},
      {"PUT", "/api/v1/persons/search", Kind::kFound, "put", {{"id", "search"}}, {}},
      {"GET", "/api/v1/persons/%E5%BC%A0", Kind::kFound, "get", {{"id", "张"}}, {}},
      {"GET",
       "/api/v1/persons/7/cases/9",
       Kind::kFound,
       "case",
       {{"id", "7"}, {"case_id", "9"}},
       {}},
      {"GET", "/", Kind::kFound, "root", {}, {}},
      {"DELETE", "/api/v1/persons/42", Kind::kMethodNotAllowed, "", {}, {"GET", "PUT"}},
      {"DELETE", "/api/v1/persons", Kind::kMethodNotAllowed, "", {}, {"GET", "POST"}},
      {"GET", "/api/v1/persons/", Kind::kNotFound, "", {}, {}},
      {"GET", "/api/v1/persons/7/cases", Kind::kNotFound, "", {}, {}},
      {"GET", "/api/v1", Kind::kNotFound, "", {}, {}},
      {"GET", "/nothing", Kind::kNotFound, "", {}, {}},
      {"GET", "", Kind::kNotFound, "", {}, {}},
      {"GET", "api/v1/persons", Kind::kNotFound, "", {}, {}},
  };
  for (const MatchCase& c : cases) {
    SCOPED_TRACE(c.method + " " + c.path);
    RouteMatch match = router_.Match(c.method, c.path);
    ASSERT_EQ(match.kind, c.kind);
    if (c.kind == Kind::kFound) {
      EXPECT_EQ(Call(match), c.handler);
      EXPECT_EQ(match.params, c.params);
    }
    EXPECT_EQ(match.allowed, c.allowed);
  }
}

TEST_F(RouterTest, EnumeratesRoutesInOrder) {
  std::vector<RouteInfo> expected = {
      {"GET", "/api/v1/persons"},
      {"POST", "/api/v1/persons"},
      {"GET", "/api/v1/persons/{id}"},
      {"PUT", "/api/v1/persons/{id}"},
      {"GET", "/api/v1/persons/search"},
      {"GET", "/api/v1/persons/{id}/cases/{case_id}"},
      {"GET", "/"},
  };
  EXPECT_EQ(router_.Routes(), expected);
}

TEST_F(RouterTest, RejectsBadAndDuplicatePatterns) {
  struct Bad {
    std::string pattern;
    std::string reason;
  };
  const std::vector<Bad> bad = {
      {"", "route.invalid"},
      {"persons", "route.invalid"},
      {"/persons/{}", "route.invalid"},
      {"/persons/{id", "route.invalid"},
      {"/persons/id}", "route.invalid"},
      {"/persons/{a-b}", "route.invalid"},
      {"/persons/{id}/x/{id}", "route.invalid"},
      {"/api/v1/persons/{other}", "route.duplicate"},
      {"/api/v1/persons", "route.duplicate"},
  };
  for (const Bad& b : bad) {
    SCOPED_TRACE(b.pattern);
    Status status = router_.Add("GET", b.pattern, Named("x"));
    EXPECT_EQ(status.reason(), b.reason);
    EXPECT_EQ(status.field(), "pattern");
  }
  EXPECT_EQ(router_.Routes().size(), 7U);
}

TEST(DeferredRouteTest, MatchGivesTheDeferredHandlerAndAWaitingOne) {
  Router router;
  std::vector<std::thread> answerers;
  ASSERT_TRUE(
      router
          .Add("GET", "/later/{id}", DeferredHandler([&answerers](Request& request, Done done) {
                 // Answered from another thread, after the handler returned.
                 answerers.emplace_back([&request, done = std::move(done)] {
                   done(Response::Text(200, "later " + std::string(request.Param("id"))));
                 });
               }))
          .ok());
  ASSERT_TRUE(router.Add("GET", "/now", Named("now")).ok());
  RouteMatch later = router.Match("GET", "/later/7");
  ASSERT_EQ(later.kind, RouteMatch::Kind::kFound);
  ASSERT_NE(later.deferred, nullptr);
  Request request;
  request.params = later.params;
  Result<Response> waited = (*later.handler)(request);
  ASSERT_TRUE(waited.ok());
  EXPECT_EQ(waited->body, "later 7");
  RouteMatch now = router.Match("GET", "/now");
  EXPECT_EQ(now.deferred, nullptr);
  EXPECT_EQ(Call(now), "now");
  EXPECT_EQ(router.Add("GET", "/later/{n}", DeferredHandler()).reason(), "route.duplicate");
  for (std::thread& answerer : answerers) answerer.join();
}

}  // namespace
}  // namespace kangfu::http
