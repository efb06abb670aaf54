// Evaluates the status of 1,000,000 synthetic persons for one action on one date, on one core.
// Each person has 0–5 measures whose four-forms classes follow the national 2021 shares of
// rules.md §8 (1,487,000 : 494,000 : 70,000 : 74,000). Prints persons per second.

#include <benchmark/benchmark.h>

#include <array>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "codec/catalogue_json.hpp"
#include "domain/engine.hpp"

namespace kangfu {
namespace {

using domain::Date;
using domain::KindIndex;
using domain::Measure;

struct Population {
  std::vector<Measure> measures;  // all persons' measures, person by person
  std::vector<uint32_t> offsets;  // person i owns measures[offsets[i], offsets[i + 1])
};

Population Generate(const domain::Catalogue& catalogue, std::size_t persons, uint32_t seed) {
  std::mt19937 random(seed);
  // Kinds per four-forms class (the judicial transfer case also carries an expulsion).
  std::array<std::vector<KindIndex>, 5> by_form;
  for (std::size_t i = 0; i < catalogue.size(); ++i) {
    const domain::MeasureKind& kind = catalogue.kinds()[i];
    if (kind.code != "judicial.transfer") by_form[kind.form].push_back(static_cast<KindIndex>(i));
  }
  const KindIndex transfer = *catalogue.Find("judicial.transfer");
  const KindIndex expulsion = *catalogue.Find("party.expulsion");
  std::discrete_distribution<int> form({0, 1487000, 494000, 70000, 74000});
  std::discrete_distribution<int> count({40, 30, 15, 8, 5, 2});  // 0–5 measures a person
  std::uniform_int_distribution<int> day(19000, 20600);          // 2022 – 2026

  Population population;
  population.offsets.reserve(persons + 1);
  population.offsets.push_back(0);
  for (std::size_t p = 0; p < persons; ++p) {
    const int measures = count(random);
    for (int m = 0; m < measures; ++m) {
      Measure measure;
      measure.id = "m" + std::to_string(m);
      measure.case_id = "c" + std::to_string(m);
      measure.effective = Date::FromDays(day(random));
      const int f = form(random);
      if (f == 4) {
        measure.kind = expulsion;
        Measure with = measure;
        with.id += "t";
        with.kind = transfer;
        population.measures.push_back(measure);
        population.measures.push_back(with);
        continue;
      }
      const std::vector<KindIndex>& kinds = by_form[f];
      measure.kind = kinds[std::uniform_int_distribution<std::size_t>(0, kinds.size() - 1)(random)];
      const domain::MeasureKind& kind = catalogue.kind(measure.kind);
      if (kind.effect == domain::Effect::kProbation) {
        measure.term_months = 12;
        if (random() % 2 == 0) {
          measure.outcome = domain::ProbationOutcome{domain::ProbationOutcomeKind::kRestored,
                                                     measure.effective.AddMonths(12)};
        }
      }
      population.measures.push_back(measure);
    }
    population.offsets.push_back(static_cast<uint32_t>(population.measures.size()));
  }
  return population;
}

void BM_EvaluatePersons(benchmark::State& state) {
  const domain::Catalogue& catalogue = codec::BuiltinCatalogue();
  const auto persons = static_cast<std::size_t>(state.range(0));
  static const Population population = Generate(catalogue, 1000000, 20211231);
  const domain::Engine engine(catalogue, {});
  const Date day = *Date::Parse("2025-06-30");
  std::vector<domain::Restriction> scratch;
  domain::Verdict verdict;
  std::array<std::size_t, 3> verdicts{};
  const std::span<const Measure> all(population.measures);
  for (auto _ : state) {
    for (std::size_t p = 0; p < persons; ++p) {
      const uint32_t begin = population.offsets[p];
      const uint32_t end = population.offsets[p + 1];
      engine.Evaluate(all.subspan(begin, end - begin), {}, domain::Action::kPromote, day, &scratch,
                      &verdict);
      ++verdicts[static_cast<std::size_t>(verdict.kind)];
    }
  }
  benchmark::DoNotOptimize(verdicts);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * persons));
  state.counters["persons_per_second"] = benchmark::Counter(
      static_cast<double>(state.iterations() * persons), benchmark::Counter::kIsRate);
  state.counters["blocked_share"] = static_cast<double>(verdicts[1]) /
                                    static_cast<double>(verdicts[0] + verdicts[1] + verdicts[2]);
}
BENCHMARK(BM_EvaluatePersons)->Arg(1000000)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_AddMonths(benchmark::State& state) {
  Date date = *Date::Parse("2024-01-31");
  int months = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(date.AddMonths(++months % 60));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AddMonths);

void BM_ParseDate(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(Date::Parse("2024-02-29"));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseDate);

}  // namespace
}  // namespace kangfu

BENCHMARK_MAIN();
