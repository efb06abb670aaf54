#include "http/json_body.hpp"

#include <nlohmann/json.hpp>

#include "http/problem.hpp"

namespace kangfu::http {

Result<nlohmann::json> ParseJsonBody(const Request& request) {
  std::string_view content_type = request.Header("content-type");
  std::string_view media = content_type.substr(0, content_type.find(';'));
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  if (!EqualsIgnoreCase(media, "application/json")) return UnsupportedMediaType(content_type);
  if (request.body.empty()) {
    return Status::Invalid("", "json.malformed", "请求内容为空，应为 JSON 格式的数据");
  }
  try {
    return nlohmann::json::parse(request.body);
  } catch (const nlohmann::json::parse_error& e) {
    return Status::Invalid(
               "", "json.malformed",
               "请求内容不是有效的 JSON（第 " + std::to_string(e.byte) + " 个字节附近有错误）")
        .WithInternal(e.what());
  }
}

}  // namespace kangfu::http
