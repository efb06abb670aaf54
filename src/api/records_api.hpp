#ifndef KANGFU_API_RECORDS_API_HPP_
#define KANGFU_API_RECORDS_API_HPP_

// The domain part of /api/v1: organisations, the measure catalogue, persons, the engine's
// answers, cases with their measures, and holds. Every route goes through AuthApi::Protect
// (session, CSRF on writes, the backend's mutex); the use cases in app/ check the permission and
// the jurisdiction and write the audit log; the JSON shapes are codec/api_json's.
//
// Routes (permission checked by the use case; "outside" = the record lies outside the actor's
// jurisdiction, answered 404 exactly like a record that does not exist):
//   GET  /api/v1/organisations               kReadOrganisations   → {"items": [tree]}
//   GET  /api/v1/catalogue                   any authenticated account (code lists, not case
//                                            data)
//   GET  /api/v1/persons?page=&page_size=&name=&unit_id=&party_member=&leading_cadre=&sort=
//                                            kReadStatusAnswers (audited "person.list")
//   POST /api/v1/persons                     kWriteCases → 201, Location /api/v1/persons/{id}
//   GET  /api/v1/persons/{id}                kReadCaseFacts: the person's file ("person.read")
//   PUT  /api/v1/persons/{id}                kWriteCases; body carries "version" (409 stale)
//   GET  /api/v1/persons/{id}/status?as_of=&action=   kReadStatusAnswers (as_of: today,
//                                            Beijing time, when absent; action repeated or
//                                            comma-separated)
//   POST /api/v1/persons/status:batch        kReadStatusAnswers
//   POST /api/v1/cases                       kWriteCases → 201, Location /api/v1/cases/{id}
//   POST /api/v1/cases:preview               kWriteCases (writes nothing)
//   GET  /api/v1/cases/{id}                  kReadCaseFacts ("case.read")
//   POST /api/v1/cases/{id}/measures         kWriteCases → 201, Location /api/v1/cases/{id}
//                                            (the case, now with the measure: measures have no
//                                            resource of their own)
//   POST /api/v1/measures/{id}/outcome       kWriteCases → 200 measure
//   POST /api/v1/measures/{id}/revoke        kWriteCases → 200 measure
//   POST /api/v1/persons/{id}/holds          kWriteCases → 201, Location /api/v1/persons/{id}
//   POST /api/v1/persons/{pid}/holds/{hid}/close   kWriteCases → 200 hold
//
// Errors are the use cases' and the codec's; in addition: a path id that is not a positive
// integer is 400 "param.id" (field: the parameter name); a write whose Content-Type is not
// application/json is 415 "http.unsupported_media_type".

#include <memory>

#include "api/auth_api.hpp"
#include "app/case_service.hpp"
#include "domain/catalogue.hpp"
#include "domain/model.hpp"
#include "http/router.hpp"

namespace kangfu::api {

struct RecordsApiOptions {
  // The catalogue the engine and the forms use; copied. nullptr: the built-in catalogue.
  const domain::Catalogue* catalogue = nullptr;
  domain::EngineOptions engine;
};

class RecordsApi {
 public:
  // `backend` must outlive the routes; `auth` supplies the middleware. Cheap to copy: the
  // registered handlers share the use-case objects, which live as long as any handler does.
  RecordsApi(Backend& backend, const AuthApi& auth, const RecordsApiOptions& options);

  // Adds the routes above. Errors: the router's (duplicate routes).
  Status AddRoutes(http::Router& router) const;

  // Called in the transaction of every case recorded through these routes (the aftercare
  // module creates the execution checklist and the visit plan there); see CaseService.
  void SetOnCaseRecorded(app::CaseService::CaseHook hook);
  // The same after a recorded case's measures change (CaseService::SetOnCaseChanged).
  void SetOnCaseChanged(app::CaseService::PersonHook hook);

  struct Services;  // the use cases over the backend's store (defined in the .cpp)

 private:
  AuthApi auth_;
  std::shared_ptr<Services> services_;
};

}  // namespace kangfu::api

#endif  // KANGFU_API_RECORDS_API_HPP_
