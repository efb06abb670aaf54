#ifndef KANGFU_STORAGE_OVERSIGHT_STORE_HPP_
#define KANGFU_STORAGE_OVERSIGHT_STORE_HPP_

// The oversight part of the storage port (clues, talks, clearances, fault tolerance; issue 6).
// Reached through Store::Oversight(); it shares the Store's connection and transactions, so that
// a clue and the hold it opens or closes, and the audit entry, commit or roll back together, and a
// failure here dooms an enclosing Store::InTransaction like any other write.
//
// Errors (beyond those named per method): as Store (kUnavailable, kInternal); kInvalidArgument
// "record.invalid" when the database refuses a value (an unknown code, an empty summary);
// kNotFound "person.not_found" (field person_id / persons[i].person_id), "organisation.not_found"
// (organ_id, root_org_id, persons[i].led_org_id) for a missing reference; kConflict "record.stale"
// (field "version") when an update carries a version other than the stored one; list queries:
// kInvalidArgument "page.limit" unless 1 <= limit <= 1000, "page.offset" when negative.

#include <span>
#include <vector>

#include "core/status.hpp"
#include "storage/oversight_records.hpp"

namespace kangfu::storage {

class OversightStore {
 public:
  virtual ~OversightStore() = default;
  OversightStore(const OversightStore&) = delete;
  OversightStore& operator=(const OversightStore&) = delete;

  // --- clues ---
  // Returns the clue with id and version 1. Also kNotFound "hold.not_found" (hold_id).
  virtual Result<ClueRow> AddClue(const ClueRow& clue) = 0;
  // kNotFound "clue.not_found".
  virtual Result<ClueRow> GetClue(RowId id) = 0;
  // Updates every field but person_id and registered_by. kNotFound "clue.not_found".
  virtual Result<ClueRow> UpdateClue(const ClueRow& clue) = 0;
  // Filters: person_id, received in [from, to], kind = handling, state, overdue_on.
  virtual Result<OversightPage<ClueRow>> ListClues(const OversightQuery& query) = 0;

  // --- talks ---
  // kNotFound "account.not_found" (interviewers[i].account_id) as well.
  virtual Result<InterviewRow> AddInterview(const InterviewRow& interview) = 0;
  // kNotFound "interview.not_found".
  virtual Result<InterviewRow> GetInterview(RowId id) = 0;
  // Replaces every field (the lists too) but recorded_by. kNotFound "interview.not_found".
  virtual Result<InterviewRow> UpdateInterview(const InterviewRow& interview) = 0;
  // Filters: person_id (talked with), date in [from, to], kind, principal_only.
  virtual Result<OversightPage<InterviewRow>> ListInterviews(const OversightQuery& query) = 0;

  // --- clearances ---
  // kNotFound "clue.not_found" (clue_id) as well.
  virtual Result<ClearanceRow> AddClearance(const ClearanceRow& clearance) = 0;
  // kNotFound "clearance.not_found".
  virtual Result<ClearanceRow> GetClearance(RowId id) = 0;
  // Replaces every field but person_id and recorded_by. kNotFound "clearance.not_found".
  virtual Result<ClearanceRow> UpdateClearance(const ClearanceRow& clearance) = 0;
  // Filters: person_id, date in [from, to], kind = conclusion.
  virtual Result<OversightPage<ClearanceRow>> ListClearances(const OversightQuery& query) = 0;
  // Every clearance of the person wherever it was recorded, oldest first (by date, then id), with
  // its allegations; vetting answers cite them. Empty for an unknown person.
  virtual Result<std::vector<ClearanceRow>> ClearancesOfPerson(RowId person_id) = 0;

  // --- fault tolerance ---
  // kNotFound "measure.not_found" (measure_id), "clue.not_found" (clue_id) as well.
  virtual Result<FaultToleranceRow> AddFaultTolerance(const FaultToleranceRow& record) = 0;
  // kNotFound "fault_tolerance.not_found".
  virtual Result<FaultToleranceRow> GetFaultTolerance(RowId id) = 0;
  // Replaces every field but person_id and recorded_by. kNotFound "fault_tolerance.not_found".
  virtual Result<FaultToleranceRow> UpdateFaultTolerance(const FaultToleranceRow& record) = 0;
  // Filters: person_id, date in [from, to], kind = decision.
  virtual Result<OversightPage<FaultToleranceRow>> ListFaultTolerance(
      const OversightQuery& query) = 0;
  // Every fault-tolerance decision about the person, oldest first (by date, then id); the
  // engine's input reads the 免责 decisions on measures from here. Empty for an unknown person.
  virtual Result<std::vector<FaultToleranceRow>> FaultToleranceOfPerson(RowId person_id) = 0;
  // FaultToleranceOfPerson for many persons in one set query (a bulk replan): ordered by person,
  // then as FaultToleranceOfPerson. Unknown persons simply have no rows.
  virtual Result<std::vector<FaultToleranceRow>> FaultToleranceOfPersons(
      std::span<const RowId> person_ids) = 0;

 protected:
  OversightStore() = default;
};

}  // namespace kangfu::storage

#endif  // KANGFU_STORAGE_OVERSIGHT_STORE_HPP_
