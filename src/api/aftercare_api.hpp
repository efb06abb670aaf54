#ifndef KANGFU_API_AFTERCARE_API_HPP_
#define KANGFU_API_AFTERCARE_API_HPP_

// The HTTP face of aftercare (issue 5): execution checklists, visit plans and visits, mentoring,
// warning-sign escalations, the workbench, and the administrator's copies of the aftercare policy
// and holiday calendar. Every route goes through AuthApi::Protect (session, CSRF on writes, the
// backend's mutex); the use cases check permissions and jurisdiction and audit
// (app/aftercare_service.hpp). Bodies and documents: codec/aftercare/aftercare_api_json.hpp.
// "Today" is the Beijing date of the clock.
//
//   GET  /api/v1/cases/{id}/execution            the case's execution checklist
//   POST /api/v1/execution/{id}/confirm          {"version","done_on","note"?}
//   GET  /api/v1/persons/{id}/visit-plan         the subject's plan (with fulfilment)
//   POST /api/v1/visit-plans/{id}/edits          one edit with its reason → the new plan
//   GET  /api/v1/persons/{id}/visits             the subject's visits
//   POST /api/v1/visits                          record a visit (open_clue: also open a clue) → 201
//   GET  /api/v1/persons/{id}/mentoring          assignments with talks, reports, compliance
//   POST /api/v1/mentoring                       assign a mentor → 201
//   POST /api/v1/mentoring/{id}/talks            record a talk → 201
//   POST /api/v1/mentoring/{id}/reports          record a half-year report → 201
//   GET  /api/v1/persons/{id}/escalations        the subject's escalations
//   POST /api/v1/escalations                     open one (deadline in working days) → 201
//   POST /api/v1/escalations/{id}/resolve        handled / referred
//   GET  /api/v1/workbench?as_of=&kind=&overdue=&limit=   my due and overdue work
//   GET  /api/v1/workbench/summary               my counts from the daily reminder run
//   GET  /api/v1/aftercare/settings/{name}       "policy" | "calendar": the file in force
//   PUT  /api/v1/aftercare/settings/{name}       系统管理员: {"version","body"} replaces it

#include <memory>
#include <mutex>
#include <stop_token>

#include "api/auth_api.hpp"
#include "app/aftercare_service.hpp"
#include "app/clock.hpp"
#include "domain/aftercare/aftercare_policy.hpp"
#include "domain/aftercare/calendar.hpp"
#include "domain/catalogue.hpp"
#include "http/router.hpp"

namespace kangfu::api {

// The Beijing (UTC+8) civil date of `at`.
domain::Date BeijingDate(app::TimePoint at);

class AftercareApi {
 public:
  // Loads the policy and calendar in force: an administrator's stored copy (aftercare_settings,
  // org 0) or the shipped file. Errors: the store's; a stored copy that no longer parses (its
  // decoder's error). `backend`, `auth` and `catalogue` must outlive the routes.
  static Result<std::unique_ptr<AftercareApi>> Create(Backend& backend, const AuthApi& auth,
                                                      const domain::Catalogue& catalogue,
                                                      domain::EngineOptions options,
                                                      app::Clock clock);

  // Adds the routes above. Errors: the router's (duplicate routes).
  Status AddRoutes(http::Router& router);

  // The use cases (e.g. to hook case recording: CaseService::SetOnCaseRecorded).
  app::AftercareService& service() { return *service_; }
  domain::Date Today() const { return BeijingDate(clock_()); }
  // The policy and calendar in force (updated in place when an administrator stores a copy).
  const domain::AftercarePolicy& policy() const { return policy_; }
  const domain::WorkCalendar& calendar() const { return calendar_; }

  // The daily reminder run (the server's scheduler calls it at start and when the Beijing date
  // changes; `kangfu reminders` runs it on demand): every subject's reminders on `today`, in
  // batches of `batch` subjects, taking the backend's mutex per batch so that requests are
  // served in between. Replaces the digest the summary route reads. Errors: the store's, or
  // kUnavailable "reminders.cancelled" once `stop` is requested (checked between batches; the
  // previous digest is kept on any error).
  Result<app::ReminderDigest> RunDigest(domain::Date today, int64_t batch = 500,
                                        const std::stop_token& stop = {});
  // The latest digest; null until a run has finished.
  std::shared_ptr<const app::ReminderDigest> digest() const;

 private:
  AftercareApi(Backend& backend, const AuthApi& auth, app::Clock clock)
      : backend_(backend), auth_(auth), clock_(std::move(clock)) {}

  Backend& backend_;
  AuthApi auth_;
  app::Clock clock_;
  // Replaced in place when an administrator stores a new copy (under the backend's mutex).
  domain::AftercarePolicy policy_;
  domain::WorkCalendar calendar_;
  std::string policy_stamp_;  // fingerprints of the files in force (the schedule's stamp)
  std::string calendar_stamp_;
  std::unique_ptr<app::AftercareService> service_;
  mutable std::mutex digest_mutex_;  // the scheduler thread writes, request threads read
  std::shared_ptr<const app::ReminderDigest> digest_;
};

}  // namespace kangfu::api

#endif  // KANGFU_API_AFTERCARE_API_HPP_
