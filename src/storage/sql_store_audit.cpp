// Store::FindAudit: the audit log filtered and paged in the database. Only the filters that are
// set become conditions, so each combination is its own prepared statement (named by the
// combination) and every condition can use its index from migration 0009; a statement of the
// form "$1 = '' OR actor_username = $1" would be planned once for all values, without them.
// The time filter has no index (migration 0014): the log is in time order after its unordered
// part, so each bound becomes an id bound, found by binary search over the primary key.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/sql_area.hpp"
#include "storage/sql_row_reader.hpp"
#include "storage/sql_store.hpp"

namespace kangfu::storage {
namespace {

// Which filters are set: one bit each, the statement's name and shape.
enum FilterBit : unsigned {
  kActor = 1U << 0U,
  kActionExact = 1U << 1U,
  kActionPrefix = 1U << 2U,
  kObjectType = 1U << 3U,
  kObjectId = 1U << 4U,
  kAtFrom = 1U << 5U,
  kAtBefore = 1U << 6U,
  kSuccess = 1U << 7U,
  kIdFrom = 1U << 8U,
  kIdBefore = 1U << 9U,
};

constexpr SqlStatement kUnorderedThrough = {"audit_unordered_through",
                                            "SELECT max(unordered_through) FROM audit_time_order"};
constexpr SqlStatement kNewestId = {"audit_find_newest_id",
                                    "SELECT id FROM audit_log ORDER BY id DESC LIMIT 1"};
constexpr SqlStatement kAtFromId = {"audit_at_from_id",
                                    "SELECT at FROM audit_log WHERE id >= $1 ORDER BY id LIMIT 1"};

// The id bounds of a time filter: entries with id >= from (when set) and id < before (when set)
// are the only ones that can pass it.
struct IdBounds {
  std::optional<int64_t> from;
  std::optional<int64_t> before;
};

// The smallest id in (`after`, `newest` + 1] from which every entry's time is >= `at`: the entries
// after `after` are in time order, so "the first entry at or past an id is at or past `at`" turns
// true once and stays true. About log2(newest - after) lookups by primary key.
Result<int64_t> FirstIdAtOrPast(SqlConnection& connection, int64_t after, int64_t newest,
                                const std::string& at) {
  int64_t low = after + 1;
  int64_t high = newest + 1;
  while (low < high) {
    const int64_t middle = low + (high - low) / 2;
    const std::array<SqlValue, 1> id = {Int(middle)};
    Result<SqlRows> rows = connection.Run(kAtFromId, id);
    if (!rows.ok()) return std::move(rows).TakeStatus();
    if (rows->empty() || AsText((*rows)[0][0]) >= at) {
      high = middle;
    } else {
      low = middle + 1;
    }
  }
  return low;
}

Result<IdBounds> TimeBounds(SqlConnection& connection, const AuditFilter& filter) {
  IdBounds bounds;
  if (filter.at_from.empty() && filter.at_before.empty()) return bounds;
  Result<SqlRows> unordered = connection.Run(kUnorderedThrough, {});
  if (!unordered.ok()) return std::move(unordered).TakeStatus();
  const int64_t through = unordered->empty() ? 0 : AsInt((*unordered)[0][0]);  // NULL reads 0
  Result<SqlRows> newest = connection.Run(kNewestId, {});
  if (!newest.ok()) return std::move(newest).TakeStatus();
  if (newest->empty()) return bounds;
  const int64_t last = AsInt((*newest)[0][0]);
  // An entry of the unordered part may pass a lower bound whatever its id: none for them.
  if (!filter.at_from.empty() && through == 0) {
    Result<int64_t> from = FirstIdAtOrPast(connection, through, last, filter.at_from);
    if (!from.ok()) return std::move(from).TakeStatus();
    bounds.from = *from;
  }
  // Every entry past the unordered part is at or after each entry in it: an upper bound holds.
  if (!filter.at_before.empty()) {
    Result<int64_t> before = FirstIdAtOrPast(connection, through, last, filter.at_before);
    if (!before.ok()) return std::move(before).TakeStatus();
    bounds.before = *before;
  }
  return bounds;
}

constexpr const char* kListedColumns =
    "id, seq, at, actor_id, actor_username, remote_address, request_id, action, object_type, "
    "object_id, success, detail, hash, (before_json <> '' OR after_json <> '')";

// The smallest string above every string that starts with `prefix` (its last byte raised by
// one): "vetting." → "vetting/". A prefix ending in byte 0xFF cannot be raised; it then has no
// upper bound.
std::string PrefixBound(const std::string& prefix) {
  std::string bound = prefix;
  while (!bound.empty() && static_cast<unsigned char>(bound.back()) == 0xFF) bound.pop_back();
  if (!bound.empty()) bound.back() = static_cast<char>(bound.back() + 1);
  return bound;
}

struct Built {
  std::string where;  // " WHERE …" or ""
  std::string pg_where;
  std::vector<SqlValue> params;
  unsigned mask = 0;
};

Built BuildWhere(const AuditFilter& filter, const IdBounds& ids) {
  Built out;
  std::string sqlite;
  std::string pg;
  auto add = [&](unsigned bit, const std::string& sqlite_condition, const std::string& pg_condition,
                 SqlValue value) {
    out.mask |= bit;
    out.params.push_back(std::move(value));
    const std::string n = "$" + std::to_string(out.params.size());
    auto placed = [&n](const std::string& condition) {
      std::string text = condition;
      text.replace(text.find('?'), 1, n);
      return text;
    };
    sqlite += (sqlite.empty() ? " WHERE " : " AND ") + placed(sqlite_condition);
    pg += (pg.empty() ? " WHERE " : " AND ") + placed(pg_condition);
  };
  if (!filter.actor_username.empty()) {
    add(kActor, "actor_username = ?", "actor_username = ?", Text(filter.actor_username));
  }
  if (!filter.action.empty()) {
    if (filter.action.back() == '.') {
      add(kActionPrefix, "action >= ?", "action COLLATE \"C\" >= ?", Text(filter.action));
      const std::string bound = PrefixBound(filter.action);
      if (!bound.empty()) {
        add(kActionPrefix, "action < ?", "action COLLATE \"C\" < ?", Text(bound));
      }
    } else {
      add(kActionExact, "action = ?", "action COLLATE \"C\" = ?", Text(filter.action));
    }
  }
  if (!filter.object_type.empty()) {
    add(kObjectType, "object_type = ?", "object_type = ?", Text(filter.object_type));
  }
  if (!filter.object_id.empty()) {
    add(kObjectId, "object_id = ?", "object_id = ?", Text(filter.object_id));
  }
  if (!filter.at_from.empty()) {
    add(kAtFrom, "at >= ?", "at COLLATE \"C\" >= ?", Text(filter.at_from));
  }
  if (!filter.at_before.empty()) {
    add(kAtBefore, "at < ?", "at COLLATE \"C\" < ?", Text(filter.at_before));
  }
  if (filter.success) {
    add(kSuccess, "success = ?", "success = ?::int::boolean", Bool(*filter.success));
  }
  if (ids.from) add(kIdFrom, "id >= ?", "id >= ?::bigint", Int(*ids.from));
  if (ids.before) add(kIdBefore, "id < ?", "id < ?::bigint", Int(*ids.before));
  out.where = std::move(sqlite);
  out.pg_where = std::move(pg);
  return out;
}

Result<AuditListing> ReadListing(const SqlRow& row) {
  RowReader r(row);
  AuditListing listing;
  ReadAuditColumns(r, listing.record, /*with_changes=*/false);
  listing.has_changes = r.Bool();
  if (r.bad()) return Corrupt("audit_log");
  return listing;
}

}  // namespace

Result<AuditPage> FindAuditEntries(SqlConnection& connection, const AuditFilter& filter) {
  if (filter.offset < 0 || filter.limit < 1 || filter.limit > 1000) {
    return Status::Invalid("limit", "audit.query",
                           "审计日志查询的分页参数无效，请检查页码与每页条数");
  }
  Result<IdBounds> ids = TimeBounds(connection, filter);
  if (!ids.ok()) return std::move(ids).TakeStatus();
  Built built = BuildWhere(filter, *ids);
  // The prefix filter adds two parameters, or one when its bound is open: two shapes.
  const std::string shape = std::to_string(built.mask) + "_" + std::to_string(built.params.size());

  const std::string count_name = "audit_count_" + shape;
  const std::string count_sql = "SELECT count(*) FROM audit_log" + built.where;
  const std::string count_pg = "SELECT count(*) FROM audit_log" + built.pg_where;
  Result<SqlRows> counted =
      connection.Run({count_name.c_str(), count_sql.c_str(), count_pg.c_str()}, built.params);
  if (!counted.ok()) return std::move(counted).TakeStatus();
  AuditPage page;
  page.total = counted->empty() ? 0 : AsInt((*counted)[0][0]);
  if (page.total <= filter.offset) return page;

  const std::string n = std::to_string(built.params.size() + 1);
  const std::string m = std::to_string(built.params.size() + 2);
  const std::string list_name = "audit_find_" + shape;
  const std::string list_sql = std::string("SELECT ") + kListedColumns + " FROM audit_log" +
                               built.where + " ORDER BY id DESC LIMIT $" + n + " OFFSET $" + m;
  const std::string list_pg = std::string("SELECT ") + kListedColumns + " FROM audit_log" +
                              built.pg_where + " ORDER BY id DESC LIMIT $" + n +
                              "::bigint OFFSET $" + m + "::bigint";
  built.params.emplace_back(filter.limit);
  built.params.emplace_back(filter.offset);
  Result<SqlRows> rows =
      connection.Run({list_name.c_str(), list_sql.c_str(), list_pg.c_str()}, built.params);
  if (!rows.ok()) return std::move(rows).TakeStatus();
  page.items.reserve(rows->size());
  for (const SqlRow& row : *rows) {
    Result<AuditListing> listing = ReadListing(row);
    if (!listing.ok()) return std::move(listing).TakeStatus();
    page.items.push_back(std::move(listing).value());
  }
  return page;
}

}  // namespace kangfu::storage
