#include "http/settings.hpp"

#include <toml++/toml.h>

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace kangfu::http {

namespace {

Status OutOfRange(std::string_view field, std::int64_t low, std::int64_t high) {
  return Status::Invalid(std::string(field), "settings.out_of_range",
                         "配置项 " + std::string(field) + " 应在 " + std::to_string(low) + " 到 " +
                             std::to_string(high) + " 之间");
}

Status ParseInteger(std::string_view text, std::string_view field, std::int64_t low,
                    std::int64_t high, std::int64_t* out) {
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    return Status::Invalid(
        std::string(field), "settings.type",
        "配置项 " + std::string(field) + " 应为整数，实际为“" + std::string(text) + "”");
  }
  if (value < low || value > high) return OutOfRange(field, low, high);
  *out = value;
  return Status::Ok();
}

Status ParseBool(std::string_view text, std::string_view field, bool* out) {
  if (text == "true" || text == "1" || text == "yes") {
    *out = true;
  } else if (text == "false" || text == "0" || text == "no") {
    *out = false;
  } else {
    return Status::Invalid(
        std::string(field), "settings.bool_invalid",
        "配置项 " + std::string(field) + " 应为 true 或 false，实际为“" + std::string(text) + "”");
  }
  return Status::Ok();
}

Status CheckLogLevel(std::string_view level, std::string_view field) {
  static const std::set<std::string_view> kLevels = {"trace", "debug",    "info", "warn",
                                                     "error", "critical", "off"};
  if (kLevels.count(level) == 0) {
    return Status::Invalid(std::string(field), "settings.log_level_invalid",
                           "日志级别“" + std::string(level) +
                               "”无效，应为 trace、debug、info、warn、error、critical 或 off");
  }
  return Status::Ok();
}

// The setter for one key, shared by the file (typed TOML value rendered as text) and the
// environment (text). `text` is a string for strings, decimal for integers, true/false for
// booleans.
struct Key {
  std::string_view toml_key;  // "server.listen"
  std::string_view env;       // "KANGFU_LISTEN"
  enum class Type { kString, kInteger, kBool } type;
  std::function<Status(Settings&, std::string_view text, std::string_view field)> apply;
};

Status SetSeconds(std::chrono::seconds* target, std::string_view text, std::string_view field) {
  std::int64_t value = 0;
  KANGFU_RETURN_IF_ERROR(ParseInteger(text, field, 1, 3600, &value));
  *target = std::chrono::seconds(value);
  return Status::Ok();
}

const std::vector<Key>& Keys() {
  using Type = Key::Type;
  static const std::vector<Key> kKeys = {
      {"server.listen", "KANGFU_LISTEN", Type::kString,
       [](Settings& s, std::string_view text, std::string_view field) {
         return ParseListen(text, field, &s.listen_host, &s.listen_port);
       }},
      {"server.threads", "KANGFU_THREADS", Type::kInteger,
       [](Settings& s, std::string_view text, std::string_view field) {
         std::int64_t value = 0;
         KANGFU_RETURN_IF_ERROR(ParseInteger(text, field, 0, 256, &value));
         s.threads = static_cast<int>(value);
         return Status::Ok();
       }},
      {"server.body_limit_kb", "KANGFU_BODY_LIMIT_KB", Type::kInteger,
       [](Settings& s, std::string_view text, std::string_view field) {
         std::int64_t value = 0;
         KANGFU_RETURN_IF_ERROR(ParseInteger(text, field, 1, std::int64_t{1024} * 1024, &value));
         s.body_limit_bytes = static_cast<std::size_t>(value) * 1024;
         return Status::Ok();
       }},
      {"server.upload_limit_mb", "KANGFU_UPLOAD_LIMIT_MB", Type::kInteger,
       [](Settings& s, std::string_view text, std::string_view field) {
         std::int64_t value = 0;
         KANGFU_RETURN_IF_ERROR(ParseInteger(text, field, 1, 4096, &value));
         s.upload_limit_bytes = static_cast<std::size_t>(value) * 1024 * 1024;
         return Status::Ok();
       }},
      {"server.read_timeout_seconds", "KANGFU_READ_TIMEOUT", Type::kInteger,
       [](Settings& s, std::string_view text, std::string_view field) {
         return SetSeconds(&s.read_timeout, text, field);
       }},
      {"server.idle_timeout_seconds", "KANGFU_IDLE_TIMEOUT", Type::kInteger,
       [](Settings& s, std::string_view text, std::string_view field) {
         return SetSeconds(&s.idle_timeout, text, field);
       }},
      {"server.shutdown_timeout_seconds", "KANGFU_SHUTDOWN_TIMEOUT", Type::kInteger,
       [](Settings& s, std::string_view text, std::string_view field) {
         return SetSeconds(&s.shutdown_timeout, text, field);
       }},
      {"server.static_dir", "KANGFU_STATIC_DIR", Type::kString,
       [](Settings& s, std::string_view text, std::string_view) {
         s.static_dir = std::string(text);
         return Status::Ok();
       }},
      {"database.url", "KANGFU_DB", Type::kString,
       [](Settings& s, std::string_view text, std::string_view field) {
         if (text.empty()) {
           return Status::Invalid(std::string(field), "settings.database_empty",
                                  "数据库地址不能为空，例如 sqlite://var/kangfu.db");
         }
         s.database_url = std::string(text);
         return Status::Ok();
       }},
      {"security.secure_cookies", "KANGFU_SECURE_COOKIES", Type::kBool,
       [](Settings& s, std::string_view text, std::string_view field) {
         return ParseBool(text, field, &s.secure_cookies);
       }},
      {"log.level", "KANGFU_LOG_LEVEL", Type::kString,
       [](Settings& s, std::string_view text, std::string_view field) {
         KANGFU_RETURN_IF_ERROR(CheckLogLevel(text, field));
         s.log_level = std::string(text);
         return Status::Ok();
       }},
      {"demo.enabled", "KANGFU_DEMO", Type::kBool,
       [](Settings& s, std::string_view text, std::string_view field) {
         return ParseBool(text, field, &s.demo);
       }},
  };
  return kKeys;
}

Status TypeError(std::string_view field, Key::Type type) {
  std::string_view wanted = type == Key::Type::kString    ? "字符串"
                            : type == Key::Type::kInteger ? "整数"
                                                          : "布尔值（true/false）";
  return Status::Invalid(std::string(field), "settings.type",
                         "配置项 " + std::string(field) + " 应为" + std::string(wanted));
}

Status ApplyTable(const toml::table& root, Settings& settings) {
  std::map<std::string, const Key*, std::less<>> by_key;
  for (const Key& key : Keys()) by_key.emplace(std::string(key.toml_key), &key);
  for (const auto& [section_name, section_node] : root) {
    std::string section(section_name.str());
    const toml::table* section_table = section_node.as_table();
    if (section_table == nullptr) {
      return Status::Invalid(section, "settings.unknown_key",
                             "未知的配置项 " + section + "，配置项应写在 [server] 等分节中");
    }
    for (const auto& [name, node] : *section_table) {
      std::string field = section + "." + std::string(name.str());
      auto found = by_key.find(field);
      if (found == by_key.end()) {
        return Status::Invalid(field, "settings.unknown_key",
                               "未知的配置项 " + field + "，请检查拼写");
      }
      const Key& key = *found->second;
      std::string text;
      switch (key.type) {
        case Key::Type::kString:
          if (!node.is_string()) return TypeError(field, key.type);
          text = *node.value<std::string>();
          break;
        case Key::Type::kInteger:
          if (!node.is_integer()) return TypeError(field, key.type);
          text = std::to_string(*node.value<std::int64_t>());
          break;
        case Key::Type::kBool:
          if (!node.is_boolean()) return TypeError(field, key.type);
          text = *node.value<bool>() ? "true" : "false";
          break;
      }
      KANGFU_RETURN_IF_ERROR(key.apply(settings, text, field));
    }
  }
  return Status::Ok();
}

}  // namespace

EnvLookup ProcessEnvironment() {
  return [](std::string_view name) -> std::optional<std::string> {
    const char* value = std::getenv(std::string(name).c_str());  // NOLINT(concurrency-mt-unsafe)
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

Status ParseListen(std::string_view text, std::string_view field, std::string* host,
                   std::uint16_t* port) {
  auto invalid = [&] {
    return Status::Invalid(std::string(field), "settings.listen_invalid",
                           "监听地址“" + std::string(text) +
                               "”格式错误，应为 主机:端口，例如 127.0.0.1:8080 或 [::1]:8080");
  };
  std::size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) return invalid();
  std::string_view host_part = text.substr(0, colon);
  std::string_view port_part = text.substr(colon + 1);
  if (!host_part.empty() && host_part.front() == '[') {
    if (host_part.size() < 3 || host_part.back() != ']') return invalid();
    host_part = host_part.substr(1, host_part.size() - 2);
  } else if (host_part.find(':') != std::string_view::npos) {
    return invalid();  // a bare IPv6 address needs brackets
  }
  unsigned value = 0;
  auto [end, error] = std::from_chars(port_part.data(), port_part.data() + port_part.size(), value);
  if (port_part.empty() || error != std::errc() || end != port_part.data() + port_part.size() ||
      value > 65535) {
    return invalid();
  }
  *host = host_part.empty() ? "0.0.0.0" : std::string(host_part);
  *port = static_cast<std::uint16_t>(value);
  return Status::Ok();
}

Result<Settings> ParseSettings(std::string_view toml_text, std::string_view source,
                               const EnvLookup& env) {
  Settings settings;
  try {
    toml::table root = toml::parse(toml_text, source);
    KANGFU_RETURN_IF_ERROR(ApplyTable(root, settings));
  } catch (const toml::parse_error& e) {
    const auto& begin = e.source().begin;
    return Status::Invalid(std::string(source), "settings.syntax",
                           "配置文件 " + std::string(source) + " 第 " + std::to_string(begin.line) +
                               " 行第 " + std::to_string(begin.column) + " 列格式错误")
        .WithInternal(std::string(e.description()));
  }
  for (const Key& key : Keys()) {
    if (!env) break;
    std::optional<std::string> value = env(key.env);
    if (!value) continue;
    KANGFU_RETURN_IF_ERROR(key.apply(settings, *value, key.env));
  }
  return settings;
}

Result<Settings> LoadSettings(const std::optional<std::filesystem::path>& file,
                              const EnvLookup& env) {
  if (!file) return ParseSettings("", "defaults", env);
  std::ifstream in(*file, std::ios::binary);
  if (!in) {
    return Status::Invalid("config", "settings.file_unreadable",
                           "无法读取配置文件 " + file->string() + "，请检查路径和权限");
  }
  std::ostringstream text;
  text << in.rdbuf();
  return ParseSettings(text.str(), file->string(), env);
}

}  // namespace kangfu::http
