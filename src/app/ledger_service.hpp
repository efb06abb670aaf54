#ifndef KANGFU_APP_LEDGER_SERVICE_HPP_
#define KANGFU_APP_LEDGER_SERVICE_HPP_

// Ledgers (台账): importing persons and cases with their measures from .xlsx or .csv sheets, and
// exporting them in the same columns, so that an export re-imports cleanly (docs/ledger.md).
//
// One sheet, one row per measure (LedgerColumns()); a row whose case columns are all empty
// records a person only. Columns are found by their Chinese header in row 1, in any order;
// "序号" and "备注" are ignored.
//
// Natural keys: a person by ID number; a case by (person, deciding organ, decision number) — one
// 文号 may decide on several persons (联合处理), so the person is part of the key; a measure by
// (case, measure, effective date). A row whose record is already on record with the same values
// is counted as unchanged and not written again, so re-importing a file duplicates nothing. A
// row that differs from the record on file is refused ("ledger.*_changed"): an import never
// overwrites recorded facts; corrections go through the case screens, which audit before/after.
//
// Import is all-or-nothing: every row is checked first (required fields, ID number checksum,
// dates valid and ordered, measure known and valid per the catalogue, organisations existing and
// the person's unit inside the jurisdiction, rows consistent with each other and with the
// records on file); with any error nothing is written and the result lists the errors (row,
// column, Chinese message). Otherwise every new row is written in one transaction through the
// store's bulk path, with one audit entry "ledger.import". A refused import is audited too
// (success = false). Imported cases are historical ledger data: the aftercare hook (execution
// checklist, visit plan) is not run for them.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.hpp"
#include "app/audit_sink.hpp"
#include "app/case_service.hpp"
#include "core/status.hpp"
#include "domain/catalogue.hpp"
#include "domain/engine.hpp"
#include "storage/store.hpp"

namespace kangfu::app {

// The ledger's columns, in template order.
enum class LedgerColumn : uint8_t {
  kIdNumber,        // 身份证号 *
  kName,            // 姓名 *
  kUnitCode,        // 所在单位编号 (the organisation's id)
  kUnitName,        // 所在单位 (its name; one of the two is required)
  kPost,            // 职务
  kPostLevel,       // 职级
  kPartyMember,     // 是否党员 (是/否)
  kCivilServant,    // 是否公务员
  kLeadingCadre,    // 是否领导干部
  kOrganCode,       // 决定机关编号
  kOrganName,       // 决定机关
  kDecisionNumber,  // 决定文号
  kDecisionDate,    // 决定日期
  kDiscipline,      // 违纪类别 (label or code)
  kSource,          // 案件来源 (label or code; empty = 其他)
  kMeasure,         // 处分处理措施 (catalogue name or code)
  kEffective,       // 生效日期
  kTermMonths,      // 留党察看期限（月）
  kPeriodMonths,    // 处分期间（月）
  kEnded,           // 停职检查结束日期
};
inline constexpr std::size_t kLedgerColumnCount = 20;
// The first case column: columns before it describe the person.
inline constexpr std::size_t kFirstCaseColumn = 9;

std::string_view LedgerHeader(LedgerColumn column);  // "身份证号" …

// One problem with one cell. `row` is the sheet's row number (1 = headers), `column` the
// sheet's column letters ("C"; "" when the column is missing from the sheet).
struct LedgerError {
  std::size_t row = 0;
  std::string column;
  std::string header;  // the column's Chinese header
  std::string code;    // stable reason code, e.g. "id_number.checksum"
  std::string message;

  friend bool operator==(const LedgerError&, const LedgerError&) = default;
};

struct LedgerCounts {
  int64_t rows = 0;  // data rows read
  int64_t persons_added = 0;
  int64_t persons_unchanged = 0;
  int64_t cases_added = 0;
  int64_t cases_unchanged = 0;
  int64_t measures_added = 0;
  int64_t measures_unchanged = 0;

  friend bool operator==(const LedgerCounts&, const LedgerCounts&) = default;
};

struct LedgerImportResult {
  bool imported = false;  // true when the rows were written (never for a dry run)
  bool dry_run = false;
  std::string file_hash;  // SM3 of the file, hex
  LedgerCounts counts;    // what was (or, on a dry run, would be) written
  // In row order, at most LedgerImportOptions::max_errors; `error_total` counts them all.
  std::vector<LedgerError> errors;
  int64_t error_total = 0;
};

struct LedgerImportOptions {
  bool dry_run = false;  // check everything, write nothing (audited as a read)
  domain::Date today;    // decision and effective dates may not lie after it
  std::size_t max_errors = 1000;
};

struct LedgerExportSummary {
  int64_t rows = 0;
  int64_t persons = 0;
  int64_t cases = 0;
};

// The rows of one import as read and checked (ledger_service.cpp).
struct LedgerDrafts;

class LedgerService {
 public:
  // Everything referenced must outlive the service. One service per Store (one thread).
  LedgerService(storage::Store& store, const domain::Catalogue& catalogue,
                domain::EngineOptions options, AuditSink& audit)
      : store_(&store), engine_(catalogue, options), audit_(&audit) {}

  // Imports a ledger held in memory (.xlsx by its zip signature, otherwise CSV).
  // Returns a result with `errors` empty and `imported` true when written; with errors listed
  // (and nothing written) when a row is invalid. Errors of the call itself (nothing written):
  //   kPermissionDenied "auth.forbidden" without kWriteCases or kReadCaseFacts;
  //   the reader's (office/table_reader.hpp: "xlsx.not_zip", "csv.encoding", "table.too_large" …);
  //   kInvalidArgument "ledger.empty" (no header row), "ledger.no_rows" (headers only);
  //   the store's and the audit sink's.
  Result<LedgerImportResult> Import(const Actor& actor, std::string_view bytes,
                                    const LedgerImportOptions& options);
  // The same for a file on disk. kNotFound "table.open" when it cannot be read.
  Result<LedgerImportResult> ImportFile(const Actor& actor, const std::string& path,
                                        const LedgerImportOptions& options);

  // Writes the persons whose unit lies in the jurisdiction (person columns only), ordered by
  // id, to an .xlsx at `path`; audit "ledger.export_persons". kPermissionDenied
  // "auth.forbidden" without kReadCaseFacts or without a role that sees the whole jurisdiction
  // (case manager, unit committee, leader: visitors and mentors see their assigned subjects
  // only); "xlsx.write" when the file cannot be written.
  Result<LedgerExportSummary> ExportPersons(const Actor& actor, const std::string& path);
  // Writes every measure (revoked ones left out) of the cases of those persons, one row each
  // with its person and case, ordered by person, case and measure id; audit
  // "ledger.export_cases". Errors as ExportPersons.
  Result<LedgerExportSummary> ExportCases(const Actor& actor, const std::string& path);

  // The import template as .xlsx bytes: the 台账 sheet (headers only), 填写说明 (what each column
  // takes), 字典 (measures, disciplines, sources from the catalogue) and 单位 (the
  // jurisdiction's organisations with their codes). kPermissionDenied without kWriteCases.
  Result<std::string> Template(const Actor& actor);

  // The errors of an import as an .xlsx workbook (行号, 列, 列名, 错误代码, 错误说明).
  static Result<std::string> ErrorReport(const LedgerImportResult& result);
  static Status WriteErrorReport(const LedgerImportResult& result, const std::string& path);

  // Work that must happen with every imported case, inside the import's transaction (aftercare:
  // AftercareService::OnCasesRecorded — the checklist and visit plan of each new case, and the
  // replanning of persons whose existing cases gained measures). An error rolls the import back.
  using CasesHook = std::function<Status(const Actor&, std::span<const RecordedCase>,
                                         std::span<const storage::RowId>)>;
  void SetOnCasesRecorded(CasesHook hook) { on_recorded_ = std::move(hook); }

 private:
  Status Check(const Actor& actor, LedgerDrafts& parsed);
  Status Write(const Actor& actor, LedgerDrafts& parsed, LedgerImportResult& result);
  Status NotifyRecorded(const Actor& actor, const LedgerDrafts& parsed);
  Result<LedgerExportSummary> Export(const Actor& actor, const std::string& path, bool cases);

  storage::Store* store_;
  domain::Engine engine_;
  AuditSink* audit_;
  CasesHook on_recorded_;
};

}  // namespace kangfu::app

#endif  // KANGFU_APP_LEDGER_SERVICE_HPP_
