#ifndef KANGFU_STORAGE_REUSE_STORE_HPP_
#define KANGFU_STORAGE_REUSE_STORE_HPP_

// The re-use part of the storage port (重新使用, issue 6): files, their steps and documents, the
// annual assessments of a person and the eligibility policy. Reached through Store::Reuse(); it
// shares the Store's connection and transactions, so that writes here and an audit entry commit
// or roll back together, and a failure here dooms an enclosing Store::InTransaction.
//
// Errors (beyond those named per method): as Store (kUnavailable, kInternal); kInvalidArgument
// "record.invalid" when the database refuses a value; kConflict "record.stale" (field "version")
// when an update carries a version other than the stored one.

#include <optional>
#include <vector>

#include "core/status.hpp"
#include "storage/reuse_records.hpp"

namespace kangfu::storage {

class ReuseStore {
 public:
  virtual ~ReuseStore() = default;
  ReuseStore(const ReuseStore&) = delete;
  ReuseStore& operator=(const ReuseStore&) = delete;

  // Returns the file with id and version 1. kNotFound "person.not_found" (person_id),
  // "organisation.not_found" (org_id), "account.not_found" (opened_by); kAlreadyExists
  // "reuse.file_open" (person_id) when the person has an open file (only one at a time).
  virtual Result<ReuseFileRow> AddReuseFile(const ReuseFileRow& file) = 0;
  // kNotFound "reuse.not_found".
  virtual Result<ReuseFileRow> GetReuseFile(RowId id) = 0;
  // Updates state, the override members and the closing members. kNotFound "reuse.not_found".
  virtual Result<ReuseFileRow> UpdateReuseFile(const ReuseFileRow& file) = 0;
  // The files of persons whose unit lies in the subtree of `root_org_id`, newest first (by
  // opened_on, then id, descending). kNotFound "organisation.not_found" (root_org_id).
  virtual Result<std::vector<ReuseFileRow>> ListReuseFiles(RowId root_org_id) = 0;

  // Returns the step with id and version 1. kNotFound "reuse.not_found" (file_id);
  // kAlreadyExists "reuse.step_done" (step) when the file has this step.
  virtual Result<ReuseStepRow> AddReuseStep(const ReuseStepRow& step) = 0;
  // Updates organ, date, opinion, document_id and details. kNotFound "reuse_step.not_found".
  virtual Result<ReuseStepRow> UpdateReuseStep(const ReuseStepRow& step) = 0;
  // A file's steps by step number; empty for an unknown file.
  virtual Result<std::vector<ReuseStepRow>> ListReuseSteps(RowId file_id) = 0;

  // Stores the document with its bytes; returns it with id (bytes kept). kNotFound
  // "reuse.not_found" (file_id).
  virtual Result<ReuseDocumentRow> AddReuseDocument(const ReuseDocumentRow& document) = 0;
  // With its bytes. kNotFound "reuse_document.not_found".
  virtual Result<ReuseDocumentRow> GetReuseDocument(RowId id) = 0;
  // A file's documents by id, without their bytes.
  virtual Result<std::vector<ReuseDocumentRow>> ListReuseDocuments(RowId file_id) = 0;

  // kNotFound "person.not_found"; kAlreadyExists "reuse_assessment.duplicate" (year) when the
  // person has a result for that year.
  virtual Result<ReuseAssessmentRow> AddReuseAssessment(const ReuseAssessmentRow& row) = 0;
  // A person's results by year.
  virtual Result<std::vector<ReuseAssessmentRow>> ListReuseAssessments(RowId person_id) = 0;

  // nullopt when no administrator stored one.
  virtual Result<std::optional<ReusePolicyRow>> GetReusePolicy() = 0;
  // version 0: the first copy (kAlreadyExists "setting.exists" when one is stored); otherwise the
  // version read (kConflict "record.stale"). Returns it with the new version.
  virtual Result<ReusePolicyRow> PutReusePolicy(const ReusePolicyRow& policy) = 0;

 protected:
  ReuseStore() = default;
};

}  // namespace kangfu::storage

#endif  // KANGFU_STORAGE_REUSE_STORE_HPP_
