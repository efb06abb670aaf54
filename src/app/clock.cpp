#include "app/clock.hpp"

#include <cstdio>

namespace kangfu::app {
namespace {

using std::chrono::days;
using std::chrono::floor;
using std::chrono::seconds;

struct Civil {
  int year;
  unsigned month, day;
  int64_t hour, minute, second;
};

Civil ToCivil(TimePoint at) {
  const auto secs = floor<seconds>(at);
  const auto day = floor<days>(secs);
  const std::chrono::year_month_day ymd{day};
  const int64_t in_day = (secs - day).count();
  return {static_cast<int>(ymd.year()),
          static_cast<unsigned>(ymd.month()),
          static_cast<unsigned>(ymd.day()),
          in_day / 3600,
          in_day / 60 % 60,
          in_day % 60};
}

bool Digits(std::string_view text, std::size_t pos, std::size_t count, int& out) {
  out = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

}  // namespace

Clock SystemClock() {
  return [] { return std::chrono::system_clock::now(); };
}

Clock FixedClock(TimePoint at) {
  return [at] { return at; };
}

std::string FormatTimestamp(TimePoint at) {
  const Civil c = ToCivil(at);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02lld:%02lld:%02lldZ", c.year, c.month,
                c.day, static_cast<long long>(c.hour), static_cast<long long>(c.minute),
                static_cast<long long>(c.second));
  return buffer;
}

std::optional<TimePoint> ParseTimestamp(std::string_view text) {
  if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':' || text[19] != 'Z') {
    return std::nullopt;
  }
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!Digits(text, 0, 4, year) || !Digits(text, 5, 2, month) || !Digits(text, 8, 2, day) ||
      !Digits(text, 11, 2, hour) || !Digits(text, 14, 2, minute) || !Digits(text, 17, 2, second)) {
    return std::nullopt;
  }
  const std::chrono::year_month_day ymd{std::chrono::year{year},
                                        std::chrono::month{static_cast<unsigned>(month)},
                                        std::chrono::day{static_cast<unsigned>(day)}};
  if (!ymd.ok() || hour > 23 || minute > 59 || second > 59) return std::nullopt;
  const TimePoint midnight{std::chrono::sys_days{ymd}};
  return midnight + std::chrono::hours(hour) + std::chrono::minutes(minute) + seconds(second);
}

std::string FormatBeijingMinute(TimePoint at) {
  const Civil c = ToCivil(at + std::chrono::hours(8));
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04d年%u月%u日 %02lld:%02lld", c.year, c.month, c.day,
                static_cast<long long>(c.hour), static_cast<long long>(c.minute));
  return buffer;
}

}  // namespace kangfu::app
