#include "domain/aftercare/visit_record.hpp"

#include <algorithm>
#include <set>

namespace kangfu::domain {

std::string_view VisitGradeCode(VisitGrade grade) {
  switch (grade) {
    case VisitGrade::kGood:
      return "good";
    case VisitGrade::kFair:
      return "fair";
    case VisitGrade::kPoor:
      return "poor";
  }
  return "fair";
}

std::string_view VisitGradeLabel(VisitGrade grade) {
  switch (grade) {
    case VisitGrade::kGood:
      return "好";
    case VisitGrade::kFair:
      return "一般";
    case VisitGrade::kPoor:
      return "较差";
  }
  return "一般";
}

std::optional<VisitGrade> VisitGradeFromCode(std::string_view code) {
  for (VisitGrade g : {VisitGrade::kGood, VisitGrade::kFair, VisitGrade::kPoor}) {
    if (VisitGradeCode(g) == code) return g;
  }
  return std::nullopt;
}

Status ValidateVisitRecord(const VisitRecord& record, const VisitRecordContext& context) {
  std::vector<FieldError> problems;
  if (record.date < context.decision_effective) {
    problems.push_back({"date", "visit.before_decision",
                        "回访日期" + record.date.ToString() + "早于处分处理决定生效日期" +
                            context.decision_effective.ToString() + "，请核对回访日期。"});
  }
  if (record.date > context.today) {
    problems.push_back({"date", "visit.in_future",
                        "回访日期" + record.date.ToString() + "晚于今天，请在回访后再登记。"});
  }
  if (static_cast<int>(record.visitors.size()) < context.min_visitors) {
    problems.push_back(
        {"visitors", "visit.too_few_visitors",
         "回访人员应不少于" + std::to_string(context.min_visitors) + "人，请补充回访人员。"});
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < record.visitors.size(); ++i) {
    const std::string field = "visitors[" + std::to_string(i) + "]";
    if (record.visitors[i] == record.subject_id) {
      problems.push_back({field, "visit.visitor_is_subject", "回访对象本人不能作为回访人员。"});
    } else if (!seen.insert(record.visitors[i]).second) {
      problems.push_back(
          {field, "visit.visitor_duplicate", "同一回访人员重复填写，请删除重复项。"});
    }
  }
  if (std::find(record.talked_with.begin(), record.talked_with.end(), Interviewee::kSubject) ==
      record.talked_with.end()) {
    problems.push_back({"talked_with", "visit.subject_not_talked",
                        "回访应与回访对象本人谈话，请在谈话对象中勾选本人。"});
  }
  if (!record.grade) {
    problems.push_back({"grade", "visit.grade_missing", "请选择回访评价等次（好、一般、较差）。"});
  }
  if (problems.empty()) return Status::Ok();
  Status status =
      Status::Invalid(problems.front().field, problems.front().reason, problems.front().message);
  for (FieldError& problem : problems) status.AddDetail(std::move(problem));
  return status;
}

std::vector<std::optional<Date>> MatchVisits(const VisitPlan& plan,
                                             std::span<const VisitRecord> records) {
  std::vector<std::optional<Date>> done(plan.visits.size());
  std::vector<const VisitRecord*> unkeyed;
  for (const VisitRecord& record : records) {
    if (record.plan_key.empty()) {
      unkeyed.push_back(&record);
      continue;
    }
    for (std::size_t i = 0; i < plan.visits.size(); ++i) {
      if (plan.visits[i].key == record.plan_key && (!done[i] || record.date < *done[i])) {
        done[i] = record.date;
      }
    }
  }
  std::sort(unkeyed.begin(), unkeyed.end(),
            [](const VisitRecord* a, const VisitRecord* b) { return a->date < b->date; });
  for (const VisitRecord* record : unkeyed) {
    // plan.visits is sorted by due date, so the first open match is the earliest due.
    for (std::size_t i = 0; i < plan.visits.size(); ++i) {
      if (!done[i] && plan.visits[i].from <= record->date) {
        done[i] = record->date;
        break;
      }
    }
  }
  return done;
}

}  // namespace kangfu::domain
