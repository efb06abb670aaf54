#ifndef KANGFU_STORAGE_SQL_AREA_HPP_
#define KANGFU_STORAGE_SQL_AREA_HPP_

// The plumbing shared by the areas of the SQL store (aftercare, vetting, re-use, oversight: one
// sql_store_<area>.cpp each): statements on the store's connection, writes inside the owning
// store's transaction, existence checks, versioned updates, and the errors they all answer with.
// Internal to the storage module.

#include <functional>
#include <initializer_list>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "core/status.hpp"
#include "domain/date.hpp"
#include "storage/records.hpp"
#include "storage/sql_connection.hpp"
#include "storage/store.hpp"

namespace kangfu::storage {

// Statement parameters.
inline SqlValue Int(int64_t v) { return v; }
inline SqlValue Text(std::string_view v) { return std::string(v); }
inline SqlValue Bool(bool v) { return static_cast<int64_t>(v ? 1 : 0); }
inline SqlValue DateValue(domain::Date d) { return d.ToString(); }
inline SqlValue OptDate(const std::optional<domain::Date>& d) {
  return d ? SqlValue(d->ToString()) : SqlValue();
}
inline SqlValue OptId(RowId id) { return id == 0 ? SqlValue() : SqlValue(id); }
inline SqlValue OptText(const std::string& s) { return s.empty() ? SqlValue() : SqlValue(s); }
// A JSON array of ids, "[1,2,3]": the one parameter of the set queries (json_each on SQLite,
// json_array_elements_text on PostgreSQL), in the order given.
std::string JsonIdArray(std::span<const RowId> ids);
std::string JsonIdArray(const std::set<RowId>& ids);

// kConflict "record.stale" (field version): the row changed since it was read.
Status Stale();
// kFailedPrecondition "transaction.aborted": an earlier step of the caller's transaction failed.
Status Aborted();
// Constraint violations become kInvalidArgument "record.invalid" (or `unique()` for a unique
// violation, when given); any other driver error passes unchanged.
Status MapError(Status driver, Status (*unique)() = nullptr);

class SqlArea {
 protected:
  SqlArea(SqlConnection& db, Store& owner, std::function<bool()> doomed)
      : db_(db), owner_(owner), doomed_(std::move(doomed)) {}

  Result<SqlRows> Run(const SqlStatement& statement, std::initializer_list<SqlValue> params) {
    return db_.Run(statement, std::span<const SqlValue>(params.begin(), params.size()));
  }

  // A write runs in the owner's transaction (joining an open one), so that a multi-statement
  // write is atomic and a failure dooms the caller's unit of work.
  template <typename T, typename Fn>
  Result<T> Write(Fn&& fn) {
    if (doomed_()) return Aborted();
    std::optional<T> out;
    Status status = owner_.InTransaction([&]() -> Status {
      Result<T> result = fn();
      if (!result.ok()) return std::move(result).TakeStatus();
      out = std::move(result).value();
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return std::move(*out);
  }

  // OK when `exists` ($1 = id) finds a row, else missing().
  template <typename Missing>
  Status Require(const SqlStatement& exists, RowId id, Missing missing) {
    KANGFU_ASSIGN_OR_RETURN(SqlRows rows, Run(exists, {Int(id)}));
    return rows.empty() ? missing() : Status::Ok();
  }

  // The first row of `statement` ($1 = id) read by `read`, or missing().
  template <typename T, typename Missing>
  Result<T> ReadOne(const SqlStatement& statement, RowId id, Result<T> (*read)(const SqlRow&),
                    Missing missing) {
    KANGFU_ASSIGN_OR_RETURN(SqlRows rows, Run(statement, {Int(id)}));
    if (rows.empty()) return missing();
    return read(rows[0]);
  }

  // A versioned UPDATE … RETURNING version ($1 id, $2 version); no row: gone (missing()) or
  // stale (Stale(), when `get` still finds the row).
  template <typename Missing>
  Status Update(const SqlStatement& update, const SqlStatement& get,
                std::initializer_list<SqlValue> params, Missing missing) {
    Result<SqlRows> rows = Run(update, params);
    if (!rows.ok()) return MapError(std::move(rows).TakeStatus());
    if (!rows->empty()) return Status::Ok();
    KANGFU_ASSIGN_OR_RETURN(SqlRows current, Run(get, {*params.begin()}));
    return current.empty() ? missing() : Stale();
  }

  SqlConnection& db_;
  Store& owner_;
  std::function<bool()> doomed_;
};

}  // namespace kangfu::storage

#endif  // KANGFU_STORAGE_SQL_AREA_HPP_
