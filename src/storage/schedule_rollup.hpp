#ifndef KANGFU_STORAGE_SCHEDULE_ROLLUP_HPP_
#define KANGFU_STORAGE_SCHEDULE_ROLLUP_HPP_

// The counts behind visit_coverage and overdue_work (migration 0010), derived from a subject's
// stored schedule (aftercare_records.hpp SchedulePlan) and kept by the store in the same
// transaction as ReplaceSchedule: the subject's old contribution is subtracted and the new one
// added, so that a statistic reads a number of rows bounded by the organisations of its subtree
// and the days / months of its period, whatever the number of subjects.
//
// Coverage (visit_coverage over [F, T]): per subject, the planned visits (kind "visit") with due
// date d and fulfilment day M (none: never). The subject is due when some visit has F <= d <= T,
// and "bad" when some such visit is not fulfilled on or before T (d <= T < M). Both are written as
// weighted points (x, y), x <= y, such that the count for [F, T] is the sum of the weights with
// x >= F and y <= T:
//   due:  +1 at (d_j, d_j) for each distinct due day, -1 at (d_j, d_{j+1}) for consecutive ones
//         (the due days inside a window are consecutive: points minus pairs = 1 when any);
//   bad:  with L(T) = the latest d with d <= T < M (piecewise constant in T), for each piece
//         [t, u) where L = v: +1 at (v, t) and, when u is finite, -1 at (v, u).
// Each point is kept at four grains (x by day or month × y by day or month), so that the whole
// months inside a period are read by month and only the edge months by day; the days of an edge
// month are prefix sums inside that month (y by day: the point counts on every day from y to the
// month's end, read at T; x by day with y by month: on every day from the month's start to x,
// read at F), so that a query reads at most 31 + 2 M + M²/2 rows per organisation for a period
// of M months. Keys (a, b) put the coordinate read exactly first.
//
// Overdue (overdue_work on day D): an item of kind visit / mentor_first_talk / mentor_talk /
// mentor_report, not done, that may be overdue, is overdue on the days [max(listed_from, due+1),
// listed_until]: +1 on the first, -1 on the day after the last; the count on D is the sum of the
// events up to D, kept per day, month and year so that D reads the earlier years, the earlier
// months of its year and the days of its month.

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "storage/aftercare_records.hpp"

namespace kangfu::storage {

// Coverage grains, keyed (a, b): 0 (y day, x day), 1 (x day, y month), 2 (y day, x month),
// 3 (x month, y month). Months are numbered year * 12 + month - 1, days as Date::days().
enum CoverageGrain : int { kDayDay = 0, kDayMonth = 1, kMonthDay = 2, kMonthMonth = 3 };
// Overdue event levels.
enum OverdueLevel : int { kOverdueDay = 0, kOverdueMonth = 1, kOverdueYear = 2 };
// The overdue kinds in column order.
inline constexpr std::array<const char*, 4> kOverdueKinds = {"visit", "mentor_first_talk",
                                                             "mentor_talk", "mentor_report"};

int32_t MonthNumber(Date day);

// The changes to migration 0010's counts of any number of subjects' replans, summed in memory
// and written once (AftercareStore::ReplaceSchedules, ReplanSchedules): kept as the subjects'
// weighted points and overdue events (a few per subject), so that a bulk replan of 500,000
// subjects holds a few hundred thousand entries, and expanded into the stored cells (up to 94 per
// point) only when written, each distinct cell once.
class ScheduleRollupDelta {
 public:
  struct Weights {
    int64_t due = 0;
    int64_t bad = 0;
  };

  // Adds `sign` × the contribution of one subject's items counted under `unit_path`.
  void Add(const std::string& unit_path, std::span<const ScheduleItemRow> items, int sign);

  // The upsert arguments of migration 0010's tables, at most `per` keys each, the keys whose
  // weights sum to zero left out (an unchanged replan writes nothing), in key order:
  // [[unit_path, grain, a, b, due, bad], …] and [[unit_path, level, bucket, visit, first_talk,
  // talk, report], …].
  std::vector<std::string> CoverageJson(std::size_t per) const;
  std::vector<std::string> OverdueJson(std::size_t per) const;

 private:
  struct Key {
    int32_t path = 0;  // index into paths_
    int32_t x = 0;
    int32_t y = 0;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& key) const;
  };

  int32_t PathIndex(const std::string& unit_path);
  // The paths' indexes by path order (the keys are written sorted by path, then the rest).
  std::vector<int32_t> PathRanks() const;

  std::vector<std::string> paths_;
  std::unordered_map<std::string, int32_t> path_index_;
  // (path, x, y) -> the weights of the coverage point.
  std::unordered_map<Key, Weights, KeyHash> points_;
  // (path, day, kind column) -> overdue events on that day (y = the column).
  std::unordered_map<Key, int64_t, KeyHash> events_;
};

}  // namespace kangfu::storage

#endif  // KANGFU_STORAGE_SCHEDULE_ROLLUP_HPP_
