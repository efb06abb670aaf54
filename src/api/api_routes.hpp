#ifndef KANGFU_API_API_ROUTES_HPP_
#define KANGFU_API_API_ROUTES_HPP_

// The complete /api/v1 router, built in one place so that `kangfu serve` and the tests (the
// authorisation matrix in particular) see exactly the same routes. A new module adds one line
// to BuildApiRouter; the matrix test then fails until each of its routes is covered.

#include <array>
#include <memory>
#include <string_view>
#include <utility>

#include "api/aftercare_api.hpp"
#include "api/auth_api.hpp"
#include "api/indicators_api.hpp"
#include "api/ledger_api.hpp"
#include "api/oversight_api.hpp"
#include "api/records_api.hpp"
#include "api/reuse_api.hpp"
#include "api/stats_api.hpp"
#include "api/vetting_api.hpp"
#include "core/status.hpp"
#include "http/router.hpp"

namespace kangfu::api {

struct ApiOptions {
  AuthApiOptions auth;
  RecordsApiOptions records;
};

// The router and the module objects its handlers refer to: keep this alive as long as the
// router (or the server it was moved into) runs.
struct ApiRouter {
  http::Router router;
  std::shared_ptr<AftercareApi> aftercare;
  std::shared_ptr<StatsApi> stats;
  std::shared_ptr<VettingApi> vetting;
  std::shared_ptr<ReuseApi> reuse;
  std::shared_ptr<OversightApi> oversight;
  std::shared_ptr<LedgerApi> ledger;
  std::shared_ptr<IndicatorsApi> indicators;
};

// The OpenAPI 3.1 document of every route (src/api/openapi.json, compiled in), served publicly
// at GET /api/v1/openapi.json. openapi_test keeps it true: every route described, nothing else.
std::string_view OpenApiDocument();

// The routes that take files (ledger imports, candidate spreadsheets, re-use documents): the
// server reads their bodies with the upload limit (server.upload_limit_mb) instead of the small
// JSON limit (server.body_limit_kb). BuildApiRouter marks them (Router::MarkUpload).
inline constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kUploadRoutes = {{
    {"POST", "/api/v1/imports"},
    {"POST", "/api/v1/imports/error-report"},
    {"POST", "/api/v1/vetting-requests/candidate-table"},
    {"POST", "/api/v1/reuse-files/{id}/documents"},
}};

// Every /api/v1 route (/healthz, /readyz and /metrics are the server's own). Recording a case
// also creates its aftercare (execution checklist, visit plan) in the same transaction. Only
// `backend` must outlive the result. Errors: the router's (a duplicate route is a programming
// error); loading the aftercare policy and calendar in force (AftercareApi::Create).
Result<ApiRouter> BuildApiRouter(Backend& backend, const ApiOptions& options);

}  // namespace kangfu::api

#endif  // KANGFU_API_API_ROUTES_HPP_
