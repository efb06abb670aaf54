#include "office/table.hpp"

#include <cstdio>

namespace kangfu::office {

std::string ColumnLetters(std::size_t column_index) {
  std::string letters;
  std::size_t n = column_index + 1;
  while (n > 0) {
    std::size_t rem = (n - 1) % 26;
    letters.insert(letters.begin(), static_cast<char>('A' + rem));
    n = (n - 1) / 26;
  }
  return letters;
}

std::string CellName(std::size_t row_number, std::size_t column_index) {
  return "第" + std::to_string(row_number) + "行 " + ColumnLetters(column_index) + "列";
}

namespace {

// Decodes one code point at `pos`; returns its length, or 0 when the bytes are not valid UTF-8.
std::size_t DecodeUtf8(std::string_view text, std::size_t pos, char32_t& code_point) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char lead = byte(pos);
  if (lead < 0x80) {
    code_point = lead;
    return 1;
  }
  std::size_t length = 0;
  char32_t min = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2;
    code_point = lead & 0x1F;
    min = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    code_point = lead & 0x0F;
    min = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    code_point = lead & 0x07;
    min = 0x10000;
  } else {
    return 0;
  }
  if (pos + length > text.size()) return 0;
  for (std::size_t i = 1; i < length; ++i) {
    unsigned char next = byte(pos + i);
    if ((next & 0xC0) != 0x80) return 0;
    code_point = (code_point << 6) | (next & 0x3F);
  }
  if (code_point < min || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) {
    return 0;
  }
  return length;
}

bool IsWide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

}  // namespace

std::size_t DisplayWidth(std::string_view utf8) {
  std::size_t width = 0;
  std::size_t pos = 0;
  while (pos < utf8.size()) {
    char32_t c = 0;
    std::size_t length = DecodeUtf8(utf8, pos, c);
    if (length == 0) {
      width += 1;
      pos += 1;
      continue;
    }
    width += IsWide(c) ? 2 : 1;
    pos += length;
  }
  return width;
}

bool IsValidUtf8(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    // Fast path for ASCII runs: most ledger text is digits and Latin letters.
    if (static_cast<unsigned char>(text[pos]) < 0x80) {
      ++pos;
      continue;
    }
    char32_t c = 0;
    std::size_t length = DecodeUtf8(text, pos, c);
    if (length == 0) return false;
    pos += length;
  }
  return true;
}

// Howard Hinnant's days_from_civil / civil_from_days (public-domain algorithms, written anew).
std::int64_t DaysFromCivil(CivilDate date) {
  std::int64_t y = date.year - (date.month <= 2 ? 1 : 0);
  std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  std::int64_t yoe = y - era * 400;
  std::int64_t mp = (date.month + 9) % 12;
  std::int64_t doy = (153 * mp + 2) / 5 + date.day - 1;
  std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate CivilFromDays(std::int64_t days) {
  days += 719468;
  std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  std::int64_t doe = days - era * 146097;
  std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  std::int64_t mp = (5 * doy + 2) / 153;
  auto day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  auto month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  auto year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
  return {year, month, day};
}

bool IsValidExcelDate(CivilDate date) {
  if (date.year < 1900 || date.year > 9999 || date.month < 1 || date.month > 12 || date.day < 1) {
    return false;
  }
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (date.year % 4 == 0 && date.year % 100 != 0) || date.year % 400 == 0;
  int max_day = kDays[date.month - 1] + (date.month == 2 && leap ? 1 : 0);
  return date.day <= max_day;
}

std::string FormatIsoDate(CivilDate date) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.year, date.month, date.day);
  return buffer;
}

bool ParseIsoDate(std::string_view text, CivilDate& out) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  auto digits = [&](std::size_t from, std::size_t count, int& value) {
    value = 0;
    for (std::size_t i = from; i < from + count; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      value = value * 10 + (text[i] - '0');
    }
    return true;
  };
  CivilDate date;
  if (!digits(0, 4, date.year) || !digits(5, 2, date.month) || !digits(8, 2, date.day)) {
    return false;
  }
  if (!IsValidExcelDate(date)) return false;
  out = date;
  return true;
}

}  // namespace kangfu::office
