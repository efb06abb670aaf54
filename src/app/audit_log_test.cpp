#include "app/audit_log.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "storage/sql_connection.hpp"

namespace kangfu::app {
namespace {

using security::ChainReport;

TimePoint At(const char* text) { return *ParseTimestamp(text); }

Actor Liming() {
  Actor actor;
  actor.account_id = 3;
  actor.username = "liming";
  actor.remote_address = "127.0.0.1:5000";
  actor.request_id = "req-1";
  return actor;
}

AuditEvent Event(const std::string& action, const std::string& id) {
  return {.action = action,
          .object_type = "person",
          .object_id = id,
          .before_json = "",
          .after_json = "{\"id\":" + id + "}",
          .success = true,
          .detail = ""};
}

class AuditLogTest : public testing::Test {
 protected:
  void SetUp() override {
    static int next_database = 0;
    path_ = (std::filesystem::path(testing::TempDir()) /
             ("kangfu_audit_" + std::to_string(getpid()) + "_" + std::to_string(next_database++) +
              ".db"))
                .string();
    std::filesystem::remove(path_);
    Result<std::unique_ptr<storage::Store>> store = storage::OpenStore("sqlite://" + path_);
    ASSERT_TRUE(store.ok()) << store.status().internal();
    store_ = std::move(store).value();
    log_ = std::make_unique<AuditLog>(*store_, FixedClock(At("2026-11-27T08:00:00Z")));
    for (const char* id : {"1", "2", "3"}) {
      Status recorded = log_->Record(Liming(), Event("person.read", id));
      ASSERT_TRUE(recorded.ok()) << recorded.ToString() << recorded.internal();
    }
  }
  void TearDown() override {
    log_.reset();
    store_.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }

  // Changes the database behind the application's back, as an intruder with file access would.
  void Tamper(const std::string& sql) {
    Result<std::unique_ptr<storage::SqlConnection>> raw =
        storage::OpenSqlConnection("sqlite://" + path_);
    ASSERT_TRUE(raw.ok());
    Status done = (*raw)->Exec(sql);
    ASSERT_TRUE(done.ok()) << done.internal();
  }

  AuditVerification Verify(const std::optional<security::ChainCheckpoint>& checkpoint = {}) {
    Result<AuditVerification> verified = VerifyAuditLog(*store_, checkpoint, 2);
    EXPECT_TRUE(verified.ok()) << verified.status().internal();
    return verified.ok() ? *verified : AuditVerification{};
  }

  std::string path_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<AuditLog> log_;
};

TEST_F(AuditLogTest, AppendsChainedEntriesWithTheInjectedTime) {
  Result<std::vector<storage::AuditRecord>> all = store_->ListAudit(0, 10);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3U);
  const storage::AuditRecord& first = (*all)[0];
  EXPECT_EQ(first.seq, 1);
  EXPECT_EQ(first.at, "2026-11-27T08:00:00Z");
  EXPECT_EQ(first.actor_id, 3);
  EXPECT_EQ(first.actor_username, "liming");
  EXPECT_EQ(first.remote_address, "127.0.0.1:5000");
  EXPECT_EQ(first.request_id, "req-1");
  EXPECT_EQ(first.action, "person.read");
  EXPECT_EQ(first.after_json, "{\"id\":1}");
  EXPECT_EQ(first.hash, security::DigestHex(
                            *security::ChainNext(security::kChainGenesis, 1, AuditContent(first))));
  EXPECT_EQ((*all)[2].seq, 3);

  AuditVerification verified = Verify();
  EXPECT_TRUE(verified.report.ok());
  EXPECT_EQ(verified.report.message, "审计日志完整，哈希链校验通过");
  EXPECT_EQ(verified.entries, 3);
  ASSERT_TRUE(verified.last.has_value());
  EXPECT_EQ(verified.last->seq, 3);
  EXPECT_EQ(verified.last->hash, (*all)[2].hash);
  // A valid checkpoint is accepted.
  EXPECT_TRUE(Verify(verified.last).report.ok());
}

TEST_F(AuditLogTest, EntryRollsBackWithTheCallersTransaction) {
  Status failed = store_->InTransaction([&]() -> Status {
    EXPECT_TRUE(log_->Record(Liming(), Event("person.update", "9")).ok());
    return Status::Invalid("name", "person.name_empty", "请填写人员姓名");
  });
  EXPECT_EQ(failed.reason(), "person.name_empty");
  EXPECT_EQ((*store_->LastAudit())->seq, 3);
  EXPECT_TRUE(Verify().report.ok());
}

TEST_F(AuditLogTest, AnEntryIsNeverEarlierThanTheOneBeforeEvenWhenTheClockGoesBack) {
  // The time filter reads the log's time order from its append order (migration 0014).
  AuditLog behind(*store_, FixedClock(At("2026-11-27T07:59:00Z")));
  ASSERT_TRUE(behind.Record(Liming(), Event("person.read", "4")).ok());
  AuditLog ahead(*store_, FixedClock(At("2026-11-27T08:01:00Z")));
  ASSERT_TRUE(ahead.Record(Liming(), Event("person.read", "5")).ok());
  Result<std::vector<storage::AuditRecord>> all = store_->ListAudit(3, 10);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2U);
  EXPECT_EQ((*all)[0].at, "2026-11-27T08:00:00Z");
  EXPECT_EQ((*all)[1].at, "2026-11-27T08:01:00Z");
  EXPECT_TRUE(Verify().report.ok());  // the hash covers the time written
}

struct TamperCase {
  const char* name;
  const char* sql;
  ChainReport::Problem problem;
  int64_t seq;
  const char* message;
};

class AuditTamperTest : public AuditLogTest, public testing::WithParamInterface<TamperCase> {};

TEST_P(AuditTamperTest, VerifyFindsTheFirstFault) {
  Tamper(GetParam().sql);
  AuditVerification verified = Verify();
  EXPECT_EQ(verified.report.problem, GetParam().problem);
  EXPECT_EQ(verified.report.seq, GetParam().seq);
  EXPECT_EQ(verified.report.message, GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    Sqlite, AuditTamperTest,
    testing::Values(
        TamperCase{"UpdatedRow", "UPDATE audit_log SET object_id = '7' WHERE seq = 2",
                   ChainReport::Problem::kAltered, 2,
                   "审计日志第 2 条记录已被篡改（内容或校验值与哈希链不符）"},
        TamperCase{"UpdatedHash", "UPDATE audit_log SET hash = upper(hash) || 'x' WHERE seq = 3",
                   ChainReport::Problem::kAltered, 3,
                   "审计日志第 3 条记录已被篡改（内容或校验值与哈希链不符）"},
        TamperCase{"DeletedMiddleRow", "DELETE FROM audit_log WHERE seq = 2",
                   ChainReport::Problem::kRemoved, 2, "审计日志第 2 条记录已被删除（序号缺失）"},
        TamperCase{"InsertedForgedRow",
                   "INSERT INTO audit_log (seq, at, action, success, hash) SELECT 2, at, "
                   "'person.read', 1, hash FROM audit_log WHERE seq = 2",
                   ChainReport::Problem::kInserted, 2,
                   "审计日志在第 2 条处被插入了记录（序号重复或倒序）"},
        TamperCase{"AppendedForgedRow",
                   "INSERT INTO audit_log (seq, at, action, success, hash) VALUES (4, "
                   "'2026-11-27T09:00:00Z', 'person.read', 1, "
                   "'0000000000000000000000000000000000000000000000000000000000000000')",
                   ChainReport::Problem::kAltered, 4,
                   "审计日志第 4 条记录已被篡改（内容或校验值与哈希链不符）"}),
    [](const testing::TestParamInfo<TamperCase>& param_info) { return param_info.param.name; });

TEST_F(AuditLogTest, CheckpointCatchesARemovedTail) {
  AuditVerification before = Verify();
  ASSERT_TRUE(before.last.has_value());
  Tamper("DELETE FROM audit_log WHERE seq = 3");
  EXPECT_TRUE(Verify().report.ok());  // without a checkpoint a shorter log looks whole
  AuditVerification after = Verify(before.last);
  EXPECT_EQ(after.report.problem, ChainReport::Problem::kRemoved);
  EXPECT_EQ(after.report.seq, 3);
}

TEST(ClockTest, TimestampsRoundTrip) {
  EXPECT_EQ(FormatTimestamp(At("2026-11-27T08:05:09Z")), "2026-11-27T08:05:09Z");
  EXPECT_EQ(FormatBeijingMinute(At("2026-11-27T16:15:00Z")), "2026年11月28日 00:15");
  for (const char* bad : {"", "2026-11-27 08:00:00Z", "2026-02-30T08:00:00Z",
                          "2026-11-27T24:00:00Z", "2026-11-27T08:00:00"}) {
    EXPECT_FALSE(ParseTimestamp(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace kangfu::app
