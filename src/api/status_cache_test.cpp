// The status facts cache of the backend (app::StatusFactsCache, opened by Backend::SubmitRead
// inside read batches): no answer read from it survives a write that changes it, whether the
// write came through SubmitWrite, from a direct holder of the backend's mutex, or from another
// connection to the same SQLite file (another process); and the cache really is used between
// reads when nothing was written.

#include <gtest/gtest.h>

#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "api/auth_api.hpp"
#include "api/file_backend_test_support.hpp"
#include "app/clock.hpp"
#include "app/status_service.hpp"
#include "codec/catalogue_json.hpp"
#include "domain/id_number.hpp"
#include "storage/oversight_store.hpp"
#include "storage/store.hpp"

namespace kangfu::api {
namespace {

using http::Response;

domain::Date D(const char* text) { return domain::Date::Parse(text).value(); }

class StatusCacheTest : public testing::FileBackendTest {
 protected:
  void SetUp() override {
    OpenBackend("kangfu_status_cache_");
    if (HasFatalFailure()) return;
    status_.emplace(backend_->store(), codec::BuiltinCatalogue(), domain::EngineOptions{},
                    backend_->audit());
    status_->SetFactsCache(&backend_->status_facts());

    storage::Organisation province;
    province.name = "省纪委监委";
    province.level = storage::OrgLevel::kProvince;
    province_ = backend_->store().AddOrganisation(province).value();
    storage::Person person;
    std::string first17 = "11010119800101001";
    person.id_number = first17 + *domain::IdNumberCheckChar(first17);
    person.name = "张三";
    person.unit_id = province_.id;
    person.party_member = true;
    person_ = backend_->store().AddPerson(person).value();
    actor_.account_id = 1;
    actor_.username = "cm";
    actor_.roles = {app::Role::kCaseManager};
    actor_.jurisdiction_org = province_.id;
    actor_.jurisdiction_path = province_.path;
  }

  void TearDown() override {
    status_.reset();
    FileBackendTest::TearDown();
  }

  // "allowed", "blocked from <date>" or "hold" for promotion on 2026-06-01, read through
  // SubmitRead (a read batch with the cache open), or the error's reason.
  std::string Promote() {
    std::string answer;
    backend_->SubmitRead(
        [&]() -> Result<Response> {
          app::StatusQuery query;
          query.person.id = person_.id;
          query.as_of = D("2026-06-01");
          query.actions = {domain::Action::kPromote};
          KANGFU_ASSIGN_OR_RETURN(app::PersonStatus status, status_->Evaluate(actor_, query));
          const app::ActionStatus& action = status.actions.at(0);
          switch (action.verdict) {
            case domain::VerdictKind::kAllowed:
              return Response::Text(200, "allowed");
            case domain::VerdictKind::kBlocked:
              return Response::Text(200, "blocked from " + action.allowed_from->ToString());
            case domain::VerdictKind::kHold:
              return Response::Text(200, "hold");
          }
          return Response::Text(200, "?");
        },
        [&](Result<Response> result) {
          answer = result.ok() ? result->body : std::string(result.status().reason());
        });
    return answer;
  }

  // A case with one measure of `kind` effective 2026-01-10 for the person, through `store`.
  static Status Discipline(storage::Store& store, storage::RowId person, storage::RowId organ,
                           const char* kind) {
    return store.InTransaction([&]() -> Status {
      storage::Case c;
      c.person_id = person;
      c.organ_id = organ;
      c.decision_number = std::string("甲纪发〔2026〕") + kind;
      c.decision_date = D("2026-01-10");
      c.form = 2;
      KANGFU_ASSIGN_OR_RETURN(storage::Case stored, store.AddCase(c));
      storage::Measure m;
      m.case_id = stored.id;
      m.kind = kind;
      m.effective = D("2026-01-10");
      return store.AddMeasure(m).status();
    });
  }

  std::optional<app::StatusService> status_;
  storage::Organisation province_;
  storage::Person person_;
  app::Actor actor_;
};

TEST_F(StatusCacheTest, ReadsWithNothingWrittenInBetweenShareTheKeptFacts) {
  EXPECT_EQ(Promote(), "allowed");
  EXPECT_EQ(backend_->status_facts().size(), 1U);
  // Written on the backend's connection behind its back (no mutex, no SubmitWrite): a
  // contract breach, made here only to show that the next read answers from the kept facts.
  ASSERT_TRUE(Discipline(backend_->store(), person_.id, province_.id, "party.warning").ok());
  EXPECT_EQ(Promote(), "allowed");
  EXPECT_FALSE(backend_->status_facts().usable());  // closed outside a batch
}

TEST_F(StatusCacheTest, AWriteThroughSubmitWriteShowsInTheNextRead) {
  EXPECT_EQ(Promote(), "allowed");
  std::string written;
  backend_->SubmitWrite(
      [&]() -> Result<Response> {
        KANGFU_RETURN_IF_ERROR(
            Discipline(backend_->store(), person_.id, province_.id, "party.warning"));
        return Response::Text(201, "case");
      },
      [&](Result<Response> result) { written = result.ok() ? result->body : "failed"; });
  ASSERT_EQ(written, "case");
  EXPECT_EQ(Promote(), "blocked from 2027-01-10");
}

TEST_F(StatusCacheTest, AWriteByADirectHolderOfTheMutexShowsInTheNextRead) {
  EXPECT_EQ(Promote(), "allowed");
  {
    std::lock_guard lock(backend_->mutex());
    storage::Hold hold;
    hold.person_id = person_.id;
    hold.kind = storage::HoldKind::kClueVerification;
    hold.from = D("2026-05-01");
    ASSERT_TRUE(backend_->store().AddHold(hold).ok());
  }
  EXPECT_EQ(Promote(), "hold");
  {
    std::lock_guard lock(backend_->mutex());
    Result<storage::PersonHistory> history = backend_->store().LoadHistory(person_.id_number);
    ASSERT_TRUE(history.ok());
    ASSERT_EQ(history->holds.size(), 1U);
    storage::Hold closed = history->holds[0];
    closed.to = D("2026-05-20");
    ASSERT_TRUE(backend_->store().UpdateHold(closed).ok());
  }
  EXPECT_EQ(Promote(), "allowed");
}

TEST_F(StatusCacheTest, AWriteByAnotherConnectionShowsInTheNextRead) {
  EXPECT_EQ(Promote(), "allowed");
  ASSERT_TRUE(Discipline(*other_, person_.id, province_.id, "party.serious_warning").ok());
  EXPECT_EQ(Promote(), "blocked from 2027-07-10");
  // A 容错纠错 免责 decision about that measure takes it out of the answer.
  Result<storage::PersonHistory> history = other_->LoadHistory(person_.id_number);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->measures.size(), 1U);
  storage::FaultToleranceRow row;
  row.person_id = person_.id;
  row.organ_id = province_.id;
  row.measure_id = history->measures[0].id;
  row.ground = "reform_trial";
  row.decision = "exempt";
  row.approver = "省纪委常委会";
  row.date = D("2026-03-01");
  row.reason = "改革创新中先行先试出现失误";
  row.recorded_by = "cm";
  ASSERT_TRUE(other_->Oversight().AddFaultTolerance(row).ok());
  EXPECT_EQ(Promote(), "allowed");
}

TEST_F(StatusCacheTest, AReadOutsideTheJurisdictionIsRefusedFromKeptFactsToo) {
  EXPECT_EQ(Promote(), "allowed");
  EXPECT_EQ(backend_->status_facts().size(), 1U);
  actor_.jurisdiction_org = 999;
  actor_.jurisdiction_path = "/999/";
  EXPECT_EQ(Promote(), "person.not_found");
}

}  // namespace
}  // namespace kangfu::api
