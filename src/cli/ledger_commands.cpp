#include "cli/ledger_commands.hpp"

#include <fmt/core.h>

#include <cstdlib>
#include <memory>
#include <span>
#include <string>

#include "api/aftercare_api.hpp"
#include "app/audit_log.hpp"
#include "app/clock.hpp"
#include "app/ledger_service.hpp"
#include "cli/commands.hpp"
#include "codec/catalogue_json.hpp"
#include "storage/store.hpp"

namespace kangfu::cli {
namespace {

struct LedgerArgs {
  std::string url;
  int64_t org = 0;
  std::string file;
  bool dry_run = false;
  std::string errors;
  std::string what;
  std::string out;
};

// The local administrator: a case manager over --org's subtree (or the whole tree's root).
Result<app::Actor> LocalActor(storage::Store& store, int64_t org_id) {
  if (org_id == 0) {
    KANGFU_ASSIGN_OR_RETURN(std::vector<storage::Organisation> all, store.ListSubtree(0));
    int roots = 0;
    for (const storage::Organisation& o : all) {
      if (o.parent_id == 0) {
        ++roots;
        org_id = o.id;
      }
    }
    if (roots != 1) {
      return Status::Invalid("org", "cli.org_required",
                             roots == 0 ? "数据库中还没有组织（单位），请先建立组织结构"
                                        : "数据库中有多个顶级组织，请用 --org 指定单位编号");
    }
  }
  KANGFU_ASSIGN_OR_RETURN(storage::Organisation org, store.GetOrganisation(org_id));
  app::Actor actor;
  actor.username = "cli";
  actor.display_name = "命令行";
  actor.roles = {app::Role::kCaseManager};
  actor.jurisdiction_org = org.id;
  actor.jurisdiction_path = org.path;
  actor.jurisdiction_name = org.name;
  actor.remote_address = "local";
  return actor;
}

int RunImport(const LedgerArgs& args) {
  Result<std::unique_ptr<storage::Store>> store = storage::OpenStore(args.url);
  if (!store.ok()) return ReportError(store.status());
  api::Backend backend(std::move(store).value(), app::SystemClock());
  Result<app::Actor> actor = LocalActor(backend.store(), args.org);
  if (!actor.ok()) return ReportError(actor.status());
  app::LedgerService service(backend.store(), codec::BuiltinCatalogue(), domain::EngineOptions{},
                             backend.audit());
  app::LedgerImportOptions options;
  options.dry_run = args.dry_run;
  options.today = api::BeijingDate(app::SystemClock()());
  // Imported cases get their execution checklist and visit plan as cases recorded one by one.
  Result<std::unique_ptr<api::AftercareApi>> aftercare = api::AftercareApi::Create(
      backend, api::AuthApi(backend, {}), codec::BuiltinCatalogue(), {}, backend.clock());
  if (!aftercare.ok()) return ReportError(aftercare.status());
  service.SetOnCasesRecorded([&](const app::Actor& who, std::span<const app::RecordedCase> cases,
                                 std::span<const storage::RowId> changed) {
    return (*aftercare)->service().OnCasesRecorded(who, cases, changed, options.today);
  });
  Result<app::LedgerImportResult> result = service.ImportFile(*actor, args.file, options);
  if (!result.ok()) return ReportError(result.status());
  const app::LedgerCounts& c = result->counts;
  if (result->error_total > 0) {
    fmt::print(stderr, "未导入：{} 处错误（共 {} 行），数据库未作任何修改。\n", result->error_total,
               c.rows);
    for (const app::LedgerError& e : result->errors) {
      fmt::print(stderr, "第{}行 {}列（{}）：{}\n", e.row, e.column.empty() ? "-" : e.column,
                 e.header, e.message);
    }
    if (!args.errors.empty()) {
      Status written = app::LedgerService::WriteErrorReport(*result, args.errors);
      if (!written.ok()) return ReportError(written);
      fmt::print(stderr, "错误报告已写入 {}\n", args.errors);
    }
    return 2;
  }
  fmt::print("{}：{} 行；人员新增 {}、已有 {}；案件新增 {}、已有 {}；措施新增 {}、已有 {}\n",
             result->imported ? "已导入" : "校验通过（试导入，未写入）", c.rows, c.persons_added,
             c.persons_unchanged, c.cases_added, c.cases_unchanged, c.measures_added,
             c.measures_unchanged);
  return 0;
}

int RunExport(const LedgerArgs& args) {
  Result<std::unique_ptr<storage::Store>> store = storage::OpenStore(args.url);
  if (!store.ok()) return ReportError(store.status());
  Result<app::Actor> actor = LocalActor(**store, args.org);
  if (!actor.ok()) return ReportError(actor.status());
  app::AuditLog audit(**store, app::SystemClock());
  app::LedgerService service(**store, codec::BuiltinCatalogue(), domain::EngineOptions{}, audit);
  Result<app::LedgerExportSummary> summary = args.what == "persons"
                                                 ? service.ExportPersons(*actor, args.out)
                                                 : service.ExportCases(*actor, args.out);
  if (!summary.ok()) return ReportError(summary.status());
  fmt::print("已导出 {} 行（人员 {} 名，案件 {} 件）到 {}\n", summary->rows, summary->persons,
             summary->cases, args.out);
  return 0;
}

}  // namespace

void AddLedgerCommands(CLI::App& app, int& exit_status) {
  auto args = std::make_shared<LedgerArgs>();
  const char* env = std::getenv("KANGFU_DB");
  args->url = env != nullptr && *env != '\0' ? env : "sqlite://var/kangfu.db";
  const std::string db_help = "数据库地址（默认取环境变量 KANGFU_DB，否则 sqlite://var/kangfu.db）";
  const std::string org_help = "管辖范围：单位编号（默认为组织结构的顶级单位）";

  CLI::App* import = app.add_subcommand(
      "import", "从 .xlsx 或 .csv 台账导入人员和案件（全部校验通过才导入，否则不作任何修改）");
  import->add_option("FILE", args->file, "台账文件（按导入模板填写）")->required();
  import->add_option("--db", args->url, db_help);
  import->add_option("--org", args->org, org_help);
  import->add_flag("--dry-run", args->dry_run, "只校验，不写入");
  import->add_option("--errors", args->errors, "有错误时把错误报告写入此 .xlsx 文件");
  import->callback([args, &exit_status] { exit_status = RunImport(*args);
});

CLI::App* export_command =
    app.add_subcommand("export", "把人员或案件（含处分处理措施）导出为 .xlsx 台账");
export_command->add_option("WHAT", args->what, "persons（人员）或 cases（案件）")
    ->required()
    ->check(CLI::IsMember({"persons", "cases"}));
export_command->add_option("-o,--output", args->out, "输出的 .xlsx 文件")->required();
export_command->add_option("--db", args->url, db_help);
export_command->add_option("--org", args->org, org_help);
export_command->callback([args, &exit_status] { exit_status = RunExport(*args); });
}  // namespace kangfu::cli

}  // namespace kangfu::cli
