// PostgreSQL adapter: libpq with server-side prepared statements by name, text parameters and
// results; backup and restore through pg_dump / pg_restore in custom format.

#include <libpq-fe.h>
#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "storage/sql_connection.hpp"

extern char** environ;  // NOLINT(readability-identifier-naming): POSIX name

namespace kangfu::embedded {
std::string_view PostgresMigration0001();
std::string_view PostgresMigration0002();
std::string_view PostgresMigration0003();  // statistics rollup
std::string_view PostgresMigration0004();  // aftercare
std::string_view PostgresMigration0005();  // vetting
std::string_view PostgresMigration0006();  // oversight
std::string_view PostgresMigration0007();  // reuse
std::string_view PostgresMigration0008();  // aftercare schedule
std::string_view PostgresMigration0009();  // audit query indexes
std::string_view PostgresMigration0010();  // indicator counts of the schedule
std::string_view PostgresMigration0011();  // wording of vetting answers
std::string_view PostgresMigration0012();  // workbench indexes on the schedule
std::string_view PostgresMigration0013();  // the day an import created a visit plan
std::string_view PostgresMigration0014();  // the audit time filter through ids
}  // namespace kangfu::embedded

namespace kangfu::storage {
namespace {

struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using PgResult = std::unique_ptr<PGresult, ResultDeleter>;

Status PgError(PGconn* conn, const PGresult* result, std::string_view what) {
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string sqlstate = state != nullptr ? state : "";
  std::string internal = std::string(what) + ": " +
                         (result != nullptr ? PQresultErrorMessage(result) : PQerrorMessage(conn)) +
                         " [" + sqlstate + "]";
  auto constraint = [&](const char* reason) {
    return Status::Error(ErrorCode::kInvalidArgument, reason, "").WithInternal(internal);
  };
  if (sqlstate == "23505") return constraint("sql.unique");
  if (sqlstate == "23503") return constraint("sql.foreign_key");
  if (sqlstate == "23502") return constraint("sql.not_null");
  if (sqlstate == "23514") return constraint("sql.check");
  if (PQstatus(conn) != CONNECTION_OK || sqlstate.starts_with("08") || sqlstate == "40001" ||
      sqlstate == "40P01" || sqlstate == "55P03" || sqlstate == "57014") {
    return Status::Error(ErrorCode::kUnavailable, "sql.busy", "数据库暂时不可用或正忙，请稍后重试")
        .WithInternal(internal);
  }
  return Status::Internal(internal);
}

// Runs a program without a shell (no quoting pitfalls); returns its exit status or -1.
int RunProgram(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawnp(&pid, args[0], nullptr, nullptr, args.data(), environ) != 0) return -1;
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// COPY text format: \N is NULL; backslash, tab, newline and carriage return are escaped.
void AppendCopyValue(std::string& out, const SqlValue& value) {
  if (const auto* v = std::get_if<int64_t>(&value)) {
    std::array<char, 24> digits{};
    const std::to_chars_result written =
        std::to_chars(digits.data(), digits.data() + digits.size(), *v);
    out.append(digits.data(), written.ptr);
    return;
  }
  const auto* text = std::get_if<std::string>(&value);
  if (text == nullptr) {
    out += "\\N";
    return;
  }
  for (char ch : *text) {
    switch (ch) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += ch;
    }
  }
}

class PostgresConnection final : public SqlConnection {
 public:
  PostgresConnection(PGconn* conn, std::string url) : conn_(conn), url_(std::move(url)) {}
  ~PostgresConnection() override { PQfinish(conn_); }

  std::string_view Backend() const override { return "postgresql"; }
  const char* BeginStatement() const override { return "BEGIN"; }

  Status Exec(const std::string& script) override {
    PgResult result(PQexec(conn_, script.c_str()));
    const ExecStatusType status = PQresultStatus(result.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      return PgError(conn_, result.get(), "exec");
    }
    return Status::Ok();
  }

  Result<SqlRows> Run(const SqlStatement& statement, std::span<const SqlValue> params) override {
    if (!prepared_.contains(statement.name)) {
      const char* sql = statement.pg_sql != nullptr ? statement.pg_sql : statement.sql;
      PgResult result(PQprepare(conn_, statement.name, sql, 0, nullptr));
      if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
        return PgError(conn_, result.get(), statement.name);
      }
      prepared_.insert(statement.name);
    }
    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (std::size_t i = 0; i < params.size(); ++i) {
      if (const auto* v = std::get_if<int64_t>(&params[i])) {
        texts[i] = std::to_string(*v);
        values[i] = texts[i].c_str();
      } else if (const auto* s = std::get_if<std::string>(&params[i])) {
        values[i] = s->c_str();
      }
    }
    PgResult result(PQexecPrepared(conn_, statement.name, static_cast<int>(params.size()),
                                   values.data(), nullptr, nullptr, 0));
    const ExecStatusType status = PQresultStatus(result.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      return PgError(conn_, result.get(), statement.name);
    }
    SqlRows rows;
    const int count = PQntuples(result.get());
    const int columns = PQnfields(result.get());
    rows.reserve(static_cast<std::size_t>(count));
    for (int r = 0; r < count; ++r) {
      SqlRow& row = rows.emplace_back();
      row.reserve(static_cast<std::size_t>(columns));
      for (int c = 0; c < columns; ++c) {
        if (PQgetisnull(result.get(), r, c)) {
          row.emplace_back();
        } else {
          row.emplace_back(std::string(PQgetvalue(result.get(), r, c),
                                       static_cast<std::size_t>(PQgetlength(result.get(), r, c))));
        }
      }
    }
    return rows;
  }

  Status Backup(const std::string& file) override {
    const int rc = RunProgram(
        {"pg_dump", "--format=custom", "--no-owner", "--file=" + file, "--dbname=" + url_});
    if (rc != 0) {
      return Status::Error(ErrorCode::kUnavailable, "backup.failed",
                           "备份失败：无法运行 pg_dump 或写入文件“" + file + "”，请检查路径和权限",
                           "file")
          .WithInternal("pg_dump exit " + std::to_string(rc));
    }
    return Status::Ok();
  }

  Status Restore(const std::string& file) override {
    if (!std::filesystem::exists(file)) {
      return Status::NotFound("backup.file_missing", "找不到备份文件“" + file + "”，请核对路径",
                              "file");
    }
    const int rc = RunProgram({"pg_restore", "--clean", "--if-exists", "--no-owner",
                               "--single-transaction", "--dbname=" + url_, file});
    if (rc != 0) {
      return Status::Error(ErrorCode::kUnavailable, "restore.failed",
                           "无法从备份文件“" + file + "”恢复，文件可能已损坏或数据库不可用", "file")
          .WithInternal("pg_restore exit " + std::to_string(rc));
    }
    return Status::Ok();
  }

  std::vector<std::string_view> Migrations() const override {
    return {
        embedded::PostgresMigration0001(), embedded::PostgresMigration0002(),
        embedded::PostgresMigration0003(), embedded::PostgresMigration0004(),
        embedded::PostgresMigration0005(), embedded::PostgresMigration0006(),
        embedded::PostgresMigration0007(), embedded::PostgresMigration0008(),
        embedded::PostgresMigration0009(), embedded::PostgresMigration0010(),
        embedded::PostgresMigration0011(), embedded::PostgresMigration0012(),
        embedded::PostgresMigration0013(), embedded::PostgresMigration0014(),
    };
  }

  Result<std::vector<int64_t>> ReserveIds(std::string_view table, int64_t count) override {
    const std::string sql = "SELECT nextval(pg_get_serial_sequence('" + std::string(table) +
                            "', 'id')) FROM generate_series(1, $1::bigint)";
    const std::string n = std::to_string(count);
    const char* values[] = {n.c_str()};
    PgResult result(PQexecParams(conn_, sql.c_str(), 1, nullptr, values, nullptr, nullptr, 0));
    if (PQresultStatus(result.get()) != PGRES_TUPLES_OK) {
      return PgError(conn_, result.get(), "reserve_ids");
    }
    std::vector<int64_t> ids(static_cast<std::size_t>(PQntuples(result.get())));
    for (std::size_t i = 0; i < ids.size(); ++i) {
      ids[i] = AsInt(SqlValue(std::string(PQgetvalue(result.get(), static_cast<int>(i), 0))));
    }
    // Another session may draw from the sequence at the same time: the ids are unique, not
    // necessarily contiguous; sorted so that they increase in input order.
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  Status BulkInsert(std::string_view table, std::span<const std::string_view> columns,
                    std::span<const SqlValue> values) override {
    if (columns.empty() || values.size() % columns.size() != 0) {
      return Status::Internal("bulk insert into " + std::string(table) + ": ragged rows");
    }
    std::string sql = "COPY " + std::string(table) + " (";
    for (std::size_t c = 0; c < columns.size(); ++c) {
      sql += (c == 0 ? "" : ", ") + std::string(columns[c]);
    }
    sql += ") FROM STDIN";
    PgResult start(PQexec(conn_, sql.c_str()));
    if (PQresultStatus(start.get()) != PGRES_COPY_IN) return PgError(conn_, start.get(), "copy");
    constexpr std::size_t kChunk = 1 << 20;
    std::string buffer;
    buffer.reserve(kChunk + 4096);
    bool sent = true;
    for (std::size_t i = 0; i < values.size() && sent; ++i) {
      AppendCopyValue(buffer, values[i]);
      buffer += (i + 1) % columns.size() == 0 ? '\n' : '\t';
      if (buffer.size() >= kChunk) {
        sent = PQputCopyData(conn_, buffer.data(), static_cast<int>(buffer.size())) == 1;
        buffer.clear();
      }
    }
    if (sent && !buffer.empty()) {
      sent = PQputCopyData(conn_, buffer.data(), static_cast<int>(buffer.size())) == 1;
    }
    // On a failed send, ending the copy with an error message makes the server abort it.
    const int ended = PQputCopyEnd(conn_, sent ? nullptr : "kangfu: copy data not sent");
    Status status;
    // The copy's outcome, then drain every remaining result so that the connection is idle.
    while (PGresult* raw = PQgetResult(conn_)) {
      PgResult result(raw);
      if (status.ok() && PQresultStatus(raw) != PGRES_COMMAND_OK) {
        status = PgError(conn_, raw, "copy " + std::string(table));
      }
    }
    if (status.ok() && (!sent || ended != 1)) status = PgError(conn_, nullptr, "copy");
    return status;
  }

 private:
  PGconn* conn_;
  std::string url_;
  std::set<std::string, std::less<>> prepared_;
};

}  // namespace

Result<std::unique_ptr<SqlConnection>> OpenPostgresConnection(const std::string& url) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) {
    std::string internal = conn != nullptr ? PQerrorMessage(conn) : "out of memory";
    PQfinish(conn);
    return Status::Error(
               ErrorCode::kUnavailable, "storage.open",
               "无法连接 PostgreSQL 数据库，请检查数据库地址、用户名和密码以及服务器是否已启动")
        .WithInternal(internal);
  }
  auto connection = std::make_unique<PostgresConnection>(conn, url);
  Status status = connection->Exec(
      "SET DateStyle = ISO; SET client_min_messages = warning; SET client_encoding = 'UTF8'");
  if (!status.ok()) {
    return Status::Error(ErrorCode::kUnavailable, "storage.open", "无法初始化 PostgreSQL 会话")
        .WithInternal(status.internal());
  }
  return std::unique_ptr<SqlConnection>(std::move(connection));
}

}  // namespace kangfu::storage
