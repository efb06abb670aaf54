#ifndef KANGFU_DOMAIN_AFTERCARE_CALENDAR_HPP_
#define KANGFU_DOMAIN_AFTERCARE_CALENDAR_HPP_

// The official working-day calendar (工作日历): Monday to Friday are working days, Saturday and
// Sunday are not, except the days the State Council's yearly notice
// (国务院办公厅关于部分节假日安排的 通知) lists as off (放假, including the weekdays given off by
// 调休) or as working (调休上班 on a weekend day). The notice is published one year at a time, so
// the calendar covers only the years it was given; asking about any other year is an error, never a
// guess.

#include <cstdint>
#include <vector>

#include "core/status.hpp"
#include "domain/date.hpp"

namespace kangfu::domain {

// One year of the State Council's notice.
struct CalendarYear {
  int year = 0;
  std::vector<Date> off;   // days off (holidays and the weekdays freed by 调休)
  std::vector<Date> work;  // weekend days that are working days (调休上班)
};

// 0 = Sunday, 1 = Monday … 6 = Saturday.
int DayOfWeek(Date date);

class WorkCalendar {
 public:
  // An empty calendar: covers no year.
  WorkCalendar() = default;

  // Builds a calendar from the notices of some years. Errors (kInvalidArgument, field named as in
  // the calendar file, e.g. "years.2025.off[3]"):
  //   calendar.year_invalid      year outside [Date::kMinYear, Date::kMaxYear - 1]
  //   calendar.year_duplicate    the same year given twice
  //   calendar.date_wrong_year   a day listed under another year
  //   calendar.work_not_weekend  a working day that is a Monday–Friday (it already is one)
  //   calendar.day_duplicate     a day listed twice, or both off and working
  // A day off that falls on a weekend is accepted (the notices list whole holiday spans).
  static Result<WorkCalendar> Create(const std::vector<CalendarYear>& years);

  // The covered years, ascending.
  std::vector<int> years() const;
  bool Covers(int year) const;

  // Whether `date` is a working day. Error kFailedPrecondition "calendar.year_not_covered" (message
  // asks the administrator to add that year's notice) when the year is not covered.
  Result<bool> IsWorkingDay(Date date) const;

  // The n-th working day after `start` (n >= 0). The start day itself is not counted, whether or
  // not it is a working day: "within 15 working days" from an escalation opened on a Friday counts
  // Monday as day 1 (the day after the triggering event is the first day, as 民法典第二百零一条
  // counts periods). n == 0 returns `start` itself. Errors: "calendar.year_not_covered" when the
  // count runs into (or starts in) a year that is not covered; "calendar.count_invalid" for n < 0.
  Result<Date> AddWorkingDays(Date start, int n) const;

  // The number of working days in (from, to] — the inverse of AddWorkingDays: for a working day
  // `to`, WorkingDaysBetween(from, AddWorkingDays(from, n)) == n. Zero when to <= from.
  // Error "calendar.year_not_covered" when a day of the range is in an uncovered year.
  Result<int> WorkingDaysBetween(Date from, Date to) const;

 private:
  struct Year {
    int32_t first_day = 0;      // day number of 1 January
    std::vector<bool> working;  // indexed by day of year
    bool covered = false;
  };
  const Year* FindYear(int year) const;
  Status NotCovered(int year) const;

  int first_year_ = 0;
  std::vector<Year> years_;  // index = year - first_year_
};

}  // namespace kangfu::domain

#endif  // KANGFU_DOMAIN_AFTERCARE_CALENDAR_HPP_
