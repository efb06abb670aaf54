#ifndef KANGFU_APP_STATS_SERVICE_HPP_
#define KANGFU_APP_STATS_SERVICE_HPP_

// Four-forms statistics (四种形态) for an organisation subtree and a period: counts per form
// with shares, breakdowns by violation category, measure, level and source, the monthly trend,
// and every direct child unit ranked. Counting rule (rules.md §2): one 人次 per case, at the
// heaviest form among its measures — the form stored on the case by the recording use case;
// cases not yet classified (form 0) are reported apart and take no part in the shares.
//
// Shares: each share is the exact fraction count / classified total, and a percentage to one
// decimal (`tenths`, thousandths of the total) rounded by the largest-remainder method, so that
// the four percentages of a non-empty total add up to exactly 100.0 (remainders tie → the lower
// form first). Guangdong 2019 (62,902 人次): 59.1 / 28.5 / 6.4 / 6.0.
//
// Every method needs Permission::kReadStatistics (kPermissionDenied "auth.forbidden"), takes an
// organisation in the actor's jurisdiction (0 = the jurisdiction's root; outside it or unknown:
// kNotFound "organisation.not_found", field org — existence outside is not revealed), and
// records one "statistics.read" audit entry before answering (an audit failure fails the read).

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.hpp"
#include "app/audit_sink.hpp"
#include "core/status.hpp"
#include "domain/catalogue.hpp"
#include "storage/store.hpp"

namespace kangfu::app {

// A closed range of civil days and how a person would name it.
struct StatsPeriod {
  domain::Date from{};
  domain::Date to{};
  std::string label;  // "2019年", "2024年第一季度", "2024年3月", "2024-01-15至2024-03-10"

  friend bool operator==(const StatsPeriod&, const StatsPeriod&) = default;
};

// Parses a period: `period` is "2019" (a year), "2024-Q1" … "2024-Q4" (a quarter) or "2024-03"
// (a month); or, with `period` empty, `from` and `to` are ISO dates (a custom range).
// kInvalidArgument: "stats.period" (field period) for any other text or both forms given;
// "stats.period_missing" (field period) when nothing is given; "date.invalid" (field from / to)
// for a bad date; "stats.range" (field to) when `to` is before `from`.
Result<StatsPeriod> ParseStatsPeriod(std::string_view period, std::string_view from,
                                     std::string_view to);

struct Share {
  int64_t numerator = 0;
  int64_t denominator = 0;  // 0 when nothing is classified (then tenths = 0)
  int tenths = 0;           // percentage × 10, largest-remainder rounded

  friend bool operator==(const Share&, const Share&) = default;
};

// Figures for one set of cases.
struct FormFigures {
  std::array<int64_t, 4> by_form{};  // 人次 of forms 1-4
  int64_t total = 0;                 // forms 1-4
  int64_t unclassified = 0;          // form 0, not in total or shares
  std::array<Share, 4> shares{};

  friend bool operator==(const FormFigures&, const FormFigures&) = default;
};

// Turns store counts into figures with shares.
FormFigures MakeFigures(const storage::FormCounts& counts);

struct StatsScope {
  storage::Organisation org;
  StatsPeriod period;
};

struct FormsReport {
  StatsScope scope;
  FormFigures figures;
};

struct UnitRow {
  storage::Organisation org;
  FormFigures figures;
  int rank = 0;  // 1 = most 人次; equal totals share a rank (1, 2, 2, 4)
};

struct UnitsReport {
  StatsScope scope;
  std::vector<UnitRow> units;  // ranked, then by path
  FormFigures own;             // cases recorded on the organisation itself (本级)
  FormFigures total;
};

struct TrendRow {
  int year = 0;
  int month = 0;
  FormFigures figures;
};

struct TrendReport {
  StatsScope scope;
  std::vector<TrendRow> months;
};

struct BreakdownRow {
  std::string key;  // stable code ("integrity", "self_report", "party.warning", level text)
  std::string label;  // Chinese label ("廉洁纪律", "主动说明问题", "警告（党纪）", "一级科员")
  FormFigures figures;
  int64_t count = 0;  // cases (measures for kMeasure) with this value, forms 0-4
  Share share;        // count / sum of count over all rows, largest-remainder rounded
};

struct BreakdownReport {
  StatsScope scope;
  storage::StatsDimension dimension = storage::StatsDimension::kDiscipline;
  std::vector<BreakdownRow> rows;  // by count, descending, then by key
};

// "discipline", "measure", "level", "source"; nullopt otherwise.
std::optional<storage::StatsDimension> StatsDimensionFromCode(std::string_view code);
std::string_view StatsDimensionCode(storage::StatsDimension dimension);
std::string_view StatsDimensionLabel(storage::StatsDimension dimension);  // "违纪类别" …

class StatsService {
 public:
  // `catalogue` names the measures in breakdowns (a code it lacks is shown as the code); all
  // must outlive the service.
  StatsService(storage::Store& store, AuditSink& audit, const domain::Catalogue* catalogue)
      : store_(&store), audit_(&audit), catalogue_(catalogue) {}

  Result<FormsReport> Forms(const Actor& actor, storage::RowId org_id, const StatsPeriod& period);
  Result<UnitsReport> ByUnit(const Actor& actor, storage::RowId org_id, const StatsPeriod& period);
  // Also kInvalidArgument "stats.period_too_long" (field to) beyond 1,200 months.
  Result<TrendReport> Trend(const Actor& actor, storage::RowId org_id, const StatsPeriod& period);
  Result<BreakdownReport> Breakdown(const Actor& actor, storage::RowId org_id,
                                    const StatsPeriod& period, storage::StatsDimension dimension);

 private:
  Result<storage::Organisation> Scope(const Actor& actor, storage::RowId org_id);
  Status Audit(const Actor& actor, const storage::Organisation& org, const StatsPeriod& period,
               std::string_view what);

  storage::Store* store_;
  AuditSink* audit_;
  const domain::Catalogue* catalogue_;
};

}  // namespace kangfu::app

#endif  // KANGFU_APP_STATS_SERVICE_HPP_
