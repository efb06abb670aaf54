// libFuzzer target for the spreadsheet readers: any input must end in OK or a Status, never a
// crash, a hang or unbounded memory. Build with clang and -DKANGFU_BUILD_FUZZ=ON, then run
//   build/<preset>/fuzz/table_reader_fuzz -max_len=200000 corpus/
// Seeds: any .xlsx and .csv files (the office tests' malformed corpus is a good start).

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "office/table_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  kangfu::office::ReadOptions options;
  // Small limits keep each run fast; the limits themselves are what is under test.
  options.limits.max_rows = 10'000;
  options.limits.max_columns = 256;
  options.limits.max_cell_bytes = 4096;
  options.limits.max_entry_bytes = 8 << 20;
  options.limits.max_total_bytes = 16 << 20;
  options.limits.max_shared_strings = 100'000;
  auto on_row = [](const kangfu::office::Row& row) {
    // Touch every cell so that a dangling view would show under ASan.
    std::size_t total = 0;
    for (const auto& cell : row.cells) total += cell.size();
    (void)total;
    return kangfu::Status::Ok();
  };
  (void)kangfu::office::ReadXlsx(bytes, options, on_row);
  (void)kangfu::office::ReadCsv(bytes, options, on_row);
  return 0;
}
