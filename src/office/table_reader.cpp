#include "office/table_reader.hpp"

#include <iconv.h>
#include <zip.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <memory>
#include <pugixml.hpp>
#include <unordered_map>

#include "core/text.hpp"
#include "office/table.hpp"

namespace kangfu::office {

namespace {

constexpr std::size_t kChunkBytes = std::size_t{256} * 1024;
// One element (a row, a shared string) larger than this is refused rather than buffered.
constexpr std::size_t kMaxElementBytes = std::size_t{64} * 1024 * 1024;

Status TooLarge(std::string message) {
  return Status::Error(ErrorCode::kResourceExhausted, "table.too_large", std::move(message));
}

Status Corrupt(std::string internal) {
  return Status::Invalid(
             "file", "xlsx.not_zip",
             "文件不是有效的 Excel (.xlsx) 文件或已损坏，请用 Excel 重新另存为 .xlsx 后再导入")
      .WithInternal(std::move(internal));
}

Status BadXml(const std::string& part, const std::string& detail) {
  return Status::Invalid(
             "file", "xlsx.bad_xml",
             "Excel 文件内容已损坏（" + part + " 格式错误），请用 Excel 重新另存后再导入")
      .WithInternal(part + ": " + detail);
}

Status MissingPart(const std::string& part) {
  return Status::Invalid(
      "file", "xlsx.missing_part",
      "Excel 文件缺少必要的组成部分（" + part + "），请用 Excel 重新另存后再导入");
}

std::string_view LocalName(const char* name) {
  std::string_view view(name);
  auto colon = view.find(':');
  return colon == std::string_view::npos ? view : view.substr(colon + 1);
}

pugi::xml_node Child(pugi::xml_node node, std::string_view local) {
  for (pugi::xml_node child : node.children()) {
    if (child.type() == pugi::node_element && LocalName(child.name()) == local) return child;
  }
  return {};
}

void AppendUtf8(char32_t c, std::string& out) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// Appends OOXML string text, decoding the "_xHHHH_" escapes that Excel and libxlsxwriter use for
// characters XML cannot carry (control characters, "_x000D_" for carriage return).
void AppendXstring(std::string_view text, std::string& out) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t escape = text.find("_x", pos);
    if (escape == std::string_view::npos || escape + 7 > text.size()) break;
    char32_t value = 0;
    bool hex = text[escape + 6] == '_';
    for (std::size_t i = escape + 2; hex && i < escape + 6; ++i) {
      int digit = HexValue(text[i]);
      hex = digit >= 0;
      value = value * 16 + static_cast<char32_t>(hex ? digit : 0);
    }
    if (!hex || (value >= 0xD800 && value <= 0xDFFF)) {
      out.append(text.substr(pos, escape + 2 - pos));
      pos = escape + 2;
      continue;
    }
    out.append(text.substr(pos, escape - pos));
    AppendUtf8(value, out);
    pos = escape + 7;
  }
  out.append(text.substr(pos));
}

// The text of <t> elements below `node`, skipping phonetic runs (<rPh>) which are not content.
void AppendText(pugi::xml_node node, std::string& out) {
  for (pugi::xml_node child : node.children()) {
    if (child.type() != pugi::node_element) continue;
    std::string_view name = LocalName(child.name());
    if (name == "t") {
      AppendXstring(child.child_value(), out);
    } else if (name == "r") {
      AppendText(child, out);
    }
  }
}

constexpr unsigned kParseFlags = pugi::parse_default | pugi::parse_ws_pcdata_single;

// ---------------------------------------------------------------------------------------------
// Zip access with limits.

class Zip {
 public:
  explicit Zip(const ReadLimits& limits) : limits_(limits) {}
  ~Zip() {
    if (zip_ != nullptr) zip_discard(zip_);
  }
  Zip(const Zip&) = delete;
  Zip& operator=(const Zip&) = delete;

  Status OpenBuffer(std::string_view bytes) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (source == nullptr) {
      zip_error_fini(&error);
      return Status::Internal("zip_source_buffer_create failed");
    }
    zip_ = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (zip_ == nullptr) {
      zip_source_free(source);
      std::string detail = zip_error_strerror(&error);
      zip_error_fini(&error);
      return Corrupt(detail);
    }
    zip_error_fini(&error);
    return CheckEntries();
  }

  Status OpenFile(const std::string& path) {
    int error_code = 0;
    zip_ = zip_open(path.c_str(), ZIP_RDONLY, &error_code);
    if (zip_ == nullptr) {
      if (error_code == ZIP_ER_NOENT || error_code == ZIP_ER_OPEN) {
        return Status::NotFound("table.open", "无法打开文件：" + path, "file");
      }
      return Corrupt("zip_open error " + std::to_string(error_code));
    }
    return CheckEntries();
  }

  bool Has(const std::string& name) const {
    return zip_name_locate(zip_, name.c_str(), ZIP_FL_NOCASE) >= 0;
  }

  // Streams an entry's decompressed bytes in chunks. Missing entries give "xlsx.missing_part".
  Status Stream(const std::string& name,
                const std::function<Status(std::string_view chunk)>& on_chunk) {
    zip_int64_t index = zip_name_locate(zip_, name.c_str(), ZIP_FL_NOCASE);
    if (index < 0) return MissingPart(name);
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(zip_, static_cast<zip_uint64_t>(index), 0, &stat) != 0) {
      return Corrupt("stat " + name);
    }
    if ((stat.valid & ZIP_STAT_SIZE) != 0 && stat.size > limits_.max_entry_bytes) {
      return EntryTooLarge(name);
    }
    std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> file(
        zip_fopen_index(zip_, static_cast<zip_uint64_t>(index), 0), &zip_fclose);
    if (file == nullptr) return Corrupt(std::string("open ") + name + ": " + zip_strerror(zip_));
    std::string buffer(kChunkBytes, '\0');
    std::uint64_t entry_bytes = 0;
    while (true) {
      zip_int64_t got = zip_fread(file.get(), buffer.data(), buffer.size());
      if (got < 0) return Corrupt("read " + name + ": " + zip_file_strerror(file.get()));
      if (got == 0) break;
      // The declared size may lie; count what is really inflated.
      entry_bytes += static_cast<std::uint64_t>(got);
      total_bytes_ += static_cast<std::uint64_t>(got);
      if (entry_bytes > limits_.max_entry_bytes) return EntryTooLarge(name);
      if (total_bytes_ > limits_.max_total_bytes) {
        return TooLarge("Excel 文件解压后的内容超过 " +
                        std::to_string(limits_.max_total_bytes >> 20) +
                        " MB 上限，请拆分文件后再导入");
      }
      KANGFU_RETURN_IF_ERROR(on_chunk({buffer.data(), static_cast<std::size_t>(got)}));
    }
    return Status::Ok();
  }

  Status ReadAll(const std::string& name, std::string& out) {
    out.clear();
    return Stream(name, [&](std::string_view chunk) {
      out.append(chunk);
      return Status::Ok();
    });
  }

  Status ReadXml(const std::string& name, pugi::xml_document& doc) {
    std::string text;
    KANGFU_RETURN_IF_ERROR(ReadAll(name, text));
    pugi::xml_parse_result parsed = doc.load_buffer(text.data(), text.size(), kParseFlags);
    if (!parsed) return BadXml(name, parsed.description());
    return Status::Ok();
  }

 private:
  Status CheckEntries() {
    zip_int64_t entries = zip_get_num_entries(zip_, 0);
    if (entries < 0 || static_cast<std::uint64_t>(entries) > limits_.max_zip_entries) {
      return TooLarge("Excel 文件包含的部件过多，疑似不是正常的 Excel 文件");
    }
    return Status::Ok();
  }

  Status EntryTooLarge(const std::string& name) {
    return TooLarge("Excel 文件中的 " + name + " 解压后超过 " +
                    std::to_string(limits_.max_entry_bytes >> 20) + " MB 上限，请拆分文件后再导入");
  }

  const ReadLimits& limits_;
  zip_t* zip_ = nullptr;
  std::uint64_t total_bytes_ = 0;
};

// ---------------------------------------------------------------------------------------------
// Streams the children named `element` of the first element named `container` (any namespace
// prefix), parsing a batch of complete children at a time with pugixml.

class ElementStream {
 public:
  using Callback = std::function<Status(pugi::xml_node)>;
  ElementStream(std::string part, std::string container, std::string element, Callback callback)
      : part_(std::move(part)),
        container_(std::move(container)),
        element_(std::move(element)),
        callback_(std::move(callback)) {}

  Status Feed(std::string_view chunk) {
    if (done_) return Status::Ok();
    buffer_.append(chunk);
    if (!in_container_) {
      KANGFU_RETURN_IF_ERROR(FindContainer());
      if (!in_container_ || done_) return Status::Ok();
    }
    std::size_t last = buffer_.rfind(close_tag_);
    if (last == std::string::npos) {
      if (buffer_.size() > kMaxElementBytes) {
        return TooLarge("Excel 文件中的单行数据过大，请检查文件");
      }
      return Status::Ok();
    }
    std::size_t cut = last + close_tag_.size();
    KANGFU_RETURN_IF_ERROR(ParseBatch(buffer_.data(), cut));
    buffer_.erase(0, cut);
    return Status::Ok();
  }

  Status Finish() {
    if (done_) return Status::Ok();
    if (!in_container_) {
      KANGFU_RETURN_IF_ERROR(FindContainer());
      if (done_) return Status::Ok();
      if (!in_container_) return BadXml(part_, "no <" + container_ + ">");
    }
    std::size_t end = buffer_.find("</" + prefix_ + container_);
    if (end == std::string::npos) return BadXml(part_, "truncated: no </" + container_ + ">");
    KANGFU_RETURN_IF_ERROR(ParseBatch(buffer_.data(), end));
    done_ = true;
    return Status::Ok();
  }

 private:
  static bool IsNameChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-' || c == '.';
  }

  // Looks for the container's start tag; learns its prefix and drops everything before it.
  Status FindContainer() {
    std::size_t from = 0;
    while (true) {
      std::size_t pos = buffer_.find(container_, from);
      if (pos == std::string::npos) {
        // Keep a tail long enough to hold a split "<prefix:container".
        if (buffer_.size() > 256) buffer_.erase(0, buffer_.size() - 256);
        if (buffer_.size() > kMaxElementBytes) return BadXml(part_, "no container");
        return Status::Ok();
      }
      from = pos + 1;
      std::size_t after = pos + container_.size();
      if (after >= buffer_.size()) return Status::Ok();  // wait for more bytes
      char next = buffer_[after];
      if (next != ' ' && next != '>' && next != '/' && next != '\t' && next != '\r' &&
          next != '\n') {
        continue;
      }
      std::size_t start = pos;
      if (start > 0 && buffer_[start - 1] == ':') {
        std::size_t p = start - 1;
        while (p > 0 && IsNameChar(buffer_[p - 1])) --p;
        start = p;
      }
      if (start == 0 || buffer_[start - 1] != '<') continue;
      std::size_t gt = buffer_.find('>', after);
      if (gt == std::string::npos) return Status::Ok();  // wait for the rest of the tag
      prefix_ = buffer_.substr(start, pos - start);
      close_tag_ = "</" + prefix_ + element_ + ">";
      in_container_ = true;
      bool empty = buffer_[gt - 1] == '/';
      buffer_.erase(0, gt + 1);
      if (empty) done_ = true;
      return Status::Ok();
    }
  }

  // Parses the first `size` bytes of the buffer in place (pugixml decodes into them; the caller
  // drops them afterwards), which spares a copy of every batch.
  Status ParseBatch(char* text, std::size_t size) {
    if (size == 0) return Status::Ok();
    pugi::xml_parse_result parsed =
        doc_.load_buffer_inplace(text, size, kParseFlags | pugi::parse_fragment);
    if (!parsed) return BadXml(part_, parsed.description());
    const std::string wanted = prefix_ + element_;
    for (pugi::xml_node node : doc_.children()) {
      if (node.type() == pugi::node_element && wanted == node.name()) {
        KANGFU_RETURN_IF_ERROR(callback_(node));
      }
    }
    return Status::Ok();
  }

  std::string part_;
  std::string container_;
  std::string element_;
  Callback callback_;
  std::string buffer_;
  pugi::xml_document doc_;  // reused: its node pages stay allocated between batches
  std::string prefix_;
  std::string close_tag_;
  bool in_container_ = false;
  bool done_ = false;
};

Status StreamElements(Zip& zip, const std::string& part, const std::string& container,
                      const std::string& element, const ElementStream::Callback& callback) {
  ElementStream stream(part, container, element, callback);
  KANGFU_RETURN_IF_ERROR(
      zip.Stream(part, [&](std::string_view chunk) { return stream.Feed(chunk); }));
  return stream.Finish();
}

// ---------------------------------------------------------------------------------------------
// Workbook structure.

std::string ResolveTarget(const std::string& base_dir, std::string target) {
  if (!target.empty() && target[0] == '/') return target.substr(1);
  std::string dir = base_dir;
  while (target.rfind("../", 0) == 0) {
    target.erase(0, 3);
    if (!dir.empty()) dir.pop_back();
    auto slash = dir.rfind('/');
    dir = slash == std::string::npos ? "" : dir.substr(0, slash + 1);
  }
  return dir + target;
}

std::string DirectoryOf(const std::string& part) {
  auto slash = part.rfind('/');
  return slash == std::string::npos ? "" : part.substr(0, slash + 1);
}

std::string RelsOf(const std::string& part) {
  auto slash = part.rfind('/');
  std::string dir = slash == std::string::npos ? "" : part.substr(0, slash + 1);
  std::string file = slash == std::string::npos ? part : part.substr(slash + 1);
  return dir + "_rels/" + file + ".rels";
}

struct Relationship {
  std::string type_suffix;  // the last path segment of Type, e.g. "worksheet"
  std::string target;       // resolved part name
};

Status ReadRels(Zip& zip, const std::string& part,
                std::unordered_map<std::string, Relationship>& out) {
  std::string rels = RelsOf(part);
  if (!zip.Has(rels)) return Status::Ok();
  pugi::xml_document doc;
  KANGFU_RETURN_IF_ERROR(zip.ReadXml(rels, doc));
  pugi::xml_node root = Child(doc, "Relationships");
  for (pugi::xml_node rel : root.children()) {
    if (LocalName(rel.name()) != "Relationship") continue;
    std::string type = rel.attribute("Type").value();
    auto slash = type.rfind('/');
    out[rel.attribute("Id").value()] = {
        slash == std::string::npos ? type : type.substr(slash + 1),
        ResolveTarget(DirectoryOf(part), rel.attribute("Target").value())};
  }
  return Status::Ok();
}

bool IsDateFormatCode(std::string_view code) {
  bool in_quotes = false;
  bool in_brackets = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (in_quotes) {
      if (c == '"') in_quotes = false;
      continue;
    }
    if (in_brackets) {
      if (c == ']') in_brackets = false;
      continue;
    }
    switch (c) {
      case '"':
        in_quotes = true;
        break;
      case '[':
        in_brackets = true;
        break;
      case '\\':
      case '_':
      case '*':
        ++i;  // the next character is a literal or a padding character
        break;
      case ';':
        return false;  // only the first (positive) section decides
      case 'y':
      case 'Y':
      case 'd':
      case 'D':
        return true;
      default:
        break;
    }
  }
  return false;
}

bool IsBuiltinDateFormat(int id) {
  return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

struct Workbook {
  std::string sheet_part;
  std::string shared_strings_part;
  std::string styles_part;
  bool date1904 = false;
};

Status LocateParts(Zip& zip, const std::string& sheet_name, Workbook& book) {
  std::string workbook_part = "xl/workbook.xml";
  std::unordered_map<std::string, Relationship> root_rels;
  KANGFU_RETURN_IF_ERROR(ReadRels(zip, "", root_rels));
  for (const auto& [id, rel] : root_rels) {
    if (rel.type_suffix == "officeDocument") workbook_part = rel.target;
  }
  if (!zip.Has(workbook_part)) return MissingPart(workbook_part);
  pugi::xml_document doc;
  KANGFU_RETURN_IF_ERROR(zip.ReadXml(workbook_part, doc));
  pugi::xml_node workbook = Child(doc, "workbook");
  if (!workbook) return BadXml(workbook_part, "no <workbook>");
  std::string_view date1904 = Child(workbook, "workbookPr").attribute("date1904").value();
  book.date1904 = date1904 == "1" || date1904 == "true";

  std::unordered_map<std::string, Relationship> rels;
  KANGFU_RETURN_IF_ERROR(ReadRels(zip, workbook_part, rels));
  std::string dir = DirectoryOf(workbook_part);
  book.shared_strings_part = dir + "sharedStrings.xml";
  book.styles_part = dir + "styles.xml";
  for (const auto& [id, rel] : rels) {
    if (rel.type_suffix == "sharedStrings") book.shared_strings_part = rel.target;
    if (rel.type_suffix == "styles") book.styles_part = rel.target;
  }

  int position = 0;
  bool found = false;
  for (pugi::xml_node sheet : Child(workbook, "sheets").children()) {
    if (LocalName(sheet.name()) != "sheet") continue;
    ++position;
    if (!sheet_name.empty() && sheet_name != sheet.attribute("name").value()) continue;
    std::string rel_id;
    for (pugi::xml_attribute attr : sheet.attributes()) {
      if (LocalName(attr.name()) == "id" && std::string_view(attr.name()) != "sheetId") {
        rel_id = attr.value();
      }
    }
    auto rel = rels.find(rel_id);
    book.sheet_part = rel != rels.end()
                          ? rel->second.target
                          : dir + "worksheets/sheet" + std::to_string(position) + ".xml";
    found = true;
    break;
  }
  if (!found) {
    if (!sheet_name.empty()) {
      return Status::NotFound("xlsx.sheet_not_found",
                              "Excel 文件中没有名为“" + sheet_name + "”的工作表", "sheet_name");
    }
    return MissingPart("工作表");
  }
  if (!zip.Has(book.sheet_part)) return MissingPart(book.sheet_part);
  return Status::Ok();
}

Status ReadDateStyles(Zip& zip, const std::string& part, std::vector<bool>& is_date) {
  if (!zip.Has(part)) return Status::Ok();
  pugi::xml_document doc;
  KANGFU_RETURN_IF_ERROR(zip.ReadXml(part, doc));
  pugi::xml_node sheet = Child(doc, "styleSheet");
  std::unordered_map<int, bool> custom;
  for (pugi::xml_node fmt : Child(sheet, "numFmts").children()) {
    if (LocalName(fmt.name()) != "numFmt") continue;
    custom[fmt.attribute("numFmtId").as_int(-1)] =
        IsDateFormatCode(fmt.attribute("formatCode").value());
  }
  for (pugi::xml_node xf : Child(sheet, "cellXfs").children()) {
    if (LocalName(xf.name()) != "xf") continue;
    int id = xf.attribute("numFmtId").as_int(0);
    auto it = custom.find(id);
    is_date.push_back(it != custom.end() ? it->second : IsBuiltinDateFormat(id));
  }
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------------
// Cells.

// Parses "BC12" into a 0-based column and the row number; false when malformed.
bool ParseCellRef(std::string_view ref, std::size_t& column, std::size_t& row) {
  std::size_t i = 0;
  std::size_t col = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') {
    col = col * 26 + static_cast<std::size_t>(ref[i] - 'A' + 1);
    if (col > 1'000'000) return false;
    ++i;
  }
  if (i == 0 || i == ref.size()) return false;
  std::size_t number = 0;
  for (; i < ref.size(); ++i) {
    if (ref[i] < '0' || ref[i] > '9') return false;
    number = number * 10 + static_cast<std::size_t>(ref[i] - '0');
    if (number > 100'000'000) return false;
  }
  if (number == 0) return false;
  column = col - 1;
  row = number;
  return true;
}

std::string FormatNumber(double value) {
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    return std::to_string(static_cast<std::int64_t>(value));
  }
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return {buffer, result.ptr};
}

class SheetReader {
 public:
  SheetReader(const ReadLimits& limits, const std::vector<std::string>* shared,
              const std::vector<bool>& date_styles, bool date1904, const RowCallback& on_row)
      : limits_(limits),
        shared_(shared),
        date_styles_(date_styles),
        date1904_(date1904),
        on_row_(on_row) {}

  Status OnRow(pugi::xml_node row_node) {
    std::size_t number = last_row_ + 1;
    if (pugi::xml_attribute r = row_node.attribute("r")) {
      number = r.as_ullong(0);
      if (number == 0 || number <= last_row_) {
        return Status::Invalid("file", "xlsx.cell_ref",
                               "Excel 文件中的行号“" + std::string(r.value()) + "”无效或顺序错乱");
      }
    }
    if (number > limits_.max_rows) {
      return TooLarge("第" + std::to_string(number) + "行：超过最多 " +
                      std::to_string(limits_.max_rows) + " 行的上限，请拆分文件后再导入");
    }
    last_row_ = number;
    row_.number = number;
    // The strings of the previous row are emptied, not freed: their buffers take this row's
    // text, so that a sheet of uniform rows allocates nothing per cell.
    for (std::string& text : row_.cells) text.clear();
    std::size_t next_column = 0;
    std::size_t filled = 0;  // one past the last non-empty column
    bool any = false;
    for (pugi::xml_node cell : row_node.children()) {
      if (cell.type() != pugi::node_element || LocalName(cell.name()) != "c") continue;
      std::size_t column = next_column;
      if (pugi::xml_attribute r = cell.attribute("r")) {
        std::size_t ref_row = 0;
        if (!ParseCellRef(r.value(), column, ref_row)) {
          if (column >= limits_.max_columns) return TooManyColumns(number, column);
          return Status::Invalid(
              "file", "xlsx.cell_ref",
              "第" + std::to_string(number) + "行：单元格引用“" + std::string(r.value()) + "”无效");
        }
      }
      if (column >= limits_.max_columns) return TooManyColumns(number, column);
      next_column = column + 1;
      std::string& text = scratch_;
      text.clear();
      KANGFU_RETURN_IF_ERROR(CellText(cell, number, column, text));
      if (text.size() > limits_.max_cell_bytes) {
        return TooLarge(CellName(number, column) + "：单元格内容超过 " +
                        std::to_string(limits_.max_cell_bytes) + " 字节的上限");
      }
      if (text.empty()) continue;
      if (row_.cells.size() <= column) row_.cells.resize(column + 1);
      std::swap(row_.cells[column], text);  // the cell's old (emptied) buffer becomes scratch
      filled = std::max(filled, column + 1);
      any = true;
    }
    // Cells run to the last non-empty one, as documented for Row.
    while (row_.cells.size() > filled && row_.cells.back().empty()) row_.cells.pop_back();
    if (!any) return Status::Ok();
    return on_row_(row_);
  }

 private:
  Status TooManyColumns(std::size_t row, std::size_t column) const {
    return TooLarge(CellName(row, column) + "：超过最多 " + std::to_string(limits_.max_columns) +
                    " 列的上限");
  }

  Status CellText(pugi::xml_node cell, std::size_t row, std::size_t column, std::string& out) {
    std::string_view type = cell.attribute("t").value();
    pugi::xml_node v = Child(cell, "v");
    std::string_view value = v.child_value();
    if (type == "s") {
      if (v.empty()) return Status::Ok();
      if (shared_ == nullptr) return MissingPart("sharedStrings.xml");
      std::size_t index = 0;
      auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), index);
      if (ec != std::errc() || ptr != value.data() + value.size() || index >= shared_->size()) {
        return Status::Invalid("file", "xlsx.shared_string",
                               CellName(row, column) + "：引用了不存在的共享字符串，文件已损坏");
      }
      out = (*shared_)[index];
    } else if (type == "inlineStr") {
      AppendText(Child(cell, "is"), out);
    } else if (type == "b") {
      out = value == "1" || value == "true" ? "TRUE" : "FALSE";
      if (value.empty()) out.clear();
    } else if (type == "str" || type == "e") {
      out = value;
    } else if (type == "d") {
      CivilDate date;
      out = value;
      if (value.size() >= 10 && ParseIsoDate(value.substr(0, 10), date)) out = value.substr(0, 10);
    } else {
      out = NumberText(value, cell.attribute("s").as_uint(0));
    }
    return Status::Ok();
  }

  std::string NumberText(std::string_view value, std::size_t style) const {
    // Leading/trailing blanks are not expected in <v>, but tolerate them.
    while (!value.empty() && (value.front() == ' ' || value.front() == '\n')) {
      value.remove_prefix(1);
    }
    while (!value.empty() && (value.back() == ' ' || value.back() == '\n')) {
      value.remove_suffix(1);
    }
    if (value.empty()) return {};
    double number = 0;
    auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
    if (ec != std::errc() || ptr != value.data() + value.size() || !std::isfinite(number)) {
      return std::string(value);
    }
    if (style < date_styles_.size() && date_styles_[style] && number >= 0 && number < 2958466) {
      auto serial = static_cast<std::int64_t>(std::floor(number));
      std::int64_t days = 0;
      if (date1904_) {
        days = DaysFromCivil({1904, 1, 1}) + serial;
      } else if (serial >= 61) {
        days = DaysFromCivil({1899, 12, 30}) + serial;
      } else if (serial >= 1 && serial < 60) {
        days = DaysFromCivil({1899, 12, 31}) + serial;
      } else {
        return FormatNumber(number);  // 0 and Excel's phantom 1900-02-29
      }
      return FormatIsoDate(CivilFromDays(days));
    }
    return FormatNumber(number);
  }

  const ReadLimits& limits_;
  const std::vector<std::string>* shared_;
  const std::vector<bool>& date_styles_;
  bool date1904_;
  const RowCallback& on_row_;
  std::size_t last_row_ = 0;
  Row row_;
  std::string scratch_;
};

Status ReadZip(Zip& zip, const ReadOptions& options, const RowCallback& on_row) {
  const ReadLimits& limits = options.limits;
  Workbook book;
  KANGFU_RETURN_IF_ERROR(LocateParts(zip, options.sheet_name, book));
  std::vector<bool> date_styles;
  KANGFU_RETURN_IF_ERROR(ReadDateStyles(zip, book.styles_part, date_styles));
  std::vector<std::string> shared;
  bool have_shared = zip.Has(book.shared_strings_part);
  if (have_shared) {
    KANGFU_RETURN_IF_ERROR(
        StreamElements(zip, book.shared_strings_part, "sst", "si", [&](pugi::xml_node si) {
          if (shared.size() >= limits.max_shared_strings) {
            return TooLarge("Excel 文件中的不同文本超过 " +
                            std::to_string(limits.max_shared_strings) + " 个的上限");
          }
          std::string text;
          AppendText(si, text);
          if (text.size() > limits.max_cell_bytes) {
            return TooLarge("Excel 文件中有文本超过 " + std::to_string(limits.max_cell_bytes) +
                            " 字节的上限");
          }
          shared.push_back(std::move(text));
          return Status::Ok();
        }));
  }
  SheetReader reader(limits, have_shared ? &shared : nullptr, date_styles, book.date1904, on_row);
  return StreamElements(zip, book.sheet_part, "sheetData", "row",
                        [&](pugi::xml_node row) { return reader.OnRow(row); });
}

// ---------------------------------------------------------------------------------------------
// CSV.

Status Gb18030ToUtf8(std::string_view in, std::string& out) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  // iconv_open signals failure with (iconv_t)-1.
  if (cd == reinterpret_cast<iconv_t>(-1)) {  // NOLINT(performance-no-int-to-ptr)
    return Status::Internal("iconv_open GB18030 failed");
  }
  out.assign(in.size() * 2 + 16, '\0');
  // iconv's interface takes non-const input pointers; it does not write through them.
  char* in_ptr = const_cast<char*>(in.data());  // NOLINT
  std::size_t in_left = in.size();
  char* out_ptr = out.data();
  std::size_t out_left = out.size();
  std::size_t result = iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
  iconv_close(cd);
  if (result == static_cast<std::size_t>(-1) || in_left != 0) {
    return Status::Invalid("file", "csv.encoding",
                           "CSV 文件的编码无法识别，请另存为 UTF-8 或 GBK 编码的 CSV 后再导入");
  }
  out.resize(out.size() - out_left);
  return Status::Ok();
}

Status ParseCsv(std::string_view text, const ReadLimits& limits, const RowCallback& on_row) {
  Row row;
  std::string field;
  std::size_t number = 1;
  std::size_t pos = 0;
  const std::size_t size = text.size();
  while (pos < size) {
    row.number = number;
    row.cells.clear();
    bool end_of_record = false;
    while (!end_of_record) {
      std::size_t column = row.cells.size();
      if (column >= limits.max_columns) {
        return TooLarge(CellName(number, column) + "：超过最多 " +
                        std::to_string(limits.max_columns) + " 列的上限");
      }
      field.clear();
      if (pos < size && text[pos] == '"') {
        ++pos;
        while (true) {
          std::size_t quote = text.find('"', pos);
          if (quote == std::string_view::npos) {
            return Status::Invalid("file", "csv.quote",
                                   CellName(number, column) + "：引号未闭合，请检查该单元格");
          }
          field.append(text.substr(pos, quote - pos));
          pos = quote + 1;
          if (pos < size && text[pos] == '"') {
            field.push_back('"');
            ++pos;
            continue;
          }
          break;
        }
        if (pos < size && text[pos] != ',' && text[pos] != '\n' && text[pos] != '\r') {
          return Status::Invalid(
              "file", "csv.quote",
              CellName(number, column) + "：右引号后出现多余字符，请检查该单元格");
        }
      } else {
        std::size_t end = text.find_first_of(",\r\n", pos);
        if (end == std::string_view::npos) end = size;
        field.append(text.substr(pos, end - pos));
        pos = end;
      }
      if (field.size() > limits.max_cell_bytes) {
        return TooLarge(CellName(number, column) + "：单元格内容超过 " +
                        std::to_string(limits.max_cell_bytes) + " 字节的上限");
      }
      row.cells.push_back(field);
      if (pos >= size) {
        end_of_record = true;
      } else if (text[pos] == ',') {
        ++pos;
      } else {
        if (text[pos] == '\r') ++pos;
        if (pos < size && text[pos] == '\n') ++pos;
        end_of_record = true;
      }
    }
    bool blank = row.cells.size() == 1 && row.cells[0].empty();
    if (!blank) {
      if (number > limits.max_rows) {
        return TooLarge("第" + std::to_string(number) + "行：超过最多 " +
                        std::to_string(limits.max_rows) + " 行的上限，请拆分文件后再导入");
      }
      while (!row.cells.empty() && row.cells.back().empty()) row.cells.pop_back();
      KANGFU_RETURN_IF_ERROR(on_row(row));
    }
    ++number;
  }
  return Status::Ok();
}

}  // namespace

bool LooksLikeXlsx(std::string_view bytes) { return bytes.substr(0, 4) == "PK\x03\x04"; }

Status ReadXlsx(std::string_view bytes, const ReadOptions& options, const RowCallback& on_row) {
  if (!LooksLikeXlsx(bytes)) return Corrupt("no zip signature");
  Zip zip(options.limits);
  KANGFU_RETURN_IF_ERROR(zip.OpenBuffer(bytes));
  return ReadZip(zip, options, on_row);
}

Status ReadXlsxFile(const std::string& path, const ReadOptions& options,
                    const RowCallback& on_row) {
  Zip zip(options.limits);
  KANGFU_RETURN_IF_ERROR(zip.OpenFile(path));
  return ReadZip(zip, options, on_row);
}

Status ReadCsv(std::string_view bytes, const ReadOptions& options, const RowCallback& on_row) {
  if (bytes.size() > options.limits.max_total_bytes) {
    return TooLarge("CSV 文件超过 " + std::to_string(options.limits.max_total_bytes >> 20) +
                    " MB 上限，请拆分文件后再导入");
  }
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    bytes.remove_prefix(3);
  } else if (!IsValidUtf8(bytes)) {
    std::string converted;
    KANGFU_RETURN_IF_ERROR(Gb18030ToUtf8(bytes, converted));
    return ParseCsv(converted, options.limits, on_row);
  }
  if (!IsValidUtf8(bytes)) {
    return Status::Invalid("file", "csv.encoding",
                           "CSV 文件带有 UTF-8 标记但内容不是有效的 UTF-8，请重新另存后再导入");
  }
  return ParseCsv(bytes, options.limits, on_row);
}

Status ReadTableFile(const std::string& path, const ReadOptions& options,
                     const RowCallback& on_row) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("table.open", "无法打开文件：" + path, "file");
  char signature[4] = {};
  in.read(signature, sizeof signature);
  if (LooksLikeXlsx(std::string_view(signature, static_cast<std::size_t>(in.gcount())))) {
    in.close();
    return ReadXlsxFile(path, options, on_row);
  }
  in.clear();
  in.seekg(0, std::ios::end);
  auto size = static_cast<std::uint64_t>(in.tellg());
  if (size > options.limits.max_total_bytes) {
    return TooLarge("CSV 文件超过 " + std::to_string(options.limits.max_total_bytes >> 20) +
                    " MB 上限，请拆分文件后再导入");
  }
  std::string bytes(static_cast<std::size_t>(size), '\0');
  in.seekg(0);
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!in) return Status::NotFound("table.open", "无法读取文件：" + path, "file");
  return ReadCsv(bytes, options, on_row);
}

Result<std::vector<Row>> ReadTable(std::string_view bytes, const ReadOptions& options) {
  std::vector<Row> rows;
  auto collect = [&](const Row& row) {
    rows.push_back(row);
    return Status::Ok();
  };
  Status status =
      LooksLikeXlsx(bytes) ? ReadXlsx(bytes, options, collect) : ReadCsv(bytes, options, collect);
  if (!status.ok()) return status;
  return rows;
}

}  // namespace kangfu::office
