#ifndef KANGFU_API_VETTING_API_HPP_
#define KANGFU_API_VETTING_API_HPP_

// The HTTP face of integrity vetting (党风廉政意见回复, issue 6). Every route goes through
// AuthApi::Protect (session, CSRF on writes, the backend's mutex); the use cases check
// permissions and jurisdiction and audit (app/vetting_service.hpp). Bodies and documents:
// codec/vetting/vetting_api_json.hpp. "Today" is the Beijing date of the clock.
//
//   POST /api/v1/vetting-requests                       file a request → 201 {"request",
//   "rejected"} GET  /api/v1/vetting-requests?overdue=              the jurisdiction's requests
//   {"items"} GET  /api/v1/vetting-requests/{id}                  one request with its candidates
//   POST /api/v1/vetting-requests/{id}/draft            the engine drafts every answer (no body)
//   POST /api/v1/vetting-requests/{id}/candidates/{cid}/confirm  {"version","answer","reason"?}
//   POST /api/v1/vetting-requests/{id}/approve          {"version"}
//   POST /api/v1/vetting-requests/{id}/issue            {"version","letter_number","issuer"?}
//   GET  /api/v1/vetting-requests/{id}/letter.docx      the reply letter (.docx)

#include <memory>

#include "api/auth_api.hpp"
#include "app/clock.hpp"
#include "app/status_service.hpp"
#include "app/vetting_service.hpp"
#include "domain/aftercare/calendar.hpp"
#include "domain/catalogue.hpp"
#include "http/router.hpp"

namespace kangfu::api {

class VettingApi {
 public:
  // The working-day calendar in force is the administrator's stored copy (aftercare_settings
  // "calendar", org 0; the same one aftercare uses) or the shipped file; it is re-read when the
  // stored copy's version changes. Errors: the store's; a stored copy that no longer parses.
  // `backend`, `auth` and `catalogue` must outlive the routes.
  static Result<std::unique_ptr<VettingApi>> Create(Backend& backend, const AuthApi& auth,
                                                    const domain::Catalogue& catalogue,
                                                    domain::EngineOptions options,
                                                    app::Clock clock);

  // Adds the routes above. Errors: the router's (duplicate routes).
  Status AddRoutes(http::Router& router);

  app::VettingService& service() { return *service_; }
  domain::Date Today() const;

 private:
  VettingApi(Backend& backend, const AuthApi& auth, app::Clock clock)
      : backend_(backend), auth_(auth), clock_(std::move(clock)) {}
  // Reloads the calendar when the stored copy changed (called under the backend's mutex).
  Status RefreshCalendar();

  Backend& backend_;
  AuthApi auth_;
  app::Clock clock_;
  domain::WorkCalendar calendar_;
  int64_t calendar_version_ = -1;  // of the stored copy; 0 = the shipped file
  std::unique_ptr<app::StatusService> status_;
  std::unique_ptr<app::VettingService> service_;
};

}  // namespace kangfu::api

#endif  // KANGFU_API_VETTING_API_HPP_
