#ifndef KANGFU_API_FILE_BACKEND_TEST_SUPPORT_HPP_
#define KANGFU_API_FILE_BACKEND_TEST_SUPPORT_HPP_

// A Backend over a SQLite file in a directory of its own (named after the running test, so that
// repeated and parallel runs do not meet), and a second Store on the same file: what another
// connection (another process) sees and writes. For the tests of read batching and caching,
// which need a real file — an in-memory database has no second connection.

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <utility>

#include "api/auth_api.hpp"
#include "app/clock.hpp"
#include "storage/store.hpp"

namespace kangfu::api::testing {

class FileBackendTest : public ::testing::Test {
 protected:
  // Opens backend_ and other_ on a fresh file under a directory starting with `prefix`.
  void OpenBackend(const std::string& prefix) {
    const ::testing::UnitTest& unit = *::testing::UnitTest::GetInstance();
    dir_ = std::filesystem::temp_directory_path() /
           (prefix + std::to_string(unit.random_seed()) + "_" + unit.current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    const std::string url = "sqlite://" + (dir_ / "kangfu.db").string();
    Result<std::unique_ptr<storage::Store>> store = storage::OpenStore(url);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    backend_ = std::make_unique<Backend>(std::move(store).value(), app::SystemClock());
    Result<std::unique_ptr<storage::Store>> other = storage::OpenStore(url);
    ASSERT_TRUE(other.ok()) << other.status().ToString();
    other_ = std::move(other).value();
  }

  void TearDown() override {
    other_.reset();
    backend_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  std::filesystem::path dir_;
  std::unique_ptr<Backend> backend_;
  std::unique_ptr<storage::Store> other_;
};

}  // namespace kangfu::api::testing

#endif  // KANGFU_API_FILE_BACKEND_TEST_SUPPORT_HPP_
