#ifndef KANGFU_OFFICE_XLSX_WRITER_HPP_
#define KANGFU_OFFICE_XLSX_WRITER_HPP_

// Writes .xlsx workbooks: one sheet per Table, a bold frozen header row, real Excel dates shown as
// yyyy-mm-dd, numbers in their column's format, widths fitted to the content (CJK counts double).
// libxlsxwriter writes the workbook, styles, header rows, panes and widths; the data rows are
// serialised here as sheet XML into a temporary file per sheet and spliced into libxlsxwriter's
// sheet part on Close() with libzip (deflate level 1: a third of the CPU of libxlsxwriter's
// level 6). So a million-row export holds one row in memory at a time when XlsxWriter is used
// directly, and the target file appears only when complete (written beside it, then renamed).

#include <memory>
#include <string>
#include <vector>

#include "core/status.hpp"
#include "office/table.hpp"

namespace kangfu::office {

class XlsxWriter {
 public:
  // Starts a workbook at `path` (created or replaced on Close()). Error: none at this point —
  // when no staging file can be created beside `path`, AddSheet and Close report "xlsx.write".
  explicit XlsxWriter(std::string path);
  ~XlsxWriter();
  XlsxWriter(const XlsxWriter&) = delete;
  XlsxWriter& operator=(const XlsxWriter&) = delete;

  // Adds a sheet and writes its header row; later AddRow calls go to this sheet.
  // Errors: "xlsx.sheet_name" (invalid or duplicate name), "xlsx.columns" (no columns, or more
  // than Excel's 16384).
  Status AddSheet(const std::string& name, std::vector<Column> columns);

  // Appends one row to the current sheet. A cell's type must suit its column: a date column
  // takes CivilDate, "YYYY-MM-DD" text or empty; number columns take numbers or empty; text
  // columns take anything. Errors name the cell (第3行 C列): "xlsx.cell_type", "xlsx.date",
  // "xlsx.text" (invalid UTF-8 or longer than Excel's 32767 characters), "xlsx.number" (NaN or
  // infinity), "xlsx.too_many_rows",
  // "xlsx.no_sheet" when AddSheet was not called.
  Status AddRow(const std::vector<Cell>& row);

  // Sets the widths and writes the file. Error: "xlsx.write" (kInternal) when the file cannot be
  // written. After Close() the writer accepts nothing more; a writer destroyed without Close()
  // still closes its workbook and leaves a complete file behind.
  Status Close();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Writes all tables as sheets of one workbook at `path`. Errors as for XlsxWriter.
Status WriteXlsxFile(const std::vector<Table>& tables, const std::string& path);

// The same workbook as bytes (written through a temporary file). Errors as for XlsxWriter.
Result<std::string> WriteXlsx(const std::vector<Table>& tables);

}  // namespace kangfu::office

#endif  // KANGFU_OFFICE_XLSX_WRITER_HPP_
