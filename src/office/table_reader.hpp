#ifndef KANGFU_OFFICE_TABLE_READER_HPP_
#define KANGFU_OFFICE_TABLE_READER_HPP_

// Reads ledgers from .xlsx (libzip + pugixml over the OOXML parts) and .csv (UTF-8 or GB18030/GBK
// as saved by Excel in China) into rows of UTF-8 strings. Rows are handed to a callback one at a
// time, so a million-row sheet never sits in memory as a whole. Every limit is checked before the
// memory is spent, which refuses zip bombs and absurd dimensions with a Chinese message.
//
// Cell values as text: shared and inline strings as written (rich-text runs joined); numbers in
// the shortest form that reads back exactly ("12", "0.25", "1e-07"); booleans "TRUE"/"FALSE";
// errors as shown ("#N/A"); cells whose style is a date format (built-in ids 14-17, 22, the CJK
// date ids 27-36 and 50-58, or a custom format with y or d) as "YYYY-MM-DD". Time-only formats
// (ids 18-21, 45-47) stay numbers.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"

namespace kangfu::office {

struct ReadLimits {
  std::size_t max_rows = 1'100'000;                     // highest row number accepted
  std::size_t max_columns = 1024;                       // highest column accepted (A = 1)
  std::size_t max_cell_bytes = std::size_t{32767} * 4;  // a cell's UTF-8 text
  std::uint64_t max_entry_bytes = 1ULL << 30;           // one decompressed zip entry
  std::uint64_t max_total_bytes = 2ULL << 30;           // all decompressed entries, or a CSV
  std::size_t max_zip_entries = 10000;
  std::size_t max_shared_strings = 2'000'000;
};

struct ReadOptions {
  std::string sheet_name;  // empty: the first sheet of the workbook (ignored for CSV)
  ReadLimits limits;
};

struct Row {
  std::size_t number = 0;          // 1-based, as Excel shows it; empty rows are skipped
  std::vector<std::string> cells;  // index 0 is column A; gaps are empty strings
};

// Called once per non-empty row in order; returning an error stops reading and that error is
// returned by the reader unchanged. Because reading streams, rows before a fault further down
// the file have already been handed over when the reader returns an error: callers that need
// all-or-nothing collect or stage rows and commit only on success.
using RowCallback = std::function<Status(const Row& row)>;

// Reads one sheet of an .xlsx held in memory.
// Errors (all kInvalidArgument unless noted), each with a Chinese message:
//   "xlsx.not_zip"        not a zip archive, or truncated
//   "xlsx.missing_part"   no workbook, no sheet, or a shared string referenced without the table
//   "xlsx.bad_xml"        a part is not well-formed XML
//   "xlsx.sheet_not_found" (kNotFound) no sheet named options.sheet_name
//   "xlsx.cell_ref"       a cell reference that is not A1-style, or out of order
//   "xlsx.shared_string"  a shared string index out of range
//   "table.too_large"     (kResourceExhausted) a limit of ReadLimits was hit; the message names
//                         the row and column (第3行 C列) where it applies
Status ReadXlsx(std::string_view bytes, const ReadOptions& options, const RowCallback& on_row);
// The same for a file; "table.open" (kNotFound) when the file cannot be opened.
Status ReadXlsxFile(const std::string& path, const ReadOptions& options, const RowCallback& on_row);

// Reads CSV text: UTF-8 with or without BOM, otherwise GB18030 (a superset of GBK) converted to
// UTF-8; RFC 4180 quoting, CRLF or LF line ends; empty lines are skipped (but counted).
// Errors: "csv.encoding" (neither UTF-8 nor GB18030), "csv.quote" (an unterminated quoted field,
// or text after a closing quote, naming the row and column), "table.too_large" as above.
Status ReadCsv(std::string_view bytes, const ReadOptions& options, const RowCallback& on_row);

// Reads an .xlsx (recognised by its zip signature, whatever the file name) or a .csv file,
// handing rows to `on_row` as above; the .xlsx is streamed from disk, a CSV is read whole (up to
// limits.max_total_bytes). Errors as above; "table.open" (kNotFound) when the file cannot be
// opened.
Status ReadTableFile(const std::string& path, const ReadOptions& options,
                     const RowCallback& on_row);

// Reads a whole .xlsx (detected by its zip signature) or .csv into memory. Errors as above.
Result<std::vector<Row>> ReadTable(std::string_view bytes, const ReadOptions& options = {});

// True when the bytes start with the zip signature "PK\3\4" (an .xlsx), false for CSV.
bool LooksLikeXlsx(std::string_view bytes);

}  // namespace kangfu::office

#endif  // KANGFU_OFFICE_TABLE_READER_HPP_
