// SQLite adapter: the C API with WAL, foreign keys, a busy timeout and a cache of prepared
// statements by name.

#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "storage/sql_connection.hpp"

namespace kangfu::embedded {
std::string_view SqliteMigration0001();
std::string_view SqliteMigration0002();
std::string_view SqliteMigration0003();  // statistics rollup
std::string_view SqliteMigration0004();  // aftercare
std::string_view SqliteMigration0005();  // vetting
std::string_view SqliteMigration0006();  // oversight
std::string_view SqliteMigration0007();  // reuse
std::string_view SqliteMigration0008();  // aftercare schedule
std::string_view SqliteMigration0009();  // audit query indexes
std::string_view SqliteMigration0010();  // indicator counts of the schedule
std::string_view SqliteMigration0011();  // wording of vetting answers
std::string_view SqliteMigration0012();  // workbench indexes on the schedule
std::string_view SqliteMigration0013();  // the day an import created a visit plan
std::string_view SqliteMigration0014();  // the audit time filter through ids
}  // namespace kangfu::embedded

namespace kangfu::storage {
namespace {

constexpr int kBusyTimeoutMs = 5000;

Status SqliteError(sqlite3* db, int rc, std::string_view what) {
  const int extended = db != nullptr ? sqlite3_extended_errcode(db) : rc;
  std::string internal = std::string(what) + ": " +
                         (db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc)) + " (" +
                         std::to_string(extended) + ")";
  switch (extended) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return Status::Error(ErrorCode::kInvalidArgument, "sql.unique", "").WithInternal(internal);
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return Status::Error(ErrorCode::kInvalidArgument, "sql.foreign_key", "")
          .WithInternal(internal);
    case SQLITE_CONSTRAINT_NOTNULL:
      return Status::Error(ErrorCode::kInvalidArgument, "sql.not_null", "").WithInternal(internal);
    case SQLITE_CONSTRAINT_CHECK:
      return Status::Error(ErrorCode::kInvalidArgument, "sql.check", "").WithInternal(internal);
    default:
      break;
  }
  if ((extended & 0xff) == SQLITE_BUSY || (extended & 0xff) == SQLITE_LOCKED) {
    return Status::Error(ErrorCode::kUnavailable, "sql.busy", "数据库正忙，请稍后重试")
        .WithInternal(internal);
  }
  return Status::Internal(internal);
}

class Statement {
 public:
  // Maps the statement's named parameters $1, $2 … to their SQLite indexes once: the lookups
  // by name (sqlite3_bind_parameter_index) are linear searches, too slow on statements with
  // hundreds of parameters (the multi-row rollup upsert).
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {
    const int count = sqlite3_bind_parameter_count(stmt);
    for (int index = 1; index <= count; ++index) {
      const char* name = sqlite3_bind_parameter_name(stmt, index);
      if (name == nullptr || name[0] != '$') continue;
      const std::string_view digits(name + 1);
      std::size_t n = 0;
      const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
      if (error != std::errc() || end != digits.data() + digits.size() || n == 0) continue;
      if (indexes_.size() < n) indexes_.resize(n, 0);
      indexes_[n - 1] = index;
    }
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  sqlite3_stmt* get() const { return stmt_; }
  // The index of parameter $(i + 1), 0 when the statement does not use it.
  int IndexOf(std::size_t i) const { return i < indexes_.size() ? indexes_[i] : 0; }

 private:
  sqlite3_stmt* stmt_;
  std::vector<int> indexes_;
};

// Resets a cached statement on every exit path so that it holds no read lock.
class ResetOnExit {
 public:
  explicit ResetOnExit(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~ResetOnExit() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  ResetOnExit(const ResetOnExit&) = delete;
  ResetOnExit& operator=(const ResetOnExit&) = delete;

 private:
  sqlite3_stmt* stmt_;
};

class SqliteConnection final : public SqlConnection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override {
    statements_.clear();
    control_.clear();
    sqlite3_close_v2(db_);
  }

  std::string_view Backend() const override { return "sqlite"; }
  const char* BeginStatement() const override { return "BEGIN IMMEDIATE"; }

  Status Exec(const std::string& script) override {
    // Every transaction runs these: stepping a kept statement skips parsing and code
    // generation, which cost about as much as the commit of a one-row insert.
    if (script == "BEGIN IMMEDIATE" || script == "COMMIT" || script == "ROLLBACK" ||
        script == "BEGIN" || script.starts_with("SAVEPOINT ") || script.starts_with("RELEASE ") ||
        script.starts_with("ROLLBACK TO ")) {
      return StepControl(script);
    }
    char* error = nullptr;
    const int rc = sqlite3_exec(db_, script.c_str(), nullptr, nullptr, &error);
    sqlite3_free(error);
    if (rc != SQLITE_OK) return SqliteError(db_, rc, "exec");
    return Status::Ok();
  }

  Result<SqlRows> Run(const SqlStatement& statement, std::span<const SqlValue> params) override {
    Result<const Statement*> prepared = Prepare(statement);
    if (!prepared.ok()) return std::move(prepared).TakeStatus();
    sqlite3_stmt* stmt = (*prepared)->get();
    ResetOnExit reset(stmt);
    for (std::size_t i = 0; i < params.size(); ++i) {
      const int index = (*prepared)->IndexOf(i);
      if (index == 0) continue;
      int rc = SQLITE_OK;
      if (const auto* v = std::get_if<int64_t>(&params[i])) {
        rc = sqlite3_bind_int64(stmt, index, *v);
      } else if (const auto* s = std::get_if<std::string>(&params[i])) {
        // Not copied: `params` outlives the statement's use, whose bindings `reset` clears
        // before this returns.
        rc = sqlite3_bind_text(stmt, index, s->data(), static_cast<int>(s->size()), SQLITE_STATIC);
      } else {
        rc = sqlite3_bind_null(stmt, index);
      }
      if (rc != SQLITE_OK) return SqliteError(db_, rc, statement.name);
    }
    SqlRows rows;
    const int columns = sqlite3_column_count(stmt);
    for (;;) {
      const int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) return SqliteError(db_, rc, statement.name);
      SqlRow& row = rows.emplace_back();
      row.reserve(static_cast<std::size_t>(columns));
      for (int c = 0; c < columns; ++c) {
        switch (sqlite3_column_type(stmt, c)) {
          case SQLITE_NULL:
            row.emplace_back();
            break;
          case SQLITE_INTEGER:
            row.emplace_back(static_cast<int64_t>(sqlite3_column_int64(stmt, c)));
            break;
          default: {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
            row.emplace_back(
                std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt, c))));
            break;
          }
        }
      }
    }
    return rows;
  }

  Status Backup(const std::string& file) override {
    std::error_code ignored;
    std::filesystem::remove(file, ignored);
    return Copy(file, /*to_file=*/true);
  }

  Status Restore(const std::string& file) override {
    if (!std::filesystem::exists(file)) {
      return Status::NotFound("backup.file_missing", "找不到备份文件“" + file + "”，请核对路径",
                              "file");
    }
    statements_.clear();
    control_.clear();
    return Copy(file, /*to_file=*/false);
  }

  std::vector<std::string_view> Migrations() const override {
    return {
        embedded::SqliteMigration0001(), embedded::SqliteMigration0002(),
        embedded::SqliteMigration0003(), embedded::SqliteMigration0004(),
        embedded::SqliteMigration0005(), embedded::SqliteMigration0006(),
        embedded::SqliteMigration0007(), embedded::SqliteMigration0008(),
        embedded::SqliteMigration0009(), embedded::SqliteMigration0010(),
        embedded::SqliteMigration0011(), embedded::SqliteMigration0012(),
        embedded::SqliteMigration0013(), embedded::SqliteMigration0014(),
    };
  }

  Result<std::vector<int64_t>> ReserveIds(std::string_view table, int64_t count) override {
    const std::string sql = "SELECT coalesce(max(id), 0) FROM " + std::string(table);
    sqlite3_stmt* raw = nullptr;
    int rc = sqlite3_prepare_v2(db_, sql.c_str(), -1, &raw, nullptr);
    Statement stmt(raw);
    if (rc != SQLITE_OK) return SqliteError(db_, rc, "reserve_ids");
    rc = sqlite3_step(stmt.get());
    if (rc != SQLITE_ROW) return SqliteError(db_, rc, "reserve_ids");
    const int64_t last = sqlite3_column_int64(stmt.get(), 0);
    std::vector<int64_t> ids(static_cast<std::size_t>(count));
    for (std::size_t i = 0; i < ids.size(); ++i) ids[i] = last + 1 + static_cast<int64_t>(i);
    return ids;
  }

  Status BulkInsert(std::string_view table, std::span<const std::string_view> columns,
                    std::span<const SqlValue> values) override {
    if (columns.empty() || values.size() % columns.size() != 0) {
      return Status::Internal("bulk insert into " + std::string(table) + ": ragged rows");
    }
    // Many rows per statement: a step costs about as much for 100 rows as for one (cursor and
    // foreign-key set-up, halt); the rows left over go one by one.
    const std::size_t width = columns.size();
    const std::size_t per_statement = std::max<std::size_t>(1, kBulkParameters / width);
    Result<sqlite3_stmt*> many = BulkStatement(table, columns, per_statement);
    if (!many.ok()) return std::move(many).TakeStatus();
    Result<sqlite3_stmt*> one = BulkStatement(table, columns, 1);
    if (!one.ok()) return std::move(one).TakeStatus();
    const std::size_t rows = values.size() / width;
    std::size_t row = 0;
    while (row < rows) {
      const bool use_many = rows - row >= per_statement;
      sqlite3_stmt* stmt = use_many ? *many : *one;
      const std::size_t take = use_many ? per_statement : 1;
      ResetOnExit reset(stmt);
      const std::span<const SqlValue> chunk = values.subspan(row * width, take * width);
      for (std::size_t p = 0; p < chunk.size(); ++p) {
        const SqlValue& value = chunk[p];
        const int index = static_cast<int>(p) + 1;
        int rc = SQLITE_OK;
        // The values outlive the step: no copy (SQLITE_STATIC).
        if (const auto* v = std::get_if<int64_t>(&value)) {
          rc = sqlite3_bind_int64(stmt, index, *v);
        } else if (const auto* text = std::get_if<std::string>(&value)) {
          rc = sqlite3_bind_text(stmt, index, text->data(), static_cast<int>(text->size()),
                                 SQLITE_STATIC);
        } else {
          rc = sqlite3_bind_null(stmt, index);
        }
        if (rc != SQLITE_OK) return SqliteError(db_, rc, table);
      }
      const int rc = sqlite3_step(stmt);
      if (rc != SQLITE_DONE) return SqliteError(db_, rc, table);
      row += take;
    }
    return Status::Ok();
  }

 private:
  // Bound parameters per bulk INSERT statement (SQLite allows 32,766).
  static constexpr std::size_t kBulkParameters = 1000;

  // The cached INSERT of `rows` rows into `table`.
  Result<sqlite3_stmt*> BulkStatement(std::string_view table,
                                      std::span<const std::string_view> columns, std::size_t rows) {
    const std::string key = "bulk_insert:" + std::string(table) + ":" + std::to_string(rows);
    auto it = statements_.find(key);
    if (it != statements_.end()) return it->second->get();
    std::string sql = "INSERT INTO " + std::string(table) + " (";
    std::string placeholders = "(";
    for (std::size_t c = 0; c < columns.size(); ++c) {
      sql += (c == 0 ? "" : ", ") + std::string(columns[c]);
      placeholders += (c == 0 ? "?" : ", ?");
    }
    placeholders += ')';
    sql += ") VALUES ";
    for (std::size_t r = 0; r < rows; ++r) sql += (r == 0 ? "" : ", ") + placeholders;
    sqlite3_stmt* stmt = nullptr;
    const int rc =
        sqlite3_prepare_v3(db_, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) {
      sqlite3_finalize(stmt);
      return SqliteError(db_, rc, key);
    }
    statements_.emplace(key, std::make_unique<Statement>(stmt));
    return stmt;
  }

  // Runs one of the transaction control statements through its cached prepared statement.
  Status StepControl(const std::string& sql) {
    auto it = control_.find(sql);
    if (it == control_.end()) {
      sqlite3_stmt* stmt = nullptr;
      const int rc =
          sqlite3_prepare_v3(db_, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
      if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return SqliteError(db_, rc, "exec");
      }
      it = control_.emplace(sql, std::make_unique<Statement>(stmt)).first;
    }
    sqlite3_stmt* stmt = it->second->get();
    const int rc = sqlite3_step(stmt);
    // The error code must be read before the reset, which would report it again.
    Status status = rc == SQLITE_DONE ? Status::Ok() : SqliteError(db_, rc, "exec");
    sqlite3_reset(stmt);
    return status;
  }

  Result<const Statement*> Prepare(const SqlStatement& statement) {
    auto it = statements_.find(statement.name);
    if (it != statements_.end()) return it->second.get();
    sqlite3_stmt* stmt = nullptr;
    const int rc =
        sqlite3_prepare_v3(db_, statement.sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) {
      sqlite3_finalize(stmt);
      return SqliteError(db_, rc, statement.name);
    }
    return statements_.emplace(statement.name, std::make_unique<Statement>(stmt))
        .first->second.get();
  }

  // Online backup API: copies this database to `file` or `file` into this database.
  Status Copy(const std::string& file, bool to_file) {
    sqlite3* other = nullptr;
    const int flags = to_file ? (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) : SQLITE_OPEN_READONLY;
    int rc = sqlite3_open_v2(file.c_str(), &other, flags, nullptr);
    const char* reason = to_file ? "backup.failed" : "restore.failed";
    const std::string message = to_file ? "无法写入备份文件“" + file + "”，请检查路径和权限"
                                        : "无法从备份文件“" + file + "”恢复，文件可能已损坏";
    if (rc == SQLITE_OK) {
      sqlite3* dest = to_file ? other : db_;
      sqlite3* src = to_file ? db_ : other;
      sqlite3_backup* backup = sqlite3_backup_init(dest, "main", src, "main");
      if (backup == nullptr) {
        rc = sqlite3_errcode(dest);
      } else {
        rc = sqlite3_backup_step(backup, -1);
        const int finish = sqlite3_backup_finish(backup);
        rc = rc == SQLITE_DONE ? finish : rc;
      }
    }
    std::string internal = sqlite3_errstr(rc);
    sqlite3_close_v2(other);
    if (rc != SQLITE_OK) {
      return Status::Error(ErrorCode::kUnavailable, reason, message, "file").WithInternal(internal);
    }
    return Status::Ok();
  }

  sqlite3* db_;
  std::map<std::string, std::unique_ptr<Statement>, std::less<>> statements_;
  // Transaction control: BEGIN [IMMEDIATE], COMMIT, ROLLBACK, savepoints (see Exec).
  std::map<std::string, std::unique_ptr<Statement>, std::less<>> control_;
};

}  // namespace

Result<std::unique_ptr<SqlConnection>> OpenSqliteConnection(const std::string& path) {
  // SQLite's memory statistics (sqlite3_memory_used) take a process-wide mutex around every
  // allocation and free, shared by the server's connection and its checkpointer's; nothing here
  // reads them. Only possible before SQLite initialises, which the first open does: once.
  static std::once_flag no_memory_statistics;
  std::call_once(no_memory_statistics, [] { (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string internal = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    return Status::Error(ErrorCode::kUnavailable, "storage.open",
                         "无法打开数据库文件“" + path + "”，请检查路径和权限")
        .WithInternal(internal);
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  auto connection = std::make_unique<SqliteConnection>(db);
  // A 1 GiB page cache and memory-mapped reads keep the indexes of a province-sized file
  // (1M persons, 2M cases) in memory; both are upper bounds, used only as the file grows. The
  // cache also holds the dirty pages of a large transaction (a 1,000,000-row ledger import writes
  // about 1.5 GB): pages spilled from a smaller cache go to the WAL mid-transaction, and every
  // later read of one searches the WAL's hash tables one by one (sqlite3WalFindFrame), a cost
  // that grows with the WAL — the import then slows down as it goes.
  std::string pragmas =
      "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -1048576; "
      "PRAGMA mmap_size = 1073741824; PRAGMA temp_store = MEMORY;";
  if (path != ":memory:") pragmas += " PRAGMA journal_mode = WAL;";
  Status status = connection->Exec(pragmas);
  if (!status.ok()) {
    return Status::Error(ErrorCode::kUnavailable, "storage.open",
                         "无法打开数据库文件“" + path + "”，文件可能不是康复系统的数据库")
        .WithInternal(status.internal());
  }
  return std::unique_ptr<SqlConnection>(std::move(connection));
}

}  // namespace kangfu::storage
