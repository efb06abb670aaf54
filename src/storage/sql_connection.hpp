#ifndef KANGFU_STORAGE_SQL_CONNECTION_HPP_
#define KANGFU_STORAGE_SQL_CONNECTION_HPP_

// Internal to the storage adapters: the small driver surface that SqlStore needs from a
// database. Statements use PostgreSQL-style placeholders $1, $2 …, which SQLite accepts as named
// parameters. Errors are Status values whose reason classifies the failure for SqlStore:
//   "sql.unique", "sql.foreign_key", "sql.check", "sql.not_null"  constraint violations
//   "sql.busy"  (kUnavailable) lock timeout or connection lost
//   "sql.error" (kInternal)    anything else

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/status.hpp"

namespace kangfu::storage {

// NULL, an integer or text. PostgreSQL returns every value as text; the accessors convert.
using SqlValue = std::variant<std::monostate, int64_t, std::string>;
using SqlRow = std::vector<SqlValue>;
using SqlRows = std::vector<SqlRow>;

// A named statement: prepared once per connection under `name`. `pg_sql`, when set, replaces
// `sql` on PostgreSQL (dialect differences stay next to each other).
struct SqlStatement {
  const char* name;
  const char* sql;
  const char* pg_sql = nullptr;
};

class SqlConnection {
 public:
  virtual ~SqlConnection() = default;
  SqlConnection(const SqlConnection&) = delete;
  SqlConnection& operator=(const SqlConnection&) = delete;

  virtual std::string_view Backend() const = 0;
  // Runs a script of statements without parameters (migrations, transaction control).
  virtual Status Exec(const std::string& script) = 0;
  // Runs `statement` with `params`, returning every result row.
  virtual Result<SqlRows> Run(const SqlStatement& statement, std::span<const SqlValue> params) = 0;
  // The statement that starts a write transaction ("BEGIN IMMEDIATE" on SQLite so that two
  // writers never deadlock on a lock upgrade).
  virtual const char* BeginStatement() const = 0;
  virtual Status Backup(const std::string& file) = 0;
  virtual Status Restore(const std::string& file) = 0;
  // Migration scripts of this backend, in order; script i brings the schema to version i + 1.
  virtual std::vector<std::string_view> Migrations() const = 0;

  // --- bulk load ---
  // Table and column names below come from the store's code, never from user input.
  // Reserves `count` new values of `table`'s `id` column, increasing, for rows inserted with
  // explicit ids in the current write transaction. SQLite: the ids after the largest in the
  // table (the write lock keeps them free); PostgreSQL: drawn from the identity sequence.
  virtual Result<std::vector<int64_t>> ReserveIds(std::string_view table, int64_t count) = 0;
  // Inserts rows into `table`: `values` holds the rows one after another, `columns.size()`
  // values each. SQLite: one prepared INSERT reused for every row; PostgreSQL: COPY FROM STDIN
  // (text format). Errors as for Run; on error some rows may be written: the caller rolls back.
  virtual Status BulkInsert(std::string_view table, std::span<const std::string_view> columns,
                            std::span<const SqlValue> values) = 0;

 protected:
  SqlConnection() = default;
};

// Opens the adapters (see OpenStore for the URL forms). kUnavailable "storage.open" on failure.
Result<std::unique_ptr<SqlConnection>> OpenSqliteConnection(const std::string& path);
Result<std::unique_ptr<SqlConnection>> OpenPostgresConnection(const std::string& url);
// Chooses the adapter by URL (see OpenStore); kInvalidArgument "storage.url" for anything else.
Result<std::unique_ptr<SqlConnection>> OpenSqlConnection(std::string_view url);

// Brings the schema to the latest version, each migration in its own transaction. Refuses a
// database whose version is newer than this build knows (kFailedPrecondition "schema.too_new").
Status Migrate(SqlConnection& connection);
// The version recorded in the database (0 for an empty one).
Result<int> ReadSchemaVersion(SqlConnection& connection);

// Row accessors: NULL reads as 0 / "" (use IsNull for optional columns).
bool IsNull(const SqlValue& value);
int64_t AsInt(const SqlValue& value);
std::string AsText(const SqlValue& value);
bool AsBool(const SqlValue& value);

}  // namespace kangfu::storage

#endif  // KANGFU_STORAGE_SQL_CONNECTION_HPP_
