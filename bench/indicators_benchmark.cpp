// The work indicators of the statistics (issue 7: any statistic for any subtree in under 1 s):
// each indicator per unit (IndicatorService::ByUnit) for the root of a synthetic province, a city
// and a county, for the year 2024 seen on 2025-01-10, and the overview of all of them.
//
// Data: KANGFU_BENCH_DB (a URL), or a SQLite file generated once by datagen (Generate:
// KANGFU_BENCH_PERSONS persons, default 100,000, and twice as many cases over 2016-2025) and kept
// at <KANGFU_BENCH_DIR, default /tmp>/kangfu_indicators_bench_<persons>.db for the next run. The
// generated data holds cases and measures only (no visits, mentors or vetting replies).
// visit_coverage and overdue_work read the stored reminder schedule (migration 0008): the subjects
// are planned once before the timed runs (AftercareService::ReplanStale, as the server's first
// daily run does over existing data; printed with its wall and CPU time) and the planned file is
// kept. Both read the schedule's indicator counts (migration 0010: per unit, day / month / year
// buckets), so their figures do not grow with the cases; compare KANGFU_BENCH_PERSONS=100000 with
// 200000.
//
// Args: the indicator (index in IndicatorCatalogue, its size = the overview) and the level (0 =
// the root, 1 = its first child, 2 = that one's first child). The load average is printed.

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <memory>
#include <string>

#include "app/aftercare_service.hpp"
#include "app/indicator_service.hpp"
#include "bench/bench_support.hpp"
#include "bench/null_audit.hpp"
#include "codec/aftercare/aftercare_json.hpp"
#include "codec/aftercare/calendar_json.hpp"
#include "codec/catalogue_json.hpp"
#include "storage/datagen/datagen.hpp"

namespace kangfu::app {
namespace {

using bench::EnvInt;

void Check(const Status& status) {
  if (!status.ok()) {
    std::fprintf(stderr, "%s %s\n", status.ToString().c_str(), status.internal().c_str());
    std::abort();
  }
}

using bench::NullAudit;

struct World {
  std::unique_ptr<storage::Store> store;
  domain::AftercarePolicy policy;
  domain::WorkCalendar calendar;
  NullAudit audit;
  std::unique_ptr<AftercareService> aftercare;
  std::vector<storage::Organisation> levels;  // root, a city, a county
};

World& TheWorld() {
  static World* world = [] {
    auto* w = new World();
    std::string url;
    if (const char* given = std::getenv("KANGFU_BENCH_DB")) {
      url = given;
    } else {
      const int64_t persons = EnvInt("KANGFU_BENCH_PERSONS", 100000);
      const char* dir = std::getenv("KANGFU_BENCH_DIR");
      const std::string path = std::string(dir != nullptr ? dir : "/tmp") +
                               "/kangfu_indicators_bench_" + std::to_string(persons) + ".db";
      url = "sqlite://" + path;
      if (!std::filesystem::exists(path)) {
        auto fresh = storage::OpenStore(url);
        Check(fresh.status());
        std::fprintf(stderr, "generating %s persons, %s cases into %s\n",
                     std::to_string(persons).c_str(), std::to_string(2 * persons).c_str(),
                     path.c_str());
        Check(storage::Generate(**fresh, {.persons = persons, .cases = 2 * persons, .seed = 1})
                  .status());
      }
    }
    auto opened = storage::OpenStore(url);
    Check(opened.status());
    w->store = std::move(opened).value();
    w->policy = codec::ShippedAftercarePolicy().value();
    w->calendar = codec::ShippedWorkCalendar().value();
    w->aftercare = std::make_unique<AftercareService>(*w->store, codec::BuiltinCatalogue(),
                                                      domain::EngineOptions{}, w->policy,
                                                      w->calendar, w->audit);
    w->aftercare->SetScheduleStamp("bench");
    const auto wall = std::chrono::steady_clock::now();
    const std::clock_t cpu = std::clock();
    const domain::Date today = domain::Date::Parse("2025-01-10").value();
    int64_t planned = 0;
    for (;;) {
      auto replanned = w->aftercare->ReplanStale(today, 2000);
      Check(replanned.status());
      planned += *replanned;
      if (*replanned < 2000) break;
    }
    if (planned > 0) {
      std::fprintf(stderr, "planned %lld subjects: %.1f s wall, %.1f s CPU (load %.1f)\n",
                   static_cast<long long>(planned),
                   std::chrono::duration<double>(std::chrono::steady_clock::now() - wall).count(),
                   static_cast<double>(std::clock() - cpu) / CLOCKS_PER_SEC, bench::LoadAverage());
    }
    {
      // The first check after planning reads the cases once (AftercareStore::ScheduleMayBeStale
      // moves its checkpoint past them); every later request probes indexes only.
      const auto check_wall = std::chrono::steady_clock::now();
      const std::clock_t check_cpu = std::clock();
      Check(w->store->Aftercare().ScheduleMayBeStale(today, "bench").status());
      std::fprintf(
          stderr, "first check of the schedule: %.1f ms wall, %.1f ms CPU\n",
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - check_wall)
              .count(),
          static_cast<double>(std::clock() - check_cpu) * 1000.0 / CLOCKS_PER_SEC);
    }
    storage::Organisation org = w->store->GetOrganisation(1).value();
    w->levels.push_back(org);
    const std::vector<storage::Organisation> all = w->store->ListSubtree(org.id).value();
    for (int level = 1; level <= 2; ++level) {
      for (const storage::Organisation& o : all) {
        if (o.parent_id == w->levels.back().id) {
          w->levels.push_back(o);
          break;
        }
      }
    }
    return w;
  }();
  return *world;
}

void Indicator(benchmark::State& state) {
  World& w = TheWorld();
  const auto index = static_cast<std::size_t>(state.range(0));
  const auto level = static_cast<std::size_t>(state.range(1));
  if (level >= w.levels.size()) {
    state.SkipWithError("the tree has no organisation at that level");
    return;
  }
  const storage::Organisation& org = w.levels[level];
  Actor leader;
  leader.username = "bench_leader";
  leader.roles = {Role::kLeader};
  leader.jurisdiction_org = w.levels[0].id;
  leader.jurisdiction_path = w.levels[0].path;
  const StatsPeriod period = ParseStatsPeriod("2024", "", "").value();
  const domain::Date today = domain::Date::Parse("2025-01-10").value();
  IndicatorService service(*w.store, w.audit, *w.aftercare, w.policy, w.calendar);
  const bool overview = index >= IndicatorCatalogue().size();
  int64_t numerator = 0;
  int64_t denominator = 0;
  for (auto _ : state) {
    if (overview) {
      auto report = service.Overview(leader, org.id, period, today);
      Check(report.status());
      numerator = static_cast<int64_t>(report->indicators.size());
    } else {
      auto report = service.ByUnit(leader, org.id, period, IndicatorCatalogue()[index].code, today);
      Check(report.status());
      numerator = report->total.value.numerator;
      denominator = report->total.value.denominator;
    }
  }
  state.SetLabel(std::string(overview ? "overview" : IndicatorCatalogue()[index].code) + " @ " +
                 org.name);
  state.counters["numerator"] = static_cast<double>(numerator);
  state.counters["denominator"] = static_cast<double>(denominator);
  state.counters["load"] = bench::LoadAverage();
}

// Every indicator of the catalogue and the overview, at the three levels.
void AllIndicators(benchmark::internal::Benchmark* b) {
  for (int64_t i = 0; i <= static_cast<int64_t>(IndicatorCatalogue().size()); ++i) {
    for (int64_t level = 0; level <= 2; ++level) b->Args({i, level});
  }
}

BENCHMARK(Indicator)
    ->Apply(AllIndicators)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime()
    ->Iterations(1)
    ->Repetitions(1);

}  // namespace
}  // namespace kangfu::app

BENCHMARK_MAIN();
