#include "office/xlsx_writer.hpp"

#include <gtest/gtest.h>

#include <limits>

#include "office/table_reader.hpp"
#include "office/zip_test_util.hpp"

namespace kangfu::office {
namespace {

using testing::ReadZipEntry;

Table LedgerTable() {
  Table table;
  table.sheet_name = "处分台账";
  table.columns = {{"姓名", ColumnKind::kText, 0},    {"处分决定日期", ColumnKind::kDate, 0},
                   {"人次", ColumnKind::kInteger, 0}, {"占比", ColumnKind::kPercent, 0},
                   {"金额", ColumnKind::kNumber, 0},  {"备注", ColumnKind::kText, 30}};
  table.rows = {
      {std::string("张三"), CivilDate{2026, 3, 15}, std::int64_t{12}, 0.25, 1234.5,
       std::string("党内严重警告 & <留用察看>")},
      {std::string("李四"), std::string("2024-02-29"), std::int64_t{-3}, 1.0, 0.1,
       std::monostate{}},
      {std::string("王五"), std::monostate{}, std::int64_t{0}},
      {std::string("1900年"), CivilDate{1900, 1, 1}, std::int64_t{1}, 0.0, 1e-7,
       std::string(" 前后空格 ")},
      {std::string("控制\x01字符\t_x"), std::monostate{}, std::monostate{}, std::monostate{},
       std::monostate{}, std::string("第一行\r\n第二行")},
  };
  return table;
}

TEST(XlsxWriterTest, RoundTripsThroughTheReader) {
  Table second;
  second.sheet_name = "统计";
  second.columns = {{"形态", ColumnKind::kText, 0}, {"人次", ColumnKind::kInteger, 0}};
  second.rows = {{std::string("第一种形态"), std::int64_t{62902}}};
  Result<std::string> bytes = WriteXlsx({LedgerTable(), second});
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();

  Result<std::vector<Row>> rows = ReadTable(*bytes);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString() << rows.status().internal();
  ASSERT_EQ(rows->size(), 6U);
  using Cells = std::vector<std::string>;
  EXPECT_EQ((*rows)[0].number, 1U);
  EXPECT_EQ((*rows)[0].cells, (Cells{"姓名", "处分决定日期", "人次", "占比", "金额", "备注"}));
  EXPECT_EQ((*rows)[1].cells,
            (Cells{"张三", "2026-03-15", "12", "0.25", "1234.5", "党内严重警告 & <留用察看>"}));
  EXPECT_EQ((*rows)[2].cells, (Cells{"李四", "2024-02-29", "-3", "1", "0.1"}));
  EXPECT_EQ((*rows)[3].cells, (Cells{"王五", "", "0"}));
  EXPECT_EQ((*rows)[4].cells, (Cells{"1900年", "1900-01-01", "1", "0", "1e-07", " 前后空格 "}));
  EXPECT_EQ((*rows)[4].number, 5U);
  // Control characters travel as "_x0001_" escapes and come back as they were.
  EXPECT_EQ((*rows)[5].cells, (Cells{"控制\x01字符\t_x", "", "", "", "", "第一行\r\n第二行"}));

  ReadOptions named;
  named.sheet_name = "统计";
  Result<std::vector<Row>> stats = ReadTable(*bytes, named);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  ASSERT_EQ(stats->size(), 2U);
  EXPECT_EQ((*stats)[1].cells, (Cells{"第一种形态", "62902"}));
}

TEST(XlsxWriterTest, WritesFrozenBoldHeaderDateFormatAndWidths) {
  Result<std::string> bytes = WriteXlsx({LedgerTable()});
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  std::string sheet = ReadZipEntry(*bytes, "xl/worksheets/sheet1.xml");
  EXPECT_NE(
      sheet.find(R"(<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>)"),
      std::string::npos)
      << sheet.substr(0, 800);
  // 姓名: widest value "控制\x01字符\t_x" counts 12, + 2 = 14; 处分决定日期: 12 + 2; 备注:
  // given 30.
  EXPECT_NE(sheet.find(R"(<col min="1" max="1" width="14.7109375" customWidth="1"/>)"),
            std::string::npos)
      << sheet.substr(0, 1200);
  EXPECT_NE(sheet.find(R"(min="2" max="2" width="14.7109375")"), std::string::npos);
  EXPECT_NE(sheet.find(R"(min="6" max="6" width="30.7109375")"), std::string::npos);
  std::string styles = ReadZipEntry(*bytes, "xl/styles.xml");
  EXPECT_NE(styles.find(R"(formatCode="yyyy-mm-dd")"), std::string::npos);
  EXPECT_NE(styles.find(R"(formatCode="0.00%")"), std::string::npos);
  EXPECT_NE(styles.find("<b/>"), std::string::npos);
  // 2026-03-15 is Excel serial 46096.
  EXPECT_NE(sheet.find("<v>46096</v>"), std::string::npos);
}

TEST(XlsxWriterTest, StreamsRowsWithStylesDimensionAndEscapes) {
  Table table;
  table.sheet_name = "台账";
  table.columns = {{"文本", ColumnKind::kText, 0},
                   {"日期", ColumnKind::kDate, 0},
                   {"人次", ColumnKind::kInteger, 0},
                   {"占比", ColumnKind::kPercent, 0}};
  table.rows = {{std::string("a_x0041_b & <c>"), CivilDate{2026, 3, 15}, std::int64_t{7}, 0.5},
                {std::string(" 空格"), std::monostate{}, std::monostate{}, std::monostate{}},
                {std::string("行\r")}};
  Result<std::string> bytes = WriteXlsx({table});
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  const std::string sheet = ReadZipEntry(*bytes, "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find(R"(<dimension ref="A1:D4"/>)"), std::string::npos) << sheet.substr(0, 400);
  // A literal "_x0041_" keeps its meaning through the "_x005F_" escape of its underscore.
  EXPECT_NE(sheet.find("<t>a_x005F_x0041_b &amp; &lt;c&gt;</t>"), std::string::npos) << sheet;
  EXPECT_NE(sheet.find(R"(<t xml:space="preserve"> 空格</t>)"), std::string::npos) << sheet;
  EXPECT_NE(sheet.find("<t>行_x000D_</t>"), std::string::npos) << sheet;
  // Numbers carry their column's format, so that Excel shows 7 and 50.00%; references only
  // after a gap.
  EXPECT_NE(sheet.find(R"(<row r="2"><c t="inlineStr">)"), std::string::npos) << sheet;
  EXPECT_NE(
      sheet.find(
          R"(</is></c><c s="3"><v>46096</v></c><c s="1"><v>7</v></c><c s="2"><v>0.5</v></c></row>)"),
      std::string::npos)
      << sheet;
  EXPECT_NE(sheet.find(R"(<row r="3"><c t="inlineStr"><is><t xml:space="preserve"> 空格</t>)"),
            std::string::npos)
      << sheet;

  Result<std::vector<Row>> rows = ReadTable(*bytes);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  using Cells = std::vector<std::string>;
  ASSERT_EQ(rows->size(), 4U);
  EXPECT_EQ((*rows)[1].cells, (Cells{"a_x0041_b & <c>", "2026-03-15", "7", "0.5"}));
  EXPECT_EQ((*rows)[2].cells, (Cells{" 空格"}));
  EXPECT_EQ((*rows)[3].cells, (Cells{"行\r"}));
}

struct BadTableCase {
  const char* name;
  Table table;
  const char* reason;
  const char* message;
};

TEST(XlsxWriterTest, RefusesBadInputWithChineseMessages) {
  std::vector<Column> date_column = {{"日期", ColumnKind::kDate, 0}};
  std::vector<Column> number_column = {{"人次", ColumnKind::kInteger, 0}};
  std::vector<BadTableCase> cases = {
      {"bad date text",
       {"表", date_column, {{std::string("2026/03/15")}}},
       "xlsx.date",
       "第2行 A列（日期）日期应为 YYYY-MM-DD 格式的有效日期，实际为“2026/03/15”"},
      {"impossible date",
       {"表", date_column, {{CivilDate{2023, 2, 29}}}},
       "xlsx.date",
       "第2行 A列（日期）日期无效：2023-02-29"},
      {"text in number column",
       {"表", number_column, {{std::string("十二")}}},
       "xlsx.cell_type",
       "第2行 A列（人次）应为数字"},
      {"number in date column",
       {"表", date_column, {{std::int64_t{3}}}},
       "xlsx.cell_type",
       "第2行 A列（日期）应为日期"},
      {"invalid utf8",
       {"表", {{"备注"}}, {{std::string("\xD0\xD5")}}},
       "xlsx.text",
       "第2行 A列（备注）不是有效的 UTF-8 文本"},
      {"not a number",
       {"表", {{"分值", ColumnKind::kNumber}}, {{std::numeric_limits<double>::infinity()}}},
       "xlsx.number",
       "第2行 A列（分值）数值无效"},
      {"sheet name with slash",
       {"a/b", {{"备注"}}, {}},
       "xlsx.sheet_name",
       "工作表名称“a/b”不可用：不能为空或重复，不超过 31 个字符，不含 []:*?/\\ 字符"},
      {"no columns", {"表", {}, {}}, "xlsx.columns", "工作表“表”的列数必须在 1 到 16384 之间"},
      {"too many cells",
       {"表", number_column, {{std::int64_t{1}, std::int64_t{2}}}},
       "xlsx.cell_type",
       "第2行的单元格数多于列数"},
  };
  for (const auto& c : cases) {
    Result<std::string> bytes = WriteXlsx({c.table});
    ASSERT_FALSE(bytes.ok()) << c.name;
    EXPECT_EQ(bytes.status().code(), ErrorCode::kInvalidArgument) << c.name;
    EXPECT_EQ(bytes.status().reason(), c.reason) << c.name;
    EXPECT_EQ(bytes.status().message(), c.message) << c.name;
  }
}

TEST(XlsxWriterTest, RefusesDuplicateSheetNames) {
  Table table{"台账", {{"姓名"}}, {}};
  Result<std::string> bytes = WriteXlsx({table, table});
  ASSERT_FALSE(bytes.ok());
  EXPECT_EQ(bytes.status().reason(), "xlsx.sheet_name");
}

TEST(XlsxWriterTest, RowBeforeSheetIsAPreconditionError) {
  XlsxWriter writer("/tmp/kangfu-never-written.xlsx");
  Status status = writer.AddRow({std::string("x")});
  EXPECT_EQ(status.code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(status.reason(), "xlsx.no_sheet");
}

TEST(XlsxWriterTest, UnwritablePathIsAnInternalError) {
  Status status = WriteXlsxFile({Table{"表", {{"姓名"}}, {}}}, "/nonexistent-dir/x.xlsx");
  EXPECT_EQ(status.code(), ErrorCode::kInternal);
  EXPECT_EQ(status.reason(), "xlsx.write");
}

}  // namespace
}  // namespace kangfu::office
