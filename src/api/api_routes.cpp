#include "api/api_routes.hpp"

#include "codec/catalogue_json.hpp"

namespace kangfu::api {

Result<ApiRouter> BuildApiRouter(Backend& backend, const ApiOptions& options) {
  ApiRouter api;
  const AuthApi auth(backend, options.auth);
  const domain::Catalogue& catalogue =
      options.records.catalogue != nullptr ? *options.records.catalogue : codec::BuiltinCatalogue();
  KANGFU_ASSIGN_OR_RETURN(
      std::unique_ptr<AftercareApi> aftercare,
      AftercareApi::Create(backend, auth, catalogue, options.records.engine, backend.clock()));
  api.aftercare = std::move(aftercare);

  RecordsApi records(backend, auth, options.records);
  records.SetOnCaseRecorded(
      [aftercare = api.aftercare.get()](const app::Actor& actor, const app::RecordedCase& c) {
        return aftercare->service().OnCaseRecorded(actor, c, aftercare->Today());
      });

  // One line per module.
  KANGFU_RETURN_IF_ERROR(auth.AddRoutes(api.router));
  KANGFU_RETURN_IF_ERROR(records.AddRoutes(api.router));
  KANGFU_RETURN_IF_ERROR(api.aftercare->AddRoutes(api.router));
  return api;
}

}  // namespace kangfu::api
