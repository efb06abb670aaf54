#ifndef KANGFU_DOMAIN_MODEL_HPP_
#define KANGFU_DOMAIN_MODEL_HPP_

// The rules engine's vocabulary: actions a restriction may forbid, the measures of a person's
// history and the holds on them. Pure values; no JSON, SQL or clock here.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/date.hpp"

namespace kangfu::domain {

// What an influence period may forbid (rules.md §1).
enum class Action : uint8_t {
  kPromote = 0,     // 提拔职务、晋升职级或进一步使用
  kEqualPost,       // 担任与原任职务相当或者更高的职务
  kLeadershipPost,  // 安排领导职务
  kSalaryStep,      // 晋升工资档次
  kPartyRights,     // 表决权、选举权和被选举权
  kReadmit,         // 重新入党
};
inline constexpr std::size_t kActionCount = 6;
inline constexpr std::array<Action, kActionCount> kAllActions = {
    Action::kPromote,    Action::kEqualPost,   Action::kLeadershipPost,
    Action::kSalaryStep, Action::kPartyRights, Action::kReadmit};

// "promote", "equal_post" … (API and file code).
std::string_view ActionCode(Action action);
// "提拔职务、晋升职级或进一步使用" … (interface label).
std::string_view ActionLabel(Action action);
// The action for a code, or nullopt for an unknown code.
std::optional<Action> ActionFromCode(std::string_view code);

// How the last restricted day is counted (rules.md §2). The texts fix the start, not the end.
enum class EndRule : uint8_t {
  kAnniversary,  // restricted on [effective, effective + n months)
  kCivilCode,  // 民法典第二百零一条、第二百零二条: restricted through effective + n months
};
// A later government sanction inside an earlier one's period (rules.md §4).
enum class GovStacking : uint8_t {
  kNone,  // 政务处分法: periods simply overlap
  kSumCapped48,  // 《行政机关公务员处分条例》第十条: sum of the unexpired part, at most 48 months
};

struct EngineOptions {
  EndRule end_rule = EndRule::kAnniversary;
  GovStacking gov_stacking = GovStacking::kNone;
};

std::string_view EndRuleCode(EndRule rule);
std::optional<EndRule> EndRuleFromCode(std::string_view code);
std::string_view GovStackingCode(GovStacking stacking);
std::optional<GovStacking> GovStackingFromCode(std::string_view code);

// Index of a measure kind in the Catalogue.
using KindIndex = uint16_t;

enum class ProbationOutcomeKind : uint8_t { kRestored, kExpelled };

struct ProbationOutcome {
  ProbationOutcomeKind kind;
  Date date;
};

// One measure of a case, as the engine needs it. Optional members apply to some kinds only; the
// catalogue says which, and ValidateMeasure refuses the rest.
struct Measure {
  std::string id;
  std::string case_id;
  KindIndex kind = 0;
  Date effective;
  std::optional<int> term_months;           // party.probation: 12 or 24
  std::optional<Date> extended_on;          // party.probation, 12-month term extended to 24
  std::optional<ProbationOutcome> outcome;  // party.probation
  std::optional<Date> ended;                // org.suspension: first day free of it
  std::optional<int> period_months;         // government sanction whose decision states a period
  std::optional<Date> revoked;              // 撤销: produces no restriction, not counted
  bool exempted = false;                    // 容错免责: produces no restriction
};

enum class HoldKind : uint8_t {
  kClueVerification,  // 问题线索初步核实中
  kCaseReview,        // 立案审查调查中
};
std::string_view HoldKindCode(HoldKind kind);
std::string_view HoldKindLabel(HoldKind kind);
std::optional<HoldKind> HoldKindFromCode(std::string_view code);

struct Hold {
  std::string id;
  HoldKind kind = HoldKind::kClueVerification;
  Date from;
  std::optional<Date> to;  // last day; nullopt while open
};

}  // namespace kangfu::domain

#endif  // KANGFU_DOMAIN_MODEL_HPP_
