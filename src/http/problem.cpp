#include "http/problem.hpp"

#include <nlohmann/json.hpp>

namespace kangfu::http {

namespace {

struct CategoryEntry {
  ErrorCode code;
  int http_status;
  std::string_view title;
};

// The one table. Order follows the ErrorCode enumeration.
constexpr CategoryEntry kCategories[] = {
    {ErrorCode::kOk, 200, "成功"},
    {ErrorCode::kInvalidArgument, 400, "请求参数有误"},
    {ErrorCode::kNotFound, 404, "未找到"},
    {ErrorCode::kAlreadyExists, 409, "记录已存在"},
    {ErrorCode::kConflict, 409, "记录已被他人修改"},
    {ErrorCode::kFailedPrecondition, 422, "当前状态不允许此操作"},
    {ErrorCode::kUnauthenticated, 401, "未登录或会话已过期"},
    {ErrorCode::kPermissionDenied, 403, "无权限"},
    {ErrorCode::kResourceExhausted, 429, "超出限制"},
    {ErrorCode::kUnavailable, 503, "服务暂不可用"},
    {ErrorCode::kInternal, 500, "系统内部错误"},
};

struct ReasonEntry {
  std::string_view reason;
  int http_status;
};

constexpr ReasonEntry kTransportReasons[] = {
    {"http.body_too_large", 413},
    {"http.unsupported_media_type", 415},
    {"http.method_not_allowed", 405},
    {"http.request_timeout", 408},
};

const CategoryEntry& Category(ErrorCode code) {
  for (const CategoryEntry& entry : kCategories) {
    if (entry.code == code) return entry;
  }
  return kCategories[static_cast<int>(ErrorCode::kInternal)];
}

}  // namespace

int HttpStatusFor(ErrorCode code) { return Category(code).http_status; }

int HttpStatusFor(const Status& status) {
  for (const ReasonEntry& entry : kTransportReasons) {
    if (entry.reason == status.reason()) return entry.http_status;
  }
  return HttpStatusFor(status.code());
}

std::string_view ProblemTitle(ErrorCode code) { return Category(code).title; }

Response ProblemResponse(const Status& status, std::string_view instance,
                         std::string_view request_id) {
  if (status.ok()) {
    return ProblemResponse(Status::Internal("ProblemResponse called with an OK status"), instance,
                           request_id);
  }
  nlohmann::json errors = nlohmann::json::array();
  if (status.details().empty() && !status.field().empty()) {
    errors.push_back(
        {{"field", status.field()}, {"code", status.reason()}, {"message", status.message()}});
  }
  for (const FieldError& detail : status.details()) {
    errors.push_back(
        {{"field", detail.field}, {"code", detail.reason}, {"message", detail.message}});
  }
  int http_status = HttpStatusFor(status);
  nlohmann::json body = {
      {"type", "urn:kangfu:problem:" + status.reason()},
      {"title", ProblemTitle(status.code())},
      {"status", http_status},
      {"detail", status.message()},
      {"code", status.reason()},
      {"errors", std::move(errors)},
      {"instance", instance},
      {"request_id", request_id},
  };
  Response response;
  response.status = http_status;
  // Invalid UTF-8 in a message must not turn an error report into an exception.
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  response.SetHeader("Content-Type", "application/problem+json; charset=utf-8");
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

Status RouteNotFound(std::string_view path) {
  return Status::NotFound("http.route_not_found", "请求的地址不存在，请检查网址")
      .WithInternal("no route for " + std::string(path));
}

Status MethodNotAllowed(std::string_view method) {
  return Status::Error(ErrorCode::kInvalidArgument, "http.method_not_allowed",
                       "该地址不支持此请求方法（" + std::string(method) + "）");
}

Status BodyTooLarge(std::size_t limit_bytes) {
  return Status::Error(
      ErrorCode::kResourceExhausted, "http.body_too_large",
      "请求内容过大，不能超过 " + std::to_string(limit_bytes / 1024) + " KB，请减少数据量后重试");
}

Status UnsupportedMediaType(std::string_view content_type) {
  std::string shown = content_type.empty() ? "（未指定）" : std::string(content_type);
  return Status::Error(ErrorCode::kInvalidArgument, "http.unsupported_media_type",
                       "请求内容类型 " + shown + " 不受支持，请以 application/json 提交");
}

Status BadRequest(std::string_view internal) {
  return Status::Error(ErrorCode::kInvalidArgument, "http.bad_request", "请求格式错误，无法解析")
      .WithInternal(std::string(internal));
}

}  // namespace kangfu::http
