#include "domain/catalogue.hpp"

#include <algorithm>
#include <set>

namespace kangfu::domain {
namespace {

template <typename Enum, std::size_t N>
std::optional<Enum> FromCode(const std::array<std::string_view, N>& names, std::string_view code) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == code) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

constexpr std::array<std::string_view, 5> kFamilyCodes = {"first", "party", "gov", "org",
                                                          "judicial"};
constexpr std::array<std::string_view, 2> kConfidenceCodes = {"firm", "practice"};
constexpr std::array<std::string_view, 4> kEffectCodes = {"restrict", "hold_while_in_force",
                                                          "probation", "transfer"};
constexpr std::array<std::string_view, 3> kStackingCodes = {"none", "party_chain", "gov_chain"};

Status ValidateRules(const std::vector<RestrictionRule>& rules, const std::string& field) {
  std::set<Action> seen;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const std::string item = field + "[" + std::to_string(i) + "]";
    if (!seen.insert(rules[i].action).second) {
      return Status::Invalid(item + ".action", "catalogue.duplicate_action",
                             "同一措施对“" + std::string(ActionLabel(rules[i].action)) +
                                 "”的限制重复列出，请合并为一条");
    }
    if (rules[i].months && (*rules[i].months <= 0 || *rules[i].months > 600)) {
      return Status::Invalid(item + ".months", "catalogue.months_range",
                             "影响期月数须为 1—600 的整数，或为 null 表示无期限");
    }
  }
  return Status::Ok();
}

Status ValidateKind(const MeasureKind& kind) {
  if (kind.code.empty()) {
    return Status::Invalid("code", "catalogue.code_missing", "措施代码不能为空");
  }
  if (kind.name.empty()) {
    return Status::Invalid("name", "catalogue.name_missing", "措施“" + kind.code + "”缺少中文名称");
  }
  if (kind.form < 1 || kind.form > 4) {
    return Status::Invalid("form", "catalogue.form_range",
                           "措施“" + kind.code + "”的四种形态类别须为 1—4");
  }
  if (kind.basis.empty()) {
    return Status::Invalid("basis", "catalogue.basis_missing",
                           "措施“" + kind.code + "”缺少依据条文，每项影响期都须注明出处");
  }
  KANGFU_RETURN_IF_ERROR(ValidateRules(kind.restrictions, "restrictions"));
  if (kind.effect == Effect::kProbation) {
    if (!kind.probation || kind.probation->terms.empty() || kind.probation->on_expelled.empty()) {
      return Status::Invalid("probation", "catalogue.probation_missing",
                             "留党察看类措施须写明察看期限、期间限制和开除后转换的措施");
    }
    KANGFU_RETURN_IF_ERROR(
        ValidateRules(kind.probation->after_restored, "probation.after_restored"));
  } else if (kind.probation) {
    return Status::Invalid("probation", "catalogue.probation_unexpected",
                           "只有留党察看类措施（effect 为 probation）可以写察看规则");
  }
  if (kind.effect != Effect::kRestrict && !kind.restrictions.empty()) {
    return Status::Invalid("restrictions", "catalogue.restrictions_unexpected",
                           "措施“" + kind.code + "”的效果由其类型决定，不能另列限制");
  }
  if (kind.stacking != Stacking::kNone) {
    for (const RestrictionRule& rule : kind.restrictions) {
      if (!rule.months) {
        return Status::Invalid("stacking", "catalogue.stacking_unbounded",
                               "无期限的措施不能参与影响期累加");
      }
    }
  }
  return Status::Ok();
}

}  // namespace

std::string_view FamilyCode(Family family) {
  return kFamilyCodes[static_cast<std::size_t>(family)];
}
std::string_view ConfidenceCode(Confidence confidence) {
  return kConfidenceCodes[static_cast<std::size_t>(confidence)];
}
std::string_view EffectCode(Effect effect) {
  return kEffectCodes[static_cast<std::size_t>(effect)];
}
std::string_view StackingCode(Stacking stacking) {
  return kStackingCodes[static_cast<std::size_t>(stacking)];
}
std::optional<Family> FamilyFromCode(std::string_view code) {
  return FromCode<Family>(kFamilyCodes, code);
}
std::optional<Confidence> ConfidenceFromCode(std::string_view code) {
  return FromCode<Confidence>(kConfidenceCodes, code);
}
std::optional<Effect> EffectFromCode(std::string_view code) {
  return FromCode<Effect>(kEffectCodes, code);
}
std::optional<Stacking> StackingFromCode(std::string_view code) {
  return FromCode<Stacking>(kStackingCodes, code);
}

Result<Catalogue> Catalogue::Create(std::vector<MeasureKind> kinds) {
  if (kinds.empty()) {
    return Status::Invalid("measures", "catalogue.empty", "措施目录为空");
  }
  if (kinds.size() > 60000) {
    return Status::Invalid("measures", "catalogue.too_large", "措施目录条目过多");
  }
  Catalogue catalogue;
  std::set<std::string> codes;
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    Status status = ValidateKind(kinds[i]);
    if (!status.ok()) return std::move(status.PrefixField("measures[" + std::to_string(i) + "]"));
    if (!codes.insert(kinds[i].code).second) {
      return Status::Invalid("measures[" + std::to_string(i) + "].code", "catalogue.duplicate_code",
                             "措施代码“" + kinds[i].code + "”重复");
    }
  }
  catalogue.kinds_ = std::move(kinds);
  for (std::size_t i = 0; i < catalogue.kinds_.size(); ++i) {
    MeasureKind& kind = catalogue.kinds_[i];
    kind.longest_months = 0;
    for (const RestrictionRule& rule : kind.restrictions) {
      if (rule.months) kind.longest_months = std::max(kind.longest_months, *rule.months);
    }
    if (kind.probation) {
      std::optional<KindIndex> expelled = catalogue.Find(kind.probation->on_expelled);
      if (!expelled || catalogue.kinds_[*expelled].effect != Effect::kRestrict) {
        return Status::Invalid("measures[" + std::to_string(i) + "].probation.on_expelled",
                               "catalogue.unknown_code",
                               "留党察看开除后转换的措施“" + kind.probation->on_expelled +
                                   "”不在目录中或不是限制类措施");
      }
      kind.expelled_kind = *expelled;
    }
  }
  return catalogue;
}

std::optional<KindIndex> Catalogue::Find(std::string_view code) const {
  for (std::size_t i = 0; i < kinds_.size(); ++i) {
    if (kinds_[i].code == code) return static_cast<KindIndex>(i);
  }
  return std::nullopt;
}

Result<Catalogue> Catalogue::WithOverrides(const std::vector<KindOverride>& overrides) const {
  std::vector<MeasureKind> kinds = kinds_;
  for (std::size_t i = 0; i < overrides.size(); ++i) {
    const KindOverride& change = overrides[i];
    const std::string field = "overrides[" + std::to_string(i) + "]";
    std::optional<KindIndex> index = Find(change.code);
    if (!index) {
      return Status::Invalid(field + ".code", "catalogue.unknown_code",
                             "措施代码“" + change.code + "”不在目录中");
    }
    MeasureKind& kind = kinds[*index];
    if (kind.confidence == Confidence::kFirm) {
      return Status::Error(ErrorCode::kFailedPrecondition, "catalogue.firm_entry",
                           "“" + kind.name + "”的影响期由法规明文规定，不能在系统中修改",
                           field + ".code");
    }
    if (change.restrictions) kind.restrictions = *change.restrictions;
    if (change.note) kind.note = *change.note;
  }
  return Create(std::move(kinds));
}

}  // namespace kangfu::domain
