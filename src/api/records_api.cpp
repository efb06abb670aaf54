#include "api/records_api.hpp"

#include <charconv>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "api/request_params.hpp"
#include "app/case_service.hpp"
#include "app/list_service.hpp"
#include "app/person_service.hpp"
#include "app/status_service.hpp"
#include "codec/api_json.hpp"
#include "codec/catalogue_json.hpp"
#include "http/problem.hpp"

namespace kangfu::api {

// The use cases hold scratch state and are not thread-safe: they are only used under the
// backend's mutex, which AuthApi::Protect holds for the whole request.
struct RecordsApi::Services {
  Services(Backend& b, domain::Catalogue c, domain::EngineOptions engine)
      : backend(b),
        catalogue(std::move(c)),
        catalogue_json(codec::CatalogueSummaryToJson(catalogue).dump()),
        cases(b.store(), catalogue, engine, b.audit()),
        status(b.store(), catalogue, engine, b.audit()),
        lists(b.store(), b.audit()),
        persons(b.store(), b.audit()) {
    status.SetFactsCache(&b.status_facts());
  }

  Backend& backend;
  const domain::Catalogue catalogue;
  const std::string catalogue_json;  // the same for everyone: rendered once
  app::CaseService cases;
  app::StatusService status;
  app::ListService lists;
  app::PersonService persons;
};

namespace {

using http::Request;
using http::Response;
using Services = RecordsApi::Services;

// The body of a write, once its Content-Type says JSON (the codec parses and names fields).
Result<std::string_view> JsonText(const Request& request) {
  const std::string_view content_type = request.Header("content-type");
  std::string_view media = content_type.substr(0, content_type.find(';'));
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  if (!http::EqualsIgnoreCase(media, "application/json")) {
    return http::UnsupportedMediaType(content_type);
  }
  return std::string_view{request.body};
}

Response Ok(const codec::OrderedJson& json) { return Response::Json(200, json.dump()); }

Response Created(std::string location, const codec::OrderedJson& json) {
  Response response = Response::Json(201, json.dump());
  response.SetHeader("Location", std::move(location));
  return response;
}

// Today in Beijing (UTC+8, no daylight saving): the default date of a status question.
domain::Date BeijingToday(const app::Clock& clock) {
  const auto seconds =
      std::chrono::duration_cast<std::chrono::seconds>(clock().time_since_epoch()).count();
  const int64_t local = seconds + int64_t{8} * 3600;
  // Floor division: whole days since 1970-01-01.
  const int64_t days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
  return domain::Date::FromDays(static_cast<int32_t>(days));
}

using Handler = std::function<Result<Response>(Services&, Request&, const app::Actor&)>;

}  // namespace

RecordsApi::RecordsApi(Backend& backend, const AuthApi& auth, const RecordsApiOptions& options)
    : auth_(auth),
      services_(std::make_shared<Services>(
          backend, options.catalogue != nullptr ? *options.catalogue : codec::BuiltinCatalogue(),
          options.engine)) {}

void RecordsApi::SetOnCaseRecorded(app::CaseService::CaseHook hook) {
  services_->cases.SetOnCaseRecorded(std::move(hook));
}

void RecordsApi::SetOnCaseChanged(app::CaseService::PersonHook hook) {
  services_->cases.SetOnCaseChanged(std::move(hook));
}

Status RecordsApi::AddRoutes(http::Router& router) const {
  struct Route {
    const char* method;
    const char* pattern;
    Handler handler;
  };
  std::vector<Route> routes;
  auto add = [&routes](const char* method, const char* pattern, Handler handler) {
    routes.push_back({method, pattern, std::move(handler)});
  };

  add("GET", "/api/v1/organisations",
      [](Services& s, Request&, const app::Actor& actor) -> Result<Response> {
        KANGFU_ASSIGN_OR_RETURN(std::vector<storage::Organisation> orgs,
                                s.lists.OrganisationTree(actor));
        codec::OrderedJson json;
        json["items"] = codec::OrganisationTreeToJson(orgs);
        return Ok(json);
      });

  add("GET", "/api/v1/catalogue", [](Services& s, Request&, const app::Actor&) -> Result<Response> {
    // Code lists, not case data: any authenticated account may read them.
    return Response::Json(200, s.catalogue_json);
  });

  add("GET", "/api/v1/persons",
      [](Services& s, Request& request, const app::Actor& actor) -> Result<Response> {
        KANGFU_ASSIGN_OR_RETURN(app::PersonListQuery query,
                                codec::ParsePersonListParams(QueryParams(request)));
        KANGFU_ASSIGN_OR_RETURN(app::PersonList list, s.lists.ListPersons(actor, query));
        return Ok(codec::PersonListToJson(list));
      });

  add("POST", "/api/v1/persons",
      [](Services& s, Request& request, const app::Actor& actor) -> Result<Response> {
        KANGFU_ASSIGN_OR_RETURN(std::string_view text, JsonText(request));
        KANGFU_ASSIGN_OR_RETURN(app::PersonInput input, codec::ParsePersonInput(text));
        KANGFU_ASSIGN_OR_RETURN(storage::Person person, s.persons.Create(actor, input));
        return Created("/api/v1/persons/" + std::to_string(person.id), codec::PersonToJson(person));
      });

  add("GET", "/api/v1/persons/{id}",
      [](Services& s, Request& request, const app::Actor& actor) -> Result<Response> {
        KANGFU_ASSIGN_OR_RETURN(storage::RowId id, PathId(request, "id"));
        KANGFU_ASSIGN_OR_RETURN(app::PersonFile file, s.persons.ReadFile(actor, id));
        return Ok(codec::PersonFileToJson(file));
      });

  add("PUT", "/api/v1/persons/{id}",
      [](Services& s, Request& request, const app::Actor& actor) -> Result<Response> {
        KANGFU_ASSIGN_OR_RETURN(storage::RowId id, PathId(request, "id"));
        KANGFU_ASSIGN_OR_RETURN(std::string_view text, JsonText(request));
        KANGFU_ASSIGN_OR_RETURN(codec::PersonUpdateRequest update,
                                codec::ParsePersonUpdateRequest(text));
        KANGFU_ASSIGN_OR_RETURN(storage::Person person,
                                s.persons.Update(actor, id, update.version, update.person));
        return Ok(codec::PersonToJson(person));
      });

  add("GET", "/api/v1/persons/{id}/status",
      [](Services& s, Request& request, const app::Actor& actor) -> Result<Response> {
        KANGFU_ASSIGN_OR_RETURN(storage::RowId id, PathId(request, "id"));
        KANGFU_ASSIGN_OR_RETURN(codec::StatusParams params,
                                codec::ParseStatusParams(QueryParams(request)));
        app::StatusQuery query;
        query.person.id = id;
        query.as_of = params.as_of.value_or(BeijingToday(s.backend.clock()));
        query.actions = std::move(params.actions);
        KANGFU_ASSIGN_OR_RETURN(app::PersonStatus status, s.status.Evaluate(actor, query));
        // Encoded after the batch, on the connection's thread (Response::render_body).
        return Response::JsonLater(
            200, [status = std::move(status)] { return codec::PersonStatusJson(status); });
      });

  add("POST", "/api/v1/persons/status:batch",
      [](Services& s, Request& request, const app::Actor& actor) -> Result<Response> {
        KANGFU_ASSIGN_OR_RETURN(std::string_view text, JsonText(request));
        KANGFU_ASSIGN_OR_RETURN(codec::BatchStatusRequest batch,
                                codec::ParseBatchStatusRequest(text));
        KANGFU_ASSIGN_OR_RETURN(
            std::vector<app::BatchItem> items,
            s.status.EvaluateBatch(actor, batch.id_numbers, batch.as_of, batch.actions));
        return Response::JsonLater(200,
                                   [items = std::move(items)] { return codec::BatchJson(items); });
      });

  add("POST", "/api/v1/cases",
      [](Services& s, Request& request, const app::Actor& actor) -> Result<Response> {
        KANGFU_ASSIGN_OR_RETURN(std::string_view text, JsonText(request));
        KANGFU_ASSIGN_OR_RETURN(app::CaseInput input, codec::ParseCaseInput(text));
        KANGFU_ASSIGN_OR_RETURN(app::RecordedCase recorded, s.cases.CreateCase(actor, input));
        return Created("/api/v1/cases/" + std::to_string(recorded.record.id),
                       codec::RecordedCaseToJson(recorded));
      });

  add("POST", "/api/v1/cases:preview",
      [](Services& s, Request& request, const app::Actor& actor) -> Result<Response> {
        KANGFU_ASSIGN_OR_RETURN(std::string_view text, JsonText(request));
        KANGFU_ASSIGN_OR_RETURN(app::CaseInput input, codec::ParseCasePreviewInput(text));
        KANGFU_ASSIGN_OR_RETURN(app::CasePreview preview, s.cases.Preview(actor, input));
        return Ok(codec::CasePreviewToJson(preview));
      });

  add("GET", "/api/v1/cases/{id}",
      [](Services& s, Request& request, const app::Actor& actor) -> Result<Response> {
        KANGFU_ASSIGN_OR_RETURN(storage::RowId id, PathId(request, "id"));
        KANGFU_ASSIGN_OR_RETURN(app::RecordedCase recorded, s.cases.ReadCase(actor, id));
        return Ok(codec::RecordedCaseToJson(recorded));
      });

  add("POST", "/api/v1/cases/{id}/measures",
      [](Services& s, Request& request, const app::Actor& actor) -> Result<Response> {
        KANGFU_ASSIGN_OR_RETURN(storage::RowId id, PathId(request, "id"));
        KANGFU_ASSIGN_OR_RETURN(std::string_view text, JsonText(request));
        KANGFU_ASSIGN_OR_RETURN(codec::AddMeasureRequest add_measure,
                                codec::ParseAddMeasureRequest(text));
        KANGFU_ASSIGN_OR_RETURN(
            app::RecordedCase recorded,
            s.cases.AddMeasure(actor, id, add_measure.case_version, add_measure.measure));
        return Created("/api/v1/cases/" + std::to_string(id), codec::RecordedCaseToJson(recorded));
      });

  add("POST", "/api/v1/measures/{id}/outcome",
      [](Services& s, Request& request, const app::Actor& actor) -> Result<Response> {
        KANGFU_ASSIGN_OR_RETURN(storage::RowId id, PathId(request, "id"));
        KANGFU_ASSIGN_OR_RETURN(std::string_view text, JsonText(request));
        KANGFU_ASSIGN_OR_RETURN(codec::OutcomeRequest outcome, codec::ParseOutcomeRequest(text));
        KANGFU_ASSIGN_OR_RETURN(storage::Measure measure,
                                s.cases.RecordOutcome(actor, id, outcome.version, outcome.outcome));
        return Ok(codec::MeasureToJson(measure));
      });

  add("POST", "/api/v1/measures/{id}/revoke",
      [](Services& s, Request& request, const app::Actor& actor) -> Result<Response> {
        KANGFU_ASSIGN_OR_RETURN(storage::RowId id, PathId(request, "id"));
        KANGFU_ASSIGN_OR_RETURN(std::string_view text, JsonText(request));
        KANGFU_ASSIGN_OR_RETURN(int64_t version, codec::ParseVersionRequest(text));
        KANGFU_ASSIGN_OR_RETURN(storage::Measure measure,
                                s.cases.RevokeMeasure(actor, id, version));
        return Ok(codec::MeasureToJson(measure));
      });

  add("POST", "/api/v1/persons/{id}/holds",
      [](Services& s, Request& request, const app::Actor& actor) -> Result<Response> {
        KANGFU_ASSIGN_OR_RETURN(storage::RowId id, PathId(request, "id"));
        KANGFU_ASSIGN_OR_RETURN(std::string_view text, JsonText(request));
        KANGFU_ASSIGN_OR_RETURN(codec::OpenHoldRequest open, codec::ParseOpenHoldRequest(text));
        KANGFU_ASSIGN_OR_RETURN(storage::Hold hold,
                                s.cases.OpenHold(actor, id, open.kind, open.from));
        return Created("/api/v1/persons/" + std::to_string(id), codec::HoldToJson(hold));
      });

  add("POST", "/api/v1/persons/{pid}/holds/{hid}/close",
      [](Services& s, Request& request, const app::Actor& actor) -> Result<Response> {
        KANGFU_ASSIGN_OR_RETURN(storage::RowId person_id, PathId(request, "pid"));
        KANGFU_ASSIGN_OR_RETURN(storage::RowId hold_id, PathId(request, "hid"));
        KANGFU_ASSIGN_OR_RETURN(std::string_view text, JsonText(request));
        KANGFU_ASSIGN_OR_RETURN(codec::CloseHoldRequest close, codec::ParseCloseHoldRequest(text));
        KANGFU_ASSIGN_OR_RETURN(storage::Hold hold, s.cases.CloseHold(actor, person_id, hold_id,
                                                                      close.version, close.to));
        return Ok(codec::HoldToJson(hold));
      });

  for (Route& route : routes) {
    KANGFU_RETURN_IF_ERROR(
        router.Add(route.method, route.pattern,
                   auth_.Protect([services = services_, handler = std::move(route.handler)](
                                     Request& request, const app::Actor& actor) {
                     return handler(*services, request, actor);
                   })));
  }
  return Status::Ok();
}

}  // namespace kangfu::api
