// Properties of the engine over random valid histories (fixed seeds, so failures reproduce).

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "codec/catalogue_json.hpp"
#include "domain/engine.hpp"

namespace kangfu::domain {
namespace {

class RandomHistories {
 public:
  RandomHistories(const Catalogue& catalogue, uint32_t seed)
      : catalogue_(catalogue), random_(seed) {}

  Date RandomDate() {
    return Date::FromDays(Pick(19000, 20800));  // 2022-01-08 .. 2026-12-13
  }

  // A measure that passes ValidateMeasure.
  Measure RandomMeasure(int serial) {
    Measure m;
    m.id = "m" + std::to_string(serial);
    m.case_id = "c" + std::to_string(Pick(0, 3));
    m.kind = static_cast<KindIndex>(Pick(0, static_cast<int>(catalogue_.size()) - 1));
    m.effective = RandomDate();
    const MeasureKind& kind = catalogue_.kind(m.kind);
    if (kind.effect == Effect::kProbation) {
      m.term_months = Pick(0, 1) == 0 ? 12 : 24;
      if (*m.term_months == 12 && Pick(0, 2) == 0) {
        m.extended_on = m.effective.AddMonths(12);
      }
      const int outcome = Pick(0, 2);
      if (outcome == 1) {
        const int term = m.extended_on ? 24 : *m.term_months;
        m.outcome = ProbationOutcome{ProbationOutcomeKind::kRestored,
                                     m.effective.AddMonths(term).AddDays(Pick(0, 60))};
      } else if (outcome == 2) {
        const Date earliest = m.extended_on ? *m.extended_on : m.effective;
        m.outcome =
            ProbationOutcome{ProbationOutcomeKind::kExpelled, earliest.AddDays(Pick(0, 500))};
      }
    }
    if (kind.effect == Effect::kHoldWhileInForce && Pick(0, 1) == 0) {
      m.ended = m.effective.AddDays(Pick(1, 200));
    }
    if (kind.stated_period && Pick(0, 4) == 0) m.period_months = Pick(kind.longest_months, 48);
    if (Pick(0, 9) == 0) m.revoked = m.effective.AddDays(Pick(0, 100));
    if (Pick(0, 19) == 0) m.exempted = true;
    return m;
  }

  std::vector<Measure> RandomHistory(int max_measures) {
    std::vector<Measure> history;
    const int count = Pick(0, max_measures);
    for (int i = 0; i < count; ++i) history.push_back(RandomMeasure(i));
    return history;
  }

  std::vector<Hold> RandomHolds() {
    std::vector<Hold> holds;
    const int count = Pick(0, 4) == 0 ? Pick(1, 2) : 0;
    for (int i = 0; i < count; ++i) {
      Hold hold;
      hold.id = "h" + std::to_string(i);
      hold.kind = Pick(0, 1) == 0 ? HoldKind::kClueVerification : HoldKind::kCaseReview;
      hold.from = RandomDate();
      if (Pick(0, 1) == 0) hold.to = hold.from.AddDays(Pick(0, 300));
      holds.push_back(hold);
    }
    return holds;
  }

  Action RandomAction() { return kAllActions[static_cast<std::size_t>(Pick(0, 5))]; }
  int Pick(int low, int high) { return std::uniform_int_distribution<int>(low, high)(random_); }
  std::mt19937& random() { return random_; }

 private:
  const Catalogue& catalogue_;
  std::mt19937 random_;
};

class EnginePropertyTest : public testing::TestWithParam<EngineOptions> {
 protected:
  const Catalogue& catalogue_ = codec::BuiltinCatalogue();
};

TEST_P(EnginePropertyTest, InvariantsHoldForRandomHistories) {
  const Engine engine(catalogue_, GetParam());
  RandomHistories random(catalogue_, 20261127);
  std::vector<Restriction> scratch;
  Verdict verdict;
  Verdict later;
  int blocked_seen = 0;
  for (int round = 0; round < 3000; ++round) {
    std::vector<Measure> history = random.RandomHistory(6);
    for (const Measure& m : history) {
      ASSERT_TRUE(engine.ValidateMeasure(m).ok()) << engine.ValidateMeasure(m).ToString();
    }
    const std::vector<Hold> holds = random.RandomHolds();
    const Action action = random.RandomAction();
    const Date day = random.RandomDate().AddDays(random.Pick(0, 1500));
    engine.Evaluate(history, holds, action, day, &scratch, &verdict);

    // allowed_from is never before the asked date, and on it the action is not blocked.
    if (verdict.allowed_from) {
      ASSERT_GE(*verdict.allowed_from, day);
      engine.Evaluate(history, holds, action, *verdict.allowed_from, &scratch, &later);
      ASSERT_NE(later.kind, VerdictKind::kBlocked) << "round " << round;
      // Every day before it is blocked (it is the first free day). Sampled.
      for (Date d = day; d < *verdict.allowed_from; d = d.AddDays(37)) {
        engine.Evaluate(history, holds, action, d, &scratch, &later);
        ASSERT_EQ(later.kind, VerdictKind::kBlocked) << d.ToString() << " round " << round;
      }
    } else {
      ASSERT_EQ(verdict.kind, VerdictKind::kBlocked) << "only a restriction can hide the end";
    }
    if (verdict.kind == VerdictKind::kAllowed) {
      ASSERT_EQ(verdict.allowed_from, day);
    }
    if (verdict.kind == VerdictKind::kBlocked) {
      ++blocked_seen;
      ASSERT_FALSE(verdict.blocking_measures.empty());
      for (const Restriction& r : verdict.in_force) {
        ASSERT_TRUE(r.Covers(day));
        ASSERT_EQ(r.action, action);
      }
    } else {
      ASSERT_TRUE(verdict.in_force.empty());
    }
    if (verdict.kind == VerdictKind::kHold) {
      ASSERT_FALSE(verdict.holds.empty() && verdict.suspensions.empty());
    }

    // The order in which the history is given does not matter.
    std::vector<Measure> shuffled = history;
    std::shuffle(shuffled.begin(), shuffled.end(), random.random());
    engine.Evaluate(shuffled, holds, action, day, &scratch, &later);
    ASSERT_EQ(later.kind, verdict.kind);
    ASSERT_EQ(later.allowed_from, verdict.allowed_from);

    // Adding a measure never turns a blocked action into an allowed one, nor brings its end
    // forward.
    if (verdict.kind == VerdictKind::kBlocked) {
      std::vector<Measure> more = history;
      more.push_back(random.RandomMeasure(99));
      engine.Evaluate(more, holds, action, day, &scratch, &later);
      ASSERT_EQ(later.kind, VerdictKind::kBlocked) << "round " << round;
      if (!verdict.allowed_from) {
        ASSERT_FALSE(later.allowed_from.has_value());
      } else if (later.allowed_from) {
        ASSERT_GE(*later.allowed_from, *verdict.allowed_from);
      }
    }
  }
  EXPECT_GT(blocked_seen, 300) << "the generator must exercise blocked verdicts";
}

INSTANTIATE_TEST_SUITE_P(
    Options, EnginePropertyTest,
    testing::Values(EngineOptions{EndRule::kAnniversary, GovStacking::kNone},
                    EngineOptions{EndRule::kCivilCode, GovStacking::kNone},
                    EngineOptions{EndRule::kAnniversary, GovStacking::kSumCapped48},
                    EngineOptions{EndRule::kCivilCode, GovStacking::kSumCapped48}),
    [](const testing::TestParamInfo<EngineOptions>& param_info) {
      return std::string(EndRuleCode(param_info.param.end_rule)) + "_" +
             std::string(GovStackingCode(param_info.param.gov_stacking));
    });

}  // namespace
}  // namespace kangfu::domain
