#ifndef KANGFU_APP_PERSON_SERVICE_HPP_
#define KANGFU_APP_PERSON_SERVICE_HPP_

// Persons (cadres) on record: creating and editing them, and reading a person's whole file
// (the person, every case with its measures, every hold). Every write checks
// Permission::kWriteCases and the jurisdiction and is audited with its before/after state in the
// same transaction; every read of a file checks Permission::kReadCaseFacts and is audited
// ("person.read") before the file is returned.
//
// Common errors:
//   kPermissionDenied "auth.forbidden" without the permission;
//   kNotFound "person.not_found" (field "id") when the person does not exist or the person's
//     unit lies outside the actor's jurisdiction (existence is not revealed);
//   the audit sink's error (nothing is written or returned then).

#include <cstdint>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/audit_sink.hpp"
#include "app/case_service.hpp"
#include "core/status.hpp"
#include "storage/store.hpp"

namespace kangfu::app {

// The editable members of a person, as entered.
struct PersonInput {
  std::string id_number;
  std::string name;
  storage::RowId unit_id = 0;
  std::string post;
  std::string post_level;
  bool party_member = false;
  bool civil_servant = false;
  bool leading_cadre = false;
};

// Everything on record about one person.
struct PersonFile {
  storage::Person person;
  storage::Organisation unit;
  std::vector<RecordedCase> cases;   // by decision date, then id; measures in store order
  std::vector<storage::Hold> holds;  // by start date, then id
  // 容错纠错 decisions and 澄清正名 records, oldest first; only for readers of oversight records
  // (Permission::kReadOversight), empty otherwise.
  std::vector<storage::FaultToleranceRow> fault_tolerance;
  std::vector<storage::ClearanceRow> clearances;
};

class PersonService {
 public:
  // `store` and `audit` must outlive the service. One service per Store (one thread).
  PersonService(storage::Store& store, AuditSink& audit) : store_(&store), audit_(&audit) {}

  // Validates the input without touching the database: kInvalidArgument "person.name_empty"
  // (field "name"), then domain::ValidateIdNumber's errors (field "id_number").
  static Status Validate(const PersonInput& input);

  // Stores a new person (version 1); audit "person.create" with the row after. Also:
  //   kNotFound "organisation.not_found" (field "unit_id") for a unit that does not exist or
  //     lies outside the jurisdiction;
  //   kAlreadyExists "person.id_number_taken" (field "id_number").
  Result<storage::Person> Create(const Actor& actor, const PersonInput& input);

  // Replaces every editable member of the person read at `version`; audit "person.update" with
  // the rows before and after. Errors as Create, plus kNotFound "person.not_found" (field "id")
  // and kConflict "record.stale" (field "version") when the person changed since it was read.
  Result<storage::Person> Update(const Actor& actor, storage::RowId id, int64_t version,
                                 const PersonInput& input);

  // The person's file; audit "person.read". Errors: kPermissionDenied without kReadCaseFacts,
  // kNotFound "person.not_found" (field "id").
  Result<PersonFile> ReadFile(const Actor& actor, storage::RowId id);

 private:
  // The person, when it exists and its unit lies in the jurisdiction; its unit in `unit`.
  Result<storage::Person> PersonInJurisdiction(const Actor& actor, storage::RowId id,
                                               storage::Organisation* unit);
  // The organisation `unit_id`, when it exists and lies in the jurisdiction.
  Result<storage::Organisation> UnitInJurisdiction(const Actor& actor, storage::RowId unit_id);

  storage::Store* store_;
  AuditSink* audit_;
};

}  // namespace kangfu::app

#endif  // KANGFU_APP_PERSON_SERVICE_HPP_
