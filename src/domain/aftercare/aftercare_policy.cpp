#include "domain/aftercare/aftercare_policy.hpp"

#include <set>

namespace kangfu::domain {
namespace {

std::string Index(const std::string& list, std::size_t i) {
  return list + "[" + std::to_string(i) + "]";
}

Status NumberInvalid(const std::string& field, const std::string& what) {
  return Status::Invalid(field, "policy.number_invalid", "策略字段“" + field + "”" + what + "。");
}

Status CheckApplicability(const Applicability& a, const std::string& field) {
  for (std::size_t i = 0; i < a.forms.size(); ++i) {
    if (a.forms[i] < 1 || a.forms[i] > 4) {
      const std::string f = Index(field + ".forms", i);
      return Status::Invalid(f, "policy.form_invalid",
                             "策略字段“" + f + "”的形态应为1至4（第一至第四种形态）。");
    }
  }
  return Status::Ok();
}

Status CheckCode(const std::string& code, const std::string& title, const std::string& field,
                 const char* code_name, std::set<std::string>* seen) {
  if (code.empty()) {
    return Status::Invalid(field + "." + code_name, "policy.id_missing",
                           "策略规则“" + field + "”缺少代码，请填写唯一的英文代码。");
  }
  if (!seen->insert(code).second) {
    return Status::Invalid(field + "." + code_name, "policy.id_duplicate",
                           "策略代码“" + code + "”重复，每条规则的代码必须唯一。");
  }
  if (title.empty()) {
    return Status::Invalid(field + ".title", "policy.title_missing",
                           "策略规则“" + code + "”缺少中文名称。");
  }
  return Status::Ok();
}

}  // namespace

std::string_view AnchorCode(Anchor anchor) {
  switch (anchor) {
    case Anchor::kEffective:
      return "effective";
    case Anchor::kInfluenceEnd:
      return "influence_end";
    case Anchor::kProbationTermEnd:
      return "probation_term_end";
  }
  return "effective";
}

std::optional<Anchor> AnchorFromCode(std::string_view code) {
  for (Anchor a : {Anchor::kEffective, Anchor::kInfluenceEnd, Anchor::kProbationTermEnd}) {
    if (AnchorCode(a) == code) return a;
  }
  return std::nullopt;
}

std::string_view ResponsibleCode(Responsible responsible) {
  return responsible == Responsible::kDecidingOrgan ? "deciding_organ" : "executing_unit";
}

std::optional<Responsible> ResponsibleFromCode(std::string_view code) {
  for (Responsible r : {Responsible::kDecidingOrgan, Responsible::kExecutingUnit}) {
    if (ResponsibleCode(r) == code) return r;
  }
  return std::nullopt;
}

Status ValidatePolicy(const AftercarePolicy& policy) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < policy.visit.rules.size(); ++i) {
    const VisitRule& rule = policy.visit.rules[i];
    const std::string field = Index("visit.rules", i);
    KANGFU_RETURN_IF_ERROR(CheckCode(rule.id, rule.title, field, "id", &seen));
    if (rule.due_months <= rule.from_months) {
      return Status::Invalid(field + ".due_months", "policy.window_invalid",
                             "回访规则“" + rule.id + "”的截止月数应大于开始月数。");
    }
    KANGFU_RETURN_IF_ERROR(CheckApplicability(rule.applies_to, field + ".applies_to"));
    if (rule.min_influence_months < 0) {
      return NumberInvalid(field + ".min_influence_months", "不能为负数");
    }
  }
  if (policy.visit.min_visitors < 1) return NumberInvalid("visit.min_visitors", "至少为1");
  if (policy.visit.max_visits_per_year && *policy.visit.max_visits_per_year < 1) {
    return NumberInvalid("visit.max_visits_per_year", "至少为1（不限制时请留空）");
  }
  if (policy.visit.coverage_target_percent &&
      (*policy.visit.coverage_target_percent < 0 || *policy.visit.coverage_target_percent > 100)) {
    return NumberInvalid("visit.coverage_target_percent", "应在0至100之间");
  }
  if (policy.visit.coverage_lookback_years < 1) {
    return NumberInvalid("visit.coverage_lookback_years", "至少为1");
  }
  if (policy.mentoring.first_talk_within_months < 1) {
    return NumberInvalid("mentoring.first_talk_within_months", "至少为1");
  }
  if (policy.mentoring.talks_per_half_year < 1) {
    return NumberInvalid("mentoring.talks_per_half_year", "至少为1");
  }
  if (policy.mentoring.report_due_days_after_half_year < 0) {
    return NumberInvalid("mentoring.report_due_days_after_half_year", "不能为负数");
  }
  if (policy.escalation.deadline_working_days < 1) {
    return NumberInvalid("escalation.deadline_working_days", "至少为1");
  }
  seen.clear();
  for (std::size_t i = 0; i < policy.execution.items.size(); ++i) {
    const ExecutionItemRule& item = policy.execution.items[i];
    const std::string field = Index("execution.items", i);
    KANGFU_RETURN_IF_ERROR(CheckCode(item.code, item.title, field, "code", &seen));
    if (item.due_months < 1) {
      return Status::Invalid(field + ".due_months", "policy.window_invalid",
                             "执行事项“" + item.code + "”的期限月数至少为1。");
    }
    if (item.anchor == Anchor::kInfluenceEnd) {
      return Status::Invalid(
          field + ".anchor", "policy.anchor_invalid",
          "执行事项“" + item.code +
              "”只能从生效日期（effective）或留党察看期满（probation_term_end）起算。");
    }
    KANGFU_RETURN_IF_ERROR(CheckApplicability(item.applies_to, field + ".applies_to"));
  }
  if (policy.reminders.lookahead_days < 0) {
    return NumberInvalid("reminders.lookahead_days", "不能为负数");
  }
  if (policy.reminders.influence_notice_days < 0) {
    return NumberInvalid("reminders.influence_notice_days", "不能为负数");
  }
  return Status::Ok();
}

}  // namespace kangfu::domain
