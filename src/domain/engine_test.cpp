#include "domain/engine.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "codec/catalogue_json.hpp"

namespace kangfu::domain {
namespace {

using testing::ElementsAre;

Date D(const char* text) { return *Date::Parse(text); }

class EngineTest : public testing::Test {
 protected:
  Measure M(const std::string& id, const char* kind, const char* effective) const {
    Measure measure;
    measure.id = id;
    measure.case_id = "c-" + id;
    measure.kind = *catalogue_.Find(kind);
    measure.effective = D(effective);
    return measure;
  }

  // "from..to" of every restriction on `action`, to = last restricted day or "open".
  std::vector<std::string> Spans(const std::vector<Measure>& history, Action action,
                                 EngineOptions options = {}) const {
    Engine engine(catalogue_, options);
    std::vector<Restriction> restrictions;
    engine.ComputeRestrictions(history, &restrictions);
    std::vector<std::string> spans;
    for (const Restriction& r : restrictions) {
      if (r.action != action) continue;
      spans.push_back(history[r.measure].id + ":" + r.from.ToString() + ".." +
                      (r.LastDay() ? r.LastDay()->ToString() : "open"));
    }
    return spans;
  }

  Verdict Ask(const std::vector<Measure>& history, const std::vector<Hold>& holds, Action action,
              const char* day, EngineOptions options = {}) const {
    Engine engine(catalogue_, options);
    std::vector<Restriction> scratch;
    Verdict verdict;
    engine.Evaluate(history, holds, action, D(day), &scratch, &verdict);
    return verdict;
  }

  // The catalogue the product ships (data/catalogue.json).
  const Catalogue& catalogue_ = codec::BuiltinCatalogue();
};

struct PeriodCase {
  const char* kind;
  const char* effective;
  Action action;
  const char* last_day;  // nullptr: not restricted; "open": no end
};

TEST_F(EngineTest, EveryCatalogueMeasureRestrictsExactlyItsActions) {
  const std::vector<PeriodCase> cases = {
      {"first.criticism", "2024-02-01", Action::kPromote, nullptr},
      {"first.admonishment", "2024-09-10", Action::kPromote, "2025-03-09"},
      {"first.admonishment", "2024-09-10", Action::kSalaryStep, nullptr},
      {"party.warning", "2024-03-15", Action::kPromote, "2025-03-14"},
      {"party.warning", "2024-03-15", Action::kEqualPost, nullptr},
      {"party.serious_warning", "2023-11-30", Action::kPromote, "2025-05-29"},
      {"party.removal_from_post", "2024-01-20", Action::kEqualPost, "2026-01-19"},
      {"party.removal_from_post", "2024-01-20", Action::kLeadershipPost, nullptr},
      {"party.expulsion", "2022-06-30", Action::kReadmit, "2027-06-29"},
      {"party.expulsion", "2022-06-30", Action::kPartyRights, "open"},
      {"gov.warning", "2024-08-31", Action::kPromote, "2025-02-27"},
      {"gov.warning", "2024-08-31", Action::kSalaryStep, nullptr},
      {"gov.demerit", "2024-05-06", Action::kSalaryStep, "2025-05-05"},
      {"gov.major_demerit", "2023-07-31", Action::kPromote, "2025-01-30"},
      {"gov.demotion", "2022-09-01", Action::kSalaryStep, "2024-08-31"},
      {"gov.dismissal_from_post", "2023-03-10", Action::kPromote, "2025-03-09"},
      {"gov.expulsion", "2021-04-01", Action::kLeadershipPost, "open"},
      {"gov.expulsion", "2021-04-01", Action::kReadmit, nullptr},
      {"org.suspension", "2024-05-01", Action::kPromote, nullptr},
      {"org.reassignment", "2024-03-01", Action::kPromote, "2025-02-28"},
      {"org.ordered_resignation", "2024-03-01", Action::kLeadershipPost, "2025-02-28"},
      {"org.removal", "2024-04-01", Action::kPromote, "2026-03-31"},
      {"org.demotion", "2024-06-15", Action::kPromote, "2026-06-14"},
      {"judicial.transfer", "2022-06-30", Action::kPromote, nullptr},
  };
  for (const PeriodCase& c : cases) {
    std::vector<std::string> spans = Spans({M("m", c.kind, c.effective)}, c.action);
    if (c.last_day == nullptr) {
      EXPECT_TRUE(spans.empty()) << c.kind << " " << ActionCode(c.action);
    } else {
      EXPECT_THAT(spans, ElementsAre(std::string("m:") + c.effective + ".." + c.last_day))
          << c.kind << " " << ActionCode(c.action);
    }
  }
}

TEST_F(EngineTest, CivilCodeEndRuleCountsTheCorrespondingDay) {
  EngineOptions civil{EndRule::kCivilCode, GovStacking::kNone};
  EXPECT_THAT(Spans({M("m", "party.warning", "2024-03-15")}, Action::kPromote, civil),
              ElementsAre("m:2024-03-15..2025-03-15"));
  EXPECT_THAT(Spans({M("m", "gov.warning", "2024-08-31")}, Action::kPromote, civil),
              ElementsAre("m:2024-08-31..2025-02-28"));
}

TEST_F(EngineTest, PartyChainAddsTheUnexpiredPeriod) {
  // 条例第二十一条: m2 inside m1's period ends 18 months after m1's end.
  EXPECT_THAT(Spans({M("m1", "party.warning", "2024-01-01"),
                     M("m2", "party.serious_warning", "2024-07-01")},
                    Action::kPromote),
              ElementsAre("m1:2024-01-01..2024-12-31", "m2:2024-07-01..2026-06-30"));
  // Three in a row: each continues from the end of the chain so far.
  EXPECT_THAT(Spans({M("a", "party.warning", "2024-01-01"), M("b", "party.warning", "2024-06-01"),
                     M("c", "party.warning", "2025-06-01")},
                    Action::kPromote),
              ElementsAre("a:2024-01-01..2024-12-31", "b:2024-06-01..2025-12-31",
                          "c:2025-06-01..2026-12-31"));
  // Under the civil-code rule the chain continues from the last restricted day.
  EXPECT_THAT(
      Spans({M("m1", "party.warning", "2024-01-01"), M("m2", "party.warning", "2024-07-01")},
            Action::kPromote, {EndRule::kCivilCode, GovStacking::kNone}),
      ElementsAre("m1:2024-01-01..2025-01-01", "m2:2024-07-01..2026-01-01"));
}

TEST_F(EngineTest, PartyChainOrderIsEffectiveDateThenIdWhateverTheInputOrder) {
  EXPECT_THAT(Spans({M("m2", "party.serious_warning", "2024-07-01"),
                     M("m1", "party.warning", "2024-01-01")},
                    Action::kPromote),
              ElementsAre("m1:2024-01-01..2024-12-31", "m2:2024-07-01..2026-06-30"));
  // Same day: lexicographic id order; "a" starts the chain, "b" continues it.
  EXPECT_THAT(Spans({M("b", "party.warning", "2024-01-01"), M("a", "party.warning", "2024-01-01")},
                    Action::kPromote),
              ElementsAre("a:2024-01-01..2024-12-31", "b:2024-01-01..2025-12-31"));
}

TEST_F(EngineTest, RevokedAndExemptedSanctionsTakeNoPartInTheChain) {
  Measure revoked = M("m1", "party.warning", "2024-01-01");
  revoked.revoked = D("2024-03-01");
  Measure exempted = M("m0", "party.warning", "2023-12-01");
  exempted.exempted = true;
  EXPECT_THAT(Spans({revoked, exempted, M("m2", "party.warning", "2024-07-01")}, Action::kPromote),
              ElementsAre("m2:2024-07-01..2025-06-30"));
}

TEST_F(EngineTest, ProbationAndExpulsionDoNotChain) {
  Measure probation = M("p", "party.probation", "2024-01-01");
  probation.term_months = 12;
  EXPECT_THAT(Spans({probation, M("w", "party.warning", "2024-06-01")}, Action::kPromote),
              ElementsAre("p:2024-01-01..open", "w:2024-06-01..2025-05-31"));
}

TEST_F(EngineTest, GovernmentSanctionsOverlapByDefault) {
  EXPECT_THAT(Spans({M("m1", "gov.warning", "2024-01-01"), M("m2", "gov.demerit", "2024-04-01")},
                    Action::kPromote),
              ElementsAre("m1:2024-01-01..2024-06-30", "m2:2024-04-01..2025-03-31"));
}

TEST_F(EngineTest, GovernmentSumIsCappedAt48MonthsFromTheNewEffectiveDate) {
  const EngineOptions sum{EndRule::kAnniversary, GovStacking::kSumCapped48};
  EXPECT_THAT(Spans({M("m1", "gov.demotion", "2023-01-01"),
                     M("m2", "gov.dismissal_from_post", "2024-01-01")},
                    Action::kSalaryStep, sum),
              ElementsAre("m1:2023-01-01..2024-12-31", "m2:2024-01-01..2026-12-31"));
  // Three long sanctions: the third would end 2028-12-31 by the sum, capped at 2028-06-30.
  EXPECT_THAT(
      Spans({M("a", "gov.demotion", "2023-01-01"), M("b", "gov.dismissal_from_post", "2024-01-01"),
             M("c", "gov.dismissal_from_post", "2024-07-01")},
            Action::kPromote, sum),
      ElementsAre("a:2023-01-01..2024-12-31", "b:2024-01-01..2026-12-31",
                  "c:2024-07-01..2028-06-30"));
  // A stated period takes part in the chain as its own length.
  Measure stated = M("s", "gov.demerit", "2024-06-01");
  stated.period_months = 30;
  EXPECT_THAT(Spans({M("a", "gov.demerit", "2024-01-01"), stated}, Action::kPromote, sum),
              ElementsAre("a:2024-01-01..2024-12-31", "s:2024-06-01..2027-06-30"));
}

TEST_F(EngineTest, ProbationWithoutOutcomeBlocksWithNoKnownEnd) {
  Measure probation = M("p", "party.probation", "2022-05-10");
  probation.term_months = 24;
  for (Action action : {Action::kPartyRights, Action::kPromote, Action::kEqualPost}) {
    EXPECT_THAT(Spans({probation}, action), ElementsAre("p:2022-05-10..open"));
  }
  EXPECT_TRUE(Spans({probation}, Action::kSalaryStep).empty());
  Verdict verdict = Ask({probation}, {}, Action::kPromote, "2030-01-01");
  EXPECT_EQ(verdict.kind, VerdictKind::kBlocked);
  EXPECT_EQ(verdict.allowed_from, std::nullopt);
}

TEST_F(EngineTest, ProbationRestoredBlocksPromotionTwoYearsFromRestoration) {
  Measure probation = M("p", "party.probation", "2023-03-01");
  probation.term_months = 12;
  probation.outcome = ProbationOutcome{ProbationOutcomeKind::kRestored, D("2024-03-01")};
  EXPECT_THAT(Spans({probation}, Action::kPartyRights), ElementsAre("p:2023-03-01..2024-02-29"));
  EXPECT_THAT(Spans({probation}, Action::kPromote), ElementsAre("p:2023-03-01..2026-02-28"));
  EXPECT_THAT(Spans({probation}, Action::kEqualPost), ElementsAre("p:2023-03-01..2026-02-28"));
}

TEST_F(EngineTest, ProbationExpelledBecomesAnExpulsionFromTheDecision) {
  Measure probation = M("p", "party.probation", "2023-01-01");
  probation.term_months = 12;
  probation.outcome = ProbationOutcome{ProbationOutcomeKind::kExpelled, D("2023-09-01")};
  EXPECT_THAT(Spans({probation}, Action::kReadmit), ElementsAre("p:2023-09-01..2028-08-31"));
  EXPECT_THAT(Spans({probation}, Action::kPromote), ElementsAre("p:2023-01-01..2028-08-31"));
  EXPECT_THAT(Spans({probation}, Action::kPartyRights), ElementsAre("p:2023-01-01..open"));
  Engine engine(catalogue_, {});
  std::vector<Restriction> restrictions;
  engine.ComputeRestrictions(std::vector<Measure>{probation}, &restrictions);
  for (const Restriction& r : restrictions) {
    if (r.action == Action::kReadmit) {
      EXPECT_EQ(catalogue_.kind(r.basis_kind).code, "party.expulsion");
    }
  }
}

TEST_F(EngineTest, AllowedFromWalksAcrossAdjoiningRestrictions) {
  // Removal ends 2026-03-31 for promote; a later reassignment adjoins it.
  std::vector<Measure> history = {M("a", "org.removal", "2024-04-01"),
                                  M("b", "org.reassignment", "2026-04-01")};
  Verdict verdict = Ask(history, {}, Action::kPromote, "2025-01-01");
  EXPECT_EQ(verdict.kind, VerdictKind::kBlocked);
  EXPECT_THAT(verdict.blocking_measures, ElementsAre(0));
  EXPECT_EQ(verdict.allowed_from, D("2027-04-01"));
}

TEST_F(EngineTest, HoldsAndSuspensionsGiveHoldOnlyWhenNothingBlocks) {
  std::vector<Hold> holds = {{"h1", HoldKind::kClueVerification, D("2025-01-10"), D("2025-04-30")}};
  Measure suspension = M("s", "org.suspension", "2025-03-01");
  suspension.ended = D("2025-06-01");
  std::vector<Measure> history = {suspension};

  Verdict before = Ask(history, holds, Action::kPromote, "2025-01-09");
  EXPECT_EQ(before.kind, VerdictKind::kAllowed);
  EXPECT_EQ(before.allowed_from, D("2025-01-09"));

  Verdict both = Ask(history, holds, Action::kPromote, "2025-04-30");
  EXPECT_EQ(both.kind, VerdictKind::kHold);
  EXPECT_THAT(both.holds, ElementsAre(0));
  EXPECT_THAT(both.suspensions, ElementsAre(0));
  EXPECT_EQ(both.allowed_from, D("2025-04-30"));

  Verdict suspended = Ask(history, holds, Action::kPromote, "2025-05-31");
  EXPECT_EQ(suspended.kind, VerdictKind::kHold);
  EXPECT_TRUE(suspended.holds.empty());

  EXPECT_EQ(Ask(history, holds, Action::kPromote, "2025-06-01").kind, VerdictKind::kAllowed);

  history.push_back(M("w", "party.warning", "2025-02-01"));
  Verdict blocked = Ask(history, holds, Action::kPromote, "2025-04-01");
  EXPECT_EQ(blocked.kind, VerdictKind::kBlocked);
  EXPECT_TRUE(blocked.holds.empty());
  EXPECT_EQ(blocked.allowed_from, D("2026-02-01"));
}

TEST_F(EngineTest, OpenSuspensionHoldsIndefinitely) {
  std::vector<Measure> history = {M("s", "org.suspension", "2025-03-01")};
  EXPECT_EQ(Ask(history, {}, Action::kPromote, "2035-01-01").kind, VerdictKind::kHold);
  EXPECT_EQ(Ask(history, {}, Action::kPromote, "2025-02-28").kind, VerdictKind::kAllowed);
}

TEST_F(EngineTest, CaseFormIsTheHeaviestNotRevokedMeasure) {
  Engine engine(catalogue_, {});
  EXPECT_EQ(engine.CaseForm(std::vector<Measure>{M("a", "first.criticism", "2024-01-01")}), 1);
  EXPECT_EQ(engine.CaseForm(std::vector<Measure>{M("a", "gov.warning", "2024-01-01"),
                                                 M("b", "org.removal", "2024-01-01")}),
            2);
  EXPECT_EQ(engine.CaseForm(std::vector<Measure>{M("a", "party.expulsion", "2024-01-01"),
                                                 M("b", "judicial.transfer", "2024-01-01")}),
            4);
  Measure revoked = M("r", "party.removal_from_post", "2024-01-01");
  revoked.revoked = D("2024-05-01");
  EXPECT_EQ(engine.CaseForm(std::vector<Measure>{revoked, M("a", "first.criticism", "2024-01-01")}),
            1);
  EXPECT_EQ(engine.CaseForm(std::vector<Measure>{revoked}), std::nullopt);
  EXPECT_EQ(engine.CaseForm(std::vector<Measure>{}), std::nullopt);
}

struct InvalidMeasure {
  const char* name;
  Measure measure;
  const char* field;
  const char* reason;
};

TEST_F(EngineTest, ValidateMeasureRefusesWithFieldAndReason) {
  auto probation = [this](int term) {
    Measure m = M("p", "party.probation", "2024-01-01");
    m.term_months = term;
    return m;
  };
  std::vector<InvalidMeasure> cases;
  cases.push_back({"probation without term", M("p", "party.probation", "2024-01-01"), "term_months",
                   "probation.term_missing"});
  cases.push_back({"probation 18 months", probation(18), "term_months", "probation.term_invalid"});
  {
    Measure m = probation(24);
    m.extended_on = D("2025-01-01");
    cases.push_back({"24-month term extended", m, "extended_on", "probation.not_extendable"});
  }
  {
    Measure m = probation(12);
    m.extended_on = D("2025-01-02");
    cases.push_back({"extended after the term", m, "extended_on", "probation.extension_date"});
  }
  {
    Measure m = probation(12);
    m.outcome = ProbationOutcome{ProbationOutcomeKind::kRestored, D("2024-12-31")};
    cases.push_back({"restored inside the term", m, "outcome.date", "probation.restored_early"});
  }
  {
    Measure m = probation(12);
    m.extended_on = D("2025-01-01");
    m.outcome = ProbationOutcome{ProbationOutcomeKind::kRestored, D("2025-06-01")};
    cases.push_back(
        {"restored inside the extended term", m, "outcome.date", "probation.restored_early"});
  }
  {
    Measure m = probation(12);
    m.outcome = ProbationOutcome{ProbationOutcomeKind::kExpelled, D("2023-12-31")};
    cases.push_back(
        {"expelled before effective", m, "outcome.date", "probation.expelled_before_effective"});
  }
  {
    Measure m = M("w", "party.warning", "2024-01-01");
    m.term_months = 12;
    cases.push_back({"term on a warning", m, "term_months", "measure.not_applicable"});
  }
  {
    Measure m = M("w", "party.warning", "2024-01-01");
    m.outcome = ProbationOutcome{ProbationOutcomeKind::kRestored, D("2025-01-01")};
    cases.push_back({"outcome on a warning", m, "outcome", "measure.not_applicable"});
  }
  {
    Measure m = M("w", "party.warning", "2024-01-01");
    m.extended_on = D("2024-06-01");
    cases.push_back({"extension on a warning", m, "extended_on", "measure.not_applicable"});
  }
  {
    Measure m = M("w", "party.warning", "2024-01-01");
    m.ended = D("2024-06-01");
    cases.push_back({"ended on a warning", m, "ended", "measure.not_applicable"});
  }
  {
    Measure m = M("s", "org.suspension", "2024-01-01");
    m.ended = D("2024-01-01");
    cases.push_back(
        {"suspension ended on its first day", m, "ended", "suspension.ended_before_effective"});
  }
  {
    Measure m = M("w", "party.warning", "2024-01-01");
    m.period_months = 24;
    cases.push_back(
        {"stated period on a party sanction", m, "period_months", "measure.not_applicable"});
  }
  {
    Measure m = M("g", "gov.demerit", "2024-01-01");
    m.period_months = 11;
    cases.push_back(
        {"stated period below the single period", m, "period_months", "gov.period_out_of_range"});
  }
  {
    Measure m = M("g", "gov.demerit", "2024-01-01");
    m.period_months = 49;
    cases.push_back({"stated period above 48", m, "period_months", "gov.period_out_of_range"});
  }
  {
    Measure m = M("g", "gov.expulsion", "2024-01-01");
    m.period_months = 24;
    cases.push_back(
        {"stated period on an expulsion", m, "period_months", "measure.not_applicable"});
  }
  {
    Measure m = M("w", "party.warning", "2024-01-01");
    m.revoked = D("2023-12-31");
    cases.push_back({"revoked before effective", m, "revoked", "measure.revoked_before_effective"});
  }

  Engine engine(catalogue_, {});
  for (const InvalidMeasure& c : cases) {
    Status status = engine.ValidateMeasure(c.measure);
    ASSERT_FALSE(status.ok()) << c.name << " was accepted";
    EXPECT_EQ(status.code(), ErrorCode::kInvalidArgument) << c.name;
    EXPECT_EQ(status.field(), c.field) << c.name;
    EXPECT_EQ(status.reason(), c.reason) << c.name;
    EXPECT_FALSE(status.message().empty()) << c.name;
  }
}

TEST_F(EngineTest, ValidateMeasureAcceptsWellFormedMeasures) {
  Engine engine(catalogue_, {});
  Measure extended = M("p", "party.probation", "2023-05-15");
  extended.term_months = 12;
  extended.extended_on = D("2024-05-15");
  extended.outcome = ProbationOutcome{ProbationOutcomeKind::kRestored, D("2025-05-15")};
  Measure stated = M("g", "gov.demerit", "2024-02-15");
  stated.period_months = 30;
  Measure suspension = M("s", "org.suspension", "2024-05-01");
  suspension.ended = D("2024-08-01");
  for (const Measure& m : {extended, stated, suspension, M("w", "party.warning", "2024-01-01")}) {
    EXPECT_TRUE(engine.ValidateMeasure(m).ok()) << m.id << engine.ValidateMeasure(m).ToString();
  }
  EXPECT_EQ(
      Engine::ValidateHold({"h", HoldKind::kCaseReview, D("2024-02-01"), D("2024-01-31")}).field(),
      "to");
  EXPECT_TRUE(
      Engine::ValidateHold({"h", HoldKind::kCaseReview, D("2024-02-01"), std::nullopt}).ok());
}

}  // namespace
}  // namespace kangfu::domain
