#include "office/docx_letter.hpp"

#include <gtest/gtest.h>

#include "office/sample_letter.hpp"
#include "office/zip_test_util.hpp"

namespace kangfu::office {
namespace {

using testing::ReadZipEntry;
using testing::SampleLetter;

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(DocxLetterTest, NumbersHeadingsPerLevel) {
  struct Case {
    ParagraphKind kind;
    int ordinal;
    const char* expected;
  };
  for (Case c :
       {Case{ParagraphKind::kHeading1, 1, "一、"}, Case{ParagraphKind::kHeading1, 10, "十、"},
        Case{ParagraphKind::kHeading1, 11, "十一、"}, Case{ParagraphKind::kHeading1, 20, "二十、"},
        Case{ParagraphKind::kHeading2, 12, "（十二）"},
        Case{ParagraphKind::kHeading2, 99, "（九十九）"}, Case{ParagraphKind::kHeading3, 3, "3."},
        Case{ParagraphKind::kHeading4, 4, "（4）"}, Case{ParagraphKind::kBody, 1, ""}}) {
    EXPECT_EQ(HeadingNumber(c.kind, c.ordinal), c.expected) << c.ordinal;
  }
  EXPECT_EQ(ChineseDate({2026, 3, 15}), "2026年3月15日");
}

TEST(DocxLetterTest, WritesTheOfficialLayout) {
  Result<std::string> bytes = WriteDocxLetter(SampleLetter());
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString() << bytes.status().internal();
  std::string document = ReadZipEntry(*bytes, "word/document.xml");
  // Escaped text, automatic numbering restarting lower levels.
  EXPECT_TRUE(
      Contains(document, "特此函复。R&amp;D &lt;测试&gt; &quot;引号&quot; &apos;apos&apos;"));
  EXPECT_TRUE(Contains(document, ">一、基本情况<"));
  EXPECT_TRUE(Contains(document, ">（二）处分情况<"));
  EXPECT_TRUE(Contains(document, ">二、答复意见<"));
  EXPECT_TRUE(Contains(document, ">2026年3月15日<"));
  // Red organ mark in 小标宋, title 2号, headings in 黑体 and 楷体, A4 with GB/T 9704 margins.
  EXPECT_TRUE(Contains(
      document,
      R"(w:eastAsia="方正小标宋简体" w:cs="方正小标宋简体"/><w:color w:val="FF0000"/><w:sz w:val="72"/>)"));
  EXPECT_TRUE(Contains(document,
                       R"(w:eastAsia="方正小标宋简体" w:cs="方正小标宋简体"/><w:sz w:val="44"/>)"));
  EXPECT_TRUE(Contains(document, R"(w:eastAsia="黑体")"));
  EXPECT_TRUE(Contains(document, R"(w:eastAsia="楷体_GB2312")"));
  EXPECT_TRUE(Contains(document, R"(<w:pgSz w:w="11906" w:h="16838"/>)"));
  EXPECT_TRUE(
      Contains(document, R"(<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587")"));
  EXPECT_TRUE(Contains(
      document, R"(<w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-849"/>)"));
  EXPECT_TRUE(Contains(document, "<w:tblHeader/>"));
  // The table spans the type area, split 2:5:5.
  EXPECT_TRUE(Contains(document,
                       R"(<w:gridCol w:w="1474"/><w:gridCol w:w="3685"/><w:gridCol w:w="3686"/>)"));
  std::string footer = ReadZipEntry(*bytes, "word/footer1.xml");
  EXPECT_TRUE(Contains(footer, "<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>"));
  EXPECT_TRUE(Contains(footer, "<w:jc w:val=\"right\"/>"));
  EXPECT_TRUE(Contains(ReadZipEntry(*bytes, "word/footer2.xml"), "<w:jc w:val=\"left\"/>"));
  EXPECT_TRUE(Contains(ReadZipEntry(*bytes, "word/fontTable.xml"),
                       R"(<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>)"));
  EXPECT_TRUE(Contains(ReadZipEntry(*bytes, "word/settings.xml"), "<w:evenAndOddHeaders/>"));
}

TEST(DocxLetterTest, DropsControlCharactersAndKeepsLineBreaks) {
  Letter letter = SampleLetter();
  letter.organ_mark.clear();
  letter.document_number.clear();
  letter.table.reset();
  letter.body = {{ParagraphKind::kBody, "甲\x01乙\n丙"}};
  Result<std::string> bytes = WriteDocxLetter(letter);
  ASSERT_TRUE(bytes.ok());
  std::string document = ReadZipEntry(*bytes, "word/document.xml");
  EXPECT_TRUE(Contains(document, ">甲乙</w:t><w:br/><w:t xml:space=\"preserve\">丙<"));
  EXPECT_FALSE(Contains(document, "FF0000"));  // no red header without an organ mark
  EXPECT_FALSE(Contains(document, "<w:tbl>"));
}

TEST(DocxLetterTest, RefusesInvalidLetters) {
  struct Case {
    const char* name;
    void (*change)(Letter&);
    const char* field;
    const char* reason;
    const char* message;
  };
  std::vector<Case> cases = {
      {"no title", [](Letter& l) { l.title.clear(); }, "title", "docx.title", "公文标题不能为空"},
      {"bad date",
       [](Letter& l) {
         l.date = {2026, 2, 30};
       },
       "date", "docx.date", "成文日期无效：2026-02-30"},
      {"bad utf8", [](Letter& l) { l.body[1].text = "\xff"; }, "body[1]", "docx.text",
       "公文内容（body[1]）不是有效的 UTF-8 文本"},
      {"row too long", [](Letter& l) { l.table->rows[0].emplace_back("多余"); }, "table.rows[0]",
       "docx.table", "表格第1行的单元格数多于表头列数"},
      {"bad widths",
       [](Letter& l) {
         l.table->widths = {1, 0, 1};
       },
       "table.widths", "docx.table", "表格列宽的个数应与表头一致，且均为 1 到 1000 之间的正数"},
      {"no headers", [](Letter& l) { l.table->headers.clear(); }, "table.headers", "docx.table",
       "表格至少需要一列表头"},
  };
  for (const Case& c : cases) {
    Letter letter = SampleLetter();
    c.change(letter);
    Result<std::string> bytes = WriteDocxLetter(letter);
    ASSERT_FALSE(bytes.ok()) << c.name;
    EXPECT_EQ(bytes.status().code(), ErrorCode::kInvalidArgument) << c.name;
    EXPECT_EQ(bytes.status().field(), c.field) << c.name;
    EXPECT_EQ(bytes.status().reason(), c.reason) << c.name;
    EXPECT_EQ(bytes.status().message(), c.message) << c.name;
  }
}

}  // namespace
}  // namespace kangfu::office
