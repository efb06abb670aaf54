#include "api/indicators_api.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "api/stats_api.hpp"

namespace kangfu::api {
namespace {

using nlohmann::ordered_json;

std::string Percent(int tenths) {
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
}

double DetailNumber(const app::IndicatorDetail& d) {
  double value = static_cast<double>(d.value);
  for (int i = 0; i < d.decimals; ++i) value /= 10.0;
  return value;
}

ordered_json ValueFields(const app::IndicatorDef& def, const app::IndicatorValue& value,
                         ordered_json out) {
  out["numerator"] = value.numerator;
  out["denominator"] = value.denominator;
  const std::optional<int> tenths = value.Tenths();
  out["percent"] = def.is_rate && tenths ? ordered_json(Percent(*tenths)) : ordered_json();
  ordered_json details = ordered_json::array();
  for (const app::IndicatorDetail& d : value.details) {
    details.push_back({{"code", d.code}, {"label", d.label}, {"value", DetailNumber(d)}});
  }
  out["details"] = std::move(details);
  return out;
}

ordered_json IndicatorJson(const app::IndicatorFigure& figure) {
  const app::IndicatorDef& def = *figure.def;
  ordered_json out = {{"code", def.code},
                      {"label", def.label},
                      {"kind", def.is_rate ? "rate" : "count"},
                      {"higher_is_better", def.higher_is_better},
                      {"numerator_label", def.numerator_label},
                      {"denominator_label", def.denominator_label},
                      {"basis", def.basis}};
  out["target_percent"] =
      figure.target_percent ? ordered_json(*figure.target_percent) : ordered_json();
  return ValueFields(def, figure.value, std::move(out));
}

ordered_json OrgJson(const storage::Organisation& org) {
  return {{"id", org.id}, {"name", org.name}, {"level", storage::OrgLevelCode(org.level)}};
}

ordered_json ScopeJson(const app::StatsScope& scope, domain::Date as_of) {
  return {{"org", OrgJson(scope.org)},
          {"period",
           {{"from", scope.period.from.ToString()},
            {"to", scope.period.to.ToString()},
            {"label", scope.period.label}}},
          {"as_of", as_of.ToString()}};
}

office::Cell RateCell(const app::IndicatorDef& def, const app::IndicatorValue& value) {
  const std::optional<int> tenths = value.Tenths();
  if (!def.is_rate || !tenths) return std::monostate{};
  return static_cast<double>(*tenths) / 1000.0;
}

void AppendValue(std::vector<office::Cell>& row, const app::IndicatorDef& def,
                 const app::IndicatorValue& value) {
  row.emplace_back(value.numerator);
  if (def.is_rate) {
    row.emplace_back(value.denominator);
    row.push_back(RateCell(def, value));
  }
  for (const app::IndicatorDetail& d : value.details) {
    if (d.decimals == 0) {
      row.emplace_back(d.value);
    } else {
      row.emplace_back(DetailNumber(d));
    }
  }
}

}  // namespace

office::Table IndicatorsTable(const app::IndicatorsReport& report) {
  office::Table table;
  table.sheet_name = "工作指标";
  table.columns = {{"单位", office::ColumnKind::kText},    {"统计期间", office::ColumnKind::kText},
                   {"指标", office::ColumnKind::kText},    {"分子", office::ColumnKind::kText},
                   {"数值", office::ColumnKind::kInteger}, {"分母", office::ColumnKind::kText},
                   {"数值", office::ColumnKind::kInteger}, {"比率", office::ColumnKind::kPercent},
                   {"目标", office::ColumnKind::kPercent}};
  for (const app::IndicatorFigure& f : report.indicators) {
    const app::IndicatorDef& def = *f.def;
    std::vector<office::Cell> row = {report.scope.org.name, report.scope.period.label,
                                     std::string(def.label), std::string(def.numerator_label),
                                     f.value.numerator};
    if (def.is_rate) {
      row.emplace_back(std::string(def.denominator_label));
      row.emplace_back(f.value.denominator);
    } else {
      row.emplace_back(std::monostate{});
      row.emplace_back(std::monostate{});
    }
    row.push_back(RateCell(def, f.value));
    if (f.target_percent) {
      row.emplace_back(static_cast<double>(*f.target_percent) / 100.0);
    } else {
      row.emplace_back(std::monostate{});
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

office::Table IndicatorUnitsTable(const app::IndicatorUnitsReport& report) {
  const app::IndicatorDef& def = *report.total.def;
  office::Table table;
  table.sheet_name = std::string(def.label);
  table.columns = {{"排名", office::ColumnKind::kInteger},
                   {"单位", office::ColumnKind::kText},
                   {std::string(def.numerator_label), office::ColumnKind::kInteger}};
  if (def.is_rate) {
    table.columns.push_back({std::string(def.denominator_label), office::ColumnKind::kInteger});
    table.columns.push_back({std::string(def.label), office::ColumnKind::kPercent});
  }
  for (const app::IndicatorDetail& d : report.total.value.details) {
    table.columns.push_back(
        {d.label, d.decimals == 0 ? office::ColumnKind::kInteger : office::ColumnKind::kNumber});
  }
  for (const app::IndicatorUnitRow& unit : report.units) {
    std::vector<office::Cell> row;
    if (unit.rank > 0) {
      row.emplace_back(int64_t{unit.rank});
    } else {
      row.emplace_back(std::monostate{});
    }
    row.emplace_back(unit.org.name);
    AppendValue(row, def, unit.value);
    table.rows.push_back(std::move(row));
  }
  std::vector<office::Cell> own = {std::monostate{}, report.scope.org.name + "（本级）"};
  AppendValue(own, def, report.own);
  table.rows.push_back(std::move(own));
  std::vector<office::Cell> total = {std::monostate{}, std::string("合计")};
  AppendValue(total, def, report.total.value);
  table.rows.push_back(std::move(total));
  return table;
}

app::IndicatorService IndicatorsApi::Service() {
  return app::IndicatorService(backend_.store(), backend_.audit(), aftercare_.service(),
                               aftercare_.policy(), aftercare_.calendar());
}

Result<http::Response> IndicatorsApi::Overview(http::Request& request, const app::Actor& actor) {
  KANGFU_ASSIGN_OR_RETURN(StatsParams params, ReadStatsParams(request));
  app::IndicatorService service = Service();
  KANGFU_ASSIGN_OR_RETURN(app::IndicatorsReport report,
                          service.Overview(actor, params.org, params.period, aftercare_.Today()));
  if (params.xlsx) return XlsxDownload(IndicatorsTable(report), "statistics-indicators");
  ordered_json list = ordered_json::array();
  for (const app::IndicatorFigure& f : report.indicators) list.push_back(IndicatorJson(f));
  ordered_json body = ScopeJson(report.scope, report.as_of);
  body["indicators"] = std::move(list);
  return http::Response::Json(200, body.dump());
}

Result<http::Response> IndicatorsApi::ByUnit(http::Request& request, const app::Actor& actor) {
  KANGFU_ASSIGN_OR_RETURN(StatsParams params, ReadStatsParams(request));
  app::IndicatorService service = Service();
  KANGFU_ASSIGN_OR_RETURN(app::IndicatorUnitsReport report,
                          service.ByUnit(actor, params.org, params.period,
                                         request.QueryParam("indicator"), aftercare_.Today()));
  const app::IndicatorDef& def = *report.total.def;
  if (params.xlsx) {
    return XlsxDownload(IndicatorUnitsTable(report),
                        "statistics-" + std::string(def.code) + "-by-unit");
  }
  ordered_json units = ordered_json::array();
  for (const app::IndicatorUnitRow& unit : report.units) {
    units.push_back({{"rank", unit.rank > 0 ? ordered_json(unit.rank) : ordered_json()},
                     {"org", OrgJson(unit.org)},
                     {"value", ValueFields(def, unit.value, ordered_json::object())}});
  }
  ordered_json body = ScopeJson(report.scope, report.as_of);
  body["indicator"] = IndicatorJson(report.total);
  body["order"] = "worst_first";
  body["units"] = std::move(units);
  body["own"] = ValueFields(def, report.own, ordered_json::object());
  return http::Response::Json(200, body.dump());
}

Status AddIndicatorRoutes(http::Router& router, const AuthApi& auth, IndicatorsApi& api) {
  KANGFU_RETURN_IF_ERROR(
      router.Add("GET", "/api/v1/statistics/indicators",
                 auth.Protect([&api](http::Request& request, const app::Actor& actor) {
                   return api.Overview(request, actor);
                 })));
  return router.Add("GET", "/api/v1/statistics/indicators/by-unit",
                    auth.Protect([&api](http::Request& request, const app::Actor& actor) {
                      return api.ByUnit(request, actor);
                    }));
}

}  // namespace kangfu::api
