#include <fmt/core.h>

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "cli/commands.hpp"

namespace kangfu::cli {

Result<std::string> ReadInputFile(const std::string& path) {
  if (path == "-") {
    std::ostringstream buffer;
    buffer << std::cin.rdbuf();
    return buffer.str();
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return Status::Invalid("file", "file.unreadable",
                           "无法读取文件“" + path + "”，请检查路径和权限");
  }
  return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

int ReportError(const Status& status) {
  if (status.field().empty()) {
    fmt::print(stderr, "错误：{}（{}）\n", status.message(), status.reason());
  } else {
    fmt::print(stderr, "错误：{}：{}（{}）\n", status.field(), status.message(), status.reason());
  }
  if (!status.internal().empty()) fmt::print(stderr, "详情：{}\n", status.internal());
  const ErrorCode code = status.code();
  return code == ErrorCode::kInvalidArgument || code == ErrorCode::kNotFound ||
                 code == ErrorCode::kFailedPrecondition || code == ErrorCode::kAlreadyExists ||
                 code == ErrorCode::kConflict
             ? 2
             : 1;
}

void PrintDemoAccounts(const std::vector<app::DemoAccount>& accounts) {
  if (accounts.empty()) return;
  fmt::print("演示账号（仅演示环境；密码均为 {}）：\n", app::kDemoPassword);
  for (const app::DemoAccount& account : accounts) {
    std::string_view scope = account.jurisdiction_name;
    if (scope.empty()) scope = "（不管辖案件数据）";
    fmt::print("  {:<8}  {}  管辖：{}\n", account.spec.username, app::RoleLabel(account.spec.role),
               scope);
  }
}

}  // namespace kangfu::cli
