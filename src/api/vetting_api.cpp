#include "api/vetting_api.hpp"

#include <charconv>
#include <map>
#include <string>
#include <utility>

#include "api/aftercare_api.hpp"
#include "api/request_params.hpp"
#include "codec/aftercare/calendar_json.hpp"
#include "codec/vetting/vetting_api_json.hpp"

namespace kangfu::api {
namespace {

using codec::OrderedJson;
using http::Request;
using http::Response;

Response JsonResponse(int status, const OrderedJson& document) {
  return Response::Json(status, document.dump());
}

constexpr const char* kDocxType =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

}  // namespace

domain::Date VettingApi::Today() const { return BeijingDate(clock_()); }

Result<std::unique_ptr<VettingApi>> VettingApi::Create(Backend& backend, const AuthApi& auth,
                                                       const domain::Catalogue& catalogue,
                                                       domain::EngineOptions options,
                                                       app::Clock clock) {
  std::unique_ptr<VettingApi> api(new VettingApi(backend, auth, std::move(clock)));
  std::lock_guard lock(backend.mutex());
  KANGFU_RETURN_IF_ERROR(api->RefreshCalendar());
  api->status_ =
      std::make_unique<app::StatusService>(backend.store(), catalogue, options, backend.audit());
  api->service_ = std::make_unique<app::VettingService>(backend.store(), *api->status_,
                                                        api->calendar_, backend.audit());
  return api;
}

Status VettingApi::RefreshCalendar() {
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

Status VettingApi::AddRoutes(http::Router& router) {
  using app::Actor;
  auto add = [&](const char* method, const char* pattern, ActorHandler handler) {
    // Every handler sees the calendar in force.
    return router.Add(method, pattern,
                      auth_.Protect([this, handler = std::move(handler)](
                                        Request& request, const Actor& actor) -> Result<Response> {
                        KANGFU_RETURN_IF_ERROR(RefreshCalendar());
                        return handler(request, actor);
                      }));
  };
  app::VettingService& s = *service_;

  KANGFU_RETURN_IF_ERROR(add(
      "POST", "/api/v1/vetting-requests",
      [this, &s](Request& request, const Actor& actor) -> Result<Response> {
        KANGFU_ASSIGN_OR_RETURN(app::VettingFiling filing, codec::ParseVettingFiling(request.body));
        KANGFU_ASSIGN_OR_RETURN(app::VettingFiled filed, s.File(actor, filing, Today()));
        return JsonResponse(201, codec::VettingFiledToJson(filed));
      }));
  KANGFU_RETURN_IF_ERROR(add(
      "POST", "/api/v1/vetting-requests/candidate-table",
      [](Request& request, const Actor& actor) -> Result<Response> {
        Status allowed = app::RequirePermission(actor, app::Permission::kFileVettingRequests);
        if (!allowed.ok()) return allowed;
        KANGFU_ASSIGN_OR_RETURN(app::CandidateTable table, app::ReadCandidateTable(request.body));
        return JsonResponse(200, {{"id_numbers", table.id_numbers}, {"rows", table.rows}});
      }));
  KANGFU_RETURN_IF_ERROR(add(
      "GET", "/api/v1/vetting-requests",
      [this, &s](Request& request, const Actor& actor) -> Result<Response> {
        KANGFU_ASSIGN_OR_RETURN(bool overdue, codec::ParseVettingListParams(QueryParams(request)));
        KANGFU_ASSIGN_OR_RETURN(auto views, s.List(actor, overdue, Today()));
        OrderedJson items = OrderedJson::array();
        for (const app::VettingView& v : views) {
          items.push_back(codec::VettingToJson(v, false));
        }
        return JsonResponse(200, {{"items", items}});
      }));
  KANGFU_RETURN_IF_ERROR(add("GET", "/api/v1/vetting-requests/{id}",
                             [this, &s](Request& request, const Actor& actor) -> Result<Response> {
                               KANGFU_ASSIGN_OR_RETURN(storage::RowId id, PathId(request, "id"));
                               KANGFU_ASSIGN_OR_RETURN(app::VettingView view,
                                                       s.Get(actor, id, Today()));
                               return JsonResponse(200, codec::VettingToJson(view, true));
                             }));
  KANGFU_RETURN_IF_ERROR(add("POST", "/api/v1/vetting-requests/{id}/draft",
                             [this, &s](Request& request, const Actor& actor) -> Result<Response> {
                               KANGFU_ASSIGN_OR_RETURN(storage::RowId id, PathId(request, "id"));
                               KANGFU_ASSIGN_OR_RETURN(app::VettingView view,
                                                       s.Draft(actor, id, Today()));
                               return JsonResponse(200, codec::VettingToJson(view, true));
                             }));
  KANGFU_RETURN_IF_ERROR(
      add("POST", "/api/v1/vetting-requests/{id}/candidates/{cid}/confirm",
          [this, &s](Request& request, const Actor& actor) -> Result<Response> {
            KANGFU_ASSIGN_OR_RETURN(storage::RowId id, PathId(request, "id"));
            KANGFU_ASSIGN_OR_RETURN(storage::RowId cid, PathId(request, "cid"));
            KANGFU_ASSIGN_OR_RETURN(auto body, codec::ParseConfirmAnswerRequest(request.body));
            KANGFU_ASSIGN_OR_RETURN(app::VettingView view,
                                    s.Confirm(actor, id, cid, body.version, body.answer,
                                              body.reason, Today(), body.statement));
            return JsonResponse(200, codec::VettingToJson(view, true));
          }));
  KANGFU_RETURN_IF_ERROR(
      add("POST", "/api/v1/vetting-requests/{id}/approve",
          [this, &s](Request& request, const Actor& actor) -> Result<Response> {
            KANGFU_ASSIGN_OR_RETURN(storage::RowId id, PathId(request, "id"));
            KANGFU_ASSIGN_OR_RETURN(int64_t version, codec::ParseApproveRequest(request.body));
            KANGFU_ASSIGN_OR_RETURN(app::VettingView view, s.Approve(actor, id, version, Today()));
            return JsonResponse(200, codec::VettingToJson(view, true));
          }));
  KANGFU_RETURN_IF_ERROR(
      add("POST", "/api/v1/vetting-requests/{id}/issue",
          [this, &s](Request& request, const Actor& actor) -> Result<Response> {
            KANGFU_ASSIGN_OR_RETURN(storage::RowId id, PathId(request, "id"));
            KANGFU_ASSIGN_OR_RETURN(auto body, codec::ParseIssueRequest(request.body));
            KANGFU_ASSIGN_OR_RETURN(
                app::VettingView view,
                s.Issue(actor, id, body.version, body.letter_number, body.issuer, Today()));
            return JsonResponse(200, codec::VettingToJson(view, true));
          }));
  return add("GET", "/api/v1/vetting-requests/{id}/letter.docx",
             [&s](Request& request, const Actor& actor) -> Result<Response> {
               KANGFU_ASSIGN_OR_RETURN(storage::RowId id, PathId(request, "id"));
               KANGFU_ASSIGN_OR_RETURN(bool red_header,
                                       codec::ParseLetterParams(QueryParams(request)));
               KANGFU_ASSIGN_OR_RETURN(std::string bytes, s.Letter(actor, id, red_header));
               Response response = Response::Text(200, std::move(bytes), kDocxType);
               response.SetHeader("Content-Disposition", "attachment; filename=\"vetting-reply-" +
                                                             std::to_string(id) + ".docx\"");
               return response;
             });
}

}  // namespace kangfu::api
