#include "api/stats_api.hpp"

#include <charconv>
#include <mutex>
#include <nlohmann/json.hpp>
#include <utility>
#include <vector>

#include "office/xlsx_writer.hpp"

namespace kangfu::api {
namespace {

using nlohmann::json;

constexpr const char* kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

std::string Percent(int tenths) {
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
}

json ShareJson(const app::Share& share) {
  return {{"numerator", share.numerator},
          {"denominator", share.denominator},
          {"percent", Percent(share.tenths)}};
}

json FiguresJson(const app::FormFigures& figures) {
  json forms = json::array();
  for (std::size_t i = 0; i < 4; ++i) {
    const int form = static_cast<int>(i) + 1;
    forms.push_back({{"form", form},
                     {"label", FormLabel(form)},
                     {"count", figures.by_form[i]},
                     {"share", ShareJson(figures.shares[i])}});
  }
  return {{"total", figures.total}, {"unclassified", figures.unclassified}, {"forms", forms}};
}

json OrgJson(const storage::Organisation& org) {
  return {{"id", org.id}, {"name", org.name}, {"level", storage::OrgLevelCode(org.level)}};
}

json ScopeJson(const app::StatsScope& scope) {
  return {{"org", OrgJson(scope.org)},
          {"period",
           {{"from", scope.period.from.ToString()},
            {"to", scope.period.to.ToString()},
            {"label", scope.period.label}}}};
}

std::string MonthText(int year, int month) {
  std::string text = std::to_string(year) + "-";
  if (month < 10) text += "0";
  return text + std::to_string(month);
}

std::vector<office::Column> FormColumns(std::vector<office::Column> columns) {
  for (int form = 1; form <= 4; ++form) {
    columns.push_back({FormLabel(form) + "人次", office::ColumnKind::kInteger});
    columns.push_back({FormLabel(form) + "占比", office::ColumnKind::kPercent});
  }
  return columns;
}

void AppendForms(std::vector<office::Cell>& row, const app::FormFigures& figures) {
  for (std::size_t i = 0; i < 4; ++i) {
    row.emplace_back(figures.by_form[i]);
    row.emplace_back(static_cast<double>(figures.shares[i].tenths) / 1000.0);
  }
}

}  // namespace

std::string FormLabel(int form) {
  static const char* const kLabels[] = {"未认定形态", "第一种形态", "第二种形态", "第三种形态",
                                        "第四种形态"};
  return form >= 0 && form <= 4 ? kLabels[form] : "未认定形态";
}

office::Table FormsTable(const app::FormsReport& report) {
  office::Table table;
  table.sheet_name = "四种形态";
  table.columns = {{"单位", office::ColumnKind::kText},
                   {"统计期间", office::ColumnKind::kText},
                   {"形态", office::ColumnKind::kText},
                   {"人次", office::ColumnKind::kInteger},
                   {"占比", office::ColumnKind::kPercent}};
  const app::FormFigures& f = report.figures;
  for (std::size_t i = 0; i < 4; ++i) {
    table.rows.push_back({report.scope.org.name, report.scope.period.label,
                          FormLabel(static_cast<int>(i) + 1), f.by_form[i],
                          static_cast<double>(f.shares[i].tenths) / 1000.0});
  }
  table.rows.push_back({report.scope.org.name, report.scope.period.label, std::string("合计"),
                        f.total, f.total > 0 ? 1.0 : 0.0});
  if (f.unclassified > 0) {
    table.rows.push_back({report.scope.org.name, report.scope.period.label,
                          std::string("未认定形态（不计入合计）"), f.unclassified,
                          std::monostate{}});
  }
  return table;
}

office::Table UnitsTable(const app::UnitsReport& report) {
  office::Table table;
  table.sheet_name = "各单位四种形态";
  table.columns = FormColumns({{"排名", office::ColumnKind::kInteger},
                               {"单位", office::ColumnKind::kText},
                               {"合计人次", office::ColumnKind::kInteger}});
  for (const app::UnitRow& unit : report.units) {
    std::vector<office::Cell> row = {int64_t{unit.rank}, unit.org.name, unit.figures.total};
    AppendForms(row, unit.figures);
    table.rows.push_back(std::move(row));
  }
  std::vector<office::Cell> own = {std::monostate{}, report.scope.org.name + "（本级）",
                                   report.own.total};
  AppendForms(own, report.own);
  table.rows.push_back(std::move(own));
  std::vector<office::Cell> total = {std::monostate{}, std::string("合计"), report.total.total};
  AppendForms(total, report.total);
  table.rows.push_back(std::move(total));
  return table;
}

office::Table TrendTable(const app::TrendReport& report) {
  office::Table table;
  table.sheet_name = "按月趋势";
  table.columns = FormColumns(
      {{"月份", office::ColumnKind::kText}, {"合计人次", office::ColumnKind::kInteger}});
  for (const app::TrendRow& month : report.months) {
    std::vector<office::Cell> row = {MonthText(month.year, month.month), month.figures.total};
    AppendForms(row, month.figures);
    table.rows.push_back(std::move(row));
  }
  return table;
}

office::Table BreakdownTable(const app::BreakdownReport& report) {
  office::Table table;
  table.sheet_name = std::string("按") + std::string(app::StatsDimensionLabel(report.dimension));
  const bool measures = report.dimension == storage::StatsDimension::kMeasure;
  table.columns = FormColumns(
      {{std::string(app::StatsDimensionLabel(report.dimension)), office::ColumnKind::kText},
       {measures ? "措施数" : "人次", office::ColumnKind::kInteger},
       {"占比", office::ColumnKind::kPercent}});
  for (const app::BreakdownRow& r : report.rows) {
    std::vector<office::Cell> row = {r.label, r.count,
                                     static_cast<double>(r.share.tenths) / 1000.0};
    AppendForms(row, r.figures);
    table.rows.push_back(std::move(row));
  }
  return table;
}

Result<http::Response> StatsApi::Forms(http::Request& request, const app::Actor& actor) {
  KANGFU_ASSIGN_OR_RETURN(StatsParams params, ReadStatsParams(request));
  app::StatsService service(backend_.store(), backend_.audit(), &catalogue_);
  KANGFU_ASSIGN_OR_RETURN(app::FormsReport report, service.Forms(actor, params.org, params.period));
  if (params.xlsx) return XlsxDownload(FormsTable(report), "statistics-forms");
  json body = ScopeJson(report.scope);
  body["figures"] = FiguresJson(report.figures);
  return http::Response::Json(200, body.dump());
}

Result<http::Response> StatsApi::ByUnit(http::Request& request, const app::Actor& actor) {
  KANGFU_ASSIGN_OR_RETURN(StatsParams params, ReadStatsParams(request));
  app::StatsService service(backend_.store(), backend_.audit(), &catalogue_);
  KANGFU_ASSIGN_OR_RETURN(app::UnitsReport report,
                          service.ByUnit(actor, params.org, params.period));
  if (params.xlsx) return XlsxDownload(UnitsTable(report), "statistics-by-unit");
  json units = json::array();
  for (const app::UnitRow& unit : report.units) {
    units.push_back(
        {{"rank", unit.rank}, {"org", OrgJson(unit.org)}, {"figures", FiguresJson(unit.figures)}});
  }
  json body = ScopeJson(report.scope);
  body["units"] = std::move(units);
  body["own"] = FiguresJson(report.own);
  body["total"] = FiguresJson(report.total);
  return http::Response::Json(200, body.dump());
}

Result<http::Response> StatsApi::Trend(http::Request& request, const app::Actor& actor) {
  KANGFU_ASSIGN_OR_RETURN(StatsParams params, ReadStatsParams(request));
  app::StatsService service(backend_.store(), backend_.audit(), &catalogue_);
  KANGFU_ASSIGN_OR_RETURN(app::TrendReport report, service.Trend(actor, params.org, params.period));
  if (params.xlsx) return XlsxDownload(TrendTable(report), "statistics-trend");
  json months = json::array();
  for (const app::TrendRow& month : report.months) {
    months.push_back(
        {{"month", MonthText(month.year, month.month)}, {"figures", FiguresJson(month.figures)}});
  }
  json body = ScopeJson(report.scope);
  body["months"] = std::move(months);
  return http::Response::Json(200, body.dump());
}

Result<http::Response> StatsApi::Breakdown(http::Request& request, const app::Actor& actor) {
  const std::optional<storage::StatsDimension> by =
      app::StatsDimensionFromCode(request.QueryParam("by"));
  if (!by) {
    return Status::Invalid("by", "stats.by",
                           "请指定分类方式：discipline（违纪类别）、measure（处分处理措施）、"
                           "level（职级）或source（案件来源）");
  }
  KANGFU_ASSIGN_OR_RETURN(StatsParams params, ReadStatsParams(request));
  app::StatsService service(backend_.store(), backend_.audit(), &catalogue_);
  KANGFU_ASSIGN_OR_RETURN(app::BreakdownReport report,
                          service.Breakdown(actor, params.org, params.period, *by));
  if (params.xlsx) {
    return XlsxDownload(BreakdownTable(report),
                        "statistics-by-" + std::string(app::StatsDimensionCode(*by)));
  }
  json rows = json::array();
  for (const app::BreakdownRow& r : report.rows) {
    rows.push_back({{"key", r.key},
                    {"label", r.label},
                    {"count", r.count},
                    {"share", ShareJson(r.share)},
                    {"figures", FiguresJson(r.figures)}});
  }
  json body = ScopeJson(report.scope);
  body["by"] = app::StatsDimensionCode(*by);
  body["by_label"] = app::StatsDimensionLabel(*by);
  body["rows"] = std::move(rows);
  return http::Response::Json(200, body.dump());
}

Status AddStatsRoutes(http::Router& router, const AuthApi& auth, StatsApi& stats) {
  using Method = Result<http::Response> (StatsApi::*)(http::Request&, const app::Actor&);
  const std::pair<const char*, Method> routes[] = {
      {"/api/v1/statistics/forms", &StatsApi::Forms},
      {"/api/v1/statistics/by-unit", &StatsApi::ByUnit},
      {"/api/v1/statistics/trend", &StatsApi::Trend},
      {"/api/v1/statistics/breakdown", &StatsApi::Breakdown},
  };
  for (const auto& route : routes) {
    const Method method = route.second;
    KANGFU_RETURN_IF_ERROR(
        router.Add("GET", route.first,
                   auth.Protect([&stats, method](http::Request& request, const app::Actor& actor) {
                     return (stats.*method)(request, actor);
                   })));
  }
  return Status::Ok();
}

Result<StatsParams> ReadStatsParams(const http::Request& request) {
  StatsParams params;
  const std::string org = request.QueryParam("org");
  if (!org.empty()) {
    const auto [end, error] = std::from_chars(org.data(), org.data() + org.size(), params.org);
    if (error != std::errc() || end != org.data() + org.size() || params.org <= 0) {
      return Status::Invalid("org", "stats.org", "单位编号应为正整数");
    }
  }
  KANGFU_ASSIGN_OR_RETURN(
      params.period, app::ParseStatsPeriod(request.QueryParam("period"), request.QueryParam("from"),
                                           request.QueryParam("to")));
  const std::string format = request.QueryParam("format");
  if (format == "xlsx") {
    params.xlsx = true;
  } else if (!format.empty() && format != "json") {
    return Status::Invalid("format", "stats.format", "导出格式只能是json或xlsx");
  }
  return params;
}

Result<http::Response> XlsxDownload(const office::Table& table, const std::string& file_stem) {
  KANGFU_ASSIGN_OR_RETURN(std::string bytes, office::WriteXlsx({table}));
  http::Response response;
  response.status = 200;
  response.body = std::move(bytes);
  response.SetHeader("Content-Type", kXlsxType);
  response.SetHeader("Content-Disposition", "attachment; filename=\"" + file_stem + ".xlsx\"");
  return response;
}

}  // namespace kangfu::api
