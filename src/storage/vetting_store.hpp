#ifndef KANGFU_STORAGE_VETTING_STORE_HPP_
#define KANGFU_STORAGE_VETTING_STORE_HPP_

// The integrity-vetting part of the storage port (党风廉政意见回复, issue 6): requests and their
// candidates. Reached through Store::Vetting(); it shares the Store's connection and
// transactions, so that writes here and an audit entry commit or roll back together, and a
// failure here dooms an enclosing Store::InTransaction like any other write.
//
// Errors (beyond those named per method): as Store (kUnavailable, kInternal); kInvalidArgument
// "record.invalid" when the database refuses a value (an unknown code, an empty requester);
// kConflict "record.stale" (field "version") when an update carries a version other than the
// stored one.

#include <vector>

#include "core/status.hpp"
#include "storage/vetting_records.hpp"

namespace kangfu::storage {

class VettingStore {
 public:
  virtual ~VettingStore() = default;
  VettingStore(const VettingStore&) = delete;
  VettingStore& operator=(const VettingStore&) = delete;

  // Returns the request with id and version 1. kNotFound "organisation.not_found" (field
  // filing_org), "account.not_found" (field filed_by).
  virtual Result<VettingRequestRow> AddVettingRequest(const VettingRequestRow& request) = 0;
  // kNotFound "vetting.not_found".
  virtual Result<VettingRequestRow> GetVettingRequest(RowId id) = 0;
  // Updates state, approved_by/on, issued_by/on, letter_number and issuer. kNotFound
  // "vetting.not_found".
  virtual Result<VettingRequestRow> UpdateVettingRequest(const VettingRequestRow& request) = 0;
  // The requests filed by organisations in the subtree of `root_org_id`, newest first (by
  // request_date, then id, descending). kNotFound "organisation.not_found" (field root_org_id).
  virtual Result<std::vector<VettingRequestRow>> ListVettingRequests(RowId root_org_id) = 0;

  // Returns the candidate with id and version 1. kNotFound "vetting.not_found" (field
  // request_id), "person.not_found" (field person_id); kAlreadyExists
  // "vetting.duplicate_candidate" (field person_id) when the request names the person already.
  virtual Result<VettingCandidateRow> AddVettingCandidate(const VettingCandidateRow& candidate) = 0;
  // kNotFound "vetting_candidate.not_found".
  virtual Result<VettingCandidateRow> GetVettingCandidate(RowId id) = 0;
  // Updates the draft and the confirmation (every field but request_id, person_id and line).
  // kNotFound "vetting_candidate.not_found".
  virtual Result<VettingCandidateRow> UpdateVettingCandidate(
      const VettingCandidateRow& candidate) = 0;
  // A request's candidates by (line, id); empty for an unknown request.
  virtual Result<std::vector<VettingCandidateRow>> ListVettingCandidates(RowId request_id) = 0;

 protected:
  VettingStore() = default;
};

}  // namespace kangfu::storage

#endif  // KANGFU_STORAGE_VETTING_STORE_HPP_
