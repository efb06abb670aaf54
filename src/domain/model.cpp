#include "domain/model.hpp"

namespace kangfu::domain {
namespace {

struct ActionName {
  std::string_view code;
  std::string_view label;
};

constexpr std::array<ActionName, kActionCount> kActionNames = {{
    {"promote", "提拔职务、晋升职级或进一步使用"},
    {"equal_post", "担任与原任职务相当或者更高的职务"},
    {"leadership_post", "安排领导职务"},
    {"salary_step", "晋升工资档次"},
    {"party_rights", "行使表决权、选举权和被选举权"},
    {"readmit", "重新入党"},
}};

}  // namespace

std::string_view ActionCode(Action action) {
  return kActionNames[static_cast<std::size_t>(action)].code;
}

std::string_view ActionLabel(Action action) {
  return kActionNames[static_cast<std::size_t>(action)].label;
}

std::optional<Action> ActionFromCode(std::string_view code) {
  for (Action action : kAllActions) {
    if (ActionCode(action) == code) return action;
  }
  return std::nullopt;
}

std::string_view EndRuleCode(EndRule rule) {
  return rule == EndRule::kAnniversary ? "anniversary" : "civil_code";
}

std::optional<EndRule> EndRuleFromCode(std::string_view code) {
  if (code == "anniversary") return EndRule::kAnniversary;
  if (code == "civil_code") return EndRule::kCivilCode;
  return std::nullopt;
}

std::string_view GovStackingCode(GovStacking stacking) {
  return stacking == GovStacking::kNone ? "none" : "sum_capped_48";
}

std::optional<GovStacking> GovStackingFromCode(std::string_view code) {
  if (code == "none") return GovStacking::kNone;
  if (code == "sum_capped_48") return GovStacking::kSumCapped48;
  return std::nullopt;
}

std::string_view HoldKindCode(HoldKind kind) {
  return kind == HoldKind::kClueVerification ? "clue_verification" : "case_review";
}

std::string_view HoldKindLabel(HoldKind kind) {
  return kind == HoldKind::kClueVerification ? "问题线索初步核实中" : "立案审查调查中";
}

std::optional<HoldKind> HoldKindFromCode(std::string_view code) {
  if (code == "clue_verification") return HoldKind::kClueVerification;
  if (code == "case_review") return HoldKind::kCaseReview;
  return std::nullopt;
}

}  // namespace kangfu::domain
