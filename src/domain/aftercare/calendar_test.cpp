#include "domain/aftercare/calendar.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "domain/aftercare/test_support.hpp"

namespace kangfu::domain {
namespace {

using testing::Calendar2025;
using testing::D;

std::vector<Date> Ds(std::initializer_list<const char*> texts) {
  std::vector<Date> out;
  out.reserve(texts.size());
  for (const char* t : texts) out.push_back(D(t));
  return out;
}

TEST(DayOfWeekTest, KnownDays) {
  EXPECT_EQ(DayOfWeek(D("1970-01-01")), 4);
  EXPECT_EQ(DayOfWeek(D("1969-12-28")), 0);  // negative day numbers
  EXPECT_EQ(DayOfWeek(D("2025-10-01")), 3);
  EXPECT_EQ(DayOfWeek(D("2025-10-11")), 6);
  EXPECT_EQ(DayOfWeek(D("2026-11-27")), 5);
}

TEST(WorkCalendarTest, WorkingDaysFollowWeekendsHolidaysAndAdjustedDays) {
  const WorkCalendar calendar = Calendar2025();
  struct Case {
    const char* day;
    bool working;
  };
  const std::vector<Case> cases = {
      {"2025-09-26", true},   // Friday
      {"2025-09-27", false},  // Saturday
      {"2025-09-28", true},   // Sunday, 调休上班
      {"2025-10-01", false},  // 国庆
      {"2025-10-08", false},  // Wednesday given off
      {"2025-10-09", true},   // Thursday
      {"2025-10-11", true},   // Saturday, 调休上班
      {"2025-10-12", false},  // Sunday
      {"2025-05-31", false},  // Saturday holiday (端午)
      {"2025-06-02", false},  // Monday holiday
      {"2025-06-03", true},
  };
  for (const Case& c : cases) {
    Result<bool> working = calendar.IsWorkingDay(D(c.day));
    ASSERT_TRUE(working.ok()) << c.day;
    EXPECT_EQ(*working, c.working) << c.day;
  }
}

TEST(WorkCalendarTest, AddWorkingDaysCountsFromTheDayAfter) {
  const WorkCalendar calendar = Calendar2025();
  struct Case {
    const char* start;
    int n;
    const char* expected;
  };
  const std::vector<Case> cases = {
      {"2025-09-25", 0, "2025-09-25"},
      {"2025-09-25", 1, "2025-09-26"},
      {"2025-09-26", 1, "2025-09-28"},  // Friday -> the adjusted Sunday
      {"2025-09-30", 1, "2025-10-09"},  // across 国庆
      // 15 working days from a Thursday before 国庆: crosses the holiday and both adjusted days.
      {"2025-09-25", 15, "2025-10-22"},
      {"2025-10-01", 1, "2025-10-09"},  // a start on a holiday is not counted either
      {"2025-01-24", 5, "2025-02-07"},  // 春节 with the adjusted Sunday 01-26
      {"2025-03-07", 5, "2025-03-14"},  // ordinary weeks
  };
  for (const Case& c : cases) {
    Result<Date> due = calendar.AddWorkingDays(D(c.start), c.n);
    ASSERT_TRUE(due.ok()) << c.start << " + " << c.n << ": " << due.status().ToString();
    EXPECT_EQ(due->ToString(), c.expected) << c.start << " + " << c.n;
    Result<int> between = calendar.WorkingDaysBetween(D(c.start), *due);
    ASSERT_TRUE(between.ok());
    EXPECT_EQ(*between, c.n) << c.start << " .. " << c.expected;
  }
}

TEST(WorkCalendarTest, WorkingDaysBetweenIsZeroForEmptyRanges) {
  const WorkCalendar calendar = Calendar2025();
  EXPECT_EQ(*calendar.WorkingDaysBetween(D("2025-10-22"), D("2025-10-22")), 0);
  EXPECT_EQ(*calendar.WorkingDaysBetween(D("2025-10-22"), D("2025-09-01")), 0);
  EXPECT_EQ(*calendar.WorkingDaysBetween(D("2025-10-01"), D("2025-10-08")), 0);
}

TEST(WorkCalendarTest, UncoveredYearIsAnErrorNeverAGuess) {
  const WorkCalendar calendar = Calendar2025();
  EXPECT_EQ(calendar.years(), std::vector<int>{2025});
  EXPECT_TRUE(calendar.Covers(2025));
  EXPECT_FALSE(calendar.Covers(2026));

  Result<bool> working = calendar.IsWorkingDay(D("2026-01-05"));
  ASSERT_FALSE(working.ok());
  EXPECT_EQ(working.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(working.status().reason(), "calendar.year_not_covered");
  EXPECT_EQ(working.status().message(),
            "工作日历尚未包含2026年的节假日安排，无法计算工作日。请系统管理员录入国务院办公厅关于"
            "2026年部分节假日安排的通知后再试。");

  // A count that runs past the end of the covered year fails too.
  Result<Date> due = calendar.AddWorkingDays(D("2025-12-24"), 15);
  ASSERT_FALSE(due.ok());
  EXPECT_EQ(due.status().reason(), "calendar.year_not_covered");
  EXPECT_NE(due.status().message().find("2026年"), std::string::npos);
  // … but one that stays inside it does not.
  EXPECT_EQ(calendar.AddWorkingDays(D("2025-12-24"), 5)->ToString(), "2025-12-31");

  EXPECT_EQ(calendar.AddWorkingDays(D("2024-12-31"), 1).status().reason(),
            "calendar.year_not_covered");
  EXPECT_EQ(calendar.WorkingDaysBetween(D("2024-12-30"), D("2025-01-03")).status().reason(),
            "calendar.year_not_covered");
  EXPECT_EQ(WorkCalendar().IsWorkingDay(D("2025-01-02")).status().reason(),
            "calendar.year_not_covered");
}

TEST(WorkCalendarTest, NegativeCountIsRefused) {
  Result<Date> due = Calendar2025().AddWorkingDays(D("2025-03-03"), -1);
  ASSERT_FALSE(due.ok());
  EXPECT_EQ(due.status().reason(), "calendar.count_invalid");
  EXPECT_EQ(due.status().field(), "working_days");
}

TEST(WorkCalendarTest, RejectsInconsistentNotices) {
  struct Case {
    std::vector<CalendarYear> years;
    const char* reason;
    const char* field;
  };
  const std::vector<Case> cases = {
      {{{2025, Ds({"2024-10-01"}), {}}}, "calendar.date_wrong_year", "years.2025.off[0]"},
      {{{2025, Ds({"2025-10-01"}), Ds({"2025-10-09"})}},
       "calendar.work_not_weekend",
       "years.2025.work[0]"},
      {{{2025, Ds({"2025-10-01", "2025-10-02", "2025-10-01"}), {}}},
       "calendar.day_duplicate",
       "years.2025.off[2]"},
      {{{2025, Ds({"2025-10-11"}), Ds({"2025-10-11"})}},
       "calendar.day_duplicate",
       "years.2025.work[0]"},
      {{{2025, {}, {}}, {2025, {}, {}}}, "calendar.year_duplicate", "years.2025"},
      {{{1899, {}, {}}}, "calendar.year_invalid", "years.1899"},
  };
  for (const Case& c : cases) {
    Result<WorkCalendar> calendar = WorkCalendar::Create(c.years);
    ASSERT_FALSE(calendar.ok()) << c.reason;
    EXPECT_EQ(calendar.status().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(calendar.status().reason(), c.reason);
    EXPECT_EQ(calendar.status().field(), c.field);
    EXPECT_FALSE(calendar.status().message().empty());
  }
}

TEST(WorkCalendarTest, NonContiguousYearsLeaveAGap) {
  Result<WorkCalendar> calendar = WorkCalendar::Create({{2027, {}, {}}, {2025, {}, {}}});
  ASSERT_TRUE(calendar.ok());
  EXPECT_EQ(calendar->years(), (std::vector<int>{2025, 2027}));
  EXPECT_FALSE(calendar->Covers(2026));
  EXPECT_EQ(calendar->AddWorkingDays(D("2025-12-31"), 1).status().reason(),
            "calendar.year_not_covered");
}

}  // namespace
}  // namespace kangfu::domain
