// Contract of the oversight part of the storage port (storage/oversight_store.hpp) on every
// backend: round trips with the lists of each record, the filters and pages of the lists, the
// errors each method names, optimistic locking, the checks the schema makes, and that the writes
// share the Store's transactions.

#include <gtest/gtest.h>

#include "storage_contract_fixture.hpp"

namespace kangfu::storage {
namespace {

using contract::BackendNames;
using contract::Backends;
using contract::kIdA;
using contract::kIdB;

template <typename Backend>
class OversightContractTest : public contract::StoreContractTest<Backend> {
 protected:
  void SetUp() override {
    contract::StoreContractTest<Backend>::SetUp();
    if (this->IsSkipped() || this->HasFatalFailure()) return;
    std::tie(province_, city_, unit_, other_) = this->AddStandardTree();
    a_ = this->AddPerson(kIdA, unit_.id);
    b_ = this->AddPerson(kIdB, unit_.id);
  }

  OversightStore& O() { return this->store_->Oversight(); }

  ClueRow Clue(RowId organ, const char* received) const {
    return {.person_id = a_.id,
            .organ_id = organ,
            .source = "petition",
            .summary = "反映其违规收受礼金",
            .received = this->D(received),
            .state = "registered",
            .registered_by = "cm"};
  }

  InterviewRow Talk(RowId organ, const char* date, const char* kind) const {
    return {.organ_id = organ,
            .kind = kind,
            .date = this->D(date),
            .interviewers = {{0, "李明", "市纪委副书记"}},
            .interviewees = {{a_.id, true, unit_.id}, {b_.id, false, 0}},
            .topics = "落实全面从严治党主体责任",
            .follow_up = "一个月内报送整改情况",
            .recorded_by = "cm"};
  }

  ClearanceRow Clearance(RowId organ, const char* date) const {
    return {.person_id = a_.id,
            .organ_id = organ,
            .allegations = {"反映其违规收受礼金问题", "反映其违规兼职取酬问题"},
            .conclusion = "false_accusation",
            .trigger = "party_proposal",
            .approver = "市纪委常委会",
            .methods = {"written", "meeting"},
            .audience = "所在单位中层以上干部",
            .date = this->D(date),
            .referred = true,
            .recorded_by = "cm"};
  }

  FaultToleranceRow Tolerance(RowId organ, const char* date) const {
    return {.person_id = a_.id,
            .organ_id = organ,
            .allegation = "招商引资中先行先试造成损失",
            .ground = "reform_trial",
            .decision = "mitigate",
            .approver = "市纪委常委会",
            .date = this->D(date),
            .reason = "符合容错情形",
            .recorded_by = "cm"};
  }

  Organisation province_, city_, other_, unit_;
  Person a_, b_;
};

TYPED_TEST_SUITE(OversightContractTest, Backends, BackendNames);

TYPED_TEST(OversightContractTest, ClueRoundTripUpdateAndStale) {
  Result<ClueRow> added = this->O().AddClue(this->Clue(this->city_.id, "2026-03-02"));
  ASSERT_TRUE(added.ok()) << added.status().ToString() << added.status().internal();
  EXPECT_EQ(added->version, 1);
  Result<ClueRow> read = this->O().GetClue(added->id);
  ASSERT_TRUE(read.ok()) << read.status().ToString() << read.status().internal();
  EXPECT_EQ(*read, *added);

  Result<Hold> hold = this->store_->AddHold({.person_id = this->a_.id,
                                             .kind = HoldKind::kClueVerification,
                                             .from = this->D("2026-03-05")});
  ASSERT_TRUE(hold.ok());
  ClueRow changed = *read;
  changed.handling = "inquiry";
  changed.handling_date = this->D("2026-03-05");
  changed.reply_due = this->D("2026-03-26");
  changed.replied_on = this->D("2026-03-20");
  changed.state = "in_progress";
  changed.hold_id = hold->id;
  Result<ClueRow> updated = this->O().UpdateClue(changed);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString() << updated.status().internal();
  changed.version = 2;
  EXPECT_EQ(*updated, changed);

  Result<ClueRow> stale = this->O().UpdateClue(*read);
  EXPECT_EQ(stale.status().reason(), "record.stale");
  EXPECT_EQ(stale.status().field(), "version");
  EXPECT_EQ(this->O().GetClue(9999).status().reason(), "clue.not_found");
  ClueRow gone = changed;
  gone.id = 9999;
  EXPECT_EQ(this->O().UpdateClue(gone).status().reason(), "clue.not_found");
}

TYPED_TEST(OversightContractTest, ClueRefusals) {
  struct Case {
    std::function<void(ClueRow&)> edit;
    const char* reason;
    const char* field;
  };
  const std::vector<Case> cases = {
      {[](ClueRow& c) { c.person_id = 9999; }, "person.not_found", "person_id"},
      {[](ClueRow& c) { c.organ_id = 9999; }, "organisation.not_found", "organ_id"},
      {[](ClueRow& c) { c.hold_id = 9999; }, "hold.not_found", "hold_id"},
      {[](ClueRow& c) { c.source = "rumour"; }, "record.invalid", ""},
      {[](ClueRow& c) { c.summary = ""; }, "record.invalid", ""},
      {[](ClueRow& c) { c.handling = "verification"; }, "record.invalid", ""},  // no date
  };
  for (std::size_t i = 0; i < cases.size(); ++i) {
    ClueRow clue = this->Clue(this->city_.id, "2026-03-02");
    cases[i].edit(clue);
    Result<ClueRow> added = this->O().AddClue(clue);
    EXPECT_EQ(added.status().reason(), cases[i].reason) << i;
    EXPECT_EQ(added.status().field(), cases[i].field) << i;
  }
  OversightQuery all{.root_org_id = this->province_.id};
  EXPECT_EQ(this->O().ListClues(all)->total, 0);
}

TYPED_TEST(OversightContractTest, ClueListFiltersAndPages) {
  auto add = [&](RowId organ, const char* received, const char* handling, const char* handling_on,
                 const char* due, bool replied) {
    ClueRow c = this->Clue(organ, received);
    if (handling[0] != '\0') {
      c.handling = handling;
      c.handling_date = this->D(handling_on);
      c.state = "in_progress";
    }
    if (due[0] != '\0') c.reply_due = this->D(due);
    if (replied) c.replied_on = this->D(due);
    Result<ClueRow> added = this->O().AddClue(c);
    EXPECT_TRUE(added.ok()) << added.status().ToString() << added.status().internal();
    return added.ok() ? added->id : 0;
  };
  const RowId c1 = add(this->unit_.id, "2026-01-05", "inquiry", "2026-01-06", "2026-01-27", false);
  const RowId c2 = add(this->city_.id, "2026-02-05", "inquiry", "2026-02-06", "2026-02-28", true);
  const RowId c3 = add(this->city_.id, "2026-03-05", "", "", "", false);
  const RowId c4 = add(this->other_.id, "2026-03-06", "verification", "2026-03-06", "", false);

  auto ids = [&](const OversightQuery& q) {
    Result<OversightPage<ClueRow>> page = this->O().ListClues(q);
    EXPECT_TRUE(page.ok()) << page.status().ToString() << page.status().internal();
    std::vector<RowId> out;
    if (!page.ok()) return std::make_pair(out, int64_t{-1});
    for (const ClueRow& c : page->items) out.push_back(c.id);
    return std::make_pair(out, page->total);
  };
  using Ids = std::vector<RowId>;
  EXPECT_EQ(ids({.root_org_id = this->city_.id}), std::make_pair(Ids{c3, c2, c1}, int64_t{3}));
  EXPECT_EQ(ids({.root_org_id = this->province_.id, .limit = 2, .offset = 1}),
            std::make_pair(Ids{c3, c2}, int64_t{4}));
  EXPECT_EQ(ids({.root_org_id = this->unit_.id}), std::make_pair(Ids{c1}, int64_t{1}));
  EXPECT_EQ(ids({.root_org_id = this->province_.id, .person_id = this->b_.id}),
            std::make_pair(Ids{}, int64_t{0}));
  EXPECT_EQ(ids({.root_org_id = this->province_.id,
                 .from = this->D("2026-02-01"),
                 .to = this->D("2026-03-05")}),
            std::make_pair(Ids{c3, c2}, int64_t{2}));
  EXPECT_EQ(ids({.root_org_id = this->province_.id, .kind = "verification"}),
            std::make_pair(Ids{c4}, int64_t{1}));
  EXPECT_EQ(ids({.root_org_id = this->province_.id, .state = "registered"}),
            std::make_pair(Ids{c3}, int64_t{1}));
  // Overdue 函询 replies: c1 is due 2026-01-27 and unanswered; c2 was answered.
  EXPECT_EQ(ids({.root_org_id = this->province_.id, .overdue_on = this->D("2026-01-27")}),
            std::make_pair(Ids{}, int64_t{0}));
  EXPECT_EQ(ids({.root_org_id = this->province_.id, .overdue_on = this->D("2026-01-28")}),
            std::make_pair(Ids{c1}, int64_t{1}));

  EXPECT_EQ(this->O().ListClues({.root_org_id = 9999}).status().reason(), "organisation.not_found");
  EXPECT_EQ(this->O().ListClues({.root_org_id = this->city_.id, .limit = 0}).status().reason(),
            "page.limit");
  EXPECT_EQ(this->O().ListClues({.root_org_id = this->city_.id, .offset = -1}).status().reason(),
            "page.offset");
}

TYPED_TEST(OversightContractTest, InterviewRoundTripListsAndFilters) {
  Result<InterviewRow> first =
      this->O().AddInterview(this->Talk(this->city_.id, "2026-03-02", "routine"));
  ASSERT_TRUE(first.ok()) << first.status().ToString() << first.status().internal();
  Result<InterviewRow> read = this->O().GetInterview(first->id);
  ASSERT_TRUE(read.ok()) << read.status().ToString() << read.status().internal();
  EXPECT_EQ(*read, *first);
  EXPECT_EQ(read->interviewees.size(), 2u);
  EXPECT_TRUE(read->interviewees[0].principal_leader);

  InterviewRow second_row = this->Talk(this->unit_.id, "2026-04-01", "heart_to_heart");
  second_row.interviewees = {{this->b_.id, false, 0}};
  Result<InterviewRow> second = this->O().AddInterview(second_row);
  ASSERT_TRUE(second.ok());

  InterviewRow changed = *read;
  changed.kind = "reminder";
  changed.interviewers = {{0, "王芳", "市纪委常委"}, {0, "赵强", "派驻纪检组组长"}};
  changed.interviewees = {{this->a_.id, false, 0}};
  Result<InterviewRow> updated = this->O().UpdateInterview(changed);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString() << updated.status().internal();
  changed.version = 2;
  EXPECT_EQ(*updated, changed);
  EXPECT_EQ(this->O().UpdateInterview(*read).status().reason(), "record.stale");

  auto ids = [&](const OversightQuery& q) {
    std::vector<RowId> out;
    Result<OversightPage<InterviewRow>> page = this->O().ListInterviews(q);
    EXPECT_TRUE(page.ok()) << page.status().ToString() << page.status().internal();
    if (page.ok()) {
      for (const InterviewRow& i : page->items) out.push_back(i.id);
    }
    return out;
  };
  using Ids = std::vector<RowId>;
  EXPECT_EQ(ids({.root_org_id = this->province_.id}), (Ids{second->id, first->id}));
  EXPECT_EQ(ids({.root_org_id = this->unit_.id}), (Ids{second->id}));
  EXPECT_EQ(ids({.root_org_id = this->province_.id, .person_id = this->a_.id}), (Ids{first->id}));
  EXPECT_EQ(ids({.root_org_id = this->province_.id, .kind = "reminder"}), (Ids{first->id}));
  EXPECT_EQ(ids({.root_org_id = this->province_.id, .to = this->D("2026-03-31")}),
            (Ids{first->id}));
  EXPECT_EQ(ids({.root_org_id = this->province_.id, .principal_only = true}), (Ids{}));
  // The list carries each talk's people.
  Result<OversightPage<InterviewRow>> page =
      this->O().ListInterviews({.root_org_id = this->province_.id});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->items[1], changed);

  InterviewRow bad = this->Talk(this->city_.id, "2026-03-02", "routine");
  bad.interviewees[1].person_id = 9999;
  Result<InterviewRow> refused = this->O().AddInterview(bad);
  EXPECT_EQ(refused.status().reason(), "person.not_found");
  EXPECT_EQ(refused.status().field(), "persons[1].person_id");
  bad = this->Talk(this->city_.id, "2026-03-02", "chat");
  EXPECT_EQ(this->O().AddInterview(bad).status().reason(), "record.invalid");
  bad = this->Talk(this->city_.id, "2026-03-02", "routine");
  bad.interviewers[0].account_id = 9999;
  EXPECT_EQ(this->O().AddInterview(bad).status().field(), "interviewers[0].account_id");
  EXPECT_EQ(ids({.root_org_id = this->province_.id}).size(), 2u);  // nothing half-written
  EXPECT_EQ(this->O().GetInterview(9999).status().reason(), "interview.not_found");
}

TYPED_TEST(OversightContractTest, ClearanceRoundTripAndChecks) {
  Result<ClearanceRow> added =
      this->O().AddClearance(this->Clearance(this->city_.id, "2026-05-06"));
  ASSERT_TRUE(added.ok()) << added.status().ToString() << added.status().internal();
  Result<ClearanceRow> read = this->O().GetClearance(added->id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(*read, *added);
  ClearanceRow changed = *read;
  changed.allegations = {"反映其违规收受礼金问题"};
  changed.conclusion = "untrue";
  changed.referred = false;
  changed.methods = {"written", "in_person", "circular"};
  Result<ClearanceRow> updated = this->O().UpdateClearance(changed);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString() << updated.status().internal();
  changed.version = 2;
  EXPECT_EQ(*updated, changed);

  ClearanceRow bad = this->Clearance(this->city_.id, "2026-05-06");
  bad.conclusion = "untrue";  // a referral needs 诬告
  EXPECT_EQ(this->O().AddClearance(bad).status().reason(), "record.invalid");
  bad = this->Clearance(this->city_.id, "2026-05-06");
  bad.clue_id = 9999;
  EXPECT_EQ(this->O().AddClearance(bad).status().reason(), "clue.not_found");
  bad = this->Clearance(this->city_.id, "2026-05-06");
  bad.allegations = {"甲", ""};
  EXPECT_EQ(this->O().AddClearance(bad).status().reason(), "record.invalid");

  Result<OversightPage<ClearanceRow>> page =
      this->O().ListClearances({.root_org_id = this->province_.id, .kind = "untrue"});
  ASSERT_TRUE(page.ok()) << page.status().ToString() << page.status().internal();
  ASSERT_EQ(page->total, 1);
  EXPECT_EQ(page->items[0], changed);
  EXPECT_EQ(this->O().ListClearances({.root_org_id = this->other_.id})->total, 0);
  // Wherever it was recorded, the person's clearances, oldest first, with their allegations.
  Result<ClearanceRow> later =
      this->O().AddClearance(this->Clearance(this->other_.id, "2026-06-01"));
  ASSERT_TRUE(later.ok());
  Result<std::vector<ClearanceRow>> of_a = this->O().ClearancesOfPerson(this->a_.id);
  ASSERT_TRUE(of_a.ok()) << of_a.status().ToString() << of_a.status().internal();
  EXPECT_EQ(*of_a, (std::vector<ClearanceRow>{changed, *later}));
  EXPECT_TRUE(this->O().ClearancesOfPerson(this->b_.id)->empty());
}

TYPED_TEST(OversightContractTest, FaultToleranceRoundTripAndPersonList) {
  Case decided = this->AddCase(this->a_.id, this->city_.id, "2025-06-01", 2);
  Result<Measure> measure = this->store_->AddMeasure(
      {.case_id = decided.id, .kind = "party.warning", .effective = this->D("2025-06-01")});
  ASSERT_TRUE(measure.ok());
  FaultToleranceRow exempt = this->Tolerance(this->city_.id, "2025-09-01");
  exempt.measure_id = measure->id;
  exempt.allegation = "";
  exempt.decision = "exempt";
  Result<FaultToleranceRow> first = this->O().AddFaultTolerance(exempt);
  ASSERT_TRUE(first.ok()) << first.status().ToString() << first.status().internal();
  Result<FaultToleranceRow> second =
      this->O().AddFaultTolerance(this->Tolerance(this->unit_.id, "2025-08-01"));
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(*this->O().GetFaultTolerance(first->id), *first);

  Result<std::vector<FaultToleranceRow>> of_a = this->O().FaultToleranceOfPerson(this->a_.id);
  ASSERT_TRUE(of_a.ok());
  ASSERT_EQ(of_a->size(), 2u);
  EXPECT_EQ((*of_a)[0], *second);  // oldest first
  EXPECT_EQ((*of_a)[1], *first);
  EXPECT_TRUE(this->O().FaultToleranceOfPerson(this->b_.id)->empty());

  FaultToleranceRow changed = *second;
  changed.decision = "exempt";
  Result<FaultToleranceRow> updated = this->O().UpdateFaultTolerance(changed);
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(this->O().UpdateFaultTolerance(*second).status().reason(), "record.stale");

  FaultToleranceRow bad = this->Tolerance(this->city_.id, "2025-09-01");
  bad.measure_id = 9999;
  EXPECT_EQ(this->O().AddFaultTolerance(bad).status().reason(), "measure.not_found");
  bad = this->Tolerance(this->city_.id, "2025-09-01");
  bad.allegation = "";  // names nothing
  EXPECT_EQ(this->O().AddFaultTolerance(bad).status().reason(), "record.invalid");
  bad = this->Tolerance(this->city_.id, "2025-09-01");
  bad.ground = "luck";
  EXPECT_EQ(this->O().AddFaultTolerance(bad).status().reason(), "record.invalid");

  Result<OversightPage<FaultToleranceRow>> page = this->O().ListFaultTolerance(
      {.root_org_id = this->province_.id, .kind = "exempt", .limit = 1});
  ASSERT_TRUE(page.ok()) << page.status().ToString() << page.status().internal();
  EXPECT_EQ(page->total, 2);
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].id, first->id);  // newest first
}

TYPED_TEST(OversightContractTest, WritesShareTheStoreTransaction) {
  Status status = this->store_->InTransaction([&]() -> Status {
    Result<ClueRow> added = this->O().AddClue(this->Clue(this->city_.id, "2026-03-02"));
    if (!added.ok()) return added.status();
    Result<Hold> hold = this->store_->AddHold({.person_id = this->a_.id,
                                               .kind = HoldKind::kClueVerification,
                                               .from = this->D("2026-03-02")});
    if (!hold.ok()) return hold.status();
    return Status::Invalid("x", "test.rollback", "回滚");
  });
  EXPECT_EQ(status.reason(), "test.rollback");
  EXPECT_EQ(this->O().ListClues({.root_org_id = this->province_.id})->total, 0);
  Result<PersonHistory> history = this->store_->LoadHistory(kIdA);
  ASSERT_TRUE(history.ok());
  EXPECT_TRUE(history->holds.empty());
}

}  // namespace
}  // namespace kangfu::storage
