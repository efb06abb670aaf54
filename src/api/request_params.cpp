#include "api/request_params.hpp"

#include <charconv>

namespace kangfu::api {

std::map<std::string, std::string> QueryParams(const http::Request& request) {
  std::map<std::string, std::string> params;
  std::string_view rest = request.query;
  while (!rest.empty()) {
    const std::size_t amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (pair.empty()) continue;
    const std::size_t eq = pair.find('=');
    std::string name = http::PercentDecode(pair.substr(0, eq));
    std::string value =
        eq == std::string_view::npos ? std::string() : http::PercentDecode(pair.substr(eq + 1));
    auto [it, inserted] = params.emplace(std::move(name), value);
    if (!inserted) it->second += "," + value;
  }
  return params;
}

Result<storage::RowId> PathId(const http::Request& request, std::string_view name) {
  const std::string_view text = request.Param(name);
  storage::RowId id = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc() || end != text.data() + text.size() || id <= 0) {
    return Status::Invalid(std::string(name), "param.id",
                           "地址中的编号“" + std::string(text) + "”应为正整数，请检查链接");
  }
  return id;
}

}  // namespace kangfu::api
