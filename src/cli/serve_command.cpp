#include "cli/serve_command.hpp"

#include <fmt/core.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "api/api_routes.hpp"
#include "app/demo_accounts.hpp"
#include "app/reminder_digest.hpp"
#include "cli/commands.hpp"
#include "domain/date.hpp"
#include "http/dispatcher.hpp"
#include "http/server.hpp"
#include "http/settings.hpp"
#include "storage/sql_connection.hpp"
#include "storage/sql_store.hpp"

namespace kangfu::cli {
namespace {

constexpr std::chrono::minutes kSessionPruneInterval{10};
constexpr std::chrono::minutes kReminderCheckInterval{1};
// How often the checkpointer runs: often while the log grows, seldom when it stays as it is.
// Under load each checkpoint that finds new frames syncs what was written since the round
// before, and so does the cap checkpoint in the server's own connection (below): at 200 ms
// the latter's sync of ~200 ms of log writes held every request for tens of milliseconds,
// every few seconds (the status benchmark's p99 was 10–12 ms); at 10 ms it is 3 ms.
constexpr std::chrono::milliseconds kCheckpointIntervalBusy{10};
constexpr std::chrono::milliseconds kCheckpointIntervalIdle{200};
constexpr storage::SqlStatement kPassiveCheckpoint = {"wal_checkpoint",
                                                      "PRAGMA wal_checkpoint(PASSIVE)"};

// SQLite in WAL mode copies the log back into the database file (a checkpoint, with two
// fdatasyncs) in the commit that finds the log over 1000 pages. Under load (one audit entry per
// read) that was every second or so, 10-30 ms each, and every request queued behind the
// backend's mutex waited for it: the p99 of the status benchmark. So the server's own
// connection never checkpoints (wal_autocheckpoint = 0) and a second connection does it on its
// own thread, PASSIVE (it never blocks the writer or a reader; what a reader still needs waits
// for the next round). Other processes (CLI commands) keep SQLite's default.
// But the log only starts again from its beginning when a checkpoint has copied all of it, and
// under back-to-back read batches the background round never can (the running batch's snapshot
// holds the newest frames back): the log grew by ~70 MB/s under wrk. So the server's connection
// still checkpoints itself, just after a commit (no snapshot of its own held), once the log passes
// kWalCapPages — about 256 MB, every few seconds under full load; short as long as the
// checkpointer keeps up, which is why it runs every 10 ms while the log grows — and the next
// write restarts the log from its beginning.
// The log file keeps its size after that restart (journal_size_limit = the cap's bytes, so only a
// log that one huge transaction grew past the cap is cut back): truncating it to 64 MiB at every
// restart and growing it again (ext4 freeing and allocating blocks while the batches write) held
// the writer for tens of milliseconds each time — the p99 went from 13 to 41–68 ms.
constexpr int kWalCapPages = 65536;
// A WAL frame is a page (4096 bytes) plus its 24-byte header; the file starts with 32 bytes.
constexpr int64_t kWalCapBytes = 32 + int64_t{kWalCapPages} * (4096 + 24);
Result<std::unique_ptr<storage::Store>> OpenServerStore(const std::string& url) {
  if (!url.starts_with("sqlite://")) return storage::OpenStore(url);
  Result<std::unique_ptr<storage::SqlConnection>> connection = storage::OpenSqlConnection(url);
  if (!connection.ok()) return std::move(connection).TakeStatus();
  KANGFU_RETURN_IF_ERROR(
      (*connection)
          ->Exec("PRAGMA wal_autocheckpoint = " + std::to_string(kWalCapPages) +
                 "; PRAGMA journal_size_limit = " + std::to_string(kWalCapBytes) + ";"));
  KANGFU_RETURN_IF_ERROR(storage::Migrate(**connection));
  return storage::MakeSqlStore(std::move(connection).value());
}

// The checkpoints of a SQLite file the server opened with OpenServerStore; nothing for other
// URLs. A failed round is logged and tried again at the next.
void CheckpointUntilStopped(const std::string& url, const std::stop_token& stop) {
  if (!url.starts_with("sqlite://")) return;
  Result<std::unique_ptr<storage::SqlConnection>> connection = storage::OpenSqlConnection(url);
  if (!connection.ok()) {
    spdlog::warn("event=checkpointer_open_failed internal=\"{}\"", connection.status().internal());
    return;
  }
  std::mutex wait_mutex;
  std::condition_variable_any wake;
  // The log's frames and those copied back, as the previous round found them.
  std::pair<int64_t, int64_t> seen{-1, -1};
  while (!stop.stop_requested()) {
    std::chrono::milliseconds interval = kCheckpointIntervalIdle;
    Result<storage::SqlRows> done = (*connection)->Run(kPassiveCheckpoint, {});
    if (!done.ok()) {
      spdlog::warn("event=checkpoint_failed internal=\"{}\"", done.status().internal());
    } else if (!done->empty() && done->front().size() == 3) {
      // (busy, frames in the log, frames copied back)
      const std::pair<int64_t, int64_t> now{storage::AsInt(done->front()[1]),
                                            storage::AsInt(done->front()[2])};
      if (now != seen) interval = kCheckpointIntervalBusy;
      seen = now;
    }
    std::unique_lock lock(wait_mutex);
    wake.wait_for(lock, stop, interval, [] { return false; });
  }
  // A last round, so that a stopped server leaves a short log behind.
  (void)(*connection)->Exec("PRAGMA wal_checkpoint(PASSIVE);");
}

struct ServeArgs {
  std::string config_file;
  std::string listen;
  std::string db;
  std::string static_dir;
  bool demo = false;
};

// Settings from file and environment, then the command-line options over them.
Result<http::Settings> ResolveSettings(const ServeArgs& args) {
  std::optional<std::filesystem::path> file;
  if (!args.config_file.empty()) file = args.config_file;
  Result<http::Settings> loaded = http::LoadSettings(file, http::ProcessEnvironment());
  if (!loaded.ok()) return loaded;
  http::Settings settings = std::move(loaded).value();
  if (!args.listen.empty()) {
    KANGFU_RETURN_IF_ERROR(
        http::ParseListen(args.listen, "--listen", &settings.listen_host, &settings.listen_port));
  }
  if (!args.db.empty()) settings.database_url = args.db;
  if (!args.static_dir.empty()) settings.static_dir = args.static_dir;
  if (args.demo) settings.demo = true;
  if (!settings.static_dir.empty()) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(std::filesystem::path(settings.static_dir) / "index.html",
                                          error)) {
      return Status::Invalid(
          "static_dir", "settings.static_dir_invalid",
          "静态文件目录 " + settings.static_dir + " 中没有 index.html，请先构建前端或更正目录");
    }
  }
  return settings;
}

int Serve(const ServeArgs& args) {
  Result<http::Settings> settings = ResolveSettings(args);
  if (!settings.ok()) return ReportError(settings.status());
  http::ConfigureDefaultLogger(settings->log_level);

  http::ServerOptions options;
  options.address = settings->listen_host;
  options.port = settings->listen_port;
  options.threads = settings->threads;
  options.body_limit = settings->body_limit_bytes;
  options.upload_body_limit = settings->upload_limit_bytes;
  options.read_timeout = settings->read_timeout;
  options.idle_timeout = settings->idle_timeout;
  options.shutdown_timeout = settings->shutdown_timeout;
  if (!settings->static_dir.empty()) options.static_dir = settings->static_dir;
  // A SQLite file's directory is created on first start, as `kangfu db` commands do.
  if (const std::string& url = settings->database_url; url.starts_with("sqlite://")) {
    const std::filesystem::path dir = std::filesystem::path(url.substr(9)).parent_path();
    std::error_code ignored;
    if (!dir.empty()) std::filesystem::create_directories(dir, ignored);
  }
  Result<std::unique_ptr<storage::Store>> store = OpenServerStore(settings->database_url);
  if (!store.ok()) return ReportError(store.status());
  // Demo mode only announces the demo accounts `kangfu demo seed` created; it creates none, so a
  // production database never has a default password.
  std::vector<app::DemoAccount> demo_accounts;
  if (settings->demo) {
    Result<std::vector<app::DemoAccount>> found = app::FindDemoAccounts(**store);
    if (!found.ok()) return ReportError(found.status());
    demo_accounts = std::move(found).value();
    if (demo_accounts.empty()) {
      fmt::print(stderr, "提示：数据库中没有演示账号，请先运行 kangfu demo seed\n");
    }
  }
  options.on_listening = [host = settings->listen_host,
                          demo_accounts = std::move(demo_accounts)](std::uint16_t port) {
    std::string shown = host.find(':') == std::string::npos ? host : "[" + host + "]";
    fmt::print("康复服务已启动：http://{}:{}/（按 Ctrl+C 停止）\n", shown, port);
    PrintDemoAccounts(demo_accounts);
    std::fflush(stdout);
  };
  api::Backend backend(std::move(store).value(), app::SystemClock());
  options.readiness = [&backend] { return backend.Ready(); };
  // Expired sessions are refused when used anyway; pruning keeps the table from growing with
  // sessions nobody logged out of.
  http::BlockStopSignals();  // before the pruner thread starts: it must not take SIGTERM
  std::jthread session_pruner([&backend](const std::stop_token& stop) {
    std::mutex wait_mutex;
    std::condition_variable_any wake;
    while (!stop.stop_requested()) {
      {
        std::lock_guard lock(backend.mutex());
        Result<int64_t> pruned = backend.accounts().PruneSessions();
        if (!pruned.ok()) {
          spdlog::warn("event=session_prune_failed reason={} internal={}", pruned.status().reason(),
                       pruned.status().internal());
        } else if (*pruned > 0) {
          spdlog::info("event=sessions_pruned count={}", *pruned);
        }
      }
      std::unique_lock lock(wait_mutex);
      wake.wait_for(lock, stop, kSessionPruneInterval, [] { return false; });
    }
  });
  std::jthread checkpointer([url = settings->database_url](const std::stop_token& stop) {
    CheckpointUntilStopped(url, stop);
  });
  api::ApiOptions api_options;
  api_options.auth.secure_cookies = settings->secure_cookies;
  Result<api::ApiRouter> api = api::BuildApiRouter(backend, api_options);
  if (!api.ok()) return ReportError(api.status());
  // The daily reminder run: at start, then whenever the Beijing date changes (checked every
  // minute). Declared after `api` so that it stops (and is joined) before the modules go.
  std::jthread reminder_scheduler([aftercare = api->aftercare](const std::stop_token& stop) {
    std::mutex wait_mutex;
    std::condition_variable_any wake;
    std::optional<domain::Date> last_run;
    while (!stop.stop_requested()) {
      const domain::Date today = aftercare->Today();
      if (last_run != today) {
        const auto started = std::chrono::steady_clock::now();
        Result<app::ReminderDigest> digest = aftercare->RunDigest(today, 500, stop);
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now() - started)
                            .count();
        if (digest.ok()) {
          last_run = today;
          int64_t due = 0;
          int64_t overdue = 0;
          for (const auto& [kind, count] :
               digest->Total([](const app::Responsible&) { return true; })) {
            due += count.due;
            overdue += count.overdue;
          }
          spdlog::info(
              "event=reminders_computed as_of={} subjects={} due={} overdue={} problems={} ms={}",
              today.ToString(), digest->subjects, due, overdue, digest->problems.size(), ms);
        } else if (!stop.stop_requested()) {
          spdlog::warn("event=reminders_failed reason={} internal={}", digest.status().reason(),
                       digest.status().internal());
        }
      }
      std::unique_lock lock(wait_mutex);
      wake.wait_for(lock, stop, kReminderCheckInterval, [] { return false; });
    }
  });
  http::Server server(std::move(options), std::move(api->router));
  server.dispatcher().metrics().AddSource([&backend] { return backend.ReadBatchMetrics(); });
  Status status = server.RunUntilSignalled();
  if (!status.ok()) return ReportError(status);
  return 0;
}

}  // namespace

void AddServeCommand(CLI::App& app, int& exit_status) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* serve = app.add_subcommand("serve", "启动 Web 服务（按 Ctrl+C 或发送 SIGTERM 停止）");
  serve->add_option("--config", args->config_file, "TOML 配置文件");
  serve->add_option("--listen", args->listen, "监听地址，如 127.0.0.1:8080（覆盖 KANGFU_LISTEN）");
  serve->add_option("--db", args->db, "数据库地址，如 sqlite://var/kangfu.db（覆盖 KANGFU_DB）");
  serve->add_option("--static-dir", args->static_dir, "前端静态文件目录（含 index.html）");
  serve->add_flag("--demo", args->demo, "演示模式：启动时列出演示账号（覆盖 KANGFU_DEMO）");
  serve->callback([args, &exit_status] { exit_status = Serve(*args); });
}

}  // namespace kangfu::cli
