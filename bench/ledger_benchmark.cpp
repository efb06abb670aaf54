// Ledger import and export at scale (issue 7: import a 1,000,000-row ledger in under 60 s, all
// or nothing; export the same in under 30 s). A plain program that prints its figures:
//   1. builds an organisation tree (a province, 10 cities, 100 units) in a new SQLite file;
//   2. writes a ledger .xlsx of N rows (default 1,000,000): N/2 persons, each with one case of
//      two measures (严重警告 + 记过), every column of the template filled as a user would;
//   3. imports it through LedgerService (every row validated, one transaction, audited);
//   4. exports the cases again (LedgerService::ExportCases) and reports both times.
//   build/release/bench/ledger_benchmark [ROWS] [DB_FILE]

#include <fmt/core.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "app/aftercare_service.hpp"
#include "app/audit_log.hpp"
#include "app/clock.hpp"
#include "app/ledger_service.hpp"
#include "bench/bench_support.hpp"
#include "codec/aftercare/aftercare_json.hpp"
#include "codec/aftercare/calendar_json.hpp"
#include "codec/catalogue_json.hpp"
#include "office/xlsx_writer.hpp"
#include "storage/datagen/datagen.hpp"
#include "storage/store.hpp"

namespace {

using kangfu::office::Cell;
using kangfu::office::CivilDate;

double Since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// CPU seconds of this process (all its threads: import reads on a second one) since `start`.
double CpuSince(std::clock_t start) {
  return static_cast<double>(std::clock() - start) / static_cast<double>(CLOCKS_PER_SEC);
}

int Fail(const kangfu::Status& status) {
  fmt::print(stderr, "failed: {}\n", status.ToString());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  namespace app = kangfu::app;
  namespace storage = kangfu::storage;
  const int64_t rows = argc > 1 ? kangfu::bench::ParseInt(argv[1], 1'000'000) : 1'000'000;
  const std::string db_file = argc > 2 ? argv[2] : "/tmp/kangfu-ledger-benchmark.db";
  const std::string ledger_path = "/tmp/kangfu-ledger-benchmark.xlsx";
  const std::string export_path = "/tmp/kangfu-ledger-benchmark-export.xlsx";
  std::filesystem::remove(db_file);
  std::filesystem::remove(db_file + "-wal");
  std::filesystem::remove(db_file + "-shm");

  auto opened = storage::OpenStore("sqlite://" + db_file);
  if (!opened.ok()) return Fail(opened.status());
  storage::Store& store = **opened;
  auto province =
      store.AddOrganisation({.name = "某省纪委监委", .level = storage::OrgLevel::kProvince});
  if (!province.ok()) return Fail(province.status());
  std::vector<storage::Organisation> units;
  std::vector<storage::Organisation> cities;
  for (int c = 0; c < 10; ++c) {
    auto city = store.AddOrganisation({.parent_id = province->id,
                                       .name = "第" + std::to_string(c + 1) + "市",
                                       .level = storage::OrgLevel::kCity});
    if (!city.ok()) return Fail(city.status());
    cities.push_back(*city);
    for (int u = 0; u < 10; ++u) {
      auto unit = store.AddOrganisation(
          {.parent_id = city->id,
           .name = "第" + std::to_string(c + 1) + "市第" + std::to_string(u + 1) + "单位",
           .level = storage::OrgLevel::kUnit});
      if (!unit.ok()) return Fail(unit.status());
      units.push_back(*unit);
    }
  }

  // The ledger file, as a user would fill the template (names, not codes).
  auto start = std::chrono::steady_clock::now();
  {
    kangfu::office::XlsxWriter writer(ledger_path);
    std::vector<kangfu::office::Column> columns;
    for (std::size_t c = 0; c < app::kLedgerColumnCount; ++c) {
      const auto column = static_cast<app::LedgerColumn>(c);
      const bool date = column == app::LedgerColumn::kDecisionDate ||
                        column == app::LedgerColumn::kEffective ||
                        column == app::LedgerColumn::kEnded;
      columns.push_back(
          {std::string(app::LedgerHeader(column)),
           date ? kangfu::office::ColumnKind::kDate : kangfu::office::ColumnKind::kText, 14});
    }
    if (auto s = writer.AddSheet("台账", columns); !s.ok()) return Fail(s);
    for (int64_t r = 0; r < rows; ++r) {
      const int64_t k = r / 2;
      const storage::Organisation& unit = units[static_cast<std::size_t>(k % 100)];
      const storage::Organisation& city = cities[static_cast<std::size_t>(k % 100 / 10)];
      const CivilDate decided{2016 + static_cast<int>(k % 9), 1 + static_cast<int>(k % 12),
                              1 + static_cast<int>(k % 28)};
      std::vector<Cell> row = {
          storage::SyntheticIdNumber(k),
          "干部" + std::to_string(k),
          std::monostate{},
          unit.name,
          std::string("科员"),
          std::string("科级"),
          std::string("是"),
          std::string(k % 2 == 0 ? "是" : "否"),
          std::string("否"),
          std::monostate{},
          city.name,
          "纪发〔" + std::to_string(decided.year) + "〕" + std::to_string(k) + "号",
          decided,
          std::string("廉洁纪律"),
          std::string("信访举报"),
          std::string(r % 2 == 0 ? "严重警告" : "记过"),
          decided,
          std::monostate{},
          std::monostate{},
          std::monostate{}};
      if (auto s = writer.AddRow(row); !s.ok()) return Fail(s);
    }
    if (auto s = writer.Close(); !s.ok()) return Fail(s);
  }
  fmt::print("ledger written: {} rows, {:.1f} MB, {:.1f} s (load {:.1f})\n", rows,
             static_cast<double>(std::filesystem::file_size(ledger_path)) / 1e6, Since(start),
             kangfu::bench::LoadAverage());

  app::AuditLog audit(store, app::SystemClock());
  app::LedgerService service(store, kangfu::codec::BuiltinCatalogue(),
                             kangfu::domain::EngineOptions{}, audit);
  app::Actor actor;
  actor.account_id = 0;
  actor.username = "benchmark";
  actor.roles = {app::Role::kCaseManager};
  actor.jurisdiction_org = province->id;
  actor.jurisdiction_path = province->path;
  // KANGFU_LEDGER_TEMPLATE=FILE also writes the import template (a seed of the fuzz corpus,
  // docs/ledger.md).
  if (const char* template_path = std::getenv("KANGFU_LEDGER_TEMPLATE")) {
    auto bytes = service.Template(actor);
    if (!bytes.ok()) return Fail(bytes.status());
    std::ofstream(template_path, std::ios::binary) << *bytes;
  }
  app::LedgerImportOptions options;
  options.today = kangfu::domain::Date::Parse("2026-11-28").value();
  // As `kangfu import` and the server import: every imported case gets its execution checklist
  // and visit plan, and every person's reminder schedule is replanned, in the import's
  // transaction. KANGFU_BENCH_AFTERCARE=off leaves that out (the ledger part alone).
  const kangfu::domain::AftercarePolicy policy = kangfu::codec::ShippedAftercarePolicy().value();
  const kangfu::domain::WorkCalendar calendar = kangfu::codec::ShippedWorkCalendar().value();
  app::AftercareService aftercare(store, kangfu::codec::BuiltinCatalogue(),
                                  kangfu::domain::EngineOptions{}, policy, calendar, audit);
  const char* with_aftercare = std::getenv("KANGFU_BENCH_AFTERCARE");
  const bool aftercare_on = with_aftercare == nullptr || std::string(with_aftercare) != "off";
  aftercare.SetScheduleStamp("bench");
  if (aftercare_on) {
    service.SetOnCasesRecorded([&](const app::Actor& who, std::span<const app::RecordedCase> cases,
                                   std::span<const storage::RowId> changed) {
      return aftercare.OnCasesRecorded(who, cases, changed, options.today);
    });
  }
  fmt::print("aftercare hook (checklists, plans, schedules): {}\n", aftercare_on ? "on" : "off");

  start = std::chrono::steady_clock::now();
  const std::clock_t cpu_start = std::clock();
  auto imported = service.ImportFile(actor, ledger_path, options);
  const double import_s = Since(start);
  const double import_cpu = CpuSince(cpu_start);
  if (!imported.ok()) return Fail(imported.status());
  if (imported->error_total > 0) {
    fmt::print(stderr, "unexpected errors: {} (first: row {} {} {})\n", imported->error_total,
               imported->errors[0].row, imported->errors[0].column, imported->errors[0].message);
    return 1;
  }
  fmt::print(
      "import: {} rows -> {} persons, {} cases, {} measures in {:.1f} s wall, {:.1f} s CPU "
      "(target < 60 s; load {:.1f})\n",
      imported->counts.rows, imported->counts.persons_added, imported->counts.cases_added,
      imported->counts.measures_added, import_s, import_cpu, kangfu::bench::LoadAverage());

  start = std::chrono::steady_clock::now();
  const std::clock_t cpu_again = std::clock();
  auto again = service.ImportFile(actor, ledger_path, options);
  if (!again.ok()) return Fail(again.status());
  fmt::print(
      "re-import of the same file: {} measures unchanged, {} added, {:.1f} s wall, {:.1f} s CPU "
      "(load {:.1f})\n",
      again->counts.measures_unchanged, again->counts.measures_added, Since(start),
      CpuSince(cpu_again), kangfu::bench::LoadAverage());

  start = std::chrono::steady_clock::now();
  const std::clock_t cpu_export = std::clock();
  auto exported = service.ExportCases(actor, export_path);
  const double export_s = Since(start);
  if (!exported.ok()) return Fail(exported.status());
  fmt::print(
      "export: {} rows ({} cases) in {:.1f} s wall, {:.1f} s CPU, {:.1f} MB (target < 30 s; load "
      "{:.1f})\n",
      exported->rows, exported->cases, export_s, CpuSince(cpu_export),
      static_cast<double>(std::filesystem::file_size(export_path)) / 1e6,
      kangfu::bench::LoadAverage());
  return 0;
}
