#include "cli/auth_commands.hpp"

#include <fmt/core.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "app/accounts.hpp"
#include "app/audit_log.hpp"
#include "cli/commands.hpp"
#include "storage/store.hpp"

namespace kangfu::cli {
namespace {

struct AuthArgs {
  std::string url;
  std::string username;
  std::string display_name;
  std::string checkpoint;
};

std::string UrlOrDefault(const std::string& url) {
  if (!url.empty()) return url;
  const char* env = std::getenv("KANGFU_DB");
  return env != nullptr && *env != '\0' ? env : "sqlite://var/kangfu.db";
}

// Opens the database; a SQLite file's directory is created first (as `kangfu db` does).
Result<std::unique_ptr<storage::Store>> Open(const std::string& given) {
  const std::string url = UrlOrDefault(given);
  if (url.starts_with("sqlite://")) {
    const std::filesystem::path dir = std::filesystem::path(url.substr(9)).parent_path();
    std::error_code ignored;
    if (!dir.empty()) std::filesystem::create_directories(dir, ignored);
  }
  return storage::OpenStore(url);
}

int InitAdmin(const AuthArgs& args) {
  std::string password;
  if (const char* env = std::getenv("KANGFU_ADMIN_PASSWORD"); env != nullptr && *env != '\0') {
    password = env;
  } else {
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
  }
  if (password.empty()) {
    return ReportError(Status::Invalid(
        "password", "password.missing",
        "请通过环境变量 KANGFU_ADMIN_PASSWORD 或标准输入的第一行提供系统管理员的初始密码"));
  }
  Result<std::unique_ptr<storage::Store>> store = Open(args.url);
  if (!store.ok()) return ReportError(store.status());
  app::AuditLog audit(**store, app::SystemClock());
  app::Accounts accounts(**store, audit, app::SystemClock());
  app::NewAccount account;
  account.username = args.username;
  account.display_name = args.display_name;
  account.password = password;
  Result<storage::Account> created = accounts.InitAdmin(account);
  if (!created.ok()) return ReportError(created.status());
  fmt::print(
      "已创建系统管理员账号 {}（编号 {}）。请用它登录后创建安全保密管理员和安全审计员账号。\n",
      created->username, created->id);
  return 0;
}

int VerifyAudit(const AuthArgs& args) {
  std::optional<security::ChainCheckpoint> checkpoint;
  if (!args.checkpoint.empty()) {
    const std::size_t colon = args.checkpoint.find(':');
    security::ChainCheckpoint parsed;
    bool valid = colon != std::string::npos && colon > 0;
    if (valid) {
      try {
        std::size_t used = 0;
        parsed.seq = std::stoll(args.checkpoint.substr(0, colon), &used);
        valid = used == colon && parsed.seq > 0;
      } catch (const std::exception&) {
        valid = false;
      }
      parsed.hash = args.checkpoint.substr(colon + 1);
      valid = valid && security::DigestFromHex(parsed.hash).has_value();
    }
    if (!valid) {
      return ReportError(Status::Invalid("checkpoint", "audit.checkpoint_invalid",
                                         "检查点格式应为 序号:64位十六进制校验值，"
                                         "即上次核查时输出的“检查点”，请照原样填写"));
    }
    checkpoint = parsed;
  }
  Result<std::unique_ptr<storage::Store>> store = Open(args.url);
  if (!store.ok()) return ReportError(store.status());
  Result<app::AuditVerification> verified = app::VerifyAuditLog(**store, checkpoint);
  if (!verified.ok()) return ReportError(verified.status());
  if (!verified->report.ok()) {
    fmt::print("{}\n", verified->report.message);
    return 3;
  }
  fmt::print("{}（共 {} 条）\n", verified->report.message, verified->entries);
  if (verified->last) {
    fmt::print(
        "检查点：{}:{}\n请把检查点另行保存（如打印或抄送日志服务器），下次核查时用 "
        "--checkpoint 传入，以发现整表重算或末尾记录被删除。\n",
        verified->last->seq, verified->last->hash);
  }
  return 0;
}

void AddUrl(CLI::App* command, AuthArgs& args) {
  command->add_option("--db", args.url,
                      "数据库地址（默认取环境变量 KANGFU_DB，否则 sqlite://var/kangfu.db）");
}

}  // namespace

void AddAuthCommands(CLI::App& app, int& exit_status) {
  auto args = std::make_shared<AuthArgs>();
  CLI::App* admin = app.add_subcommand("admin", "账号管理");
  admin->require_subcommand(1);
  CLI::App* init = admin->add_subcommand(
      "init", "创建第一个系统管理员（密码取自环境变量 KANGFU_ADMIN_PASSWORD 或标准输入）");
  AddUrl(init, *args);
  init->add_option("--username", args->username, "登录用户名")->required();
  init->add_option("--display-name", args->display_name, "姓名（默认同用户名）");
  init->callback([args, &exit_status] { exit_status = InitAdmin(*args); });

  CLI::App* audit = app.add_subcommand("audit", "审计日志");
  audit->require_subcommand(1);
  CLI::App* verify = audit->add_subcommand("verify", "核查审计日志的 SM3 哈希链是否完整");
  AddUrl(verify, *args);
  verify->add_option("--checkpoint", args->checkpoint, "上次核查输出的检查点（序号:校验值）");
  verify->callback([args, &exit_status] { exit_status = VerifyAudit(*args); });
}

}  // namespace kangfu::cli
