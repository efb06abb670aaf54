#include "domain/oversight/oversight.hpp"

#include <algorithm>
#include <array>

namespace kangfu::domain::oversight {
namespace {

constexpr std::array<CodeLabel, 7> kClueSources = {{
    {"petition", "信访举报"},
    {"inspection", "巡视巡察"},
    {"audit", "审计"},
    {"supervision", "监督检查"},
    {"self_report", "主动说明"},
    {"visit", "回访中发现"},
    {"other", "其他"},
}};
constexpr std::array<CodeLabel, 4> kClueHandlings = {{
    {"inquiry", "谈话函询"},
    {"verification", "初步核实"},
    {"shelved", "暂存待查"},
    {"closed", "予以了结"},
}};
constexpr std::array<CodeLabel, 3> kClueStates = {{
    {"registered", "待处置"},
    {"in_progress", "办理中"},
    {"concluded", "已办结"},
}};
constexpr std::array<CodeLabel, 4> kInterviewKinds = {{
    {"routine", "常规式约谈"},
    {"work", "工作式约谈"},
    {"reminder", "提醒谈话"},
    {"heart_to_heart", "谈心谈话"},
}};
constexpr std::array<CodeLabel, 2> kClearanceConclusions = {{
    {"untrue", "失实"},
    {"false_accusation", "诬告"},
}};
constexpr std::array<CodeLabel, 2> kClearanceTriggers = {{
    {"party_proposal", "党组织提议"},
    {"self_application", "本人申请"},
}};
constexpr std::array<CodeLabel, 4> kClearanceMethods = {{
    {"written", "书面"},
    {"in_person", "当面"},
    {"meeting", "会议"},
    {"circular", "通报"},
}};
// 习近平总书记2016年1月18日讲话；中办《关于进一步激励广大干部新时代新担当新作为的意见》(2018).
constexpr std::array<CodeLabel, 3> kThreeDistinctions = {{
    {"reform_trial",
     "把干部在推进改革中因缺乏经验、先行先试出现的失误错误，同明知故犯的违纪违法行为区分开来"},
    {"exploratory_trial",
     "把尚无明确限制的探索性试验中的失误错误，同明令禁止后依然我行我素的违纪违法行为区分开来"},
    {"unintentional_fault", "把为推动发展的无意过失，同为谋取私利的违纪违法行为区分开来"},
}};
constexpr std::array<CodeLabel, 2> kFaultToleranceDecisions = {{
    {"exempt", "免责"},
    {"mitigate", "减责"},
}};

bool Known(std::span<const CodeLabel> table, std::string_view code) {
  return !LabelOf(table, code).empty();
}

bool Blank(const std::string& text) {
  return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

Status Future(const std::string& reason, const std::string& field, const char* what) {
  return Status::Invalid(field, reason, std::string(what) + "不能晚于今天，请核对日期");
}

}  // namespace

std::span<const CodeLabel> ClueSources() { return kClueSources; }
std::span<const CodeLabel> ClueHandlings() { return kClueHandlings; }
std::span<const CodeLabel> ClueStates() { return kClueStates; }
std::span<const CodeLabel> InterviewKinds() { return kInterviewKinds; }
std::span<const CodeLabel> ClearanceConclusions() { return kClearanceConclusions; }
std::span<const CodeLabel> ClearanceTriggers() { return kClearanceTriggers; }
std::span<const CodeLabel> ClearanceMethods() { return kClearanceMethods; }
std::span<const CodeLabel> ThreeDistinctions() { return kThreeDistinctions; }
std::span<const CodeLabel> FaultToleranceDecisions() { return kFaultToleranceDecisions; }

std::string_view LabelOf(std::span<const CodeLabel> table, std::string_view code) {
  for (const CodeLabel& entry : table) {
    if (entry.code == code) return entry.label;
  }
  return {};
}

// --- 问题线索 ---

Status ValidateClue(const Clue& clue, Date today) {
  if (!Known(kClueSources, clue.source)) {
    return Status::Invalid("source", "clue.source_invalid",
                           "线索来源只能是信访举报、巡视巡察、审计、监督检查、主动说明、"
                           "回访中发现或其他");
  }
  if (Blank(clue.summary)) {
    return Status::Invalid("summary", "clue.summary_required", "请填写问题线索的主要内容");
  }
  if (clue.received > today) {
    return Future("clue.date_in_future", "received", "线索受理日期");
  }
  if (!clue.handling.empty() && !Known(kClueHandlings, clue.handling)) {
    return Status::Invalid("handling", "clue.handling_invalid",
                           "处置方式只能是谈话函询、初步核实、暂存待查或予以了结");
  }
  if (!clue.handling.empty() && !clue.handling_date) {
    return Status::Invalid("handling_date", "clue.handling_date_required",
                           "请填写作出处置决定的日期");
  }
  if (clue.handling.empty() && clue.handling_date) {
    return Status::Invalid("handling", "clue.handling_required",
                           "填写了处置日期，请同时选择处置方式");
  }
  if (clue.handling_date) {
    if (*clue.handling_date < clue.received) {
      return Status::Invalid("handling_date", "clue.handling_before_received",
                             "处置决定日期不能早于线索受理日期");
    }
    if (*clue.handling_date > today) {
      return Future("clue.date_in_future", "handling_date", "处置决定日期");
    }
  }
  if (clue.replied_on) {
    if (clue.handling != "inquiry") {
      return Status::Invalid("replied_on", "clue.reply_without_inquiry",
                             "只有采用谈话函询方式处置的线索才有函询回复日期");
    }
    if (*clue.replied_on < clue.received || *clue.replied_on < *clue.handling_date) {
      return Status::Invalid("replied_on", "clue.reply_date",
                             "函询回复日期不能早于线索受理日期和谈话函询决定日期");
    }
    if (*clue.replied_on > today) {
      return Future("clue.date_in_future", "replied_on", "函询回复日期");
    }
  }
  if (clue.concluded_on) {
    if (clue.handling.empty()) {
      return Status::Invalid("concluded_on", "clue.conclude_without_handling",
                             "请先确定处置方式，再办结线索");
    }
    if (*clue.concluded_on < *clue.handling_date ||
        (clue.replied_on && *clue.concluded_on < *clue.replied_on)) {
      return Status::Invalid("concluded_on", "clue.concluded_date",
                             "办结日期不能早于处置决定日期和函询回复日期");
    }
    if (*clue.concluded_on > today) {
      return Future("clue.date_in_future", "concluded_on", "办结日期");
    }
    if (Blank(clue.conclusion)) {
      return Status::Invalid("conclusion", "clue.conclusion_required", "线索办结时请填写办理结论");
    }
  }
  return Status::Ok();
}

void NormaliseClue(Clue& clue) {
  if (clue.handling == "closed" && clue.handling_date && !clue.concluded_on) {
    clue.concluded_on = clue.handling_date;
  }
}

std::string_view ClueState(const Clue& clue) {
  if (clue.concluded_on) return "concluded";
  if (clue.handling.empty()) return "registered";
  return "in_progress";
}

bool ClueHoldsPerson(const Clue& clue) {
  return clue.handling == "verification" && !clue.concluded_on;
}

Date ClueHoldLastDay(const Clue& clue, Date hold_from) {
  Date end = hold_from;
  if (clue.concluded_on) {
    end = clue.concluded_on->AddDays(-1);
  } else if (clue.handling_date) {
    end = clue.handling_date->AddDays(-1);
  }
  return std::max(end, hold_from);
}

Result<std::optional<Date>> InquiryReplyDue(const Clue& clue, const WorkCalendar& calendar,
                                            int working_days) {
  if (clue.handling != "inquiry" || !clue.handling_date) return std::optional<Date>();
  KANGFU_ASSIGN_OR_RETURN(Date due, calendar.AddWorkingDays(*clue.handling_date, working_days));
  return std::optional<Date>(due);
}

bool InquiryReplyOverdue(const Clue& clue, const std::optional<Date>& reply_due, Date today) {
  return clue.handling == "inquiry" && reply_due && !clue.replied_on && !clue.concluded_on &&
         today > *reply_due;
}

// --- 约谈 / 谈心谈话 ---

Status ValidateInterview(const Interview& interview, Date today) {
  if (!Known(kInterviewKinds, interview.kind)) {
    return Status::Invalid("kind", "interview.kind_invalid",
                           "谈话类型只能是常规式约谈、工作式约谈、提醒谈话或谈心谈话");
  }
  if (interview.date > today) return Future("interview.date_in_future", "date", "谈话日期");
  if (interview.interviewers.empty()) {
    return Status::Invalid("interviewers", "interview.interviewers_required",
                           "请至少填写一名谈话人");
  }
  for (std::size_t i = 0; i < interview.interviewers.size(); ++i) {
    const Interviewer& who = interview.interviewers[i];
    if (!who.has_account && Blank(who.name)) {
      return Status::Invalid("interviewers[" + std::to_string(i) + "].name",
                             "interview.interviewer_name_required",
                             "请选择谈话人账号或填写谈话人姓名");
    }
  }
  if (interview.interviewees.empty()) {
    return Status::Invalid("persons", "interview.persons_required", "请至少选择一名谈话对象");
  }
  for (std::size_t i = 0; i < interview.interviewees.size(); ++i) {
    const Interviewee& whom = interview.interviewees[i];
    const std::string base = "persons[" + std::to_string(i) + "]";
    if (whom.duplicate) {
      return Status::Invalid(base + ".person_id", "interview.person_duplicate",
                             "同一谈话对象只能填写一次");
    }
    if (whom.principal_leader && !whom.has_led_org) {
      return Status::Invalid(base + ".led_org_id", "interview.led_org_required",
                             "谈话对象是下级党组织“一把手”时，请选择其主持工作的组织");
    }
    if (whom.has_led_org && !whom.led_org_lower) {
      return Status::Invalid(base + ".led_org_id", "interview.led_org_not_lower",
                             "谈话对象主持工作的组织应是谈话组织的下级组织");
    }
  }
  if (Blank(interview.topics)) {
    return Status::Invalid("topics", "interview.topics_required", "请填写谈话的主要内容");
  }
  return Status::Ok();
}

// --- 澄清正名 ---

Status ValidateClearance(const Clearance& clearance, Date today) {
  if (clearance.allegations.empty()) {
    return Status::Invalid("allegations", "clearance.allegations_required",
                           "请逐项列明予以澄清的具体问题（不能只作总体评价）");
  }
  for (std::size_t i = 0; i < clearance.allegations.size(); ++i) {
    if (Blank(clearance.allegations[i])) {
      return Status::Invalid("allegations[" + std::to_string(i) + "]", "clearance.allegation_empty",
                             "予以澄清的问题不能为空，请填写或删除该项");
    }
  }
  if (!Known(kClearanceConclusions, clearance.conclusion)) {
    return Status::Invalid("conclusion", "clearance.conclusion_invalid",
                           "核查结论只能是失实或诬告");
  }
  if (!Known(kClearanceTriggers, clearance.trigger)) {
    return Status::Invalid("trigger", "clearance.trigger_invalid",
                           "启动方式只能是党组织提议或本人申请");
  }
  if (Blank(clearance.approver)) {
    return Status::Invalid("approver", "clearance.approver_required",
                           "请填写批准澄清正名的机关或负责人");
  }
  for (std::size_t i = 0; i < clearance.methods.size(); ++i) {
    if (!Known(kClearanceMethods, clearance.methods[i])) {
      return Status::Invalid("methods[" + std::to_string(i) + "]", "clearance.method_invalid",
                             "澄清方式只能是书面、当面、会议或通报");
    }
  }
  if (Blank(clearance.audience)) {
    return Status::Invalid("audience", "clearance.audience_required",
                           "请填写澄清正名的范围（向谁澄清）");
  }
  if (clearance.date > today) return Future("clearance.date_in_future", "date", "澄清日期");
  if (clearance.referred && clearance.conclusion != "false_accusation") {
    return Status::Invalid("referred", "clearance.referral_not_false_accusation",
                           "只有核查结论为诬告的，才移交查处诬告陷害行为");
  }
  return Status::Ok();
}

std::vector<std::string> NormaliseClearanceMethods(const std::vector<std::string>& methods) {
  std::vector<std::string> out;
  for (const CodeLabel& entry : kClearanceMethods) {
    if (entry.code == "written" ||
        std::find(methods.begin(), methods.end(), entry.code) != methods.end()) {
      out.emplace_back(entry.code);
    }
  }
  return out;
}

// --- 容错纠错 ---

Status ValidateFaultTolerance(const FaultTolerance& record, Date today) {
  if (!record.names_measure && !record.names_clue && Blank(record.allegation)) {
    return Status::Invalid("measure_id", "fault_tolerance.target_required",
                           "请选择容错纠错所针对的处分处理措施、问题线索，或填写所涉问题");
  }
  if (!Known(kThreeDistinctions, record.ground)) {
    return Status::Invalid("ground", "fault_tolerance.ground_invalid",
                           "请从“三个区分开来”中选择容错依据");
  }
  if (!Known(kFaultToleranceDecisions, record.decision)) {
    return Status::Invalid("decision", "fault_tolerance.decision_invalid",
                           "容错决定只能是免责或减责");
  }
  if (Blank(record.approver)) {
    return Status::Invalid("approver", "fault_tolerance.approver_required",
                           "请填写批准容错纠错的机关或负责人");
  }
  if (record.date > today) {
    return Future("fault_tolerance.date_in_future", "date", "容错决定日期");
  }
  return Status::Ok();
}

bool ExemptsMeasure(const FaultTolerance& record) {
  return record.names_measure && record.decision == "exempt";
}

}  // namespace kangfu::domain::oversight
