#include "codec/aftercare/calendar_json.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace kangfu::codec {
namespace {

using domain::Date;
using domain::WorkCalendar;

Date D(const char* text) { return *Date::Parse(text); }

WorkCalendar Shipped() {
  Result<WorkCalendar> calendar = ShippedWorkCalendar();
  EXPECT_TRUE(calendar.ok()) << calendar.status().ToString();
  return calendar.ok() ? *calendar : WorkCalendar();
}

TEST(ShippedCalendarTest, CoversTheYearsOfThePublishedNotices) {
  EXPECT_EQ(Shipped().years(), (std::vector<int>{2024, 2025, 2026}));
}

TEST(ShippedCalendarTest, RealDeadlines2024To2026) {
  const WorkCalendar calendar = Shipped();
  struct Case {
    const char* start;
    int n;
    const char* expected;
  };
  const std::vector<Case> cases = {
      {"2025-09-25", 15, "2025-10-22"},  // 国庆 2025 with adjusted 09-28 and 10-11
      {"2024-02-08", 15, "2024-03-06"},  // 春节 2024 with adjusted 02-18
      {"2026-02-13", 3, "2026-02-25"},   // 春节 2026: 02-14 is an adjusted Saturday
      {"2024-12-31", 1, "2025-01-02"},   // across a year boundary and New Year's Day
      {"2025-12-31", 15, "2026-01-22"},  // 元旦 2026 off 01-01..03, adjusted Sunday 01-04
      {"2026-09-18", 15, "2026-10-15"},  // 中秋 + 国庆 2026
      {"2026-12-25", 4, "2026-12-31"},
  };
  for (const Case& c : cases) {
    Result<Date> due = calendar.AddWorkingDays(D(c.start), c.n);
    ASSERT_TRUE(due.ok()) << due.status().ToString();
    EXPECT_EQ(due->ToString(), c.expected) << c.start << " + " << c.n;
  }
  EXPECT_EQ(calendar.AddWorkingDays(D("2026-12-25"), 5).status().reason(),
            "calendar.year_not_covered");
  EXPECT_EQ(*calendar.IsWorkingDay(D("2024-02-04")), true);   // Sunday, 调休上班
  EXPECT_EQ(*calendar.IsWorkingDay(D("2026-01-02")), false);  // Friday off
}

struct Rejected {
  const char* text;
  const char* reason;
  const char* field;
};

TEST(CalendarJsonTest, RejectsBadFilesNamingTheField) {
  const std::vector<Rejected> cases = {
      {"{", "json.malformed", ""},
      {"[]", "calendar.not_object", ""},
      {R"({"source": "x"})", "calendar.years_missing", "years"},
      {R"({"years": []})", "calendar.years_missing", "years"},
      {R"({"years": {}, "extra": 1})", "calendar.unknown_field", "extra"},
      {R"({"years": {"20x5": {"off": [], "work": []}}})", "calendar.year_invalid", "years.20x5"},
      {R"({"years": {"2025": []}})", "calendar.not_object", "years.2025"},
      {R"({"years": {"2025": {"off": []}}})", "calendar.list_invalid", "years.2025.work"},
      {R"({"years": {"2025": {"off": [], "work": [], "notes": ""}}})", "calendar.unknown_field",
       "years.2025.notes"},
      {R"({"years": {"2025": {"off": ["2025-01-01", 3], "work": []}}})", "calendar.date_not_string",
       "years.2025.off[1]"},
      {R"({"years": {"2025": {"off": ["2025-01-01", "2025-1-2"], "work": []}}})", "date.malformed",
       "years.2025.off[1]"},
      {R"({"years": {"2025": {"off": [], "work": ["2025-02-30"]}}})", "date.invalid",
       "years.2025.work[0]"},
      {R"({"years": {"2025": {"off": ["2025-01-01","2025-01-02","2025-01-03","2026-01-01"], "work": []}}})",
       "calendar.date_wrong_year", "years.2025.off[3]"},
      {R"({"years": {"2025": {"off": [], "work": ["2025-01-27"]}}})", "calendar.work_not_weekend",
       "years.2025.work[0]"},
  };
  for (const Rejected& c : cases) {
    Result<WorkCalendar> calendar = DecodeWorkCalendar(c.text);
    ASSERT_FALSE(calendar.ok()) << c.text;
    EXPECT_EQ(calendar.status().code(), ErrorCode::kInvalidArgument) << c.text;
    EXPECT_EQ(calendar.status().reason(), c.reason) << c.text;
    EXPECT_EQ(calendar.status().field(), c.field) << c.text;
    EXPECT_FALSE(calendar.status().message().empty());
  }
}

TEST(CalendarJsonTest, AnAdministratorAddsAYear) {
  std::string text(ShippedHolidayCalendarJson());
  Result<std::vector<domain::CalendarYear>> years = DecodeCalendarYears(text);
  ASSERT_TRUE(years.ok());
  ASSERT_EQ(years->size(), 3U);
  EXPECT_EQ((*years)[1].year, 2025);
  EXPECT_EQ((*years)[1].off.size(), 28U);
  EXPECT_EQ((*years)[1].work.size(), 5U);

  Result<WorkCalendar> edited =
      DecodeWorkCalendar(R"({"years": {"2027": {"off": ["2027-01-01"], "work": []}}})");
  ASSERT_TRUE(edited.ok());
  EXPECT_EQ(*edited->IsWorkingDay(D("2027-01-01")), false);
  EXPECT_EQ(*edited->IsWorkingDay(D("2027-01-04")), true);
}

}  // namespace
}  // namespace kangfu::codec
