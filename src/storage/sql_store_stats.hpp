#ifndef KANGFU_STORAGE_SQL_STORE_STATS_HPP_
#define KANGFU_STORAGE_SQL_STORE_STATS_HPP_

// Internal to SqlStore: the statistics rollup (case_stats_rollup, migration 0003) — the deltas
// every case and measure write applies in its transaction, and the queries that read whole
// months from it and scan only the partial edge months. SQL for the statistics lives here, so
// that sql_store.cpp only calls in.

#include <cstdint>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/status.hpp"
#include "storage/records.hpp"
#include "storage/sql_connection.hpp"
#include "storage/stats_records.hpp"

namespace kangfu::storage::stats {

// One row of case_stats_rollup.
struct RollupKey {
  RowId org_id = 0;
  int dim = 0;    // 0 = all cases; otherwise a StatsDimension
  int month = 0;  // yyyymm
  std::string value{};
  int form = 0;

  friend bool operator<(const RollupKey& a, const RollupKey& b) {
    return std::tie(a.org_id, a.dim, a.month, a.value, a.form) <
           std::tie(b.org_id, b.dim, b.month, b.value, b.form);
  }
  friend bool operator==(const RollupKey& a, const RollupKey& b) = default;
};

// The deltas of one write, summed per key in a hash table (a bulk call adds ~15 per case: the
// keys must cost a few integer operations, not a string comparison each). Values (codes) are
// interned once per call; Sorted() gives the keys in RollupKey order, so that concurrent
// writers lock rollup rows in the same order.
class RollupDeltas {
 public:
  // The id of `value` within this object (stable for its lifetime).
  uint32_t Intern(std::string_view value);
  // Adds `delta` to the key (org, dim, month, Intern'd value, form).
  void Add(RowId org_id, int dim, int month, uint32_t value, int form, int64_t delta);
  // The keys whose sum is not zero (a move within one key cancels out), in RollupKey order.
  std::vector<std::pair<RollupKey, int64_t>> Sorted() const;
  bool empty() const { return sums_.empty(); }

 private:
  struct Key {
    RowId org_id;
    int32_t month;
    uint32_t value;
    int16_t dim;
    int16_t form;
    friend bool operator==(const Key& a, const Key& b) = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& k) const noexcept;
  };
  struct ValueHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view v) const noexcept {
      return std::hash<std::string_view>{}(v);
    }
  };
  std::vector<std::string> values_;
  std::unordered_map<std::string, uint32_t, ValueHash, std::equal_to<>> value_ids_;
  std::unordered_map<Key, int64_t, KeyHash> sums_;
};

// What the rollup needs to know about a case.
struct CaseFacts {
  RowId unit_id = 0;
  Date decision_date{};
  int form = 0;
  Discipline discipline = Discipline::kPolitical;
  CaseSource source = CaseSource::kOther;
  std::string level{};
};

// Adds `delta` for the case (dimensions 0-3) at each organisation of `ancestors` (root first,
// the case's unit last) but the unit itself: a statistic adds the cases recorded on its root by
// the unit index instead, which keeps the rollup a fraction of the cases' size.
void AddCase(const CaseFacts& c, std::span<const RowId> ancestors, int64_t delta,
             RollupDeltas& deltas);
// Adds `delta` for one measure of kind `kind` of case `c` (dimension 4).
void AddMeasure(const CaseFacts& c, std::string_view kind, std::span<const RowId> ancestors,
                int64_t delta, RollupDeltas& deltas);
// Upserts the non-zero deltas into case_stats_rollup in key order. SQLite: a prepared
// multi-row VALUES upsert (64 keys a statement) with bound parameters; PostgreSQL: one JSON
// array of a few thousand keys per statement (server-side set-based upsert).
Status Apply(SqlConnection& db, const RollupDeltas& deltas);

// The facts of a stored case (unit, date, form, discipline, source, person_level) and the kinds
// of its measures that are not revoked. kNotFound "case.not_found" (field `field`).
Result<CaseFacts> LoadCaseFacts(SqlConnection& db, RowId case_id, std::string field);
Result<std::vector<std::string>> LoadMeasureKinds(SqlConnection& db, RowId case_id);
// The facts of every stored case whose id is in `ids_json` (a JSON array), by id.
Result<std::map<RowId, CaseFacts>> LoadCasesFacts(SqlConnection& db, const std::string& ids_json);

// The queries behind Store::CountCasesByForm / ByDimension / ByMonth / ByChild; `root` is the
// subtree's root as stored. See store.hpp for the contracts.
Result<FormCounts> CountForms(SqlConnection& db, const Organisation& root, Date from, Date to);
Result<std::vector<KeyedFormCounts>> CountByDimension(SqlConnection& db, const Organisation& root,
                                                      Date from, Date to, StatsDimension dimension);
Result<std::vector<MonthFormCounts>> CountByMonth(SqlConnection& db, const Organisation& root,
                                                  Date from, Date to);
Result<std::vector<OrgFormCounts>> CountByChild(SqlConnection& db, const Organisation& root,
                                                Date from, Date to);

}  // namespace kangfu::storage::stats

#endif  // KANGFU_STORAGE_SQL_STORE_STATS_HPP_
