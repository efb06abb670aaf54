#ifndef KANGFU_APP_OVERSIGHT_SERVICE_HPP_
#define KANGFU_APP_OVERSIGHT_SERVICE_HPP_

// Clues, talks, clearing names and fault tolerance (问题线索、约谈/谈心谈话、澄清正名、容错纠错;
// issue 6, rules.md §5–§6). The rules are domain/oversight/oversight.hpp; here a request becomes a
// transaction: permission, jurisdiction, the rules, the write, the audit entry.
//
// - A clue under 初步核实 puts the person on hold (rules.md §5): the Hold (kind
//   clue_verification) is opened from the handling decision's date in the same transaction as
//   the clue write, and closed (last day: the day before) when the clue is concluded or handled
//   otherwise. A 谈话函询 reply is due `reply_days` working days after the decision (policy, 15 by
//   default) on the calendar in force; a clue whose reply is late is "overdue".
// - A 免责 fault-tolerance decision on a measure makes the engine treat that measure as producing
//   no restriction from its start (StatusService reads the decisions; see app/history.hpp).
//
// Who may do what (app/actor.cpp): kWriteOversight (案件监督管理) registers and handles clues and
// records clearances and fault tolerance; kReadOversight (案件监督管理, 领导) reads them;
// kWriteInterviews (案件监督管理, 单位党组织) records talks, kReadInterviews (those and 领导) reads
// them. The organisation department and the administrators get none of these facts. Every record
// names an organisation (organ_id) that must lie in the actor's jurisdiction, and every person it
// concerns must belong to a unit in it; anything outside is "…not_found" (existence is not
// revealed).
//
// Every write is audited with the rows before and after in its transaction ("clue.create",
// "clue.update", "hold.open", "hold.close", "interview.create", "interview.update",
// "clearance.create", "clearance.update", "fault_tolerance.create", "fault_tolerance.update"), and
// so is every read ("clue.read" …, "oversight.list", "oversight.person"). Writes are
// all-or-nothing: a refused request writes nothing.
//
// Common errors:
//   kPermissionDenied "auth.forbidden" without the permission named per method;
//   kNotFound "person.not_found" (person_id, persons[i].person_id), "organisation.not_found"
//     (organ_id, org_id, persons[i].led_org_id), "clue.not_found", "interview.not_found",
//     "clearance.not_found", "fault_tolerance.not_found" (unknown or outside the jurisdiction);
//   kConflict "record.stale" (field "version");
//   the domain's kInvalidArgument errors (ValidateClue, ValidateInterview, ValidateClearance,
//     ValidateFaultTolerance), with their fields;
//   lists: kInvalidArgument "page.number" (page), "page.size" (page_size);
//   the audit sink's and the store's errors.

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/actor.hpp"
#include "app/audit_sink.hpp"
#include "core/status.hpp"
#include "domain/aftercare/calendar.hpp"
#include "domain/oversight/oversight.hpp"
#include "storage/store.hpp"

namespace kangfu::app {

// Filters of the lists (all optional). Lists are newest first.
struct OversightListQuery {
  storage::RowId org_id = 0;  // narrow to this organisation's subtree; 0 = whole jurisdiction
  storage::RowId person_id = 0;
  std::optional<domain::Date> from{};
  std::optional<domain::Date> to{};
  std::string kind{};           // clue handling, talk kind, clearance conclusion, decision
  std::string state{};          // clues: registered | in_progress | concluded
  bool overdue = false;         // clues: 谈话函询 replies overdue today
  bool principal_only = false;  // talks with a 一把手
  int64_t page = 1;             // from 1
  int64_t page_size = 20;       // 1..kMaxPageSize (list_service.hpp)
};

struct ClueView {
  storage::ClueRow row;
  std::string person_name;
  std::string organ_name;
  bool reply_overdue = false;
};

struct InterviewView {
  storage::InterviewRow row;
  std::string organ_name;
  std::vector<std::string> person_names;  // same order as row.interviewees
};

struct ClearanceView {
  storage::ClearanceRow row;
  std::string person_name;
  std::string organ_name;
};

struct FaultToleranceView {
  storage::FaultToleranceRow row;
  std::string person_name;
  std::string organ_name;
  std::string measure_kind;     // catalogue code of measure_id ("" for none)
  std::string decision_number;  // 文号 of the measure's case ("" for none)
};

template <typename View>
struct OversightList {
  std::vector<View> items;
  int64_t total = 0;
  int64_t page = 1;
  int64_t page_size = 20;
};

// A person's oversight records; each list is filled only for an actor who may read it.
struct PersonOversight {
  storage::RowId person_id = 0;
  bool clues_included = false;  // clues, clearances and fault tolerance (kReadOversight)
  bool interviews_included = false;
  std::vector<ClueView> clues;
  std::vector<InterviewView> interviews;
  std::vector<ClearanceView> clearances;
  std::vector<FaultToleranceView> fault_tolerance;
};

class OversightService {
 public:
  // Everything referenced must outlive the service. One service per Store (one thread).
  OversightService(storage::Store& store, const domain::WorkCalendar& calendar, AuditSink& audit,
                   int reply_days = domain::oversight::kDefaultInquiryReplyWorkingDays)
      : store_(&store), calendar_(&calendar), audit_(&audit), reply_days_(reply_days) {}

  // --- 问题线索 (kWriteOversight to write, kReadOversight to read) ---
  // Registers `input` (id, version, state, reply_due, hold_id and registered_by are set here).
  // A 予以了结 decision concludes the clue on its date. "calendar.year_not_covered" when the
  // reply due day cannot be computed.
  Result<ClueView> RegisterClue(const Actor& actor, const storage::ClueRow& input,
                                domain::Date today);
  // Replaces the editable fields of the clue read at `version` (not the person) and opens or
  // closes its hold as the rules require.
  Result<ClueView> UpdateClue(const Actor& actor, storage::RowId id, int64_t version,
                              const storage::ClueRow& input, domain::Date today);
  Result<ClueView> GetClue(const Actor& actor, storage::RowId id, domain::Date today);
  Result<OversightList<ClueView>> ListClues(const Actor& actor, const OversightListQuery& query,
                                            domain::Date today);

  // --- 约谈 / 谈心谈话 (kWriteInterviews / kReadInterviews) ---
  // "account.not_found" (interviewers[i].account_id) for an unknown account; an interviewer
  // given by account takes the account's display name when no name is given.
  Result<InterviewView> RecordInterview(const Actor& actor, const storage::InterviewRow& input,
                                        domain::Date today);
  Result<InterviewView> UpdateInterview(const Actor& actor, storage::RowId id, int64_t version,
                                        const storage::InterviewRow& input, domain::Date today);
  Result<InterviewView> GetInterview(const Actor& actor, storage::RowId id);
  Result<OversightList<InterviewView>> ListInterviews(const Actor& actor,
                                                      const OversightListQuery& query);

  // --- 澄清正名 (kWriteOversight / kReadOversight) ---
  // Methods are normalised (书面 always, each once). A linked clue must concern the same person
  // (kInvalidArgument "clearance.clue_other_person", field clue_id) and be concluded
  // (kFailedPrecondition "clearance.clue_not_concluded", field clue_id).
  Result<ClearanceView> RecordClearance(const Actor& actor, const storage::ClearanceRow& input,
                                        domain::Date today);
  Result<ClearanceView> UpdateClearance(const Actor& actor, storage::RowId id, int64_t version,
                                        const storage::ClearanceRow& input, domain::Date today);
  Result<ClearanceView> GetClearance(const Actor& actor, storage::RowId id);
  Result<OversightList<ClearanceView>> ListClearances(const Actor& actor,
                                                      const OversightListQuery& query);

  // --- 容错纠错 (kWriteOversight / kReadOversight) ---
  // A measure or clue named must concern the same person (kInvalidArgument
  // "fault_tolerance.measure_other_person" / "fault_tolerance.clue_other_person"); the decision
  // cannot precede the measure's effective date ("fault_tolerance.date_before_measure", field
  // date). "measure.not_found" (measure_id).
  Result<FaultToleranceView> RecordFaultTolerance(const Actor& actor,
                                                  const storage::FaultToleranceRow& input,
                                                  domain::Date today);
  Result<FaultToleranceView> UpdateFaultTolerance(const Actor& actor, storage::RowId id,
                                                  int64_t version,
                                                  const storage::FaultToleranceRow& input,
                                                  domain::Date today);
  Result<FaultToleranceView> GetFaultTolerance(const Actor& actor, storage::RowId id);
  Result<OversightList<FaultToleranceView>> ListFaultTolerance(const Actor& actor,
                                                               const OversightListQuery& query);

  // kReadOversight or kReadInterviews. Everything the actor may read about the person (each
  // list at most 1,000 records, newest first). Audit "oversight.person".
  Result<PersonOversight> PersonRecords(const Actor& actor, storage::RowId person_id,
                                        domain::Date today);

 private:
  Status RequireOrgan(const Actor& actor, storage::RowId organ_id, const std::string& field);
  Result<storage::Person> RequirePerson(const Actor& actor, storage::RowId person_id,
                                        const std::string& field);
  Result<storage::OversightQuery> StoreQuery(const Actor& actor, const OversightListQuery& query);
  Status Audit(const Actor& actor, const std::string& action, const std::string& type,
               storage::RowId id, std::string before, std::string after);
  // Clues: validation, reply due and state; then the hold.
  Status PrepareClue(storage::ClueRow& row, domain::Date today);
  Status SyncClueHold(const Actor& actor, storage::ClueRow& row);
  Status CheckClearance(const Actor& actor, storage::ClearanceRow& row, domain::Date today);
  Status CheckFaultTolerance(const Actor& actor, const storage::FaultToleranceRow& row,
                             domain::Date today);
  Status CheckInterview(const Actor& actor, storage::InterviewRow& row, domain::Date today);
  Result<ClueView> ClueViewOf(const storage::ClueRow& row, domain::Date today);
  Result<InterviewView> InterviewViewOf(const storage::InterviewRow& row);
  Result<ClearanceView> ClearanceViewOf(const storage::ClearanceRow& row);
  Result<FaultToleranceView> FaultToleranceViewOf(const storage::FaultToleranceRow& row);
  Result<storage::Organisation> Org(storage::RowId id);
  Result<std::string> PersonName(storage::RowId id);
  // kNotFound `missing` unless the record's organ lies in the jurisdiction.
  Status Visible(const Actor& actor, storage::RowId organ_id, const Status& missing);

  storage::Store* store_;
  const domain::WorkCalendar* calendar_;
  AuditSink* audit_;
  int reply_days_;
  // Per call.
  std::unordered_map<storage::RowId, storage::Organisation> orgs_;
  std::unordered_map<storage::RowId, std::string> person_names_;
};

}  // namespace kangfu::app

#endif  // KANGFU_APP_OVERSIGHT_SERVICE_HPP_
