#ifndef KANGFU_API_STATS_API_HPP_
#define KANGFU_API_STATS_API_HPP_

// The HTTP face of the four-forms statistics (app::StatsService). Every route is a GET behind
// AuthApi::Protect (session required; Permission::kReadStatistics; jurisdiction checked in app/).
//
// Query parameters, common to all routes:
//   org      organisation id; absent = the account's jurisdiction root
//   period   "2019" | "2024-Q1" | "2024-03"   or   from=YYYY-MM-DD&to=YYYY-MM-DD
//   format   "json" (default) | "xlsx" (the same table as a workbook download)
//
// Routes and JSON bodies (200):
//   GET /api/v1/statistics/forms
//     {"org": Org, "period": Period, "figures": Figures}
//   GET /api/v1/statistics/by-unit          every direct child unit, ranked
//     {"org", "period", "units": [{"rank": 1, "org": Org, "figures": Figures}],
//      "own": Figures (cases recorded on the organisation itself, 本级), "total": Figures}
//   GET /api/v1/statistics/trend            every calendar month of the period
//     {"org", "period", "months": [{"month": "2024-01", "figures": Figures}]}
//   GET /api/v1/statistics/breakdown?by=discipline|measure|level|source
//     {"org", "period", "by": "source", "by_label": "案件来源",
//      "rows": [{"key": "self_report", "label": "主动说明问题", "count": 12, "share": Share,
//                "figures": Figures}]}            rows by count, descending
// where
//   Org     = {"id": 7, "name": "江州市", "level": "city"}
//   Period  = {"from": "2019-01-01", "to": "2019-12-31", "label": "2019年"}
//   Figures = {"total": 62902 (人次, forms 1-4), "unclassified": 0,
//              "forms": [{"form": 1, "label": "第一种形态", "count": 37170, "share": Share}, …4]}
//   Share   = {"numerator": 37170, "denominator": 62902, "percent": "59.1"}
//             percent: one decimal, largest-remainder rounded so that a table adds up to 100.0
//
// Errors (problem+json through the dispatcher): 400 "stats.period" / "stats.period_missing" /
// "date.invalid" / "stats.range" / "stats.period_too_long" (period), "stats.org" (org not a
// positive integer), "stats.by" (unknown breakdown), "stats.format"; 401 without a session;
// 403 "auth.forbidden"; 404 "organisation.not_found" (unknown or outside the jurisdiction).

#include <string>

#include "api/auth_api.hpp"
#include "app/stats_service.hpp"
#include "core/status.hpp"
#include "domain/catalogue.hpp"
#include "http/message.hpp"
#include "http/router.hpp"
#include "office/table.hpp"

namespace kangfu::api {

// The statistics tables as spreadsheets: Chinese headers, labels for codes, shares as percent
// cells. Shared by ?format=xlsx and the CLI's table output.
office::Table FormsTable(const app::FormsReport& report);
office::Table UnitsTable(const app::UnitsReport& report);
office::Table TrendTable(const app::TrendReport& report);
office::Table BreakdownTable(const app::BreakdownReport& report);

// "第一种形态" … for 1-4.
std::string FormLabel(int form);

// What every statistics request says (the query parameters above; also the indicators'):
// organisation (0 = the account's jurisdiction root), period, format. Errors "stats.org",
// "stats.format" and ParseStatsPeriod's.
struct StatsParams {
  storage::RowId org = 0;
  app::StatsPeriod period;
  bool xlsx = false;
};
Result<StatsParams> ReadStatsParams(const http::Request& request);

// `table` as a workbook download, 200 with `file_stem`.xlsx as the attachment's name; errors are
// office::WriteXlsx's.
Result<http::Response> XlsxDownload(const office::Table& table, const std::string& file_stem);

class StatsApi {
 public:
  // `backend` and `catalogue` must outlive the routes.
  StatsApi(Backend& backend, const domain::Catalogue& catalogue)
      : backend_(backend), catalogue_(catalogue) {}

  // The handlers, callable with an authenticated actor (the routes wrap them in Protect).
  Result<http::Response> Forms(http::Request& request, const app::Actor& actor);
  Result<http::Response> ByUnit(http::Request& request, const app::Actor& actor);
  Result<http::Response> Trend(http::Request& request, const app::Actor& actor);
  Result<http::Response> Breakdown(http::Request& request, const app::Actor& actor);

 private:
  Backend& backend_;
  const domain::Catalogue& catalogue_;
};

// Adds the four routes above to `router`, each wrapped in auth.Protect. `stats` must outlive the
// router. Errors: the router's (duplicate routes).
Status AddStatsRoutes(http::Router& router, const AuthApi& auth, StatsApi& stats);

}  // namespace kangfu::api

#endif  // KANGFU_API_STATS_API_HPP_
