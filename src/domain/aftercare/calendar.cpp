#include "domain/aftercare/calendar.hpp"

#include <algorithm>
#include <set>
#include <string>

namespace kangfu::domain {
namespace {

Date Jan1(int year) { return *Date::FromCivil(year, 1, 1); }

bool IsWeekend(Date date) {
  const int dow = DayOfWeek(date);
  return dow == 0 || dow == 6;
}

std::string DayField(int year, const char* list, std::size_t index) {
  return "years." + std::to_string(year) + "." + list + "[" + std::to_string(index) + "]";
}

}  // namespace

int DayOfWeek(Date date) {
  // 1970-01-01 was a Thursday (4).
  const int32_t r = (date.days() + 4) % 7;
  return static_cast<int>(r < 0 ? r + 7 : r);
}

Result<WorkCalendar> WorkCalendar::Create(const std::vector<CalendarYear>& years) {
  WorkCalendar calendar;
  if (years.empty()) return calendar;
  std::set<int> seen;
  int lo = years.front().year;
  int hi = years.front().year;
  for (const CalendarYear& y : years) {
    const std::string field = "years." + std::to_string(y.year);
    if (y.year < Date::kMinYear || y.year >= Date::kMaxYear) {
      return Status::Invalid(field, "calendar.year_invalid",
                             "工作日历的年份" + std::to_string(y.year) + "无效，应为" +
                                 std::to_string(Date::kMinYear) + "至" +
                                 std::to_string(Date::kMaxYear - 1) + "之间的年份。");
    }
    if (!seen.insert(y.year).second) {
      return Status::Invalid(
          field, "calendar.year_duplicate",
          "工作日历中" + std::to_string(y.year) + "年出现了两次，请合并为一处。");
    }
    lo = std::min(lo, y.year);
    hi = std::max(hi, y.year);
  }
  calendar.first_year_ = lo;
  calendar.years_.resize(static_cast<std::size_t>(hi - lo) + 1);
  for (const CalendarYear& y : years) {
    Year& year = calendar.years_[static_cast<std::size_t>(y.year - lo)];
    year.covered = true;
    year.first_day = Jan1(y.year).days();
    const int length = IsLeapYear(y.year) ? 366 : 365;
    year.working.assign(static_cast<std::size_t>(length), false);
    for (int d = 0; d < length; ++d) {
      year.working[static_cast<std::size_t>(d)] = !IsWeekend(Date::FromDays(year.first_day + d));
    }
    std::set<int32_t> listed;
    auto check = [&](const std::vector<Date>& days, const char* list, bool working) -> Status {
      for (std::size_t i = 0; i < days.size(); ++i) {
        const Date day = days[i];
        const std::string field = DayField(y.year, list, i);
        if (day.year() != y.year) {
          return Status::Invalid(field, "calendar.date_wrong_year",
                                 "日期" + day.ToString() + "不属于" + std::to_string(y.year) +
                                     "年，请将其列入所属年份。");
        }
        if (!listed.insert(day.days()).second) {
          return Status::Invalid(field, "calendar.day_duplicate",
                                 "日期" + day.ToString() + "在" + std::to_string(y.year) +
                                     "年的安排中重复出现（或同时列为放假和上班），请删除重复项。");
        }
        if (working && !IsWeekend(day)) {
          return Status::Invalid(
              field, "calendar.work_not_weekend",
              "调休上班日" + day.ToString() + "不是周六或周日，本就是工作日，请核对国务院通知。");
        }
        year.working[static_cast<std::size_t>(day.days() - year.first_day)] = working;
      }
      return Status::Ok();
    };
    KANGFU_RETURN_IF_ERROR(check(y.off, "off", false));
    KANGFU_RETURN_IF_ERROR(check(y.work, "work", true));
  }
  return calendar;
}

std::vector<int> WorkCalendar::years() const {
  std::vector<int> out;
  for (std::size_t i = 0; i < years_.size(); ++i) {
    if (years_[i].covered) out.push_back(first_year_ + static_cast<int>(i));
  }
  return out;
}

const WorkCalendar::Year* WorkCalendar::FindYear(int year) const {
  if (year < first_year_ || year >= first_year_ + static_cast<int>(years_.size())) return nullptr;
  const Year& y = years_[static_cast<std::size_t>(year - first_year_)];
  return y.covered ? &y : nullptr;
}

bool WorkCalendar::Covers(int year) const { return FindYear(year) != nullptr; }

Status WorkCalendar::NotCovered(int year) const {
  const std::string y = std::to_string(year);
  return Status::Error(ErrorCode::kFailedPrecondition, "calendar.year_not_covered",
                       "工作日历尚未包含" + y +
                           "年的节假日安排，无法计算工作日。请系统管理员录入国务院办公厅"
                           "关于" +
                           y + "年部分节假日安排的通知后再试。");
}

Result<bool> WorkCalendar::IsWorkingDay(Date date) const {
  const Year* year = FindYear(date.year());
  if (year == nullptr) return NotCovered(date.year());
  return static_cast<bool>(year->working[static_cast<std::size_t>(date.days() - year->first_day)]);
}

Result<Date> WorkCalendar::AddWorkingDays(Date start, int n) const {
  if (n < 0) {
    return Status::Invalid("working_days", "calendar.count_invalid", "工作日天数不能为负数。");
  }
  if (n == 0) return start;
  Date day = start;
  int year_number = start.year();
  const Year* year = FindYear(year_number);
  if (year == nullptr) return NotCovered(year_number);
  int32_t end_of_year = year->first_day + static_cast<int32_t>(year->working.size());
  while (n > 0) {
    day = day.AddDays(1);
    if (day.days() >= end_of_year) {
      ++year_number;
      year = FindYear(year_number);
      if (year == nullptr) return NotCovered(year_number);
      end_of_year = year->first_day + static_cast<int32_t>(year->working.size());
    }
    if (year->working[static_cast<std::size_t>(day.days() - year->first_day)]) --n;
  }
  return day;
}

Result<int> WorkCalendar::WorkingDaysBetween(Date from, Date to) const {
  int count = 0;
  for (Date day = from.AddDays(1); day <= to; day = day.AddDays(1)) {
    Result<bool> working = IsWorkingDay(day);
    if (!working.ok()) return std::move(working).TakeStatus();
    if (*working) ++count;
  }
  return count;
}

}  // namespace kangfu::domain
