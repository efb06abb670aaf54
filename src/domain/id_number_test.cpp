#include "domain/id_number.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace kangfu::domain {
namespace {

TEST(IdNumberTest, AcceptsValidNumbers) {
  // Check characters computed by hand with ISO 7064 MOD 11-2 (sum mod 11 -> "10X98765432").
  for (const char* text : {"11010519491231002X", "440524198001010013", "110101200002290018",
                           "320102199001011232", "510104198512120012"}) {
    Status status = ValidateIdNumber(text);
    EXPECT_TRUE(status.ok()) << text << ": " << status.ToString();
  }
}

TEST(IdNumberTest, CheckCharOfKnownPrefixes) {
  EXPECT_EQ(IdNumberCheckChar("11010519491231002"), 'X');
  EXPECT_EQ(IdNumberCheckChar("44052419800101001"), '3');
  EXPECT_EQ(IdNumberCheckChar("11010120000229001"), '8');
  // Weighted sum 0 -> '1'.
  EXPECT_EQ(IdNumberCheckChar("00000000000000000"), '1');
  EXPECT_EQ(IdNumberCheckChar("1101051949123100"), std::nullopt);
  EXPECT_EQ(IdNumberCheckChar("1101051949123100A"), std::nullopt);
}

struct Rejected {
  const char* text;
  const char* reason;
};

TEST(IdNumberTest, RejectsBadNumbersWithExactReasons) {
  const std::vector<Rejected> cases = {
      {"", "id_number.length"},
      {"11010519491231002", "id_number.length"},
      {"11010519491231002X1", "id_number.length"},
      {"110105194912310021 ", "id_number.length"},
      {"11010519491231002x", "id_number.format"},
      {"1101051949123100AX", "id_number.format"},
      {"A1010519491231002X", "id_number.format"},
      {"11010519491231002Y", "id_number.format"},
      {"110105 9491231002X", "id_number.format"},
      {"110105190002290010", "id_number.birth_date"},  // 1900 is not a leap year
      {"110105202302290010", "id_number.birth_date"},
      {"110105199013010010", "id_number.birth_date"},
      {"110105199000100010", "id_number.birth_date"},
      {"110105189912310010", "id_number.birth_date"},  // before 1900
      {"110105194912310021", "id_number.checksum"},
      {"110105194912310020", "id_number.checksum"},
      {"440524198001010015", "id_number.checksum"},
      {"44052419800101001X", "id_number.checksum"},
  };
  for (const Rejected& c : cases) {
    Status status = ValidateIdNumber(c.text);
    EXPECT_EQ(status.code(), ErrorCode::kInvalidArgument) << c.text;
    EXPECT_EQ(status.reason(), c.reason) << c.text;
    EXPECT_EQ(status.field(), "id_number") << c.text;
    EXPECT_FALSE(status.message().empty()) << c.text;
  }
}

TEST(IdNumberTest, MessagesAreChineseAndSpecific) {
  EXPECT_EQ(ValidateIdNumber("123").message(),
            "身份证号码应为18位，当前为3个字符，请核对后重新填写");
  EXPECT_EQ(ValidateIdNumber("110105194912310021").message(),
            "身份证号码校验码不正确（第18位与前17位不符），请核对是否有录入错误");
  EXPECT_EQ(ValidateIdNumber("110105202302290010").message(),
            "身份证号码第7至14位的出生日期“20230229”不是有效日期，请核对");
}

// A single-digit typo anywhere in the first 17 digits always changes the check character
// (MOD 11-2 detects all single substitutions).
TEST(IdNumberTest, EverySingleDigitTypoIsCaught) {
  const std::string valid = "320102199001011232";
  for (std::size_t pos = 0; pos < 17; ++pos) {
    if (pos >= 6 && pos < 14) continue;  // birth date digits may become an invalid date instead
    for (char d = '0'; d <= '9'; ++d) {
      if (d == valid[pos]) continue;
      std::string typo = valid;
      typo[pos] = d;
      EXPECT_EQ(ValidateIdNumber(typo).reason(), "id_number.checksum") << typo;
    }
  }
}

}  // namespace
}  // namespace kangfu::domain
