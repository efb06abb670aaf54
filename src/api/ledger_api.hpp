#ifndef KANGFU_API_LEDGER_API_HPP_
#define KANGFU_API_LEDGER_API_HPP_

// The HTTP face of ledger (台账) import and export (app::LedgerService, docs/ledger.md). Every
// route is behind AuthApi::Protect (session; CSRF for POST); permissions and jurisdiction are
// checked in app/ (import: kWriteCases and kReadCaseFacts; export: kReadCaseFacts; rows for units
// outside the jurisdiction are row errors).
//
// Routes:
//   GET  /api/v1/imports/template.xlsx   the import template (.xlsx)
//   POST /api/v1/imports[?dry_run=true]  body = the file's bytes, Content-Type
//        application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, text/csv,
//        application/vnd.ms-excel or application/octet-stream (the kind is told by the bytes:
//        a zip is .xlsx, anything else CSV); no multipart. Size: the server's upload limit
//        (server.upload_limit_mb, default 64 MB; larger ledgers: `kangfu import`).
//        200 {"imported": true|false (dry run), "dry_run", "file_hash", "counts": Counts}
//        400 problem+json code "ledger.invalid_rows" when any row is invalid (nothing written):
//            "errors": [{"field": "B3", "row": 3, "column": "B", "header": "姓名",
//                        "code": "ledger.required", "message": "请填写姓名"}, …],
//            "error_total": n, "counts": Counts, "file_hash"
//        other reader errors as problem+json 400 ("xlsx.not_zip", "csv.encoding", "ledger.empty",
//        "ledger.no_rows" …), 415 "http.unsupported_media_type" for another Content-Type
//   POST /api/v1/imports/error-report    the same body; checks it without writing and answers
//        200 with the error report as .xlsx (行号, 列, 列名, 错误代码, 错误说明; empty when valid)
//   GET  /api/v1/exports/persons.xlsx    persons of the jurisdiction, template columns
//   GET  /api/v1/exports/cases.xlsx      every measure of their cases, one row each
// where Counts = {"rows", "persons_added", "persons_unchanged", "cases_added",
// "cases_unchanged", "measures_added", "measures_unchanged"}.

#include <memory>
#include <utility>

#include "api/auth_api.hpp"
#include "app/ledger_service.hpp"
#include "domain/catalogue.hpp"
#include "domain/engine.hpp"
#include "http/router.hpp"

namespace kangfu::api {

class LedgerApi {
 public:
  // `backend` and `catalogue` must outlive the routes.
  LedgerApi(Backend& backend, const AuthApi& auth, const domain::Catalogue& catalogue,
            domain::EngineOptions options)
      : backend_(backend),
        auth_(auth),
        service_(backend.store(), catalogue, options, backend.audit()) {}

  // Aftercare work for imported cases, inside the import's transaction (LedgerService).
  void SetOnCasesRecorded(app::LedgerService::CasesHook hook) {
    service_.SetOnCasesRecorded(std::move(hook));
  }

  // Adds the routes above. Errors: the router's (duplicate routes).
  Status AddRoutes(http::Router& router);

 private:
  Backend& backend_;
  AuthApi auth_;
  app::LedgerService service_;
};

}  // namespace kangfu::api

#endif  // KANGFU_API_LEDGER_API_HPP_
