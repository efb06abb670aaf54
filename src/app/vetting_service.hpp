#ifndef KANGFU_APP_VETTING_SERVICE_HPP_
#define KANGFU_APP_VETTING_SERVICE_HPP_

// 党风廉政意见回复 (integrity vetting replies, issue 6; rules.md §5–§7). An organisation department
// files a request: a purpose (提拔, 进一步使用 … mapped to engine actions) and a list of
// candidates. A case manager has the engine draft each candidate's answer class with the records
// and articles behind it (through StatusService, never recomputed here), then confirms or changes
// it (a change needs a reason); a leader approves; the case manager issues the reply letter (.docx,
// GB/T 9704 layout). The deadline is a number of working days (default 5) on the calendar in
// force; the view tells whether the request is overdue.
//
// Who sees what: the commission's roles (kAnswerVetting, kApproveVetting) see drafts, bases and
// reasons; the organisation department (kFileVettingRequests) sees its requests, their state
// and deadline, and the answers once issued — never case facts. A request is visible to an actor
// whose jurisdiction holds the filing organisation; anything else is "vetting.not_found".
//
// Every write is audited in its own transaction with the write ("vetting.file", "vetting.draft",
// "vetting.confirm", "vetting.approve", "vetting.issue"); reads of a request ("vetting.read") and
// of its letter ("vetting.letter") are audited too. `today` is a parameter.
//
// Common errors:
//   kPermissionDenied "auth.forbidden" without the permission named per method;
//   kNotFound "vetting.not_found" (request unknown or outside the jurisdiction),
//     "vetting_candidate.not_found";
//   kConflict "record.stale" (field "version") when the row changed since it was read;
//   kFailedPrecondition "vetting.not_open" / "vetting.not_approved" / "vetting.not_issued" when
//     the request is not in the state the step needs;
//   the audit sink's and the store's errors.

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "app/actor.hpp"
#include "app/audit_sink.hpp"
#include "app/status_service.hpp"
#include "core/status.hpp"
#include "domain/aftercare/calendar.hpp"
#include "storage/store.hpp"

namespace kangfu::app {

inline constexpr int kDefaultVettingDeadlineDays = 5;
// The longest wording of one answer a case manager may confirm (characters, not bytes): a reply
// letter's table cell, not a report.
inline constexpr std::size_t kMaxVettingStatementChars = 500;

// Candidates in one request (StatusService drafts at most this many in one batch).
inline constexpr std::size_t kMaxVettingCandidates = kMaxBatchPersons;

// The engine actions a purpose asks about; empty for an unknown code. promotion, further_use,
// rank_promotion → promote (选任条例: 提拔职务、晋升职级或进一步使用); commendation (评优评先) →
// promote (practice: no separate engine action); nomination (推荐党代表、人大代表、政协委员) →
// promote and party_rights (被选举权); transfer (交流任职) → equal_post and leadership_post.
std::vector<domain::Action> VettingPurposeActions(std::string_view purpose);
std::string_view VettingPurposeLabel(std::string_view purpose);  // "提拔" …; "" when unknown
// "未发现影响使用的问题" … (rules.md §7); "" when unknown.
std::string_view VettingAnswerLabel(std::string_view answer_class);
std::string_view VettingStateLabel(std::string_view state);  // "办理中" …

struct VettingFiling {
  std::string purpose;
  std::string requester;                     // 主送机关 of the reply (the department's name)
  std::string request_ref;                   // the request's document number, optional
  std::optional<domain::Date> request_date;  // default: today
  std::vector<PersonRef> candidates;         // in order; line i + 1
};

// A line of the candidate list that was not taken, with why (not fatal to the filing).
struct VettingRejection {
  int line = 0;
  std::string input;  // the ID number or "#<person id>" as given
  Status status;      // person.not_found, vetting.duplicate_candidate, id_number.* …
};

struct VettingCandidateView {
  storage::VettingCandidateRow row;
  std::string name;
  std::string id_number;
  std::string unit_name;
  std::string post;
};

struct VettingView {
  storage::VettingRequestRow request;
  std::vector<VettingCandidateView> candidates;  // empty in lists
  int candidate_count = 0;
  int confirmed_count = 0;
  // Drafts, bases, reasons and who confirmed (the commission's roles only).
  bool facts_included = false;
  // The confirmed answers: the commission's roles, or anyone once the reply is issued.
  bool answers_included = false;
  // Not issued and today is after the deadline, or issued after the deadline.
  bool overdue = false;
  // Working days from the request date to the issue date (or today); nullopt when the calendar
  // does not cover a year of that span.
  std::optional<int> working_days;
};

struct VettingFiled {
  VettingView view;
  std::vector<VettingRejection> rejected;
};

// The ID numbers of an uploaded candidate list, with the spreadsheet row of each.
struct CandidateTable {
  std::vector<std::string> id_numbers;
  std::vector<int> rows;  // 1-based, as Excel shows them; same order
};

// Reads a candidate list from an .xlsx (first sheet) or .csv: the column headed 身份证号码 (also
// 身份证号, 公民身份号码, id_number) in the first row that has such a header; the rows below it,
// blank cells skipped, "x" upper-cased. Errors: office::ReadTable's ("xlsx.not_zip",
// "csv.encoding", "table.too_large" …, field "file"); kInvalidArgument "vetting.table_no_id_column"
// (file) when no header names the column; "vetting.batch_size" when it lists more than
// kMaxVettingCandidates numbers. Pure: no store, no actor.
Result<CandidateTable> ReadCandidateTable(std::string_view bytes);

class VettingService {
 public:
  // Everything referenced must outlive the service. One service per Store (one thread).
  VettingService(storage::Store& store, StatusService& status, const domain::WorkCalendar& calendar,
                 AuditSink& audit, int deadline_days = kDefaultVettingDeadlineDays)
      : store_(&store),
        status_(&status),
        calendar_(&calendar),
        audit_(&audit),
        deadline_days_(deadline_days) {}

  // kFileVettingRequests. Files for the actor's jurisdiction organisation. kInvalidArgument
  // "vetting.purpose_invalid" (purpose), "vetting.requester_required" (requester),
  // "vetting.request_date" (after today), "vetting.batch_size" (candidates: none or more than
  // kMaxVettingCandidates), "vetting.no_candidates" (no line could be taken);
  // "calendar.year_not_covered" when the deadline cannot be computed. Lines naming an unknown
  // person, a person outside the jurisdiction (both "person.not_found") or a repeated person
  // ("vetting.duplicate_candidate") are returned in `rejected`, field "candidates[i]".
  Result<VettingFiled> File(const Actor& actor, const VettingFiling& filing, domain::Date today);

  // Any of the three permissions. The requests of the jurisdiction, newest first (without
  // candidate rows; counts filled). overdue_only keeps the overdue ones.
  Result<std::vector<VettingView>> List(const Actor& actor, bool overdue_only, domain::Date today);
  // Any of the three permissions. One request with its candidates.
  Result<VettingView> Get(const Actor& actor, storage::RowId id, domain::Date today);

  // kAnswerVetting; state open. Drafts (or re-drafts) every candidate's answer from the engine's
  // verdicts on `today` for the purpose's actions; a re-draft clears earlier confirmations.
  Result<VettingView> Draft(const Actor& actor, storage::RowId id, domain::Date today);
  // kAnswerVetting; state open. Confirms the candidate (read at `version`) with `answer` and
  // the wording the letter prints: `statement` when given (reworded by the case manager), else
  // the drafted wording. kFailedPrecondition "vetting.not_drafted"; kInvalidArgument
  // "vetting.answer_invalid" (answer), "vetting.reason_required" (reason) when the answer
  // differs from the draft, "vetting.statement_required" / "vetting.statement_too_long"
  // (statement: blank, or more than kMaxVettingStatementChars characters).
  Result<VettingView> Confirm(const Actor& actor, storage::RowId id, storage::RowId candidate_id,
                              int64_t version, const std::string& answer, const std::string& reason,
                              domain::Date today,
                              const std::optional<std::string>& statement = std::nullopt);
  // kApproveVetting; state open, request read at `version`. kFailedPrecondition
  // "vetting.unconfirmed" while a candidate's answer is not confirmed.
  Result<VettingView> Approve(const Actor& actor, storage::RowId id, int64_t version,
                              domain::Date today);
  // kAnswerVetting; state approved. kInvalidArgument "vetting.letter_number_required"
  // (letter_number). `issuer` (发文机关) defaults to the name of the actor's jurisdiction.
  Result<VettingView> Issue(const Actor& actor, storage::RowId id, int64_t version,
                            const std::string& letter_number, const std::string& issuer,
                            domain::Date today);
  // Any of the three permissions; state issued. The reply letter as .docx bytes. Without
  // `red_header` the 发文机关标志 (red organ mark and red line) is left out, for printing on
  // pre-printed letterhead paper; the document number, the text and the signature are the same.
  Result<std::string> Letter(const Actor& actor, storage::RowId id, bool red_header = true);

 private:
  Status RequireAny(const Actor& actor) const;
  // The request when its filing organisation lies in the jurisdiction.
  Result<storage::VettingRequestRow> RequestFor(const Actor& actor, storage::RowId id);
  Result<VettingView> BuildView(const Actor& actor, const storage::VettingRequestRow& request,
                                bool with_candidates, domain::Date today);
  Status Audit(const Actor& actor, const char* action, storage::RowId id, std::string before,
               std::string after);

  storage::Store* store_;
  StatusService* status_;
  const domain::WorkCalendar* calendar_;
  AuditSink* audit_;
  int deadline_days_;
  std::unordered_map<storage::RowId, std::string> org_names_;  // unit names, per call
};

}  // namespace kangfu::app

#endif  // KANGFU_APP_VETTING_SERVICE_HPP_
