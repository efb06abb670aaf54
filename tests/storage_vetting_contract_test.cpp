// Contract of the integrity-vetting part of the storage port (storage/vetting_store.hpp) on every
// backend: round trips, the errors each method names, optimistic locking, the checks the schema
// makes, and that vetting writes share the Store's transactions.

#include <gtest/gtest.h>

#include "storage_contract_fixture.hpp"

namespace kangfu::storage {
namespace {

using contract::BackendNames;
using contract::Backends;
using contract::kIdA;
using contract::kIdB;

template <typename Backend>
class VettingContractTest : public contract::StoreContractTest<Backend> {
 protected:
  void SetUp() override {
    contract::StoreContractTest<Backend>::SetUp();
    if (this->IsSkipped() || this->HasFatalFailure()) return;
    std::tie(province_, city_, unit_, other_) = this->AddStandardTree();
    a_ = this->AddPerson(kIdA, unit_.id);
    b_ = this->AddPerson(kIdB, unit_.id);
    account_ = this->AddAccount("orgdept", "org_department", city_.id);
  }

  VettingStore& V() { return this->store_->Vetting(); }

  VettingRequestRow Request(RowId org, const char* date) const {
    return {.filing_org = org,
            .filed_by = account_.id,
            .requester = "中共甲市委组织部",
            .request_ref = "甲组函〔2026〕8号",
            .purpose = "promotion",
            .request_date = this->D(date),
            .deadline = this->D(date).AddDays(7)};
  }

  Organisation province_, city_, other_, unit_;
  Person a_, b_;
  Account account_;
};

TYPED_TEST_SUITE(VettingContractTest, Backends, BackendNames);

TYPED_TEST(VettingContractTest, RequestsRoundTripAndList) {
  Result<VettingRequestRow> first =
      this->V().AddVettingRequest(this->Request(this->city_.id, "2026-03-02"));
  ASSERT_TRUE(first.ok()) << first.status().ToString() << first.status().internal();
  EXPECT_EQ(first->version, 1);
  EXPECT_EQ(first->state, "open");
  Result<VettingRequestRow> second =
      this->V().AddVettingRequest(this->Request(this->city_.id, "2026-03-09"));
  ASSERT_TRUE(second.ok());
  Result<VettingRequestRow> elsewhere =
      this->V().AddVettingRequest(this->Request(this->other_.id, "2026-03-10"));
  ASSERT_TRUE(elsewhere.ok());

  Result<VettingRequestRow> read = this->V().GetVettingRequest(first->id);
  ASSERT_TRUE(read.ok()) << read.status().ToString() << read.status().internal();
  EXPECT_EQ(*read, *first);

  Result<std::vector<VettingRequestRow>> city = this->V().ListVettingRequests(this->city_.id);
  ASSERT_TRUE(city.ok());
  ASSERT_EQ(city->size(), 2u);
  EXPECT_EQ((*city)[0].id, second->id);  // newest first
  EXPECT_EQ((*city)[1].id, first->id);
  Result<std::vector<VettingRequestRow>> all = this->V().ListVettingRequests(this->province_.id);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 3u);
  Result<std::vector<VettingRequestRow>> unit = this->V().ListVettingRequests(this->unit_.id);
  ASSERT_TRUE(unit.ok());
  EXPECT_TRUE(unit->empty());
  EXPECT_EQ(this->V().ListVettingRequests(999).status().reason(), "organisation.not_found");
  EXPECT_EQ(this->V().GetVettingRequest(999).status().reason(), "vetting.not_found");
}

TYPED_TEST(VettingContractTest, RequestErrors) {
  VettingRequestRow bad_org = this->Request(999, "2026-03-02");
  Status s = this->V().AddVettingRequest(bad_org).status();
  EXPECT_EQ(s.reason(), "organisation.not_found");
  EXPECT_EQ(s.field(), "filing_org");
  VettingRequestRow bad_account = this->Request(this->city_.id, "2026-03-02");
  bad_account.filed_by = 999;
  s = this->V().AddVettingRequest(bad_account).status();
  EXPECT_EQ(s.reason(), "account.not_found");
  EXPECT_EQ(s.field(), "filed_by");
  for (auto mutate : std::vector<void (*)(VettingRequestRow&)>{
           [](VettingRequestRow& r) { r.purpose = "party"; },
           [](VettingRequestRow& r) { r.requester = ""; },
           [](VettingRequestRow& r) { r.deadline = r.request_date.AddDays(-1); },
           [](VettingRequestRow& r) { r.state = "approved"; },  // approved without approved_on
           [](VettingRequestRow& r) { r.state = "closed"; }}) {
    VettingRequestRow r = this->Request(this->city_.id, "2026-03-02");
    mutate(r);
    EXPECT_EQ(this->V().AddVettingRequest(r).status().reason(), "record.invalid");
  }
}

TYPED_TEST(VettingContractTest, RequestUpdatesAreVersioned) {
  Result<VettingRequestRow> r =
      this->V().AddVettingRequest(this->Request(this->city_.id, "2026-03-02"));
  ASSERT_TRUE(r.ok());
  VettingRequestRow approved = *r;
  approved.state = "approved";
  approved.approved_by = "leader";
  approved.approved_on = this->D("2026-03-05");
  Result<VettingRequestRow> updated = this->V().UpdateVettingRequest(approved);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString() << updated.status().internal();
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(updated->approved_on, this->D("2026-03-05"));
  EXPECT_EQ(updated->approved_by, "leader");

  // Stale: the version read before the approval.
  Status stale = this->V().UpdateVettingRequest(approved).status();
  EXPECT_EQ(stale.code(), ErrorCode::kConflict);
  EXPECT_EQ(stale.reason(), "record.stale");
  EXPECT_EQ(stale.field(), "version");

  VettingRequestRow issued = *updated;
  issued.state = "issued";
  issued.issued_on = this->D("2026-03-06");
  issued.issued_by = "cm";
  EXPECT_EQ(this->V().UpdateVettingRequest(issued).status().reason(), "record.invalid")
      << "issued without a letter number";
  issued.letter_number = "甲纪函〔2026〕3号";
  issued.issuer = "中共甲市纪律检查委员会";
  Result<VettingRequestRow> done = this->V().UpdateVettingRequest(issued);
  ASSERT_TRUE(done.ok()) << done.status().ToString() << done.status().internal();
  EXPECT_EQ(done->version, 3);
  EXPECT_EQ(*this->V().GetVettingRequest(r->id), *done);

  VettingRequestRow gone = *done;
  gone.id = 999;
  EXPECT_EQ(this->V().UpdateVettingRequest(gone).status().reason(), "vetting.not_found");
}

TYPED_TEST(VettingContractTest, CandidatesRoundTripDraftAndConfirm) {
  Result<VettingRequestRow> r =
      this->V().AddVettingRequest(this->Request(this->city_.id, "2026-03-02"));
  ASSERT_TRUE(r.ok());
  Result<VettingCandidateRow> second =
      this->V().AddVettingCandidate({.request_id = r->id, .person_id = this->b_.id, .line = 2});
  ASSERT_TRUE(second.ok()) << second.status().ToString() << second.status().internal();
  Result<VettingCandidateRow> first =
      this->V().AddVettingCandidate({.request_id = r->id, .person_id = this->a_.id, .line = 1});
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->version, 1);
  EXPECT_EQ(first->drafted_class, "");

  Result<std::vector<VettingCandidateRow>> list = this->V().ListVettingCandidates(r->id);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0], *first);  // by line
  EXPECT_EQ((*list)[1], *second);

  VettingCandidateRow drafted = *first;
  drafted.drafted_class = "period_running";
  drafted.drafted_basis = R"({"actions":[]})";
  drafted.drafted_on = this->D("2026-03-03");
  drafted.drafted_statement = "2025年3月14日受到党内警告处分，影响期至2025年9月13日。";
  Result<VettingCandidateRow> d = this->V().UpdateVettingCandidate(drafted);
  ASSERT_TRUE(d.ok()) << d.status().ToString() << d.status().internal();
  EXPECT_EQ(d->version, 2);
  EXPECT_EQ(this->V().GetVettingCandidate(first->id)->drafted_statement, drafted.drafted_statement);

  // Confirming another class than the draft needs a reason (the schema refuses it otherwise).
  VettingCandidateRow changed = *d;
  changed.confirmed_class = "unsuitable";
  changed.confirmed_by = "cm";
  changed.confirmed_on = this->D("2026-03-04");
  EXPECT_EQ(this->V().UpdateVettingCandidate(changed).status().reason(), "record.invalid");
  changed.change_reason = "另有问题线索正在核查";
  changed.statement = "有反映其问题的线索正在核查。";
  Result<VettingCandidateRow> c = this->V().UpdateVettingCandidate(changed);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->version, 3);
  EXPECT_EQ(*this->V().GetVettingCandidate(first->id), *c);
  EXPECT_EQ(c->statement, "有反映其问题的线索正在核查。");
  EXPECT_EQ(c->drafted_statement, drafted.drafted_statement);
  EXPECT_EQ(this->V().UpdateVettingCandidate(changed).status().reason(), "record.stale");

  // Confirming before any draft, or an unknown class, is refused.
  VettingCandidateRow undrafted = *second;
  undrafted.confirmed_class = "no_issue";
  EXPECT_EQ(this->V().UpdateVettingCandidate(undrafted).status().reason(), "record.invalid");
  undrafted.drafted_class = "fine";
  undrafted.confirmed_class = "";
  EXPECT_EQ(this->V().UpdateVettingCandidate(undrafted).status().reason(), "record.invalid");

  VettingCandidateRow gone = *second;
  gone.id = 999;
  EXPECT_EQ(this->V().UpdateVettingCandidate(gone).status().reason(),
            "vetting_candidate.not_found");
  EXPECT_EQ(this->V().GetVettingCandidate(999).status().reason(), "vetting_candidate.not_found");
  EXPECT_TRUE(this->V().ListVettingCandidates(999)->empty());
}

TYPED_TEST(VettingContractTest, CandidateErrors) {
  Result<VettingRequestRow> r =
      this->V().AddVettingRequest(this->Request(this->city_.id, "2026-03-02"));
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(this->V()
                  .AddVettingCandidate({.request_id = r->id, .person_id = this->a_.id, .line = 1})
                  .ok());
  Status dup = this->V()
                   .AddVettingCandidate({.request_id = r->id, .person_id = this->a_.id, .line = 2})
                   .status();
  EXPECT_EQ(dup.code(), ErrorCode::kAlreadyExists);
  EXPECT_EQ(dup.reason(), "vetting.duplicate_candidate");
  EXPECT_EQ(dup.field(), "person_id");
  Status no_request =
      this->V()
          .AddVettingCandidate({.request_id = 999, .person_id = this->a_.id, .line = 1})
          .status();
  EXPECT_EQ(no_request.reason(), "vetting.not_found");
  EXPECT_EQ(no_request.field(), "request_id");
  Status no_person =
      this->V().AddVettingCandidate({.request_id = r->id, .person_id = 999, .line = 1}).status();
  EXPECT_EQ(no_person.reason(), "person.not_found");
  EXPECT_EQ(no_person.field(), "person_id");
}

TYPED_TEST(VettingContractTest, WritesShareTheStoreTransaction) {
  RowId request_id = 0;
  Status failed = this->store_->InTransaction([&]() -> Status {
    Result<VettingRequestRow> r =
        this->V().AddVettingRequest(this->Request(this->city_.id, "2026-03-02"));
    if (!r.ok()) return r.status();
    request_id = r->id;
    // The second candidate duplicates the first: the whole request is rolled back, and the
    // transaction is doomed for later writes.
    KANGFU_RETURN_IF_ERROR(
        this->V()
            .AddVettingCandidate({.request_id = r->id, .person_id = this->a_.id, .line = 1})
            .status());
    Status dup =
        this->V()
            .AddVettingCandidate({.request_id = r->id, .person_id = this->a_.id, .line = 2})
            .status();
    EXPECT_EQ(this->V()
                  .AddVettingCandidate({.request_id = r->id, .person_id = this->b_.id, .line = 3})
                  .status()
                  .reason(),
              "transaction.aborted");
    return dup;
  });
  EXPECT_EQ(failed.reason(), "vetting.duplicate_candidate");
  ASSERT_NE(request_id, 0);
  EXPECT_EQ(this->V().GetVettingRequest(request_id).status().reason(), "vetting.not_found");
  EXPECT_TRUE(this->V().ListVettingRequests(this->city_.id)->empty());
}

}  // namespace
}  // namespace kangfu::storage
