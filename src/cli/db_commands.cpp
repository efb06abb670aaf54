#include "cli/db_commands.hpp"

#include <fmt/core.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "api/aftercare_api.hpp"
#include "app/accounts.hpp"
#include "app/audit_log.hpp"
#include "app/clock.hpp"
#include "app/demo_accounts.hpp"
#include "cli/commands.hpp"
#include "codec/catalogue_json.hpp"
#include "storage/datagen/datagen.hpp"
#include "storage/store.hpp"

namespace kangfu::cli {
namespace {

constexpr const char* kDefaultUrl = "sqlite://var/kangfu.db";

std::string DefaultUrl() {
  const char* env = std::getenv("KANGFU_DB");
  return env != nullptr && *env != '\0' ? env : kDefaultUrl;
}

// Opens (and migrates) the database; for a SQLite file, creates its directory first.
Result<std::unique_ptr<storage::Store>> Open(const std::string& url) {
  constexpr std::string_view kSqlite = "sqlite://";
  if (url.starts_with(kSqlite) && url != "sqlite::memory:") {
    const std::filesystem::path dir =
        std::filesystem::path(url.substr(kSqlite.size())).parent_path();
    std::error_code ignored;
    if (!dir.empty()) std::filesystem::create_directories(dir, ignored);
  }
  return storage::OpenStore(url);
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

struct DbArgs {
  std::string url = DefaultUrl();
  std::string file;
  uint64_t seed = 2019;
  storage::GenOptions gen;
};

int Migrate(const DbArgs& args) {
  Result<std::unique_ptr<storage::Store>> store = Open(args.url);
  if (!store.ok()) return ReportError(store.status());
  Result<int> version = (*store)->SchemaVersion();
  if (!version.ok()) return ReportError(version.status());
  fmt::print("数据库结构已是最新版本（版本 {}）：{}\n", *version, args.url);
  return 0;
}

int Backup(const DbArgs& args) {
  Result<std::unique_ptr<storage::Store>> store = Open(args.url);
  if (!store.ok()) return ReportError(store.status());
  Status status = (*store)->Backup(args.file);
  if (!status.ok()) return ReportError(status);
  fmt::print("已备份到 {}\n", args.file);
  return 0;
}

int Restore(const DbArgs& args) {
  Result<std::unique_ptr<storage::Store>> store = Open(args.url);
  if (!store.ok()) return ReportError(store.status());
  Status status = (*store)->Restore(args.file);
  if (!status.ok()) return ReportError(status);
  fmt::print("已从 {} 恢复数据库 {}\n", args.file, args.url);
  return 0;
}

// The demo data is bulk-loaded, which skips the hook that gives a recorded case its execution
// checklist and its subject a visit plan. Replays the hook for every demo case, as the case
// manager, so that the demo's aftercare screens have checklists to confirm and plans to edit.
Result<int64_t> InitDemoAftercare(api::Backend& backend, storage::RowId city_id) {
  KANGFU_ASSIGN_OR_RETURN(
      app::LoginResult login,
      backend.accounts().Login("anguan", app::kDemoPassword, {"demo-seed", "demo-seed"}));
  KANGFU_RETURN_IF_ERROR(backend.accounts().Logout(login.actor, login.session_id));
  KANGFU_ASSIGN_OR_RETURN(
      std::unique_ptr<api::AftercareApi> aftercare,
      api::AftercareApi::Create(backend, api::AuthApi(backend, {}), codec::BuiltinCatalogue(), {},
                                backend.clock()));
  const domain::Date today = aftercare->Today();
  int64_t cases = 0;
  Status done = backend.store().InTransaction([&]() -> Status {
    storage::PersonQuery query{.root_org_id = city_id, .sort = storage::PersonSort::kId};
    query.limit = 500;
    for (;; query.offset += query.limit) {
      KANGFU_ASSIGN_OR_RETURN(storage::PersonPage page, backend.store().ListPersons(query));
      for (const storage::Person& person : page.persons) {
        KANGFU_ASSIGN_OR_RETURN(storage::PersonHistory history,
                                backend.store().LoadHistory(person.id_number));
        for (const storage::Case& c : history.cases) {
          app::RecordedCase recorded{.record = c, .measures = {}};
          for (const storage::Measure& m : history.measures) {
            if (m.case_id == c.id) recorded.measures.push_back(m);
          }
          KANGFU_RETURN_IF_ERROR(aftercare->service().OnCaseRecorded(login.actor, recorded, today));
          ++cases;
        }
      }
      if (static_cast<int64_t>(page.persons.size()) < query.limit) return Status::Ok();
    }
  });
  KANGFU_RETURN_IF_ERROR(done);
  return cases;
}

int Seed(const DbArgs& args) {
  Result<std::unique_ptr<storage::Store>> store = Open(args.url);
  if (!store.ok()) return ReportError(store.status());
  Result<storage::DemoSummary> summary = storage::SeedDemo(**store, args.seed);
  if (!summary.ok()) return ReportError(summary.status());
  const storage::FormCounts& f = summary->forms;
  fmt::print(
      "已生成演示数据（江州市）：组织 {} 个，人员 {} 名，案件 {} 件，处分处理措施 {} "
      "项，在办线索与审查 "
      "{} 件\n四种形态：第一种 {}，第二种 {}，第三种 {}，第四种 "
      "{}\n留党察看期满待作出决定：身份证号码 {}\n",
      summary->organisations, summary->persons, summary->cases, summary->measures, summary->holds,
      f.by_form[1], f.by_form[2], f.by_form[3], f.by_form[4], summary->probation_awaiting_outcome);

  // The unit committee and the mentor get the unit of the person awaiting a probation outcome,
  // so that their screens show something to act on.
  Result<storage::Person> subject =
      (*store)->FindPersonByIdNumber(summary->probation_awaiting_outcome);
  if (!subject.ok()) return ReportError(subject.status());
  api::Backend backend(std::move(store).value(), app::SystemClock());
  Result<std::vector<app::DemoAccount>> created = app::CreateDemoAccounts(
      backend.accounts(), backend.store(), summary->city_id, subject->unit_id);
  if (!created.ok()) return ReportError(created.status());
  Result<int64_t> aftercare = InitDemoAftercare(backend, summary->city_id);
  if (!aftercare.ok()) return ReportError(aftercare.status());
  fmt::print("已为 {} 件案件生成处分决定执行清单和回访计划\n", *aftercare);
  PrintDemoAccounts(*created);
  return 0;
}

int Gen(const DbArgs& args) {
  Result<std::unique_ptr<storage::Store>> store = Open(args.url);
  if (!store.ok()) return ReportError(store.status());
  const auto start = std::chrono::steady_clock::now();
  Result<storage::GenSummary> summary =
      storage::Generate(**store, args.gen, [&](const storage::GenSummary& s) {
        fmt::print(stderr, "\r人员 {} / {}，案件 {} / {}（{:.1f} 秒）", s.persons, args.gen.persons,
                   s.cases, args.gen.cases, SecondsSince(start));
      });
  fmt::print(stderr, "\n");
  if (!summary.ok()) return ReportError(summary.status());
  fmt::print("已生成：组织 {} 个，人员 {} 名，案件 {} 件，措施 {} 项，用时 {:.1f} 秒\n",
             summary->organisations, summary->persons, summary->cases, summary->measures,
             SecondsSince(start));
  return 0;
}

void AddUrlOption(CLI::App* command, DbArgs& args) {
  command->add_option("--db", args.url,
                      "数据库地址：sqlite:///绝对路径.db、sqlite://相对路径.db、sqlite::memory: 或 "
                      "postgresql://用户@主机:端口/库名（默认取环境变量 KANGFU_DB，否则 " +
                          std::string(kDefaultUrl) + "）");
}

}  // namespace

void AddDbCommands(CLI::App& app, int& exit_status) {
  auto args = std::make_shared<DbArgs>();

  CLI::App* db = app.add_subcommand("db", "数据库维护：升级结构、备份、恢复");
  db->require_subcommand(1);
  CLI::App* migrate = db->add_subcommand("migrate", "把数据库结构升级到本程序的版本");
  AddUrlOption(migrate, *args);
  migrate->callback([args, &exit_status] { exit_status = Migrate(*args); });

  CLI::App* backup = db->add_subcommand("backup", "把整个数据库备份到文件");
  AddUrlOption(backup, *args);
  backup->add_option("FILE", args->file, "备份文件")->required();
  backup->callback([args, &exit_status] { exit_status = Backup(*args); });

  CLI::App* restore = db->add_subcommand("restore", "用备份文件替换数据库的全部内容");
  AddUrlOption(restore, *args);
  restore->add_option("FILE", args->file, "备份文件")->required();
  restore->callback([args, &exit_status] { exit_status = Restore(*args); });

  CLI::App* demo = app.add_subcommand("demo", "演示数据");
  demo->require_subcommand(1);
  CLI::App* seed =
      demo->add_subcommand("seed", "生成演示数据（江州市，约2000名干部，可重复生成同样的数据）");
  AddUrlOption(seed, *args);
  seed->add_option("--seed", args->seed, "随机种子（默认 2019）");
  seed->callback([args, &exit_status] { exit_status = Seed(*args); });

  CLI::App* gen = app.add_subcommand("gen", "生成大规模合成数据（用于性能测试）");
  AddUrlOption(gen, *args);
  gen->add_option("--persons", args->gen.persons, "人员数")->required()->check(CLI::PositiveNumber);
  gen->add_option("--cases", args->gen.cases, "案件数")->required()->check(CLI::NonNegativeNumber);
  gen->add_option("--seed", args->gen.seed, "随机种子（默认 1）");
  gen->add_option("--batch", args->gen.batch, "每个事务写入的行数（默认 10000）")
      ->check(CLI::PositiveNumber);
  gen->callback([args, &exit_status] { exit_status = Gen(*args); });
}

}  // namespace kangfu::cli
