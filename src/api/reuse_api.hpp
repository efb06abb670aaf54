#ifndef KANGFU_API_REUSE_API_HPP_
#define KANGFU_API_REUSE_API_HPP_

// The HTTP face of re-use (重新使用, issue 6). Every route goes through AuthApi::Protect
// (session, CSRF on writes, the backend's mutex); the use cases check permissions and
// jurisdiction and audit (app/reuse_service.hpp). Bodies and documents:
// codec/reuse/reuse_api_json.hpp. "Today" is the Beijing date of the clock.
//
//   GET  /api/v1/persons/{id}/reuse-check?date=          preconditions and eligibility
//   POST /api/v1/persons/{id}/annual-assessments         {"year", "grade"} → 201
//   GET  /api/v1/reuse-files                             the jurisdiction's files {"items"}
//   POST /api/v1/reuse-files                             {"person_id", "override_reason"?} → 201
//   GET  /api/v1/reuse-files/{id}                        one file with steps and documents
//   GET  /api/v1/reuse-files/{id}/evidence               evidence for steps 2 and 4
//   POST /api/v1/reuse-files/{id}/approve-override       {"version"} (leader)
//   POST /api/v1/reuse-files/{id}/steps                  the next step → 201
//   POST /api/v1/reuse-files/{id}/commission-opinion     the commission's opinion on step 1
//   POST /api/v1/reuse-files/{id}/documents?name=        raw body, Content-Type kept → 201
//   GET  /api/v1/reuse-files/{id}/documents/{did}        the document's bytes
//   POST /api/v1/reuse-files/{id}/withdraw               {"version", "reason"}
//   POST /api/v1/reuse-files/{id}/decline                {"version", "reason"} (not re-used)
//   GET  /api/v1/reuse-policy                            {"version", "policy"}
//   PUT  /api/v1/reuse-policy                            {"version", "policy"} (安全保密管理员)

#include <memory>

#include "api/auth_api.hpp"
#include "app/clock.hpp"
#include "app/reuse_service.hpp"
#include "domain/catalogue.hpp"
#include "http/router.hpp"

namespace kangfu::api {

class ReuseApi {
 public:
  // `backend`, `auth` and `catalogue` must outlive the routes.
  ReuseApi(Backend& backend, const AuthApi& auth, const domain::Catalogue& catalogue,
           domain::EngineOptions options, app::Clock clock);

  // Adds the routes above. Errors: the router's (duplicate routes).
  Status AddRoutes(http::Router& router);

  app::ReuseService& service() { return service_; }
  domain::Date Today() const;

 private:
  AuthApi auth_;
  app::Clock clock_;
  app::ReuseService service_;
};

}  // namespace kangfu::api

#endif  // KANGFU_API_REUSE_API_HPP_
