// Contract of the re-use part of the storage port (storage/reuse_store.hpp) on every backend:
// round trips, the errors each method names, one open file per person, optimistic locking, the
// checks the schema makes, binary documents, and that re-use writes share the Store's
// transactions.

#include <gtest/gtest.h>

#include "storage_contract_fixture.hpp"

namespace kangfu::storage {
namespace {

using contract::BackendNames;
using contract::Backends;
using contract::kIdA;
using contract::kIdB;

template <typename Backend>
class ReuseContractTest : public contract::StoreContractTest<Backend> {
 protected:
  void SetUp() override {
    contract::StoreContractTest<Backend>::SetUp();
    if (this->IsSkipped() || this->HasFatalFailure()) return;
    std::tie(province_, city_, unit_, other_) = this->AddStandardTree();
    other_unit_ = this->AddOrg(other_.id, "乙市交通局", OrgLevel::kUnit);
    a_ = this->AddPerson(kIdA, unit_.id);
    b_ = this->AddPerson(kIdB, other_unit_.id);
    account_ = this->AddAccount("orgdept", "org_department", city_.id);
  }

  ReuseStore& R() { return this->store_->Reuse(); }

  ReuseFileRow File(RowId person, const char* date) const {
    return {.person_id = person,
            .org_id = city_.id,
            .opened_by = account_.id,
            .opened_on = this->D(date),
            .state = "open"};
  }

  Organisation province_, city_, other_, unit_, other_unit_;
  Person a_, b_;
  Account account_;
};

TYPED_TEST_SUITE(ReuseContractTest, Backends, BackendNames);

TYPED_TEST(ReuseContractTest, FilesRoundTripOneOpenPerPersonAndList) {
  Result<ReuseFileRow> first = this->R().AddReuseFile(this->File(this->a_.id, "2026-03-02"));
  ASSERT_TRUE(first.ok()) << first.status().ToString() << first.status().internal();
  EXPECT_EQ(first->version, 1);
  Result<ReuseFileRow> read = this->R().GetReuseFile(first->id);
  ASSERT_TRUE(read.ok()) << read.status().ToString() << read.status().internal();
  EXPECT_EQ(*read, *first);

  Status twice = this->R().AddReuseFile(this->File(this->a_.id, "2026-03-03")).status();
  EXPECT_EQ(twice.code(), ErrorCode::kAlreadyExists);
  EXPECT_EQ(twice.reason(), "reuse.file_open");
  EXPECT_EQ(twice.field(), "person_id");

  // Closing it frees the person for a new file.
  ReuseFileRow closed = *first;
  closed.state = "withdrawn";
  closed.closed_on = this->D("2026-03-05");
  closed.close_reason = "本人调离";
  closed.closed_by = "orgdept";
  closed.override_reason = "工作急需";
  closed.override_by = "orgdept";
  closed.override_approved_by = "leader";
  closed.override_approved_on = this->D("2026-03-04");
  Result<ReuseFileRow> updated = this->R().UpdateReuseFile(closed);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString() << updated.status().internal();
  EXPECT_EQ(updated->version, 2);
  closed.version = 2;
  EXPECT_EQ(*updated, closed);
  EXPECT_EQ(this->R().UpdateReuseFile(*first).status().reason(), "record.stale");
  Result<ReuseFileRow> second = this->R().AddReuseFile(this->File(this->a_.id, "2026-04-01"));
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  Result<ReuseFileRow> elsewhere = this->R().AddReuseFile(this->File(this->b_.id, "2026-04-02"));
  ASSERT_TRUE(elsewhere.ok());

  Result<std::vector<ReuseFileRow>> city = this->R().ListReuseFiles(this->city_.id);
  ASSERT_TRUE(city.ok());
  ASSERT_EQ(city->size(), 2u);
  EXPECT_EQ((*city)[0].id, second->id);  // newest first
  EXPECT_EQ((*city)[1].id, first->id);
  EXPECT_EQ(this->R().ListReuseFiles(this->province_.id)->size(), 3u);
  EXPECT_EQ(this->R().ListReuseFiles(999).status().reason(), "organisation.not_found");
  EXPECT_EQ(this->R().GetReuseFile(999).status().reason(), "reuse.not_found");
  ReuseFileRow gone = *second;
  gone.id = 999;
  EXPECT_EQ(this->R().UpdateReuseFile(gone).status().reason(), "reuse.not_found");
}

TYPED_TEST(ReuseContractTest, FileErrorsAndSchemaChecks) {
  struct Case {
    void (*mutate)(ReuseFileRow&);
    const char* reason;
    const char* field;
  };
  const Case cases[] = {
      {[](ReuseFileRow& f) { f.person_id = 999; }, "person.not_found", "person_id"},
      {[](ReuseFileRow& f) { f.org_id = 999; }, "organisation.not_found", "org_id"},
      {[](ReuseFileRow& f) { f.opened_by = 999; }, "account.not_found", "opened_by"},
      {[](ReuseFileRow& f) { f.state = "closed"; }, "record.invalid", ""},
      // closed without a closing date; not re-used without a reason; an approval without reason
      {[](ReuseFileRow& f) { f.state = "reused"; }, "record.invalid", ""},
      {[](ReuseFileRow& f) {
         f.state = "not_reused";
         f.closed_on = f.opened_on;
       },
       "record.invalid", ""},
      {[](ReuseFileRow& f) { f.override_approved_on = f.opened_on; }, "record.invalid", ""},
  };
  for (const Case& c : cases) {
    ReuseFileRow f = this->File(this->a_.id, "2026-03-02");
    c.mutate(f);
    Status s = this->R().AddReuseFile(f).status();
    EXPECT_EQ(s.reason(), c.reason);
    EXPECT_EQ(s.field(), c.field);
  }
}

TYPED_TEST(ReuseContractTest, StepsAndDocuments) {
  Result<ReuseFileRow> file = this->R().AddReuseFile(this->File(this->a_.id, "2026-03-02"));
  ASSERT_TRUE(file.ok());
  std::string bytes = "PK\x03\x04";
  for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);  // every byte value, NUL included
  Result<ReuseDocumentRow> doc = this->R().AddReuseDocument({.file_id = file->id,
                                                             .name = "征求意见函.pdf",
                                                             .content_type = "application/pdf",
                                                             .hash = std::string(64, 'a'),
                                                             .kind = "upload",
                                                             .bytes = bytes,
                                                             .uploaded_by = "orgdept",
                                                             .uploaded_on = this->D("2026-03-02")});
  ASSERT_TRUE(doc.ok()) << doc.status().ToString() << doc.status().internal();
  EXPECT_EQ(doc->size, 260);
  Result<ReuseDocumentRow> read = this->R().GetReuseDocument(doc->id);
  ASSERT_TRUE(read.ok()) << read.status().ToString() << read.status().internal();
  EXPECT_EQ(*read, *doc);
  Result<std::vector<ReuseDocumentRow>> listed = this->R().ListReuseDocuments(file->id);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].bytes, "");  // lists leave the bytes out
  EXPECT_EQ((*listed)[0].name, "征求意见函.pdf");
  EXPECT_EQ(this->R().GetReuseDocument(999).status().reason(), "reuse_document.not_found");
  ReuseDocumentRow bad_kind = *doc;
  bad_kind.kind = "scan";
  EXPECT_EQ(this->R().AddReuseDocument(bad_kind).status().reason(), "record.invalid");
  bad_kind.file_id = 999;
  EXPECT_EQ(this->R().AddReuseDocument(bad_kind).status().reason(), "reuse.not_found");

  Result<ReuseStepRow> step = this->R().AddReuseStep({.file_id = file->id,
                                                      .step = 1,
                                                      .organ = "中共甲市委组织部",
                                                      .date = this->D("2026-03-03"),
                                                      .opinion = "拟重新使用",
                                                      .document_id = doc->id,
                                                      .recorded_by = "orgdept"});
  ASSERT_TRUE(step.ok()) << step.status().ToString() << step.status().internal();
  EXPECT_EQ(step->details, "{}");
  Status twice = this->R().AddReuseStep(*step).status();
  EXPECT_EQ(twice.reason(), "reuse.step_done");
  EXPECT_EQ(twice.field(), "step");
  ReuseStepRow six = *step;
  six.step = 6;
  EXPECT_EQ(this->R().AddReuseStep(six).status().reason(), "record.invalid");
  ReuseStepRow no_organ = *step;
  no_organ.step = 2;
  no_organ.organ = "";
  EXPECT_EQ(this->R().AddReuseStep(no_organ).status().reason(), "record.invalid");
  ReuseStepRow with_opinion = *step;
  with_opinion.details = R"({"commission":{"result":"agree"}})";
  Result<ReuseStepRow> updated = this->R().UpdateReuseStep(with_opinion);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString() << updated.status().internal();
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(updated->details, with_opinion.details);
  EXPECT_EQ(this->R().UpdateReuseStep(with_opinion).status().reason(), "record.stale");
  Result<std::vector<ReuseStepRow>> steps = this->R().ListReuseSteps(file->id);
  ASSERT_TRUE(steps.ok());
  ASSERT_EQ(steps->size(), 1u);
  EXPECT_EQ((*steps)[0], *updated);
}

TYPED_TEST(ReuseContractTest, AssessmentsAndPolicy) {
  ASSERT_TRUE(
      this->R()
          .AddReuseAssessment(
              {.person_id = this->a_.id, .year = 2025, .grade = "excellent", .recorded_by = "o"})
          .ok());
  ASSERT_TRUE(
      this->R()
          .AddReuseAssessment(
              {.person_id = this->a_.id, .year = 2024, .grade = "competent", .recorded_by = "o"})
          .ok());
  Status dup =
      this->R()
          .AddReuseAssessment(
              {.person_id = this->a_.id, .year = 2025, .grade = "competent", .recorded_by = "o"})
          .status();
  EXPECT_EQ(dup.reason(), "reuse_assessment.duplicate");
  EXPECT_EQ(dup.field(), "year");
  EXPECT_EQ(this->R()
                .AddReuseAssessment(
                    {.person_id = this->a_.id, .year = 2023, .grade = "good", .recorded_by = "o"})
                .status()
                .reason(),
            "record.invalid");
  EXPECT_EQ(this->R()
                .AddReuseAssessment(
                    {.person_id = 999, .year = 2023, .grade = "excellent", .recorded_by = "o"})
                .status()
                .reason(),
            "person.not_found");
  Result<std::vector<ReuseAssessmentRow>> listed = this->R().ListReuseAssessments(this->a_.id);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].year, 2024);
  EXPECT_EQ((*listed)[1].grade, "excellent");

  Result<std::optional<ReusePolicyRow>> none = this->R().GetReusePolicy();
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  Result<ReusePolicyRow> first = this->R().PutReusePolicy({"{\"a\":1}", 0});
  ASSERT_TRUE(first.ok()) << first.status().ToString() << first.status().internal();
  EXPECT_EQ(first->version, 1);
  EXPECT_EQ(this->R().PutReusePolicy({"{}", 0}).status().reason(), "setting.exists");
  Result<ReusePolicyRow> second = this->R().PutReusePolicy({"{\"a\":2}", 1});
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->version, 2);
  EXPECT_EQ(this->R().PutReusePolicy({"{}", 1}).status().reason(), "record.stale");
  EXPECT_EQ(**this->R().GetReusePolicy(), (ReusePolicyRow{"{\"a\":2}", 2}));
}

TYPED_TEST(ReuseContractTest, WritesShareTheStoreTransaction) {
  RowId file_id = 0;
  Status failed = this->store_->InTransaction([&]() -> Status {
    Result<ReuseFileRow> f = this->R().AddReuseFile(this->File(this->a_.id, "2026-03-02"));
    if (!f.ok()) return f.status();
    file_id = f->id;
    Status dup = this->R().AddReuseFile(this->File(this->a_.id, "2026-03-02")).status();
    EXPECT_EQ(
        this->R()
            .AddReuseAssessment(
                {.person_id = this->a_.id, .year = 2025, .grade = "excellent", .recorded_by = "o"})
            .status()
            .reason(),
        "transaction.aborted");
    return dup;
  });
  EXPECT_EQ(failed.reason(), "reuse.file_open");
  ASSERT_NE(file_id, 0);
  EXPECT_EQ(this->R().GetReuseFile(file_id).status().reason(), "reuse.not_found");
  EXPECT_TRUE(this->R().ListReuseAssessments(this->a_.id)->empty());
}

}  // namespace
}  // namespace kangfu::storage
