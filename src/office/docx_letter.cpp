#include "office/docx_letter.hpp"

#include <zip.h>

#include <algorithm>
#include <fstream>
#include <numeric>
#include <utility>

namespace kangfu::office {

namespace {

// Fonts named by GB/T 9704 practice, with the names Windows/WPS ship as fallbacks.
constexpr const char* kFangSong = "仿宋_GB2312";
constexpr const char* kHeiTi = "黑体";
constexpr const char* kKaiTi = "楷体_GB2312";
constexpr const char* kXiaoBiaoSong = "方正小标宋简体";
constexpr const char* kSongTi = "宋体";

// Sizes in half-points: 小初 36 pt, 2号 22 pt, 3号 16 pt, 4号 14 pt.
constexpr int kSizeOrganMark = 72;
constexpr int kSizeTitle = 44;
constexpr int kSizeBody = 32;
constexpr int kSizeSmall = 28;

// Geometry in twips (1/1440 inch): A4 210 × 297 mm; top 37 mm, left 28 mm, type area 156 × 225 mm,
// so right 26 mm and bottom 35 mm. 225 mm / 22 lines = 579 twips a line; 156 mm / 28 characters
// = 15.79 pt a character, i.e. the 16 pt default font narrowed by 849/4096 pt (docGrid charSpace).
constexpr int kPageWidth = 11906;
constexpr int kPageHeight = 16838;
constexpr int kMarginTop = 2098;
constexpr int kMarginBottom = 1984;
constexpr int kMarginLeft = 1587;
constexpr int kMarginRight = 1474;
constexpr int kFooterDistance = 1304;  // page number 7 mm below the type area
constexpr int kTypeAreaWidth = kPageWidth - kMarginLeft - kMarginRight;
constexpr int kLinePitch = 579;
constexpr int kCharSpace = -849;
constexpr int kTwoChars = 640;  // indent of two 3号 characters

std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        // XML 1.0 cannot carry C0 controls other than tab, newline and carriage return.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
        out += c;
    }
  }
  return out;
}

struct RunStyle {
  const char* font = kFangSong;
  int size = kSizeBody;
  bool bold = false;
  const char* color = nullptr;
};

std::string RunProperties(const RunStyle& style) {
  std::string font = style.font;
  std::string xml = "<w:rPr><w:rFonts w:ascii=\"" + font + "\" w:hAnsi=\"" + font +
                    "\" w:eastAsia=\"" + font + "\" w:cs=\"" + font + "\"/>";
  if (style.bold) xml += "<w:b/>";
  if (style.color != nullptr) xml += std::string("<w:color w:val=\"") + style.color + "\"/>";
  xml += "<w:sz w:val=\"" + std::to_string(style.size) + "\"/><w:szCs w:val=\"" +
         std::to_string(style.size) + "\"/></w:rPr>";
  return xml;
}

// Runs for `text`, with '\n' as line breaks and '\t' as tabs.
std::string Runs(std::string_view text, const RunStyle& style) {
  std::string props = RunProperties(style);
  std::string xml = "<w:r>" + props;
  std::string pending;
  auto flush = [&] {
    if (!pending.empty()) xml += "<w:t xml:space=\"preserve\">" + Escape(pending) + "</w:t>";
    pending.clear();
  };
  for (char c : text) {
    if (c == '\n') {
      flush();
      xml += "<w:br/>";
    } else if (c == '\t') {
      flush();
      xml += "<w:tab/>";
    } else if (c != '\r') {
      pending += c;
    }
  }
  flush();
  xml += "</w:r>";
  return xml;
}

struct ParagraphStyle {
  const char* align = "both";  // justified
  int first_line_indent = 0;
  int left_indent = 0;
  int right_indent = 0;
  int line = kLinePitch;  // exact line height; 0 = single (auto)
  std::string extra;      // further pPr children (borders)
};

std::string Paragraph(const ParagraphStyle& p, const std::string& runs) {
  std::string xml = "<w:p><w:pPr>" + p.extra;
  if (p.line > 0) {
    xml += "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"" + std::to_string(p.line) +
           "\" w:lineRule=\"exact\"/>";
  } else {
    xml += "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>";
  }
  if (p.first_line_indent != 0 || p.left_indent != 0 || p.right_indent != 0) {
    xml += "<w:ind w:left=\"" + std::to_string(p.left_indent) + "\" w:right=\"" +
           std::to_string(p.right_indent) + "\" w:firstLine=\"" +
           std::to_string(p.first_line_indent) + "\"/>";
  }
  xml += std::string("<w:jc w:val=\"") + p.align + "\"/></w:pPr>" + runs + "</w:p>";
  return xml;
}

std::string EmptyParagraph() { return Paragraph({}, ""); }

std::string ChineseNumber(int n) {
  static constexpr const char* kDigits[] = {"〇", "一", "二", "三", "四",
                                            "五", "六", "七", "八", "九"};
  if (n <= 0 || n >= 100) return std::to_string(n);
  if (n < 10) return kDigits[n];
  std::string out = n / 10 == 1 ? "" : kDigits[n / 10];
  out += "十";
  if (n % 10 != 0) out += kDigits[n % 10];
  return out;
}

Status CheckText(std::string_view text, const std::string& field) {
  if (IsValidUtf8(text)) return Status::Ok();
  return Status::Invalid(field, "docx.text", "公文内容（" + field + "）不是有效的 UTF-8 文本");
}

Status Validate(const Letter& letter) {
  if (letter.title.empty()) return Status::Invalid("title", "docx.title", "公文标题不能为空");
  if (!IsValidExcelDate(letter.date)) {
    return Status::Invalid("date", "docx.date", "成文日期无效：" + FormatIsoDate(letter.date));
  }
  KANGFU_RETURN_IF_ERROR(CheckText(letter.organ_mark, "organ_mark"));
  KANGFU_RETURN_IF_ERROR(CheckText(letter.document_number, "document_number"));
  KANGFU_RETURN_IF_ERROR(CheckText(letter.title, "title"));
  KANGFU_RETURN_IF_ERROR(CheckText(letter.addressee, "addressee"));
  KANGFU_RETURN_IF_ERROR(CheckText(letter.signature, "signature"));
  for (std::size_t i = 0; i < letter.body.size(); ++i) {
    KANGFU_RETURN_IF_ERROR(CheckText(letter.body[i].text, "body[" + std::to_string(i) + "]"));
  }
  if (letter.table) {
    const LetterTable& table = *letter.table;
    if (table.headers.empty()) {
      return Status::Invalid("table.headers", "docx.table", "表格至少需要一列表头");
    }
    if (!table.widths.empty()) {
      bool positive = std::all_of(table.widths.begin(), table.widths.end(),
                                  [](int w) { return w > 0 && w <= 1000; });
      if (table.widths.size() != table.headers.size() || !positive) {
        return Status::Invalid("table.widths", "docx.table",
                               "表格列宽的个数应与表头一致，且均为 1 到 1000 之间的正数");
      }
    }
    for (std::size_t c = 0; c < table.headers.size(); ++c) {
      KANGFU_RETURN_IF_ERROR(
          CheckText(table.headers[c], "table.headers[" + std::to_string(c) + "]"));
    }
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      if (table.rows[r].size() > table.headers.size()) {
        return Status::Invalid("table.rows[" + std::to_string(r) + "]", "docx.table",
                               "表格第" + std::to_string(r + 1) + "行的单元格数多于表头列数");
      }
      for (std::size_t c = 0; c < table.rows[r].size(); ++c) {
        KANGFU_RETURN_IF_ERROR(CheckText(
            table.rows[r][c], "table.rows[" + std::to_string(r) + "][" + std::to_string(c) + "]"));
      }
    }
  }
  return Status::Ok();
}

std::string TableXml(const LetterTable& table) {
  std::vector<int> weights = table.widths;
  if (weights.empty()) weights.assign(table.headers.size(), 1);
  int total = std::accumulate(weights.begin(), weights.end(), 0);
  std::vector<int> widths;
  int used = 0;
  for (std::size_t c = 0; c < weights.size(); ++c) {
    int w = c + 1 == weights.size() ? kTypeAreaWidth - used : kTypeAreaWidth * weights[c] / total;
    widths.push_back(w);
    used += w;
  }
  std::string xml = "<w:tbl><w:tblPr><w:tblW w:w=\"" + std::to_string(kTypeAreaWidth) +
                    "\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblBorders>";
  for (const char* side : {"top", "left", "bottom", "right", "insideH", "insideV"}) {
    xml += std::string("<w:") + side +
           " w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>";
  }
  xml +=
      "</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"85\" "
      "w:type=\"dxa\"/><w:right w:w=\"85\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>";
  for (int w : widths) xml += "<w:gridCol w:w=\"" + std::to_string(w) + "\"/>";
  xml += "</w:tblGrid>";
  auto row = [&](const std::vector<std::string>& cells, bool header) {
    std::string tr = "<w:tr>";
    if (header) tr += "<w:trPr><w:tblHeader/></w:trPr>";
    for (std::size_t c = 0; c < widths.size(); ++c) {
      std::string text = c < cells.size() ? cells[c] : "";
      ParagraphStyle p;
      p.align = header ? "center" : "left";
      p.line = 0;
      RunStyle style{header ? kHeiTi : kFangSong, kSizeSmall, false, nullptr};
      tr += "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(widths[c]) +
            "\" w:type=\"dxa\"/><w:vAlign w:val=\"center\"/></w:tcPr>" +
            Paragraph(p, Runs(text, style)) + "</w:tc>";
    }
    return tr + "</w:tr>";
  };
  xml += row(table.headers, true);
  for (const auto& cells : table.rows) xml += row(cells, false);
  return xml + "</w:tbl>";
}

std::string DocumentXml(const Letter& letter) {
  std::string body;
  if (!letter.organ_mark.empty()) {
    ParagraphStyle p;
    p.align = "center";
    p.line = 0;
    body += Paragraph(p, Runs(letter.organ_mark, {kXiaoBiaoSong, kSizeOrganMark, false, "FF0000"}));
  }
  if (!letter.document_number.empty() || !letter.organ_mark.empty()) {
    ParagraphStyle p;
    p.align = "center";
    // The red separator line under the document number (版头分隔线).
    if (!letter.organ_mark.empty()) {
      p.extra =
          "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"12\" w:space=\"6\" "
          "w:color=\"FF0000\"/></w:pBdr>";
    }
    body += Paragraph(p, Runs(letter.document_number, {}));
    body += EmptyParagraph();
  }
  {
    ParagraphStyle p;
    p.align = "center";
    p.line = 0;
    body += Paragraph(p, Runs(letter.title, {kXiaoBiaoSong, kSizeTitle, false, nullptr}));
    body += EmptyParagraph();
  }
  if (!letter.addressee.empty()) {
    ParagraphStyle p;
    p.align = "left";
    body += Paragraph(p, Runs(letter.addressee + "：", {}));
  }
  int counters[4] = {0, 0, 0, 0};
  auto add_table = [&] {
    if (letter.table) body += TableXml(*letter.table);
  };
  for (std::size_t i = 0; i < letter.body.size(); ++i) {
    if (i == letter.table_after) add_table();
    const LetterParagraph& para = letter.body[i];
    ParagraphStyle p;
    p.first_line_indent = kTwoChars;
    RunStyle style;
    std::string text = para.text;
    if (para.kind != ParagraphKind::kBody) {
      int level = static_cast<int>(para.kind) - static_cast<int>(ParagraphKind::kHeading1);
      ++counters[level];
      for (int lower = level + 1; lower < 4; ++lower) counters[lower] = 0;
      text.insert(0, HeadingNumber(para.kind, counters[level]));
      if (para.kind == ParagraphKind::kHeading1) style.font = kHeiTi;
      if (para.kind == ParagraphKind::kHeading2) style.font = kKaiTi;
    }
    body += Paragraph(p, Runs(text, style));
  }
  if (letter.table_after >= letter.body.size()) add_table();
  body += EmptyParagraph();
  if (!letter.signature.empty()) {
    ParagraphStyle p;
    p.align = "right";
    p.right_indent = kTwoChars;
    body += Paragraph(p, Runs(letter.signature, {}));
  }
  {
    ParagraphStyle p;
    p.align = "right";
    p.right_indent = kTwoChars * 2;
    body += Paragraph(p, Runs(ChineseDate(letter.date), {}));
  }
  std::string sect =
      "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rId4\"/>"
      "<w:footerReference w:type=\"even\" r:id=\"rId5\"/>"
      "<w:pgSz w:w=\"" +
      std::to_string(kPageWidth) + "\" w:h=\"" + std::to_string(kPageHeight) +
      "\"/><w:pgMar w:top=\"" + std::to_string(kMarginTop) + "\" w:right=\"" +
      std::to_string(kMarginRight) + "\" w:bottom=\"" + std::to_string(kMarginBottom) +
      "\" w:left=\"" + std::to_string(kMarginLeft) + "\" w:header=\"851\" w:footer=\"" +
      std::to_string(kFooterDistance) +
      "\" w:gutter=\"0\"/>"
      "<w:docGrid w:type=\"linesAndChars\" w:linePitch=\"" +
      std::to_string(kLinePitch) + "\" w:charSpace=\"" + std::to_string(kCharSpace) +
      "\"/></w:sectPr>";
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
         "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
         "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
         "<w:body>" +
         body + sect + "</w:body></w:document>";
}

std::string FooterXml(bool even) {
  // GB/T 9704: odd page numbers one character in from the right, even ones from the left.
  RunStyle style{kSongTi, kSizeSmall, false, nullptr};
  std::string props = RunProperties(style);
  std::string field = "<w:r>" + props + "<w:fldChar w:fldCharType=\"begin\"/></w:r><w:r>" + props +
                      "<w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r><w:r>" +
                      props + "<w:fldChar w:fldCharType=\"separate\"/></w:r><w:r>" + props +
                      "<w:t>1</w:t></w:r><w:r>" + props +
                      "<w:fldChar w:fldCharType=\"end\"/></w:r>";
  std::string indent = even ? "<w:ind w:left=\"280\"/>" : "<w:ind w:right=\"280\"/>";
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
         "<w:ftr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
         "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
         "<w:p><w:pPr>" +
         indent + "<w:jc w:val=\"" + (even ? "left" : "right") + "\"/></w:pPr>" +
         Runs("— ", style) + field + Runs(" —", style) + "</w:p></w:ftr>";
}

std::string StylesXml() {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
         "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
         "<w:docDefaults><w:rPrDefault>" +
         RunProperties({}) +
         "</w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" "
         "w:line=\"" +
         std::to_string(kLinePitch) +
         "\" w:lineRule=\"exact\"/></w:pPr></w:pPrDefault></w:docDefaults>"
         "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name "
         "w:val=\"Normal\"/><w:qFormat/></w:style>"
         "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name "
         "w:val=\"Normal Table\"/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/></w:tblPr></w:style>"
         "</w:styles>";
}

std::string FontTableXml() {
  struct Font {
    const char* name;
    const char* alt;
  };
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<w:fonts xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">";
  for (Font f : {Font{kFangSong, "仿宋"}, Font{kHeiTi, "SimHei"}, Font{kKaiTi, "楷体"},
                 Font{kXiaoBiaoSong, "华文中宋"}, Font{kSongTi, "SimSun"}}) {
    xml += std::string("<w:font w:name=\"") + f.name + "\"><w:altName w:val=\"" + f.alt +
           "\"/><w:charset w:val=\"86\"/><w:family w:val=\"auto\"/></w:font>";
  }
  return xml + "</w:fonts>";
}

constexpr const char* kContentTypes =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" "
    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/word/settings.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
    "<Override PartName=\"/word/fontTable.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/>"
    "<Override PartName=\"/word/footer1.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
    "<Override PartName=\"/word/footer2.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
    "</Types>";

constexpr const char* kRootRels =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"word/document.xml\"/></Relationships>";

constexpr const char* kDocumentRels =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
    "Target=\"styles.xml\"/>"
    "<Relationship Id=\"rId2\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" "
    "Target=\"settings.xml\"/>"
    "<Relationship Id=\"rId3\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable\" "
    "Target=\"fontTable.xml\"/>"
    "<Relationship Id=\"rId4\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" "
    "Target=\"footer1.xml\"/>"
    "<Relationship Id=\"rId5\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" "
    "Target=\"footer2.xml\"/></Relationships>";

constexpr const char* kSettings =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
    "<w:evenAndOddHeaders/><w:defaultTabStop w:val=\"640\"/>"
    "<w:characterSpacingControl w:val=\"compressPunctuation\"/></w:settings>";

Status ZipError(const std::string& what) {
  return Status::Error(ErrorCode::kInternal, "docx.write", "公文文件生成失败，请稍后重试")
      .WithInternal(what);
}

// Packs (name, content) parts into zip bytes in memory.
Result<std::string> Pack(const std::vector<std::pair<std::string, std::string>>& parts) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (source == nullptr) {
    zip_error_fini(&error);
    return ZipError("zip_source_buffer_create");
  }
  zip_t* zip = zip_open_from_source(source, ZIP_TRUNCATE, &error);
  zip_error_fini(&error);
  if (zip == nullptr) {
    zip_source_free(source);
    return ZipError("zip_open_from_source");
  }
  zip_source_keep(source);  // keep the buffer alive after zip_close
  for (const auto& [name, content] : parts) {
    zip_source_t* part = zip_source_buffer(zip, content.data(), content.size(), 0);
    if (part == nullptr || zip_file_add(zip, name.c_str(), part, ZIP_FL_ENC_UTF_8) < 0) {
      if (part != nullptr) zip_source_free(part);
      zip_discard(zip);
      zip_source_free(source);
      return ZipError("zip_file_add " + name);
    }
  }
  if (zip_close(zip) != 0) {
    std::string detail = zip_strerror(zip);
    zip_discard(zip);
    zip_source_free(source);
    return ZipError("zip_close: " + detail);
  }
  std::string bytes;
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_source_stat(source, &stat) != 0 || zip_source_open(source) != 0) {
    zip_source_free(source);
    return ZipError("zip_source_open");
  }
  bytes.resize(stat.size);
  zip_int64_t got = zip_source_read(source, bytes.data(), bytes.size());
  zip_source_close(source);
  zip_source_free(source);
  if (got < 0 || static_cast<zip_uint64_t>(got) != stat.size) return ZipError("zip_source_read");
  return bytes;
}

}  // namespace

std::string ChineseDate(CivilDate date) {
  return std::to_string(date.year) + "年" + std::to_string(date.month) + "月" +
         std::to_string(date.day) + "日";
}

std::string HeadingNumber(ParagraphKind kind, int ordinal) {
  switch (kind) {
    case ParagraphKind::kHeading1:
      return ChineseNumber(ordinal) + "、";
    case ParagraphKind::kHeading2:
      return "（" + ChineseNumber(ordinal) + "）";
    case ParagraphKind::kHeading3:
      return std::to_string(ordinal) + ".";
    case ParagraphKind::kHeading4:
      return "（" + std::to_string(ordinal) + "）";
    case ParagraphKind::kBody:
      break;
  }
  return "";
}

Result<std::string> WriteDocxLetter(const Letter& letter) {
  KANGFU_RETURN_IF_ERROR(Validate(letter));
  return Pack({{"[Content_Types].xml", kContentTypes},
               {"_rels/.rels", kRootRels},
               {"word/document.xml", DocumentXml(letter)},
               {"word/_rels/document.xml.rels", kDocumentRels},
               {"word/styles.xml", StylesXml()},
               {"word/settings.xml", kSettings},
               {"word/fontTable.xml", FontTableXml()},
               {"word/footer1.xml", FooterXml(false)},
               {"word/footer2.xml", FooterXml(true)}});
}

Status WriteDocxLetterFile(const Letter& letter, const std::string& path) {
  Result<std::string> bytes = WriteDocxLetter(letter);
  if (!bytes.ok()) return std::move(bytes).TakeStatus();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes->data(), static_cast<std::streamsize>(bytes->size()));
  out.close();
  if (!out) return ZipError("cannot write " + path);
  return Status::Ok();
}

}  // namespace kangfu::office
