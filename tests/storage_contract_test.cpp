// The storage contract: every adapter behind storage::Store must pass exactly these tests
// (fixture and backends in storage_contract_fixture.hpp).

#include <gtest/gtest.h>

#include <memory>
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
using contract::StoreContractTest;
using contract::UniqueName;

TYPED_TEST_SUITE(StoreContractTest, Backends, BackendNames);

TYPED_TEST(StoreContractTest, OpensAtTheLatestSchemaVersion) {
  Result<int> version = this->store_->SchemaVersion();
  ASSERT_TRUE(version.ok());
  // … 0004 (aftercare), 0005 (vetting), 0006 (oversight), 0007 (reuse), 0009 (audit query),
  // 0010 (indicator counts of the schedule), 0011 (wording of vetting answers), 0012 (workbench
  // indexes on the schedule), 0013 (the day an import created a visit plan), 0014 (the audit
  // time filter through ids)
  EXPECT_EQ(*version, 14);
}

TYPED_TEST(StoreContractTest, OrganisationTreeHasMaterialisedPathsAndSubtrees) {
  Organisation province = this->AddOrg(0, "江南省", OrgLevel::kProvince);
  EXPECT_EQ(province.id, 1);
  EXPECT_EQ(province.path, "/1/");
  EXPECT_EQ(province.version, 1);
  Organisation city = this->AddOrg(province.id, "江州市", OrgLevel::kCity);
  Organisation east = this->AddOrg(city.id, "江东区", OrgLevel::kCounty);
  Organisation west = this->AddOrg(city.id, "江西县", OrgLevel::kCounty);
  Organisation east_unit = this->AddOrg(east.id, "江东区财政局", OrgLevel::kUnit);
  Organisation west_unit = this->AddOrg(west.id, "江西县教育局", OrgLevel::kUnit);
  for (int i = 0; i < 3; ++i) {
    this->AddOrg(west.id, "江西县乡镇" + std::to_string(i), OrgLevel::kUnit);
  }
  // Id 10 is a second root: its path "/10/" must not fall in the subtree of "/1/".
  Organisation other = this->AddOrg(0, "河北省", OrgLevel::kProvince);
  ASSERT_EQ(other.id, 10);
  Organisation other_city = this->AddOrg(other.id, "河州市", OrgLevel::kCity);
  EXPECT_EQ(east_unit.path, "/1/2/3/5/");
  EXPECT_EQ(other_city.path, "/10/11/");

  Result<Organisation> got = this->store_->GetOrganisation(east_unit.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, east_unit);

  Result<std::vector<Organisation>> subtree = this->store_->ListSubtree(province.id);
  ASSERT_TRUE(subtree.ok());
  std::vector<RowId> ids;
  for (const Organisation& o : *subtree) ids.push_back(o.id);
  EXPECT_EQ(ids, (std::vector<RowId>{1, 2, 3, 5, 4, 6, 7, 8, 9}));

  Result<std::vector<Organisation>> everything = this->store_->ListSubtree(0);
  ASSERT_TRUE(everything.ok());
  ids.clear();
  for (const Organisation& o : *everything) ids.push_back(o.id);
  EXPECT_EQ(ids, (std::vector<RowId>{1, 2, 3, 5, 4, 6, 7, 8, 9, 10, 11}));

  Result<std::vector<Organisation>> county = this->store_->ListSubtree(east.id);
  ASSERT_TRUE(county.ok());
  ASSERT_EQ(county->size(), 2U);
  EXPECT_EQ((*county)[1], east_unit);
  (void)west_unit;
}

TYPED_TEST(StoreContractTest, OrganisationErrors) {
  Result<Organisation> orphan =
      this->store_->AddOrganisation({.parent_id = 99, .name = "无", .level = OrgLevel::kUnit});
  EXPECT_EQ(orphan.status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(orphan.status().reason(), "organisation.not_found");
  EXPECT_EQ(orphan.status().field(), "parent_id");
  Result<Organisation> unnamed =
      this->store_->AddOrganisation({.name = "", .level = OrgLevel::kCity});
  EXPECT_EQ(unnamed.status().reason(), "organisation.name_empty");
  EXPECT_EQ(this->store_->GetOrganisation(42).status().reason(), "organisation.not_found");
  EXPECT_EQ(this->store_->ListSubtree(42).status().reason(), "organisation.not_found");
}

TYPED_TEST(StoreContractTest, RenameOrganisationChecksTheVersion) {
  Organisation city = this->AddOrg(0, "江州市", OrgLevel::kCity);
  Organisation renamed = city;
  renamed.name = "江州市（新）";
  Result<Organisation> first = this->store_->RenameOrganisation(renamed);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->version, 2);
  EXPECT_EQ(first->name, "江州市（新）");
  Result<Organisation> stale = this->store_->RenameOrganisation(renamed);
  EXPECT_EQ(stale.status().code(), ErrorCode::kConflict);
  EXPECT_EQ(stale.status().reason(), "record.stale");
  EXPECT_EQ(stale.status().message(), "该记录已被他人修改，请刷新后在最新内容上重新编辑");
}

TYPED_TEST(StoreContractTest, PersonRoundTripsAndIsFoundByIdNumber) {
  Organisation unit = this->AddOrg(0, "江州市财政局", OrgLevel::kUnit);
  Person added = this->AddPerson(kIdA, unit.id);
  EXPECT_EQ(added.version, 1);
  Person expected = this->MakePerson(kIdA, unit.id);
  expected.id = added.id;
  expected.version = 1;
  EXPECT_EQ(added, expected);
  Result<Person> by_id = this->store_->GetPerson(added.id);
  ASSERT_TRUE(by_id.ok());
  EXPECT_EQ(*by_id, expected);
  Result<Person> by_number = this->store_->FindPersonByIdNumber(kIdA);
  ASSERT_TRUE(by_number.ok());
  EXPECT_EQ(*by_number, expected);
  Result<Person> missing = this->store_->FindPersonByIdNumber(kIdB);
  EXPECT_EQ(missing.status().reason(), "person.not_found");
  EXPECT_EQ(missing.status().field(), "id_number");
}

struct RejectedPerson {
  const char* id_number;
  RowId unit;  // 0: the test's unit
  ErrorCode code;
  const char* reason;
  const char* field;
};

TYPED_TEST(StoreContractTest, AddPersonRejectsBadInput) {
  Organisation unit = this->AddOrg(0, "江州市财政局", OrgLevel::kUnit);
  this->AddPerson(kIdA, unit.id);
  const std::vector<RejectedPerson> cases = {
      {"110105194912310021", 0, ErrorCode::kInvalidArgument, "id_number.checksum", "id_number"},
      {"1101051949", 0, ErrorCode::kInvalidArgument, "id_number.length", "id_number"},
      {kIdA, 0, ErrorCode::kAlreadyExists, "person.id_number_taken", "id_number"},
      {kIdB, 77, ErrorCode::kNotFound, "organisation.not_found", "unit_id"},
  };
  for (const RejectedPerson& c : cases) {
    Result<Person> result =
        this->store_->AddPerson(this->MakePerson(c.id_number, c.unit == 0 ? unit.id : c.unit));
    EXPECT_EQ(result.status().code(), c.code) << c.id_number;
    EXPECT_EQ(result.status().reason(), c.reason) << c.id_number;
    EXPECT_EQ(result.status().field(), c.field) << c.id_number;
  }
  Person unnamed = this->MakePerson(kIdC, unit.id);
  unnamed.name.clear();
  EXPECT_EQ(this->store_->AddPerson(unnamed).status().reason(), "person.name_empty");
  // Nothing of the refused rows was stored.
  EXPECT_EQ(this->store_->FindPersonByIdNumber(kIdB).status().reason(), "person.not_found");
}

TYPED_TEST(StoreContractTest, StaleUpdateIsRefusedAndLeavesTheRowAlone) {
  Organisation unit = this->AddOrg(0, "江州市财政局", OrgLevel::kUnit);
  Person read_by_alice = this->AddPerson(kIdA, unit.id);
  Person read_by_bob = read_by_alice;

  read_by_alice.post = "副局长";
  read_by_alice.leading_cadre = true;
  Result<Person> saved = this->store_->UpdatePerson(read_by_alice);
  ASSERT_TRUE(saved.ok()) << saved.status().internal();
  EXPECT_EQ(saved->version, 2);

  read_by_bob.name = "张卫";
  Result<Person> lost = this->store_->UpdatePerson(read_by_bob);
  EXPECT_EQ(lost.status().code(), ErrorCode::kConflict);
  EXPECT_EQ(lost.status().reason(), "record.stale");
  EXPECT_EQ(lost.status().field(), "version");

  Result<Person> now = this->store_->GetPerson(read_by_alice.id);
  ASSERT_TRUE(now.ok());
  EXPECT_EQ(now->name, "张伟");
  EXPECT_EQ(now->post, "副局长");
  EXPECT_TRUE(now->leading_cadre);
  EXPECT_EQ(now->version, 2);

  Person gone = *now;
  gone.id = 999;
  EXPECT_EQ(this->store_->UpdatePerson(gone).status().reason(), "person.not_found");
}

TYPED_TEST(StoreContractTest, UpdatePersonToATakenIdNumberIsRefused) {
  Organisation unit = this->AddOrg(0, "江州市财政局", OrgLevel::kUnit);
  this->AddPerson(kIdA, unit.id);
  Person second = this->AddPerson(kIdB, unit.id);
  second.id_number = kIdA;
  Result<Person> result = this->store_->UpdatePerson(second);
  EXPECT_EQ(result.status().code(), ErrorCode::kAlreadyExists);
  EXPECT_EQ(result.status().reason(), "person.id_number_taken");
}

TYPED_TEST(StoreContractTest, CaseTakesTheUnitOfItsPerson) {
  Organisation city = this->AddOrg(0, "江州市", OrgLevel::kCity);
  Organisation unit = this->AddOrg(city.id, "江州市财政局", OrgLevel::kUnit);
  Person person = this->AddPerson(kIdA, unit.id);
  Case c = this->AddCase(person.id, city.id, "2024-03-15", 2);
  EXPECT_EQ(c.unit_id, unit.id);
  EXPECT_EQ(c.version, 1);
  Result<Case> got = this->store_->GetCase(c.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, c);

  c.form = 3;
  c.source = CaseSource::kInspection;
  c.discipline = Discipline::kLife;
  Result<Case> updated = this->store_->UpdateCase(c);
  ASSERT_TRUE(updated.ok()) << updated.status().internal();
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(updated->form, 3);
  EXPECT_EQ(updated->source, CaseSource::kInspection);
  EXPECT_EQ(updated->discipline, Discipline::kLife);
  EXPECT_EQ(this->store_->UpdateCase(c).status().reason(), "record.stale");
}

TYPED_TEST(StoreContractTest, AddCaseRejectsBadInput) {
  Organisation city = this->AddOrg(0, "江州市", OrgLevel::kCity);
  Person person = this->AddPerson(kIdA, city.id);
  Case base = {.person_id = person.id,
               .organ_id = city.id,
               .decision_number = "江纪处〔2024〕1号",
               .decision_date = this->D("2024-01-02")};
  struct Bad {
    Case c;
    ErrorCode code;
    const char* reason;
    const char* field;
  };
  Case no_person = base;
  no_person.person_id = 500;
  Case no_organ = base;
  no_organ.organ_id = 500;
  Case bad_form = base;
  bad_form.form = 5;
  Case no_number = base;
  no_number.decision_number.clear();
  const std::vector<Bad> cases = {
      {no_person, ErrorCode::kNotFound, "person.not_found", "person_id"},
      {no_organ, ErrorCode::kNotFound, "organisation.not_found", "organ_id"},
      {bad_form, ErrorCode::kInvalidArgument, "case.form", "form"},
      {no_number, ErrorCode::kInvalidArgument, "case.decision_number", "decision_number"},
  };
  for (const Bad& bad : cases) {
    Result<Case> result = this->store_->AddCase(bad.c);
    EXPECT_EQ(result.status().code(), bad.code) << bad.reason;
    EXPECT_EQ(result.status().reason(), bad.reason);
    EXPECT_EQ(result.status().field(), bad.field);
  }
  EXPECT_EQ(this->store_->GetCase(1).status().reason(), "case.not_found");
}

TYPED_TEST(StoreContractTest, MeasureRoundTripsEveryField) {
  Organisation city = this->AddOrg(0, "江州市", OrgLevel::kCity);
  Person person = this->AddPerson(kIdA, city.id);
  Case c = this->AddCase(person.id, city.id, "2023-05-10", 3);
  Measure probation = {.case_id = c.id,
                       .kind = "party.probation",
                       .effective = this->D("2023-05-10"),
                       .term_months = 12,
                       .extended_on = this->D("2024-04-01"),
                       .outcome = OutcomeKind::kRestored,
                       .outcome_date = this->D("2025-05-12"),
                       .ended = this->D("2025-05-12"),
                       .period_months = 24,
                       .revoked = false};
  Result<Measure> added = this->store_->AddMeasure(probation);
  ASSERT_TRUE(added.ok()) << added.status().ToString() << added.status().internal();
  probation.id = added->id;
  probation.version = 1;
  Result<Measure> got = this->store_->GetMeasure(added->id);
  ASSERT_TRUE(got.ok()) << got.status().internal();
  EXPECT_EQ(*got, probation);

  Measure bare = {.case_id = c.id, .kind = "first.criticism", .effective = this->D("2023-05-10")};
  Result<Measure> bare_added = this->store_->AddMeasure(bare);
  ASSERT_TRUE(bare_added.ok());
  Result<Measure> bare_got = this->store_->GetMeasure(bare_added->id);
  ASSERT_TRUE(bare_got.ok());
  EXPECT_EQ(bare_got->term_months, std::nullopt);
  EXPECT_EQ(bare_got->outcome, std::nullopt);
  EXPECT_FALSE(bare_got->revoked);

  Measure revoke = *bare_got;
  revoke.revoked = true;
  Result<Measure> revoked = this->store_->UpdateMeasure(revoke);
  ASSERT_TRUE(revoked.ok());
  EXPECT_TRUE(revoked->revoked);
  EXPECT_EQ(revoked->version, 2);
  EXPECT_EQ(this->store_->UpdateMeasure(revoke).status().reason(), "record.stale");
}

TYPED_TEST(StoreContractTest, AddMeasureRejectsBadInput) {
  Organisation city = this->AddOrg(0, "江州市", OrgLevel::kCity);
  Person person = this->AddPerson(kIdA, city.id);
  Case c = this->AddCase(person.id, city.id, "2023-05-10", 2);
  Measure base = {.case_id = c.id, .kind = "party.warning", .effective = this->D("2023-05-10")};
  Measure no_case = base;
  no_case.case_id = 404;
  Measure no_kind = base;
  no_kind.kind.clear();
  Measure half_outcome = base;
  half_outcome.outcome = OutcomeKind::kExpelled;
  Measure zero_term = base;
  zero_term.term_months = 0;
  struct Bad {
    Measure m;
    const char* reason;
    const char* field;
  };
  for (const Bad& bad : std::vector<Bad>{{no_case, "case.not_found", "case_id"},
                                         {no_kind, "measure.kind", "kind"},
                                         {half_outcome, "measure.outcome", "outcome"},
                                         {zero_term, "measure.term_months", "term_months"}}) {
    Result<Measure> result = this->store_->AddMeasure(bad.m);
    EXPECT_EQ(result.status().reason(), bad.reason);
    EXPECT_EQ(result.status().field(), bad.field);
  }
  EXPECT_EQ(this->store_->GetMeasure(404).status().reason(), "measure.not_found");
}

TYPED_TEST(StoreContractTest, HoldsOpenAndClose) {
  Organisation city = this->AddOrg(0, "江州市", OrgLevel::kCity);
  Person person = this->AddPerson(kIdA, city.id);
  Result<Hold> hold = this->store_->AddHold(
      {.person_id = person.id, .kind = HoldKind::kClueVerification, .from = this->D("2025-01-06")});
  ASSERT_TRUE(hold.ok()) << hold.status().internal();
  EXPECT_EQ(hold->to, std::nullopt);
  Hold closed = *hold;
  closed.to = this->D("2025-03-01");
  Result<Hold> saved = this->store_->UpdateHold(closed);
  ASSERT_TRUE(saved.ok());
  EXPECT_EQ(saved->version, 2);
  EXPECT_EQ(this->store_->UpdateHold(closed).status().reason(), "record.stale");
  Hold backwards = *saved;
  backwards.to = this->D("2024-12-31");
  EXPECT_EQ(this->store_->UpdateHold(backwards).status().reason(), "hold.to");
  EXPECT_EQ(
      this->store_->AddHold({.person_id = 9, .from = this->D("2025-01-06")}).status().reason(),
      "person.not_found");
}

TYPED_TEST(StoreContractTest, TransactionCommitsAllOrNothing) {
  Organisation unit = this->AddOrg(0, "江州市财政局", OrgLevel::kUnit);
  // The work itself fails: both writes are undone.
  Status failed = this->store_->InTransaction([&]() -> Status {
    EXPECT_TRUE(this->store_->AddPerson(this->MakePerson(kIdA, unit.id)).ok());
    EXPECT_TRUE(this->store_->AddPerson(this->MakePerson(kIdB, unit.id)).ok());
    return Status::Invalid("x", "test.failed", "测试");
  });
  EXPECT_EQ(failed.reason(), "test.failed");
  EXPECT_EQ(this->store_->FindPersonByIdNumber(kIdA).status().reason(), "person.not_found");
  EXPECT_EQ(this->store_->FindPersonByIdNumber(kIdB).status().reason(), "person.not_found");

  // One write fails and the work ignores it: the transaction is still rolled back, later writes
  // are refused, and the first failure is reported.
  Status ignored = this->store_->InTransaction([&]() -> Status {
    EXPECT_TRUE(this->store_->AddPerson(this->MakePerson(kIdA, unit.id)).ok());
    EXPECT_EQ(this->store_->AddPerson(this->MakePerson(kIdA, unit.id)).status().reason(),
              "person.id_number_taken");
    EXPECT_EQ(this->store_->AddPerson(this->MakePerson(kIdB, unit.id)).status().reason(),
              "transaction.aborted");
    return Status::Ok();
  });
  EXPECT_EQ(ignored.reason(), "person.id_number_taken");
  EXPECT_EQ(this->store_->FindPersonByIdNumber(kIdA).status().reason(), "person.not_found");

  // Success, with a nested unit of work joining the outer one.
  Status ok = this->store_->InTransaction([&]() -> Status {
    Result<Person> a = this->store_->AddPerson(this->MakePerson(kIdA, unit.id));
    if (!a.ok()) return a.status();
    return this->store_->InTransaction([&]() -> Status {
      return this->store_->AddPerson(this->MakePerson(kIdB, unit.id)).status();
    });
  });
  EXPECT_TRUE(ok.ok()) << ok.ToString();
  EXPECT_TRUE(this->store_->FindPersonByIdNumber(kIdA).ok());
  EXPECT_TRUE(this->store_->FindPersonByIdNumber(kIdB).ok());
}

TYPED_TEST(StoreContractTest, FailedOrganisationInsertLeavesNoRow) {
  Organisation root = this->AddOrg(0, "江州市", OrgLevel::kCity);
  Status status = this->store_->InTransaction([&]() -> Status {
    EXPECT_TRUE(
        this->store_
            ->AddOrganisation({.parent_id = root.id, .name = "甲", .level = OrgLevel::kUnit})
            .ok());
    return this->store_->AddOrganisation({.parent_id = 99, .name = "乙", .level = OrgLevel::kUnit})
        .status();
  });
  EXPECT_EQ(status.reason(), "organisation.not_found");
  Result<std::vector<Organisation>> subtree = this->store_->ListSubtree(root.id);
  ASSERT_TRUE(subtree.ok());
  EXPECT_EQ(subtree->size(), 1U);
}

TYPED_TEST(StoreContractTest, LoadsOnePersonsFullHistoryInOrder) {
  Organisation city = this->AddOrg(0, "江州市", OrgLevel::kCity);
  Person person = this->AddPerson(kIdA, city.id);
  Person other = this->AddPerson(kIdB, city.id);
  Case later = this->AddCase(person.id, city.id, "2024-06-01", 2);
  Case earlier = this->AddCase(person.id, city.id, "2022-01-10", 1);
  this->AddCase(other.id, city.id, "2023-01-01", 3);
  Result<Measure> m2 = this->store_->AddMeasure(
      {.case_id = later.id, .kind = "party.warning", .effective = this->D("2024-06-01")});
  Result<Measure> m1 = this->store_->AddMeasure(
      {.case_id = earlier.id, .kind = "first.criticism", .effective = this->D("2022-01-10")});
  Result<Hold> h = this->store_->AddHold(
      {.person_id = person.id, .kind = HoldKind::kCaseReview, .from = this->D("2025-02-01")});
  ASSERT_TRUE(m1.ok() && m2.ok() && h.ok());

  Result<PersonHistory> history = this->store_->LoadHistory(kIdA);
  ASSERT_TRUE(history.ok()) << history.status().internal();
  EXPECT_EQ(history->person, person);
  ASSERT_EQ(history->cases.size(), 2U);
  EXPECT_EQ(history->cases[0], earlier);
  EXPECT_EQ(history->cases[1], later);
  ASSERT_EQ(history->measures.size(), 2U);
  // Ordered by case id: `later` was stored first.
  EXPECT_EQ(history->measures[0], *m2);
  EXPECT_EQ(history->measures[1], *m1);
  ASSERT_EQ(history->holds.size(), 1U);
  EXPECT_EQ(history->holds[0], *h);

  EXPECT_EQ(this->store_->LoadHistory(kIdC).status().reason(), "person.not_found");
}

TYPED_TEST(StoreContractTest, CountsCasesPerFormInASubtreeAndPeriod) {
  Organisation city = this->AddOrg(0, "江州市", OrgLevel::kCity);
  Organisation east = this->AddOrg(city.id, "江东区", OrgLevel::kCounty);
  Organisation east_unit = this->AddOrg(east.id, "江东区财政局", OrgLevel::kUnit);
  Organisation west = this->AddOrg(city.id, "江西县", OrgLevel::kCounty);
  Person a = this->AddPerson(kIdA, east_unit.id);
  Person b = this->AddPerson(kIdB, west.id);
  this->AddCase(a.id, city.id, "2024-01-01", 1);
  this->AddCase(a.id, city.id, "2024-06-30", 1);
  this->AddCase(a.id, city.id, "2024-12-31", 2);
  this->AddCase(a.id, city.id, "2025-01-01", 4);  // outside 2024
  this->AddCase(b.id, city.id, "2024-03-03", 3);
  this->AddCase(b.id, city.id, "2024-03-04", 0);

  const Date from = this->D("2024-01-01");
  const Date to = this->D("2024-12-31");
  Result<FormCounts> whole = this->store_->CountCasesByForm(city.id, from, to);
  ASSERT_TRUE(whole.ok()) << whole.status().internal();
  EXPECT_EQ(whole->by_form, (std::array<int64_t, 5>{1, 2, 1, 1, 0}));
  EXPECT_EQ(whole->Total(), 5);
  Result<FormCounts> east_only = this->store_->CountCasesByForm(east.id, from, to);
  ASSERT_TRUE(east_only.ok());
  EXPECT_EQ(east_only->by_form, (std::array<int64_t, 5>{0, 2, 1, 0, 0}));
  Result<FormCounts> all_time = this->store_->CountCasesByForm(east.id, Date::Min(), Date::Max());
  ASSERT_TRUE(all_time.ok());
  EXPECT_EQ(all_time->by_form, (std::array<int64_t, 5>{0, 2, 1, 0, 1}));
  EXPECT_EQ(this->store_->CountCasesByForm(77, from, to).status().reason(),
            "organisation.not_found");
}

// Whole years are read from the rollup, partial years at either end from the cases: every mix
// of the two must give the same answer as counting by hand.
TYPED_TEST(StoreContractTest, CountsPartialAndWholeYearsAlike) {
  Organisation city = this->AddOrg(0, "江州市", OrgLevel::kCity);
  Organisation unit = this->AddOrg(city.id, "江州市财政局", OrgLevel::kUnit);
  Person a = this->AddPerson(kIdA, unit.id);
  this->AddCase(a.id, city.id, "2023-12-31", 1);
  this->AddCase(a.id, city.id, "2024-01-01", 1);
  this->AddCase(a.id, city.id, "2024-06-30", 2);
  this->AddCase(a.id, city.id, "2025-01-01", 3);
  this->AddCase(a.id, city.id, "2026-12-31", 4);
  struct Range {
    const char* from;
    const char* to;
    std::array<int64_t, 5> expected;
  };
  const std::vector<Range> ranges = {
      {"2024-01-01", "2024-12-31", {0, 1, 1, 0, 0}},  // one whole year
      {"2024-06-30", "2025-01-01", {0, 0, 1, 1, 0}},  // two partial years
      {"2024-07-01", "2026-12-31", {0, 0, 0, 1, 1}},  // partial + whole years
      {"2023-12-31", "2025-12-30", {0, 2, 1, 1, 0}},  // partial + whole + partial
      {"2023-12-31", "2023-12-31", {0, 1, 0, 0, 0}},  // one day
      {"2024-01-02", "2024-06-29", {0, 0, 0, 0, 0}},
      {"2026-01-01", "2024-01-01", {0, 0, 0, 0, 0}},  // empty period
  };
  for (const Range& r : ranges) {
    Result<FormCounts> counts =
        this->store_->CountCasesByForm(city.id, this->D(r.from), this->D(r.to));
    ASSERT_TRUE(counts.ok()) << counts.status().internal();
    EXPECT_EQ(counts->by_form, r.expected) << r.from << " " << r.to;
  }
}

TYPED_TEST(StoreContractTest, CountsFollowAnUpdatedCase) {
  Organisation city = this->AddOrg(0, "江州市", OrgLevel::kCity);
  Organisation unit = this->AddOrg(city.id, "江州市财政局", OrgLevel::kUnit);
  Person a = this->AddPerson(kIdA, unit.id);
  Case c = this->AddCase(a.id, city.id, "2024-05-05", 1);
  c.form = 3;
  c.decision_date = this->D("2025-05-05");
  ASSERT_TRUE(this->store_->UpdateCase(c).ok());
  Result<FormCounts> y2024 =
      this->store_->CountCasesByForm(unit.id, this->D("2024-01-01"), this->D("2024-12-31"));
  Result<FormCounts> y2025 =
      this->store_->CountCasesByForm(city.id, this->D("2025-01-01"), this->D("2025-12-31"));
  ASSERT_TRUE(y2024.ok() && y2025.ok());
  EXPECT_EQ(y2024->Total(), 0);
  EXPECT_EQ(y2025->by_form, (std::array<int64_t, 5>{0, 0, 0, 1, 0}));
  // A stale update changes no count.
  Case stale = c;
  stale.form = 4;
  EXPECT_EQ(this->store_->UpdateCase(stale).status().reason(), "record.stale");
  Result<FormCounts> again =
      this->store_->CountCasesByForm(city.id, this->D("2025-01-01"), this->D("2025-12-31"));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->by_form, (std::array<int64_t, 5>{0, 0, 0, 1, 0}));
}

TYPED_TEST(StoreContractTest, RefusesADatabaseFromANewerKangfu) {
  Result<std::unique_ptr<SqlConnection>> raw = OpenSqlConnection(this->url_);
  ASSERT_TRUE(raw.ok());
  ASSERT_TRUE(Migrate(**raw).ok());
  ASSERT_TRUE((*raw)->Exec("INSERT INTO kangfu_schema_version (version) VALUES (99)").ok());
  Status refused = Migrate(**raw);
  EXPECT_EQ(refused.code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(refused.reason(), "schema.too_new");
  EXPECT_EQ(refused.message(),
            "数据库结构版本为99，高于本程序支持的版本14：该数据库由更新版本的康复系统创建，"
            "请升级程序后再打开（数据库未作任何改动）");
  if (this->url_ != "sqlite::memory:") {
    raw->reset();
    this->store_.reset();
    Result<std::unique_ptr<Store>> reopened = OpenStore(this->url_);
    EXPECT_EQ(reopened.status().reason(), "schema.too_new");
  }
}

TYPED_TEST(StoreContractTest, BackupAndRestoreRoundTrip) {
  Organisation city = this->AddOrg(0, "江州市", OrgLevel::kCity);
  Person person = this->AddPerson(kIdA, city.id);
  Case c = this->AddCase(person.id, city.id, "2024-03-15", 3);
  Result<Measure> m = this->store_->AddMeasure({.case_id = c.id,
                                                .kind = "party.probation",
                                                .effective = this->D("2024-03-15"),
                                                .term_months = 12});
  ASSERT_TRUE(m.ok());
  Result<PersonHistory> before = this->store_->LoadHistory(kIdA);
  ASSERT_TRUE(before.ok());

  const std::string file =
      (std::filesystem::path(testing::TempDir()) / (UniqueName("kangfu_backup_") + ".bak"))
          .string();
  ASSERT_TRUE(this->store_->Backup(file).ok());
  // Changes after the backup are undone by the restore.
  ASSERT_TRUE(this->store_->AddPerson(this->MakePerson(kIdB, city.id)).ok());
  Status restored = this->store_->Restore(file);
  ASSERT_TRUE(restored.ok()) << restored.ToString() << " " << restored.internal();
  Result<PersonHistory> after = this->store_->LoadHistory(kIdA);
  ASSERT_TRUE(after.ok()) << after.status().internal();
  EXPECT_EQ(after->person, before->person);
  EXPECT_EQ(after->cases, before->cases);
  EXPECT_EQ(after->measures, before->measures);
  EXPECT_EQ(this->store_->FindPersonByIdNumber(kIdB).status().reason(), "person.not_found");
  // Ids continue after the restored rows.
  EXPECT_EQ(this->AddPerson(kIdC, city.id).id, person.id + 1);
  std::filesystem::remove(file);

  EXPECT_EQ(this->store_->Restore(file).reason(), "backup.file_missing");
}

// --- lists ---

// A valid identity number with sequence `seq` (0-999), for tests that need many persons.
std::string NumberedId(int seq) {
  std::string first17 = "3201021985060" +
                        std::string(seq < 10    ? "100"
                                    : seq < 100 ? "10"
                                                : "1") +
                        std::to_string(seq);
  first17 = first17.substr(0, 17);
  return first17 + *domain::IdNumberCheckChar(first17);
}

TYPED_TEST(StoreContractTest, ListPersonsFiltersSortsAndPagesWithinASubtree) {
  const Organisation root = this->AddOrg(0, "省", OrgLevel::kProvince);
  const Organisation city = this->AddOrg(root.id, "市", OrgLevel::kCity);
  const Organisation unit = this->AddOrg(city.id, "局", OrgLevel::kUnit);
  const Organisation other = this->AddOrg(root.id, "另一市", OrgLevel::kCity);
  struct Entry {
    const char* name;
    RowId unit;
    bool party;
    bool leading;
  };
  // Byte order of the UTF-8 names: 王 (E7 8E 8B) < 赵 (E8 B5 B5) < 钱 (E9 92 B1).
  const std::vector<Entry> entries = {{"钱一", unit.id, true, false},
                                      {"王二", city.id, true, true},
                                      {"赵三", unit.id, false, false},
                                      {"王四", other.id, true, false},
                                      {"王五%", unit.id, false, true}};
  std::vector<RowId> ids;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    Person person = this->MakePerson("", entries[i].unit);
    const std::string number = NumberedId(static_cast<int>(i) + 1);
    person.id_number = number;
    person.name = entries[i].name;
    person.party_member = entries[i].party;
    person.leading_cadre = entries[i].leading;
    Result<Person> added = this->store_->AddPerson(person);
    ASSERT_TRUE(added.ok()) << added.status().ToString();
    ids.push_back(added->id);
  }
  auto names = [](const PersonPage& page) {
    std::vector<std::string> out;
    out.reserve(page.persons.size());
    for (const Person& p : page.persons) out.push_back(p.name);
    return out;
  };
  struct Row {
    const char* name;
    PersonQuery query;
    std::vector<std::string> expected;
    int64_t total;
  };
  const std::vector<Row> rows = {
      {"city subtree by name", {.root_org_id = city.id}, {"王二", "王五%", "赵三", "钱一"}, 4},
      {"whole tree by id",
       {.root_org_id = root.id, .sort = PersonSort::kId},
       {"钱一", "王二", "赵三", "王四", "王五%"},
       5},
      {"unit only", {.root_org_id = unit.id}, {"王五%", "赵三", "钱一"}, 3},
      {"name contains 王",
       {.root_org_id = root.id, .name_contains = "王"},
       {"王二", "王五%", "王四"},
       3},
      {"percent is literal", {.root_org_id = root.id, .name_contains = "%"}, {"王五%"}, 1},
      {"party members", {.root_org_id = city.id, .party_member = true}, {"王二", "钱一"}, 2},
      {"not party members", {.root_org_id = city.id, .party_member = false}, {"王五%", "赵三"}, 2},
      {"leading cadres", {.root_org_id = root.id, .leading_cadre = true}, {"王二", "王五%"}, 2},
      {"second page", {.root_org_id = root.id, .limit = 2, .offset = 2}, {"王四", "赵三"}, 5},
      {"past the end", {.root_org_id = root.id, .limit = 2, .offset = 10}, {}, 5},
  };
  for (const Row& row : rows) {
    Result<PersonPage> page = this->store_->ListPersons(row.query);
    ASSERT_TRUE(page.ok()) << row.name << " " << page.status().ToString() << " "
                           << page.status().internal();
    EXPECT_EQ(names(*page), row.expected) << row.name;
    EXPECT_EQ(page->total, row.total) << row.name;
  }
  Result<PersonPage> first = this->store_->ListPersons({.root_org_id = unit.id, .limit = 1});
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->persons.size(), 1U);
  EXPECT_EQ(first->persons[0].id, ids[4]);
  EXPECT_EQ(first->persons[0].leading_cadre, true);
  EXPECT_EQ(first->persons[0].party_member, false);
  EXPECT_EQ(first->persons[0].version, 1);
}

TYPED_TEST(StoreContractTest, ListPersonsRejectsBadPagesAndUnknownRoots) {
  const Organisation root = this->AddOrg(0, "省", OrgLevel::kProvince);
  struct Row {
    PersonQuery query;
    ErrorCode code;
    const char* reason;
    const char* field;
  };
  const std::vector<Row> rows = {
      {{.root_org_id = root.id, .limit = 0}, ErrorCode::kInvalidArgument, "page.limit", "limit"},
      {{.root_org_id = root.id, .limit = 1001}, ErrorCode::kInvalidArgument, "page.limit", "limit"},
      {{.root_org_id = root.id, .offset = -1},
       ErrorCode::kInvalidArgument,
       "page.offset",
       "offset"},
      {{.root_org_id = root.id + 100},
       ErrorCode::kNotFound,
       "organisation.not_found",
       "root_org_id"},
  };
  for (const Row& row : rows) {
    Result<PersonPage> page = this->store_->ListPersons(row.query);
    EXPECT_EQ(page.status().code(), row.code) << row.reason;
    EXPECT_EQ(page.status().reason(), row.reason);
    EXPECT_EQ(page.status().field(), row.field);
  }
}

// --- accounts, sessions, audit ---

Account MakeAccount(const char* username, RowId jurisdiction) {
  Account account;
  account.username = username;
  account.display_name = "李明";
  account.password_hash = "$argon2id$v=19$m=8,t=1,p=1$c2FsdA$aGFzaA";
  account.roles = {"case_manager", "visitor"};
  account.jurisdiction_org = jurisdiction;
  account.password_changed_at = "2026-11-27T08:00:00Z";
  return account;
}

TYPED_TEST(StoreContractTest, AccountsRoundTripAndUpdateWithVersions) {
  Organisation city = this->AddOrg(0, "江州市", OrgLevel::kCity);
  EXPECT_EQ(*this->store_->CountAccounts(), 0);
  Result<Account> added = this->store_->AddAccount(MakeAccount("liming", city.id));
  ASSERT_TRUE(added.ok()) << added.status().ToString() << " " << added.status().internal();
  EXPECT_EQ(added->id, 1);
  EXPECT_EQ(added->version, 1);
  Account expected = MakeAccount("liming", city.id);
  expected.id = 1;
  expected.version = 1;
  EXPECT_EQ(*this->store_->GetAccount(1), expected);
  EXPECT_EQ(*this->store_->FindAccountByUsername("liming"), expected);
  EXPECT_EQ(*this->store_->CountAccounts(), 1);

  // An account without jurisdiction or roles (a fresh administrator before any grant).
  Account bare = MakeAccount("admin", 0);
  bare.roles.clear();
  Result<Account> admin = this->store_->AddAccount(bare);
  ASSERT_TRUE(admin.ok()) << admin.status().internal();
  EXPECT_EQ(this->store_->GetAccount(admin->id)->roles, std::vector<std::string>{});
  EXPECT_EQ(this->store_->GetAccount(admin->id)->jurisdiction_org, 0);

  Account changed = expected;
  changed.roles = {"leader"};
  changed.disabled = true;
  changed.failed_logins = 5;
  changed.locked_until = "2026-11-27T08:15:00Z";
  Result<Account> updated = this->store_->UpdateAccount(changed);
  ASSERT_TRUE(updated.ok()) << updated.status().internal();
  changed.version = 2;
  EXPECT_EQ(*updated, changed);
  EXPECT_EQ(this->store_->UpdateAccount(expected).status().reason(), "record.stale");

  Result<std::vector<Account>> all = this->store_->ListAccounts();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2U);
  EXPECT_EQ((*all)[0].username, "liming");
  EXPECT_EQ((*all)[1].username, "admin");
}

TYPED_TEST(StoreContractTest, AccountErrors) {
  ASSERT_TRUE(this->store_->AddAccount(MakeAccount("liming", 0)).ok());
  Status taken = this->store_->AddAccount(MakeAccount("liming", 0)).status();
  EXPECT_EQ(taken.code(), ErrorCode::kAlreadyExists);
  EXPECT_EQ(taken.reason(), "account.username_taken");
  EXPECT_EQ(taken.field(), "username");
  Status empty = this->store_->AddAccount(MakeAccount("", 0)).status();
  EXPECT_EQ(empty.reason(), "account.username_empty");
  EXPECT_EQ(empty.field(), "username");
  Status org = this->store_->AddAccount(MakeAccount("wang", 99)).status();
  EXPECT_EQ(org.reason(), "organisation.not_found");
  EXPECT_EQ(org.field(), "jurisdiction_org");
  EXPECT_EQ(this->store_->GetAccount(42).status().reason(), "account.not_found");
  Status by_name = this->store_->FindAccountByUsername("nobody").status();
  EXPECT_EQ(by_name.reason(), "account.not_found");
  EXPECT_EQ(by_name.field(), "username");
  Account ghost = MakeAccount("ghost", 0);
  ghost.id = 42;
  ghost.version = 1;
  EXPECT_EQ(this->store_->UpdateAccount(ghost).status().reason(), "account.not_found");
}

TYPED_TEST(StoreContractTest, SessionsAreKeptByHash) {
  Result<Account> account = this->store_->AddAccount(MakeAccount("liming", 0));
  ASSERT_TRUE(account.ok());
  const StoredSession a{.id_hash = "aa",
                        .account_id = account->id,
                        .csrf_token = "t1",
                        .created_at = "2026-11-27T08:00:00Z",
                        .last_seen_at = "2026-11-27T08:00:00Z"};
  StoredSession b = a;
  b.id_hash = "bb";
  ASSERT_TRUE(this->store_->AddSession(a).ok());
  ASSERT_TRUE(this->store_->AddSession(b).ok());
  EXPECT_EQ(this->store_->AddSession(a).reason(), "session.duplicate");
  StoredSession orphan = a;
  orphan.id_hash = "cc";
  orphan.account_id = 99;
  Status no_account = this->store_->AddSession(orphan);
  EXPECT_EQ(no_account.reason(), "account.not_found");
  EXPECT_EQ(no_account.field(), "account_id");

  EXPECT_EQ(*this->store_->GetSession("aa"), a);
  ASSERT_TRUE(this->store_->TouchSession("aa", "2026-11-27T08:10:00Z").ok());
  EXPECT_EQ(this->store_->GetSession("aa")->last_seen_at, "2026-11-27T08:10:00Z");
  EXPECT_EQ(this->store_->TouchSession("zz", "2026-11-27T08:10:00Z").reason(), "session.not_found");

  ASSERT_TRUE(this->store_->RemoveSession("aa").ok());
  ASSERT_TRUE(this->store_->RemoveSession("aa").ok());
  EXPECT_EQ(this->store_->GetSession("aa").status().reason(), "session.not_found");
  EXPECT_EQ(*this->store_->RemoveAccountSessions(account->id), 1);
  EXPECT_EQ(this->store_->GetSession("bb").status().reason(), "session.not_found");
}

TYPED_TEST(StoreContractTest, ExpiredSessionsArePrunedByLastSeenOrCreation) {
  Result<Account> account = this->store_->AddAccount(MakeAccount("liming", 0));
  ASSERT_TRUE(account.ok());
  struct Row {
    const char* hash;
    const char* created;
    const char* seen;
  };
  for (const Row& row : {Row{"idle", "2026-11-27T08:00:00Z", "2026-11-27T08:59:59Z"},
                         Row{"fresh", "2026-11-27T08:00:00Z", "2026-11-27T09:00:00Z"},
                         Row{"old", "2026-11-27T01:59:59Z", "2026-11-27T09:30:00Z"}}) {
    ASSERT_TRUE(this->store_
                    ->AddSession({.id_hash = row.hash,
                                  .account_id = account->id,
                                  .csrf_token = "t",
                                  .created_at = row.created,
                                  .last_seen_at = row.seen})
                    .ok());
  }
  Result<int64_t> removed =
      this->store_->RemoveExpiredSessions("2026-11-27T09:00:00Z", "2026-11-27T02:00:00Z");
  ASSERT_TRUE(removed.ok()) << removed.status().internal();
  EXPECT_EQ(*removed, 2);
  EXPECT_TRUE(this->store_->GetSession("fresh").ok());
  EXPECT_EQ(this->store_->GetSession("idle").status().reason(), "session.not_found");
  EXPECT_EQ(this->store_->GetSession("old").status().reason(), "session.not_found");
  EXPECT_EQ(*this->store_->RemoveExpiredSessions("2026-11-27T09:00:00Z", "2026-11-27T02:00:00Z"),
            0);
}

AuditRecord MakeAudit(int64_t seq) {
  return {.position = 0,
          .seq = seq,
          .at = "2026-11-27T08:00:0" + std::to_string(seq) + "Z",
          .actor_id = 3,
          .actor_username = "liming",
          .remote_address = "127.0.0.1",
          .request_id = "r" + std::to_string(seq),
          .action = "auth.login",
          .object_type = "account",
          .object_id = "3",
          .before_json = "",
          .after_json = R"({"roles":["leader"]})",
          .success = seq % 2 == 1,
          .detail = "用户名或密码错误",
          .hash = std::string(64, static_cast<char>('a' + seq))};
}

TYPED_TEST(StoreContractTest, AuditLogAppendsInSeqOrder) {
  Result<std::optional<AuditRecord>> empty = this->store_->LastAudit();
  ASSERT_TRUE(empty.ok()) << empty.status().internal();
  EXPECT_FALSE(empty->has_value());
  for (int64_t seq : {1, 2, 3}) {
    Status appended = this->store_->InTransaction([&]() -> Status {
      Result<std::optional<AuditRecord>> last = this->store_->LastAudit();
      if (!last.ok()) return last.status();
      EXPECT_EQ(last->has_value() ? (*last)->seq : 0, seq - 1);
      return this->store_->AppendAudit(MakeAudit(seq));
    });
    ASSERT_TRUE(appended.ok()) << appended.ToString() << " " << appended.internal();
  }
  Status taken = this->store_->AppendAudit(MakeAudit(2));
  EXPECT_EQ(taken.code(), ErrorCode::kAlreadyExists);
  EXPECT_EQ(taken.reason(), "audit.seq_taken");
  // A rolled-back append leaves nothing behind.
  Status rolled = this->store_->InTransaction([&]() -> Status {
    EXPECT_TRUE(this->store_->AppendAudit(MakeAudit(4)).ok());
    return Status::Invalid("x", "test.rollback", "回滚");
  });
  EXPECT_EQ(rolled.reason(), "test.rollback");

  EXPECT_EQ(this->store_->AppendAudit(MakeAudit(1)).reason(), "audit.seq_taken");

  std::vector<AuditRecord> expected = {MakeAudit(1), MakeAudit(2), MakeAudit(3)};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    expected[i].position = static_cast<int64_t>(i) + 1;
  }
  EXPECT_EQ(**this->store_->LastAudit(), expected[2]);
  Result<std::vector<AuditRecord>> all = this->store_->ListAudit(0, 100);
  ASSERT_TRUE(all.ok()) << all.status().internal();
  EXPECT_EQ(*all, expected);
  Result<std::vector<AuditRecord>> page = this->store_->ListAudit(1, 1);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(*page, (std::vector<AuditRecord>{expected[1]}));
}

// --- bulk load ---------------------------------------------------------------------------------

TYPED_TEST(StoreContractTest, BulkLoadStoresRowsAsTheSingleRowMethodsDo) {
  Organisation city = this->AddOrg(0, "江州市", OrgLevel::kCity);
  Organisation unit = this->AddOrg(city.id, "江州市财政局", OrgLevel::kUnit);
  std::vector<Person> persons = {this->MakePerson(kIdA, unit.id), this->MakePerson(kIdB, city.id)};
  persons[1].name = "李\t娜\\";  // COPY must escape tabs and backslashes
  persons[1].party_member = false;
  persons[1].leading_cadre = true;
  ASSERT_TRUE(this->store_->BulkAddPersons(persons).ok());
  EXPECT_EQ(persons[0].version, 1);
  EXPECT_EQ(persons[1].id, persons[0].id + 1);
  for (const Person& p : persons) EXPECT_EQ(*this->store_->GetPerson(p.id), p);

  std::vector<Case> cases = {{.person_id = persons[0].id,
                              .organ_id = city.id,
                              .decision_number = "江纪处〔2024〕1号",
                              .decision_date = this->D("2024-03-01"),
                              .discipline = Discipline::kLife,
                              .source = CaseSource::kSelfReport,
                              .form = 3},
                             {.person_id = persons[1].id,
                              .organ_id = city.id,
                              .decision_number = "江纪处〔2024〕2号",
                              .decision_date = this->D("2024-07-01"),
                              .form = 1},
                             {.person_id = persons[0].id,
                              .organ_id = city.id,
                              .decision_number = "江纪处〔2025〕1号",
                              .decision_date = this->D("2025-01-02"),
                              .form = 1}};
  std::vector<Measure> measures;
  Status loaded = this->store_->InTransaction([&]() -> Status {
    KANGFU_RETURN_IF_ERROR(this->store_->BulkAddCases(cases));
    measures = {
        {.case_id = cases[0].id,
         .kind = "party.probation",
         .effective = this->D("2024-03-01"),
         .term_months = 12,
         .extended_on = this->D("2025-02-01"),
         .outcome = OutcomeKind::kRestored,
         .outcome_date = this->D("2025-03-01"),
         .ended = this->D("2025-03-01"),
         .period_months = 18,
         .revoked = true},
        {.case_id = cases[1].id, .kind = "first.criticism", .effective = this->D("2024-07-01")}};
    return this->store_->BulkAddMeasures(measures);
  });
  ASSERT_TRUE(loaded.ok()) << loaded.ToString() << " " << loaded.internal();
  EXPECT_EQ(cases[0].unit_id, unit.id);
  EXPECT_EQ(cases[1].unit_id, city.id);
  EXPECT_EQ(cases[2].id, cases[1].id + 1);
  for (const Case& c : cases) EXPECT_EQ(*this->store_->GetCase(c.id), c);
  EXPECT_EQ(measures[1].id, measures[0].id + 1);
  for (const Measure& m : measures) EXPECT_EQ(*this->store_->GetMeasure(m.id), m);

  Result<PersonHistory> history = this->store_->LoadHistory(kIdA);
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->cases, (std::vector<Case>{cases[0], cases[2]}));
  EXPECT_EQ(history->measures, (std::vector<Measure>{measures[0]}));
  // The rollup was kept in aggregate: whole years (rollup) and a partial year (scan) agree.
  Result<FormCounts> y2024 =
      this->store_->CountCasesByForm(city.id, this->D("2024-01-01"), this->D("2024-12-31"));
  Result<FormCounts> unit_all =
      this->store_->CountCasesByForm(unit.id, this->D("2024-01-01"), this->D("2025-12-31"));
  Result<FormCounts> partial =
      this->store_->CountCasesByForm(city.id, this->D("2024-02-01"), this->D("2025-01-02"));
  ASSERT_TRUE(y2024.ok() && unit_all.ok() && partial.ok());
  EXPECT_EQ(y2024->by_form, (std::array<int64_t, 5>{0, 1, 0, 1, 0}));
  EXPECT_EQ(unit_all->by_form, (std::array<int64_t, 5>{0, 1, 0, 1, 0}));
  EXPECT_EQ(partial->by_form, (std::array<int64_t, 5>{0, 2, 0, 1, 0}));

  // Single-row writes continue after the bulk ids; an empty bulk call does nothing.
  EXPECT_EQ(this->AddPerson(kIdC, unit.id).id, persons[1].id + 1);
  EXPECT_TRUE(this->store_->BulkAddPersons({}).ok());
  EXPECT_EQ(this->AddCase(persons[0].id, city.id, "2026-01-01", 2).id, cases[2].id + 1);
}

TYPED_TEST(StoreContractTest, BulkLoadNamesTheBadRowAndWritesNothing) {
  Organisation city = this->AddOrg(0, "江州市", OrgLevel::kCity);
  Person on_record = this->AddPerson(kIdC, city.id);
  Case c = this->AddCase(on_record.id, city.id, "2024-01-01", 1);
  Store& store = *this->store_;
  auto persons = [&](const char* second_id, RowId second_unit) {
    return std::vector<Person>{this->MakePerson(kIdA, city.id),
                               this->MakePerson(second_id, second_unit)};
  };
  auto cases = [&](RowId person, RowId organ, int form) {
    return std::vector<Case>{{.person_id = on_record.id,
                              .organ_id = city.id,
                              .decision_number = "江纪处〔2024〕9号",
                              .decision_date = this->D("2024-05-05"),
                              .form = 2},
                             {.person_id = person,
                              .organ_id = organ,
                              .decision_number = "江纪处〔2024〕10号",
                              .decision_date = this->D("2024-05-06"),
                              .form = form}};
  };
  auto measures = [&](RowId case_id, bool outcome) {
    std::vector<Measure> m = {
        {.case_id = c.id, .kind = "first.criticism", .effective = c.decision_date},
        {.case_id = case_id, .kind = "party.warning", .effective = c.decision_date}};
    if (outcome) m[1].outcome = OutcomeKind::kExpelled;
    return m;
  };
  struct Bad {
    std::function<Status()> load;
    const char* reason;
    const char* field;
  };
  std::vector<Person> p1 = persons("440524198001010014", city.id);
  std::vector<Person> p2 = persons(kIdA, city.id);
  std::vector<Person> p3 = persons(kIdC, city.id);
  std::vector<Person> p4 = persons(kIdB, 99);
  std::vector<Case> c1 = cases(99, city.id, 1);
  std::vector<Case> c2 = cases(on_record.id, 99, 1);
  std::vector<Case> c3 = cases(on_record.id, city.id, 5);
  std::vector<Measure> m1 = measures(99, false);
  std::vector<Measure> m2 = measures(c.id, true);
  const std::vector<Bad> bad = {
      {[&] { return store.BulkAddPersons(p1); }, "id_number.checksum", "persons[1].id_number"},
      {[&] { return store.BulkAddPersons(p2); }, "person.id_number_taken", "persons[1].id_number"},
      {[&] { return store.BulkAddPersons(p3); }, "person.id_number_taken", "persons[1].id_number"},
      {[&] { return store.BulkAddPersons(p4); }, "organisation.not_found", "persons[1].unit_id"},
      {[&] { return store.BulkAddCases(c1); }, "person.not_found", "cases[1].person_id"},
      {[&] { return store.BulkAddCases(c2); }, "organisation.not_found", "cases[1].organ_id"},
      {[&] { return store.BulkAddCases(c3); }, "case.form", "cases[1].form"},
      {[&] { return store.BulkAddMeasures(m1); }, "case.not_found", "measures[1].case_id"},
      {[&] { return store.BulkAddMeasures(m2); }, "measure.outcome", "measures[1].outcome"},
  };
  for (std::size_t i = 0; i < bad.size(); ++i) {
    Status status = bad[i].load();
    EXPECT_EQ(status.reason(), bad[i].reason) << i << " " << status.internal();
    EXPECT_EQ(status.field(), bad[i].field) << i;
  }
  // Nothing of any failed call was written, the first rows included.
  EXPECT_EQ(store.FindPersonByIdNumber(kIdA).status().reason(), "person.not_found");
  Result<PersonHistory> history = store.LoadHistory(kIdC);
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->cases.size(), 1U);
  EXPECT_TRUE(history->measures.empty());
  Result<FormCounts> counts = store.CountCasesByForm(city.id, Date::Min(), Date::Max());
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->by_form, (std::array<int64_t, 5>{0, 1, 0, 0, 0}));

  // Inside a unit of work, a failed bulk call dooms it: the earlier bulk rows and the rollup
  // are rolled back too.
  std::vector<Person> good = {this->MakePerson(kIdA, city.id)};
  std::vector<Case> good_cases = cases(on_record.id, city.id, 4);
  Status doomed = store.InTransaction([&]() -> Status {
    EXPECT_TRUE(store.BulkAddPersons(good).ok());
    EXPECT_TRUE(store.BulkAddCases(good_cases).ok());
    EXPECT_EQ(store.BulkAddMeasures(m1).reason(), "case.not_found");
    EXPECT_EQ(store.BulkAddPersons(p4).reason(), "transaction.aborted");
    return Status::Ok();
  });
  EXPECT_EQ(doomed.reason(), "case.not_found");
  EXPECT_EQ(store.FindPersonByIdNumber(kIdA).status().reason(), "person.not_found");
  Result<FormCounts> after = store.CountCasesByForm(city.id, Date::Min(), Date::Max());
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->by_form, (std::array<int64_t, 5>{0, 1, 0, 0, 0}));
}

TEST(OpenStoreTest, RejectsUnknownUrls) {
  for (const char* url : {"", "mysql://x", "sqlite:", "sqlite://", "file:///tmp/a.db"}) {
    Result<std::unique_ptr<Store>> store = OpenStore(url);
    EXPECT_EQ(store.status().code(), ErrorCode::kInvalidArgument) << url;
    EXPECT_EQ(store.status().reason(), "storage.url") << url;
  }
}

}  // namespace
}  // namespace kangfu::storage
