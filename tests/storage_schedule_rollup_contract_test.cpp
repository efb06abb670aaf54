// Contract of the indicator counts of the stored schedule (migration 0010, storage/
// schedule_rollup.hpp) on every backend: after any series of replans — a subject's visits
// fulfilled early, late or never, moved to another unit, all its items gone — the counts that
// visit_coverage and overdue_work read (IndicatorStore::CountVisitCoverage /
// CountOverdueScheduled) equal a direct count over the subjects' current schedules, for every
// subtree, every window (edges inside and on month boundaries) and every day. And a database of
// version 9 upgrades: the schedule is emptied to be replanned, and the replans fill the counts.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "storage/schedule_rollup.hpp"
#include "storage_contract_fixture.hpp"

namespace kangfu::storage {
namespace {

using contract::BackendNames;
using contract::Backends;

// The definitions the indicators use (as the direct SQL of migration 0008 counted them).
std::vector<DisciplinedVisited> DirectCoverage(const std::map<RowId, SchedulePlan>& plans,
                                               const std::string& root, Date from, Date to) {
  std::map<std::string, DisciplinedVisited> units;
  for (const auto& [id, plan] : plans) {
    if (!plan.unit_path.starts_with(root)) continue;
    bool due = false;
    bool all_done = true;
    for (const ScheduleItemRow& item : plan.items) {
      if (item.kind != "visit" || item.due < from || item.due > to) continue;
      due = true;
      if (!item.done_on || *item.done_on > to) all_done = false;
    }
    if (!due) continue;
    DisciplinedVisited& unit = units[plan.unit_path];
    unit.unit_path = plan.unit_path;
    ++unit.disciplined;
    if (all_done) ++unit.visited;
  }
  std::vector<DisciplinedVisited> out;
  out.reserve(units.size());
  for (auto& [path, unit] : units) out.push_back(unit);
  return out;
}

std::vector<UnitCount> DirectOverdue(const std::map<RowId, SchedulePlan>& plans,
                                     const std::string& root, Date day) {
  std::map<std::pair<std::string, std::string>, int64_t> counts;
  for (const auto& [id, plan] : plans) {
    if (!plan.unit_path.starts_with(root)) continue;
    for (const ScheduleItemRow& item : plan.items) {
      if (item.kind != "visit" && item.kind != "mentor_first_talk" && item.kind != "mentor_talk" &&
          item.kind != "mentor_report") {
        continue;
      }
      if (item.done_on || !item.may_be_overdue || item.due >= day || item.listed_from > day ||
          (item.listed_until && *item.listed_until < day)) {
        continue;
      }
      ++counts[{plan.unit_path, item.kind}];
    }
  }
  std::vector<UnitCount> out;
  out.reserve(counts.size());
  for (const auto& [key, n] : counts) out.push_back({key.first, key.second, n});
  return out;
}

template <typename Backend>
class ScheduleRollupContractTest : public contract::StoreContractTest<Backend> {
 protected:
  void SetUp() override {
    contract::StoreContractTest<Backend>::SetUp();
    if (this->IsSkipped() || this->HasFatalFailure()) return;
    std::tie(province_, city_, unit_, other_) = this->AddStandardTree();
    for (const char* id : {contract::kIdA, contract::kIdB, contract::kIdC}) {
      persons_.push_back(this->AddPerson(id, unit_.id).id);
    }
  }

  // A small deterministic generator (the same sequence on every platform).
  int Next(int bound) {
    seed_ = seed_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<int>((seed_ >> 33) % static_cast<uint64_t>(bound));
  }

  // A random plan of `person` under one of the units: up to four visits (some sharing a due day)
  // fulfilled early, late or not at all, and mentoring items listed for a while or until done.
  SchedulePlan RandomPlan(RowId person) {
    const Organisation* units[] = {&unit_, &city_, &other_};
    SchedulePlan plan{.person_id = person,
                      .unit_path = units[Next(3)]->path,
                      .planned_until = this->D("2027-01-01"),
                      .stamp = "s1"};
    const Date base = this->D("2023-11-01");
    const int visits = Next(5);
    for (int i = 0; i < visits; ++i) {
      ScheduleItemRow v{.kind = "visit", .ref = "v" + std::to_string(i), .title = "回访"};
      v.due = i > 0 && Next(4) == 0 ? plan.items.back().due : base.AddDays(Next(800));
      v.listed_from = v.due.AddDays(-Next(180));
      switch (Next(4)) {
        case 0:
          v.done_on = v.due.AddDays(-Next(60));
          break;
        case 1:
          v.done_on = v.due.AddDays(1 + Next(90));
          break;
        case 2:
          v.done_on = v.due;
          break;
        default:
          break;
      }
      plan.items.push_back(v);
    }
    const char* kinds[] = {"mentor_first_talk", "mentor_talk", "mentor_report", "execution"};
    const int others = Next(3);
    for (int i = 0; i < others; ++i) {
      ScheduleItemRow m{.kind = kinds[Next(4)], .ref = "m" + std::to_string(i), .title = "帮带"};
      m.listed_from = base.AddDays(Next(800));
      m.due = m.listed_from.AddDays(Next(40) - 5);
      if (Next(2) == 0) m.listed_until = m.due.AddDays(Next(120) - 10);
      m.may_be_overdue = Next(5) != 0;
      plan.items.push_back(m);
    }
    return plan;
  }

  void Replan(const SchedulePlan& plan) {
    Status replaced = this->store_->Aftercare().ReplaceSchedule(plan);
    ASSERT_TRUE(replaced.ok()) << replaced.ToString() << " " << replaced.internal();
    plans_[plan.person_id] = plan;
  }

  // Every subtree × every window of `days` (and one reversed) × every day.
  void ExpectCountsEqualDirect() {
    const std::vector<Date> days = {
        this->D("2023-12-31"), this->D("2024-01-01"), this->D("2024-01-15"), this->D("2024-01-31"),
        this->D("2024-02-01"), this->D("2024-02-29"), this->D("2024-07-01"), this->D("2024-12-31"),
        this->D("2025-01-01"), this->D("2025-03-14"), this->D("2025-06-30"), this->D("2026-02-28")};
    for (const Organisation* root : {&province_, &city_, &unit_, &other_}) {
      for (std::size_t i = 0; i < days.size(); ++i) {
        for (std::size_t j = i; j < days.size(); ++j) {
          SCOPED_TRACE(root->path + " " + days[i].ToString() + ".." + days[j].ToString());
          Result<std::vector<DisciplinedVisited>> coverage =
              this->store_->Indicators().CountVisitCoverage(root->id, days[i], days[j]);
          ASSERT_TRUE(coverage.ok()) << coverage.status().ToString();
          EXPECT_EQ(*coverage, DirectCoverage(plans_, root->path, days[i], days[j]));
        }
        SCOPED_TRACE(root->path + " on " + days[i].ToString());
        Result<std::vector<UnitCount>> overdue =
            this->store_->Indicators().CountOverdueScheduled(root->id, days[i]);
        ASSERT_TRUE(overdue.ok()) << overdue.status().ToString();
        EXPECT_EQ(*overdue, DirectOverdue(plans_, root->path, days[i]));
      }
      Result<std::vector<DisciplinedVisited>> reversed =
          this->store_->Indicators().CountVisitCoverage(root->id, this->D("2025-01-01"),
                                                        this->D("2024-12-31"));
      ASSERT_TRUE(reversed.ok());
      EXPECT_TRUE(reversed->empty());
    }
  }

  // The stored schedule of every subject equals the plan last written (items in the store's
  // order: kind, ref, due).
  void ExpectSchedulesEqualPlans() {
    for (const auto& [person, plan] : plans_) {
      Result<std::optional<SchedulePlan>> stored = this->store_->Aftercare().GetSchedule(person);
      ASSERT_TRUE(stored.ok() && stored->has_value()) << person;
      SchedulePlan expected = plan;
      std::sort(expected.items.begin(), expected.items.end(), [](const auto& l, const auto& r) {
        return std::tie(l.kind, l.ref, l.due) < std::tie(r.kind, r.ref, r.due);
      });
      if (expected.items.empty()) (*stored)->unit_path = expected.unit_path;  // not stored
      EXPECT_EQ(**stored, expected) << person;
    }
  }

  Organisation province_, city_, unit_, other_;
  std::vector<RowId> persons_;
  std::map<RowId, SchedulePlan> plans_;
  uint64_t seed_ = 7;
};

TYPED_TEST_SUITE(ScheduleRollupContractTest, Backends, BackendNames);

// A hand-made case first: one subject, two visits a quarter apart, the first fulfilled late.
TYPED_TEST(ScheduleRollupContractTest, LateVisitCountedUntilFulfilled) {
  SchedulePlan plan{.person_id = this->persons_[0],
                    .unit_path = this->unit_.path,
                    .planned_until = this->D("2027-01-01"),
                    .stamp = "s1"};
  ScheduleItemRow first{.kind = "visit", .ref = "first", .title = "回访"};
  first.listed_from = this->D("2024-01-10");
  first.due = this->D("2024-03-31");
  first.done_on = this->D("2024-05-06");
  ScheduleItemRow second = first;
  second.ref = "second";
  second.due = this->D("2024-06-30");
  second.done_on = std::nullopt;
  plan.items = {first, second};
  this->Replan(plan);
  auto coverage = [&](const char* from, const char* to) {
    return this->store_->Indicators()
        .CountVisitCoverage(this->city_.id, this->D(from), this->D(to))
        .value();
  };
  using Rows = std::vector<DisciplinedVisited>;
  EXPECT_EQ(coverage("2024-01-01", "2024-05-05"), (Rows{{this->unit_.path, 1, 0}}));
  EXPECT_EQ(coverage("2024-01-01", "2024-05-06"), (Rows{{this->unit_.path, 1, 1}}));
  EXPECT_EQ(coverage("2024-01-01", "2024-06-30"), (Rows{{this->unit_.path, 1, 0}}));
  EXPECT_EQ(coverage("2024-04-01", "2024-06-29"), Rows{});
  EXPECT_EQ(coverage("2024-03-31", "2024-03-31"), (Rows{{this->unit_.path, 1, 0}}));
  // The second visit overdue from 07-01 (the first was fulfilled, never listed).
  EXPECT_EQ(this->store_->Indicators()
                .CountOverdueScheduled(this->city_.id, this->D("2024-07-01"))
                .value(),
            (std::vector<UnitCount>{{this->unit_.path, "visit", 1}}));
  EXPECT_TRUE(this->store_->Indicators()
                  .CountOverdueScheduled(this->city_.id, this->D("2024-06-30"))
                  ->empty());
}

TYPED_TEST(ScheduleRollupContractTest, CountsEqualDirectCountsAfterReplans) {
  for (int round = 0; round < 6; ++round) {
    for (RowId person : this->persons_) this->Replan(this->RandomPlan(person));
    // Moves: the first subject to the other city with the same items; the second loses all.
    SchedulePlan moved = this->plans_[this->persons_[0]];
    moved.unit_path = round % 2 == 0 ? this->other_.path : this->unit_.path;
    this->Replan(moved);
    if (round % 3 == 2) {
      SchedulePlan emptied = this->plans_[this->persons_[1]];
      emptied.items.clear();
      this->Replan(emptied);
    }
    // The same plan again writes no change.
    this->Replan(this->plans_[this->persons_[2]]);
    SCOPED_TRACE("round " + std::to_string(round));
    this->ExpectCountsEqualDirect();
    if (this->HasFatalFailure()) return;
  }
}

// Whether anything is to be replanned, from indexes: the horizons, the stamps and the cases
// recorded after the checkpoint (agreeing with ListUnplannedSubjects).
// The batched write (a ledger import's replan) leaves the same rows and counts as one write per
// subject; a subject given twice ends with its later plan; an unknown person fails the whole
// batch and leaves the earlier state.
TYPED_TEST(ScheduleRollupContractTest, ReplaceSchedulesEqualsOneWritePerSubject) {
  for (int round = 0; round < 4; ++round) {
    std::vector<SchedulePlan> batch;
    batch.reserve(this->persons_.size() + 1);
    for (RowId person : this->persons_) batch.push_back(this->RandomPlan(person));
    batch.push_back(this->RandomPlan(this->persons_[0]));  // the later plan wins
    batch.back().unit_path = this->other_.path;
    Status replaced = this->store_->Aftercare().ReplaceSchedules(batch);
    ASSERT_TRUE(replaced.ok()) << replaced.ToString() << " " << replaced.internal();
    for (const SchedulePlan& plan : batch) this->plans_[plan.person_id] = plan;
    this->ExpectCountsEqualDirect();
    Result<std::optional<SchedulePlan>> stored =
        this->store_->Aftercare().GetSchedule(this->persons_[0]);
    ASSERT_TRUE(stored.ok() && stored->has_value());
    EXPECT_EQ((*stored)->items.size(), batch.back().items.size());
    EXPECT_EQ((*stored)->unit_path, this->other_.path);
  }
  std::vector<SchedulePlan> failing = {this->RandomPlan(this->persons_[1]),
                                       this->RandomPlan(this->persons_[1] + 100000)};
  failing[1].person_id = this->persons_[1] + 100000;
  Status missing = this->store_->Aftercare().ReplaceSchedules(failing);
  EXPECT_EQ(missing.reason(), "person.not_found");
  EXPECT_EQ(missing.field(), "person_id");
  this->ExpectCountsEqualDirect();  // the first plan of the failed batch was not kept either
}

TYPED_TEST(ScheduleRollupContractTest, ScheduleMayBeStaleAgreesWithTheSubjectsToReplan) {
  AftercareStore& a = this->store_->Aftercare();
  const Date day = this->D("2025-01-10");
  auto stale = [&](const char* on, const char* stamp) {
    Result<bool> answer = a.ScheduleMayBeStale(this->D(on), stamp);
    EXPECT_TRUE(answer.ok()) << answer.status().ToString() << answer.status().internal();
    return answer.ok() && *answer;
  };
  EXPECT_FALSE(stale("2025-01-10", "s1"));  // no case at all
  this->AddCase(this->persons_[0], this->unit_.id, "2024-01-10", 2);
  EXPECT_TRUE(stale("2025-01-10", "s1"));
  EXPECT_EQ(*a.ListUnplannedSubjects(day, "s1", 10), std::vector<RowId>{this->persons_[0]});
  this->Replan(this->RandomPlan(this->persons_[0]));  // planned until 2027-01-01 under s1
  EXPECT_FALSE(stale("2025-01-10", "s1"));
  EXPECT_TRUE(stale("2027-01-02", "s1"));
  EXPECT_TRUE(stale("2025-01-10", "s2"));
  EXPECT_TRUE(stale("2025-01-10", "s0"));
  // A further case of a planned person: nothing to replan; of an unplanned one: stale.
  this->AddCase(this->persons_[0], this->unit_.id, "2024-05-10", 3);
  EXPECT_FALSE(stale("2025-01-10", "s1"));
  this->AddCase(this->persons_[1], this->other_.id, "2024-06-10", 2);
  EXPECT_TRUE(stale("2025-01-10", "s1"));
  EXPECT_EQ(*a.ListUnplannedSubjects(day, "s1", 10), std::vector<RowId>{this->persons_[1]});
  this->Replan(this->RandomPlan(this->persons_[1]));
  EXPECT_FALSE(stale("2025-01-10", "s1"));
  EXPECT_TRUE(a.ListUnplannedSubjects(day, "s1", 10)->empty());
}

// Only a database that outlives its store can be reopened at an older version.
template <typename Backend>
class ScheduleRollupUpgradeTest : public ScheduleRollupContractTest<Backend> {};
using PersistentBackends = ::testing::Types<contract::SqliteFile, contract::Postgres>;
TYPED_TEST_SUITE(ScheduleRollupUpgradeTest, PersistentBackends, BackendNames);

// A database of version 9 (schedule without counts) upgrades in place: the schedule is emptied
// (derived data), its subjects are to be replanned, and replanning fills the counts.
TYPED_TEST(ScheduleRollupUpgradeTest, UpgradeFromVersion9EmptiesTheScheduleForReplanning) {
  for (RowId person : this->persons_) {
    this->AddCase(person, this->unit_.id, "2024-01-10", 2);
    this->Replan(this->RandomPlan(person));
  }
  const std::string url = this->url_;
  this->store_.reset();
  {
    Result<std::unique_ptr<SqlConnection>> db = OpenSqlConnection(url);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    ASSERT_TRUE((*db)->Exec("DROP TABLE aftercare_coverage_rollup").ok());
    ASSERT_TRUE((*db)->Exec("DROP TABLE aftercare_overdue_rollup").ok());
    ASSERT_TRUE((*db)->Exec("DROP TABLE aftercare_schedule_checkpoint").ok());
    ASSERT_TRUE((*db)->Exec("DROP INDEX aftercare_schedule_subjects_horizon").ok());
    ASSERT_TRUE((*db)->Exec("DROP INDEX aftercare_schedule_subjects_stamp").ok());
    // What the later migrations add goes too, so that they apply again on top.
    ASSERT_TRUE((*db)->Exec("ALTER TABLE vetting_candidates DROP COLUMN drafted_statement").ok());
    ASSERT_TRUE((*db)->Exec("ALTER TABLE vetting_candidates DROP COLUMN statement").ok());
    ASSERT_TRUE((*db)->Exec("DROP INDEX aftercare_schedule_listed").ok());
    ASSERT_TRUE((*db)->Exec("DROP INDEX aftercare_schedule_due").ok());
    ASSERT_TRUE((*db)->Exec("ALTER TABLE aftercare_visit_plans DROP COLUMN imported_on").ok());
    ASSERT_TRUE((*db)->Exec("DROP TABLE audit_time_order").ok());
    ASSERT_TRUE((*db)->Exec("DELETE FROM kangfu_schema_version WHERE version >= 10").ok());
    ASSERT_EQ(*ReadSchemaVersion(**db), 9);
  }
  Result<std::unique_ptr<Store>> reopened = OpenStore(url);
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString() << " " << reopened.status().internal();
  this->store_ = std::move(reopened).value();
  ASSERT_EQ(*this->store_->SchemaVersion(), 14);
  EXPECT_EQ(*this->store_->Aftercare().CountPlannedSubjects(), 0);
  EXPECT_TRUE(*this->store_->Aftercare().ScheduleMayBeStale(this->D("2025-01-10"), "s1"));
  EXPECT_EQ(*this->store_->Aftercare().ListUnplannedSubjects(this->D("2025-01-10"), "s1", 10),
            this->persons_);
  for (RowId person : this->persons_) {
    Status replaced = this->store_->Aftercare().ReplaceSchedule(this->plans_[person]);
    ASSERT_TRUE(replaced.ok()) << replaced.ToString();
  }
  EXPECT_FALSE(*this->store_->Aftercare().ScheduleMayBeStale(this->D("2025-01-10"), "s1"));
  this->ExpectCountsEqualDirect();
}

// The streamed bulk write of a ledger import (ReplanMany: each plan made when the store asks for
// it, the counts summed over all subjects) leaves the same schedules and counts as one write per
// subject; a subject given twice ends with its later plan; an error of the plan maker or an
// unknown person part-way writes nothing.
TYPED_TEST(ScheduleRollupContractTest, ReplaceSchedulesOfEqualsOneWritePerSubject) {
  for (int round = 0; round < 4; ++round) {
    std::vector<RowId> ids = this->persons_;
    ids.push_back(this->persons_[0]);  // the later plan wins
    std::vector<SchedulePlan> made;
    Status replaced = this->store_->Aftercare().ReplaceSchedulesOf(
        ids, [&](RowId person) -> Result<SchedulePlan> {
          made.push_back(this->RandomPlan(person));
          return made.back();
        });
    ASSERT_TRUE(replaced.ok()) << replaced.ToString() << " " << replaced.internal();
    ASSERT_EQ(made.size(), ids.size());
    for (const SchedulePlan& plan : made) this->plans_[plan.person_id] = plan;
    SCOPED_TRACE("round " + std::to_string(round));
    this->ExpectCountsEqualDirect();
    this->ExpectSchedulesEqualPlans();
    if (this->HasFatalFailure()) return;
  }
  const std::vector<RowId> two = {this->persons_[1], this->persons_[2]};
  Status refused =
      this->store_->Aftercare().ReplaceSchedulesOf(two, [&](RowId person) -> Result<SchedulePlan> {
        if (person == this->persons_[2]) {
          return Status::Error(ErrorCode::kFailedPrecondition, "plan.test", "测试", "person_id");
        }
        return this->RandomPlan(person);
      });
  EXPECT_EQ(refused.reason(), "plan.test");
  const std::vector<RowId> unknown = {this->persons_[1], this->persons_[1] + 100000};
  Status missing = this->store_->Aftercare().ReplaceSchedulesOf(
      unknown, [&](RowId person) -> Result<SchedulePlan> {
        SchedulePlan plan = this->RandomPlan(this->persons_[1]);
        plan.person_id = person;
        return plan;
      });
  EXPECT_EQ(missing.reason(), "person.not_found");
  EXPECT_EQ(missing.field(), "person_id");
  // The first subject of each failed call was not kept either.
  this->ExpectCountsEqualDirect();
  this->ExpectSchedulesEqualPlans();
}

}  // namespace
}  // namespace kangfu::storage
