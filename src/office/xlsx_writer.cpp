#include "office/xlsx_writer.hpp"

#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string_view>

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

Status WriteFailed(const std::string& what) {
  return Status::Error(ErrorCode::kInternal, "xlsx.write", "Excel 文件写入失败，请稍后重试")
      .WithInternal(what);
}

// Deflate level of the streamed sheets: level 1 costs a third of zlib's default 6 on sheet XML
// and makes the file about a fifth larger (docs/ledger.md has the figures).
constexpr zip_uint32_t kSheetCompressionLevel = 1;
// Rows are serialised into a buffer and written out when it holds this much.
constexpr std::size_t kRowBufferBytes = std::size_t{1} << 20;

bool IsHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
}

// Appends text as the content of an OOXML <t> element: XML's three specials escaped, characters
// XML cannot carry (control characters, and CR, which XML parsers turn into LF) as "_xHHHH_",
// and a literal "_xHHHH_" protected by escaping its underscore, so that readers decode every
// escape back to the original text.
void AppendEscaped(std::string_view text, std::string& out) {
  std::size_t plain = 0;
  auto flush = [&](std::size_t i) { out.append(text.substr(plain, i - plain)); };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const char* replacement = nullptr;
    char escape[8];
    if (c == '&') {
      replacement = "&amp;";
    } else if (c == '<') {
      replacement = "&lt;";
    } else if (c == '>') {
      replacement = "&gt;";
    } else if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) {
      std::snprintf(escape, sizeof escape, "_x%04X_", static_cast<unsigned>(c));
      replacement = escape;
    } else if (c == '_' && i + 6 < text.size() && text[i + 1] == 'x' && IsHex(text[i + 2]) &&
               IsHex(text[i + 3]) && IsHex(text[i + 4]) && IsHex(text[i + 5]) &&
               text[i + 6] == '_') {
      replacement = "_x005F_";
    } else {
      continue;
    }
    flush(i);
    out.append(replacement);
    plain = i + 1;
  }
  flush(text.size());
}

// Characters of valid UTF-8 text (bytes that do not continue a sequence).
std::size_t CodePoints(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

void AppendInteger(std::int64_t value, std::string& out) {
  char buffer[24];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

void AppendDouble(double value, std::string& out) {
  char buffer[32];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

// The data rows of one sheet, serialised as <row> elements into a temporary file while they are
// added, and spliced into libxlsxwriter's sheet part (before </sheetData>) when the workbook is
// closed. libxlsxwriter writes everything else: workbook, styles, header row, frozen pane, widths.
struct SheetRows {
  std::size_t number = 0;  // 1-based: libxlsxwriter's part xl/worksheets/sheet<number>.xml
  std::FILE* file = nullptr;
  std::uint64_t bytes = 0;
  std::size_t last_row = 1;  // 1-based row number of the last row written
  std::size_t columns = 0;

  SheetRows() = default;
  SheetRows(const SheetRows&) = delete;
  SheetRows& operator=(const SheetRows&) = delete;
  ~SheetRows() {
    if (file != nullptr) std::fclose(file);
  }
};

// A zip source that reads head + rows file + tail, for libzip (zip_source_function).
struct Splice {
  std::string head;
  SheetRows* rows = nullptr;
  std::string tail;
  std::uint64_t offset = 0;
  zip_error_t error{};

  Splice() { zip_error_init(&error); }
  Splice(const Splice&) = delete;
  Splice& operator=(const Splice&) = delete;
  ~Splice() { zip_error_fini(&error); }

  std::uint64_t Size() const { return head.size() + rows->bytes + tail.size(); }

  zip_int64_t Read(char* data, std::uint64_t length) {
    std::uint64_t done = 0;
    while (done < length && offset < Size()) {
      std::uint64_t got = 0;
      const std::uint64_t want = length - done;
      if (offset < head.size()) {
        got = std::min<std::uint64_t>(want, head.size() - offset);
        std::memcpy(data + done, head.data() + offset, got);
      } else if (offset < head.size() + rows->bytes) {
        got = std::min<std::uint64_t>(want, head.size() + rows->bytes - offset);
        got = std::fread(data + done, 1, got, rows->file);
        if (got == 0) {
          zip_error_set(&error, ZIP_ER_READ, errno);
          return -1;
        }
      } else {
        const std::uint64_t at = offset - head.size() - rows->bytes;
        got = std::min<std::uint64_t>(want, tail.size() - at);
        std::memcpy(data + done, tail.data() + at, got);
      }
      done += got;
      offset += got;
    }
    return static_cast<zip_int64_t>(done);
  }

  static zip_int64_t Callback(void* state, void* data, zip_uint64_t length,
                              zip_source_cmd_t command) {
    auto* self = static_cast<Splice*>(state);
    switch (command) {
      case ZIP_SOURCE_OPEN:
        self->offset = 0;
        if (std::fseek(self->rows->file, 0, SEEK_SET) != 0) {
          zip_error_set(&self->error, ZIP_ER_SEEK, errno);
          return -1;
        }
        return 0;
      case ZIP_SOURCE_READ:
        return self->Read(static_cast<char*>(data), length);
      case ZIP_SOURCE_CLOSE:
      case ZIP_SOURCE_FREE:
        return 0;
      case ZIP_SOURCE_STAT: {
        auto* stat = ZIP_SOURCE_GET_ARGS(zip_stat_t, data, length, &self->error);
        if (stat == nullptr) return -1;
        zip_stat_init(stat);
        stat->size = self->Size();
        stat->mtime = std::time(nullptr);
        stat->valid |= ZIP_STAT_SIZE | ZIP_STAT_MTIME;
        return sizeof(zip_stat_t);
      }
      case ZIP_SOURCE_ERROR:
        return zip_error_to_data(&self->error, data, length);
      case ZIP_SOURCE_SUPPORTS:
        return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
                                              ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE,
                                              -1);
      default:
        zip_error_set(&self->error, ZIP_ER_OPNOTSUPP, 0);
        return -1;
    }
  }
};

// Reads a whole (small) entry of an open archive.
bool ReadEntry(zip_t* archive, zip_uint64_t index, std::string& out) {
  std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> file(zip_fopen_index(archive, index, 0),
                                                         &zip_fclose);
  if (file == nullptr) return false;
  out.clear();
  char buffer[65536];
  for (;;) {
    const zip_int64_t got = zip_fread(file.get(), buffer, sizeof buffer);
    if (got < 0) return false;
    if (got == 0) return true;
    out.append(buffer, static_cast<std::size_t>(got));
  }
}

// Copies libxlsxwriter's workbook at `from` to `to`, splicing each sheet's streamed rows into its
// part. Error: "xlsx.write".
Status SpliceRows(const std::string& from, const std::string& to,
                  const std::vector<std::unique_ptr<SheetRows>>& sheets) {
  int code = 0;
  std::unique_ptr<zip_t, void (*)(zip_t*)> in(zip_open(from.c_str(), ZIP_RDONLY, &code),
                                              &zip_discard);
  if (in == nullptr) return WriteFailed("reopen " + from + ": zip error " + std::to_string(code));
  // Declared before the output archive, which reads them until it is closed or discarded.
  std::vector<std::unique_ptr<Splice>> splices;
  std::unique_ptr<zip_t, void (*)(zip_t*)> out(
      zip_open(to.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code), &zip_discard);
  if (out == nullptr) return WriteFailed("create " + to + ": zip error " + std::to_string(code));
  const zip_int64_t entries = zip_get_num_entries(in.get(), 0);
  for (zip_int64_t i = 0; i < entries; ++i) {
    const auto index = static_cast<zip_uint64_t>(i);
    const char* name = zip_get_name(in.get(), index, 0);
    if (name == nullptr) return WriteFailed("entry name in " + from);
    SheetRows* rows = nullptr;
    for (const auto& sheet : sheets) {
      if (sheet->bytes > 0 &&
          name == "xl/worksheets/sheet" + std::to_string(sheet->number) + ".xml") {
        rows = sheet.get();
      }
    }
    zip_source_t* source = nullptr;
    if (rows == nullptr) {
      source = zip_source_zip(out.get(), in.get(), index, 0, 0, -1);
    } else {
      auto splice = std::make_unique<Splice>();
      std::string part;
      if (!ReadEntry(in.get(), index, part)) return WriteFailed(std::string("read ") + name);
      const std::size_t end = part.find("</sheetData>");
      if (end == std::string::npos) return WriteFailed(std::string("no </sheetData> in ") + name);
      splice->head = part.substr(0, end);
      splice->tail = part.substr(end);
      // The dimension libxlsxwriter saw covers the header row only.
      const std::string dimension = "<dimension ref=\"";
      const std::size_t at = splice->head.find(dimension);
      const std::size_t close =
          at == std::string::npos ? at : splice->head.find('"', at + dimension.size());
      if (close != std::string::npos) {
        splice->head.replace(
            at + dimension.size(), close - at - dimension.size(),
            "A1:" + ColumnLetters(rows->columns - 1) + std::to_string(rows->last_row));
      }
      splice->rows = rows;
      source = zip_source_function(out.get(), &Splice::Callback, splice.get());
      splices.push_back(std::move(splice));
    }
    if (source == nullptr) return WriteFailed(std::string("source for ") + name);
    const zip_int64_t added = zip_file_add(out.get(), name, source, ZIP_FL_ENC_UTF_8);
    if (added < 0) {
      zip_source_free(source);
      return WriteFailed(std::string("add ") + name + ": " + zip_strerror(out.get()));
    }
    if (rows != nullptr && zip_set_file_compression(out.get(), static_cast<zip_uint64_t>(added),
                                                    ZIP_CM_DEFLATE, kSheetCompressionLevel) != 0) {
      return WriteFailed(std::string("compression for ") + name);
    }
  }
  // zip_close frees the archive on success only.
  zip_t* archive = out.release();
  if (zip_close(archive) != 0) {
    Status failed = WriteFailed("write " + to + ": " + zip_strerror(archive));
    zip_discard(archive);
    return failed;
  }
  return Status::Ok();
}

}  // namespace

struct XlsxWriter::Impl {
  std::string path;
  std::string staging;  // libxlsxwriter's output, before the rows are spliced in
  lxw_workbook* workbook = nullptr;
  lxw_worksheet* sheet = nullptr;
  lxw_format* header_format = nullptr;
  lxw_format* date_format = nullptr;
  lxw_format* integer_format = nullptr;
  lxw_format* percent_format = nullptr;
  std::vector<Column> columns;
  std::vector<std::string> letters;  // column letters, for cell references
  std::vector<std::string> styles;   // per column: ' s="N"' for its numbers, or ""
  std::string date_style;            // ' s="N"' of the date format
  std::vector<std::size_t> widths;   // widest value seen per column, in character units
  std::size_t next_row = 0;          // 0-based worksheet row
  std::vector<std::unique_ptr<SheetRows>> sheets;
  std::string buffer;  // serialised rows not yet written to the current sheet's file
  bool closed = false;

  static std::string StyleOf(lxw_format* format) {
    return " s=\"" + std::to_string(lxw_format_get_xf_index(format)) + "\"";
  }

  Status FlushRows() {
    if (buffer.empty()) return Status::Ok();
    SheetRows& rows = *sheets.back();
    if (rows.file == nullptr) {
      rows.file = std::tmpfile();
      if (rows.file == nullptr) return WriteFailed("tmpfile for sheet rows");
    }
    if (std::fwrite(buffer.data(), 1, buffer.size(), rows.file) != buffer.size()) {
      return WriteFailed("write sheet rows");
    }
    rows.bytes += buffer.size();
    buffer.clear();
    return Status::Ok();
  }

  Status FinishSheet() {
    if (sheet == nullptr) return Status::Ok();
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
    Status flushed = FlushRows();
    if (!flushed.ok()) return flushed;
    if (std::FILE* file = sheets.back()->file; file != nullptr && std::fflush(file) != 0) {
      return WriteFailed("flush sheet rows");
    }
    return Status::Ok();
  }
};

XlsxWriter::XlsxWriter(std::string path) : impl_(std::make_unique<Impl>()) {
  impl_->path = std::move(path);
  // libxlsxwriter writes next to the target (same file system, so the final rename is cheap).
  std::string staging = impl_->path + ".XXXXXX";
  const int fd = mkstemp(staging.data());
  if (fd < 0) return;  // reported by AddSheet / Close as "xlsx.write"
  close(fd);
  impl_->staging = staging;
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  impl_->workbook = workbook_new_opt(impl_->staging.c_str(), &options);
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
    return WriteFailed("workbook not open: " + impl_->path);
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
  KANGFU_RETURN_IF_ERROR(impl_->FinishSheet());
  lxw_worksheet* sheet = workbook_add_worksheet(impl_->workbook, name.c_str());
  if (sheet == nullptr) return WriteError(LXW_ERROR_MEMORY_MALLOC_FAILED, "add worksheet");
  Impl& s = *impl_;
  s.sheet = sheet;
  s.columns = std::move(columns);
  s.widths.assign(s.columns.size(), 0);
  s.letters.clear();
  s.styles.clear();
  for (std::size_t c = 0; c < s.columns.size(); ++c) {
    s.letters.push_back(ColumnLetters(c));
    const ColumnKind kind = s.columns[c].kind;
    s.styles.push_back(kind == ColumnKind::kInteger   ? Impl::StyleOf(s.integer_format)
                       : kind == ColumnKind::kPercent ? Impl::StyleOf(s.percent_format)
                                                      : std::string());
  }
  s.date_style = Impl::StyleOf(s.date_format);
  s.sheets.push_back(std::make_unique<SheetRows>());
  s.sheets.back()->number = s.sheets.size();
  s.sheets.back()->columns = s.columns.size();
  s.next_row = 0;
  for (std::size_t c = 0; c < s.columns.size(); ++c) {
    const std::string& header = s.columns[c].header;
    if (!IsValidUtf8(header) || header.size() > kMaxCellChars) {
      return Status::Invalid("columns", "xlsx.text",
                             CellName(1, c) + "：表头不是有效的 UTF-8 文本或超过 32767 个字符");
    }
    lxw_error error = worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), header.c_str(),
                                             s.header_format);
    if (error != LXW_NO_ERROR) return WriteError(error, "header");
    std::size_t width = DisplayWidth(header);
    if (s.columns[c].kind == ColumnKind::kDate) width = std::max<std::size_t>(width, 10);
    s.widths[c] = width;
  }
  worksheet_freeze_panes(sheet, 1, 0);
  s.next_row = 1;
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
  // The row is serialised at the end of the buffer and dropped again if a cell is refused.
  std::string& out = s.buffer;
  const std::size_t row_start = out.size();
  char number[24];
  const std::string_view row_text(
      number, static_cast<std::size_t>(
                  std::to_chars(number, number + sizeof number, row_number).ptr - number));
  out.append("<row r=\"").append(row_text).append("\">");
  // A cell's reference is optional in OOXML when it directly follows the previous cell of its
  // row; it is written only after a gap, which makes a full sheet about a fifth smaller.
  std::size_t next_column = 0;
  auto open_cell = [&](std::size_t c, std::string_view attributes) {
    if (c == next_column) {
      out.append("<c");
    } else {
      out.append("<c r=\"").append(s.letters[c]).append(row_text).append("\"");
    }
    out.append(attributes);
    next_column = c + 1;
  };
  for (std::size_t c = 0; c < row.size(); ++c) {
    const Cell& cell = row[c];
    const Column& column = s.columns[c];
    auto fail = [&](Status status) {
      out.resize(row_start);
      return status;
    };
    auto type_error = [&](const char* expected) {
      return fail(
          Status::Invalid("rows", "xlsx.cell_type",
                          CellName(row_number, c) + "（" + column.header + "）应为" + expected));
    };
    if (std::holds_alternative<std::monostate>(cell)) continue;
    if (column.kind == ColumnKind::kDate) {
      CivilDate date;
      if (const auto* d = std::get_if<CivilDate>(&cell)) {
        date = *d;
        if (!IsValidExcelDate(date)) {
          return fail(Status::Invalid("rows", "xlsx.date",
                                      CellName(row_number, c) + "（" + column.header +
                                          "）日期无效：" + FormatIsoDate(date)));
        }
      } else if (const auto* text = std::get_if<std::string>(&cell)) {
        if (text->empty()) continue;
        if (!ParseIsoDate(*text, date)) {
          return fail(Status::Invalid("rows", "xlsx.date",
                                      CellName(row_number, c) + "（" + column.header +
                                          "）日期应为 YYYY-MM-DD 格式的有效日期，实际为“" + *text +
                                          "”"));
        }
      } else {
        return type_error("日期");
      }
      open_cell(c, s.date_style);
      out.append("><v>");
      AppendInteger(static_cast<std::int64_t>(ExcelSerial(date)), out);
      out.append("</v></c>");
      s.widths[c] = std::max<std::size_t>(s.widths[c], 10);
    } else if (const auto* text = std::get_if<std::string>(&cell)) {
      if (column.kind != ColumnKind::kText) return type_error("数字");
      if (!IsValidUtf8(*text)) {
        return fail(Status::Invalid(
            "rows", "xlsx.text",
            CellName(row_number, c) + "（" + column.header + "）不是有效的 UTF-8 文本"));
      }
      if (text->empty()) continue;
      if (text->size() > kMaxCellChars && CodePoints(*text) > kMaxCellChars) {
        return fail(Status::Invalid("rows", "xlsx.text",
                                    CellName(row_number, c) + "（" + column.header +
                                        "）超过 Excel 单元格上限 32767 个字符"));
      }
      open_cell(c, " t=\"inlineStr\"");
      auto is_space = [](char ch) { return ch == ' ' || ch == '\t' || ch == '\n'; };
      out.append(is_space(text->front()) || is_space(text->back())
                     ? "><is><t xml:space=\"preserve\">"
                     : "><is><t>");
      AppendEscaped(*text, out);
      out.append("</t></is></c>");
      if (column.width <= 0) s.widths[c] = std::max(s.widths[c], DisplayWidth(*text));
    } else if (const auto* integer = std::get_if<std::int64_t>(&cell)) {
      auto value = static_cast<double>(*integer);
      open_cell(c, s.styles[c]);
      out.append("><v>");
      AppendInteger(*integer, out);
      out.append("</v></c>");
      s.widths[c] = std::max(s.widths[c], NumberWidth(value));
    } else if (const auto* real = std::get_if<double>(&cell)) {
      if (!std::isfinite(*real)) {
        return fail(Status::Invalid("rows", "xlsx.number",
                                    CellName(row_number, c) + "（" + column.header + "）数值无效"));
      }
      open_cell(c, s.styles[c]);
      out.append("><v>");
      AppendDouble(*real, out);
      out.append("</v></c>");
      std::size_t width = column.kind == ColumnKind::kPercent ? 8 : NumberWidth(*real);
      s.widths[c] = std::max(s.widths[c], std::min<std::size_t>(width, 12));
    } else {
      return type_error("日期以外的值");
    }
  }
  out.append("</row>");
  s.sheets.back()->last_row = row_number;
  ++s.next_row;
  if (out.size() >= kRowBufferBytes) return s.FlushRows();
  return Status::Ok();
}

Status XlsxWriter::Close() {
  Impl& s = *impl_;
  if (s.closed) return Status::Ok();
  s.closed = true;
  if (s.workbook == nullptr) {
    if (!s.staging.empty()) std::remove(s.staging.c_str());
    return WriteFailed("workbook_new_opt failed for " + s.path);
  }
  Status finished = s.FinishSheet();
  lxw_error error = workbook_close(s.workbook);
  s.workbook = nullptr;
  Status status = finished;
  if (status.ok() && error != LXW_NO_ERROR) status = WriteError(error, "close " + s.path);
  const bool any_rows = std::any_of(s.sheets.begin(), s.sheets.end(),
                                    [](const auto& sheet) { return sheet->bytes > 0; });
  if (status.ok() && any_rows) status = SpliceRows(s.staging, s.path, s.sheets);
  if (status.ok() && !any_rows && std::rename(s.staging.c_str(), s.path.c_str()) != 0) {
    status = WriteFailed("rename " + s.staging + " to " + s.path);
  }
  std::remove(s.staging.c_str());
  s.sheets.clear();
  return status;
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
