// Contract of the ledger reads (storage/ledger_store.hpp) on every backend: finding persons by ID
// number as a set, the cases and measures of a set of persons in order, and paging a subtree's
// persons by id.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "storage_contract_fixture.hpp"

namespace kangfu::storage {
namespace {

using contract::BackendNames;
using contract::Backends;
using contract::kIdA;
using contract::kIdB;
using contract::kIdC;

template <typename Backend>
class LedgerContractTest : public contract::StoreContractTest<Backend> {
 protected:
  void SetUp() override {
    contract::StoreContractTest<Backend>::SetUp();
    if (this->IsSkipped() || this->HasFatalFailure()) return;
    std::tie(province_, city_, unit_, other_) = this->AddStandardTree();
    a_ = this->AddPerson(kIdA, unit_.id);
    b_ = this->AddPerson(kIdB, other_.id);
    c_ = this->AddPerson(kIdC, unit_.id);
  }
  Organisation province_, city_, unit_, other_;
  Person a_, b_, c_;
};

TYPED_TEST_SUITE(LedgerContractTest, Backends, BackendNames);

TYPED_TEST(LedgerContractTest, FindsPersonsAsASet) {
  LedgerStore& ledger = this->store_->Ledger();
  const std::vector<std::string> numbers = {kIdC, "110101198001010010", kIdA, "\"quoted\\"};
  Result<std::vector<Person>> found = ledger.FindPersons(numbers);
  ASSERT_TRUE(found.ok()) << found.status().ToString() << found.status().internal();
  EXPECT_EQ(*found, (std::vector<Person>{this->a_, this->c_}));
  Result<std::vector<Person>> none = ledger.FindPersons({});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TYPED_TEST(LedgerContractTest, ReadsTheCasesAndMeasuresOfPersonsInOrder) {
  Store& store = *this->store_;
  const Case late = this->AddCase(this->a_.id, this->province_.id, "2024-05-01", 2);
  const Case early = this->AddCase(this->a_.id, this->province_.id, "2023-01-01", 1);
  const Case other = this->AddCase(this->b_.id, this->province_.id, "2024-01-01", 1);
  Result<Measure> m1 = store.AddMeasure({.case_id = late.id,
                                         .kind = "party.probation",
                                         .effective = this->D("2024-05-01"),
                                         .term_months = 12});
  Result<Measure> m2 = store.AddMeasure(
      {.case_id = early.id, .kind = "first.admonishment", .effective = this->D("2023-01-01")});
  Result<Measure> m3 = store.AddMeasure(
      {.case_id = other.id, .kind = "gov.demerit", .effective = this->D("2024-01-01")});
  ASSERT_TRUE(m1.ok() && m2.ok() && m3.ok());
  const std::vector<RowId> ids = {this->a_.id, this->c_.id};
  Result<CasesAndMeasures> read = store.Ledger().CasesOfPersons(ids);
  ASSERT_TRUE(read.ok()) << read.status().ToString() << read.status().internal();
  EXPECT_EQ(read->cases, (std::vector<Case>{late, early}));     // by person, then id
  EXPECT_EQ(read->measures, (std::vector<Measure>{*m1, *m2}));  // by case id, then id
  Result<CasesAndMeasures> none = store.Ledger().CasesOfPersons({});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->cases.empty());
}

TYPED_TEST(LedgerContractTest, PagesASubtreesPersonsById) {
  LedgerStore& ledger = this->store_->Ledger();
  Result<std::vector<Person>> first = ledger.PersonsAfter(this->province_.path, 0, 2);
  ASSERT_TRUE(first.ok()) << first.status().ToString() << first.status().internal();
  EXPECT_EQ(*first, (std::vector<Person>{this->a_, this->b_}));
  Result<std::vector<Person>> rest = ledger.PersonsAfter(this->province_.path, this->b_.id, 2);
  ASSERT_TRUE(rest.ok());
  EXPECT_EQ(*rest, (std::vector<Person>{this->c_}));
  Result<std::vector<Person>> city = ledger.PersonsAfter(this->city_.path, 0, 100);
  ASSERT_TRUE(city.ok());
  EXPECT_EQ(*city, (std::vector<Person>{this->a_, this->c_}));
  EXPECT_EQ(ledger.PersonsAfter(this->city_.path, 0, 0).status().reason(), "page.limit");
  EXPECT_EQ(ledger.PersonsAfter(this->city_.path, 0, 100001).status().reason(), "page.limit");
}

}  // namespace
}  // namespace kangfu::storage
