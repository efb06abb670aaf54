#include "api/audit_api.hpp"

#include <charconv>
#include <chrono>
#include <nlohmann/json.hpp>
#include <utility>
#include <vector>

#include "api/request_params.hpp"
#include "app/audit_log.hpp"
#include "app/clock.hpp"
#include "domain/date.hpp"

namespace kangfu::api {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

std::optional<int64_t> ParseInteger(const std::string& text) {
  int64_t value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

// The UTC timestamp of 00:00 Beijing time (UTC+8) on `date`, as stored in AuditRecord::at.
std::string BeijingMidnightUtc(domain::Date date) {
  const app::TimePoint midnight{std::chrono::sys_days{std::chrono::days{date.days()}}};
  return app::FormatTimestamp(midnight - std::chrono::hours(8));
}

Result<std::optional<domain::Date>> ParseDateParam(const std::map<std::string, std::string>& params,
                                                   const char* name) {
  auto it = params.find(name);
  if (it == params.end() || it->second.empty()) return std::optional<domain::Date>();
  Result<domain::Date> date = domain::Date::Parse(it->second);
  if (!date.ok()) {
    Status status = std::move(date).TakeStatus();
    status.PrefixField(name);
    return status;
  }
  return std::optional<domain::Date>(*date);
}

std::string Param(const std::map<std::string, std::string>& params, const char* name) {
  auto it = params.find(name);
  return it == params.end() ? std::string() : it->second;
}

// What was asked, for the "audit.read" entry: "page=1 page_size=20 actor=anguan total=3".
std::string ReadDetail(const AuditQuery& query, int64_t total) {
  std::string detail =
      "page=" + std::to_string(query.page) + " page_size=" + std::to_string(query.page_size);
  const std::pair<const char*, const std::string*> filters[] = {{"actor", &query.actor},
                                                                {"action", &query.action},
                                                                {"object_type", &query.object_type},
                                                                {"object_id", &query.object_id},
                                                                {"from", &query.from},
                                                                {"to", &query.to}};
  for (const auto& [name, value] : filters) {
    if (value->empty()) continue;
    detail.append(" ").append(name).append("=").append(*value);
  }
  if (query.success) detail.append(" success=").append(*query.success ? "true" : "false");
  detail.append(" total=").append(std::to_string(total));
  return detail;
}

// The store's filter for a parsed query: the requested page, newest first.
storage::AuditFilter ToFilter(const AuditQuery& query) {
  storage::AuditFilter filter;
  filter.actor_username = query.actor;
  filter.action = query.action;
  filter.object_type = query.object_type;
  filter.object_id = query.object_id;
  filter.at_from = query.at_from;
  filter.at_before = query.at_before;
  filter.success = query.success;
  filter.offset = (query.page - 1) * query.page_size;
  filter.limit = query.page_size;
  return filter;
}

json EntryToJson(const storage::AuditListing& listed) {
  const storage::AuditRecord& record = listed.record;
  return json{{"seq", record.seq},
              {"at", record.at},
              {"actor_id", record.actor_id},
              {"actor_username", record.actor_username},
              {"remote_address", record.remote_address},
              {"request_id", record.request_id},
              {"action", record.action},
              {"object_type", record.object_type},
              {"object_id", record.object_id},
              {"success", record.success},
              {"detail", record.detail},
              {"has_changes", listed.has_changes}};
}

const char* ProblemCode(security::ChainReport::Problem problem) {
  switch (problem) {
    case security::ChainReport::Problem::kNone:
      return "none";
    case security::ChainReport::Problem::kAltered:
      return "altered";
    case security::ChainReport::Problem::kInserted:
      return "inserted";
    case security::ChainReport::Problem::kRemoved:
      return "removed";
  }
  return "none";
}

Result<std::optional<security::ChainCheckpoint>> ParseCheckpoint(const std::string& text) {
  if (text.empty()) return std::optional<security::ChainCheckpoint>();
  const std::size_t colon = text.find(':');
  std::optional<int64_t> seq;
  if (colon != std::string::npos) seq = ParseInteger(text.substr(0, colon));
  if (!seq || *seq < 1 || !security::DigestFromHex(text.substr(colon + 1)).has_value()) {
    return Status::Invalid("checkpoint", "audit.checkpoint_invalid",
                           "检查点格式应为 序号:64位十六进制校验值，即上次核查时给出的“检查点”，"
                           "请照原样填写");
  }
  return std::optional<security::ChainCheckpoint>(
      security::ChainCheckpoint{*seq, text.substr(colon + 1)});
}

Result<Response> ListAudit(Backend& backend, const Request& request, const app::Actor& actor) {
  KANGFU_RETURN_IF_ERROR(app::RequirePermission(actor, app::Permission::kReadAuditLog));
  KANGFU_ASSIGN_OR_RETURN(AuditQuery query, ParseAuditQuery(QueryParams(request)));
  KANGFU_ASSIGN_OR_RETURN(storage::AuditPage found, backend.store().FindAudit(ToFilter(query)));
  const int64_t total = found.total;
  json items = json::array();
  for (const storage::AuditListing& listing : found.items) items.push_back(EntryToJson(listing));
  app::AuditEvent event;
  event.action = "audit.read";
  event.object_type = "audit_log";
  event.detail = ReadDetail(query, total);
  KANGFU_RETURN_IF_ERROR(backend.audit().Record(actor, event));
  return Response::Json(200, json{{"items", std::move(items)},
                                  {"total", total},
                                  {"page", query.page},
                                  {"page_size", query.page_size}}
                                 .dump());
}

Result<Response> VerifyAudit(Backend& backend, const Request& request, const app::Actor& actor) {
  KANGFU_RETURN_IF_ERROR(app::RequirePermission(actor, app::Permission::kReadAuditLog));
  KANGFU_ASSIGN_OR_RETURN(std::optional<security::ChainCheckpoint> checkpoint,
                          ParseCheckpoint(Param(QueryParams(request), "checkpoint")));
  KANGFU_ASSIGN_OR_RETURN(app::AuditVerification verified,
                          app::VerifyAuditLog(backend.store(), checkpoint));
  app::AuditEvent event;
  event.action = "audit.verify";
  event.object_type = "audit_log";
  event.success = verified.report.ok();
  event.detail = verified.report.message;
  const bool recorded = backend.audit().Record(actor, event).ok();
  json last = nullptr;
  if (verified.last) last = json{{"seq", verified.last->seq}, {"hash", verified.last->hash}};
  return Response::Json(200, json{{"ok", verified.report.ok()},
                                  {"problem", ProblemCode(verified.report.problem)},
                                  {"seq", verified.report.seq},
                                  {"message", verified.report.message},
                                  {"entries", verified.entries},
                                  {"checkpoint", std::move(last)},
                                  {"recorded", recorded}}
                                 .dump());
}

}  // namespace

Result<AuditQuery> ParseAuditQuery(const std::map<std::string, std::string>& params) {
  AuditQuery query;
  if (const std::string page = Param(params, "page"); !page.empty()) {
    std::optional<int64_t> value = ParseInteger(page);
    if (!value || *value < 1 || *value > kMaxAuditPage) {
      return Status::Invalid(
          "page", "page.number",
          "页码须为1至1000之间的整数；记录较多时请用操作人、操作类型或日期缩小范围");
    }
    query.page = *value;
  }
  if (const std::string size = Param(params, "page_size"); !size.empty()) {
    std::optional<int64_t> value = ParseInteger(size);
    if (!value || *value < 1 || *value > 100) {
      return Status::Invalid("page_size", "page.size", "每页条数须为1至100之间的整数");
    }
    query.page_size = *value;
  }
  query.actor = Param(params, "actor");
  query.action = Param(params, "action");
  query.object_type = Param(params, "object_type");
  query.object_id = Param(params, "object_id");
  KANGFU_ASSIGN_OR_RETURN(std::optional<domain::Date> from, ParseDateParam(params, "from"));
  KANGFU_ASSIGN_OR_RETURN(std::optional<domain::Date> to, ParseDateParam(params, "to"));
  if (from && to && *from > *to) {
    return Status::Invalid("to", "audit.range", "结束日期不能早于开始日期");
  }
  if (from) {
    query.from = from->ToString();
    query.at_from = BeijingMidnightUtc(*from);
  }
  if (to) {
    query.to = to->ToString();
    query.at_before = BeijingMidnightUtc(to->AddDays(1));
  }
  if (const std::string success = Param(params, "success"); !success.empty()) {
    if (success != "true" && success != "false") {
      return Status::Invalid("success", "audit.success", "“是否成功”只能为 true 或 false");
    }
    query.success = success == "true";
  }
  return query;
}

bool AuditMatches(const AuditQuery& query, const storage::AuditRecord& record) {
  if (!query.actor.empty() && record.actor_username != query.actor) return false;
  if (!query.action.empty()) {
    const bool prefix = query.action.back() == '.';
    if (prefix ? !record.action.starts_with(query.action) : record.action != query.action) {
      return false;
    }
  }
  if (!query.object_type.empty() && record.object_type != query.object_type) return false;
  if (!query.object_id.empty() && record.object_id != query.object_id) return false;
  // Stored timestamps are fixed-width UTC text, so they order as strings.
  if (!query.at_from.empty() && record.at < query.at_from) return false;
  if (!query.at_before.empty() && record.at >= query.at_before) return false;
  if (query.success && record.success != *query.success) return false;
  return true;
}

Status AddAuditRoutes(http::Router& router, const AuthApi& auth, Backend& backend) {
  KANGFU_RETURN_IF_ERROR(router.Add(
      "GET", "/api/v1/audit",
      auth.Protect([&backend](Request& request, const app::Actor& actor) -> Result<Response> {
        return ListAudit(backend, request, actor);
      })));
  return router.Add(
      "GET", "/api/v1/audit/verify",
      auth.Protect([&backend](Request& request, const app::Actor& actor) -> Result<Response> {
        return VerifyAudit(backend, request, actor);
      }));
}

}  // namespace kangfu::api
