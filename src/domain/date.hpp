#ifndef KANGFU_DOMAIN_DATE_HPP_
#define KANGFU_DOMAIN_DATE_HPP_

// A civil date (Asia/Shanghai calendar day, no time, no zone), stored as a day number so that
// comparison and "the next day" are integer operations on the engine's hot path.

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.hpp"

namespace kangfu::domain {

class Date {
 public:
  // Dates outside [kMinYear, kMaxYear] are refused by Parse and FromCivil.
  static constexpr int kMinYear = 1900;
  static constexpr int kMaxYear = 9999;

  // 1970-01-01.
  constexpr Date() = default;

  // Returns the date for a valid year/month/day; an invalid argument error otherwise
  // (reason "date.invalid"), e.g. 2024-02-30.
  static Result<Date> FromCivil(int year, int month, int day);

  // Parses exactly "YYYY-MM-DD" (ten characters, zero-padded). Anything else — other separators,
  // missing padding, trailing text, a day that does not exist — is an error with reason
  // "date.malformed" or "date.invalid" and a Chinese message naming the text.
  static Result<Date> Parse(std::string_view text);

  static constexpr Date FromDays(int32_t days_since_epoch) { return Date(days_since_epoch); }
  // The first and last representable days, used as "no start" and "no end" sentinels.
  static Date Min();
  static Date Max();

  constexpr int32_t days() const { return days_; }
  int year() const;
  int month() const;
  int day() const;

  // "2024-03-15".
  std::string ToString() const;

  // Same day-of-month `months` later (or earlier, when negative); if that day does not exist in
  // the target month, the last day of that month (rules.md §2: 2024-08-31 + 6 = 2025-02-28).
  Date AddMonths(int months) const;
  constexpr Date AddDays(int32_t days) const { return Date(days_ + days); }

  friend constexpr std::strong_ordering operator<=>(Date a, Date b) { return a.days_ <=> b.days_; }
  friend constexpr bool operator==(Date, Date) = default;

 private:
  constexpr explicit Date(int32_t days) : days_(days) {}
  int32_t days_ = 0;
};

// The number of days in a month of a year (Gregorian).
int DaysInMonth(int year, int month);
bool IsLeapYear(int year);

}  // namespace kangfu::domain

#endif  // KANGFU_DOMAIN_DATE_HPP_
