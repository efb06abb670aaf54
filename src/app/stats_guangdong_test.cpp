// Correctness proof for the four-forms statistics (issue 7): a data set generated to match the
// Guangdong 2019 row of rules.md §8 exactly — 62,902 人次: 37,170 / 17,958 / 4,020 / 3,754 —
// loaded through the store's bulk path, then read back through the use case: the four numbers,
// the shares (59.1% / 28.5% / 6.4% / 6.0%), and the same total however the year is cut.

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

#include "app/stats_service.hpp"
#include "app/test_support.hpp"
#include "domain/id_number.hpp"

namespace kangfu::app {
namespace {

using testing::D;
using testing::FakeAudit;

constexpr std::array<int64_t, 4> kGuangdong2019 = {37170, 17958, 4020, 3754};
constexpr int kCities = 21;  // 广东省 has 21 prefecture-level cities
constexpr int kPersonsPerCity = 100;

std::string SyntheticId(int k) {
  const domain::Date birth = D("1970-01-01").AddDays(k / 1000);
  std::string digits = birth.ToString();
  std::string first17 = "440100" + digits.substr(0, 4) + digits.substr(5, 2) + digits.substr(8, 2);
  const std::string seq = std::to_string(k % 1000);
  first17 += std::string(3 - seq.size(), '0') + seq;
  return first17 + *domain::IdNumberCheckChar(first17);
}

class Guangdong2019Test : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = storage::OpenStore("sqlite::memory:");
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
    auto province = store_->AddOrganisation(
        {.parent_id = 0, .name = "广东省", .level = storage::OrgLevel::kProvince});
    ASSERT_TRUE(province.ok());
    province_ = *province;
    std::vector<storage::Person> persons;
    for (int c = 0; c < kCities; ++c) {
      auto city = store_->AddOrganisation({.parent_id = province_.id,
                                           .name = "第" + std::to_string(c + 1) + "市",
                                           .level = storage::OrgLevel::kCity});
      ASSERT_TRUE(city.ok());
      auto unit = store_->AddOrganisation(
          {.parent_id = city->id, .name = "市直机关", .level = storage::OrgLevel::kUnit});
      ASSERT_TRUE(unit.ok());
      for (int p = 0; p < kPersonsPerCity; ++p) {
        persons.push_back({.id_number = SyntheticId(c * kPersonsPerCity + p),
                           .name = "干部",
                           .unit_id = unit->id,
                           .post_level = p % 10 == 0 ? "县处级" : "乡科级",
                           .party_member = true});
      }
    }
    ASSERT_TRUE(store_->BulkAddPersons(persons).ok());
    // Cases: form by index, decision dates spread over every day of 2019, persons round robin;
    // plus cases on 2018-12-31 and 2020-01-01 that the year must not count.
    std::vector<storage::Case> cases;
    int64_t index = 0;
    for (std::size_t form = 0; form < kGuangdong2019.size(); ++form) {
      for (int64_t n = 0; n < kGuangdong2019[form]; ++n, ++index) {
        cases.push_back(MakeCase(
            persons, index, D("2019-01-01").AddDays(static_cast<int32_t>((index * 7919) % 365)),
            static_cast<int>(form) + 1));
      }
    }
    for (int k = 0; k < 100; ++k) {
      cases.push_back(MakeCase(persons, k, D(k % 2 == 0 ? "2018-12-31" : "2020-01-01"), 1 + k % 4));
    }
    for (std::size_t at = 0; at < cases.size(); at += 10000) {
      std::span<storage::Case> batch(cases.data() + at,
                                     std::min<std::size_t>(10000, cases.size() - at));
      Status added = store_->BulkAddCases(batch);
      ASSERT_TRUE(added.ok()) << added.ToString() << " " << added.internal();
    }
    leader_.username = "leader";
    leader_.roles = {Role::kLeader};
    leader_.jurisdiction_org = province_.id;
    leader_.jurisdiction_path = province_.path;
  }

  storage::Case MakeCase(const std::vector<storage::Person>& persons, int64_t index,
                         domain::Date date, int form) {
    const storage::Person& person = persons[static_cast<std::size_t>(index) % persons.size()];
    return {.person_id = person.id,
            .organ_id = province_.id,
            .decision_number = "粤纪〔2019〕" + std::to_string(index) + "号",
            .decision_date = date,
            .discipline = static_cast<storage::Discipline>(index % 6),
            .source = static_cast<storage::CaseSource>(index % 6),
            .form = form};
  }

  std::unique_ptr<storage::Store> store_;
  FakeAudit audit_;
  storage::Organisation province_;
  Actor leader_;
};

TEST_F(Guangdong2019Test, TheYearGivesTheFourPublishedNumbersAndShares) {
  StatsService service(*store_, audit_, nullptr);
  Result<FormsReport> report = service.Forms(leader_, 0, ParseStatsPeriod("2019", "", "").value());
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->figures.total, 62902);
  EXPECT_EQ(report->figures.by_form, kGuangdong2019);
  EXPECT_EQ(report->figures.unclassified, 0);
  const std::array<int, 4> tenths = {591, 285, 64, 60};
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(report->figures.shares[i],
              (Share{.numerator = kGuangdong2019[i], .denominator = 62902, .tenths = tenths[i]}));
  }

  // However the year is cut — quarters, months, units, a custom split mid-month, a breakdown —
  // the parts add up to the same four numbers.
  std::array<int64_t, 4> quarters{};
  for (const char* q : {"2019-Q1", "2019-Q2", "2019-Q3", "2019-Q4"}) {
    Result<FormsReport> part = service.Forms(leader_, 0, ParseStatsPeriod(q, "", "").value());
    ASSERT_TRUE(part.ok());
    for (std::size_t i = 0; i < 4; ++i) quarters[i] += part->figures.by_form[i];
  }
  EXPECT_EQ(quarters, kGuangdong2019);

  std::array<int64_t, 4> split{};
  for (const auto& [from, to] :
       {std::pair{"2019-01-01", "2019-06-17"}, std::pair{"2019-06-18", "2019-12-31"}}) {
    Result<FormsReport> part = service.Forms(leader_, 0, ParseStatsPeriod("", from, to).value());
    ASSERT_TRUE(part.ok());
    for (std::size_t i = 0; i < 4; ++i) split[i] += part->figures.by_form[i];
  }
  EXPECT_EQ(split, kGuangdong2019);

  Result<TrendReport> trend = service.Trend(leader_, 0, ParseStatsPeriod("2019", "", "").value());
  ASSERT_TRUE(trend.ok());
  ASSERT_EQ(trend->months.size(), 12U);
  std::array<int64_t, 4> months{};
  for (const TrendRow& m : trend->months) {
    for (std::size_t i = 0; i < 4; ++i) months[i] += m.figures.by_form[i];
  }
  EXPECT_EQ(months, kGuangdong2019);

  Result<UnitsReport> units = service.ByUnit(leader_, 0, ParseStatsPeriod("2019", "", "").value());
  ASSERT_TRUE(units.ok());
  ASSERT_EQ(units->units.size(), static_cast<std::size_t>(kCities));
  std::array<int64_t, 4> by_unit{};
  for (const UnitRow& u : units->units) {
    for (std::size_t i = 0; i < 4; ++i) by_unit[i] += u.figures.by_form[i];
  }
  EXPECT_EQ(by_unit, kGuangdong2019);
  EXPECT_EQ(units->own.total, 0);
  EXPECT_EQ(units->units.front().rank, 1);

  Result<BreakdownReport> levels = service.Breakdown(
      leader_, 0, ParseStatsPeriod("2019", "", "").value(), storage::StatsDimension::kLevel);
  ASSERT_TRUE(levels.ok());
  int64_t level_total = 0;
  int tenths_total = 0;
  for (const BreakdownRow& row : levels->rows) {
    level_total += row.count;
    tenths_total += row.share.tenths;
  }
  EXPECT_EQ(level_total, 62902);
  EXPECT_EQ(tenths_total, 1000);
}

}  // namespace
}  // namespace kangfu::app
