#ifndef KANGFU_OFFICE_TABLE_HPP_
#define KANGFU_OFFICE_TABLE_HPP_

// The spreadsheet vocabulary shared by the .xlsx writer and the table readers. It knows nothing of
// Kangfu's records: callers turn their rows into cells (dictionary codes already as Chinese
// labels).

#include <compare>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace kangfu::office {

// A calendar day as written to or read from a sheet; the office module does not depend on the
// domain, so callers convert their own date type (domain::Date has year()/month()/day()).
struct CivilDate {
  int year = 1970;
  int month = 1;
  int day = 1;

  friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
};

// How a column is written: the Excel number format and which cell values it accepts.
enum class ColumnKind {
  kText,     // strings as text; numbers are written as numbers
  kDate,     // CivilDate or "YYYY-MM-DD" text, written as a real Excel date shown yyyy-mm-dd
  kInteger,  // shown without decimals ("0")
  kNumber,   // shown as Excel's General format
  kPercent,  // a fraction (0.25) shown as "25.00%"
};

struct Column {
  std::string header;  // shown bold in the frozen first row, usually Chinese
  ColumnKind kind = ColumnKind::kText;
  // Width in Excel character units; 0 chooses one from the header and the values (a CJK
  // character counts as two), between kMinAutoWidth and kMaxAutoWidth.
  double width = 0;
};

inline constexpr double kMinAutoWidth = 6;
inline constexpr double kMaxAutoWidth = 60;

// An empty cell, text, an integer, a floating number or a date.
using Cell = std::variant<std::monostate, std::string, std::int64_t, double, CivilDate>;

struct Table {
  std::string sheet_name;  // at most 31 characters, none of []:*?/\ (Excel's rules)
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;  // a row may be shorter than columns (missing = empty)
};

// "A" for 0, "Z" for 25, "AA" for 26 …
std::string ColumnLetters(std::size_t column_index);

// "第3行 C列" for (3, 2): how errors name a cell (row is 1-based as shown by Excel, column
// 0-based).
std::string CellName(std::size_t row_number, std::size_t column_index);

// The width of text in Excel character units: CJK and other wide characters count as two.
// Invalid UTF-8 bytes count as one each.
std::size_t DisplayWidth(std::string_view utf8);

// True when `text` is well-formed UTF-8 (no overlong forms, no surrogates, at most U+10FFFF).
bool IsValidUtf8(std::string_view text);

// Days since 1970-01-01 of a proleptic Gregorian date (no validation), and back.
std::int64_t DaysFromCivil(CivilDate date);
CivilDate CivilFromDays(std::int64_t days);

// True when the date exists (month 1-12, day within the month, year 1900-9999 as Excel allows).
bool IsValidExcelDate(CivilDate date);

// "2026-03-15".
std::string FormatIsoDate(CivilDate date);

// Parses exactly "YYYY-MM-DD"; false when the text has another shape or the day does not exist.
bool ParseIsoDate(std::string_view text, CivilDate& out);

}  // namespace kangfu::office

#endif  // KANGFU_OFFICE_TABLE_HPP_
