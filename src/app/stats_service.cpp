#include "app/stats_service.hpp"

#include <algorithm>
#include <numeric>
#include <utility>

namespace kangfu::app {
namespace {

using domain::Date;

Status OrganisationNotFound() {
  return Status::NotFound("organisation.not_found", "未找到该单位，或该单位不在本账号的管辖范围内",
                          "org");
}

Status BadPeriod() {
  return Status::Invalid("period", "stats.period",
                         "统计期间格式不正确：年度填如2019，季度填如2024-Q1，月份填如2024-03，"
                         "或分别填写起止日期（YYYY-MM-DD）");
}

// Digits only, exactly `n` of them.
std::optional<int> Digits(std::string_view text, std::size_t n) {
  if (text.size() != n) return std::nullopt;
  int value = 0;
  for (char ch : text) {
    if (ch < '0' || ch > '9') return std::nullopt;
    value = value * 10 + (ch - '0');
  }
  return value;
}

constexpr std::array<const char*, 4> kQuarterNames = {"第一季度", "第二季度", "第三季度",
                                                      "第四季度"};

// Largest-remainder rounding of counts[i] / total to thousandths that add up to 1000.
std::vector<int> Thousandths(const std::vector<int64_t>& counts, int64_t total) {
  std::vector<int> result(counts.size(), 0);
  if (total <= 0) return result;
  std::vector<int64_t> remainder(counts.size());
  int64_t given = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    result[i] = static_cast<int>(counts[i] * 1000 / total);
    remainder[i] = counts[i] * 1000 % total;
    given += result[i];
  }
  std::vector<std::size_t> order(counts.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return remainder[a] > remainder[b]; });
  for (std::size_t k = 0; k < order.size() && given < 1000; ++k, ++given) ++result[order[k]];
  return result;
}

}  // namespace

Result<StatsPeriod> ParseStatsPeriod(std::string_view period, std::string_view from,
                                     std::string_view to) {
  StatsPeriod out;
  if (!period.empty()) {
    if (!from.empty() || !to.empty()) return BadPeriod();
    const std::optional<int> year = Digits(period.substr(0, 4), 4);
    if (!year || *year < 1) return BadPeriod();
    if (period.size() == 4) {
      out.from = *Date::FromCivil(*year, 1, 1);
      out.to = *Date::FromCivil(*year, 12, 31);
      out.label = std::to_string(*year) + "年";
      return out;
    }
    if (period.size() == 7 && period[4] == '-' && (period[5] == 'Q' || period[5] == 'q')) {
      const std::optional<int> quarter = Digits(period.substr(6), 1);
      if (!quarter || *quarter < 1 || *quarter > 4) return BadPeriod();
      const int first_month = (*quarter - 1) * 3 + 1;
      out.from = *Date::FromCivil(*year, first_month, 1);
      out.to =
          *Date::FromCivil(*year, first_month + 2, domain::DaysInMonth(*year, first_month + 2));
      out.label =
          std::to_string(*year) + "年" + kQuarterNames.at(static_cast<std::size_t>(*quarter - 1));
      return out;
    }
    if (period.size() == 7 && period[4] == '-') {
      const std::optional<int> month = Digits(period.substr(5), 2);
      if (!month || *month < 1 || *month > 12) return BadPeriod();
      out.from = *Date::FromCivil(*year, *month, 1);
      out.to = *Date::FromCivil(*year, *month, domain::DaysInMonth(*year, *month));
      out.label = std::to_string(*year) + "年" + std::to_string(*month) + "月";
      return out;
    }
    return BadPeriod();
  }
  if (from.empty() && to.empty()) {
    return Status::Invalid("period", "stats.period_missing",
                           "请指定统计期间：年度、季度、月份，或起止日期");
  }
  Result<Date> first = Date::Parse(from);
  if (!first.ok()) {
    return Status::Invalid("from", "date.invalid",
                           "起始日期无效，请按YYYY-MM-DD填写，如2024-01-15");
  }
  Result<Date> last = Date::Parse(to);
  if (!last.ok()) {
    return Status::Invalid("to", "date.invalid", "截止日期无效，请按YYYY-MM-DD填写，如2024-03-31");
  }
  if (*last < *first) {
    return Status::Invalid("to", "stats.range", "截止日期不能早于起始日期");
  }
  out.from = *first;
  out.to = *last;
  out.label = first->ToString() + "至" + last->ToString();
  return out;
}

FormFigures MakeFigures(const storage::FormCounts& counts) {
  FormFigures figures;
  std::vector<int64_t> forms(4);
  for (std::size_t i = 0; i < 4; ++i) {
    figures.by_form.at(i) = counts.by_form.at(i + 1);
    forms[i] = figures.by_form.at(i);
    figures.total += forms[i];
  }
  figures.unclassified = counts.by_form[0];
  const std::vector<int> tenths = Thousandths(forms, figures.total);
  for (std::size_t i = 0; i < 4; ++i) {
    figures.shares.at(i) = {
        .numerator = forms[i], .denominator = figures.total, .tenths = tenths[i]};
  }
  return figures;
}

std::optional<storage::StatsDimension> StatsDimensionFromCode(std::string_view code) {
  using storage::StatsDimension;
  if (code == "discipline") return StatsDimension::kDiscipline;
  if (code == "measure") return StatsDimension::kMeasure;
  if (code == "level") return StatsDimension::kLevel;
  if (code == "source") return StatsDimension::kSource;
  return std::nullopt;
}

std::string_view StatsDimensionCode(storage::StatsDimension dimension) {
  switch (dimension) {
    case storage::StatsDimension::kDiscipline:
      return "discipline";
    case storage::StatsDimension::kSource:
      return "source";
    case storage::StatsDimension::kLevel:
      return "level";
    case storage::StatsDimension::kMeasure:
      return "measure";
  }
  return "discipline";
}

std::string_view StatsDimensionLabel(storage::StatsDimension dimension) {
  switch (dimension) {
    case storage::StatsDimension::kDiscipline:
      return "违纪类别";
    case storage::StatsDimension::kSource:
      return "案件来源";
    case storage::StatsDimension::kLevel:
      return "职级";
    case storage::StatsDimension::kMeasure:
      return "处分处理措施";
  }
  return "违纪类别";
}

Result<storage::Organisation> StatsService::Scope(const Actor& actor, storage::RowId org_id) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kReadStatistics));
  Result<storage::Organisation> org =
      store_->GetOrganisation(org_id == 0 ? actor.jurisdiction_org : org_id);
  if (!org.ok()) {
    if (org.status().code() == ErrorCode::kNotFound) return OrganisationNotFound();
    return org.status();
  }
  if (!actor.InJurisdiction(org->path)) return OrganisationNotFound();
  return org;
}

Status StatsService::Audit(const Actor& actor, const storage::Organisation& org,
                           const StatsPeriod& period, std::string_view what) {
  AuditEvent event;
  event.action = "statistics.read";
  event.object_type = "organisation";
  event.object_id = std::to_string(org.id);
  event.detail = std::string(what) + " " + period.from.ToString() + ".." + period.to.ToString();
  // Reads happen outside the transaction; the answer is released once its entry is committed.
  return store_->InTransaction([&] { return audit_->Record(actor, event); });
}

Result<FormsReport> StatsService::Forms(const Actor& actor, storage::RowId org_id,
                                        const StatsPeriod& period) {
  KANGFU_ASSIGN_OR_RETURN(storage::Organisation org, Scope(actor, org_id));
  KANGFU_ASSIGN_OR_RETURN(storage::FormCounts counts,
                          store_->CountCasesByForm(org.id, period.from, period.to));
  KANGFU_RETURN_IF_ERROR(Audit(actor, org, period, "forms"));
  return FormsReport{.scope = {std::move(org), period}, .figures = MakeFigures(counts)};
}

Result<UnitsReport> StatsService::ByUnit(const Actor& actor, storage::RowId org_id,
                                         const StatsPeriod& period) {
  KANGFU_ASSIGN_OR_RETURN(storage::Organisation org, Scope(actor, org_id));
  KANGFU_ASSIGN_OR_RETURN(storage::FormCounts total,
                          store_->CountCasesByForm(org.id, period.from, period.to));
  KANGFU_ASSIGN_OR_RETURN(std::vector<storage::OrgFormCounts> children,
                          store_->CountCasesByChild(org.id, period.from, period.to));
  KANGFU_RETURN_IF_ERROR(Audit(actor, org, period, "by_unit"));
  UnitsReport report;
  storage::FormCounts own = total;
  for (storage::OrgFormCounts& child : children) {
    for (std::size_t f = 0; f < own.by_form.size(); ++f) {
      own.by_form.at(f) -= child.counts.by_form.at(f);
    }
    report.units.push_back({std::move(child.org), MakeFigures(child.counts), 0});
  }
  std::stable_sort(report.units.begin(), report.units.end(),
                   [](const UnitRow& a, const UnitRow& b) {
                     if (a.figures.total != b.figures.total) {
                       return a.figures.total > b.figures.total;
                     }
                     return a.org.path < b.org.path;
                   });
  for (std::size_t i = 0; i < report.units.size(); ++i) {
    const bool tie = i > 0 && report.units[i].figures.total == report.units[i - 1].figures.total;
    report.units[i].rank = tie ? report.units[i - 1].rank : static_cast<int>(i) + 1;
  }
  report.own = MakeFigures(own);
  report.total = MakeFigures(total);
  report.scope = {std::move(org), period};
  return report;
}

Result<TrendReport> StatsService::Trend(const Actor& actor, storage::RowId org_id,
                                        const StatsPeriod& period) {
  KANGFU_ASSIGN_OR_RETURN(storage::Organisation org, Scope(actor, org_id));
  KANGFU_ASSIGN_OR_RETURN(std::vector<storage::MonthFormCounts> months,
                          store_->CountCasesByMonth(org.id, period.from, period.to));
  KANGFU_RETURN_IF_ERROR(Audit(actor, org, period, "trend"));
  TrendReport report;
  for (const storage::MonthFormCounts& m : months) {
    report.months.push_back({m.year, m.month, MakeFigures(m.counts)});
  }
  report.scope = {std::move(org), period};
  return report;
}

Result<BreakdownReport> StatsService::Breakdown(const Actor& actor, storage::RowId org_id,
                                                const StatsPeriod& period,
                                                storage::StatsDimension dimension) {
  KANGFU_ASSIGN_OR_RETURN(storage::Organisation org, Scope(actor, org_id));
  KANGFU_ASSIGN_OR_RETURN(std::vector<storage::KeyedFormCounts> rows,
                          store_->CountCasesByDimension(org.id, period.from, period.to, dimension));
  KANGFU_RETURN_IF_ERROR(Audit(actor, org, period, StatsDimensionCode(dimension)));
  BreakdownReport report;
  report.dimension = dimension;
  for (const storage::KeyedFormCounts& row : rows) {
    BreakdownRow out;
    out.key = row.key;
    switch (dimension) {
      case storage::StatsDimension::kDiscipline: {
        const auto code = storage::DisciplineFromCode(row.key);
        out.label = code ? std::string(storage::DisciplineLabel(*code)) : row.key;
        break;
      }
      case storage::StatsDimension::kSource: {
        const auto code = storage::CaseSourceFromCode(row.key);
        out.label = code ? std::string(storage::CaseSourceLabel(*code)) : row.key;
        break;
      }
      case storage::StatsDimension::kLevel:
        out.label = row.key.empty() ? "未填写职级" : row.key;
        break;
      case storage::StatsDimension::kMeasure: {
        const auto index = catalogue_ != nullptr ? catalogue_->Find(row.key) : std::nullopt;
        out.label = index ? catalogue_->kind(*index).name : row.key;
        break;
      }
    }
    out.figures = MakeFigures(row.counts);
    out.count = row.counts.Total();
    report.rows.push_back(std::move(out));
  }
  std::stable_sort(report.rows.begin(), report.rows.end(),
                   [](const BreakdownRow& a, const BreakdownRow& b) { return a.count > b.count; });
  std::vector<int64_t> counts;
  int64_t sum = 0;
  for (const BreakdownRow& row : report.rows) {
    counts.push_back(row.count);
    sum += row.count;
  }
  const std::vector<int> tenths = Thousandths(counts, sum);
  for (std::size_t i = 0; i < report.rows.size(); ++i) {
    report.rows[i].share = {.numerator = counts[i], .denominator = sum, .tenths = tenths[i]};
  }
  report.scope = {std::move(org), period};
  return report;
}

}  // namespace kangfu::app
