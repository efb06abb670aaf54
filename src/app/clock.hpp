#ifndef KANGFU_APP_CLOCK_HPP_
#define KANGFU_APP_CLOCK_HPP_

// The application's only source of "now": use cases take a Clock, tests pass a fixed one.
// Timestamps are stored as UTC text "YYYY-MM-DDTHH:MM:SSZ" (whole seconds), which sorts in time
// order and hashes to the same bytes on every backend.

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace kangfu::app {

using TimePoint = std::chrono::system_clock::time_point;
using Clock = std::function<TimePoint()>;

// The system's wall clock.
Clock SystemClock();
// A clock that always answers `at` (tests).
Clock FixedClock(TimePoint at);

// "2026-11-27T08:00:00Z" (sub-second parts dropped).
std::string FormatTimestamp(TimePoint at);
// The inverse; nullopt unless the text has exactly that form and is a valid time.
std::optional<TimePoint> ParseTimestamp(std::string_view text);
// For messages to users: Beijing time (UTC+8), "2026年11月27日 16:15".
std::string FormatBeijingMinute(TimePoint at);

}  // namespace kangfu::app

#endif  // KANGFU_APP_CLOCK_HPP_
