#ifndef KANGFU_DOMAIN_ENGINE_HPP_
#define KANGFU_DOMAIN_ENGINE_HPP_

// The rules engine: from a person's measures and holds, what each measure restricts and, for an
// action on a date, the verdict (allowed / blocked / hold) with `allowed_from` and the reasons.
// Rules: shared/spec/rules.md §2–§6; numbers and citations come from the Catalogue.
//
// Pure and allocation-free on the hot path when the caller reuses Verdict and the scratch
// buffers: the benchmark evaluates millions of persons a second on one core.

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/status.hpp"
#include "domain/catalogue.hpp"
#include "domain/model.hpp"

namespace kangfu::domain {

// One restriction in force over [from, until): `until` is the first free day, or nullopt when no
// end is known (no end at all, or a 留党察看 without its outcome).
struct Restriction {
  uint32_t measure = 0;  // index into the history the engine was given
  Action action = Action::kPromote;
  Date from;
  std::optional<Date> until;
  KindIndex basis_kind = 0;  // whose article is cited (a probation that ended in expulsion cites
                             // 开除党籍 for what the expulsion adds)

  bool Covers(Date day) const { return from <= day && (!until || day < *until); }
  // The last restricted day, or nullopt when open-ended.
  std::optional<Date> LastDay() const {
    return until ? std::optional<Date>(until->AddDays(-1)) : std::nullopt;
  }
  friend bool operator==(const Restriction&, const Restriction&) = default;
};

enum class VerdictKind : uint8_t { kAllowed, kBlocked, kHold };
std::string_view VerdictCode(VerdictKind kind);
std::string_view VerdictLabel(VerdictKind kind);

struct Verdict {
  VerdictKind kind = VerdictKind::kAllowed;
  // First day on or after the asked date on which no restriction blocks the action (holds
  // ignored); nullopt when a restriction in the way has no known end.
  std::optional<Date> allowed_from;
  // kBlocked: indices of the measures whose restrictions block the action on the date.
  std::vector<uint32_t> blocking_measures;
  // kHold: indices of the holds that apply, and of the suspensions (停职检查) in force.
  std::vector<uint32_t> holds;
  std::vector<uint32_t> suspensions;
  // Every restriction on the action in force on the date (also when the verdict is kHold, empty
  // then by definition; listed for kBlocked).
  std::vector<Restriction> in_force;

  void Clear() {
    kind = VerdictKind::kAllowed;
    allowed_from.reset();
    blocking_measures.clear();
    holds.clear();
    suspensions.clear();
    in_force.clear();
  }
};

class Engine {
 public:
  // The catalogue must outlive the engine.
  Engine(const Catalogue& catalogue, EngineOptions options)
      : catalogue_(&catalogue), options_(options) {}

  const Catalogue& catalogue() const { return *catalogue_; }
  const EngineOptions& options() const { return options_; }

  // Checks one measure against its catalogue entry: optional members only where they apply,
  // 留党察看 terms and outcomes, stated periods (政务处分法第十五条), dates in order. On error the
  // field is relative to the measure ("term_months", "outcome.date" …) with a Chinese message.
  Status ValidateMeasure(const Measure& measure) const;
  // Checks a hold: `to` not before `from`.
  static Status ValidateHold(const Hold& hold);

  // Every restriction that a (validated) history imposes, all actions, in effective-date order
  // (ties by measure id). Stacking (条例第二十一条; optionally 《行政机关公务员处分条例》第十条) is
  // applied in effective-date order, ties by measure id. `out` is cleared first.
  void ComputeRestrictions(std::span<const Measure> history, std::vector<Restriction>* out) const;

  // The verdict for `action` on `day`. `restrictions` must come from ComputeRestrictions on the
  // same history (compute once, ask many questions).
  void Evaluate(std::span<const Measure> history, std::span<const Restriction> restrictions,
                std::span<const Hold> holds, Action action, Date day, Verdict* out) const;

  // Convenience: ComputeRestrictions + Evaluate, reusing `scratch` between calls.
  void Evaluate(std::span<const Measure> history, std::span<const Hold> holds, Action action,
                Date day, std::vector<Restriction>* scratch, Verdict* out) const;

  // The four-forms class of a case from its measures (rules.md §2): the heaviest form among
  // measures not revoked; 4 when the case holds a transfer to judicial organs; nullopt when
  // nothing counts (every measure revoked).
  std::optional<int> CaseForm(std::span<const Measure> measures_of_case) const;

  // Whether an 停职检查 (or any hold-while-in-force measure) is in force on `day`.
  bool SuspensionInForce(const Measure& measure, Date day) const;

  // The first day after a 留党察看 term (extension included), under the configured end rule.
  Date ProbationTermEnd(const Measure& measure) const;

 private:
  Date PeriodEnd(Date start, int months) const;
  Date ExtendEnd(Date chain_end, int months) const;

  const Catalogue* catalogue_;
  EngineOptions options_;
};

}  // namespace kangfu::domain

#endif  // KANGFU_DOMAIN_ENGINE_HPP_
