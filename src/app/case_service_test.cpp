#include "app/case_service.hpp"

#include <gtest/gtest.h>

#include "app/test_support.hpp"
#include "codec/catalogue_json.hpp"
#include "codec/rules_case_json.hpp"
#include "domain/rules_case.hpp"

namespace kangfu::app {
namespace {

using domain::Action;
using testing::D;
using testing::IdNumber;

MeasureInput M(const char* kind, const char* effective) {
  MeasureInput m;
  m.kind = kind;
  m.effective = D(effective);
  return m;
}

class CaseServiceTest : public testing::AppWorld {
 protected:
  CaseService Service() {
    return CaseService(*store_, codec::BuiltinCatalogue(), domain::EngineOptions{}, audit_);
  }
  CaseInput Input(std::vector<MeasureInput> measures) const {
    CaseInput input;
    input.person_id = person_a_.id;
    input.organ_id = province_.id;
    input.decision_number = "省纪发〔2026〕7号";
    input.decision_date = D("2026-01-10");
    input.discipline = storage::Discipline::kIntegrity;
    input.source = storage::CaseSource::kPetition;
    input.measures = std::move(measures);
    return input;
  }
  Actor Manager() const { return MakeActor(Role::kCaseManager, province_, "cm"); }
  std::size_t CasesOf(int seq) { return store_->LoadHistory(IdNumber(seq))->cases.size(); }
};

TEST_F(CaseServiceTest, CreatesCaseWithFormAndAudit) {
  CaseService service = Service();
  auto recorded = service.CreateCase(
      Manager(), Input({M("gov.demerit", "2026-01-10"), M("party.warning", "2026-01-10")}));
  ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
  EXPECT_EQ(recorded->record.form, 2);
  EXPECT_EQ(recorded->record.unit_id, unit_a1_.id);
  EXPECT_EQ(recorded->record.version, 1);
  ASSERT_EQ(recorded->measures.size(), 2U);
  EXPECT_EQ(recorded->measures[0].kind, "gov.demerit");
  EXPECT_EQ(recorded->measures[1].case_id, recorded->record.id);

  auto history = store_->LoadHistory(IdNumber(1));
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->cases.size(), 1U);
  EXPECT_EQ(history->cases[0], recorded->record);
  EXPECT_EQ(history->measures.size(), 2U);

  ASSERT_EQ(audit_.events().size(), 1U);
  const AuditEvent& event = audit_.events()[0].event;
  EXPECT_EQ(event.action, "case.create");
  EXPECT_EQ(event.object_type, "case");
  EXPECT_EQ(event.object_id, std::to_string(recorded->record.id));
  EXPECT_EQ(event.before_json, "");
  EXPECT_NE(event.after_json.find("\"decision_number\":\"省纪发〔2026〕7号\""), std::string::npos);
  EXPECT_NE(event.after_json.find("\"form\":2"), std::string::npos);
}

TEST_F(CaseServiceTest, FormIsTheHeaviestMeasure) {
  CaseService service = Service();
  MeasureInput probation = M("party.probation", "2026-01-10");
  probation.term_months = 12;
  auto recorded =
      service.CreateCase(Manager(), Input({M("first.admonishment", "2026-01-10"), probation}));
  ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
  EXPECT_EQ(recorded->record.form, 3);
  auto transfer = service.CreateCase(Manager(), Input({M("judicial.transfer", "2026-02-01")}));
  ASSERT_TRUE(transfer.ok()) << transfer.status().ToString();
  EXPECT_EQ(transfer->record.form, 4);
}

// The API must refuse a measure exactly as `kangfu rules eval` does.
TEST_F(CaseServiceTest, MeasureErrorsMatchRulesEval) {
  struct Row {
    const char* name;
    MeasureInput measure;
    const char* json;  // the same measure in the rule-case format
    const char* field;
    const char* reason;
  };
  MeasureInput no_term = M("party.probation", "2026-01-10");
  MeasureInput bad_term = no_term;
  bad_term.term_months = 18;
  MeasureInput term_on_warning = M("party.warning", "2026-01-10");
  term_on_warning.term_months = 12;
  MeasureInput early = no_term;
  early.term_months = 12;
  early.outcome =
      domain::ProbationOutcome{domain::ProbationOutcomeKind::kRestored, D("2026-06-01")};
  const std::vector<Row> rows = {
      {"unknown kind", M("party.scolding", "2026-01-10"),
       R"({"id":"m","case":"c","kind":"party.scolding","effective":"2026-01-10"})",
       "measures[1].kind", "measure.unknown_kind"},
      {"probation without term", no_term,
       R"({"id":"m","case":"c","kind":"party.probation","effective":"2026-01-10"})",
       "measures[1].term_months", "probation.term_missing"},
      {"probation term 18", bad_term,
       R"({"id":"m","case":"c","kind":"party.probation","effective":"2026-01-10","term_months":18})",
       "measures[1].term_months", "probation.term_invalid"},
      {"term on a warning", term_on_warning,
       R"({"id":"m","case":"c","kind":"party.warning","effective":"2026-01-10","term_months":12})",
       "measures[1].term_months", "measure.not_applicable"},
      {"restored early", early,
       R"({"id":"m","case":"c","kind":"party.probation","effective":"2026-01-10","term_months":12,)"
       R"("outcome":{"kind":"restored","date":"2026-06-01"}})",
       "measures[1].outcome.date", "probation.restored_early"},
  };
  CaseService service = Service();
  for (const Row& row : rows) {
    auto recorded =
        service.CreateCase(Manager(), Input({M("party.warning", "2026-01-10"), row.measure}));
    ASSERT_FALSE(recorded.ok()) << row.name;
    EXPECT_EQ(recorded.status().code(), ErrorCode::kInvalidArgument) << row.name;
    EXPECT_EQ(recorded.status().field(), row.field) << row.name;
    EXPECT_EQ(recorded.status().reason(), row.reason) << row.name;

    const std::string document =
        std::string(R"({"measures":[{"id":"w","case":"c","kind":"party.warning",)"
                    R"("effective":"2026-01-10"},)") +
        row.json + "]}";
    Status eval_status;
    auto parsed = codec::ParseRulesCase(document, codec::BuiltinCatalogue());
    if (!parsed.ok()) {
      eval_status = parsed.status();
    } else {
      eval_status = domain::EvaluateRulesCase(codec::BuiltinCatalogue(), *parsed).status();
    }
    EXPECT_EQ(eval_status.field(), recorded.status().field()) << row.name;
    EXPECT_EQ(eval_status.reason(), recorded.status().reason()) << row.name;
    EXPECT_EQ(eval_status.message(), recorded.status().message()) << row.name;
  }
  EXPECT_EQ(CasesOf(1), 0U);
  EXPECT_TRUE(audit_.events().empty());
}

TEST_F(CaseServiceTest, RefusalsWriteNothing) {
  CaseService service = Service();
  struct Row {
    const char* name;
    Actor actor;
    CaseInput input;
    ErrorCode code;
    const char* reason;
    const char* field;
  };
  CaseInput no_number = Input({M("party.warning", "2026-01-10")});
  no_number.decision_number.clear();
  CaseInput unknown_organ = Input({M("party.warning", "2026-01-10")});
  unknown_organ.organ_id = 9999;
  CaseInput unknown_person = Input({M("party.warning", "2026-01-10")});
  unknown_person.person_id = 9999;
  const std::vector<Row> rows = {
      {"no decision number", Manager(), no_number, ErrorCode::kInvalidArgument,
       "case.decision_number", "decision_number"},
      {"no measures", Manager(), Input({}), ErrorCode::kInvalidArgument, "case.measures_empty",
       "measures"},
      {"outside jurisdiction", MakeActor(Role::kCaseManager, city_b_, "cm_b"),
       Input({M("party.warning", "2026-01-10")}), ErrorCode::kNotFound, "person.not_found",
       "person_id"},
      {"unknown person", Manager(), unknown_person, ErrorCode::kNotFound, "person.not_found",
       "person_id"},
      {"unknown organ", Manager(), unknown_organ, ErrorCode::kNotFound, "organisation.not_found",
       "organ_id"},
      {"leader cannot write", MakeActor(Role::kLeader, province_, "leader"),
       Input({M("party.warning", "2026-01-10")}), ErrorCode::kPermissionDenied, "auth.forbidden",
       ""},
  };
  for (const Row& row : rows) {
    auto recorded = service.CreateCase(row.actor, row.input);
    ASSERT_FALSE(recorded.ok()) << row.name;
    EXPECT_EQ(recorded.status().code(), row.code) << row.name;
    EXPECT_EQ(recorded.status().reason(), row.reason) << row.name;
    EXPECT_EQ(recorded.status().field(), row.field) << row.name;
  }
  EXPECT_EQ(CasesOf(1), 0U);
  EXPECT_TRUE(audit_.events().empty());
}

TEST_F(CaseServiceTest, FailingAuditRollsBackTheCase) {
  audit_.set_fail(true);
  CaseService service = Service();
  auto recorded = service.CreateCase(
      Manager(), Input({M("party.warning", "2026-01-10"), M("gov.demerit", "2026-01-10")}));
  ASSERT_FALSE(recorded.ok());
  EXPECT_EQ(recorded.status().reason(), "audit.failed");
  auto history = store_->LoadHistory(IdNumber(1));
  ASSERT_TRUE(history.ok());
  EXPECT_TRUE(history->cases.empty());
  EXPECT_TRUE(history->measures.empty());
}

TEST_F(CaseServiceTest, AddMeasureRecomputesFormWithVersionCheck) {
  CaseService service = Service();
  auto recorded = service.CreateCase(Manager(), Input({M("first.admonishment", "2026-01-10")}));
  ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
  EXPECT_EQ(recorded->record.form, 1);
  auto added =
      service.AddMeasure(Manager(), recorded->record.id, 1, M("org.removal", "2026-02-01"));
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_EQ(added->record.form, 2);
  EXPECT_EQ(added->record.version, 2);
  EXPECT_EQ(added->measures.size(), 2U);
  EXPECT_EQ(audit_.events().back().event.action, "case.measure_add");
  EXPECT_NE(audit_.events().back().event.before_json.find("\"form\":1"), std::string::npos);

  auto stale =
      service.AddMeasure(Manager(), recorded->record.id, 1, M("party.warning", "2026-02-01"));
  EXPECT_EQ(stale.status().code(), ErrorCode::kConflict);
  EXPECT_EQ(stale.status().reason(), "record.stale");
  auto bad = service.AddMeasure(Manager(), recorded->record.id, 2, M("nope", "2026-02-01"));
  EXPECT_EQ(bad.status().field(), "kind");
  auto outside = service.AddMeasure(MakeActor(Role::kCaseManager, city_b_, "cm_b"),
                                    recorded->record.id, 2, M("party.warning", "2026-02-01"));
  EXPECT_EQ(outside.status().reason(), "case.not_found");
  EXPECT_EQ(store_->LoadHistory(IdNumber(1))->measures.size(), 2U);
}

TEST_F(CaseServiceTest, ProbationOutcomeIsValidatedByTheEngine) {
  CaseService service = Service();
  MeasureInput probation = M("party.probation", "2025-01-10");
  probation.term_months = 12;
  auto recorded = service.CreateCase(Manager(), Input({probation}));
  ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
  const storage::Measure& m = recorded->measures[0];

  auto early = service.RecordOutcome(Manager(), m.id, 1,
                                     {domain::ProbationOutcomeKind::kRestored, D("2025-06-01")});
  EXPECT_EQ(early.status().reason(), "probation.restored_early");
  EXPECT_EQ(early.status().field(), "outcome.date");

  auto restored = service.RecordOutcome(Manager(), m.id, 1,
                                        {domain::ProbationOutcomeKind::kRestored, D("2026-01-10")});
  ASSERT_TRUE(restored.ok()) << restored.status().ToString();
  EXPECT_EQ(restored->outcome, storage::OutcomeKind::kRestored);
  EXPECT_EQ(restored->outcome_date, D("2026-01-10"));
  EXPECT_EQ(restored->version, 2);
  EXPECT_EQ(audit_.events().back().event.action, "measure.outcome");

  auto stale = service.RecordOutcome(Manager(), m.id, 1,
                                     {domain::ProbationOutcomeKind::kExpelled, D("2026-01-10")});
  EXPECT_EQ(stale.status().reason(), "record.stale");
}

TEST_F(CaseServiceTest, RevokingTheOnlyMeasureUnclassifiesTheCase) {
  CaseService service = Service();
  auto recorded = service.CreateCase(Manager(), Input({M("party.warning", "2026-01-10")}));
  ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
  auto revoked = service.RevokeMeasure(Manager(), recorded->measures[0].id, 1);
  ASSERT_TRUE(revoked.ok()) << revoked.status().ToString();
  EXPECT_TRUE(revoked->revoked);
  auto c = store_->GetCase(recorded->record.id);
  EXPECT_EQ(c->form, 0);
  EXPECT_EQ(c->version, 2);
  auto again = service.RevokeMeasure(Manager(), recorded->measures[0].id, 2);
  EXPECT_EQ(again.status().reason(), "measure.already_revoked");
  auto stale = service.RevokeMeasure(Manager(), recorded->measures[0].id, 1);
  EXPECT_EQ(stale.status().reason(), "record.stale");
}

TEST_F(CaseServiceTest, HoldsOpenAndClose) {
  CaseService service = Service();
  auto opened = service.OpenHold(Manager(), person_a_.id, storage::HoldKind::kClueVerification,
                                 D("2026-03-01"));
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(opened->to, std::nullopt);
  EXPECT_EQ(audit_.events().back().event.action, "hold.open");

  auto backwards = service.CloseHold(Manager(), person_a_.id, opened->id, 1, D("2026-02-01"));
  EXPECT_EQ(backwards.status().reason(), "hold.ends_before_start");
  EXPECT_EQ(backwards.status().field(), "to");
  auto wrong_person = service.CloseHold(Manager(), person_b_.id, opened->id, 1, D("2026-04-01"));
  EXPECT_EQ(wrong_person.status().reason(), "hold.not_found");
  auto closed = service.CloseHold(Manager(), person_a_.id, opened->id, 1, D("2026-04-01"));
  ASSERT_TRUE(closed.ok()) << closed.status().ToString();
  EXPECT_EQ(closed->to, D("2026-04-01"));
  auto twice = service.CloseHold(Manager(), person_a_.id, opened->id, 2, D("2026-04-02"));
  EXPECT_EQ(twice.status().reason(), "hold.already_closed");

  auto outside = service.OpenHold(MakeActor(Role::kCaseManager, city_b_, "cm_b"), person_a_.id,
                                  storage::HoldKind::kCaseReview, D("2026-03-01"));
  EXPECT_EQ(outside.status().reason(), "person.not_found");
  EXPECT_EQ(store_->LoadHistory(IdNumber(1))->holds.size(), 1U);
}

TEST_F(CaseServiceTest, PreviewStacksOnTheRecordAndWritesNothing) {
  AddCaseWithMeasure(person_a_, "省纪发〔2026〕1号", "party.warning", "2026-01-10");
  CaseService service = Service();
  CaseInput input = Input({M("party.serious_warning", "2026-06-01")});
  auto preview = service.Preview(Manager(), input);
  ASSERT_TRUE(preview.ok()) << preview.status().ToString();
  EXPECT_EQ(preview->form, 2);
  ASSERT_EQ(preview->restrictions.size(), 1U);
  const PreviewRestriction& r = preview->restrictions[0];
  EXPECT_EQ(r.measure_index, 0U);
  EXPECT_EQ(r.action, Action::kPromote);
  EXPECT_EQ(r.from, D("2026-06-01"));
  // 条例第二十一条: the unexpired part of the warning (to 2027-01-10) plus 18 months.
  EXPECT_EQ(r.to, D("2028-07-09"));
  EXPECT_EQ(CasesOf(1), 1U);
  ASSERT_EQ(audit_.events().size(), 1U);
  EXPECT_EQ(audit_.events()[0].event.action, "person.preview");

  input.person_id = 0;  // the case alone
  auto alone = service.Preview(Manager(), input);
  ASSERT_TRUE(alone.ok());
  EXPECT_EQ(alone->restrictions[0].to, D("2027-11-30"));
}

// 容错纠错 (rules.md §6): an exempted (免责) measure on record does not stack with the new case —
// the preview gives the new warning its own 18 months, as if the record were clean; a 减责
// decision leaves the stacking as it was.
TEST_F(CaseServiceTest, PreviewIgnoresAnExemptedMeasureOnRecord) {
  const storage::Measure warning =
      AddCaseWithMeasure(person_a_, "省纪发〔2026〕1号", "party.warning", "2026-01-10");
  Result<storage::FaultToleranceRow> stored =
      AddFaultToleranceDecision(person_a_, warning, "mitigate", "2026-03-01");
  CaseService service = Service();
  const CaseInput input = Input({M("party.serious_warning", "2026-06-01")});
  struct Row {
    const char* decision;
    const char* last_day;
  };
  for (const Row& row : {Row{"mitigate", "2028-07-09"}, Row{"exempt", "2027-11-30"}}) {
    SCOPED_TRACE(row.decision);
    storage::FaultToleranceRow changed = *stored;
    changed.decision = row.decision;
    auto updated = store_->Oversight().UpdateFaultTolerance(changed);
    ASSERT_TRUE(updated.ok()) << updated.status().ToString();
    stored = updated;
    auto preview = service.Preview(Manager(), input);
    ASSERT_TRUE(preview.ok()) << preview.status().ToString();
    ASSERT_EQ(preview->restrictions.size(), 1U);
    EXPECT_EQ(preview->restrictions[0].from, D("2026-06-01"));
    EXPECT_EQ(preview->restrictions[0].to, D(row.last_day));
  }
}

}  // namespace
}  // namespace kangfu::app
