#include "security/login_throttle.hpp"

#include <gtest/gtest.h>

namespace kangfu::security {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

constexpr TimePoint kT0 = TimePoint{} + std::chrono::hours(24 * 365 * 55);

TEST(LoginThrottleTest, LocksAfterFiveFailuresForFifteenMinutes) {
  LoginThrottle throttle;
  for (int i = 0; i < 4; ++i) {
    throttle.RecordFailure("zhangsan", kT0 + seconds(i));
    EXPECT_TRUE(throttle.Check("zhangsan", kT0 + seconds(i)).ok()) << i;
  }
  throttle.RecordFailure("zhangsan", kT0 + seconds(4));
  Status locked = throttle.Check("zhangsan", kT0 + seconds(4));
  EXPECT_EQ(locked.code(), ErrorCode::kResourceExhausted);
  EXPECT_EQ(locked.reason(), "auth.locked");
  EXPECT_EQ(locked.field(), "username");
  EXPECT_EQ(locked.message(), "登录失败次数过多，账户已暂时锁定，请 15 分钟后再试");
  // Other accounts are unaffected.
  EXPECT_TRUE(throttle.Check("lisi", kT0 + seconds(4)).ok());
  // One second before the end: still locked, one minute (rounded up) to wait.
  Status almost = throttle.Check("zhangsan", kT0 + seconds(4) + minutes(15) - seconds(1));
  EXPECT_EQ(almost.message(), "登录失败次数过多，账户已暂时锁定，请 1 分钟后再试");
  // Exactly fifteen minutes later: open again, and counting starts afresh.
  TimePoint unlocked = kT0 + seconds(4) + minutes(15);
  EXPECT_TRUE(throttle.Check("zhangsan", unlocked).ok());
  throttle.RecordFailure("zhangsan", unlocked);
  EXPECT_TRUE(throttle.Check("zhangsan", unlocked).ok());
}

TEST(LoginThrottleTest, FailuresWhileLockedDoNotExtendTheLock) {
  LoginThrottle throttle;
  for (int i = 0; i < 5; ++i) throttle.RecordFailure("a", kT0);
  throttle.RecordFailure("a", kT0 + minutes(10));
  EXPECT_TRUE(throttle.Check("a", kT0 + minutes(15)).ok());
}

TEST(LoginThrottleTest, SuccessClearsFailures) {
  LoginThrottle throttle;
  for (int i = 0; i < 4; ++i) throttle.RecordFailure("a", kT0);
  throttle.RecordSuccess("a");
  throttle.RecordFailure("a", kT0);
  EXPECT_TRUE(throttle.Check("a", kT0).ok());
  EXPECT_EQ(throttle.size(), 1U);
}

TEST(LoginThrottleTest, OldFailuresAreForgotten) {
  LoginThrottle throttle;
  for (int i = 0; i < 4; ++i) throttle.RecordFailure("a", kT0);
  TimePoint later = kT0 + minutes(16);
  throttle.RecordFailure("a", later);
  EXPECT_TRUE(throttle.Check("a", later).ok());
}

TEST(LoginThrottleTest, PruneDropsIdleEntriesOnly) {
  LoginThrottle throttle;
  throttle.RecordFailure("stale", kT0);
  for (int i = 0; i < 5; ++i) throttle.RecordFailure("locked", kT0 + minutes(10));
  throttle.Prune(kT0 + minutes(20));
  EXPECT_EQ(throttle.size(), 1U);
  EXPECT_FALSE(throttle.Check("locked", kT0 + minutes(20)).ok());
}

}  // namespace
}  // namespace kangfu::security
