// The ledger reads (storage/ledger_store.hpp) over SqlConnection. Sets travel as one JSON array
// parameter (json_each on SQLite, json_array_elements_text on PostgreSQL), as in the bulk path.

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "storage/sql_area.hpp"
#include "storage/sql_row_reader.hpp"
#include "storage/sql_store.hpp"

namespace kangfu::storage {
namespace {

#define KANGFU_LEDGER_PERSON_COLS                                                \
  "p.id, p.id_number, p.name, p.unit_id, p.post, p.post_level, p.party_member, " \
  "p.civil_servant, p.leading_cadre, p.version"
#define KANGFU_LEDGER_CASE_COLS                                                    \
  "c.id, c.person_id, c.organ_id, c.unit_id, c.decision_number, c.decision_date, " \
  "c.discipline, c.source, c.form, c.version"
#define KANGFU_LEDGER_MEASURE_COLS                                                  \
  "m.id, m.case_id, m.kind, m.effective, m.term_months, m.extended_on, m.outcome, " \
  "m.outcome_date, m.ended, m.period_months, m.revoked, m.version"

constexpr SqlStatement kFindPersons = {
    "ledger_find_persons",
    "SELECT " KANGFU_LEDGER_PERSON_COLS
    " FROM persons p WHERE p.id_number IN (SELECT value FROM json_each($1)) ORDER BY p.id",
    "SELECT " KANGFU_LEDGER_PERSON_COLS
    " FROM persons p WHERE p.id_number = ANY (ARRAY(SELECT json_array_elements_text($1::json)))"
    " ORDER BY p.id"};
constexpr SqlStatement kCasesOf = {
    "ledger_cases_of",
    "SELECT " KANGFU_LEDGER_CASE_COLS
    " FROM cases c WHERE c.person_id IN (SELECT value FROM json_each($1))"
    " ORDER BY c.person_id, c.id",
    "SELECT " KANGFU_LEDGER_CASE_COLS
    " FROM cases c WHERE c.person_id = ANY (ARRAY(SELECT "
    "json_array_elements_text($1::json)::bigint)) ORDER BY c.person_id, c.id"};
constexpr SqlStatement kMeasuresOf = {
    "ledger_measures_of",
    "SELECT " KANGFU_LEDGER_MEASURE_COLS
    " FROM measures m JOIN cases c ON c.id = m.case_id"
    " WHERE c.person_id IN (SELECT value FROM json_each($1)) ORDER BY m.case_id, m.id",
    "SELECT " KANGFU_LEDGER_MEASURE_COLS
    " FROM measures m JOIN cases c ON c.id = m.case_id WHERE c.person_id = ANY (ARRAY(SELECT "
    "json_array_elements_text($1::json)::bigint)) ORDER BY m.case_id, m.id"};
constexpr SqlStatement kPersonsAfter = {
    "ledger_persons_after",
    "SELECT " KANGFU_LEDGER_PERSON_COLS
    " FROM persons p JOIN organisations o ON o.id = p.unit_id"
    " WHERE o.path >= $1 AND o.path < $2 AND p.id > $3 ORDER BY p.id LIMIT $4"};

template <typename T>
Result<std::vector<T>> ReadRows(const SqlRows& rows, Result<T> (*read)(const SqlRow&)) {
  std::vector<T> out;
  out.reserve(rows.size());
  for (const SqlRow& row : rows) {
    KANGFU_ASSIGN_OR_RETURN(T value, read(row));
    out.push_back(std::move(value));
  }
  return out;
}

// A JSON array of strings; escapes what JSON requires (the values are user input).
std::string JsonStrings(std::span<const std::string> values) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    out += '"';
    for (const char ch : values[i]) {
      if (ch == '"' || ch == '\\') {
        out += '\\';
        out += ch;
      } else if (static_cast<unsigned char>(ch) < 0x20) {
        static const char kHex[] = "0123456789abcdef";
        out += "\\u00";
        out += kHex[(ch >> 4) & 0xF];
        out += kHex[ch & 0xF];
      } else {
        out += ch;
      }
    }
    out += '"';
  }
  out += ']';
  return out;
}

class SqlLedgerStore final : public LedgerStore {
 public:
  explicit SqlLedgerStore(SqlConnection& db) : db_(db) {}

  Result<std::vector<Person>> FindPersons(std::span<const std::string> id_numbers) override {
    if (id_numbers.empty()) return std::vector<Person>{};
    const SqlValue params[] = {JsonStrings(id_numbers)};
    KANGFU_ASSIGN_OR_RETURN(SqlRows rows, db_.Run(kFindPersons, params));
    return ReadRows<Person>(rows, &ReadPerson);
  }

  Result<CasesAndMeasures> CasesOfPersons(std::span<const RowId> person_ids) override {
    CasesAndMeasures out;
    if (person_ids.empty()) return out;
    const SqlValue params[] = {JsonIdArray(person_ids)};
    KANGFU_ASSIGN_OR_RETURN(SqlRows cases, db_.Run(kCasesOf, params));
    KANGFU_ASSIGN_OR_RETURN(out.cases, ReadRows<Case>(cases, &ReadCase));
    KANGFU_ASSIGN_OR_RETURN(SqlRows measures, db_.Run(kMeasuresOf, params));
    KANGFU_ASSIGN_OR_RETURN(out.measures, ReadRows<Measure>(measures, &ReadMeasure));
    return out;
  }

  Result<std::vector<Person>> PersonsAfter(std::string_view root_path, RowId after_id,
                                           int64_t limit) override {
    if (limit < 1 || limit > 100000) {
      return Status::Invalid("limit", "page.limit", "每页条数应在1至100000之间");
    }
    std::string bound(root_path);
    if (!bound.empty()) bound.back() = '0';
    const SqlValue params[] = {std::string(root_path), bound, after_id, limit};
    KANGFU_ASSIGN_OR_RETURN(SqlRows rows, db_.Run(kPersonsAfter, params));
    return ReadRows<Person>(rows, &ReadPerson);
  }

 private:
  SqlConnection& db_;
};

}  // namespace

std::unique_ptr<LedgerStore> MakeSqlLedgerStore(SqlConnection& connection) {
  return std::make_unique<SqlLedgerStore>(connection);
}

}  // namespace kangfu::storage
