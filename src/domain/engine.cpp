#include "domain/engine.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace kangfu::domain {
namespace {

constexpr int kGovStackingCapMonths = 48;  // 《行政机关公务员处分条例》第十条; 政务处分法第十五条

bool Contains(const std::vector<Action>& actions, Action action) {
  return std::find(actions.begin(), actions.end(), action) != actions.end();
}

const RestrictionRule* FindRule(const std::vector<RestrictionRule>& rules, Action action) {
  for (const RestrictionRule& rule : rules) {
    if (rule.action == action) return &rule;
  }
  return nullptr;
}

// Indices of a history in (effective, id) order without allocating for ordinary histories.
class ChainOrder {
 public:
  explicit ChainOrder(std::span<const Measure> history) : size_(history.size()) {
    uint32_t* begin = size_ <= kInline ? inline_.data() : (heap_.resize(size_), heap_.data());
    for (uint32_t i = 0; i < size_; ++i) begin[i] = i;
    std::sort(begin, begin + size_, [&history](uint32_t a, uint32_t b) {
      if (history[a].effective != history[b].effective) {
        return history[a].effective < history[b].effective;
      }
      return history[a].id < history[b].id;
    });
    data_ = begin;
  }
  const uint32_t* begin() const { return data_; }
  const uint32_t* end() const { return data_ + size_; }

 private:
  static constexpr std::size_t kInline = 32;
  std::size_t size_;
  std::array<uint32_t, kInline> inline_{};
  std::vector<uint32_t> heap_;
  const uint32_t* data_ = nullptr;
};

void SortByMeasureId(std::span<const Measure> history, std::vector<uint32_t>* indices) {
  std::sort(indices->begin(), indices->end(),
            [&history](uint32_t a, uint32_t b) { return history[a].id < history[b].id; });
  indices->erase(std::unique(indices->begin(), indices->end()), indices->end());
}

std::string Months(int months) { return std::to_string(months) + " 个月"; }

}  // namespace

std::string_view VerdictCode(VerdictKind kind) {
  switch (kind) {
    case VerdictKind::kAllowed:
      return "allowed";
    case VerdictKind::kBlocked:
      return "blocked";
    case VerdictKind::kHold:
      return "hold";
  }
  return "allowed";
}

std::string_view VerdictLabel(VerdictKind kind) {
  switch (kind) {
    case VerdictKind::kAllowed:
      return "不受影响";
    case VerdictKind::kBlocked:
      return "影响期未满";
    case VerdictKind::kHold:
      return "暂缓";
  }
  return "不受影响";
}

Date Engine::PeriodEnd(Date start, int months) const {
  const Date corresponding = start.AddMonths(months);
  // 民法典第二百零一条、第二百零二条: the corresponding day is the last day of the period.
  return options_.end_rule == EndRule::kCivilCode ? corresponding.AddDays(1) : corresponding;
}

Date Engine::ExtendEnd(Date chain_end, int months) const {
  if (options_.end_rule == EndRule::kAnniversary) return chain_end.AddMonths(months);
  // Under the civil-code rule the chain continues from the last restricted day.
  return chain_end.AddDays(-1).AddMonths(months).AddDays(1);
}

Date Engine::ProbationTermEnd(const Measure& measure) const {
  const MeasureKind& kind = catalogue_->kind(measure.kind);
  int term = measure.term_months.value_or(0);
  if (measure.extended_on && kind.probation) term = kind.probation->extended_term;
  return PeriodEnd(measure.effective, term);
}

Status Engine::ValidateMeasure(const Measure& measure) const {
  const MeasureKind& kind = catalogue_->kind(measure.kind);
  const std::string name = "“" + kind.name + "”";

  if (measure.revoked && *measure.revoked < measure.effective) {
    return Status::Invalid("revoked", "measure.revoked_before_effective",
                           "撤销日期不能早于" + name + "的生效日期");
  }

  if (kind.effect == Effect::kProbation) {
    const ProbationRule& rule = *kind.probation;
    if (!measure.term_months) {
      return Status::Invalid("term_months", "probation.term_missing",
                             "留党察看须填写察看期限（term_months）：12 或 24 个月");
    }
    if (std::find(rule.terms.begin(), rule.terms.end(), *measure.term_months) == rule.terms.end()) {
      return Status::Invalid(
          "term_months", "probation.term_invalid",
          "留党察看期限只能是一年或二年（12 或 24 个月，条例第十二条），不能是 " +
              Months(*measure.term_months));
    }
    if (measure.extended_on) {
      if (*measure.term_months != rule.extendable_term) {
        return Status::Invalid("extended_on", "probation.not_extendable",
                               "只有察看期限为 " + Months(rule.extendable_term) +
                                   "的留党察看可以延长，二年期满不得再延长");
      }
      const Date term_end = PeriodEnd(measure.effective, rule.extendable_term);
      if (*measure.extended_on < measure.effective || *measure.extended_on > term_end) {
        return Status::Invalid("extended_on", "probation.extension_date",
                               "延长察看期的决定日期须在原察看期内（" +
                                   measure.effective.ToString() + " 至 " + term_end.ToString() +
                                   "）");
      }
    }
    if (measure.outcome) {
      const Date outcome_date = measure.outcome->date;
      if (measure.outcome->kind == ProbationOutcomeKind::kRestored) {
        const Date earliest = ProbationTermEnd(measure);
        if (outcome_date < earliest) {
          return Status::Invalid("outcome.date", "probation.restored_early",
                                 "恢复党员权利须在察看期满之后，最早为 " + earliest.ToString());
        }
      } else if (outcome_date < measure.effective) {
        return Status::Invalid("outcome.date", "probation.expelled_before_effective",
                               "开除党籍的日期不能早于留党察看的生效日期");
      }
      if (measure.extended_on && outcome_date < *measure.extended_on) {
        return Status::Invalid("outcome.date", "probation.outcome_before_extension",
                               "察看结果的日期不能早于延长察看期的日期");
      }
    }
  } else {
    if (measure.term_months) {
      return Status::Invalid("term_months", "measure.not_applicable",
                             name + "没有察看期限，只有留党察看可以填写 term_months");
    }
    if (measure.extended_on) {
      return Status::Invalid("extended_on", "measure.not_applicable",
                             name + "不能延长，只有留党察看可以填写 extended_on");
    }
    if (measure.outcome) {
      return Status::Invalid(
          "outcome", "measure.not_applicable",
          name + "没有察看结果，只有留党察看可以填写 outcome（恢复党员权利或开除党籍）");
    }
  }

  if (measure.ended) {
    if (kind.effect != Effect::kHoldWhileInForce) {
      return Status::Invalid("ended", "measure.not_applicable",
                             name + "没有解除日期，只有停职检查可以填写 ended");
    }
    if (*measure.ended <= measure.effective) {
      return Status::Invalid("ended", "suspension.ended_before_effective",
                             "停职检查的解除日期须晚于生效日期");
    }
  }

  if (measure.period_months) {
    if (!kind.stated_period) {
      return Status::Invalid("period_months", "measure.not_applicable",
                             name + "的影响期由法规确定，不能另行载明处分期（period_months）");
    }
    const int months = *measure.period_months;
    if (months < kind.longest_months || months > kGovStackingCapMonths) {
      return Status::Invalid(
          "period_months", "gov.period_out_of_range",
          "决定载明的处分期须在单个" + name + "的处分期（" + Months(kind.longest_months) +
              "）与 48 个月之间（政务处分法第十五条），不能是 " + Months(months));
    }
  }
  return Status::Ok();
}

Status Engine::ValidateHold(const Hold& hold) {
  if (hold.to && *hold.to < hold.from) {
    return Status::Invalid("to", "hold.ends_before_start", "暂缓事项的结束日期不能早于开始日期");
  }
  return Status::Ok();
}

void Engine::ComputeRestrictions(std::span<const Measure> history,
                                 std::vector<Restriction>* out) const {
  out->clear();
  std::optional<Date> party_chain_end;
  std::optional<Date> gov_chain_end;
  const bool gov_sum = options_.gov_stacking == GovStacking::kSumCapped48;

  for (uint32_t index : ChainOrder(history)) {
    const Measure& measure = history[index];
    if (measure.revoked || measure.exempted) continue;
    const MeasureKind& kind = catalogue_->kind(measure.kind);
    const Date effective = measure.effective;

    switch (kind.effect) {
      case Effect::kRestrict: {
        std::optional<Date>* chain = nullptr;
        if (kind.stacking == Stacking::kPartyChain) chain = &party_chain_end;
        if (kind.stacking == Stacking::kGovChain && gov_sum) chain = &gov_chain_end;
        const bool extends = chain != nullptr && chain->has_value() && effective < **chain;
        std::optional<Date> longest;
        for (const RestrictionRule& rule : kind.restrictions) {
          std::optional<Date> until;
          if (rule.months) {
            const int months = measure.period_months.value_or(*rule.months);
            until = extends ? ExtendEnd(**chain, months) : PeriodEnd(effective, months);
            if (kind.stacking == Stacking::kGovChain && gov_sum) {
              until = std::min(*until, PeriodEnd(effective, kGovStackingCapMonths));
            }
            if (!longest || *until > *longest) longest = until;
          }
          out->push_back({index, rule.action, effective, until, measure.kind});
        }
        if (chain != nullptr && longest && (!chain->has_value() || *longest > **chain)) {
          *chain = longest;
        }
        break;
      }
      case Effect::kProbation: {
        const ProbationRule& rule = *kind.probation;
        if (!measure.outcome) {
          for (Action action : rule.during) {
            out->push_back({index, action, effective, std::nullopt, measure.kind});
          }
          break;
        }
        const Date decided = measure.outcome->date;
        if (measure.outcome->kind == ProbationOutcomeKind::kRestored) {
          for (Action action : rule.during) {
            const RestrictionRule* after = FindRule(rule.after_restored, action);
            std::optional<Date> until = decided;
            if (after != nullptr) {
              until = after->months ? std::optional<Date>(PeriodEnd(decided, *after->months))
                                    : std::nullopt;
            }
            out->push_back({index, action, effective, until, measure.kind});
          }
          for (const RestrictionRule& after : rule.after_restored) {
            if (Contains(rule.during, after.action)) continue;
            out->push_back({index, after.action, decided,
                            after.months ? std::optional<Date>(PeriodEnd(decided, *after.months))
                                         : std::nullopt,
                            measure.kind});
          }
          break;
        }
        // Expelled: from the decision it is the expulsion (条例第十三条); before it, the
        // probation's own restrictions ran from the effective date.
        const MeasureKind& expulsion = catalogue_->kind(kind.expelled_kind);
        for (Action action : rule.during) {
          const RestrictionRule* then = FindRule(expulsion.restrictions, action);
          if (then == nullptr) {
            out->push_back({index, action, effective, decided, measure.kind});
          } else {
            out->push_back({index, action, effective,
                            then->months ? std::optional<Date>(PeriodEnd(decided, *then->months))
                                         : std::nullopt,
                            kind.expelled_kind});
          }
        }
        for (const RestrictionRule& then : expulsion.restrictions) {
          if (Contains(rule.during, then.action)) continue;
          out->push_back(
              {index, then.action, decided,
               then.months ? std::optional<Date>(PeriodEnd(decided, *then.months)) : std::nullopt,
               kind.expelled_kind});
        }
        break;
      }
      case Effect::kHoldWhileInForce:
      case Effect::kTransfer:
        break;
    }
  }
}

bool Engine::SuspensionInForce(const Measure& measure, Date day) const {
  if (measure.revoked || measure.exempted) return false;
  if (catalogue_->kind(measure.kind).effect != Effect::kHoldWhileInForce) return false;
  return measure.effective <= day && (!measure.ended || day < *measure.ended);
}

void Engine::Evaluate(std::span<const Measure> history, std::span<const Restriction> restrictions,
                      std::span<const Hold> holds, Action action, Date day, Verdict* out) const {
  out->Clear();
  for (const Restriction& restriction : restrictions) {
    if (restriction.action == action && restriction.Covers(day)) {
      out->in_force.push_back(restriction);
      out->blocking_measures.push_back(restriction.measure);
    }
  }

  // allowed_from: walk forward over every restriction on the action until a free day appears.
  Date free = day;
  bool unknown = false;
  for (bool moved = true; moved && !unknown;) {
    moved = false;
    for (const Restriction& restriction : restrictions) {
      if (restriction.action != action || !restriction.Covers(free)) continue;
      if (!restriction.until) {
        unknown = true;
        break;
      }
      free = *restriction.until;
      moved = true;
    }
  }
  out->allowed_from = unknown ? std::nullopt : std::optional<Date>(free);

  if (!out->blocking_measures.empty()) {
    out->kind = VerdictKind::kBlocked;
    SortByMeasureId(history, &out->blocking_measures);
    return;
  }
  for (uint32_t i = 0; i < holds.size(); ++i) {
    const Hold& hold = holds[i];
    if (hold.from <= day && (!hold.to || day <= *hold.to)) out->holds.push_back(i);
  }
  for (uint32_t i = 0; i < history.size(); ++i) {
    if (SuspensionInForce(history[i], day)) out->suspensions.push_back(i);
  }
  if (!out->holds.empty() || !out->suspensions.empty()) out->kind = VerdictKind::kHold;
}

void Engine::Evaluate(std::span<const Measure> history, std::span<const Hold> holds, Action action,
                      Date day, std::vector<Restriction>* scratch, Verdict* out) const {
  ComputeRestrictions(history, scratch);
  Evaluate(history, *scratch, holds, action, day, out);
}

std::optional<int> Engine::CaseForm(std::span<const Measure> measures_of_case) const {
  std::optional<int> form;
  for (const Measure& measure : measures_of_case) {
    if (measure.revoked) continue;
    const int this_form = catalogue_->kind(measure.kind).form;
    if (!form || this_form > *form) form = this_form;
  }
  return form;
}

}  // namespace kangfu::domain
