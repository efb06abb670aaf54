#ifndef KANGFU_DOMAIN_OVERSIGHT_OVERSIGHT_HPP_
#define KANGFU_DOMAIN_OVERSIGHT_OVERSIGHT_HPP_

// Clues, talks, clearing names and fault tolerance (问题线索、约谈/谈心谈话、澄清正名、容错纠错;
// issue 6, rules.md §5): the code lists with their Chinese labels and the rules a record must obey.
// Pure: "today" and the working-day calendar are parameters; no I/O, no JSON, no SQL.
//
// Every check returns the first problem found as kInvalidArgument with a stable reason code, the
// field to fix (as the API names it) and a Chinese message; Ok when the record is acceptable.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "domain/aftercare/calendar.hpp"
#include "domain/date.hpp"

namespace kangfu::domain::oversight {

struct CodeLabel {
  std::string_view code;
  std::string_view label;
};

// Where a clue came from: petition 信访举报, inspection 巡视巡察, audit 审计, supervision 监督检查,
// self_report 主动说明, visit 回访中发现, other 其他.
std::span<const CodeLabel> ClueSources();
// Handling methods (处置方式): inquiry 谈话函询, verification 初步核实, shelved 暂存待查,
// closed 予以了结.
std::span<const CodeLabel> ClueHandlings();
// States: registered 待处置 (no handling decided), in_progress 办理中, concluded 已办结.
std::span<const CodeLabel> ClueStates();
// Talk kinds: routine 常规式约谈, work 工作式约谈, reminder 提醒谈话, heart_to_heart 谈心谈话.
std::span<const CodeLabel> InterviewKinds();
// Verification conclusions behind a clearance: untrue 失实, false_accusation 诬告.
std::span<const CodeLabel> ClearanceConclusions();
// Who set the clearance going: party_proposal 党组织提议, self_application 本人申请.
std::span<const CodeLabel> ClearanceTriggers();
// Methods: written 书面 (always), in_person 当面, meeting 会议, circular 通报.
std::span<const CodeLabel> ClearanceMethods();
// The "三个区分开来" grounds of a fault-tolerance decision.
std::span<const CodeLabel> ThreeDistinctions();
// Decisions: exempt 免责, mitigate 减责.
std::span<const CodeLabel> FaultToleranceDecisions();

// The label of `code` in `table`; "" when the code is not in it.
std::string_view LabelOf(std::span<const CodeLabel> table, std::string_view code);

// --- 问题线索 ---

// Practice (《纪检监察机关处理检举控告工作规则》 and local rules): a 谈话函询 reply is due within
// 15 working days of the handling decision. Policy; the app may configure another number.
inline constexpr int kDefaultInquiryReplyWorkingDays = 15;

struct Clue {
  std::string source;
  std::string summary;
  Date received;
  std::string handling;  // "" while undecided
  std::optional<Date> handling_date;
  std::optional<Date> replied_on;  // 谈话函询 only: the day the written reply came in
  std::optional<Date> concluded_on;
  std::string conclusion;
};

// Errors (field):
//   clue.source_invalid (source), clue.summary_required (summary),
//   clue.handling_invalid (handling), clue.handling_date_required (handling_date) when a
//   method is given without its decision date, clue.handling_required (handling) for a decision
//   date without a method, clue.handling_before_received (handling_date),
//   clue.reply_without_inquiry (replied_on) unless the method is 谈话函询,
//   clue.reply_date (replied_on) when before the handling decision or the clue itself,
//   clue.conclude_without_handling (concluded_on), clue.concluded_date (concluded_on) when before
//   the handling decision or the reply, clue.conclusion_required (conclusion) for a concluded clue
//   without its conclusion, clue.date_in_future (the field) for any date after `today`.
Status ValidateClue(const Clue& clue, Date today);
// 予以了结 concludes the clue on its decision date when no conclusion date is given.
void NormaliseClue(Clue& clue);
// "registered", "in_progress" or "concluded".
std::string_view ClueState(const Clue& clue);
// Whether the person is on hold because of this clue (rules.md §5: 问题线索初步核实中): the method
// is 初步核实 and the clue is not concluded.
bool ClueHoldsPerson(const Clue& clue);
// The last day of the hold that ClueHoldsPerson no longer requires, for a hold opened on
// `hold_from`: the day before the conclusion (or before the new method's decision), never before
// `hold_from` (a hold is at least one day long).
Date ClueHoldLastDay(const Clue& clue, Date hold_from);
// The last day for the 谈话函询 reply: `working_days` working days after the handling decision
// (WorkCalendar::AddWorkingDays). nullopt unless the method is 谈话函询 with a decision date.
// Errors: the calendar's ("calendar.year_not_covered").
Result<std::optional<Date>> InquiryReplyDue(const Clue& clue, const WorkCalendar& calendar,
                                            int working_days);
// A 谈话函询 whose reply has not come in and whose due day is before `today`, on an open clue.
bool InquiryReplyOverdue(const Clue& clue, const std::optional<Date>& reply_due, Date today);

// --- 约谈 / 谈心谈话 ---

struct Interviewer {
  bool has_account = false;  // an account of the system (the name may then be empty)
  std::string name;
  std::string post;
};
struct Interviewee {
  bool principal_leader = false;  // 一把手 of a lower-level organisation
  bool has_led_org = false;       // that organisation is named
  bool led_org_lower = false;     // and lies strictly below the talk's organisation (app fact)
  bool duplicate = false;         // the person is listed twice (app fact)
};
struct Interview {
  std::string kind;
  Date date;
  std::vector<Interviewer> interviewers;
  std::vector<Interviewee> interviewees;
  std::string topics;
};

// Errors (field): interview.kind_invalid (kind), interview.date_in_future (date),
// interview.interviewers_required (interviewers), interview.interviewer_name_required
// (interviewers[i].name), interview.persons_required (persons), interview.person_duplicate
// (persons[i].person_id), interview.led_org_required (persons[i].led_org_id) for a 一把手
// without the organisation led, interview.led_org_not_lower (persons[i].led_org_id),
// interview.topics_required (topics).
Status ValidateInterview(const Interview& interview, Date today);

// --- 澄清正名 ---

struct Clearance {
  std::vector<std::string> allegations;  // the specific allegations cleared
  std::string conclusion;
  std::string trigger;
  std::string approver;
  std::vector<std::string> methods;  // "written" is implied
  std::string audience;
  Date date;
  bool referred = false;  // 诬告陷害 referred for handling
};

// Errors (field): clearance.allegations_required (allegations), clearance.allegation_empty
// (allegations[i]), clearance.conclusion_invalid (conclusion), clearance.trigger_invalid
// (trigger), clearance.approver_required (approver), clearance.method_invalid (methods[i]),
// clearance.audience_required (audience), clearance.date_in_future (date),
// clearance.referral_not_false_accusation (referred) when a referral is recorded for a
// conclusion other than 诬告.
Status ValidateClearance(const Clearance& clearance, Date today);
// The methods in table order, "written" first, each once (书面 is always used).
std::vector<std::string> NormaliseClearanceMethods(const std::vector<std::string>& methods);

// --- 容错纠错 ---

struct FaultTolerance {
  bool names_measure = false;
  bool names_clue = false;
  std::string allegation;
  std::string ground;
  std::string decision;
  std::string approver;
  Date date;
};

// Errors (field): fault_tolerance.target_required (measure_id) when it names no measure, clue or
// allegation, fault_tolerance.ground_invalid (ground), fault_tolerance.decision_invalid
// (decision), fault_tolerance.approver_required (approver), fault_tolerance.date_in_future
// (date).
Status ValidateFaultTolerance(const FaultTolerance& record, Date today);
// A 免责 decision on a measure: the engine treats the measure as producing no restriction from
// its start (Measure::exempted).
bool ExemptsMeasure(const FaultTolerance& record);

}  // namespace kangfu::domain::oversight

#endif  // KANGFU_DOMAIN_OVERSIGHT_OVERSIGHT_HPP_
