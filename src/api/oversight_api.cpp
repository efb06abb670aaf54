#include "api/oversight_api.hpp"

#include <string>
#include <utility>

#include "api/aftercare_api.hpp"
#include "api/request_params.hpp"
#include "codec/aftercare/calendar_json.hpp"
#include "codec/oversight/oversight_api_json.hpp"

namespace kangfu::api {
namespace {

using codec::OrderedJson;
using http::Request;
using http::Response;

Response JsonResponse(int status, const OrderedJson& document) {
  return Response::Json(status, document.dump());
}

}  // namespace

domain::Date OversightApi::Today() const { return BeijingDate(clock_()); }

Result<std::unique_ptr<OversightApi>> OversightApi::Create(Backend& backend, const AuthApi& auth,
                                                           app::Clock clock) {
  std::unique_ptr<OversightApi> api(new OversightApi(backend, auth, std::move(clock)));
  std::lock_guard lock(backend.mutex());
  KANGFU_RETURN_IF_ERROR(api->RefreshCalendar());
  api->service_ =
      std::make_unique<app::OversightService>(backend.store(), api->calendar_, backend.audit());
  return api;
}

Status OversightApi::RefreshCalendar() {
  KANGFU_ASSIGN_OR_RETURN(std::optional<storage::AftercareSetting> stored,
                          backend_.store().Aftercare().GetSetting("calendar", 0));
  const int64_t version = stored ? stored->version : 0;
  if (version == calendar_version_) return Status::Ok();
  if (stored) {
    KANGFU_ASSIGN_OR_RETURN(calendar_, codec::DecodeWorkCalendar(stored->body));
  } else {
    KANGFU_ASSIGN_OR_RETURN(calendar_, codec::ShippedWorkCalendar());
  }
  calendar_version_ = version;
  return Status::Ok();
}

Status OversightApi::AddRoutes(http::Router& router) {
  using app::Actor;
  auto add = [&](const char* method, const char* pattern, ActorHandler handler) {
    return router.Add(method, pattern,
                      auth_.Protect([this, handler = std::move(handler)](
                                        Request& request, const Actor& actor) -> Result<Response> {
                        KANGFU_RETURN_IF_ERROR(RefreshCalendar());
                        return handler(request, actor);
                      }));
  };
  app::OversightService& s = *service_;

  // --- clues ---
  KANGFU_RETURN_IF_ERROR(add(
      "GET", "/api/v1/clues", [this, &s](Request& request, const Actor& actor) -> Result<Response> {
        KANGFU_ASSIGN_OR_RETURN(auto query, codec::ParseOversightListParams(QueryParams(request)));
        KANGFU_ASSIGN_OR_RETURN(auto list, s.ListClues(actor, query, Today()));
        return JsonResponse(200, codec::OversightListToJson(list, &codec::ClueToJson));
      }));
  KANGFU_RETURN_IF_ERROR(
      add("POST", "/api/v1/clues",
          [this, &s](Request& request, const Actor& actor) -> Result<Response> {
            KANGFU_ASSIGN_OR_RETURN(auto body, codec::ParseClueBody(request.body, false));
            KANGFU_ASSIGN_OR_RETURN(app::ClueView view, s.RegisterClue(actor, body.row, Today()));
            return JsonResponse(201, codec::ClueToJson(view));
          }));
  KANGFU_RETURN_IF_ERROR(add("GET", "/api/v1/clues/{id}",
                             [this, &s](Request& request, const Actor& actor) -> Result<Response> {
                               KANGFU_ASSIGN_OR_RETURN(storage::RowId id, PathId(request, "id"));
                               KANGFU_ASSIGN_OR_RETURN(app::ClueView view,
                                                       s.GetClue(actor, id, Today()));
                               return JsonResponse(200, codec::ClueToJson(view));
                             }));
  KANGFU_RETURN_IF_ERROR(
      add("PUT", "/api/v1/clues/{id}",
          [this, &s](Request& request, const Actor& actor) -> Result<Response> {
            KANGFU_ASSIGN_OR_RETURN(storage::RowId id, PathId(request, "id"));
            KANGFU_ASSIGN_OR_RETURN(auto body, codec::ParseClueBody(request.body, true));
            KANGFU_ASSIGN_OR_RETURN(app::ClueView view,
                                    s.UpdateClue(actor, id, body.version, body.row, Today()));
            return JsonResponse(200, codec::ClueToJson(view));
          }));

  // --- talks ---
  KANGFU_RETURN_IF_ERROR(add(
      "GET", "/api/v1/interviews", [&s](Request& request, const Actor& actor) -> Result<Response> {
        KANGFU_ASSIGN_OR_RETURN(auto query, codec::ParseOversightListParams(QueryParams(request)));
        KANGFU_ASSIGN_OR_RETURN(auto list, s.ListInterviews(actor, query));
        return JsonResponse(200, codec::OversightListToJson(list, &codec::InterviewToJson));
      }));
  KANGFU_RETURN_IF_ERROR(add("POST", "/api/v1/interviews",
                             [this, &s](Request& request, const Actor& actor) -> Result<Response> {
                               KANGFU_ASSIGN_OR_RETURN(
                                   auto body, codec::ParseInterviewBody(request.body, false));
                               KANGFU_ASSIGN_OR_RETURN(app::InterviewView view,
                                                       s.RecordInterview(actor, body.row, Today()));
                               return JsonResponse(201, codec::InterviewToJson(view));
                             }));
  KANGFU_RETURN_IF_ERROR(add("GET", "/api/v1/interviews/{id}",
                             [&s](Request& request, const Actor& actor) -> Result<Response> {
                               KANGFU_ASSIGN_OR_RETURN(storage::RowId id, PathId(request, "id"));
                               KANGFU_ASSIGN_OR_RETURN(app::InterviewView view,
                                                       s.GetInterview(actor, id));
                               return JsonResponse(200, codec::InterviewToJson(view));
                             }));
  KANGFU_RETURN_IF_ERROR(
      add("PUT", "/api/v1/interviews/{id}",
          [this, &s](Request& request, const Actor& actor) -> Result<Response> {
            KANGFU_ASSIGN_OR_RETURN(storage::RowId id, PathId(request, "id"));
            KANGFU_ASSIGN_OR_RETURN(auto body, codec::ParseInterviewBody(request.body, true));
            KANGFU_ASSIGN_OR_RETURN(app::InterviewView view,
                                    s.UpdateInterview(actor, id, body.version, body.row, Today()));
            return JsonResponse(200, codec::InterviewToJson(view));
          }));

  // --- clearances ---
  KANGFU_RETURN_IF_ERROR(add(
      "GET", "/api/v1/clearances", [&s](Request& request, const Actor& actor) -> Result<Response> {
        KANGFU_ASSIGN_OR_RETURN(auto query, codec::ParseOversightListParams(QueryParams(request)));
        KANGFU_ASSIGN_OR_RETURN(auto list, s.ListClearances(actor, query));
        return JsonResponse(200, codec::OversightListToJson(list, &codec::ClearanceToJson));
      }));
  KANGFU_RETURN_IF_ERROR(add("POST", "/api/v1/clearances",
                             [this, &s](Request& request, const Actor& actor) -> Result<Response> {
                               KANGFU_ASSIGN_OR_RETURN(
                                   auto body, codec::ParseClearanceBody(request.body, false));
                               KANGFU_ASSIGN_OR_RETURN(app::ClearanceView view,
                                                       s.RecordClearance(actor, body.row, Today()));
                               return JsonResponse(201, codec::ClearanceToJson(view));
                             }));
  KANGFU_RETURN_IF_ERROR(add("GET", "/api/v1/clearances/{id}",
                             [&s](Request& request, const Actor& actor) -> Result<Response> {
                               KANGFU_ASSIGN_OR_RETURN(storage::RowId id, PathId(request, "id"));
                               KANGFU_ASSIGN_OR_RETURN(app::ClearanceView view,
                                                       s.GetClearance(actor, id));
                               return JsonResponse(200, codec::ClearanceToJson(view));
                             }));
  KANGFU_RETURN_IF_ERROR(
      add("PUT", "/api/v1/clearances/{id}",
          [this, &s](Request& request, const Actor& actor) -> Result<Response> {
            KANGFU_ASSIGN_OR_RETURN(storage::RowId id, PathId(request, "id"));
            KANGFU_ASSIGN_OR_RETURN(auto body, codec::ParseClearanceBody(request.body, true));
            KANGFU_ASSIGN_OR_RETURN(app::ClearanceView view,
                                    s.UpdateClearance(actor, id, body.version, body.row, Today()));
            return JsonResponse(200, codec::ClearanceToJson(view));
          }));

  // --- fault tolerance ---
  KANGFU_RETURN_IF_ERROR(add(
      "GET", "/api/v1/fault-tolerance",
      [&s](Request& request, const Actor& actor) -> Result<Response> {
        KANGFU_ASSIGN_OR_RETURN(auto query, codec::ParseOversightListParams(QueryParams(request)));
        KANGFU_ASSIGN_OR_RETURN(auto list, s.ListFaultTolerance(actor, query));
        return JsonResponse(200, codec::OversightListToJson(list, &codec::FaultToleranceToJson));
      }));
  KANGFU_RETURN_IF_ERROR(
      add("POST", "/api/v1/fault-tolerance",
          [this, &s](Request& request, const Actor& actor) -> Result<Response> {
            KANGFU_ASSIGN_OR_RETURN(auto body, codec::ParseFaultToleranceBody(request.body, false));
            KANGFU_ASSIGN_OR_RETURN(app::FaultToleranceView view,
                                    s.RecordFaultTolerance(actor, body.row, Today()));
            return JsonResponse(201, codec::FaultToleranceToJson(view));
          }));
  KANGFU_RETURN_IF_ERROR(add("GET", "/api/v1/fault-tolerance/{id}",
                             [&s](Request& request, const Actor& actor) -> Result<Response> {
                               KANGFU_ASSIGN_OR_RETURN(storage::RowId id, PathId(request, "id"));
                               KANGFU_ASSIGN_OR_RETURN(app::FaultToleranceView view,
                                                       s.GetFaultTolerance(actor, id));
                               return JsonResponse(200, codec::FaultToleranceToJson(view));
                             }));
  KANGFU_RETURN_IF_ERROR(add(
      "PUT", "/api/v1/fault-tolerance/{id}",
      [this, &s](Request& request, const Actor& actor) -> Result<Response> {
        KANGFU_ASSIGN_OR_RETURN(storage::RowId id, PathId(request, "id"));
        KANGFU_ASSIGN_OR_RETURN(auto body, codec::ParseFaultToleranceBody(request.body, true));
        KANGFU_ASSIGN_OR_RETURN(app::FaultToleranceView view,
                                s.UpdateFaultTolerance(actor, id, body.version, body.row, Today()));
        return JsonResponse(200, codec::FaultToleranceToJson(view));
      }));

  return add("GET", "/api/v1/persons/{id}/oversight",
             [this, &s](Request& request, const Actor& actor) -> Result<Response> {
               KANGFU_ASSIGN_OR_RETURN(storage::RowId id, PathId(request, "id"));
               KANGFU_ASSIGN_OR_RETURN(app::PersonOversight records,
                                       s.PersonRecords(actor, id, Today()));
               return JsonResponse(200, codec::PersonOversightToJson(records));
             });
}

}  // namespace kangfu::api
