#ifndef KANGFU_API_OVERSIGHT_API_HPP_
#define KANGFU_API_OVERSIGHT_API_HPP_

// The HTTP face of clues, talks, clearances and fault tolerance (issue 6). Every route goes
// through AuthApi::Protect (session, CSRF on writes, the backend's mutex); the use case checks
// permissions and jurisdiction and audits (app/oversight_service.hpp). Bodies and documents:
// codec/oversight/oversight_api_json.hpp. "Today" is the Beijing date of the clock. Lists take
// page, page_size, org_id, person_id, from, to, kind (and state, overdue for clues; principal for
// talks) and answer {"items", "total", "page", "page_size"}, newest first.
//
//   GET  /api/v1/clues                 POST /api/v1/clues             (201)
//   GET  /api/v1/clues/{id}            PUT  /api/v1/clues/{id}        {"version", …}
//   GET  /api/v1/interviews            POST /api/v1/interviews        (201)
//   GET  /api/v1/interviews/{id}       PUT  /api/v1/interviews/{id}
//   GET  /api/v1/clearances            POST /api/v1/clearances        (201)
//   GET  /api/v1/clearances/{id}       PUT  /api/v1/clearances/{id}
//   GET  /api/v1/fault-tolerance       POST /api/v1/fault-tolerance   (201)
//   GET  /api/v1/fault-tolerance/{id}  PUT  /api/v1/fault-tolerance/{id}
//   GET  /api/v1/persons/{id}/oversight   everything about one person the account may read

#include <memory>

#include "api/auth_api.hpp"
#include "app/clock.hpp"
#include "app/oversight_service.hpp"
#include "domain/aftercare/calendar.hpp"
#include "http/router.hpp"

namespace kangfu::api {

class OversightApi {
 public:
  // The working-day calendar in force is the administrator's stored copy (aftercare_settings
  // "calendar", org 0; the one aftercare and vetting use) or the shipped file, re-read when the
  // stored copy changes. Errors: the store's; a stored copy that no longer parses. `backend`
  // and `auth` must outlive the routes.
  static Result<std::unique_ptr<OversightApi>> Create(Backend& backend, const AuthApi& auth,
                                                      app::Clock clock);

  // Adds the routes above. Errors: the router's (duplicate routes).
  Status AddRoutes(http::Router& router);

  app::OversightService& service() { return *service_; }
  domain::Date Today() const;

 private:
  OversightApi(Backend& backend, const AuthApi& auth, app::Clock clock)
      : backend_(backend), auth_(auth), clock_(std::move(clock)) {}
  Status RefreshCalendar();

  Backend& backend_;
  AuthApi auth_;
  app::Clock clock_;
  domain::WorkCalendar calendar_;
  int64_t calendar_version_ = -1;
  std::unique_ptr<app::OversightService> service_;
};

}  // namespace kangfu::api

#endif  // KANGFU_API_OVERSIGHT_API_HPP_
