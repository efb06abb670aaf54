// Storage figures from issue 3, on a generated province (`kangfu gen`):
//   LoadHistory       one person's full history by ID number (p50 target: 50 µs SQLite,
//                        500 µs PostgreSQL over loopback)
//   CountSubtree      cases per four-forms class for a subtree (target: under 200 ms);
//                        whole years come from the rollup, CountSubtreeStraddlingYears
//                        shows the worst case (every case of the period scanned)
//   BulkLoadMeasures  measures streamed into a fresh SQLite file (target: 1M under 60 s)
//
// The database to read comes from KANGFU_BENCH_DB (a URL; KANGFU_BENCH_PERSONS must then give
// its person count). Without it a smaller province (KANGFU_BENCH_PERSONS, default 100,000
// persons and twice as many cases) is generated in a temporary SQLite file first.
// Example at full scale:
//   kangfu gen --persons 1000000 --cases 2000000 --db sqlite:///tmp/p.db
//   KANGFU_BENCH_DB=sqlite:///tmp/p.db KANGFU_BENCH_PERSONS=1000000 ./storage_benchmark

#include <benchmark/benchmark.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "bench/bench_support.hpp"
#include "storage/datagen/datagen.hpp"
#include "storage/store.hpp"

namespace kangfu::storage {
namespace {

using bench::EnvInt;
using bench::LoadAverage;

// The 1-minute load average: the machine is shared, so every figure says how busy it was.
struct Fixture {
  std::unique_ptr<Store> store;
  int64_t persons = 0;
};

Fixture& Shared() {
  static Fixture fixture = [] {
    Fixture f;
    const char* url = std::getenv("KANGFU_BENCH_DB");
    f.persons = EnvInt("KANGFU_BENCH_PERSONS", 100000);
    std::string target;
    if (url != nullptr) {
      target = url;
    } else {
      const std::string path = "/tmp/kangfu_bench_" + std::to_string(getpid()) + ".db";
      target = "sqlite://" + path;
      Result<std::unique_ptr<Store>> fresh = OpenStore(target);
      if (!fresh.ok()) std::abort();
      Result<GenSummary> gen =
          Generate(**fresh, {.persons = f.persons, .cases = 2 * f.persons, .seed = 1});
      if (!gen.ok()) std::abort();
    }
    Result<std::unique_ptr<Store>> store = OpenStore(target);
    if (!store.ok()) {
      std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
      std::abort();
    }
    f.store = std::move(store).value();
    return f;
  }();
  return fixture;
}

void ReportPercentiles(benchmark::State& state, std::vector<double>& micros) {
  if (micros.empty()) return;
  std::sort(micros.begin(), micros.end());
  state.counters["p50_us"] = micros[micros.size() / 2];
  state.counters["p99_us"] = micros[micros.size() * 99 / 100];
}

void LoadHistory(benchmark::State& state) {
  Fixture& f = Shared();
  uint64_t x = 12345;
  std::vector<double> micros;
  int64_t cases = 0;
  for (auto _ : state) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    const std::string id =
        SyntheticIdNumber(static_cast<int64_t>((x >> 17U) % static_cast<uint64_t>(f.persons)));
    const auto start = std::chrono::steady_clock::now();
    Result<PersonHistory> history = f.store->LoadHistory(id);
    micros.push_back(
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
            .count());
    if (!history.ok()) {
      state.SkipWithError(history.status().ToString().c_str());
      break;
    }
    cases += static_cast<int64_t>(history->cases.size());
  }
  ReportPercentiles(state, micros);
  state.counters["load"] = LoadAverage();
  state.counters["cases_per_person"] =
      benchmark::Counter(static_cast<double>(cases), benchmark::Counter::kAvgIterations);
}
BENCHMARK(LoadHistory)->Unit(benchmark::kMicrosecond)->Iterations(20000);

// Arg: the organisation id (1 = the whole province, 2 = its first city, 3 = that city's first
// county).
void CountSubtree(benchmark::State& state) {
  Fixture& f = Shared();
  int64_t total = 0;
  for (auto _ : state) {
    Result<FormCounts> counts = f.store->CountCasesByForm(state.range(0), Date::Min(), Date::Max());
    if (!counts.ok()) {
      state.SkipWithError(counts.status().ToString().c_str());
      break;
    }
    total = counts->Total();
  }
  state.counters["cases"] = static_cast<double>(total);
}
BENCHMARK(CountSubtree)->Arg(1)->Arg(2)->Arg(3)->Unit(benchmark::kMillisecond);

// The worst case for the rollup: a year that straddles two calendar years (2020-07-01 to
// 2021-06-30), so every case in it is scanned. Same args as CountSubtree.
void CountSubtreeStraddlingYears(benchmark::State& state) {
  Fixture& f = Shared();
  const Date from = *Date::FromCivil(2020, 7, 1);
  const Date to = *Date::FromCivil(2021, 6, 30);
  int64_t total = 0;
  for (auto _ : state) {
    Result<FormCounts> counts = f.store->CountCasesByForm(state.range(0), from, to);
    if (!counts.ok()) {
      state.SkipWithError(counts.status().ToString().c_str());
      break;
    }
    total = counts->Total();
  }
  state.counters["cases"] = static_cast<double>(total);
}
BENCHMARK(CountSubtreeStraddlingYears)->Arg(1)->Arg(2)->Arg(3)->Unit(benchmark::kMillisecond);

// Streams `range(0)` cases with their measures into a new SQLite file (1,000 persons) through
// the bulk path (Generate uses BulkAddCases / BulkAddMeasures in batches of 10,000 cases).
// Wall time is the figure against the target; CPU time (this thread) shows how much of it was
// waiting for the disk or for the other builders on the machine.
void BulkLoadMeasures(benchmark::State& state) {
  state.counters["load_before"] = LoadAverage();
  int64_t measures = 0;
  for (auto _ : state) {
    state.PauseTiming();
    const std::string path = "/tmp/kangfu_bulk_" + std::to_string(getpid()) + ".db";
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    Result<std::unique_ptr<Store>> store = OpenStore("sqlite://" + path);
    if (!store.ok()) std::abort();
    state.ResumeTiming();
    Result<GenSummary> gen =
        Generate(**store, {.persons = 1000, .cases = state.range(0), .seed = 2});
    if (!gen.ok()) {
      state.SkipWithError(gen.status().ToString().c_str());
      break;
    }
    measures = gen->measures;
    state.PauseTiming();
    store->reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    state.ResumeTiming();
  }
  state.counters["load_after"] = LoadAverage();
  state.counters["measures"] = static_cast<double>(measures);
  state.counters["measures_per_s"] =
      benchmark::Counter(static_cast<double>(measures), benchmark::Counter::kIsRate);
}
BENCHMARK(BulkLoadMeasures)
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->UseRealTime();

}  // namespace
}  // namespace kangfu::storage

BENCHMARK_MAIN();
