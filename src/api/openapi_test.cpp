// The OpenAPI document is the contract the web front end and other systems are written against:
// it must describe every production route and nothing that does not exist, every reference in
// it must resolve, and the server must serve it. (Its structure against the OpenAPI schema is
// checked by tools/openapi-check, the openapi_schema_validation test.)

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <utility>

#include "api/api_routes.hpp"
#include "storage/store.hpp"

namespace kangfu::api {
namespace {

using nlohmann::json;
using RouteSet = std::set<std::pair<std::string, std::string>>;

// The routes the server adds itself (http::Server), next to those of BuildApiRouter.
RouteSet ServerRoutes() { return {{"GET", "/healthz"}, {"GET", "/readyz"}, {"GET", "/metrics"}}; }

class OpenApiTest : public testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<storage::Store>> store = storage::OpenStore("sqlite::memory:");
    ASSERT_TRUE(store.ok());
    backend_ = std::make_unique<Backend>(std::move(store).value(),
                                         [] { return app::TimePoint(std::chrono::seconds(0)); });
    Result<ApiRouter> api = BuildApiRouter(*backend_, {});
    ASSERT_TRUE(api.ok()) << api.status().ToString();
    api_ = std::move(api).value();
    document_ = json::parse(OpenApiDocument());
  }

  RouteSet Routed() const {
    RouteSet routes = ServerRoutes();
    for (const http::RouteInfo& route : api_.router.Routes()) {
      routes.emplace(route.method, route.pattern);
    }
    return routes;
  }

  RouteSet Documented() const {
    RouteSet routes;
    for (const auto& [path, item] : document_.at("paths").items()) {
      for (const auto& [method, operation] : item.items()) {
        if (method == "parameters") continue;
        std::string upper = method;
        std::transform(upper.begin(), upper.end(), upper.begin(),
                       [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
        routes.emplace(upper, path);
      }
    }
    return routes;
  }

  std::unique_ptr<Backend> backend_;
  ApiRouter api_;
  json document_;
};

TEST_F(OpenApiTest, DescribesEveryRouteAndNothingElse) {
  const RouteSet routed = Routed();
  const RouteSet documented = Documented();
  for (const auto& [method, pattern] : routed) {
    EXPECT_TRUE(documented.contains({method, pattern}))
        << method << " " << pattern << " is not described in src/api/openapi.json";
  }
  for (const auto& [method, pattern] : documented) {
    EXPECT_TRUE(routed.contains({method, pattern}))
        << method << " " << pattern << " is described but the server has no such route";
  }
  EXPECT_GT(routed.size(), 40U);
}

TEST_F(OpenApiTest, EveryOperationHasAChineseSummaryPathParametersAndProblemErrors) {
  for (const auto& [path, item] : document_.at("paths").items()) {
    for (const auto& [method, operation] : item.items()) {
      std::string where = method;
      where.append(" ").append(path);
      const std::string summary = operation.value("summary", "");
      // A Chinese summary: at least one multi-byte UTF-8 character.
      EXPECT_TRUE(std::any_of(summary.begin(), summary.end(), [](char c) {
        return static_cast<unsigned char>(c) >= 0x80;
      })) << where;
      std::set<std::string> declared;
      for (const json& parameter : operation.value("parameters", json::array())) {
        if (parameter.at("in") == "path") declared.insert(parameter.at("name").get<std::string>());
      }
      std::set<std::string> in_path;
      for (std::size_t open = path.find('{'); open != std::string::npos;
           open = path.find('{', open + 1)) {
        in_path.insert(path.substr(open + 1, path.find('}', open) - open - 1));
      }
      EXPECT_EQ(declared, in_path) << where;
      if (path.starts_with("/api/v1/")) {
        EXPECT_TRUE(operation.at("responses").contains("4XX")) << where;
      }
    }
  }
}

TEST_F(OpenApiTest, EveryReferenceResolves) {
  std::set<std::string> missing;
  std::function<void(const json&)> walk = [&](const json& node) {
    if (node.is_object()) {
      if (auto ref = node.find("$ref"); ref != node.end()) {
        const std::string target = ref->get<std::string>();
        const json::json_pointer pointer(target.substr(1));  // "#/components/…" → "/components/…"
        if (!target.starts_with("#/") || !document_.contains(pointer)) missing.insert(target);
      }
      for (const auto& [key, value] : node.items()) walk(value);
    } else if (node.is_array()) {
      for (const json& value : node) walk(value);
    }
  };
  walk(document_);
  EXPECT_TRUE(missing.empty()) << *missing.begin();
}

TEST_F(OpenApiTest, IsServedWithoutASession) {
  http::RouteMatch match = api_.router.Match("GET", "/api/v1/openapi.json");
  ASSERT_EQ(match.kind, http::RouteMatch::Kind::kFound);
  http::Request request;
  request.method = "GET";
  request.target = "/api/v1/openapi.json";
  request.path = request.target;
  Result<http::Response> response = (*match.handler)(request);
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(json::parse(response->body), document_);
}

}  // namespace
}  // namespace kangfu::api
