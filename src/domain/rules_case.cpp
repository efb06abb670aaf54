#include "domain/rules_case.hpp"

#include <algorithm>
#include <set>

namespace kangfu::domain {

Result<RulesResult> EvaluateRulesCase(const Catalogue& catalogue, const RulesCase& rules_case) {
  const Engine engine(catalogue, rules_case.options);
  std::set<std::string> ids;
  for (std::size_t i = 0; i < rules_case.measures.size(); ++i) {
    const Measure& measure = rules_case.measures[i];
    const std::string prefix = "measures[" + std::to_string(i) + "]";
    if (!ids.insert(measure.id).second) {
      return Status::Invalid(prefix + ".id", "measure.duplicate_id",
                             "措施编号“" + measure.id + "”重复，每项措施须有唯一编号");
    }
    Status status = engine.ValidateMeasure(measure);
    if (!status.ok()) return std::move(status.PrefixField(prefix));
  }
  for (std::size_t i = 0; i < rules_case.holds.size(); ++i) {
    const Hold& hold = rules_case.holds[i];
    const std::string prefix = "holds[" + std::to_string(i) + "]";
    if (!ids.insert(hold.id).second) {
      return Status::Invalid(prefix + ".id", "hold.duplicate_id",
                             "编号“" + hold.id + "”已被其他措施或暂缓事项使用");
    }
    Status status = Engine::ValidateHold(hold);
    if (!status.ok()) return std::move(status.PrefixField(prefix));
  }

  RulesResult result;
  result.id = rules_case.id;

  std::map<std::string, std::vector<Measure>> by_case;
  for (const Measure& measure : rules_case.measures) by_case[measure.case_id].push_back(measure);
  for (const auto& [case_id, measures] : by_case) {
    if (std::optional<int> form = engine.CaseForm(measures)) result.forms[case_id] = *form;
  }

  std::vector<Restriction> restrictions;
  engine.ComputeRestrictions(rules_case.measures, &restrictions);
  Verdict verdict;
  for (const RulesQuery& query : rules_case.queries) {
    engine.Evaluate(rules_case.measures, restrictions, rules_case.holds, query.action, query.as_of,
                    &verdict);
    RulesAnswer answer;
    answer.query = query;
    answer.verdict = verdict.kind;
    answer.allowed_from = verdict.allowed_from;
    for (uint32_t index : verdict.blocking_measures) {
      answer.because.push_back(rules_case.measures[index].id);
    }
    for (uint32_t index : verdict.holds) answer.because.push_back(rules_case.holds[index].id);
    for (uint32_t index : verdict.suspensions) {
      answer.because.push_back(rules_case.measures[index].id);
    }
    std::sort(answer.because.begin(), answer.because.end());
    for (const Restriction& restriction : verdict.in_force) {
      answer.restrictions.push_back({rules_case.measures[restriction.measure].id, restriction});
    }
    std::stable_sort(answer.restrictions.begin(), answer.restrictions.end(),
                     [](const CitedRestriction& a, const CitedRestriction& b) {
                       return a.measure_id < b.measure_id;
                     });
    result.answers.push_back(std::move(answer));
  }
  return result;
}

}  // namespace kangfu::domain
