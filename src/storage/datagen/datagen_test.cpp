#include "storage/datagen/datagen.hpp"

#include <gtest/gtest.h>

#include <memory>

namespace kangfu::storage {
namespace {

std::unique_ptr<Store> Memory() {
  Result<std::unique_ptr<Store>> store = OpenStore("sqlite::memory:");
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  return std::move(store).value();
}

TEST(SeedDemoTest, WritesTheDemoCityWithGuangdongShares) {
  std::unique_ptr<Store> store = Memory();
  Result<DemoSummary> summary = SeedDemo(*store, 2019);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString() << " " << summary.status().internal();
  EXPECT_EQ(summary->persons, 2000);
  EXPECT_EQ(summary->cases, 400);
  EXPECT_EQ(summary->holds, 29);
  // 400 × (37170 : 17958 : 4020 : 3754) / 62902, largest remainder.
  EXPECT_EQ(summary->forms.by_form, (std::array<int64_t, 5>{0, 236, 114, 26, 24}));
  Result<FormCounts> counted = store->CountCasesByForm(summary->city_id, Date::Min(), Date::Max());
  ASSERT_TRUE(counted.ok());
  EXPECT_EQ(*counted, summary->forms);

  Result<PersonHistory> awaiting = store->LoadHistory(summary->probation_awaiting_outcome);
  ASSERT_TRUE(awaiting.ok());
  bool found = false;
  for (const Measure& m : awaiting->measures) {
    if (m.kind == "party.probation" && m.effective == *Date::FromCivil(2025, 6, 16)) {
      found = true;
      EXPECT_EQ(m.term_months, 12);
      EXPECT_EQ(m.outcome, std::nullopt);
    }
  }
  EXPECT_TRUE(found);
}

TEST(SeedDemoTest, IsDeterministicAndRefusesASecondRun) {
  std::unique_ptr<Store> a = Memory();
  std::unique_ptr<Store> b = Memory();
  Result<DemoSummary> first = SeedDemo(*a, 7);
  Result<DemoSummary> second = SeedDemo(*b, 7);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first->probation_awaiting_outcome, second->probation_awaiting_outcome);
  EXPECT_EQ(first->measures, second->measures);
  for (RowId id : {1, 500, 1999}) {
    Result<Person> pa = a->GetPerson(id);
    Result<Person> pb = b->GetPerson(id);
    ASSERT_TRUE(pa.ok() && pb.ok());
    EXPECT_EQ(*pa, *pb);
  }
  Result<DemoSummary> again = SeedDemo(*a, 7);
  EXPECT_EQ(again.status().reason(), "demo.already_seeded");
}

TEST(GenerateTest, StreamsPersonsAndCasesInBatches) {
  std::unique_ptr<Store> store = Memory();
  int batches = 0;
  Result<GenSummary> summary =
      Generate(*store, {.persons = 1000, .cases = 2000, .seed = 3, .batch = 300},
               [&](const GenSummary&) { ++batches; });
  ASSERT_TRUE(summary.ok()) << summary.status().ToString() << " " << summary.status().internal();
  EXPECT_EQ(summary->persons, 1000);
  EXPECT_EQ(summary->cases, 2000);
  EXPECT_EQ(batches, 4 + 7);
  // 1 province, 1 city, 1 county, 20 units.
  EXPECT_EQ(summary->organisations, 23);
  Result<FormCounts> counted = store->CountCasesByForm(1, Date::Min(), Date::Max());
  ASSERT_TRUE(counted.ok());
  EXPECT_EQ(counted->Total(), 2000);
  EXPECT_EQ(counted->by_form[0], 0);
  EXPECT_EQ(summary->measures, 2000 + counted->by_form[4]);
  // Person k has region 110000, birth 1960-01-01 + k / 1000 days, sequence k % 1000.
  Result<Person> first = store->FindPersonByIdNumber("110000196001010001");
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->id, 1);
  Result<Person> last = store->FindPersonByIdNumber("110000196001019997");
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(last->id, 1000);
}

}  // namespace
}  // namespace kangfu::storage
