#ifndef KANGFU_API_API_ROUTES_HPP_
#define KANGFU_API_API_ROUTES_HPP_

// The complete /api/v1 router, built in one place so that `kangfu serve` and the tests (the
// authorisation matrix in particular) see exactly the same routes. A new module adds one line
// to BuildApiRouter; the matrix test then fails until each of its routes has an entry.

#include "api/auth_api.hpp"
#include "api/records_api.hpp"
#include "core/status.hpp"
#include "http/router.hpp"

namespace kangfu::api {

struct ApiOptions {
  AuthApiOptions auth;
  RecordsApiOptions records;
};

// Every /api/v1 route (/healthz, /readyz and /metrics are the server's own). The handlers keep
// what they need alive; only `backend` must outlive the router. Errors: the router's
// (a duplicate route is a programming error).
Result<http::Router> BuildApiRouter(Backend& backend, const ApiOptions& options);

}  // namespace kangfu::api

#endif  // KANGFU_API_API_ROUTES_HPP_
