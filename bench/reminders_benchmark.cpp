// Computing every aftercare reminder for a province-scale population: 1M synthetic subjects with
// 2M measures (one or two cases each), on the shipped policy and holiday calendar. The figure to
// report is the wall time of one ComputeReminders call over all of them (issue 5: under 10 s),
// including freeing its result. Second argument: worker threads (0: ComputeReminders' default,
// one per hardware thread). `cpu_s` is the process CPU time (all threads) per iteration.

#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <vector>

#include "bench/bench_support.hpp"
#include "codec/aftercare/aftercare_json.hpp"
#include "codec/aftercare/calendar_json.hpp"
#include "domain/aftercare/reminders.hpp"

namespace kangfu {
namespace {

using domain::Date;

// Deterministic pseudo-random numbers (xorshift), so every run measures the same population.
struct Rng {
  uint64_t state = 0x9E3779B97F4A7C15ULL;
  uint32_t Next(uint32_t bound) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return static_cast<uint32_t>(state % bound);
  }
};

const char* const kKinds[] = {"party.warning", "party.serious_warning", "party.removal_from_post",
                              "gov.demerit",   "gov.demotion",          "org.removal"};
const int kForms[] = {2, 2, 3, 2, 2, 2};
const int kMonths[] = {12, 18, 24, 12, 24, 24};

std::vector<domain::SubjectAftercare> MakePopulation(int count) {
  Rng rng;
  const Date base = *Date::FromCivil(2024, 1, 1);
  std::vector<domain::SubjectAftercare> subjects(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    domain::SubjectAftercare& s = subjects[static_cast<std::size_t>(i)];
    s.subject_id = "s" + std::to_string(i);
    s.executing_unit = "unit-" + std::to_string(i % 5000);
    const int cases = 1 + static_cast<int>(rng.Next(2));  // ~1.5 cases, 2 measures on average
    for (int c = 0; c < cases; ++c) {
      const Date effective = base.AddDays(static_cast<int32_t>(rng.Next(900)));
      const int measures = c == 0 ? 2 - (cases - 1) : 1;  // 2 measures per subject in total
      for (int k = 0; k < measures; ++k) {
        const uint32_t kind = rng.Next(6);
        domain::AftercareMeasure m;
        m.measure_id = s.subject_id + "-m" + std::to_string(c) + std::to_string(k);
        m.case_id = s.subject_id + "-c" + std::to_string(c);
        m.kind_code = kKinds[kind];
        m.form = kForms[kind];
        m.effective = effective;
        m.influence_end = effective.AddMonths(kMonths[kind]);
        m.deciding_organ = "org-" + std::to_string(i % 300);
        s.measures.push_back(std::move(m));
      }
    }
    if (rng.Next(2) == 0) {
      s.execution_done.push_back({s.measures[0].case_id + ":announce", base, "clerk"});
    }
    if (rng.Next(3) == 0) {
      domain::VisitRecord visit;
      visit.date = s.measures[0].effective.AddDays(60);
      s.visits.push_back(visit);
    }
    if (rng.Next(10) == 0) {
      domain::MentoringRecord m;
      m.assignment = {.id = s.subject_id + "-ma",
                      .subject_id = s.subject_id,
                      .mentor_id = "mentor-" + std::to_string(i % 7000),
                      .assigned_by = s.executing_unit,
                      .start = s.measures[0].effective.AddDays(10),
                      .end = std::nullopt};
      m.talks = {m.assignment.start.AddDays(20), m.assignment.start.AddDays(200)};
      s.mentoring.push_back(std::move(m));
    }
    if (rng.Next(100) == 0) {
      domain::Escalation e;
      e.id = s.subject_id + "-e";
      e.opened_on = *Date::FromCivil(2026, 11, 2);
      e.responsible = s.executing_unit;
      s.escalations.push_back(e);
    }
  }
  return subjects;
}

void ComputeRemindersForProvince(benchmark::State& state) {
  const domain::AftercarePolicy policy = *codec::ShippedAftercarePolicy();
  const domain::WorkCalendar calendar = *codec::ShippedWorkCalendar();
  const int count = static_cast<int>(state.range(0));
  const std::vector<domain::SubjectAftercare> subjects = MakePopulation(count);
  const Date today = *Date::FromCivil(2026, 11, 27);
  const auto workers = static_cast<unsigned>(state.range(1));
  std::size_t reminders = 0;
  const double cpu_before = bench::ProcessCpuSeconds();
  for (auto _ : state) {
    domain::ReminderReport report =
        domain::ComputeReminders(subjects, policy, calendar, today, workers);
    reminders = report.reminders.size();
    benchmark::DoNotOptimize(report);
  }
  state.counters["cpu_s"] =
      (bench::ProcessCpuSeconds() - cpu_before) / static_cast<double>(state.iterations());
  state.counters["subjects"] = count;
  state.counters["reminders"] = static_cast<double>(reminders);
  state.counters["subjects_per_s"] =
      benchmark::Counter(static_cast<double>(count) * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate);
}
// 100k for profiling, 1M for the figure (on one worker, and on the default number).
BENCHMARK(ComputeRemindersForProvince)
    ->ArgNames({"subjects", "workers"})
    ->Args({100'000, 0})
    ->Args({1'000'000, 1})
    ->Args({1'000'000, 0})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3)
    ->UseRealTime();

}  // namespace
}  // namespace kangfu

BENCHMARK_MAIN();
