#include "storage/sql_connection.hpp"

#include <charconv>

namespace kangfu::storage {
namespace {

constexpr SqlStatement kReadVersion = {"schema_version",
                                       "SELECT max(version) FROM kangfu_schema_version"};
constexpr SqlStatement kWriteVersion = {"schema_version_insert",
                                        "INSERT INTO kangfu_schema_version (version) VALUES ($1)"};

}  // namespace

bool IsNull(const SqlValue& value) { return std::holds_alternative<std::monostate>(value); }

int64_t AsInt(const SqlValue& value) {
  if (const auto* v = std::get_if<int64_t>(&value)) return *v;
  if (const auto* s = std::get_if<std::string>(&value)) {
    int64_t out = 0;
    std::from_chars(s->data(), s->data() + s->size(), out);
    return out;
  }
  return 0;
}

std::string AsText(const SqlValue& value) {
  if (const auto* s = std::get_if<std::string>(&value)) return *s;
  if (const auto* v = std::get_if<int64_t>(&value)) return std::to_string(*v);
  return {};
}

bool AsBool(const SqlValue& value) {
  if (const auto* v = std::get_if<int64_t>(&value)) return *v != 0;
  if (const auto* s = std::get_if<std::string>(&value)) {
    return *s == "t" || *s == "1" || *s == "true";
  }
  return false;
}

Result<int> ReadSchemaVersion(SqlConnection& connection) {
  KANGFU_RETURN_IF_ERROR(connection.Exec(
      "CREATE TABLE IF NOT EXISTS kangfu_schema_version (version INTEGER NOT NULL)"));
  Result<SqlRows> rows = connection.Run(kReadVersion, {});
  if (!rows.ok()) return std::move(rows).TakeStatus();
  if (rows->empty() || IsNull((*rows)[0][0])) return 0;
  return static_cast<int>(AsInt((*rows)[0][0]));
}

Status Migrate(SqlConnection& connection) {
  Result<int> current = ReadSchemaVersion(connection);
  if (!current.ok()) return std::move(current).TakeStatus();
  const std::vector<std::string_view> migrations = connection.Migrations();
  const int latest = static_cast<int>(migrations.size());
  if (*current > latest) {
    return Status::Error(
        ErrorCode::kFailedPrecondition, "schema.too_new",
        "数据库结构版本为" + std::to_string(*current) + "，高于本程序支持的版本" +
            std::to_string(latest) +
            "：该数据库由更新版本的康复系统创建，请升级程序后再打开（数据库未作任何改动）");
  }
  for (int version = *current + 1; version <= latest; ++version) {
    KANGFU_RETURN_IF_ERROR(connection.Exec(connection.BeginStatement()));
    Status status = connection.Exec(std::string(migrations[static_cast<std::size_t>(version - 1)]));
    if (status.ok()) {
      const std::array<SqlValue, 1> params = {static_cast<int64_t>(version)};
      Result<SqlRows> written = connection.Run(kWriteVersion, params);
      if (!written.ok()) status = std::move(written).TakeStatus();
    }
    if (status.ok()) status = connection.Exec("COMMIT");
    if (!status.ok()) {
      (void)connection.Exec("ROLLBACK");
      return Status::Error(ErrorCode::kInternal, "schema.migration_failed",
                           "数据库升级到版本" + std::to_string(version) + "失败，数据库保持原样")
          .WithInternal(status.internal());
    }
  }
  return Status::Ok();
}

}  // namespace kangfu::storage
