#include "domain/aftercare/mentoring.hpp"

#include <algorithm>

namespace kangfu::domain {
namespace {

Date HalfStart(int year, int half) { return *Date::FromCivil(year, half == 1 ? 1 : 7, 1); }
Date HalfEnd(int year, int half) {
  return *Date::FromCivil(year, half == 1 ? 6 : 12, half == 1 ? 30 : 31);
}

}  // namespace

std::string HalfYearLabel(int year, int half) {
  return std::to_string(year) + (half == 1 ? "年上半年" : "年下半年");
}

Status ValidateMentorAssignment(const MentorAssignment& assignment, const MentorFacts& facts) {
  std::vector<FieldError> problems;
  if (assignment.mentor_id.empty()) {
    problems.push_back({"mentor_id", "mentor.missing", "请选择教育帮带责任人。"});
  } else if (assignment.mentor_id == assignment.subject_id) {
    problems.push_back(
        {"mentor_id", "mentor.is_subject", "教育帮带责任人不能是帮带对象本人，请另行确定。"});
  } else {
    if (!facts.leads_subject_unit && !facts.leads_parent_unit) {
      problems.push_back(
          {"mentor_id", "mentor.not_leader",
           "教育帮带责任人应为帮带对象所在单位或上一级单位的领导班子成员，请另行确定。"});
    }
    if (facts.under_influence_period) {
      problems.push_back({"mentor_id", "mentor.under_influence",
                          "所选人员本人尚在处分处理影响期内，不能担任教育帮带责任人。"});
    }
    if (facts.on_hold) {
      problems.push_back({"mentor_id", "mentor.on_hold",
                          "所选人员有正在核查的问题线索或正在接受审查调查（或停职检查），"
                          "不能担任教育帮带责任人。"});
    }
  }
  if (assignment.assigned_by.empty()) {
    problems.push_back({"assigned_by", "mentor.assigner_missing",
                        "请填写确定教育帮带责任人的党组织（党委、党组）。"});
  }
  if (assignment.end && *assignment.end < assignment.start) {
    problems.push_back({"end", "mentor.period_invalid",
                        "帮带结束日期" + assignment.end->ToString() + "早于开始日期" +
                            assignment.start.ToString() + "，请更正。"});
  }
  if (problems.empty()) return Status::Ok();
  Status status =
      Status::Invalid(problems.front().field, problems.front().reason, problems.front().message);
  for (FieldError& problem : problems) status.AddDetail(std::move(problem));
  return status;
}

MentoringCompliance ComputeMentoringCompliance(const MentorAssignment& assignment,
                                               std::span<const Date> talks,
                                               std::span<const MentorReport> reports,
                                               const MentoringPolicy& policy, Date today) {
  const Date start = assignment.start;
  const Date end = assignment.end.value_or(Date::Max());
  std::vector<Date> in_period;
  for (Date talk : talks) {
    if (talk >= start && talk <= end) in_period.push_back(talk);
  }
  std::sort(in_period.begin(), in_period.end());

  MentoringCompliance out;
  out.first_talk_due = start.AddMonths(policy.first_talk_within_months).AddDays(-1);
  if (!in_period.empty()) {
    out.first_talk = in_period.front();
    out.first_talk_late = in_period.front() > out.first_talk_due;
  } else {
    out.first_talk_overdue = today > out.first_talk_due;
  }

  int year = start.year();
  int half = start.month() <= 6 ? 1 : 2;
  bool first = true;
  // The year bound keeps HalfStart/HalfEnd valid when `today` or the period reach Date::Max().
  while (year < Date::kMaxYear) {
    const Date h_start = HalfStart(year, half);
    const Date from = std::max(h_start, start);
    if (from > today || from > end) break;
    HalfYearCompliance h;
    h.year = year;
    h.half = half;
    h.from = from;
    h.to = std::min(HalfEnd(year, half), end);
    h.talk_due = first ? std::max(h.to, std::min(out.first_talk_due, end)) : h.to;
    h.talks = static_cast<int>(std::count_if(in_period.begin(), in_period.end(), [&](Date t) {
      return t >= h.from && t <= h.talk_due;
    }));
    h.talk_met = h.talks >= policy.talks_per_half_year;
    h.talk_overdue = !h.talk_met && today > h.talk_due;
    if (policy.half_year_report) {
      h.report_due = h.to.AddDays(policy.report_due_days_after_half_year);
      for (const MentorReport& r : reports) {
        if (r.year == year && r.half == half &&
            (!h.report_submitted || r.submitted < *h.report_submitted)) {
          h.report_submitted = r.submitted;
        }
      }
      h.report_overdue = !h.report_submitted && today > *h.report_due;
    }
    if (today > h.talk_due) {
      ++out.half_years_due;
      if (h.talk_met) ++out.half_years_with_talk;
    }
    out.half_years.push_back(h);
    first = false;
    if (half == 1) {
      half = 2;
    } else {
      half = 1;
      ++year;
    }
  }
  return out;
}

}  // namespace kangfu::domain
