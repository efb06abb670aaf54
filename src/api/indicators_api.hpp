#ifndef KANGFU_API_INDICATORS_API_HPP_
#define KANGFU_API_INDICATORS_API_HPP_

// The HTTP face of the work indicators (app::IndicatorService): GET routes behind
// AuthApi::Protect (session; Permission::kReadStatistics; jurisdiction checked in app/).
//
// Query parameters as the four-forms statistics (stats_api.hpp): org, period | from & to,
// format=json|xlsx.
//
//   GET /api/v1/statistics/indicators
//     {"org": Org, "period": Period, "as_of": "2025-12-31", "indicators": [Indicator, …]}
//   GET /api/v1/statistics/indicators/by-unit?indicator=visit_coverage
//     {"org", "period", "as_of", "indicator": Indicator (the whole subtree), "order":
//      "worst_first", "units": [{"rank": 1 | null, "org": Org, "value": Value}], "own": Value}
// where
//   Indicator = {"code": "visit_coverage", "label": "回访覆盖率", "kind": "rate" | "count",
//                "higher_is_better": true, "numerator_label": "已回访人数",
//                "denominator_label": "应回访人数", "basis": "…", "target_percent": 30 | null,
//                …Value}
//   Value     = {"numerator": 2, "denominator": 3, "percent": "66.7" | null (no denominator, or
//                a count), "details": [{"code": "median_working_days", "label": "…",
//                "value": 3.5}]}
// The ranking puts the worst unit first (lowest rate; most overdue items); units with nothing
// due are not ranked (rank null, listed last).
//
// Errors: as stats_api (stats.period …, stats.org, stats.format, 401, 403 auth.forbidden, 404
// organisation.not_found); 400 "indicator.unknown" (field indicator) on by-unit.

#include "api/aftercare_api.hpp"
#include "api/auth_api.hpp"
#include "app/indicator_service.hpp"
#include "http/message.hpp"
#include "http/router.hpp"
#include "office/table.hpp"

namespace kangfu::api {

// The tables behind ?format=xlsx.
office::Table IndicatorsTable(const app::IndicatorsReport& report);
office::Table IndicatorUnitsTable(const app::IndicatorUnitsReport& report);

class IndicatorsApi {
 public:
  // `backend` and `aftercare` (its service, policy, calendar and clock) must outlive the routes.
  IndicatorsApi(Backend& backend, AftercareApi& aftercare)
      : backend_(backend), aftercare_(aftercare) {}

  Result<http::Response> Overview(http::Request& request, const app::Actor& actor);
  Result<http::Response> ByUnit(http::Request& request, const app::Actor& actor);

 private:
  app::IndicatorService Service();

  Backend& backend_;
  AftercareApi& aftercare_;
};

// Adds the two routes above, each wrapped in auth.Protect. `api` must outlive the router.
Status AddIndicatorRoutes(http::Router& router, const AuthApi& auth, IndicatorsApi& api);

}  // namespace kangfu::api

#endif  // KANGFU_API_INDICATORS_API_HPP_
