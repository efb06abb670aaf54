#include "office/table.hpp"

#include <gtest/gtest.h>

namespace kangfu::office {
namespace {

TEST(ColumnLettersTest, NamesColumnsLikeExcel) {
  EXPECT_EQ(ColumnLetters(0), "A");
  EXPECT_EQ(ColumnLetters(2), "C");
  EXPECT_EQ(ColumnLetters(25), "Z");
  EXPECT_EQ(ColumnLetters(26), "AA");
  EXPECT_EQ(ColumnLetters(701), "ZZ");
  EXPECT_EQ(ColumnLetters(702), "AAA");
  EXPECT_EQ(ColumnLetters(16383), "XFD");
  EXPECT_EQ(CellName(3, 2), "第3行 C列");
}

TEST(DisplayWidthTest, CjkCountsDouble) {
  EXPECT_EQ(DisplayWidth(""), 0U);
  EXPECT_EQ(DisplayWidth("abc"), 3U);
  EXPECT_EQ(DisplayWidth("姓名"), 4U);
  EXPECT_EQ(DisplayWidth("留党察看2年"), 11U);
  EXPECT_EQ(DisplayWidth("（一）"), 6U);
  EXPECT_EQ(DisplayWidth("\xff"), 1U);
}

TEST(Utf8Test, AcceptsValidAndRejectsInvalid) {
  EXPECT_TRUE(IsValidUtf8("纪委监委 abc"));
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80"));
  EXPECT_FALSE(IsValidUtf8("\xD0\xD5\xC3\xFB"));  // 姓名 in GBK
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xE4\xB8"));          // truncated
}

TEST(CivilDateTest, ConvertsDaysBothWays) {
  EXPECT_EQ(DaysFromCivil({1970, 1, 1}), 0);
  EXPECT_EQ(DaysFromCivil({2026, 3, 15}), 20527);
  EXPECT_EQ(DaysFromCivil({1899, 12, 30}), -25569);
  EXPECT_EQ(CivilFromDays(20527), (CivilDate{2026, 3, 15}));
  EXPECT_EQ(CivilFromDays(-25569), (CivilDate{1899, 12, 30}));
  EXPECT_EQ(CivilFromDays(DaysFromCivil({2024, 2, 29})), (CivilDate{2024, 2, 29}));
}

TEST(CivilDateTest, ParsesIsoDatesStrictly) {
  struct Case {
    const char* text;
    bool ok;
  };
  for (Case c : {Case{"2026-03-15", true}, Case{"2024-02-29", true}, Case{"2023-02-29", false},
                 Case{"2026-3-15", false}, Case{"2026/03/15", false}, Case{"1899-12-31", false},
                 Case{"2026-13-01", false}, Case{"", false}}) {
    CivilDate date;
    EXPECT_EQ(ParseIsoDate(c.text, date), c.ok) << c.text;
  }
  CivilDate date;
  ASSERT_TRUE(ParseIsoDate("2026-03-15", date));
  EXPECT_EQ(FormatIsoDate(date), "2026-03-15");
}

}  // namespace
}  // namespace kangfu::office
