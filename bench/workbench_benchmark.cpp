// All reminders of a province-scale database end to end (issue 5: 1M persons, 2M cases, under
// 10 s): the one-time planning of every subject, the daily run, and the workbench of a
// province-root account, a city, a county and a mentor.
//
// Data: a SQLite file generated once by datagen (KANGFU_BENCH_PERSONS persons, default 100,000,
// twice as many cases over 2016-2025; no visits or mentoring) and kept unplanned at
// <KANGFU_BENCH_DIR, default /tmp>/kangfu_reminders_bench_<persons>.db. The timed runs use a copy,
// <…>_planned.db: when it is missing it is copied from the generated file and every subject is
// planned (AftercareService::ReplanStale in chunks of 2000, as the server's first daily run does
// over existing data): (a), printed once with its wall and CPU time and the load average. Delete
// the _planned file to measure (a) again. 40 subjects of the first county get a mentor whose
// login is `bench_mentor` (replanned at once), for (d).
//
// Benchmarks (one iteration each; `cpu_s` = the process's CPU time, all threads, per iteration;
// `load` = the 1-minute load average after it):
//   DailyRun        (b) ReplanStale finding nothing + the digest's grouped count
//                   (AftercareService::DigestFromSchedule), as AftercareApi::RunDigest does.
//   Workbench/L/M   (c, d) GetWorkbench on 2025-01-10, first page (limit 200), with total,
//                   overdue and by-kind counts; L = 0 the province root, 1 its first city, 2 that
//                   city's first county, 3 the mentor; M = 0 the stored schedule (the product),
//                   1 the live computation (AftercareService::GetWorkbenchLive, the reference —
//                   minutes for the root at 1M: KANGFU_BENCH_LIVE_ROOT=1 to include it).

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "app/aftercare_service.hpp"
#include "bench/bench_support.hpp"
#include "bench/null_audit.hpp"
#include "codec/aftercare/aftercare_json.hpp"
#include "codec/aftercare/calendar_json.hpp"
#include "codec/catalogue_json.hpp"
#include "storage/datagen/datagen.hpp"

namespace kangfu::app {
namespace {

using bench::EnvInt;

constexpr std::size_t kMentees = 40;

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
  Actor mentor;
};

domain::Date Today() { return domain::Date::Parse("2025-01-10").value(); }

// The first county gets a mentor for kMentees of its subjects (once: kept in the file).
void AddMentor(World& w) {
  if (auto found = w.store->FindAccountByUsername("bench_mentor"); found.ok()) {
    w.mentor.account_id = found->id;
    return;
  }
  storage::Account account;
  account.username = "bench_mentor";
  account.display_name = "帮带责任人";
  account.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAA";
  account.roles = {"mentor"};
  account.jurisdiction_org = w.levels.back().id;
  auto added = w.store->AddAccount(account);
  Check(added.status());
  w.mentor.account_id = added->id;
  std::vector<storage::RowId> subjects =
      w.store->Aftercare().ListAftercareSubjects(w.levels.back().id).value();
  if (subjects.size() > kMentees + 1) subjects.resize(kMentees + 1);
  if (subjects.size() < 2) return;
  const storage::RowId mentor_person = subjects.back();
  subjects.pop_back();
  for (storage::RowId person : subjects) {
    Check(w.store->InTransaction([&]() -> Status {
      KANGFU_RETURN_IF_ERROR(w.store->Aftercare()
                                 .AddMentor({.person_id = person,
                                             .mentor_id = mentor_person,
                                             .mentor_account_id = added->id,
                                             .assigned_by = w.levels.back().id,
                                             .start = domain::Date::Parse("2024-03-01").value()})
                                 .status());
      return w.aftercare->Replan(person, Today());
    }));
  }
}

World& TheWorld() {
  static World* world = [] {
    auto* w = new World();
    const int64_t persons = EnvInt("KANGFU_BENCH_PERSONS", 100000);
    const char* dir = std::getenv("KANGFU_BENCH_DIR");
    const std::string base = std::string(dir != nullptr ? dir : "/tmp") +
                             "/kangfu_reminders_bench_" + std::to_string(persons);
    const std::string generated = base + ".db";
    const std::string planned = base + "_planned.db";
    if (!std::filesystem::exists(generated)) {
      auto fresh = storage::OpenStore("sqlite://" + generated);
      Check(fresh.status());
      const int64_t cases = 2 * persons;
      std::fprintf(stderr, "generating %lld persons, %lld cases into %s\n",
                   static_cast<long long>(persons), static_cast<long long>(cases),
                   generated.c_str());
      Check(storage::Generate(**fresh, {.persons = persons, .cases = cases, .seed = 1}).status());
    }
    const bool plan = !std::filesystem::exists(planned);
    if (plan) std::filesystem::copy_file(generated, planned);
    auto opened = storage::OpenStore("sqlite://" + planned);
    Check(opened.status());
    w->store = std::move(opened).value();
    w->policy = codec::ShippedAftercarePolicy().value();
    w->calendar = codec::ShippedWorkCalendar().value();
    w->aftercare = std::make_unique<AftercareService>(*w->store, codec::BuiltinCatalogue(),
                                                      domain::EngineOptions{}, w->policy,
                                                      w->calendar, w->audit);
    w->aftercare->SetScheduleStamp("bench");
    if (plan) {
      const auto wall = std::chrono::steady_clock::now();
      const double cpu = bench::ProcessCpuSeconds();
      int64_t count = 0;
      for (;;) {
        auto replanned = w->aftercare->ReplanStale(Today(), 2000);
        Check(replanned.status());
        count += *replanned;
        if (*replanned < 2000) break;
      }
      std::fprintf(stderr, "(a) planned %lld subjects: %.1f s wall, %.1f s CPU (load %.2f)\n",
                   static_cast<long long>(count),
                   std::chrono::duration<double>(std::chrono::steady_clock::now() - wall).count(),
                   bench::ProcessCpuSeconds() - cpu, bench::LoadAverage());
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
    AddMentor(*w);
    w->mentor.username = "bench_mentor";
    w->mentor.roles = {Role::kMentor};
    w->mentor.jurisdiction_org = w->levels.back().id;
    w->mentor.jurisdiction_path = w->levels.back().path;
    return w;
  }();
  return *world;
}

void DailyRun(benchmark::State& state) {
  World& w = TheWorld();
  int64_t due = 0;
  int64_t overdue = 0;
  double cpu = 0;
  for (auto _ : state) {
    const double start = bench::ProcessCpuSeconds();
    auto replanned = w.aftercare->ReplanStale(Today(), 500);
    Check(replanned.status());
    if (*replanned != 0) state.SkipWithError("subjects left to plan");
    auto digest = w.aftercare->DigestFromSchedule(Today());
    Check(digest.status());
    due = 0;
    overdue = 0;
    for (const auto& [key, kinds] : digest->counts) {
      for (const auto& [kind, count] : kinds) {
        due += count.due;
        overdue += count.overdue;
      }
    }
    cpu += bench::ProcessCpuSeconds() - start;
  }
  state.counters["due"] = static_cast<double>(due);
  state.counters["overdue"] = static_cast<double>(overdue);
  state.counters["cpu_s"] = cpu / static_cast<double>(state.iterations());
  state.counters["load"] = bench::LoadAverage();
}

void Workbench(benchmark::State& state) {
  World& w = TheWorld();
  const auto level = static_cast<std::size_t>(state.range(0));
  const bool live = state.range(1) == 1;
  Actor actor;
  if (level == 3) {
    actor = w.mentor;
  } else {
    if (level >= w.levels.size()) {
      state.SkipWithError("the tree has no organisation at that level");
      return;
    }
    if (live && level == 0 && EnvInt("KANGFU_BENCH_LIVE_ROOT", 0) == 0) {
      state.SkipWithError("live at the root: set KANGFU_BENCH_LIVE_ROOT=1");
      return;
    }
    actor.username = "bench_leader";
    actor.roles = {Role::kCaseManager};
    actor.jurisdiction_org = w.levels[level].id;
    actor.jurisdiction_path = w.levels[level].path;
  }
  WorkbenchQuery query;
  query.today = Today();
  query.limit = 200;
  int64_t total = 0;
  int64_t overdue = 0;
  int64_t items = 0;
  double cpu = 0;
  for (auto _ : state) {
    const double start = bench::ProcessCpuSeconds();
    auto bench = live ? w.aftercare->GetWorkbenchLive(actor, query)
                      : w.aftercare->GetWorkbench(actor, query);
    Check(bench.status());
    total = bench->total;
    overdue = bench->overdue;
    items = static_cast<int64_t>(bench->items.size());
    cpu += bench::ProcessCpuSeconds() - start;
  }
  state.SetLabel(std::string(live ? "live" : "stored") + " @ " +
                 (level == 3 ? std::string("mentor") : w.levels[level].name));
  state.counters["total"] = static_cast<double>(total);
  state.counters["overdue"] = static_cast<double>(overdue);
  state.counters["items"] = static_cast<double>(items);
  state.counters["cpu_s"] = cpu / static_cast<double>(state.iterations());
  state.counters["load"] = bench::LoadAverage();
}

BENCHMARK(DailyRun)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);
BENCHMARK(Workbench)
    ->ArgsProduct({{0, 1, 2, 3}, {0, 1}})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(1);

}  // namespace
}  // namespace kangfu::app

BENCHMARK_MAIN();
