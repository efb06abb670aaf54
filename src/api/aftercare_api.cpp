#include "api/aftercare_api.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <map>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "api/request_params.hpp"
#include "codec/aftercare/aftercare_api_json.hpp"
#include "codec/aftercare/aftercare_json.hpp"
#include "codec/aftercare/calendar_json.hpp"

namespace kangfu::api {
namespace {

using codec::OrderedJson;
using http::Request;
using http::Response;

Response JsonResponse(int status, const OrderedJson& document) {
  return Response::Json(status, document.dump());
}

Status UnknownSetting() {
  return Status::NotFound("setting.unknown",
                          "没有该设置项（可选：policy 回访帮带政策、calendar 节假日安排）", "name");
}

// A stable fingerprint (FNV-1a, hex) of a settings file: the stored schedule records those of
// the policy and calendar it was planned under, and is replanned when they change.
std::string Fingerprint(std::string_view text) {
  uint64_t h = 14695981039346656037ULL;
  for (const char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  std::array<char, 16> hex{};
  const auto end = std::to_chars(hex.data(), hex.data() + hex.size(), h, 16).ptr;
  return std::string(hex.data(), end);
}

}  // namespace

domain::Date BeijingDate(app::TimePoint at) {
  using std::chrono::duration_cast;
  using std::chrono::hours;
  const auto since_epoch = at.time_since_epoch() + hours(8);
  const auto days = std::chrono::floor<std::chrono::days>(since_epoch).count();
  return domain::Date::FromDays(static_cast<int32_t>(days));
}

Result<app::ReminderDigest> AftercareApi::RunDigest(domain::Date today, int64_t batch,
                                                    const std::stop_token& stop) {
  // Subjects not planned yet (first start over existing data, bulk-loaded cases), past their
  // horizon or planned under another policy are replanned first, `batch` per transaction with
  // the mutex released in between; then one grouped count over the stored schedule.
  const int64_t step = std::max<int64_t>(batch, 1);
  for (;;) {
    if (stop.stop_requested()) {
      return Status::Error(ErrorCode::kUnavailable, "reminders.cancelled",
                           "提醒计算已取消（服务正在停止）");
    }
    std::lock_guard lock(backend_.mutex());
    KANGFU_ASSIGN_OR_RETURN(int64_t replanned, service_->ReplanStale(today, step));
    if (replanned < step) break;
  }
  app::ReminderDigest digest;
  {
    std::lock_guard lock(backend_.mutex());
    KANGFU_ASSIGN_OR_RETURN(digest, service_->DigestFromSchedule(today));
  }
  auto shared = std::make_shared<const app::ReminderDigest>(digest);
  std::lock_guard<std::mutex> lock(digest_mutex_);
  digest_ = std::move(shared);
  return digest;
}

std::shared_ptr<const app::ReminderDigest> AftercareApi::digest() const {
  std::lock_guard<std::mutex> lock(digest_mutex_);
  return digest_;
}

Result<std::unique_ptr<AftercareApi>> AftercareApi::Create(Backend& backend, const AuthApi& auth,
                                                           const domain::Catalogue& catalogue,
                                                           domain::EngineOptions options,
                                                           app::Clock clock) {
  std::unique_ptr<AftercareApi> api(new AftercareApi(backend, auth, std::move(clock)));
  std::lock_guard lock(backend.mutex());
  storage::AftercareStore& store = backend.store().Aftercare();
  KANGFU_ASSIGN_OR_RETURN(std::optional<storage::AftercareSetting> policy,
                          store.GetSetting("policy", 0));
  api->policy_stamp_ =
      Fingerprint(policy ? std::string_view(policy->body) : codec::ShippedAftercarePolicyJson());
  if (policy) {
    KANGFU_ASSIGN_OR_RETURN(api->policy_, codec::DecodeAftercarePolicy(policy->body));
  } else {
    KANGFU_ASSIGN_OR_RETURN(api->policy_, codec::ShippedAftercarePolicy());
  }
  KANGFU_ASSIGN_OR_RETURN(std::optional<storage::AftercareSetting> calendar,
                          store.GetSetting("calendar", 0));
  api->calendar_stamp_ = Fingerprint(calendar ? std::string_view(calendar->body)
                                              : codec::ShippedHolidayCalendarJson());
  if (calendar) {
    KANGFU_ASSIGN_OR_RETURN(api->calendar_, codec::DecodeWorkCalendar(calendar->body));
  } else {
    KANGFU_ASSIGN_OR_RETURN(api->calendar_, codec::ShippedWorkCalendar());
  }
  api->service_ = std::make_unique<app::AftercareService>(
      backend.store(), catalogue, options, api->policy_, api->calendar_, backend.audit());
  api->service_->SetScheduleStamp(api->policy_stamp_ + "-" + api->calendar_stamp_);
  return api;
}

Status AftercareApi::AddRoutes(http::Router& router) {
  using app::Actor;
  app::AftercareService& s = *service_;
  auto add = [&](const char* method, const char* pattern, ActorHandler handler) {
    return router.Add(method, pattern, auth_.Protect(std::move(handler)));
  };

  // --- execution ---
  KANGFU_RETURN_IF_ERROR(add("GET", "/api/v1/cases/{id}/execution",
                             [this, &s](Request& request, const Actor& actor) -> Result<Response> {
                               KANGFU_ASSIGN_OR_RETURN(storage::RowId id, PathId(request, "id"));
                               KANGFU_ASSIGN_OR_RETURN(auto items, s.ListExecution(actor, id));
                               OrderedJson out = OrderedJson::array();
                               const domain::Date today = Today();
                               for (const auto& item : items) {
                                 out.push_back(codec::ExecutionItemToJson(item, today));
                               }
                               return JsonResponse(200, {{"items", out}});
                             }));
  KANGFU_RETURN_IF_ERROR(add(
      "POST", "/api/v1/execution/{id}/confirm",
      [this, &s](Request& request, const Actor& actor) -> Result<Response> {
        KANGFU_ASSIGN_OR_RETURN(storage::RowId id, PathId(request, "id"));
        KANGFU_ASSIGN_OR_RETURN(auto body, codec::ParseConfirmExecutionRequest(request.body));
        const domain::Date today = Today();
        KANGFU_ASSIGN_OR_RETURN(
            auto item, s.ConfirmExecution(actor, id, body.version, body.done_on, body.note, today));
        return JsonResponse(200, codec::ExecutionItemToJson(item, today));
      }));

  // --- visit plans and visits ---
  KANGFU_RETURN_IF_ERROR(add("GET", "/api/v1/persons/{id}/visit-plan",
                             [&s](Request& request, const Actor& actor) -> Result<Response> {
                               KANGFU_ASSIGN_OR_RETURN(storage::RowId id, PathId(request, "id"));
                               KANGFU_ASSIGN_OR_RETURN(app::VisitPlanView view,
                                                       s.GetVisitPlan(actor, id));
                               return JsonResponse(200, codec::VisitPlanToJson(view));
                             }));
  KANGFU_RETURN_IF_ERROR(
      add("POST", "/api/v1/visit-plans/{id}/edits",
          [this, &s](Request& request, const Actor& actor) -> Result<Response> {
            KANGFU_ASSIGN_OR_RETURN(storage::RowId id, PathId(request, "id"));
            KANGFU_ASSIGN_OR_RETURN(auto body, codec::ParsePlanEditRequest(request.body));
            KANGFU_ASSIGN_OR_RETURN(app::VisitPlanView view,
                                    s.EditVisitPlan(actor, id, body.version, body.edit, Today()));
            return JsonResponse(200, codec::VisitPlanToJson(view));
          }));
  KANGFU_RETURN_IF_ERROR(add("GET", "/api/v1/persons/{id}/visits",
                             [&s](Request& request, const Actor& actor) -> Result<Response> {
                               KANGFU_ASSIGN_OR_RETURN(storage::RowId id, PathId(request, "id"));
                               KANGFU_ASSIGN_OR_RETURN(auto visits, s.ListVisits(actor, id));
                               OrderedJson out = OrderedJson::array();
                               for (const auto& v : visits) out.push_back(codec::VisitToJson(v));
                               return JsonResponse(200, {{"items", out}});
                             }));
  KANGFU_RETURN_IF_ERROR(
      add("POST", "/api/v1/visits",
          [this, &s](Request& request, const Actor& actor) -> Result<Response> {
            KANGFU_ASSIGN_OR_RETURN(app::VisitInput input, codec::ParseVisitInput(request.body));
            KANGFU_ASSIGN_OR_RETURN(auto visit, s.RecordVisit(actor, input, Today()));
            return JsonResponse(201, codec::VisitToJson(visit));
          }));

  // --- mentoring ---
  KANGFU_RETURN_IF_ERROR(add("GET", "/api/v1/persons/{id}/mentoring",
                             [this, &s](Request& request, const Actor& actor) -> Result<Response> {
                               KANGFU_ASSIGN_OR_RETURN(storage::RowId id, PathId(request, "id"));
                               KANGFU_ASSIGN_OR_RETURN(auto views,
                                                       s.GetMentoring(actor, id, Today()));
                               OrderedJson out = OrderedJson::array();
                               for (const auto& v : views) out.push_back(codec::MentoringToJson(v));
                               return JsonResponse(200, {{"items", out}});
                             }));
  KANGFU_RETURN_IF_ERROR(add(
      "POST", "/api/v1/mentoring", [&s](Request& request, const Actor& actor) -> Result<Response> {
        KANGFU_ASSIGN_OR_RETURN(app::MentorInput input, codec::ParseMentorInput(request.body));
        KANGFU_ASSIGN_OR_RETURN(auto row, s.AssignMentor(actor, input));
        return JsonResponse(201, codec::MentorToJson(row));
      }));
  KANGFU_RETURN_IF_ERROR(
      add("POST", "/api/v1/mentoring/{id}/talks",
          [this, &s](Request& request, const Actor& actor) -> Result<Response> {
            KANGFU_ASSIGN_OR_RETURN(storage::RowId id, PathId(request, "id"));
            KANGFU_ASSIGN_OR_RETURN(auto body, codec::ParseTalkRequest(request.body));
            KANGFU_ASSIGN_OR_RETURN(auto talk,
                                    s.RecordTalk(actor, id, body.date, body.summary, Today()));
            return JsonResponse(201, codec::TalkToJson(talk));
          }));
  KANGFU_RETURN_IF_ERROR(add(
      "POST", "/api/v1/mentoring/{id}/reports",
      [this, &s](Request& request, const Actor& actor) -> Result<Response> {
        KANGFU_ASSIGN_OR_RETURN(storage::RowId id, PathId(request, "id"));
        KANGFU_ASSIGN_OR_RETURN(auto body, codec::ParseReportRequest(request.body));
        KANGFU_ASSIGN_OR_RETURN(
            auto report, s.RecordReport(actor, id, body.year, body.half, body.summary, Today()));
        return JsonResponse(201, codec::ReportToJson(report));
      }));

  // --- escalations ---
  KANGFU_RETURN_IF_ERROR(add("GET", "/api/v1/persons/{id}/escalations",
                             [this, &s](Request& request, const Actor& actor) -> Result<Response> {
                               KANGFU_ASSIGN_OR_RETURN(storage::RowId id, PathId(request, "id"));
                               KANGFU_ASSIGN_OR_RETURN(auto rows, s.ListEscalations(actor, id));
                               OrderedJson out = OrderedJson::array();
                               const domain::Date today = Today();
                               for (const auto& e : rows) {
                                 out.push_back(codec::EscalationToJson(e, today));
                               }
                               return JsonResponse(200, {{"items", out}});
                             }));
  KANGFU_RETURN_IF_ERROR(add("POST", "/api/v1/escalations",
                             [this, &s](Request& request, const Actor& actor) -> Result<Response> {
                               KANGFU_ASSIGN_OR_RETURN(app::EscalationInput input,
                                                       codec::ParseEscalationInput(request.body));
                               const domain::Date today = Today();
                               KANGFU_ASSIGN_OR_RETURN(auto row,
                                                       s.OpenEscalation(actor, input, today));
                               return JsonResponse(201, codec::EscalationToJson(row, today));
                             }));
  KANGFU_RETURN_IF_ERROR(
      add("POST", "/api/v1/escalations/{id}/resolve",
          [this, &s](Request& request, const Actor& actor) -> Result<Response> {
            KANGFU_ASSIGN_OR_RETURN(storage::RowId id, PathId(request, "id"));
            KANGFU_ASSIGN_OR_RETURN(auto body, codec::ParseResolveRequest(request.body));
            const domain::Date today = Today();
            KANGFU_ASSIGN_OR_RETURN(auto row,
                                    s.ResolveEscalation(actor, id, body.version, body.resolved_on,
                                                        body.outcome, body.resolution, today));
            return JsonResponse(200, codec::EscalationToJson(row, today));
          }));

  // --- workbench ---
  KANGFU_RETURN_IF_ERROR(
      add("GET", "/api/v1/workbench",
          [this, &s](Request& request, const Actor& actor) -> Result<Response> {
            KANGFU_ASSIGN_OR_RETURN(app::WorkbenchQuery query,
                                    codec::ParseWorkbenchParams(QueryParams(request), Today()));
            KANGFU_ASSIGN_OR_RETURN(app::Workbench bench, s.GetWorkbench(actor, query));
            return JsonResponse(200, codec::WorkbenchToJson(bench, query.today));
          }));
  KANGFU_RETURN_IF_ERROR(add(
      "GET", "/api/v1/workbench/summary",
      [this, &s](Request&, const Actor& actor) -> Result<Response> {
        // Before the first run has finished: zeros, and "computed": false.
        const std::shared_ptr<const app::ReminderDigest> digest = this->digest();
        const app::ReminderDigest none;
        KANGFU_ASSIGN_OR_RETURN(auto totals, s.SummariseDigest(actor, digest ? *digest : none));
        return JsonResponse(200, codec::DigestSummaryToJson(
                                     digest ? std::optional(digest->as_of) : std::nullopt, totals));
      }));

  // --- settings ---
  KANGFU_RETURN_IF_ERROR(
      add("GET", "/api/v1/aftercare/settings/{name}",
          [this](Request& request, const Actor& actor) -> Result<Response> {
            if (!actor.Can(app::Permission::kManageAftercareData)) {
              Status allowed = app::RequirePermission(actor, app::Permission::kReadAftercare);
              if (!allowed.ok()) return allowed;
            }
            const std::string name(request.Param("name"));
            if (name != "policy" && name != "calendar") return UnknownSetting();
            KANGFU_ASSIGN_OR_RETURN(std::optional<storage::AftercareSetting> stored,
                                    backend_.store().Aftercare().GetSetting(name, 0));
            std::string body;
            if (stored) {
              body = stored->body;
            } else if (name == "policy") {
              body = std::string(codec::ShippedAftercarePolicyJson());
            } else {
              body = std::string(codec::ShippedHolidayCalendarJson());
            }
            Result<codec::Json> parsed = codec::ParseJson(body);
            if (!parsed.ok()) return Status::Internal("stored aftercare setting is not JSON");
            return Response::Json(200, nlohmann::json{{"name", name},
                                                      {"version", stored ? stored->version : 0},
                                                      {"shipped", !stored},
                                                      {"body", *parsed}}
                                           .dump());
          }));
  return add(
      "PUT", "/api/v1/aftercare/settings/{name}",
      [this](Request& request, const Actor& actor) -> Result<Response> {
        Status allowed = app::RequirePermission(actor, app::Permission::kManageAftercareData);
        if (!allowed.ok()) return allowed;
        const std::string name(request.Param("name"));
        if (name != "policy" && name != "calendar") return UnknownSetting();
        KANGFU_ASSIGN_OR_RETURN(codec::SettingRequest body,
                                codec::ParseSettingRequest(request.body));
        // Validate before anything is written; swap the copy in force after the commit.
        std::optional<domain::AftercarePolicy> policy;
        std::optional<domain::WorkCalendar> calendar;
        if (name == "policy") {
          Result<domain::AftercarePolicy> decoded = codec::DecodeAftercarePolicy(body.body);
          if (!decoded.ok()) {
            Status error = decoded.status();
            error.PrefixField("body");
            return error;
          }
          policy = std::move(decoded).value();
        } else {
          Result<domain::WorkCalendar> decoded = codec::DecodeWorkCalendar(body.body);
          if (!decoded.ok()) {
            Status error = decoded.status();
            error.PrefixField("body");
            return error;
          }
          calendar = std::move(decoded).value();
        }
        KANGFU_ASSIGN_OR_RETURN(
            storage::AftercareSetting saved,
            service_->SaveSetting(
                actor, {.name = name, .org_id = 0, .body = body.body, .version = body.version}));
        if (policy) {
          policy_ = std::move(*policy);
          policy_stamp_ = Fingerprint(body.body);
        }
        if (calendar) {
          calendar_ = std::move(*calendar);
          calendar_stamp_ = Fingerprint(body.body);
        }
        // Every schedule is replanned under the new files by the next daily run.
        service_->SetScheduleStamp(policy_stamp_ + "-" + calendar_stamp_);
        return Response::Json(200,
                              nlohmann::json{{"name", name}, {"version", saved.version}}.dump());
      });
}

}  // namespace kangfu::api
