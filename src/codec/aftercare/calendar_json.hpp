#ifndef KANGFU_CODEC_AFTERCARE_CALENDAR_JSON_HPP_
#define KANGFU_CODEC_AFTERCARE_CALENDAR_JSON_HPP_

// The holiday calendar file (data/holidays-cn.json): the State Council's yearly notices.
//
//   {"source": "…", "note": "…",
//    "years": {"2025": {"off": ["2025-01-01", …], "work": ["2025-01-26", …]}, …}}
//
// "off" lists the days off (holidays and weekdays freed by 调休), "work" the weekend days that are
// working days. "source" and "note" are free text. The product ships the file compiled in; an
// administrator may supply an edited one (adding a year once its notice is published) — both go
// through the same parser.

#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "domain/aftercare/calendar.hpp"

namespace kangfu::codec {

// Parses the calendar file. Errors (kInvalidArgument) name the field:
//   json.malformed               not JSON (field empty; the message gives the byte offset)
//   calendar.not_object          the document or a year is not a JSON object (field "" /
//   "years.2025") calendar.years_missing       no "years" object (field "years")
//   calendar.year_invalid        a key of "years" that is not a four-digit year ("years.20x5")
//   calendar.list_invalid        "off" / "work" missing or not an array ("years.2025.off")
//   calendar.date_not_string     an entry that is not a string ("years.2025.off[3]")
//   date.malformed, date.invalid an entry that is not a YYYY-MM-DD date ("years.2025.off[3]")
//   calendar.unknown_field       a key other than source/note/years, off/work
// plus the checks of WorkCalendar::Create (wrong year, duplicate, working day not on a weekend).
Result<std::vector<domain::CalendarYear>> DecodeCalendarYears(std::string_view json_text);
Result<domain::WorkCalendar> DecodeWorkCalendar(std::string_view json_text);

// The calendar file shipped with the product (data/holidays-cn.json, compiled in).
std::string_view ShippedHolidayCalendarJson();
// The shipped calendar, parsed. Fails only if the shipped file is broken (a build defect).
Result<domain::WorkCalendar> ShippedWorkCalendar();

}  // namespace kangfu::codec

#endif  // KANGFU_CODEC_AFTERCARE_CALENDAR_JSON_HPP_
