#include "office/table_reader.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "office/zip_test_util.hpp"

namespace kangfu::office {
namespace {

using Cells = std::vector<std::string>;
using testing::MakeZip;
using testing::ZipEntries;

constexpr const char* kWorkbook =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="说明" sheetId="1" r:id="rId1"/><sheet name="台账" sheetId="2" r:id="rId2"/></sheets>
</workbook>)";

constexpr const char* kWorkbookRels =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/ledger.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>)";

constexpr const char* kRootRels =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>)";

// Style 0 general, 1 built-in date 14, 2 custom "yyyy年m月d日", 3 custom "0.00" (not a date),
// 4 built-in time 20 (h:mm, stays a number), 5 custom with a quoted "d" (not a date).
constexpr const char* kStyles =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="3"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>
<numFmt numFmtId="177" formatCode="0.00"/><numFmt numFmtId="178" formatCode="0&quot;d&quot;"/></numFmts>
<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="176"/><xf numFmtId="177"/>
<xf numFmtId="20"/><xf numFmtId="178"/></cellXfs>
</styleSheet>)";

constexpr const char* kSharedStrings =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">
<si><t>姓名</t></si><si><t>张三</t></si>
<si><r><rPr><b/></rPr><t>党内</t></r><r><t xml:space="preserve">警告 </t></r><rPh><t>ケイコク</t></rPh></si>
<si><t xml:space="preserve"> </t></si>
</sst>)";

std::string Sheet(const std::string& rows) {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:D3"/>
<sheetData>)" +
         rows + "</sheetData><mergeCells count=\"0\"/></worksheet>";
}

ZipEntries Workbook(const std::string& ledger_rows) {
  return {{"_rels/.rels", kRootRels},
          {"xl/workbook.xml", kWorkbook},
          {"xl/_rels/workbook.xml.rels", kWorkbookRels},
          {"xl/styles.xml", kStyles},
          {"xl/sharedStrings.xml", kSharedStrings},
          {"xl/worksheets/sheet1.xml",
           Sheet(R"(<row r="1"><c r="A1" t="inlineStr"><is><t>请在台账页填写</t></is></c></row>)")},
          {"xl/worksheets/ledger.xml", Sheet(ledger_rows)}};
}

Result<std::vector<Row>> Read(const ZipEntries& entries, const std::string& sheet = "台账",
                              ReadLimits limits = {}) {
  ReadOptions options;
  options.sheet_name = sheet;
  options.limits = limits;
  return ReadTable(MakeZip(entries), options);
}

TEST(XlsxReaderTest, ReadsEveryCellKind) {
  auto rows = Read(Workbook(
      R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>2</v></c></row>
<row r="3" spans="1:9"><c r="A3" t="s"><v>1</v></c><c r="B3" s="1"><v>46096</v></c>
<c r="C3" s="2"><v>45351.75</v></c><c r="D3" s="3"><v>3.5</v></c><c r="E3" t="b"><v>1</v></c>
<c r="F3" t="b"><v>0</v></c><c r="G3" t="e"><v>#N/A</v></c><c r="H3" t="str"><f>A3</f><v>张三</v></c>
<c r="I3" s="4"><v>0.5</v></c><c r="J3" s="5"><v>7</v></c><c r="K3"><v>1.0E+2</v></c>
<c r="L3" t="d"><v>2026-03-15T00:00:00</v></c><c r="M3" t="s"><v>3</v></c><c r="N3"/></row>
<row r="4"><c r="A4"><v>110101199003078515</v></c><c r="B4" s="1"><v>1</v></c><c r="C4" s="1"><v>61</v></c></row>
<row r="5"/>)"));
  ASSERT_TRUE(rows.ok()) << rows.status().ToString() << rows.status().internal();
  ASSERT_EQ(rows->size(), 3U);
  EXPECT_EQ((*rows)[0].number, 1U);
  EXPECT_EQ((*rows)[0].cells, (Cells{"姓名", "", "党内警告 "}));
  EXPECT_EQ((*rows)[1].number, 3U);
  EXPECT_EQ((*rows)[1].cells, (Cells{"张三", "2026-03-15", "2024-02-29", "3.5", "TRUE", "FALSE",
                                     "#N/A", "张三", "0.5", "7", "100", "2026-03-15", " "}));
  EXPECT_EQ((*rows)[2].number, 4U);
  // An 18-digit ID number stored as a number has lost its last digits; the importer's checksum
  // rejects it, the reader shows what the file holds.
  EXPECT_EQ((*rows)[2].cells, (Cells{"110101199003078512", "1900-01-01", "1900-03-01"}));
}

TEST(XlsxReaderTest, ReadsTheFirstSheetByDefaultAndCellsWithoutReferences) {
  auto entries = Workbook("");
  entries[5].second = Sheet(R"(<row><c><v>1</v></c><c t="inlineStr"><is><t>a</t></is></c></row>
<row><c r="B2"><v>2</v></c></row>)");
  auto rows = Read(entries, "");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString() << rows.status().internal();
  ASSERT_EQ(rows->size(), 2U);
  EXPECT_EQ((*rows)[0].cells, (Cells{"1", "a"}));
  EXPECT_EQ((*rows)[1].number, 2U);
  EXPECT_EQ((*rows)[1].cells, (Cells{"", "2"}));
}

TEST(XlsxReaderTest, HandlesNamespacePrefixesAndDate1904) {
  ZipEntries entries = {
      {"xl/workbook.xml",
       R"(<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:workbookPr date1904="1"/><x:sheets><x:sheet name="S" sheetId="1"/></x:sheets></x:workbook>)"},
      {"xl/styles.xml",
       R"(<x:styleSheet xmlns:x="m"><x:cellXfs><x:xf numFmtId="0"/><x:xf numFmtId="14"/></x:cellXfs></x:styleSheet>)"},
      {"xl/worksheets/sheet1.xml",
       R"(<x:worksheet xmlns:x="m"><x:sheetData><x:row r="2"><x:c r="A2" s="1"><x:v>0</x:v></x:c><x:c r="B2" t="inlineStr"><x:is><x:t>甲</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>)"},
  };
  auto rows = Read(entries, "");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString() << rows.status().internal();
  ASSERT_EQ(rows->size(), 1U);
  EXPECT_EQ((*rows)[0].cells, (Cells{"1904-01-01", "甲"}));
}

TEST(XlsxReaderTest, StreamsRowsAndStopsOnTheCallbacksError) {
  std::string rows_xml;
  for (int r = 1; r <= 5000; ++r) {
    rows_xml += "<row r=\"" + std::to_string(r) + "\"><c r=\"A" + std::to_string(r) + "\"><v>" +
                std::to_string(r) + "</v></c></row>";
  }
  std::size_t seen = 0;
  ReadOptions options;
  options.sheet_name = "台账";
  Status status = ReadXlsx(MakeZip(Workbook(rows_xml)), options, [&](const Row& row) {
    ++seen;
    if (row.cells != Cells{std::to_string(row.number)}) return Status::Internal("wrong row");
    if (row.number == 4321) return Status::Invalid("x", "stop.here", "停");
    return Status::Ok();
  });
  EXPECT_EQ(status.reason(), "stop.here");
  EXPECT_EQ(seen, 4321U);
}

struct BadCase {
  std::string name;
  std::string bytes;
  ReadLimits limits;
  ErrorCode code;
  std::string reason;
  std::string message;  // empty: not checked
};

std::vector<BadCase> MalformedCorpus() {
  std::string good = MakeZip(Workbook(R"(<row r="1"><c r="A1" t="s"><v>1</v></c></row>)"));
  ReadLimits small;
  small.max_rows = 2;
  small.max_columns = 3;
  ReadLimits cell_limit;
  cell_limit.max_cell_bytes = 4;
  ReadLimits tiny_entry;
  tiny_entry.max_entry_bytes = 100;
  ZipEntries no_shared = Workbook(R"(<row r="1"><c r="A1" t="s"><v>0</v></c></row>)");
  no_shared.erase(no_shared.begin() + 4);
  ZipEntries inline_cell = no_shared;
  inline_cell.back().second = Sheet(R"(<row r="2"><c r="C2"><v>12345</v></c></row>)");
  ZipEntries no_workbook = Workbook("");
  no_workbook.erase(no_workbook.begin() + 1);
  ZipEntries no_sheet = Workbook("");
  no_sheet.pop_back();
  // A 20 MB run of zeros deflates to a few kilobytes: a small zip bomb.
  ZipEntries bomb = Workbook("");
  std::string zeros;
  zeros.resize(20'000'000, '0');
  bomb.back().second = Sheet("<row r=\"1\"><c r=\"A1\"><v>" + zeros + "</v></c></row>");
  std::string bomb_bytes = MakeZip(bomb);
  ReadLimits bomb_limits;
  bomb_limits.max_entry_bytes = 10'000'000;
  return {
      {"empty",
       "",
       {},
       ErrorCode::kInvalidArgument,
       "xlsx.not_zip",
       "文件不是有效的 Excel (.xlsx) 文件或已损坏，请用 Excel 重新另存为 .xlsx 后再导入"},
      {"truncated zip",
       good.substr(0, good.size() / 2),
       {},
       ErrorCode::kInvalidArgument,
       "xlsx.not_zip",
       ""},
      {"signature only", "PK\x03\x04", {}, ErrorCode::kInvalidArgument, "xlsx.not_zip", ""},
      {"missing sharedStrings",
       MakeZip(no_shared),
       {},
       ErrorCode::kInvalidArgument,
       "xlsx.missing_part",
       "Excel 文件缺少必要的组成部分（sharedStrings.xml），请用 Excel 重新另存后再导入"},
      {"missing workbook",
       MakeZip(no_workbook),
       {},
       ErrorCode::kInvalidArgument,
       "xlsx.missing_part",
       "Excel 文件缺少必要的组成部分（xl/workbook.xml），请用 Excel 重新另存后再导入"},
      {"missing sheet part",
       MakeZip(no_sheet),
       {},
       ErrorCode::kInvalidArgument,
       "xlsx.missing_part",
       ""},
      {"bad xml in a row",
       MakeZip(Workbook(R"(<row r="1"><c r="A1"><v>1</c></row>)")),
       {},
       ErrorCode::kInvalidArgument,
       "xlsx.bad_xml",
       "Excel 文件内容已损坏（xl/worksheets/ledger.xml 格式错误），请用 Excel 重新另存后再导入"},
      {"truncated sheet xml",
       MakeZip([&] {
         auto e = Workbook("");
         e.back().second = "<worksheet><sheetData><row r=\"1\"><c><v>1</v></c></row>";
         return e;
       }()),
       {},
       ErrorCode::kInvalidArgument,
       "xlsx.bad_xml",
       ""},
      {"bad workbook xml",
       MakeZip([&] {
         auto e = Workbook("");
         e[1].second = "<workbook><sheets>";
         return e;
       }()),
       {},
       ErrorCode::kInvalidArgument,
       "xlsx.bad_xml",
       ""},
      {"shared string out of range",
       MakeZip(Workbook(R"(<row r="1"><c r="B1" t="s"><v>99</v></c></row>)")),
       {},
       ErrorCode::kInvalidArgument,
       "xlsx.shared_string",
       "第1行 B列：引用了不存在的共享字符串，文件已损坏"},
      {"bad cell reference",
       MakeZip(Workbook(R"(<row r="1"><c r="1A"><v>1</v></c></row>)")),
       {},
       ErrorCode::kInvalidArgument,
       "xlsx.cell_ref",
       "第1行：单元格引用“1A”无效"},
      {"rows out of order",
       MakeZip(Workbook(R"(<row r="2"><c><v>1</v></c></row><row r="1"><c><v>1</v></c></row>)")),
       {},
       ErrorCode::kInvalidArgument,
       "xlsx.cell_ref",
       "Excel 文件中的行号“1”无效或顺序错乱"},
      {"huge dimension and column",
       MakeZip(Workbook(R"(<row r="1"><c r="XFD1048576"><v>1</v></c></row>)")),
       {},
       ErrorCode::kResourceExhausted,
       "table.too_large",
       "第1行 XFD列：超过最多 1024 列的上限"},
      {"absurd column letters",
       MakeZip(Workbook(R"(<row r="1"><c r="ZZZZZZZZZZ1"><v>1</v></c></row>)")),
       {},
       ErrorCode::kInvalidArgument,
       "xlsx.cell_ref",
       "第1行：单元格引用“ZZZZZZZZZZ1”无效"},
      {"too many rows", MakeZip(Workbook(R"(<row r="3"><c r="A3"><v>1</v></c></row>)")), small,
       ErrorCode::kResourceExhausted, "table.too_large",
       "第3行：超过最多 2 行的上限，请拆分文件后再导入"},
      {"too many columns", MakeZip(Workbook(R"(<row r="1"><c r="D1"><v>1</v></c></row>)")), small,
       ErrorCode::kResourceExhausted, "table.too_large", "第1行 D列：超过最多 3 列的上限"},
      {"cell too large", MakeZip(inline_cell), cell_limit, ErrorCode::kResourceExhausted,
       "table.too_large", "第2行 C列：单元格内容超过 4 字节的上限"},
      {"entry larger than allowed", good, tiny_entry, ErrorCode::kResourceExhausted,
       "table.too_large", ""},
      {"zip bomb", bomb_bytes, bomb_limits, ErrorCode::kResourceExhausted, "table.too_large",
       "Excel 文件中的 xl/worksheets/ledger.xml 解压后超过 9 MB 上限，请拆分文件后再导入"},
  };
}

TEST(XlsxReaderTest, RefusesMalformedInputWithStatusNeverACrash) {
  for (const BadCase& c : MalformedCorpus()) {
    ReadOptions options;
    options.sheet_name = "台账";
    options.limits = c.limits;
    std::size_t rows = 0;
    Status status = ReadXlsx(c.bytes, options, [&](const Row&) {
      ++rows;
      return Status::Ok();
    });
    EXPECT_EQ(status.code(), c.code) << c.name << ": " << status.ToString();
    EXPECT_EQ(status.reason(), c.reason) << c.name << ": " << status.ToString();
    if (!c.message.empty()) {
      EXPECT_EQ(status.message(), c.message) << c.name;
    }
    // A streaming reader may hand over rows before it meets the fault; never more than exist.
    EXPECT_LE(rows, 1U) << c.name;
  }
}

TEST(XlsxReaderTest, UnknownSheetIsNotFound) {
  auto rows = Read(Workbook(""), "不存在");
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(rows.status().reason(), "xlsx.sheet_not_found");
  EXPECT_EQ(rows.status().message(), "Excel 文件中没有名为“不存在”的工作表");
}

TEST(XlsxReaderTest, MissingFileIsNotFound) {
  Status status =
      ReadXlsxFile("/nonexistent/ledger.xlsx", {}, [](const Row&) { return Status::Ok(); });
  EXPECT_EQ(status.code(), ErrorCode::kNotFound);
  EXPECT_EQ(status.reason(), "table.open");
}

TEST(XlsxReaderTest, EmptySheetGivesNoRows) {
  for (const char* sheet_data : {"<sheetData/>", "<sheetData></sheetData>"}) {
    auto entries = Workbook("");
    entries.back().second = std::string("<worksheet>") + sheet_data + "</worksheet>";
    auto rows = Read(entries);
    ASSERT_TRUE(rows.ok()) << sheet_data << rows.status().ToString() << rows.status().internal();
    EXPECT_TRUE(rows->empty()) << sheet_data;
  }
}

TEST(TableFileTest, ReadsXlsxAndCsvFilesBySignature) {
  struct Case {
    const char* path;
    std::string bytes;
    Cells first;
  };
  std::vector<Case> cases = {
      {"/tmp/kangfu-table-file-test.xlsx", MakeZip(Workbook("")), Cells{"请在台账页填写"}},
      {"/tmp/kangfu-table-file-test.csv", "\xd0\xd5\xc3\xfb,x\n", Cells{"姓名", "x"}},
  };
  for (const Case& c : cases) {
    {
      std::ofstream out(c.path, std::ios::binary);
      out << c.bytes;
    }
    std::vector<Row> rows;
    Status status = ReadTableFile(c.path, {}, [&](const Row& row) {
      rows.push_back(row);
      return Status::Ok();
    });
    std::remove(c.path);
    ASSERT_TRUE(status.ok()) << c.path << status.ToString();
    ASSERT_EQ(rows.size(), 1U) << c.path;
    EXPECT_EQ(rows[0].cells, c.first) << c.path;
  }
  Status missing = ReadTableFile("/nonexistent/x.csv", {}, [](const Row&) { return Status::Ok(); });
  EXPECT_EQ(missing.reason(), "table.open");
  EXPECT_EQ(missing.message(), "无法打开文件：/nonexistent/x.csv");
}

TEST(CsvReaderTest, ReadsUtf8WithBomAndRfc4180Quoting) {
  auto rows = ReadTable(
      "\xEF\xBB\xBF姓名,单位职务,备注\r\n张三,\"县纪委,副书记\",\"他说\"\"好\"\"\"\r\n\r\n李四,,"
      "\"两\n行\"\n");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 3U);
  EXPECT_EQ((*rows)[0].cells, (Cells{"姓名", "单位职务", "备注"}));
  EXPECT_EQ((*rows)[1].cells, (Cells{"张三", "县纪委,副书记", "他说\"好\""}));
  EXPECT_EQ((*rows)[2].number, 4U);
  EXPECT_EQ((*rows)[2].cells, (Cells{"李四", "", "两\n行"}));
}

TEST(CsvReaderTest, ConvertsGbkAsSavedByExcelInChina) {
  // "姓名,单位\n张三,\"纪委,监委\"\n" in GB18030/GBK.
  std::string gbk =
      "\xd0\xd5\xc3\xfb,\xb5\xa5\xce\xbb\n\xd5\xc5\xc8\xfd,\"\xbc\xcd\xce\xaf,\xbc\xe0\xce\xaf\"\n";
  auto rows = ReadTable(gbk);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 2U);
  EXPECT_EQ((*rows)[0].cells, (Cells{"姓名", "单位"}));
  EXPECT_EQ((*rows)[1].cells, (Cells{"张三", "纪委,监委"}));
}

TEST(CsvReaderTest, RefusesBrokenInputNamingTheCell) {
  struct Case {
    std::string text;
    ReadLimits limits;
    std::string reason;
    std::string message;
  };
  ReadLimits small;
  small.max_rows = 2;
  small.max_columns = 2;
  small.max_cell_bytes = 3;
  std::vector<Case> cases = {
      {"a,b\nc,\"open", {}, "csv.quote", "第2行 B列：引号未闭合，请检查该单元格"},
      {"a,\"x\"y\n", {}, "csv.quote", "第1行 B列：右引号后出现多余字符，请检查该单元格"},
      {"\x81\x20",
       {},
       "csv.encoding",
       "CSV 文件的编码无法识别，请另存为 UTF-8 或 GBK 编码的 CSV 后再导入"},
      {"\xEF\xBB\xBF\xD0\xD5",
       {},
       "csv.encoding",
       "CSV 文件带有 UTF-8 标记但内容不是有效的 UTF-8，请重新另存后再导入"},
      {"a\nb\nc\n", small, "table.too_large", "第3行：超过最多 2 行的上限，请拆分文件后再导入"},
      {"a,b,c\n", small, "table.too_large", "第1行 C列：超过最多 2 列的上限"},
      {"a\nabcd\n", small, "table.too_large", "第2行 A列：单元格内容超过 3 字节的上限"},
  };
  for (const Case& c : cases) {
    ReadOptions options;
    options.limits = c.limits;
    Status status = ReadCsv(c.text, options, [](const Row&) { return Status::Ok(); });
    EXPECT_EQ(status.reason(), c.reason) << c.text;
    EXPECT_EQ(status.message(), c.message) << c.text;
  }
}

}  // namespace
}  // namespace kangfu::office
