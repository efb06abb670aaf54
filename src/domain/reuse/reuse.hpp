#ifndef KANGFU_DOMAIN_REUSE_REUSE_HPP_
#define KANGFU_DOMAIN_REUSE_REUSE_HPP_

// 重新使用 (re-use after the influence period, rules.md §7; issue 6): the five ordered steps, the
// category-based eligibility policy (差异化的分类管理) and the preconditions checked before step 1
// and again before step 4. Pure: the app layer gathers the facts (engine verdicts, holds, cases,
// visits, mentoring) and passes them in; "today" is a parameter.
//
// Record references ("measure:12", "hold:3", "case:7", "mentor:2") name the stored row behind a
// finding; the app decides who may see them.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "domain/date.hpp"

namespace kangfu::domain {

// The five steps, 1 … 5, in the order rules.md §7 gives them.
inline constexpr int kReuseStepCount = 5;
// "组织人事部门提出意见并征求纪检监察机关意见" … ; "" outside 1 … 5.
std::string_view ReuseStepLabel(int step);

struct ReuseStepDone {
  int step = 0;
  Date date;
};

// Whether `step`, dated `date`, may be recorded on a file whose recorded steps are `done` (in
// step order). OK when it is the next step, `date` is not before the previous step's date and
// not after `today`. Errors:
//   kInvalidArgument "reuse.step_invalid" (field "step") outside 1 … 5;
//   kFailedPrecondition "reuse.step_done" when the step is already recorded;
//   kFailedPrecondition "reuse.step_out_of_order" when an earlier step is missing (the message
//     names the step to do first);
//   kInvalidArgument "reuse.step_date" (field "date") before the previous step's date,
//     "reuse.step_date_future" (field "date") after today.
Status CheckReuseStep(std::span<const ReuseStepDone> done, int step, Date date, Date today);

// --- eligibility (差异化的分类管理) ---

enum class ReuseEligibility : uint8_t {
  kAllowed,   // may be proposed
  kOverride,  // only with an explicit override, its reason, approved by a leader
  kExcluded,  // may not be proposed at all
};
std::string_view ReuseEligibilityCode(ReuseEligibility level);   // "allowed" | "override" | …
std::string_view ReuseEligibilityLabel(ReuseEligibility level);  // "可以提出" …
std::optional<ReuseEligibility> ReuseEligibilityFromCode(std::string_view code);

inline constexpr int64_t kDefaultReuseDocumentBytes = int64_t{10} * 1024 * 1024;
inline constexpr int64_t kMaxReuseDocumentBytes = int64_t{50} * 1024 * 1024;

// The policy: per measure kind (catalogue code) and per violation category (discipline code).
// An entry not listed takes `unknown_measure` / kAllowed. The heaviest level of any measure or
// category on record decides.
struct ReusePolicy {
  std::map<std::string, ReuseEligibility, std::less<>> measures;
  std::map<std::string, ReuseEligibility, std::less<>> disciplines;
  ReuseEligibility unknown_measure = ReuseEligibility::kOverride;
  int64_t max_document_bytes = kDefaultReuseDocumentBytes;

  friend bool operator==(const ReusePolicy&, const ReusePolicy&) = default;
};

// The shipped default (a practice default, editable): first-form measures, light sanctions
// (警告、严重警告、政务警告、记过、记大过) and organisational measures allowed; heavier sanctions
// (撤销党内职务、留党察看、降级、撤职) need an override; expulsion (开除党籍、开除) and transfer to
// judicial organs excluded. Every discipline allowed.
ReusePolicy DefaultReusePolicy();

// kInvalidArgument with every problem in details(), the first as the status:
//   "reuse_policy.measure_unknown" (measures.<code>) for a code `known_measures` lacks;
//   "reuse_policy.discipline_unknown" (disciplines.<code>);
//   "reuse_policy.document_size" (max_document_bytes) outside 1 … kMaxReuseDocumentBytes.
Status ValidateReusePolicy(const ReusePolicy& policy,
                           const std::function<bool(std::string_view)>& known_measure,
                           const std::function<bool(std::string_view)>& known_discipline);

// One measure on record (not revoked), with its case's violation category.
struct DispositionItem {
  std::string measure_code;
  std::string measure_name;  // "撤职"
  std::string discipline_code;
  std::string discipline_name;  // "廉洁纪律"
  std::string ref;              // "measure:12"
};

struct EligibilityFinding {
  ReuseEligibility level = ReuseEligibility::kAllowed;
  std::string reason;  // "reuse.override_required" | "reuse.ineligible"
  std::string message;
  std::string ref;
};

struct EligibilityResult {
  ReuseEligibility level = ReuseEligibility::kAllowed;
  std::vector<EligibilityFinding> findings;  // every item not allowed, in input order
};

EligibilityResult AssessReuseEligibility(const ReusePolicy& policy,
                                         std::span<const DispositionItem> items);

// Whether a proposal may go ahead: OK when allowed, or when an override is required and a reason
// is given. kFailedPrecondition "reuse.ineligible" (any excluded item),
// "reuse.override_required" (field "override_reason") otherwise; each finding in details().
Status CheckEligibility(const EligibilityResult& result, std::string_view override_reason);

// --- preconditions (rules.md §7, checked before step 1 and step 4) ---

struct RunningPeriod {
  std::string ref;                   // the measure whose restriction is in force
  std::optional<Date> allowed_from;  // the engine's first free day (nullopt: unknown)
};

struct NewViolation {
  std::string ref;  // the later case
  Date date;        // its decision date
};

struct MentorPeriod {
  std::string ref;  // the assignment
  Date start;
  std::optional<Date> end;                   // last day; nullopt while it runs
  std::vector<std::pair<int, int>> reports;  // (year, half) of the reports on record
};

struct ReuseFacts {
  Date as_of;
  bool has_disposition = false;  // a measure on record that is not revoked
  std::vector<RunningPeriod> running;
  std::vector<std::string> holds;  // refs of the holds (and suspensions) applying on as_of
  std::vector<NewViolation> new_violations;
  int visit_count = 0;
  std::vector<MentorPeriod> mentors;
};

struct PreconditionResult {
  std::string code;   // "reuse.period_running" … (the code of the failure)
  std::string label;  // "影响期已满" …
  bool met = false;
  std::string message;            // why it fails (Chinese), "" when met
  std::vector<std::string> refs;  // the records behind a failure
};

// The six preconditions, always in this order: reuse.no_disposition, reuse.period_running,
// reuse.on_hold, reuse.new_violation, reuse.no_visit, reuse.mentor_report_missing.
std::vector<PreconditionResult> EvaluateReusePreconditions(const ReuseFacts& facts);

// OK when every precondition is met; else kFailedPrecondition "reuse.preconditions" whose
// details() list each failure (field: its first ref, or "preconditions" when `with_refs` is
// false, so that no record is revealed).
Status PreconditionsStatus(std::span<const PreconditionResult> results, bool with_refs);

// A case decided on a day that lies inside another case's influence period: [from, until) of a
// restriction of that other case (rules.md §7 "no new violation during the influence period").
// Without a recorded violation date, the decision date stands for it.
struct CaseWindow {
  std::string case_ref;
  Date from;
  std::optional<Date> until;
};
struct CaseDate {
  std::string case_ref;
  Date date;
};
std::vector<NewViolation> FindNewViolations(std::span<const CaseWindow> windows,
                                            std::span<const CaseDate> cases);

// The half-years (year, half) of a mentoring period that ended before `as_of` (their last day,
// or the assignment's end when earlier, is before as_of) and have no report.
std::vector<std::pair<int, int>> MissingMentorReports(const MentorPeriod& period, Date as_of);

}  // namespace kangfu::domain

#endif  // KANGFU_DOMAIN_REUSE_REUSE_HPP_
