#include "domain/date.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace kangfu::domain {
namespace {

Date D(const char* text) {
  Result<Date> date = Date::Parse(text);
  EXPECT_TRUE(date.ok()) << text << ": " << date.status().ToString();
  return date.ok() ? *date : Date();
}

TEST(DateTest, ParsesAndFormatsRoundTrip) {
  for (const char* text : {"1900-01-01", "1970-01-01", "2000-02-29", "2024-02-29", "2024-12-31",
                           "2099-07-04", "9999-12-31"}) {
    EXPECT_EQ(D(text).ToString(), text);
  }
}

TEST(DateTest, EpochIsDayZero) {
  EXPECT_EQ(D("1970-01-01").days(), 0);
  EXPECT_EQ(D("1970-01-02").days(), 1);
  EXPECT_EQ(D("1969-12-31").days(), -1);
  EXPECT_EQ(D("2024-03-15").days(), 19797);
}

TEST(DateTest, FieldsOfAParsedDate) {
  Date date = D("2023-11-30");
  EXPECT_EQ(date.year(), 2023);
  EXPECT_EQ(date.month(), 11);
  EXPECT_EQ(date.day(), 30);
}

struct Rejected {
  const char* text;
  const char* reason;
};

TEST(DateTest, RejectsMalformedAndImpossibleDates) {
  const std::vector<Rejected> cases = {
      {"", "date.malformed"},
      {"2024-3-15", "date.malformed"},
      {"2024/03/15", "date.malformed"},
      {"20240315", "date.malformed"},
      {"2024-03-15 ", "date.malformed"},
      {" 2024-03-15", "date.malformed"},
      {"2024-03-1a", "date.malformed"},
      {"2024-03-15T00:00", "date.malformed"},
      {"+024-03-15", "date.malformed"},
      {"2024-02-30", "date.invalid"},
      {"2023-02-29", "date.invalid"},
      {"1900-02-29", "date.invalid"},
      {"2024-13-01", "date.invalid"},
      {"2024-00-10", "date.invalid"},
      {"2024-04-31", "date.invalid"},
      {"2024-01-00", "date.invalid"},
      {"1899-12-31", "date.invalid"},
      {"0000-01-01", "date.invalid"},
  };
  for (const Rejected& c : cases) {
    Result<Date> date = Date::Parse(c.text);
    ASSERT_FALSE(date.ok()) << "accepted \"" << c.text << "\"";
    EXPECT_EQ(date.status().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(date.status().reason(), c.reason) << c.text;
    EXPECT_NE(date.status().message().find("日期"), std::string::npos);
  }
}

TEST(DateTest, InvalidMessageQuotesTheDate) {
  Result<Date> date = Date::Parse("2024-02-30");
  ASSERT_FALSE(date.ok());
  EXPECT_EQ(date.status().message(), "日期“2024-02-30”不存在，请填写有效的日期（1900—9999年）");
}

struct MonthCase {
  const char* from;
  int months;
  const char* to;
};

TEST(DateTest, AddMonthsClampsToMonthEnd) {
  const std::vector<MonthCase> cases = {
      {"2024-03-15", 12, "2025-03-15"},  // plain anniversary
      {"2024-08-31", 6, "2025-02-28"},   // rules.md §2
      {"2024-02-29", 12, "2025-02-28"},  // rules.md §2
      {"2024-02-29", 48, "2028-02-29"},  // leap to leap
      {"2023-01-31", 1, "2023-02-28"},  {"2024-01-31", 1, "2024-02-29"},
      {"2024-01-31", 3, "2024-04-30"},  {"2024-05-31", -3, "2024-02-29"},
      {"2024-03-31", -1, "2024-02-29"}, {"2024-12-15", 1, "2025-01-15"},
      {"2024-01-15", -1, "2023-12-15"}, {"2024-06-30", 0, "2024-06-30"},
      {"2023-07-31", 18, "2025-01-31"}, {"2022-06-30", 60, "2027-06-30"},
      {"2024-10-31", 24, "2026-10-31"}, {"1900-03-31", -1, "1900-02-28"},
  };
  for (const MonthCase& c : cases) {
    EXPECT_EQ(D(c.from).AddMonths(c.months).ToString(), c.to) << c.from << " + " << c.months;
  }
}

TEST(DateTest, AddDaysAndOrdering) {
  EXPECT_EQ(D("2024-02-28").AddDays(1).ToString(), "2024-02-29");
  EXPECT_EQ(D("2024-12-31").AddDays(1).ToString(), "2025-01-01");
  EXPECT_EQ(D("2025-03-01").AddDays(-1).ToString(), "2025-02-28");
  EXPECT_LT(D("2024-03-14"), D("2024-03-15"));
  EXPECT_EQ(D("2024-03-15"), D("2024-03-15"));
  EXPECT_LT(Date::Min(), D("1970-01-01"));
  EXPECT_GT(Date::Max(), D("2999-01-01"));
}

TEST(DateTest, EveryDayOfFourCenturiesRoundTrips) {
  // Exhaustive over the civil conversion: 2000-01-01 .. 2399-12-31 covers every leap rule.
  Date day = D("2000-01-01");
  const Date end = D("2400-01-01");
  int previous_day = 0;
  while (day < end) {
    Result<Date> again = Date::FromCivil(day.year(), day.month(), day.day());
    ASSERT_TRUE(again.ok());
    ASSERT_EQ(*again, day);
    ASSERT_TRUE(day.day() == previous_day + 1 || day.day() == 1) << day.ToString();
    previous_day = day.day();
    day = day.AddDays(1);
  }
}

}  // namespace
}  // namespace kangfu::domain
