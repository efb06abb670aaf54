#include "storage/schedule_rollup.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <optional>
#include <tuple>
#include <utility>
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

// One JSON array per `per` entries of `entries`, each entry written by `write`.
template <typename Entries, typename Write>
std::vector<std::string> Batches(const Entries& entries, std::size_t per, Write write) {
  std::vector<std::string> out;
  std::string json;
  std::size_t n = 0;
  for (const auto& entry : entries) {
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

std::size_t Mix(std::size_t seed, uint32_t value) {
  // splitmix64's finaliser over the running value: the keys are small, dense integers.
  uint64_t z = seed + 0x9e3779b97f4a7c15ULL + value;
  z = (z ^ (z >> 30U)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27U)) * 0x94d049bb133111ebULL;
  return static_cast<std::size_t>(z ^ (z >> 31U));
}

// A stored coverage cell: (path index, grain, a, b).
struct Cell {
  int32_t path = 0;
  int32_t grain = 0;
  int32_t a = 0;
  int32_t b = 0;
  bool operator==(const Cell&) const = default;
};
struct CellHash {
  std::size_t operator()(const Cell& c) const {
    std::size_t h = Mix(0, static_cast<uint32_t>(c.path));
    h = Mix(h, static_cast<uint32_t>(c.grain));
    h = Mix(h, static_cast<uint32_t>(c.a));
    return Mix(h, static_cast<uint32_t>(c.b));
  }
};

}  // namespace

int32_t MonthNumber(Date day) { return (day.year() * 12) + day.month() - 1; }

std::size_t ScheduleRollupDelta::KeyHash::operator()(const Key& key) const {
  return Mix(Mix(Mix(0, static_cast<uint32_t>(key.path)), static_cast<uint32_t>(key.x)),
             static_cast<uint32_t>(key.y));
}

int32_t ScheduleRollupDelta::PathIndex(const std::string& unit_path) {
  auto [it, added] = path_index_.try_emplace(unit_path, static_cast<int32_t>(paths_.size()));
  if (added) paths_.push_back(unit_path);
  return it->second;
}

std::vector<int32_t> ScheduleRollupDelta::PathRanks() const {
  std::vector<int32_t> order(paths_.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int32_t>(i);
  std::sort(order.begin(), order.end(), [&](int32_t l, int32_t r) {
    return paths_[static_cast<std::size_t>(l)] < paths_[static_cast<std::size_t>(r)];
  });
  std::vector<int32_t> rank(paths_.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    rank[static_cast<std::size_t>(order[i])] = static_cast<int32_t>(i);
  }
  return rank;
}

void ScheduleRollupDelta::Add(const std::string& unit_path, std::span<const ScheduleItemRow> items,
                              int sign) {
  if (items.empty()) return;
  const int32_t path = PathIndex(unit_path);
  auto point = [&](int32_t x, int32_t y, int64_t due, int64_t bad) {
    Weights& w = points_[{path, x, y}];
    w.due += due * sign;
    w.bad += bad * sign;
  };
  auto event = [&](int32_t day, std::size_t column, int64_t n) {
    events_[{path, day, static_cast<int32_t>(column)}] += n * sign;
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

std::vector<std::string> ScheduleRollupDelta::CoverageJson(std::size_t per) const {
  // Each point into its cells at the four grains. The edge-month grains are prefix sums inside
  // their month, so that a query reads one day of the edge month instead of each: y by day
  // counts at every day from y to its month's end (read at T), x by day (with y by month) at
  // every day from its month's start to x (read at F).
  std::unordered_map<Cell, Weights, CellHash> cells;
  cells.reserve(points_.size() * 8);
  for (const auto& [key, weights] : points_) {
    if (weights.due == 0 && weights.bad == 0) continue;
    auto add = [&](int grain, int32_t a, int32_t b) {
      Weights& w = cells[{key.path, grain, a, b}];
      w.due += weights.due;
      w.bad += weights.bad;
    };
    const int32_t x = key.x;
    const int32_t y = key.y;
    const Date dx = Date::FromDays(x);
    const Date dy = Date::FromDays(y);
    const int32_t x_month_start = x - dx.day() + 1;
    const int32_t y_month_end = y + domain::DaysInMonth(dy.year(), dy.month()) - dy.day();
    const int32_t mx = MonthNumber(dx);
    const int32_t my = MonthNumber(dy);
    for (int32_t cy = y; cy <= y_month_end; ++cy) {
      add(kDayDay, cy, x);
      add(kMonthDay, cy, mx);
    }
    for (int32_t cx = x_month_start; cx <= x; ++cx) add(kDayMonth, cx, my);
    add(kMonthMonth, mx, my);
  }
  std::vector<std::pair<Cell, Weights>> sorted;
  sorted.reserve(cells.size());
  for (const auto& [cell, weights] : cells) {
    if (weights.due != 0 || weights.bad != 0) sorted.emplace_back(cell, weights);
  }
  const std::vector<int32_t> rank = PathRanks();
  std::sort(sorted.begin(), sorted.end(), [&](const auto& l, const auto& r) {
    return std::tuple(rank[static_cast<std::size_t>(l.first.path)], l.first.grain, l.first.a,
                      l.first.b) < std::tuple(rank[static_cast<std::size_t>(r.first.path)],
                                              r.first.grain, r.first.a, r.first.b);
  });
  return Batches(sorted, per, [&](std::string& json, const auto& entry) {
    const Cell& cell = entry.first;
    AppendJsonString(json, paths_[static_cast<std::size_t>(cell.path)]);
    json += ',' + std::to_string(cell.grain) + ',' + std::to_string(cell.a) + ',' +
            std::to_string(cell.b) + ',' + std::to_string(entry.second.due) + ',' +
            std::to_string(entry.second.bad);
  });
}

std::vector<std::string> ScheduleRollupDelta::OverdueJson(std::size_t per) const {
  // Each day's events at the three levels: (path rank, level, bucket) -> events per kind.
  const std::vector<int32_t> rank = PathRanks();
  std::map<std::tuple<int32_t, int, int32_t>, std::array<int64_t, 4>> cells;
  for (const auto& [key, n] : events_) {
    if (n == 0) continue;
    const Date d = Date::FromDays(key.x);
    const auto column = static_cast<std::size_t>(key.y);
    const int32_t path = rank[static_cast<std::size_t>(key.path)];
    for (const auto& [level, bucket] :
         {std::pair{kOverdueDay, key.x}, std::pair{kOverdueMonth, MonthNumber(d)},
          std::pair{kOverdueYear, static_cast<int32_t>(d.year())}}) {
      cells[{path, level, bucket}].at(column) += n;
    }
  }
  std::erase_if(cells, [](const auto& entry) {
    return std::all_of(entry.second.begin(), entry.second.end(), [](int64_t n) { return n == 0; });
  });
  std::vector<std::string> by_rank(paths_.size());
  for (std::size_t i = 0; i < paths_.size(); ++i) {
    by_rank[static_cast<std::size_t>(rank[i])] = paths_[i];
  }
  return Batches(cells, per, [&](std::string& json, const auto& entry) {
    const auto& [path, level, bucket] = entry.first;
    AppendJsonString(json, by_rank[static_cast<std::size_t>(path)]);
    json += ',' + std::to_string(level) + ',' + std::to_string(bucket);
    for (int64_t n : entry.second) json += ',' + std::to_string(n);
  });
}

}  // namespace kangfu::storage
