#ifndef KANGFU_DOMAIN_AFTERCARE_VISIT_RECORD_HPP_
#define KANGFU_DOMAIN_AFTERCARE_VISIT_RECORD_HPP_

// A follow-up visit as it was held, its validation, and which planned visits it fulfils.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "domain/aftercare/visit_plan.hpp"
#include "domain/date.hpp"

namespace kangfu::domain {

enum class VisitGrade : uint8_t { kGood, kFair, kPoor };  // 好 / 一般 / 较差
std::string_view VisitGradeCode(VisitGrade grade);        // "good" / "fair" / "poor"
std::string_view VisitGradeLabel(VisitGrade grade);       // "好" / "一般" / "较差"
std::optional<VisitGrade> VisitGradeFromCode(std::string_view code);

// Whom the visitors talked with.
enum class Interviewee : uint8_t {
  kSubject,
  kUnitHead,
  kOther
};  // 本人 / 单位主要负责人 / 其他人员

struct VisitRecord {
  std::string id;
  std::string subject_id;
  std::string plan_key;  // the planned visit it fulfils; empty: matched by date (see MatchVisits)
  Date date;
  std::vector<std::string> visitors;  // person ids of the visitors
  std::vector<Interviewee> talked_with;
  std::vector<std::string> checked;  // what was checked (执行情况, 对错误的认识, 工作, 思想, 生活)
  std::string findings;
  std::optional<VisitGrade> grade;

  friend bool operator==(const VisitRecord&, const VisitRecord&) = default;
};

// Facts a visit record is checked against.
struct VisitRecordContext {
  Date decision_effective;  // the earliest effective date of the case(s) followed up
  Date today;
  int min_visitors = 2;  // VisitPolicy::min_visitors
};

// OK, or kInvalidArgument with the first problem as the status and every problem in details():
//   visit.before_decision       date before the decision took effect       (field "date")
//   visit.in_future             date after today                           ("date")
//   visit.too_few_visitors      fewer visitors than the policy requires    ("visitors")
//   visit.visitor_duplicate     a visitor listed twice                     ("visitors[i]")
//   visit.visitor_is_subject    the subject among the visitors             ("visitors[i]")
//   visit.subject_not_talked    the subject is not among those talked with ("talked_with")
//   visit.grade_missing         no grade (好/一般/较差)                     ("grade")
Status ValidateVisitRecord(const VisitRecord& record, const VisitRecordContext& context);

// For each planned visit (same order as `plan.visits`), the date of the record that fulfils it,
// or nullopt. A record naming a plan_key fulfils that visit. A record without one fulfils the
// open visit with the earliest due date whose window opened on or before the record's date (a late
// visit fulfils an overdue one); a record matching nothing is ignored here.
std::vector<std::optional<Date>> MatchVisits(const VisitPlan& plan,
                                             std::span<const VisitRecord> records);

}  // namespace kangfu::domain

#endif  // KANGFU_DOMAIN_AFTERCARE_VISIT_RECORD_HPP_
