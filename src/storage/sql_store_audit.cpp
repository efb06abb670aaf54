// Store::FindAudit: the audit log filtered and paged in the database. Only the filters that are
// set become conditions, so each combination is its own prepared statement (named by the
// combination) and every condition can use its index from migration 0009; a statement of the
// form "$1 = '' OR actor_username = $1" would be planned once for all values, without them.

#include <array>
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
};

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

Built BuildWhere(const AuditFilter& filter) {
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
  Built built = BuildWhere(filter);
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
