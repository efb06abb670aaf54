#include "api/ledger_api.hpp"

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "api/aftercare_api.hpp"
#include "http/problem.hpp"

namespace kangfu::api {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

constexpr const char* kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

Response Download(std::string bytes, const std::string& file_name) {
  Response response;
  response.status = 200;
  response.body = std::move(bytes);
  response.SetHeader("Content-Type", kXlsxType);
  response.SetHeader("Content-Disposition", "attachment; filename=\"" + file_name + "\"");
  return response;
}

// The media types a ledger upload may carry; the bytes decide between .xlsx and CSV.
Status CheckUploadType(const Request& request) {
  std::string_view type = request.Header("content-type");
  const std::size_t semicolon = type.find(';');
  if (semicolon != std::string_view::npos) type = type.substr(0, semicolon);
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  for (const char* allowed :
       {kXlsxType, "text/csv", "application/vnd.ms-excel", "application/octet-stream"}) {
    if (http::EqualsIgnoreCase(type, allowed)) return Status::Ok();
  }
  return http::UnsupportedMediaType(type);
}

Result<bool> DryRunParam(const Request& request) {
  const std::string value = request.QueryParam("dry_run");
  if (value.empty() || value == "false") return false;
  if (value == "true") return true;
  return Status::Invalid("dry_run", "import.dry_run", "dry_run 只能是 true 或 false");
}

json CountsJson(const app::LedgerCounts& c) {
  return {{"rows", c.rows},
          {"persons_added", c.persons_added},
          {"persons_unchanged", c.persons_unchanged},
          {"cases_added", c.cases_added},
          {"cases_unchanged", c.cases_unchanged},
          {"measures_added", c.measures_added},
          {"measures_unchanged", c.measures_unchanged}};
}

Response RowErrors(const Request& request, const app::LedgerImportResult& result) {
  Response response = http::ProblemResponse(
      Status::Invalid("file", "ledger.invalid_rows",
                      "台账中有" + std::to_string(result.error_total) +
                          "处错误，未导入任何数据；请按错误报告逐项改正后重新导入"),
      request.path, request.request_id);
  json body = json::parse(response.body);
  json errors = json::array();
  for (const app::LedgerError& e : result.errors) {
    errors.push_back({{"field", e.column + std::to_string(e.row)},
                      {"row", e.row},
                      {"column", e.column},
                      {"header", e.header},
                      {"code", e.code},
                      {"message", e.message}});
  }
  body["errors"] = std::move(errors);
  body["error_total"] = result.error_total;
  body["counts"] = CountsJson(result.counts);
  body["file_hash"] = result.file_hash;
  response.body = body.dump();
  return response;
}

// A private file name for an export written by libxlsxwriter, removed after it is read.
std::string TempExportPath() {
  static std::atomic<int> counter{0};
  return (std::filesystem::temp_directory_path() / ("kangfu-export-" + std::to_string(::getpid()) +
                                                    "-" + std::to_string(++counter) + ".xlsx"))
      .string();
}

Result<std::string> ReadAndRemove(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  in.close();
  std::error_code ignored;
  std::filesystem::remove(path, ignored);
  return bytes.str();
}

}  // namespace

Status LedgerApi::AddRoutes(http::Router& router) {
  using app::Actor;
  auto add = [&](const char* method, const char* pattern, ActorHandler handler) {
    return router.Add(method, pattern, auth_.Protect(std::move(handler)));
  };
  KANGFU_RETURN_IF_ERROR(add("GET", "/api/v1/imports/template.xlsx",
                             [this](Request&, const Actor& actor) -> Result<Response> {
                               KANGFU_ASSIGN_OR_RETURN(std::string bytes, service_.Template(actor));
                               return Download(std::move(bytes), "ledger-template.xlsx");
                             }));
  KANGFU_RETURN_IF_ERROR(add(
      "POST", "/api/v1/imports", [this](Request& request, const Actor& actor) -> Result<Response> {
        if (Status type = CheckUploadType(request); !type.ok()) return type;
        app::LedgerImportOptions options;
        KANGFU_ASSIGN_OR_RETURN(options.dry_run, DryRunParam(request));
        options.today = BeijingDate(backend_.clock()());
        KANGFU_ASSIGN_OR_RETURN(app::LedgerImportResult result,
                                service_.Import(actor, request.body, options));
        if (result.error_total > 0) return RowErrors(request, result);
        json body = {{"imported", result.imported},
                     {"dry_run", result.dry_run},
                     {"file_hash", result.file_hash},
                     {"counts", CountsJson(result.counts)}};
        return Response::Json(200, body.dump());
      }));
  KANGFU_RETURN_IF_ERROR(
      add("POST", "/api/v1/imports/error-report",
          [this](Request& request, const Actor& actor) -> Result<Response> {
            if (Status type = CheckUploadType(request); !type.ok()) return type;
            app::LedgerImportOptions options;
            options.dry_run = true;
            options.today = BeijingDate(backend_.clock()());
            KANGFU_ASSIGN_OR_RETURN(app::LedgerImportResult result,
                                    service_.Import(actor, request.body, options));
            KANGFU_ASSIGN_OR_RETURN(std::string bytes, app::LedgerService::ErrorReport(result));
            return Download(std::move(bytes), "ledger-errors.xlsx");
          }));
  KANGFU_RETURN_IF_ERROR(add("GET", "/api/v1/exports/persons.xlsx",
                             [this](Request&, const Actor& actor) -> Result<Response> {
                               const std::string path = TempExportPath();
                               Result<app::LedgerExportSummary> done =
                                   service_.ExportPersons(actor, path);
                               KANGFU_ASSIGN_OR_RETURN(std::string bytes, ReadAndRemove(path));
                               if (!done.ok()) return done.status();
                               return Download(std::move(bytes), "persons.xlsx");
                             }));
  KANGFU_RETURN_IF_ERROR(add("GET", "/api/v1/exports/cases.xlsx",
                             [this](Request&, const Actor& actor) -> Result<Response> {
                               const std::string path = TempExportPath();
                               Result<app::LedgerExportSummary> done =
                                   service_.ExportCases(actor, path);
                               KANGFU_ASSIGN_OR_RETURN(std::string bytes, ReadAndRemove(path));
                               if (!done.ok()) return done.status();
                               return Download(std::move(bytes), "cases.xlsx");
                             }));
  return Status::Ok();
}

}  // namespace kangfu::api
