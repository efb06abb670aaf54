#include "security/session_store.hpp"

#include <gtest/gtest.h>

namespace kangfu::security {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr TimePoint kT0 = TimePoint{} + hours(24 * 365 * 55);

bool IsLowerHex(const std::string& text) {
  return text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

TEST(SessionStoreTest, CreateGivesRandom256BitIdsAndCsrfTokens) {
  InMemorySessionStore store;
  Result<Session> a = store.Create(7, kT0);
  Result<Session> b = store.Create(7, kT0);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->id.size(), 64U);
  EXPECT_EQ(a->csrf_token.size(), 64U);
  EXPECT_TRUE(IsLowerHex(a->id));
  EXPECT_TRUE(IsLowerHex(a->csrf_token));
  EXPECT_NE(a->id, b->id);
  EXPECT_NE(a->id, a->csrf_token);
  EXPECT_EQ(a->account_id, 7);
  EXPECT_EQ(store.size(), 2U);
}

TEST(SessionStoreTest, IdleTimeoutAfterThirtyMinutesWithoutUse) {
  InMemorySessionStore store;
  Result<Session> created = store.Create(1, kT0);
  ASSERT_TRUE(created.ok());
  // Used every 29 minutes: stays alive.
  TimePoint now = kT0;
  for (int i = 0; i < 3; ++i) {
    now += minutes(29);
    Result<Session> touched = store.Touch(created->id, now);
    ASSERT_TRUE(touched.ok()) << i;
    EXPECT_EQ(touched->last_seen, now);
  }
  Result<Session> expired = store.Touch(created->id, now + minutes(30));
  EXPECT_EQ(expired.status().code(), ErrorCode::kUnauthenticated);
  EXPECT_EQ(expired.status().reason(), "session.expired");
  EXPECT_EQ(expired.status().message(), "登录已过期，请重新登录");
  // Expired sessions are removed: the next lookup finds nothing.
  EXPECT_EQ(store.Touch(created->id, now).status().reason(), "session.invalid");
}

TEST(SessionStoreTest, AbsoluteTimeoutAfterEightHoursEvenWhenActive) {
  InMemorySessionStore store;
  Result<Session> created = store.Create(1, kT0);
  ASSERT_TRUE(created.ok());
  TimePoint now = kT0;
  while (now + minutes(20) < kT0 + hours(8)) {
    now += minutes(20);
    ASSERT_TRUE(store.Touch(created->id, now).ok());
  }
  EXPECT_TRUE(store.Touch(created->id, kT0 + hours(8) - seconds(1)).ok());
  EXPECT_EQ(store.Touch(created->id, kT0 + hours(8)).status().reason(), "session.expired");
}

TEST(SessionStoreTest, UnknownRemovedAndAccountWideLogout) {
  InMemorySessionStore store;
  EXPECT_EQ(store.Touch("nope", kT0).status().reason(), "session.invalid");
  Result<Session> a = store.Create(1, kT0);
  Result<Session> b = store.Create(1, kT0);
  Result<Session> c = store.Create(2, kT0);
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  store.Remove(a->id);
  EXPECT_EQ(store.Touch(a->id, kT0).status().reason(), "session.invalid");
  EXPECT_EQ(store.RemoveAccount(1), 1U);
  EXPECT_FALSE(store.Touch(b->id, kT0).ok());
  EXPECT_TRUE(store.Touch(c->id, kT0).ok());
}

TEST(SessionStoreTest, PruneDropsExpired) {
  InMemorySessionStore store;
  ASSERT_TRUE(store.Create(1, kT0).ok());
  ASSERT_TRUE(store.Create(2, kT0 + minutes(20)).ok());
  EXPECT_EQ(store.Prune(kT0 + minutes(30)), 1U);
  EXPECT_EQ(store.size(), 1U);
}

TEST(SessionStoreTest, CsrfTokenComparison) {
  InMemorySessionStore store;
  Result<Session> session = store.Create(1, kT0);
  ASSERT_TRUE(session.ok());
  EXPECT_TRUE(CsrfTokenMatches(*session, session->csrf_token));
  std::string wrong = session->csrf_token;
  wrong.back() = wrong.back() == '0' ? '1' : '0';
  EXPECT_FALSE(CsrfTokenMatches(*session, wrong));
  EXPECT_FALSE(CsrfTokenMatches(*session, ""));
  EXPECT_FALSE(CsrfTokenMatches(*session, session->csrf_token.substr(1)));
}

}  // namespace
}  // namespace kangfu::security
