#include "api/reuse_api.hpp"

#include <string>
#include <utility>

#include "api/aftercare_api.hpp"
#include "api/request_params.hpp"
#include "codec/reuse/reuse_api_json.hpp"

namespace kangfu::api {
namespace {

using codec::OrderedJson;
using http::Request;
using http::Response;

Response JsonResponse(int status, const OrderedJson& document) {
  return Response::Json(status, document.dump());
}

// RFC 5987 / 6266: the UTF-8 file name percent-encoded for filename*.
std::string PercentEncoded(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
        c == '-' || c == '_') {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

ReuseApi::ReuseApi(Backend& backend, const AuthApi& auth, const domain::Catalogue& catalogue,
                   domain::EngineOptions options, app::Clock clock)
    : auth_(auth),
      clock_(std::move(clock)),
      service_(backend.store(), catalogue, options, backend.audit()) {}

domain::Date ReuseApi::Today() const { return BeijingDate(clock_()); }

Status ReuseApi::AddRoutes(http::Router& router) {
  using app::Actor;
  auto add = [&](const char* method, const char* pattern, ActorHandler handler) {
    return router.Add(method, pattern, auth_.Protect(std::move(handler)));
  };
  app::ReuseService& s = service_;

  KANGFU_RETURN_IF_ERROR(
      add("GET", "/api/v1/persons/{id}/reuse-check",
          [this, &s](Request& request, const Actor& actor) -> Result<Response> {
            KANGFU_ASSIGN_OR_RETURN(storage::RowId id, PathId(request, "id"));
            KANGFU_ASSIGN_OR_RETURN(std::optional<domain::Date> date,
                                    codec::ParseReuseCheckParams(QueryParams(request)));
            KANGFU_ASSIGN_OR_RETURN(app::ReuseCheck check, s.Check(actor, id, date, Today()));
            return JsonResponse(200, codec::ReuseCheckToJson(check));
          }));
  KANGFU_RETURN_IF_ERROR(add("POST", "/api/v1/persons/{id}/annual-assessments",
                             [this, &s](Request& request, const Actor& actor) -> Result<Response> {
                               KANGFU_ASSIGN_OR_RETURN(storage::RowId id, PathId(request, "id"));
                               KANGFU_ASSIGN_OR_RETURN(codec::AssessmentRequest body,
                                                       codec::ParseAssessmentRequest(request.body));
                               KANGFU_ASSIGN_OR_RETURN(
                                   storage::ReuseAssessmentRow row,
                                   s.AddAssessment(actor, id, body.year, body.grade, Today()));
                               return JsonResponse(201, codec::AssessmentToJson(row));
                             }));
  KANGFU_RETURN_IF_ERROR(
      add("GET", "/api/v1/reuse-files", [&s](Request&, const Actor& actor) -> Result<Response> {
        KANGFU_ASSIGN_OR_RETURN(auto views, s.List(actor));
        OrderedJson items = OrderedJson::array();
        for (const app::ReuseFileView& v : views) {
          items.push_back(codec::ReuseFileToJson(v, false));
        }
        return JsonResponse(200, {{"items", items}});
      }));
  KANGFU_RETURN_IF_ERROR(add("POST", "/api/v1/reuse-files",
                             [this, &s](Request& request, const Actor& actor) -> Result<Response> {
                               KANGFU_ASSIGN_OR_RETURN(codec::ReuseOpenRequest body,
                                                       codec::ParseReuseOpenRequest(request.body));
                               KANGFU_ASSIGN_OR_RETURN(
                                   app::ReuseFileView view,
                                   s.Open(actor, body.person_id, body.override_reason, Today()));
                               return JsonResponse(201, codec::ReuseFileToJson(view, true));
                             }));
  KANGFU_RETURN_IF_ERROR(add("GET", "/api/v1/reuse-files/{id}",
                             [&s](Request& request, const Actor& actor) -> Result<Response> {
                               KANGFU_ASSIGN_OR_RETURN(storage::RowId id, PathId(request, "id"));
                               KANGFU_ASSIGN_OR_RETURN(app::ReuseFileView view, s.Get(actor, id));
                               return JsonResponse(200, codec::ReuseFileToJson(view, true));
                             }));
  KANGFU_RETURN_IF_ERROR(add("GET", "/api/v1/reuse-files/{id}/evidence",
                             [&s](Request& request, const Actor& actor) -> Result<Response> {
                               KANGFU_ASSIGN_OR_RETURN(storage::RowId id, PathId(request, "id"));
                               KANGFU_ASSIGN_OR_RETURN(app::ReuseEvidence evidence,
                                                       s.Evidence(actor, id));
                               return JsonResponse(200, codec::ReuseEvidenceToJson(evidence));
                             }));
  KANGFU_RETURN_IF_ERROR(
      add("POST", "/api/v1/reuse-files/{id}/approve-override",
          [this, &s](Request& request, const Actor& actor) -> Result<Response> {
            KANGFU_ASSIGN_OR_RETURN(storage::RowId id, PathId(request, "id"));
            KANGFU_ASSIGN_OR_RETURN(int64_t version, codec::ParseReuseVersion(request.body));
            KANGFU_ASSIGN_OR_RETURN(app::ReuseFileView view,
                                    s.ApproveOverride(actor, id, version, Today()));
            return JsonResponse(200, codec::ReuseFileToJson(view, true));
          }));
  KANGFU_RETURN_IF_ERROR(add(
      "POST", "/api/v1/reuse-files/{id}/steps",
      [this, &s](Request& request, const Actor& actor) -> Result<Response> {
        KANGFU_ASSIGN_OR_RETURN(storage::RowId id, PathId(request, "id"));
        KANGFU_ASSIGN_OR_RETURN(app::StepInput input, codec::ParseReuseStep(request.body));
        KANGFU_ASSIGN_OR_RETURN(app::ReuseFileView view, s.RecordStep(actor, id, input, Today()));
        return JsonResponse(201, codec::ReuseFileToJson(view, true));
      }));
  KANGFU_RETURN_IF_ERROR(add("POST", "/api/v1/reuse-files/{id}/commission-opinion",
                             [this, &s](Request& request, const Actor& actor) -> Result<Response> {
                               KANGFU_ASSIGN_OR_RETURN(storage::RowId id, PathId(request, "id"));
                               KANGFU_ASSIGN_OR_RETURN(app::CommissionOpinionInput input,
                                                       codec::ParseCommissionOpinion(request.body));
                               KANGFU_ASSIGN_OR_RETURN(
                                   app::ReuseFileView view,
                                   s.GiveCommissionOpinion(actor, id, input, Today()));
                               return JsonResponse(200, codec::ReuseFileToJson(view, true));
                             }));
  KANGFU_RETURN_IF_ERROR(add(
      "POST", "/api/v1/reuse-files/{id}/documents",
      [this, &s](Request& request, const Actor& actor) -> Result<Response> {
        KANGFU_ASSIGN_OR_RETURN(storage::RowId id, PathId(request, "id"));
        app::UploadInput input{.name = request.QueryParam("name"),
                               .content_type = std::string(request.Header("content-type")),
                               .bytes = std::move(request.body)};
        KANGFU_ASSIGN_OR_RETURN(storage::ReuseDocumentRow doc, s.Upload(actor, id, input, Today()));
        return JsonResponse(201, codec::ReuseDocumentToJson(doc));
      }));
  KANGFU_RETURN_IF_ERROR(
      add("GET", "/api/v1/reuse-files/{id}/documents/{did}",
          [&s](Request& request, const Actor& actor) -> Result<Response> {
            KANGFU_ASSIGN_OR_RETURN(storage::RowId id, PathId(request, "id"));
            KANGFU_ASSIGN_OR_RETURN(storage::RowId did, PathId(request, "did"));
            KANGFU_ASSIGN_OR_RETURN(storage::ReuseDocumentRow doc, s.Document(actor, id, did));
            Response response = Response::Text(200, std::move(doc.bytes), doc.content_type);
            response.SetHeader("Content-Disposition",
                               "attachment; filename=\"reuse-document-" + std::to_string(did) +
                                   "\"; filename*=UTF-8''" + PercentEncoded(doc.name));
            response.SetHeader("X-Content-SM3", doc.hash);
            return response;
          }));
  for (const char* action : {"withdraw", "decline"}) {
    const bool withdraw = std::string_view(action) == "withdraw";
    KANGFU_RETURN_IF_ERROR(add(
        "POST", withdraw ? "/api/v1/reuse-files/{id}/withdraw" : "/api/v1/reuse-files/{id}/decline",
        [this, &s, withdraw](Request& request, const Actor& actor) -> Result<Response> {
          KANGFU_ASSIGN_OR_RETURN(storage::RowId id, PathId(request, "id"));
          KANGFU_ASSIGN_OR_RETURN(codec::VersionReason body,
                                  codec::ParseVersionReason(request.body));
          KANGFU_ASSIGN_OR_RETURN(app::ReuseFileView view,
                                  withdraw
                                      ? s.Withdraw(actor, id, body.version, body.reason, Today())
                                      : s.Decline(actor, id, body.version, body.reason, Today()));
          return JsonResponse(200, codec::ReuseFileToJson(view, true));
        }));
  }
  KANGFU_RETURN_IF_ERROR(
      add("GET", "/api/v1/reuse-policy", [&s](Request&, const Actor& actor) -> Result<Response> {
        KANGFU_ASSIGN_OR_RETURN(auto policy, s.Policy(actor));
        return JsonResponse(200, codec::PolicyResponseToJson(policy.first, policy.second));
      }));
  return add("PUT", "/api/v1/reuse-policy",
             [&s](Request& request, const Actor& actor) -> Result<Response> {
               Status allowed = app::RequirePermission(actor, app::Permission::kManageReusePolicy);
               if (!allowed.ok()) return allowed;
               KANGFU_ASSIGN_OR_RETURN(codec::PolicyRequest body,
                                       codec::ParsePolicyRequest(request.body));
               KANGFU_ASSIGN_OR_RETURN(auto stored, s.PutPolicy(actor, body.policy, body.version));
               return JsonResponse(200, codec::PolicyResponseToJson(stored.first, stored.second));
             });
}

}  // namespace kangfu::api
