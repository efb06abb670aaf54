#include "app/stats_service.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "app/test_support.hpp"

namespace kangfu::app {
namespace {

using testing::AppWorld;
using testing::D;

// --- periods ---

TEST(ParseStatsPeriodTest, AcceptsYearQuarterMonthAndRange) {
  struct Row {
    const char* period;
    const char* from;
    const char* to;
    const char* want_from;
    const char* want_to;
    const char* label;
  };
  const Row rows[] = {
      {"2019", "", "", "2019-01-01", "2019-12-31", "2019年"},
      {"2024-Q1", "", "", "2024-01-01", "2024-03-31", "2024年第一季度"},
      {"2024-q4", "", "", "2024-10-01", "2024-12-31", "2024年第四季度"},
      {"2024-02", "", "", "2024-02-01", "2024-02-29", "2024年2月"},
      {"2023-02", "", "", "2023-02-01", "2023-02-28", "2023年2月"},
      {"", "2023-12-15", "2024-01-10", "2023-12-15", "2024-01-10", "2023-12-15至2024-01-10"},
      {"", "2024-01-10", "2024-01-10", "2024-01-10", "2024-01-10", "2024-01-10至2024-01-10"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(std::string(row.period) + row.from);
    Result<StatsPeriod> period = ParseStatsPeriod(row.period, row.from, row.to);
    ASSERT_TRUE(period.ok()) << period.status().ToString();
    EXPECT_EQ(period->from, D(row.want_from));
    EXPECT_EQ(period->to, D(row.want_to));
    EXPECT_EQ(period->label, row.label);
  }
}

TEST(ParseStatsPeriodTest, RejectsWithReasonAndField) {
  struct Row {
    const char* period;
    const char* from;
    const char* to;
    const char* reason;
    const char* field;
  };
  const Row rows[] = {
      {"19", "", "", "stats.period", "period"},
      {"2019-Q5", "", "", "stats.period", "period"},
      {"2019-Q0", "", "", "stats.period", "period"},
      {"2019-13", "", "", "stats.period", "period"},
      {"2019-00", "", "", "stats.period", "period"},
      {"2019-1", "", "", "stats.period", "period"},
      {"0000", "", "", "stats.period", "period"},
      {"２０１９", "", "", "stats.period", "period"},
      {"2019", "2019-01-01", "", "stats.period", "period"},
      {"", "", "", "stats.period_missing", "period"},
      {"", "2019-02-30", "2019-03-01", "date.invalid", "from"},
      {"", "2019-02-01", "", "date.invalid", "to"},
      {"", "2019-03-01", "2019-02-28", "stats.range", "to"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(std::string(row.period) + "|" + row.from + "|" + row.to);
    Result<StatsPeriod> period = ParseStatsPeriod(row.period, row.from, row.to);
    ASSERT_FALSE(period.ok());
    EXPECT_EQ(period.status().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(period.status().reason(), row.reason);
    EXPECT_EQ(period.status().field(), row.field);
  }
}

// --- shares ---

TEST(MakeFiguresTest, SharesAreExactFractionsAndPercentagesAddUpTo100) {
  struct Row {
    std::array<int64_t, 5> counts;
    std::array<int, 4> tenths;
  };
  const Row rows[] = {
      {{0, 37170, 17958, 4020, 3754}, {591, 285, 64, 60}},       // Guangdong 2019
      {{0, 1487000, 494000, 70000, 74000}, {700, 232, 33, 35}},  // national 2021
      {{0, 1, 1, 1, 0}, {334, 333, 333, 0}},                     // ties: the lower form first
      {{5, 0, 0, 0, 0}, {0, 0, 0, 0}},                           // nothing classified
      {{0, 0, 0, 0, 7}, {0, 0, 0, 1000}},
  };
  for (const Row& row : rows) {
    const FormFigures figures = MakeFigures(storage::FormCounts{row.counts});
    int sum = 0;
    for (std::size_t i = 0; i < 4; ++i) {
      EXPECT_EQ(figures.shares[i].tenths, row.tenths[i]) << i;
      EXPECT_EQ(figures.shares[i].numerator, row.counts[i + 1]);
      EXPECT_EQ(figures.shares[i].denominator, figures.total);
      sum += figures.shares[i].tenths;
    }
    EXPECT_EQ(sum, figures.total == 0 ? 0 : 1000);
    EXPECT_EQ(figures.unclassified, row.counts[0]);
  }
}

// --- the service ---

class StatsServiceTest : public AppWorld {
 protected:
  void SetUp() override {
    AppWorld::SetUp();
    unit_a2_ = AddOrg(city_a_.id, "甲市交通局", storage::OrgLevel::kUnit);
    person_a2_ = AddPerson(3, "王五", unit_a2_.id);
    AddCase(person_a_, "2024-01-10", 1, storage::CaseSource::kSelfReport, "first.criticism");
    AddCase(person_a_, "2024-02-10", 2, storage::CaseSource::kPetition, "party.warning");
    AddCase(person_a2_, "2024-03-31", 3, storage::CaseSource::kSelfReport, "party.probation");
    AddCase(person_b_, "2024-04-01", 1, storage::CaseSource::kAudit, "first.reminder_talk");
    AddCase(person_b_, "2023-12-31", 4, storage::CaseSource::kAudit, "judicial.transfer");
  }

  void AddCase(const storage::Person& person, const char* date, int form,
               storage::CaseSource source, const char* kind) {
    storage::Case c;
    c.person_id = person.id;
    c.organ_id = province_.id;
    c.decision_number = std::string("江纪〔") + date + "〕";
    c.decision_date = D(date);
    c.discipline = storage::Discipline::kIntegrity;
    c.source = source;
    c.form = form;
    auto added = store_->AddCase(c);
    ASSERT_TRUE(added.ok()) << added.status().ToString();
    storage::Measure m;
    m.case_id = added->id;
    m.kind = kind;
    m.effective = D(date);
    ASSERT_TRUE(store_->AddMeasure(m).ok());
  }

  StatsService Service() { return StatsService(*store_, audit_, nullptr); }
  static StatsPeriod Q1() { return ParseStatsPeriod("2024-Q1", "", "").value(); }

  storage::Organisation unit_a2_;
  storage::Person person_a2_;
};

TEST_F(StatsServiceTest, FormsForTheJurisdictionAreAudited) {
  const Actor leader = MakeActor(Role::kLeader, province_, "leader");
  StatsService service = Service();
  Result<FormsReport> report = service.Forms(leader, 0, Q1());
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->scope.org.id, province_.id);
  EXPECT_EQ(report->figures.by_form, (std::array<int64_t, 4>{1, 1, 1, 0}));
  EXPECT_EQ(report->figures.total, 3);
  EXPECT_EQ(report->figures.shares[0], (Share{1, 3, 334}));
  ASSERT_EQ(audit_.events().size(), 1U);
  EXPECT_EQ(audit_.events()[0].event.action, "statistics.read");
  EXPECT_EQ(audit_.events()[0].event.object_id, std::to_string(province_.id));
  EXPECT_EQ(audit_.events()[0].event.detail, "forms 2024-01-01..2024-03-31");
}

TEST_F(StatsServiceTest, RefusesWithoutPermissionOutsideJurisdictionAndWhenAuditFails) {
  StatsService service = Service();
  Result<FormsReport> forbidden =
      service.Forms(MakeActor(Role::kSysAdmin, province_, "admin"), 0, Q1());
  EXPECT_EQ(forbidden.status().reason(), "auth.forbidden");
  const Actor city_b_leader = MakeActor(Role::kLeader, city_b_, "b");
  for (storage::RowId org : {city_a_.id, unit_a1_.id, storage::RowId{999999}}) {
    Result<UnitsReport> outside = service.ByUnit(city_b_leader, org, Q1());
    EXPECT_EQ(outside.status().code(), ErrorCode::kNotFound);
    EXPECT_EQ(outside.status().reason(), "organisation.not_found");
    EXPECT_EQ(outside.status().field(), "org");
  }
  EXPECT_TRUE(audit_.events().empty());
  audit_.set_fail(true);
  EXPECT_EQ(service.Forms(city_b_leader, 0, Q1()).status().reason(), "audit.failed");
}

TEST_F(StatsServiceTest, UnitsAreRankedWithTiesAndTheOwnRemainder) {
  // One case recorded on 甲市 itself.
  const storage::Person on_city = AddPerson(4, "赵六", city_a_.id);
  AddCase(on_city, "2024-03-01", 2, storage::CaseSource::kOther, "party.warning");
  StatsService service = Service();
  Result<UnitsReport> report =
      service.ByUnit(MakeActor(Role::kCaseManager, province_, "m"), city_a_.id, Q1());
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_EQ(report->units.size(), 2U);
  EXPECT_EQ(report->units[0].org.id, unit_a1_.id);  // 2 人次
  EXPECT_EQ(report->units[0].rank, 1);
  EXPECT_EQ(report->units[0].figures.total, 2);
  EXPECT_EQ(report->units[1].org.id, unit_a2_.id);  // 1 人次
  EXPECT_EQ(report->units[1].rank, 2);
  EXPECT_EQ(report->own.total, 1);
  EXPECT_EQ(report->own.by_form, (std::array<int64_t, 4>{0, 1, 0, 0}));
  EXPECT_EQ(report->total.total, 4);
  // Province level in 2024: 甲市 4 (with 本级), 乙市 1 … in Q2 both have one → shared rank 1.
  report = service.ByUnit(MakeActor(Role::kLeader, province_, "l"), 0,
                          ParseStatsPeriod("", "2024-03-31", "2024-04-01").value());
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->units.size(), 2U);
  EXPECT_EQ(report->units[0].org.id, city_a_.id);
  EXPECT_EQ(report->units[0].rank, 1);
  EXPECT_EQ(report->units[1].org.id, city_b_.id);
  EXPECT_EQ(report->units[1].rank, 1);
}

TEST_F(StatsServiceTest, BreakdownsCarryChineseLabelsAndShares) {
  StatsService service = Service();
  const Actor leader = MakeActor(Role::kLeader, province_, "leader");
  Result<BreakdownReport> sources =
      service.Breakdown(leader, 0, ParseStatsPeriod("", "2023-12-31", "2024-04-01").value(),
                        storage::StatsDimension::kSource);
  ASSERT_TRUE(sources.ok()) << sources.status().ToString();
  ASSERT_EQ(sources->rows.size(), 3U);
  // audit 2, self_report 2 (tie: by key), petition 1.
  EXPECT_EQ(sources->rows[0].key, "audit");
  EXPECT_EQ(sources->rows[0].label, "审计");
  EXPECT_EQ(sources->rows[0].share, (Share{2, 5, 400}));
  EXPECT_EQ(sources->rows[1].key, "self_report");
  EXPECT_EQ(sources->rows[1].label, "主动说明问题");
  EXPECT_EQ(sources->rows[1].figures.by_form, (std::array<int64_t, 4>{1, 0, 1, 0}));
  EXPECT_EQ(sources->rows[2].key, "petition");
  EXPECT_EQ(sources->rows[2].share, (Share{1, 5, 200}));
  Result<BreakdownReport> levels =
      service.Breakdown(leader, 0, Q1(), storage::StatsDimension::kLevel);
  ASSERT_TRUE(levels.ok());
  ASSERT_EQ(levels->rows.size(), 1U);
  EXPECT_EQ(levels->rows[0].label, "未填写职级");
  EXPECT_EQ(levels->rows[0].count, 3);
}

TEST_F(StatsServiceTest, TrendListsEveryMonth) {
  StatsService service = Service();
  Result<TrendReport> trend =
      service.Trend(MakeActor(Role::kLeader, province_, "l"), city_b_.id,
                    ParseStatsPeriod("", "2023-12-15", "2024-04-15").value());
  ASSERT_TRUE(trend.ok()) << trend.status().ToString();
  ASSERT_EQ(trend->months.size(), 5U);
  EXPECT_EQ(trend->months[0].year, 2023);
  EXPECT_EQ(trend->months[0].figures.by_form, (std::array<int64_t, 4>{0, 0, 0, 1}));
  EXPECT_EQ(trend->months[4].month, 4);
  EXPECT_EQ(trend->months[4].figures.by_form, (std::array<int64_t, 4>{1, 0, 0, 0}));
  EXPECT_EQ(trend->months[1].figures.total, 0);
}

}  // namespace
}  // namespace kangfu::app
