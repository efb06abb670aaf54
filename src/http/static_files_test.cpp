#include "http/static_files.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace kangfu::http {
namespace {

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() /
            ("kangfu_static_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
             "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(root_ / "assets");
    Write("index.html", "<html>app</html>");
    Write("assets/index-Bk3x9aZ_.js", "console.log(1)");
    Write("favicon.ico", "icon");
    std::filesystem::create_directories(root_.parent_path() / "kangfu_secret_dir");
  }
  void TearDown() override { std::filesystem::remove_all(root_); }
  void Write(const std::string& relative, const std::string& content) {
    std::ofstream(root_ / relative, std::ios::binary) << content;
  }
  std::filesystem::path root_;
};

TEST_F(StaticFilesTest, ServesIndexAssetsAndFallback) {
  StaticFiles files(root_);
  struct Case {
    std::string path;
    std::optional<std::string> body;
    std::string content_type;
    std::string cache;
  };
  const std::vector<Case> cases = {
      {"/", "<html>app</html>", "text/html; charset=utf-8", "no-cache"},
      {"/index.html", "<html>app</html>", "text/html; charset=utf-8", "no-cache"},
      {"/assets/index-Bk3x9aZ_.js", "console.log(1)", "text/javascript; charset=utf-8",
       "public, max-age=31536000, immutable"},
      {"/favicon.ico", "icon", "image/x-icon", "no-cache"},
      {"/persons/7", "<html>app</html>", "text/html; charset=utf-8", "no-cache"},  // SPA route
      {"/assets/missing.js", std::nullopt, "", ""},
      {"/api/v1/unknown", std::nullopt, "", ""},
      {"/api", std::nullopt, "", ""},
      {"/../kangfu_secret_dir", std::nullopt, "", ""},
      {"/assets/..%2f..%2fetc", std::nullopt, "", ""},
      {"/a\\b", std::nullopt, "", ""},
      {"relative", std::nullopt, "", ""},
      {"/assets", "<html>app</html>", "text/html; charset=utf-8", "no-cache"},  // a directory
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.path);
    std::optional<Response> response = files.Serve(c.path);
    ASSERT_EQ(response.has_value(), c.body.has_value());
    if (!response) continue;
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->body, *c.body);
    EXPECT_EQ(response->Header("Content-Type"), c.content_type);
    EXPECT_EQ(response->Header("Cache-Control"), c.cache);
  }
}

TEST(StaticFilesNamesTest, HashedAssets) {
  EXPECT_TRUE(StaticFiles::IsHashedAsset("index-Bk3x9aZ_.js"));
  EXPECT_TRUE(StaticFiles::IsHashedAsset("app.3f9a1c2b.css"));
  EXPECT_FALSE(StaticFiles::IsHashedAsset("index.js"));
  EXPECT_FALSE(StaticFiles::IsHashedAsset("my-app.js"));
  EXPECT_FALSE(StaticFiles::IsHashedAsset("favicon.ico"));
  EXPECT_FALSE(StaticFiles::IsHashedAsset("noextension"));
  EXPECT_EQ(StaticFiles::ContentType("a.woff2"), "font/woff2");
  EXPECT_EQ(StaticFiles::ContentType("a.unknown"), "application/octet-stream");
}

// What Vite 5 / Rollup 4 emit: hex hashes (web/vite.config.js) and, by default, 8 base64url
// characters that may contain '-'.
TEST(StaticFilesNamesTest, ViteAssetNames) {
  const std::vector<std::pair<std::string, bool>> cases = {
      {"element-plus-14aa10b5.js", true},  // chunk name with a dash, hex hash
      {"index-7449fcf2.css", true},
      {"index-B-x9aZ_1.js", true},  // base64url hash containing '-'
      {"vendor-Dq_Uw3Lk.css", true},
      {"-a1b2c3d4.js", true},
      {"my-component.js", false},  // a plain dashed name
      {"some-long-name.js", false},
      {"a-b-c-d-e-f.js", false},
      {"x-abcdefgh.js", false},  // 8 letters and no digit: a word
      {"read-me-please.txt", false},
      {"a-bcd-efgh.js", false},  // 8 characters but no digit: a word, not a hash
  };
  for (const auto& [name, hashed] : cases) {
    EXPECT_EQ(StaticFiles::IsHashedAsset(name), hashed) << name;
  }
}

}  // namespace
}  // namespace kangfu::http
