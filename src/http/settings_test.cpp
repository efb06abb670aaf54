#include "http/settings.hpp"

#include <gtest/gtest.h>

#include <map>

namespace kangfu::http {
namespace {

EnvLookup Env(std::map<std::string, std::string> values) {
  return [values = std::move(values)](std::string_view name) -> std::optional<std::string> {
    auto found = values.find(std::string(name));
    if (found == values.end()) return std::nullopt;
    return found->second;
  };
}

TEST(SettingsTest, DefaultsWithoutFileOrEnvironment) {
  Result<Settings> settings = LoadSettings(std::nullopt, Env({}));
  ASSERT_TRUE(settings.ok()) << settings.status().ToString();
  EXPECT_EQ(settings->listen_host, "127.0.0.1");
  EXPECT_EQ(settings->listen_port, 8080);
  EXPECT_EQ(settings->database_url, "sqlite://var/kangfu.db");
  EXPECT_EQ(settings->threads, 0);
  EXPECT_EQ(settings->body_limit_bytes, 1024U * 1024U);
  EXPECT_EQ(settings->upload_limit_bytes, 64U * 1024U * 1024U);
  EXPECT_TRUE(settings->secure_cookies);
  EXPECT_FALSE(settings->demo);
}

TEST(SettingsTest, FileThenEnvironment) {
  const char* toml = R"(
[server]
listen = "0.0.0.0:9000"
threads = 4
body_limit_kb = 256
upload_limit_mb = 128
read_timeout_seconds = 10
idle_timeout_seconds = 20
shutdown_timeout_seconds = 5
static_dir = "web/dist"
[database]
url = "postgresql://kangfu@localhost/kangfu"
[security]
secure_cookies = false
[log]
level = "debug"
[demo]
enabled = true
)";
  Result<Settings> settings = ParseSettings(toml, "kangfu.toml",
                                            Env({{"KANGFU_LISTEN", "[::1]:8443"},
                                                 {"KANGFU_DB", "sqlite:/tmp/k.db"},
                                                 {"KANGFU_SECURE_COOKIES", "1"}}));
  ASSERT_TRUE(settings.ok()) << settings.status().ToString();
  EXPECT_EQ(settings->listen_host, "::1");
  EXPECT_EQ(settings->listen_port, 8443);
  EXPECT_EQ(settings->threads, 4);
  EXPECT_EQ(settings->body_limit_bytes, 256U * 1024U);
  EXPECT_EQ(settings->upload_limit_bytes, 128U * 1024U * 1024U);
  EXPECT_EQ(settings->read_timeout, std::chrono::seconds(10));
  EXPECT_EQ(settings->idle_timeout, std::chrono::seconds(20));
  EXPECT_EQ(settings->shutdown_timeout, std::chrono::seconds(5));
  EXPECT_EQ(settings->static_dir, "web/dist");
  EXPECT_EQ(settings->database_url, "sqlite:/tmp/k.db");
  EXPECT_TRUE(settings->secure_cookies);
  EXPECT_EQ(settings->log_level, "debug");
  EXPECT_TRUE(settings->demo);
}

struct BadCase {
  std::string toml;
  std::map<std::string, std::string> env;
  std::string reason;
  std::string field;
  std::string message;
};

TEST(SettingsTest, RejectsWithChineseMessages) {
  const std::vector<BadCase> cases = {
      {"[server]\nlisten = \"localhost\"\n",
       {},
       "settings.listen_invalid",
       "server.listen",
       "监听地址“localhost”格式错误，应为 主机:端口，例如 127.0.0.1:8080 或 [::1]:8080"},
      {"", {{"KANGFU_LISTEN", "1.2.3.4:70000"}}, "settings.listen_invalid", "KANGFU_LISTEN", ""},
      {"", {{"KANGFU_LISTEN", "::1:80"}}, "settings.listen_invalid", "KANGFU_LISTEN", ""},
      {"[server]\nthreads = \"4\"\n",
       {},
       "settings.type",
       "server.threads",
       "配置项 server.threads 应为整数"},
      {"",
       {{"KANGFU_UPLOAD_LIMIT_MB", "0"}},
       "settings.out_of_range",
       "KANGFU_UPLOAD_LIMIT_MB",
       "配置项 KANGFU_UPLOAD_LIMIT_MB 应在 1 到 4096 之间"},
      {"[server]\nthreads = 1000\n",
       {},
       "settings.out_of_range",
       "server.threads",
       "配置项 server.threads 应在 0 到 256 之间"},
      {"",
       {{"KANGFU_THREADS", "four"}},
       "settings.type",
       "KANGFU_THREADS",
       "配置项 KANGFU_THREADS 应为整数，实际为“four”"},
      {"[server]\nlisten_port = 80\n",
       {},
       "settings.unknown_key",
       "server.listen_port",
       "未知的配置项 server.listen_port，请检查拼写"},
      {"listen = \"x\"\n", {}, "settings.unknown_key", "listen", ""},
      {"[server\n", {}, "settings.syntax", "t.toml", "配置文件 t.toml 第 1 行第 8 列格式错误"},
      {"[log]\nlevel = \"loud\"\n", {}, "settings.log_level_invalid", "log.level", ""},
      {"",
       {{"KANGFU_SECURE_COOKIES", "maybe"}},
       "settings.bool_invalid",
       "KANGFU_SECURE_COOKIES",
       "配置项 KANGFU_SECURE_COOKIES 应为 true 或 false，实际为“maybe”"},
      {"[security]\nsecure_cookies = 1\n",
       {},
       "settings.type",
       "security.secure_cookies",
       "配置项 security.secure_cookies 应为布尔值（true/false）"},
      {"", {{"KANGFU_DB", ""}}, "settings.database_empty", "KANGFU_DB", ""},
      {"[server]\nread_timeout_seconds = 0\n",
       {},
       "settings.out_of_range",
       "server.read_timeout_seconds",
       ""},
  };
  for (const BadCase& c : cases) {
    SCOPED_TRACE(c.toml + " " + c.reason);
    Result<Settings> settings = ParseSettings(c.toml, "t.toml", Env(c.env));
    ASSERT_FALSE(settings.ok());
    EXPECT_EQ(settings.status().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(settings.status().reason(), c.reason);
    EXPECT_EQ(settings.status().field(), c.field);
    if (!c.message.empty()) {
      EXPECT_EQ(settings.status().message(), c.message);
    }
  }
}

TEST(SettingsTest, ListenForms) {
  std::string host;
  std::uint16_t port = 0;
  ASSERT_TRUE(ParseListen(":8080", "f", &host, &port).ok());
  EXPECT_EQ(host, "0.0.0.0");
  EXPECT_EQ(port, 8080);
  ASSERT_TRUE(ParseListen("[::]:0", "f", &host, &port).ok());
  EXPECT_EQ(host, "::");
  EXPECT_EQ(port, 0);
  EXPECT_FALSE(ParseListen("host:", "f", &host, &port).ok());
  EXPECT_FALSE(ParseListen("[]:80", "f", &host, &port).ok());
}

TEST(SettingsTest, UnreadableFile) {
  Result<Settings> settings = LoadSettings("/nonexistent/kangfu.toml", Env({}));
  EXPECT_EQ(settings.status().reason(), "settings.file_unreadable");
  EXPECT_EQ(settings.status().message(),
            "无法读取配置文件 /nonexistent/kangfu.toml，请检查路径和权限");
}

}  // namespace
}  // namespace kangfu::http
