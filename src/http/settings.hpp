#ifndef KANGFU_HTTP_SETTINGS_HPP_
#define KANGFU_HTTP_SETTINGS_HPP_

// Server settings: built-in defaults, then a TOML file, then environment variables (the last one
// wins). Unknown keys in the file are errors, so a misspelt key is not silently ignored.
//
//   [server]                        environment
//   listen = "127.0.0.1:8080"       KANGFU_LISTEN      host:port, [v6]:port or :port (all IPv4)
//   threads = 0                     KANGFU_THREADS     0 = one per hardware thread, max 256
//   body_limit_kb = 1024            KANGFU_BODY_LIMIT_KB   1 … 1048576 (JSON and other routes)
//   upload_limit_mb = 64            KANGFU_UPLOAD_LIMIT_MB 1 … 4096 (file upload routes)
//   read_timeout_seconds = 30       KANGFU_READ_TIMEOUT    1 … 3600
//   idle_timeout_seconds = 60       KANGFU_IDLE_TIMEOUT    1 … 3600
//   shutdown_timeout_seconds = 20   KANGFU_SHUTDOWN_TIMEOUT 1 … 3600
//   static_dir = "web/dist"         KANGFU_STATIC_DIR  empty = no static files
//   [database]
//   url = "sqlite://var/kangfu.db"        KANGFU_DB
//   [security]
//   secure_cookies = true           KANGFU_SECURE_COOKIES  true/false/1/0
//   [log]
//   level = "info"                  KANGFU_LOG_LEVEL   trace debug info warn error critical off
//   [demo]
//   enabled = false                 KANGFU_DEMO

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.hpp"

namespace kangfu::http {

struct Settings {
  std::string listen_host = "127.0.0.1";
  std::uint16_t listen_port = 8080;
  int threads = 0;
  std::size_t body_limit_bytes = std::size_t{1024} * 1024;
  std::size_t upload_limit_bytes = std::size_t{64} * 1024 * 1024;
  std::chrono::seconds read_timeout{30};
  std::chrono::seconds idle_timeout{60};
  std::chrono::seconds shutdown_timeout{20};
  std::string static_dir;
  std::string database_url = "sqlite://var/kangfu.db";
  bool secure_cookies = true;
  std::string log_level = "info";
  bool demo = false;
};

// Looks an environment variable up; nullopt when unset. Tests pass a map instead of the process.
using EnvLookup = std::function<std::optional<std::string>(std::string_view)>;
EnvLookup ProcessEnvironment();

// Parses TOML text (`source` names it in messages) and applies the environment over it.
// Errors: invalid_argument with reason "settings.syntax" (line and column in the message),
// "settings.unknown_key", "settings.type", "settings.out_of_range", "settings.listen_invalid",
// "settings.log_level_invalid", "settings.bool_invalid", "settings.database_empty"; the field is
// the dotted key ("server.listen") or the environment variable name.
Result<Settings> ParseSettings(std::string_view toml_text, std::string_view source,
                               const EnvLookup& env);

// As ParseSettings on the file's content; without a file, defaults and environment only.
// Errors: also "settings.file_unreadable" when the file cannot be read.
Result<Settings> LoadSettings(const std::optional<std::filesystem::path>& file,
                              const EnvLookup& env);

// Splits "host:port". Errors: invalid_argument "settings.listen_invalid" on `field`.
Status ParseListen(std::string_view text, std::string_view field, std::string* host,
                   std::uint16_t* port);

}  // namespace kangfu::http

#endif  // KANGFU_HTTP_SETTINGS_HPP_
