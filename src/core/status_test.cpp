#include "core/status.hpp"

#include <gtest/gtest.h>

namespace kangfu {
namespace {

TEST(StatusTest, DefaultIsOk) {
  Status status;
  EXPECT_TRUE(status.ok());
  EXPECT_EQ(status.ToString(), "ok");
}

TEST(StatusTest, InvalidCarriesFieldReasonAndMessage) {
  Status status = Status::Invalid("effective", "date.invalid", "日期不存在");
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(status.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(status.field(), "effective");
  EXPECT_EQ(status.ToString(), "invalid_argument date.invalid effective: 日期不存在");
}

TEST(StatusTest, PrefixFieldBuildsPaths) {
  Status status = Status::Invalid("effective", "date.invalid", "x");
  status.PrefixField("measures[0]");
  EXPECT_EQ(status.field(), "measures[0].effective");

  Status indexed = Status::Invalid("[2]", "x", "y");
  indexed.PrefixField("queries");
  EXPECT_EQ(indexed.field(), "queries[2]");

  Status empty = Status::Invalid("", "x", "y");
  empty.PrefixField("options");
  EXPECT_EQ(empty.field(), "options");
}

TEST(StatusTest, InternalHidesDetailsFromTheUserMessage) {
  Status status = Status::Internal("sqlite3_step returned 11");
  EXPECT_EQ(status.code(), ErrorCode::kInternal);
  EXPECT_EQ(status.internal(), "sqlite3_step returned 11");
  EXPECT_EQ(status.message().find("sqlite"), std::string::npos);
}

TEST(ResultTest, HoldsValueOrError) {
  Result<int> good = 42;
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 42);
  EXPECT_TRUE(good.status().ok());

  Result<int> bad = Status::NotFound("person.not_found", "未找到该人员");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().reason(), "person.not_found");
}

}  // namespace
}  // namespace kangfu
