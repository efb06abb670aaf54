#include "api/api_routes.hpp"

namespace kangfu::api {

Result<http::Router> BuildApiRouter(Backend& backend, const ApiOptions& options) {
  http::Router router;
  const AuthApi auth(backend, options.auth);
  // One line per module.
  KANGFU_RETURN_IF_ERROR(auth.AddRoutes(router));
  KANGFU_RETURN_IF_ERROR(RecordsApi(backend, auth, options.records).AddRoutes(router));
  return router;
}

}  // namespace kangfu::api
