// Statistics figures from issue 7: any statistic for any subtree over 20 million cases in under
// one second (and the four-forms count of issue 3 across a year boundary under 200 ms).
//
// National: a SQLite file whose case_stats_rollup holds what ten years of the national figures
// produce — 2,125,000 cases a year (rules.md §8, national 2021 row, form by form), spread over
// 31 provinces × 10 cities × 10 counties (3,441 organisations) and every month, discipline,
// source, level and measure — written directly into the rollup (21.25 million cases' worth; the
// cases themselves are not generated: a statistic reads only the rollup rows of its root, plus
// the cases of the partial edge months, whose cost the Province benchmarks measure on real
// rows). The file is built once (KANGFU_STATS_NATIONAL_DB, default /tmp/kangfu_stats_national.db)
// and reused. The benchmark first checks that the national year 2021 reads back exactly.
//
// Province: KANGFU_BENCH_DB (a URL: `kangfu gen --persons 1000000 --cases 2000000`, SQLite or
// PostgreSQL) — real cases, so periods with partial months scan real rows.
//
// Args: the organisation level (0 = the root, 1 = its first child, 2 = that one's first child,
// 3 = one level deeper).

#include <benchmark/benchmark.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "bench/bench_support.hpp"
#include "storage/sql_connection.hpp"
#include "storage/store.hpp"

namespace kangfu::storage {
namespace {

using bench::LoadAverage;

[[noreturn]] void Die(const Status& status) {
  std::fprintf(stderr, "%s %s\n", status.ToString().c_str(), status.internal().c_str());
  std::abort();
}

constexpr std::array<int64_t, 4> kNational2021 = {1487000, 494000, 70000, 74000};
constexpr int kProvinces = 31;
constexpr int kCitiesPer = 10;
constexpr int kCountiesPer = 10;
constexpr int kFirstYear = 2016;
constexpr int kYears = 10;
constexpr std::array<const char*, 6> kDisciplines = {"political", "organisational", "integrity",
                                                     "masses",    "work",           "life"};
constexpr std::array<const char*, 6> kSources = {"self_report", "petition",    "inspection",
                                                 "audit",       "supervision", "other"};
constexpr std::array<const char*, 6> kLevels = {"省部级", "厅局级",   "县处级",
                                                "乡科级", "一般干部", "其他"};
// Measures by form (one measure per case in this data set).
using KindsByForm = std::array<std::vector<const char*>, 4>;
const KindsByForm& Kinds() {
  static const KindsByForm* const kKinds = new KindsByForm{
      std::vector<const char*>{"first.reminder_talk", "first.criticism", "first.written_review",
                               "first.circulated_criticism", "first.inquiry_closed",
                               "first.admonishment"},
      std::vector<const char*>{"party.warning", "party.serious_warning", "gov.warning",
                               "gov.demerit", "gov.major_demerit", "gov.demotion", "org.suspension",
                               "org.reassignment", "org.ordered_resignation", "org.removal"},
      std::vector<const char*>{"party.removal_from_post", "party.probation", "party.expulsion",
                               "gov.dismissal_from_post", "gov.expulsion", "org.demotion"},
      std::vector<const char*>{"judicial.transfer"}};
  return *kKinds;
}

// Share `n` of `parts` parts: equal, the first ones taking the remainder.
int64_t Part(int64_t n, int64_t parts, int64_t index) {
  return n / parts + (index < n % parts ? 1 : 0);
}

struct National {
  std::unique_ptr<Store> store;
  std::array<RowId, 4> path{};  // nation, its first province, city, county
};

// The ids: nation 1, provinces 2…32, cities, counties, numbered breadth first.
std::string BuildNational(const std::string& file) {
  std::filesystem::remove(file);
  std::string url = "sqlite://" + file;
  {
    Result<std::unique_ptr<Store>> created = OpenStore(url);  // migrates
    if (!created.ok()) Die(created.status());
  }
  Result<std::unique_ptr<SqlConnection>> db = OpenSqlConnection(url);
  if (!db.ok()) Die(db.status());
  SqlConnection& c = **db;
  if (Status s = c.Exec("BEGIN IMMEDIATE"); !s.ok()) Die(s);
  // Organisations.
  std::vector<SqlValue> orgs;
  struct Node {
    RowId id;
    std::string path;
    std::vector<RowId> ancestors;
  };
  std::vector<Node> counties;
  RowId next = 1;
  auto add_org = [&](RowId parent, const std::string& name, const char* level,
                     const std::string& path) {
    orgs.insert(orgs.end(), {SqlValue(next), parent == 0 ? SqlValue() : SqlValue(parent),
                             SqlValue(name), SqlValue(std::string(level)), SqlValue(path)});
    return next++;
  };
  const RowId nation = add_org(0, "全国", "province", "/1/");
  for (int p = 0; p < kProvinces; ++p) {
    const std::string ppath = "/1/" + std::to_string(next) + "/";
    const RowId province = add_org(nation, "省" + std::to_string(p + 1), "province", ppath);
    for (int ci = 0; ci < kCitiesPer; ++ci) {
      const std::string cpath = ppath + std::to_string(next) + "/";
      const RowId city = add_org(province, "市" + std::to_string(ci + 1), "city", cpath);
      for (int k = 0; k < kCountiesPer; ++k) {
        const std::string kpath = cpath + std::to_string(next) + "/";
        const RowId county = add_org(city, "县" + std::to_string(k + 1), "county", kpath);
        counties.push_back({county, kpath, {nation, province, city, county}});
      }
    }
  }
  const std::array<std::string_view, 5> org_columns = {"id", "parent_id", "name", "level", "path"};
  if (Status s = c.BulkInsert("organisations", org_columns, orgs); !s.ok()) Die(s);
  // Rollup: per county, month and form the national count split evenly; every dimension splits
  // a county's count among its values; each organisation's rows are the sums over its counties
  // (computed per organisation, streamed in key order, never held all at once).
  struct Span {
    RowId id;
    int64_t lo, hi;  // its counties: [lo, hi)
  };
  std::vector<Span> spans;
  const auto county_count = static_cast<int64_t>(counties.size());
  spans.push_back({nation, 0, county_count});
  for (int p = 0; p < kProvinces; ++p) {
    const int64_t per = int64_t{kCitiesPer} * kCountiesPer;
    spans.push_back(
        {counties[static_cast<std::size_t>(p * per)].ancestors[1], p * per, (p + 1) * per});
  }
  for (int64_t ci = 0; ci < county_count / kCountiesPer; ++ci) {
    spans.push_back({counties[static_cast<std::size_t>(ci * kCountiesPer)].ancestors[2],
                     ci * kCountiesPer, (ci + 1) * kCountiesPer});
  }
  for (int64_t k = 0; k < county_count; ++k) {
    spans.push_back({counties[static_cast<std::size_t>(k)].id, k, k + 1});
  }
  auto county_n = [&](int64_t k, int m, int f) {
    const int64_t national = Part(kNational2021[static_cast<std::size_t>(f)], 12, m - 1);
    return Part(national, county_count, (k + int64_t{m} * 7 + int64_t{f} * 13) % county_count);
  };
  const std::array<std::string_view, 6> rollup_columns = {"org_id", "dim",  "month",
                                                          "value",  "form", "n"};
  std::vector<SqlValue> values;
  values.reserve(600000);
  int64_t row_count = 0;
  auto emit = [&](RowId org, int dim, int month, const char* value, int form, int64_t n) {
    if (n == 0) return;
    values.insert(values.end(),
                  {SqlValue(org), SqlValue(int64_t{dim}), SqlValue(int64_t{month}),
                   SqlValue(std::string(value)), SqlValue(int64_t{form}), SqlValue(n)});
    ++row_count;
    if (values.size() >= 600000) {
      if (Status s = c.BulkInsert("case_stats_rollup", rollup_columns, values); !s.ok()) Die(s);
      values.clear();
    }
  };
  for (const Span& span : spans) {
    for (int dim = 0; dim <= 4; ++dim) {
      for (int y = 0; y < kYears; ++y) {
        for (int m = 1; m <= 12; ++m) {
          const int month = (kFirstYear + y) * 100 + m;
          for (int f = 0; f < 4; ++f) {
            if (dim == 0) {
              int64_t n = 0;
              for (int64_t k = span.lo; k < span.hi; ++k) n += county_n(k, m, f);
              emit(span.id, 0, month, "", f + 1, n);
              continue;
            }
            const auto& kinds = Kinds()[static_cast<std::size_t>(f)];
            const std::size_t values_count = dim == 4 ? kinds.size() : 6;
            for (std::size_t v = 0; v < values_count; ++v) {
              int64_t n = 0;
              for (int64_t k = span.lo; k < span.hi; ++k) {
                n += Part(county_n(k, m, f), static_cast<int64_t>(values_count),
                          static_cast<int64_t>((v + static_cast<std::size_t>(k)) % values_count));
              }
              const char* value = dim == 1   ? kDisciplines[v]
                                  : dim == 2 ? kSources[v]
                                  : dim == 3 ? kLevels[v]
                                             : kinds[v];
              emit(span.id, dim, month, value, f + 1, n);
            }
          }
        }
      }
    }
    if (span.id % 200 == 0) {
      std::fprintf(stderr, "\rrollup: organisation %lld, %lld rows",
                   static_cast<long long>(span.id), static_cast<long long>(row_count));
    }
  }
  if (Status s = c.BulkInsert("case_stats_rollup", rollup_columns, values); !s.ok()) Die(s);
  std::fprintf(stderr, "\nrollup rows: %lld\n", static_cast<long long>(row_count));
  if (Status s = c.Exec("COMMIT"); !s.ok()) Die(s);
  return url;
}

National& SharedNational() {
  static National national = [] {
    const char* env = std::getenv("KANGFU_STATS_NATIONAL_DB");
    const std::string file = env != nullptr ? env : "/tmp/kangfu_stats_national.db";
    std::string url = "sqlite://" + file;
    if (!std::filesystem::exists(file)) url = BuildNational(file);
    Result<std::unique_ptr<Store>> store = OpenStore(url);
    if (!store.ok()) Die(store.status());
    National n;
    n.store = std::move(store).value();
    // nation 1, first province 2, its first city 3, that city's first county 4.
    n.path = {1, 2, 3, 4};
    Result<FormCounts> year =
        n.store->CountCasesByForm(1, *Date::FromCivil(2021, 1, 1), *Date::FromCivil(2021, 12, 31));
    if (!year.ok()) Die(year.status());
    std::fprintf(stderr, "national 2021 from the rollup: total %lld = %lld / %lld / %lld / %lld\n",
                 static_cast<long long>(year->Total()), static_cast<long long>(year->by_form[1]),
                 static_cast<long long>(year->by_form[2]), static_cast<long long>(year->by_form[3]),
                 static_cast<long long>(year->by_form[4]));
    for (std::size_t f = 0; f < 4; ++f) {
      if (year->by_form.at(f + 1) != kNational2021.at(f)) {
        std::fprintf(stderr, "national 2021 does not read back\n");
        std::abort();
      }
    }
    return n;
  }();
  return national;
}

struct Province {
  std::unique_ptr<Store> store;
  std::array<RowId, 4> path{};
};

Province* SharedProvince() {
  static Province* province = []() -> Province* {
    const char* url = std::getenv("KANGFU_BENCH_DB");
    if (url == nullptr) return nullptr;
    Result<std::unique_ptr<Store>> store = OpenStore(url);
    if (!store.ok()) Die(store.status());
    auto* p = new Province();  // lives for the whole run
    p->store = std::move(store).value();
    // The root (the organisation without parent with the smallest id) and first children.
    RowId id = 1;
    p->path[0] = id;
    for (std::size_t level = 1; level < 4; ++level) {
      Result<std::vector<OrgFormCounts>> children = p->store->CountCasesByChild(id, Date(), Date());
      if (!children.ok()) Die(children.status());
      if (children->empty()) break;
      id = children->front().org.id;
      p->path.at(level) = id;
    }
    return p;
  }();
  return province;
}

enum class Stat {
  kFormsYear,
  kFormsStraddle,
  kFormsStraddleDays,
  kByChild,
  kTrend,
  kMeasure,
  kLevel
};

void Run(benchmark::State& state, Store& store, RowId org, Stat stat) {
  const Date first = *Date::FromCivil(kFirstYear, 1, 1);
  const Date last = *Date::FromCivil(kFirstYear + kYears - 1, 12, 31);
  double figure = 0;
  for (auto _ : state) {
    switch (stat) {
      case Stat::kFormsYear:
      case Stat::kFormsStraddle:
      case Stat::kFormsStraddleDays: {
        const Date from = stat == Stat::kFormsYear       ? *Date::FromCivil(2021, 1, 1)
                          : stat == Stat::kFormsStraddle ? *Date::FromCivil(2020, 7, 1)
                                                         : *Date::FromCivil(2020, 7, 15);
        const Date to = stat == Stat::kFormsYear       ? *Date::FromCivil(2021, 12, 31)
                        : stat == Stat::kFormsStraddle ? *Date::FromCivil(2021, 6, 30)
                                                       : *Date::FromCivil(2021, 6, 20);
        Result<FormCounts> counts = store.CountCasesByForm(org, from, to);
        if (!counts.ok()) Die(counts.status());
        figure = static_cast<double>(counts->Total());
        break;
      }
      case Stat::kByChild: {
        Result<std::vector<OrgFormCounts>> rows = store.CountCasesByChild(org, first, last);
        if (!rows.ok()) Die(rows.status());
        figure = static_cast<double>(rows->size());
        break;
      }
      case Stat::kTrend: {
        Result<std::vector<MonthFormCounts>> rows = store.CountCasesByMonth(org, first, last);
        if (!rows.ok()) Die(rows.status());
        figure = static_cast<double>(rows->size());
        break;
      }
      case Stat::kMeasure:
      case Stat::kLevel: {
        Result<std::vector<KeyedFormCounts>> rows = store.CountCasesByDimension(
            org, first, last,
            stat == Stat::kMeasure ? StatsDimension::kMeasure : StatsDimension::kLevel);
        if (!rows.ok()) Die(rows.status());
        figure = static_cast<double>(rows->size());
        break;
      }
    }
  }
  state.counters["figure"] = figure;  // cases counted, or rows returned
  state.counters["load"] = LoadAverage();
}

template <Stat kStat>
void NationalStat(benchmark::State& state) {
  National& n = SharedNational();
  Run(state, *n.store, n.path.at(static_cast<std::size_t>(state.range(0))), kStat);
}

template <Stat kStat>
void ProvinceStat(benchmark::State& state) {
  Province* p = SharedProvince();
  if (p == nullptr) {
    state.SkipWithError("KANGFU_BENCH_DB is not set");
    return;
  }
  Run(state, *p->store, p->path.at(static_cast<std::size_t>(state.range(0))), kStat);
}

#define KANGFU_STATS_BENCH(name, stat) \
  BENCHMARK(NationalStat<stat>)        \
      ->Name("National" name)          \
      ->DenseRange(0, 3)               \
      ->Unit(benchmark::kMillisecond); \
  BENCHMARK(ProvinceStat<stat>)        \
      ->Name("Province" name)          \
      ->DenseRange(0, 3)               \
      ->Unit(benchmark::kMillisecond)

KANGFU_STATS_BENCH("FormsYear", Stat::kFormsYear);
KANGFU_STATS_BENCH("FormsStraddleWholeMonths", Stat::kFormsStraddle);
KANGFU_STATS_BENCH("FormsStraddleDays", Stat::kFormsStraddleDays);
KANGFU_STATS_BENCH("ByChild10Years", Stat::kByChild);
KANGFU_STATS_BENCH("Trend10Years", Stat::kTrend);
KANGFU_STATS_BENCH("ByMeasure10Years", Stat::kMeasure);
KANGFU_STATS_BENCH("ByLevel10Years", Stat::kLevel);

}  // namespace
}  // namespace kangfu::storage

BENCHMARK_MAIN();
