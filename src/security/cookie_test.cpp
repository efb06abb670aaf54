#include "security/cookie.hpp"

#include <gtest/gtest.h>

#include "security/random.hpp"

namespace kangfu::security {
namespace {

TEST(CookieTest, SessionCookieAttributes) {
  EXPECT_EQ(SessionCookie("abc", {.secure = true}),
            "kangfu_session=abc; Path=/; HttpOnly; SameSite=Strict; Secure");
  EXPECT_EQ(SessionCookie("abc", {.secure = false}),
            "kangfu_session=abc; Path=/; HttpOnly; SameSite=Strict");
  EXPECT_EQ(ExpiredSessionCookie({.secure = true}),
            "kangfu_session=; Path=/; HttpOnly; SameSite=Strict; Secure; Max-Age=0");
}

TEST(CookieTest, FindCookie) {
  EXPECT_EQ(FindCookie("kangfu_session=abc", "kangfu_session"), "abc");
  EXPECT_EQ(FindCookie("a=1; kangfu_session=abc ; b=2", "kangfu_session"), "abc");
  EXPECT_EQ(FindCookie("a=1;kangfu_session=\"q\"", "kangfu_session"), "q");
  EXPECT_EQ(FindCookie("x_kangfu_session=1; kangfu_session=2", "kangfu_session"), "2");
  EXPECT_EQ(FindCookie("kangfu_session=1; kangfu_session=2", "kangfu_session"), "1");
  EXPECT_EQ(FindCookie("kangfu_session=", "kangfu_session"), "");
  EXPECT_EQ(FindCookie("a=1; b", "kangfu_session"), std::nullopt);
  EXPECT_EQ(FindCookie("", "kangfu_session"), std::nullopt);
}

TEST(RandomTest, BytesHexAndConstantTimeEquals) {
  Result<std::string> bytes = RandomBytes(32);
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(bytes->size(), 32U);
  EXPECT_EQ(ToHex(std::string("\x00\xff\x1a", 3)), "00ff1a");
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
}

}  // namespace
}  // namespace kangfu::security
