#include "cli/stats_command.hpp"

#include <fmt/core.h>

#include <cstdlib>
#include <string>
#include <variant>
#include <vector>

#include "api/stats_api.hpp"
#include "app/audit_log.hpp"
#include "app/clock.hpp"
#include "app/stats_service.hpp"
#include "cli/commands.hpp"
#include "codec/catalogue_json.hpp"
#include "office/table.hpp"
#include "storage/store.hpp"

namespace kangfu::cli {
namespace {

struct StatsArgs {
  std::string url;
  int64_t org = 0;
  std::string period;
  std::string from;
  std::string to;
  std::string by;
};

std::string CellText(const office::Cell& cell, office::ColumnKind kind) {
  if (const auto* text = std::get_if<std::string>(&cell)) return *text;
  if (const auto* n = std::get_if<int64_t>(&cell)) return std::to_string(*n);
  if (const auto* d = std::get_if<double>(&cell)) {
    return kind == office::ColumnKind::kPercent ? fmt::format("{:.1f}%", *d * 100)
                                                : fmt::format("{}", *d);
  }
  return "";
}

// Columns padded to their widest cell (a CJK character counts as two), numbers right-aligned.
void PrintTable(const office::Table& table) {
  std::vector<std::vector<std::string>> lines;
  lines.emplace_back();
  for (const office::Column& column : table.columns) lines.back().push_back(column.header);
  for (const auto& row : table.rows) {
    lines.emplace_back();
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      lines.back().push_back(c < row.size() ? CellText(row[c], table.columns[c].kind) : "");
    }
  }
  std::vector<std::size_t> widths(table.columns.size(), 0);
  for (const auto& line : lines) {
    for (std::size_t c = 0; c < line.size(); ++c) {
      widths[c] = std::max(widths[c], office::DisplayWidth(line[c]));
    }
  }
  for (std::size_t l = 0; l < lines.size(); ++l) {
    std::string out;
    for (std::size_t c = 0; c < lines[l].size(); ++c) {
      const std::string& text = lines[l][c];
      const std::string pad(widths[c] - office::DisplayWidth(text), ' ');
      const bool right = l > 0 && table.columns[c].kind != office::ColumnKind::kText;
      if (c > 0) out += "  ";
      out += right ? pad + text : text + pad;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    fmt::print("{}\n", out);
  }
}

int RunStats(const StatsArgs& args) {
  Result<std::unique_ptr<storage::Store>> store = storage::OpenStore(args.url);
  if (!store.ok()) return ReportError(store.status());
  Result<app::StatsPeriod> period = app::ParseStatsPeriod(args.period, args.from, args.to);
  if (!period.ok()) return ReportError(period.status());
  Result<storage::Organisation> org = (*store)->GetOrganisation(args.org);
  if (!org.ok()) return ReportError(org.status());
  app::Actor actor;
  actor.username = "cli";
  actor.roles = {app::Role::kLeader};
  actor.jurisdiction_org = org->id;
  actor.jurisdiction_path = org->path;
  app::AuditLog audit(**store, app::SystemClock());
  app::StatsService service(**store, audit, &codec::BuiltinCatalogue());
  fmt::print("{}　{}\n", org->name, period->label);
  if (args.by.empty()) {
    Result<app::FormsReport> report = service.Forms(actor, org->id, *period);
    if (!report.ok()) return ReportError(report.status());
    PrintTable(api::FormsTable(*report));
  } else if (args.by == "unit") {
    Result<app::UnitsReport> report = service.ByUnit(actor, org->id, *period);
    if (!report.ok()) return ReportError(report.status());
    PrintTable(api::UnitsTable(*report));
  } else if (args.by == "month") {
    Result<app::TrendReport> report = service.Trend(actor, org->id, *period);
    if (!report.ok()) return ReportError(report.status());
    PrintTable(api::TrendTable(*report));
  } else {
    const std::optional<storage::StatsDimension> dimension = app::StatsDimensionFromCode(args.by);
    if (!dimension) {
      return ReportError(Status::Invalid(
          "by", "stats.by", "--by 只能是 unit、month、discipline、measure、level 或 source"));
    }
    Result<app::BreakdownReport> report = service.Breakdown(actor, org->id, *period, *dimension);
    if (!report.ok()) return ReportError(report.status());
    PrintTable(api::BreakdownTable(*report));
  }
  return 0;
}

}  // namespace

void AddStatsCommand(CLI::App& app, int& exit_status) {
  auto args = std::make_shared<StatsArgs>();
  const char* env = std::getenv("KANGFU_DB");
  args->url = env != nullptr && *env != '\0' ? env : "sqlite://var/kangfu.db";
  CLI::App* stats = app.add_subcommand("stats", "统计：四种形态人次与占比");
  stats->require_subcommand(1);
  CLI::App* forms = stats->add_subcommand("forms", "某单位（含下级）某期间的四种形态人次与占比");
  forms->add_option("--db", args->url, "数据库地址（默认取环境变量 KANGFU_DB）");
  forms->add_option("--org", args->org, "单位编号（统计其全部下级）")->required();
  forms->add_option("--period", args->period, "统计期间：2019、2024-Q1 或 2024-03");
  forms->add_option("--from", args->from, "起始日期 YYYY-MM-DD");
  forms->add_option("--to", args->to, "截止日期 YYYY-MM-DD");
  forms->add_option("--by", args->by,
                    "分组：unit（直属下级单位排名）、month（按月）、discipline、measure、level、"
                    "source");
  forms->callback([args, &exit_status] { exit_status = RunStats(*args); });
}

}  // namespace kangfu::cli
