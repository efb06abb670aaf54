#include "storage/sql_store.hpp"

#include <array>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "domain/id_number.hpp"
#include "storage/sql_area.hpp"
#include "storage/sql_row_reader.hpp"
#include "storage/sql_store_stats.hpp"

namespace kangfu::storage {
namespace {

// ---------------------------------------------------------------------------------------------
// Named statements. Column lists are shared by the readers below; keep them in step.

#define KANGFU_ORG_COLS "id, parent_id, name, level, path, version"
#define KANGFU_PERSON_COLS                                                                       \
  "id, id_number, name, unit_id, post, post_level, party_member, civil_servant, leading_cadre, " \
  "version"
#define KANGFU_CASE_COLS                                                                         \
  "id, person_id, organ_id, unit_id, decision_number, decision_date, discipline, source, form, " \
  "version"
#define KANGFU_MEASURE_COLS                                                                \
  "id, case_id, kind, effective, term_months, extended_on, outcome, outcome_date, ended, " \
  "period_months, revoked, version"
#define KANGFU_HOLD_COLS "id, person_id, kind, from_date, to_date, version"

constexpr SqlStatement kOrgInsert = {
    "org_insert",
    "INSERT INTO organisations (parent_id, name, level, path) VALUES ($1, $2, $3, '') "
    "RETURNING id"};
constexpr SqlStatement kOrgSetPath = {"org_set_path",
                                      "UPDATE organisations SET path = $2 WHERE id = $1"};
constexpr SqlStatement kOrgGet = {"org_get",
                                  "SELECT " KANGFU_ORG_COLS " FROM organisations WHERE id = $1"};
constexpr SqlStatement kOrgSubtree = {
    "org_subtree",
    "SELECT " KANGFU_ORG_COLS " FROM organisations WHERE path >= $1 AND path < $2 ORDER BY path"};
constexpr SqlStatement kOrgRename = {
    "org_rename",
    "UPDATE organisations SET name = $3, version = version + 1 WHERE id = $1 AND version = $2 "
    "RETURNING version"};
constexpr SqlStatement kOrgVersion = {"org_version",
                                      "SELECT version FROM organisations WHERE id = $1"};

constexpr SqlStatement kPersonInsert = {
    "person_insert",
    "INSERT INTO persons (id_number, name, unit_id, post, post_level, party_member, "
    "civil_servant, leading_cadre) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"};
constexpr SqlStatement kPersonGet = {"person_get",
                                     "SELECT " KANGFU_PERSON_COLS " FROM persons WHERE id = $1"};
constexpr SqlStatement kPersonByNumber = {
    "person_by_number", "SELECT " KANGFU_PERSON_COLS " FROM persons WHERE id_number = $1"};
constexpr SqlStatement kPersonUpdate = {
    "person_update",
    "UPDATE persons SET id_number = $3, name = $4, unit_id = $5, post = $6, post_level = $7, "
    "party_member = $8, civil_servant = $9, leading_cadre = $10, version = version + 1 "
    "WHERE id = $1 AND version = $2 RETURNING version"};
constexpr SqlStatement kPersonVersion = {"person_version",
                                         "SELECT version FROM persons WHERE id = $1"};

constexpr SqlStatement kCaseInsert = {
    "case_insert",
    "INSERT INTO cases (person_id, organ_id, unit_id, decision_number, decision_date, "
    "discipline, source, form, person_level) VALUES ($1, $2, (SELECT unit_id FROM persons WHERE "
    "id = $1), $3, $4, $5, $6, $7, coalesce((SELECT post_level FROM persons WHERE id = $1), '')) "
    "RETURNING id, unit_id, person_level"};
constexpr SqlStatement kCaseGet = {"case_get",
                                   "SELECT " KANGFU_CASE_COLS " FROM cases WHERE id = $1"};
constexpr SqlStatement kCaseUpdate = {
    "case_update",
    "UPDATE cases SET organ_id = $3, decision_number = $4, decision_date = $5, discipline = $6, "
    "source = $7, form = $8, version = version + 1 WHERE id = $1 AND version = $2 "
    "RETURNING version"};
constexpr SqlStatement kCaseVersion = {"case_version", "SELECT version FROM cases WHERE id = $1"};
constexpr SqlStatement kCasesOfPerson = {
    "cases_of_person",
    "SELECT " KANGFU_CASE_COLS " FROM cases WHERE person_id = $1 ORDER BY decision_date, id"};

constexpr SqlStatement kMeasureInsert = {
    "measure_insert",
    "INSERT INTO measures (case_id, kind, effective, term_months, extended_on, outcome, "
    "outcome_date, ended, period_months, revoked) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
    "$10) RETURNING id"};
constexpr SqlStatement kMeasureGet = {"measure_get",
                                      "SELECT " KANGFU_MEASURE_COLS " FROM measures WHERE id = $1"};
constexpr SqlStatement kMeasureUpdate = {
    "measure_update",
    "UPDATE measures SET kind = $3, effective = $4, term_months = $5, extended_on = $6, "
    "outcome = $7, outcome_date = $8, ended = $9, period_months = $10, revoked = $11, "
    "version = version + 1 WHERE id = $1 AND version = $2 RETURNING version"};
constexpr SqlStatement kMeasureVersion = {"measure_version",
                                          "SELECT version FROM measures WHERE id = $1"};
constexpr SqlStatement kMeasuresOfPerson = {
    "measures_of_person",
    "SELECT m.id, m.case_id, m.kind, m.effective, m.term_months, m.extended_on, m.outcome, "
    "m.outcome_date, m.ended, m.period_months, m.revoked, m.version FROM measures m "
    "JOIN cases c ON c.id = m.case_id WHERE c.person_id = $1 "
    "ORDER BY m.case_id, m.effective, m.id"};

constexpr SqlStatement kHoldInsert = {
    "hold_insert",
    "INSERT INTO holds (person_id, kind, from_date, to_date) VALUES ($1, $2, $3, $4) "
    "RETURNING id"};
constexpr SqlStatement kHoldUpdate = {
    "hold_update",
    "UPDATE holds SET kind = $3, from_date = $4, to_date = $5, version = version + 1 "
    "WHERE id = $1 AND version = $2 RETURNING version"};
constexpr SqlStatement kHoldVersion = {"hold_version", "SELECT version FROM holds WHERE id = $1"};
constexpr SqlStatement kHoldsOfPerson = {"holds_of_person",
                                         "SELECT " KANGFU_HOLD_COLS
                                         " FROM holds WHERE person_id = $1 ORDER BY from_date, id"};

// LoadHistories: LoadHistory's reads for a JSON array of person ids ($1), ordered by person.
#define KANGFU_OF_PERSONS(select, column, tail)                \
  select column " IN (SELECT value FROM json_each($1)) " tail, \
      select column " = ANY (ARRAY(SELECT json_array_elements_text($1::json)::bigint)) " tail
constexpr SqlStatement kPersonsOfIds = {
    "persons_of_ids",
    KANGFU_OF_PERSONS("SELECT " KANGFU_PERSON_COLS " FROM persons WHERE ", "id", "ORDER BY id")};
constexpr SqlStatement kCasesOfPersons = {
    "cases_of_persons", KANGFU_OF_PERSONS("SELECT " KANGFU_CASE_COLS " FROM cases WHERE ",
                                          "person_id", "ORDER BY person_id, decision_date, id")};
constexpr SqlStatement kMeasuresOfPersons = {
    "measures_of_persons",
    KANGFU_OF_PERSONS("SELECT m.id, m.case_id, m.kind, m.effective, m.term_months, "
                      "m.extended_on, m.outcome, m.outcome_date, m.ended, m.period_months, "
                      "m.revoked, m.version, c.person_id FROM measures m JOIN cases c ON "
                      "c.id = m.case_id WHERE ",
                      "c.person_id", "ORDER BY c.person_id, m.case_id, m.effective, m.id")};
constexpr SqlStatement kHoldsOfPersons = {
    "holds_of_persons", KANGFU_OF_PERSONS("SELECT " KANGFU_HOLD_COLS " FROM holds WHERE ",
                                          "person_id", "ORDER BY person_id, from_date, id")};
#undef KANGFU_OF_PERSONS

constexpr SqlStatement kOrgPath = {"org_path", "SELECT path FROM organisations WHERE id = $1"};

// Persons of a subtree with optional filters: $3 name substring ("" matches all), $4/$5
// party_member / leading_cadre as "" (any), "1" or "0"; $6 limit, $7 offset. PostgreSQL sorts
// names in byte order ("C") so that both backends page alike.
#define KANGFU_PERSON_FILTER_SQLITE                                                         \
  " FROM persons p JOIN organisations o ON o.id = p.unit_id WHERE o.path >= $1 AND "        \
  "o.path < $2 AND instr(p.name, $3) > 0 AND ($4 = '' OR p.party_member = ($4 = '1')) AND " \
  "($5 = '' OR p.leading_cadre = ($5 = '1'))"
#define KANGFU_PERSON_FILTER_PG                                                      \
  " FROM persons p JOIN organisations o ON o.id = p.unit_id WHERE o.path >= $1 AND " \
  "o.path < $2 AND strpos(p.name, $3::text) > 0 AND ($4::text = '' OR "              \
  "p.party_member = ($4::text = '1')) AND ($5::text = '' OR p.leading_cadre = ($5::text = '1'))"
#define KANGFU_PERSON_P_COLS                                                     \
  "p.id, p.id_number, p.name, p.unit_id, p.post, p.post_level, p.party_member, " \
  "p.civil_servant, p.leading_cadre, p.version"
constexpr SqlStatement kPersonsByName = {"persons_by_name",
                                         "SELECT " KANGFU_PERSON_P_COLS KANGFU_PERSON_FILTER_SQLITE
                                         " ORDER BY p.name, p.id LIMIT $6 OFFSET $7",
                                         "SELECT " KANGFU_PERSON_P_COLS KANGFU_PERSON_FILTER_PG
                                         " ORDER BY p.name COLLATE \"C\", p.id LIMIT $6 OFFSET $7"};
constexpr SqlStatement kPersonsById = {
    "persons_by_id",
    "SELECT " KANGFU_PERSON_P_COLS KANGFU_PERSON_FILTER_SQLITE " ORDER BY p.id LIMIT $6 OFFSET $7",
    "SELECT " KANGFU_PERSON_P_COLS KANGFU_PERSON_FILTER_PG " ORDER BY p.id LIMIT $6 OFFSET $7"};
constexpr SqlStatement kPersonsCount = {"persons_count",
                                        "SELECT count(*)" KANGFU_PERSON_FILTER_SQLITE,
                                        "SELECT count(*)" KANGFU_PERSON_FILTER_PG};
#define KANGFU_ACCOUNT_COLS                                                        \
  "id, username, display_name, password_hash, roles, jurisdiction_org, disabled, " \
  "failed_logins, locked_until, password_changed_at, version"
#define KANGFU_AUDIT_COLS                                                                    \
  "id, seq, at, actor_id, actor_username, remote_address, request_id, action, object_type, " \
  "object_id, before_json, after_json, success, detail, hash"

constexpr SqlStatement kAccountInsert = {
    "account_insert",
    "INSERT INTO accounts (username, display_name, password_hash, roles, jurisdiction_org, "
    "disabled, failed_logins, locked_until, password_changed_at) VALUES ($1, $2, $3, $4, $5, $6, "
    "$7, $8, $9) RETURNING id"};
constexpr SqlStatement kAccountGet = {"account_get",
                                      "SELECT " KANGFU_ACCOUNT_COLS " FROM accounts WHERE id = $1"};
constexpr SqlStatement kAccountByName = {
    "account_by_name", "SELECT " KANGFU_ACCOUNT_COLS " FROM accounts WHERE username = $1"};
constexpr SqlStatement kAccountList = {"account_list",
                                       "SELECT " KANGFU_ACCOUNT_COLS " FROM accounts ORDER BY id"};
constexpr SqlStatement kAccountCount = {"account_count", "SELECT count(*) FROM accounts"};
constexpr SqlStatement kAccountUpdate = {
    "account_update",
    "UPDATE accounts SET display_name = $3, password_hash = $4, roles = $5, "
    "jurisdiction_org = $6, disabled = $7, failed_logins = $8, locked_until = $9, "
    "password_changed_at = $10, version = version + 1 WHERE id = $1 AND version = $2 "
    "RETURNING version"};
constexpr SqlStatement kAccountVersion = {"account_version",
                                          "SELECT version FROM accounts WHERE id = $1"};

constexpr SqlStatement kSessionInsert = {
    "session_insert",
    "INSERT INTO sessions (id_hash, account_id, csrf_token, created_at, last_seen_at) "
    "VALUES ($1, $2, $3, $4, $5)"};
constexpr SqlStatement kSessionGet = {
    "session_get",
    "SELECT id_hash, account_id, csrf_token, created_at, last_seen_at FROM sessions "
    "WHERE id_hash = $1"};
constexpr SqlStatement kSessionTouch = {
    "session_touch", "UPDATE sessions SET last_seen_at = $2 WHERE id_hash = $1 RETURNING id_hash"};
constexpr SqlStatement kSessionRemove = {"session_remove",
                                         "DELETE FROM sessions WHERE id_hash = $1"};
constexpr SqlStatement kSessionRemoveAccount = {
    "session_remove_account", "DELETE FROM sessions WHERE account_id = $1 RETURNING id_hash"};
constexpr SqlStatement kSessionRemoveExpired = {
    "session_remove_expired",
    "DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2 RETURNING id_hash"};

// AppendAudit inserts only when the newest entry (by position) does not have this or a higher
// seq. Only the newest row is looked at, through the primary key: seq has no index, and scanning
// the whole log on every append made each append cost O(entries). Appenders hold the write lock
// (BEGIN IMMEDIATE / the advisory lock) from LastAudit to COMMIT, so in an untampered log the
// newest row carries the highest seq; tampering is verify's business. Two statements, not one
// INSERT … SELECT … WHERE NOT EXISTS: SQLite copies the row of an INSERT … SELECT that reads its
// own table through a temporary table first, which cost as much as the insert itself.
// SQLite only (see Store::ForeignDataVersion).
constexpr SqlStatement kDataVersion = {"data_version", "PRAGMA data_version"};
constexpr SqlStatement kAuditNewest = {"audit_newest",
                                       "SELECT seq, at FROM audit_log ORDER BY id DESC LIMIT 1"};
// Right after an insert, by its appender (who holds the write lock or the audit lock): the
// newest id is that entry's.
constexpr SqlStatement kAuditUnordered = {
    "audit_unordered",
    "UPDATE audit_time_order SET unordered_through = (SELECT max(id) FROM audit_log)"};
// No RETURNING on SQLite: it buffers the returned rows in a temporary b-tree that is opened and
// closed per statement, which cost almost as much as the insert itself. The new row's id there is
// the largest id before it plus one (INTEGER PRIMARY KEY without AUTOINCREMENT).
constexpr SqlStatement kAuditInsert = {
    "audit_insert",
    "INSERT INTO audit_log (seq, at, actor_id, actor_username, remote_address, request_id, "
    "action, object_type, object_id, before_json, after_json, success, detail, hash) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
    "INSERT INTO audit_log (seq, at, actor_id, actor_username, remote_address, request_id, "
    "action, object_type, object_id, before_json, after_json, success, detail, hash) "
    "VALUES ($1::bigint, $2, $3::bigint, $4, $5, $6, $7, $8, $9, $10, $11, $12::int::boolean, "
    "$13, $14) RETURNING id"};
// PostgreSQL: appenders queue on a transaction-level lock (released at COMMIT/ROLLBACK).
constexpr SqlStatement kAuditLock = {"audit_lock", "SELECT 1",
                                     "SELECT 1 FROM (SELECT pg_advisory_xact_lock(4711002)) l"};
constexpr SqlStatement kAuditLast = {
    "audit_last", "SELECT " KANGFU_AUDIT_COLS " FROM audit_log ORDER BY id DESC LIMIT 1"};
constexpr SqlStatement kAuditList = {
    "audit_list", "SELECT " KANGFU_AUDIT_COLS " FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2"};
// --- bulk load: set lookups and the aggregated rollup, one statement per call. Ids and id
// numbers travel as one JSON array parameter (json_each / json_array_elements_text).
constexpr SqlStatement kBulkPersonUnits = {
    "bulk_person_units",
    "SELECT id, unit_id, post_level FROM persons WHERE id IN (SELECT value FROM json_each($1))",
    "SELECT id, unit_id, post_level FROM persons "
    "WHERE id = ANY (ARRAY(SELECT json_array_elements_text($1::json)::bigint))"};
constexpr SqlStatement kBulkOrgsExisting = {
    "bulk_orgs_existing",
    "SELECT id FROM organisations WHERE id IN (SELECT value FROM json_each($1))",
    "SELECT id FROM organisations "
    "WHERE id = ANY (ARRAY(SELECT json_array_elements_text($1::json)::bigint))"};
constexpr SqlStatement kBulkIdNumbersTaken = {
    "bulk_id_numbers_taken",
    "SELECT id_number FROM persons WHERE id_number IN (SELECT value FROM json_each($1))",
    "SELECT id_number FROM persons "
    "WHERE id_number = ANY (ARRAY(SELECT json_array_elements_text($1::json)))"};
constexpr std::array<std::string_view, 9> kPersonBulkColumns = {
    "id",         "id_number",    "name",          "unit_id",      "post",
    "post_level", "party_member", "civil_servant", "leading_cadre"};
constexpr std::array<std::string_view, 10> kCaseBulkColumns = {
    "id",         "person_id", "organ_id", "unit_id",     "decision_number", "decision_date",
    "discipline", "source",    "form",     "person_level"};
constexpr std::array<std::string_view, 11> kMeasureBulkColumns = {
    "id",      "case_id",      "kind",  "effective",     "term_months", "extended_on",
    "outcome", "outcome_date", "ended", "period_months", "revoked"};

// ---------------------------------------------------------------------------------------------
// Parameters and rows.

SqlValue OptInt(const std::optional<int>& v) {
  return v ? SqlValue(static_cast<int64_t>(*v)) : SqlValue();
}

// Reads the columns of one row in order; remembers the first column it could not decode.

Result<Organisation> ReadOrg(const SqlRow& row) {
  RowReader r(row);
  Organisation o;
  o.id = r.Int();
  o.parent_id = r.Int();
  o.name = r.Text();
  o.level = r.Code<OrgLevel>(&OrgLevelFromCode);
  o.path = r.Text();
  o.version = r.Int();
  if (r.bad()) return Corrupt("organisations");
  return o;
}

std::string_view OutcomeCode(OutcomeKind kind) {
  return kind == OutcomeKind::kRestored ? "restored" : "expelled";
}
std::optional<OutcomeKind> OutcomeFromCode(std::string_view code) {
  if (code == "restored") return OutcomeKind::kRestored;
  if (code == "expelled") return OutcomeKind::kExpelled;
  return std::nullopt;
}

Result<Hold> ReadHold(const SqlRow& row) {
  RowReader r(row);
  Hold h;
  h.id = r.Int();
  h.person_id = r.Int();
  h.kind = r.Code<HoldKind>(&HoldKindFromCode);
  h.from = r.DateColumn();
  h.to = r.OptDate();
  h.version = r.Int();
  if (r.bad()) return Corrupt("holds");
  return h;
}

// Roles are stored as one comma-separated text column ("case_manager,visitor").
std::string JoinRoles(const std::vector<std::string>& roles) {
  std::string out;
  for (const std::string& role : roles) {
    if (!out.empty()) out += ',';
    out += role;
  }
  return out;
}

std::vector<std::string> SplitRoles(const std::string& text) {
  std::vector<std::string> roles;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (comma > start) roles.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return roles;
}

Result<Account> ReadAccount(const SqlRow& row) {
  RowReader r(row);
  Account a;
  a.id = r.Int();
  a.username = r.Text();
  a.display_name = r.Text();
  a.password_hash = r.Text();
  a.roles = SplitRoles(r.Text());
  a.jurisdiction_org = r.Int();
  a.disabled = r.Bool();
  a.failed_logins = static_cast<int>(r.Int());
  a.locked_until = r.Text();
  a.password_changed_at = r.Text();
  a.version = r.Int();
  if (r.bad()) return Corrupt("accounts");
  return a;
}

Result<StoredSession> ReadSession(const SqlRow& row) {
  RowReader r(row);
  StoredSession s;
  s.id_hash = r.Text();
  s.account_id = r.Int();
  s.csrf_token = r.Text();
  s.created_at = r.Text();
  s.last_seen_at = r.Text();
  if (r.bad()) return Corrupt("sessions");
  return s;
}

Result<AuditRecord> ReadAudit(const SqlRow& row) {
  RowReader r(row);
  AuditRecord a;
  ReadAuditColumns(r, a, /*with_changes=*/true);
  if (r.bad()) return Corrupt("audit_log");
  return a;
}

template <typename T>
Result<std::vector<T>> ReadAll(const SqlRows& rows, Result<T> (*read)(const SqlRow&)) {
  std::vector<T> out;
  out.reserve(rows.size());
  for (const SqlRow& row : rows) {
    Result<T> item = read(row);
    if (!item.ok()) return std::move(item).TakeStatus();
    out.push_back(std::move(item).value());
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Errors.

Status OrgNotFound(std::string field = {}) {
  return Status::NotFound("organisation.not_found", "所指定的组织（单位）不存在，请重新选择",
                          std::move(field));
}
Status PersonNotFound(std::string field = {}) {
  return Status::NotFound("person.not_found", "未找到该人员，请核对身份证号码或重新选择",
                          std::move(field));
}
Status CaseNotFound(std::string field = {}) {
  return Status::NotFound("case.not_found", "未找到该案件（处理决定），可能已被删除",
                          std::move(field));
}
Status MeasureNotFound() {
  return Status::NotFound("measure.not_found", "未找到该处分处理措施，可能已被删除");
}
Status HoldNotFound() {
  return Status::NotFound("hold.not_found", "未找到该在办事项（线索核查或审查调查）记录");
}
Status CheckFailed(const Status& driver) {
  return Status::Invalid("", "record.invalid", "提交的数据不符合要求（存在无效取值），请核对后重试")
      .WithInternal(driver.internal());
}

// Translates a driver constraint error into the caller's vocabulary; anything else passes.
struct ErrorMap {
  Status (*unique)() = nullptr;
  Status (*foreign_key)() = nullptr;
  Status (*not_null)() = nullptr;
};

Status MapError(Status driver, const ErrorMap& map) {
  const std::string& reason = driver.reason();
  Status (*make)() = nullptr;
  if (reason == "sql.unique") make = map.unique;
  if (reason == "sql.foreign_key") make = map.foreign_key;
  if (reason == "sql.not_null") make = map.not_null;
  if (make != nullptr) return make().WithInternal(driver.internal());
  if (reason == "sql.check" || reason == "sql.unique" || reason == "sql.foreign_key" ||
      reason == "sql.not_null") {
    return CheckFailed(driver);
  }
  return driver;
}

Status ValidatePerson(const Person& p) {
  KANGFU_RETURN_IF_ERROR(domain::ValidateIdNumber(p.id_number));
  if (p.name.empty()) {
    return Status::Invalid("name", "person.name_empty", "请填写人员姓名");
  }
  return Status::Ok();
}

Status ValidateCase(const Case& c) {
  if (c.decision_number.empty()) {
    return Status::Invalid("decision_number", "case.decision_number", "请填写处理决定文号");
  }
  if (c.form < 0 || c.form > 4) {
    return Status::Invalid("form", "case.form",
                           "四种形态分类只能是第一至第四种形态（1-4）或未分类（0）");
  }
  return Status::Ok();
}

Status ValidateMeasure(const Measure& m) {
  if (m.kind.empty()) {
    return Status::Invalid("kind", "measure.kind", "请选择处分处理措施的种类");
  }
  if (m.outcome.has_value() != m.outcome_date.has_value()) {
    return Status::Invalid("outcome", "measure.outcome",
                           "留党察看的处理结果与决定日期须同时填写或同时留空");
  }
  if (m.term_months && *m.term_months <= 0) {
    return Status::Invalid("term_months", "measure.term_months", "期限（月）须为正数");
  }
  if (m.period_months && *m.period_months <= 0) {
    return Status::Invalid("period_months", "measure.period_months", "处分期间（月）须为正数");
  }
  return Status::Ok();
}

Status ValidateHold(const Hold& h) {
  if (h.to && *h.to < h.from) {
    return Status::Invalid("to", "hold.to", "结束日期不能早于开始日期");
  }
  return Status::Ok();
}

// A JSON array of integers ("[1,2,3]") for the bulk lookups.
template <typename Range>
std::string JsonInts(const Range& ids) {
  std::string json = "[";
  for (const auto id : ids) {
    if (json.size() > 1) json += ',';
    json += std::to_string(id);
  }
  return json + "]";
}

// A JSON array of validated ID numbers (digits and 'X' only: nothing to escape).
std::string JsonIdNumbers(std::span<const Person> persons) {
  std::string json = "[";
  for (const Person& p : persons) {
    if (json.size() > 1) json += ',';
    json += '"' + p.id_number + '"';
  }
  return json + "]";
}

// Names the row of a bulk call in an error's field: "persons[3].id_number".
Status AtRow(Status status, std::string_view rows, std::size_t index) {
  status.PrefixField(std::string(rows) + "[" + std::to_string(index) + "]");
  return status;
}

// The exclusive upper bound of the paths under `path` ("/1/5/" -> "/1/50"): '/' sorts right
// before '0', so every descendant path lies in [path, bound) and no other path does.
std::string SubtreeBound(const std::string& path) {
  std::string bound = path;
  if (!bound.empty()) bound.back() = '0';
  return bound;
}

// ---------------------------------------------------------------------------------------------

class SqlStore final : public Store {
 public:
  explicit SqlStore(std::unique_ptr<SqlConnection> connection)
      : db_(std::move(connection)),
        aftercare_(MakeSqlAftercareStore(*db_, *this, [this] { return InTxn() && doomed_; })),
        vetting_(MakeSqlVettingStore(*db_, *this, [this] { return InTxn() && doomed_; })),
        reuse_(MakeSqlReuseStore(*db_, *this, [this] { return InTxn() && doomed_; })),
        oversight_(MakeSqlOversightStore(*db_, *this, [this] { return InTxn() && doomed_; })),
        ledger_(MakeSqlLedgerStore(*db_)),
        indicators_(MakeSqlIndicatorStore(*db_)) {}

  AftercareStore& Aftercare() override { return *aftercare_; }
  VettingStore& Vetting() override { return *vetting_; }
  ReuseStore& Reuse() override { return *reuse_; }
  OversightStore& Oversight() override { return *oversight_; }
  LedgerStore& Ledger() override { return *ledger_; }
  IndicatorStore& Indicators() override { return *indicators_; }

  std::string_view Backend() const override { return db_->Backend(); }
  Result<int> SchemaVersion() override { return ReadSchemaVersion(*db_); }

  Status InTransaction(const std::function<Status()>& work) override {
    if (depth_ > 0) {
      ++depth_;
      Status status = work();
      --depth_;
      if (!status.ok()) Doom(status);
      return doomed_ ? failure_ : Status::Ok();
    }
    if (request_ || batch_) return InSavepoint(work);
    KANGFU_RETURN_IF_ERROR(db_->Exec(db_->BeginStatement()));
    depth_ = 1;
    doomed_ = false;
    Status status;
    try {
      status = work();
    } catch (...) {
      depth_ = 0;
      audit_head_.reset();
      (void)db_->Exec("ROLLBACK");
      throw;
    }
    depth_ = 0;
    audit_head_.reset();
    if (status.ok() && doomed_) status = failure_;
    doomed_ = false;
    if (!status.ok()) {
      ancestors_.clear();
      (void)db_->Exec("ROLLBACK");
      return status;
    }
    Status commit = db_->Exec("COMMIT");
    if (!commit.ok()) {
      ancestors_.clear();
      (void)db_->Exec("ROLLBACK");
    }
    return commit;
  }

  Status BeginRequest() override {
    if (request_ || depth_ > 0) return TransactionOpen("BeginRequest");
    if (batch_) {
      // A doomed batch cannot take more work: its commit will fail anyway.
      if (doomed_) return failure_;
      KANGFU_RETURN_IF_ERROR(db_->Exec("SAVEPOINT kangfu_request"));
      request_ = true;
      request_mark_ = staged_audit_.size();
      return Status::Ok();
    }
    KANGFU_RETURN_IF_ERROR(db_->Exec("BEGIN"));
    request_ = true;
    doomed_ = false;
    return Status::Ok();
  }

  Status EndRequest(bool commit) override {
    if (!request_ || depth_ > 0) return NoTransaction("EndRequest");
    request_ = false;
    const bool doomed = doomed_;
    doomed_ = false;
    if (batch_) return EndRequestInBatch(commit, doomed);
    return EndOutermost(commit, doomed);
  }

  Status BeginBatch() override {
    if (batch_ || request_ || depth_ > 0) return TransactionOpen("BeginBatch");
    // The write lock from the start (SQLite: BEGIN IMMEDIATE): the staged audit entries are
    // written just before COMMIT, and a snapshot that another process's write had overtaken by
    // then would fail the whole batch with sql.busy.
    KANGFU_RETURN_IF_ERROR(db_->Exec(db_->BeginStatement()));
    batch_ = true;
    doomed_ = false;
    return Status::Ok();
  }

  Status EndBatch(bool commit) override {
    if (!batch_ || request_ || depth_ > 0) return NoTransaction("EndBatch");
    batch_ = false;
    const bool doomed = doomed_;
    doomed_ = false;
    return EndOutermost(commit, doomed);
  }

  Result<std::optional<int64_t>> ForeignDataVersion() override {
    if (db_->Backend() != "sqlite") return std::optional<int64_t>();
    Result<SqlRows> rows = db_->Run(kDataVersion, {});
    if (!rows.ok()) return std::move(rows).TakeStatus();
    if (rows->empty()) return std::optional<int64_t>();
    return std::optional<int64_t>(AsInt((*rows)[0][0]));
  }

  static Status TransactionOpen(const char* call) {
    return Status::Error(ErrorCode::kFailedPrecondition, "transaction.open",
                         "已有未结束的事务，请稍后重试")
        .WithInternal(std::string(call) + " inside an open transaction");
  }

  static Status NoTransaction(const char* call) {
    return Status::Error(ErrorCode::kFailedPrecondition, "transaction.none", "没有可结束的事务")
        .WithInternal(std::string(call) + " without an open transaction of its kind");
  }

  // A request inside a read batch ends at its savepoint; the batch stays open.
  Status EndRequestInBatch(bool commit, bool doomed) {
    if (commit && !doomed) {
      Status released = db_->Exec("RELEASE kangfu_request");
      if (!released.ok()) Doom(released);
      return released;
    }
    ancestors_.clear();
    DropStagedAudit(request_mark_);
    Status undone = db_->Exec("ROLLBACK TO kangfu_request");
    if (undone.ok()) undone = db_->Exec("RELEASE kangfu_request");
    if (!undone.ok()) Doom(undone);
    return doomed ? failure_ : Status::Ok();
  }

  // Commits or rolls back the outermost transaction (a request's or a batch's).
  Status EndOutermost(bool commit, bool doomed) {
    audit_head_.reset();
    std::vector<AuditRecord> staged = std::exchange(staged_audit_, {});
    if (commit && !doomed) {
      Status committed = WriteStagedAudit(staged);
      if (committed.ok()) committed = db_->Exec("COMMIT");
      if (committed.ok()) return committed;
      ancestors_.clear();
      (void)db_->Exec("ROLLBACK");
      return committed;
    }
    ancestors_.clear();
    (void)db_->Exec("ROLLBACK");
    return doomed ? failure_ : Status::Ok();
  }

  // --- organisations ---
  Result<Organisation> AddOrganisation(const Organisation& org) override {
    return Write<Organisation>([&]() -> Result<Organisation> {
      if (org.name.empty()) {
        return Status::Invalid("name", "organisation.name_empty", "请填写组织（单位）名称");
      }
      std::string parent_path = "/";
      if (org.parent_id != 0) {
        Result<SqlRows> parent = Run(kOrgGet, {Int(org.parent_id)});
        if (!parent.ok()) return std::move(parent).TakeStatus();
        if (parent->empty()) return OrgNotFound("parent_id");
        parent_path = AsText((*parent)[0][4]);
      }
      Organisation stored = org;
      Status status = InTransaction([&]() -> Status {
        Result<SqlRows> rows =
            Run(kOrgInsert, {OptId(org.parent_id), Text(org.name), Text(OrgLevelCode(org.level))});
        if (!rows.ok()) return MapError(std::move(rows).TakeStatus(), {});
        stored.id = AsInt((*rows)[0][0]);
        stored.path = parent_path + std::to_string(stored.id) + "/";
        Result<SqlRows> set = Run(kOrgSetPath, {Int(stored.id), Text(stored.path)});
        return set.ok() ? Status::Ok() : std::move(set).TakeStatus();
      });
      if (!status.ok()) return status;
      stored.version = 1;
      return stored;
    });
  }

  Result<Organisation> GetOrganisation(RowId id) override {
    return ReadOne(kOrgGet, id, &ReadOrg, &OrgNotFoundNoField);
  }

  Result<std::vector<Organisation>> ListSubtree(RowId root_id) override {
    std::string path = "/";  // every materialised path starts with it: the whole forest
    if (root_id != 0) {
      Result<Organisation> root = GetOrganisation(root_id);
      if (!root.ok()) return std::move(root).TakeStatus();
      path = root->path;
    }
    Result<SqlRows> rows = Run(kOrgSubtree, {Text(path), Text(SubtreeBound(path))});
    if (!rows.ok()) return std::move(rows).TakeStatus();
    return ReadAll<Organisation>(*rows, &ReadOrg);
  }

  Result<Organisation> RenameOrganisation(const Organisation& org) override {
    return Write<Organisation>([&]() -> Result<Organisation> {
      if (org.name.empty()) {
        return Status::Invalid("name", "organisation.name_empty", "请填写组织（单位）名称");
      }
      Result<int64_t> version =
          Update(kOrgRename, kOrgVersion, {Int(org.id), Int(org.version), Text(org.name)},
                 &OrgNotFoundNoField, {});
      if (!version.ok()) return std::move(version).TakeStatus();
      return GetOrganisation(org.id);
    });
  }

  // --- persons ---
  Result<Person> AddPerson(const Person& person) override {
    return Write<Person>([&]() -> Result<Person> {
      KANGFU_RETURN_IF_ERROR(ValidatePerson(person));
      Result<SqlRows> rows =
          Run(kPersonInsert, {Text(person.id_number), Text(person.name), Int(person.unit_id),
                              Text(person.post), Text(person.post_level), Bool(person.party_member),
                              Bool(person.civil_servant), Bool(person.leading_cadre)});
      if (!rows.ok()) return MapError(std::move(rows).TakeStatus(), kPersonErrors);
      Person stored = person;
      stored.id = AsInt((*rows)[0][0]);
      stored.version = 1;
      return stored;
    });
  }

  Result<Person> GetPerson(RowId id) override {
    return ReadOne(kPersonGet, id, &ReadPerson, &PersonNotFoundNoField);
  }

  Result<Person> FindPersonByIdNumber(std::string_view id_number) override {
    Result<SqlRows> rows = Run(kPersonByNumber, {Text(id_number)});
    if (!rows.ok()) return std::move(rows).TakeStatus();
    if (rows->empty()) return PersonNotFound("id_number");
    return ReadPerson((*rows)[0]);
  }

  Result<Person> UpdatePerson(const Person& person) override {
    return Write<Person>([&]() -> Result<Person> {
      KANGFU_RETURN_IF_ERROR(ValidatePerson(person));
      Result<int64_t> version = Update(
          kPersonUpdate, kPersonVersion,
          {Int(person.id), Int(person.version), Text(person.id_number), Text(person.name),
           Int(person.unit_id), Text(person.post), Text(person.post_level),
           Bool(person.party_member), Bool(person.civil_servant), Bool(person.leading_cadre)},
          &PersonNotFoundNoField, kPersonErrors);
      if (!version.ok()) return std::move(version).TakeStatus();
      Person stored = person;
      stored.version = *version;
      return stored;
    });
  }

  // --- cases ---
  Result<Case> AddCase(const Case& c) override {
    return Write<Case>([&]() -> Result<Case> {
      KANGFU_RETURN_IF_ERROR(ValidateCase(c));
      Case stored = c;
      Status status = InTransaction([&]() -> Status {
        Result<SqlRows> rows =
            Run(kCaseInsert, {Int(c.person_id), Int(c.organ_id), Text(c.decision_number),
                              DateValue(c.decision_date), Text(DisciplineCode(c.discipline)),
                              Text(CaseSourceCode(c.source)), Int(c.form)});
        // A missing person leaves the unit NULL; the only foreign key left to fail is the organ.
        if (!rows.ok()) {
          return MapError(std::move(rows).TakeStatus(),
                          {.foreign_key = &OrganNotFound, .not_null = &CasePersonNotFound});
        }
        stored.id = AsInt((*rows)[0][0]);
        stored.unit_id = AsInt((*rows)[0][1]);
        return RollCase(FactsOf(stored, AsText((*rows)[0][2])), +1);
      });
      if (!status.ok()) return status;
      stored.version = 1;
      return stored;
    });
  }

  Result<Case> GetCase(RowId id) override {
    return ReadOne(kCaseGet, id, &ReadCase, &CaseNotFoundNoField);
  }

  Result<Case> UpdateCase(const Case& c) override {
    return Write<Case>([&]() -> Result<Case> {
      KANGFU_RETURN_IF_ERROR(ValidateCase(c));
      Status status = InTransaction([&]() -> Status {
        Result<Case> before = GetCase(c.id);
        if (!before.ok()) return before.status();
        Result<stats::CaseFacts> facts = stats::LoadCaseFacts(*db_, c.id, "");
        if (!facts.ok()) return facts.status();
        Result<int64_t> version =
            Update(kCaseUpdate, kCaseVersion,
                   {Int(c.id), Int(c.version), Int(c.organ_id), Text(c.decision_number),
                    DateValue(c.decision_date), Text(DisciplineCode(c.discipline)),
                    Text(CaseSourceCode(c.source)), Int(c.form)},
                   &CaseNotFoundNoField, {.foreign_key = &OrganNotFound});
        if (!version.ok()) return version.status();
        const stats::CaseFacts& old_facts = *facts;
        stats::CaseFacts new_facts = old_facts;
        new_facts.decision_date = c.decision_date;
        new_facts.form = c.form;
        new_facts.discipline = c.discipline;
        new_facts.source = c.source;
        if (new_facts.decision_date == old_facts.decision_date &&
            new_facts.form == old_facts.form && new_facts.discipline == old_facts.discipline &&
            new_facts.source == old_facts.source) {
          return Status::Ok();
        }
        // The case's rows and those of its measures move to the new month / form / values.
        Result<std::vector<std::string>> kinds = stats::LoadMeasureKinds(*db_, c.id);
        if (!kinds.ok()) return kinds.status();
        Result<const std::vector<RowId>*> ancestors = AncestorsOf(old_facts.unit_id);
        if (!ancestors.ok()) return std::move(ancestors).TakeStatus();
        stats::RollupDeltas deltas;
        stats::AddCase(old_facts, **ancestors, -1, deltas);
        stats::AddCase(new_facts, **ancestors, +1, deltas);
        for (const std::string& kind : *kinds) {
          stats::AddMeasure(old_facts, kind, **ancestors, -1, deltas);
          stats::AddMeasure(new_facts, kind, **ancestors, +1, deltas);
        }
        return stats::Apply(*db_, deltas);
      });
      if (!status.ok()) return status;
      return GetCase(c.id);
    });
  }

  // --- measures ---
  Result<Measure> AddMeasure(const Measure& m) override {
    return Write<Measure>([&]() -> Result<Measure> {
      KANGFU_RETURN_IF_ERROR(ValidateMeasure(m));
      std::array<SqlValue, 10> params = {
          Int(m.case_id),          Text(m.kind),    DateValue(m.effective),  OptInt(m.term_months),
          OptDate(m.extended_on),  OutcomeValue(m), OptDate(m.outcome_date), OptDate(m.ended),
          OptInt(m.period_months), Bool(m.revoked)};
      Measure stored = m;
      KANGFU_RETURN_IF_ERROR(InTransaction([&]() -> Status {
        Result<SqlRows> rows = db_->Run(kMeasureInsert, params);
        if (!rows.ok()) {
          return MapError(std::move(rows).TakeStatus(), {.foreign_key = &MeasureCaseNotFound});
        }
        stored.id = AsInt((*rows)[0][0]);
        if (m.revoked) return Status::Ok();
        return RollMeasure(m.case_id, {}, m.kind, +1);
      }));
      stored.version = 1;
      return stored;
    });
  }

  Result<Measure> GetMeasure(RowId id) override {
    return ReadOne(kMeasureGet, id, &ReadMeasure, &MeasureNotFound);
  }

  Result<Measure> UpdateMeasure(const Measure& m) override {
    return Write<Measure>([&]() -> Result<Measure> {
      KANGFU_RETURN_IF_ERROR(ValidateMeasure(m));
      KANGFU_RETURN_IF_ERROR(InTransaction([&]() -> Status {
        Result<Measure> before = GetMeasure(m.id);
        if (!before.ok()) return before.status();
        Result<int64_t> version = Update(
            kMeasureUpdate, kMeasureVersion,
            {Int(m.id), Int(m.version), Text(m.kind), DateValue(m.effective), OptInt(m.term_months),
             OptDate(m.extended_on), OutcomeValue(m), OptDate(m.outcome_date), OptDate(m.ended),
             OptInt(m.period_months), Bool(m.revoked)},
            &MeasureNotFound, {});
        if (!version.ok()) return version.status();
        if (before->kind == m.kind && before->revoked == m.revoked) return Status::Ok();
        // Revoked measures do not count (rules.md §2): only the kinds counted before and after.
        return RollMeasure(before->case_id, before->revoked ? "" : before->kind,
                           m.revoked ? "" : m.kind, +1);
      }));
      return GetMeasure(m.id);
    });
  }

  // --- holds ---
  Result<Hold> AddHold(const Hold& h) override {
    return Write<Hold>([&]() -> Result<Hold> {
      KANGFU_RETURN_IF_ERROR(ValidateHold(h));
      Result<SqlRows> rows = Run(kHoldInsert, {Int(h.person_id), Text(HoldKindCode(h.kind)),
                                               DateValue(h.from), OptDate(h.to)});
      if (!rows.ok()) {
        return MapError(std::move(rows).TakeStatus(), {.foreign_key = &HoldPersonNotFound});
      }
      Hold stored = h;
      stored.id = AsInt((*rows)[0][0]);
      stored.version = 1;
      return stored;
    });
  }

  Result<Hold> UpdateHold(const Hold& h) override {
    return Write<Hold>([&]() -> Result<Hold> {
      KANGFU_RETURN_IF_ERROR(ValidateHold(h));
      Result<int64_t> version = Update(
          kHoldUpdate, kHoldVersion,
          {Int(h.id), Int(h.version), Text(HoldKindCode(h.kind)), DateValue(h.from), OptDate(h.to)},
          &HoldNotFound, {});
      if (!version.ok()) return std::move(version).TakeStatus();
      Hold stored = h;
      stored.version = *version;
      return stored;
    });
  }

  // --- queries ---
  Result<PersonHistory> LoadHistory(std::string_view id_number) override {
    Result<Person> person = FindPersonByIdNumber(id_number);
    if (!person.ok()) return std::move(person).TakeStatus();
    PersonHistory history;
    history.person = std::move(person).value();
    const std::array<SqlValue, 1> key = {Int(history.person.id)};
    Result<SqlRows> cases = db_->Run(kCasesOfPerson, key);
    if (!cases.ok()) return std::move(cases).TakeStatus();
    Result<std::vector<Case>> case_rows = ReadAll<Case>(*cases, &ReadCase);
    if (!case_rows.ok()) return std::move(case_rows).TakeStatus();
    history.cases = std::move(case_rows).value();
    if (!history.cases.empty()) {
      Result<SqlRows> measures = db_->Run(kMeasuresOfPerson, key);
      if (!measures.ok()) return std::move(measures).TakeStatus();
      Result<std::vector<Measure>> measure_rows = ReadAll<Measure>(*measures, &ReadMeasure);
      if (!measure_rows.ok()) return std::move(measure_rows).TakeStatus();
      history.measures = std::move(measure_rows).value();
    }
    Result<SqlRows> holds = db_->Run(kHoldsOfPerson, key);
    if (!holds.ok()) return std::move(holds).TakeStatus();
    Result<std::vector<Hold>> hold_rows = ReadAll<Hold>(*holds, &ReadHold);
    if (!hold_rows.ok()) return std::move(hold_rows).TakeStatus();
    history.holds = std::move(hold_rows).value();
    return history;
  }

  Result<std::vector<PersonHistory>> LoadHistories(std::span<const RowId> person_ids) override {
    std::vector<PersonHistory> out;
    if (person_ids.empty()) return out;
    std::string ids = JsonIdArray(person_ids);
    const std::array<SqlValue, 1> key = {Text(std::move(ids))};
    Result<SqlRows> persons = db_->Run(kPersonsOfIds, key);
    if (!persons.ok()) return std::move(persons).TakeStatus();
    std::unordered_map<RowId, std::size_t> index;
    out.reserve(persons->size());
    for (const SqlRow& row : *persons) {
      Result<Person> person = ReadPerson(row);
      if (!person.ok()) return std::move(person).TakeStatus();
      index.emplace(person->id, out.size());
      out.push_back({.person = std::move(person).value()});
    }
    if (out.empty()) return out;
    std::unordered_map<RowId, RowId> case_person;
    Result<SqlRows> cases = db_->Run(kCasesOfPersons, key);
    if (!cases.ok()) return std::move(cases).TakeStatus();
    for (const SqlRow& row : *cases) {
      Result<Case> c = ReadCase(row);
      if (!c.ok()) return std::move(c).TakeStatus();
      case_person.emplace(c->id, c->person_id);
      out[index.at(c->person_id)].cases.push_back(std::move(c).value());
    }
    if (!case_person.empty()) {
      Result<SqlRows> measures = db_->Run(kMeasuresOfPersons, key);
      if (!measures.ok()) return std::move(measures).TakeStatus();
      for (const SqlRow& row : *measures) {
        // The columns ReadMeasure reads, then the person's id.
        Result<Measure> m = ReadMeasure(row);
        if (!m.ok()) return std::move(m).TakeStatus();
        out[index.at(AsInt(row.back()))].measures.push_back(std::move(m).value());
      }
    }
    Result<SqlRows> holds = db_->Run(kHoldsOfPersons, key);
    if (!holds.ok()) return std::move(holds).TakeStatus();
    for (const SqlRow& row : *holds) {
      Result<Hold> h = ReadHold(row);
      if (!h.ok()) return std::move(h).TakeStatus();
      out[index.at(h->person_id)].holds.push_back(std::move(h).value());
    }
    return out;
  }

  Result<FormCounts> CountCasesByForm(RowId org_id, Date from, Date to) override {
    Result<Organisation> root = GetOrganisation(org_id);
    if (!root.ok()) return std::move(root).TakeStatus();
    return stats::CountForms(*db_, *root, from, to);
  }

  Result<std::vector<KeyedFormCounts>> CountCasesByDimension(RowId org_id, Date from, Date to,
                                                             StatsDimension dimension) override {
    Result<Organisation> root = GetOrganisation(org_id);
    if (!root.ok()) return std::move(root).TakeStatus();
    return stats::CountByDimension(*db_, *root, from, to, dimension);
  }

  Result<std::vector<MonthFormCounts>> CountCasesByMonth(RowId org_id, Date from,
                                                         Date to) override {
    Result<Organisation> root = GetOrganisation(org_id);
    if (!root.ok()) return std::move(root).TakeStatus();
    return stats::CountByMonth(*db_, *root, from, to);
  }

  Result<std::vector<OrgFormCounts>> CountCasesByChild(RowId org_id, Date from, Date to) override {
    Result<Organisation> root = GetOrganisation(org_id);
    if (!root.ok()) return std::move(root).TakeStatus();
    return stats::CountByChild(*db_, *root, from, to);
  }

  Result<PersonPage> ListPersons(const PersonQuery& query) override {
    if (query.limit < 1 || query.limit > 1000) {
      return Status::Invalid("limit", "page.limit", "每页条数须在1至1000之间");
    }
    if (query.offset < 0) return Status::Invalid("offset", "page.offset", "页码不能为负数");
    Result<SqlRows> root = Run(kOrgPath, {Int(query.root_org_id)});
    if (!root.ok()) return std::move(root).TakeStatus();
    if (root->empty()) return OrgNotFound("root_org_id");
    const std::string path = AsText((*root)[0][0]);
    auto tristate = [](const std::optional<bool>& v) { return Text(!v ? "" : (*v ? "1" : "0")); };
    const SqlValue filter[] = {Text(path), Text(SubtreeBound(path)), Text(query.name_contains),
                               tristate(query.party_member), tristate(query.leading_cadre)};
    Result<SqlRows> count = db_->Run(kPersonsCount, filter);
    if (!count.ok()) return std::move(count).TakeStatus();
    PersonPage page;
    page.total = AsInt((*count)[0][0]);
    const SqlValue params[] = {filter[0], filter[1],        filter[2],        filter[3],
                               filter[4], Int(query.limit), Int(query.offset)};
    Result<SqlRows> rows =
        db_->Run(query.sort == PersonSort::kName ? kPersonsByName : kPersonsById, params);
    if (!rows.ok()) return std::move(rows).TakeStatus();
    Result<std::vector<Person>> persons = ReadAll<Person>(*rows, &ReadPerson);
    if (!persons.ok()) return std::move(persons).TakeStatus();
    page.persons = std::move(persons).value();
    return page;
  }

  // --- accounts, sessions, audit ---
  Result<Account> AddAccount(const Account& account) override {
    return Write<Account>([&]() -> Result<Account> {
      if (account.username.empty()) {
        return Status::Invalid("username", "account.username_empty", "请填写登录用户名");
      }
      Result<SqlRows> rows =
          Run(kAccountInsert,
              {Text(account.username), Text(account.display_name), Text(account.password_hash),
               Text(JoinRoles(account.roles)), OptId(account.jurisdiction_org),
               Bool(account.disabled), Int(account.failed_logins), Text(account.locked_until),
               Text(account.password_changed_at)});
      if (!rows.ok()) return MapError(std::move(rows).TakeStatus(), kAccountErrors);
      Account stored = account;
      stored.id = AsInt((*rows)[0][0]);
      stored.version = 1;
      return stored;
    });
  }

  Result<Account> GetAccount(RowId id) override {
    return ReadOne(kAccountGet, id, &ReadAccount, &AccountNotFoundNoField);
  }

  Result<Account> FindAccountByUsername(std::string_view username) override {
    Result<SqlRows> rows = Run(kAccountByName, {Text(username)});
    if (!rows.ok()) return std::move(rows).TakeStatus();
    if (rows->empty()) return AccountNotFound("username");
    return ReadAccount((*rows)[0]);
  }

  Result<std::vector<Account>> ListAccounts() override {
    Result<SqlRows> rows = Run(kAccountList, {});
    if (!rows.ok()) return std::move(rows).TakeStatus();
    return ReadAll<Account>(*rows, &ReadAccount);
  }

  Result<int64_t> CountAccounts() override {
    Result<SqlRows> rows = Run(kAccountCount, {});
    if (!rows.ok()) return std::move(rows).TakeStatus();
    return rows->empty() ? 0 : AsInt((*rows)[0][0]);
  }

  Result<Account> UpdateAccount(const Account& account) override {
    return Write<Account>([&]() -> Result<Account> {
      Result<int64_t> version = Update(
          kAccountUpdate, kAccountVersion,
          {Int(account.id), Int(account.version), Text(account.display_name),
           Text(account.password_hash), Text(JoinRoles(account.roles)),
           OptId(account.jurisdiction_org), Bool(account.disabled), Int(account.failed_logins),
           Text(account.locked_until), Text(account.password_changed_at)},
          &AccountNotFoundNoField, kAccountErrors);
      if (!version.ok()) return std::move(version).TakeStatus();
      return GetAccount(account.id);
    });
  }

  Status AddSession(const StoredSession& session) override {
    return Write<bool>([&]() -> Result<bool> {
             Result<SqlRows> rows =
                 Run(kSessionInsert,
                     {Text(session.id_hash), Int(session.account_id), Text(session.csrf_token),
                      Text(session.created_at), Text(session.last_seen_at)});
             if (!rows.ok()) {
               return MapError(
                   std::move(rows).TakeStatus(),
                   {.unique = &SessionDuplicate, .foreign_key = &SessionAccountNotFound});
             }
             return true;
           })
        .status();
  }

  Result<StoredSession> GetSession(std::string_view id_hash) override {
    Result<SqlRows> rows = Run(kSessionGet, {Text(id_hash)});
    if (!rows.ok()) return std::move(rows).TakeStatus();
    if (rows->empty()) return SessionNotFound();
    return ReadSession((*rows)[0]);
  }

  Status TouchSession(std::string_view id_hash, std::string_view last_seen_at) override {
    return Write<bool>([&]() -> Result<bool> {
             Result<SqlRows> rows = Run(kSessionTouch, {Text(id_hash), Text(last_seen_at)});
             if (!rows.ok()) return std::move(rows).TakeStatus();
             if (rows->empty()) return SessionNotFound();
             return true;
           })
        .status();
  }

  Status RemoveSession(std::string_view id_hash) override {
    return Write<bool>([&]() -> Result<bool> {
             Result<SqlRows> rows = Run(kSessionRemove, {Text(id_hash)});
             if (!rows.ok()) return std::move(rows).TakeStatus();
             return true;
           })
        .status();
  }

  Result<int64_t> RemoveAccountSessions(RowId account_id) override {
    return Write<int64_t>([&]() -> Result<int64_t> {
      Result<SqlRows> rows = Run(kSessionRemoveAccount, {Int(account_id)});
      if (!rows.ok()) return std::move(rows).TakeStatus();
      return static_cast<int64_t>(rows->size());
    });
  }

  Result<int64_t> RemoveExpiredSessions(std::string_view seen_before,
                                        std::string_view created_before) override {
    return Write<int64_t>([&]() -> Result<int64_t> {
      Result<SqlRows> rows = Run(kSessionRemoveExpired, {Text(seen_before), Text(created_before)});
      if (!rows.ok()) return std::move(rows).TakeStatus();
      return static_cast<int64_t>(rows->size());
    });
  }

  Status AppendAudit(const AuditRecord& record) override {
    // One transaction (joined when the caller has one): the check and the insert are atomic.
    return InTransaction([&]() -> Status {
      return Write<bool>([&]() -> Result<bool> {
               if (batch_) return StageAudit(record);
               std::string previous_at;  // the newest entry's; none while the log is empty
               bool empty = true;
               if (audit_head_) {
                 // The newest entry is known (see audit_head_): no need to look it up.
                 if (audit_head_->has_value()) {
                   if ((*audit_head_)->seq >= record.seq) return AuditSeqTaken();
                   previous_at = (*audit_head_)->at;
                   empty = false;
                 }
               } else {
                 Result<SqlRows> newest = Run(kAuditNewest, {});
                 if (!newest.ok()) return std::move(newest).TakeStatus();
                 if (!newest->empty()) {
                   if (AsInt((*newest)[0][0]) >= record.seq) return AuditSeqTaken();
                   previous_at = AsText((*newest)[0][1]);
                   empty = false;
                 }
               }
               Result<std::optional<int64_t>> id =
                   InsertAudit(record, empty ? nullptr : &previous_at);
               if (!id.ok()) return std::move(id).TakeStatus();
               if (audit_head_) {
                 const int64_t before =
                     audit_head_->has_value() ? (*audit_head_)->position : int64_t{0};
                 AuditRecord& head = audit_head_->emplace(record);
                 head.position = id->value_or(before + 1);
               }
               return true;
             })
          .status();
    });
  }

  // Inside a read batch an entry is kept here and written with the others just before the
  // batch's COMMIT (WriteStagedAudit): each read's insert into the log and its indexes ran
  // inside the read's savepoint, which copied every page it touched to the
  // statement journal first, and the batch's entries went in one at a time between the reads'
  // other work. The answers still leave only after that COMMIT. The batch holds the write lock
  // (BeginBatch), so no one else can append meanwhile; audit_head_ always names the newest
  // entry, staged or not, while any is staged.
  Result<bool> StageAudit(const AuditRecord& record) {
    if (!audit_head_) {
      Result<std::optional<AuditRecord>> last = LastAudit();
      if (!last.ok()) return std::move(last).TakeStatus();
      audit_head_ = std::move(last).value();
    }
    if (audit_head_->has_value() && (*audit_head_)->seq >= record.seq) return AuditSeqTaken();
    if (staged_audit_.empty()) {
      staged_previous_at_.reset();
      if (audit_head_->has_value()) staged_previous_at_ = (*audit_head_)->at;
    }
    const int64_t before = audit_head_->has_value() ? (*audit_head_)->position : int64_t{0};
    AuditRecord& staged = staged_audit_.emplace_back(record);
    // Where SQLite will put it (the largest id plus one); PostgreSQL's sequence decides there.
    staged.position = before + 1;
    audit_head_->emplace(staged);
    return true;
  }

  // Forgets the entries staged after `mark` (their request or unit was rolled back).
  void DropStagedAudit(std::size_t mark) {
    if (mark < staged_audit_.size()) staged_audit_.resize(mark);
    if (staged_audit_.empty()) {
      audit_head_.reset();  // the database's newest entry is the newest again
    } else {
      audit_head_.emplace(staged_audit_.back());
    }
  }

  Status WriteStagedAudit(const std::vector<AuditRecord>& staged) {
    const std::string* previous_at = staged_previous_at_ ? &*staged_previous_at_ : nullptr;
    for (const AuditRecord& record : staged) {
      Result<std::optional<int64_t>> id = InsertAudit(record, previous_at);
      if (!id.ok()) return std::move(id).TakeStatus();
      previous_at = &record.at;
    }
    return Status::Ok();
  }

  // Inserts one entry and returns its id when the database says it (PostgreSQL). An entry
  // earlier than the one before it (`previous_at`, null when the log was empty; AuditLog::Record
  // never writes one, a caller of AppendAudit might) moves the end of the log's unordered part
  // (migration 0014) to it, so that the time filter stays exact.
  Result<std::optional<int64_t>> InsertAudit(const AuditRecord& record,
                                             const std::string* previous_at) {
    std::array<SqlValue, 14> params = AuditParams(record);
    Result<SqlRows> rows = db_->Run(kAuditInsert, params);
    if (!rows.ok()) return MapError(std::move(rows).TakeStatus(), {});
    std::optional<int64_t> id;
    if (!rows->empty()) id = AsInt((*rows)[0][0]);
    if (previous_at != nullptr && record.at < *previous_at) {
      Result<SqlRows> noted = Run(kAuditUnordered, {});
      if (!noted.ok()) return std::move(noted).TakeStatus();
    }
    return id;
  }

  static std::array<SqlValue, 14> AuditParams(const AuditRecord& record) {
    return {Int(record.seq),
            Text(record.at),
            Int(record.actor_id),
            Text(record.actor_username),
            Text(record.remote_address),
            Text(record.request_id),
            Text(record.action),
            Text(record.object_type),
            Text(record.object_id),
            Text(record.before_json),
            Text(record.after_json),
            Bool(record.success),
            Text(record.detail),
            Text(record.hash)};
  }

  Result<std::optional<AuditRecord>> LastAudit() override {
    if (audit_head_) return *audit_head_;
    if (depth_ > 0) {
      Result<SqlRows> locked = Run(kAuditLock, {});
      if (!locked.ok()) return std::move(locked).TakeStatus();
    }
    Result<SqlRows> rows = Run(kAuditLast, {});
    if (!rows.ok()) return std::move(rows).TakeStatus();
    std::optional<AuditRecord> last;
    if (!rows->empty()) {
      Result<AuditRecord> record = ReadAudit((*rows)[0]);
      if (!record.ok()) return std::move(record).TakeStatus();
      last = std::move(record).value();
    }
    // Kept for the rest of the transaction when no one else can append meanwhile: on SQLite
    // every read and write of a transaction sees one snapshot (a write after another process
    // appended fails with sql.busy); on PostgreSQL only after the advisory lock above.
    if (db_->Backend() == "sqlite" ? InTxn() : depth_ > 0) audit_head_ = last;
    return last;
  }

  Result<std::vector<AuditRecord>> ListAudit(int64_t after_position, int64_t limit) override {
    Result<SqlRows> rows = Run(kAuditList, {Int(after_position), Int(limit)});
    if (!rows.ok()) return std::move(rows).TakeStatus();
    return ReadAll<AuditRecord>(*rows, &ReadAudit);
  }

  Result<AuditPage> FindAudit(const AuditFilter& filter) override {
    return FindAuditEntries(*db_, filter);
  }

  Status Backup(const std::string& file) override { return db_->Backup(file); }

  Status Restore(const std::string& file) override {
    if (InTxn()) return Aborted();
    ancestors_.clear();
    audit_head_.reset();
    KANGFU_RETURN_IF_ERROR(db_->Restore(file));
    return Migrate(*db_);
  }

  // --- bulk load ---
  // Every check reads whole sets at once (one statement per call, whatever the row count), then
  // the rows go in through the connection's bulk path with ids reserved up front.
  Status BulkAddPersons(std::span<Person> persons) override {
    return WriteBulk([&]() -> Status {
      if (persons.empty()) return Status::Ok();
      std::unordered_set<std::string_view> numbers;
      numbers.reserve(persons.size());
      std::set<RowId> unit_ids;
      for (std::size_t i = 0; i < persons.size(); ++i) {
        Status valid = ValidatePerson(persons[i]);
        if (!valid.ok()) return AtRow(std::move(valid), "persons", i);
        if (!numbers.insert(persons[i].id_number).second) {
          return AtRow(IdNumberTaken(), "persons", i);
        }
        unit_ids.insert(persons[i].unit_id);
      }
      std::vector<int64_t> ids;
      KANGFU_RETURN_IF_ERROR(InTransaction([&]() -> Status {
        Result<std::set<RowId>> units = Existing(kBulkOrgsExisting, unit_ids);
        if (!units.ok()) return std::move(units).TakeStatus();
        for (std::size_t i = 0; i < persons.size(); ++i) {
          if (!units->contains(persons[i].unit_id)) return AtRow(UnitNotFound(), "persons", i);
        }
        Result<SqlRows> taken = Run(kBulkIdNumbersTaken, {Text(JsonIdNumbers(persons))});
        if (!taken.ok()) return std::move(taken).TakeStatus();
        if (!taken->empty()) {
          std::unordered_set<std::string> on_record;
          for (const SqlRow& row : *taken) on_record.insert(AsText(row.at(0)));
          for (std::size_t i = 0; i < persons.size(); ++i) {
            if (on_record.contains(persons[i].id_number)) {
              return AtRow(IdNumberTaken(), "persons", i);
            }
          }
        }
        Result<std::vector<int64_t>> reserved =
            db_->ReserveIds("persons", static_cast<int64_t>(persons.size()));
        if (!reserved.ok()) return std::move(reserved).TakeStatus();
        ids = std::move(reserved).value();
        std::vector<SqlValue> values;
        values.reserve(persons.size() * kPersonBulkColumns.size());
        for (std::size_t i = 0; i < persons.size(); ++i) {
          const Person& p = persons[i];
          values.insert(values.end(), {Int(ids[i]), Text(p.id_number), Text(p.name), Int(p.unit_id),
                                       Text(p.post), Text(p.post_level), Bool(p.party_member),
                                       Bool(p.civil_servant), Bool(p.leading_cadre)});
        }
        Status inserted = db_->BulkInsert("persons", kPersonBulkColumns, values);
        return inserted.ok() ? inserted : MapError(std::move(inserted), kPersonErrors);
      }));
      for (std::size_t i = 0; i < persons.size(); ++i) {
        persons[i].id = ids[i];
        persons[i].version = 1;
      }
      return Status::Ok();
    });
  }

  Status BulkAddCases(std::span<Case> cases) override {
    return WriteBulk([&]() -> Status {
      if (cases.empty()) return Status::Ok();
      std::set<RowId> person_ids;
      std::set<RowId> organ_ids;
      for (std::size_t i = 0; i < cases.size(); ++i) {
        Status valid = ValidateCase(cases[i]);
        if (!valid.ok()) return AtRow(std::move(valid), "cases", i);
        person_ids.insert(cases[i].person_id);
        organ_ids.insert(cases[i].organ_id);
      }
      std::vector<int64_t> ids;
      std::vector<RowId> units(cases.size());
      std::vector<std::string> levels(cases.size());
      KANGFU_RETURN_IF_ERROR(InTransaction([&]() -> Status {
        Result<SqlRows> person_rows = Run(kBulkPersonUnits, {Text(JsonInts(person_ids))});
        if (!person_rows.ok()) return std::move(person_rows).TakeStatus();
        std::unordered_map<RowId, std::pair<RowId, std::string>> unit_of;
        unit_of.reserve(person_rows->size());
        for (const SqlRow& row : *person_rows) {
          unit_of.emplace(AsInt(row.at(0)), std::pair(AsInt(row.at(1)), AsText(row.at(2))));
        }
        Result<std::set<RowId>> organs = Existing(kBulkOrgsExisting, organ_ids);
        if (!organs.ok()) return std::move(organs).TakeStatus();
        for (std::size_t i = 0; i < cases.size(); ++i) {
          auto unit = unit_of.find(cases[i].person_id);
          if (unit == unit_of.end()) return AtRow(CasePersonNotFound(), "cases", i);
          if (!organs->contains(cases[i].organ_id)) return AtRow(OrganNotFound(), "cases", i);
          units[i] = unit->second.first;
          levels[i] = unit->second.second;
        }
        Result<std::vector<int64_t>> reserved =
            db_->ReserveIds("cases", static_cast<int64_t>(cases.size()));
        if (!reserved.ok()) return std::move(reserved).TakeStatus();
        ids = std::move(reserved).value();
        std::vector<SqlValue> values;
        values.reserve(cases.size() * kCaseBulkColumns.size());
        for (std::size_t i = 0; i < cases.size(); ++i) {
          const Case& c = cases[i];
          values.insert(values.end(),
                        {Int(ids[i]), Int(c.person_id), Int(c.organ_id), Int(units[i]),
                         Text(c.decision_number), DateValue(c.decision_date),
                         Text(DisciplineCode(c.discipline)), Text(CaseSourceCode(c.source)),
                         Int(c.form), Text(levels[i])});
        }
        Status inserted = db_->BulkInsert("cases", kCaseBulkColumns, values);
        if (!inserted.ok()) {
          return MapError(std::move(inserted),
                          {.foreign_key = &OrganNotFound, .not_null = &CasePersonNotFound});
        }
        // The rollup in aggregate: one row per key touched, ordered so that concurrent loads
        // lock rollup rows in the same order.
        stats::RollupDeltas deltas;
        stats::CaseFacts facts;
        for (std::size_t i = 0; i < cases.size(); ++i) {
          Result<const std::vector<RowId>*> ancestors = AncestorsOf(units[i]);
          if (!ancestors.ok()) return std::move(ancestors).TakeStatus();
          facts.unit_id = units[i];
          facts.decision_date = cases[i].decision_date;
          facts.form = cases[i].form;
          facts.discipline = cases[i].discipline;
          facts.source = cases[i].source;
          facts.level = levels[i];
          stats::AddCase(facts, **ancestors, +1, deltas);
        }
        return stats::Apply(*db_, deltas);
      }));
      for (std::size_t i = 0; i < cases.size(); ++i) {
        cases[i].id = ids[i];
        cases[i].unit_id = units[i];
        cases[i].version = 1;
      }
      return Status::Ok();
    });
  }

  Status BulkAddMeasures(std::span<Measure> measures) override {
    return WriteBulk([&]() -> Status {
      if (measures.empty()) return Status::Ok();
      std::set<RowId> case_ids;
      for (std::size_t i = 0; i < measures.size(); ++i) {
        Status valid = ValidateMeasure(measures[i]);
        if (!valid.ok()) return AtRow(std::move(valid), "measures", i);
        case_ids.insert(measures[i].case_id);
      }
      std::vector<int64_t> ids;
      KANGFU_RETURN_IF_ERROR(InTransaction([&]() -> Status {
        Result<std::map<RowId, stats::CaseFacts>> found =
            stats::LoadCasesFacts(*db_, JsonInts(case_ids));
        if (!found.ok()) return std::move(found).TakeStatus();
        stats::RollupDeltas deltas;
        for (std::size_t i = 0; i < measures.size(); ++i) {
          auto facts = found->find(measures[i].case_id);
          if (facts == found->end()) return AtRow(MeasureCaseNotFound(), "measures", i);
          if (measures[i].revoked) continue;
          Result<const std::vector<RowId>*> ancestors = AncestorsOf(facts->second.unit_id);
          if (!ancestors.ok()) return std::move(ancestors).TakeStatus();
          stats::AddMeasure(facts->second, measures[i].kind, **ancestors, +1, deltas);
        }
        Result<std::vector<int64_t>> reserved =
            db_->ReserveIds("measures", static_cast<int64_t>(measures.size()));
        if (!reserved.ok()) return std::move(reserved).TakeStatus();
        ids = std::move(reserved).value();
        std::vector<SqlValue> values;
        values.reserve(measures.size() * kMeasureBulkColumns.size());
        for (std::size_t i = 0; i < measures.size(); ++i) {
          const Measure& m = measures[i];
          values.insert(values.end(),
                        {Int(ids[i]), Int(m.case_id), Text(m.kind), DateValue(m.effective),
                         OptInt(m.term_months), OptDate(m.extended_on), OutcomeValue(m),
                         OptDate(m.outcome_date), OptDate(m.ended), OptInt(m.period_months),
                         Bool(m.revoked)});
        }
        Status inserted = db_->BulkInsert("measures", kMeasureBulkColumns, values);
        if (!inserted.ok()) {
          return MapError(std::move(inserted), {.foreign_key = &MeasureCaseNotFound});
        }
        return stats::Apply(*db_, deltas);
      }));
      for (std::size_t i = 0; i < measures.size(); ++i) {
        measures[i].id = ids[i];
        measures[i].version = 1;
      }
      return Status::Ok();
    });
  }

 private:
  static Status OrgNotFoundNoField() { return OrgNotFound(); }
  static Status OrganNotFound() { return OrgNotFound("organ_id"); }
  static Status PersonNotFoundNoField() { return PersonNotFound(); }
  static Status CasePersonNotFound() { return PersonNotFound("person_id"); }
  static Status HoldPersonNotFound() { return PersonNotFound("person_id"); }
  static Status CaseNotFoundNoField() { return CaseNotFound(); }
  static Status MeasureCaseNotFound() { return CaseNotFound("case_id"); }
  static Status UnitNotFound() { return OrgNotFound("unit_id"); }
  static Status IdNumberTaken() {
    return Status::Error(ErrorCode::kAlreadyExists, "person.id_number_taken",
                         "该身份证号码已有人员记录，请勿重复录入；如需修改请编辑原记录",
                         "id_number");
  }
  static constexpr ErrorMap kPersonErrors = {.unique = &IdNumberTaken,
                                             .foreign_key = &UnitNotFound};
  static Status AccountNotFound(std::string field) {
    return Status::NotFound("account.not_found", "未找到该账号，请核对用户名", std::move(field));
  }
  static Status AccountNotFoundNoField() { return AccountNotFound({}); }
  static Status SessionAccountNotFound() { return AccountNotFound("account_id"); }
  static Status UsernameTaken() {
    return Status::Error(ErrorCode::kAlreadyExists, "account.username_taken",
                         "该用户名已被使用，请换一个用户名", "username");
  }
  static Status JurisdictionNotFound() { return OrgNotFound("jurisdiction_org"); }
  static constexpr ErrorMap kAccountErrors = {.unique = &UsernameTaken,
                                              .foreign_key = &JurisdictionNotFound};
  static Status SessionNotFound() {
    return Status::NotFound("session.not_found", "会话不存在或已结束，请重新登录");
  }
  static Status SessionDuplicate() {
    return Status::Error(ErrorCode::kAlreadyExists, "session.duplicate",
                         "会话标识重复，请重新登录");
  }
  static Status AuditSeqTaken() {
    return Status::Error(ErrorCode::kAlreadyExists, "audit.seq_taken",
                         "审计日志正被并发写入，本次操作未保存，请重试");
  }

  static SqlValue OutcomeValue(const Measure& m) {
    return m.outcome ? Text(OutcomeCode(*m.outcome)) : SqlValue();
  }

  static stats::CaseFacts FactsOf(const Case& c, std::string level) {
    return {.unit_id = c.unit_id,
            .decision_date = c.decision_date,
            .form = c.form,
            .discipline = c.discipline,
            .source = c.source,
            .level = std::move(level)};
  }

  // Adds `delta` for the case to the statistics rollup of its unit and every organisation above.
  Status RollCase(const stats::CaseFacts& facts, int64_t delta) {
    Result<const std::vector<RowId>*> ancestors = AncestorsOf(facts.unit_id);
    if (!ancestors.ok()) return std::move(ancestors).TakeStatus();
    stats::RollupDeltas deltas;
    stats::AddCase(facts, **ancestors, delta, deltas);
    return stats::Apply(*db_, deltas);
  }

  // Moves one measure of case `case_id` in the statistics rollup from kind `from_kind` to
  // `to_kind` ("" = not counted: absent or revoked).
  Status RollMeasure(RowId case_id, std::string_view from_kind, std::string_view to_kind,
                     int64_t delta) {
    Result<stats::CaseFacts> facts = stats::LoadCaseFacts(*db_, case_id, "case_id");
    if (!facts.ok()) return facts.status();
    Result<const std::vector<RowId>*> ancestors = AncestorsOf(facts->unit_id);
    if (!ancestors.ok()) return std::move(ancestors).TakeStatus();
    stats::RollupDeltas deltas;
    if (!from_kind.empty()) stats::AddMeasure(*facts, from_kind, **ancestors, -delta, deltas);
    if (!to_kind.empty()) stats::AddMeasure(*facts, to_kind, **ancestors, delta, deltas);
    return stats::Apply(*db_, deltas);
  }

  // The ids on an organisation's path, root first, itself last. Cached: a path never changes
  // once written (there is no move operation); the cache is dropped on every rollback, since a
  // rolled-back id may be given again to another organisation.
  Result<const std::vector<RowId>*> AncestorsOf(RowId org_id) {
    auto it = ancestors_.find(org_id);
    if (it != ancestors_.end()) return &it->second;
    Result<SqlRows> path = Run(kOrgPath, {Int(org_id)});
    if (!path.ok()) return std::move(path).TakeStatus();
    if (path->empty()) return OrgNotFound("unit_id");
    std::vector<RowId> ids;
    RowId id = 0;
    for (char ch : AsText((*path)[0][0])) {
      if (ch != '/') {
        id = id * 10 + (ch - '0');
      } else if (id != 0) {
        ids.push_back(id);
        id = 0;
      }
    }
    return &ancestors_.emplace(org_id, std::move(ids)).first->second;
  }

  Result<SqlRows> Run(const SqlStatement& statement, std::initializer_list<SqlValue> params) {
    return db_->Run(statement, std::span<const SqlValue>(params.begin(), params.size()));
  }

  template <typename T>
  Result<T> ReadOne(const SqlStatement& statement, RowId id, Result<T> (*read)(const SqlRow&),
                    Status (*not_found)()) {
    Result<SqlRows> rows = Run(statement, {Int(id)});
    if (!rows.ok()) return std::move(rows).TakeStatus();
    if (rows->empty()) return not_found();
    return read((*rows)[0]);
  }

  // Runs a versioned UPDATE … RETURNING version. When no row matched, tells a vanished row
  // (not_found) from a stale version (record.stale).
  Result<int64_t> Update(const SqlStatement& update, const SqlStatement& version_of,
                         std::initializer_list<SqlValue> params, Status (*not_found)(),
                         const ErrorMap& errors) {
    Result<SqlRows> rows = Run(update, params);
    if (!rows.ok()) return MapError(std::move(rows).TakeStatus(), errors);
    if (!rows->empty()) return AsInt((*rows)[0][0]);
    Result<SqlRows> current = Run(version_of, {*params.begin()});
    if (!current.ok()) return std::move(current).TakeStatus();
    if (current->empty()) return not_found();
    return Stale();
  }

  // Whether writes run inside a transaction (a unit of work or the request transaction).
  bool InTxn() const { return depth_ > 0 || request_ || batch_; }

  // The outermost unit of work inside the request transaction: a SAVEPOINT, rolled back to when
  // the unit fails so that the request transaction carries on (see Store::BeginRequest).
  Status InSavepoint(const std::function<Status()>& work) {
    if (doomed_) return failure_;
    KANGFU_RETURN_IF_ERROR(db_->Exec("SAVEPOINT kangfu_unit"));
    depth_ = 1;
    unit_mark_ = staged_audit_.size();
    Status status;
    try {
      status = work();
    } catch (...) {
      depth_ = 0;
      doomed_ = false;
      RollbackSavepoint();
      throw;
    }
    depth_ = 0;
    if (status.ok() && doomed_) status = failure_;
    doomed_ = false;
    if (!status.ok()) {
      RollbackSavepoint();
      return status;
    }
    Status released = db_->Exec("RELEASE kangfu_unit");
    if (!released.ok()) Doom(released);
    return released;
  }

  // Undoes a failed unit; when even that fails, the request transaction cannot be trusted.
  void RollbackSavepoint() {
    ancestors_.clear();
    DropStagedAudit(unit_mark_);
    Status undone = db_->Exec("ROLLBACK TO kangfu_unit");
    if (undone.ok()) undone = db_->Exec("RELEASE kangfu_unit");
    if (!undone.ok()) Doom(undone);
  }

  // Every write goes through here: inside a doomed transaction it does nothing; a failure
  // dooms the enclosing transaction (see Store::InTransaction).
  template <typename T, typename Fn>
  Result<T> Write(Fn&& fn) {
    if (InTxn() && doomed_) return Aborted();
    Result<T> result = fn();
    if (!result.ok() && InTxn()) Doom(result.status());
    return result;
  }

  void Doom(const Status& status) {
    if (doomed_) return;
    doomed_ = true;
    failure_ = status;
  }

  // --- bulk load helpers ---
  // Like Write, for the bulk methods (which return a Status). An empty call writes nothing and
  // opens no transaction.
  template <typename Fn>
  Status WriteBulk(Fn&& fn) {
    if (InTxn() && doomed_) return Aborted();
    Status status = fn();
    if (!status.ok() && InTxn()) Doom(status);
    return status;
  }

  // Which of `ids` the lookup statement finds.
  Result<std::set<RowId>> Existing(const SqlStatement& lookup, const std::set<RowId>& ids) {
    Result<SqlRows> rows = Run(lookup, {Text(JsonInts(ids))});
    if (!rows.ok()) return std::move(rows).TakeStatus();
    std::set<RowId> found;
    for (const SqlRow& row : *rows) found.insert(AsInt(row.at(0)));
    return found;
  }

  std::unique_ptr<SqlConnection> db_;
  std::unique_ptr<AftercareStore> aftercare_;
  std::unique_ptr<VettingStore> vetting_;
  std::unique_ptr<ReuseStore> reuse_;
  std::unique_ptr<OversightStore> oversight_;
  std::unique_ptr<LedgerStore> ledger_;
  std::unique_ptr<IndicatorStore> indicators_;
  std::unordered_map<RowId, std::vector<RowId>> ancestors_;
  // The newest audit entry (nullopt inside: the log is empty) while the open transaction is the
  // only possible appender: set by LastAudit, advanced by AppendAudit, forgotten at every end of
  // the outermost transaction and every rollback to a savepoint (or set back to the newest entry
  // still staged, see DropStagedAudit). Saves a group-committed batch
  // of reads two lookups per appended entry.
  std::optional<std::optional<AuditRecord>> audit_head_;
  std::vector<AuditRecord> staged_audit_;          // a read batch's entries (see StageAudit)
  std::optional<std::string> staged_previous_at_;  // the newest entry's before the first staged
  std::size_t request_mark_ = 0;  // staged_audit_.size() when the request's savepoint opened
  std::size_t unit_mark_ = 0;     // staged_audit_.size() when the unit's savepoint opened
  int depth_ = 0;                 // nesting of InTransaction units
  bool request_ = false;          // a request transaction is open (BeginRequest)
  bool batch_ = false;  // a read batch is open (BeginBatch); requests are savepoints in it
  bool doomed_ = false;
  Status failure_;
};

}  // namespace

std::unique_ptr<Store> MakeSqlStore(std::unique_ptr<SqlConnection> connection) {
  return std::make_unique<SqlStore>(std::move(connection));
}

void ReadAuditColumns(RowReader& r, AuditRecord& a, bool with_changes) {
  a.position = r.Int();
  a.seq = r.Int();
  a.at = r.Text();
  a.actor_id = r.Int();
  a.actor_username = r.Text();
  a.remote_address = r.Text();
  a.request_id = r.Text();
  a.action = r.Text();
  a.object_type = r.Text();
  a.object_id = r.Text();
  if (with_changes) {
    a.before_json = r.Text();
    a.after_json = r.Text();
  }
  a.success = r.Bool();
  a.detail = r.Text();
  a.hash = r.Text();
}

Result<Person> ReadPerson(const SqlRow& row) {
  RowReader r(row);
  Person p;
  p.id = r.Int();
  p.id_number = r.Text();
  p.name = r.Text();
  p.unit_id = r.Int();
  p.post = r.Text();
  p.post_level = r.Text();
  p.party_member = r.Bool();
  p.civil_servant = r.Bool();
  p.leading_cadre = r.Bool();
  p.version = r.Int();
  if (r.bad()) return Corrupt("persons");
  return p;
}

Result<Case> ReadCase(const SqlRow& row) {
  RowReader r(row);
  Case c;
  c.id = r.Int();
  c.person_id = r.Int();
  c.organ_id = r.Int();
  c.unit_id = r.Int();
  c.decision_number = r.Text();
  c.decision_date = r.DateColumn();
  c.discipline = r.Code<Discipline>(&DisciplineFromCode);
  c.source = r.Code<CaseSource>(&CaseSourceFromCode);
  c.form = static_cast<int>(r.Int());
  c.version = r.Int();
  if (r.bad()) return Corrupt("cases");
  return c;
}

Result<Measure> ReadMeasure(const SqlRow& row) {
  RowReader r(row);
  Measure m;
  m.id = r.Int();
  m.case_id = r.Int();
  m.kind = r.Text();
  m.effective = r.DateColumn();
  m.term_months = r.OptInt();
  m.extended_on = r.OptDate();
  std::string outcome = r.Text();
  m.outcome_date = r.OptDate();
  m.ended = r.OptDate();
  m.period_months = r.OptInt();
  m.revoked = r.Bool();
  m.version = r.Int();
  if (!outcome.empty()) {
    m.outcome = OutcomeFromCode(outcome);
    if (!m.outcome) return Corrupt("measures");
  }
  if (r.bad()) return Corrupt("measures");
  return m;
}

}  // namespace kangfu::storage
