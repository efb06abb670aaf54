#include <string>

#include "storage/sql_connection.hpp"
#include "storage/sql_store.hpp"
#include "storage/store.hpp"

namespace kangfu::storage {

Result<std::unique_ptr<SqlConnection>> OpenSqlConnection(std::string_view url) {
  constexpr std::string_view kSqlitePrefix = "sqlite://";
  if (url == "sqlite::memory:") return OpenSqliteConnection(":memory:");
  if (url.starts_with(kSqlitePrefix) && url.size() > kSqlitePrefix.size()) {
    return OpenSqliteConnection(std::string(url.substr(kSqlitePrefix.size())));
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return OpenPostgresConnection(std::string(url));
  }
  return Status::Invalid("db", "storage.url",
                         "无法识别的数据库地址“" + std::string(url) +
                             "”，应为 sqlite:///绝对路径/kangfu.db、sqlite://相对路径/kangfu.db、"
                             "sqlite::memory: 或 postgresql://用户@主机:端口/库名");
}

Result<std::unique_ptr<Store>> OpenStore(std::string_view url) {
  Result<std::unique_ptr<SqlConnection>> connection = OpenSqlConnection(url);
  if (!connection.ok()) return std::move(connection).TakeStatus();
  KANGFU_RETURN_IF_ERROR(Migrate(**connection));
  return MakeSqlStore(std::move(connection).value());
}

}  // namespace kangfu::storage
