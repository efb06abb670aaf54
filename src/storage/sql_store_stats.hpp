#ifndef KANGFU_STORAGE_SQL_STORE_STATS_HPP_
#define KANGFU_STORAGE_SQL_STORE_STATS_HPP_

// Internal to SqlStore: the statistics rollup (case_stats_rollup, migration 0003) — the deltas
// every case and measure write applies in its transaction, and the queries that read whole
// months from it and scan only the partial edge months. SQL for the statistics lives here, so
// that sql_store.cpp only calls in.

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
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
};
// Ordered, so that concurrent writers lock rollup rows in the same order.
using RollupDeltas = std::map<RollupKey, int64_t>;

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
// Upserts the non-zero deltas into case_stats_rollup, a few thousand keys per statement.
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
