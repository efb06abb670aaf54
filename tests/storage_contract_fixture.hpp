#ifndef KANGFU_TESTS_STORAGE_CONTRACT_FIXTURE_HPP_
#define KANGFU_TESTS_STORAGE_CONTRACT_FIXTURE_HPP_

// The fixture of the storage contract suites: one fresh database per test on every backend
// (SQLite in memory, SQLite in a file, PostgreSQL 15). The PostgreSQL run needs
// KANGFU_TEST_PG_URL (scripts/pg-test.sh starts a cluster and prints it); without it the
// PostgreSQL tests FAIL, unless KANGFU_TEST_PG=off says to leave PostgreSQL out on purpose.
// Each area of the port has its own suite file; all of them use `Backends` and `BackendNames`.

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "domain/id_number.hpp"
#include "storage/sql_connection.hpp"
#include "storage/store.hpp"

namespace kangfu::storage::contract {

inline std::string UniqueName(const char* prefix) {
  static std::atomic<int> counter{0};
  return std::string(prefix) + std::to_string(getpid()) + "_" + std::to_string(counter++);
}

// A backend gives each test a fresh, empty database URL and removes it afterwards.
struct SqliteMemory {
  static std::string Create() { return "sqlite::memory:"; }
  static void Drop(const std::string& /*url*/) {}
};

struct SqliteFile {
  static std::string Create() {
    return "sqlite://" +
           (std::filesystem::path(testing::TempDir()) / (UniqueName("kangfu_contract_") + ".db"))
               .string();
  }
  static void Drop(const std::string& url) {
    const std::string path = url.substr(9);
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::error_code ignored;
      std::filesystem::remove(path + suffix, ignored);
    }
  }
};

// One database per test (not a schema), so that pg_dump/pg_restore round trips are isolated.
struct Postgres {
  static std::string Base() {
    const char* url = std::getenv("KANGFU_TEST_PG_URL");
    return url != nullptr ? url : "";
  }
  static std::string WithDatabase(const std::string& base, const std::string& db) {
    const std::size_t scheme = base.find("://");
    const std::size_t slash = base.find('/', scheme == std::string::npos ? 0 : scheme + 3);
    return (slash == std::string::npos ? base : base.substr(0, slash)) + "/" + db;
  }
  static std::string Create() {
    const std::string base = Base();
    if (base.empty()) return {};
    const std::string db = UniqueName("kangfu_contract_");
    Result<std::unique_ptr<SqlConnection>> admin = OpenSqlConnection(base);
    if (!admin.ok()) {
      ADD_FAILURE() << admin.status().ToString() << " " << admin.status().internal();
      return {};
    }
    Status created = (*admin)->Exec("CREATE DATABASE " + db);
    EXPECT_TRUE(created.ok()) << created.internal();
    return WithDatabase(base, db);
  }
  static void Drop(const std::string& url) {
    Result<std::unique_ptr<SqlConnection>> admin = OpenSqlConnection(Base());
    if (!admin.ok()) return;
    const std::string db = url.substr(url.rfind('/') + 1);
    (void)(*admin)->Exec("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
  }
};

template <typename Backend>
class StoreContractTest : public testing::Test {
 protected:
  void SetUp() override {
    if constexpr (std::is_same_v<Backend, Postgres>) {
      if (Postgres::Base().empty()) {
        const char* pg = std::getenv("KANGFU_TEST_PG");
        if (pg != nullptr && std::string(pg) == "off") {
          GTEST_SKIP() << "KANGFU_TEST_PG=off: PostgreSQL left out on purpose";
        }
        FAIL() << "KANGFU_TEST_PG_URL is not set: run `eval \"$(scripts/pg-test.sh)\"` first, or "
                  "set KANGFU_TEST_PG=off to leave PostgreSQL out explicitly";
      }
    }
    url_ = Backend::Create();
    ASSERT_FALSE(url_.empty());
    Result<std::unique_ptr<Store>> store = OpenStore(url_);
    ASSERT_TRUE(store.ok()) << store.status().ToString() << " " << store.status().internal();
    store_ = std::move(store).value();
  }

  void TearDown() override {
    store_.reset();
    if (!url_.empty()) Backend::Drop(url_);
  }

  static Date D(const char* text) {
    Result<Date> date = Date::Parse(text);
    EXPECT_TRUE(date.ok()) << text;
    return date.ok() ? *date : Date();
  }

  Organisation AddOrg(RowId parent, const std::string& name, OrgLevel level) {
    Result<Organisation> org =
        store_->AddOrganisation({.parent_id = parent, .name = name, .level = level});
    EXPECT_TRUE(org.ok()) << org.status().ToString() << " " << org.status().internal();
    return org.ok() ? *org : Organisation();
  }

  // The organisation tree most suites start from, in this order: 省纪委监委 (province), 甲市 under
  // it, 甲市财政局 (a unit of 甲市) and 乙市 (another city). Suites take it with
  // `std::tie(province_, city_, unit_, other_) = this->AddStandardTree();`.
  std::tuple<Organisation, Organisation, Organisation, Organisation> AddStandardTree() {
    Organisation province = AddOrg(0, "省纪委监委", OrgLevel::kProvince);
    Organisation city = AddOrg(province.id, "甲市", OrgLevel::kCity);
    Organisation unit = AddOrg(city.id, "甲市财政局", OrgLevel::kUnit);
    Organisation other = AddOrg(province.id, "乙市", OrgLevel::kCity);
    return {province, city, unit, other};
  }

  // An account `username` holding `role` over `org` (the password hash is a placeholder: the
  // store does not look at it).
  Account AddAccount(const std::string& username, const std::string& role, RowId org) {
    Account account;
    account.username = username;
    account.display_name = username;
    account.password_hash = "x";
    account.roles = {role};
    account.jurisdiction_org = org;
    account.password_changed_at = "2026-01-01T00:00:00Z";
    Result<Account> added = store_->AddAccount(account);
    EXPECT_TRUE(added.ok()) << added.status().ToString() << " " << added.status().internal();
    return added.ok() ? *added : Account();
  }

  Person MakePerson(const char* id_number, RowId unit) {
    return {.id_number = id_number,
            .name = "张伟",
            .unit_id = unit,
            .post = "科长",
            .post_level = "四级主任科员",
            .party_member = true,
            .civil_servant = true,
            .leading_cadre = false};
  }

  Person AddPerson(const char* id_number, RowId unit) {
    Result<Person> person = store_->AddPerson(MakePerson(id_number, unit));
    EXPECT_TRUE(person.ok()) << person.status().ToString() << " " << person.status().internal();
    return person.ok() ? *person : Person();
  }

  Case AddCase(RowId person, RowId organ, const char* date, int form) {
    Result<Case> c = store_->AddCase({.person_id = person,
                                      .organ_id = organ,
                                      .decision_number = std::string("江纪处〔") + date + "〕号",
                                      .decision_date = D(date),
                                      .discipline = Discipline::kIntegrity,
                                      .source = CaseSource::kPetition,
                                      .form = form});
    EXPECT_TRUE(c.ok()) << c.status().ToString() << " " << c.status().internal();
    return c.ok() ? *c : Case();
  }

  std::string url_;
  std::unique_ptr<Store> store_;
};

using Backends = testing::Types<SqliteMemory, SqliteFile, Postgres>;

class BackendNames {
 public:
  template <typename T>
  static std::string GetName(int /*index*/) {
    if constexpr (std::is_same_v<T, SqliteMemory>) return "SqliteMemory";
    if constexpr (std::is_same_v<T, SqliteFile>) return "SqliteFile";
    return "Postgres";
  }
};

// Valid GB 11643 numbers (check characters computed with ISO 7064 MOD 11-2).
inline constexpr const char* kIdA = "11010519491231002X";
inline constexpr const char* kIdB = "440524198001010013";
inline constexpr const char* kIdC = "320102199001011232";

}  // namespace kangfu::storage::contract

#endif  // KANGFU_TESTS_STORAGE_CONTRACT_FIXTURE_HPP_
