#include "storage/sql_store_stats.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <utility>

#include "storage/sql_area.hpp"

namespace kangfu::storage::stats {
namespace {

// ---------------------------------------------------------------------------------------------
// Named statements.

// $1: [[org_id, dim, month, value, form, n], …] with distinct keys (PostgreSQL refuses to update
// one row twice in a statement). "WHERE true" tells SQLite's parser that ON CONFLICT is the
// upsert.
constexpr SqlStatement kRollupUpsert = {
    "stats_rollup_upsert",
    "INSERT INTO case_stats_rollup (org_id, dim, month, value, form, n) "
    "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), "
    "json_extract(value, '$[2]'), json_extract(value, '$[3]'), json_extract(value, '$[4]'), "
    "json_extract(value, '$[5]') FROM json_each($1) WHERE true "
    "ON CONFLICT (org_id, dim, month, value, form) DO UPDATE SET n = case_stats_rollup.n + "
    "excluded.n",
    "INSERT INTO case_stats_rollup (org_id, dim, month, value, form, n) "
    "SELECT (e->>0)::bigint, (e->>1)::smallint, (e->>2)::integer, e->>3, (e->>4)::smallint, "
    "(e->>5)::bigint FROM json_array_elements($1::json) AS e "
    "ON CONFLICT (org_id, dim, month, value, form) DO UPDATE SET n = case_stats_rollup.n + "
    "excluded.n"};

// SQLite: the same upsert with `rows` rows of bound parameters ($1…$6 the first row, $7…
// the second, …), keys distinct within a statement.
constexpr std::size_t kRollupColumns = 6;
constexpr std::size_t kRollupRowsPerStatement = 64;
std::string RollupValuesSql(std::size_t rows) {
  std::string sql = "INSERT INTO case_stats_rollup (org_id, dim, month, value, form, n) VALUES ";
  for (std::size_t r = 0; r < rows; ++r) {
    sql += r == 0 ? "(" : ", (";
    for (std::size_t c = 0; c < kRollupColumns; ++c) {
      sql += (c == 0 ? "$" : ", $") + std::to_string(r * kRollupColumns + c + 1);
    }
    sql += ')';
  }
  sql +=
      " ON CONFLICT (org_id, dim, month, value, form) DO UPDATE SET n = case_stats_rollup.n + "
      "excluded.n";
  return sql;
}

constexpr SqlStatement kCaseFacts = {
    "stats_case_facts",
    "SELECT id, unit_id, decision_date, form, discipline, source, person_level FROM cases "
    "WHERE id = $1"};
constexpr SqlStatement kCasesFacts = {
    "stats_cases_facts",
    "SELECT id, unit_id, decision_date, form, discipline, source, person_level FROM cases "
    "WHERE id IN (SELECT value FROM json_each($1))",
    "SELECT id, unit_id, decision_date, form, discipline, source, person_level FROM cases "
    "WHERE id = ANY (ARRAY(SELECT json_array_elements_text($1::json)::bigint))"};
constexpr SqlStatement kMeasureKinds = {
    "stats_measure_kinds", "SELECT kind FROM measures WHERE case_id = $1 AND NOT revoked"};

// Whole months, from the rollup: $1 org, then the first and last month (yyyymm).
constexpr SqlStatement kRollupForms = {
    "stats_rollup_forms",
    "SELECT form, sum(n) FROM case_stats_rollup WHERE org_id = $1 AND dim = 0 AND month >= $2 "
    "AND month <= $3 GROUP BY form"};
constexpr SqlStatement kRollupDimension = {
    "stats_rollup_dimension",
    "SELECT value, form, sum(n) FROM case_stats_rollup WHERE org_id = $1 AND dim = $4 "
    "AND month >= $2 AND month <= $3 GROUP BY value, form"};
constexpr SqlStatement kRollupMonths = {
    "stats_rollup_months",
    "SELECT month, form, sum(n) FROM case_stats_rollup WHERE org_id = $1 AND dim = 0 "
    "AND month >= $2 AND month <= $3 GROUP BY month, form"};
constexpr SqlStatement kRollupChildren = {
    "stats_rollup_children",
    "SELECT o.id, r.form, sum(r.n) FROM organisations o JOIN case_stats_rollup r "
    "ON r.org_id = o.id WHERE o.parent_id = $1 AND r.dim = 0 AND r.month >= $2 AND r.month <= $3 "
    "GROUP BY o.id, r.form"};
constexpr SqlStatement kChildren = {
    "stats_children",
    "SELECT id, parent_id, name, level, path, version FROM organisations WHERE parent_id = $1 "
    "ORDER BY path"};

// Partial months, from the cases: $1/$2 the subtree's path range, $3/$4 the days. One aggregate
// row for the forms (no GROUP BY: SQLite would otherwise sort every matching case).
#define KANGFU_STATS_SCAN_FROM                                                            \
  " FROM organisations o JOIN cases c ON c.unit_id = o.id WHERE o.path >= $1 AND o.path " \
  "< $2 AND c.decision_date >= $3 AND c.decision_date <= $4"
constexpr SqlStatement kScanForms = {
    "stats_scan_forms",
    "SELECT count(CASE WHEN c.form = 0 THEN 1 END), count(CASE WHEN c.form = 1 THEN 1 END), "
    "count(CASE WHEN c.form = 2 THEN 1 END), count(CASE WHEN c.form = 3 THEN 1 END), "
    "count(CASE WHEN c.form = 4 THEN 1 END)" KANGFU_STATS_SCAN_FROM};
constexpr SqlStatement kScanDiscipline = {
    "stats_scan_discipline", "SELECT c.discipline, c.form, count(*)" KANGFU_STATS_SCAN_FROM
                             " GROUP BY c.discipline, c.form"};
constexpr SqlStatement kScanSource = {"stats_scan_source",
                                      "SELECT c.source, c.form, count(*)" KANGFU_STATS_SCAN_FROM
                                      " GROUP BY c.source, c.form"};
constexpr SqlStatement kScanLevel = {
    "stats_scan_level", "SELECT c.person_level, c.form, count(*)" KANGFU_STATS_SCAN_FROM
                        " GROUP BY c.person_level, c.form"};
constexpr SqlStatement kScanMeasure = {
    "stats_scan_measure",
    "SELECT m.kind, c.form, count(*) FROM organisations o JOIN cases c ON c.unit_id = o.id "
    "JOIN measures m ON m.case_id = c.id WHERE o.path >= $1 AND o.path < $2 "
    "AND c.decision_date >= $3 AND c.decision_date <= $4 AND NOT m.revoked "
    "GROUP BY m.kind, c.form"};
#undef KANGFU_STATS_SCAN_FROM
// Per direct child of $1: each child's path range holds its subtree ('/' + 1 = '0').
constexpr SqlStatement kScanChildren = {
    "stats_scan_children",
    "SELECT ch.id, c.form, count(*) FROM organisations ch JOIN organisations o "
    "ON o.path >= ch.path AND o.path < substr(ch.path, 1, length(ch.path) - 1) || '0' "
    "JOIN cases c ON c.unit_id = o.id WHERE ch.parent_id = $1 AND c.decision_date >= $2 "
    "AND c.decision_date <= $3 GROUP BY ch.id, c.form"};

// Cases recorded on the organisation itself ($1), which its rollup rows leave out (see
// AddCase), over the whole months of a period: $2/$3 the days.
#define KANGFU_STATS_OWN_FROM \
  " FROM cases WHERE unit_id = $1 AND decision_date >= $2 AND decision_date <= $3"
constexpr SqlStatement kOwnForms = {"stats_own_forms",
                                    "SELECT form, count(*)" KANGFU_STATS_OWN_FROM " GROUP BY form"};
constexpr SqlStatement kOwnDiscipline = {"stats_own_discipline",
                                         "SELECT discipline, form, count(*)" KANGFU_STATS_OWN_FROM
                                         " GROUP BY discipline, form"};
constexpr SqlStatement kOwnSource = {"stats_own_source",
                                     "SELECT source, form, count(*)" KANGFU_STATS_OWN_FROM
                                     " GROUP BY source, form"};
constexpr SqlStatement kOwnLevel = {"stats_own_level",
                                    "SELECT person_level, form, count(*)" KANGFU_STATS_OWN_FROM
                                    " GROUP BY person_level, form"};
constexpr SqlStatement kOwnMonths = {
    "stats_own_months",
    "SELECT CAST(substr(decision_date, 1, 4) || substr(decision_date, 6, 2) AS INTEGER) AS m, "
    "form, count(*)" KANGFU_STATS_OWN_FROM " GROUP BY m, form",
    "SELECT (extract(year FROM decision_date) * 100 + extract(month FROM decision_date))::integer "
    "AS m, form, count(*)" KANGFU_STATS_OWN_FROM " GROUP BY m, form"};
#undef KANGFU_STATS_OWN_FROM
constexpr SqlStatement kOwnMeasure = {
    "stats_own_measure",
    "SELECT m.kind, c.form, count(*) FROM cases c JOIN measures m ON m.case_id = c.id "
    "WHERE c.unit_id = $1 AND c.decision_date >= $2 AND c.decision_date <= $3 AND NOT m.revoked "
    "GROUP BY m.kind, c.form"};
constexpr SqlStatement kOwnChildren = {
    "stats_own_children",
    "SELECT ch.id, c.form, count(*) FROM organisations ch JOIN cases c ON c.unit_id = ch.id "
    "WHERE ch.parent_id = $1 AND c.decision_date >= $2 AND c.decision_date <= $3 "
    "GROUP BY ch.id, c.form"};

constexpr int kMaxMonths = 1200;

// ---------------------------------------------------------------------------------------------
// Helpers.

Result<SqlRows> Run(SqlConnection& db, const SqlStatement& statement,
                    std::initializer_list<SqlValue> params) {
  return db.Run(statement, std::span<const SqlValue>(params.begin(), params.size()));
}

Status Corrupt() {
  return Status::Error(ErrorCode::kInternal, "storage.corrupt", "数据库中的统计数据无法读取")
      .WithInternal("unexpected value in case_stats_rollup or cases");
}

std::string SubtreeBound(const std::string& path) {
  std::string bound = path;
  if (!bound.empty()) bound.back() = '0';
  return bound;
}

int MonthKey(int year, int month) { return year * 100 + month; }
int MonthKey(Date d) { return MonthKey(d.year(), d.month()); }
int NextMonth(int key) { return key % 100 == 12 ? (key / 100 + 1) * 100 + 1 : key + 1; }
int PrevMonth(int key) { return key % 100 == 1 ? (key / 100 - 1) * 100 + 12 : key - 1; }
Date MonthStart(int key) { return *Date::FromCivil(key / 100, key % 100, 1); }
Date MonthEnd(int key) {
  return *Date::FromCivil(key / 100, key % 100, domain::DaysInMonth(key / 100, key % 100));
}

// A period split into whole months [first_full, last_full] (none when first_full > last_full)
// and up to two runs of days at its edges, each inside one month unless there are no whole
// months at all.
struct Split {
  int first_full = 0;
  int last_full = 0;
  std::vector<std::pair<Date, Date>> edges;

  bool HasFull() const { return first_full <= last_full; }
};

Split SplitPeriod(Date from, Date to) {
  Split split;
  split.first_full = from.day() == 1 ? MonthKey(from) : NextMonth(MonthKey(from));
  split.last_full = to == MonthEnd(MonthKey(to)) ? MonthKey(to) : PrevMonth(MonthKey(to));
  if (!split.HasFull()) {
    split.edges.emplace_back(from, to);
    return split;
  }
  const Date first_day = MonthStart(split.first_full);
  const Date last_day = MonthEnd(split.last_full);
  if (from < first_day) split.edges.emplace_back(from, first_day.AddDays(-1));
  if (last_day < to) split.edges.emplace_back(last_day.AddDays(1), to);
  return split;
}

Status AddForm(FormCounts& counts, const SqlValue& form, const SqlValue& n) {
  const int64_t f = AsInt(form);
  if (f < 0 || f > 4) return Corrupt();
  counts.by_form.at(static_cast<std::size_t>(f)) += AsInt(n);
  return Status::Ok();
}

Status ScanForms(SqlConnection& db, const Organisation& root, Date from, Date to,
                 FormCounts& counts) {
  Result<SqlRows> rows =
      Run(db, kScanForms,
          {Text(root.path), Text(SubtreeBound(root.path)), DateValue(from), DateValue(to)});
  if (!rows.ok()) return std::move(rows).TakeStatus();
  if (rows->empty()) return Status::Ok();
  for (std::size_t form = 0; form < counts.by_form.size(); ++form) {
    counts.by_form.at(form) += AsInt(rows->front().at(form));
  }
  return Status::Ok();
}

void AppendJsonString(std::string& out, std::string_view text) {
  out += '"';
  for (char ch : text) {
    if (ch == '"' || ch == '\\') {
      out += '\\';
      out += ch;
    } else if (static_cast<unsigned char>(ch) < 0x20) {
      std::array<char, 8> escaped{};
      std::snprintf(escaped.data(), escaped.size(), "\\u%04x", static_cast<unsigned>(ch));
      out += escaped.data();
    } else {
      out += ch;
    }
  }
  out += '"';
}

Result<CaseFacts> ReadFacts(const SqlRow& row) {
  CaseFacts facts;
  facts.unit_id = AsInt(row.at(1));
  Result<Date> date = Date::Parse(AsText(row.at(2)));
  std::optional<Discipline> discipline = DisciplineFromCode(AsText(row.at(4)));
  std::optional<CaseSource> source = CaseSourceFromCode(AsText(row.at(5)));
  if (!date.ok() || !discipline || !source) return Corrupt();
  facts.decision_date = *date;
  facts.form = static_cast<int>(AsInt(row.at(3)));
  facts.discipline = *discipline;
  facts.source = *source;
  facts.level = AsText(row.at(6));
  return facts;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Maintenance.

std::size_t RollupDeltas::KeyHash::operator()(const Key& k) const noexcept {
  // The fields mixed into one word (multiplicative hashing); collisions only cost a compare.
  uint64_t h = static_cast<uint64_t>(k.org_id) * 0x9E3779B97F4A7C15ULL;
  h ^= (static_cast<uint64_t>(static_cast<uint32_t>(k.month)) << 20) ^
       (static_cast<uint64_t>(k.value) << 8) ^
       (static_cast<uint64_t>(static_cast<uint16_t>(k.dim)) << 4) ^
       static_cast<uint64_t>(static_cast<uint16_t>(k.form));
  h *= 0xBF58476D1CE4E5B9ULL;
  return static_cast<std::size_t>(h ^ (h >> 31));
}

uint32_t RollupDeltas::Intern(std::string_view value) {
  auto it = value_ids_.find(value);
  if (it != value_ids_.end()) return it->second;
  const auto id = static_cast<uint32_t>(values_.size());
  values_.emplace_back(value);
  value_ids_.emplace(values_.back(), id);
  return id;
}

void RollupDeltas::Add(RowId org_id, int dim, int month, uint32_t value, int form, int64_t delta) {
  sums_[Key{.org_id = org_id,
            .month = month,
            .value = value,
            .dim = static_cast<int16_t>(dim),
            .form = static_cast<int16_t>(form)}] += delta;
}

std::vector<std::pair<RollupKey, int64_t>> RollupDeltas::Sorted() const {
  // Values ranked by their text once, so that the sort compares integers only.
  std::vector<uint32_t> by_text(values_.size());
  for (uint32_t i = 0; i < by_text.size(); ++i) by_text[i] = i;
  std::sort(by_text.begin(), by_text.end(),
            [&](uint32_t a, uint32_t b) { return values_[a] < values_[b]; });
  std::vector<uint32_t> rank(values_.size());
  for (uint32_t r = 0; r < by_text.size(); ++r) rank[by_text[r]] = r;
  std::vector<std::pair<Key, int64_t>> keys;
  keys.reserve(sums_.size());
  for (const auto& [key, n] : sums_) {
    if (n != 0) keys.emplace_back(key, n);  // a move within one key changes nothing
  }
  std::sort(keys.begin(), keys.end(), [&](const auto& a, const auto& b) {
    return std::tuple(a.first.org_id, a.first.dim, a.first.month, rank[a.first.value],
                      a.first.form) < std::tuple(b.first.org_id, b.first.dim, b.first.month,
                                                 rank[b.first.value], b.first.form);
  });
  std::vector<std::pair<RollupKey, int64_t>> sorted;
  sorted.reserve(keys.size());
  for (const auto& [key, n] : keys) {
    sorted.emplace_back(RollupKey{.org_id = key.org_id,
                                  .dim = key.dim,
                                  .month = key.month,
                                  .value = values_[key.value],
                                  .form = key.form},
                        n);
  }
  return sorted;
}

void AddCase(const CaseFacts& c, std::span<const RowId> ancestors, int64_t delta,
             RollupDeltas& deltas) {
  const int month = MonthKey(c.decision_date);
  const std::array<std::pair<int, uint32_t>, 4> values = {{
      {0, deltas.Intern("")},
      {static_cast<int>(StatsDimension::kDiscipline), deltas.Intern(DisciplineCode(c.discipline))},
      {static_cast<int>(StatsDimension::kSource), deltas.Intern(CaseSourceCode(c.source))},
      {static_cast<int>(StatsDimension::kLevel), deltas.Intern(c.level)},
  }};
  for (RowId org : ancestors.first(ancestors.empty() ? 0 : ancestors.size() - 1)) {
    for (const auto& [dim, value] : values) deltas.Add(org, dim, month, value, c.form, delta);
  }
}

void AddMeasure(const CaseFacts& c, std::string_view kind, std::span<const RowId> ancestors,
                int64_t delta, RollupDeltas& deltas) {
  const int month = MonthKey(c.decision_date);
  const uint32_t value = deltas.Intern(kind);
  for (RowId org : ancestors.first(ancestors.empty() ? 0 : ancestors.size() - 1)) {
    deltas.Add(org, static_cast<int>(StatsDimension::kMeasure), month, value, c.form, delta);
  }
}

Status Apply(SqlConnection& db, const RollupDeltas& deltas) {
  if (deltas.empty()) return Status::Ok();
  const std::vector<std::pair<RollupKey, int64_t>> sorted = deltas.Sorted();
  if (db.Backend() == "sqlite") {
    // Bound parameters, no JSON to build or parse: 64 keys per step of the multi-row statement,
    // the rest one by one.
    static const std::string kManySql = RollupValuesSql(kRollupRowsPerStatement);
    static const std::string kOneSql = RollupValuesSql(1);
    static const SqlStatement kMany = {"stats_rollup_upsert_values_many", kManySql.c_str()};
    static const SqlStatement kOne = {"stats_rollup_upsert_values_one", kOneSql.c_str()};
    std::vector<SqlValue> params;
    params.reserve(kRollupRowsPerStatement * kRollupColumns);
    std::size_t i = 0;
    while (i < sorted.size()) {
      const bool many = sorted.size() - i >= kRollupRowsPerStatement;
      const std::size_t rows = many ? kRollupRowsPerStatement : 1;
      params.clear();
      for (std::size_t r = 0; r < rows; ++r, ++i) {
        const auto& [key, n] = sorted[i];
        params.insert(params.end(), {Int(key.org_id), Int(key.dim), Int(key.month), Text(key.value),
                                     Int(key.form), Int(n)});
      }
      Result<SqlRows> added = db.Run(many ? kMany : kOne, params);
      if (!added.ok()) return std::move(added).TakeStatus();
    }
    return Status::Ok();
  }
  constexpr std::size_t kKeysPerStatement = 4096;
  std::string json;
  std::size_t in_json = 0;
  auto flush = [&]() -> Status {
    if (in_json == 0) return Status::Ok();
    json += ']';
    Result<SqlRows> added = Run(db, kRollupUpsert, {Text(json)});
    json.clear();
    in_json = 0;
    return added.ok() ? Status::Ok() : std::move(added).TakeStatus();
  };
  for (const auto& [key, n] : sorted) {
    json += in_json == 0 ? "[[" : ",[";
    json += std::to_string(key.org_id) + "," + std::to_string(key.dim) + "," +
            std::to_string(key.month) + ",";
    AppendJsonString(json, key.value);
    json += "," + std::to_string(key.form) + "," + std::to_string(n) + "]";
    if (++in_json == kKeysPerStatement) KANGFU_RETURN_IF_ERROR(flush());
  }
  return flush();
}

Result<CaseFacts> LoadCaseFacts(SqlConnection& db, RowId case_id, std::string field) {
  Result<SqlRows> rows = Run(db, kCaseFacts, {Int(case_id)});
  if (!rows.ok()) return std::move(rows).TakeStatus();
  if (rows->empty()) {
    return Status::NotFound("case.not_found", "未找到该案件（处理决定），可能已被删除",
                            std::move(field));
  }
  return ReadFacts(rows->front());
}

Result<std::map<RowId, CaseFacts>> LoadCasesFacts(SqlConnection& db, const std::string& ids_json) {
  Result<SqlRows> rows = Run(db, kCasesFacts, {Text(ids_json)});
  if (!rows.ok()) return std::move(rows).TakeStatus();
  std::map<RowId, CaseFacts> facts;
  for (const SqlRow& row : *rows) {
    Result<CaseFacts> one = ReadFacts(row);
    if (!one.ok()) return std::move(one).TakeStatus();
    facts.emplace(AsInt(row.at(0)), std::move(one).value());
  }
  return facts;
}

Result<std::vector<std::string>> LoadMeasureKinds(SqlConnection& db, RowId case_id) {
  Result<SqlRows> rows = Run(db, kMeasureKinds, {Int(case_id)});
  if (!rows.ok()) return std::move(rows).TakeStatus();
  std::vector<std::string> kinds;
  kinds.reserve(rows->size());
  for (const SqlRow& row : *rows) kinds.push_back(AsText(row.at(0)));
  return kinds;
}

// ---------------------------------------------------------------------------------------------
// Queries.

Result<FormCounts> CountForms(SqlConnection& db, const Organisation& root, Date from, Date to) {
  FormCounts counts;
  if (to < from) return counts;
  const Split split = SplitPeriod(from, to);
  if (split.HasFull()) {
    Result<SqlRows> rows =
        Run(db, kRollupForms, {Int(root.id), Int(split.first_full), Int(split.last_full)});
    if (!rows.ok()) return std::move(rows).TakeStatus();
    for (const SqlRow& row : *rows) KANGFU_RETURN_IF_ERROR(AddForm(counts, row.at(0), row.at(1)));
    Result<SqlRows> own = Run(db, kOwnForms,
                              {Int(root.id), DateValue(MonthStart(split.first_full)),
                               DateValue(MonthEnd(split.last_full))});
    if (!own.ok()) return std::move(own).TakeStatus();
    for (const SqlRow& row : *own) KANGFU_RETURN_IF_ERROR(AddForm(counts, row.at(0), row.at(1)));
  }
  for (const auto& [a, b] : split.edges) KANGFU_RETURN_IF_ERROR(ScanForms(db, root, a, b, counts));
  return counts;
}

Result<std::vector<KeyedFormCounts>> CountByDimension(SqlConnection& db, const Organisation& root,
                                                      Date from, Date to,
                                                      StatsDimension dimension) {
  std::map<std::string, FormCounts> by_key;
  if (!(to < from)) {
    const Split split = SplitPeriod(from, to);
    if (split.HasFull()) {
      Result<SqlRows> rows = Run(db, kRollupDimension,
                                 {Int(root.id), Int(split.first_full), Int(split.last_full),
                                  Int(static_cast<int>(dimension))});
      if (!rows.ok()) return std::move(rows).TakeStatus();
      for (const SqlRow& row : *rows) {
        KANGFU_RETURN_IF_ERROR(AddForm(by_key[AsText(row.at(0))], row.at(1), row.at(2)));
      }
      const SqlStatement* own_scan = dimension == StatsDimension::kDiscipline ? &kOwnDiscipline
                                     : dimension == StatsDimension::kSource   ? &kOwnSource
                                     : dimension == StatsDimension::kLevel    ? &kOwnLevel
                                                                              : &kOwnMeasure;
      Result<SqlRows> own = Run(db, *own_scan,
                                {Int(root.id), DateValue(MonthStart(split.first_full)),
                                 DateValue(MonthEnd(split.last_full))});
      if (!own.ok()) return std::move(own).TakeStatus();
      for (const SqlRow& row : *own) {
        KANGFU_RETURN_IF_ERROR(AddForm(by_key[AsText(row.at(0))], row.at(1), row.at(2)));
      }
    }
    const SqlStatement* scan = &kScanDiscipline;
    switch (dimension) {
      case StatsDimension::kDiscipline:
        scan = &kScanDiscipline;
        break;
      case StatsDimension::kSource:
        scan = &kScanSource;
        break;
      case StatsDimension::kLevel:
        scan = &kScanLevel;
        break;
      case StatsDimension::kMeasure:
        scan = &kScanMeasure;
        break;
    }
    for (const auto& [a, b] : split.edges) {
      Result<SqlRows> rows = Run(
          db, *scan, {Text(root.path), Text(SubtreeBound(root.path)), DateValue(a), DateValue(b)});
      if (!rows.ok()) return std::move(rows).TakeStatus();
      for (const SqlRow& row : *rows) {
        KANGFU_RETURN_IF_ERROR(AddForm(by_key[AsText(row.at(0))], row.at(1), row.at(2)));
      }
    }
  }
  std::vector<KeyedFormCounts> result;
  for (auto& [key, counts] : by_key) {
    if (counts.Total() != 0) result.push_back({key, counts});
  }
  return result;
}

Result<std::vector<MonthFormCounts>> CountByMonth(SqlConnection& db, const Organisation& root,
                                                  Date from, Date to) {
  std::vector<MonthFormCounts> result;
  if (to < from) return result;
  const int first = MonthKey(from);
  const int last = MonthKey(to);
  if ((last / 100 - first / 100) * 12 + (last % 100 - first % 100) >= kMaxMonths) {
    return Status::Invalid("to", "stats.period_too_long",
                           "统计期间过长：按月趋势最多可统计1200个月（100年），请缩短期间");
  }
  std::map<int, std::size_t> index;
  for (int key = first;; key = NextMonth(key)) {
    index.emplace(key, result.size());
    result.push_back({.year = key / 100, .month = key % 100, .counts = {}});
    if (key == last) break;
  }
  const Split split = SplitPeriod(from, to);
  if (split.HasFull()) {
    Result<SqlRows> rows =
        Run(db, kRollupMonths, {Int(root.id), Int(split.first_full), Int(split.last_full)});
    if (!rows.ok()) return std::move(rows).TakeStatus();
    for (const SqlRow& row : *rows) {
      auto at = index.find(static_cast<int>(AsInt(row.at(0))));
      if (at == index.end()) return Corrupt();
      KANGFU_RETURN_IF_ERROR(AddForm(result[at->second].counts, row.at(1), row.at(2)));
    }
    Result<SqlRows> own = Run(db, kOwnMonths,
                              {Int(root.id), DateValue(MonthStart(split.first_full)),
                               DateValue(MonthEnd(split.last_full))});
    if (!own.ok()) return std::move(own).TakeStatus();
    for (const SqlRow& row : *own) {
      auto at = index.find(static_cast<int>(AsInt(row.at(0))));
      if (at == index.end()) return Corrupt();
      KANGFU_RETURN_IF_ERROR(AddForm(result[at->second].counts, row.at(1), row.at(2)));
    }
  }
  // Each edge run lies in one month, except a period with no whole month, which may touch two:
  // scan it month by month.
  for (const auto& [a, b] : split.edges) {
    for (Date day = a; !(b < day);) {
      const int key = MonthKey(day);
      const Date end = b < MonthEnd(key) ? b : MonthEnd(key);
      KANGFU_RETURN_IF_ERROR(ScanForms(db, root, day, end, result[index.at(key)].counts));
      day = end.AddDays(1);
    }
  }
  return result;
}

Result<std::vector<OrgFormCounts>> CountByChild(SqlConnection& db, const Organisation& root,
                                                Date from, Date to) {
  Result<SqlRows> children = Run(db, kChildren, {Int(root.id)});
  if (!children.ok()) return std::move(children).TakeStatus();
  std::vector<OrgFormCounts> result;
  std::map<RowId, std::size_t> index;
  for (const SqlRow& row : *children) {
    Organisation org;
    org.id = AsInt(row.at(0));
    org.parent_id = AsInt(row.at(1));
    org.name = AsText(row.at(2));
    std::optional<OrgLevel> level = OrgLevelFromCode(AsText(row.at(3)));
    if (!level) return Corrupt();
    org.level = *level;
    org.path = AsText(row.at(4));
    org.version = AsInt(row.at(5));
    index.emplace(org.id, result.size());
    result.push_back({std::move(org), {}});
  }
  if (to < from || result.empty()) return result;
  auto add = [&](const SqlRows& rows) -> Status {
    for (const SqlRow& row : rows) {
      auto at = index.find(AsInt(row.at(0)));
      if (at == index.end()) return Corrupt();
      KANGFU_RETURN_IF_ERROR(AddForm(result[at->second].counts, row.at(1), row.at(2)));
    }
    return Status::Ok();
  };
  const Split split = SplitPeriod(from, to);
  if (split.HasFull()) {
    Result<SqlRows> rows =
        Run(db, kRollupChildren, {Int(root.id), Int(split.first_full), Int(split.last_full)});
    if (!rows.ok()) return std::move(rows).TakeStatus();
    KANGFU_RETURN_IF_ERROR(add(*rows));
    Result<SqlRows> own = Run(db, kOwnChildren,
                              {Int(root.id), DateValue(MonthStart(split.first_full)),
                               DateValue(MonthEnd(split.last_full))});
    if (!own.ok()) return std::move(own).TakeStatus();
    KANGFU_RETURN_IF_ERROR(add(*own));
  }
  for (const auto& [a, b] : split.edges) {
    Result<SqlRows> rows = Run(db, kScanChildren, {Int(root.id), DateValue(a), DateValue(b)});
    if (!rows.ok()) return std::move(rows).TakeStatus();
    KANGFU_RETURN_IF_ERROR(add(*rows));
  }
  return result;
}

}  // namespace kangfu::storage::stats
