#include "domain/reuse/reuse.hpp"

#include <algorithm>
#include <array>

namespace kangfu::domain {
namespace {

constexpr std::array<std::string_view, kReuseStepCount> kStepLabels = {
    "组织人事部门提出意见并征求纪检监察机关意见",
    "深入了解影响期内现实表现和工作业绩",
    "书面征求上一级组织人事部门意见",
    "党委（党组）集体讨论决定",
    "适当方式公开",
};

std::string StepName(int step) {
  return "第" + std::to_string(step) + "步“" + std::string(ReuseStepLabel(step)) + "”";
}

bool Blank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == text.npos; }

}  // namespace

std::string_view ReuseStepLabel(int step) {
  if (step < 1 || step > kReuseStepCount) return {};
  return kStepLabels[static_cast<std::size_t>(step - 1)];
}

Status CheckReuseStep(std::span<const ReuseStepDone> done, int step, Date date, Date today) {
  if (step < 1 || step > kReuseStepCount) {
    return Status::Invalid("step", "reuse.step_invalid", "重新使用程序只有第1步至第5步");
  }
  for (const ReuseStepDone& d : done) {
    if (d.step == step) {
      return Status::Error(ErrorCode::kFailedPrecondition, "reuse.step_done",
                           StepName(step) + "已经办理，不能重复办理");
    }
  }
  const int next = static_cast<int>(done.size()) + 1;
  if (step != next) {
    return Status::Error(
        ErrorCode::kFailedPrecondition, "reuse.step_out_of_order",
        "重新使用须按程序依次办理：请先完成" + StepName(next) + "，再办理" + StepName(step));
  }
  if (!done.empty() && date < done.back().date) {
    return Status::Invalid(
        "date", "reuse.step_date",
        "办理日期不能早于上一步的办理日期（" + done.back().date.ToString() + "）");
  }
  if (date > today) {
    return Status::Invalid("date", "reuse.step_date_future", "办理日期不能晚于今天");
  }
  return Status::Ok();
}

std::string_view ReuseEligibilityCode(ReuseEligibility level) {
  switch (level) {
    case ReuseEligibility::kAllowed:
      return "allowed";
    case ReuseEligibility::kOverride:
      return "override";
    case ReuseEligibility::kExcluded:
      return "excluded";
  }
  return "override";
}

std::string_view ReuseEligibilityLabel(ReuseEligibility level) {
  switch (level) {
    case ReuseEligibility::kAllowed:
      return "可以提出重新使用";
    case ReuseEligibility::kOverride:
      return "须说明理由并经领导批准后方可提出";
    case ReuseEligibility::kExcluded:
      return "不得提出重新使用";
  }
  return "须说明理由并经领导批准后方可提出";
}

std::optional<ReuseEligibility> ReuseEligibilityFromCode(std::string_view code) {
  for (ReuseEligibility level :
       {ReuseEligibility::kAllowed, ReuseEligibility::kOverride, ReuseEligibility::kExcluded}) {
    if (ReuseEligibilityCode(level) == code) return level;
  }
  return std::nullopt;
}

ReusePolicy DefaultReusePolicy() {
  using E = ReuseEligibility;
  ReusePolicy policy;
  for (const char* code :
       {"first.reminder_talk", "first.criticism", "first.written_review",
        "first.circulated_criticism", "first.inquiry_closed", "first.admonishment", "party.warning",
        "party.serious_warning", "gov.warning", "gov.demerit", "gov.major_demerit",
        "org.suspension", "org.reassignment", "org.ordered_resignation", "org.removal",
        "org.demotion"}) {
    policy.measures.emplace(code, E::kAllowed);
  }
  for (const char* code :
       {"party.removal_from_post", "party.probation", "gov.demotion", "gov.dismissal_from_post"}) {
    policy.measures.emplace(code, E::kOverride);
  }
  for (const char* code : {"party.expulsion", "gov.expulsion", "judicial.transfer"}) {
    policy.measures.emplace(code, E::kExcluded);
  }
  for (const char* code : {"political", "organisational", "integrity", "masses", "work", "life"}) {
    policy.disciplines.emplace(code, E::kAllowed);
  }
  return policy;
}

Status ValidateReusePolicy(const ReusePolicy& policy,
                           const std::function<bool(std::string_view)>& known_measure,
                           const std::function<bool(std::string_view)>& known_discipline) {
  std::vector<FieldError> problems;
  for (const auto& [code, level] : policy.measures) {
    if (!known_measure(code)) {
      problems.push_back({"measures." + code, "reuse_policy.measure_unknown",
                          "处分处理措施目录中没有“" + code + "”，请核对措施代码"});
    }
  }
  for (const auto& [code, level] : policy.disciplines) {
    if (!known_discipline(code)) {
      problems.push_back({"disciplines." + code, "reuse_policy.discipline_unknown",
                          "违纪类别只能是六项纪律之一，没有“" + code + "”"});
    }
  }
  if (policy.max_document_bytes < 1 || policy.max_document_bytes > kMaxReuseDocumentBytes) {
    problems.push_back({"max_document_bytes", "reuse_policy.document_size",
                        "上传文件大小上限须在1字节至50MB之间"});
  }
  if (problems.empty()) return Status::Ok();
  Status status =
      Status::Invalid(problems.front().field, problems.front().reason, problems.front().message);
  for (FieldError& problem : problems) status.AddDetail(std::move(problem));
  return status;
}

EligibilityResult AssessReuseEligibility(const ReusePolicy& policy,
                                         std::span<const DispositionItem> items) {
  EligibilityResult result;
  auto add = [&](ReuseEligibility level, const std::string& what, const std::string& ref) {
    if (level == ReuseEligibility::kAllowed) return;
    result.level = std::max(result.level, level);
    EligibilityFinding finding;
    finding.level = level;
    finding.ref = ref;
    if (level == ReuseEligibility::kExcluded) {
      finding.reason = "reuse.ineligible";
      finding.message = what + "，按重新使用分类管理规定不得提出重新使用";
    } else {
      finding.reason = "reuse.override_required";
      finding.message = what + "，须写明特别理由并经领导批准后方可提出重新使用";
    }
    result.findings.push_back(std::move(finding));
  };
  for (const DispositionItem& item : items) {
    auto measure = policy.measures.find(item.measure_code);
    add(measure == policy.measures.end() ? policy.unknown_measure : measure->second,
        "受到“" + item.measure_name + "”处理", item.ref);
    auto discipline = policy.disciplines.find(item.discipline_code);
    if (discipline != policy.disciplines.end()) {
      add(discipline->second, "违反" + item.discipline_name, item.ref);
    }
  }
  return result;
}

Status CheckEligibility(const EligibilityResult& result, std::string_view override_reason) {
  if (result.level == ReuseEligibility::kAllowed) return Status::Ok();
  Status status;
  if (result.level == ReuseEligibility::kExcluded) {
    status = Status::Error(ErrorCode::kFailedPrecondition, "reuse.ineligible",
                           "该人员所受处分处理属于不得提出重新使用的类别");
  } else if (Blank(override_reason)) {
    status = Status::Error(ErrorCode::kFailedPrecondition, "reuse.override_required",
                           "该人员所受处分处理较重，提出重新使用须写明特别理由（override_reason）"
                           "并经领导批准",
                           "override_reason");
  } else {
    return Status::Ok();
  }
  for (const EligibilityFinding& f : result.findings) {
    status.AddDetail({"override_reason", f.reason, f.message});
  }
  return status;
}

std::vector<NewViolation> FindNewViolations(std::span<const CaseWindow> windows,
                                            std::span<const CaseDate> cases) {
  std::vector<NewViolation> found;
  for (const CaseDate& c : cases) {
    const bool inside = std::any_of(windows.begin(), windows.end(), [&](const CaseWindow& w) {
      return w.case_ref != c.case_ref && w.from <= c.date && (!w.until || c.date < *w.until);
    });
    if (inside) found.push_back({c.case_ref, c.date});
  }
  return found;
}

std::vector<std::pair<int, int>> MissingMentorReports(const MentorPeriod& period, Date as_of) {
  std::vector<std::pair<int, int>> missing;
  int year = period.start.year();
  int half = period.start.month() <= 6 ? 1 : 2;
  while (true) {
    const Date first = Date::FromCivil(year, half == 1 ? 1 : 7, 1).value();
    if (period.end && first > *period.end) break;
    if (first >= as_of) break;
    Date last = Date::FromCivil(year, half == 1 ? 6 : 12, half == 1 ? 30 : 31).value();
    if (period.end && *period.end < last) last = *period.end;
    if (!(last < as_of)) break;  // the half-year has not ended yet
    if (std::find(period.reports.begin(), period.reports.end(), std::make_pair(year, half)) ==
        period.reports.end()) {
      missing.emplace_back(year, half);
    }
    if (half == 1) {
      half = 2;
    } else {
      half = 1;
      ++year;
    }
  }
  return missing;
}

std::vector<PreconditionResult> EvaluateReusePreconditions(const ReuseFacts& facts) {
  std::vector<PreconditionResult> out;
  PreconditionResult record{
      "reuse.no_disposition", "有处分处理记录", facts.has_disposition, "", {}};
  if (!record.met) record.message = "该人员没有处分处理记录，无需启动重新使用程序";
  out.push_back(std::move(record));

  PreconditionResult periods{"reuse.period_running", "影响期已满", facts.running.empty(), "", {}};
  if (!periods.met) {
    std::optional<Date> latest;
    bool unknown = false;
    for (const RunningPeriod& r : facts.running) {
      periods.refs.push_back(r.ref);
      if (!r.allowed_from) {
        unknown = true;
      } else if (!latest || *latest < *r.allowed_from) {
        latest = r.allowed_from;
      }
    }
    periods.message = unknown ? "影响期未满，届满日期尚不确定，不能提出重新使用"
                              : "影响期未满，自" + latest->ToString() + "起方可提出重新使用";
  }
  out.push_back(std::move(periods));

  PreconditionResult hold{"reuse.on_hold", "无正在核查或审查调查的问题", facts.holds.empty(), "",
                          facts.holds};
  if (!hold.met) {
    hold.message = "有正在核查的问题线索、正在审查调查的问题或停职检查，待查清后再办理";
  }
  out.push_back(std::move(hold));

  PreconditionResult fresh{
      "reuse.new_violation", "影响期内未再受处分处理", facts.new_violations.empty(), "", {}};
  if (!fresh.met) {
    for (const NewViolation& v : facts.new_violations) fresh.refs.push_back(v.ref);
    fresh.message = "影响期内又受到处分处理，不能提出重新使用";
  }
  out.push_back(std::move(fresh));

  PreconditionResult visit{"reuse.no_visit", "已开展回访", facts.visit_count > 0, "", {}};
  if (!visit.met) visit.message = "尚无回访记录，请先开展回访";
  out.push_back(std::move(visit));

  PreconditionResult mentor{"reuse.mentor_report_missing", "帮带情况报告齐全", true, "", {}};
  std::string halves;
  for (const MentorPeriod& m : facts.mentors) {
    for (const auto& [year, half] : MissingMentorReports(m, facts.as_of)) {
      mentor.met = false;
      if (std::find(mentor.refs.begin(), mentor.refs.end(), m.ref) == mentor.refs.end()) {
        mentor.refs.push_back(m.ref);
      }
      if (!halves.empty()) halves += "、";
      halves += std::to_string(year) + (half == 1 ? "年上半年" : "年下半年");
    }
  }
  if (!mentor.met) mentor.message = "缺少教育帮带半年度情况报告（" + halves + "）";
  out.push_back(std::move(mentor));
  return out;
}

Status PreconditionsStatus(std::span<const PreconditionResult> results, bool with_refs) {
  Status status;
  for (const PreconditionResult& r : results) {
    if (r.met) continue;
    if (status.ok()) {
      status = Status::Error(ErrorCode::kFailedPrecondition, "reuse.preconditions",
                             "不符合重新使用的前提条件：" + r.message);
    }
    const std::string field = with_refs && !r.refs.empty() ? r.refs.front() : "preconditions";
    status.AddDetail({field, r.code, r.message});
  }
  return status;
}

}  // namespace kangfu::domain
