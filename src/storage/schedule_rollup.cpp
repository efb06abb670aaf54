#include "storage/schedule_rollup.hpp"

#include <algorithm>
#include <limits>
#include <optional>
#include <vector>

namespace kangfu::storage {
namespace {

constexpr int32_t kNever = std::numeric_limits<int32_t>::max();

struct Visit {
  int32_t due = 0;
  int32_t done = kNever;  // the day it was fulfilled; kNever: not fulfilled
};

std::optional<std::size_t> OverdueColumn(const std::string& kind) {
  for (std::size_t i = 0; i < kOverdueKinds.size(); ++i) {
    if (kind == kOverdueKinds.at(i)) return i;
  }
  return std::nullopt;
}

void AppendJsonString(std::string& out, const std::string& text) {
  out += '"';
  for (char ch : text) {
    if (ch == '"' || ch == '\\') out += '\\';
    if (static_cast<unsigned char>(ch) < 0x20) continue;  // never in a path
    out += ch;
  }
  out += '"';
}

// One JSON array per `per` entries of `map`, each entry written by `write`.
template <typename Map, typename Write>
std::vector<std::string> Batches(const Map& map, std::size_t per, Write write) {
  std::vector<std::string> out;
  std::string json;
  std::size_t n = 0;
  for (const auto& entry : map) {
    json += n == 0 ? "[[" : ",[";
    write(json, entry);
    json += ']';
    if (++n == per) {
      out.push_back(json + "]");
      json.clear();
      n = 0;
    }
  }
  if (n > 0) out.push_back(json + "]");
  return out;
}

}  // namespace

int32_t MonthNumber(Date day) { return (day.year() * 12) + day.month() - 1; }

void ScheduleRollupDelta::Add(const std::string& unit_path, std::span<const ScheduleItemRow> items,
                              int sign) {
  auto point = [&](int32_t x, int32_t y, int64_t due, int64_t bad) {
    auto add = [&](int grain, int32_t a, int32_t b) {
      Weights& w = coverage[{unit_path, grain, a, b}];
      w.due += due * sign;
      w.bad += bad * sign;
    };
    const Date dx = Date::FromDays(x);
    const Date dy = Date::FromDays(y);
    const int32_t x_month_start = x - dx.day() + 1;
    const int32_t y_month_end = y + domain::DaysInMonth(dy.year(), dy.month()) - dy.day();
    const int32_t mx = MonthNumber(dx);
    const int32_t my = MonthNumber(dy);
    // Edge-month grains are prefix sums inside their month, so that a query reads one day of
    // the edge month instead of each: y by day counts at every day from y to its month's end
    // (read at T), x by day (with y by month) at every day from its month's start to x (read
    // at F).
    for (int32_t cy = y; cy <= y_month_end; ++cy) {
      add(kDayDay, cy, x);
      add(kMonthDay, cy, mx);
    }
    for (int32_t cx = x_month_start; cx <= x; ++cx) add(kDayMonth, cx, my);
    add(kMonthMonth, mx, my);
  };
  auto event = [&](int32_t day, std::size_t column, int64_t n) {
    const Date d = Date::FromDays(day);
    for (const auto& [level, bucket] :
         {std::pair{kOverdueDay, day}, std::pair{kOverdueMonth, MonthNumber(d)},
          std::pair{kOverdueYear, static_cast<int32_t>(d.year())}}) {
      std::array<int64_t, 4>& counts = overdue[{unit_path, level, bucket}];
      counts.at(column) += n * sign;
    }
  };

  std::vector<Visit> visits;
  for (const ScheduleItemRow& item : items) {
    if (item.kind == "visit") {
      visits.push_back({item.due.days(), item.done_on ? item.done_on->days() : kNever});
    }
    const std::optional<std::size_t> column = OverdueColumn(item.kind);
    if (!column || item.done_on || !item.may_be_overdue) continue;
    const int32_t first = std::max(item.listed_from.days(), item.due.days() + 1);
    if (item.listed_until && item.listed_until->days() < first) continue;
    event(first, *column, 1);
    if (item.listed_until) event(item.listed_until->days() + 1, *column, -1);
  }
  if (visits.empty()) return;

  // Due: the distinct due days, each +1, each consecutive pair -1.
  std::vector<int32_t> days;
  days.reserve(visits.size());
  for (const Visit& v : visits) days.push_back(v.due);
  std::sort(days.begin(), days.end());
  days.erase(std::unique(days.begin(), days.end()), days.end());
  for (std::size_t j = 0; j < days.size(); ++j) {
    point(days[j], days[j], 1, 0);
    if (j + 1 < days.size()) point(days[j], days[j + 1], -1, 0);
  }

  // Bad: L(T) changes only where a visit falls due or is fulfilled late.
  std::vector<int32_t> breaks;
  for (const Visit& v : visits) {
    if (v.done <= v.due) continue;  // fulfilled by its due day: never bad
    breaks.push_back(v.due);
    if (v.done != kNever) breaks.push_back(v.done);
  }
  std::sort(breaks.begin(), breaks.end());
  breaks.erase(std::unique(breaks.begin(), breaks.end()), breaks.end());
  auto latest_open = [&](int32_t t) {
    std::optional<int32_t> latest;
    for (const Visit& v : visits) {
      if (v.due <= t && t < v.done && (!latest || v.due > *latest)) latest = v.due;
    }
    return latest;
  };
  std::optional<int32_t> value;  // L on the current piece
  int32_t start = 0;             // where the current piece began
  for (int32_t t : breaks) {
    const std::optional<int32_t> now = latest_open(t);
    if (now == value) continue;
    if (value) point(*value, t, 0, -1);
    value = now;
    start = t;
    if (value) point(*value, start, 0, 1);
  }
  // A piece still open at the last break never ends (a visit not fulfilled).
}

void ScheduleRollupDelta::Prune() {
  std::erase_if(coverage,
                [](const auto& entry) { return entry.second.due == 0 && entry.second.bad == 0; });
  std::erase_if(overdue, [](const auto& entry) {
    return std::all_of(entry.second.begin(), entry.second.end(), [](int64_t n) { return n == 0; });
  });
}

std::vector<std::string> ScheduleRollupDelta::CoverageJson(std::size_t per) const {
  return Batches(coverage, per, [](std::string& json, const auto& entry) {
    const auto& [path, grain, a, b] = entry.first;
    AppendJsonString(json, path);
    json += ',' + std::to_string(grain) + ',' + std::to_string(a) + ',' + std::to_string(b) + ',' +
            std::to_string(entry.second.due) + ',' + std::to_string(entry.second.bad);
  });
}

std::vector<std::string> ScheduleRollupDelta::OverdueJson(std::size_t per) const {
  return Batches(overdue, per, [](std::string& json, const auto& entry) {
    const auto& [path, level, bucket] = entry.first;
    AppendJsonString(json, path);
    json += ',' + std::to_string(level) + ',' + std::to_string(bucket);
    for (int64_t n : entry.second) json += ',' + std::to_string(n);
  });
}

}  // namespace kangfu::storage
