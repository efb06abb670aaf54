// Spreadsheet export and import at ledger scale (issue 7: import 1,000,000 rows < 60 s,
// export < 30 s). Writes a 1,000,000-row, 8-column sheet with libxlsxwriter, reads it back with
// the streaming reader, and reads the same rows as CSV. Prints rows/s of wall-clock time (the
// CPU column shows how much of it the process itself used on a shared machine).
//   build/release/bench/office_benchmark [--rows=N]

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>

#include "office/table_reader.hpp"
#include "office/xlsx_writer.hpp"

namespace {

using kangfu::office::Cell;
using kangfu::office::CivilDate;
using kangfu::office::Column;
using kangfu::office::ColumnKind;

std::size_t g_rows = 1'000'000;
const char* const kXlsxPath = "/tmp/kangfu-office-benchmark.xlsx";
const char* const kCsvPath = "/tmp/kangfu-office-benchmark.csv";

const char* const kUnits[] = {"某某县财政局", "某某镇党委", "某某县教育局", "某某街道办事处"};
const char* const kMeasures[] = {"党内警告", "党内严重警告", "政务记过", "诫勉"};

std::vector<Cell> MakeRow(std::size_t i) {
  return {std::string("干部") + std::to_string(i),
          std::string("11010119900307") + std::to_string(1000 + i % 9000),
          std::string(kUnits[i % 4]),
          std::string(kMeasures[(i / 4) % 4]),
          CivilDate{2015 + static_cast<int>(i % 10), 1 + static_cast<int>(i % 12),
                    1 + static_cast<int>(i % 28)},
          static_cast<std::int64_t>(i % 60),
          static_cast<double>(i % 1000) / 7.0,
          std::string(i % 3 == 0 ? "影响期已满" : "")};
}

void XlsxExport(benchmark::State& state) {
  std::vector<Column> columns = {{"姓名"},
                                 {"身份证号"},
                                 {"单位"},
                                 {"处分处理"},
                                 {"决定日期", ColumnKind::kDate},
                                 {"影响期（月）", ColumnKind::kInteger},
                                 {"分值", ColumnKind::kNumber},
                                 {"备注"}};
  for (auto _ : state) {
    kangfu::office::XlsxWriter writer(kXlsxPath);
    if (!writer.AddSheet("台账", columns).ok()) state.SkipWithError("AddSheet");
    for (std::size_t i = 0; i < g_rows; ++i) {
      if (!writer.AddRow(MakeRow(i)).ok()) {
        state.SkipWithError("AddRow");
        break;
      }
    }
    if (!writer.Close().ok()) state.SkipWithError("Close");
  }
  state.counters["rows"] = static_cast<double>(g_rows);
  state.counters["rows_per_s"] = benchmark::Counter(static_cast<double>(g_rows),
                                                    benchmark::Counter::kIsIterationInvariantRate);
}

void XlsxImport(benchmark::State& state) {
  std::size_t rows = 0;
  std::size_t bytes = 0;
  for (auto _ : state) {
    rows = 0;
    bytes = 0;
    kangfu::Status status =
        kangfu::office::ReadXlsxFile(kXlsxPath, {}, [&](const kangfu::office::Row& row) {
          ++rows;
          for (const auto& cell : row.cells) bytes += cell.size();
          return kangfu::Status::Ok();
        });
    if (!status.ok()) state.SkipWithError(status.ToString().c_str());
  }
  benchmark::DoNotOptimize(bytes);
  state.counters["rows"] = static_cast<double>(rows);
  state.counters["rows_per_s"] =
      benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsIterationInvariantRate);
}

void CsvImport(benchmark::State& state) {
  // The CSV is made from the xlsx just read, so both imports see the same values.
  {
    std::ofstream out(kCsvPath, std::ios::binary | std::ios::trunc);
    kangfu::Status status =
        kangfu::office::ReadXlsxFile(kXlsxPath, {}, [&](const kangfu::office::Row& row) {
          for (std::size_t c = 0; c < row.cells.size(); ++c) out << (c ? "," : "") << row.cells[c];
          out << "\r\n";
          return kangfu::Status::Ok();
        });
    if (!status.ok()) state.SkipWithError(status.ToString().c_str());
  }
  std::size_t rows = 0;
  for (auto _ : state) {
    rows = 0;
    std::ifstream in(kCsvPath, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    kangfu::Status status = kangfu::office::ReadCsv(text, {}, [&](const kangfu::office::Row&) {
      ++rows;
      return kangfu::Status::Ok();
    });
    if (!status.ok()) state.SkipWithError(status.ToString().c_str());
  }
  state.counters["rows"] = static_cast<double>(rows);
  state.counters["rows_per_s"] =
      benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsIterationInvariantRate);
}

BENCHMARK(XlsxExport)->Iterations(1)->UseRealTime()->Unit(benchmark::kSecond);
BENCHMARK(XlsxImport)->Iterations(1)->UseRealTime()->Unit(benchmark::kSecond);
BENCHMARK(CsvImport)->Iterations(1)->UseRealTime()->Unit(benchmark::kSecond);

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--rows=", 7) == 0) g_rows = std::strtoul(argv[i] + 7, nullptr, 10);
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  std::remove(kXlsxPath);
  std::remove(kCsvPath);
  return 0;
}
