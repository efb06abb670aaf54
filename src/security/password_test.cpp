#include "security/password.hpp"

#include <gtest/gtest.h>

namespace kangfu::security {
namespace {

// Small costs keep the test fast; the encoding records them, so verification needs no params.
constexpr Argon2Params kFast{.time_cost = 1, .memory_kib = 64, .parallelism = 1};

TEST(PasswordHashTest, VerifiesTheRightPasswordOnly) {
  Result<std::string> hash = HashPassword("Kangfu-2025-zhang", kFast);
  ASSERT_TRUE(hash.ok()) << hash.status().ToString();
  EXPECT_EQ(hash->rfind("$argon2id$v=19$m=64,t=1,p=1$", 0), 0U) << *hash;
  EXPECT_TRUE(VerifyPassword("Kangfu-2025-zhang", *hash));
  EXPECT_FALSE(VerifyPassword("Kangfu-2025-Zhang", *hash));
  EXPECT_FALSE(VerifyPassword("", *hash));
}

TEST(PasswordHashTest, SaltsDiffer) {
  Result<std::string> first = HashPassword("同一个密码Abc123", kFast);
  Result<std::string> second = HashPassword("同一个密码Abc123", kFast);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_NE(*first, *second);
  EXPECT_TRUE(VerifyPassword("同一个密码Abc123", *second));
}

TEST(PasswordHashTest, MalformedEncodingsAreFalse) {
  EXPECT_FALSE(VerifyPassword("x", ""));
  EXPECT_FALSE(VerifyPassword("x", "plaintext"));
  EXPECT_FALSE(VerifyPassword("x", "$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaA"));
  EXPECT_FALSE(VerifyPassword("x", "$argon2id$v=19$m=64,t=1,p=1$broken"));
}

TEST(PasswordHashTest, DefaultParamsAndRehash) {
  Result<std::string> hash = HashPassword("Kangfu-2025-zhang");
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(hash->rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0U) << *hash;
  EXPECT_FALSE(NeedsRehash(*hash));
  EXPECT_TRUE(NeedsRehash(*hash, kFast));
}

struct PolicyCase {
  std::string password;
  std::string user_name;
  std::vector<std::string> reasons;  // empty: accepted
};

class PasswordPolicyTest : public ::testing::TestWithParam<PolicyCase> {};

TEST_P(PasswordPolicyTest, Checks) {
  const PolicyCase& c = GetParam();
  Status status = CheckPasswordPolicy(c.password, c.user_name);
  if (c.reasons.empty()) {
    EXPECT_TRUE(status.ok()) << status.ToString();
    return;
  }
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(status.field(), "password");
  EXPECT_EQ(status.reason(), c.reasons.front());
  std::vector<std::string> reasons;
  for (const FieldError& detail : status.details()) reasons.push_back(detail.reason);
  EXPECT_EQ(reasons, c.reasons);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, PasswordPolicyTest,
    ::testing::Values(
        PolicyCase{"Abcdefgh12", "zhangsan", {}}, PolicyCase{"abcdefgh1!", "zhangsan", {}},
        PolicyCase{"康复系统abc123", "zhangsan", {}},  // non-ASCII counts as other
        PolicyCase{"Abcdefg12", "zhangsan", {"password.too_short"}},
        PolicyCase{"abcdefghij12", "zhangsan", {"password.too_simple"}},
        PolicyCase{"ABCDEFGHIJ", "zhangsan", {"password.too_simple"}},
        PolicyCase{"Zhangsan-2025", "zhangsan", {"password.contains_user_name"}},
        PolicyCase{"abc",
                   "abc",
                   {"password.too_short", "password.too_simple", "password.contains_user_name"}},
        PolicyCase{"Ab1-Ab1-Ab1", "ab", {}},  // short user names are not checked
        PolicyCase{"", "", {"password.too_short", "password.too_simple"}}));

TEST(PasswordPolicyTest, MessagesAreChinese) {
  Status status = CheckPasswordPolicy("short", "");
  ASSERT_EQ(status.details().size(), 2U);
  EXPECT_EQ(status.details()[0].message, "密码长度至少为 10 个字符");
  EXPECT_EQ(status.details()[1].message,
            "密码须至少包含小写字母、大写字母、数字、其他符号中的三类");
}

}  // namespace
}  // namespace kangfu::security
