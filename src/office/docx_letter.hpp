#ifndef KANGFU_OFFICE_DOCX_LETTER_HPP_
#define KANGFU_OFFICE_DOCX_LETTER_HPP_

// Writes official letters (e.g. 党风廉政意见回复函) as .docx in the layout of GB/T 9704-2012
// (../shared/spec/glossary.md): A4, margins top 37 mm / left 28 mm, type area 156 × 225 mm with
// 22 lines of 28 characters, body 3号 仿宋_GB2312, title 2号 方正小标宋简体, level-1 headings 黑体,
// level-2 楷体_GB2312, the issuing organ's mark in red 小标宋, page numbers "— 1 —" in 4号 宋体
// (odd pages right, even pages left). Fonts are named in the document (w:rFonts eastAsia, with
// altName fallbacks 仿宋/楷体 in the font table); the reader's Word or WPS supplies them.

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "core/status.hpp"
#include "office/table.hpp"

namespace kangfu::office {

enum class ParagraphKind {
  kBody,      // an indented body paragraph
  kHeading1,  // numbered "一、" automatically, 黑体
  kHeading2,  // "（一）", 楷体
  kHeading3,  // "1.", 仿宋
  kHeading4,  // "（1）", 仿宋
};

struct LetterParagraph {
  ParagraphKind kind = ParagraphKind::kBody;
  // The text without its number: headings are numbered per level, a higher level restarting
  // the lower ones. '\n' becomes a line break.
  std::string text;
};

struct LetterTable {
  std::vector<std::string>
      headers;  // e.g. 姓名、单位职务、答复意见; shown in 黑体, repeated per page
  std::vector<std::vector<std::string>> rows;  // each row has at most headers.size() cells
  // Relative column widths (e.g. {2, 5, 5}); empty: equal widths. The table spans the type area.
  std::vector<int> widths;
};

struct Letter {
  std::string organ_mark;  // 发文机关标志, e.g. "中共××县纪律检查委员会"; empty: no red header
  std::string document_number;  // 发文字号, e.g. "×纪函〔2026〕15号"; empty: none
  std::string title;            // required
  std::string addressee;        // 主送机关, without the colon; empty: none
  std::vector<LetterParagraph> body;
  std::optional<LetterTable> table;
  // How many body paragraphs precede the table; larger than body.size(): after the body.
  std::size_t table_after = std::numeric_limits<std::size_t>::max();
  std::string signature;  // 发文机关署名; empty: none
  CivilDate date;         // 成文日期, written "2026年3月15日"
};

// Returns the .docx bytes.
// Errors (kInvalidArgument): "docx.title" (empty title), "docx.date" (no such day),
// "docx.text" (a text is not valid UTF-8; the field names which), "docx.table" (no headers,
// a row longer than the headers, or widths not matching the headers / not positive).
// Control characters other than tab and newline are dropped, as XML cannot carry them.
Result<std::string> WriteDocxLetter(const Letter& letter);

// Writes the same bytes to `path`; "docx.write" (kInternal) when the file cannot be written.
Status WriteDocxLetterFile(const Letter& letter, const std::string& path);

// "2026年3月15日".
std::string ChineseDate(CivilDate date);

// The heading number of `ordinal` (1-based) at a level: "一、", "（十二）", "3.", "（4）".
std::string HeadingNumber(ParagraphKind kind, int ordinal);

}  // namespace kangfu::office

#endif  // KANGFU_OFFICE_DOCX_LETTER_HPP_
