// The statistics part of the storage contract (Store::CountCasesBy…, migration 0003's rollup):
// every backend returns exactly what a brute-force count over the same cases gives, for periods
// of whole months, partial months and periods across a year boundary, after every kind of write
// (single rows, bulk load, edits, revocations, rollbacks) and after an in-place upgrade.

#include <gtest/gtest.h>

#include <array>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "storage_contract_fixture.hpp"

namespace kangfu::storage {
namespace {

using contract::BackendNames;
using contract::Backends;
using contract::StoreContractTest;

// Valid GB 11643 numbers.
constexpr const char* kIds[] = {"11010519491231002X", "440524198001010013", "320102199001011232",
                                "110101198001010010"};

template <typename Backend>
class StatsContractTest : public StoreContractTest<Backend> {
 protected:
  // Province → 甲市 (甲一, 甲二), 乙市 (乙一). Persons: 0, 1 in 甲一 and 甲二, 2 in 乙一,
  // 3 on 甲市 itself.
  void SetUp() override {
    StoreContractTest<Backend>::SetUp();
    if (this->HasFatalFailure() || this->IsSkipped()) return;
    province_ = this->AddOrg(0, "江南省", OrgLevel::kProvince);
    city_a_ = this->AddOrg(province_.id, "甲市", OrgLevel::kCity);
    unit_a1_ = this->AddOrg(city_a_.id, "甲一局", OrgLevel::kUnit);
    unit_a2_ = this->AddOrg(city_a_.id, "甲二局", OrgLevel::kUnit);
    city_b_ = this->AddOrg(province_.id, "乙市", OrgLevel::kCity);
    unit_b1_ = this->AddOrg(city_b_.id, "乙一局", OrgLevel::kUnit);
    const RowId units[] = {unit_a1_.id, unit_a2_.id, unit_b1_.id, city_a_.id};
    const char* levels[] = {"一级科员", "四级主任科员", "一级科员", "二级调研员"};
    for (int i = 0; i < 4; ++i) {
      Person p = this->MakePerson(kIds[i], units[i]);
      p.post_level = levels[i];
      Result<Person> added = this->store_->AddPerson(p);
      ASSERT_TRUE(added.ok()) << added.status().ToString();
      persons_.push_back(*added);
    }
  }

  struct Spec {
    int person;
    const char* date;
    int form;
    Discipline discipline;
    CaseSource source;
    std::vector<const char*> kinds;
  };

  // The cases every test starts from: across 2023-12 … 2024-03, both edges of months.
  static std::vector<Spec> Specs() {
    return {
        {0, "2023-12-01", 1, Discipline::kIntegrity, CaseSource::kPetition, {"first.criticism"}},
        {0, "2023-12-20", 2, Discipline::kWork, CaseSource::kSelfReport, {"party.warning"}},
        {1,
         "2023-12-31",
         3,
         Discipline::kIntegrity,
         CaseSource::kAudit,
         {"party.removal_from_post", "gov.dismissal_from_post"}},
        {2, "2024-01-01", 1, Discipline::kLife, CaseSource::kSelfReport, {"first.reminder_talk"}},
        {2,
         "2024-01-15",
         4,
         Discipline::kIntegrity,
         CaseSource::kInspection,
         {"party.expulsion", "judicial.transfer"}},
        {3, "2024-01-31", 2, Discipline::kPolitical, CaseSource::kPetition, {"party.warning"}},
        {1, "2024-02-29", 1, Discipline::kWork, CaseSource::kSupervision, {"first.criticism"}},
        {0, "2024-03-10", 0, Discipline::kMasses, CaseSource::kOther, {}},
    };
  }

  Case MakeCase(const Spec& s) const {
    return {.person_id = persons_[static_cast<std::size_t>(s.person)].id,
            .organ_id = province_.id,
            .decision_number = std::string("江纪处〔") + s.date + "〕号",
            .decision_date = this->D(s.date),
            .discipline = s.discipline,
            .source = s.source,
            .form = s.form};
  }

  void AddSpecs(const std::vector<Spec>& specs) {
    for (const Spec& s : specs) {
      Result<Case> c = this->store_->AddCase(MakeCase(s));
      ASSERT_TRUE(c.ok()) << c.status().ToString() << " " << c.status().internal();
      cases_.push_back(*c);
      for (const char* kind : s.kinds) {
        Result<Measure> m = this->store_->AddMeasure(
            {.case_id = c->id, .kind = kind, .effective = c->decision_date});
        ASSERT_TRUE(m.ok()) << m.status().ToString() << " " << m.status().internal();
        measures_.push_back(*m);
      }
    }
  }

  void BulkAddSpecs(const std::vector<Spec>& specs) {
    std::vector<Case> cases;
    cases.reserve(specs.size());
    for (const Spec& s : specs) cases.push_back(MakeCase(s));
    Status added = this->store_->BulkAddCases(cases);
    ASSERT_TRUE(added.ok()) << added.ToString() << " " << added.internal();
    std::vector<Measure> measures;
    for (std::size_t i = 0; i < specs.size(); ++i) {
      for (const char* kind : specs[i].kinds) {
        measures.push_back(
            {.case_id = cases[i].id, .kind = kind, .effective = cases[i].decision_date});
      }
    }
    Status added_measures = this->store_->BulkAddMeasures(measures);
    ASSERT_TRUE(added_measures.ok())
        << added_measures.ToString() << " " << added_measures.internal();
    cases_ = cases;
    measures_ = measures;
  }

  FormCounts Forms(RowId org, const char* from, const char* to) {
    Result<FormCounts> counts = this->store_->CountCasesByForm(org, this->D(from), this->D(to));
    EXPECT_TRUE(counts.ok()) << counts.status().ToString() << " " << counts.status().internal();
    return counts.ok() ? *counts : FormCounts{};
  }

  std::vector<KeyedFormCounts> By(RowId org, const char* from, const char* to,
                                  StatsDimension dimension) {
    Result<std::vector<KeyedFormCounts>> rows =
        this->store_->CountCasesByDimension(org, this->D(from), this->D(to), dimension);
    EXPECT_TRUE(rows.ok()) << rows.status().ToString() << " " << rows.status().internal();
    return rows.ok() ? *rows : std::vector<KeyedFormCounts>{};
  }

  // Brute force over Specs() restricted to persons whose unit is in `units`.
  static FormCounts Expected(const std::vector<Spec>& specs, const std::vector<int>& persons,
                             const char* from, const char* to) {
    FormCounts counts;
    for (const Spec& s : specs) {
      bool in = false;
      for (int p : persons) in = in || p == s.person;
      if (in && std::string(s.date) >= from && std::string(s.date) <= to) {
        ++counts.by_form.at(static_cast<std::size_t>(s.form));
      }
    }
    return counts;
  }

  static FormCounts F(int64_t f0, int64_t f1, int64_t f2, int64_t f3, int64_t f4) {
    return FormCounts{{f0, f1, f2, f3, f4}};
  }

  Organisation province_, city_a_, unit_a1_, unit_a2_, city_b_, unit_b1_;
  std::vector<Person> persons_;
  std::vector<Case> cases_;
  std::vector<Measure> measures_;
};

TYPED_TEST_SUITE(StatsContractTest, Backends, BackendNames);

// Periods: whole months, partial edges, one day, across the year boundary, empty, reversed.
constexpr std::array<std::pair<const char*, const char*>, 12> kPeriods = {{
    {"2023-12-01", "2024-03-31"},
    {"2023-12-01", "2023-12-31"},
    {"2023-12-02", "2024-02-28"},
    {"2023-12-20", "2024-01-15"},
    {"2023-12-31", "2024-01-01"},
    {"2024-01-01", "2024-01-31"},
    {"2024-01-02", "2024-01-30"},
    {"2024-02-29", "2024-02-29"},
    {"2023-01-01", "2024-12-31"},
    {"2023-12-21", "2024-03-10"},
    {"2025-01-01", "2025-12-31"},
    {"2024-02-01", "2024-01-01"},
}};

TYPED_TEST(StatsContractTest, FormCountsMatchBruteForceForEveryPeriodAndSubtree) {
  const auto specs = TestFixture::Specs();
  this->AddSpecs(specs);
  for (const auto& [from, to] : kPeriods) {
    SCOPED_TRACE(std::string(from) + " .. " + to);
    EXPECT_EQ(this->Forms(this->province_.id, from, to),
              TestFixture::Expected(specs, {0, 1, 2, 3}, from, to));
    EXPECT_EQ(this->Forms(this->city_a_.id, from, to),
              TestFixture::Expected(specs, {0, 1, 3}, from, to));
    EXPECT_EQ(this->Forms(this->unit_a1_.id, from, to),
              TestFixture::Expected(specs, {0}, from, to));
    EXPECT_EQ(this->Forms(this->city_b_.id, from, to), TestFixture::Expected(specs, {2}, from, to));
  }
  // Pinned, so that the brute force itself cannot drift: the whole span, per form.
  EXPECT_EQ(this->Forms(this->province_.id, "2023-12-01", "2024-03-31"),
            TestFixture::F(1, 3, 2, 1, 1));
}

TYPED_TEST(StatsContractTest, BulkLoadKeepsTheSameRollupAsSingleRows) {
  const auto specs = TestFixture::Specs();
  this->BulkAddSpecs(specs);
  for (const auto& [from, to] : kPeriods) {
    SCOPED_TRACE(std::string(from) + " .. " + to);
    EXPECT_EQ(this->Forms(this->province_.id, from, to),
              TestFixture::Expected(specs, {0, 1, 2, 3}, from, to));
    EXPECT_EQ(this->Forms(this->unit_a2_.id, from, to),
              TestFixture::Expected(specs, {1}, from, to));
  }
  EXPECT_EQ(this->By(this->province_.id, "2023-12-01", "2024-02-29", StatsDimension::kMeasure),
            (std::vector<KeyedFormCounts>{
                {"first.criticism", TestFixture::F(0, 2, 0, 0, 0)},
                {"first.reminder_talk", TestFixture::F(0, 1, 0, 0, 0)},
                {"gov.dismissal_from_post", TestFixture::F(0, 0, 0, 1, 0)},
                {"judicial.transfer", TestFixture::F(0, 0, 0, 0, 1)},
                {"party.expulsion", TestFixture::F(0, 0, 0, 0, 1)},
                {"party.removal_from_post", TestFixture::F(0, 0, 0, 1, 0)},
                {"party.warning", TestFixture::F(0, 0, 2, 0, 0)},
            }));
}

TYPED_TEST(StatsContractTest, BreakdownsByDisciplineSourceLevelAndMeasure) {
  this->AddSpecs(TestFixture::Specs());
  // 2023-12-20 … 2024-01-31: one partial month, one whole month.
  const char* from = "2023-12-20";
  const char* to = "2024-01-31";
  EXPECT_EQ(this->By(this->province_.id, from, to, StatsDimension::kDiscipline),
            (std::vector<KeyedFormCounts>{
                {"integrity", TestFixture::F(0, 0, 0, 1, 1)},
                {"life", TestFixture::F(0, 1, 0, 0, 0)},
                {"political", TestFixture::F(0, 0, 1, 0, 0)},
                {"work", TestFixture::F(0, 0, 1, 0, 0)},
            }));
  EXPECT_EQ(this->By(this->province_.id, from, to, StatsDimension::kSource),
            (std::vector<KeyedFormCounts>{
                {"audit", TestFixture::F(0, 0, 0, 1, 0)},
                {"inspection", TestFixture::F(0, 0, 0, 0, 1)},
                {"petition", TestFixture::F(0, 0, 1, 0, 0)},
                {"self_report", TestFixture::F(0, 1, 1, 0, 0)},
            }));
  EXPECT_EQ(this->By(this->city_a_.id, from, to, StatsDimension::kLevel),
            (std::vector<KeyedFormCounts>{
                {"一级科员", TestFixture::F(0, 0, 1, 0, 0)},
                {"二级调研员", TestFixture::F(0, 0, 1, 0, 0)},
                {"四级主任科员", TestFixture::F(0, 0, 0, 1, 0)},
            }));
  EXPECT_EQ(this->By(this->city_b_.id, from, to, StatsDimension::kMeasure),
            (std::vector<KeyedFormCounts>{
                {"first.reminder_talk", TestFixture::F(0, 1, 0, 0, 0)},
                {"judicial.transfer", TestFixture::F(0, 0, 0, 0, 1)},
                {"party.expulsion", TestFixture::F(0, 0, 0, 0, 1)},
            }));
  EXPECT_EQ(this->By(this->city_b_.id, "2024-02-01", "2024-02-29", StatsDimension::kMeasure),
            std::vector<KeyedFormCounts>{});
}

TYPED_TEST(StatsContractTest, MonthlyTrendHasEveryMonthOfThePeriod) {
  this->AddSpecs(TestFixture::Specs());
  Result<std::vector<MonthFormCounts>> trend = this->store_->CountCasesByMonth(
      this->province_.id, this->D("2023-11-15"), this->D("2024-03-09"));
  ASSERT_TRUE(trend.ok()) << trend.status().ToString() << " " << trend.status().internal();
  EXPECT_EQ(*trend, (std::vector<MonthFormCounts>{
                        {2023, 11, TestFixture::F(0, 0, 0, 0, 0)},
                        {2023, 12, TestFixture::F(0, 1, 1, 1, 0)},
                        {2024, 1, TestFixture::F(0, 1, 1, 0, 1)},
                        {2024, 2, TestFixture::F(0, 1, 0, 0, 0)},
                        {2024, 3, TestFixture::F(0, 0, 0, 0, 0)},
                    }));
  // Within one month, partial at both ends.
  trend = this->store_->CountCasesByMonth(this->province_.id, this->D("2023-12-02"),
                                          this->D("2023-12-30"));
  ASSERT_TRUE(trend.ok());
  EXPECT_EQ(*trend, (std::vector<MonthFormCounts>{{2023, 12, TestFixture::F(0, 0, 1, 0, 0)}}));
  // Two partial months and no whole one.
  trend = this->store_->CountCasesByMonth(this->province_.id, this->D("2023-12-31"),
                                          this->D("2024-01-01"));
  ASSERT_TRUE(trend.ok());
  EXPECT_EQ(*trend, (std::vector<MonthFormCounts>{{2023, 12, TestFixture::F(0, 0, 0, 1, 0)},
                                                  {2024, 1, TestFixture::F(0, 1, 0, 0, 0)}}));
  Result<std::vector<MonthFormCounts>> too_long = this->store_->CountCasesByMonth(
      this->province_.id, this->D("1900-01-01"), this->D("2000-01-01"));
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.status().reason(), "stats.period_too_long");
  EXPECT_EQ(too_long.status().field(), "to");
}

TYPED_TEST(StatsContractTest, PerChildCountsCoverEachChildsSubtree) {
  this->AddSpecs(TestFixture::Specs());
  Result<std::vector<OrgFormCounts>> children = this->store_->CountCasesByChild(
      this->province_.id, this->D("2023-12-02"), this->D("2024-02-29"));
  ASSERT_TRUE(children.ok()) << children.status().ToString() << " " << children.status().internal();
  ASSERT_EQ(children->size(), 2U);
  EXPECT_EQ((*children)[0].org, this->city_a_);
  EXPECT_EQ((*children)[0].counts, TestFixture::F(0, 1, 2, 1, 0));
  EXPECT_EQ((*children)[1].org, this->city_b_);
  EXPECT_EQ((*children)[1].counts, TestFixture::F(0, 1, 0, 0, 1));
  // 甲市's children leave out the case recorded on 甲市 itself (person 3).
  children = this->store_->CountCasesByChild(this->city_a_.id, this->D("2023-12-01"),
                                             this->D("2024-03-31"));
  ASSERT_TRUE(children.ok());
  ASSERT_EQ(children->size(), 2U);
  EXPECT_EQ((*children)[0].org.id, this->unit_a1_.id);
  EXPECT_EQ((*children)[0].counts, TestFixture::F(1, 1, 1, 0, 0));
  EXPECT_EQ((*children)[1].org.id, this->unit_a2_.id);
  EXPECT_EQ((*children)[1].counts, TestFixture::F(0, 1, 0, 1, 0));
  // A leaf has no children; zeros are listed.
  children = this->store_->CountCasesByChild(this->unit_b1_.id, this->D("2023-12-01"),
                                             this->D("2024-03-31"));
  ASSERT_TRUE(children.ok());
  EXPECT_TRUE(children->empty());
  children = this->store_->CountCasesByChild(this->province_.id, this->D("2025-01-01"),
                                             this->D("2025-12-31"));
  ASSERT_TRUE(children.ok());
  ASSERT_EQ(children->size(), 2U);
  EXPECT_EQ((*children)[1].counts, FormCounts{});
}

TYPED_TEST(StatsContractTest, EditsMoveCountsBetweenMonthsFormsAndValues) {
  this->AddSpecs(TestFixture::Specs());
  // Case 1 (2023-12-20, form 2, work, party.warning) moves to 2024-02-10, form 3, political.
  Case edited = this->cases_[1];
  edited.decision_date = this->D("2024-02-10");
  edited.form = 3;
  edited.discipline = Discipline::kPolitical;
  ASSERT_TRUE(this->store_->UpdateCase(edited).ok());
  EXPECT_EQ(this->Forms(this->province_.id, "2023-12-01", "2023-12-31"),
            TestFixture::F(0, 1, 0, 1, 0));
  EXPECT_EQ(this->Forms(this->province_.id, "2024-02-01", "2024-02-29"),
            TestFixture::F(0, 1, 0, 1, 0));
  EXPECT_EQ(this->By(this->unit_a1_.id, "2024-02-01", "2024-02-29", StatsDimension::kMeasure),
            (std::vector<KeyedFormCounts>{{"party.warning", TestFixture::F(0, 0, 0, 1, 0)}}));
  EXPECT_EQ(this->By(this->unit_a1_.id, "2024-02-01", "2024-02-29", StatsDimension::kDiscipline),
            (std::vector<KeyedFormCounts>{{"political", TestFixture::F(0, 0, 0, 1, 0)}}));
  // Revoking a measure removes it from the measure breakdown (rules.md §2); changing a kind
  // moves it; un-revoking brings it back.
  Measure warning = this->measures_[1];
  warning.revoked = true;
  Result<Measure> revoked = this->store_->UpdateMeasure(warning);
  ASSERT_TRUE(revoked.ok()) << revoked.status().ToString();
  EXPECT_EQ(this->By(this->unit_a1_.id, "2024-02-01", "2024-02-29", StatsDimension::kMeasure),
            std::vector<KeyedFormCounts>{});
  Measure criticism = this->measures_[0];
  criticism.kind = "first.written_review";
  ASSERT_TRUE(this->store_->UpdateMeasure(criticism).ok());
  EXPECT_EQ(
      this->By(this->unit_a1_.id, "2023-12-01", "2023-12-31", StatsDimension::kMeasure),
      (std::vector<KeyedFormCounts>{{"first.written_review", TestFixture::F(0, 1, 0, 0, 0)}}));
  Measure back = *revoked;
  back.revoked = false;
  ASSERT_TRUE(this->store_->UpdateMeasure(back).ok());
  EXPECT_EQ(this->By(this->unit_a1_.id, "2024-02-01", "2024-02-29", StatsDimension::kMeasure),
            (std::vector<KeyedFormCounts>{{"party.warning", TestFixture::F(0, 0, 0, 1, 0)}}));
  // A revoked measure added later does not count either.
  ASSERT_TRUE(this->store_
                  ->AddMeasure({.case_id = this->cases_[1].id,
                                .kind = "gov.demerit",
                                .effective = this->D("2024-02-10"),
                                .revoked = true})
                  .ok());
  EXPECT_EQ(
      this->By(this->unit_a1_.id, "2024-02-01", "2024-02-29", StatsDimension::kMeasure).size(), 1U);
}

TYPED_TEST(StatsContractTest, LevelIsTheOneTheCaseWasRecordedWith) {
  this->AddSpecs(TestFixture::Specs());
  Person promoted = this->persons_[2];
  promoted.post_level = "一级调研员";
  ASSERT_TRUE(this->store_->UpdatePerson(promoted).ok());
  EXPECT_EQ(this->By(this->city_b_.id, "2024-01-01", "2024-01-31", StatsDimension::kLevel),
            (std::vector<KeyedFormCounts>{{"一级科员", TestFixture::F(0, 1, 0, 0, 1)}}));
}

TYPED_TEST(StatsContractTest, RolledBackWritesLeaveTheRollupAsItWas) {
  this->AddSpecs(TestFixture::Specs());
  const FormCounts before = this->Forms(this->province_.id, "2023-01-01", "2024-12-31");
  Status failed = this->store_->InTransaction([&]() -> Status {
    Result<Case> added = this->store_->AddCase(this->MakeCase(
        {0, "2024-05-01", 1, Discipline::kWork, CaseSource::kOther, {"first.criticism"}}));
    if (!added.ok()) return added.status();
    Result<Measure> m = this->store_->AddMeasure(
        {.case_id = added->id, .kind = "first.criticism", .effective = added->decision_date});
    if (!m.ok()) return m.status();
    return Status::Invalid("x", "test.rollback", "回滚");
  });
  EXPECT_EQ(failed.reason(), "test.rollback");
  EXPECT_EQ(this->Forms(this->province_.id, "2023-01-01", "2024-12-31"), before);
  EXPECT_EQ(this->By(this->province_.id, "2024-05-01", "2024-05-31", StatsDimension::kMeasure),
            std::vector<KeyedFormCounts>{});
}

TYPED_TEST(StatsContractTest, UnknownOrganisationIsNotFound) {
  const Date d = this->D("2024-01-01");
  EXPECT_EQ(
      this->store_->CountCasesByDimension(999999, d, d, StatsDimension::kSource).status().reason(),
      "organisation.not_found");
  EXPECT_EQ(this->store_->CountCasesByMonth(999999, d, d).status().reason(),
            "organisation.not_found");
  EXPECT_EQ(this->store_->CountCasesByChild(999999, d, d).status().reason(),
            "organisation.not_found");
  EXPECT_EQ(this->store_->CountCasesByForm(999999, d, d).status().reason(),
            "organisation.not_found");
}

// Only a database that outlives its store can be reopened at an older version: the SQLite file
// and PostgreSQL (not SQLite in memory).
template <typename Backend>
class StatsUpgradeTest : public StatsContractTest<Backend> {};
using PersistentBackends = ::testing::Types<contract::SqliteFile, contract::Postgres>;
TYPED_TEST_SUITE(StatsUpgradeTest, PersistentBackends, BackendNames);

// A database written at schema version 2 (yearly rollup) upgrades in place: the monthly rollup
// is filled from the rows on record, levels included.
TYPED_TEST(StatsUpgradeTest, UpgradeFromVersion2BackfillsTheRollup) {
  const auto specs = TestFixture::Specs();
  this->AddSpecs(specs);
  // Turn the database back into a version-2 one holding the same rows.
  const std::string url = this->url_;
  this->store_.reset();
  {
    Result<std::unique_ptr<SqlConnection>> db = OpenSqlConnection(url);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    ASSERT_TRUE((*db)->Exec("DROP TABLE case_stats_rollup").ok());
    ASSERT_TRUE((*db)->Exec("DROP INDEX IF EXISTS cases_date_stats").ok());
    ASSERT_TRUE((*db)->Exec("ALTER TABLE cases DROP COLUMN person_level").ok());
    ASSERT_TRUE((*db)
                    ->Exec("CREATE TABLE case_form_rollup (org_id INTEGER NOT NULL, year INTEGER "
                           "NOT NULL, form INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY "
                           "(org_id, year, form))")
                    .ok());
    // Versions 4 (aftercare), 5 (vetting), 6 (oversight), 7 (reuse), 8 (aftercare schedule) and
    // 10 (its indicator counts) came later: their tables go too, dependents first (indexes go
    // with their tables), and 14's (the audit log's time order). Version 9's audit indexes stay:
    // they are created IF NOT EXISTS.
    for (const char* table : {"aftercare_schedule_checkpoint",
                              "aftercare_overdue_rollup",
                              "aftercare_coverage_rollup",
                              "aftercare_schedule_subjects",
                              "aftercare_schedule",
                              "reuse_settings",
                              "reuse_assessments",
                              "reuse_steps",
                              "reuse_documents",
                              "reuse_files",
                              "fault_tolerance",
                              "clearance_allegations",
                              "clearances",
                              "interview_persons",
                              "interview_interviewers",
                              "interviews",
                              "clues",
                              "vetting_candidates",
                              "vetting_requests",
                              "aftercare_settings",
                              "aftercare_escalations",
                              "aftercare_reports",
                              "aftercare_talks",
                              "aftercare_mentors",
                              "aftercare_visits",
                              "aftercare_plan_edits",
                              "aftercare_visit_plans",
                              "aftercare_execution_items",
                              "audit_time_order"}) {
      ASSERT_TRUE((*db)->Exec(std::string("DROP TABLE ") + table).ok()) << table;
    }
    ASSERT_TRUE((*db)->Exec("DELETE FROM kangfu_schema_version WHERE version >= 3").ok());
    Result<int> version = ReadSchemaVersion(**db);
    ASSERT_TRUE(version.ok());
    ASSERT_EQ(*version, 2);
  }
  Result<std::unique_ptr<Store>> reopened = OpenStore(url);
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString() << " " << reopened.status().internal();
  this->store_ = std::move(reopened).value();
  ASSERT_EQ(*this->store_->SchemaVersion(), 14);
  for (const auto& [from, to] : kPeriods) {
    SCOPED_TRACE(std::string(from) + " .. " + to);
    EXPECT_EQ(this->Forms(this->province_.id, from, to),
              TestFixture::Expected(specs, {0, 1, 2, 3}, from, to));
    EXPECT_EQ(this->Forms(this->city_a_.id, from, to),
              TestFixture::Expected(specs, {0, 1, 3}, from, to));
  }
  EXPECT_EQ(this->By(this->city_a_.id, "2023-12-01", "2024-01-31", StatsDimension::kLevel),
            (std::vector<KeyedFormCounts>{
                {"一级科员", TestFixture::F(0, 1, 1, 0, 0)},
                {"二级调研员", TestFixture::F(0, 0, 1, 0, 0)},
                {"四级主任科员", TestFixture::F(0, 0, 0, 1, 0)},
            }));
  EXPECT_EQ(this->By(this->province_.id, "2023-12-01", "2023-12-31", StatsDimension::kMeasure),
            (std::vector<KeyedFormCounts>{
                {"first.criticism", TestFixture::F(0, 1, 0, 0, 0)},
                {"gov.dismissal_from_post", TestFixture::F(0, 0, 0, 1, 0)},
                {"party.removal_from_post", TestFixture::F(0, 0, 0, 1, 0)},
                {"party.warning", TestFixture::F(0, 0, 1, 0, 0)},
            }));
}

}  // namespace
}  // namespace kangfu::storage
