#include "office/xlsx_writer.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>

namespace kangfu::office {

namespace {

constexpr std::size_t kMaxExcelColumns = 16384;
constexpr std::size_t kMaxExcelRows = 1048576;
constexpr std::size_t kMaxCellChars = 32767;
// Excel's day 0 is 1899-12-30 for all dates after 1900-02-28 (it wrongly counts 1900-02-29).
constexpr std::int64_t kExcelEpochDays = -25569;

double ExcelSerial(CivilDate date) {
  std::int64_t serial = DaysFromCivil(date) - kExcelEpochDays;
  // Before 1900-03-01 Excel's phantom leap day does not lie in between.
  if (serial < 61) serial -= 1;
  return static_cast<double>(serial);
}

std::size_t NumberWidth(double value) {
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return static_cast<std::size_t>(result.ptr - buffer);
}

Status WriteError(lxw_error error, const std::string& what) {
  return Status::Error(ErrorCode::kInternal, "xlsx.write", "Excel 文件写入失败，请稍后重试")
      .WithInternal(what + ": " + lxw_strerror(error));
}

}  // namespace

struct XlsxWriter::Impl {
  std::string path;
  lxw_workbook* workbook = nullptr;
  lxw_worksheet* sheet = nullptr;
  lxw_format* header_format = nullptr;
  lxw_format* date_format = nullptr;
  lxw_format* integer_format = nullptr;
  lxw_format* percent_format = nullptr;
  std::vector<Column> columns;
  std::vector<std::size_t> widths;  // widest value seen per column, in character units
  std::size_t next_row = 0;         // 0-based worksheet row
  bool closed = false;

  void FinishSheet() {
    if (sheet == nullptr) return;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      double width = columns[c].width;
      if (width <= 0) {
        width = std::clamp(static_cast<double>(widths[c]) + 2, kMinAutoWidth, kMaxAutoWidth);
      }
      lxw_format* format = nullptr;
      switch (columns[c].kind) {
        case ColumnKind::kDate:
          format = date_format;
          break;
        case ColumnKind::kInteger:
          format = integer_format;
          break;
        case ColumnKind::kPercent:
          format = percent_format;
          break;
        case ColumnKind::kText:
        case ColumnKind::kNumber:
          break;
      }
      auto col = static_cast<lxw_col_t>(c);
      worksheet_set_column(sheet, col, col, width, format);
    }
    sheet = nullptr;
  }
};

XlsxWriter::XlsxWriter(std::string path) : impl_(std::make_unique<Impl>()) {
  impl_->path = std::move(path);
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  impl_->workbook = workbook_new_opt(impl_->path.c_str(), &options);
  if (impl_->workbook != nullptr) {
    impl_->header_format = workbook_add_format(impl_->workbook);
    format_set_bold(impl_->header_format);
    format_set_align(impl_->header_format, LXW_ALIGN_CENTER);
    format_set_align(impl_->header_format, LXW_ALIGN_VERTICAL_CENTER);
    impl_->date_format = workbook_add_format(impl_->workbook);
    format_set_num_format(impl_->date_format, "yyyy-mm-dd");
    impl_->integer_format = workbook_add_format(impl_->workbook);
    format_set_num_format(impl_->integer_format, "0");
    impl_->percent_format = workbook_add_format(impl_->workbook);
    format_set_num_format(impl_->percent_format, "0.00%");
  }
}

XlsxWriter::~XlsxWriter() {
  if (!impl_->closed) (void)Close();
}

Status XlsxWriter::AddSheet(const std::string& name, std::vector<Column> columns) {
  if (impl_->workbook == nullptr || impl_->closed) {
    return Status::Error(ErrorCode::kInternal, "xlsx.write", "Excel 文件写入失败，请稍后重试")
        .WithInternal("workbook not open: " + impl_->path);
  }
  if (columns.empty() || columns.size() > kMaxExcelColumns) {
    return Status::Invalid("columns", "xlsx.columns",
                           "工作表“" + name + "”的列数必须在 1 到 16384 之间");
  }
  if (name.empty() || !IsValidUtf8(name) ||
      workbook_validate_sheet_name(impl_->workbook, name.c_str()) != LXW_NO_ERROR) {
    return Status::Invalid(
        "sheet_name", "xlsx.sheet_name",
        "工作表名称“" + name + "”不可用：不能为空或重复，不超过 31 个字符，不含 []:*?/\\ 字符");
  }
  impl_->FinishSheet();
  lxw_worksheet* sheet = workbook_add_worksheet(impl_->workbook, name.c_str());
  if (sheet == nullptr) return WriteError(LXW_ERROR_MEMORY_MALLOC_FAILED, "add worksheet");
  impl_->sheet = sheet;
  impl_->columns = std::move(columns);
  impl_->widths.assign(impl_->columns.size(), 0);
  impl_->next_row = 0;
  for (std::size_t c = 0; c < impl_->columns.size(); ++c) {
    const std::string& header = impl_->columns[c].header;
    if (!IsValidUtf8(header) || header.size() > kMaxCellChars) {
      return Status::Invalid("columns", "xlsx.text",
                             CellName(1, c) + "：表头不是有效的 UTF-8 文本或超过 32767 个字符");
    }
    lxw_error error = worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), header.c_str(),
                                             impl_->header_format);
    if (error != LXW_NO_ERROR) return WriteError(error, "header");
    std::size_t width = DisplayWidth(header);
    if (impl_->columns[c].kind == ColumnKind::kDate) width = std::max<std::size_t>(width, 10);
    impl_->widths[c] = width;
  }
  worksheet_freeze_panes(sheet, 1, 0);
  impl_->next_row = 1;
  return Status::Ok();
}

Status XlsxWriter::AddRow(const std::vector<Cell>& row) {
  Impl& s = *impl_;
  if (s.sheet == nullptr || s.closed) {
    return Status::Error(ErrorCode::kFailedPrecondition, "xlsx.no_sheet",
                         "尚未添加工作表，无法写入数据行");
  }
  std::size_t row_number = s.next_row + 1;  // as Excel shows it
  if (s.next_row >= kMaxExcelRows) {
    return Status::Error(ErrorCode::kResourceExhausted, "xlsx.too_many_rows",
                         "数据超过 Excel 单个工作表的最大行数 1048576，请缩小导出范围");
  }
  if (row.size() > s.columns.size()) {
    return Status::Invalid("rows", "xlsx.cell_type",
                           "第" + std::to_string(row_number) + "行的单元格数多于列数");
  }
  auto excel_row = static_cast<lxw_row_t>(s.next_row);
  for (std::size_t c = 0; c < row.size(); ++c) {
    const Cell& cell = row[c];
    const Column& column = s.columns[c];
    auto col = static_cast<lxw_col_t>(c);
    lxw_error error = LXW_NO_ERROR;
    auto type_error = [&](const char* expected) {
      return Status::Invalid("rows", "xlsx.cell_type",
                             CellName(row_number, c) + "（" + column.header + "）应为" + expected);
    };
    if (std::holds_alternative<std::monostate>(cell)) continue;
    if (column.kind == ColumnKind::kDate) {
      CivilDate date;
      if (const auto* d = std::get_if<CivilDate>(&cell)) {
        date = *d;
        if (!IsValidExcelDate(date)) {
          return Status::Invalid("rows", "xlsx.date",
                                 CellName(row_number, c) + "（" + column.header + "）日期无效：" +
                                     FormatIsoDate(date));
        }
      } else if (const auto* text = std::get_if<std::string>(&cell)) {
        if (text->empty()) continue;
        if (!ParseIsoDate(*text, date)) {
          return Status::Invalid("rows", "xlsx.date",
                                 CellName(row_number, c) + "（" + column.header +
                                     "）日期应为 YYYY-MM-DD 格式的有效日期，实际为“" + *text + "”");
        }
      } else {
        return type_error("日期");
      }
      error = worksheet_write_number(s.sheet, excel_row, col, ExcelSerial(date), s.date_format);
      s.widths[c] = std::max<std::size_t>(s.widths[c], 10);
    } else if (const auto* text = std::get_if<std::string>(&cell)) {
      if (column.kind != ColumnKind::kText) return type_error("数字");
      if (!IsValidUtf8(*text)) {
        return Status::Invalid(
            "rows", "xlsx.text",
            CellName(row_number, c) + "（" + column.header + "）不是有效的 UTF-8 文本");
      }
      if (text->empty()) continue;
      error = worksheet_write_string(s.sheet, excel_row, col, text->c_str(), nullptr);
      if (error == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED) {
        return Status::Invalid("rows", "xlsx.text",
                               CellName(row_number, c) + "（" + column.header +
                                   "）超过 Excel 单元格上限 32767 个字符");
      }
      s.widths[c] = std::max(s.widths[c], DisplayWidth(*text));
    } else if (const auto* integer = std::get_if<std::int64_t>(&cell)) {
      auto value = static_cast<double>(*integer);
      error = worksheet_write_number(s.sheet, excel_row, col, value, nullptr);
      s.widths[c] = std::max(s.widths[c], NumberWidth(value));
    } else if (const auto* number = std::get_if<double>(&cell)) {
      if (!std::isfinite(*number)) {
        return Status::Invalid("rows", "xlsx.number",
                               CellName(row_number, c) + "（" + column.header + "）数值无效");
      }
      error = worksheet_write_number(s.sheet, excel_row, col, *number, nullptr);
      std::size_t width = column.kind == ColumnKind::kPercent ? 8 : NumberWidth(*number);
      s.widths[c] = std::max(s.widths[c], std::min<std::size_t>(width, 12));
    } else {
      return type_error("日期以外的值");
    }
    if (error != LXW_NO_ERROR) return WriteError(error, "cell " + CellName(row_number, c));
  }
  ++s.next_row;
  return Status::Ok();
}

Status XlsxWriter::Close() {
  Impl& s = *impl_;
  if (s.closed) return Status::Ok();
  s.closed = true;
  if (s.workbook == nullptr) {
    return Status::Error(ErrorCode::kInternal, "xlsx.write", "Excel 文件写入失败，请稍后重试")
        .WithInternal("workbook_new_opt failed for " + s.path);
  }
  s.FinishSheet();
  lxw_error error = workbook_close(s.workbook);
  s.workbook = nullptr;
  if (error != LXW_NO_ERROR) return WriteError(error, "close " + s.path);
  return Status::Ok();
}

Status WriteXlsxFile(const std::vector<Table>& tables, const std::string& path) {
  XlsxWriter writer(path);
  for (const Table& table : tables) {
    KANGFU_RETURN_IF_ERROR(writer.AddSheet(table.sheet_name, table.columns));
    for (const auto& row : table.rows) KANGFU_RETURN_IF_ERROR(writer.AddRow(row));
  }
  return writer.Close();
}

Result<std::string> WriteXlsx(const std::vector<Table>& tables) {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern =
      std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/kangfu-xlsx-XXXXXX";
  int fd = mkstemp(pattern.data());
  if (fd < 0) {
    return Status::Error(ErrorCode::kInternal, "xlsx.write", "Excel 文件写入失败，请稍后重试")
        .WithInternal("mkstemp failed");
  }
  close(fd);
  Status status = WriteXlsxFile(tables, pattern);
  std::string bytes;
  if (status.ok()) {
    std::ifstream in(pattern, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) {
      status = Status::Error(ErrorCode::kInternal, "xlsx.write", "Excel 文件写入失败，请稍后重试")
                   .WithInternal("cannot read back " + pattern);
    }
  }
  std::remove(pattern.c_str());
  if (!status.ok()) return status;
  return bytes;
}

}  // namespace kangfu::office
