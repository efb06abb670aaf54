#ifndef KANGFU_DOMAIN_CATALOGUE_HPP_
#define KANGFU_DOMAIN_CATALOGUE_HPP_

// The measure catalogue (处分处理措施目录): every measure the product knows, its four-forms class,
// what it restricts for how long, and the article that says so. It is data (data/catalogue.json,
// parsed by codec/catalogue_json), validated here; the engine holds no numbers of its own.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "domain/model.hpp"

namespace kangfu::domain {

enum class Family : uint8_t { kFirst, kParty, kGov, kOrg, kJudicial };
enum class Confidence : uint8_t {
  kFirm,      // read in the regulation's text
  kPractice,  // common practice or a local rule: an administrator may change it
};
enum class Effect : uint8_t {
  kRestrict,          // the listed restrictions, from the effective date
  kHoldWhileInForce,  // no restriction; a hold from effective until `ended` (停职检查)
  kProbation,         // 留党察看: term, extension and outcome decide (rules.md §3)
  kTransfer,          // 移送司法: nothing by itself; makes the case form 4
};
enum class Stacking : uint8_t {
  kNone,
  kPartyChain,  // 条例第二十一条: unexpired period + new period
  kGovChain,    // only with GovStacking::kSumCapped48
};

std::string_view FamilyCode(Family family);
std::string_view ConfidenceCode(Confidence confidence);
std::string_view EffectCode(Effect effect);
std::string_view StackingCode(Stacking stacking);
std::optional<Family> FamilyFromCode(std::string_view code);
std::optional<Confidence> ConfidenceFromCode(std::string_view code);
std::optional<Effect> EffectFromCode(std::string_view code);
std::optional<Stacking> StackingFromCode(std::string_view code);

// One restriction a measure imposes: `months` from the start, or no end when nullopt.
struct RestrictionRule {
  Action action = Action::kPromote;
  std::optional<int> months;

  friend bool operator==(const RestrictionRule&, const RestrictionRule&) = default;
};

struct ProbationRule {
  std::vector<int> terms;      // allowed terms in months (12, 24)
  int extendable_term = 12;    // a term of this length may be extended once ...
  int extended_term = 24;      // ... to this length from the original effective date
  std::vector<Action> during;  // blocked from effective until the outcome
  std::vector<RestrictionRule> after_restored;  // from the restoration date
  std::string on_expelled;                      // code of the measure it becomes (party.expulsion)
};

struct MeasureKind {
  std::string code;
  std::string name;
  Family family = Family::kFirst;
  int form = 1;
  Effect effect = Effect::kRestrict;
  Stacking stacking = Stacking::kNone;
  bool stated_period = false;  // a decision may state its own period (政务处分法第十五条)
  std::vector<RestrictionRule> restrictions;
  std::optional<ProbationRule> probation;
  std::string basis;
  Confidence confidence = Confidence::kFirm;
  std::string note;

  // Filled by Catalogue::Create from the data above, for the engine's hot path.
  KindIndex expelled_kind = 0;
  int longest_months = 0;  // longest finite restriction
};

// An administrator's change to a `practice` entry (its restrictions and note), e.g. a province
// that counts 诫勉 for 12 months instead of 6.
struct KindOverride {
  std::string code;
  std::optional<std::vector<RestrictionRule>> restrictions;
  std::optional<std::string> note;
};

class Catalogue {
 public:
  // Validates the entries and builds the catalogue. Errors name the entry, e.g.
  // "measures[3].form": unknown or duplicate codes, forms outside 1–4, months not positive,
  // an action listed twice, a probation entry without its rule, an `on_expelled` code that is not
  // in the catalogue, an empty basis.
  static Result<Catalogue> Create(std::vector<MeasureKind> kinds);

  // The index of a code, or nullopt when the catalogue has no such measure.
  std::optional<KindIndex> Find(std::string_view code) const;
  const MeasureKind& kind(KindIndex index) const { return kinds_[index]; }
  const std::vector<MeasureKind>& kinds() const { return kinds_; }
  std::size_t size() const { return kinds_.size(); }

  // Returns a copy with the overrides applied. Refuses (and changes nothing) when an override
  // names an unknown code or a `firm` entry — those follow the regulation's text and are changed
  // only by a new product version — or when the result would be invalid.
  Result<Catalogue> WithOverrides(const std::vector<KindOverride>& overrides) const;

 private:
  std::vector<MeasureKind> kinds_;
};

}  // namespace kangfu::domain

#endif  // KANGFU_DOMAIN_CATALOGUE_HPP_
